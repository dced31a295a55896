"""kg reconcile: the Reconciliation Service API over real HTTP, in the shapes OpenRefine sends.

One small build of sentences of the genre (ours, not a source's) is served on a free loopback
port in a background thread; requests are real urllib requests. Names are asked in traditional
characters, pinyin with and without tones, and with or without the administrative suffix.
"""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest

from kg.cli import app
from kg.link.entities import ExternalLink, LinkableEntity
from kg.link.reconcile import (
    MAX_BODY_BYTES,
    MAX_QUERIES,
    ReconciliationService,
    make_server,
)
from kg.store.server import Address
from kg.visualize.entity_graph import Quote

TEXT = """大搞技术革新的群众运动

一九五九年，辽宁省沈阳市第一机床厂的职工在技术革新运动中试制成功多刀车床，生产效率提高了三倍。
山东省济南第一机床厂的工人也试制成功了自动车床。
鞍山钢铁公司的工人群众大搞技术革命，创造了许多土洋结合的新工具。
吉林省长春第一汽车制造厂开展了手工操作机械化半机械化运动，全厂机械化程度从42%提高到75%。
河北省唐山市东风陶瓷厂的工人试制成功自动制坯机。
毛泽东主席指出，要大搞群众运动。
"""

HOSTILE = "<script>alert(1)</script>厂"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import kg

    folder = tmp_path_factory.mktemp("reconcile")
    (folder / "t.txt").write_text(TEXT, encoding="utf-8")
    return kg.build([folder / "t.txt"], out=folder / "output").out / "store"


@pytest.fixture(scope="module")
def service(store) -> ReconciliationService:
    return ReconciliationService.from_store(store)


def _start(service: ReconciliationService):
    server = make_server(Address("127.0.0.1", 0))
    server.service = service
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    return server, thread


def _stop(server, thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)
    assert not thread.is_alive()


@pytest.fixture(scope="module")
def url(service):
    server, thread = _start(service)
    yield server.address.url
    _stop(server, thread)


def _request(url: str, *, data: bytes | None = None, method: str | None = None,
             headers: dict[str, str] | None = None) -> tuple[int, dict, str]:
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _post_queries(url: str, queries: dict | str) -> tuple[int, dict]:
    """POST a batch as OpenRefine does: the form field ``queries`` holding JSON."""
    text = queries if isinstance(queries, str) else json.dumps(queries, ensure_ascii=False)
    status, _, body = _request(f"{url}/reconcile",
                               data=urllib.parse.urlencode({"queries": text}).encode())
    return status, json.loads(body)


def _iri(service: ReconciliationService, name: str, kind: str) -> str:
    found = [e.iri for e in service.entities if e.name == name and e.type == kind]
    assert len(found) == 1, (name, kind, found)
    return found[0]


def test_reconcile_manifest_describes_the_service(url):
    status, headers, body = _request(f"{url}/reconcile")
    assert status == 200
    assert headers["Content-Type"].startswith("application/json")
    assert headers["Access-Control-Allow-Origin"] == "*"
    manifest = json.loads(body)
    assert "0.2" in manifest["versions"]
    assert manifest["identifierSpace"] == "http://example.org/kgmc/id/"
    assert manifest["schemaSpace"] == "http://example.org/kgmc/ontology#"
    types = {t["id"]: t["name"] for t in manifest["defaultTypes"]}
    assert types["Factory"] == "工厂 factory" and types["Place"] == "地点 place"
    assert manifest["preview"]["url"] == f"{url}/preview?id={{{{id}}}}"
    assert manifest["preview"]["width"] > 0 and manifest["preview"]["height"] > 0
    assert "{{id}}" in manifest["view"]["url"]
    assert {kind: block["service_path"] for kind, block in manifest["suggest"].items()} == {
        "entity": "/suggest/entity", "type": "/suggest/type", "property": "/suggest/property"}


def test_reconcile_manifest_as_jsonp(url):
    status, headers, body = _request(f"{url}/reconcile?callback=jQuery3410_1700.cb")
    assert status == 200
    assert headers["Content-Type"].startswith("application/javascript")
    assert body.startswith("/**/jQuery3410_1700.cb(") and body.endswith(");")
    inner = json.loads(body[len("/**/jQuery3410_1700.cb("):-2])
    assert inner["versions"] == ["0.2"]


