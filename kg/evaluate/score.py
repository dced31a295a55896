"""Score predictions against hand annotations in the format of shared/gold/.

Matching follows the brief of issue 6: a predicted entity matches a gold entity of the same
type when its name or any alias equals the gold name or any gold alias after t2s and the
removal of white space. Each gold item is matched at most once (first come, in prediction
order). A relation matches when its type matches and its head and tail match gold entities
of the gold relation (a title tail by its text, without a trailing gloss in brackets such as
the gold's "（讲话）"); a statistic when its value is the same text after the same
normalization and its subject matches: two entities by their forms, and where either side is
a phrase (机制纸, 河北唐山各陶瓷厂), when one form contains the other. A phrase is free text that
no two annotators word alike, so ``statistics_exact`` also reports the exact-subject score.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import ErrorCode, KGError
from kg.ingest.normalize import fold

_SPACE = re.compile(r"\s+")
_GLOSS = re.compile(r"[（(][^（）()]*[)）]$")


def normal_form(text: str) -> str:
    """The comparison key of a name: NFKC + t2s, no white space.

    >>> normal_form("輕工業 部")
    '轻工业部'
    """
    return _SPACE.sub("", fold(text))


@dataclass
class Tally:
    """True positives, false positives and false negatives of one category."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


@dataclass
class Scores:
    """Per-category tallies of one comparison, for entities, relations and statistics."""

    entities: dict[str, Tally] = field(default_factory=dict)
    relations: dict[str, Tally] = field(default_factory=dict)
    statistics: Tally = field(default_factory=Tally)
    statistics_exact: Tally = field(default_factory=Tally)

    def micro(self, table: dict[str, Tally]) -> Tally:
        total = Tally()
        for tally in table.values():
            total.add(tally)
        return total

    def as_dict(self) -> dict:
        return {
            "entities": {"by_type": {k: v.as_dict() for k, v in sorted(self.entities.items())},
                         "micro": self.micro(self.entities).as_dict()},
            "relations": {"by_type": {k: v.as_dict()
                                      for k, v in sorted(self.relations.items())},
                          "micro": self.micro(self.relations).as_dict()},
            "statistics": self.statistics.as_dict(),
            "statistics_exact": self.statistics_exact.as_dict(),
        }


def _forms(entity: dict) -> set[str]:
    return {normal_form(entity["name"])} | {normal_form(a) for a in entity.get("aliases", [])}


def _match(predicted: Iterable[dict], gold: list[dict], same) -> tuple[list, set[int]]:  # noqa: ANN001
    """Pairs (prediction, gold index or None), each gold item used once."""
    used: set[int] = set()
    pairs = []
    for item in predicted:
        found = next((i for i, g in enumerate(gold) if i not in used and same(item, g)), None)
        if found is not None:
            used.add(found)
        pairs.append((item, found))
    return pairs, used


def score_document(gold: dict, predicted: dict) -> Scores:
    """Compare one document's prediction with its gold annotation."""
    scores = Scores()
    gold_entities = gold.get("entities", [])
    pred_entities = predicted.get("entities", [])
    pairs, _ = _match(pred_entities, gold_entities,
                      lambda p, g: p["type"] == g["type"] and bool(_forms(p) & _forms(g)))
    for p, found in pairs:
        tally = scores.entities.setdefault(p["type"], Tally())
        if found is None:
            tally.fp += 1
        else:
            tally.tp += 1
    matched = {found for _, found in pairs if found is not None}
    for index, g in enumerate(gold_entities):
        scores.entities.setdefault(g["type"], Tally())
        if index not in matched:
            scores.entities[g["type"]].fn += 1

    gold_by_id = {e["id"]: e for e in gold_entities}
    pred_by_id = {e["id"]: e for e in pred_entities}

    def end_matches(pred_end: str, gold_end: str, title: bool) -> bool:
        if title:
            return _GLOSS.sub("", normal_form(pred_end)) == _GLOSS.sub("", normal_form(gold_end))
        p, g = pred_by_id.get(pred_end), gold_by_id.get(gold_end)
        return p is not None and g is not None and bool(_forms(p) & _forms(g))

    def same_relation(p: dict, g: dict) -> bool:
        return (p["type"] == g["type"] and end_matches(p["head"], g["head"], False)
                and end_matches(p["tail"], g["tail"], bool(g.get("tail_is_title"))))

    gold_relations = gold.get("relations", [])
    pairs, used = _match(predicted.get("relations", []), gold_relations, same_relation)
    for p, found in pairs:
        tally = scores.relations.setdefault(p["type"], Tally())
        tally.tp += found is not None
        tally.fp += found is None
    for index, g in enumerate(gold_relations):
        tally = scores.relations.setdefault(g["type"], Tally())
        tally.fn += index not in used

    def subject_forms(subject: str, entities: dict[str, dict]) -> set[str]:
        return _forms(entities[subject]) if subject in entities else {normal_form(subject)}

    def same_subject(p: dict, g: dict, exact: bool) -> bool:
        predicted, gold = subject_forms(p["subject"], pred_by_id), subject_forms(g["subject"],
                                                                               gold_by_id)
        if predicted & gold:
            return True
        if exact or (p["subject"] in pred_by_id and g["subject"] in gold_by_id):
            return False
        return any(len(a) >= 2 and len(b) >= 2 and (a in b or b in a)
                   for a in predicted for b in gold)

    gold_statistics = gold.get("statistics", [])
    for tally, exact in ((scores.statistics, False), (scores.statistics_exact, True)):
        pairs, used = _match(
            predicted.get("statistics", []), gold_statistics,
            lambda p, g, exact=exact: normal_form(p["value"]) == normal_form(g["value"])
            and same_subject(p, g, exact))
        tally.tp = len(used)
        tally.fp = len(pairs) - len(used)
        tally.fn = len(gold_statistics) - len(used)
    return scores


def score(gold_documents: list[dict], predicted_documents: list[dict]) -> Scores:
    """Score every gold document against the prediction for the same text (by file name);
    a gold document without a prediction counts all its items as missed."""
    by_text = {doc["text"]: doc for doc in predicted_documents}
    total = Scores()
    for gold in gold_documents:
        scores = score_document(gold, by_text.get(gold["text"], {}))
        for table, part in ((total.entities, scores.entities),
                            (total.relations, scores.relations)):
            for key, tally in part.items():
                table.setdefault(key, Tally()).add(tally)
        total.statistics.add(scores.statistics)
        total.statistics_exact.add(scores.statistics_exact)
    return total


def load_annotations(path: Path, code: ErrorCode) -> list[dict]:
    """Documents of a gold or prediction file: one document, ``{"documents": [...]}``, or a
    folder of such files; a fault is raised as ``code`` naming the file."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    documents: list[dict] = []
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise KGError.of(code, path=file, detail=error) from error
        found = data.get("documents", [data]) if isinstance(data, dict) else None
        if not found or not all(isinstance(d, dict) and "text" in d for d in found):
            raise KGError.of(code, path=file, detail="no document with a \"text\" field")
        documents.extend(found)
    if not documents:
        raise KGError.of(code, path=path, detail="no .json files")
    return documents
