"""``kg build`` on synthetic corpora of the genre: wall time, throughput, memory, quads.

For each size (default 1 and 10 MiB; 100 with ``--megabytes 1,10,100``) the script writes a
corpus with ``synthetic_corpus.py`` (the bundled booklet's paragraphs shuffled, places and the
factories named after them substituted from the gazetteer), times bare ``jieba.cut`` over
it, then runs ``kg build`` as a separate process:

- cold, with 1 worker and with 2 (``--force``, fresh output folder);
- incremental: one document changed (``mutate_one``), built again with 2 workers on the
  output of the cold build, so only that document is analysed and mapped again.

Peak memory is the largest sum of the resident memory of the build and its worker processes,
sampled every 50 ms (psutil). Throughput is the corpus's characters over the wall time; the
``documents`` stage's time (ingest, extract, relate, resolve, from report.json) is given
beside the whole build's, as is its ratio to jieba. ``python benchmarks/scale.py --help``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic_corpus import jieba_baseline, make_corpus, mutate_one  # noqa: E402


def run_build(corpus: Path, out: Path, workers: int, *, force: bool) -> dict:
    """One ``kg build`` in a child process: seconds, peak memory, and its report."""
    import psutil

    command = [sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out),
               "--workers", str(workers), "--quiet"] + (["--force"] if force else [])
    started = time.perf_counter()
    process = psutil.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                tree = [process, *process.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise SystemExit(f"kg build failed: {stderr.decode()[-2000:]}")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {"seconds": seconds, "peak_mib": peak / 2**20, "report": report}


def measure(megabytes: int, folder: Path, seed: int) -> list[dict]:
    corpus = folder / f"corpus-{megabytes}"
    info = make_corpus(megabytes * 2**20, corpus, seed=seed)
    jieba_seconds, characters = jieba_baseline(corpus)
    rows = []
    for workers in (1, 2):
        out = folder / f"out-{megabytes}-{workers}"
        result = run_build(corpus, out, workers, force=True)
        rows.append(_row(megabytes, info, f"cold, {workers} worker{'s' * (workers > 1)}",
                         result, jieba_seconds, characters))
    out = folder / f"out-{megabytes}-2"
    mutate_one(corpus, seed=seed + 1)
    result = run_build(corpus, out, 2, force=False)
    rows.append(_row(megabytes, info, "incremental, 1 document changed, 2 workers", result,
                     jieba_seconds, characters))
    return rows


def _row(megabytes: int, info, kind: str, result: dict, jieba_seconds: float,  # noqa: ANN001
         characters: int) -> dict:
    report = result["report"]
    stage = report["timings"].get("documents", 0.0)
    return {
        "corpus": f"{megabytes} MiB, {info.files} files, {characters:,} characters",
        "build": kind, "wall_s": round(result["seconds"], 2),
        "chars_per_s": round(characters / result["seconds"]),
        "documents_stage_s": round(stage, 2),
        "jieba_s": round(jieba_seconds, 2),
        "build_vs_jieba": round(jieba_seconds / result["seconds"], 3),
        "documents_stage_vs_jieba": round(jieba_seconds / stage, 3) if stage else None,
        "peak_mib": round(result["peak_mib"]), "quads": report["quads"],
        "analysed": report["analysed"], "timings": report["timings"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--megabytes", default="1,10", help="comma-separated sizes in MiB")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kg-scale-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for megabytes in (int(m) for m in args.megabytes.split(",")):
            for row in measure(megabytes, folder, args.seed):
                rows.append(row)
                print(json.dumps(row, ensure_ascii=False), flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n",
                             encoding="utf-8")
    print(f"{'build':<45} {'wall s':>8} {'chars/s':>9} {'docs s':>7} {'jieba/build':>11} "
          f"{'jieba/docs':>10} {'peak MiB':>8} {'quads':>10}")
    for row in rows:
        print(f"{row['corpus'][:12]} {row['build']:<32} {row['wall_s']:>8} "
              f"{row['chars_per_s']:>9} {row['documents_stage_s']:>7} "
              f"{row['build_vs_jieba']:>11} {row['documents_stage_vs_jieba']!s:>10} "
              f"{row['peak_mib']:>8} {row['quads']:>10}")
    os.sync()


if __name__ == "__main__":
    main()
