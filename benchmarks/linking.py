"""Linking at scale: reading the entities, aligning another dataset, reconciling a batch.

A synthetic store of the genre's shape (``kg.visualize.synthetic``, through the real mapping
and loader; setup, not timed) stands for a large build. The outside dataset is made from it:
for every entity of a sample, one record in traditional characters (a true match) and one
near miss (one character changed, a decoy), so that the scorer meets as many names that almost
agree as ones that do. Median of N runs each:

* ``read``: ``read_linkable_entities`` (SPARQL and the entity list);
* ``align``: ``align`` of the records against every entity (shortlist + scores + decisions);
* ``reconcile``: ``ReconciliationService.reconcile`` of a batch of 1,000 OpenRefine queries.

    python benchmarks/linking.py [--nodes 1000,5000] [--records 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.timing import median_seconds  # noqa: E402


def _records(entities, count: int, seed: int = 0):  # noqa: ANN001
    import opencc

    from kg.link.align import ExternalRecord

    to_traditional = opencc.OpenCC("s2t").convert

    rng = random.Random(seed)
    sample = rng.sample(entities, min(count // 2, len(entities)))
    records = []
    for number, entity in enumerate(sample):
        records.append(ExternalRecord(f"urn:true:{number}", [to_traditional(entity.name)],
                                      entity.type))
        changed = list(entity.name)
        changed[rng.randrange(len(changed))] = "甲"
        records.append(ExternalRecord(f"urn:decoy:{number}", ["".join(changed)], entity.type))
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", default="1000,5000")
    parser.add_argument("--records", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from kg.link.align import align
    from kg.link.entities import read_linkable_entities
    from kg.link.reconcile import ReconciliationService
    from kg.visualize.synthetic import build_synthetic_store

    print("| entities | read | align (records) | accepted true / decoys | reconcile 1,000 |")
    print("|---|---|---|---|---|")
    for nodes in (int(n) for n in args.nodes.split(",")):
        with tempfile.TemporaryDirectory() as folder:
            store = build_synthetic_store(nodes, Path(folder))
            read, entities = median_seconds(lambda s=store: read_linkable_entities(s),
                                            args.runs)
            records = _records(entities, args.records)
            aligned, result = median_seconds(lambda r=records, e=entities: align(r, e),
                                             args.runs)
            true = sum(c.external_id.startswith("urn:true") for c in result.accepted)
            decoys = len(result.accepted) - true
            service = ReconciliationService(entities)
            batch = {f"q{i}": {"query": r.labels[0], "type": r.type_text}
                     for i, r in enumerate(records[:1000])}
            reconciled, _ = median_seconds(lambda b=batch, s=service: s.reconcile(b), args.runs)
            print(f"| {nodes:,} | {read:.2f} s | {aligned:.2f} s ({len(records):,}) | "
                  f"{true} / {decoys} | {reconciled:.2f} s |")


if __name__ == "__main__":
    main()
