"""The closed KGMC namespace and ontology/kgmc.ttl define the same terms."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, URIRef

from kg.config import ONTOLOGY_NAMESPACE, ontology_dir
from kg.rdf.namespaces import KGMC, PREFIXES, SKOS


def ontology_terms() -> set[str]:
    graph = Graph().parse(ontology_dir() / "kgmc.ttl", format="turtle")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.ConceptScheme)
    return {str(s)[len(ONTOLOGY_NAMESPACE):] for kind in kinds
            for s in graph.subjects(RDF.type, kind) if str(s).startswith(ONTOLOGY_NAMESPACE)}


def test_kgmc_namespace_matches_ontology():
    assert set(KGMC.__annotations__) == ontology_terms()


def test_kgmc_namespace_is_closed():
    with pytest.raises(AttributeError):
        _ = KGMC.Fatcory


def test_every_term_has_labels_and_definitions_in_english_and_chinese():
    graph = Graph().parse(ontology_dir() / "kgmc.ttl", format="turtle")
    for name in ontology_terms():
        term = URIRef(ONTOLOGY_NAMESPACE + name)
        for predicate in (RDFS.label, SKOS.definition):
            languages = {o.language for o in graph.objects(term, predicate)
                         if isinstance(o, Literal)}
            assert {"en", "zh-Hans"} <= languages, (name, predicate)


CHECKED_NAMESPACES = {
    # each read against its specification's own statement of the namespace IRI
    "http://www.w3.org/ns/oa#", "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/org#",
    "http://www.w3.org/2004/02/skos/core#", "http://purl.org/dc/terms/", "http://schema.org/",
    "http://xmlns.com/foaf/0.1/", "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "http://www.opengis.net/ont/geosparql#", "http://www.w3.org/2006/time#",
    "http://qudt.org/schema/qudt/", "http://qudt.org/vocab/unit/",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://www.w3.org/2000/01/rdf-schema#",
    "http://www.w3.org/2002/07/owl#", "http://www.w3.org/2001/XMLSchema#", ONTOLOGY_NAMESPACE,
}


def test_prefixes_are_the_checked_namespace_iris():
    """rdflib's own WGS and SDO use https, which data in the wild does not."""
    assert set(PREFIXES.values()) == CHECKED_NAMESPACES


def test_ontology_uses_only_checked_namespaces():
    graph = Graph().parse(ontology_dir() / "kgmc.ttl", format="turtle")
    used = {str(term) for triple in graph for term in triple if isinstance(term, URIRef)}
    unknown = {iri for iri in used if not any(iri.startswith(ns) for ns in CHECKED_NAMESPACES)}
    assert unknown == {"https://opensource.org/licenses/MIT", ONTOLOGY_NAMESPACE.rstrip("#")} | {
        iri for iri in unknown if iri.startswith(ONTOLOGY_NAMESPACE.rstrip("#") + "/")}
