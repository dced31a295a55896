"""``kg reconcile``: a Reconciliation Service (API 0.2, as OpenRefine speaks it) over a build.

Historians keep their own spreadsheets of factories, places and people. OpenRefine matches
such a column against any service that speaks the W3C Reconciliation Service API
(https://reconciliation-api.github.io/specs/0.2/): a manifest at ``GET /reconcile``, batches
of queries ``POST``-ed as the form field ``queries``, an HTML preview of a candidate,
auto-completion of entities, types and properties. This module is that service over the
entities of one build, read once with :func:`kg.link.entities.read_linkable_entities` and
scored with :func:`kg.link.match.best_name_match`, so a score means what it means in
``kg link``: 100 the same characters, 95 the same without the administrative suffix (瀋陽市 ~
沈阳), 90 the same toneless pinyin (Shenyang), fuzzy matches below.

Two parts: :class:`ReconciliationService` is plain Python (queries in, JSON-ready dicts out;
:class:`BadRequest` for malformed input) and holds every rule; :func:`make_server` and
:func:`serve` put it behind the standard library's ``ThreadingHTTPServer`` (no dependency,
everything is answered from memory) with JSON errors, CORS and JSONP. The server is read-only
and listens on 127.0.0.1 unless told otherwise.
"""

from __future__ import annotations

import errno
import html
import json
import re
import signal
import socket
import sys
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.config import DEFAULT_BASE_IRI, ONTOLOGY_NAMESPACE
from kg.errors import ErrorCode, KGError
from kg.link.entities import LINKABLE_TYPES, LinkableEntity, read_linkable_entities
from kg.link.labels import is_han, name_forms, pinyin_key, simplified_key
from kg.link.match import FUZZY_CHARACTERS, FUZZY_PINYIN, NameMatch, best_name_match, compatible
from kg.link.match import type_of as outside_type
from kg.store import GraphStore, SelectResult, open_store, query
from kg.store.server import Address, parse_bind

DEFAULT_BIND = "127.0.0.1:8000"
DEFAULT_LIMIT = 10
"""Candidates per query when the query does not say."""
MAX_LIMIT = 100
"""A larger ``limit`` is cut to this; OpenRefine shows a handful."""
MAX_QUERIES = 1000
"""Queries per batch; OpenRefine sends 10 at a time by default."""
MAX_BODY_BYTES = 1024 * 1024
MIN_NAME_SCORE = 0.5
"""Candidates whose best name agrees less than this are noise, not candidates."""
MATCH_SCORE = 95.0
MATCH_MARGIN = 5.0
"""``match: true`` only when the top candidate scores at least MATCH_SCORE (same characters,
or the same without suffix) and leads the next by MATCH_MARGIN: two entities named 吉林 (the
province and the city) are left for the historian to choose."""
PROPERTY_WEIGHT = 0.2
"""Share of the score the properties of a query decide (the name decides the rest)."""
UNKNOWN_AGREEMENT = 0.5
"""Agreement of a property our entity has no value for: neither for it nor against it."""
FUZZY_POOL = 200
"""Names per form that the fuzzy lookup hands on to full scoring."""
PREVIEW_WIDTH, PREVIEW_HEIGHT = 420, 260

CALLBACK = re.compile(r"^[A-Za-z_$][0-9A-Za-z_$.]{0,99}$")
"""A JSONP callback we write into JavaScript: a dotted name, nothing else."""
_HOST = re.compile(r"^(?:[A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$")
_HTTP = re.compile(r"^https?://[^\s\"'<>]+$")

PROPERTIES = {
    "locatedIn": ("位于", "located in", "the place (name or IRI) the entity is in, at any "
                  "level: 沈阳, 辽宁省, Liaoning"),
    "type": ("类型", "type", "the kind of entity: Factory, Place, 工厂, city …"),
    "adminCode": ("行政区划代码", "administrative code", "a place's code in the gazetteer"),
    "wikidata": ("维基数据", "Wikidata", "a Wikidata QID (Q11720) or entity IRI"),
}
"""Properties a query may carry (``properties: [{pid, v}]``); other pids are ignored."""

_PROPERTY_ALIASES = {
    **{pid.lower(): pid for pid in PROPERTIES},
    ONTOLOGY_NAMESPACE.lower() + "locatedin": "locatedIn",
    "位于": "locatedIn", "located in": "locatedIn", "place": "locatedIn", "地点": "locatedIn",
    ONTOLOGY_NAMESPACE.lower() + "admincode": "adminCode", "类型": "type",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": "type",
}

