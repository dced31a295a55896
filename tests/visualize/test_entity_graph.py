"""The graph the views draw is the store's graph: same entities, links and quotes."""

from __future__ import annotations

import pytest

from kg.store import open_store, query
from kg.visualize.entity_graph import ENTITY_TYPES, read_entity_graph


@pytest.fixture(scope="module")
def corpus_graph(corpus_build):
    return read_entity_graph(open_store(corpus_build.out / "store"))


def test_entity_graph_has_every_typed_entity_of_the_store(corpus_build, corpus_graph):
    values = " ".join(f"kgmc:{name}" for name in ENTITY_TYPES)
    expected = query(corpus_build.out / "store",
                     f"SELECT DISTINCT ?e WHERE {{ VALUES ?t {{ {values} }} ?e a ?t }}")
    assert {row[0] for row in expected.rows} == set(corpus_graph.nodes)


def test_entity_graph_links_are_the_stores_triples(corpus_build, corpus_graph):
    located = query(corpus_build.out / "store",
                    "SELECT ?s ?o WHERE { ?s kgmc:locatedIn ?o }")
    drawn = {(h, t) for h, t, k in corpus_graph.edges(keys=True) if k.endswith("#locatedIn")}
    assert drawn == set(located.rows)
    assert not any(k.endswith("#mentions") for *_, k in corpus_graph.edges(keys=True))


def test_entity_graph_quotes_are_the_words_of_the_source(corpus_build, corpus_graph):
    """Provenance: each quote is the original text at its offsets."""
    original = query(corpus_build.out / "store",
                     "SELECT ?doc ?text WHERE { ?doc kgmc:originalText ?text }")
    texts = dict(original.rows)
    checked = 0
    for _, attrs in corpus_graph.nodes(data=True):
        for quote in attrs["quotes"]:
            assert texts[quote.document][quote.start:quote.end] == quote.text
            checked += 1
    for *_, attrs in corpus_graph.edges(data=True):
        for quote in attrs["quotes"]:
            assert texts[quote.document][quote.start:quote.end] == quote.text
            checked += 1
    assert checked > 100


def test_entity_graph_names_types_and_levels_follow_the_store(corpus_build, corpus_graph):
    cities = query(corpus_build.out / "store", """SELECT ?e ?name WHERE {
        ?e a kgmc:City ; rdfs:label ?name . FILTER(LANGMATCHES(LANG(?name), "zh-Hans")) }""")
    assert cities.rows
    for city, name in cities.rows:
        attrs = corpus_graph.nodes[city]
        assert (attrs["type"], attrs["level"], attrs["label"]) == ("Place", "City", name)
        assert any(alias.isascii() is False and " " in alias for alias in attrs["aliases"]), (
            "the pinyin label is searchable as another name")
    units = query(corpus_build.out / "store", "SELECT ?w ?f WHERE { ?w org:unitOf ?f }")
    for workshop, factory in units.rows:
        assert corpus_graph.nodes[workshop]["type"] == "Workshop"
        assert corpus_graph.has_edge(workshop, factory, key="http://www.w3.org/ns/org#unitOf")


def test_entity_graph_campaign_filter_reaches_participants(corpus_graph):
    campaigns = [n for n, d in corpus_graph.nodes(data=True) if d["type"] == "Campaign"]
    for campaign in campaigns:
        for neighbour in corpus_graph.predecessors(campaign):
            assert campaign in corpus_graph.nodes[neighbour]["campaigns"]
