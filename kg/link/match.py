"""How well two sets of names agree, and whether two types can name the same thing.

Shared by ``kg link`` (aligning another dataset), ``kg reconcile`` (OpenRefine's queries) and
the authority table: one scale of scores, so that a threshold means the same everywhere.

Scores lie in [0, 1]. An exact match of characters scores 1.0, of characters without the
administrative suffix 0.95, of pinyin with tone marks 0.95 (0.93 without suffix), of
toneless pinyin 0.9 (0.88 without suffix): the weights of
:mod:`kg.link.labels`. A fuzzy match (rapidfuzz's normalised Indel similarity) is scaled so
that it always stays below an exact match of the same kind: 0.85 × similarity on characters,
0.8 × on pinyin. Near misses such as 沈阳 / 沈丘 (similarity 0.5) therefore score 0.43.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kg.link.labels import name_forms, toned_pinyin_key

FUZZY_CHARACTERS = 0.85
FUZZY_PINYIN = 0.8

COMPATIBLE_TYPES = {
    "Place": {"Place"},
    "Factory": {"Factory", "Workshop", "Organization"},
    "Workshop": {"Workshop", "Factory"},
    "Organization": {"Organization", "Factory"},
    "Person": {"Person"},
    "Innovation": {"Innovation"},
    "Campaign": {"Campaign", "Event"},
    "Event": {"Event", "Campaign"},
    "Industry": {"Industry"},
}
"""Which of our types an outside record of a type may name: a factory is an organization in
many datasets (schema:Organization), a place is never a person."""

_TYPE_WORDS = (
    ("Person", ("person", "human", "people", "agent/person", "q5", "人物", "人名")),
    ("Workshop", ("workshop", "车间")),
    ("Factory", ("factory", "plant", "mill", "works", "company", "enterprise", "q83405",
                 "q4830453", "工厂", "厂", "企业", "公司")),
    ("Organization", ("organization", "organisation", "ministry", "newspaper", "party",
                      "committee", "government", "publisher", "institution", "q43229",
                      "机构", "组织", "部", "报社", "出版社", "委员会")),
    ("Place", ("place", "city", "town", "settlement", "province", "county", "prefecture",
               "region", "country", "village", "location", "spatialthing", "feature",
               "administrative", "populated", "municipality", "district", "gazetteer",
               "q515", "q6256", "q1549591", "地点", "地名", "城市", "省", "县", "市", "地区")),
    ("Innovation", ("innovation", "invention", "machine", "device", "tool", "technique",
                    "革新", "发明", "机器", "工具")),
    ("Campaign", ("campaign", "movement", "运动")),
    ("Industry", ("industry", "sector", "行业", "工业")),
    ("Event", ("event", "meeting", "conference", "会议")),
)


_SAME = {"characters": "same characters", "toned": "same pinyin with tones",
         "pinyin": "same pinyin"}


@dataclass(frozen=True, slots=True)
class NameMatch:
    """The best agreement of two sets of names, with the pair of names that gave it."""

    score: float
    ours: str
    theirs: str
    how: str

    def describe(self) -> str:
        return f"{self.how}: {self.theirs} ~ {self.ours}"


def best_name_match(theirs: Iterable[str], ours: Iterable[str]) -> NameMatch | None:
    """The highest-scoring pair of names, or ``None`` when no pair agrees at all.

    >>> best_name_match(["瀋陽市"], ["沈阳", "shěn yáng"]).score
    0.95
    >>> best_name_match(["Shenyang"], ["沈阳"]).how
    'same pinyin'
    >>> round(best_name_match(["沈丘"], ["沈阳"]).score, 3)
    0.427
    """
    from rapidfuzz.fuzz import ratio

    best: NameMatch | None = None
    ours = [name for name in ours if name]
    for their_name in theirs:
        for their_form in name_forms(their_name):
            for our_name in ours:
                for our_form in name_forms(our_name):
                    if our_form.kind != their_form.kind:
                        continue
                    if our_form.kind == "pinyin" and _tones_differ(their_name, our_name):
                        continue  # Shānxī is not 陕西, though both are "shanxi"
                    if our_form.key == their_form.key:
                        score = min(our_form.weight, their_form.weight)
                        how = _SAME[our_form.kind]
                        if score < 1.0 and our_form.kind == "characters":
                            how = "same characters without suffix"
                    else:
                        scale = FUZZY_CHARACTERS if our_form.kind == "characters" else FUZZY_PINYIN
                        score = scale * ratio(our_form.key, their_form.key) / 100
                        how = f"similar {our_form.kind}"
                    score = round(score, 4)
                    if best is None or score > best.score:
                        best = NameMatch(score, our_name, their_name, how)
    return best


def _tones_differ(theirs: str, ours: str) -> bool:
    """Both names carry tones and no form of one (with or without suffix) is the other's."""
    their_tones = {f.key for f in name_forms(theirs) if f.kind == "toned"}
    our_tones = {f.key for f in name_forms(ours) if f.kind == "toned"}
    return bool(their_tones and our_tones and not their_tones & our_tones
                and toned_pinyin_key(theirs) and toned_pinyin_key(ours))


def type_of(text: str) -> str | None:
    """Our type for an outside type name or IRI (schema:City, dbo:Person, Q515, 工厂 …).

    >>> type_of("http://schema.org/City"), type_of("Q5"), type_of("工厂"), type_of("Thing")
    ('Place', 'Person', 'Factory', None)
    """
    local = re.split(r"[#/:]", text.strip().rstrip("/"))[-1].lower()
    if not local:
        return None
    for our_type, words in _TYPE_WORDS:
        for word in words:
            if word.startswith("q") and word[1:].isdigit():
                if local == word:
                    return our_type
            elif word in local:
                return our_type
    return None


def compatible(our_type: str, their_type: str | None) -> bool:
    """Whether a record of ``their_type`` (``None``: unknown) may name an entity of ours."""
    return their_type is None or their_type in COMPATIBLE_TYPES.get(our_type, {our_type})
