"""SHACL validation of a build: ``ontology/shapes.ttl`` against the union of its graphs.

The shapes state what a valid build contains: every entity named in Chinese and in pinyin and
quoted from a source, every factory placed (or its absence explained), every relation
statement, statistic and quote tied to a passage with its offsets. ``kg build`` refuses to
replace its output when a rule is broken; ``kg validate`` checks a build already written.

Each constraint is a SPARQL query run in Oxigraph (:mod:`kg.rdf.shapes_sparql`), seconds for
a corpus where pyshacl took minutes. The ontology graph takes part for its
``rdfs:subClassOf`` triples only, without inference: RDFS would read ``kgmc:locatedIn
rdfs:range kgmc:Place`` as making every located thing's place a Place, and the shapes could
no longer catch a factory placed in a person.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.config import ontology_dir
from kg.errors import ErrorCode, KGError
from kg.rdf.namespaces import ONTOLOGY_IRI, PREFIXES

if TYPE_CHECKING:
    import pyoxigraph

SHAPES_FILE = "shapes.ttl"
"""The shapes, in ``ontology/`` beside the ontology they constrain."""

SHAPES_NAMESPACE = "http://example.org/kgmc/shapes#"

LINES_PER_SHAPE = 20
"""Violations listed per shape in a report; the rest are counted."""


@dataclass(frozen=True, slots=True)
class Violation:
    """One node that breaks one rule of the shapes."""

    shape: str
    """The rule, compact (``kgsh:FactoryLocation``)."""
    rule: str
    """The rule's English label."""
    focus: str
    """IRI of the node that breaks it."""
    name: str
    """The node's Chinese name (``rdfs:label@zh-Hans``), ``""`` when it has none."""
    path: str
    """The property concerned, compact (``kgmc:head``, ``^oa:hasBody``); ``""`` for a rule on
    the node as a whole."""
    message: str


@dataclass(frozen=True, slots=True)
class ValidationReport:
    """What a validation found, ready to print."""

    violations: tuple[Violation, ...]
    triples: int
    """Triples checked: the union of every graph but the ontology."""
    seconds: float

    @property
    def conforms(self) -> bool:
        return not self.violations

    def by_rule(self) -> dict[str, list[Violation]]:
        """Violations grouped by the rule they break, rules in the order of their labels."""
        groups: dict[str, list[Violation]] = {}
        for violation in self.violations:
            groups.setdefault(violation.shape, []).append(violation)
        return dict(sorted(groups.items(), key=lambda item: (item[1][0].rule, item[0])))

    def summary(self) -> str:
        """One line: the count, and per rule its count and a first example.

        >>> ValidationReport(violations=(), triples=0, seconds=0.0).summary()
        '0 violations'
        """
        count = len(self.violations)
        head = f"{count} violation{'' if count == 1 else 's'}"
        if not count:
            return head
        rules = [f"{len(group)} × {group[0].rule} (e.g. {_node(group[0])})"
                 for group in self.by_rule().values()]
        return f"{head}: {'; '.join(rules)}"

    def render(self, *, per_shape: int = LINES_PER_SHAPE) -> str:
        """The report as text: the count, then each rule with up to ``per_shape`` lines of
        focus node, path and message."""
        count = len(self.violations)
        lines = [f"{count} violation{'' if count == 1 else 's'} "
                 f"({self.triples} triples checked in {self.seconds:.2f} s)"]
        for shape, group in self.by_rule().items():
            lines.append(f"{group[0].rule} ({shape}): {len(group)}")
            for violation in group[:per_shape]:
                path = f"  {violation.path}" if violation.path else ""
                lines.append(f"  {_node(violation)}{path}: {violation.message}")
            if len(group) > per_shape:
                lines.append(f"  … and {len(group) - per_shape} more")
        return "\n".join(lines) + "\n"


def validate_build(out: Path | str) -> ValidationReport:
    """Validate the build in folder ``out`` (its ``kg.trig``).

    Raises :class:`kg.errors.KGError` when there is no build there or it cannot be read.
    """
    from pyoxigraph import RdfFormat, Store

    trig = Path(out) / "kg.trig"
    if not trig.is_file():
        raise KGError.of(ErrorCode.E040, path=trig)
    store = Store()
    try:
        store.bulk_load(path=str(trig), format=RdfFormat.TRIG)
    except (SyntaxError, ValueError, OSError) as error:
        detail = " ".join(str(error).split())[:200]
        raise KGError.of(ErrorCode.E041, path=trig, detail=detail) from error
    return validate_store(store)


def validate_dataset(dataset: Dataset) -> ValidationReport:
    """Validate every graph of ``dataset`` (an rdflib ``Dataset``) by :func:`validate_store`.

    >>> validate_dataset(Dataset()).summary()
    '0 violations'
    """
    from pyoxigraph import RdfFormat, Store

    store = Store()
    nquads = dataset.serialize(format="nquads", encoding="utf-8")
    if nquads.strip():
        store.load(nquads, format=RdfFormat.N_QUADS)
    return validate_store(store)


