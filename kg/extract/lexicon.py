"""Longest-match lookup of many literal terms in a text, in one left-to-right pass.

Chinese names do not follow jieba's token boundaries (张家坝化工厂 may come out as 张家 / 坝 /
化工厂), so gazetteer-like components match characters, not tokens. A dict trie gives the
longest term starting at each position in time linear in the text times the longest term.
"""

from __future__ import annotations

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

    def add(self, term: str, payload: Payload) -> None:
        """Add ``term``; a term added twice keeps every payload, in insertion order."""
        node = self._root
        for ch in term:
            node = node.setdefault(ch, {})
        if _END not in node:
            node[_END] = []
            self._size += 1
        node[_END].append(payload)

    def __len__(self) -> int:
        return self._size

    def scan(self, text: str) -> Iterator[tuple[int, int, list[Payload]]]:
        """Yield ``(start, end, payloads)`` of the longest terms, left to right, no overlaps.

        >>> lexicon = Lexicon()
        >>> lexicon.add("唐山", "city"); lexicon.add("唐山市", "city")
        >>> [(s, e) for s, e, _ in lexicon.scan("河北唐山市各陶瓷厂")]
        [(2, 5)]
        """
        root, length, i = self._root, len(text), 0
        while i < length:
            node, j, best = root, i, None
            while j < length:
                node = node.get(text[j])
                if node is None:
                    break
                j += 1
                if _END in node:
                    best = (j, node[_END])
            if best is None:
                i += 1
                continue
            yield i, best[0], best[1]
            i = best[0]
