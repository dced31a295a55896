"""Render a view as one self-contained HTML page drawn by vis-network.

The page inlines the vis-network script and stylesheet that pyvis ships (9.1.2), and nothing
else: no CDN, no font, no request to any host. We do not use pyvis's ``Network`` to build the
page: its template links Bootstrap and tom-select from CDNs even with inline resources, and it
checks each new node and edge against a Python list, which took 5.3 s for 20,000 nodes and
40,000 edges here. The node and edge lists are built directly instead.

Escaping: headings and legends go through Jinja's autoescape; the graph travels as JSON in a
``<script type="application/json">`` element with ``<``, ``>`` and ``&`` written as ``\\u``
escapes, so no label can close the element; the page writes labels and quotes with
``textContent``, and vis-network draws labels on the canvas and string tooltips as text.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import networkx as nx

from kg.visualize.atomic import write_atomically
from kg.visualize.layout import layout

_TEMPLATES = Path(__file__).with_name("templates")

EDGE_LABELS_UP_TO = 2000
"""Edges drawn with their label up to this many; beyond, labels stay in tooltips (drawing
thousands of labels makes panning stutter)."""


@dataclass(frozen=True, slots=True)
class Group:
    """How one kind of node looks and is named in the legend."""

    name: str
    colour: str
    zh: str
    en: str


GROUPS = {group.name: group for group in (
    Group("Factory", "#d95f02", "工厂", "factory"),
    Group("Workshop", "#fdae6b", "车间", "workshop"),
    Group("Country", "#00441b", "国家", "country"),
    Group("Province", "#1b7837", "省", "province"),
    Group("City", "#5aae61", "市", "city"),
    Group("County", "#a6dba0", "县", "county"),
    Group("Place", "#80cdc1", "地点", "place"),
    Group("Person", "#7570b3", "人物", "person"),
    Group("Organization", "#e7298a", "机构", "organization"),
    Group("Innovation", "#e6ab02", "革新", "innovation"),
    Group("Campaign", "#a6761d", "运动", "campaign"),
    Group("Industry", "#666666", "行业", "industry"),
    Group("Event", "#1f78b4", "事件", "event"),
    Group("Date", "#b3b3b3", "日期", "date"),
    Group("Document", "#8c564b", "文献", "document"),
)}
"""Node groups in legend order: a place is drawn by its level when it has one."""


def group_of(attrs: dict) -> str:
    """The legend group of a node: its place level, else its type."""
    return attrs.get("level") or attrs["type"]


def render(graph: nx.MultiDiGraph, *, heading: str, subtitle: str,
           positions: dict | None = None) -> str:
    """The HTML page of ``graph``, a subgraph of :func:`~kg.visualize.entity_graph.
    read_entity_graph` (same node and edge attributes), laid out by
    :func:`~kg.visualize.layout.layout` unless ``positions`` are given."""
    stored_titles = graph.graph.get("documents", {})
    quoted = sorted({q.document for attrs in graph.nodes.values() for q in attrs["quotes"]}
                    | {q.document for *_, attrs in graph.edges(data=True) for q in attrs["quotes"]})
    titles = {doc: stored_titles.get(doc, doc.rsplit("/", 1)[-1]) for doc in quoted}
    documents = list(titles.items())
    doc_index = {iri: i for i, iri in enumerate(titles)}
    campaigns = sorted((graph.nodes[n]["label"], n) for n, d in graph.nodes(data=True)
                       if d["type"] == "Campaign")
    campaign_index = {iri: i for i, (_, iri) in enumerate(campaigns)}
    if positions is None:
        positions = layout(graph)
    degree = dict(graph.degree())
    nodes = []
    for node, attrs in graph.nodes(data=True):
        x, y = positions[node]
        group = GROUPS[group_of(attrs)]
        nodes.append({
            "id": node, "label": attrs["label"], "group": group.name, "type": attrs["type"],
            "x": x, "y": y, "size": round(8 + 5 * math.sqrt(degree[node]), 1),
            "title": _node_tooltip(attrs, group, titles),
            "kind": f"{group.zh} · {group.en}", "iri": node, "aliases": attrs["aliases"],
            "quotes": [[doc_index[q.document], q.start, q.end, q.text] for q in attrs["quotes"]],
            "docs": [doc_index[d] for d in attrs["documents"] if d in doc_index],
            "camps": [campaign_index[c] for c in attrs["campaigns"] if c in campaign_index],
        })
    labelled = graph.number_of_edges() <= EDGE_LABELS_UP_TO
    edges = []
    for i, (head, tail, attrs) in enumerate(graph.edges(data=True)):
        edge = {"id": i, "from": head, "to": tail, "name": attrs["label"],
                "property": attrs["property"],
                "title": _edge_tooltip(graph, head, tail, attrs, titles),
                "quotes": [[doc_index[q.document], q.start, q.end, q.text]
                           for q in attrs["quotes"]]}
        if labelled:
            edge["label"] = attrs["label"]
        edges.append(edge)

    present = {group_of(attrs) for attrs in graph.nodes.values()}
    counts = {name: sum(1 for a in graph.nodes.values() if group_of(a) == name) for name in present}
    legend = [dict(colour=g.colour, zh=g.zh, en=g.en, count=counts[g.name])
              for g in GROUPS.values() if g.name in present]
    types = [GROUPS[name] for name in GROUPS
             if any(a["type"] == name for a in graph.nodes.values())]
    if any(a["type"] == "Place" for a in graph.nodes.values()) and GROUPS["Place"] not in types:
        types.append(GROUPS["Place"])
    data = {"nodes": nodes, "edges": edges, "documents": documents,
            "campaigns": [[iri, label] for label, iri in campaigns],
            "options": _options(graph.number_of_nodes())}
    script, style = _vis_assets()
    return template("network.html.j2").render(
        heading=heading, subtitle=subtitle, legend=legend, types=types,
        vis_js=script, vis_css=style, data=script_json(data))


def script_json(value: object) -> str:
    """JSON that is safe inside a ``<script>`` element whatever its strings hold.

    >>> "<" in script_json({"label": "</script><img src=x>"})
    False
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text