TYPE_LABELS = f"""
SELECT ?class ?zh ?en WHERE {{
  VALUES ?class {{ {" ".join(f"<{ONTOLOGY_NAMESPACE}{name}>" for name in LINKABLE_TYPES)} }}
  OPTIONAL {{ ?class rdfs:label ?zh . FILTER(LANGMATCHES(LANG(?zh), "zh-Hans")) }}
  OPTIONAL {{ ?class rdfs:label ?en . FILTER(LANGMATCHES(LANG(?en), "en")) }}
}}
"""


class BadRequest(ValueError):
    """A request the service cannot answer: the HTTP status and a message saying what to do."""

    def __init__(self, message: str, status: int = HTTPStatus.BAD_REQUEST) -> None:
        super().__init__(message)
        self.status = int(status)


@dataclass(frozen=True, slots=True)
class Query:
    """One reconciliation query, checked.

    ``type_strict`` ``any`` and ``should`` keep the candidates of a type compatible with one
    of ``types``, ``all`` those compatible with each. OpenRefine sends ``should`` with every
    typed query and expects the type to hold, so ``should`` filters too.
    """

    text: str
    types: tuple[str, ...] = ()
    type_strict: str = "any"
    limit: int = DEFAULT_LIMIT
    properties: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entity with its score (0-100) and the agreements that gave it."""

    entity: LinkableEntity
    score: float
    name: NameMatch
    features: tuple[tuple[str, float], ...]


class ReconciliationService:
    """The entities of a build, indexed for reconciliation, preview and suggest.

    Args:
        entities: what :func:`kg.link.entities.read_linkable_entities` reads from a store.
        type_labels: our type names (``Factory``) → (Chinese, English) labels, from the
            ontology; a type missing here is labelled with its name.
        name: the service's name in OpenRefine.

    >>> from kg.link.entities import LinkableEntity
    >>> service = ReconciliationService([
    ...     LinkableEntity("http://example.org/kgmc/id/place/shenyang", "Place", "沈阳",
    ...                    aliases=["沈阳市", "shěn yáng"])])
    >>> answer = service.reconcile({"q0": {"query": "瀋陽市", "type": "Place"}})
    >>> top = answer["q0"]["result"][0]
    >>> top["name"], top["score"], top["match"]
    ('沈阳', 100.0, True)
    >>> service.reconcile({"q0": {"query": "瀋陽", "type": "Factory"}})["q0"]["result"]
    []
    """

    def __init__(self, entities: Iterable[LinkableEntity], *,
                 type_labels: Mapping[str, tuple[str, str]] | None = None,
                 name: str = "kg: 1958-1960 mechanization campaigns") -> None:
        self.entities = list(entities)
        self.by_iri = {entity.iri: entity for entity in self.entities}
        self._numbers = {entity.iri: number for number, entity in enumerate(self.entities)}
        self._by_code: dict[str, list[str]] = {}
        for entity in self.entities:
            if entity.type == "Place" and entity.admin_code:
                self._by_code.setdefault(entity.admin_code, []).append(entity.iri)
        self.type_labels = {t: (type_labels or {}).get(t) or (t, t) for t in LINKABLE_TYPES}
        self.name = name
        self._ancestors = {entity.iri: self._ancestors_of(entity) for entity in self.entities}
        self._exact: dict[tuple[str, str], set[int]] = {}
        self._keys: dict[str, list[str]] = {}
        for number, entity in enumerate(self.entities):
            for entity_name in entity.names:
                for form in name_forms(entity_name):
                    self._exact.setdefault((form.kind, form.key), set()).add(number)
        for kind, key in self._exact:
            self._keys.setdefault(kind, []).append(key)
        self._prefixes = sorted({(key, number) for number, entity in enumerate(self.entities)
                                 for entity_name in entity.names
                                 for key in _prefix_keys(entity_name) if key})

    @classmethod
    def from_store(cls, store: GraphStore | Path | str) -> ReconciliationService:
        """Read the entities and the labels of their types from a build's store."""
        opened = store if isinstance(store, GraphStore) else open_store(store)
        result = query(opened, TYPE_LABELS)
        assert isinstance(result, SelectResult)
        labels = {iri.removeprefix(ONTOLOGY_NAMESPACE): (zh or "", en or "")
                  for iri, zh, en in result.rows if zh or en}
        return cls(read_linkable_entities(opened), type_labels=labels)

    # The manifest -------------------------------------------------------------------------

    @property
    def identifier_space(self) -> str:
        """Where our entity IRIs live: ``{base}id/`` of the build (``--base``)."""
        bases = {entity.iri[: entity.iri.index("/id/") + 4] for entity in self.entities
                 if "/id/" in entity.iri}
        return bases.pop() if len(bases) == 1 else DEFAULT_BASE_IRI + "id/"

    def manifest(self, base_url: str) -> dict:
        """The service manifest, its URLs under ``base_url`` (``http://127.0.0.1:8000``)."""
        present = {entity.type for entity in self.entities}
        suggest = {kind: {"service_url": base_url, "service_path": f"/suggest/{kind}"}
                   for kind in ("entity", "type", "property")}
        suggest["entity"]["flyout_service_path"] = "/flyout/entity?id=${id}"
        return {
            "versions": ["0.2"],
            "name": f"{self.name} ({len(self.entities)} entities)",
            "identifierSpace": self.identifier_space,
            "schemaSpace": ONTOLOGY_NAMESPACE,
            "defaultTypes": [self._type(t) for t in LINKABLE_TYPES if t in present]
                            or [self._type(t) for t in LINKABLE_TYPES],
            "view": {"url": f"{base_url}/view?id={{{{id}}}}"},
            "preview": {"url": f"{base_url}/preview?id={{{{id}}}}", "width": PREVIEW_WIDTH,
                        "height": PREVIEW_HEIGHT},
            "suggest": suggest,
        }

    # Reconciliation -----------------------------------------------------------------------

    def reconcile(self, queries: object) -> dict:
        """Answer a batch ``{query id: query}`` with ``{query id: {"result": [...]}}``.

        Raises:
            BadRequest: the batch is not an object, has more than MAX_QUERIES queries, or a
                query is malformed (the message names it).
        """
        if not isinstance(queries, dict):
            raise BadRequest("queries must be a JSON object of query id → query, e.g. "
                             '{"q0": {"query": "沈阳", "type": "Place"}}')
        if len(queries) > MAX_QUERIES:
            raise BadRequest(f"{len(queries)} queries in one batch; send at most {MAX_QUERIES}")
        checked = {key: parse_query(value, key) for key, value in queries.items()}
        return {key: {"result": self.answer(one)} for key, one in checked.items()}

    def answer(self, one: Query) -> list[dict]:
        """The candidates of one query, best first, as the API writes them."""
        candidates = self.candidates(one)
        results = []
        for rank, candidate in enumerate(candidates):
            entity = candidate.entity
            runner_up = candidates[1].score if len(candidates) > 1 else None
            sure = (rank == 0 and candidate.score >= MATCH_SCORE
                    and (runner_up is None or candidate.score - runner_up >= MATCH_MARGIN))
            results.append({
                "id": entity.iri, "name": entity.name, "type": [self._type(entity.type)],
                "score": candidate.score, "match": sure,
                "description": self.describe(entity),
                "features": [{"id": key, "value": value} for key, value in candidate.features],
            })
        return results

    def candidates(self, one: Query) -> list[Candidate]:
        """The entities ``one`` may name, scored and ranked (at most ``one.limit``)."""
        wanted = [outside for outside in (self.our_type(t) for t in one.types) if outside]
        found: list[Candidate] = []
        for number in self._lookup(one.text):
            entity = self.entities[number]
            fits = [compatible(entity.type, t) for t in wanted]
            if wanted and not (all(fits) if one.type_strict == "all" else any(fits)):
                continue
            if entity.iri == one.text:
                name = NameMatch(1.0, entity.iri, one.text, "same identifier")
            else:
                name = best_name_match([one.text], entity.names)
            if name is None or name.score < MIN_NAME_SCORE:
                continue
            features = [("name", name.score)]
            agreements = [(pid, self._agreement(entity, pid, values))
                          for pid, values in one.properties]
            agreements = [(pid, value) for pid, value in agreements if value is not None]
            score = name.score
            if agreements:
                features += agreements
                mean = sum(value for _, value in agreements) / len(agreements)
                score = (1 - PROPERTY_WEIGHT) * score + PROPERTY_WEIGHT * mean
            found.append(Candidate(entity, round(100 * score, 1), name,
                                   tuple((key, round(value, 4)) for key, value in features)))
        found.sort(key=lambda c: (-c.score, -c.name.score, len(c.entity.name), c.entity.iri))
        return found[: one.limit]

    def our_type(self, text: str) -> str | None:
        """Our type for a type id of a query: ``Factory``, its IRI or label, or an outside name
        :func:`kg.link.match.type_of` knows (``schema:City``, ``Q5``); else ``None``."""
        local = text.strip().removeprefix(ONTOLOGY_NAMESPACE).casefold()
        for our, (zh, en) in self.type_labels.items():
            if local in (our.casefold(), zh.casefold(), en.casefold()):
                return our
        return outside_type(text)

    def _lookup(self, text: str) -> list[int]:
        """Entities worth scoring: every entity one of whose name keys equals a key of
        ``text``, and those of the FUZZY_POOL closest keys of each kind."""
        from rapidfuzz import fuzz, process

        numbers: set[int] = set()
        if text in self._numbers:
            numbers.add(self._numbers[text])
        for form in name_forms(text):
            numbers |= self._exact.get((form.kind, form.key), set())
            scale = FUZZY_CHARACTERS if form.kind == "characters" else FUZZY_PINYIN
            for key, _, _ in process.extract(
                    form.key, self._keys.get(form.kind, []), scorer=fuzz.ratio,
                    limit=FUZZY_POOL, score_cutoff=100 * MIN_NAME_SCORE / scale):
                numbers |= self._exact[form.kind, key]
        return sorted(numbers)

    def _agreement(self, entity: LinkableEntity, pid: str, values: tuple[str, ...]) -> \
            float | None:
        """How far ``entity`` agrees with a property of the query, 0-1; ``None``: not judged."""
        if pid == "locatedIn":
            places = [self.by_iri[iri] for iri in self._ancestors[entity.iri]]
            if not places:
                return UNKNOWN_AGREEMENT
            best = 0.0
            for value in values:
                for place in places:
                    match = (NameMatch(1.0, place.iri, value, "same identifier")
                             if value == place.iri else best_name_match([value], place.names))
                    best = max(best, match.score if match else 0.0)
            return best
        if pid == "type":
            types = [t for t in (self.our_type(value) for value in values) if t]
            return (1.0 if any(compatible(entity.type, t) for t in types) else 0.0) \
                if types else None
        if pid == "adminCode":
            if not entity.admin_code:
                return UNKNOWN_AGREEMENT
            return 1.0 if entity.admin_code in {value.strip() for value in values} else 0.0
        if pid == "wikidata":
            if not entity.wikidata:
                return UNKNOWN_AGREEMENT
            qids = {value.strip().rstrip("/").rsplit("/", 1)[-1].upper() for value in values}
            return 1.0 if entity.wikidata.upper() in qids else 0.0
        return None

    def _ancestors_of(self, entity: LinkableEntity) -> list[str]:
        """The places ``entity`` is in, nearest first: its ``locatedIn`` places, the places
        those are in (county → city → province), and the places whose administrative code
        contains theirs (鞍山 210300 is in 辽宁 210000) where the text does not say so."""
        seen: list[str] = []
        frontier = [*entity.parents, *self._containers(entity)]
        while frontier:
            iri = frontier.pop(0)
            if iri in seen or iri == entity.iri or iri not in self.by_iri:
                continue
            seen.append(iri)
            frontier += [*self.by_iri[iri].parents, *self._containers(self.by_iri[iri])]
        return seen

    def _containers(self, place: LinkableEntity) -> list[str]:
        """Places of the graph whose GB/T 2260 code contains ``place``'s: its prefecture
        (the first four digits) and its province (the first two)."""
        code = place.admin_code
        if place.type != "Place" or len(code) != 6 or not code.isdigit():
            return []
        containers = [c for c in (code[:4] + "00", code[:2] + "0000") if c != code]
        return [iri for c in containers for iri in self._by_code.get(c, [])]

    # Descriptions, preview and suggest ----------------------------------------------------

    def _type(self, our_type: str) -> dict:
        labels = self.type_labels.get(our_type, (our_type, our_type))
        return {"id": our_type, "name": " ".join(dict.fromkeys(filter(None, labels)))}

    def describe(self, entity: LinkableEntity) -> str:
        """One line to tell namesakes apart: type, level, the place it is in, first quote."""
        parts = [self._type(entity.type)["name"] + (f" ({entity.level})" if entity.level else "")]
        places = [self.by_iri[iri].name for iri in entity.parents if iri in self.by_iri]
        if places:
            parts.append("位于 " + "、".join(places))
        if entity.quotes:
            quote = entity.quotes[0].text
            parts.append(f"“{quote[:40]}{'…' if len(quote) > 40 else ''}”")
        return " · ".join(parts)

    def preview(self, iri: str) -> str:
        """A small HTML page about one entity, every value escaped, no script.

        Raises:
            BadRequest: 404 for an IRI that is not one of our entities.
        """
        entity = self._entity(iri)
        return ("<!doctype html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
                f"<title>{_e(entity.name)}</title><style>"
                "body{font:13px/1.4 sans-serif;margin:6px;color:#222}"
                "h1{font-size:16px;margin:0 0 4px}p{margin:2px 0}.k{color:#666}"
                "blockquote{margin:4px 0;padding-left:6px;border-left:3px solid #ccc}"
                "</style></head><body>\n" + self.preview_fragment(iri) + "\n</body></html>\n")

    def preview_fragment(self, iri: str) -> str:
        """The body of :meth:`preview`: a ``<div>`` (also the suggest flyout)."""
        entity = self._entity(iri)
        rows = [f"<h1>{_e(entity.name)}</h1>",
                f"<p class=\"k\">{_e(self._type(entity.type)['name'])}"
                + (f" · {_e(entity.level)}" if entity.level else "") + "</p>"]
        others = entity.names[1:]
        if others:
            rows.append(f"<p><span class=\"k\">其他名称 other names:</span> "
                        f"{_e('、'.join(others))}</p>")
        places = [self.by_iri[i].name for i in self._ancestors[entity.iri]]
        if places:
            rows.append(f"<p><span class=\"k\">位于 located in:</span> {_e(' › '.join(places))}"
                        "</p>")
        if entity.quotes:
            quote = entity.quotes[0]
            document = quote.document.rsplit("/", 1)[-1]
            rows.append(f"<blockquote>{_e(quote.text)}</blockquote><p class=\"k\">"
                        f"{_e(document)} [{quote.start}–{quote.end}]"
                        + (f" · {len(entity.quotes)} quotes" if len(entity.quotes) > 1 else "")
                        + "</p>")
        links = [link for link in entity.links if _HTTP.match(link.target)]
        if links:
            rows.append("<p><span class=\"k\">links:</span> " + " ".join(
                f"<a href=\"{_e(link.target)}\" target=\"_blank\" rel=\"noopener noreferrer\">"
                f"{_e(link.kind)} {_e(link.target.rsplit('/', 1)[-1])}</a>" for link in links)
                + "</p>")
        rows.append(f"<p class=\"k\">{_e(entity.iri)}</p>")
        return "<div class=\"kg-preview\">" + "\n".join(rows) + "</div>"

    def suggest(self, kind: str, prefix: str, *, type_id: str | None = None, cursor: int = 0,
                limit: int = DEFAULT_LIMIT) -> dict:
        """Names that start with ``prefix``: ``kind`` is ``entity`` (simplified, traditional
        or pinyin, with or without tones or spaces), ``type`` or ``property``.

        Raises:
            BadRequest: 404 for another kind.
        """
        if kind == "entity":
            results = [self._suggested(entity) for entity in self._starting(prefix, type_id)]
        elif kind == "type":
            results = [self._type(t) for t in LINKABLE_TYPES
                       if _starts(prefix, t, *self.type_labels[t])]
        elif kind == "property":
            results = [{"id": pid, "name": f"{zh} {en}", "description": about}
                       for pid, (zh, en, about) in PROPERTIES.items()
                       if _starts(prefix, pid, zh, en)]
        else:
            raise BadRequest(f"no suggest service {kind!r}; use /suggest/entity, /suggest/type "
                             "or /suggest/property", HTTPStatus.NOT_FOUND)
        return {"result": results[cursor: cursor + limit]}

    def _starting(self, prefix: str, type_id: str | None) -> list[LinkableEntity]:
        import bisect

        wanted = self.our_type(type_id) if type_id else None
        numbers: dict[int, bool] = {}
        for key in _prefix_keys(prefix)[:1]:
            start = bisect.bisect_left(self._prefixes, (key, -1))
            for found, number in self._prefixes[start:]:
                if not found.startswith(key):
                    break
                numbers[number] = numbers.get(number, False) or found == key
        chosen = [n for n in numbers if compatible(self.entities[n].type, wanted)]
        chosen.sort(key=lambda n: (not numbers[n], len(self.entities[n].name),
                                   self.entities[n].name, self.entities[n].iri))
        return [self.entities[n] for n in chosen]

    def _suggested(self, entity: LinkableEntity) -> dict:
        return {"id": entity.iri, "name": entity.name, "description": self.describe(entity),
                "notable": [self._type(entity.type)]}

    def _entity(self, iri: str) -> LinkableEntity:
        entity = self.by_iri.get(iri)
        if entity is None:
            raise BadRequest(f"no entity {iri!r} in this graph; pass the id of a candidate "
                             "(an entity IRI)", HTTPStatus.NOT_FOUND)
        return entity


