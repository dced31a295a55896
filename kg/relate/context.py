"""Where a mention sits: its line (paragraph), sentence and clause, and what is around it.

The rules of kg.relate read relations from the smallest unit of text that states them: the
clause, then the sentence, then the paragraph for units named once and then referred to (该厂,
“各盐厂” of a place). This module indexes a document's working text once so that each rule
asks "which mentions share this sentence" in logarithmic time.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from kg.ingest.segment import sentences
from kg.records import Document, EntityType, Evidence, Mention
from kg.resolve import canonical_name

CLAUSE_BREAKS = ",，;；:："
"""Punctuation that ends a clause inside a sentence (、 joins a list and does not)."""

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
"""A comma inside a number (3,000元, 18,231件): a thousands separator, not a clause break."""

ANAPHORA = re.compile(r"(?:该|这个|这一|本|此|他们|我们)(?:厂|工厂|场|盐场|矿|社|车间|公司)")
"""Short forms that point back to the unit under discussion: 该厂, 这个厂, 本厂."""

OWN_PLACE = re.compile(r"(?:我|本)(?P<level>省|市|县)")
"""我省 in an article by 中共湖北省委书记 is 湖北: the writer's own province, city or county."""
_LEVELS = {"省": ("province",), "市": ("city", "prefecture"), "县": ("county",)}

_CONNECTIVES = "如|例如|比如|又如|再如|其中|而|但"
"""Words that may open a clause before its subject (…，如张家坝化工厂…)."""


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


def start_of(mention: Mention) -> int:
    return int(mention.attr("working_start"))


def end_of(mention: Mention) -> int:
    return int(mention.attr("working_end"))


