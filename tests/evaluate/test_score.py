"""Scores on a hand-made gold/prediction pair whose figures are worked out by hand."""

from __future__ import annotations

import json

import pytest

from kg.cli import app
from kg.evaluate.score import score_document

GOLD = {
    "text": "t.txt",
    "entities": [
        {"id": "E1", "type": "Factory", "name": "沈阳卷烟厂", "aliases": ["瀋陽捲煙廠"]},
        {"id": "E2", "type": "Place", "name": "沈阳", "aliases": ["沈阳", "沈阳市"]},
        {"id": "E3", "type": "Place", "name": "天津", "aliases": ["天津"]},
        {"id": "E4", "type": "Person", "name": "王新元", "aliases": ["王新元"]},
    ],
    "relations": [
        {"type": "locatedIn", "head": "E1", "tail": "E2", "evidence": "沈阳卷烟厂"},
        {"type": "publishedBy", "head": "E4", "tail": "某文章", "tail_is_title": True,
         "evidence": "x"},
    ],
    "statistics": [
        {"subject": "E2", "metric": "m", "value": "54.23%", "time": "", "evidence": "x"},
        {"subject": "机制纸", "metric": "m", "value": "40%", "time": "", "evidence": "x"},
    ],
}
PRED = {
    "text": "t.txt",
    "entities": [
        {"id": "E1", "type": "Factory", "name": "沈阳卷烟厂", "aliases": ["瀋陽捲煙廠"]},  # tp
        {"id": "E2", "type": "Place", "name": "沈阳", "aliases": ["沈 阳市"]},             # tp
        {"id": "E3", "type": "Factory", "name": "天津", "aliases": ["天津"]},              # fp
        {"id": "E4", "type": "Place", "name": "沈阳", "aliases": ["沈阳"]},                # fp
    ],
    "relations": [
        {"type": "locatedIn", "head": "E1", "tail": "E2", "evidence": "沈阳卷烟厂"},     # tp
        {"type": "locatedIn", "head": "E1", "tail": "E3", "evidence": "x"},              # fp
    ],
    "statistics": [
        {"subject": "E2", "metric": "m", "value": "54.23％", "time": "", "evidence": "x"},  # tp
        {"subject": "机制纸", "metric": "m", "value": "41%", "time": "", "evidence": "x"},  # fp
    ],
}


def test_score_document_counts_by_hand():
    scores = score_document(GOLD, PRED).as_dict()
    entities = scores["entities"]
    assert entities["by_type"]["Factory"] == {
        "tp": 1, "fp": 1, "fn": 0, "precision": 0.5, "recall": 1.0, "f1": 0.6667}
    assert (entities["by_type"]["Place"]["tp"], entities["by_type"]["Place"]["fp"],
            entities["by_type"]["Place"]["fn"]) == (1, 1, 1)
    assert entities["by_type"]["Person"]["fn"] == 1
    assert (entities["micro"]["tp"], entities["micro"]["fp"], entities["micro"]["fn"]) == (2, 2, 2)
    assert entities["micro"]["f1"] == pytest.approx(0.5)
    relations = scores["relations"]
    assert relations["by_type"]["locatedIn"]["tp"] == 1
    assert relations["by_type"]["locatedIn"]["fp"] == 1
    assert relations["by_type"]["publishedBy"]["fn"] == 1
    assert (scores["statistics"]["tp"], scores["statistics"]["fp"],
            scores["statistics"]["fn"]) == (1, 1, 1)


def test_score_document_matches_each_gold_entity_once():
    twice = dict(PRED, entities=[PRED["entities"][0], PRED["entities"][0]])
    factory = score_document(GOLD, twice).entities["Factory"]
    assert (factory.tp, factory.fp) == (1, 1)


def test_cli_evaluate_prints_and_writes_scores(runner, tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps(GOLD, ensure_ascii=False), encoding="utf-8")
    pred = tmp_path / "extraction.json"
    pred.write_text(json.dumps({"documents": [PRED]}, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(pred)])
    assert result.exit_code == 0, result.output
    assert "micro" in result.stdout
    written = json.loads((tmp_path / "evaluation.json").read_text(encoding="utf-8"))
    assert written["entities"]["micro"]["tp"] == 2


def test_cli_evaluate_refuses_unreadable_gold(runner, tmp_path):
    gold = tmp_path / "gold.json"
    gold.write_text("{not json", encoding="utf-8")
    result = runner.invoke(app, ["evaluate", "--gold", str(gold), "--pred", str(gold)])
    assert result.exit_code == 1
    assert result.stderr.startswith("error E030:")
    assert "Traceback" not in result.output


def test_titles_match_without_a_bracketed_gloss_and_phrases_by_containment():
    gold = {"text": "t.txt",
            "entities": [{"id": "E1", "type": "Person", "name": "王新元", "aliases": []},
                         {"id": "E2", "type": "Place", "name": "唐山", "aliases": []}],
            "relations": [{"type": "authoredBy", "head": "E1", "tail": "掀起运动（讲话）",
                           "tail_is_title": True, "evidence": "x"}],
            "statistics": [{"subject": "河北唐山各陶瓷厂", "value": "8台", "metric": "m",
                            "time": "", "evidence": "x"},
                           {"subject": "E2", "value": "2座", "metric": "m", "time": "",
                            "evidence": "x"}]}
    pred = {"text": "t.txt",
            "entities": [{"id": "E1", "type": "Person", "name": "王新元", "aliases": []},
                         {"id": "E7", "type": "Place", "name": "唐山", "aliases": []},
                         {"id": "E8", "type": "Place", "name": "天津", "aliases": []}],
            "relations": [{"type": "authoredBy", "head": "E1", "tail": "掀起运动",
                           "tail_is_title": True, "evidence": "x"}],
            "statistics": [{"subject": "E7", "value": "8台", "metric": "m", "time": "",
                            "evidence": "x"},
                           {"subject": "E8", "value": "2座", "metric": "m", "time": "",
                            "evidence": "x"}]}
    scores = score_document(gold, pred).as_dict()
    assert scores["relations"]["by_type"]["authoredBy"]["tp"] == 1
    assert (scores["statistics"]["tp"], scores["statistics"]["fp"]) == (1, 1)  # 天津 ≠ 唐山
    assert scores["statistics_exact"]["tp"] == 0
