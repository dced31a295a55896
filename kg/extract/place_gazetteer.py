"""Places named in the text, found by longest match in the gazetteer."""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.charspan import CharSpan, spans_of
from kg.extract.gazetteer import Gazetteer
from kg.records import EntityType


class PlaceGazetteer:
    """Mark every gazetteer place; attrs give the canonical form, level and code."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        spans = spans_of(doc)
        for start, end, candidates in self.gazetteer.lexicon.scan(doc.text):
            place = self.gazetteer.best(candidates)
            spans.append(CharSpan(start, end, EntityType.PLACE, (
                ("canonical", place.canonical), ("level", place.level), ("code", place.code),
                ("successor", place.successor),
            )))
        return doc