class Context:
    """A document's working text cut into paragraphs, sentences and clauses, with its
    mentions in text order. Offsets are working-text offsets (as in the mentions' attrs)."""

    def __init__(self, document: Document, mentions: Iterable[Mention]) -> None:
        self.document = document
        self.text = text = document.working
        self.paragraphs: list[Span] = []
        self.sentences: list[Span] = []
        position = 0
        for line in text.split("\n"):
            if line.strip():
                self.paragraphs.append(Span(position, position + len(line)))
                self.sentences.extend(Span(position + s, position + e)
                                      for s, e in sentences(line))
            position += len(line) + 1
        self._sentence_starts = [s.start for s in self.sentences]
        self._paragraph_starts = [p.start for p in self.paragraphs]
        ordered = sorted(mentions, key=lambda m: (start_of(m), -end_of(m)))
        self._homes: dict[int, tuple[Span, Mention]] = {}
        """Byline place of each article that calls it 我省/本市, by the article's start."""
        self.anaphora = self._anaphora(ordered) + self._own_places(ordered)
        self.mentions = sorted([*ordered, *self.anaphora],
                               key=lambda m: (start_of(m), -end_of(m)))
        self._mention_starts = [start_of(m) for m in self.mentions]
        self.top = _outermost(self.mentions)
        self._top_ids = {id(m) for m in self.top}
        self._top_starts = [start_of(m) for m in self.top]

    def is_top(self, mention: Mention) -> bool:
        """Not nested in a longer mention (by identity: equal records may sit elsewhere)."""
        return id(mention) in self._top_ids

    def sentence(self, position: int) -> Span:
        index = max(bisect_right(self._sentence_starts, position) - 1, 0)
        return self.sentences[index] if self.sentences else Span(0, len(self.text))

    def paragraph(self, position: int) -> Span:
        index = max(bisect_right(self._paragraph_starts, position) - 1, 0)
        return self.paragraphs[index] if self.paragraphs else Span(0, len(self.text))

    def clause(self, position: int) -> Span:
        sentence = self.sentence(position)
        start = position
        while start > sentence.start and not self._breaks_clause(start - 1):
            start -= 1
        end = position
        while end < sentence.end and not self._breaks_clause(end):
            end += 1
        return Span(start, end)

    def _breaks_clause(self, index: int) -> bool:
        return (self.text[index] in CLAUSE_BREAKS
                and not _THOUSANDS.match(self.text, index))

    def home_place(self, position: int) -> Mention | None:
        """The byline's place of an article that speaks of it as 我省/本市 (中共吉林省委第一
        书记吴德 … 我省): the unit its unattributed deeds belong to."""
        for span, place in self._homes.values():
            if span.start <= position < span.end:
                return place
        return None

    def narrower_after(self, place: Mention) -> bool:
        """Another place follows at once (山东寿张县, 河北唐山): the first only frames it."""
        if place.label != EntityType.PLACE:
            return False
        return bool(self.mentions_in(end_of(place), end_of(place) + 1, (EntityType.PLACE,)))

    def opens_clause(self, mention: Mention) -> bool:
        """The mention is its clause's subject (…，如张家坝化工厂…), not an object inside it
        (派人到天津第三棉纺厂学习): only a connective or a place stands before it."""
        clause = self.clause(start_of(mention))
        opening = self.text[clause.start:start_of(mention)]
        for place in self.top_in(clause.start, start_of(mention), (EntityType.PLACE,)):
            opening = opening.replace(self.text[start_of(place):end_of(place)], "")
        return bool(re.fullmatch(rf"\s*(?:{_CONNECTIVES}|在)?(?:的)?", opening))

    def top_in(self, start: int, end: int,
               types: tuple[EntityType, ...] | None = None) -> list[Mention]:
        """Top-level mentions (not nested in a longer one) inside ``[start, end)``."""
        first = bisect_right(self._top_starts, start - 1)
        found = []
        for mention in self.top[first:]:
            if start_of(mention) >= end:
                break
            if end_of(mention) <= end and (types is None or mention.label in types):
                found.append(mention)
        return found

    def mentions_in(self, start: int, end: int,
                    types: tuple[EntityType, ...] | None = None) -> list[Mention]:
        """All mentions (nested ones too) that start inside ``[start, end)``."""
        first = bisect_right(self._mention_starts, start - 1)
        last = bisect_right(self._mention_starts, end - 1)
        return [m for m in self.mentions[first:last] if types is None or m.label in types]

    def nested_in(self, outer: Mention, label: EntityType) -> list[Mention]:
        """Mentions of ``label`` inside ``outer`` (the place prefix of a factory's name)."""
        return [m for m in self.mentions_in(start_of(outer), end_of(outer), (label,))
                if m is not outer and end_of(m) <= end_of(outer)]

    def evidence(self, start: int, end: int) -> Evidence:
        from kg.extract import evidence

        return evidence(self.document, start, end)

    def _anaphora(self, ordered: list[Mention]) -> list[Mention]:
        """该厂, 这个厂 … as mentions of the factory they point back to: the last factory
        named before them in the same or the previous paragraph, preferring one that heads
        its clause (哈尔滨亚麻厂派人到天津第三棉纺厂学习。该厂… is the Harbin mill). The
        mention keeps its own quote (该厂) as evidence and carries ``anaphor`` so that it
        never becomes an alias."""
        factories = [m for m in _outermost(ordered) if m.label == EntityType.FACTORY
                     and not m.attr("workshop")]
        starts = [start_of(m) for m in factories]
        found = []
        for match in ANAPHORA.finditer(self.text):
            if any(start_of(m) < match.end() and match.start() < end_of(m) for m in ordered
                   if abs(start_of(m) - match.start()) < 30):
                continue  # part of a longer name
            index = bisect_right(self._paragraph_starts, match.start()) - 1
            earliest = self.paragraphs[max(index - 1, 0)].start if self.paragraphs else 0
            before = factories[bisect_right(starts, earliest - 1):
                               bisect_right(starts, match.start() - 1)]
            if not before:
                continue
            before = [m for m in before if not self.unclosed(start_of(m), "（(", "）)")] or before
            subjects = [m for m in before if self._at_clause_start(start_of(m))]
            referent = (subjects or before)[-1]
            found.append(Mention(
                label=EntityType.FACTORY, text=match.group(0),
                evidence=self.evidence(match.start(), match.end()),
                attrs=(("anaphor", "true"), ("canonical", canonical_name(referent)),
                       ("working_start", str(match.start())),
                       ("working_end", str(match.end())))))
        return found

    def unclosed(self, position: int, opening: str, closing: str) -> bool:
        """``position`` is inside a bracket or quotation opened earlier in its sentence and
        not yet closed: an aside (原桦甸石油九厂（现并入桦甸页岩油公司）… 该厂 is still the
        first factory) or a slogan (“不赶上英国不增加工资”)."""
        sentence = self.sentence(position)
        opened = max(self.text.rfind(char, sentence.start, position) for char in opening)
        return opened >= 0 and not any(char in closing for char in self.text[opened:position])

    def _at_clause_start(self, position: int) -> bool:
        """A name at the head of its clause is the subject the text goes on to talk about."""
        opening = self.text[self.clause(position).start:position]
        return bool(re.fullmatch(rf"\s*(?:{_CONNECTIVES})?", opening))

    def _own_places(self, ordered: list[Mention]) -> list[Mention]:
        """我省, 本市 … as mentions of the place in the article's byline of that level."""
        found = []
        for article in self.document.structure.articles:
            body = article.paragraphs[0].start if article.paragraphs else article.end
            byline = [m for m in ordered if m.label == EntityType.PLACE
                      and article.start <= start_of(m) < body]
            for match in OWN_PLACE.finditer(self.text, body, article.end):
                levels = _LEVELS[match.group("level")]
                places = {canonical_name(m): m for m in byline
                          if m.attr("level") in levels}
                if len(places) != 1:
                    continue  # no byline place of that level, or two: a guess
                (canonical, place), = places.items()
                self._homes.setdefault(article.start, (Span(article.start, article.end), place))
                found.append(Mention(
                    label=EntityType.PLACE, text=match.group(0),
                    evidence=self.evidence(match.start(), match.end()),
                    attrs=(("anaphor", "true"), ("canonical", canonical),
                           *[(k, v) for k, v in next(iter(places.values())).attrs
                             if k in ("level", "code")],
                           ("working_start", str(match.start())),
                           ("working_end", str(match.end())))))
        return found


def _outermost(ordered: list[Mention]) -> list[Mention]:
    """Mentions not nested in a longer one (吉林 inside 吉林油酒厂 is a prefix, not an actor);
    ``ordered`` is sorted by start, longest first."""
    top = []
    reach, reach_span = -1, (-1, -1)
    for mention in ordered:
        span = (start_of(mention), end_of(mention))
        if span[1] <= reach and span != reach_span:
            continue
        top.append(mention)
        if span[1] > reach:
            reach, reach_span = span[1], span
    return top