KNOWN = [
    ("瀋陽", "Place", "沈阳", "Place"),
    ("Shenyang", None, "沈阳", "Place"),
    ("沈阳市", None, "沈阳", "Place"),
    ("Shěnyáng Shì", "Place", "沈阳", "Place"),
    ("吉林省", "Place", "吉林", "Place"),
    ("Jilin Sheng", None, "吉林", "Place"),
    ("長春第一汽車製造廠", "Factory", "长春第一汽车制造厂", "Factory"),
    ("鞍山鋼鐵公司", None, "鞍山钢铁公司", "Factory"),
    ("济南第一机床厂", "Organization", "济南第一机床厂", "Factory"),
    ("毛澤東", "Person", "毛泽东", "Person"),
    ("máo zé dōng", None, "毛泽东", "Person"),
    ("Tangshan", "http://schema.org/City", "唐山", "Place"),
]


def test_reconcile_batch_ranks_the_right_entity_first(url, service):
    queries = {f"q{i}": {"query": text,  # typed as OpenRefine types them
                         **({"type": kind, "type_strict": "should"} if kind else {})}
               for i, (text, kind, _, _) in enumerate(KNOWN)}
    status, answer = _post_queries(url, queries)
    assert status == 200
    assert set(answer) == set(queries)
    for i, (text, _, name, kind) in enumerate(KNOWN):
        results = answer[f"q{i}"]["result"]
        assert results, text
        top = results[0]
        assert (top["id"], top["name"]) == (_iri(service, name, kind), name), text
        assert top["type"][0]["id"] == kind
        assert 0 <= top["score"] <= 100
        assert [r["score"] for r in results] == sorted((r["score"] for r in results),
                                                       reverse=True)


@pytest.mark.parametrize(("text", "match"), [
    ("瀋陽市", True),          # same characters without the suffix: 95
    ("沈阳", True),
    ("Shenyang", False),       # toneless pinyin (山西/陕西 share theirs): 90, left to choose
    ("沈阳第一机床厂", False),  # a near miss of 沈阳市第一机床厂
])
def test_reconcile_match_only_when_clearly_right(service, text, match):
    top = service.reconcile({"q": {"query": text}})["q"]["result"][0]
    assert top["match"] is match, top


def test_reconcile_type_filter_removes_other_types(url):
    queries = {"p0": {"query": "沈阳", "type": "Place"},
               "p1": {"query": "沈阳市第一机床厂", "type": "Place", "type_strict": "should"},
               "p2": {"query": "唐山市东风陶瓷厂", "type": ["Place"]},
               "f0": {"query": "沈阳", "type": "Factory"},
               "f1": {"query": "长春", "type": "Factory"}}
    _, answer = _post_queries(url, queries)
    for key in ("p0", "p1", "p2"):
        assert {r["type"][0]["id"] for r in answer[key]["result"]} <= {"Place"}, key
    assert answer["p0"]["result"][0]["name"] == "沈阳"
    for key in ("f0", "f1"):
        assert all(r["type"][0]["id"] != "Place" for r in answer[key]["result"]), key
    _, untyped = _post_queries(url, {"q": {"query": "沈阳市第一机床厂"}})
    assert untyped["q"]["result"][0]["type"][0]["id"] == "Factory"


def test_reconcile_located_in_reorders_namesakes(service):
    def top(*properties: dict) -> str:
        query = {"query": "第一机床厂", "type": "Factory", "properties": list(properties)}
        return service.reconcile({"q": query})["q"]["result"][0]["name"]

    assert top() == "济南第一机床厂"
    assert top({"pid": "locatedIn", "v": "辽宁"}) == "沈阳市第一机床厂"
    assert top({"pid": "locatedIn", "v": ["Liaoning Sheng"]}) == "沈阳市第一机床厂"
    shenyang = {"id": _iri(service, "沈阳", "Place"), "name": "?"}  # a reconciled cell
    assert top({"pid": "locatedIn", "v": shenyang}) == "沈阳市第一机床厂"
    assert top({"pid": "P131", "v": "辽宁"}) == "济南第一机床厂"  # unknown pids are ignored
    answer = service.reconcile({"q": {"query": "鞍山钢铁公司", "properties": [
        {"pid": "locatedIn", "v": "辽宁省"}]}})["q"]["result"][0]
    assert answer["match"] and answer["score"] == 100  # 鞍山 210300 lies in 辽宁 210000
    assert {f["id"]: f["value"] for f in answer["features"]} == {"name": 1.0, "locatedIn": 1.0}


