"""The bundled queries of ``ontology/queries/``: historians' questions written in SPARQL.

Each ``.rq`` file opens with a header of ``# key: value`` lines (title, question, answer),
which ``kg query --list`` shows; ``kg query NAME`` runs the file of that name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from kg.config import ontology_dir

_HEADER = re.compile(r"#\s*(title|question|answer):\s*(.*)")


@dataclass(frozen=True, slots=True)
class BundledQuery:
    """One ``.rq`` file and what its header says it answers."""

    name: str
    path: Path
    title: str
    question: str
    answer: str

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def queries_dir() -> Path:
    return ontology_dir() / "queries"


def bundled_queries() -> list[BundledQuery]:
    """Every bundled query, by name.

    >>> any(q.name == "factories_per_place" for q in bundled_queries())
    True
    """
    return [_read(path) for path in sorted(queries_dir().glob("*.rq"))]


def bundled_query(name: str) -> BundledQuery | None:
    """The bundled query called ``name`` (with or without ``.rq``), if there is one."""
    path = queries_dir() / f"{name.removesuffix('.rq')}.rq"
    return _read(path) if re.fullmatch(r"[\w-]+(\.rq)?", name) and path.is_file() else None


def _read(path: Path) -> BundledQuery:
    header: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            header[match.group(1)] = match.group(2).strip()
    return BundledQuery(name=path.stem, path=path, title=header.get("title", ""),
                        question=header.get("question", ""), answer=header.get("answer", ""))
