"""Namespaces, each checked by hand against its specification.

rdflib's built-in ``WGS`` (https) and ``SDO`` (https) do not match the IRIs data uses, so every
namespace is declared here. ``KGMC`` is closed: a misspelt term raises instead of minting an IRI
that the ontology does not define (tests/rdf/test_namespaces.py keeps both in step).
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.config import ONTOLOGY_NAMESPACE

OA = Namespace("http://www.w3.org/ns/oa#")
PROV = Namespace("http://www.w3.org/ns/prov#")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SCHEMA = Namespace("http://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
WGS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")
TIME = Namespace("http://www.w3.org/2006/time#")
QUDT = Namespace("http://qudt.org/schema/qudt/")
UNIT = Namespace("http://qudt.org/vocab/unit/")

ONTOLOGY_IRI = URIRef(ONTOLOGY_NAMESPACE.rstrip("#"))
"""The ontology's IRI, which also names the named graph that holds it."""


class KGMC(DefinedNamespace):
    """Terms of ontology/kgmc.ttl."""

    _NS = Namespace(ONTOLOGY_NAMESPACE)
    _fail = True

    Factory: URIRef
    Workshop: URIRef
    Place: URIRef
    Person: URIRef
    Organization: URIRef
    Innovation: URIRef
    Campaign: URIRef
    Industry: URIRef
    Event: URIRef
    Date: URIRef
    Document: URIRef
    RelationAssertion: URIRef

    locatedIn: URIRef
    holdsPosition: URIRef
    adopted: URIRef
    belongsToIndustry: URIRef
    participatedIn: URIRef
    mentions: URIRef
    head: URIRef
    tail: URIRef
    relation: URIRef
    adminCode: URIRef
    placeLevel: URIRef
    fileName: URIRef
    encoding: URIRef
    originalText: URIRef

    Statistic: URIRef
    statisticSubject: URIRef
    subjectPhrase: URIRef
    metric: URIRef
    valueAsWritten: URIRef
    lowValue: URIRef
    highValue: URIRef
    unitAsWritten: URIRef
    quantityKind: URIRef
    qualifier: URIRef
    changeRole: URIRef
    changeOf: URIRef
    timeAsStated: URIRef
    post: URIRef
    basis: URIRef

    Country: URIRef
    Province: URIRef
    City: URIRef
    County: URIRef
    Post: URIRef
    industries: URIRef
    locationNote: URIRef
    Build: URIRef
    toolVersion: URIRef
    configurationHash: URIRef
    contentDigest: URIRef


PREFIXES: dict[str, str] = {
    "kgmc": ONTOLOGY_NAMESPACE,
    "oa": str(OA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "foaf": str(FOAF),
    "wgs": str(WGS),
    "geo": str(GEO),
    "time": str(TIME),
    "qudt": str(QUDT),
    "unit": str(UNIT),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""Prefixes bound in every serialization and predeclared in ``kg query``."""


def bind_prefixes(graph: Graph) -> None:
    """Bind ``PREFIXES`` on a graph or dataset, over rdflib's own defaults (its ``schema:``
    is https)."""
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