def parse_query(value: object, key: str = "query") -> Query:
    """Check one query of a batch; a bare string is a query of that text.

    >>> parse_query({"query": "沈阳", "type": ["Place"], "limit": 3}).limit
    3
    >>> parse_query({"type": "Place"}, "q1")
    Traceback (most recent call last):
    kg.link.reconcile.BadRequest: query q1 has no "query" string; send {"query": "a name", ...}
    """
    if isinstance(value, str):
        return Query(text=value.strip())
    if not isinstance(value, dict):
        raise BadRequest(f"query {key} must be an object such as {{\"query\": \"沈阳\"}}, not "
                         f"{type(value).__name__}")
    text = value.get("query")
    if not isinstance(text, str):
        raise BadRequest(f'query {key} has no "query" string; send {{"query": "a name", ...}}')
    limit = value.get("limit", DEFAULT_LIMIT)
    if isinstance(limit, float) and limit.is_integer():
        limit = int(limit)
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
        raise BadRequest(f"query {key}: limit must be a positive whole number, not "
                         f"{json.dumps(limit, ensure_ascii=False)}")
    types = value.get("type") or []
    types = [types] if isinstance(types, str | dict) else types
    if not isinstance(types, list) or not all(
            isinstance(t, str) or (isinstance(t, dict) and isinstance(t.get("id"), str))
            for t in types):
        raise BadRequest(f"query {key}: type must be a type id or a list of them, e.g. "
                         '"Factory" or ["Place"]')
    strict = value.get("type_strict") or "any"
    if strict not in ("any", "all", "should"):
        raise BadRequest(f'query {key}: type_strict must be "any", "all" or "should"')
    return Query(text=text.strip(),
                 types=tuple(t if isinstance(t, str) else t["id"] for t in types),
                 type_strict=strict, limit=min(limit, MAX_LIMIT),
                 properties=_parse_properties(value.get("properties") or [], key))