def validate_store(store: pyoxigraph.Store) -> ValidationReport:
    """Validate every graph of an Oxigraph store but the ontology as one graph.

    Entities are shared between document graphs (a factory may be placed by one document and
    named by another), so the rules hold for the union, not for each graph; the ontology
    graph takes part for its ``rdfs:subClassOf`` triples only. Each constraint is one query
    (:mod:`kg.rdf.shapes_sparql`).
    """
    from pyoxigraph import NamedNode

    from kg.rdf.shapes_sparql import compile_shapes, subclass_closure

    started = time.perf_counter()
    shapes = load_shapes()

    def select(query: str) -> list[tuple[Node, ...]]:
        rows = store.query(query, use_default_graph_as_union=True)
        return [tuple(_term(cell) for cell in row) for row in rows]

    pairs = select("SELECT ?sub ?sup WHERE { ?sub <http://www.w3.org/2000/01/rdf-schema#"
                   "subClassOf>+ ?sup }")
    found: list[tuple] = []
    for check in compile_shapes(shapes, subclass_closure(pairs)):
        found.extend((check, row[0]) for row in select(check.query))
    ontology_quads = sum(1 for _ in store.quads_for_pattern(
        None, None, None, NamedNode(ONTOLOGY_IRI)))
    names = _Namer(shapes, _chinese_names(select, {focus for _, focus in found}))
    violations = tuple(sorted(
        (Violation(shape=names.compact(check.shape), rule=names.english(check.shape),
                   focus=str(focus), name=names.chinese(focus),
                   path=names.path(shapes, check.path) if check.path is not None else "",
                   message=check.message) for check, focus in found),
        key=lambda v: (v.shape, v.focus, v.path, v.message)))
    return ValidationReport(violations=violations, triples=len(store) - ontology_quads,
                            seconds=time.perf_counter() - started)


def require_valid(dataset: Dataset) -> ValidationReport:
    """:func:`validate_dataset`, raising a :class:`kg.errors.KGError` with the summary when
    any rule is broken (``kg build`` then keeps the previous output)."""
    report = validate_dataset(dataset)
    if not report.conforms:
        raise KGError.of(ErrorCode.E042, summary=report.summary())
    return report


def load_shapes() -> Graph:
    """``ontology/shapes.ttl`` as a graph."""
    return Graph().parse(ontology_dir() / SHAPES_FILE, format="turtle")


def _identifier(graph: Node | Graph) -> Node:
    return graph.identifier if isinstance(graph, Graph) else graph


def _term(cell: object) -> Node:
    """An Oxigraph term as rdflib's, for the names and compact forms of a report."""
    from pyoxigraph import Literal as OxLiteral
    from pyoxigraph import NamedNode

    if isinstance(cell, NamedNode):
        return URIRef(cell.value)
    if isinstance(cell, OxLiteral):
        return Literal(cell.value, lang=cell.language)
    return Literal(str(cell))


def _chinese_names(select, nodes: set[Node]) -> dict[Node, str]:  # noqa: ANN001
    """The ``rdfs:label@zh-Hans`` of each node (the first in order when it has several)."""
    iris = sorted(n for n in nodes if isinstance(n, URIRef))
    names: dict[Node, str] = {}
    for start in range(0, len(iris), 500):
        values = " ".join(iri.n3() for iri in iris[start:start + 500])
        for node, label in select(
                "SELECT ?node ?label WHERE { VALUES ?node { " + values + " } ?node "
                "<http://www.w3.org/2000/01/rdf-schema#label> ?label "
                'FILTER(LANGMATCHES(LANG(?label), "zh-Hans")) }'):
            names[node] = min(names.get(node, str(label)), str(label))
    return names


class _Namer:
    """Compact and readable names of shapes, nodes and paths."""

    def __init__(self, shapes: Graph, names: dict[Node, str]) -> None:
        self.shapes, self.names = shapes, names
        self.prefixes = sorted(((ns, prefix) for prefix, ns in
                                {**PREFIXES, "kgsh": SHAPES_NAMESPACE, "sh": str(SH)}.items()),
                               key=lambda item: -len(item[0]))

    def compact(self, node: Node | None) -> str:
        text = str(node)
        for namespace, prefix in self.prefixes:
            if text.startswith(namespace) and len(text) > len(namespace):
                return f"{prefix}:{text[len(namespace):]}"
        return f"<{text}>" if isinstance(node, URIRef) else text

    def english(self, shape: Node | None) -> str:
        labels = [label for label in self.shapes.objects(shape, RDFS.label)
                  if isinstance(label, Literal) and label.language == "en"]
        return str(labels[0]) if labels else self.compact(shape)

    def chinese(self, node: Node | None) -> str:
        return self.names.get(node, "") if node is not None else ""

    def path(self, shapes: Graph, path: Node) -> str:
        inverse = shapes.value(path, SH.inversePath)
        return f"^{self.compact(inverse)}" if inverse is not None else self.compact(path)


def _node(violation: Violation) -> str:
    return f"<{violation.focus}>" + (f" {violation.name}" if violation.name else "")
