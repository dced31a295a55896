"""Extraction throughput: the kg spaCy pipeline against bare jieba segmentation of the same text.

Builds a corpus of at least 1 MB from the bundled booklet's working text (normalized as a
build would), cut into documents of one booklet each, then times on one core, median of N runs:

* ``jieba``: ``list(jieba.cut(text))`` for every document, the floor any jieba-based
  pipeline pays;
* ``kg``: ``nlp.pipe(documents)`` with every component of kg/extract/config.cfg (jieba
  tokenizer, gazetteers, matchers, span resolver).

The issue's target is kg at no less than half of jieba's speed. Peak memory is the process's
maximum resident set size after both runs (jieba's dictionary and the gazetteers included).

    python benchmarks/extraction_throughput.py [--megabytes 1] [--runs 5]
"""

from __future__ import annotations

import argparse
import resource

from timing import median_seconds

from kg.config import corpus_dir
from kg.extract import load_pipeline
from kg.ingest.normalize import normalize


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    booklet = (corpus_dir() / "000_4873f08a87099aee.txt").read_text(encoding="utf-8")
    working = normalize(booklet).text
    copies = int(args.megabytes * 1024 * 1024 / len(working.encode("utf-8"))) + 1
    documents = [working] * copies
    chars = sum(map(len, documents))

    import jieba

    nlp = load_pipeline()  # loads jieba's dictionary, the gazetteers and the lexicons once
    list(nlp.pipe(documents[:1]))
    jieba_s = median_seconds(lambda: [list(jieba.cut(d)) for d in documents], args.runs)[0]
    kg_s = median_seconds(lambda: list(nlp.pipe(documents)), args.runs)[0]
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"corpus: {copies} documents, {chars:,} characters "
          f"({len(''.join(documents).encode('utf-8')) / 1e6:.2f} MB UTF-8)")
    print(f"jieba.cut: median {jieba_s:.3f} s, {chars / jieba_s / 1e3:,.0f} k chars/s")
    print(f"kg pipeline: median {kg_s:.3f} s, {chars / kg_s / 1e3:,.0f} k chars/s")
    print(f"kg / jieba speed: {jieba_s / kg_s:.2f} (target >= 0.50)")
    print(f"peak RSS: {peak_mib:,.0f} MiB")


if __name__ == "__main__":
    main()