def _parse_properties(properties: object, key: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(properties, list):
        raise BadRequest(f'query {key}: properties must be a list of {{"pid": ..., "v": ...}}')
    parsed = []
    for item in properties:
        if not isinstance(item, dict) or not isinstance(item.get("pid"), str) or "v" not in item:
            raise BadRequest(f'query {key}: each property needs "pid" (a string) and "v", e.g. '
                             '{"pid": "locatedIn", "v": "沈阳"}')
        pid = _PROPERTY_ALIASES.get(item["pid"].strip().lower())
        raw = item["v"] if isinstance(item["v"], list) else [item["v"]]
        values = tuple(text for text in (_property_text(v) for v in raw) if text)
        if pid and values:
            parsed.append((pid, values))
    return tuple(parsed)


def _property_text(value: object) -> str:
    """A property value as text: a string or number itself, an entity by its id (else name)."""
    if isinstance(value, dict):
        value = value.get("id") or value.get("name") or ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return str(value).strip()


def _prefix_keys(name: str) -> tuple[str, ...]:
    """Keys a name is found by as typed: its simplified characters, then its toneless pinyin
    (瀋陽 → 沈阳, shenyang); a romanised name has only the pinyin."""
    return (simplified_key(name), pinyin_key(name)) if is_han(name) else (pinyin_key(name),)


def _starts(prefix: str, *names: str) -> bool:
    folded = prefix.strip().casefold()
    return any(name.casefold().startswith(folded) for name in names)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


# HTTP ---------------------------------------------------------------------------------------


class ReconcileServer(ThreadingHTTPServer):
    """The HTTP server: one thread per connection, the service shared read-only."""

    daemon_threads = True
    service: ReconciliationService
    address: Address

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up is not worth a traceback on the console; anything else is
        a fault of kg and is printed as usual."""
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)


class ReconcileHandler(BaseHTTPRequestHandler):
    """Routes requests to the service; every answer is JSON, JSONP or the preview page."""

    server: ReconcileServer
    protocol_version = "HTTP/1.1"
    server_version = "kg-reconcile"
    timeout = 30
    """Seconds a silent client may hold its connection."""

    GET_PATHS = ("/reconcile", "/preview", "/view", "/flyout/entity", "/suggest/entity",
                 "/suggest/type", "/suggest/property")

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._answer(head=False)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(head=True)

    def do_POST(self) -> None:  # noqa: N802
        path = self._path()
        try:
            if path != "/reconcile":
                self.close_connection = True  # the body is left unread
                self._refuse_path(path, "POST")
            form = self._form()
            self._send_json(self._reconcile(form))
        except BadRequest as error:
            self._send_json({"error": str(error)}, error.status)

    def do_OPTIONS(self) -> None:  # noqa: N802 - a browser's CORS preflight
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Content-Type")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_PUT(self) -> None:  # noqa: N802
        self._not_allowed()

    do_DELETE = do_PATCH = do_PUT

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """http.server's own errors (bad request line, header too long …) as JSON too."""
        self.close_connection = True
        if code == HTTPStatus.NOT_IMPLEMENTED:
            code, message = HTTPStatus.METHOD_NOT_ALLOWED, (
                f"method {self.command} is not allowed; use GET or POST")
        self._send_json({"error": message or explain or HTTPStatus(code).phrase}, code,
                        head=self.command == "HEAD")

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's
        """Quiet: OpenRefine sends many requests, and the answers carry their own errors."""

    # ---

    def _answer(self, *, head: bool) -> None:
        split = urlsplit(self.path)
        path = self._path()
        try:
            params = _params(split.query)
            callback = params.get("callback")
            if callback is not None and not CALLBACK.match(callback):
                raise BadRequest("callback must be a JavaScript name such as jsonp123 "
                                 "(letters, digits, _, $ and dots)")
            if path in ("/preview", "/view"):
                self._send(self.server.service.preview(_required(params, "id")).encode(),
                           "text/html; charset=utf-8", head=head)
                return
            if path == "/reconcile":
                answer = self._reconcile(params) if ("queries" in params or "query" in params) \
                    else self.server.service.manifest(self._base_url())
            elif path == "/flyout/entity":
                iri = _required(params, "id")
                answer = {"id": iri, "html": self.server.service.preview_fragment(iri)}
            elif path.startswith("/suggest/"):
                answer = self.server.service.suggest(
                    path.removeprefix("/suggest/"), _required(params, "prefix"),
                    type_id=params.get("type") or None,
                    cursor=_whole(params.get("cursor", "0"), "cursor", 0),
                    limit=min(_whole(params.get("limit", str(DEFAULT_LIMIT)), "limit", 1),
                              MAX_LIMIT))
            else:
                self._refuse_path(path, "GET")
            self._send_json(answer, callback=callback, head=head)
        except BadRequest as error:
            self._send_json({"error": str(error)}, error.status, head=head)

    def _reconcile(self, params: dict[str, str]) -> dict:
        service = self.server.service
        if "queries" in params:
            return service.reconcile(_json(params["queries"], "queries"))
        if "query" in params:
            text = params["query"]
            single = _json(text, "query") if text.lstrip().startswith("{") else text
            return {"result": service.answer(parse_query(single))}
        raise BadRequest("send the form field queries={\"q0\": {\"query\": \"沈阳\"}} (a JSON "
                         "object of query id → query), or query=NAME")

    def _form(self) -> dict[str, str]:
        """The body of a POST as fields: a form (OpenRefine), or a JSON batch as ``queries``."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            self.close_connection = True
            raise BadRequest("send the body with a Content-Length, not chunked",
                             HTTPStatus.LENGTH_REQUIRED)
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            raise BadRequest("send a Content-Length with the POST body",
                             HTTPStatus.LENGTH_REQUIRED)
        if not length_text.strip().isdigit():
            self.close_connection = True
            raise BadRequest(f"bad Content-Length {length_text!r}")
        length = int(length_text)
        if length > MAX_BODY_BYTES:
            self.close_connection = True
            raise BadRequest(f"the body is {length} bytes, the limit is {MAX_BODY_BYTES}; send "
                             "fewer queries per batch", HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        body = self.rfile.read(length)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BadRequest("the body is not UTF-8; encode the form as UTF-8") from error
        if self.headers.get_content_type() == "application/json":
            return {"queries": text}
        return _params(text)

    def _refuse_path(self, path: str, method: str) -> None:
        if path in self.GET_PATHS:
            raise BadRequest(f"{path} answers GET, not {method}", HTTPStatus.METHOD_NOT_ALLOWED)
        raise BadRequest(f"no such path {path}; the reconciliation service is at /reconcile "
                         "(also /preview?id=, /suggest/entity?prefix=)", HTTPStatus.NOT_FOUND)

    def _not_allowed(self) -> None:
        self._send_json({"error": f"method {self.command} is not allowed; the service is "
                                  "read-only: use GET or POST"}, HTTPStatus.METHOD_NOT_ALLOWED)

    def _path(self) -> str:
        path = urlsplit(self.path).path
        return path.rstrip("/") or "/"

    def _base_url(self) -> str:
        """The URL the client reached us at (its Host header, when well-formed)."""
        host = self.headers.get("Host", "")
        return f"http://{host}" if _HOST.match(host) else self.server.address.url

    def _send_json(self, answer: object, status: int = HTTPStatus.OK, *,
                   callback: str | None = None, head: bool = False) -> None:
        text = json.dumps(answer, ensure_ascii=False)
        if callback and status == HTTPStatus.OK:
            self._send(f"/**/{callback}({text});".encode(),
                       "application/javascript; charset=utf-8", status, head=head)
        else:
            self._send(text.encode(), "application/json; charset=utf-8", status, head=head)

    def _send(self, body: bytes, content_type: str, status: int = HTTPStatus.OK, *,
              head: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        if content_type.startswith("text/html"):
            self.send_header("Content-Security-Policy",
                             "default-src 'none'; style-src 'unsafe-inline'")
        if status == HTTPStatus.METHOD_NOT_ALLOWED:
            self.send_header("Allow", "GET, HEAD, POST, OPTIONS")
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if not head:
            self.wfile.write(body)


def _params(text: str) -> dict[str, str]:
    try:
        fields = parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict",
                          max_num_fields=1000)
    except (UnicodeDecodeError, ValueError) as error:
        raise BadRequest(f"cannot read the parameters: {error}; encode them as UTF-8 "
                         "(application/x-www-form-urlencoded)") from error
    return {key: values[0] for key, values in fields.items()}


def _json(text: str, field: str) -> object:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadRequest(f"{field} is not valid JSON ({error.msg} at line {error.lineno}, "
                         f"column {error.colno}); send e.g. "
                         '{"q0": {"query": "沈阳", "type": "Place"}}') from error
    except RecursionError as error:
        raise BadRequest(f"{field} is nested too deeply; send a flat object of queries") \
            from error


def _required(params: Mapping[str, str], name: str) -> str:
    if name not in params:
        raise BadRequest(f"missing parameter {name}=")
    return params[name]


def _whole(text: str, name: str, least: int) -> int:
    if not text.strip().isdigit() or int(text) < least:
        raise BadRequest(f"{name} must be a whole number of at least {least}, not {text!r}")
    return int(text)


def make_server(address: Address) -> ReconcileServer:
    """Bind ``address`` (port 0: any free port), or raise E015; the caller sets ``service``
    and runs ``serve_forever``."""
    family = socket.AF_INET6 if ":" in address.host else socket.AF_INET
    server_class = type("ReconcileServer", (ReconcileServer,), {"address_family": family})
    try:
        server = server_class((address.host, address.port), ReconcileHandler)
    except OSError as error:
        detail = ("the port is taken by another program" if error.errno == errno.EADDRINUSE
                  else error.strerror or str(error))
        raise KGError.of(ErrorCode.E015, address=address, detail=detail) from error
    server.address = Address(address.host, server.server_address[1])
    return server


def serve(store: Path, *, bind: str = DEFAULT_BIND,
          on_ready: Callable[[Address, ReconciliationService], None] = lambda a, s: None) -> int:
    """Serve reconciliation over ``store`` until interrupted (Ctrl-C, SIGTERM); return 0.

    Raises E010 without a store and E015 when the address cannot be had, both before the
    entities are read. ``on_ready`` is called once the server accepts requests.
    """
    address = parse_bind(bind)
    opened = open_store(store)
    server = make_server(address)
    in_main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if in_main else None
    try:
        server.service = ReconciliationService.from_store(opened)
        on_ready(server.address, server.service)
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
        server.server_close()
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt
