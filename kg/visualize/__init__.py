"""Interactive views of the graph, drawn from SPARQL over the store.

A view shows exactly what the store holds: its nodes and edges come from queries, not from
the in-memory records. Pages are self-contained (vis-network inlined, no CDN) and every label
and tooltip is text, never HTML.
"""

from __future__ import annotations

from pathlib import Path

from kg.visualize.factory_locations import write_factory_locations

__all__ = ["write_views"]


def write_views(store, out: Path) -> dict[str, Path]:  # noqa: ANN001 - pyoxigraph.Store
    """Write every view into ``out``; return their paths by view name."""
    out.mkdir(parents=True, exist_ok=True)
    return {"factory_locations": write_factory_locations(store, out / "factory_locations.html")}
