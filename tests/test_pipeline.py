"""kg.build on the bundled corpus: every output file, parseable, traceable, offline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

import kg
from kg.config import ontology_dir
from kg.store import SelectResult, open_store

GOLD = Path(__file__).resolve().parents[2] / "shared" / "gold" / "seed_gold.json"


def _quads(path: Path, fmt: str) -> set:
    dataset = Dataset()
    dataset.parse(path, format=fmt)
    return {q for q in dataset.quads((None, None, None, None))}


@pytest.mark.parametrize("name, fmt", [("kg.nq", "nquads"), ("kg.jsonld", "json-ld")])
def test_build_rdf_files_parse_to_the_same_quads(corpus_build, name, fmt):
    """No blank nodes are minted, so equal quad sets are isomorphic datasets."""
    trig = _quads(corpus_build.files["kg.trig"], "trig")
    assert len(trig) == corpus_build.quads
    assert _quads(corpus_build.files[name], fmt) == trig


def test_build_publishes_its_json_ld_context(corpus_build):
    from kg.rdf.namespaces import PREFIXES

    published = json.loads(corpus_build.files["context.jsonld"].read_text(encoding="utf-8"))
    assert published["@context"] == PREFIXES
    document = json.loads(corpus_build.files["kg.jsonld"].read_text(encoding="utf-8"))
    assert document["@context"] == published["@context"]


def test_build_records_its_own_provenance(corpus_build):
    """A kgmc:Build with the tool's version and a configuration hash generated every
    document graph."""
    store = open_store(corpus_build.files["store"])
    assert kg.query(store, f"""ASK {{
        ?build a kgmc:Build, prov:Activity ; kgmc:toolVersion "{kg.__version__}" ;
               kgmc:configurationHash ?hash ; prov:endedAtTime ?time ;
               prov:wasAssociatedWith [ a prov:SoftwareAgent ] .
        FILTER(STRLEN(?hash) = 64) }}""") is True
    assert kg.query(store, """ASK { GRAPH ?g { ?d a kgmc:Document ; kgmc:originalText ?t }
        FILTER NOT EXISTS { ?g prov:wasGeneratedBy ?build } }""") is False


def test_build_types_places_by_level_and_posts_as_memberships(corpus_build):
    store = open_store(corpus_build.files["store"])
    for level in ("Province", "City", "County"):
        assert kg.query(store, f"ASK {{ ?p a kgmc:{level}, kgmc:Place }}") is True, level
    assert kg.query(store, """ASK { ?m a org:Membership ; org:member [ a kgmc:Person ] ;
        org:organization [ a kgmc:Organization ] ;
        org:role [ a kgmc:Post ; rdfs:label "副部长"@zh-Hans ] }""") is True
    assert kg.query(store, """ASK { ?i a kgmc:Industry ; skos:inScheme kgmc:industries ;
        skos:prefLabel ?name }""") is True


def test_build_writes_the_ontology_page(corpus_build):
    page = corpus_build.files["ontology/index.html"].read_text(encoding="utf-8")
    ontology = Graph().parse(ontology_dir() / "kgmc.ttl", format="turtle")
    from rdflib import OWL, RDF, RDFS

    for cls in ontology.subjects(RDF.type, OWL.Class):
        english = next(str(o) for o in ontology.objects(cls, RDFS.label) if o.language == "en")
        assert english in page, english
    assert not re.search(r"""<(script|link)[^>]+(src|href)\s*=\s*["']?(https?:)?//""", page)


def test_build_turtle_holds_every_triple(corpus_build):
    graph = Graph().parse(corpus_build.files["kg.ttl"], format="turtle")
    nquads = Dataset().parse(corpus_build.files["kg.nq"], format="nquads")
    assert len(graph) == len({(s, p, o) for s, p, o, _ in nquads.quads((None, None, None,
                                                                          None))})


def test_build_extraction_json_has_the_gold_fields(corpus_build):
    gold = json.loads(GOLD.read_text(encoding="utf-8")) if GOLD.exists() else None
    data = json.loads(corpus_build.files["extraction.json"].read_text(encoding="utf-8"))
    (document,) = data["documents"]
    assert document["text"] == "000_4873f08a87099aee.txt"
    assert set(document) == {"text", "entities", "relations", "statistics", "dates"}
    assert {tuple(sorted(e)) for e in document["entities"]} == {
        ("aliases", "id", "name", "type")}
    for relation in document["relations"]:
        assert {"evidence", "head", "tail", "type"} <= set(relation) <= {
            "evidence", "head", "tail", "type", "tail_is_title", "title"}
        assert relation.get("tail_is_title", False) == (
            relation["type"] in ("publishedBy", "authoredBy"))
    for statistic in document["statistics"]:
        assert {"subject", "metric", "value", "time", "evidence"} <= set(statistic)
    if gold is not None:
        gold_types = {e["type"] for e in gold["entities"]}
        assert {e["type"] for e in document["entities"]} <= gold_types
    dates = {d["value"] for d in document["dates"]}
    assert {"1960-02-25", "1959"} <= dates  # 去年 in a 1960 text is 1959


