"""The authority table: our names of places, organizations and people against outside ids.

``kg/data/authority.csv`` (sources and licences in ``kg/data/README.md``) gives each record
its canonical name, the other names texts of 1949–1966 use (traditional, pinyin, former names
such as 安东 for 丹东), its administrative parent and years of validity, and the Wikidata QID,
GeoNames id and WGS84 point it was checked against. An id is in the table only when checked
against a named source (column ``id_source``); an empty cell means "not checked", never "none".
"""

from __future__ import annotations

import csv
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from kg.config import data_dir
from kg.link.labels import simplified_key, strip_admin_suffix

COLUMNS = ("key", "type", "name", "short_name", "level", "adcode", "parent", "wikidata",
           "geonames", "latitude", "longitude", "names_traditional", "names_pinyin",
           "names_former", "valid_from", "valid_to", "successor", "match", "id_source",
           "coordinate_source", "note")

WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
GEONAMES_FEATURE = "https://sws.geonames.org/{}/"


def authority_path() -> Path:
    return data_dir() / "authority.csv"


@dataclass(frozen=True, slots=True)
class AuthorityRecord:
    """One row of the authority table."""

    key: str
    type: str
    name: str
    short_name: str = ""
    level: str = ""
    adcode: str = ""
    parent: str = ""
    wikidata: str = ""
    geonames: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    names_traditional: tuple[str, ...] = ()
    names_pinyin: tuple[str, ...] = ()
    names_former: tuple[str, ...] = ()
    valid_from: str = ""
    valid_to: str = ""
    successor: str = ""
    match: str = ""
    id_source: str = ""
    coordinate_source: str = ""
    note: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """Its names in characters, canonical first, without the former names."""
        return tuple(dict.fromkeys(n for n in (self.name, self.short_name,
                                                *self.names_traditional) if n))

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def renamed(self) -> bool:
        """Whether the unit lives on under another name (安东市 → 丹东市) rather than merged
        into or split among others (塘沽区 into 滨海新区): only then are the successor's ids
        close to it. Read from the note, which says "renamed …" for a rename."""
        note = self.note.lower()
        return ("renamed" in note and "|" not in self.successor
                and not any(word in note for word in ("merged", "abolished", "split")))

    @property
    def wikidata_iri(self) -> str:
        return WIKIDATA_ENTITY + self.wikidata if self.wikidata else ""

    @property
    def geonames_iri(self) -> str:
        return GEONAMES_FEATURE.format(self.geonames) if self.geonames else ""


@dataclass(slots=True)
class Authority:
    """The table, indexed by key, division code and every name in characters."""

    records: list[AuthorityRecord]
    digest: str = ""
    by_key: dict[str, AuthorityRecord] = field(default_factory=dict)
    by_adcode: dict[str, AuthorityRecord] = field(default_factory=dict)
    by_name: dict[str, list[AuthorityRecord]] = field(default_factory=lambda: defaultdict(list))
    by_former_name: dict[str, list[AuthorityRecord]] = field(
        default_factory=lambda: defaultdict(list))

    def __post_init__(self) -> None:
        for record in self.records:
            self.by_key[record.key] = record
            if record.adcode:
                self.by_adcode[record.adcode] = record
            for index, names in ((self.by_name, record.names),
                                 (self.by_former_name, record.names_former)):
                for name in names:
                    for key in {simplified_key(name), simplified_key(strip_admin_suffix(name))}:
                        if record not in index[key]:
                            index[key].append(record)

    def named(self, name: str, type_: str) -> tuple[list[AuthorityRecord], bool]:
        """Records of ``type_`` that go by ``name`` (simplified or traditional, with or without
        the administrative suffix), and whether they were found by a former name only.

        A current name wins over a former one: 旅大 is first the record of 旅大市 (1950–1981),
        and only failing that the city that was once called so. Several records mean the
        name is ambiguous.
        """
        key = simplified_key(name)
        current = [r for r in self.by_name.get(key, []) if r.type == type_]
        if current:
            return current, False
        return [r for r in self.by_former_name.get(key, []) if r.type == type_], True

    def parent_of(self, record: AuthorityRecord) -> AuthorityRecord | None:
        return self.by_key.get(record.parent) if record.parent else None


def load_authority(path: Path | None = None) -> Authority:
    """The authority table at ``path`` (default: the bundled one), read once per path."""
    return _load(Path(path or authority_path()).resolve())


@lru_cache(maxsize=8)
def _load(path: Path) -> Authority:
    if not path.is_file():
        return Authority([])
    raw = path.read_bytes()
    rows = csv.DictReader(raw.decode("utf-8-sig").splitlines())
    records = [_record(row, line) for line, row in enumerate(rows, start=2)]
    return Authority(records, digest=hashlib.sha256(raw).hexdigest())


def _record(row: dict[str, str], line: int) -> AuthorityRecord:
    values = {column: (row.get(column) or "").strip() for column in COLUMNS}
    if not values["key"] or not values["name"] or not values["type"]:
        raise ValueError(f"authority.csv line {line}: key, type and name are required")
    return AuthorityRecord(
        **{column: values[column] for column in COLUMNS
           if column not in ("latitude", "longitude", "names_traditional", "names_pinyin",
                             "names_former")},
        latitude=_decimal(values["latitude"], line),
        longitude=_decimal(values["longitude"], line),
        names_traditional=_split(values["names_traditional"]),
        names_pinyin=_split(values["names_pinyin"]),
        names_former=_split(values["names_former"]),
    )


def _split(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _decimal(cell: str, line: int) -> Decimal | None:
    if not cell:
        return None
    try:
        return Decimal(cell)
    except InvalidOperation as error:
        raise ValueError(f"authority.csv line {line}: not a number: {cell!r}") from error
