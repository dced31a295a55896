"""The views at scale: generation time and HTML size at 1,000 / 5,000 / 20,000 nodes.

For each size a synthetic store of the genre's shape (``kg.visualize.synthetic``: invented
records through the real mapping, N-Quads writer and bulk loader) is built once, in a child
process and timed apart: it is setup, not the work measured. Then, median of N runs each:

* ``read``: ``read_entity_graph`` (the SPARQL queries and the networkx graph);
* ``layout``: ``layout`` of the whole graph (igraph Fruchterman-Reingold per component);
* ``centrality``: ``metrics.centrality`` (degree, igraph betweenness, components);
* ``render``: ``page.render`` of graph.html with the positions already computed;
* ``exports``: ``export.write_exports`` (GEXF, GraphML, CSV, metrics.json);
* ``write_views``: the whole call a build makes, every view (no ego views) and the exports,
  wall time, which repeats the stages above (betweenness once, layout once);

and the size of graph.html, factory_locations.html and the GEXF and GraphML exports. With
``--browser`` graph.html is opened from disk in headless Chromium (Debian's ``/usr/bin/chromium``
through Playwright, every non-file request aborted and counted, a fresh context per run) and
timed from the start of ``page.goto`` to its ``load`` event and to ``window.kgReady`` (set on
vis-network's first ``afterDrawing``), then from filling ``#search`` with a factory's name to
that node being selected, and the same with its pinyin typed without tones or spaces (no name
matches exactly, so the page compares a normalised key of every name). The issue's target is a
5,000-node page interactive in under 10 s.

    python benchmarks/views.py [--nodes 1000,5000,20000] [--runs 3] [--browser] [--keep DIR]

``--keep DIR`` keeps stores and pages in DIR, and reuses a store already there.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

from timing import median_seconds

CHROMIUM = "/usr/bin/chromium"
BROWSER_TIMEOUT_MS = 600_000
_IN_PAGE = ("text => { const t = performance.now(); window.kgFocus(text); "
            "return performance.now() - t; }")
_BUILD = ("import sys; from pathlib import Path; "
          "from kg.visualize.synthetic import build_synthetic_store; "
          "build_synthetic_store(int(sys.argv[1]), Path(sys.argv[2]))")


def build_store(nodes: int, folder: Path) -> tuple[Path, float | None]:
    """The synthetic store of ``nodes`` entities in ``folder`` and the seconds it took to
    build (in a child process, so its memory is not this one's); ``None`` when reused."""
    store = folder / "store"
    if (store / "CURRENT").is_file():
        return store, None
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", _BUILD, str(nodes), str(folder)], check=True)
    return store, time.perf_counter() - start


def search_key(text: str) -> str:
    """What the page's search compares when no name matches exactly: pinyin without tones,
    spaces or case (``key`` in the page's script)."""
    stripped = "".join(c for c in unicodedata.normalize("NFD", text)
                       if not "\u0300" <= c <= "\u036f")
    return re.sub(r"[\s'\u00b7-]+", "", stripped).lower()


def search_target(graph) -> tuple[str, str, str]:  # noqa: ANN001 - nx.MultiDiGraph
    """A factory whose name, and whose pinyin as typed without tones or spaces, no other node
    has: (node id, name, toneless pinyin)."""
    names = Counter(name for attrs in graph.nodes.values()
                    for name in {attrs["label"], *attrs["aliases"]})
    keys = Counter(key for attrs in graph.nodes.values()
                   for key in {search_key(n) for n in (attrs["label"], *attrs["aliases"])})
    for node, attrs in reversed(list(graph.nodes(data=True))):
        if attrs["type"] != "Factory" or names[attrs["label"]] != 1:
            continue
        typed = [key for key, alias in ((search_key(a), a) for a in attrs["aliases"])
                 if key.isascii() and key != alias]
        if typed and keys[typed[0]] == 1:
            return node, attrs["label"], typed[0]
    raise ValueError("no factory with a name and a pinyin of its own")


def time_in_browser(browser, page_path: Path, target: tuple[str, str, str],  # noqa: ANN001
                    runs: int) -> dict:
    """Median seconds to the page's ``load`` event, to ``kgReady``, and of a search by name
    and by toneless pinyin, each from ``fill`` until the node is selected, and in the page
    alone (the page's own ``kgFocus`` call, without Playwright's round trips)."""
    import statistics

    times: dict[str, list[float]] = {"load": [], "ready": [], "search": [], "pinyin": [],
                                     "search_js": [], "pinyin_js": []}
    blocked: list[str] = []
    errors: list[str] = []

    def only_files(route) -> None:  # noqa: ANN001 - playwright Route
        if route.request.url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    node, label, pinyin = target
    selected = ("id => { const s = window.kgNetwork.getSelectedNodes(); "
                "return s.length === 1 && s[0] === id; }")
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 860})
        context.route("**/*", only_files)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        start = time.perf_counter()
        page.goto(page_path.as_uri(), timeout=BROWSER_TIMEOUT_MS)
        times["load"].append(time.perf_counter() - start)
        page.wait_for_function("window.kgReady === true", timeout=BROWSER_TIMEOUT_MS)
        times["ready"].append(time.perf_counter() - start)
        for name, text in (("search", label), ("pinyin", pinyin)):
            page.evaluate("window.kgNetwork.unselectAll()")
            start = time.perf_counter()
            page.locator("#search").fill(text)
            page.wait_for_function(selected, arg=node, timeout=BROWSER_TIMEOUT_MS)
            times[name].append(time.perf_counter() - start)
            page.evaluate("window.kgNetwork.unselectAll()")
            times[name + "_js"].append(page.evaluate(_IN_PAGE, text) / 1e3)
        context.close()
    return {**{name: statistics.median(values) for name, values in times.items()},
            "blocked": len(blocked), "errors": errors}


