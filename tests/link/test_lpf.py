"""Linked Places export: valid against the LPF schemas, every name and quote kept, [long, lat].

The schemas are WHG's, vendored in tests/data/lpf/ (see its README): LPF v2.0 for the whole
FeatureCollection, with the CSL citation schema it refers to by URL resolved offline, and
LPF v1.2.2 (the version the format's README documents) for each feature.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from referencing import Registry, Resource

from kg.cli import app
from kg.link.lpf import to_lpf, write_lpf
from kg.rdf.namespaces import PREFIXES

SCHEMAS = Path(__file__).parent.parent / "data" / "lpf"
BASE = "http://example.org/test/"
HOSTILE = '"引号"</script><script>alert(1)</script>🏭县'
"""A county name with quotes, a script tag and an emoji, as a careless OCR might give it."""


@pytest.fixture(scope="module")
def collection_schema() -> Draft7Validator:
    """LPF v2.0 (a FeatureCollection), its $ref to csl-citation.json served from disk."""
    schema = json.loads((SCHEMAS / "lpf_v2.0.jsonld").read_text(encoding="utf-8"))
    citation = json.loads((SCHEMAS / "csl-citation.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    registry = Registry().with_resource(citation["$id"], Resource.from_contents(citation))
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema, registry=registry)


@pytest.fixture(scope="module")
def feature_schema() -> Draft7Validator:
    """LPF v1.2.2: one Feature; its geometry, when present, must be an object."""
    schema = json.loads((SCHEMAS / "schema_lpf_v1.2.2.json").read_text(encoding="utf-8"))
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    Draft7Validator.check_schema(schema)
    return Draft7Validator(schema)


def errors(validator: Draft7Validator, instance: dict) -> list[str]:
    return [f"{error.json_path}: {error.message[:200]}" for error in
            validator.iter_errors(instance)]


def _literal(text: str, lang: str = "") -> str:
    return json.dumps(text, ensure_ascii=False) + (f"@{lang}" if lang else "")


def _quote(number: int, body: str, doc: str, start: int, exact: str) -> str:
    """One mention of ``body`` as the build writes it: an annotation with its two selectors."""
    return f"""
    <{BASE}anno/{number}> a oa:Annotation ; oa:hasBody <{BASE}{body}> ;
        oa:hasTarget <{BASE}target/{number}> .
    <{BASE}target/{number}> oa:hasSource <{BASE}{doc}> ;
        oa:hasSelector <{BASE}position/{number}>, <{BASE}exact/{number}> .
    <{BASE}position/{number}> a oa:TextPositionSelector ;
        oa:start {start} ; oa:end {start + len(exact)} .
    <{BASE}exact/{number}> a oa:TextQuoteSelector ; oa:exact {_literal(exact)} ."""


def _place(key: str, name: str, level: str, pinyin: str, *extra: str) -> str:
    lines = [f"<{BASE}{key}> a kgmc:Place" + (f", kgmc:{level}" if level else ""),
             f"rdfs:label {_literal(name, 'zh-Hans')}",
             f"rdfs:label {_literal(pinyin, 'zh-Latn-pinyin')}", *extra]
    return " ;\n        ".join(lines) + " ."


SMALL_TRIG = "\n".join(f"@prefix {p}: <{iri}> ." for p, iri in PREFIXES.items()) + f"""
GRAPH <{BASE}graph/doc1> {{
    <{BASE}doc1> a kgmc:Document ; dcterms:title "技术革新简报"@zh-Hans ; dcterms:date "1959-10" .
    <{BASE}doc2> a kgmc:Document ; dcterms:title "人民日报社论"@zh-Hans ; dcterms:date "1960" .
    <{BASE}doc3> a kgmc:Document .
    {_place("zhongguo", "中国", "Country", "Zhōngguó", 'kgmc:adminCode "CN"',
            "skos:exactMatch <http://www.wikidata.org/entity/Q148>")}
    {_place("sulian", "苏联", "Country", "Sūlián", 'kgmc:adminCode "SU"')}
    {_place("hebei", "河北", "Province", "Héběi", 'kgmc:adminCode "130000"')}
    {_place("tangshan", "唐山", "City", "Tángshān", 'kgmc:adminCode "130200"',
            f"kgmc:locatedIn <{BASE}hebei>", "wgs:lat 39.630 ; wgs:long 118.180")}
    {_place("shenyang", "沈阳", "City", "Shěnyáng", 'kgmc:adminCode "210100"',
            'skos:altLabel "瀋陽"@zh-Hant', "wgs:lat 41.806 ; wgs:long 123.432",
            "skos:exactMatch <http://www.wikidata.org/entity/Q11720>",
            "skos:closeMatch <https://sws.geonames.org/2034937/>")}
    {_place("hostile", HOSTILE, "", "yǐnhào xiàn", f"kgmc:locatedIn <{BASE}hebei>")}
    {_place("undated", "塘沽", "", "Tánggū")}
    <{BASE}mill> a kgmc:Factory ; rdfs:label "唐山陶瓷厂"@zh-Hans ;
        kgmc:locatedIn <{BASE}tangshan> .
    {_quote(1, "shenyang", "doc1", 10, "瀋陽")}
    {_quote(2, "shenyang", "doc2", 40, "沈阳")}
    {_quote(3, "tangshan", "doc2", 3, "唐山")}
    {_quote(4, "hostile", "doc1", 60, HOSTILE)}
    {_quote(5, "hebei", "doc2", 1, "河北")}
    {_quote(6, "zhongguo", "doc2", 80, "中国")}
    {_quote(7, "sulian", "doc1", 90, "苏联")}
    {_quote(8, "undated", "doc3", 5, "塘沽")}
    {_quote(9, "mill", "doc2", 3, "唐山陶瓷厂")}
}}
"""


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pyoxigraph import RdfFormat, Store

    folder = tmp_path_factory.mktemp("lpf") / "store"
    store = Store(str(folder))
    store.load(SMALL_TRIG.encode("utf-8"), RdfFormat.TRIG)
    store.flush()
    del store
    return folder


@pytest.fixture(scope="module")
def small_export(small_store: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    path = tmp_path_factory.mktemp("lpf-out") / "places.lpf.json"
    written = write_lpf(small_store, path)
    assert (written.places, written.with_coordinates) == (7, 2)
    return json.loads(path.read_text(encoding="utf-8"))


def _feature(collection: dict, key: str) -> dict:
    return next(f for f in collection["features"] if f["@id"] == BASE + key)


def _names(feature: dict) -> dict[str, dict]:
    return {name["toponym"]: name for name in feature["names"]}


def test_lpf_small_store_validates_against_both_schemas(small_export, collection_schema,
                                                        feature_schema):
    assert errors(collection_schema, small_export) == []
    for feature in small_export["features"]:
        if feature["geometry"] is None:  # v1.2.2 has no null geometry: it leaves it out
            feature = {k: v for k, v in feature.items() if k != "geometry"}
        assert errors(feature_schema, feature) == [], feature["@id"]


def test_lpf_collection_is_geojson_ld_with_the_lpf_context(small_export):
    assert small_export["type"] == "FeatureCollection"
    assert small_export["@context"] == ("https://raw.githubusercontent.com/LinkedPasts/"
                                        "linked-places/master/linkedplaces-context-v1.1.jsonld")
    ids = [feature["@id"] for feature in small_export["features"]]
    assert ids == sorted(ids)
    assert BASE + "mill" not in ids, "only places"


def test_lpf_geometry_is_a_long_lat_point_or_null(small_export):
    assert _feature(small_export, "shenyang")["geometry"] == {
        "type": "Point", "coordinates": [123.432, 41.806]}
    assert _feature(small_export, "tangshan")["geometry"]["coordinates"] == [118.18, 39.63]
    assert _feature(small_export, "hebei")["geometry"] is None


def test_lpf_names_round_trip_with_script_tags(small_export):
    shenyang = _feature(small_export, "shenyang")
    assert shenyang["properties"]["title"] == "沈阳"
    assert [(n["toponym"], n["lang"]) for n in shenyang["names"]] == [
        ("沈阳", "zh-Hans"), ("瀋陽", "zh-Hant"), ("Shěnyáng", "zh-Latn-pinyin")]
    hostile = _feature(small_export, "hostile")
    assert hostile["properties"]["title"] == HOSTILE
    assert _names(hostile)[HOSTILE]["lang"] == "zh-Hans"
    assert _names(hostile)["yǐnhào xiàn"]["lang"] == "zh-Latn-pinyin"


def test_lpf_names_cite_the_quotes_that_attest_them(small_export):
    names = _names(_feature(small_export, "shenyang"))
    traditional = names["瀋陽"]["citations"]
    assert traditional == [{"@id": BASE + "doc1", "year": "1959",
                            "label": "《技术革新简报》 (1959), characters 10–12: 瀋陽"}]
    simplified = names["沈阳"]
    assert [c["@id"] for c in simplified["citations"]] == [BASE + "doc1", BASE + "doc2"]
    assert simplified["when"] == {"timespans": [{"start": {"in": "1959"},
                                                 "end": {"in": "1960"}}]}
    assert "citations" not in names["Shěnyáng"], "pinyin is ours, not printed"
    hostile = _names(_feature(small_export, "hostile"))[HOSTILE]
    assert hostile["citations"][0]["label"].endswith(f"characters 60–{60 + len(HOSTILE)}: "
                                                     f"{HOSTILE}")
    undated = _names(_feature(small_export, "undated"))["塘沽"]
    assert undated["citations"] == [{"@id": BASE + "doc3", "label": f"{BASE}doc3, characters "
                                                                     "5–7: 塘沽"}]
    assert "when" not in undated


def test_lpf_types_links_relations_and_country_codes(small_export):
    shenyang = _feature(small_export, "shenyang")
    assert shenyang["types"] == [{"identifier": "aat:300008389", "label": "city",
                                  "sourceLabels": [{"label": "City", "lang": "en"}]}]
    assert shenyang["properties"] == {"title": "沈阳", "ccodes": ["CN"], "fclasses": ["A"]}
    assert shenyang["links"] == [
        {"type": "closeMatch", "identifier": "https://sws.geonames.org/2034937/"},
        {"type": "exactMatch", "identifier": "wd:Q11720"}]
    assert _feature(small_export, "tangshan")["relations"] == [
        {"relationType": "gvp:broaderPartitive", "relationTo": BASE + "hebei",
         "label": "part of 河北"}]
    hostile = _feature(small_export, "hostile")
    assert hostile["properties"]["ccodes"] == ["CN"], "from the province it is in"
    assert hostile["types"][0]["label"] == "place" and "fclasses" not in hostile["properties"]
    assert _feature(small_export, "zhongguo")["properties"]["ccodes"] == ["CN"]
    assert _feature(small_export, "zhongguo")["types"][0]["identifier"] == "aat:300128207"
    assert "ccodes" not in _feature(small_export, "sulian")["properties"], "SU is withdrawn"
    assert "ccodes" not in _feature(small_export, "undated")["properties"]


def test_lpf_output_is_byte_identical_between_runs(small_store, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_lpf(small_store, first)
    write_lpf(small_store, second)
    assert first.read_bytes() == second.read_bytes()
    assert "瀋陽" in first.read_text(encoding="utf-8"), "ensure_ascii=False"


BREAKAGES = {
    "coordinates as strings": lambda f: f["geometry"].update(coordinates=["123.4", "41.8"]),
    "latitude out of range": lambda f: f["geometry"].update(coordinates=[41.8, 123.4]),
    "no title": lambda f: f["properties"].pop("title"),
    "no geometry": lambda f: f.pop("geometry"),
    "unknown link type": lambda f: f["links"][0].update(type="sameAs"),
    "name without toponym": lambda f: f["names"][0].pop("toponym"),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_lpf_schema_refuses_a_broken_feature(small_export, collection_schema, breakage):
    broken = copy.deepcopy(small_export)
    BREAKAGES[breakage](_feature(broken, "shenyang"))
    assert errors(collection_schema, broken) != [], breakage


def test_lpf_feature_schema_refuses_a_missing_title(small_export, feature_schema):
    feature = copy.deepcopy(_feature(small_export, "shenyang"))
    del feature["properties"]["title"]
    assert errors(feature_schema, feature) != []


def test_lpf_line_breaks_become_spaces():
    from kg.link.entities import LinkableEntity

    place = LinkableEntity(iri=BASE + "p", type="Place", name="唐\n山", level="City")
    feature = to_lpf([place], title="a\r\ntitle")
    assert feature["title"] == "a title"
    assert feature["features"][0]["properties"]["title"] == "唐 山"


# The bundled corpus -------------------------------------------------------------------------

WELL_KNOWN = {"北京": (39.904, 116.407), "天津": (39.084, 117.201), "沈阳": (41.806, 123.432),
              "西安": (34.264, 108.943), "杭州": (30.274, 120.155), "长春": (43.817, 125.324)}
"""Where six cities of the corpus are (latitude, longitude), to 0.001°."""


@pytest.fixture(scope="module")
def corpus_export(corpus_build, tmp_path_factory: pytest.TempPathFactory) -> dict:
    path = tmp_path_factory.mktemp("corpus-lpf") / "places.lpf.json"
    write_lpf(corpus_build.out / "store", path)
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_lpf_corpus_export_validates(corpus_export, collection_schema):
    assert len(corpus_export["features"]) >= 10
    assert errors(collection_schema, corpus_export) == []


@pytest.mark.slow
def test_lpf_corpus_cities_are_where_they_are(corpus_export):
    located = {f["properties"]["title"]: f["geometry"]["coordinates"]
               for f in corpus_export["features"] if f["geometry"]}
    named = [name for name in WELL_KNOWN if name in located]
    assert len(named) >= 5, sorted(located)
    for name in named:
        latitude, longitude = WELL_KNOWN[name]
        assert located[name][0] == pytest.approx(longitude, abs=0.1), name
        assert located[name][1] == pytest.approx(latitude, abs=0.1), name


# The command --------------------------------------------------------------------------------

@pytest.mark.slow
def test_cli_export_lpf_writes_valid_json(runner, corpus_build, collection_schema, tmp_path):
    out = tmp_path / "places.lpf.json"
    result = runner.invoke(app, ["export", "lpf", "--store", str(corpus_build.out / "store"),
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    places = json.loads(out.read_text(encoding="utf-8"))
    assert errors(collection_schema, places) == []
    located = sum(1 for f in places["features"] if f["geometry"])
    assert result.output == (f"wrote {out}: {len(places['features'])} places ({located} with "
                             f"coordinates, {len(places['features']) - located} without)\n")


def test_cli_export_lpf_missing_store_is_e010(runner, tmp_path):
    result = runner.invoke(app, ["export", "lpf", "--store", str(tmp_path / "none"),
                                 "--out", str(tmp_path / "x.json")])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error E010: no store at "), result.output
    assert not (tmp_path / "x.json").exists()


def test_cli_export_lpf_unwritable_out_is_e020(runner, small_store, tmp_path):
    result = runner.invoke(app, ["export", "lpf", "--store", str(small_store),
                                 "--out", str(tmp_path)])  # a folder, not a file
    assert result.exit_code == 1
    assert result.output.startswith("error E020: cannot write output to "), result.output
    assert len(result.output.strip().splitlines()) == 1
