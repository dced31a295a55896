"""``kg link --wikidata``: optional, online look-up of the entities the authority table left
without a Wikidata id.

Nothing here runs unless asked: ``kg build`` and ``kg link --with`` stay offline. Each name is
searched with the Wikidata API's ``wbsearchentities`` (Chinese labels and aliases); every
answer is kept in a cache folder, so a second run, or a run without network, reads the cache
and asks nothing. A hit is proposed only when its label or alias is the same name as ours in
characters (simplified or traditional), it is the only such hit, and its description does not
name another kind of thing; it is written as ``skos:closeMatch``, never exactMatch, because
nobody has checked it yet: the candidates file is for a person to review before the ids go
into ``kg/data/authority.csv`` with a source.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from kg.errors import ErrorCode, KGError
from kg.link.entities import LinkableEntity
from kg.link.labels import simplified_key
from kg.link.match import compatible, type_of

DEFAULT_API = "https://www.wikidata.org/w/api.php"
API_VARIABLE = "KG_WIKIDATA_API"
"""Environment variable that points the look-up at another MediaWiki API (a mirror, a test)."""
LOOKED_UP = ("Place", "Organization", "Person")
USER_AGENT = "kg/0.1 (knowledge graphs of 1958-1960 Chinese texts; offline by default)"
TIMEOUT_S = 15

Fetch = Callable[[str], bytes]


@dataclass(frozen=True, slots=True)
class WikidataCandidate:
    """One search hit for one entity of ours, with the decision on it."""

    entity: str
    name: str
    type: str
    qid: str
    label: str
    description: str
    decision: str


def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "kg" / "wikidata"


def lookup_missing(entities: list[LinkableEntity], out: Path, *, cache: Path | None = None,
                   fetch: Fetch | None = None) -> dict[str, Path]:
    """Search Wikidata for every place, organization and person without a Wikidata link;
    write ``candidates.csv`` and ``proposed.ttl`` into ``out``."""
    cache = cache or default_cache()
    api = os.environ.get(API_VARIABLE, DEFAULT_API)
    fetch = fetch or _http_get
    candidates: list[WikidataCandidate] = []
    for entity in entities:
        if entity.type not in LOOKED_UP or entity.wikidata:
            continue
        question = urllib.parse.urlencode({
            "action": "wbsearchentities", "search": entity.name, "language": "zh",
            "uselang": "zh", "type": "item", "limit": "7", "format": "json"})
        candidates += judge(entity, _cached(api, question, cache, fetch))
    return _write(candidates, out)


def judge(entity: LinkableEntity, answer: dict) -> list[WikidataCandidate]:
    """The hits of one search answer, each with its decision."""
    ours = {simplified_key(name) for name in entity.names}
    hits = answer.get("search") if isinstance(answer, dict) else None
    rows = []
    for hit in hits if isinstance(hits, list) else []:
        if not isinstance(hit, dict) or not str(hit.get("id", "")).startswith("Q"):
            continue
        names = {hit.get("label", ""), (hit.get("match") or {}).get("text", ""),
                 *hit.get("aliases", [])}
        same = any(name and simplified_key(name) in ours for name in names)
        described = type_of(hit.get("description", "")) if hit.get("description") else None
        if not same:
            decision = "name differs"
        elif described and not compatible(entity.type, described):
            decision = f"described as a {described}"
        else:
            decision = "same name"
        rows.append(WikidataCandidate(entity.iri, entity.name, entity.type, hit["id"],
                                      hit.get("label", ""), hit.get("description", ""), decision))
    same_name = [row for row in rows if row.decision == "same name"]
    return [WikidataCandidate(**{**asdict(row), "decision": (
        "proposed" if len(same_name) == 1 else f"ambiguous: {len(same_name)} hits of that name")})
        if row.decision == "same name" else row for row in rows]


def _cached(api: str, question: str, cache: Path, fetch: Fetch) -> dict:
    """The answer to ``question``, from the cache (keyed by the question alone, so a mirror
    or a later run without network reads it) or else from ``api``."""
    path = cache / (hashlib.sha256(question.encode("utf-8")).hexdigest() + ".json")
    if path.is_file():
        return json.loads(path.read_text("utf-8"))
    url = f"{api}?{question}"
    try:
        body = fetch(url)
        answer = json.loads(body.decode("utf-8"))
    except (OSError, urllib.error.URLError, ValueError) as error:
        raise KGError.of(ErrorCode.E064, detail=f"{urllib.parse.urlsplit(url).netloc}: "
                         f"{getattr(error, 'reason', error)}") from error
    cache.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(answer, ensure_ascii=False), "utf-8")
    os.replace(temporary, path)
    return answer


def _http_get(url: str) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310
        return response.read()


def _write(candidates: list[WikidataCandidate], out: Path) -> dict[str, Path]:
    from rdflib import Graph, URIRef
    from rdflib.namespace import SKOS

    from kg.link.authority import WIKIDATA_ENTITY
    from kg.visualize.atomic import write_texts

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[f.name for f in fields(WikidataCandidate)],
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(asdict(c) for c in candidates)
    proposed = Graph()
    proposed.bind("skos", SKOS)
    for candidate in candidates:
        if candidate.decision == "proposed":
            proposed.add((URIRef(candidate.entity), SKOS.closeMatch,
                          URIRef(WIKIDATA_ENTITY + candidate.qid)))
    texts = {"candidates.csv": buffer.getvalue(),
             "proposed.ttl": proposed.serialize(format="turtle")}
    return write_texts(out, texts)
