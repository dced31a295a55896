"""A passage of text through every stage up to the gold format, for relation tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def read_passage(tmp_path_factory: pytest.TempPathFactory, nlp):  # noqa: ANN201
    """``read_passage(text, year)``: the passage's entities, relations and statistics, with
    entity ids replaced by names (the gold format of kg.evaluate)."""
    from kg.evaluate.gold_format import to_gold_format
    from kg.extract import extract
    from kg.ingest import load_documents
    from kg.relate import relate
    from kg.resolve import resolve

    folder = tmp_path_factory.mktemp("passages")
    counter = iter(range(10**6))

    def read(text: str, year: int | None = None) -> dict:
        path = Path(folder) / f"p{next(counter)}.txt"
        header = f"# date: {year}\n" if year else ""
        path.write_text(header + text + "\n", encoding="utf-8")
        (document,) = load_documents([path], max_bytes=10**7)
        (extraction,) = extract([document])
        graph = to_gold_format(resolve(relate(extraction)))
        names = {e["id"]: e["name"] for e in graph["entities"]}
        relations = {(r["type"], names[r["head"]],
                      r["tail"] if r.get("tail_is_title") else names[r["tail"]])
                     for r in graph["relations"]}
        statistics = [{**s, "subject": names.get(s["subject"], s["subject"])}
                      for s in graph["statistics"]]
        return {"entities": graph["entities"], "relations": relations,
                "raw_relations": graph["relations"], "statistics": statistics}

    return read
