"""Write a build's graph as TriG, Turtle and JSON-LD, byte-identical for the same input.

A build writes ``kg.nq`` itself (:mod:`kg.pipeline`: graph by graph, lines sorted within
each); the other serializations are made from it by Oxigraph's streaming parser and writers,
with our prefixes. Its context, our prefixes, is also published as ``context.jsonld``
(ontology/context.jsonld, kept equal to ``PREFIXES`` by a test) for documents of others to
reference. No blank nodes are minted anywhere, so no serializer invents labels that change
between runs. :func:`write_nquads` writes an rdflib ``Dataset`` (the synthetic stores of the
benchmarks and tests).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from rdflib import Dataset

from kg.config import ontology_dir
from kg.rdf.namespaces import PREFIXES


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


def write_nquads(dataset: Dataset, path: Path) -> None:
    text = dataset.serialize(format="nquads", encoding="utf-8").decode("utf-8")
    lines = sorted(set(line for line in text.splitlines() if line.strip()))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
