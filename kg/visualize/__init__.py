"""Interactive views of the graph, drawn from SPARQL over the store.

A view shows exactly what the store holds: :func:`~kg.visualize.entity_graph.read_entity_graph`
reads one networkx graph from it and every view is a subgraph of that. Pages are
self-contained (vis-network inlined, no CDN, no request to any host), laid out before they
open, and every label and tooltip is text, never HTML.

- ``factory_locations.html``: factories, workshops, their places and the places above those;
- ``graph.html``: every entity, coloured by type, with filters by type, campaign and document;
- ``ego-*.html``: one entity and its neighbourhood two links deep (``kg viz --focus``);
- ``index.html``: links to every view, with counts per type.

A build also writes the graph for other tools (:mod:`kg.visualize.export`).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

__all__ = ["DEFAULT_EGO_VIEWS", "ViewName", "write_views"]

DEFAULT_EGO_VIEWS = 5
"""A build writes ego views of this many factories and this many places, the most linked."""


class ViewName(StrEnum):
    """The pages ``kg viz --view`` can write (ego views are chosen with ``--focus``)."""

    FACTORY_LOCATIONS = "factory_locations"
    GRAPH = "graph"
    INDEX = "index"


def write_views(store, out: Path, *,  # noqa: ANN001 - kg.store.GraphStore
                views: Sequence[ViewName] = tuple(ViewName), focus: Sequence[str] = (),
                default_egos: int = 0, exports: Path | None = None) -> dict[str, Path]:
    """Write the ``views`` and an ego view per ``focus`` name into ``out``.

    ``default_egos`` adds ego views of that many most-linked factories and places; with
    ``exports`` the GEXF, GraphML, CSV and metrics files go into that folder. Names in
    ``focus`` are checked before anything is written (E050, E051). Returns the paths written,
    by file name relative to ``out`` (exports by their own name).
    """
    from kg.visualize.ego import ego_file_name, ego_graph, find_entity
    from kg.visualize.entity_graph import WORKS, read_entity_graph
    from kg.visualize.factory_locations import factory_location_graph
    from kg.visualize.index import write_index
    from kg.visualize.page import render, write_page

    graph = read_entity_graph(store)
    egos = [find_entity(graph, name) for name in focus]
    egos += [node for node in _most_linked(graph, default_egos) if node not in egos]
    written: dict[str, Path] = {}
    if ViewName.FACTORY_LOCATIONS in views:
        sub = factory_location_graph(graph)
        factories = sum(1 for d in sub.nodes.values() if d["type"] in WORKS)
        written["factory_locations.html"] = write_page(out / "factory_locations.html", render(
            sub, heading="工厂与所在地 · Factories and their places",
            subtitle=f"{factories} factories and workshops, {sub.number_of_nodes() - factories}"
                     f" places, {sub.number_of_edges()} links"))
    positions = None
    if ViewName.GRAPH in views or exports is not None:
        from kg.visualize.layout import layout

        positions = layout(graph)
    if ViewName.GRAPH in views:
        written["graph.html"] = write_page(out / "graph.html", render(
            graph, heading="知识图谱 · The whole graph", positions=positions,
            subtitle=f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} links"))
    for node in egos:
        sub = ego_graph(graph, node)
        name = ego_file_name(node)
        written[name] = write_page(out / name, render(
            sub, heading=f"{graph.nodes[node]['label']} · two links around it",
            subtitle=f"{sub.number_of_nodes()} nodes, {sub.number_of_edges()} links"))
    if exports is not None:
        from kg.visualize.export import write_exports
        from kg.visualize.metrics import centrality

        written.update(write_exports(graph, centrality(graph), positions, exports))
    if ViewName.INDEX in views:
        written["index.html"] = write_index(graph, out, exports=exports)
    return written


def _most_linked(graph, count: int) -> list[str]:  # noqa: ANN001 - nx.MultiDiGraph
    from kg.visualize.entity_graph import WORKS

    if count <= 0:
        return []
    degree = dict(graph.degree())
    chosen = []
    for kinds in (WORKS, ("Place",)):
        ranked = sorted((n for n, d in graph.nodes(data=True) if d["type"] in kinds),
                        key=lambda n: (-degree[n], str(n)))
        chosen += ranked[:count]
    return chosen
