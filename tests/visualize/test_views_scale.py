"""A 5,000-entity page is interactive in headless Chromium within 10 s."""

from __future__ import annotations

import time

import pytest

from kg.store import open_store
from kg.visualize import ViewName, write_views
from tests.visualize.conftest import page_data

pytestmark = pytest.mark.slow


def test_large_graph_page_is_interactive_within_ten_seconds(large_store, viewport_page, tmp_path):
    write_views(open_store(large_store), tmp_path, views=[ViewName.GRAPH])
    path = tmp_path / "graph.html"
    nodes = page_data(path)["nodes"]
    assert len(nodes) >= 5000
    target = nodes[len(nodes) // 2]
    page = viewport_page.page
    start = time.perf_counter()
    page.goto(path.as_uri())
    page.wait_for_function("window.kgReady === true", timeout=10_000)
    page.locator("#search").fill(target["label"])
    page.wait_for_function(f"window.kgNetwork.getSelectedNodes()[0] === {target['id']!r}",
                           timeout=10_000)
    elapsed = time.perf_counter() - start
    assert elapsed < 10, f"interactive after {elapsed:.1f} s"
    drawn = page.evaluate("Object.keys(window.kgNetwork.getPositions()).length")
    assert drawn == len(nodes)
    assert viewport_page.errors == [] and viewport_page.outside == []
