"""The entities of a build that other datasets can link to, read from its store.

Alignment (``kg link``), the reconciliation service (``kg reconcile``) and the Linked Places
export (``kg export lpf``) all start from the same list: each entity with its type, every name
the graph gives it (simplified, traditional, pinyin), the place it is in, the quotes that
attest it, and the coordinates and outside identifiers the links graph adds. It is read with
:func:`kg.visualize.entity_graph.read_entity_graph`, so these commands see exactly what the
views and the SPARQL endpoint see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from kg.store import GraphStore, sorted_rows
from kg.visualize.entity_graph import LOCATED_IN, Quote, read_entity_graph

LINKABLE_TYPES = ("Factory", "Workshop", "Place", "Person", "Organization", "Innovation",
                  "Campaign", "Industry", "Event")
"""Entity types another dataset can hold too; dates and documents are not linked."""

SKOS_EXACT = "http://www.w3.org/2004/02/skos/core#exactMatch"
SKOS_CLOSE = "http://www.w3.org/2004/02/skos/core#closeMatch"

EXTERNAL = """
SELECT ?entity ?property ?target WHERE {
  VALUES ?property { skos:exactMatch skos:closeMatch }
  ?entity ?property ?target .
}
"""

COORDINATES = """
SELECT ?entity ?lat ?long ?wkt WHERE {
  ?entity wgs:lat ?lat ; wgs:long ?long .
  OPTIONAL { ?entity geo:hasGeometry/geo:asWKT ?wkt }
}
"""

CODES = "SELECT ?entity ?code WHERE { ?entity kgmc:adminCode ?code }"


@dataclass(frozen=True, slots=True)
class ExternalLink:
    """``skos:exactMatch`` or ``skos:closeMatch`` to an IRI outside the graph."""

    property: str
    target: str

    @property
    def kind(self) -> str:
        return "exactMatch" if self.property == SKOS_EXACT else "closeMatch"


@dataclass(slots=True)
class LinkableEntity:
    """An entity of the graph as the linking commands see it."""

    iri: str
    type: str
    name: str
    level: str = ""
    admin_code: str = ""
    aliases: list[str] = field(default_factory=list)
    parents: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    links: list[ExternalLink] = field(default_factory=list)
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    wkt: str = ""

    @property
    def names(self) -> list[str]:
        """The canonical name first, then every other name."""
        return [self.name, *(alias for alias in self.aliases if alias != self.name)]

    @property
    def wikidata(self) -> str:
        """The Wikidata QID the links graph gives, or ``""``."""
        return next((link.target.rsplit("/", 1)[-1] for link in self.links
                     if "wikidata.org/entity/" in link.target), "")


def read_linkable_entities(store: GraphStore | Path | str) -> list[LinkableEntity]:
    """Every linkable entity of ``store``, in IRI order, with its parents' names resolved."""
    graph = read_entity_graph(store)
    entities = {
        node: LinkableEntity(iri=node, type=attrs["type"], name=attrs["label"],
                             level=attrs["level"], aliases=list(attrs["aliases"]),
                             quotes=list(attrs["quotes"]))
        for node, attrs in graph.nodes(data=True) if attrs["type"] in LINKABLE_TYPES}
    for head, tail, key in graph.edges(keys=True):
        if key == LOCATED_IN and head in entities and tail in entities:
            entities[head].parents.append(tail)
    for iri, prop, target in sorted_rows(store, EXTERNAL):
        if iri in entities:
            entities[iri].links.append(ExternalLink(prop, target))
    for iri, lat, long, wkt in sorted_rows(store, COORDINATES):
        if iri in entities:
            entities[iri].latitude, entities[iri].longitude = Decimal(lat), Decimal(long)
            entities[iri].wkt = wkt or ""
    for iri, code in sorted_rows(store, CODES):
        if iri in entities:
            entities[iri].admin_code = str(code)
    for entity in entities.values():
        entity.parents.sort()
        entity.links.sort(key=lambda link: (link.property, link.target))
    return [entities[iri] for iri in sorted(entities)]

