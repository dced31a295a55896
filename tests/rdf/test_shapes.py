"""ontology/shapes.ttl: each rule catches a small hand-made graph that breaks it, and passes
the same graph mended.

``VALID`` is one sentence of the genre as a build would map it, a statement to a line so that
a case can swap one statement: ``(rule, focus, statement, broken, mended)``. The broken graph
must break that rule at that node and no other rule anywhere.
"""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from rdflib.namespace import SH

from kg.rdf.validate import SHAPES_NAMESPACE, ValidationReport, load_shapes, validate_dataset

ID = "http://example.org/kgmc/id/"
GRAPH = URIRef("http://example.org/kgmc/graph/t1")

VALID = """
@prefix ex: <http://example.org/kgmc/id/> .
@prefix kgmc: <http://example.org/kgmc/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:doc a kgmc:Document .
ex:doc kgmc:originalText "沈阳卷烟厂卷烟产量提高了30%。" .

ex:factory a kgmc:Factory .
ex:factory rdfs:label "沈阳卷烟厂"@zh-Hans .
ex:factory rdfs:label "shěn yáng juǎn yān chǎng"@zh-Latn-pinyin .
ex:factory kgmc:locatedIn ex:shenyang .
ex:shenyang a kgmc:Place .
ex:shenyang rdfs:label "沈阳"@zh-Hans .
ex:shenyang rdfs:label "shěn yáng"@zh-Latn-pinyin .

ex:assertion a kgmc:RelationAssertion .
ex:assertion kgmc:head ex:factory .
ex:assertion kgmc:tail ex:shenyang .
ex:assertion kgmc:relation kgmc:locatedIn .
ex:assertion prov:wasDerivedFrom ex:evidence-assertion .

ex:statistic a kgmc:Statistic .
ex:statistic kgmc:valueAsWritten "30%" .
ex:statistic kgmc:statisticSubject ex:factory .
ex:statistic kgmc:lowValue 30.0 .
ex:statistic kgmc:highValue 30.0 .
ex:statistic prov:wasDerivedFrom ex:evidence-statistic .

ex:mention-factory a oa:Annotation .
ex:mention-factory oa:hasBody ex:factory .
ex:mention-factory oa:hasTarget ex:passage-factory .
ex:mention-place a oa:Annotation ; oa:hasTarget ex:passage-place .
ex:mention-place oa:hasBody ex:shenyang .
ex:evidence-assertion a oa:Annotation ; oa:hasTarget ex:passage-factory .
ex:evidence-assertion oa:hasBody ex:assertion .
ex:evidence-statistic a oa:Annotation ; oa:hasBody ex:statistic ;
    oa:hasTarget ex:passage-clause .

ex:passage-factory a oa:SpecificResource .
ex:passage-factory oa:hasSource ex:doc .
ex:passage-factory oa:hasSelector ex:quote-factory .
ex:passage-factory oa:hasSelector ex:position-factory .
ex:quote-factory a oa:TextQuoteSelector .
ex:quote-factory oa:exact "沈阳卷烟厂" .
ex:position-factory a oa:TextPositionSelector .
ex:position-factory oa:start "0"^^xsd:nonNegativeInteger .
ex:position-factory oa:end "5"^^xsd:nonNegativeInteger .

ex:passage-place a oa:SpecificResource ; oa:hasSource ex:doc ;
    oa:hasSelector ex:quote-place , ex:position-place .
ex:quote-place a oa:TextQuoteSelector ; oa:exact "沈阳" .
ex:position-place a oa:TextPositionSelector ;
    oa:start "0"^^xsd:nonNegativeInteger ; oa:end "2"^^xsd:nonNegativeInteger .

ex:passage-clause a oa:SpecificResource ; oa:hasSource ex:doc ;
    oa:hasSelector ex:quote-clause , ex:position-clause .
ex:quote-clause a oa:TextQuoteSelector ; oa:exact "沈阳卷烟厂卷烟产量提高了30%" .
ex:position-clause a oa:TextPositionSelector ;
    oa:start "0"^^xsd:nonNegativeInteger ; oa:end "15"^^xsd:nonNegativeInteger .
"""

NOTE = 'ex:factory kgmc:locationNote "not stated in the source" .'
PHRASE = 'ex:statistic kgmc:subjectPhrase "卷烟产量"@zh-Hans .'

