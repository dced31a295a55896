"""Where a name may start: the left edge of names the genre writes without spaces.

Chinese running text gives no word boundaries, so components that grow a name leftwards from
a head (…厂, …运动, …机) stop at punctuation, digits, measure words and the function words
that cannot sit inside a proper name. One definition here keeps the components consistent.
"""

from __future__ import annotations

import re

CJK = r"\u4e00-\u9fff"
STOP_CHARS = "的了在和与是等各个们及或为有到从对把被向由将要也都就已还又这那其该本全每如他她它"
"""Function characters that end a name on its left (各陶瓷厂, 该厂, 如张家坝化工厂 …)."""

MEASURE_CHARS = "台部座件个种项位名辆架只条套批次"
"""Measure words: 8台输送机, 70座半煤气炉 — a count is never part of the name after it."""

_NAME_CHAR = re.compile(rf"[{CJK}]")


def grow_left(text: str, end: int, limit: int, stop: str = STOP_CHARS) -> int:
    """The leftmost start of a run of name characters ending at ``end``, at most ``limit`` long.

    >>> grow_left("例如汉阳机器厂", 7, 8)
    2
    >>> grow_left("70座半煤气炉", 7, 8, STOP_CHARS + MEASURE_CHARS)
    3
    """
    start = end
    while start > 0 and end - start < limit:
        ch = text[start - 1]
        if not _NAME_CHAR.match(ch) or ch in stop:
            break
        start -= 1
    return start


def at_clause_start(text: str, index: int) -> bool:
    """True where a name may begin: text start or after punctuation, space or a digit."""
    return index == 0 or not _NAME_CHAR.match(text[index - 1])
