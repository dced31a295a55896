"""SHACL validation of a build: ``ontology/shapes.ttl`` against the union of its graphs.

The shapes state what a valid build contains: every entity named in Chinese and in pinyin and
quoted from a source, every factory placed (or its absence explained), every relation
statement, statistic and quote tied to a passage with its offsets. ``kg build`` refuses to
replace its output when a rule is broken; ``kg validate`` checks a build already written.

The ontology graph is handed to pyshacl for its ``rdfs:subClassOf`` triples only, without
inference: RDFS would read ``kgmc:locatedIn rdfs:range kgmc:Place`` as making every located
thing's place a Place, and the shapes could no longer catch a factory placed in a person.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.config import ontology_dir
from kg.errors import ErrorCode, KGError
from kg.rdf.namespaces import ONTOLOGY_IRI, PREFIXES

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
    trig = Path(out) / "kg.trig"
    if not trig.is_file():
        raise KGError.of(ErrorCode.E040, path=trig)
    dataset = Dataset()
    try:
        dataset.parse(trig, format="trig")
    except (SyntaxError, ValueError, UnicodeDecodeError, OSError) as error:
        detail = " ".join(str(error).split())[:200]
        raise KGError.of(ErrorCode.E041, path=trig, detail=detail) from error
    return validate_dataset(dataset)


def validate_dataset(dataset: Dataset) -> ValidationReport:
    """Validate every graph of ``dataset`` but the ontology (the document graphs and the build
    record) as one graph.

    Entities are shared between document graphs (a factory may be placed by one document and
    named by another), so the rules hold for the union, not for each graph.

    >>> validate_dataset(Dataset()).summary()
    '0 violations'
    """
    from pyshacl import validate

    started = time.perf_counter()
    data, ontology = Graph(), Graph()
    for subject, predicate, obj, graph in dataset.quads((None, None, None, None)):
        (ontology if _identifier(graph) == ONTOLOGY_IRI else data).add((subject, predicate, obj))
    triples = len(data)
    shapes = load_shapes()
    _, results, _ = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                             inplace=True, abort_on_first=False, allow_warnings=False)
    violations = tuple(sorted(_violations(results, shapes, data),
                              key=lambda v: (v.shape, v.focus, v.path, v.message)))
    return ValidationReport(violations=violations, triples=triples,
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


def _violations(results: Graph, shapes: Graph, data: Graph) -> Iterator[Violation]:
    names = _Namer(shapes, data)
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        shape = results.value(result, SH.sourceShape)
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        yield Violation(shape=names.compact(shape), rule=names.english(shape),
                        focus=str(focus), name=names.chinese(focus),
                        path=names.path(results, path) if path is not None else "",
                        message=messages[0] if messages else "")


class _Namer:
    """Compact and readable names of shapes, nodes and paths."""

    def __init__(self, shapes: Graph, data: Graph) -> None:
        self.shapes, self.data = shapes, data
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
        names = sorted(str(label) for label in self.data.objects(node, RDFS.label)
                       if isinstance(label, Literal) and label.language == "zh-Hans")
        return names[0] if names else ""

    def path(self, results: Graph, path: Node) -> str:
        inverse = results.value(path, SH.inversePath)
        return f"^{self.compact(inverse)}" if inverse is not None else self.compact(path)


def _node(violation: Violation) -> str:
    return f"<{violation.focus}>" + (f" {violation.name}" if violation.name else "")
