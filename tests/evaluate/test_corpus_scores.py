"""Extraction scored against the hand annotations: floors that catch regressions.

The seed gold (shared/gold/) and the development texts (shared/corpus/extra/) sit beside the
checkout, as they do in CI; the development gold is ours (evaluation/extra/). The entity
floors are the targets of issue 6 (seed micro-F1 >= 0.90 and >= 0.80 for each of Factory,
Place, Person, Organization, Innovation; development micro-F1 >= 0.80); the relation and
statistic floors are those of issue 7 on the seed (relation micro-F1 >= 0.80, locatedIn >= 0.90,
statistics >= 0.80) and a regression floor a little under the figures of the development set.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.errors import ErrorCode
from kg.evaluate.score import load_annotations, score

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="shared/ is not beside the checkout")


@needs_shared
@pytest.mark.slow
def test_seed_scores(corpus_build):
    scores = score(load_annotations(SHARED / "gold" / "seed_gold.json", ErrorCode.E030),
                   load_annotations(corpus_build.files["extraction.json"], ErrorCode.E031))
    assert scores.micro(scores.entities).f1 >= 0.90
    for kind in ("Factory", "Place", "Person", "Organization", "Innovation"):
        assert scores.entities[kind].f1 >= 0.80, kind
    assert scores.relations["locatedIn"].precision >= 0.9
    assert scores.micro(scores.relations).f1 >= 0.80
    assert scores.relations["locatedIn"].f1 >= 0.90
    assert scores.statistics.f1 >= 0.80


@needs_shared
@pytest.mark.slow
def test_development_set_scores(tmp_path):
    build = kg.build([SHARED / "corpus" / "extra"], out=tmp_path / "out")
    scores = score(load_annotations(ROOT / "evaluation" / "extra", ErrorCode.E030),
                   load_annotations(build.files["extraction.json"], ErrorCode.E031))
    assert scores.micro(scores.entities).f1 >= 0.80
    assert scores.micro(scores.entities).precision >= 0.9
    assert scores.micro(scores.relations).f1 >= 0.62  # 0.66 when written
    assert scores.micro(scores.relations).precision >= 0.80
    assert scores.statistics.f1 >= 0.67  # 0.71 when written
