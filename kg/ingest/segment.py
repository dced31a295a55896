"""Cut a working text into sentences and read the metadata its first lines state.

Sentences are the evidence unit of relations: a relation's quote is the sentence it was read
from. The booklet's full structure (table of contents, articles, bylines) is parsed by the
structure stage; this module keeps only what every text of the genre has.
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^。！？!?\n]+(?:[。！？!?]+[”’」』]?)?")
_DATE = re.compile(r"(1[89]\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``: split at 。！？ and at line ends, blanks dropped.

    >>> text = "天津自行车厂试制成功。效率提高一倍！"
    >>> [text[s:e] for s, e in sentences(text)]
    ['天津自行车厂试制成功。', '效率提高一倍！']
    """
    spans = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            spans.append((start, end))
    return spans


def first_title(text: str) -> str:
    """The first non-blank line: the headline of a plain article."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def first_date(text: str) -> str:
    """The first full date written in the text (ISO form), or ``""``."""
    match = _DATE.search(text)
    if not match:
        return ""
    year, month, day = (int(group) for group in match.groups())
    return f"{year:04d}-{month:02d}-{day:02d}"
