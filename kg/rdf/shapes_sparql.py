"""The SHACL shapes of ``ontology/shapes.ttl`` as SPARQL queries, run inside Oxigraph.

pyshacl checks one focus node at a time in Python: 4.3 s for the 70,000 triples of ten
booklets, minutes for a corpus. Each constraint here is one SELECT over the whole store that
returns the nodes breaking it, so a build of a million quads is checked in seconds. The
translation follows SHACL Core (https://www.w3.org/TR/shacl/) for the constraint components
our shapes use; a shape with any other component is refused at compile time
(:class:`UnsupportedShape`) rather than silently skipped, and a test holds every rule's
results equal to pyshacl's on graphs that break it.

Targets and ``sh:class`` follow ``rdfs:subClassOf`` as SHACL asks: the subclasses are read
from the data itself (the ontology graph of a build) and written into the queries as VALUES.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rdflib import RDF, RDFS, BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import SH
from rdflib.term import Node

SUPPORTED = {SH.path, SH.minCount, SH.maxCount, SH.nodeKind, SH.datatype, SH["class"],
             SH.languageIn, SH.qualifiedValueShape, SH.qualifiedMinCount,
             SH.qualifiedMaxCount, SH.lessThan, SH.lessThanOrEquals, SH.message, SH.name,
             SH.description, SH.property, SH.targetClass, SH["or"], SH.xone, RDF.type,
             RDFS.label, RDFS.comment}
"""Predicates of a shape this translation understands."""

_NODE_KINDS = {SH.IRI: "isIRI({v})", SH.Literal: "isLiteral({v})",
               SH.BlankNode: "isBlank({v})", SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
               SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
               SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))"}

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER_RANGES = {f"{_XSD}nonNegativeInteger": (">= 0",), f"{_XSD}positiveInteger": ("> 0",),
                   f"{_XSD}nonPositiveInteger": ("<= 0",), f"{_XSD}negativeInteger": ("< 0",)}
"""Oxigraph stores a literal of a type derived from xsd:integer as an xsd:integer, so such a
type is checked by its value range: ``"-1"^^xsd:integer`` breaks xsd:nonNegativeInteger,
``0`` written without the derived type does not (pyshacl, reading the text, would flag it;
kg's mapping writes the derived type itself)."""


class UnsupportedShape(ValueError):
    """A shape uses a SHACL feature this translation does not implement."""


@dataclass(frozen=True, slots=True)
class Check:
    """One constraint of one shape as a query whose rows (``?focus``) break it."""

    shape: Node
    """The shape reported as the result's source (a property shape, or the node shape of
    ``sh:or`` / ``sh:xone``)."""
    path: Node | None
    """The property path concerned, ``None`` for a rule on the node as a whole."""
    message: str
    query: str


def compile_shapes(shapes: Graph, subclasses: dict[URIRef, set[URIRef]]) -> list[Check]:
    """Every constraint of every targeted node shape as a :class:`Check`.

    ``subclasses`` maps a class to itself and all its subclasses (:func:`subclass_closure`).
    """
    checks = []
    for node_shape in sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str):
        targets = sorted(shapes.objects(node_shape, SH.targetClass), key=str)
        if not targets:
            continue
        _require_supported(shapes, node_shape)
        compiler = _Compiler(shapes, subclasses, targets)
        for property_shape in sorted(shapes.objects(node_shape, SH.property), key=str):
            _require_supported(shapes, property_shape)
            checks.extend(compiler.property_checks(property_shape))
        for kind in (SH["or"], SH.xone):
            for alternatives in shapes.objects(node_shape, kind):
                checks.append(compiler.logical_check(node_shape, kind, alternatives))
    return checks


