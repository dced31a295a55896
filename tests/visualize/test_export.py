"""GEXF, GraphML, CSV and metrics.json: other tools read back the graph the views draw."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest

from kg.store import open_store
from kg.visualize.entity_graph import read_entity_graph
from kg.visualize.metrics import centrality


@pytest.fixture(scope="module")
def corpus_graph(corpus_build):
    return read_entity_graph(open_store(corpus_build.out / "store"))


@pytest.mark.parametrize("name, reader", [("graph.gexf", nx.read_gexf),
                                          ("graph.graphml", nx.read_graphml)])
def test_export_reloads_with_the_same_counts(corpus_build, corpus_graph, name, reader):
    reloaded = reader(corpus_build.files[name])
    assert reloaded.number_of_nodes() == corpus_graph.number_of_nodes()
    assert reloaded.number_of_edges() == corpus_graph.number_of_edges()
    some = next(n for n, d in corpus_graph.nodes(data=True) if d["quotes"])
    assert reloaded.nodes[some]["quote"] == corpus_graph.nodes[some]["quotes"][0].text


def test_export_gexf_carries_the_drawn_positions(corpus_build):
    reloaded = nx.read_gexf(corpus_build.files["graph.gexf"])
    positions = {(d["viz"]["position"]["x"], d["viz"]["position"]["y"])
                 for _, d in reloaded.nodes(data=True)}
    assert len(positions) == reloaded.number_of_nodes(), "no two nodes drawn on one spot"


def test_export_tables_have_a_row_per_node_and_edge(corpus_build, corpus_graph):
    with corpus_build.files["nodes.csv"].open(encoding="utf-8") as stream:
        nodes = list(csv.DictReader(stream))
    with corpus_build.files["edges.csv"].open(encoding="utf-8") as stream:
        edges = list(csv.DictReader(stream))
    assert {row["id"] for row in nodes} == set(corpus_graph.nodes)
    assert len(edges) == corpus_graph.number_of_edges()
    for row in nodes:
        attrs = corpus_graph.nodes[row["id"]]
        assert row["label"] == attrs["label"] and int(row["quote_count"]) == len(attrs["quotes"])


def test_metrics_betweenness_equals_networkx(corpus_graph):
    """igraph computes it; the figures must be networkx's definition."""
    simple = nx.Graph(corpus_graph.to_undirected())
    expected = nx.betweenness_centrality(simple)
    measured = centrality(corpus_graph).betweenness
    assert measured == pytest.approx(expected, abs=1e-12)
    assert max(expected.values()) > 0


def test_metrics_sampled_betweenness_ranks_the_hubs(monkeypatch):
    """Above the exact limit betweenness is estimated; the hubs must still lead."""
    import kg.visualize.metrics as metrics

    graph = nx.MultiDiGraph(nx.balanced_tree(3, 5))
    nx.set_node_attributes(graph, "Place", "type")
    monkeypatch.setattr(metrics, "EXACT_BETWEENNESS_UP_TO", 10)
    monkeypatch.setattr(metrics, "SAMPLED_SOURCES", 200)
    estimated = metrics.centrality(graph)
    exact = nx.betweenness_centrality(nx.Graph(graph.to_undirected()))
    assert "estimated" in estimated.betweenness_method
    top = sorted(exact, key=exact.get, reverse=True)[:4]
    ranked = sorted(estimated.betweenness, key=estimated.betweenness.get, reverse=True)
    assert set(ranked[:4]) == set(top), "the root and its three children (tied) lead"
    assert estimated.betweenness[0] == pytest.approx(exact[0], rel=0.2)


def test_metrics_json_names_components_and_top_places(corpus_build, corpus_graph):
    metrics = json.loads(corpus_build.files["metrics.json"].read_text(encoding="utf-8"))
    assert metrics["nodes"] == corpus_graph.number_of_nodes()
    assert metrics["components"]["count"] == nx.number_connected_components(
        corpus_graph.to_undirected())
    assert metrics["top_factories"][0]["type"] in ("Factory", "Workshop")
    top_place = metrics["top_places"][0]
    assert corpus_graph.nodes[top_place["iri"]]["type"] == "Place"
    # a place counts the factories in it and in the places within it
    inside = {f for f in corpus_graph if corpus_graph.nodes[f]["type"] in ("Factory", "Workshop")
              and top_place["iri"] in nx.descendants(corpus_graph, f)}
    assert top_place["factories"] == len(inside)
    assert set(metrics["centrality"]) == set(corpus_graph.nodes)
