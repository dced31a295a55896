"""``kg build``: every stage in order, written atomically into the output folder.

The build writes into a fresh temporary folder beside ``out`` and swaps it in only when every
file is complete, so a failed or interrupted build leaves the previous output as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.config import Settings, corpus_dir
from kg.errors import ErrorCode, KGError


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build wrote and how much it found."""

    out: Path
    files: dict[str, Path]
    documents: int
    entities: int
    relations: int
    quads: int


def build(paths: Sequence[Path | str] = (), *, out: Path | str = Path("output"),
          settings: Settings | None = None) -> BuildResult:
    """Build the knowledge graph of ``paths`` (default: the bundled corpus) into ``out``.

    Raises :class:`kg.errors.KGError` for bad input before anything is written.
    """
    from kg.evaluate.gold_format import to_gold_format
    from kg.extract import extract
    from kg.ingest import load_documents
    from kg.link.authority import load_authority
    from kg.link.enrich import add_authority_links
    from kg.link.report import write_link_report
    from kg.rdf.mapping import to_dataset
    from kg.rdf.ontology_page import write_ontology_page
    from kg.rdf.provenance import build_record
    from kg.rdf.serialize import write_rdf
    from kg.rdf.validate import require_valid
    from kg.relate import relate
    from kg.resolve import resolve
    from kg.store import load_store, open_store
    from kg.visualize import DEFAULT_EGO_VIEWS, write_views

    settings = settings or Settings()
    out = Path(out)
    inputs = [Path(p) for p in paths] or [corpus_dir()]
    documents = load_documents(inputs, max_bytes=settings.max_file_bytes)
    graphs = [resolve(relate(extraction)) for extraction in extract(documents)]
    dataset = to_dataset(graphs, base=settings.base_iri, build=build_record(inputs, settings))
    links = add_authority_links(dataset, load_authority(), base=settings.base_iri)

    with _atomic_folder(out) as staging:
        files = write_rdf(dataset, staging)
        require_valid(dataset)  # SHACL (ontology/shapes.ttl); raises E042, keeping `out`
        files["ontology/index.html"] = write_ontology_page(staging / "ontology")
        files.update(write_link_report(links, staging))
        extraction = {"documents": [to_gold_format(graph) for graph in graphs]}
        files["extraction.json"] = staging / "extraction.json"
        files["extraction.json"].write_text(
            json.dumps(extraction, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        quads = load_store(files["kg.nq"], staging / "store")
        files["store"] = staging / "store"
        views = write_views(open_store(staging / "store"), staging / "views",
                            default_egos=DEFAULT_EGO_VIEWS, exports=staging)
        files.update({str(path.relative_to(staging)): path for path in views.values()})
    final = {name: out / path.relative_to(staging) for name, path in files.items()}
    return BuildResult(out=out, files=final, documents=len(documents),
                       entities=sum(len(g.entities) for g in graphs),
                       relations=sum(len(g.relations) for g in graphs), quads=quads)


class _atomic_folder:
    """Context manager: a temporary folder that replaces ``target`` only on success."""

    def __init__(self, target: Path) -> None:
        self.target = target

    def __enter__(self) -> Path:
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.tmp-",
                                                 dir=self.target.parent))
            umask = os.umask(0)
            os.umask(umask)
            self.staging.chmod(0o777 & ~umask)
        except OSError as error:
            raise KGError.of(ErrorCode.E020, path=self.target, detail=error.strerror) from error
        return self.staging

    def __exit__(self, kind, value, traceback) -> None:  # noqa: ANN001
        if kind is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            return
        _keep_readme(self.target, self.staging)
        previous = self.target.with_name(f".{self.target.name}.old-{os.getpid()}")
        try:
            if self.target.exists():
                os.replace(self.target, previous)
            os.replace(self.staging, self.target)
        except OSError as error:
            if previous.exists() and not self.target.exists():
                os.replace(previous, self.target)
            shutil.rmtree(self.staging, ignore_errors=True)
            raise KGError.of(ErrorCode.E020, path=self.target, detail=error.strerror) from error
        shutil.rmtree(previous, ignore_errors=True)


def _keep_readme(target: Path, staging: Path) -> None:
    """Carry output/README.md (tracked in git) into the new output folder."""
    readme = target / "README.md"
    if readme.is_file():
        shutil.copy2(readme, staging / "README.md")
