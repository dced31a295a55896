"""kg.store's Python API on a real store: plain answers, time-outs, errors, rdflib access."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from kg.errors import ErrorCode, KGError
from kg.store import (
    OutputFormat,
    SelectResult,
    open_store,
    query,
    query_serialized,
    rdflib_dataset,
)

EX = "http://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""A three-way cross join: ~10^11 rows on the corpus store, hours if let run."""


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    """Two mills in two document graphs, with literals of each kind a cell can hold."""
    path = tmp_path_factory.mktemp("store") / "store"
    writable = Store(str(path))
    mill, graph = NamedNode(EX + "mill"), NamedNode(EX + "doc/1")
    other = NamedNode(EX + "doc/2")
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    writable.extend([
        Quad(mill, label, Literal("吉林紙厂", language="zh-Hant"), graph),
        Quad(mill, NamedNode(EX + "workers"), Literal("1200", datatype=NamedNode(XSD + "integer")),
             graph),
        Quad(mill, NamedNode(EX + "share"), Literal("54.23", datatype=NamedNode(XSD + "decimal")),
             graph),
        Quad(mill, NamedNode(EX + "ratio"), Literal("2.5E0", datatype=NamedNode(XSD + "double")),
             other),
        Quad(mill, NamedNode(EX + "mechanized"),
             Literal("true", datatype=NamedNode(XSD + "boolean")), other),
        Quad(mill, NamedNode(EX + "odd"), Literal("many", datatype=NamedNode(XSD + "integer")),
             other),
    ])
    writable.flush()
    del writable
    return path


def test_query_gives_plain_python_cells(small_store):
    result = query(small_store, f"""SELECT ?label ?workers ?share ?ratio ?mechanized ?odd ?none
        WHERE {{ <{EX}mill> rdfs:label ?label ; <{EX}workers> ?workers ; <{EX}share> ?share ;
                 <{EX}ratio> ?ratio ; <{EX}mechanized> ?mechanized ; <{EX}odd> ?odd .
                 OPTIONAL {{ <{EX}mill> <{EX}missing> ?none }} }}""")
    assert isinstance(result, SelectResult)
    assert result.records() == [{"label": "吉林紙厂", "workers": 1200, "share": Decimal("54.23"),
                                 "ratio": 2.5, "mechanized": True, "odd": "many",
                                 "none": None}]


def test_query_default_graph_is_the_union_of_document_graphs(small_store):
    """Triples of two named graphs meet in one pattern without GRAPH clauses."""
    assert query(small_store, f"ASK {{ ?m <{EX}workers> ?w ; <{EX}ratio> ?r }}") is True
    graphs = query(small_store, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g")
    assert [row[0] for row in graphs.rows] == [EX + "doc/1", EX + "doc/2"]


def test_query_construct_gives_n_triples_terms(small_store):
    triples = query(small_store,
                    f"CONSTRUCT {{ ?m <{EX}size> ?w }} WHERE {{ ?m <{EX}workers> ?w }}")
    assert triples == [(f"<{EX}mill>", f"<{EX}size>", f'"1200"^^<{XSD}integer>')]


def test_query_within_a_timeout_gives_the_same_answer_as_in_place(small_store):
    sparql = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?p"
    assert query(small_store, sparql, timeout=30) == query(small_store, sparql)
    assert query(small_store, f"ASK {{ ?m <{EX}odd> ?o }}", timeout=30) is True
    construct = f"CONSTRUCT {{ ?m <{EX}n> ?w }} WHERE {{ ?m <{EX}workers> ?w }}"
    assert query(small_store, construct, timeout=30) == query(small_store, construct)


def test_query_timeout_stops_a_runaway_query(corpus_build):
    started = time.monotonic()
    with pytest.raises(KGError) as caught:
        query(corpus_build.out / "store", SLOW, timeout=1)
    assert caught.value.code is ErrorCode.E014
    assert "1 s" in str(caught.value)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize("timeout", [None, 30])
def test_query_syntax_error_has_line_and_column(small_store, timeout):
    with pytest.raises(KGError) as caught:
        query(small_store, "SELECT ?s WHERE {\n  ?s ?p \n}", timeout=timeout)
    assert caught.value.code is ErrorCode.E011
    assert "line 3, column" in str(caught.value)


def test_query_serialized_follows_sparql_results_formats(small_store):
    sparql = f"SELECT ?w WHERE {{ ?m <{EX}workers> ?w }}"
    assert query_serialized(small_store, sparql, OutputFormat.CSV).splitlines() == [b"w", b"1200"]
    # TSV writes terms in Turtle syntax, where 1200 is an xsd:integer
    assert query_serialized(small_store, sparql, OutputFormat.TSV, timeout=30).splitlines() == [
        b"?w", b"1200"]
    assert b'"datatype":"http://www.w3.org/2001/XMLSchema#integer"' in query_serialized(
        small_store, sparql, OutputFormat.JSON)


def test_open_store_refuses_a_folder_without_a_store(tmp_path):
    with pytest.raises(KGError) as caught:
        open_store(tmp_path)
    assert caught.value.code is ErrorCode.E010


def test_open_store_is_read_only(small_store):
    opened = open_store(small_store)
    with pytest.raises((OSError, RuntimeError)):  # pyoxigraph 0.5 raises RuntimeError
        opened.oxigraph.update("INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }")


def test_rdflib_dataset_reads_the_store_through_oxigraph(small_store):
    from rdflib import URIRef

    dataset = rdflib_dataset(small_store)
    assert set(dataset.objects(URIRef(EX + "mill"), URIRef(EX + "workers"))) == {
        Literal_rdflib("1200", XSD + "integer")}
    rows = list(dataset.query(f"SELECT ?r WHERE {{ <{EX}mill> <{EX}ratio> ?r }}"))
    assert float(rows[0][0]) == 2.5
    named = {str(graph.identifier) for graph in dataset.graphs()}
    assert {EX + "doc/1", EX + "doc/2"} <= named


def Literal_rdflib(text: str, datatype: str):  # noqa: N802 - reads as the rdflib class it makes
    from rdflib import Literal as RdflibLiteral
    from rdflib import URIRef

    return RdflibLiteral(text, datatype=URIRef(datatype))
