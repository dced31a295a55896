"""Place names: the administrative-division table plus historical names of 1949-1966.

Loaded once per process (see :func:`load_places`); the spaCy component only holds a reference.
Sources and licences of the data files are in kg/data/README.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.config import data_dir
from kg.extract.lexicon import Lexicon
from kg.extract.lexicons import read_lines, read_rows
from kg.extract.lexicons import word_tags as jieba_word_tags

LEVEL_RANK = {"country": -1, "region": -1, "province": 0, "prefecture": 1, "city": 1,
               "county": 2, "district": 2, "town": 3}


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``canonical`` is the short form texts use (沈阳 for 沈阳市)."""

    canonical: str
    name: str
    level: str
    code: str = ""
    parent: str = ""
    successor: str = ""
    source: str = "places"

    @property
    def rank(self) -> int:
        return LEVEL_RANK.get(self.level, 9)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Every place by surface form, and the places by administrative code."""

    lexicon: Lexicon[Place]
    by_code: dict[str, Place]

    def best(self, candidates: list[Place]) -> Place:
        """The reading of an ambiguous form: the highest level (吉林 the province)."""
        return min(candidates, key=lambda place: (place.rank, place.code))


def _district_short_form(name: str, stop: set[str], word_tags: Mapping[str, str]) -> str:
    """汉阳 for 汉阳区, as the 1950s wrote former counties, unless the short form is a word.

    A district's short form is also often an ordinary word (和平区, 解放区, 丰满区): it is used
    only when jieba's dictionary does not list it as anything but a place name (ns).
    """
    short = name.removesuffix("区")
    if len(short) < 2 or short == name or short in stop:
        return ""
    return short if word_tags.get(short, "ns") == "ns" else ""


@cache
def load_places(folder: Path | None = None) -> Gazetteer:
    """Read places.csv, historical/historical_places.csv and countries.csv into a lexicon."""
    folder = folder or data_dir()
    word_tags = jieba_word_tags()
    stop = set(read_lines(folder / "place_stoplist.txt"))
    lexicon: Lexicon[Place] = Lexicon()
    by_code: dict[str, Place] = {}
    rows = read_rows(folder / "places.csv")
    for row in rows:
        if not row["short_name"] and row["name"].endswith("区") and row["level"] != "province":
            row["short_name"] = _district_short_form(row["name"], stop, word_tags)
    top_rank: dict[str, int] = {}
    for row in rows:
        short, rank = row["short_name"], LEVEL_RANK.get(row["level"], 9)
        if short:
            top_rank[short] = min(rank, top_rank.get(short, rank))
    for row in rows:
        short = row["short_name"]
        # 吉林市 keeps its full name: the short form 吉林 belongs to the province.
        shared = short and top_rank[short] < LEVEL_RANK.get(row["level"], 9)
        place = Place(canonical=row["name"] if shared or not short else short, name=row["name"],
                      level=row["level"], code=row["adcode"], parent=row["parent_adcode"])
        by_code[place.code] = place
        lexicon.add(row["name"], place)
        if short and short not in stop:
            lexicon.add(short, place)
    historical = folder / "historical" / "historical_places.csv"
    for row in read_rows(historical) if historical.exists() else []:
        short = row.get("short_name", "")
        # Texts of the period name a county with its suffix (寿张县); keep it whole.
        canonical = row["name"] if row["level"] == "county" else short or row["name"]
        place = Place(canonical=canonical, name=row["name"], level=row.get("level", ""),
                      successor=row.get("successor", ""), source="historical")
        lexicon.add(row["name"], place)
        if short and short not in stop:
            lexicon.add(short, place)
    countries = folder / "countries.csv"
    for row in read_rows(countries) if countries.exists() else []:
        if row["name"] not in stop:
            lexicon.add(row["name"], Place(canonical=row["name"], name=row["name"],
                                           level="country", code=row["code"],
                                           successor=row.get("successor", ""),
                                           source="countries"))
    return Gazetteer(lexicon=lexicon, by_code=by_code)
