"""Campaigns folded to one name, events, industries: positives and look-alikes."""

from __future__ import annotations

import pytest

from kg.extract.campaign_matcher import MECHANIZATION, TECHNICAL_REVOLUTION
from kg.records import EntityType


def canonical(mentions, text, label):  # noqa: ANN001
    return [name for _, name in mentions(text, label, "canonical")]


@pytest.mark.parametrize("text, expected", [
    ("掀起技术革新和技术革命的群众运动", [TECHNICAL_REVOLUTION]),
    ("以机械化半机械化为中心的技术革新和技术革命运动", [TECHNICAL_REVOLUTION]),
    ("群众性的技术革新运动已经出现", [TECHNICAL_REVOLUTION]),
    ("双革运动在全省展开", [TECHNICAL_REVOLUTION]),
    ("开展一个手工操作机械化半机械化的全民运动", [MECHANIZATION]),
    ("经过两年的大跃进", ["大跃进"]),
    ("整风运动的胜利", ["整风运动"]),
    ("农村中掀起的改良农具运动", ["改良农具运动"]),
    ("技木革新运动", [TECHNICAL_REVOLUTION]),   # OCR 木 for 术
])
def test_campaign_matcher_folds_variants(mentions, text, expected):
    assert canonical(mentions, text, EntityType.CAMPAIGN) == expected


def test_campaign_opening_a_line_starts_on_that_line(mentions):
    """The lead-in (群众性的…) is matched back from the name and must not reach over the
    line break before it into the line above (a header line, which is not the source's)."""
    found = mentions("# date: 1960\n技术革新运动开展以后，成绩很大", EntityType.CAMPAIGN,
                     "canonical")
    assert found == [("技术革新运动", TECHNICAL_REVOLUTION)]


@pytest.mark.parametrize("text", [
    "这个运动的发展还是不平衡的",
    "必须大搞群众运动",
    "因而使运动迅速发展",
    "体育运动和运动员",
])
def test_campaign_matcher_rejects_generic_movements(mentions, text):
    assert canonical(mentions, text, EntityType.CAMPAIGN) == []


@pytest.mark.parametrize("text, expected", [
    ("党的八届八中全会以后", ["中共八届八中全会"]),
    ("第八届全国代表大会第二次会议", ["中共八大二次会议"]),
    ("第八届全国代表大会第一次会议", ["中共八大"]),
    # found by tests/ingest/test_fuzz.py: a garbled session numeral crashed with KeyError
    ("第八届全国代表大会第十十次会议", ["中共八大十十次会议"]),
    ("八大的决议", ["中共八大"]),
    ("南宁会议以后", ["南宁会议"]),
    ("在轻工业部技术革新与技术革命誓师大会上", ["轻工业部技术革新和技术革命誓师大会"]),
    ("在鞍山召开全国钢铁生产经验交流大会", ["全国钢铁生产经验交流大会"]),
])
def test_event_matcher_names_meetings(mentions, text, expected):
    assert canonical(mentions, text, EntityType.EVENT) == expected


@pytest.mark.parametrize("text", [
    "召开各种会议",          # no name
    "不断召开现场会议",
    "连破十大关键",          # 十大 is not a party congress
])
def test_event_matcher_rejects_unnamed_meetings(mentions, text):
    assert canonical(mentions, text, EntityType.EVENT) == []


@pytest.mark.parametrize("text, expected", [
    ("造纸工业的机械化程度", ["造纸工业"]),
    ("纺织业和煤炭工业", ["纺织工业", "煤炭工业"]),
    ("钟表机械化程度较高", ["钟表工业"]),
])
def test_industry_matcher_folds_suffixes(mentions, text, expected):
    found = canonical(mentions, text, EntityType.INDUSTRY)
    assert [name for name in found] == expected


@pytest.mark.parametrize("text", [
    "工业生产的发展",          # bare 工业 names no sector
    "开办了业余学校",
    "他的修理业务",
])
def test_industry_matcher_rejects_generic_words(mentions, text):
    assert canonical(mentions, text, EntityType.INDUSTRY) == []