def test_build_locates_factories_by_their_place_prefix(corpus_build):
    data = json.loads(corpus_build.files["extraction.json"].read_text(encoding="utf-8"))
    (document,) = data["documents"]
    names = {e["id"]: e["name"] for e in document["entities"]}
    by_name = {(names[r["head"]], names[r["tail"]]) for r in document["relations"]
               if r["type"] == "locatedIn" and r["evidence"].endswith(("厂", "场"))}
    assert len(by_name) >= 10
    assert all(factory.startswith(place) for factory, place in by_name)


def test_build_every_quote_is_the_original_text_between_its_offsets(corpus_build):
    store = open_store(corpus_build.out / "store")
    result = kg.query(store, """
        SELECT ?exact ?start ?end ?text WHERE {
          ?target oa:hasSource ?doc ; oa:hasSelector ?q, ?p .
          ?q oa:exact ?exact . ?p oa:start ?start ; oa:end ?end .
          ?doc kgmc:originalText ?text .
        }""")
    assert isinstance(result, SelectResult)
    assert len(result.rows) > 20
    for exact, start, end, text in result.rows:
        assert text[int(start):int(end)] == exact


def test_build_every_relation_has_evidence(corpus_build):
    store = open_store(corpus_build.out / "store")
    assert kg.query(store, "ASK { ?h kgmc:locatedIn ?t }") is True
    assert kg.query(store, """ASK { ?h kgmc:locatedIn ?t FILTER NOT EXISTS {
        ?a kgmc:head ?h ; kgmc:tail ?t ; prov:wasDerivedFrom ?ann .
        ?ann oa:hasTarget/oa:hasSelector/oa:exact ?quote } }""") is False


def test_build_every_statistic_and_publication_has_evidence(corpus_build):
    store = open_store(corpus_build.out / "store")
    assert kg.query(store, """ASK { ?s a kgmc:Statistic ; kgmc:valueAsWritten "54.23%" ;
        kgmc:statisticSubject/rdfs:label "沈阳"@zh-Hans }""") is True
    assert kg.query(store, """ASK { ?s a kgmc:Statistic FILTER NOT EXISTS {
        ?s prov:wasDerivedFrom/oa:hasTarget/oa:hasSelector/oa:exact ?quote } }""") is False
    assert kg.query(store, """ASK { ?to kgmc:changeRole "to" ; kgmc:valueAsWritten "54%" ;
        kgmc:changeOf/kgmc:valueAsWritten "42%" }""") is True
    assert kg.query(store, """ASK { ?work dcterms:title "歇锁手的解放"@zh-Hans ;
        dcterms:publisher/rdfs:label "人民日报"@zh-Hans }""") is True
    assert kg.query(store, """ASK { ?a kgmc:post "副部长" ; kgmc:relation kgmc:holdsPosition ;
        kgmc:head/rdfs:label "王新元"@zh-Hans }""") is True


def test_build_view_is_self_contained(corpus_build):
    html = corpus_build.files["views/factory_locations.html"].read_text(encoding="utf-8")
    assert "new vis.Network" in html
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    data = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', html, re.S)
    nodes = json.loads(data.group(1))["nodes"]
    labels = {node["label"] for node in nodes}
    factories = kg.query(corpus_build.out / "store", """SELECT ?name WHERE {
        ?f a kgmc:Factory ; rdfs:label ?name . FILTER(LANGMATCHES(LANG(?name), "zh-Hans")) }""")
    assert {name for (name,) in factories.rows} <= labels
    assert all("“" in node["title"] for node in nodes), "every node shows a quote"


def test_build_is_deterministic(corpus_build, tmp_path):
    again = kg.build(out=tmp_path / "again")
    for name in ("kg.trig", "kg.ttl", "kg.nq", "kg.jsonld", "extraction.json",
                 "ontology/index.html", "views/graph.html", "views/factory_locations.html",
                 "views/index.html", "graph.gexf", "graph.graphml", "nodes.csv", "edges.csv",
                 "metrics.json"):
        assert again.files[name].read_bytes() == corpus_build.files[name].read_bytes(), name


def test_installed_package_ships_the_ontology():
    """CI installs kg non-editable: the ontology must come from inside the package."""
    assert (ontology_dir() / "kgmc.ttl").is_file()
    assert ontology_dir().parent.name == "kg"


@pytest.mark.parametrize("name, fmt", [("kg.trig", "TRIG"), ("kg.nq", "N_QUADS"),
                                       ("kg.jsonld", "JSON_LD"), ("kg.ttl", "TURTLE")])
def test_build_rdf_files_load_into_oxigraph(corpus_build, name, fmt):
    """Another engine than rdflib reads every serialization to the same quads."""
    from pyoxigraph import RdfFormat, Store

    store = Store()
    store.load(path=str(corpus_build.files[name]), format=getattr(RdfFormat, fmt))
    expected = corpus_build.quads
    if name == "kg.ttl":  # no named graphs: triples shared by graphs count once
        expected = len(Graph().parse(corpus_build.files["kg.ttl"], format="turtle"))
    assert len(store) == expected


def test_build_workshops_are_units_of_their_factory(corpus_build):
    store = open_store(corpus_build.files["store"])
    assert kg.query(store, """ASK { ?w a kgmc:Workshop ; rdfs:label ?name ;
        org:unitOf [ a kgmc:Factory ] FILTER NOT EXISTS { ?w a kgmc:Factory } }""") is True
