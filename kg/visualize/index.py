"""``index.html``: the overview a historian opens first, linking every view of the folder."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import networkx as nx

from kg.visualize.page import GROUPS, group_of, template, write_page

_EXPORTS = (
    ("graph.gexf", "GEXF for Gephi, with the positions and colours drawn here"),
    ("graph.graphml", "GraphML for Cytoscape or yEd"),
    ("nodes.csv", "one row per entity: names, type, centrality, first quote"),
    ("edges.csv", "one row per link: property, first quote"),
    ("metrics.json", "degree and betweenness centrality, components, top factories and places"),
)


def write_index(graph: nx.MultiDiGraph, out: Path, *, exports: Path | None = None) -> Path:
    """Write ``out/index.html`` for the views now in ``out`` (ego views of earlier runs too).

    ``exports`` is the folder of the export files, linked when they are there; by default the
    folder above ``out``, where a build writes them.
    """
    from kg.visualize.ego import ego_file_name
    from kg.visualize.factory_locations import factory_location_graph

    views = []
    if (out / "factory_locations.html").exists():
        sub = factory_location_graph(graph)
        views.append(dict(file="factory_locations.html", title="工厂与所在地 · Factories and "
                          "their places", nodes=sub.number_of_nodes(), edges=sub.number_of_edges(),
                          about="factories and workshops, their places, and the places above"))
    if (out / "graph.html").exists():
        views.append(dict(file="graph.html", title="知识图谱 · The whole graph",
                          nodes=graph.number_of_nodes(), edges=graph.number_of_edges(),
                          about="every entity; filters by type, campaign and document; search"))
    by_file = {ego_file_name(node): node for node in graph}
    egos = []
    for path in sorted(out.glob("ego-*.html")):
        node = by_file.get(path.name)
        if node is not None:
            group = GROUPS[group_of(graph.nodes[node])]
            egos.append(dict(file=path.name, label=graph.nodes[node]["label"],
                             kind=f"{group.zh} · {group.en}"))
    counts = Counter(group_of(attrs) for attrs in graph.nodes.values())
    types = [dict(colour=g.colour, zh=g.zh, en=g.en, count=counts[g.name])
             for g in GROUPS.values() if counts[g.name]]
    folder = exports if exports is not None else out.parent
    links = [dict(href=_relative(folder / name, out), name=name, about=about)
             for name, about in _EXPORTS if (folder / name).exists()]
    documents = sorted(set(graph.graph.get("documents", {}).values()))
    summary = (f"{graph.number_of_nodes()} entities and documents, {graph.number_of_edges()} "
               f"links, {sum(len(d['quotes']) for d in graph.nodes.values())} quotes")
    html = template("index.html.j2").render(
        summary=summary, views=views, egos=egos, types=types, documents=documents,
        exports=links)
    return write_page(out / "index.html", html)


def _relative(target: Path, start: Path) -> str:
    import os

    return Path(os.path.relpath(target.resolve(), start.resolve())).as_posix()
