"""Campaigns: the named movements of the period, however the texts word them.

The genre names its own campaign in dozens of ways (技术革新和技术革命的群众运动, 以机械化半机械化
为中心的技术革新和技术革命运动, 技术革新运动, 双革 …); two families of patterns fold them into the
canonical names the period itself used. Other campaigns come from the curated campaigns table
(kg/data/lexicons/campaigns.csv) with their variants, and a last rule takes any other
``…运动`` whose name part is four characters or more and not generic (群众运动, 这个运动 and
革命创造运动 are not campaigns).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.boundary import STOP_CHARS, grow_left
from kg.extract.charspan import CharSpan, spans_of, text_of
from kg.extract.lexicon import Lexicon
from kg.records import EntityType

TECHNICAL_REVOLUTION = "技术革新和技术革命运动"
MECHANIZATION = "手工操作机械化半机械化运动"

_LEAD_IN = re.compile(r"(?:以[\u4e00-\u9fff、 ]{2,20}?为中心的\s*)?"
                      r"(?:群众性的|全民性的|全国性的|大规模的)?\Z")
"""What may precede a campaign's name as part of it: 以机械化半机械化为中心的, 群众性的. Matched
backwards from the name, so the name patterns start with a literal the engine can search for."""
_TAIL = r"(?:的)?\s*(?:群众|全民|羣众)?\s*运\s*动"
_INNOVATION = r"技\s*[术木]\s*(?:革\s*新|革\s*命|改\s*造)"
"""技木 is the commonest OCR misreading of 技术 in these scans."""
FAMILIES = (
    (re.compile(
        rf"(?:机械化半机械化)?(?:{_INNOVATION}\s*[和与、及]?\s*{_INNOVATION}"
        rf"(?:{_TAIL})?|{_INNOVATION}{_TAIL})|双革(?:运动)?"), TECHNICAL_REVOLUTION),
    (re.compile(rf"(?:手工操作的?\s*)?机械化[和、]?\s*半机械化{_TAIL}"), MECHANIZATION),
)
GENERIC_STEMS = frozenset(
    "群众 全民 群众性 全民性 这个 这一 整个 一个 政治 体育 革命 社会主义 共产主义 爱国 新 此 该 "
    "伟大 大规模 这次 这场 历次 各项 各种 各个 任何 思想 创造 生产 技术 文化 学习".split())
LEADING_VERBS = re.compile(r"^(?:开展|掀起|进行|参加|发动|推动|领导|结合|配合|通过|经过|大搞|搞|"
                           r"展开|投入|兴起|发起|响应|深入|持续|继续)+")
_NOT_A_CAMPAIGN_AFTER = "员会场队器鞋衣服"
MAX_STEM = 8
MIN_NEW_STEM = 4
"""A campaign the table does not know needs a stem of four characters or more (改良农具运动);
shorter ones are nearly always a clause fragment (因而使运动) or a generic word (思想运动)."""


class CampaignMatcher:
    """Mark campaigns; ``canonical`` folds the variants of one campaign into one name."""

    def __init__(self, lexicon: Lexicon[str]) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        text, spans = text_of(doc), spans_of(doc)
        ends = set()
        for start, end, names in self.lexicon.scan(text):
            spans.append(_campaign(start, end, names[0]))
            ends.add(end)
        for pattern, canonical in FAMILIES:
            for match in pattern.finditer(text):
                lead_in = _LEAD_IN.search(text, max(0, match.start() - 30), match.start())
                start = lead_in.start() if lead_in else match.start()
                spans.append(_campaign(start, match.end(), canonical))
                ends.add(match.end())
        for match in re.finditer(r"运动", text):
            end = match.end()
            if end in ends or (end < len(text) and text[end] in _NOT_A_CAMPAIGN_AFTER):
                continue
            start = grow_left(text, match.start(), MAX_STEM, STOP_CHARS)
            stem = text[start:match.start()]
            trimmed = LEADING_VERBS.sub("", stem)
            start += len(stem) - len(trimmed)
            if len(trimmed) >= MIN_NEW_STEM and not _generic(trimmed):
                spans.append(_campaign(start, end, trimmed + "运动"))
        return doc


def _generic(stem: str) -> bool:
    """群众, or ends in a generic word of two characters or more (大搞群众 → 群众)."""
    return stem in GENERIC_STEMS or any(stem.endswith(g) for g in GENERIC_STEMS if len(g) > 1)


def _campaign(start: int, end: int, canonical: str) -> CharSpan:
    return CharSpan(start, end, EntityType.CAMPAIGN, (("canonical", canonical),))
