"""The bundled authority table: well formed, sourced, covering what the issue asks, and where
it gives a point, at the right place on the map."""

from __future__ import annotations

import csv
import json
import re

import pytest

from kg.config import data_dir
from kg.link.authority import COLUMNS, load_authority

CAPITALS = ("石家庄", "太原", "呼和浩特", "沈阳", "长春", "哈尔滨", "南京", "杭州", "合肥", "福州",
            "南昌", "济南", "郑州", "武汉", "长沙", "广州", "南宁", "海口", "成都", "贵阳", "昆明",
            "拉萨", "西安", "兰州", "西宁", "银川", "乌鲁木齐")
"""Capitals of the provinces and autonomous regions; the four municipalities are provinces."""

TRUE_POSITION = {"北京": (39.904, 116.407), "上海": (31.230, 121.474), "沈阳": (41.806, 123.432),
                 "武汉": (30.593, 114.305), "西安": (34.264, 108.943)}
"""Latitude, longitude of five city centres (WGS84), to compare the table's points with."""


@pytest.fixture(scope="module")
def table():
    return load_authority()


def test_every_row_has_the_columns_a_unique_key_and_known_references(table) -> None:
    with (data_dir() / "authority.csv").open(encoding="utf-8") as handle:
        assert tuple(csv.DictReader(handle).fieldnames) == COLUMNS
    keys = [record.key for record in table.records]
    assert len(keys) == len(set(keys)) > 300
    for record in table.records:
        assert record.type in ("Place", "Organization", "Person")
        for reference in (record.parent, *record.successor.split("|")):
            assert not reference or reference in table.by_key, (record.key, reference)


def test_every_identifier_is_well_formed_unique_and_sourced(table) -> None:
    qids = [r.wikidata for r in table.records if r.wikidata]
    assert len(qids) == len(set(qids)) > 100
    for record in table.records:
        assert not record.wikidata or re.fullmatch(r"Q[1-9]\d*", record.wikidata)
        assert not record.geonames or record.geonames.isdigit()
        if record.wikidata or record.geonames:
            assert record.id_source, record.key
            assert record.match in ("exact", "close"), record.key
        if record.has_point:
            assert record.coordinate_source, record.key


def test_every_province_and_capital_is_in_the_table(table) -> None:
    with (data_dir() / "places.csv").open(encoding="utf-8") as handle:
        provinces = [row["adcode"] for row in csv.DictReader(handle) if row["level"] == "province"]
    assert len(provinces) >= 34
    for code in provinces:
        assert code in table.by_adcode, code
        assert table.by_adcode[code].wikidata, code
    for capital in CAPITALS:
        found, _ = table.named(capital, "Place")
        assert found, capital
        assert any(r.has_point for r in found), capital


def test_points_are_wgs84_in_china_and_five_cities_are_within_a_tenth_of_a_degree(table) -> None:
    for record in table.records:
        if record.has_point and (record.adcode or record.level in ("prefecture", "county")):
            assert 18 <= record.latitude <= 54 and 73 <= record.longitude <= 135, record.key
    for name, (latitude, longitude) in TRUE_POSITION.items():
        (record,), _ = table.named(name, "Place")
        assert float(record.latitude) == pytest.approx(latitude, abs=0.1), name
        assert float(record.longitude) == pytest.approx(longitude, abs=0.1), name


def test_former_names_lead_to_the_unit_and_its_successor(table) -> None:
    (record,), former = table.named("旅大", "Place")
    assert not former and record.valid_to and record.renamed
    successor = table.by_key[record.successor]
    assert successor.wikidata and successor.has_point
    assert "旅大市" in successor.names_former


@pytest.mark.slow
def test_the_corpus_build_links_every_place_or_says_why(corpus_build) -> None:
    report = json.loads((corpus_build.out / "links" / "report.json").read_text("utf-8"))
    extraction = json.loads((corpus_build.out / "extraction.json").read_text("utf-8"))
    places = {e["name"] for doc in extraction["documents"] for e in doc["entities"]
              if e["type"] == "Place"}
    reported = [e for e in report["entities"] if e["type"] == "Place"]
    assert {e["name"] for e in reported} == places
    for entity in reported:
        assert entity["wikidata"] or entity["reason"], entity["name"]
    assert report["counts"]["Place"]["with_wikidata"] >= len(places) // 2
