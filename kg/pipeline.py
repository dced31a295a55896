"""``kg build``: every stage in order, written atomically into the output folder.

Documents are analysed and mapped one by one (in worker processes, or on a Dask cluster) and
cached by content under ``out/.cache``; the build then joins them: entity IRIs settled across
documents, the build, links and ontology graphs, the N-Quads file, the Oxigraph store, the
SHACL check, the other serializations, the views and the report. No stage holds every
document's text in memory: the N-Quads are streamed from the cache into ``kg.nq``, and every
later stage reads that file or the store.

The build writes into a fresh temporary folder beside ``out`` and swaps it in only when every
file is complete, so a failed, interrupted or killed build leaves the previous output as it
was (a killed build's temporary folder is removed by the next build).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from kg.config import Settings, corpus_dir
from kg.errors import ErrorCode, KGError


class OnError(StrEnum):
    """What a build does with a document it cannot read."""

    FAIL = "fail"
    """Stop, keeping the previous output (the default: nothing is left out unnoticed)."""
    SKIP = "skip"
    """Build the rest; name each refused file with its error in the report."""


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a build wrote and how much it found."""

    out: Path
    files: dict[str, Path]
    documents: int
    entities: int
    relations: int
    quads: int
    failed: tuple = ()
    """:class:`kg.batch.documents.Failed` of each document refused with ``--on-error skip``."""
    report: dict = field(default_factory=dict)


def build(paths: Sequence[Path | str] = (), *, out: Path | str = Path("output"),
          settings: Settings | None = None, workers: int | None = None,
          force: bool = False, on_error: OnError | str = OnError.FAIL,
          progress=None, scheduler: str | None = None) -> BuildResult:  # noqa: ANN001
    """Build the knowledge graph of ``paths`` (default: the bundled corpus) into ``out``.

    ``workers``: processes for the per-document stages (default: every core); ``force``:
    ignore the cache; ``scheduler``: the address of a Dask scheduler to run them on instead.
    Raises :class:`kg.errors.KGError` for bad input before anything is replaced.
    """
    from kg.batch.cache import CACHE_FOLDER, ResultCache
    from kg.batch.progress import Progress, Verbosity
    from kg.batch.workers import Workers, default_workers

    settings = settings or Settings()
    out, on_error = Path(out), OnError(on_error)
    inputs = [Path(p) for p in paths] or [corpus_dir()]
    progress = progress or Progress(Verbosity.QUIET)
    tasks = _analysis_tasks(inputs, out / CACHE_FOLDER, settings, force)
    with Workers(workers or default_workers(), scheduler=scheduler) as pool, progress:
        run = _Run(settings, progress, pool, ResultCache(out / CACHE_FOLDER), force)
        run.analyse(tasks, on_error)
        with _atomic_folder(out) as staging:
            result = run.write(staging, inputs)
        run.prune_cache(out / CACHE_FOLDER)
    final = {name: out / path.relative_to(staging) for name, path in result.files.items()}
    return BuildResult(out=out, files=final, documents=result.documents,
                       entities=result.entities, relations=result.relations,
                       quads=result.quads, failed=result.failed, report=result.report)


def _analysis_tasks(inputs: list[Path], cache: Path, settings: Settings, force: bool) -> list:
    """One task per text, keyed by its bytes, id, name, the size limit and the rules."""
    from kg.batch.cache import cache_key
    from kg.batch.documents import AnalysisTask
    from kg.batch.fingerprint import analysis_fingerprint
    from kg.ingest import document_ids
    from kg.ingest.read import collect_paths

    files = collect_paths(inputs)
    rules = analysis_fingerprint()
    return [AnalysisTask(path=path, doc_id=doc_id, cache=cache, max_bytes=settings.max_file_bytes,
                         force=force, key=cache_key(rules, _file_digest(path, settings),
                                                    doc_id, path.name,
                                                    str(settings.max_file_bytes)))
            for path, doc_id in zip(files, document_ids(files), strict=True)]


