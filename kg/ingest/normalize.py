"""Turn an OCR text into a working text, keeping a character map back to the original.

Extraction runs on the working text (simplified characters, half-width digits, no OCR spaces,
page-break splits joined); evidence is always cut from the original with the map, so a quote
is exactly what the source prints, traditional characters and stray spaces included.

Stages, each a :class:`~kg.records.OffsetMap` composed into one:
1. NFKC per character (full-width digits, letters, punctuation; ideographic space; Kangxi
   radicals) and ``\\r\\n`` to ``\\n``. One-to-one changes go through ``str.translate``.
2. Traditional to simplified with OpenCC ``t2s``, kept one-to-one (a line whose length a
   phrase conversion would change falls back to per-character conversion).
3. Bare page-number lines and running heads removed (see :func:`_page_furniture`).
4. OCR spaces between Chinese characters (or a Chinese character and a number) removed, and
   a paragraph cut at a page end joined to its continuation (see :func:`_page_breaks`).

Everything heavy is C-level (regex, translate, OpenCC); Python loops run once per edit.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from itertools import chain
from operator import ne

from kg.records import OffsetMap

_CJK = r"\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3001-\u3003\u3008-\u3011\u2014\u2018\u2019\u201c\u201d\u2026"
_WIDE = f"{_CJK}{_CJK_PUNCT}"
_OCR_SPACES = re.compile(
    rf"(?<=[{_WIDE}])[ ]+(?=[{_WIDE}0-9])|(?<=[{_WIDE}0-9%])[ ]+(?=[{_WIDE}])"
)
_SENTENCE_END = "。！？!?；;：:…”’」』)）"
HEADING = re.compile(
    r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、]|附[:：]"
)
"""Starts of headings and list items: never the continuation of a cut paragraph."""
PAGE_LINE_MIN = 40
"""A line shorter than this is a title, heading or byline, not a page-wide paragraph cut at a
page break (in the booklet the shortest cut line is 52 characters)."""
_KEEP = frozenset("…‥")  # NFKC would expand them to dots; they end sentences as they are
_BARE_NUMBER = re.compile(r"[-—–·•(\[]*\d{1,3}[-—–·•)\]]*")
_NUMBER_START = frozenset("-—–·•([0123456789")  # cheap pre-check before the regex
_CONTINUES = re.compile(f"[{_WIDE}0-9]")
_LINE_BREAKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)*")
RUNNING_HEAD_MIN_REPEATS = 3
RUNNING_HEAD_MAX = 30


@dataclass(frozen=True, slots=True)
class PageBreakJoin:
    """One repaired page break: original offsets of the removed line break, and context."""

    start: int
    end: int
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class NormalizationStats:
    """How much each stage changed: for ``kg inspect`` and for a historian's trust."""

    original_chars: int
    working_chars: int
    nfkc_changed: int
    simplified: int
    ocr_spaces_removed: int
    page_breaks_joined: int
    page_numbers_removed: int
    running_heads_removed: int


@dataclass(frozen=True, slots=True)
class Normalized:
    """The working text, its map to the original, and what was repaired."""

    text: str
    offsets: OffsetMap
    joins: tuple[PageBreakJoin, ...]
    stats: NormalizationStats
    removed_lines: tuple[str, ...] = field(default=())


@cache
def _nfkc_tables() -> tuple[dict[int, str], re.Pattern[str]]:
    """One-to-one NFKC changes as a translate table; expanding ones (and line ends) as a
    regex for :func:`_expand`."""
    single: dict[int, str] = {}
    multi: list[str] = []
    for code in chain(range(0x80, 0xD800), range(0xE000, 0x10000), range(0x2F800, 0x2FA20)):
        ch = chr(code)
        folded = unicodedata.normalize("NFKC", ch)
        if folded == ch or ch in _KEEP:
            continue
        if len(folded) == 1:
            single[code] = folded
        else:
            multi.append(re.escape(ch))
    # Line ends ride along: \r\n and a lone \r both become \n.
    return single, re.compile("[\r" + "".join(multi) + "](?:(?<=\r)\n)?")


@cache
def _converter():  # noqa: ANN202 - opencc has no type hints
    import opencc

    return opencc.OpenCC("t2s")


def normalize(original: str) -> Normalized:
    """Normalize ``original`` and map every working character back to its source.

    >>> n = normalize("輕工業 部")
    >>> n.text, n.offsets.to_original(0, len(n.text))
    ('轻工业部', (0, 5))
    """
    single, expanding = _nfkc_tables()
    stage1, map1 = _rewrite(original, expanding, _expand)
    folded = stage1.translate(single)
    simplified = to_simplified(folded)

    furniture, removed = _page_furniture(simplified)
    stage3 = _delete(simplified, furniture)
    map3 = OffsetMap.from_edits(len(simplified), ((s, e, 0) for s, e in furniture))
    to_stage3 = map1.then(map3)

    spaces = [m.span() for m in _OCR_SPACES.finditer(stage3)]
    breaks = _page_breaks(stage3)
    deletions = sorted(spaces + breaks)
    working = _delete(stage3, deletions)
    offsets = to_stage3.then(OffsetMap.from_edits(len(stage3), ((s, e, 0) for s, e in deletions)))

    joins = []
    for start, end in breaks:
        o_start, o_end = to_stage3.to_original(start, end)
        joins.append(PageBreakJoin(o_start, o_end, original[max(0, o_start - 12):o_start],
                                   original[o_end:o_end + 12]))
    stats = NormalizationStats(
        original_chars=len(original), working_chars=len(working),
        nfkc_changed=(_count_changes(stage1, folded) + len(expanding.findall(original))
                      - original.count("\r")),
        simplified=_count_changes(folded, simplified),
        ocr_spaces_removed=sum(e - s for s, e in spaces),
        page_breaks_joined=len(breaks),
        page_numbers_removed=sum(1 for line in removed if line[0] == "page"),
        running_heads_removed=sum(1 for line in removed if line[0] == "head"),
    )
    return Normalized(text=working, offsets=offsets, joins=tuple(joins), stats=stats,
                      removed_lines=tuple(text for _, text in removed))


