"""The entity graph for other tools: GEXF (Gephi), GraphML (Cytoscape, yEd), CSV node and edge
tables (spreadsheets, OpenRefine) and ``metrics.json``.

Both graph formats hold only scalar attributes, so lists are joined with `` | `` and only the
first quote of each node and edge travels (with its document and offsets; ``quote_count``
says how many the store holds). GEXF also carries each node's position, size and colour as
drawn in the views, so Gephi opens the same picture.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import networkx as nx

from kg.visualize.atomic import write_atomically
from kg.visualize.metrics import Centrality, metrics
from kg.visualize.page import GROUPS, group_of

NODE_COLUMNS = ("id", "label", "type", "level", "aliases", "degree", "degree_centrality",
                "betweenness", "component", "quote_count", "quote", "quote_document",
                "quote_start", "quote_end", "documents")
EDGE_COLUMNS = ("source", "target", "property", "label", "quote_count", "quote",
                "quote_document", "quote_start", "quote_end")


def write_exports(graph: nx.MultiDiGraph, measures: Centrality, positions: dict,
                  out: Path) -> dict[str, Path]:
    """Write graph.gexf, graph.graphml, nodes.csv, edges.csv and metrics.json into ``out``."""
    flat = _flat_graph(graph, measures)
    gexf = flat.copy()
    for node, attrs in gexf.nodes(data=True):
        x, y = positions[node]
        colour = GROUPS[group_of(graph.nodes[node])].colour
        attrs["viz"] = {"position": {"x": x, "y": -y, "z": 0.0},
                        "size": 4.0 + measures.degree[node],
                        "color": {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16),
                                  "b": int(colour[5:7], 16), "a": 1.0}}
    written = {
        "graph.gexf": write_atomically(out / "graph.gexf", lambda p: _write_gexf(gexf, p)),
        "graph.graphml": write_atomically(out / "graph.graphml",
                                          lambda p: nx.write_graphml(flat, p)),
        "nodes.csv": write_atomically(out / "nodes.csv", lambda p: _write_csv(
            p, NODE_COLUMNS, ({"id": n, **d} for n, d in flat.nodes(data=True)))),
        "edges.csv": write_atomically(out / "edges.csv", lambda p: _write_csv(
            p, EDGE_COLUMNS, ({"source": h, "target": t, **d}
                              for h, t, d in flat.edges(data=True)))),
        "metrics.json": write_atomically(out / "metrics.json", lambda p: p.write_text(
            json.dumps(metrics(graph, measures), ensure_ascii=False, indent=1) + "\n",
            encoding="utf-8")),
    }
    return written


def _flat_graph(graph: nx.MultiDiGraph, measures: Centrality) -> nx.MultiDiGraph:
    """``graph`` with scalar attributes only, in a stable order."""
    flat = nx.MultiDiGraph()
    for node in sorted(graph.nodes, key=str):
        attrs = graph.nodes[node]
        flat.add_node(node, label=attrs["label"], type=attrs["type"], level=attrs["level"],
                      aliases=" | ".join(attrs["aliases"]), degree=measures.degree[node],
                      degree_centrality=round(measures.degree_centrality[node], 6),
                      betweenness=round(measures.betweenness[node], 6),
                      component=measures.component[node],
                      documents=" | ".join(attrs["documents"]), **_first_quote(attrs["quotes"]))
    for head, tail, key, attrs in sorted(graph.edges(keys=True, data=True), key=str):
        flat.add_edge(head, tail, key=key, property=attrs["property"], label=attrs["label"],
                      **_first_quote(attrs["quotes"]))
    return flat


def _write_gexf(graph: nx.MultiDiGraph, path: Path) -> None:
    """GEXF without the writing day networkx stamps in, so two builds write the same file."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.xml.find("meta").attrib.pop("lastmodifieddate", None)
    writer.add_graph(graph)
    writer.write(path)


def _first_quote(quotes: list) -> dict:
    first = quotes[0] if quotes else None
    return {"quote_count": len(quotes), "quote": first.text if first else "",
            "quote_document": first.document if first else "",
            "quote_start": first.start if first else -1, "quote_end": first.end if first else -1}


def _write_csv(path: Path, columns: tuple[str, ...], rows) -> None:  # noqa: ANN001 - iterable
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
