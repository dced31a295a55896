"""Render a networkx graph as a self-contained vis-network page via pyvis.

pyvis's own template links Bootstrap and tom-select from CDNs even with inline resources, so
pages are rendered with our template (templates/network.html.j2), which inlines the
vis-network script and stylesheet that pyvis ships and loads nothing from any host.
Node and edge data reach the page through Jinja's ``tojson``, which escapes ``<``, ``>`` and
``&``, and vis-network draws labels and string tooltips as text: a hostile label stays text.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import networkx as nx

_TEMPLATES = Path(__file__).with_name("templates")


@cache
def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    script = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    style = (lib / "vis-network.css").read_text(encoding="utf-8")
    return script.replace("</script", "<\\/script"), style.replace("</style", "<\\/style")


def render(graph: nx.Graph, *, heading: str, subtitle: str, groups: dict[str, str]) -> str:
    """HTML of ``graph``: node attrs label/title/group/size, edge attrs label/title.

    ``groups`` maps each node group to its colour; the page shows it as the legend.
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from pyvis.network import Network

    net = Network(height="85vh", width="100%", directed=True, cdn_resources="in_line")
    for node, attrs in graph.nodes(data=True):
        net.add_node(node, **attrs)
    for head, tail, attrs in graph.edges(data=True):
        net.add_edge(head, tail, **attrs)
    net.set_options(json.dumps({
        "physics": {"stabilization": {"iterations": 300}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "font": {"size": 10, "align": "middle"}},
        "interaction": {"hover": True, "tooltipDelay": 150},
        "groups": {name: {"color": colour} for name, colour in groups.items()},
    }))
    environment = Environment(loader=FileSystemLoader(_TEMPLATES),
                              autoescape=select_autoescape(default=False))
    script, style = _vis_assets()
    environment.globals.update(vis_js=script, vis_css=style, subtitle=subtitle,
                               legend=sorted(groups.items()))
    net.templateEnv = environment
    net.path = "network.html.j2"
    net.heading = heading
    return net.generate_html()


def write_page(path: Path, html: str) -> Path:
    path.write_text(html, encoding="utf-8")
    return path
