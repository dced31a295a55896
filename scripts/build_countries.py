"""Derive kg/data/countries.csv from the Unicode CLDR territory names shipped in ``babel``.

Run by a maintainer when the source changes (``pip install babel==2.18.0`` first); the output
is committed, so babel is not a dependency of kg. Only ISO 3166 countries are kept (two-letter
codes, no regions such as 001/150, no EU/UN groupings). States of the 1950s-60s that CLDR no
longer lists (苏联, 民主德国 …) follow from scripts/historical_countries.csv, a curated table with
a source per row.
"""

from __future__ import annotations

import csv
from pathlib import Path

from babel import Locale
from babel import __version__ as babel_version

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "kg" / "data" / "countries.csv"
HISTORICAL = Path(__file__).with_name("historical_countries.csv")
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}


def main() -> None:
    simplified = Locale("zh").territories
    english = Locale("en").territories
    rows = [{"name": name, "code": code, "english": english.get(code, ""),
             "valid_until": "", "successor": "", "source": f"CLDR via babel {babel_version}"}
            for code, name in sorted(simplified.items())
            if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES]
    with HISTORICAL.open(encoding="utf-8") as handle:
        rows += list(csv.DictReader(handle))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} countries written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
