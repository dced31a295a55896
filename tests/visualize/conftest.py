"""Helpers for the view tests: the data a page embeds, and whether a screenshot shows anything."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

_DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def page_data(path: Path) -> dict:
    """The graph a view page embeds (nodes, edges, documents, campaigns, options)."""
    return json.loads(_DATA.search(path.read_text(encoding="utf-8")).group(1))


def drawn_share(png: bytes) -> float:
    """The share of pixels of a screenshot that are not background white."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("L")
    histogram = image.histogram()
    return 1 - sum(histogram[245:]) / sum(histogram)


def open_view(watched, path: Path, *, timeout_ms: int = 20_000) -> None:
    """Open a view from disk and wait until vis-network has drawn it once."""
    watched.page.goto(path.as_uri())
    watched.page.wait_for_function("window.kgReady === true", timeout=timeout_ms)


@pytest.fixture()
def viewport_page(local_page):
    local_page.page.set_viewport_size({"width": 1280, "height": 860})
    return local_page


@pytest.fixture(scope="session")
def hostile_views(tmp_path_factory) -> Path:
    """Every view of a synthetic graph whose names are HTML, script and template code."""
    from kg.store import open_store
    from kg.visualize import write_views
    from kg.visualize.synthetic import HOSTILE_NAMES, build_synthetic_store

    folder = tmp_path_factory.mktemp("hostile")
    store = open_store(build_synthetic_store(300, folder, hostile=True))
    write_views(store, folder / "views", focus=[HOSTILE_NAMES["factory"],
                                                HOSTILE_NAMES["person"]],
                default_egos=1, exports=folder)
    return folder / "views"


@pytest.fixture(scope="session")
def large_store(tmp_path_factory) -> Path:
    """A synthetic store of 5,000 entities (about 10 s to build)."""
    from kg.visualize.synthetic import build_synthetic_store

    return build_synthetic_store(5000, tmp_path_factory.mktemp("large"))
