"""People: a surname and a given name held in place by a title, post or form of address.

The genre almost never names a person bare: 车工王德泽, 王新元副部长, 贾承烈同志, 中共湖北省委书记、
张平化. So a name is looked for only beside a title from kg/data/people/titles.csv (on the side
the title's ``position`` allows), must start with a surname from surnames.txt, and must not be
an ordinary word in jieba's dictionary (全体同志, 周围 are not people; jieba tags famous names
``nr``, which are kept). Surnames that are also common words (于, 和, 全 …) need a clause edge
before them. Honorifics of the period (毛主席 → 毛泽东) come from honorifics.csv.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc

from kg.extract.boundary import STOP_CHARS, at_clause_start
from kg.extract.charspan import CharSpan, spans_of, text_of
from kg.extract.lexicon import Lexicon
from kg.records import EntityType

_GIVEN = re.compile(r"[\u4e00-\u9fff]")
_NOT_GIVEN = set(STOP_CHARS + "同说讲指搞改创提用被来去上下中里内外时年月日人厂部省市县委书长工")
_SEPARATORS = "、， "
_WORD_TAGS = frozenset("n v vn vd a ad an d p c u m q r f t s b l i".split())
"""jieba tags of ordinary words (noun, verb, adjective …); names are tagged nr, ns, nz."""


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    kind: str
    position: str


@dataclass(frozen=True, slots=True)
class PeopleLexicon:
    """Surnames, titles and honorifics, loaded once (see kg.extract.lexicons)."""

    surnames: frozenset[str]
    ambiguous: frozenset[str]
    titles: Lexicon[Title]
    honorifics: Lexicon[str]
    word_tags: Mapping[str, str]


class PersonMatcher:
    """Mark people; attrs give ``canonical`` and the ``title`` that anchored the name."""

    def __init__(self, lexicon: PeopleLexicon) -> None:
        self.lexicon = lexicon

    def __call__(self, doc: Doc) -> Doc:
        text, spans = text_of(doc), spans_of(doc)
        for start, end, names in self.lexicon.honorifics.scan(text):
            spans.append(_person(start, end, names[0], text[start:end]))
        for start, end, titles in self.lexicon.titles.scan(text):
            title = titles[0]
            found = self._before(text, start, title) if title.position != "before" else None
            if found is not None:
                spans.append(_person(found, start, text[found:start], title.text))
            if title.position in ("before", "both") and (found := self._after(text, end, title)):
                spans.append(_person(found[0], found[1], text[found[0]:found[1]], title.text))
        return doc

    def _before(self, text: str, end: int, title: Title) -> int | None:
        """Start of the name that ends right before a title, preferring three characters."""
        candidates = [end - n for n in (3, 2, 4) if end - n >= 0]
        good = [s for s in candidates if self._is_name(text, s, end, strong=title.kind == "post")]
        unambiguous = [s for s in good if not self._ambiguous_at(text, s)]
        return (unambiguous or good or [None])[0]

    def _after(self, text: str, start: int, title: Title) -> tuple[int, int] | None:
        """The name that follows a title (车工王德泽, 书记、张平化)."""
        if start < len(text) and text[start] in _SEPARATORS:
            if title.kind != "post":
                return None
            start += 1
        for length in (3, 2, 4):
            end = start + length
            if end > len(text) or not self._is_name(text, start, end, after_title=True,
                                                     strong=title.kind == "post"):
                continue
            if length == 3 and self._word_at(text, end - 1):
                continue  # 王德改进 : the third character starts a word, so the name is 王德
            return start, end
        return None

    def _is_name(self, text: str, start: int, end: int, after_title: bool = False,
                 strong: bool = False) -> bool:
        """Surname + one or two given characters, not an ordinary word; beside a post
        (副部长, 书记) a given name may be a word (王新元: 新元), beside 工人 or 同志 not."""
        name = text[start:end]
        surname = self._surname(name)
        if not surname or not 1 <= len(name) - len(surname) <= 2:
            return False
        given = name[len(surname):]
        if not all(_GIVEN.match(ch) and ch not in _NOT_GIVEN for ch in given):
            return False
        if self.lexicon.word_tags.get(name) in _WORD_TAGS:
            return False
        if not strong and len(given) == 2 and self.lexicon.word_tags.get(given) in _WORD_TAGS:
            return False  # 和公社, 高速度: the "given name" is an ordinary word
        if surname in self.lexicon.ambiguous and not at_clause_start(text, start):
            return False
        return after_title or at_clause_start(text, start) or text[start - 1] in STOP_CHARS \
            or self._boundary_before(text, start)

    def _surname(self, name: str) -> str:
        for size in (2, 1):
            if name[:size] in self.lexicon.surnames and len(name) > size:
                return name[:size]
        return ""

    def _ambiguous_at(self, text: str, start: int) -> bool:
        return text[start] in self.lexicon.ambiguous

    def _boundary_before(self, text: str, start: int) -> bool:
        """A word ends right before ``start``: a title, post or other dictionary word."""
        return any(text[start - n:start] in self.lexicon.word_tags for n in (2, 3, 4)
                   if start - n >= 0)

    def _word_at(self, text: str, index: int) -> bool:
        return any(text[index:index + n] in self.lexicon.word_tags for n in (2, 3))


def _person(start: int, end: int, canonical: str, title: str) -> CharSpan:
    return CharSpan(start, end, EntityType.PERSON, (("canonical", canonical), ("title", title)))
