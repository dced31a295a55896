"""Places named in the text, found by longest match in the gazetteer.

Counties that no longer exist or that OCR has garbled (山东寿张县 is in the historical table;
山西屯長县 is in none) are still recognisable by their shape: a province or prefecture name
followed at once by one or two name characters and 县. Those are marked as counties too.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.boundary import STOP_CHARS
from kg.extract.charspan import CharSpan, spans_of, text_of
from kg.extract.gazetteer import Gazetteer
from kg.records import EntityType

_COUNTY_AFTER_PARENT = re.compile(rf"(?:(?![{STOP_CHARS}])[\u4e00-\u9fff]){{1,2}}县")


class PlaceGazetteer:
    """Mark every gazetteer place; attrs give the canonical form, level and code."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        text, spans = text_of(doc), spans_of(doc)
        found = []
        for start, end, candidates in self.gazetteer.lexicon.scan(text):
            place = self.gazetteer.best(candidates)
            found.append(CharSpan(start, end, EntityType.PLACE, (
                ("canonical", place.canonical), ("level", place.level), ("code", place.code),
                ("successor", place.successor),
            )))
        starts = {span.start for span in found}
        for span in list(found):
            if span.attr("level") not in ("province", "prefecture", "city"):
                continue
            county = _COUNTY_AFTER_PARENT.match(text, span.end)
            if county and span.end not in starts:
                found.append(CharSpan(span.end, county.end(), EntityType.PLACE, (
                    ("canonical", county.group()), ("level", "county"),
                    ("parent", span.attr("canonical")))))
        spans.extend(found)
        return doc
