"""The closed KGMC namespace and ontology/kgmc.ttl define the same terms."""

from __future__ import annotations

import pytest
from rdflib import OWL, RDF, Graph

from kg.config import ONTOLOGY_NAMESPACE, ontology_dir
from kg.rdf.namespaces import KGMC


def ontology_terms() -> set[str]:
    graph = Graph().parse(ontology_dir() / "kgmc.ttl", format="turtle")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
    return {str(s)[len(ONTOLOGY_NAMESPACE):] for kind in kinds
            for s in graph.subjects(RDF.type, kind) if str(s).startswith(ONTOLOGY_NAMESPACE)}


def test_kgmc_namespace_matches_ontology():
    assert set(KGMC.__annotations__) == ontology_terms()


def test_kgmc_namespace_is_closed():
    with pytest.raises(AttributeError):
        _ = KGMC.Fatcory
