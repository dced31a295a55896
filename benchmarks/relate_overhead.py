"""Relations and statistics against extraction: what kg.relate adds to kg.extract's time.

Loads the bundled corpus and the development texts (or any folder given), repeats the
documents to at least the requested size, and times in one run, median of N:

* ``extract``: the spaCy pipeline and the mapping of its spans to mentions with evidence;
* ``relate``: paragraph/sentence index, 该厂 resolution, every relation rule and the
  statistics reader, over the extractions of the first step.

The issue's target is relate at no more than 50% of extract's time.

    python benchmarks/relate_overhead.py [PATH ...] [--copies 10] [--runs 5]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from timing import median_seconds

from kg.config import corpus_dir
from kg.extract import extract, load_pipeline
from kg.ingest import load_documents
from kg.relate import relate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    documents = load_documents(args.paths or [corpus_dir()], max_bytes=10**8) * args.copies
    chars = sum(len(d.working) for d in documents)
    load_pipeline()
    extract(documents[:1])
    extract_s, extractions = median_seconds(lambda: extract(documents), args.runs)
    relate_s, related = median_seconds(lambda: [relate(e) for e in extractions], args.runs)
    relations = sum(len(r.relations) for r in related)
    claims = sum(len(r.statistics) for r in related)
    print(f"corpus: {len(documents)} documents, {chars:,} characters")
    print(f"extract: median {extract_s:.3f} s ({chars / extract_s / 1e3:,.0f} k chars/s)")
    print(f"relate:  median {relate_s:.3f} s ({relations:,} relations, {claims:,} statistics)")
    print(f"relate / extract: {relate_s / extract_s:.2f} (target <= 0.50)")


if __name__ == "__main__":
    main()
