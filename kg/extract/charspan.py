"""Character spans on a spaCy ``Doc``: what our components write and read.

Components record mentions as character offsets of the working text in ``doc._.kg_spans``
rather than as token spans, because Chinese names cross jieba's token boundaries. The
extension is registered by :func:`kg.extract.registry.register` before any pipeline is built.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from kg.records import EntityType


@dataclass(frozen=True, slots=True)
class CharSpan:
    """A typed span of the working text; ``attrs`` carries component-specific facts."""

    start: int
    end: int
    label: EntityType
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, key: str, default: str = "") -> str:
        return dict(self.attrs).get(key, default)

    def contains(self, other: CharSpan) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: CharSpan) -> bool:
        return self.start < other.end and other.start < self.end


def spans_of(doc: Doc) -> list[CharSpan]:
    """The doc's span list, created on first use (a shared mutable default would leak)."""
    if doc._.kg_spans is None:
        doc._.kg_spans = []
    return doc._.kg_spans


def text_of(doc: Doc) -> str:
    """The doc's text, built once: spaCy rebuilds ``doc.text`` from every token on each access
    (11 ms for a 10,000-character document), which ten components would pay ten times."""
    text = doc.user_data.get("kg_text")
    if text is None:
        text = doc.user_data["kg_text"] = doc.text
    return text
