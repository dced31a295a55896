"""The build's own provenance: which kg, with which rules, when.

The record must not make two builds of the same input differ, or the byte-identical promise
breaks. So its time is reproducible, as the Reproducible Builds convention has it: the
``SOURCE_DATE_EPOCH`` environment variable when set, else the newest modification time of the
input files (the moment the sources were last changed, not the moment of the run). The
configuration hash covers everything besides the input that decides the output: the settings,
the ontology and every bundled data table (gazetteers, lexicons).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kg.config import Settings, data_dir, ontology_dir


@dataclass(frozen=True, slots=True)
class BuildRecord:
    """What made a build: kg's version, a hash of its settings and data, its time (ISO 8601,
    UTC, reproducible)."""

    tool_version: str
    configuration_hash: str
    time: str


def build_record(inputs: Iterable[Path], settings: Settings) -> BuildRecord:
    from kg import __version__

    return BuildRecord(tool_version=__version__,
                       configuration_hash=configuration_hash(settings),
                       time=_reproducible_time(inputs))


def configuration_hash(settings: Settings) -> str:
    """SHA-256 of the settings that shape the graph, the ontology and the data tables."""
    from kg import __version__

    digest = hashlib.sha256()
    chosen = {"base_iri": settings.base_iri, "max_file_bytes": settings.max_file_bytes,
              "version": __version__}
    digest.update(json.dumps(chosen, sort_keys=True).encode("utf-8"))
    for folder in (ontology_dir(), data_dir()):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            if "__pycache__" in path.parts:
                continue
            digest.update(path.relative_to(folder).as_posix().encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _reproducible_time(inputs: Iterable[Path]) -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        seconds = int(epoch)
    else:
        files = [f for p in inputs for f in ([p] if p.is_file() else p.rglob("*"))
                 if f.is_file()]
        seconds = int(max((f.stat().st_mtime for f in files), default=0))
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
