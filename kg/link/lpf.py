"""The places of a build as Linked Places Format (LPF), for the World Historical Gazetteer.

LPF (https://github.com/LinkedPasts/linked-places-format) is GeoJSON-LD: a FeatureCollection
with one Feature per place. A feature here holds what the graph knows of a place and nothing
more: every name it goes by (simplified, traditional, pinyin) with the words of the source
that attest it, its administrative level as a Getty AAT type, the places it is part of, its
Wikidata and GeoNames links, and a point where the store has WGS84 coordinates.

Choices a reader of the file should know:

- ``geometry`` is ``null`` for a place without coordinates, as GeoJSON (RFC 7946, 3.2) and
  WHG's LPF v2.0 schema allow: nothing is guessed.
- Time: LPF asks for a ``when`` somewhere in each feature. The graph has no dates of places,
  so there is no feature-level ``when``; a name quoted in a dated source carries that source's
  year as its citation ``year`` and as the name's ``when`` (the name was in use then). A place
  quoted only in undated sources gets neither.
- Wikidata links are written ``wd:Q…`` (the LPF context maps ``wd:``); GeoNames links keep
  their full IRI, because the context's ``gn:`` is the GeoNames *ontology*, not its places.
- ``ccodes``: ``CN`` for a place with a Chinese administrative code (``HK``, ``MO``, ``TW`` for
  the codes of those regions, as GeoNames and Wikidata file them), a country's own ISO 3166-1
  code, else the codes of the nearest places it is part of. A country whose code ISO has
  withdrawn (苏联 SU) gets none: the modern states it overlapped are not in the graph.
- The AAT concepts are those of WHG's place-type list (``feature-types-AAT_20230609.tsv`` of
  the LPF repository): nations 300128207, provinces 300000774, cities 300008389, counties
  300000771.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.link.entities import LinkableEntity, read_linkable_entities
from kg.link.labels import is_han
from kg.store import GraphStore, open_store, sorted_rows
from kg.visualize.atomic import write_atomically
from kg.visualize.entity_graph import Quote

LPF_CONTEXT = ("https://raw.githubusercontent.com/LinkedPasts/linked-places/master/"
               "linkedplaces-context-v1.1.jsonld")
"""The JSON-LD context of LPF v1.2.2, at the address the format's README gives."""

DEFAULT_TITLE = "Places named in the texts, with the words that attest each name (kg)"

PLACE_TYPES = {
    "Country": ("aat:300128207", "nation"),
    "Province": ("aat:300000774", "province"),
    "City": ("aat:300008389", "city"),
    "County": ("aat:300000771", "county"),
}
"""Our place levels as Getty AAT concepts (identifier, label) of WHG's place-type list."""

BROADER_PARTITIVE = "gvp:broaderPartitive"

_CHINESE_REGIONS = {"71": "TW", "81": "HK", "82": "MO"}
"""Chinese administrative codes whose region ISO 3166-1 codes on its own."""

_NOT_ISO_3166_1 = frozenset({"AC", "CP", "DG", "EA", "EU", "EZ", "IC", "TA", "UN", "XK"})
"""Region codes of CLDR (and so of countries.csv) that ISO 3166-1 does not assign."""

_LINE_BREAKS = re.compile(r"\s*[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]\s*")
_WIKIDATA = re.compile(r"https?://www\.wikidata\.org/entity/(Q\d+)")
_YEAR = re.compile(r"-?\d{4}")


@dataclass(frozen=True, slots=True)
class Source:
    """A document quotes point into: its title and the year it was published (or ``""``)."""

    title: str = ""
    year: str = ""


@dataclass(frozen=True, slots=True)
class LpfExport:
    """What :func:`write_lpf` wrote: the file and how many places have a point."""

    path: Path
    places: int
    with_coordinates: int

    @property
    def without_coordinates(self) -> int:
        return self.places - self.with_coordinates


