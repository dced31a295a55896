"""kg serve end to end: the real Oxigraph server over HTTP, and its query page in Chromium."""

from __future__ import annotations

import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.store import query

FACTORIES = ("SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE "
             "{ ?f a <http://example.org/kgmc/ontology#Factory> }")
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
"""~6·10^7 rows on the corpus store: many seconds uncut."""


@dataclass
class Served:
    url: str
    process: subprocess.Popen
    banner: list[str]
    lines: queue.Queue[str]
    reader: threading.Thread
    store: Path

    def rest_of_output(self) -> str:
        """What kg serve printed after its banner, once it has exited."""
        self.reader.join(timeout=5)
        return "".join(self.lines.queue)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(store: Path, *args: str) -> Served:
    """Run ``kg serve`` as a user would and wait for its banner (20 s at most)."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--store", str(store),
         "--bind", f"127.0.0.1:{port}", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stdout],
                              daemon=True)
    reader.start()
    banner: list[str] = []
    deadline = time.monotonic() + 20
    while not any(line.startswith("stop with Ctrl-C") for line in banner):
        try:
            banner.append(lines.get(timeout=max(0.1, deadline - time.monotonic())))
        except queue.Empty:
            process.kill()
            pytest.fail(f"kg serve did not start: {process.stderr.read()}")
    return Served(url=f"http://127.0.0.1:{port}", process=process, banner=banner, lines=lines,
                  reader=reader, store=store)


def _stop(served: Served) -> int:
    served.process.send_signal(signal.SIGINT)
    return served.process.wait(timeout=15)


@pytest.fixture(scope="module")
def server(corpus_build):
    served = _start(corpus_build.out / "store", "--timeout", "1")
    yield served
    if served.process.poll() is None:
        _stop(served)


def _request(url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None,
             timeout: float = 30) -> tuple[int, str, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, response.headers["Content-Type"], response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read().decode()


def test_serve_announces_endpoint_and_example(server):
    text = "\n".join(server.banner)
    assert f"{server.url}/query" in text
    assert "curl" in text and "read-only" in text


@pytest.mark.parametrize("method", ["GET", "POST form", "POST direct"])
def test_serve_answers_sparql_protocol_in_json_and_csv(server, corpus_build, method):
    expected = query(corpus_build.out / "store", FACTORIES).rows[0][0]
    assert expected > 5
    for accept in ("application/sparql-results+json", "text/csv"):
        headers = {"Accept": accept}
        if method == "GET":
            url, data = f"{server.url}/query?{urllib.parse.urlencode({'query': FACTORIES})}", None
        elif method == "POST form":
            url, data = f"{server.url}/query", urllib.parse.urlencode(
                {"query": FACTORIES}).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            url, data = f"{server.url}/query", FACTORIES.encode()
            headers["Content-Type"] = "application/sparql-query"
        status, content_type, body = _request(url, data=data, headers=headers)
        assert status == 200, body
        assert content_type.startswith(accept)
        if accept == "text/csv":
            assert body.splitlines() == ["n", str(expected)]
        else:
            assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == str(expected)


def test_serve_default_graph_is_the_union(server):
    """Document graphs are queried without GRAPH, as with kg query."""
    status, _, body = _request(f"{server.url}/query?" + urllib.parse.urlencode(
        {"query": "ASK { ?a <http://www.w3.org/ns/oa#hasTarget> ?t }"}),
        headers={"Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is True


@pytest.mark.parametrize("path, data, content_type", [
    ("/update", b"update=" + urllib.parse.quote(
        "INSERT DATA { GRAPH <http://x.org/g> { <http://x.org/a> <http://x.org/b> 1 } }").encode(),
     "application/x-www-form-urlencoded"),
    ("/update", b"DROP ALL", "application/sparql-update"),
    ("/store?default", b"<http://x.org/a> <http://x.org/b> 1 .", "text/turtle"),
])
def test_serve_refuses_updates(server, path, data, content_type):
    status, _, body = _request(server.url + path, data=data,
                               headers={"Content-Type": content_type})
    assert status in (403, 405), body
    status, _, body = _request(f"{server.url}/query?" + urllib.parse.urlencode(
        {"query": FACTORIES}), headers={"Accept": "text/csv"})
    assert int(body.splitlines()[1]) > 5


def test_serve_cuts_a_slow_query_at_the_timeout(server):
    """Oxigraph streams results, so the status is already sent when the time-out strikes: the
    answer is cut short with a message instead of a complete result."""
    started = time.monotonic()
    status, _, body = _request(f"{server.url}/query?" + urllib.parse.urlencode(
        {"query": CROSS_JOIN}), headers={"Accept": "application/sparql-results+json"})
    elapsed = time.monotonic() - started
    assert elapsed < 10
    assert status >= 400 or "cancelled" in body
    with pytest.raises(json.JSONDecodeError):
        json.loads(body)


def test_serve_refuses_a_taken_port(corpus_build):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        done = subprocess.run([sys.executable, "-m", "kg", "serve", "--store",
                               str(corpus_build.out / "store"), "--bind", f"127.0.0.1:{port}"],
                              capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "E015" in done.stderr and "--bind" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_stops_cleanly_on_ctrl_c(corpus_build):
    served = _start(corpus_build.out / "store")
    children = Path(f"/proc/{served.process.pid}/task/{served.process.pid}/children")
    oxigraph_pids = [int(pid) for pid in children.read_text().split()]
    assert len(oxigraph_pids) == 1
    assert _stop(served) == 0
    assert "server stopped" in served.rest_of_output()
    assert "Traceback" not in served.process.stderr.read()
    with pytest.raises(ProcessLookupError):
        os.kill(oxigraph_pids[0], 0)
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", int(served.url.rsplit(":", 1)[1])), timeout=2)


YASGUI_PREFIX_LIST = "http://prefix.cc/popular/all.file.json"
"""The one outside address Oxigraph's page asks for: YASGUI's list of prefixes to complete
while typing. The page works without it; kg cannot change Oxigraph's page (see README)."""


def test_serve_query_page_runs_a_query_in_chromium_offline(server, local_page):
    """The YASGUI page at / comes from the server itself: with every other host blocked it
    loads, runs a query and shows the result table."""
    page = local_page.page
    page.goto(server.url + "/")
    page.wait_for_selector(".CodeMirror", timeout=20_000)
    page.evaluate("query => document.querySelector('.CodeMirror').CodeMirror.setValue(query)",
                  "SELECT ?name WHERE { ?f a <http://example.org/kgmc/ontology#Factory> ; "
                  "<http://www.w3.org/2000/01/rdf-schema#label> ?name "
                  'FILTER(LANGMATCHES(LANG(?name), "zh-Hans")) } ORDER BY ?name')
    page.click(".yasqe_queryButton")
    first_cell = page.locator(".yasr table tbody tr td").filter(has_text="厂").first
    first_cell.wait_for(timeout=20_000)
    expected = query(server.store, "SELECT (COUNT(*) AS ?n) WHERE { "
                     "?f a kgmc:Factory ; rdfs:label ?name "
                     'FILTER(LANGMATCHES(LANG(?name), "zh-Hans")) }').rows[0][0]
    assert f"{expected} results" in page.locator(".yasr").inner_text()
    assert set(local_page.outside) <= {YASGUI_PREFIX_LIST}
    assert all("ERR_FAILED" in error for error in local_page.errors), local_page.errors
