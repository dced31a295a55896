"""The factory–location network: which factories and workshops stand in which places, and
where those places sit in the administrative hierarchy (county → city → province)."""

from __future__ import annotations

import networkx as nx

from kg.visualize.entity_graph import LOCATED_IN, UNIT_OF, WORKS, subgraph


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
    works = {n for n, d in graph.nodes(data=True) if d["type"] in WORKS}
    view = subgraph(graph, works.union(*(places_above(graph, work) for work in works)))
    view.remove_edges_from([(h, t, k) for h, t, k in view.edges(keys=True)
                            if k not in (LOCATED_IN, UNIT_OF)])
    return view


def places_above(graph: nx.MultiDiGraph, node: str) -> set[str]:
    """The places ``node`` is located in, directly or through the places those are in.

    >>> g = nx.MultiDiGraph()
    >>> for node, kind in [("f", "Factory"), ("c", "Place"), ("p", "Place")]:
    ...     g.add_node(node, type=kind)
    >>> for head, tail in [("f", "c"), ("c", "p")]:
    ...     _ = g.add_edge(head, tail, key=LOCATED_IN)
    >>> sorted(places_above(g, "f"))
    ['c', 'p']
    """
    places: set[str] = set()
    frontier = [node]
    while frontier:
        for _, tail, key in graph.out_edges(frontier.pop(), keys=True):
            if key == LOCATED_IN and tail not in places and graph.nodes[tail]["type"] == "Place":
                places.add(tail)
                frontier.append(tail)
    return places
