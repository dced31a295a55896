"""Settle overlapping spans: one reading per stretch of text.

Rules, in order:

1. Where two spans overlap, the longer wins (中共吉林省委 over 吉林省委 over 吉林省); at equal
   length the type earlier in ``PRIORITY`` wins (a 轻工业出版社 is an organization before it is
   an industry).
2. A shorter span may stay whole inside a longer one of another type only when it is a name
   the guideline counts in its own right: a place inside a factory, organization or event (the
   prefix 沈阳 of 沈阳卷烟厂), an organization inside an event (轻工业部 of its 誓师大会), a date
   anywhere. An industry inside a ministry (轻工业 of 轻工业部) or a person inside a workshop
   name is part of that name, not a mention.
3. Spans that cross without nesting are never both kept.
"""

from __future__ import annotations

from bisect import bisect_left, insort

from spacy.tokens import Doc

from kg.extract.charspan import CharSpan, spans_of
from kg.records import EntityType

PRIORITY = (EntityType.FACTORY, EntityType.ORGANIZATION, EntityType.EVENT, EntityType.CAMPAIGN,
            EntityType.INNOVATION, EntityType.PERSON, EntityType.INDUSTRY, EntityType.PLACE,
            EntityType.DATE)
NESTABLE = {
    EntityType.PLACE: {EntityType.FACTORY, EntityType.ORGANIZATION, EntityType.EVENT},
    EntityType.ORGANIZATION: {EntityType.EVENT},
    EntityType.DATE: set(EntityType),
}


class SpanResolver:
    def __call__(self, doc: Doc) -> Doc:
        rank = {label: i for i, label in enumerate(PRIORITY)}
        ordered = sorted(spans_of(doc),
                         key=lambda s: (-(s.end - s.start), rank[s.label], s.start))
        kept: list[CharSpan] = []
        starts: list[int] = []  # starts of kept spans, sorted, to find the ones nearby
        by_start: dict[int, list[CharSpan]] = {}
        longest = 0
        for span in ordered:
            # Kept spans are at least as long as this one, so any that overlaps it starts
            # within ``longest`` characters before its end.
            low = bisect_left(starts, span.start - longest)
            high = bisect_left(starts, span.end)
            nearby = (other for start in starts[low:high] for other in by_start[start])
            if all(_compatible(span, other) for other in nearby):
                kept.append(span)
                if span.start not in by_start:
                    insort(starts, span.start)
                by_start.setdefault(span.start, []).append(span)
                longest = max(longest, span.end - span.start)
        doc._.kg_spans = sorted(kept, key=lambda s: (s.start, -s.end))
        return doc


def _compatible(span: CharSpan, longer: CharSpan) -> bool:
    if not span.overlaps(longer):
        return True
    return longer.contains(span) and longer.label in NESTABLE.get(span.label, ())
