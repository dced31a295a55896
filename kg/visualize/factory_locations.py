"""The factory–location network: which factories and workshops stand in which places, and
where those places sit in the administrative hierarchy (county → city → province)."""

from __future__ import annotations

import networkx as nx

from kg.visualize.entity_graph import subgraph

KGMC = "http://example.org/kgmc/ontology#"
LOCATED_IN = KGMC + "locatedIn"
UNIT_OF = "http://www.w3.org/ns/org#unitOf"


def factory_location_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Factories, workshops, the places they are in and every place above those.

    Edges: ``kgmc:locatedIn`` (factory or workshop to place, place to the place it is in) and
    ``org:unitOf`` (workshop to factory).

    >>> g = nx.MultiDiGraph()
    >>> for node, kind in [("f", "Factory"), ("c", "Place"), ("p", "Place"), ("x", "Person")]:
    ...     g.add_node(node, type=kind)
    >>> for head, tail in [("f", "c"), ("c", "p"), ("x", "c")]:
    ...     _ = g.add_edge(head, tail, key=LOCATED_IN)
    >>> sorted(factory_location_graph(g))
    ['c', 'f', 'p']
    """
    works = {n for n, d in graph.nodes(data=True) if d["type"] in ("Factory", "Workshop")}
    places: set = set()
    frontier = [tail for head, tail, key in graph.out_edges(works, keys=True)
                if key == LOCATED_IN and graph.nodes[tail]["type"] == "Place"]
    while frontier:
        place = frontier.pop()
        if place not in places:
            places.add(place)
            frontier.extend(tail for _, tail, key in graph.out_edges(place, keys=True)
                            if key == LOCATED_IN and graph.nodes[tail]["type"] == "Place")
    view = subgraph(graph, works | places)
    view.remove_edges_from([(h, t, k) for h, t, k in view.edges(keys=True)
                            if k not in (LOCATED_IN, UNIT_OF)])
    return view