def _count_changes(before: str, after: str) -> int:
    """Characters that differ between two texts of equal length (C-level loop)."""
    return sum(map(ne, before, after))


def fold(text: str) -> str:
    """The context-free part of normalization: NFKC per character, then t2s.

    >>> fold("輕工業１２３")
    '轻工业123'
    """
    single, expanding = _nfkc_tables()
    expanded = expanding.sub(lambda m: _expand(m.group()), text)
    return to_simplified(expanded.translate(single))


def _expand(found: str) -> str:
    if found.startswith("\r"):
        return "\n"
    return unicodedata.normalize("NFKC", found)


def _rewrite(text: str, pattern: re.Pattern[str], replace) -> tuple[str, OffsetMap]:  # noqa: ANN001
    """Replace every match of ``pattern`` by ``replace(match)``, mapping the result back."""
    parts: list[str] = []
    edits = []
    last = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        replacement = replace(match.group())
        parts.append(text[last:start])
        parts.append(replacement)
        edits.append((start, end, len(replacement)))
        last = end
    if not edits:
        return text, OffsetMap.identity(len(text))
    parts.append(text[last:])
    return "".join(parts), OffsetMap.from_edits(len(text), edits)


def _delete(text: str, spans: list[tuple[int, int]]) -> str:
    parts = []
    last = 0
    for start, end in spans:
        parts.append(text[last:start])
        last = end
    parts.append(text[last:])
    return "".join(parts)


def to_simplified(text: str) -> str:
    """Traditional to simplified, character for character (OpenCC t2s)."""
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


def _page_furniture(text: str) -> tuple[list[tuple[int, int]], list[tuple[str, str]]]:
    """Line spans to delete: bare page numbers, and running heads.

    A page number is a line of one to three digits, perhaps in dashes or brackets (— 12 —).
    A running head is a short title-like line (:func:`_could_be_head`) repeated at least
    :data:`RUNNING_HEAD_MIN_REPEATS` times that at least twice interrupts a paragraph (the
    line before it is page-wide and does not end a sentence); every occurrence but the first
    (the real title) is removed.
    """
    spans: list[tuple[int, int]] = []
    removed: list[tuple[str, str]] = []
    lines: list[tuple[int, int, str]] = []
    position = 0
    for line in text.split("\n"):
        key = line.strip().replace(" ", "").replace("\t", "")
        lines.append((position, position + len(line), key))
        if key[:1] in _NUMBER_START and _BARE_NUMBER.fullmatch(key):
            spans.append((position, min(position + len(line) + 1, len(text))))
            removed.append(("page", line.strip()))
        position += len(line) + 1
    counts = Counter(key for _, _, key in lines if _could_be_head(key))
    candidates = {key for key, count in counts.items() if count >= RUNNING_HEAD_MIN_REPEATS}
    if candidates:
        interrupts: Counter[str] = Counter()
        previous = ""
        for _, _, key in lines:
            if key in candidates and len(previous) >= PAGE_LINE_MIN \
                    and previous[-1] not in _SENTENCE_END:
                interrupts[key] += 1
            if key and not _BARE_NUMBER.fullmatch(key):
                previous = key
        heads = {key for key in candidates if interrupts[key] >= 2}
        seen: set[str] = set()
        for start, end, key in lines:
            if key in heads:
                if key in seen:
                    spans.append((start, min(end + 1, len(text))))
                    removed.append(("head", key))
                seen.add(key)
    return sorted(set(spans)), removed


def _could_be_head(line: str) -> bool:
    """A title-like line: short, not a sentence, not a heading or a table-of-contents entry."""
    return (2 <= len(line) <= RUNNING_HEAD_MAX and line[-1] not in _SENTENCE_END
            and not HEADING.match(line) and not line[-1].isdigit())


def _page_breaks(text: str) -> list[tuple[int, int]]:
    """Line breaks that cut a paragraph at a page end, as working-text spans to remove.

    A break is joined when the line before is page-wide (at least :data:`PAGE_LINE_MIN`
    characters, so titles and bylines stay apart) and does not end a sentence, and the next
    line reads as running text: it does not start a heading or list item, and it is either
    page-wide itself or ends a sentence (制造设备之用。).
    """
    spans = []
    for match in _LINE_BREAKS.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        before = text[line_start:match.start()].strip()
        line_end = text.find("\n", match.end())
        after = text[match.end():line_end if line_end >= 0 else len(text)].strip()
        if (len(before) >= PAGE_LINE_MIN and before[-1] not in _SENTENCE_END
                and after and _CONTINUES.match(after) and not HEADING.match(after)
                and (len(after) >= PAGE_LINE_MIN or after[-1] in _SENTENCE_END)):
            spans.append((match.start(), match.end()))
    return spans