def to_lpf(entities: Iterable[LinkableEntity], *, title: str = DEFAULT_TITLE,
           sources: Mapping[str, Source] | None = None) -> dict:
    """The places among ``entities`` as an LPF FeatureCollection, one feature per place.

    ``sources`` maps document IRIs to their title and year, for the citations of names
    (:func:`read_sources` reads them from a store). Features come in IRI order, lists inside
    them sorted, so one graph always gives the same file.

    >>> from decimal import Decimal
    >>> tj = LinkableEntity(iri="http://example.org/id/place/tianjin", type="Place",
    ...     name="天津", level="City", admin_code="120000", aliases=["Tiānjīn"],
    ...     latitude=Decimal("39.084"), longitude=Decimal("117.201"))
    >>> feature = to_lpf([tj])["features"][0]
    >>> feature["geometry"], feature["properties"]["ccodes"]
    ({'type': 'Point', 'coordinates': [117.201, 39.084]}, ['CN'])
    >>> [(name["toponym"], name["lang"]) for name in feature["names"]]
    [('天津', 'zh-Hans'), ('Tiānjīn', 'zh-Latn-pinyin')]
    """
    everything = {entity.iri: entity for entity in entities}
    places = {iri: entity for iri, entity in sorted(everything.items())
              if entity.type == "Place"}
    return {
        "type": "FeatureCollection",
        "@context": LPF_CONTEXT,
        "title": _one_line(title),
        "features": [_feature(place, places, sources or {}) for place in places.values()],
    }


def write_lpf(store: GraphStore | Path | str, path: Path | str, *,
              title: str = DEFAULT_TITLE) -> LpfExport:
    """Write the places of ``store`` to ``path`` as LPF JSON (UTF-8), whole or not at all.

    Raises:
        KGError: E010 when ``store`` is a folder without a store.
        OSError: ``path`` cannot be written.
    """
    opened = store if isinstance(store, GraphStore) else open_store(store)
    collection = to_lpf(read_linkable_entities(opened), title=title,
                        sources=read_sources(opened))
    text = json.dumps(collection, ensure_ascii=False, indent=1) + "\n"
    target = write_atomically(Path(path), lambda temporary: temporary.write_text(
        text, encoding="utf-8"))
    features = collection["features"]
    located = sum(1 for feature in features if feature["geometry"] is not None)
    return LpfExport(path=target, places=len(features), with_coordinates=located)


SOURCES = """
SELECT ?doc ?title ?date WHERE {
  ?doc a kgmc:Document .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:date ?date }
}
"""


def read_sources(store: GraphStore | Path | str) -> dict[str, Source]:
    """Title and year of every document of ``store`` (the first of each if it has several)."""
    sources: dict[str, Source] = {}
    for doc, title, date in sorted_rows(store, SOURCES):
        year = _YEAR.match(str(date or ""))
        sources.setdefault(str(doc), Source(_one_line(str(title or "")),
                                            year.group() if year else ""))
    return sources


def _feature(place: LinkableEntity, places: Mapping[str, LinkableEntity],
             sources: Mapping[str, Source]) -> dict:
    properties: dict = {"title": _one_line(place.name)}
    if ccodes := _ccodes(place.iri, places):
        properties["ccodes"] = ccodes
    if place.level in PLACE_TYPES:
        properties["fclasses"] = ["A"]  # every level we know is an administrative division
    feature: dict = {
        "@id": place.iri,
        "type": "Feature",
        "properties": properties,
        "geometry": _geometry(place),
        "names": _names(place, sources),
        "types": [_place_type(place.level)],
    }
    relations = [{"relationType": BROADER_PARTITIVE, "relationTo": parent,
                  "label": f"part of {_one_line(places[parent].name)}"}
                 for parent in sorted(set(place.parents)) if parent in places]
    if relations:
        feature["relations"] = relations
    links = sorted({(link.kind, _link_identifier(link.target)) for link in place.links})
    if links:
        feature["links"] = [{"type": kind, "identifier": target} for kind, target in links]
    return feature


def _geometry(place: LinkableEntity) -> dict | None:
    if place.latitude is None or place.longitude is None:
        return None
    return {"type": "Point", "coordinates": [float(place.longitude), float(place.latitude)]}


def _place_type(level: str) -> dict:
    if level in PLACE_TYPES:
        identifier, label = PLACE_TYPES[level]
        return {"identifier": identifier, "label": label,
                "sourceLabels": [{"label": level, "lang": "en"}]}
    return {"label": "place", "sourceLabels": [{"label": "Place", "lang": "en"}]}


