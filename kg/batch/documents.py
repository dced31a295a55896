"""The work done on one document, in whatever process runs it: analysis, then mapping.

Both steps are plain functions of a task (a frozen dataclass that pickles) to a small
summary, so they run the same in the build's own process, in a pool of worker processes or
on a Dask worker. The large result (the analysed document, its quads) goes to the cache;
only what the whole build needs to know crosses back to the pipeline.
"""

from __future__ import annotations

import json
import os
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
    quads: int
    linkable: tuple[tuple[str, str, str, str], ...]
    """(IRI, class IRI, Chinese name, division code) of the places, organizations and people,
    for the authority links."""
    entities: int
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
    write_atomic(nquads_path(task.cache, task.key), "".join(lines))
    write_atomic(annotations_path(task.cache, task.key), textwrap.indent(entry, "  "))
    mapped = Mapped(doc_id=task.doc_id, key=task.key, quads=len(lines),
                    linkable=linkable(lines), entities=len(graph.entities), cached=False)
    cache.put(MAPPING, task.key, mapped)
    return mapped


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


_LINKED_CLASSES = {"<http://example.org/kgmc/ontology#Place>",
                   "<http://example.org/kgmc/ontology#Organization>",
                   "<http://example.org/kgmc/ontology#Person>"}
_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
_CODE = "<http://example.org/kgmc/ontology#adminCode>"


def linkable(lines: list[str]) -> tuple[tuple[str, str, str, str], ...]:
    """(IRI, class, Chinese name, division code) of the entities of the types the authority
    table holds, read from a document's own N-Quads lines."""
    from kg.link.enrich import LINKED_TYPES

    assert {f"<{c}>" for c in LINKED_TYPES} == _LINKED_CLASSES
    found: dict[str, list[str]] = {}
    labels: dict[str, str] = {}
    codes: dict[str, str] = {}
    for line in lines:
        subject, predicate, rest = line.split(" ", 2)
        if predicate == _TYPE and rest.split(" ", 1)[0] in _LINKED_CLASSES:
            found.setdefault(subject[1:-1], []).append(rest.split(" ", 1)[0][1:-1])
        elif predicate == _LABEL and '"@zh-Hans ' in rest:
            labels[subject[1:-1]] = _unquote(rest[:rest.rindex('"@zh-Hans ') + 1])
        elif predicate == _CODE:
            codes[subject[1:-1]] = _unquote(rest[:rest.rindex('" ') + 1])
    return tuple((iri, sorted(classes)[0], labels.get(iri, ""), codes.get(iri, ""))
                 for iri, classes in sorted(found.items()))


def _unquote(literal: str) -> str:
    """The text of an N-Quads string literal as rdflib's writer escapes it."""
    body = literal[1:-1]
    if "\\" not in body:
        return body
    return (body.replace("\\\\", "\0").replace('\\"', '"').replace("\\n", "\n")
            .replace("\\r", "\r").replace("\0", "\\"))
