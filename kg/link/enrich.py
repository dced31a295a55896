"""The links graph of a build: our entities matched to the authority table.

Each place, organization and person of the graph is looked up in ``kg/data/authority.csv``:
a place by its division code when the gazetteer gave it one (the code names exactly one unit),
otherwise, like organizations and people, by its name (simplified or traditional, with or
without the administrative suffix, current names before former ones). A name that fits two
records links to neither. What a match adds goes into one named graph, ``<base>graph/links``,
apart from the document graphs that hold what the texts say:

- ``skos:exactMatch`` (or ``skos:closeMatch``) to the Wikidata item, as the table's ``match``
  column says; ``skos:closeMatch`` to the GeoNames feature, always, because a GeoNames record
  of a Chinese city is the populated place at its seat, not the administrative unit we name.
  Never ``owl:sameAs``: an outside item's statements are not ours to assert.
- ``wgs:lat`` / ``wgs:long`` and a GeoSPARQL geometry with a WKT point (CRS84: longitude
  first), for places the table gives a WGS84 point.
- A unit renamed since (安东 → 丹东) that the table gives no id of its own is linked to its
  successor's ids by ``skos:closeMatch`` only, and shown at the successor's point.

Every entity that gets no Wikidata id is listed in the report with the reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef

from kg.link.authority import Authority, AuthorityRecord
from kg.rdf.namespaces import DCTERMS, GEO, KGMC, PROV, SKOS, WGS

LINKED_TYPES = {KGMC.Place: "Place", KGMC.Organization: "Organization", KGMC.Person: "Person"}
"""The types the authority table holds."""


@dataclass(slots=True)
class EntityLink:
    """What the authority table gave one entity of ours, or why it gave nothing."""

    iri: str
    type: str
    name: str
    record: str = ""
    record_name: str = ""
    wikidata: str = ""
    geonames: str = ""
    relation: str = ""
    latitude: str = ""
    longitude: str = ""
    reason: str = ""
    id_source: str = ""


@dataclass(slots=True)
class LinkReport:
    """Every place, organization and person of the build, with its links or the reason."""

    authority_digest: str
    entities: list[EntityLink] = field(default_factory=list)

    def counts(self) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for entity in self.entities:
            row = counts[entity.type]
            row["entities"] += 1
            row["with_record"] += bool(entity.record)
            row["with_wikidata"] += bool(entity.wikidata)
            row["with_geonames"] += bool(entity.geonames)
            row["with_coordinates"] += bool(entity.latitude)
        return {kind: dict(row) for kind, row in sorted(counts.items())}

    def to_json(self) -> dict:
        return {"authority_sha256": self.authority_digest, "counts": self.counts(),
                "entities": [asdict(entity) for entity in self.entities]}


def add_authority_links(dataset: Dataset, authority: Authority, *, base: str) -> LinkReport:
    """Match the entities of ``dataset`` to ``authority``; write the links graph into it."""
    return link_entities(_entities(dataset), authority,
                         dataset.graph(URIRef(f"{base}graph/links")), base=base)


def link_entities(entities: Iterable[tuple[URIRef, str, str, str]], authority: Authority,
                  graph: Graph, *, base: str) -> LinkReport:
    """Match (IRI, type, simplified name, division code) of each entity to ``authority``;
    write the links into ``graph`` (the links graph, named by its identifier)."""
    report = LinkReport(authority.digest)
    if authority.records:
        source = URIRef(f"{base}id/source/authority-{authority.digest[:16]}")
        graph.add((graph.identifier, PROV.wasDerivedFrom, source))
        graph.add((source, RDFS.label, Literal("kg authority table (kg/data/authority.csv)",
                                               lang="en")))
        graph.add((source, KGMC.contentDigest, Literal(authority.digest)))
    for iri, kind, name, code in entities:
        entry = EntityLink(iri=str(iri), type=kind, name=name)
        report.entities.append(entry)
        record, former, reason = _find(authority, kind, name, code)
        if record is None:
            entry.reason = reason
            continue
        entry.record, entry.record_name, entry.id_source = record.key, record.name, record.id_source
        ids_from, relation = record, "exactMatch" if record.match == "exact" else "closeMatch"
        if former:
            relation = "closeMatch"
        if not record.wikidata and not record.geonames and record.renamed:
            successor = authority.by_key.get(record.successor)
            if successor is not None and (successor.wikidata or successor.geonames):
                ids_from, relation = successor, "closeMatch"
        entry.reason = _why_no_wikidata(ids_from, record)
        _write_links(graph, iri, ids_from, relation, entry)
    report.entities.sort(key=lambda e: (e.type, e.name, e.iri))
    return report


def _entities(dataset: Dataset) -> list[tuple[URIRef, str, str, str]]:
    """(IRI, type, simplified name, division code) of every entity of a linked type, read in
    three passes over the quads whatever the number of documents."""
    found: dict[URIRef, list[str]] = {}
    for iri, _, rdf_class, _ in dataset.quads((None, RDF.type, None, None)):
        if rdf_class in LINKED_TYPES and iri not in found:
            found[iri] = [LINKED_TYPES[rdf_class], "", ""]
    for iri, _, label, _ in dataset.quads((None, RDFS.label, None, None)):
        if iri in found and isinstance(label, Literal) and label.language == "zh-Hans":
            found[iri][1] = str(label)
    for iri, _, code, _ in dataset.quads((None, KGMC.adminCode, None, None)):
        if iri in found:
            found[iri][2] = str(code)
    return sorted((iri, *row) for iri, row in found.items())


def _find(authority: Authority, kind: str, name: str,
          code: str) -> tuple[AuthorityRecord | None, bool, str]:
    """The record of one entity, whether it was found by a former name, and why not."""
    if kind == "Place" and code:
        record = authority.by_adcode.get(code) or authority.by_key.get(f"place:{code}")
        if record is not None:
            return record, False, ""
    records, former = authority.named(name, kind)
    if len(records) == 1:
        return records[0], former, ""
    if records:
        keys = ", ".join(sorted(r.key for r in records))
        return None, False, f"the name fits {len(records)} records of the table ({keys})"
    what = f"division code {code}" if code else "this name"
    return None, False, f"no record with {what} in the authority table"


def _why_no_wikidata(ids_from: AuthorityRecord, record: AuthorityRecord) -> str:
    if ids_from.wikidata:
        return ""
    note = f": {record.note}" if record.note else ""
    return f"record {record.key} has no checked Wikidata id{note}"


def _write_links(graph, iri: URIRef, record: AuthorityRecord, relation: str,  # noqa: ANN001
                 entry: EntityLink) -> None:
    wikidata_property = SKOS.exactMatch if relation == "exactMatch" else SKOS.closeMatch
    if record.wikidata:
        graph.add((iri, wikidata_property, URIRef(record.wikidata_iri)))
        entry.wikidata, entry.relation = record.wikidata, relation
    if record.geonames:
        graph.add((iri, SKOS.closeMatch, URIRef(record.geonames_iri)))
        entry.geonames = record.geonames
    if record.has_point:
        latitude, longitude = record.latitude, record.longitude
        graph.add((iri, WGS.lat, Literal(str(latitude), datatype=XSD.decimal)))
        graph.add((iri, WGS.long, Literal(str(longitude), datatype=XSD.decimal)))
        geometry = URIRef(f"{iri}/geometry")
        graph.add((iri, GEO.hasGeometry, geometry))
        graph.add((geometry, RDF.type, GEO.Geometry))
        graph.add((geometry, GEO.asWKT, Literal(f"POINT({longitude} {latitude})",
                                                datatype=GEO.wktLiteral)))
        graph.add((geometry, DCTERMS.source, Literal(record.coordinate_source or record.key)))
        entry.latitude, entry.longitude = str(latitude), str(longitude)
