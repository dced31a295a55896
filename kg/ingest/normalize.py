"""Turn an OCR text into a working text, keeping a character map back to the original.

Extraction runs on the working text (simplified characters, half-width digits, no OCR spaces,
page-break splits joined); evidence is always cut from the original with the map, so a quote
is exactly what the source prints, traditional characters and stray spaces included.

Steps, each recorded in the map:
1. NFKC per character (full-width digits, letters and punctuation; ideographic space).
2. Traditional to simplified with OpenCC ``t2s`` (length-preserving for this genre; where a
   phrase conversion changes a line's length, that line falls back to per-character).
3. OCR spaces between Chinese characters (or a Chinese character and a number) removed.
4. A paragraph cut at a page end is joined to its continuation (see :func:`_page_breaks`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from kg.records import OffsetMap

_CJK = r"\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3001-\u3003\u3008-\u3011\u2014\u2018\u2019\u201c\u201d\u2026"
_WIDE = f"{_CJK}{_CJK_PUNCT}"
_OCR_SPACES = re.compile(
    rf"(?<=[{_WIDE}])[ ]+(?=[{_WIDE}0-9])|(?<=[{_WIDE}0-9%])[ ]+(?=[{_WIDE}])"
)
_SENTENCE_END = "。！？!?；;：:…”’」』)）"
_HEADING = re.compile(
    r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、]|附[:：]"
)
PAGE_LINE_MIN = 30
"""A line shorter than this is a title or heading, not a page-wide paragraph cut at a break."""


@dataclass(frozen=True, slots=True)
class PageBreakJoin:
    """One repaired page break: original offsets of the removed line break, and context."""

    start: int
    end: int
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class Normalized:
    """The working text, its map to the original, and what was repaired."""

    text: str
    offsets: OffsetMap
    joins: tuple[PageBreakJoin, ...]


@cache
def _converter():  # noqa: ANN202 - opencc has no type hints
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _nfkc(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch)


def normalize(original: str) -> Normalized:
    """Normalize ``original`` and map every working character back to its source.

    >>> n = normalize("輕工業 部")
    >>> n.text, n.offsets.to_original(0, len(n.text))
    ('轻工业部', (0, 5))
    """
    chars: list[str] = []
    starts: list[int] = []
    for index, ch in enumerate(original):
        if ch == "\r":
            continue
        folded = _nfkc(ch) if not ch.isascii() else ch
        chars.extend(folded)
        starts.extend([index] * len(folded))
    text = to_simplified("".join(chars))

    drop = [False] * len(text)
    for match in _OCR_SPACES.finditer(text):
        for i in range(match.start(), match.end()):
            drop[i] = True
    joins = []
    for start, end in _page_breaks(text):
        for i in range(start, end):
            drop[i] = True
        o_start, o_end = starts[start], starts[end - 1] + 1
        joins.append(PageBreakJoin(o_start, o_end, original[max(0, o_start - 12):o_start],
                                   original[o_end:o_end + 12]))

    kept = [i for i in range(len(text)) if not drop[i]]
    working = "".join(text[i] for i in kept)
    offsets = OffsetMap(starts=tuple(starts[i] for i in kept),
                        ends=tuple(starts[i] + 1 for i in kept))
    return Normalized(text=working, offsets=offsets, joins=tuple(joins))


def to_simplified(text: str) -> str:
    converter = _converter()
    simplified = converter.convert(text)
    if len(simplified) == len(text):
        return simplified
    lines = []
    for line in text.split("\n"):
        converted = converter.convert(line)
        if len(converted) != len(line):
            converted = "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in line)
        lines.append(converted)
    return "\n".join(lines)


_LINE_BREAKS = re.compile(r"\n[ \t\u3000]*(?:\n[ \t\u3000]*)*")


def _page_breaks(text: str) -> list[tuple[int, int]]:
    """Line breaks that cut a paragraph at a page end, as working-text spans to remove.

    A break is joined when the line before is page-wide (at least :data:`PAGE_LINE_MIN`
    characters, so titles and headings stay apart), does not end a sentence, and the next line
    continues the text rather than starting a heading or list item.
    """
    spans = []
    for match in _LINE_BREAKS.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start:match.start()].strip()
        after = text[match.end():match.end() + 8]
        if (len(before) >= PAGE_LINE_MIN and before[-1] not in _SENTENCE_END
                and after and re.match(f"[{_WIDE}0-9]", after)
                and not _HEADING.match(after)):
            spans.append((match.start(), match.end()))
    return spans
