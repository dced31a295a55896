"""The on-disk Oxigraph store: bulk-loaded from the build's N-Quads, queried with SPARQL.

Queries see the union of all named graphs as their default graph, so a historian can write
``SELECT ?f WHERE { ?f a kgmc:Factory }`` without ``GRAPH`` clauses; ``GRAPH ?g { ... }`` still
addresses one document's graph. Our prefixes are predeclared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from kg.errors import ErrorCode, KGError
from kg.rdf.namespaces import PREFIXES

_POSITION = re.compile(r"error at (\d+):(\d+):\s*(.*)", re.S)


class OutputFormat(StrEnum):
    TABLE = "table"
    CSV = "csv"
    TSV = "tsv"
    JSON = "json"


@dataclass(frozen=True, slots=True)
class SelectResult:
    """Rows of a SELECT query: each cell is a term's value (IRI, literal text) or ``None``."""

    variables: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]


def load_store(nquads: Path, directory: Path) -> int:
    """Bulk-load N-Quads into a new store at ``directory``; return the number of quads."""
    from pyoxigraph import RdfFormat, Store

    store = Store(str(directory))
    store.bulk_load(path=str(nquads), format=RdfFormat.N_QUADS)
    store.flush()
    count = len(store)
    del store
    return count


def open_store(path: Path):  # noqa: ANN201 - pyoxigraph.Store, imported lazily
    """Open a build's store read-only, or raise E010 when there is none."""
    from pyoxigraph import Store

    if not (path / "CURRENT").is_file():
        raise KGError.of(ErrorCode.E010, path=path)
    try:
        return Store.read_only(str(path))
    except OSError as error:
        raise KGError.of(ErrorCode.E010, path=path) from error


def query(store, sparql: str) -> SelectResult | bool | list[tuple[str, str, str]]:  # noqa: ANN001
    """Run a SPARQL query on a store or a store folder.

    SELECT gives a :class:`SelectResult`, ASK a bool, CONSTRUCT and DESCRIBE a list of
    (subject, predicate, object) in N-Triples term syntax.
    """
    from pyoxigraph import QueryBoolean, QuerySolutions

    result = _run(_as_store(store), sparql)
    if isinstance(result, QueryBoolean):
        return bool(result)
    if isinstance(result, QuerySolutions):
        variables = tuple(v.value for v in result.variables)
        rows = tuple(tuple(_plain(solution[v]) for v in variables) for solution in result)
        return SelectResult(variables=variables, rows=rows)
    return [(str(t.subject), str(t.predicate), str(t.object)) for t in result]


def query_serialized(store, sparql: str, output: OutputFormat) -> bytes:  # noqa: ANN001
    """Results in a SPARQL 1.1 results format (CSV, TSV, JSON); graphs as N-Triples."""
    from pyoxigraph import QueryResultsFormat, QueryTriples, RdfFormat, serialize

    result = _run(_as_store(store), sparql)
    if isinstance(result, QueryTriples):
        return serialize(result, format=RdfFormat.N_TRIPLES)
    formats = {OutputFormat.CSV: QueryResultsFormat.CSV, OutputFormat.TSV: QueryResultsFormat.TSV,
               OutputFormat.JSON: QueryResultsFormat.JSON}
    return result.serialize(format=formats[output])


def _as_store(store):  # noqa: ANN001, ANN202
    return open_store(Path(store)) if isinstance(store, str | Path) else store


def _run(store, sparql: str):  # noqa: ANN001, ANN202
    try:
        return store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as error:
        match = _POSITION.match(str(error))
        line, column, detail = match.groups() if match else ("?", "?", str(error))
        raise KGError.of(ErrorCode.E011, line=line, column=column,
                         detail=" ".join(detail.split())) from error
    except OSError as error:
        raise KGError.of(ErrorCode.E013, detail=error) from error


def _plain(term) -> str | None:  # noqa: ANN001
    return None if term is None else term.value
