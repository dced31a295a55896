"""The rules on passages of the genre written for the tests (tests/data/genre_sentences.json).

The passages name other cities, factories, people and devices than the development texts, so
they show whether the rules generalise. Each passage lists what a historian would mark and
look-alikes that must not be marked. Recall and precision are asserted over all passages, so
one disputable reading does not hide the rest; the look-alikes are asserted one by one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.extract.charspan import spans_of
from kg.extract.date_matcher import anchored
from kg.ingest.normalize import normalize
from kg.records import EntityType

PASSAGES = json.loads(Path(__file__).parents[1].joinpath("data", "genre_sentences.json")
                      .read_text(encoding="utf-8"))


def _found(nlp, passage: dict) -> set[tuple[str, str, str]]:  # noqa: ANN001
    """(type, canonical name or ISO date, surface) of every span of the passage."""
    doc = nlp(normalize(passage["text"]).text)
    found = set()
    for span in spans_of(doc):
        name = span.attr("canonical") or doc.text[span.start:span.end]
        if span.label == EntityType.DATE:
            anchor = span.attr("anchor")
            name = anchored(span.attr("value"), int(anchor), passage["year"]) if anchor \
                else span.attr("value")
        found.add((span.label.value, name, doc.text[span.start:span.end]))
    return found


def _matches(expected: dict, found: set[tuple[str, str, str]]) -> bool:
    wanted = expected.get("name") or expected.get("value")
    surface = normalize(expected["text"]).text
    return any(kind == expected["type"] and wanted in (name, surface) or
               kind == expected["type"] and surface == text for kind, name, text in found)


def test_genre_passages_are_recognised(nlp):
    expected = [(p["id"], e) for p in PASSAGES for e in p["entities"]]
    found = {p["id"]: _found(nlp, p) for p in PASSAGES}
    missed = [(pid, e["type"], e.get("name") or e.get("value")) for pid, e in expected
              if not _matches(e, found[pid])]
    recall = 1 - len(missed) / len(expected)
    assert recall >= 0.9, missed


def test_genre_passages_have_few_extra_spans(nlp):
    extra = []
    total = 0
    for passage in PASSAGES:
        for kind, name, text in _found(nlp, passage):
            total += 1
            wanted = {(e["type"], e.get("name") or e.get("value")) for e in passage["entities"]}
            surfaces = {(e["type"], normalize(e["text"]).text) for e in passage["entities"]}
            if (kind, name) not in wanted and (kind, text) not in surfaces:
                extra.append((passage["id"], kind, name))
    assert 1 - len(extra) / total >= 0.9, extra


@pytest.mark.parametrize("passage", PASSAGES, ids=[p["id"] for p in PASSAGES])
def test_genre_look_alikes_are_not_entities(nlp, passage):
    surfaces = {text for _, _, text in _found(nlp, passage)}
    wrong = [text for text in passage.get("not_entities", [])
             if normalize(text).text in surfaces]
    assert wrong == []
