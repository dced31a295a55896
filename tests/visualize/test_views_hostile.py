"""XSS: names that are HTML, script or template code stay text on every page."""

from __future__ import annotations

import pytest

from kg.visualize.synthetic import HOSTILE_NAMES
from tests.visualize.conftest import page_data

PAGES = ["factory_locations.html", "graph.html", "index.html", "ego"]


def _pages(views, name):
    return sorted(views.glob("ego-*.html")) if name == "ego" else [views / name]


@pytest.mark.parametrize("name", PAGES)
def test_hostile_names_never_become_markup(hostile_views, name):
    for path in _pages(hostile_views, name):
        html = path.read_text(encoding="utf-8")
        for raw in ("<img src=x", "<svg onload", "<script>alert", "49委员会"):
            assert raw not in html, (path.name, raw)


@pytest.mark.parametrize("name", PAGES)
def test_hostile_names_run_no_script_in_the_browser(local_page, hostile_views, name):
    page = local_page.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for path in _pages(hostile_views, name):
        page.goto(path.as_uri())
        if name != "index.html":
            page.wait_for_function("window.kgReady === true", timeout=20_000)
        page.wait_for_timeout(200)
        assert page.evaluate("document.querySelectorAll('img, svg, iframe, object').length") == 0
        scripts = page.evaluate("document.querySelectorAll('script').length")
        assert scripts == (0 if name == "index.html" else 3), "vis-network, data, page"
    assert dialogs == []
    assert local_page.errors == [] and local_page.outside == []


def test_hostile_names_read_as_text_in_panel_tooltip_and_index(local_page, hostile_views):
    page = local_page.page
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    path = hostile_views / "graph.html"
    page.set_viewport_size({"width": 1280, "height": 860})
    page.goto(path.as_uri())
    page.wait_for_function("window.kgReady === true", timeout=20_000)
    nodes = {n["label"]: n for n in page_data(path)["nodes"]}
    for kind in ("factory", "person", "place", "organization", "innovation", "industry"):
        hostile = HOSTILE_NAMES[kind]
        page.locator("#search").fill(hostile)
        assert page.evaluate("window.kgNetwork.getSelectedNodes()") == [nodes[hostile]["id"]]
        assert page.locator("#details h2").text_content() == hostile
        assert hostile in page.locator("#details").inner_text()
    factory = nodes[HOSTILE_NAMES["factory"]]
    point = page.evaluate(f"""(() => {{ const id = {factory['id']!r};
        window.kgNetwork.focus(id, {{scale: 2}});
        return window.kgNetwork.canvasToDOM(window.kgNetwork.getPositions([id])[id]); }})()""")
    box = page.locator("#network").bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert tooltip.inner_text().startswith(HOSTILE_NAMES["factory"])
    assert page.evaluate("""Array.from(document.querySelector('div.vis-tooltip').children)
                            .every(child => child.tagName === 'BR')"""), "line breaks only"
    page.goto((hostile_views / "index.html").as_uri())
    assert HOSTILE_NAMES["factory"] in page.locator("body").inner_text()
    assert dialogs == []
