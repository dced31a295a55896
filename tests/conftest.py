"""Shared fixtures: one build of the bundled corpus per test session, a CLI runner."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import kg
from kg.pipeline import BuildResult


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The bundled corpus built once into a temporary output folder."""
    return kg.build(out=tmp_path_factory.mktemp("build") / "output")


@pytest.fixture(scope="session")
def nlp():
    """The extraction pipeline of kg/extract/config.cfg, loaded once."""
    from kg.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def mentions(nlp):
    """``mentions(text, label, attr)``: (surface, attr value) of each span of one type."""
    from kg.extract.charspan import spans_of

    def find(text: str, label, attr: str) -> list[tuple[str, str]]:  # noqa: ANN001
        doc = nlp(text)
        return [(doc.text[s.start:s.end], s.attr(attr)) for s in spans_of(doc) if s.label == label]

    return find


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()
