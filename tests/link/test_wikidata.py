"""``kg link --wikidata``: the optional online look-up, against a stand-in API on loopback.

The network is the one thing that cannot run here, so a small HTTP server on 127.0.0.1 answers
``wbsearchentities`` the way Wikidata's API does (the JSON shape of its answers); everything
else is real: the HTTP client, the cache on disk, the CLI. The QIDs below are made up.
"""

from __future__ import annotations

import csv
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from rdflib import Graph

from kg.cli import app

ANSWERS = {
    "太原": [{"id": "Q9000001", "label": "太原市", "description": "中华人民共和国山西省的地级市",
              "match": {"type": "alias", "language": "zh", "text": "太原"}},
             {"id": "Q9000002", "label": "太原站", "description": "火车站"}],
    "洛阳": [{"id": "Q9000003", "label": "洛阳", "description": "人物"}],
    "宝鸡": [{"id": "Q9000004", "label": "宝鸡市", "description": "地级市",
              "match": {"type": "label", "language": "zh", "text": "宝鸡市"}},
             {"id": "Q9000005", "label": "宝鸡", "description": "中国陕西省的城市"}],
}


class _FakeWikidata(BaseHTTPRequestHandler):
    asked: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        params = parse_qs(urlsplit(self.path).query)
        search = params.get("search", [""])[0]
        type(self).asked.append(search)
        body = json.dumps({"searchinfo": {"search": search},
                           "search": ANSWERS.get(search, []), "success": 1}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:  # noqa: ANN002 - quiet
        pass


@pytest.fixture()
def fake_api(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeWikidata)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _FakeWikidata.asked = []
    monkeypatch.setenv("KG_WIKIDATA_API", f"http://127.0.0.1:{server.server_port}/w/api.php")
    yield _FakeWikidata
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


def _rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_lookup_proposes_only_unique_same_name_hits_of_a_fitting_kind(
        runner, fake_api, unlinked_store, tmp_path) -> None:
    out, cache = tmp_path / "wd", tmp_path / "cache"
    result = runner.invoke(app, ["link", "--wikidata", "--store", str(unlinked_store),
                                 "--out", str(out), "--cache", str(cache)])
    assert result.exit_code == 0, result.output
    decisions = {(row["name"], row["qid"]): row["decision"]
                 for row in _rows(out / "candidates.csv")}
    assert decisions["太原", "Q9000001"] == "proposed"
    assert decisions["太原", "Q9000002"] == "name differs"
    assert decisions["洛阳", "Q9000003"] == "described as a Person"
    assert decisions["宝鸡", "Q9000004"].startswith("ambiguous")
    proposed = Graph().parse(out / "proposed.ttl")
    objects = {str(o) for o in proposed.objects()}
    assert objects == {"http://www.wikidata.org/entity/Q9000001"}
    assert "exactMatch" not in (out / "proposed.ttl").read_text("utf-8")
    assert {"太原", "洛阳", "宝鸡", "上海"} <= set(fake_api.asked)


def test_a_second_run_reads_the_cache_and_asks_nothing(runner, fake_api, unlinked_store,
                                                       tmp_path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    arguments = ["link", "--wikidata", "--store", str(unlinked_store), "--cache", str(cache)]
    first = runner.invoke(app, [*arguments, "--out", str(tmp_path / "one")])
    assert first.exit_code == 0, first.output
    asked = len(fake_api.asked)
    monkeypatch.setenv("KG_WIKIDATA_API", "http://127.0.0.1:9/unreachable")
    second = runner.invoke(app, [*arguments, "--out", str(tmp_path / "two")])
    assert second.exit_code == 0, second.output
    assert len(fake_api.asked) == asked
    assert ((tmp_path / "one" / "candidates.csv").read_bytes()
            == (tmp_path / "two" / "candidates.csv").read_bytes())


def test_no_network_is_a_clear_error_and_the_default_path_never_asks(
        runner, unlinked_store, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KG_WIKIDATA_API", "http://127.0.0.1:9/unreachable")
    online = runner.invoke(app, ["link", "--wikidata", "--store", str(unlinked_store),
                                 "--cache", str(tmp_path / "empty"), "--out", str(tmp_path / "w")])
    assert online.exit_code == 1
    assert online.output.startswith("error E064")
    assert "Traceback" not in online.output
    other = tmp_path / "other.csv"
    other.write_text("label,type\n太原,city\n", encoding="utf-8")
    offline = runner.invoke(app, ["link", "--with", str(other), "--store", str(unlinked_store),
                                  "--out", str(tmp_path / "o")])
    assert offline.exit_code == 0, offline.output
    assert not (tmp_path / "w").exists()
