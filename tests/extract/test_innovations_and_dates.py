"""Innovations tied to an act of innovation, and dates with their ISO values."""

from __future__ import annotations

import pytest

from kg.extract.date_matcher import anchored
from kg.records import EntityType


@pytest.fixture()
def innovations(mentions):
    return lambda text: [name for name, _ in mentions(text, EntityType.INNOVATION, "kind")]


@pytest.mark.parametrize("text, expected", [
    ("试制成功电动装煤机", ["电动装煤机"]),
    ("制成碎石机、木制输送机5台", ["碎石机", "木制输送机"]),
    ("制成原料粉碎机8台，20座全煤气炉", ["原料粉碎机", "全煤气炉"]),
    ("仅自动切面机一项，就节约劳动力30人", ["自动切面机"]),
    ("重大项目如“一机多用”、“无浆制盐”等", ["一机多用", "无浆制盐"]),
    ("采用“快速炼钢法”", ["快速炼钢法"]),
    ("推广了土法烧结法", ["土法烧结法"]),
    ("全部实现了动力电气化", ["动力电气化"]),
    ("运输方面滑坡化、溜槽化等新的装卸方法", ["滑坡化", "溜槽化"]),
])
def test_innovation_matcher_finds_named_devices_and_methods(innovations, text, expected):
    assert innovations(text) == expected


@pytest.mark.parametrize("text", [
    "1,500台缝纫机全部换了新的皮带",       # a product, no act of innovation
    "改进设备、改进工具",                 # generic heads
    "制造和创造了各种简易提水工具",         # a plural of a generic head
    "实现手工操作机械化和半机械化",         # the campaign's aim, not an innovation
    "全部实现了车子化",                   # a slogan
    "自诩“高明”、“照章办事”的工艺师",       # quotes of irony
    "想出了好办法",
])
def test_innovation_matcher_rejects_generic_words(innovations, text):
    assert innovations(text) == []


@pytest.mark.parametrize("text, value, anchor", [
    ("1960年2月25日", "1960-02-25", ""),
    ("一九五九年十月", "1959-10", ""),
    ("1958年", "1958", ""),
    ("2月26日", "--02-26", "0"),
    ("去年", "-", "-1"),
    ("今年三月", "--03", "0"),
    ("1960.3.3", "1960-03-03", ""),
])
def test_date_matcher_reads_dates(nlp, text, value, anchor):
    from kg.extract.charspan import spans_of

    [span] = [s for s in spans_of(nlp(text)) if s.label == EntityType.DATE]
    assert (span.attr("value"), span.attr("anchor")) == (value, anchor)


@pytest.mark.parametrize("value, anchor, year, expected", [
    ("-", -1, 1960, "1959"),
    ("--03", 0, 1960, "1960-03"),
    ("--12", -1, 1960, "1959-12"),
])
def test_anchored_dates_take_the_year_of_writing(value, anchor, year, expected):
    assert anchored(value, anchor, year) == expected


@pytest.mark.parametrize("text", ["十年来", "增长30%以上", "第一个五年计划", "13月40日"])
def test_date_matcher_ignores_durations_and_numbers(nlp, text):
    from kg.extract.charspan import spans_of

    assert [s for s in spans_of(nlp(text)) if s.label == EntityType.DATE] == []


@pytest.mark.parametrize("text", ["十十月0日", "1959年十十月", "去年三四十月", "一九十十年"])
def test_date_matcher_ignores_garbled_numerals(nlp, text):
    """Found by tests/ingest/test_fuzz.py: OCR noise like 十十 crashed number() (KeyError)."""
    from kg.extract.charspan import spans_of

    assert [s for s in spans_of(nlp(text)) if s.label == EntityType.DATE] == []
