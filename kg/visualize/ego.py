"""Ego views: one entity and everything within two links of it, for ``kg viz --focus``."""

from __future__ import annotations

import difflib
import re
import unicodedata

import networkx as nx

from kg.errors import ErrorCode, KGError
from kg.visualize.entity_graph import subgraph

DEPTH = 2


def find_entity(graph: nx.MultiDiGraph, name: str) -> str:
    """The node ``name`` designates: its IRI, canonical name, another name, or pinyin.

    Pinyin matches without tone marks, spaces or case (``tianjin zixingchechang``). Raises E050
    with the closest names when nothing matches, E051 when several entities share the name.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("iri:f", label="天津自行车厂", aliases=["tiān jīn zì xíng chē chǎng"])
    >>> find_entity(g, "Tianjin Zixingche Chang")
    'iri:f'
    """
    wanted = name.strip()
    if wanted in graph:
        return wanted
    key = _key(wanted)
    exact = sorted(n for n, d in graph.nodes(data=True) if d["label"] == wanted)
    matches = exact or sorted(n for n, d in graph.nodes(data=True)
                              if wanted in d["aliases"]
                              or key in {_key(text) for text in [d["label"], *d["aliases"]]})
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise KGError.of(ErrorCode.E051, name=wanted, count=len(matches),
                         choices=", ".join(matches[:10]))
    names = sorted({d["label"] for _, d in graph.nodes(data=True)})
    close = difflib.get_close_matches(wanted, names, n=5, cutoff=0.4)
    suggestion = f" (closest: {'、'.join(close)})" if close else ""
    raise KGError.of(ErrorCode.E050, name=wanted, suggestion=suggestion)


def ego_graph(graph: nx.MultiDiGraph, focus: str, *, depth: int = DEPTH) -> nx.MultiDiGraph:
    """``focus`` and the nodes within ``depth`` links of it, whatever their direction."""
    near = nx.single_source_shortest_path_length(graph.to_undirected(as_view=True), focus,
                                                 cutoff=depth)
    return subgraph(graph, set(near))


def ego_file_name(focus: str) -> str:
    """A file name for the ego view of an IRI: ``ego-factory-tianjin-zixingchechang.html``.

    >>> ego_file_name("http://example.org/kgmc/id/factory/tianjin-zixingchechang")
    'ego-factory-tianjin-zixingchechang.html'
    """
    tail = "-".join(focus.rstrip("/").split("/")[-2:])
    return "ego-" + (re.sub(r"[^\w.-]+", "-", tail).strip("-") or "entity") + ".html"


def _key(text: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFD", text)
                       if not unicodedata.combining(c))
    return re.sub(r"[\s'·-]+", "", stripped).casefold()