def write_page(path: Path, html: str) -> Path:
    """Write ``html`` to ``path`` whole or not at all."""
    return write_atomically(path, lambda temporary: temporary.write_text(html, encoding="utf-8"))


def _node_tooltip(attrs: dict, group: Group, titles: dict[str, str]) -> str:
    lines = [attrs["label"], f"{group.zh} · {group.en}"]
    if attrs["aliases"]:
        lines.append("又名 · also: " + "、".join(attrs["aliases"]))
    lines += _quote_lines(attrs["quotes"], titles)
    return "\n".join(lines)


def _edge_tooltip(graph: nx.MultiDiGraph, head: str, tail: str, attrs: dict,
                  titles: dict[str, str]) -> str:
    lines = [f"{graph.nodes[head]['label']} —{attrs['label']}→ {graph.nodes[tail]['label']}",
             attrs["title"]]
    return "\n".join(lines + _quote_lines(attrs["quotes"], titles))


def _quote_lines(quotes: list, titles: dict[str, str]) -> list[str]:
    if not quotes:
        return []
    first = quotes[0]
    lines = [f"“{first.text}”", f"— {titles.get(first.document, first.document)}，"
                                f"字符 chars {first.start}–{first.end}"]
    if len(quotes) > 1:
        lines.append(f"（共 {len(quotes)} 处，点击查看 · {len(quotes)} quotes: click to read all）")
    return lines


def _options(node_count: int) -> dict:
    return {
        "physics": False,
        "layout": {"improvedLayout": False},
        "nodes": {"shape": "dot", "font": {"size": 14}, "borderWidth": 1},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 10, "align": "middle"}, "smooth": False,
                  "color": {"inherit": False, "color": "#9a9a9a", "opacity": 0.8}},
        "interaction": {"hover": True, "tooltipDelay": 150,
                        "hideEdgesOnDrag": node_count > 1000, "navigationButtons": False},
        "groups": {name: {"color": {"background": g.colour, "border": "#444444"}}
                   for name, g in GROUPS.items()},
    }


@cache
def template(name: str):  # noqa: ANN201 - jinja2.Template
    """A page template of ``templates/``, loaded once, with every ``{{ }}`` HTML-escaped."""
    from jinja2 import Environment, FileSystemLoader

    return Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=True).get_template(name)


@cache
def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    script = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    style = (lib / "vis-network.css").read_text(encoding="utf-8")
    return script.replace("</script", "<\\/script"), style.replace("</style", "<\\/style")
