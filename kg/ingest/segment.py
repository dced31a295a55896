"""Cut a working text into sentences.

Sentences are the evidence unit of relations: a relation's quote is the sentence it was read
from. Articles, contents and bylines are parsed in :mod:`kg.ingest.structure`.
"""

from __future__ import annotations

import re

_SENTENCE = re.compile(r"[^。！？!?\n]+(?:[。！？!?]+[”’」』]?)?")


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