CASES = [
    # rule, focus, statement of VALID, broken, mended
    ("Entity-chineseName", "factory", 'ex:factory rdfs:label "沈阳卷烟厂"@zh-Hans .',
     'ex:factory rdfs:label "沈陽捲煙廠"@zh-Hant .',
     'ex:factory rdfs:label "沈阳卷烟厂"@zh-Hans ; skos:altLabel "沈陽捲煙廠"@zh-Hant .'),
    ("Entity-chineseName", "shenyang", 'ex:shenyang rdfs:label "沈阳"@zh-Hans .',
     'ex:shenyang rdfs:label "沈阳"@zh-Hans , "奉天"@zh-Hans .',
     'ex:shenyang rdfs:label "沈阳"@zh-Hans ; skos:altLabel "奉天"@zh-Hans .'),
    ("Entity-pinyinName", "shenyang", 'ex:shenyang rdfs:label "shěn yáng"@zh-Latn-pinyin .',
     'ex:shenyang rdfs:label "Shenyang"@en .',
     'ex:shenyang rdfs:label "Shenyang"@en , "shěn yáng"@zh-Latn-pinyin .'),
    ("Entity-quoted", "shenyang", "ex:mention-place oa:hasBody ex:shenyang .",
     "ex:mention-place oa:hasBody ex:factory .",
     "ex:mention-place oa:hasBody ex:shenyang ."),
    ("FactoryLocation", "factory", "ex:factory kgmc:locatedIn ex:shenyang .", "", NOTE),
    ("FactoryLocation", "factory", "ex:factory kgmc:locatedIn ex:shenyang .",
     "ex:factory kgmc:locatedIn ex:nowhere .", "ex:factory kgmc:locatedIn ex:shenyang ."),
    ("RelationAssertion-head", "assertion", "ex:assertion kgmc:head ex:factory .", "",
     "ex:assertion kgmc:head ex:factory ."),
    ("RelationAssertion-tail", "assertion", "ex:assertion kgmc:tail ex:shenyang .",
     "ex:assertion kgmc:tail ex:shenyang , ex:factory .",
     "ex:assertion kgmc:tail ex:shenyang ."),
    ("RelationAssertion-relation", "assertion", "ex:assertion kgmc:relation kgmc:locatedIn .",
     'ex:assertion kgmc:relation "locatedIn" .',
     "ex:assertion kgmc:relation kgmc:locatedIn ."),
    ("RelationAssertion-evidence", "assertion",
     "ex:assertion prov:wasDerivedFrom ex:evidence-assertion .",
     "ex:assertion prov:wasDerivedFrom ex:doc .",
     "ex:assertion prov:wasDerivedFrom ex:doc , ex:evidence-assertion ."),
    ("Statistic-value", "statistic", 'ex:statistic kgmc:valueAsWritten "30%" .',
     "ex:statistic kgmc:valueAsWritten 30 .", 'ex:statistic kgmc:valueAsWritten "30%" .'),
    ("Statistic-low", "statistic", "ex:statistic kgmc:lowValue 30.0 .",
     "ex:statistic kgmc:lowValue 30.0 , 25.0 .", "ex:statistic kgmc:lowValue 25.0 ."),
    ("Statistic-high", "statistic", "ex:statistic kgmc:highValue 30.0 .",
     "ex:statistic kgmc:highValue 30.0 , 35.0 .", "ex:statistic kgmc:highValue 35.0 ."),
    ("Statistic-range", "statistic", "ex:statistic kgmc:lowValue 30.0 .",
     "ex:statistic kgmc:lowValue 40.0 .", "ex:statistic kgmc:lowValue 20.0 ."),
    ("Statistic-evidence", "statistic",
     "ex:statistic prov:wasDerivedFrom ex:evidence-statistic .", "",
     "ex:statistic prov:wasDerivedFrom ex:evidence-statistic ."),
    ("StatisticSubject", "statistic", "ex:statistic kgmc:statisticSubject ex:factory .",
     f"ex:statistic kgmc:statisticSubject ex:factory . {PHRASE}", PHRASE),
    ("StatisticSubject", "statistic", "ex:statistic kgmc:statisticSubject ex:factory .", "",
     PHRASE),
    ("Annotation-body", "evidence-assertion", "ex:evidence-assertion oa:hasBody ex:assertion .",
     "", "ex:evidence-assertion oa:hasBody ex:assertion ."),
    ("Annotation-target", "mention-factory",
     "ex:mention-factory oa:hasTarget ex:passage-factory .",
     "ex:mention-factory oa:hasTarget ex:doc .",
     "ex:mention-factory oa:hasTarget ex:passage-factory ."),
    ("Passage-source", "passage-factory", "ex:passage-factory oa:hasSource ex:doc .",
     "ex:passage-factory oa:hasSource ex:elsewhere .", "ex:passage-factory oa:hasSource ex:doc ."),
    ("Passage-quote", "passage-factory", "ex:passage-factory oa:hasSelector ex:quote-factory .",
     "", "ex:passage-factory oa:hasSelector ex:quote-factory ."),
    ("Passage-position", "passage-factory",
     "ex:passage-factory oa:hasSelector ex:position-factory .",
     "ex:passage-factory oa:hasSelector ex:position-factory , ex:position-place .",
     "ex:passage-factory oa:hasSelector ex:position-factory ."),
    ("Quote-exact", "quote-factory", 'ex:quote-factory oa:exact "沈阳卷烟厂" .',
     'ex:quote-factory oa:exact "沈阳卷烟厂"@zh-Hans .',
     'ex:quote-factory oa:exact "沈阳卷烟厂" .'),
    ("Offsets-start", "position-factory",
     'ex:position-factory oa:start "0"^^xsd:nonNegativeInteger .',
     'ex:position-factory oa:start "-1"^^xsd:integer .',
     'ex:position-factory oa:start "0"^^xsd:nonNegativeInteger .'),
    ("Offsets-end", "position-factory",
     'ex:position-factory oa:end "5"^^xsd:nonNegativeInteger .', "",
     'ex:position-factory oa:end "5"^^xsd:nonNegativeInteger .'),
    ("Offsets-order", "position-factory",
     'ex:position-factory oa:start "0"^^xsd:nonNegativeInteger .',
     'ex:position-factory oa:start "5"^^xsd:nonNegativeInteger .',
     'ex:position-factory oa:start "4"^^xsd:nonNegativeInteger .'),
    ("DocumentText", "doc", 'ex:doc kgmc:originalText "沈阳卷烟厂卷烟产量提高了30%。" .', "",
     "ex:doc dcterms:isPartOf ex:booklet ."),
]


