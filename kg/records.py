"""Plain records passed between the pipeline stages.

No spaCy, rdflib or pyoxigraph types appear here, so that every stage can be run, cached and
tested alone. Offsets are always into ``Document.original``: the evidence of a fact is
``document.original[start:end]``, the exact characters of the source file.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class EntityType(StrEnum):
    """Entity types of the gold annotation guideline (shared/gold/README.md)."""

    FACTORY = "Factory"
    PLACE = "Place"
    PERSON = "Person"
    ORGANIZATION = "Organization"
    INNOVATION = "Innovation"
    CAMPAIGN = "Campaign"
    INDUSTRY = "Industry"
    EVENT = "Event"


class RelationType(StrEnum):
    """Relation types of the gold annotation guideline."""

    LOCATED_IN = "locatedIn"
    HOLDS_POSITION = "holdsPosition"
    ADOPTED = "adopted"
    BELONGS_TO_INDUSTRY = "belongsToIndustry"
    PARTICIPATED_IN = "participatedIn"
    PUBLISHED_BY = "publishedBy"
    AUTHORED_BY = "authoredBy"


@dataclass(frozen=True, slots=True)
class OffsetMap:
    """Where each character of a working text came from in the original text.

    ``starts[i]`` and ``ends[i]`` delimit the original characters that produced working
    character ``i``. A character removed by normalization (an OCR space, a page-break newline)
    has no working character; one inserted has an empty original span.
    """

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the working span ``[start, end)`` to the original span that produced it.

        >>> OffsetMap(starts=(0, 2), ends=(1, 3)).to_original(0, 2)
        (0, 3)
        """
        if start >= end:
            position = self.starts[start] if start < len(self.starts) else self._end()
            return position, position
        return self.starts[start], self.ends[end - 1]

    def _end(self) -> int:
        return self.ends[-1] if self.ends else 0


@dataclass(frozen=True, slots=True)
class Document:
    """One input text: its original characters, the working text and the map between them."""

    doc_id: str
    name: str
    original: str
    working: str
    offsets: OffsetMap
    encoding: str
    title: str = ""
    date: str = ""
    publisher: str = ""
    source: str = ""

    def quote(self, start: int, end: int) -> str:
        """The exact original characters between two original offsets."""
        return self.original[start:end]


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words of a source that support a fact: document, original offsets, exact quote."""

    doc_id: str
    start: int
    end: int
    quote: str


@dataclass(frozen=True, slots=True)
class Mention:
    """A typed span of a document. ``text`` is the normalized surface form (simplified,
    without OCR spaces); ``evidence.quote`` is what the source actually prints."""

    label: EntityType
    text: str
    evidence: Evidence
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, key: str, default: str = "") -> str:
        return dict(self.attrs).get(key, default)


@dataclass(frozen=True, slots=True)
class Entity:
    """One thing in the world as the documents name it: canonical name, every surface form."""

    entity_id: str
    type: EntityType
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, key: str, default: str = "") -> str:
        return dict(self.attrs).get(key, default)


@dataclass(frozen=True, slots=True)
class MentionRelation:
    """A relation between two mentions, before entities are resolved."""

    type: RelationType
    head: Mention
    tail: Mention
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation between resolved entities, with the evidence it was read from."""

    type: RelationType
    head: str
    tail: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Statistic:
    """A numeric claim of a text: value as written, and what it measures."""

    subject: str
    metric: str
    value: str
    evidence: Evidence
    unit: str = ""
    time: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extract and relate stages found in one document."""

    document: Document
    mentions: tuple[Mention, ...]
    relations: tuple[MentionRelation, ...] = ()
    statistics: tuple[Statistic, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentGraph:
    """One document's resolved entities, relations and statistics: what the RDF maps."""

    document: Document
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...] = ()
    statistics: tuple[Statistic, ...] = ()
