#!/usr/bin/env python3
"""Validate historical_places.csv.

Checks:
  * the header has exactly the expected columns, in order;
  * every row has a name, a level from the allowed set and a source;
  * valid_from / valid_to are integers (or empty) and valid_from <= valid_to;
  * successor_adcode, when given, is 6 digits and present in cpca's adcodes.csv;
  * short_name, when given, has at least 2 characters and is a prefix-free
    shortening of name (name starts with it);
  * no duplicate names and no duplicate short names.

Usage: python check_table.py [path/to/historical_places.csv] [--adcodes PATH]
Exit status 0 when the table passes, 1 otherwise.
"""
from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CSV = HERE.parent / "kg" / "data" / "historical" / "historical_places.csv"
PLACES_CSV = HERE.parent / "kg" / "data" / "places.csv"
COLUMNS = [
    "name",
    "short_name",
    "level",
    "parent",
    "valid_from",
    "valid_to",
    "successor",
    "successor_adcode",
    "note",
    "source",
]
LEVELS = {"region", "province", "prefecture", "city", "county", "district", "town"}


def find_cpca_adcodes() -> Path | None:
    """The modern division table kg ships (derived from cpca's adcodes.csv)."""
    return PLACES_CSV if PLACES_CSV.exists() else None


def load_adcodes(path: Path) -> dict[str, str]:
    codes: dict[str, str] = {}
    with path.open(encoding="utf-8") as f:
        reader = csv.reader(f)
        next(reader, None)  # header: adcode,name,longitude,latitude
        for row in reader:
            if not row:
                continue
            codes[row[0][:6]] = row[1] if len(row) > 1 else ""
    return codes


def parse_year(value: str, label: str, errors: list[str], where: str) -> int | None:
    if value == "":
        return None
    try:
        year = int(value)
    except ValueError:
        errors.append(f"{where}: {label} {value!r} is not an integer year")
        return None
    if not (1 <= year <= 2100):
        errors.append(f"{where}: {label} {year} out of range")
    return year


def check(csv_path: Path, adcodes_path: Path | None) -> list[str]:
    errors: list[str] = []
    if adcodes_path is None:
        errors.append("cannot find cpca resources/adcodes.csv (use --adcodes)")
        adcodes: dict[str, str] = {}
    else:
        adcodes = load_adcodes(adcodes_path)

    with csv_path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header != COLUMNS:
            errors.append(f"header {header!r} != expected {COLUMNS!r}")
            return errors
        seen_names: dict[str, int] = {}
        seen_short: dict[str, int] = {}
        n = 0
        for lineno, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            n += 1
            where = f"line {lineno}"
            if len(row) != len(COLUMNS):
                errors.append(f"{where}: {len(row)} fields, expected {len(COLUMNS)}")
                continue
            rec = dict(zip(COLUMNS, row, strict=False))
            for k, v in rec.items():
                if v != v.strip():
                    errors.append(f"{where}: {k} has leading/trailing whitespace")
            name = rec["name"]
            where = f"line {lineno} ({name})"
            if not name:
                errors.append(f"{where}: empty name")
            elif name in seen_names:
                errors.append(f"{where}: duplicate name (also line {seen_names[name]})")
            else:
                seen_names[name] = lineno

            short = rec["short_name"]
            if short:
                if len(short) < 2:
                    errors.append(f"{where}: short_name {short!r} shorter than 2 characters")
                if not name.startswith(short):
                    errors.append(f"{where}: short_name {short!r} is not a prefix of name")
                if short in seen_short:
                    errors.append(
                        f"{where}: duplicate short_name {short!r} (also line {seen_short[short]})"
                    )
                else:
                    seen_short[short] = lineno

            if rec["level"] not in LEVELS:
                errors.append(f"{where}: level {rec['level']!r} not in {sorted(LEVELS)}")

            y0 = parse_year(rec["valid_from"], "valid_from", errors, where)
            y1 = parse_year(rec["valid_to"], "valid_to", errors, where)
            if y0 is not None and y1 is not None and y0 > y1:
                errors.append(f"{where}: valid_from {y0} > valid_to {y1}")

            if not rec["successor"]:
                errors.append(f"{where}: empty successor")
            code = rec["successor_adcode"]
            if code:
                if not (len(code) == 6 and code.isdigit()):
                    errors.append(f"{where}: successor_adcode {code!r} is not 6 digits")
                elif adcodes and code not in adcodes:
                    errors.append(f"{where}: successor_adcode {code} not in cpca adcodes.csv")
                elif adcodes and ";" not in rec["successor"] and adcodes[code] != rec["successor"]:
                    errors.append(
                        f"{where}: successor {rec['successor']!r} but adcode {code} is "
                        f"{adcodes[code]!r} in places.csv"
                    )
            if not rec["source"]:
                errors.append(f"{where}: empty source")
        if n == 0:
            errors.append("no data rows")
    return errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("csv", nargs="?", default=str(DEFAULT_CSV))
    ap.add_argument("--adcodes", default=None, help="path to cpca resources/adcodes.csv")
    args = ap.parse_args(argv)
    adcodes_path = Path(args.adcodes) if args.adcodes else find_cpca_adcodes()
    errors = check(Path(args.csv), adcodes_path)
    if errors:
        for e in errors:
            print("ERROR:", e)
        print(f"{len(errors)} problem(s) found in {args.csv}")
        return 1
    with open(args.csv, encoding="utf-8") as f:
        rows = sum(1 for _ in csv.reader(f)) - 1
    print(f"OK: {rows} rows in {args.csv} passed all checks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
