"""SPARQL over a build's store: plain Python answers, SPARQL 1.1 results formats, time-outs.

Queries see the union of all named graphs as their default graph, so a historian can write
``SELECT ?f WHERE { ?f a kgmc:Factory }`` without ``GRAPH`` clauses; ``GRAPH ?g { ... }`` still
addresses one document's graph. Our prefixes (``kgmc:``, ``rdfs:``, ``oa:`` ...) are
predeclared.

A query running inside Oxigraph holds no Python lock and checks no signal, so it cannot be
stopped where it runs. A query with a time-out therefore runs in a child process
(:mod:`kg.store.child`) that is killed when the time is up; one without runs in place.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

from kg.errors import ErrorCode, KGError
from kg.store.disk import GraphStore, is_store, open_store

_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.S)
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
             "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
             "unsignedShort", "unsignedByte")
_PYTHON_VALUE = {
    **{_XSD + name: int for name in _INTEGERS},
    _XSD + "decimal": Decimal,
    _XSD + "double": float,
    _XSD + "float": float,
    _XSD + "boolean": lambda text: text in ("true", "1"),
}
"""Literal datatypes given as Python numbers or booleans; every other literal stays text."""

CHILD_ERROR_STATUS = 3
"""Exit status of :mod:`kg.store.child` when it reports a :class:`KGError` on stderr."""


class OutputFormat(StrEnum):
    """How ``kg query`` prints: a table for people, SPARQL 1.1 results formats for programs."""

    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class SelectResult:
    """Rows of a SELECT query, one cell per variable.

    A cell is ``None`` when unbound, an ``int``, ``Decimal``, ``float`` or ``bool`` for
    literals of those XSD types, and otherwise a ``str``: an IRI, a literal's text (language
    tag and other datatypes dropped), or ``_:id`` for a blank node.
    """

    variables: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]

    def records(self) -> list[dict[str, Any]]:
        """The rows as dictionaries keyed by variable name."""
        return [dict(zip(self.variables, row, strict=True)) for row in self.rows]


Answer = SelectResult | bool | list[tuple[str, str, str]]
"""SELECT gives rows, ASK a bool, CONSTRUCT and DESCRIBE triples in N-Triples term syntax."""


def sorted_rows(store: GraphStore | Path | str, sparql: str) -> list[tuple]:
    """The rows of a SELECT, sorted by their cells' text (unbound first): the store's own
    order changes between builds, and pages, exports and tables must not."""
    result = query(store, sparql)
    if not isinstance(result, SelectResult):
        raise TypeError("sorted_rows needs a SELECT query")
    return sorted(result.rows, key=lambda row: tuple("" if c is None else str(c) for c in row))


def query(store: GraphStore | Path | str, sparql: str, *,
          timeout: float | None = None) -> Answer:
    """Run a SPARQL query on a store (opened, or its folder) and return a plain answer.

    ``timeout`` is in seconds; when it runs out the query is stopped and E014 is raised.
    Without one the query runs in this process, as long as it takes.

    >>> import tempfile
    >>> from pyoxigraph import Quad, NamedNode, Literal, Store
    >>> folder = tempfile.mkdtemp()
    >>> writable = Store(folder)
    >>> writable.add(Quad(NamedNode("http://example.org/mill"), NamedNode(
    ...     "http://www.w3.org/2000/01/rdf-schema#label"), Literal("吉林纸厂", language="zh-Hans"),
    ...     NamedNode("http://example.org/graph")))
    >>> del writable
    >>> query(folder, "SELECT ?name WHERE { ?mill rdfs:label ?name }").rows
    (('吉林纸厂',),)
    >>> query(folder, "ASK { ?mill rdfs:label ?name }", timeout=10)
    True
    """
    if timeout is None:
        return _answer(_evaluate(_oxigraph(store), sparql))
    return _answer(_parse_child_answer(_in_child(store, sparql, "answer", timeout)))


def query_serialized(store: GraphStore | Path | str, sparql: str, output: OutputFormat, *,
                     timeout: float | None = None) -> bytes:
    """The answer in a SPARQL 1.1 results format (CSV, TSV, JSON); graphs as N-Triples."""
    if output is OutputFormat.TABLE:
        raise ValueError("a table is printed from query(), not serialized")
    if timeout is None:
        return serialize_answer(_evaluate(_oxigraph(store), sparql), output.value)
    return _in_child(store, sparql, output.value, timeout)


def evaluate(store, sparql: str, prefixes: dict[str, str]):  # noqa: ANN001, ANN201
    """Parse and run ``sparql`` on a pyoxigraph store; syntax and store errors become KGError.

    Results are lazy: evaluation goes on while they are read or serialized.
    """
    try:
        return store.query(sparql, prefixes=prefixes, use_default_graph_as_union=True)
    except SyntaxError as error:
        match = _POSITION.match(str(error))
        line, column, detail = match.groups() if match else ("?", "?", str(error))
        raise KGError.of(ErrorCode.E011, line=line, column=column,
                         detail=" ".join(detail.split())) from error
    except OSError as error:
        raise KGError.of(ErrorCode.E013, detail=error) from error


def serialize_answer(result, form: str) -> bytes:  # noqa: ANN001 - a pyoxigraph result
    """Serialize a result: ``form`` is csv, tsv, json or ``answer`` (JSON for solutions and
    booleans, N-Triples for graphs: what :func:`query` reads back from a child process)."""
    from pyoxigraph import QueryResultsFormat, QueryTriples, RdfFormat, serialize

    try:
        if isinstance(result, QueryTriples):
            return serialize(result, format=RdfFormat.N_TRIPLES) or b""
        formats = {"csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV,
                   "json": QueryResultsFormat.JSON, "answer": QueryResultsFormat.JSON}
        return result.serialize(format=formats[form])
    except OSError as error:  # raised while evaluating lazily, e.g. a failing function
        raise KGError.of(ErrorCode.E013, detail=error) from error


def _oxigraph(store: GraphStore | Path | str):  # noqa: ANN202
    if isinstance(store, GraphStore):
        return store.oxigraph
    if isinstance(store, str | Path):
        return open_store(store).oxigraph
    return store  # a pyoxigraph.Store of the caller's


def _evaluate(store, sparql: str):  # noqa: ANN001, ANN202
    from kg.rdf.namespaces import PREFIXES

    return evaluate(store, sparql, PREFIXES)


def _in_child(store: GraphStore | Path | str, sparql: str, form: str, timeout: float) -> bytes:
    from kg.rdf.namespaces import PREFIXES

    if timeout <= 0:
        raise ValueError(f"timeout must be positive seconds or None, not {timeout!r}")
    if not isinstance(store, GraphStore | Path | str):
        raise TypeError("a time-out needs the store's folder: pass a GraphStore or a path")
    path = store.path if isinstance(store, GraphStore) else Path(store)
    if not is_store(path):  # the child opens it; checked here so E010 needs no child
        raise KGError.of(ErrorCode.E010, path=path)
    request = json.dumps({"store": str(path), "query": sparql, "form": form,
                          "prefixes": PREFIXES}, ensure_ascii=False)
    try:
        done = subprocess.run([sys.executable, "-m", "kg.store.child"],  # noqa: S603
                              input=request.encode("utf-8"), capture_output=True,
                              timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise KGError.of(ErrorCode.E014, seconds=f"{timeout:g}") from None
    if done.returncode == 0:
        return done.stdout
    if done.returncode == CHILD_ERROR_STATUS:
        reported = json.loads(done.stderr)
        raise KGError(ErrorCode[reported["code"]], reported["message"])
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines() or ["no message"]
    raise KGError.of(ErrorCode.E013, detail=f"the query process failed: {lines[-1]}")


def _parse_child_answer(data: bytes):  # noqa: ANN202
    from pyoxigraph import QueryResultsFormat, RdfFormat, parse, parse_query_results

    if data.startswith(b"{"):
        return parse_query_results(data, format=QueryResultsFormat.JSON)
    return list(parse(data, format=RdfFormat.N_TRIPLES))


def _answer(result) -> Answer:  # noqa: ANN001
    from pyoxigraph import QueryBoolean, QuerySolutions

    try:
        if isinstance(result, QueryBoolean):
            return bool(result)
        if isinstance(result, QuerySolutions):
            variables = tuple(v.value for v in result.variables)
            rows = tuple(tuple(_plain(solution[v]) for v in variables) for solution in result)
            return SelectResult(variables=variables, rows=rows)
        return [(str(t.subject), str(t.predicate), str(t.object)) for t in result]
    except OSError as error:  # raised while evaluating lazily
        raise KGError.of(ErrorCode.E013, detail=error) from error


def _plain(term) -> Any:  # noqa: ANN001
    from pyoxigraph import BlankNode, Literal, NamedNode

    if term is None:
        return None
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        convert = _PYTHON_VALUE.get(term.datatype.value)
        if convert is None:
            return term.value
        try:
            return convert(term.value)
        except (ValueError, InvalidOperation):  # an ill-typed literal keeps its text
            return term.value
    return str(term)  # an RDF-star triple term
