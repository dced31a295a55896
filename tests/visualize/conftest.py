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
