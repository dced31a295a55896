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
