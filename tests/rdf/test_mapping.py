"""Records to triples: small hand-made record sets against expected Turtle, by isomorphism."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.ingest import load_documents
from kg.rdf.mapping import to_dataset
from kg.rdf.provenance import BuildRecord
from kg.records import (
    DocumentGraph,
    Entity,
    EntityType,
    Evidence,
    Mention,
    Relation,
    RelationType,
    Statistic,
    StatisticValue,
)

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "mapping"
BASE = "http://example.org/kgmc/"
TEXT = "轻工业部副部长李明说，唐山陶瓷厂机械化程度提高到54%。"


@pytest.fixture()
def document(tmp_path):
    path = tmp_path / "t1.txt"
    path.write_text(TEXT, encoding="utf-8")
    (loaded,) = load_documents([path], max_bytes=10**6)
    return loaded


def _evidence(document, quote: str) -> Evidence:
    start = document.original.index(quote)
    return Evidence(document.doc_id, start, start + len(quote), quote)


def _entity(document, entity_id: str, kind: EntityType, name: str,
            attrs: tuple = ()) -> Entity:
    evidence = _evidence(document, name)
    mention = Mention(label=kind, text=name, evidence=evidence)
    return Entity(entity_id, kind, name, (name,), (mention,), attrs)


def _records(document) -> DocumentGraph:
    ministry = _entity(document, "E1", EntityType.ORGANIZATION, "轻工业部")
    person = _entity(document, "E2", EntityType.PERSON, "李明")
    city = _entity(document, "E3", EntityType.PLACE, "唐山",
                   (("level", "prefecture"), ("code", "130200")))
    factory = _entity(document, "E4", EntityType.FACTORY, "唐山陶瓷厂")
    sentence = _evidence(document, TEXT[:-1])
    relations = (
        Relation(RelationType.HOLDS_POSITION, "E2", "E1", _evidence(document, "轻工业部副部长李明"),
                 attrs=(("post", "副部长"), ("basis", "text"))),
        Relation(RelationType.LOCATED_IN, "E4", "E3", _evidence(document, "唐山陶瓷厂"),
                 attrs=(("basis", "name"),)),
    )
    statistics = (Statistic(
        subject="E4", metric="机械化程度提高到",
        value=StatisticValue(value="54%", unit="%", kind="ratio", low="54", high="54",
                             change="to"),
        evidence=sentence, value_evidence=_evidence(document, "54%")),)
    return DocumentGraph(document, (ministry, person, city, factory), relations, statistics)


def _document_graph(dataset, document) -> Graph:
    graph = Graph()
    for s, p, o in dataset.graph(f"{BASE}graph/{document.doc_id}"):
        graph.add((s, p, o))
    return graph


def _assert_isomorphic(actual: Graph, fixture: str) -> None:
    expected = Graph().parse(FIXTURES / fixture, format="turtle")
    if not isomorphic(actual, expected):
        _, only_actual, only_expected = graph_diff(to_isomorphic(actual), to_isomorphic(expected))
        raise AssertionError("not isomorphic:\nonly built:\n"
                             + only_actual.serialize(format="nt")
                             + "\nonly expected:\n" + only_expected.serialize(format="nt"))


def test_document_records_map_to_the_expected_graph(document):
    """Entities with labels and classes, a membership with its post, a located factory, a
    statistic, each with its annotation and both selectors."""
    dataset = to_dataset([_records(document)], base=BASE)
    _assert_isomorphic(_document_graph(dataset, document), "document.ttl")


def test_build_record_maps_to_a_prov_activity(document):
    build = BuildRecord(tool_version="9.9.9", configuration_hash="ab" * 32,
                        time="1960-01-01T00:00:00Z")
    dataset = to_dataset([_records(document)], base=BASE, build=build)
    graph = Graph()
    for s, p, o in dataset.graph(f"{BASE}graph/build"):
        graph.add((s, p, o))
    _assert_isomorphic(graph, "build.ttl")


def test_factory_without_a_stated_place_carries_a_note(document):
    records = _records(document)
    unplaced = DocumentGraph(document, records.entities,
                             tuple(r for r in records.relations
                                   if r.type != RelationType.LOCATED_IN))
    dataset = to_dataset([unplaced], base=BASE)
    graph = _document_graph(dataset, document)
    ask = """ASK { ?f a kgmc:Factory ; kgmc:locationNote ?why .
                   FILTER NOT EXISTS { ?f kgmc:locatedIn ?p } }"""
    assert graph.query(ask, initNs={"kgmc": "http://example.org/kgmc/ontology#"}).askAnswer
    placed = _document_graph(to_dataset([records], base=BASE), document)
    assert not placed.query(ask, initNs={"kgmc": "http://example.org/kgmc/ontology#"}).askAnswer
