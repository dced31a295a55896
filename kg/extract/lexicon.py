"""Longest-match lookup of many literal terms in a text, in one left-to-right pass.

Chinese names do not follow jieba's token boundaries (张家坝化工厂 may come out as 张家 / 坝 /
化工厂), so gazetteer-like components match characters, not tokens. A dict trie gives the
longest term starting at each position in time linear in the text times the longest term.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

Payload = TypeVar("Payload")
_END = ""


@dataclass
class Lexicon(Generic[Payload]):
    """Terms with payloads; :meth:`scan` finds non-overlapping longest matches."""

    _root: dict = field(default_factory=dict)
    _size: int = 0
    _starts: re.Pattern[str] | None = field(default=None, repr=False)
    _by_first: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False)

    def add(self, term: str, payload: Payload) -> None:
        """Add ``term``; a term added twice keeps every payload, in insertion order."""
        node = self._root
        for ch in term:
            node = node.setdefault(ch, {})
        if _END not in node:
            node[_END] = []
            self._size += 1
        node[_END].append(payload)
        self._starts = None

    def __len__(self) -> int:
        return self._size

    def scan(self, text: str) -> Iterator[tuple[int, int, list[Payload]]]:
        """Yield ``(start, end, payloads)`` of the longest terms, left to right, no overlaps.

        >>> lexicon = Lexicon()
        >>> lexicon.add("唐山", "city"); lexicon.add("唐山市", "city")
        >>> [(s, e) for s, e, _ in lexicon.scan("河北唐山市各陶瓷厂")]
        [(2, 5)]
        """
        if self._starts is None:
            self._compile()
        assert self._starts is not None
        root, by_first, end = self._root, self._by_first, 0
        for candidate in self._starts.finditer(text):
            start = candidate.start()
            if start < end:
                continue
            match = by_first[text[start]].match(text, start)
            if match is None:
                continue
            node = root
            for ch in match.group():
                node = node[ch]
            end = match.end()
            yield start, end, node[_END]

    def _compile(self) -> None:
        """One small regex per first character, and a character class to find where to try.

        Python's regex engine tries the branches of an alternation one by one, so one pattern
        for thousands of terms is slow; the class finds candidate positions in C and the
        first character picks the only branch that can match there.
        """
        self._by_first = {ch: re.compile(re.escape(ch) + _optional(child))
                          for ch, child in self._root.items() if ch != _END}
        chars = "".join(re.escape(ch) for ch in sorted(self._by_first))
        self._starts = re.compile(f"[{chars}]" if chars else "(?!)")


def _optional(child: dict) -> str:
    """The pattern after a first character: its continuations, optional at a term's end."""
    rest = _trie_pattern(child)
    if not rest:
        return ""
    return f"(?:{rest})?" if _END in child else rest


def _trie_pattern(node: dict) -> str:
    """A regular expression for the terms below ``node``, longest first at each position.

    Python's regex engine walks the alternation in C, an order of magnitude faster than
    walking the dict trie character by character in Python. Greedy optional groups make each
    match the longest term starting there, as a trie walk would.
    """
    branches = [re.escape(ch) + _optional(child)
                for ch, child in sorted((k, v) for k, v in node.items() if k != _END)]
    if len(branches) <= 1:
        return "".join(branches)
    return "(?:" + "|".join(branches) + ")"
