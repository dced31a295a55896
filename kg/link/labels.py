"""Forms of a name to compare across datasets: simplified characters, suffix-free, pinyin.

Other datasets write our places and factories in traditional characters (瀋陽), with or
without the administrative suffix (沈阳市), or in pinyin with or without tones (Shěnyáng,
Shenyang Shi). :func:`name_forms` reduces a label to keys in which these spellings meet, each
with the weight of the evidence it is: the same characters are strong evidence, the same
toneless pinyin is weaker (山西 and 陕西 are both "shanxi"), pinyin with its tone marks tells
them apart (Shānxī, Shǎnxī), and no pinyin match scores as high as a match of characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ADMIN_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州",
                  "自治县", "地区", "专区", "省", "市", "县", "区", "盟", "旗")
"""Suffixes of Chinese division names, longest first: 沈阳市 and 沈阳 name one city."""

PINYIN_SUFFIXES = ("tebie xingzhengqu", "zizhiqu", "zizhizhou", "zizhixian", "diqu", "zhuanqu",
                   "sheng", "shi", "xian", "qu", "meng", "qi", "province", "city", "county",
                   "prefecture", "district")
"""The same suffixes written out in pinyin or English, as separate words (Shenyang Shi)."""

WEIGHT_CHARACTERS = 1.0
WEIGHT_CHARACTERS_NO_SUFFIX = 0.95
WEIGHT_TONED_PINYIN = 0.95
WEIGHT_TONED_PINYIN_NO_SUFFIX = 0.93
WEIGHT_PINYIN = 0.9
WEIGHT_PINYIN_NO_SUFFIX = 0.88
"""How much a key of each kind proves: the score of an exact match on it."""

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOT_WORD = re.compile(r"[^0-9a-z\u3400-\u9fff\uf900-\ufaff]+")


@dataclass(frozen=True, slots=True)
class NameForm:
    """One comparable key of a label: ``kind`` is ``characters``, ``toned`` (pinyin with tone
    marks) or ``pinyin`` (toneless)."""

    key: str
    kind: str
    weight: float


def is_han(text: str) -> bool:
    """Whether the label is written in Chinese characters (else: a romanisation)."""
    return bool(_HAN.search(text))


@lru_cache(maxsize=65536)
def simplified_key(text: str) -> str:
    """NFKC, simplified characters, no spaces or punctuation: 瀋 陽 → 沈阳."""
    from kg.ingest.normalize import to_simplified

    folded = unicodedata.normalize("NFKC", text).lower()
    return _NOT_WORD.sub("", to_simplified(folded) if is_han(folded) else folded)


@lru_cache(maxsize=65536)
def pinyin_key(text: str) -> str:
    """Toneless pinyin letters only: 沈阳 and Shěnyáng and "Shen-yang" all give shenyang."""
    if is_han(text):
        from pypinyin import lazy_pinyin

        text = " ".join(lazy_pinyin(simplified_key(text)))
    return _latin_letters(text)


def strip_admin_suffix(name: str) -> str:
    """沈阳市 → 沈阳; a name that would be left with one character keeps its suffix."""
    for suffix in ADMIN_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def strip_pinyin_suffix(text: str) -> str:
    """"Shěnyáng Shì" → "Shěnyáng": only a separate last word counts as a suffix; tone marks
    stay."""
    words = [w for w in re.split(r"[\s\-_,.]+", unicodedata.normalize("NFC", text)) if w]
    for suffix in PINYIN_SUFFIXES:
        size = len(suffix.split())
        if len(words) > size and _latin_letters(" ".join(words[-size:])) == suffix.replace(
                " ", ""):
            return " ".join(words[:-size])
    return " ".join(words)


@lru_cache(maxsize=65536)
def toned_pinyin_key(text: str) -> str:
    """Pinyin with tone marks, letters only: 沈阳 and "Shěn-yáng" give shěnyáng; ``""`` for a
    romanisation written without tone marks."""
    if is_han(text):
        from pypinyin import Style, pinyin

        text = " ".join(s[0] for s in pinyin(simplified_key(text), style=Style.TONE))
    elif not any(unicodedata.combining(c) for c in unicodedata.normalize("NFD", text)):
        return ""
    composed = unicodedata.normalize("NFC", text.lower().replace("'", "").replace("’", ""))
    return "".join(c for c in composed if c.isalnum())


@lru_cache(maxsize=65536)
def name_forms(label: str) -> tuple[NameForm, ...]:
    """The keys a label is compared on, strongest first, without repeats.

    >>> [(f.key, f.weight) for f in name_forms("瀋陽市")]  # doctest: +NORMALIZE_WHITESPACE
    [('沈阳市', 1.0), ('沈阳', 0.95), ('shěnyángshì', 0.95), ('shěnyáng', 0.93),
     ('shenyangshi', 0.9), ('shenyang', 0.88)]
    >>> [(f.key, f.weight) for f in name_forms("Shěnyáng Shì")]
    [('shěnyángshì', 0.95), ('shěnyáng', 0.93), ('shenyangshi', 0.9), ('shenyang', 0.88)]
    """
    forms: list[NameForm] = []
    if is_han(label):
        full = simplified_key(label)
        short = strip_admin_suffix(full)
        forms += [NameForm(full, "characters", WEIGHT_CHARACTERS),
                  NameForm(short, "characters", WEIGHT_CHARACTERS_NO_SUFFIX)]
        forms += [NameForm(toned_pinyin_key(full), "toned", WEIGHT_TONED_PINYIN),
                  NameForm(toned_pinyin_key(short), "toned", WEIGHT_TONED_PINYIN_NO_SUFFIX),
                  NameForm(pinyin_key(full), "pinyin", WEIGHT_PINYIN),
                  NameForm(pinyin_key(short), "pinyin", WEIGHT_PINYIN_NO_SUFFIX)]
    else:
        short = strip_pinyin_suffix(label)
        forms += [NameForm(toned_pinyin_key(label), "toned", WEIGHT_TONED_PINYIN),
                  NameForm(toned_pinyin_key(short), "toned", WEIGHT_TONED_PINYIN_NO_SUFFIX),
                  NameForm(pinyin_key(label), "pinyin", WEIGHT_PINYIN),
                  NameForm(pinyin_key(short), "pinyin", WEIGHT_PINYIN_NO_SUFFIX)]
    unique: dict[tuple[str, str], NameForm] = {}
    for form in forms:
        if form.key and (form.key, form.kind) not in unique:
            unique[form.key, form.kind] = form
    return tuple(unique.values())


def _latin_words(text: str) -> list[str]:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("ü", "u").replace("’", "").replace("'", "")
    return [word for word in re.split(r"[^0-9a-z]+", plain) if word]


def _latin_letters(text: str) -> str:
    return "".join(_latin_words(text))