def _validate(turtle: str) -> ValidationReport:
    dataset = Dataset()
    dataset.graph(GRAPH).parse(data=turtle, format="turtle")
    return validate_dataset(dataset)


def _swap(statement: str, replacement: str) -> str:
    assert VALID.count(statement) == 1, statement
    return VALID.replace(statement, replacement)


def test_shapes_pass_the_valid_graph():
    report = _validate(VALID)
    assert report.violations == ()
    assert report.summary() == "0 violations"


@pytest.mark.parametrize("rule, focus, statement, broken, mended", CASES,
                         ids=[f"{case[0]}-{n}" for n, case in enumerate(CASES)])
def test_shapes_rule_catches_broken_graph(rule, focus, statement, broken, mended):
    report = _validate(_swap(statement, broken))
    assert {(v.shape, v.focus) for v in report.violations} == {(f"kgsh:{rule}", ID + focus)}
    assert all(v.message and v.rule for v in report.violations)
    assert _validate(_swap(statement, mended)).conforms


def test_shapes_every_rule_is_tested_and_explained():
    shapes = load_shapes()
    rules = {shape for kind in (SH.NodeShape, SH.PropertyShape)
             for shape in shapes.subjects(RDF.type, kind) if (shape, SH.message, None) in shapes}
    assert {URIRef(SHAPES_NAMESPACE + case[0]) for case in CASES} == rules
    for kind in (SH.NodeShape, SH.PropertyShape):
        for shape in shapes.subjects(RDF.type, kind):
            labels = [label for label in shapes.objects(shape, RDFS.label)
                      if isinstance(label, Literal) and label.language == "en"]
            assert len(labels) == 1, shape


def _pyshacl_results(turtle: str) -> set[tuple[str, str]]:
    """(shape, focus) of every result pyshacl, the reference implementation, reports."""
    from pyshacl import validate
    from rdflib import Graph

    from kg.config import ontology_dir

    data = Graph().parse(data=turtle, format="turtle")
    ontology = Graph().parse(ontology_dir() / "kgmc.ttl", format="turtle")
    _, results, _ = validate(data, shacl_graph=load_shapes(), ont_graph=ontology,
                             inference="none", inplace=True)
    prefix = len(SHAPES_NAMESPACE)
    return {(f"kgsh:{str(results.value(r, SH.sourceShape))[prefix:]}",
             str(results.value(r, SH.focusNode)))
            for r in results.subjects(SH.resultSeverity, SH.Violation)}


@pytest.mark.parametrize("rule, focus, statement, broken, mended", CASES,
                         ids=[f"{case[0]}-{n}" for n, case in enumerate(CASES)])
def test_shapes_sparql_validation_agrees_with_pyshacl(rule, focus, statement, broken, mended):
    """kg checks the shapes as SPARQL queries inside Oxigraph (kg.rdf.shapes_sparql); on
    every broken and mended graph it finds what pyshacl finds."""
    for turtle in (_swap(statement, broken), _swap(statement, mended)):
        ours = {(v.shape, v.focus) for v in _validate(turtle).violations}
        assert ours == _pyshacl_results(turtle)


def test_shapes_sparql_refuses_a_constraint_it_does_not_implement():
    from rdflib import Graph

    from kg.rdf.shapes_sparql import UnsupportedShape, compile_shapes

    shapes = Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ;
            sh:property [ sh:path ex:p ; sh:pattern "^[0-9]+$" ] .""", format="turtle")
    with pytest.raises(UnsupportedShape, match="pattern"):
        compile_shapes(shapes, {})