def measure(nodes: int, folder: Path, runs: int, browser) -> dict:  # noqa: ANN001
    """Every figure of one size."""
    from kg.store import open_store
    from kg.visualize import write_views
    from kg.visualize.entity_graph import read_entity_graph
    from kg.visualize.export import write_exports
    from kg.visualize.layout import layout
    from kg.visualize.metrics import centrality
    from kg.visualize.page import render

    store_path, built = build_store(nodes, folder)
    store = open_store(store_path)
    row: dict = {"nodes": nodes, "build": built, "quads": len(store)}
    row["read"], graph = median_seconds(lambda: read_entity_graph(store), runs)
    row["graph_nodes"], row["graph_edges"] = graph.number_of_nodes(), graph.number_of_edges()
    row["layout"], positions = median_seconds(lambda: layout(graph), runs)
    row["centrality"], measures = median_seconds(lambda: centrality(graph), runs)
    row["render"], _ = median_seconds(lambda: render(
        graph, heading="知识图谱 · The whole graph", positions=positions,
        subtitle=f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} links"), runs)
    scratch = folder / "scratch-exports"
    scratch.mkdir(exist_ok=True)
    row["exports"], _ = median_seconds(
        lambda: write_exports(graph, measures, positions, scratch), runs)
    shutil.rmtree(scratch)
    row["write_views"], written = median_seconds(
        lambda: write_views(store, folder / "views", exports=folder), runs)
    for name in ("graph.html", "factory_locations.html", "graph.gexf", "graph.graphml"):
        row[name] = written[name].stat().st_size
    row["peak_rss"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    if browser is not None:
        row["browser"] = time_in_browser(browser, written["graph.html"], search_target(graph),
                                         runs)
    return row


def _mb(size: int) -> str:
    return f"{size / 1e6:,.1f} MB"


def print_table(rows: list[dict]) -> None:
    browser = any("browser" in row for row in rows)
    columns = ["nodes", "nodes / edges", "read", "layout", "centrality", "render graph.html",
               "exports", "write_views", "graph.html", "factory_locations.html",
               "GEXF / GraphML"]
    if browser:
        columns += ["page load", "kgReady", "search: name", "search: pinyin"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        cells = [f"{row['nodes']:,}", f"{row['graph_nodes']:,} / {row['graph_edges']:,}",
                 *(f"{row[stage]:.2f} s" for stage in ("read", "layout", "centrality",
                                                       "render", "exports", "write_views")),
                 _mb(row["graph.html"]), _mb(row["factory_locations.html"]),
                 f"{_mb(row['graph.gexf'])} / {_mb(row['graph.graphml'])}"]
        if browser:
            timed = row["browser"]
            cells += [f"{timed['load']:.2f} s", f"{timed['ready']:.2f} s",
                      f"{timed['search'] * 1e3:,.0f} ms", f"{timed['pinyin'] * 1e3:,.0f} ms"]
        print("| " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", default="1000,5000,20000",
                        help="comma-separated sizes of the synthetic graph")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--browser", action="store_true",
                        help=f"also time graph.html in headless Chromium ({CHROMIUM})")
    parser.add_argument("--keep", type=Path, help="keep stores and pages here (and reuse them)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.nodes.split(",")]

    work = args.keep or Path(tempfile.mkdtemp(prefix="kg-views-bench-"))
    playwright = browser = None
    if args.browser:
        from playwright.sync_api import sync_playwright

        playwright = sync_playwright().start()
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                             args=["--no-sandbox"])
    rows = []
    try:
        for nodes in sizes:
            row = measure(nodes, work / f"n{nodes}", args.runs, browser)
            built = "reused" if row["build"] is None else f"{row['build']:.1f} s"
            line = (f"{nodes:,} nodes: store {row['quads']:,} quads (build {built}), "
                    f"peak RSS so far {row['peak_rss'] / 2**20:,.0f} MiB")
            if "browser" in row:
                timed = row["browser"]
                line += (f", search in the page alone: name {timed['search_js'] * 1e3:,.1f} ms, "
                         f"pinyin {timed['pinyin_js'] * 1e3:,.1f} ms; {timed['blocked']} "
                         f"requests blocked, page errors: {timed['errors'] or 'none'}")
            print(line, flush=True)
            rows.append(row)
    finally:
        if browser is not None:
            browser.close()
            playwright.stop()
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print_table(rows)


if __name__ == "__main__":
    main()