def _file_digest(path: Path, settings: Settings) -> str:
    """SHA-256 of the file's bytes; a file too large or unreadable is keyed by its size and
    time (its analysis fails with a coded error anyway)."""
    try:
        status = path.stat()
        if status.st_size > settings.max_file_bytes:
            return f"large:{status.st_size}:{status.st_mtime_ns}"
        with path.open("rb") as stream:
            return hashlib.file_digest(stream, "sha256").hexdigest()
    except OSError as error:
        return f"unreadable:{error.errno}:{path}"


@dataclass(slots=True)
class _Written:
    files: dict[str, Path]
    documents: int
    entities: int
    relations: int
    quads: int
    failed: tuple
    report: dict


class _Run:
    """The state of one build between its stages."""

    def __init__(self, settings: Settings, progress, pool, cache, force: bool) -> None:  # noqa: ANN001
        self.settings, self.progress, self.pool, self.cache = settings, progress, pool, cache
        self.force = force
        self.analysed: list = []
        self.failed: list = []
        self.used: dict[str, set[str]] = {"analysis": set(), "summary": set(), "mapping": set(),
                                          "ontology": set()}

    def analyse(self, tasks: list, on_error: OnError) -> None:
        from kg.batch.documents import Failed, analyse

        with self.progress.stage("documents", len(tasks)) as advance:
            for result in self.pool.map(analyse, tasks):
                advance()
                if isinstance(result, Failed):
                    if on_error is OnError.FAIL:
                        raise KGError(ErrorCode[result.code], result.message)
                    self.failed.append(result)
                    self.progress.warn(f"skipped {result.path}: {result.code}: {result.message}")
                    if result.detail:
                        self.progress.note(result.detail)
                    continue
                self.analysed.append(result)
                for kind in ("analysis", "summary"):
                    self.used[kind].add(result.key)
                self.progress.note(f"{result.name}: {result.characters} characters, "
                                   f"{len(result.entities)} entities"
                                   f"{' (cached)' if result.cached else ''}")
        if not self.analysed:
            first = self.failed[0]
            raise KGError.of(ErrorCode.E008, count=len(self.failed),
                             first=f"{first.code}: {first.message}")

    def write(self, staging: Path, inputs: list[Path]) -> _Written:
        from kg import __version__
        from kg.batch.report import BuildReport, write_build_report
        from kg.link.report import write_link_report
        from kg.rdf.ontology_page import page_key, write_ontology_page
        from kg.rdf.provenance import build_record
        from kg.rdf.serialize import write_serializations
        from kg.store import load_store, open_store
        from kg.visualize import DEFAULT_EGO_VIEWS, write_views

        record = build_record(inputs, self.settings)
        report = BuildReport(tool_version=__version__, time=record.time,
                             executor=self.pool.description)
        files: dict[str, Path] = {}
        minter, mapped = self._map(staging, files)
        links = self._finish_nquads(staging / "kg.nq", record, minter, mapped)
        with self.progress.stage("store"):
            quads = load_store(staging / "kg.nq", staging / "store")
        files["kg.nq"], files["store"] = staging / "kg.nq", staging / "store"
        report.shacl = self._validate(staging / "store")
        with self.progress.stage("serialize"):
            files.update(write_serializations(staging / "kg.nq", staging))
        with self.progress.stage("ontology page"):
            files["ontology/index.html"] = write_ontology_page(
                staging / "ontology", cache=self.cache.folder / "ontology")
            self.used["ontology"].add(page_key())
        files.update(write_link_report(links, staging))
        with self.progress.stage("views"):
            views = write_views(open_store(staging / "store"), staging / "views",
                                default_egos=DEFAULT_EGO_VIEWS, exports=staging)
        files.update({str(path.relative_to(staging)): path for path in views.values()})

        entity_types = Counter(kind for a in self.analysed for kind, _, _ in a.entities)
        distinct = Counter(kind for kind, _ in {(k, n) for a in self.analysed
                                                 for k, n, _ in a.entities})
        report.documents = len(self.analysed) + len(self.failed)
        report.analysed = sum(not a.cached for a in self.analysed)
        report.from_cache = sum(a.cached for a in self.analysed)
        report.failed = [{"path": f.path, "code": f.code, "message": f.message}
                         for f in self.failed]
        report.characters = sum(a.characters for a in self.analysed)
        report.entities = dict(sorted(distinct.items()))
        report.mentions_by_document = sum(entity_types.values())
        report.relations = sum(a.relations for a in self.analysed)
        report.statistics = sum(a.statistics for a in self.analysed)
        report.quads = quads
        report.links = links.counts()
        report.timings = dict(self.progress.timings)
        report.warnings = list(self.progress.warnings)
        files.update(write_build_report(report, staging))
        return _Written(files=files, documents=len(self.analysed),
                        entities=report.mentions_by_document, relations=report.relations,
                        quads=quads, failed=tuple(self.failed), report=report.to_json())

    def _map(self, staging: Path, files: dict[str, Path]) -> tuple:
        """Map every document; stream its quads into kg.nq and its entry into
        extraction.json, in document order."""
        from kg.batch.documents import annotations_path, map_document, nquads_path
        from kg.rdf.iris import IriMinter

        slugs = {(kind, name): slug for a in self.analysed for kind, name, slug in a.entities}
        minter = IriMinter(self.settings.base_iri, slugs, slugs=slugs)
        located = {key for a in self.analysed for key in a.located}
        tasks = [self._mapping_task(a, minter, located) for a in self.analysed]
        mapped = []
        files["kg.nq"] = staging / "kg.nq"
        files["extraction.json"] = staging / "extraction.json"
        with (self.progress.stage("mapping", len(tasks)) as advance,
              files["kg.nq"].open("wb") as nquads,
              files["extraction.json"].open("w", encoding="utf-8") as annotations):
            annotations.write('{\n "documents": [')
            for number, result in enumerate(self.pool.map(map_document, tasks)):
                with nquads_path(self.cache.folder, result.key).open("rb") as chunk:
                    shutil.copyfileobj(chunk, nquads)
                entry = annotations_path(self.cache.folder, result.key).read_text("utf-8")
                annotations.write(("," if number else "") + "\n" + entry)
                self.used["mapping"].add(result.key)
                mapped.append(result)
                advance()
            annotations.write("\n ]\n}\n" if mapped else "]\n}\n")
        return minter, mapped

    def _mapping_task(self, analysed, minter, located: set):  # noqa: ANN001, ANN202
        from kg.batch.cache import cache_key
        from kg.batch.documents import MappingTask
        from kg.batch.fingerprint import mapping_fingerprint

        keys = sorted({(kind, name) for kind, name, _ in analysed.entities})
        slugs = tuple(sorted(minter.slugs(keys).items()))
        placed = tuple(key for key in keys if key in located)
        return MappingTask(doc_id=analysed.doc_id, analysis_key=analysed.key,
                           cache=self.cache.folder, base=self.settings.base_iri,
                           slugs=slugs, located=placed, force=self.force,
                           key=cache_key(mapping_fingerprint(), analysed.key,
                                         self.settings.base_iri, json.dumps(slugs),
                                         json.dumps(placed)))

    def _finish_nquads(self, path: Path, record, minter, mapped: list):  # noqa: ANN001, ANN202
        """Append the build, links and ontology graphs to kg.nq; return the link report."""
        from rdflib import Graph, URIRef

        from kg.config import ontology_dir
        from kg.link.authority import load_authority
        from kg.link.enrich import link_entities
        from kg.rdf.mapping import build_nquads, nquad_lines
        from kg.rdf.namespaces import ONTOLOGY_IRI

        with self.progress.stage("links"):
            link_graph = Graph(identifier=URIRef(f"{self.settings.base_iri}graph/links"))
            by_iri: dict[str, tuple[str, str, str]] = {}
            for iri, kind, name, code in (row for m in mapped for row in m.linkable):
                known = by_iri.setdefault(iri, (kind, name, code))  # a code from any document
                by_iri[iri] = (kind, name, max(known[2], code))
            entities = [(URIRef(iri), *row) for iri, row in sorted(by_iri.items())]
            links = link_entities(entities, load_authority(), link_graph,
                                  base=self.settings.base_iri)
            ontology = Graph().parse(ontology_dir() / "kgmc.ttl", format="turtle")
            tail = (build_nquads(record, [m.doc_id for m in mapped], minter)
                    + nquad_lines(link_graph, link_graph.identifier)
                    + nquad_lines(ontology, URIRef(ONTOLOGY_IRI)))
            with path.open("a", encoding="utf-8") as stream:
                stream.writelines(tail)
        return links

    def _validate(self, store_path: Path) -> dict:
        from pyoxigraph import Store

        from kg.rdf.validate import validate_store

        with self.progress.stage("shacl"):
            store = Store(str(store_path))
            try:
                report = validate_store(store)
            finally:
                store.flush()
                del store
        if not report.conforms:
            raise KGError.of(ErrorCode.E042, summary=report.summary())
        return {"conforms": report.conforms, "violations": len(report.violations),
                "summary": report.summary(), "statements": report.triples}

    def prune_cache(self, folder: Path) -> None:
        from kg.batch.cache import ResultCache

        ResultCache(folder).prune(self.used)


