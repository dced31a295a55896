"""The working text and its map back to the original characters."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.ingest.normalize import fold, normalize


@pytest.mark.parametrize("original, working", [
    ("輕工業部", "轻工业部"),                          # traditional to simplified
    ("提高１２３％", "提高123%"),                        # full-width digits
    ("技术革新 和技术革命", "技术革新和技术革命"),        # OCR space between Chinese
    ("獻　　給", "献给"),                                # ideographic spaces
    ("从 45.77% 提高到 70%", "从45.77%提高到70%"),       # spaces around numbers
    ("Jiang Qing 江青", "Jiang Qing 江青"),             # spaces between Latin words stay
])
def test_normalize_working_text(original, working):
    assert normalize(original).text == working


def test_normalize_joins_paragraph_cut_at_page_break():
    first = ("在一些主要还是使用比较简陋的生产工具的劳动战线上，"
             "例如农业生产战线上、短途运输战线上、小型水利战线上，技术革新和")
    original = f"{first}\n\n技术革命运动的主要内容还是工具改革。\n\n二、当前的形势\n"
    result = normalize(original)
    assert "技术革新和技术革命运动" in result.text
    assert "工具改革。\n\n二、当前的形势" in result.text
    assert len(result.joins) == 1
    assert original[result.joins[0].start:result.joins[0].end] == "\n\n"


def test_normalize_keeps_titles_apart():
    original = "掀起轻工业技术革新和技术革命的群众运动\n\n献给\n"
    assert normalize(original).joins == ()


def test_normalize_quote_of_a_working_span_is_the_original():
    original = "如吉林紙厂，原因增产要求增2,000人"
    result = normalize(original)
    start = result.text.index("吉林纸厂")
    o_start, o_end = result.offsets.to_original(start, start + 4)
    assert original[o_start:o_end] == "吉林紙厂"


_TOKENS = ["輕", "工", "业", "厂", "技", "術", "革新", " ", "　", "\n", "\n\n", "提高１２%",
           "3倍", "。", "，", "天津", "“", "革" * 30, "\r\n", "㈠"]
_TEXT = st.lists(st.sampled_from(_TOKENS), max_size=40).map("".join)
_SPACE = re.compile(r"\s+")


@given(original=_TEXT, data=st.data())
def test_normalize_offset_map_round_trips(original, data):
    """Any working span maps to an original span that folds back to the same characters
    (white space aside: OCR spaces and page-break newlines are what normalization removes)."""
    result = normalize(original)
    if not result.text:
        return
    start = data.draw(st.integers(0, len(result.text) - 1))
    end = data.draw(st.integers(start + 1, len(result.text)))
    o_start, o_end = result.offsets.to_original(start, end)
    assert 0 <= o_start < o_end <= len(original)
    # A span may cover part of one expanded character (㈠ -> "(一)"): widen it to whole ones.
    w_start = result.offsets.first_target_at_or_after(o_start)
    w_end = result.offsets.first_target_at_or_after(o_end)
    assert w_start <= start < end <= w_end
    assert _SPACE.sub("", fold(original[o_start:o_end])) == \
        _SPACE.sub("", result.text[w_start:w_end])
    for index in range(start, end):
        source = result.offsets.source_of(index)
        assert result.text[index] in fold(original[source])


def test_normalize_removes_page_numbers_and_running_heads():
    body = "这是一个很长的段落，讲的是工厂里的技术革新，一直写到了页面的最后一行，但是句子还没有写"
    page = "完，在下一页继续。\n\n"
    original = (f"技术革命的道路\n\n{body}\n\n— 12 —\n\n技术革命的道路\n\n{page}"
                f"{body}\n\n13\n\n技术革命的道路\n\n{page}")
    result = normalize(original)
    assert result.stats.page_numbers_removed == 2
    assert result.stats.running_heads_removed == 2
    assert result.text.startswith("技术革命的道路\n\n")
    assert result.text.count(fold(body + page.strip())) == 2
    assert result.stats.page_breaks_joined == 2


def test_normalize_keeps_repeated_sentences_and_toc_lines():
    line = "这是一个很长的段落，讲的是工厂里的技术革新，一直写到了页面的最后一行，但是句子还没有写"
    original = "\n\n".join([line, "制造设备之用。", "三、杭州市服装行业\t18"] * 4)
    result = normalize(original)
    assert result.stats.running_heads_removed == 0
    assert result.text.count("制造设备之用。") == 4
