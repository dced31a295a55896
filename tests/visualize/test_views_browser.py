"""Each view in headless Chromium, opened from disk with every other host blocked."""

from __future__ import annotations

import unicodedata

import pytest

from tests.visualize.conftest import drawn_share, open_view, page_data

NETWORK_VIEWS = ["factory_locations.html", "graph.html", "ego"]


def _view(corpus_build, name: str):
    views = corpus_build.out / "views"
    return next(views.glob("ego-*.html")) if name == "ego" else views / name


@pytest.mark.parametrize("name", NETWORK_VIEWS)
def test_view_draws_every_node_offline(viewport_page, corpus_build, tmp_path, name):
    path = _view(corpus_build, name)
    open_view(viewport_page, path)
    page = viewport_page.page
    data = page_data(path)
    drawn = page.evaluate("Object.keys(window.kgNetwork.getPositions()).length")
    assert drawn == len(data["nodes"]) > 0
    shot = page.locator("#network").screenshot(path=str(tmp_path / f"{name}.png"))
    assert drawn_share(shot) > 0.002, "the network area is not blank"
    assert viewport_page.errors == []
    assert viewport_page.outside == []
    assert page.evaluate("document.querySelectorAll('script[src], link[href]').length") == 0


def test_view_search_focuses_the_node(viewport_page, corpus_build):
    path = _view(corpus_build, "graph.html")
    open_view(viewport_page, path)
    page = viewport_page.page
    target = next(n for n in page_data(path)["nodes"] if n["type"] == "Factory")
    before = page.evaluate("window.kgNetwork.getViewPosition()")
    page.locator("#search").fill(target["label"])
    assert page.evaluate("window.kgNetwork.getSelectedNodes()") == [target["id"]]
    after = page.evaluate("window.kgNetwork.getViewPosition()")
    assert (after["x"], after["y"]) == pytest.approx((target["x"], target["y"]), abs=1)
    assert (after["x"], after["y"]) != pytest.approx((before["x"], before["y"]), abs=1)
    details = page.locator("#details").inner_text()
    assert target["label"] in details and target["quotes"][0][3] in details
    assert viewport_page.errors == []


def test_view_search_finds_pinyin_and_says_when_nothing_matches(viewport_page, corpus_build):
    path = _view(corpus_build, "graph.html")
    open_view(viewport_page, path)
    page = viewport_page.page
    target = next(n for n in page_data(path)["nodes"] if n["type"] == "Place" and n["aliases"])
    page.locator("#search").fill(target["aliases"][0])
    assert page.evaluate("window.kgNetwork.getSelectedNodes()") == [target["id"]]
    pinyin = next(a for a in target["aliases"] if a.isascii() is False and " " in a)
    toneless = "".join(c for c in unicodedata.normalize("NFD", pinyin)
                       if not unicodedata.combining(c)).replace(" ", "").upper()
    page.locator("#search").fill("")
    page.locator("#search").fill(toneless)
    assert page.evaluate("window.kgNetwork.getSelectedNodes()") == [target["id"]], toneless
    page.locator("#search").fill("没有这个名字")
    assert "not found" in page.locator("#search-status").inner_text()


def test_view_click_shows_every_quote(viewport_page, corpus_build):
    path = _view(corpus_build, "graph.html")
    open_view(viewport_page, path)
    page = viewport_page.page
    target = max(page_data(path)["nodes"], key=lambda n: len(n["quotes"]))
    page.evaluate(f"window.kgNetwork.focus({target['id']!r}, {{scale: 1.5}})")
    point = page.evaluate(f"""(() => {{ const p = window.kgNetwork.getPositions([{target['id']!r}]);
        return window.kgNetwork.canvasToDOM(p[{target['id']!r}]); }})()""")
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    quotes = page.locator("#details blockquote")
    assert quotes.count() == len(target["quotes"]) > 1
    assert target["quotes"][-1][3] in quotes.last.inner_text()


def test_view_filters_hide_a_type_and_its_links(viewport_page, corpus_build):
    path = _view(corpus_build, "graph.html")
    open_view(viewport_page, path)
    page = viewport_page.page
    data = page_data(path)
    factories = {n["id"] for n in data["nodes"] if n["type"] == "Factory"}
    page.locator('#type-filters input[data-type="Factory"]').uncheck()
    shown = set(page.evaluate("window.kgNetwork.body.data.nodes.getIds()"))
    assert shown == {n["id"] for n in data["nodes"]} - factories
    edges = page.evaluate("window.kgNetwork.body.data.edges.get()")
    assert not any(e["from"] in factories or e["to"] in factories for e in edges)
    page.locator('#type-filters input[data-type="Factory"]').check()
    assert len(page.evaluate("window.kgNetwork.body.data.nodes.getIds()")) == len(data["nodes"])


def test_view_campaign_filter_keeps_its_participants(viewport_page, corpus_build):
    path = _view(corpus_build, "graph.html")
    open_view(viewport_page, path)
    page = viewport_page.page
    data = page_data(path)
    assert data["campaigns"], "the corpus names campaigns"
    index = max(range(len(data["campaigns"])),
                key=lambda i: sum(i in n["camps"] for n in data["nodes"]))
    page.locator("#campaign").select_option(str(index))
    shown = set(page.evaluate("window.kgNetwork.body.data.nodes.getIds()"))
    assert shown == {n["id"] for n in data["nodes"] if index in n["camps"]}
    assert data["campaigns"][index][0] in shown
    assert len(shown) > 1


def test_index_links_every_view_and_export(viewport_page, corpus_build):
    index = corpus_build.out / "views" / "index.html"
    viewport_page.page.goto(index.as_uri())
    links = viewport_page.page.evaluate(
        "Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))")
    views = {p.name for p in (corpus_build.out / "views").glob("*.html")} - {"index.html"}
    assert views <= set(links)
    for export in ("graph.gexf", "graph.graphml", "nodes.csv", "edges.csv", "metrics.json"):
        assert f"../{export}" in links
    for link in links:
        assert (index.parent / link).resolve().exists(), link
    assert viewport_page.errors == [] and viewport_page.outside == []


def test_view_document_filter_keeps_what_the_document_quotes(viewport_page, corpus_build):
    path = _view(corpus_build, "graph.html")
    open_view(viewport_page, path)
    page = viewport_page.page
    data = page_data(path)
    assert page.locator("#document-filter").is_visible()
    page.locator("#document").select_option("0")
    shown = set(page.evaluate("window.kgNetwork.body.data.nodes.getIds()"))
    assert shown == {n["id"] for n in data["nodes"] if 0 in n["docs"]}
    assert all(q[0] == 0 for n in data["nodes"] if n["id"] in shown and n["type"] != "Document"
               for q in n["quotes"][:1])


def test_views_of_a_text_without_factories_still_open(viewport_page, tmp_path):
    """A text that names no factory gives empty views, not a crash."""
    import kg

    text = tmp_path / "texts" / "note.txt"
    text.parent.mkdir()
    text.write_text("今天开会，大家都发了言。会后各自回去工作。\n", encoding="utf-8")
    built = kg.build([text.parent], out=tmp_path / "out")
    path = built.files["views/factory_locations.html"]
    assert page_data(path)["nodes"] == []
    open_view(viewport_page, path)
    assert viewport_page.errors == []
    assert "0 factories" in viewport_page.page.locator("header").inner_text()
