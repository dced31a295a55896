"""Write the dataset as TriG, Turtle, N-Quads and JSON-LD, byte-identical for the same input.

rdflib's Turtle and TriG writers sort subjects and predicates; N-Quads lines are sorted here;
JSON-LD is re-dumped with sorted keys and nodes; its context, our prefixes, is also published
as ``context.jsonld`` (ontology/context.jsonld, kept equal to ``PREFIXES`` by a test) for
documents of others to reference. No blank nodes are minted anywhere, so no
serializer invents labels that change between runs.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from rdflib import Dataset, Graph

from kg.config import ontology_dir
from kg.rdf.namespaces import PREFIXES, bind_prefixes

FILES = ("kg.trig", "kg.ttl", "kg.nq", "kg.jsonld", "context.jsonld")


def write_serializations(nquads: Path, out: Path) -> dict[str, Path]:
    """TriG, Turtle and JSON-LD (with ``context.jsonld``) of the N-Quads file a build wrote,
    by Oxigraph's streaming parsers and writers: seconds for a million quads, where rdflib's
    writers take minutes and gigabytes. The order is that of ``nquads`` (graph by graph, lines
    sorted within each), so the same input gives the same bytes.

    Literals keep the datatype they were written with: the files are written from the
    N-Quads, not from the store (Oxigraph stores an xsd:nonNegativeInteger as xsd:integer).
    """
    from pyoxigraph import RdfFormat, parse, serialize

    paths = {name: out / name for name in ("kg.trig", "kg.ttl", "kg.jsonld", "context.jsonld")}
    serialize(parse(path=str(nquads), format=RdfFormat.N_QUADS), str(paths["kg.trig"]),
              RdfFormat.TRIG, prefixes=PREFIXES)
    with paths["kg.jsonld"].open("wb") as stream:
        stream.write(b'{"@context": ' + json.dumps(PREFIXES, sort_keys=True).encode()
                     + b',\n "@graph": ')
        serialize(parse(path=str(nquads), format=RdfFormat.N_QUADS), stream,
                  RdfFormat.JSON_LD)
        stream.write(b"}\n")
    serialize(parse(union_ntriples(nquads), format=RdfFormat.N_TRIPLES),
              str(paths["kg.ttl"]), RdfFormat.TURTLE, prefixes=PREFIXES)
    shutil.copyfile(ontology_dir() / "context.jsonld", paths["context.jsonld"])
    return paths


def union_ntriples(nquads: Path) -> bytes:
    """Every triple of every graph once, as sorted N-Triples (sorted lines keep a subject's
    triples together, which Turtle writes as one block)."""
    triples = set()
    with nquads.open("rb") as stream:
        for line in stream:
            if line.strip():
                triples.add(line.rsplit(b" ", 2)[0])
    return b"".join(triple + b" .\n" for triple in sorted(triples))


def write_rdf(dataset: Dataset, out: Path) -> dict[str, Path]:
    """Write every serialization into ``out``; return their paths by format name."""
    paths = {name: out / name for name in FILES}
    paths["kg.trig"].write_text(trig(dataset), encoding="utf-8")
    union_graph(dataset).serialize(paths["kg.ttl"], format="turtle", encoding="utf-8")
    write_nquads(dataset, paths["kg.nq"])
    paths["kg.jsonld"].write_text(jsonld(dataset), encoding="utf-8")
    shutil.copyfile(ontology_dir() / "context.jsonld", paths["context.jsonld"])
    return paths


def trig(dataset: Dataset) -> str:
    """TriG with the named graphs in IRI order: rdflib writes them in the order of its
    store's contexts, which changes from run to run."""
    prefixes: set[str] = set()
    blocks = []
    for context in sorted(dataset.graphs(), key=lambda graph: str(graph.identifier)):
        if not len(context):
            continue
        named = Dataset()
        bind_prefixes(named)
        target = named.graph(context.identifier)
        for triple in context:
            target.add(triple)
        text = named.serialize(format="trig")
        lines = text.splitlines()
        prefixes.update(line for line in lines if line.startswith("@prefix"))
        blocks.append("\n".join(line for line in lines if not line.startswith("@prefix"))
                      .strip("\n"))
    return "\n".join(sorted(prefixes)) + "\n\n" + "\n\n".join(blocks) + "\n"


def union_graph(dataset: Dataset) -> Graph:
    """Every triple of every named graph in one graph (Turtle has no graphs)."""
    union = Graph()
    bind_prefixes(union)
    for subject, predicate, obj, _ in dataset.quads((None, None, None, None)):
        union.add((subject, predicate, obj))
    return union


def write_nquads(dataset: Dataset, path: Path) -> None:
    text = dataset.serialize(format="nquads", encoding="utf-8").decode("utf-8")
    lines = sorted(set(line for line in text.splitlines() if line.strip()))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def jsonld(dataset: Dataset) -> str:
    """JSON-LD of the dataset with our prefixes as context, nodes in a stable order."""
    raw = json.loads(dataset.serialize(format="json-ld", context=PREFIXES, auto_compact=True))
    return json.dumps(_sorted(raw), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _sorted(value: object) -> object:
    if isinstance(value, dict):
        return {key: _sorted(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sorted(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, ensure_ascii=False,
                                                         sort_keys=True))
    return value
