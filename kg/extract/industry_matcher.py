"""Industries and sectors: 造纸工业, 服装行业, 盐业, 轻工业, 交通运输业 …

Every industry of the curated table (kg/data/lexicons/industries.csv, after GB/T 4754 and the
planning vocabulary of the 1950s) is matched by name and by its stem with the suffixes texts
use (造纸 → 造纸工业, 造纸业, 造纸行业), all folded to the table's name. A bare stem is an
industry only where the text measures it as one (卷烟机械化程度较高); elsewhere 卷烟 is a product.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.charspan import CharSpan, spans_of, text_of
from kg.extract.lexicon import Lexicon
from kg.records import EntityType

SUFFIXES = ("工业", "行业", "业")
TOO_GENERIC = frozenset({"工业"})
"""In the table as the parent of every industry, but alone it names no sector (工业和农业)."""
_NOT_AFTER_YE = set("务余主绩员")
"""业务, 业余, 业主, 业绩, 业员: the 业 of these words is not an industry suffix."""
MEASURED_AS_INDUSTRY = re.compile(r"(?:的)?机械化程度|(?:的)?手工操作比重")


def industry_lexicon(rows: list[dict[str, str]]) -> tuple[Lexicon[str], Lexicon[str]]:
    """(names and suffixed stems → name, bare stems → name) from the industries table."""
    names: Lexicon[str] = Lexicon()
    stems: Lexicon[str] = Lexicon()
    for row in rows:
        name, stem = row["name"], row.get("stem", "")
        if name in TOO_GENERIC:
            continue
        for form in {name, *also_known_as(row.get("note", ""))}:
            names.add(form, name)
        if len(stem) >= 2 and row.get("kind") == "industry":
            stems.add(stem, name)
            for suffix in SUFFIXES:
                if stem + suffix != name:
                    names.add(stem + suffix, name)
    return names, stems


def also_known_as(note: str) -> list[str]:
    """Alternative names written in a note as ``aka: 盐业|制盐业``.

    >>> also_known_as("GB/T 1497; aka: 盐业|制盐业")
    ['盐业', '制盐业']
    """
    match = re.search(r"aka:\s*([^;；]+)", note)
    return [form.strip() for form in match.group(1).split("|") if len(form.strip()) >= 2] \
        if match else []


class IndustryMatcher:
    """Mark industries; ``canonical`` is the table's name."""

    def __init__(self, names: Lexicon[str], stems: Lexicon[str]) -> None:
        self.names, self.stems = names, stems

    def __call__(self, doc: Doc) -> Doc:
        text, spans = text_of(doc), spans_of(doc)
        for start, end, found in self.names.scan(text):
            if not (text.endswith("业", 0, end) and text[end:end + 1] in _NOT_AFTER_YE):
                spans.append(_industry(start, end, found[0]))
        for start, end, found in self.stems.scan(text):
            if MEASURED_AS_INDUSTRY.match(text, end):
                spans.append(_industry(start, end, found[0]))
        return doc


def _industry(start: int, end: int, canonical: str) -> CharSpan:
    return CharSpan(start, end, EntityType.INDUSTRY, (("canonical", canonical),))