def test_reconcile_type_property_and_type_strict(service):
    properties = [{"pid": "type", "v": "Place"}]
    scored = service.reconcile({"q": {"query": "沈阳", "properties": properties}})["q"]
    assert scored["result"][0]["name"] == "沈阳"
    both = {"query": "济南第一机床厂", "type": ["Factory", "Organization"]}
    assert service.reconcile({"q": both})["q"]["result"][0]["name"] == "济南第一机床厂"
    assert service.reconcile({"q": {**both, "type": ["Factory", "Person"],
                                    "type_strict": "all"}})["q"]["result"] == []


def test_reconcile_get_queries_and_single_query(url):
    queries = urllib.parse.quote(json.dumps({"q0": {"query": "瀋陽", "limit": 1}}))
    status, _, body = _request(f"{url}/reconcile?queries={queries}")
    assert status == 200
    assert [r["name"] for r in json.loads(body)["q0"]["result"]] == ["沈阳"]
    status, _, body = _request(f"{url}/reconcile?query={urllib.parse.quote('吉林省')}")
    assert status == 200 and json.loads(body)["result"][0]["name"] == "吉林"
    single = urllib.parse.quote(json.dumps({"query": "Changchun", "type": "Place"}))
    status, _, body = _request(f"{url}/reconcile?query={single}")
    assert status == 200 and json.loads(body)["result"][0]["name"] == "长春"


def test_reconcile_limit_is_kept_and_capped(service):
    assert len(service.reconcile({"q": {"query": "厂", "limit": 1}})["q"]["result"]) <= 1
    many = service.reconcile({"q": {"query": "第一机床厂", "limit": 10_000}})["q"]["result"]
    assert 2 <= len(many) <= 100


MALFORMED = [
    ("POST", "/reconcile", {"queries": "{not json"}, 400, "not valid JSON"),
    ("POST", "/reconcile", {"queries": '["沈阳"]'}, 400, "JSON object"),
    ("POST", "/reconcile", {"queries": '{"q0": {"type": "Place"}}'}, 400, 'no "query"'),
    ("POST", "/reconcile", {"queries": '{"q0": "沈阳", "q1": 5}'}, 400, "query q1"),
    ("POST", "/reconcile", {"queries": '{"q0": {"query": "沈阳", "limit": 0}}'}, 400, "limit"),
    ("POST", "/reconcile", {"queries": '{"q0": {"query": "沈阳", "limit": "5"}}'}, 400, "limit"),
    ("POST", "/reconcile", {"queries": '{"q0": {"query": "x", "type_strict": "maybe"}}'}, 400,
     "type_strict"),
    ("POST", "/reconcile", {"queries": '{"q0": {"query": "x", "properties": [{"v": 1}]}}'},
     400, "pid"),
    ("POST", "/reconcile", {"queries": "[" * 100_000}, 400, "queries"),
    ("POST", "/reconcile", {"query_s": "{}"}, 400, "queries="),
    ("POST", "/reconcile", {"queries": json.dumps(
        {f"q{i}": {"query": "沈阳"} for i in range(MAX_QUERIES + 1)})}, 400, "at most"),
    ("GET", "/reconcile?callback=alert(document.cookie)", None, 400, "callback"),
    ("GET", "/reconcile?callback=1abc", None, 400, "callback"),
    ("GET", "/preview", None, 400, "id="),
    ("GET", "/preview?id=http://example.org/nothing", None, 404, "no entity"),
    ("GET", "/suggest/entity", None, 400, "prefix="),
    ("GET", "/suggest/entity?prefix=a&limit=-1", None, 400, "limit"),
    ("GET", "/suggest/nothing?prefix=a", None, 404, "suggest"),
    ("GET", "/nowhere", None, 404, "/reconcile"),
    ("GET", "/", None, 404, "/reconcile"),
    ("POST", "/preview", {"id": "x"}, 405, "GET"),
    ("DELETE", "/reconcile", None, 405, "read-only"),
    ("PUT", "/reconcile", {"queries": "{}"}, 405, "read-only"),
]


