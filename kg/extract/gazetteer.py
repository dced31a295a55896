"""Place names: the administrative-division table plus historical names of 1949-1966.

Loaded once per process (see :func:`load_places`); the spaCy component only holds a reference.
Sources and licences of the data files are in kg/data/README.md.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.config import data_dir
from kg.extract.lexicon import Lexicon

_LEVEL_RANK = {"country": -1, "province": 0, "prefecture": 1, "city": 1, "county": 2, "district": 2, "town": 3}


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
        return _LEVEL_RANK.get(self.level, 9)


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Every place by surface form, and the places by administrative code."""

    lexicon: Lexicon[Place]
    by_code: dict[str, Place]

    def best(self, candidates: list[Place]) -> Place:
        """The reading of an ambiguous form: the highest level (吉林 the province)."""
        return min(candidates, key=lambda place: (place.rank, place.code))


def _stoplist(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.split("#", 1)[0].strip() for line in lines} - {""}


@cache
def load_places(folder: Path | None = None) -> Gazetteer:
    """Read places.csv, historical/historical_places.csv and countries.csv into a lexicon."""
    folder = folder or data_dir()
    stop = _stoplist(folder / "place_stoplist.txt")
    lexicon: Lexicon[Place] = Lexicon()
    by_code: dict[str, Place] = {}
    with (folder / "places.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            short = row["short_name"]
            place = Place(canonical=short or row["name"], name=row["name"], level=row["level"],
                          code=row["adcode"], parent=row["parent_adcode"])
            by_code[place.code] = place
            lexicon.add(row["name"], place)
            if short and short not in stop:
                lexicon.add(short, place)
    historical = folder / "historical" / "historical_places.csv"
    if historical.exists():
        with historical.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                short = row.get("short_name", "")
                # Texts of the period name a county with its suffix (寿张县); keep it whole.
                canonical = row["name"] if row["level"] == "county" else short or row["name"]
                place = Place(canonical=canonical, name=row["name"],
                              level=row.get("level", ""), successor=row.get("successor", ""),
                              source="historical")
                lexicon.add(row["name"], place)
                if short and short not in stop:
                    lexicon.add(short, place)
    countries = folder / "countries.csv"
    if countries.exists():
        with countries.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["name"] in stop:
                    continue
                place = Place(canonical=row["name"], name=row["name"], level="country",
                              code=row["code"], successor=row.get("successor", ""),
                              source="countries")
                lexicon.add(row["name"], place)
    return Gazetteer(lexicon=lexicon, by_code=by_code)
