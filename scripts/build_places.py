"""Derive kg/data/places.csv from the administrative-division table shipped in ``cpca``.

Run by a maintainer when the source changes (``pip install cpca==0.5.5`` first); the output is
committed, so kg needs neither cpca nor pandas at run time. See kg/data/README.md for the
source, its licence and the rules applied here.

Usage: python scripts/build_places.py [ADCODES_CSV] > kg/data/places.csv
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
PROVINCE_SUFFIX = re.compile(r"(?:壮族|回族|维吾尔)?自治区$|特别行政区$|省$|市$")
PREFECTURE_SUFFIX = re.compile(r"市$|地区$|盟$")


def nationalities(source_dir: Path) -> list[str]:
    names = (source_dir / "56_nations.csv").read_text(encoding="utf-8").split()
    return sorted(names, key=len, reverse=True)


def short_form(name: str, level: str, nations: list[str]) -> str:
    """The name without its administrative suffix, as texts of the genre write it."""
    if level == "province":
        short = PROVINCE_SUFFIX.sub("", name)
    elif level == "prefecture":
        short = PREFECTURE_SUFFIX.sub("", name)
        if short.endswith("自治州"):
            short = short[: -len("自治州")]
            stripped = True
            while stripped:
                stripped = False
                for nation in nations:
                    if short.endswith(nation) and len(short) > len(nation):
                        short, stripped = short[: -len(nation)], True
                        break
    else:
        short = name[:-1] if name.endswith("市") else name
    return short if len(short) >= 2 and short != name else ""


def main() -> None:
    if len(sys.argv) > 1:
        source = Path(sys.argv[1])
    else:
        import cpca

        source = Path(cpca.__file__).parent / "resources" / "adcodes.csv"
    nations = nationalities(source.parent)
    rows = list(csv.DictReader(source.open(encoding="utf-8")))
    codes = {row["adcode"][:6] for row in rows}
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["adcode", "name", "short_name", "level", "parent_adcode", "longitude",
                  "latitude"])
    for row in sorted(rows, key=lambda r: r["adcode"]):
        code, name = row["adcode"][:6], row["name"]
        if name in PLACEHOLDERS:
            continue
        if code.endswith("0000"):
            level, parent = "province", ""
        elif code.endswith("00"):
            level, parent = "prefecture", code[:2] + "0000"
        else:
            level = "county"
            parent = code[:4] + "00" if code[:4] + "00" in codes else code[:2] + "0000"
            if parent not in codes or parent[2:] == "0100":
                parent = code[:2] + "0000"
        out.writerow([code, name, short_form(name, level, nations), level, parent,
                      row["longitude"], row["latitude"]])


if __name__ == "__main__":
    main()