class _atomic_folder:
    """Context manager: a temporary folder that replaces ``target`` only on success.

    The cache (``target/.cache``) is not part of the swap's content: it is written in place
    while the build runs and moved into the new folder at the swap, so no outcome of the
    build loses it.
    """

    def __init__(self, target: Path) -> None:
        self.target = target

    def __enter__(self) -> Path:
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            _remove_abandoned(self.target)
            self.staging = Path(tempfile.mkdtemp(
                prefix=f".{self.target.name}.tmp-{os.getpid()}-", dir=self.target.parent))
            umask = os.umask(0)
            os.umask(umask)
            self.staging.chmod(0o777 & ~umask)
        except OSError as error:
            raise KGError.of(ErrorCode.E020, path=self.target, detail=error.strerror) from error
        return self.staging

    def __exit__(self, kind, value, traceback) -> None:  # noqa: ANN001
        from kg.batch.cache import CACHE_FOLDER

        if kind is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            return
        _keep_readme(self.target, self.staging)
        cache, carried = self.target / CACHE_FOLDER, self.staging / CACHE_FOLDER
        previous = self.target.with_name(f".{self.target.name}.old-{os.getpid()}")
        blocked = _block_interrupts()  # a Ctrl-C between two renames would leave no output
        try:
            if cache.is_dir():
                os.replace(cache, carried)
            if self.target.exists():
                os.replace(self.target, previous)
            os.replace(self.staging, self.target)
        except OSError as error:
            if previous.exists() and not self.target.exists():
                os.replace(previous, self.target)
            if carried.is_dir() and self.target.is_dir() and not cache.exists():
                os.replace(carried, cache)
            shutil.rmtree(self.staging, ignore_errors=True)
            raise KGError.of(ErrorCode.E020, path=self.target, detail=error.strerror) from error
        finally:
            _unblock_interrupts(blocked)
        shutil.rmtree(previous, ignore_errors=True)


def _block_interrupts() -> bool:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return False
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    return True


def _unblock_interrupts(blocked: bool) -> None:
    import signal

    if blocked:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})


def _remove_abandoned(target: Path) -> None:
    """Remove the temporary folders of builds of ``target`` that were killed (their process
    is gone); a build still running keeps its own."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(tmp|old)-(\d+)(?:-.*)?$")
    for sibling in sorted(target.parent.iterdir()):
        match = pattern.match(sibling.name)
        if not match or not sibling.is_dir() or _alive(int(match.group(2))):
            continue
        if match.group(1) == "old" and not target.exists():
            os.replace(sibling, target)  # killed mid-swap: the previous output comes back
        else:
            shutil.rmtree(sibling, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # a folder of ours from an earlier build in this process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _keep_readme(target: Path, staging: Path) -> None:
    """Carry output/README.md (tracked in git) into the new output folder."""
    readme = target / "README.md"
    if readme.is_file():
        shutil.copy2(readme, staging / "README.md")
