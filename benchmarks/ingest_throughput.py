"""Ingest throughput: decoding + normalization + offset map, in characters per second.

Builds a corpus of at least 10 MB by repeating the bundled booklet, writes it to a temporary
UTF-8 file, then times reading the bytes, decoding them and normalizing the text (NFKC, t2s,
OCR spaces, page furniture, page-break joins, offset map), on one core, best of N runs.

    python benchmarks/ingest_throughput.py [--megabytes 10] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from kg.config import corpus_dir
from kg.ingest.normalize import normalize
from kg.ingest.read import read_text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    booklet = (corpus_dir() / "000_4873f08a87099aee.txt").read_text(encoding="utf-8")
    unit = booklet + "\n\n"
    copies = int(args.megabytes * 1024 * 1024 / len(unit.encode("utf-8"))) + 1
    corpus = unit * copies
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus.txt"
        path.write_text(corpus, encoding="utf-8")
        size = path.stat().st_size
        normalize(booklet)  # warm the lazily built tables (NFKC, OpenCC) once
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            raw = read_text(path, max_bytes=size + 1)
            result = normalize(raw.text)
            times.append(time.perf_counter() - start)
    chars = len(corpus)
    best, median = min(times), statistics.median(times)
    print(f"corpus: {size / 1e6:.1f} MB UTF-8, {chars:,} characters ({copies} copies)")
    print(f"runs: {args.runs}; seconds best {best:.3f}, median {median:.3f}")
    print(f"throughput: best {chars / best / 1e6:.2f} M chars/s, "
          f"median {chars / median / 1e6:.2f} M chars/s")
    print(f"offset map: {len(result.offsets.targets):,} pieces; "
          f"page breaks joined: {result.stats.page_breaks_joined:,}")


if __name__ == "__main__":
    main()