def _names(place: LinkableEntity, sources: Mapping[str, Source]) -> list[dict]:
    """The canonical name first, then every other name by language and spelling."""
    canonical, *others = place.names
    ordered = [canonical, *sorted(set(others) - {canonical}, key=lambda n: (_lang(n), n))]
    names = []
    for name in ordered:
        entry: dict = {"toponym": _one_line(name)}
        lang = _lang(name)
        if lang:
            entry["lang"] = lang
        quotes = sorted({quote for quote in place.quotes if _attests(quote.text, name, lang)})
        if quotes:
            entry["citations"] = [_citation(quote, sources) for quote in quotes]
            years = sorted({year for quote in quotes
                            if (year := sources.get(quote.document, Source()).year)})
            if years:
                span: dict = {"start": {"in": years[0]}}
                if years[-1] != years[0]:
                    span["end"] = {"in": years[-1]}
                entry["when"] = {"timespans": [span]}
        names.append(entry)
    return names


def _citation(quote: Quote, sources: Mapping[str, Source]) -> dict:
    source = sources.get(quote.document, Source())
    work = f"《{source.title}》" if source.title else quote.document
    dated = f" ({source.year})" if source.year else ""
    citation = {"@id": quote.document,
                "label": _one_line(f"{work}{dated}, characters {quote.start}–{quote.end}: "
                                   f"{quote.text}")}
    if source.year:
        citation["year"] = source.year
    return citation


def _lang(name: str) -> str:
    """``zh-Hans`` / ``zh-Hant`` by the characters, ``zh-Latn-pinyin`` for a romanisation;
    ``""`` (no tag) for a name in neither."""
    from kg.ingest.normalize import to_simplified

    if is_han(name):
        return "zh-Hans" if to_simplified(name) == name else "zh-Hant"
    if _is_latin(name):
        return "zh-Latn-pinyin"
    return ""


def _is_latin(text: str) -> bool:
    decomposed = unicodedata.normalize("NFD", text)
    return any(c.isalpha() for c in decomposed) and all(
        c.isspace() or c in "'’-·" or unicodedata.combining(c)
        or (c.isalpha() and "LATIN" in unicodedata.name(c, "")) for c in decomposed)


def _attests(printed: str, name: str, lang: str) -> bool:
    """Whether the words of a quote are this name: the traditional or pinyin form as printed,
    a simplified name also in the traditional characters that simplify to it."""
    from kg.ingest.normalize import to_simplified

    printed, name = _compact(printed), _compact(name)
    if lang == "zh-Hans":
        return to_simplified(printed) == name
    return printed == name


def _compact(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def _ccodes(iri: str, places: Mapping[str, LinkableEntity]) -> list[str]:
    """The place's own country code, else those of the nearest places it is part of."""
    frontier, seen = [iri], {iri}
    while frontier:
        codes = sorted({code for node in frontier
                        if (code := _country_code(places[node].admin_code))})
        if codes:
            return codes
        frontier = sorted({parent for node in frontier for parent in places[node].parents
                           if parent in places and parent not in seen})
        seen.update(frontier)
    return []


def _country_code(admin_code: str) -> str:
    if re.fullmatch(r"\d{6}", admin_code):
        return _CHINESE_REGIONS.get(admin_code[:2], "CN")
    if re.fullmatch(r"[A-Z]{2}", admin_code) and admin_code not in _withdrawn_codes():
        return admin_code
    return ""


@cache
def _withdrawn_codes() -> frozenset[str]:
    """Codes of countries.csv that ISO 3166-1 no longer assigns (a ``valid_until`` year),
    and region codes it never assigned."""
    import csv

    from kg.config import data_dir

    with (data_dir() / "countries.csv").open(encoding="utf-8") as handle:
        withdrawn = {row["code"] for row in csv.DictReader(handle) if row.get("valid_until")}
    return frozenset(withdrawn) | _NOT_ISO_3166_1


def _link_identifier(target: str) -> str:
    wikidata = _WIKIDATA.fullmatch(target)
    return f"wd:{wikidata.group(1)}" if wikidata else target


def _one_line(text: str) -> str:
    """LPF's string patterns (``^(.*)$``) refuse line breaks: a break becomes one space."""
    return _LINE_BREAKS.sub(" ", text).strip()
