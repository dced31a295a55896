"""The factory–location network: which factories stand in which places."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from kg.store import SelectResult, query
from kg.visualize.page import render, write_page

COLOURS = {"Factory": "#d95f02", "Place": "#1b9e77"}

FACTORY_LOCATIONS = """
SELECT ?node ?type ?name ?place ?quote ?doc ?start ?end WHERE {
  { ?node a kgmc:Factory . BIND("Factory" AS ?type)
    OPTIONAL { ?node kgmc:locatedIn ?place } }
  UNION
  { ?factory a kgmc:Factory ; kgmc:locatedIn ?node . BIND("Place" AS ?type) }
  ?node rdfs:label ?name . FILTER(LANGMATCHES(LANG(?name), "zh-Hans"))
  OPTIONAL {
    ?annotation oa:hasBody ?node ; oa:hasTarget ?target .
    ?target oa:hasSource ?doc ; oa:hasSelector ?quoteSelector, ?positionSelector .
    ?quoteSelector oa:exact ?quote .
    ?positionSelector oa:start ?start ; oa:end ?end .
  }
}
ORDER BY ?node ?doc ?start
"""


def factory_location_graph(store) -> nx.DiGraph:  # noqa: ANN001 - pyoxigraph.Store
    """Factories and their places, one node per IRI, one quote per node as tooltip."""
    result = query(store, FACTORY_LOCATIONS)
    assert isinstance(result, SelectResult)
    graph = nx.DiGraph()
    for node, type_name, name, place, quote, doc, start, end in result.rows:
        if "label" not in graph.nodes.get(node, {}):
            evidence = f"\n“{quote}”\n{doc} [{start}, {end})" if quote else ""
            graph.add_node(node, label=name, title=f"{name} ({type_name}){evidence}",
                           group=type_name)
        if place:
            graph.add_edge(node, place, label="位于", title="kgmc:locatedIn")
    for node in graph.nodes:
        graph.nodes[node]["size"] = 10 + 4 * graph.degree(node)
    return graph


def write_factory_locations(store, path: Path) -> Path:  # noqa: ANN001
    graph = factory_location_graph(store)
    factories = sum(1 for _, d in graph.nodes(data=True) if d.get("group") == "Factory")
    html = render(graph, heading="工厂与所在地 · Factories and their locations",
                  subtitle=f"{factories} factories, {graph.number_of_nodes() - factories} places,"
                           f" {graph.number_of_edges()} locatedIn links",
                  groups=COLOURS)
    return write_page(path, html)