@pytest.mark.parametrize(("method", "path", "form", "status", "message"), MALFORMED,
                         ids=[f"{m} {p[:30]} {s}" for m, p, _, s, _ in MALFORMED])
def test_reconcile_malformed_requests_get_json_errors(url, method, path, form, status, message):
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    got, headers, body = _request(url + path, data=data, method=method)
    assert got == status, body
    assert headers["Content-Type"].startswith("application/json")
    assert headers["Access-Control-Allow-Origin"] == "*"
    error = json.loads(body)["error"]
    assert message in error and len(error) > 15
    assert _request(f"{url}/reconcile")[0] == 200  # still serving


def _raw(url: str, request: bytes) -> bytes:
    """Send bytes as they are and read the whole answer (the server closes after errors)."""
    address = urllib.parse.urlsplit(url)
    with socket.create_connection((address.hostname, address.port), timeout=10) as client:
        client.sendall(request)
        chunks = []
        while chunk := client.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_reconcile_refuses_large_body_unread_and_bad_bytes(url):
    too_large = _raw(url, (f"POST /reconcile HTTP/1.1\r\nHost: x\r\nContent-Length: "
                           f"{MAX_BODY_BYTES + 1}\r\nContent-Type: application/x-www-form-"
                           "urlencoded\r\n\r\nqueries=").encode())
    assert too_large.startswith(b"HTTP/1.1 413")
    assert b'"error"' in too_large and b"limit" in too_large
    not_utf8 = b"queries=%FF%FE"
    answer = _raw(url, b"POST /reconcile HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                       b"Content-Length: %d\r\n\r\n%s" % (len(not_utf8), not_utf8))
    assert answer.startswith(b"HTTP/1.1 400") and b"UTF-8" in answer
    garbage = _raw(url, b"\x00\x01 nonsense\r\n\r\n")
    assert b" 400 " in garbage.split(b"\r\n")[0] or garbage.startswith(b'{"error"')
    assert _request(f"{url}/reconcile")[0] == 200


def test_reconcile_json_body_and_preflight(url):
    body = json.dumps({"q0": {"query": "鞍山"}}).encode()
    status, _, text = _request(f"{url}/reconcile", data=body,
                               headers={"Content-Type": "application/json"})
    assert status == 200 and json.loads(text)["q0"]["result"][0]["name"] == "鞍山"
    status, headers, _ = _request(f"{url}/reconcile", method="OPTIONS")
    assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]


def test_reconcile_preview_shows_name_place_quote(url, service):
    iri = _iri(service, "长春第一汽车制造厂", "Factory")
    for path in ("preview", "view"):
        status, headers, page = _request(f"{url}/{path}?id={urllib.parse.quote(iri, safe='')}")
        assert status == 200
        assert headers["Content-Type"].startswith("text/html")
        assert "default-src 'none'" in headers["Content-Security-Policy"]
        assert "<h1>长春第一汽车制造厂</h1>" in page
        assert "长春 › 吉林" in page  # its city, and the province the city is in
        assert "工厂 factory" in page
        assert "<blockquote>长春第一汽车制造厂</blockquote>" in page
        assert "<script" not in page
    status, _, body = _request(f"{url}/flyout/entity?id={iri}")  # raw, as OpenRefine may send
    assert status == 200 and json.loads(body)["id"] == iri
    assert "长春第一汽车制造厂" in json.loads(body)["html"]


def _hostile_service() -> ReconciliationService:
    place = LinkableEntity("http://example.org/kgmc/id/place/x", "Place", '"><svg onload=1>县')
    factory = LinkableEntity(
        "http://example.org/kgmc/id/factory/x", "Factory", HOSTILE,
        aliases=["<img src=x onerror=alert(2)>", "&amp;厂"], parents=[place.iri],
        quotes=[Quote("http://example.org/kgmc/id/document/<b>", 3, 9, "</blockquote><script>")],
        links=[ExternalLink("http://www.w3.org/2004/02/skos/core#exactMatch",
                            'https://www.wikidata.org/entity/Q1"onclick="x'),
               ExternalLink("http://www.w3.org/2004/02/skos/core#closeMatch",
                            "javascript:alert(3)")],
        latitude=Decimal("41.8"), longitude=Decimal("123.4"))
    return ReconciliationService([factory, place])


