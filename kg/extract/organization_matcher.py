"""Organizations: ministries, party committees, newspapers, publishers, institutes, bureaus.

Four sources of evidence, from strongest to weakest: the curated table of national bodies of
1949-1966 (kg/data/lexicons/organizations.csv, with variants folded to one name); a place
span followed by a committee or paper head (吉林省委 → 中共吉林省委, 杭州日报); an
industry followed by 部 (轻工业部, 冶金工业部); and a name grown leftwards from an institution
head (…出版社, …研究所, …设计院, …邮电局). The Party itself is mostly written "党" (党的领导,
党的号召): that one character is taken only in the constructions where it cannot be part of
another word.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.boundary import STOP_CHARS, grow_left
from kg.extract.charspan import CharSpan, spans_of, text_of
from kg.extract.lexicon import Lexicon
from kg.records import EntityType

PARTY = "中国共产党"
PARTY_CENTRE = "中国共产党中央委员会"
"""The canonical names of organizations.csv, which the short forms 党 and 中央 stand for."""
_PARTY_ALONE = re.compile(r"(?<![政共产入建整反本老两各我该其野])党(?=的|所|和毛|中央|组织)")
_CENTRE_ALONE = re.compile(r"(?<![党共党])中央(?=提出|关于|决定|号召|指示|规定|批准|的号召|的指示)")
_COMMITTEE = re.compile(r"(?:省|市|县|自治区|专区|地区)?(?:委员会|委)(?![员托])")
_PAPER = re.compile(r"日报|晚报|画报")
_NOT_AFTER_BU = "门分队长位属件落"
"""劳动部门, 工业部分: 部 as the first character of another word is not a ministry."""
_MINISTRY = re.compile(rf"(?:工业|业)部(?![{_NOT_AFTER_BU}])")
INSTITUTION_HEADS = re.compile(
    r"出版社|设计研究院|研究院|研究所|设计院|科学院|大学|学院|专科学校|技术学校|"
    r"邮电局|管理局|工业局|手工业局|商业局|供销合作社|人民委员会|计划委员会")
_ORG_STOP = STOP_CHARS + "给经据于以同跟请派去来到"
_GENERIC = frozenset("有关 一些 这些 大专 各级 各地 当地 本 附近 高等 全国各".split())
MAX_NAME = 10


class OrganizationMatcher:
    """Mark organizations; ``canonical`` is the table's name or the name as written."""

    def __init__(self, lexicon: Lexicon[str]) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        text, spans = text_of(doc), spans_of(doc)
        for start, end, names in self.lexicon.scan(text):
            if not (text.endswith("部", 0, end) and end < len(text) and text[end] in _NOT_AFTER_BU):
                spans.append(_organization(start, end, names[0]))
        for match in _PARTY_ALONE.finditer(text):
            canonical = PARTY_CENTRE if text.startswith("中央", match.end()) else PARTY
            end = match.end() + (2 if canonical == PARTY_CENTRE else 0)
            spans.append(_organization(match.start(), end, canonical))
        for match in _CENTRE_ALONE.finditer(text):
            spans.append(_organization(match.start(), match.end(), PARTY_CENTRE))
        for place in [s for s in spans if s.label == EntityType.PLACE]:
            self._after_place(text, place, spans)
        for match in _MINISTRY.finditer(text):
            start = grow_left(text, match.start(), 6, _ORG_STOP)
            if match.start() > start:
                spans.append(_organization(start, match.end(), text[start:match.end()]))
        for match in INSTITUTION_HEADS.finditer(text):
            start = grow_left(text, match.start(), MAX_NAME, _ORG_STOP)
            stem = text[start:match.start()]
            if len(stem) >= 2 and stem not in _GENERIC:
                spans.append(_organization(start, match.end(), text[start:match.end()]))
        return doc

    @staticmethod
    def _after_place(text: str, place: CharSpan, spans: list[CharSpan]) -> None:
        if committee := _COMMITTEE.match(text, place.end):
            start = place.start
            for prefix in ("中国共产党", "中共"):
                if text.endswith(prefix, 0, start):
                    start -= len(prefix)
                    break
            name = "中共" + text[place.start:committee.end()]
            spans.append(_organization(start, committee.end(), name))
        elif paper := _PAPER.match(text, place.end):
            spans.append(_organization(place.start, paper.end(),
                                       text[place.start:paper.end()]))


def _organization(start: int, end: int, canonical: str) -> CharSpan:
    return CharSpan(start, end, EntityType.ORGANIZATION, (("canonical", canonical),))
