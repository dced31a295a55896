"""The work done on one document, in whatever process runs it: analysis, then mapping.

Both steps are plain functions of a task (a frozen dataclass that pickles) to a small
summary, so they run the same in the build's own process, in a pool of worker processes or
on a Dask worker. The large result (the analysed document, its quads) goes to the cache;
only what the whole build needs to know crosses back to the pipeline.
"""

from __future__ import annotations

import json
import textwrap
import time
import traceback
from dataclasses import dataclass, replace
from pathlib import Path

from kg.batch.cache import ResultCache
from kg.errors import ErrorCode, KGError

ANALYSIS = "analysis"
SUMMARY = "summary"
MAPPING = "mapping"


@dataclass(frozen=True, slots=True)
class AnalysisTask:
    """Ingest, extract, relate and resolve one file."""

    path: Path
    doc_id: str
    key: str
    """Cache key: the file's bytes, its id and name, the limits and the analysis fingerprint."""
    cache: Path
    max_bytes: int
    force: bool = False


@dataclass(frozen=True, slots=True)
class Analysed:
    """What the build needs to know of an analysed document (the rest is in the cache)."""

    doc_id: str
    name: str
    key: str
    characters: int
    entities: tuple[tuple[str, str, str], ...]
    """(type, canonical name, pinyin slug) of each entity."""
    located: tuple[tuple[str, str], ...]
    """(type, name) of the entities the document places (heads of locatedIn)."""
    relations: int
    statistics: int
    cached: bool
    seconds: float


@dataclass(frozen=True, slots=True)
class Failed:
    """A document that could not be analysed: its file, the error's code and message."""

    path: str
    code: str
    message: str
    """The error's message, without its code and remedy (``KGError.message``)."""
    detail: str = ""
    """The traceback, for an error that is kg's fault (E007), shown with --verbose."""


@dataclass(frozen=True, slots=True)
class MappingTask:
    """Map one analysed document to N-Quads and to the annotation format."""

    doc_id: str
    analysis_key: str
    key: str
    cache: Path
    base: str
    slugs: tuple[tuple[tuple[str, str], str], ...]
    """The settled slug of each of the document's entity keys (collisions across the build
    already resolved)."""
    located: tuple[tuple[str, str], ...]
    """The document's entity keys some document of the build places."""
    force: bool = False


@dataclass(frozen=True, slots=True)
class Mapped:
    """What the build needs to know of a mapped document. Its named graph (N-Quads lines)
    and its extraction.json entry are files beside the summary in the cache
    (:func:`nquads_path`, :func:`annotations_path`), copied into the output as bytes."""

    doc_id: str
    key: str
    linkable: tuple[tuple[str, str, str, str], ...]
    """(IRI, type, Chinese name, division code) of the places, organizations and people, for
    the authority links."""
    cached: bool


def nquads_path(cache: Path, key: str) -> Path:
    return cache / MAPPING / f"{key}.nq"


def annotations_path(cache: Path, key: str) -> Path:
    """The document's entry of extraction.json, indented as it stands in that file."""
    return cache / MAPPING / f"{key}.json"


def analyse(task: AnalysisTask) -> Analysed | Failed:
    """Analyse one file, from the cache when its key is there."""
    started = time.perf_counter()
    cache = ResultCache(task.cache)
    summary = None if task.force else cache.get(SUMMARY, task.key)
    if isinstance(summary, Analysed) and cache.path(ANALYSIS, task.key).is_file():
        return replace(summary, cached=True, seconds=time.perf_counter() - started)
    try:
        graph = _analyse(task)
    except KGError as error:
        return Failed(path=str(task.path), code=error.code.name, message=error.message)
    except Exception as error:  # noqa: BLE001 - a fault of kg, reported per document
        detail = f"{type(error).__name__}: {error}"
        coded = KGError.of(ErrorCode.E007, path=task.path, detail=detail)
        return Failed(path=str(task.path), code="E007", message=coded.message,
                      detail=traceback.format_exc())
    summary = summarize(graph, task.key, cached=False, seconds=time.perf_counter() - started)
    cache.put(ANALYSIS, task.key, graph)
    cache.put(SUMMARY, task.key, summary)
    return summary


def _analyse(task: AnalysisTask):  # noqa: ANN202 - kg.records.DocumentGraph
    from kg.extract import extract
    from kg.ingest import bundled_manifest, ingest
    from kg.relate import relate
    from kg.resolve import resolve

    document = ingest(task.path, max_bytes=task.max_bytes, doc_id=task.doc_id,
                      manifest=bundled_manifest()).document
    (extraction,) = extract([document])
    return resolve(relate(extraction))


def summarize(graph, key: str, *, cached: bool, seconds: float) -> Analysed:  # noqa: ANN001
    from kg.rdf.iris import pinyin_slug
    from kg.rdf.mapping import located_keys

    document = graph.document
    return Analysed(
        doc_id=document.doc_id, name=document.name, key=key,
        characters=len(document.original),
        entities=tuple((e.type.value, e.name, pinyin_slug(e.name)) for e in graph.entities),
        located=tuple(sorted((t.value, name) for t, name in located_keys(graph))),
        relations=len(graph.relations), statistics=len(graph.statistics),
        cached=cached, seconds=seconds)


def map_document(task: MappingTask) -> Mapped:
    """Map one analysed document (read from the cache), from the cache when mapped before."""
    cache = ResultCache(task.cache)
    hit = None if task.force else cache.get(MAPPING, task.key)
    if (isinstance(hit, Mapped) and nquads_path(task.cache, task.key).is_file()
            and annotations_path(task.cache, task.key).is_file()):
        return replace(hit, cached=True)
    from kg.evaluate.gold_format import to_gold_format
    from kg.rdf.iris import IriMinter
    from kg.rdf.mapping import document_nquads
    from kg.records import EntityType

    graph = cache.get(ANALYSIS, task.analysis_key)
    if graph is None:
        raise KGError.of(ErrorCode.E007, path=task.doc_id,
                         detail="its analysis vanished from the cache during the build")
    minter = IriMinter.fixed(task.base, dict(task.slugs))
    located = {(EntityType(t), name) for t, name in task.located}
    lines = document_nquads(graph, minter, located)
    entry = json.dumps(to_gold_format(graph), ensure_ascii=False, indent=1)
    _write_text(nquads_path(task.cache, task.key), "".join(lines))
    _write_text(annotations_path(task.cache, task.key), textwrap.indent(entry, "  "))
    mapped = Mapped(doc_id=task.doc_id, key=task.key,
                    linkable=linkable(graph, minter), cached=False)
    cache.put(MAPPING, task.key, mapped)
    return mapped


def _write_text(path: Path, text: str) -> None:
    from kg.visualize.atomic import write_atomically

    write_atomically(path, lambda temporary: temporary.write_text(text, encoding="utf-8"))


def linkable(graph, minter) -> tuple[tuple[str, str, str, str], ...]:  # noqa: ANN001
    """(IRI, type, Chinese name, division code) of the document's entities of the types the
    authority table holds (DocumentGraph, IriMinter)."""
    from kg.link.enrich import LINKED_TYPES

    kinds = set(LINKED_TYPES.values())
    return tuple(sorted(
        (str(minter.entity(e.type.value, e.name)), e.type.value, e.name, e.attr("code"))
        for e in graph.entities if e.type.value in kinds))
