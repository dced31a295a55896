"""Plain records passed between the pipeline stages.

No spaCy, rdflib or pyoxigraph types appear here, so that every stage can be run, cached and
tested alone. Offsets are always into ``Document.original``: the evidence of a fact is
``document.original[start:end]``, the exact characters of the source file.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
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
    DATE = "Date"
    """Not an entity type of the gold guideline: dates anchor statistics and events in time."""


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
    """Where each character of a derived text came from in its source text.

    Normalization changes few characters and deletes a few (OCR spaces, page-break newlines,
    page numbers); between edits the derived text is a verbatim run of the source. So the map
    is a short list of breakpoints ``(target_start, source_start)``: inside a piece, target
    character ``i`` came from source character ``source_start + (i - target_start)``. Storage
    and lookups scale with the number of edits, not with the length of the text.
    """

    targets: tuple[int, ...]
    sources: tuple[int, ...]
    target_length: int
    source_length: int

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls((0,), (0,), length, length)

    @classmethod
    def from_edits(cls, source_length: int,
                   edits: Iterable[tuple[int, int, int]]) -> OffsetMap:
        """Build the map of a text rewritten by ``edits``.

        Each edit ``(start, end, produced)`` replaces source characters ``[start, end)`` by
        ``produced`` characters; edits are sorted and do not overlap. Produced characters all
        map to the source characters they replace (an expansion maps every output character
        to its one source character; a deletion produces none).
        """
        targets, sources = [0], [0]
        shift = 0  # target index minus source index in the current verbatim run
        for start, end, produced in edits:
            for k in range(produced):
                targets.append(start + shift + k)
                sources.append(start if end - start <= 1 else start + min(k, end - start - 1))
            shift += produced - (end - start)
            targets.append(end + shift)
            sources.append(end)
        return cls._compact(targets, sources, source_length + shift, source_length)

    @classmethod
    def _compact(cls, targets: list[int], sources: list[int], target_length: int,
                 source_length: int) -> OffsetMap:
        """Drop breakpoints that continue the previous piece, and empty pieces."""
        kept_t: list[int] = []
        kept_s: list[int] = []
        for target, source in zip(targets, sources, strict=True):
            if kept_t and target == kept_t[-1]:
                kept_s[-1] = source
                continue
            if kept_t and source - kept_s[-1] == target - kept_t[-1]:
                continue
            kept_t.append(target)
            kept_s.append(source)
        return cls(tuple(kept_t), tuple(kept_s), target_length, source_length)

    def source_of(self, index: int) -> int:
        """Source index of target character ``index``."""
        piece = bisect_right(self.targets, index) - 1
        return self.sources[piece] + (index - self.targets[piece])

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The source span that produced target span ``[start, end)``.

        >>> OffsetMap.from_edits(5, [(1, 2, 0)]).to_original(0, 2)  # "a b.." -> "ab.."
        (0, 3)
        """
        if start >= end:
            position = self.source_of(start) if start < self.target_length else self.source_length
            return position, position
        return self.source_of(start), self.source_of(end - 1) + 1

    def first_target_at_or_after(self, source: int) -> int:
        """The first target index whose source is ``source`` or later (for composition)."""
        piece = bisect_left(self.sources, source)
        if piece > 0:
            before = piece - 1
            offset = source - self.sources[before]
            if offset < self._length(before):
                return self.targets[before] + offset
        return self.targets[piece] if piece < len(self.targets) else self.target_length

    def _length(self, piece: int) -> int:
        end = self.targets[piece + 1] if piece + 1 < len(self.targets) else self.target_length
        return end - self.targets[piece]

    def then(self, outer: OffsetMap) -> OffsetMap:
        """Compose: ``outer`` maps a later text onto this map's target; the result maps that
        later text straight onto this map's source."""
        points = set(outer.targets)
        for breakpoint in self.targets:
            target = outer.first_target_at_or_after(breakpoint)
            if target < outer.target_length:
                points.add(target)
        ordered = sorted(p for p in points if p < outer.target_length) or [0]
        sources = [self.source_of(outer.source_of(p)) for p in ordered]
        return OffsetMap._compact(ordered, sources, outer.target_length, self.source_length)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph (or heading) of an article; spans are working-text offsets."""

    unit_id: str
    start: int
    end: int
    sentences: tuple[tuple[int, int], ...]
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Article:
    """One article, editorial or speech: headline, source line, byline and body."""

    unit_id: str
    headline: str
    start: int
    end: int
    paragraphs: tuple[Paragraph, ...]
    source_line: str = ""
    newspaper: str = ""
    genre: str = ""
    date: str = ""
    author: str = ""
    author_title: str = ""
    venue: str = ""

    @property
    def title(self) -> str:
        """The headline without its author's name in front: 吴德“解放思想，迎接技术革命” is
        titled 解放思想，迎接技术革命."""
        if self.author and self.headline.startswith(self.author):
            rest = self.headline[len(self.author):].strip()
            if match := re.fullmatch(r"[“\"「](.+)[”\"」]", rest):
                return match.group(1)
        return self.headline


@dataclass(frozen=True, slots=True)
class TocEntry:
    """A table-of-contents line: chapter number, title, page; appendices have no number."""

    unit_id: str
    number: str
    title: str
    page: int
    appendix: bool = False


@dataclass(frozen=True, slots=True)
class Structure:
    """What a text is made of: front matter lines, contents, articles.

    ``body_start`` is where the text proper begins (after ``# key: value`` metadata header
    lines of a transcription, which are not part of the source's words).
    """

    front_matter: tuple[str, ...] = ()
    imprint: tuple[tuple[str, str], ...] = ()
    toc: tuple[TocEntry, ...] = ()
    articles: tuple[Article, ...] = ()
    metadata: tuple[tuple[str, str], ...] = ()
    body_start: int = 0


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
    structure: Structure = Structure()


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
        for name, value in self.attrs:  # a handful of pairs: faster than building a dict
            if name == key:
                return value
        return default


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
    """A relation between two mentions, before entities are resolved.

    publishedBy and authoredBy point at a work, not an entity: their ``tail`` is None and
    ``title`` holds the work's title. ``attrs`` carry what qualifies the link (the ``post``
    of holdsPosition) and how it was read (``basis``: prefix, text, context, structure …).
    """

    type: RelationType
    head: Mention
    tail: Mention | None
    evidence: Evidence
    title: str = ""
    attrs: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    """A relation between resolved entities (or an entity and a title), with its evidence."""

    type: RelationType
    head: str
    tail: str
    evidence: Evidence
    tail_is_title: bool = False
    attrs: tuple[tuple[str, str], ...] = ()

    def attr(self, key: str, default: str = "") -> str:
        return dict(self.attrs).get(key, default)


@dataclass(frozen=True, slots=True)
class StatisticValue:
    """The number of a claim: as written, parsed bounds, unit, kind and qualifiers.

    ``low``/``high`` are decimal strings ('' when vague: 几百); a single value has
    ``low == high``. ``bound`` is a word before the number that bounds it (不到, 近, 翻),
    ``qualifier`` one after it (多, 以上, 左右, 内). ``change`` is ``from`` or ``to`` when the
    value is one end of a change (从42%提高到54%).
    """

    value: str
    unit: str = ""
    kind: str = ""
    low: str = ""
    high: str = ""
    bound: str = ""
    qualifier: str = ""
    change: str = ""


@dataclass(frozen=True, slots=True)
class MentionStatistic:
    """A numeric claim before resolution: its subject is a mention or, failing one, a phrase.

    ``evidence`` is the clause that states the claim; ``value_evidence`` the number itself.
    """

    subject: Mention | None
    subject_phrase: str
    metric: str
    value: StatisticValue
    evidence: Evidence
    value_evidence: Evidence
    time: str = ""


@dataclass(frozen=True, slots=True)
class Statistic:
    """A numeric claim of a text: value as written, what it measures, of whom, when.

    ``subject`` is an entity id when ``subject_is_entity``, else a short phrase (机制纸).
    """

    subject: str
    metric: str
    value: StatisticValue
    evidence: Evidence
    value_evidence: Evidence
    time: str = ""
    subject_is_entity: bool = True


@dataclass(frozen=True, slots=True)
class Extraction:
    """What the extract and relate stages found in one document."""

    document: Document
    mentions: tuple[Mention, ...]
    relations: tuple[MentionRelation, ...] = ()
    statistics: tuple[MentionStatistic, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentGraph:
    """One document's resolved entities, relations and statistics: what the RDF maps."""

    document: Document
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...] = ()
    statistics: tuple[Statistic, ...] = ()
