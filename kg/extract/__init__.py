"""Extraction: documents to typed mentions with evidence in the original text.

spaCy is used here and nowhere else. The pipeline is built once per process from
``config.cfg`` (:func:`load_pipeline`) and runs on working texts; every span is mapped back
through the document's offset map so that its quote is the source's own characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from kg.records import Document, EntityType, Evidence, Extraction, Mention

CONFIG = Path(__file__).with_name("config.cfg")


@cache
def load_pipeline():  # noqa: ANN201 - spacy.Language, imported lazily
    """The spaCy pipeline of ``config.cfg``, loaded once (jieba's dictionary takes ~1 s)."""
    import spacy
    from spacy.util import load_config, load_model_from_config

    from kg.extract.registry import register

    register()
    import jieba

    jieba.setLogLevel(60)
    nlp = load_model_from_config(load_config(CONFIG), auto_fill=True, validate=True)
    assert isinstance(nlp, spacy.Language)
    return nlp


def extract(documents: Sequence[Document]) -> list[Extraction]:
    """Find the mentions of each document."""
    from kg.extract.charspan import spans_of

    nlp = load_pipeline()
    results = []
    for document, doc in zip(documents, nlp.pipe(d.working for d in documents), strict=True):
        body = document.structure.body_start  # metadata header lines are not the source's
        mentions = tuple(_mention(document, span) for span in spans_of(doc) if span.start >= body)
        results.append(Extraction(document=document, mentions=mentions))
    return results


def evidence(document: Document, start: int, end: int) -> Evidence:
    """Evidence for the working span ``[start, end)``: original offsets and exact quote."""
    o_start, o_end = document.offsets.to_original(start, end)
    return Evidence(document.doc_id, o_start, o_end, document.original[o_start:o_end])


def _mention(document: Document, span) -> Mention:  # noqa: ANN001 - CharSpan
    attrs = span.attrs
    if span.label is EntityType.DATE:
        attrs = _anchored_date(document, span)
    return Mention(
        label=span.label,
        text=document.working[span.start:span.end],
        evidence=evidence(document, span.start, span.end),
        attrs=attrs + (("working_start", str(span.start)), ("working_end", str(span.end))),
    )


def _anchored_date(document: Document, span) -> tuple[tuple[str, str], ...]:  # noqa: ANN001
    """A date's ISO value, with 去年 / 2月26日 fixed by the year of the article around it."""
    from kg.extract.date_matcher import anchored

    value, anchor = span.attr("value"), span.attr("anchor")
    if anchor:
        year = writing_year(document, span.start)
        value = anchored(value, int(anchor), year) if year else value
    return (("canonical", value), ("value", value)) + ((("anchor", anchor),) if anchor else ())


def writing_year(document: Document, position: int) -> int | None:
    """The year a passage was written: its article's date, else the document's."""
    for article in document.structure.articles:
        if article.start <= position < article.end and article.date[:4].isdigit():
            return int(article.date[:4])
    return int(document.date[:4]) if document.date[:4].isdigit() else None