def subclass_closure(pairs: Iterable[tuple[Node, Node]]) -> dict[URIRef, set[URIRef]]:
    """Class → itself and every class below it, from (subclass, superclass) pairs."""
    below: dict[URIRef, set[URIRef]] = {}
    for sub, sup in pairs:
        if isinstance(sub, URIRef) and isinstance(sup, URIRef):
            below.setdefault(sup, set()).add(sub)

    def closure(cls: URIRef) -> set[URIRef]:
        seen, todo = {cls}, [cls]
        while todo:
            for sub in below.get(todo.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    todo.append(sub)
        return seen

    return {cls: closure(cls) for cls in set(below) | {s for subs in below.values()
                                                         for s in subs}}


def _require_supported(shapes: Graph, shape: Node) -> None:
    unknown = {p for p in shapes.predicates(shape, None) if p not in SUPPORTED}
    if unknown:
        names = ", ".join(sorted(str(p) for p in unknown))
        raise UnsupportedShape(f"shape {shape} uses {names}, which kg's SPARQL validation "
                               "does not implement")


class _Compiler:
    """Writes the queries of the shapes of one target."""

    def __init__(self, shapes: Graph, subclasses: dict[URIRef, set[URIRef]],
                 targets: list[Node]) -> None:
        self.shapes, self.subclasses = shapes, subclasses
        classes = sorted({c for t in targets for c in self._classes(t)}, key=str)
        # VALUES first: Oxigraph joins in the written order, and a class test written after
        # its triple pattern took 25 s instead of 1 s over the factories of a 10 MB corpus
        self.focus = ("{ SELECT DISTINCT ?focus WHERE { VALUES ?target { "
                      + " ".join(c.n3() for c in classes) + " } ?focus a ?target } }")

    def property_checks(self, shape: Node) -> Iterator[Check]:
        path_node = self.shapes.value(shape, SH.path)
        if path_node is None:
            raise UnsupportedShape(f"property shape {shape} has no sh:path")
        path = self._path(path_node)
        message = self._message(shape)
        value = self.shapes.value

        def check(query: str) -> Check:
            return Check(shape=shape, path=path_node, message=message, query=query)

        if (count := value(shape, SH.minCount)) is not None:
            yield check(f"SELECT ?focus WHERE {{ {self.focus} OPTIONAL {{ ?focus {path} ?v }} }}"
                        f" GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) < {int(count)})")
        if (count := value(shape, SH.maxCount)) is not None:
            yield check(f"SELECT ?focus WHERE {{ {self.focus} ?focus {path} ?v }}"
                        f" GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) > {int(count)})")
        condition = self._value_condition(shape, "?v")
        if condition:
            yield check(f"SELECT DISTINCT ?focus ?v WHERE {{ {self.focus} ?focus {path} ?v "
                        f"FILTER(!({condition})) }}")
        qualified = value(shape, SH.qualifiedValueShape)
        if qualified is not None:
            _require_supported(self.shapes, qualified)
            inner = self._value_condition(qualified, "?q")
            if not inner or self.shapes.value(qualified, SH.path) is not None:
                raise UnsupportedShape(f"qualified value shape of {shape} must constrain "
                                       "values without a path")
            for bound, compare in ((SH.qualifiedMinCount, "<"), (SH.qualifiedMaxCount, ">")):
                if (count := value(shape, bound)) is not None:
                    yield check(f"SELECT ?focus WHERE {{ {self.focus} OPTIONAL {{ ?focus {path}"
                                f" ?q FILTER({inner}) }} }} GROUP BY ?focus"
                                f" HAVING (COUNT(DISTINCT ?q) {compare} {int(count)})")
        for pair, compare in ((SH.lessThan, "<"), (SH.lessThanOrEquals, "<=")):
            if (other := value(shape, pair)) is not None:
                yield check(f"SELECT ?focus ?v ?w WHERE {{ {self.focus} ?focus {path} ?v . "
                            f"?focus {other.n3()} ?w "
                            f"FILTER(!COALESCE(?v {compare} ?w, false)) }}")

    def logical_check(self, shape: Node, kind: URIRef, alternatives: Node) -> Check:
        """``sh:or`` (at least one alternative holds) or ``sh:xone`` (exactly one)."""
        conditions = [self._shape_condition(alt) for alt in Collection(self.shapes,
                                                                       alternatives)]
        if kind == SH["or"]:
            broken = "!(" + " || ".join(conditions) + ")"
        else:
            broken = "(" + " + ".join(f"IF({c}, 1, 0)" for c in conditions) + ") != 1"
        return Check(shape=shape, path=None, message=self._message(shape),
                     query=f"SELECT ?focus WHERE {{ {self.focus} FILTER({broken}) }}")

    def _shape_condition(self, shape: Node) -> str:
        """Whether ``?focus`` conforms to an anonymous shape of an sh:or / sh:xone list."""
        _require_supported(self.shapes, shape)
        path_node = self.shapes.value(shape, SH.path)
        if path_node is None:
            return self._value_condition(shape, "?focus") or "true"
        path, value = self._path(path_node), self.shapes.value
        parts = []
        if (count := value(shape, SH.minCount)) is not None:
            if int(count) > 1:
                raise UnsupportedShape(f"sh:minCount {count} inside sh:or/sh:xone of {shape}")
            if int(count) == 1:
                parts.append(f"EXISTS {{ ?focus {path} ?x }}")
        if (count := value(shape, SH.maxCount)) is not None:
            if int(count) != 1:
                raise UnsupportedShape(f"sh:maxCount {count} inside sh:or/sh:xone of {shape}")
            parts.append(f"NOT EXISTS {{ ?focus {path} ?x, ?y FILTER(!sameTerm(?x, ?y)) }}")
        if condition := self._value_condition(shape, "?x"):
            parts.append(f"NOT EXISTS {{ ?focus {path} ?x FILTER(!({condition})) }}")
        unsupported = {SH.qualifiedValueShape, SH.lessThan, SH.lessThanOrEquals}
        if any((shape, p, None) in self.shapes for p in unsupported):
            raise UnsupportedShape(f"qualified or pair constraints inside sh:or of {shape}")
        return "(" + " && ".join(parts or ["true"]) + ")"

    def _value_condition(self, shape: Node, var: str) -> str:
        """A SPARQL expression true when the value node ``var`` meets the value-type
        constraints of ``shape`` (sh:class, sh:datatype, sh:nodeKind, sh:languageIn)."""
        parts = []
        for kind in self.shapes.objects(shape, SH.nodeKind):
            parts.append(_NODE_KINDS[kind].format(v=var))
        for datatype in self.shapes.objects(shape, SH.datatype):
            if (bounds := _INTEGER_RANGES.get(str(datatype))) is not None:
                parts.append(f"COALESCE(DATATYPE({var}) IN ({datatype.n3()}, <{_XSD}integer>)"
                             + "".join(f" && {var} {bound}" for bound in bounds) + ", false)")
            else:
                parts.append(f"COALESCE(isLiteral({var}) && DATATYPE({var}) = "
                             f"{datatype.n3()}, false)")
        for cls in self.shapes.objects(shape, SH["class"]):
            values = " ".join(c.n3() for c in sorted(self._classes(cls), key=str))
            parts.append(f"EXISTS {{ VALUES ?class_ {{ {values} }} {var} a ?class_ }}")
        for languages in self.shapes.objects(shape, SH.languageIn):
            tags = [str(tag) for tag in Collection(self.shapes, languages)]
            matches = " || ".join(f'LANGMATCHES(LANG({var}), "{tag}")' for tag in tags)
            parts.append(f"COALESCE(isLiteral({var}) && ({matches or 'false'}), false)")
        return " && ".join(parts)

    def _classes(self, cls: Node) -> set[URIRef]:
        assert isinstance(cls, URIRef)
        return self.subclasses.get(cls, {cls})

    def _path(self, path: Node) -> str:
        if isinstance(path, URIRef):
            return path.n3()
        inverse = self.shapes.value(path, SH.inversePath)
        if isinstance(path, BNode) and isinstance(inverse, URIRef):
            return f"^{inverse.n3()}"
        raise UnsupportedShape(f"path {path}: only an IRI or sh:inversePath of one")

    def _message(self, shape: Node) -> str:
        messages = sorted(str(m) for m in self.shapes.objects(shape, SH.message))
        return messages[0] if messages else f"breaks {shape}"
