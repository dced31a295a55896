"""Node positions computed before the page opens, so a large graph is still the moment it draws.

vis-network's physics never settles on thousands of nodes, and pyvis's default is to run it in
the browser. We lay each connected component out with igraph's Fruchterman–Reingold (C code;
its grid variant from 1,000 nodes, fewer iterations past 5,000) from seeded starting points,
scale it so an edge is about :data:`EDGE_LENGTH` pixels, and pack the components in rows,
largest first. The same graph always gets the same positions, so two builds write the same pages.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable

import networkx as nx

from kg.visualize.entity_graph import simple_undirected

EDGE_LENGTH = 120.0
"""Median edge length on the page, in vis-network's pixels at zoom 1."""

GAP = 160.0
"""Space between packed components."""

_GRID_FROM = 1000
"""From this many nodes igraph's grid approximation of repulsion is used (O(n) an iteration)."""


def layout(graph: nx.Graph, *, seed: int = 0) -> dict[Hashable, tuple[float, float]]:
    """Positions of every node of ``graph`` (directions and parallel edges ignored).

    >>> positions = layout(nx.path_graph(3))
    >>> sorted(positions) == [0, 1, 2] and len(set(positions.values())) == 3
    True
    >>> layout(nx.Graph())
    {}
    """
    undirected = simple_undirected(graph)
    components = sorted((sorted(component, key=str) for component in
                         nx.connected_components(undirected)), key=lambda c: (-len(c), str(c[0])))
    rng = random.Random(seed)
    boxes = [_component_layout(undirected, nodes, rng) for nodes in components]
    return _pack(boxes)


def _component_layout(graph: nx.Graph, nodes: list, rng: random.Random
                      ) -> dict[Hashable, tuple[float, float]]:
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    import igraph

    index = {node: i for i, node in enumerate(nodes)}
    edges = [(index[a], index[b]) for a in nodes for b in graph[a] if index.get(b, -1) > index[a]]
    start = [[rng.uniform(-1, 1) * math.sqrt(len(nodes)), rng.uniform(-1, 1) * math.sqrt(
        len(nodes))] for _ in nodes]
    igraph.set_random_number_generator(random.Random(rng.random()))  # FR jitters at random
    try:
        coords = igraph.Graph(n=len(nodes), edges=edges).layout_fruchterman_reingold(
            seed=start, grid=len(nodes) >= _GRID_FROM, niter=_iterations(len(nodes))).coords
    finally:
        igraph.set_random_number_generator(random)
    lengths = sorted(math.dist(coords[a], coords[b]) for a, b in edges)
    scale = EDGE_LENGTH / (lengths[len(lengths) // 2] or 1.0)
    return {node: (coords[i][0] * scale, coords[i][1] * scale) for node, i in index.items()}


def _iterations(nodes: int) -> int:
    """igraph's 500 iterations up to 5,000 nodes, then fewer (no fewer than 200).

    The grid variant crowds a large component into a few cells, where repulsion is quadratic
    again: 500 iterations took 0.63 s at 4,941 nodes but 6.9 s at 19,772 (linear in the
    iterations). Past 5,000 nodes the view is an overview first, so we spend a fixed budget.
    """
    return max(200, min(500, 500 * 5000 // max(nodes, 1)))


def _pack(boxes: Iterable[dict[Hashable, tuple[float, float]]]
          ) -> dict[Hashable, tuple[float, float]]:
    """Components side by side in rows about as wide as the whole is tall."""
    boxes = [box for box in boxes if box]
    if not boxes:
        return {}
    extents = []
    for box in boxes:
        xs = [x for x, _ in box.values()]
        ys = [y for _, y in box.values()]
        extents.append((min(xs), min(ys), max(xs) - min(xs) + GAP, max(ys) - min(ys) + GAP))
    row_width = max(math.sqrt(sum(w * h for *_, w, h in extents)), max(w for *_, w, _ in extents))
    positions: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for box, (left, top, width, height) in zip(boxes, extents, strict=True):
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (nx_, ny) in box.items():
            positions[node] = (round(x + nx_ - left, 1), round(y + ny - top, 1))
        x += width
        row_height = max(row_height, height)
    return positions