def test_reconcile_preview_escapes_every_value():
    service = _hostile_service()
    page = service.preview("http://example.org/kgmc/id/factory/x")
    for raw in ("<script", "<img", "<svg", "javascript:", '"onclick'):
        assert raw not in page, raw
    assert "&lt;/blockquote&gt;&lt;script&gt;" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;厂" in page
    assert "&amp;amp;厂" in page
    assert "&quot;&gt;&lt;svg onload=1&gt;县" in page


def test_reconcile_hostile_names_over_http():
    service = _hostile_service()
    server, thread = _start(service)
    try:
        base = server.address.url
        iri = urllib.parse.quote("http://example.org/kgmc/id/factory/x", safe="")
        status, _, page = _request(f"{base}/preview?id={iri}")
        assert status == 200 and "<script" not in page and "&lt;script&gt;" in page
        _, answer = _post_queries(base, {"q": {"query": HOSTILE}})
        assert answer["q"]["result"][0]["name"] == HOSTILE  # JSON keeps the name as it is
    finally:
        _stop(server, thread)


@pytest.mark.parametrize(("prefix", "expected"), [
    ("shen", {"沈阳", "沈阳市第一机床厂"}),
    ("Shěn", {"沈阳", "沈阳市第一机床厂"}),
    ("瀋陽", {"沈阳", "沈阳市第一机床厂"}),
    ("長春", {"长春", "长春第一汽车制造厂"}),
    ("jinan di", {"济南第一机床厂"}),
    ("鞍山钢", {"鞍山钢铁公司"}),
])
def test_reconcile_suggest_entity_by_prefix(url, prefix, expected):
    status, _, body = _request(f"{url}/suggest/entity?prefix={urllib.parse.quote(prefix)}")
    assert status == 200
    results = json.loads(body)["result"]
    assert {r["name"] for r in results} == expected
    assert all(r["id"].startswith("http://example.org/kgmc/id/") and r["notable"]
               for r in results)


def test_reconcile_suggest_type_filter_types_and_properties(url):
    def names(path: str) -> list[str]:
        status, _, body = _request(url + path)
        assert status == 200
        return [r["id"] for r in json.loads(body)["result"]]

    assert names("/suggest/entity?prefix=shen&type=Place") == [
        "http://example.org/kgmc/id/place/shenyang"]
    assert names("/suggest/entity?prefix=shen&cursor=1&limit=1") == [
        "http://example.org/kgmc/id/factory/shenyangshi-diyi-jichuangchang"]
    assert names("/suggest/type?prefix=fa") == ["Factory"]
    assert names(f"/suggest/type?prefix={urllib.parse.quote('地')}") == ["Place"]
    assert names("/suggest/property?prefix=loc") == ["locatedIn"]
    assert "type" in names("/suggest/property?prefix=")


def test_reconcile_cli_missing_store_is_one_line_e010(runner, tmp_path):
    result = runner.invoke(app, ["reconcile", "--store", str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "E010" in result.output


def test_reconcile_cli_taken_port_and_bad_bind_are_e015(runner, store):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = runner.invoke(app, ["reconcile", "--store", str(store),
                                     "--bind", f"127.0.0.1:{port}"])
    assert result.exit_code == 1
    assert "E015" in result.output and "taken" in result.output
    result = runner.invoke(app, ["reconcile", "--store", str(store), "--bind", "localhost"])
    assert result.exit_code == 1 and "E015" in result.output


def test_reconcile_cli_serves_until_interrupted(store):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "reconcile", "--store", str(store),
         "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        banner: list[str] = []
        deadline = time.monotonic() + 20
        while not (banner and banner[-1].startswith("stop with Ctrl-C")):
            line = process.stdout.readline()
            if not line or time.monotonic() > deadline:
                pytest.fail(f"kg reconcile did not start: {banner} {process.stderr.read()}")
            banner.append(line.rstrip("\n"))
        text = "\n".join(banner)
        url = f"http://127.0.0.1:{port}/reconcile"
        assert f"reconciliation service: {url}" in text
        assert f"Add standard service → {url}" in text
        status, _, body = _request(url)
        assert status == 200 and json.loads(body)["versions"] == ["0.2"]
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
        assert "server stopped" in process.stdout.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=5)
