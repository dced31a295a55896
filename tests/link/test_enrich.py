"""The links graph of a build: SKOS matches, coordinates and the report, from an authority
table made for the test (its QIDs and GeoNames ids are made up)."""

from __future__ import annotations

import json

import pytest

from kg.store import query

TABLE = """key,type,name,short_name,level,adcode,parent,wikidata,geonames,latitude,longitude,\
names_traditional,names_pinyin,names_former,valid_from,valid_to,successor,match,id_source,\
coordinate_source,note
place:210000,Place,辽宁省,辽宁,province,210000,,Q9100001,,,,遼寧省|遼寧,Liáoníng|Liaoning,,,,,exact,test,,
place:210300,Place,鞍山市,鞍山,prefecture,210300,place:210000,Q9100002,2038632,41.12361,122.99,\
鞍山市,Ānshān|Anshan,,,,,exact,test,GeoNames 2038632,
place:旅大市,Place,旅大市,旅大,prefecture,,place:210000,,,,,,,,1950,1981,place:210200,,,,\
renamed 1981
place:210200,Place,大连市,大连,prefecture,210200,place:210000,Q9100003,1814087,38.91222,121.60222,\
大連市|大連,Dàlián|Dalian,旅大市|旅大,,,,exact,test,GeoNames 1814087,
place:140100,Place,太原市,太原,prefecture,140100,,,,,,,,,,,,,,,no id checked yet
org:人民日报,Organization,人民日报,,,,,Q9100004,,,,人民日報,Rénmín Rìbào,,1948,,,exact,test,,
org:人民日报社,Organization,人民日报社,人民日报,,,,Q9100005,,,,,,,,,,exact,test,,
"""

TEXT = """辽宁省鞍山市和旅大市的工厂，在技术革新运动中制成了新的机床。\
山西省太原市的工人也创造了新方法。人民日报报道了他们的经验。
"""

LINKS = "http://example.org/kgmc/graph/links"


@pytest.fixture(scope="module")
def linked_build(tmp_path_factory):
    import kg
    import kg.link.authority as authority

    folder = tmp_path_factory.mktemp("linked")
    table = folder / "authority.csv"
    table.write_text(TABLE, encoding="utf-8")
    (folder / "campaign.txt").write_text(TEXT, encoding="utf-8")
    patch = pytest.MonkeyPatch()
    patch.setattr(authority, "authority_path", lambda: table)
    try:
        yield kg.build([folder / "campaign.txt"], out=folder / "output")
    finally:
        patch.undo()


def _ask(build, sparql: str) -> bool:
    return query(build.out / "store", sparql) is True


def test_a_place_found_by_its_division_code_gets_ids_and_a_point(linked_build) -> None:
    assert _ask(linked_build, f"""ASK {{ GRAPH <{LINKS}> {{
        ?place skos:exactMatch <http://www.wikidata.org/entity/Q9100002> ;
               skos:closeMatch <https://sws.geonames.org/2038632/> ;
               wgs:lat 41.12361 ; wgs:long 122.99 ;
               geo:hasGeometry ?point .
        ?point a geo:Geometry ; geo:asWKT "POINT(122.99 41.12361)"^^geo:wktLiteral . }}
        ?place kgmc:adminCode "210300" ; rdfs:label "鞍山"@zh-Hans . }}""")


def test_no_owl_same_as_to_anything(linked_build) -> None:
    assert not _ask(linked_build, "ASK { ?a owl:sameAs ?b }")


def test_a_renamed_unit_is_only_close_to_its_successor(linked_build) -> None:
    assert _ask(linked_build, """ASK {
        ?place rdfs:label "旅大"@zh-Hans ;
               skos:closeMatch <http://www.wikidata.org/entity/Q9100003> ; wgs:lat ?lat . }""")
    assert not _ask(linked_build, """ASK { ?place rdfs:label "旅大"@zh-Hans ;
                                                 skos:exactMatch ?any . }""")


def test_the_report_says_why_an_entity_has_no_wikidata_id(linked_build) -> None:
    report = json.loads((linked_build.out / "links" / "report.json").read_text("utf-8"))
    reasons = {e["name"]: e["reason"] for e in report["entities"] if not e["wikidata"]}
    assert reasons["太原"] == "record place:140100 has no checked Wikidata id: no id checked yet"
    assert reasons["人民日报"].startswith("the name fits 2 records")
    assert all(reasons.values())
    markdown = (linked_build.out / "links" / "report.md").read_text("utf-8")
    assert "**太原**" in markdown and "no checked Wikidata id" in markdown
    counts = report["counts"]["Place"]
    assert counts["with_wikidata"] == counts["with_coordinates"] + 1  # 辽宁 has no point


def test_the_links_graph_says_where_it_comes_from(linked_build) -> None:
    assert _ask(linked_build, f"""ASK {{ GRAPH <{LINKS}> {{
        <{LINKS}> prov:wasDerivedFrom ?table . ?table kgmc:contentDigest ?digest . }} }}""")


def test_entities_with_external_links_query_lists_ids_and_coordinates(linked_build) -> None:
    from kg.store.library import bundled_query

    result = query(linked_build.out / "store", bundled_query("entities_with_external_links").text)
    rows = [dict(zip(result.variables, row, strict=True)) for row in result.rows]
    anshan = [r for r in rows if r["name"] == "鞍山" and r["link"]]
    assert {r["link"] for r in anshan} == {"http://www.wikidata.org/entity/Q9100002",
                                          "https://sws.geonames.org/2038632/"}
    assert all(str(r["lat"]) == "41.12361" for r in anshan)
