"""One settings object for a run. Defaults live here and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent

DEFAULT_BASE_IRI = "http://example.org/kgmc/"
"""Base of the IRIs we mint. A placeholder host on purpose: a project that publishes its graph
sets its own persistent base (e.g. a w3id.org redirect) with ``--base``."""

ONTOLOGY_NAMESPACE = "http://example.org/kgmc/ontology#"
"""Namespace of our vocabulary (ontology/kgmc.ttl); fixed, unlike the data base IRI."""

MAX_FILE_BYTES = 64 * 1024 * 1024
"""Largest single input file. A booklet is ~100 kB; a bigger file is a corpus in one file."""


def corpus_dir() -> Path:
    """The bundled corpus: the 1960 booklet opening and its manifest."""
    return PACKAGE_DIR / "corpus"


def data_dir() -> Path:
    """Gazetteers and authority tables, each with a source and licence in its README."""
    return PACKAGE_DIR / "data"


def ontology_dir() -> Path:
    """``ontology/``: shipped inside the wheel as ``kg/ontology``; at the top of a checkout."""
    packaged = PACKAGE_DIR / "ontology"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / "ontology"


@dataclass(frozen=True, slots=True)
class Settings:
    """Options of a build. Every CLI option maps onto one field."""

    out: Path = Path("output")
    base_iri: str = DEFAULT_BASE_IRI
    max_file_bytes: int = MAX_FILE_BYTES
