"""The curated word lists of kg/data/, read once per process.

Each loader is cached: spaCy factories call them when a pipeline is built, never at import.
Sources and licences are in kg/data/lexicons/README.md and kg/data/people/README.md.
"""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

from kg.config import data_dir
from kg.extract.lexicon import Lexicon


def read_rows(path: Path) -> list[dict[str, str]]:
    """A CSV table's rows as dicts, blank rows skipped."""
    with path.open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if any(row.values())]


def read_lines(path: Path) -> list[str]:
    """A word list: one entry a line, ``#`` comments and tab-separated notes dropped."""
    lines = (line.split("#", 1)[0].split("\t")[0].strip()
             for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line]


def _variants(row: dict[str, str]) -> list[str]:
    return [v.strip() for v in (row.get("variants") or "").split("|") if len(v.strip()) >= 2]


def _names(file: str) -> Lexicon[str]:
    """Every name and ``|``-separated variant of a table → the row's canonical name."""
    lexicon: Lexicon[str] = Lexicon()
    for row in read_rows(data_dir() / "lexicons" / file):
        for form in [row["name"], *_variants(row)]:
            lexicon.add(form, row["name"])
    return lexicon


@cache
def campaigns() -> Lexicon[str]:
    """Campaign names and variants → canonical name."""
    return _names("campaigns.csv")


@cache
def organizations() -> Lexicon[str]:
    """National organizations, their full and short names → canonical name."""
    return _names("organizations.csv")


@cache
def industries() -> list[dict[str, str]]:
    return read_rows(data_dir() / "lexicons" / "industries.csv")


@cache
def products() -> frozenset[str]:
    """Product words that name a factory's trade: industry stems, their other names without
    工业/业 (化工 of 化学工业), and device heads (钻机)."""
    from kg.extract.industry_matcher import also_known_as

    stems = {row.get("stem", "") for row in industries() if row.get("kind") == "industry"}
    stems |= {re.sub("(?:工业|行业|业)$", "", form) for row in industries()
              if row.get("kind") == "industry" for form in also_known_as(row.get("note", ""))}
    heads, _ = device_heads()
    return frozenset(word for word in stems | set(heads) if len(word) >= 2)


@cache
def device_heads() -> tuple[list[str], list[str]]:
    """(device heads, device words too generic to name an innovation alone)."""
    folder = data_dir() / "lexicons"
    return read_lines(folder / "device_heads.txt"), read_lines(folder / "generic_devices.txt")


def word_tags():  # noqa: ANN201 - dict[str, str] of jieba's part-of-speech dictionary
    """jieba's word → part-of-speech table (loaded with jieba's dictionary, ~350k words)."""
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab


@cache
def people():  # noqa: ANN201 - PeopleLexicon, imported lazily with spaCy
    """Surnames, titles and honorifics, with jieba's word tags to tell names from words."""
    from kg.extract.person_matcher import PeopleLexicon, Title

    folder = data_dir() / "people"
    titles: Lexicon[Title] = Lexicon()
    for row in read_rows(folder / "titles.csv"):
        titles.add(row["title"], Title(row["title"], row["kind"], row["position"]))
    honorifics: Lexicon[str] = Lexicon()
    for row in read_rows(folder / "honorifics.csv"):
        honorifics.add(row["form"], row["canonical"])
    return PeopleLexicon(
        surnames=frozenset(read_lines(folder / "surnames.txt")),
        ambiguous=frozenset(read_lines(folder / "ambiguous_surnames.txt")),
        titles=titles, honorifics=honorifics, word_tags=word_tags())
