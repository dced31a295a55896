"""Factories and workshops: a place, a short name, and a production-unit suffix.

The genre names units as place + name + suffix: 沈阳卷烟厂, 西安人民搪瓷厂, 天津自行车厂.
The name part stops at function words and numbers, so generic groups (唐山各陶瓷厂,
全省14个白酒厂) and clauses (天津在很短的时间里……) are not taken for factories.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.charspan import CharSpan, spans_of
from kg.records import EntityType

SUFFIXES = ("工厂", "盐场", "合作社", "作坊", "车间", "厂", "场", "社")
"""Production-unit suffixes, longest first so 工厂 wins over 厂."""

_NAME_CHAR = r"[\u4e00-\u9fff]"
_STOP_CHARS = "的了在和与是等各个们及或为有到从对把被向由将要也都就已还又这那其该本全每"
_NOT_A_UNIT = re.compile(
    r"(?:市|广|会|战|现|剧|操|立|机|农贸|商)场$|(?:公|出版|报|通讯|新华|旅)社$"
)
MAX_NAME = 8


class FactoryMatcher:
    """Mark ``place + name + suffix`` spans as factories, with their place prefix in attrs."""

    def __init__(self, max_name: int = MAX_NAME) -> None:
        suffix = "|".join(SUFFIXES)
        self.pattern = re.compile(
            rf"(?:(?![{_STOP_CHARS}]){_NAME_CHAR}){{1,{max_name}}}?(?:{suffix})"
        )

    def __call__(self, doc: Doc) -> Doc:
        spans = spans_of(doc)
        places = [span for span in spans if span.label == EntityType.PLACE]
        for place in places:
            match = self.pattern.match(doc.text, place.end)
            if match is None or _NOT_A_UNIT.search(match.group()):
                continue
            spans.append(CharSpan(place.start, match.end(), EntityType.FACTORY, (
                ("place", place.attr("canonical")), ("place_end", str(place.end)),
            )))
        return doc
