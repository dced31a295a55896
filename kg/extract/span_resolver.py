"""Settle overlapping spans: one reading per stretch of text.

Rule: a span kept whole inside a longer one of another type is fine (the place prefix of a
factory is a place mention in its own right); where two spans cross, or one lies inside a
longer one of the same type, the longer wins, then the higher-priority type.
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.charspan import CharSpan, spans_of
from kg.records import EntityType

PRIORITY = (EntityType.FACTORY, EntityType.ORGANIZATION, EntityType.EVENT, EntityType.CAMPAIGN,
            EntityType.INNOVATION, EntityType.PERSON, EntityType.INDUSTRY, EntityType.PLACE)


class SpanResolver:
    def __call__(self, doc: Doc) -> Doc:
        rank = {label: i for i, label in enumerate(PRIORITY)}
        ordered = sorted(spans_of(doc),
                         key=lambda s: (-(s.end - s.start), rank[s.label], s.start))
        kept: list[CharSpan] = []
        for span in ordered:
            if all(_compatible(span, other) for other in kept):
                kept.append(span)
        doc._.kg_spans = sorted(kept, key=lambda s: (s.start, -s.end))
        return doc


def _compatible(span: CharSpan, longer: CharSpan) -> bool:
    if not span.overlaps(longer):
        return True
    return longer.contains(span) and longer.label != span.label
