"""Builds of small corpora at scale: workers, Dask, the cache, atomic output, skip mode.

Every build here is real (no mocks). The corpora are copies of the bundled booklet, each with
a sentence of its own appended so that each copy has its own cache key.
"""

from __future__ import annotations

import difflib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import kg
import kg.batch.fingerprint
import kg.pipeline
import kg.store
from kg.cli import app
from kg.config import PACKAGE_DIR, corpus_dir
from kg.errors import ErrorCode, KGError

BOOKLET = corpus_dir() / "000_4873f08a87099aee.txt"
SENTENCES = (
    "沈阳市第二机床厂实现了生产自动化。",
    "鞍山钢铁公司试制成功新型轧钢机。",
    "天津市农具厂推广了双轮双铧犁。",
)
SAME_BYTES = ("kg.nq", "kg.trig", "kg.ttl", "kg.jsonld", "context.jsonld", "extraction.json",
              "nodes.csv", "edges.csv", "metrics.json", "graph.gexf", "graph.graphml",
              "ontology/kgmc.ttl", "ontology/index.html", "views/*.html", "links/*")
"""The files two builds of the same corpus must write byte for byte (globs allowed)."""
STAGES = ("documents", "mapping", "store", "shacl", "views")
BIGGER = 8
"""Documents of the build that is killed or interrupted once its staging folder appears."""
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"


def write_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the booklet, each ending in a sentence of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    text = BOOKLET.read_text(encoding="utf-8")
    paths = []
    for number in range(count):
        sentence = (SENTENCES[number] if number < len(SENTENCES)
                    else f"沈阳市第{number}机械厂试制成功新式车床{number}台。")
        path = folder / f"doc{number:02d}.txt"
        path.write_text(f"{text}\n{sentence}\n", encoding="utf-8")
        paths.append(path)
    return paths


def files_of(out: Path, *, skip: tuple[str, ...] = (".cache",)) -> list[str]:
    """Relative paths of the files under ``out``, leaving out the top folders ``skip``."""
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                  if p.is_file() and p.relative_to(out).parts[0] not in skip)


def selected(out: Path, patterns: tuple[str, ...] = SAME_BYTES) -> list[str]:
    return sorted({p.relative_to(out).as_posix() for pattern in patterns
                   for p in out.glob(pattern) if p.is_file()})


def assert_same_bytes(first: Path, second: Path, names: list[str]) -> None:
    """Each of ``names`` byte-identical in both folders; a short diff of the ones that differ."""
    differ = [name for name in names
              if (first / name).read_bytes() != (second / name).read_bytes()]
    assert not differ, f"differ: {differ}\n" + "\n".join(
        short_diff(first / name, second / name) for name in differ)


def short_diff(first: Path, second: Path, lines: int = 12) -> str:
    a = first.read_text(encoding="utf-8", errors="replace").splitlines()
    b = second.read_text(encoding="utf-8", errors="replace").splitlines()
    diff = list(difflib.unified_diff(a, b, str(first), str(second), n=0, lineterm=""))
    shown = [line if len(line) < 300 else line[:300] + "…" for line in diff[:lines]]
    return "\n".join(shown + ([f"… {len(diff) - lines} more diff lines"]
                              if len(diff) > lines else []))


def kg_command(*args: object) -> list[str]:
    return [sys.executable, "-m", "kg", *map(str, args)]


def run_kg(*args: object, timeout: float = 120) -> subprocess.CompletedProcess:
    """``python -m kg ARGS`` in a subprocess."""
    return subprocess.run(kg_command(*args), capture_output=True, text=True, timeout=timeout,
                          check=False)


def staging_folders(out: Path) -> list[Path]:
    """The temporary folders of builds of ``out`` (``.OUT.tmp-*``, ``.OUT.old-*``)."""
    return sorted([*out.parent.glob(f".{out.name}.tmp-*"),
                   *out.parent.glob(f".{out.name}.old-*")])


def report_of(out: Path) -> dict:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scale") / "corpus"
    write_corpus(folder, 3)
    return folder


@pytest.fixture(scope="module")
def serial(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> kg.pipeline.BuildResult:
    """The corpus built in this process, one document after another."""
    return kg.pipeline.build([corpus], out=tmp_path_factory.mktemp("serial") / "out", workers=1)


@pytest.fixture()
def cached_out(serial: kg.pipeline.BuildResult, tmp_path: Path) -> Path:
    """A copy of the serial build, cache included: a build into it analyses nothing."""
    out = tmp_path / "out"
    shutil.copytree(serial.out, out)
    return out


# parallel (forks this process: runs before the Dask cluster starts its threads)

def test_parallel_build_equals_serial_build(corpus, serial, tmp_path):
    parallel = kg.pipeline.build([corpus], out=tmp_path / "out", workers=2)
    assert parallel.report["executor"] == "2 worker processes"
    assert parallel.report["analysed"] == 3
    names = selected(serial.out)
    assert selected(parallel.out) == names
    assert {"kg.nq", "views/index.html", "links/links.csv"} <= set(names)
    assert_same_bytes(serial.out, parallel.out, names)


# Dask

def test_dask_build_equals_single_process_build(corpus, serial, tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        built = kg.pipeline.build([corpus], out=tmp_path / "out",
                                  scheduler=cluster.scheduler_address, workers=1)
    assert built.report["executor"] == f"Dask scheduler {cluster.scheduler_address}"
    assert built.report["analysed"] == 3
    names = selected(serial.out)
    assert selected(built.out) == names
    assert_same_bytes(serial.out, built.out, names)


def test_unreachable_dask_scheduler_is_e022(corpus, tmp_path):
    pytest.importorskip("distributed")
    started = time.monotonic()
    with pytest.raises(KGError) as raised:
        kg.pipeline.build([corpus], out=tmp_path / "out", scheduler="tcp://127.0.0.1:1",
                          workers=1)
    assert raised.value.code is ErrorCode.E022
    assert "tcp://127.0.0.1:1" in str(raised.value)
    assert time.monotonic() - started < 20  # the client's 10 s time-out, not a hang
    assert not (tmp_path / "out").exists()
    assert not staging_folders(tmp_path / "out")


# byte-identical across processes and hash seeds

def test_builds_in_two_processes_are_byte_identical(corpus, tmp_path):
    """Nothing a build writes depends on str hashing (set order) or on the process."""
    outs = [tmp_path / "seed1", tmp_path / "seed2"]
    builds = [subprocess.Popen(kg_command("build", corpus, "--out", out, "--workers", "1"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONHASHSEED": seed})
              for seed, out in zip(("1", "2"), outs, strict=True)]
    for build in builds:
        _, stderr = build.communicate(timeout=120)
        assert build.returncode == 0, stderr
    skip = (".cache", "store", "report.json", "report.md")
    names = files_of(outs[0], skip=skip)
    assert files_of(outs[1], skip=skip) == names
    assert {"kg.nq", "ontology/index.html", "views/graph.html"} <= set(names)
    assert_same_bytes(*outs, names)
    reports = [report_of(out) for out in outs]
    for report in reports:
        assert set(report.pop("timings")) >= set(STAGES)
    assert reports[0] == reports[1]


# a killed or interrupted build keeps the previous output

def test_killed_build_keeps_the_previous_output(corpus, tmp_path):
    out = tmp_path / "out"
    first = run_kg("build", corpus, "--out", out, "--workers", "2")
    assert first.returncode == 0, first.stderr
    nquads, listing = (out / "kg.nq").read_bytes(), files_of(out)
    bigger = tmp_path / "bigger"
    write_corpus(bigger, BIGGER)

    build = subprocess.Popen(kg_command("build", bigger, "--out", out, "--force",
                                        "--workers", "2"),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
    try:
        staging = wait_for_staging(out, build)
        os.killpg(build.pid, signal.SIGKILL)
        build.wait(timeout=30)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            build.wait()
    assert build.returncode == -signal.SIGKILL
    assert [p.name for p in staging_folders(out)] == [staging.name]  # abandoned, not removed
    assert (out / "kg.nq").read_bytes() == nquads
    assert files_of(out) == listing
    store = kg.store.open_store(out / "store")
    assert kg.query(store, "ASK { ?s ?p ?o }") is True
    del store

    third = run_kg("build", bigger, "--out", out, "--workers", "2")
    assert third.returncode == 0, third.stderr
    assert not staging.exists()
    assert staging_folders(out) == []
    report = report_of(out)
    assert report["documents"] == BIGGER
    assert report["analysed"] == 0, "the killed build's analyses were cached"
    assert (out / "kg.nq").read_bytes() != nquads


def test_interrupted_build_keeps_the_previous_output(corpus, serial, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(serial.out, out)
    nquads, listing = (out / "kg.nq").read_bytes(), files_of(out)
    bigger = tmp_path / "bigger"
    write_corpus(bigger, BIGGER)

    build = subprocess.Popen(kg_command("build", bigger, "--out", out, "--workers", "2"),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             start_new_session=True)
    try:
        wait_for_staging(out, build)
        os.killpg(build.pid, signal.SIGINT)  # Ctrl-C: the whole foreground process group
        stdout, stderr = build.communicate(timeout=60)
    finally:
        if build.poll() is None:
            os.killpg(build.pid, signal.SIGKILL)
            build.communicate()
    assert build.returncode == 130, stderr
    assert "E021" in stderr.strip().splitlines()[-1], stderr
    assert "built" not in stdout
    assert staging_folders(out) == []
    assert (out / "kg.nq").read_bytes() == nquads
    assert files_of(out) == listing


def wait_for_staging(out: Path, build: subprocess.Popen, seconds: float = 60) -> Path:
    """The staging folder of the running ``build`` of ``out``, once it appears."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = [p for p in staging_folders(out) if f".tmp-{build.pid}-" in p.name]
        if found:
            return found[0]
        if build.poll() is not None:
            pytest.fail(f"the build ended ({build.returncode}) before its staging folder "
                        "was seen")
        time.sleep(0.02)
    pytest.fail(f"no staging folder of {out} within {seconds} s")


# --on-error

def bad_files(folder: Path) -> dict[str, str]:
    """Write one file of each kind a build refuses; return name → expected code."""
    (folder / "scan.txt").write_bytes(PNG)
    (folder / "blank.txt").write_bytes(" \n\t\u3000\r\n".encode())
    (folder / "mangled.txt").write_bytes("沈阳市机床厂".encode() + b"\xff\xfe" + "试制".encode())
    return {"blank.txt": "E004", "mangled.txt": "E005", "scan.txt": "E003"}


def test_skip_mode_builds_the_rest_and_reports_each_refused_file(corpus, serial, tmp_path):
    folder = tmp_path / "texts"
    shutil.copytree(corpus, folder)
    expected = bad_files(folder)
    out = tmp_path / "out"
    shutil.copytree(serial.out, out)  # the good texts' analyses are cached

    runner = CliRunner()
    done = runner.invoke(app, ["build", str(folder), "--out", str(out), "--workers", "1",
                               "--on-error", "skip"])
    assert done.exit_code == 0, done.output
    assert "3 documents" in done.stdout
    assert f"{len(expected)} refused" in done.stdout
    report = report_of(out)
    assert report["documents"] == 3 + len(expected)
    assert {Path(f["path"]).name: f["code"] for f in report["failed"]} == expected
    markdown = (out / "report.md").read_text(encoding="utf-8")
    for name, code in expected.items():
        assert name in markdown and code in markdown, name
        assert f"skipped {folder / name}: {code}" in done.stderr

    before = {name: (out / name).read_bytes() for name in files_of(out)}
    failed = runner.invoke(app, ["build", str(folder), "--out", str(out), "--workers", "1"])
    assert failed.exit_code == 1
    last = failed.stderr.strip().splitlines()[-1]
    assert last.startswith(f"error E004: empty text: {folder / 'blank.txt'};"), failed.stderr
    assert {name: (out / name).read_bytes() for name in files_of(out)} == before
    assert staging_folders(out) == []


# the cache

def test_cache_reuses_unchanged_documents_only(corpus, cached_out, tmp_path, monkeypatch):
    folder = tmp_path / "texts"
    shutil.copytree(corpus, folder)

    def analysed(**options: object) -> int:
        report = kg.pipeline.build([folder], out=cached_out, workers=1, **options).report
        assert report["documents"] == 3
        assert report["analysed"] + report["from_cache"] == 3
        return report["analysed"]

    assert analysed() == 0
    assert report_of(cached_out)["from_cache"] == 3
    changed = folder / "doc01.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "生产效率提高了三倍。\n",
                       encoding="utf-8")
    assert analysed() == 1
    assert analysed(force=True) == 3
    # kg.pipeline looks the function up in its module at each build
    monkeypatch.setattr(kg.batch.fingerprint, "analysis_fingerprint", lambda: "other rules")
    assert analysed() == 3


def test_fingerprint_follows_the_bytes_of_the_rules(tmp_path):
    from kg.batch.fingerprint import fingerprint

    root = tmp_path / "kg"
    shutil.copytree(PACKAGE_DIR / "extract", root / "extract",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PACKAGE_DIR / "data" / "lexicons", root / "data" / "lexicons")
    sources = ("extract", "data/lexicons")
    original = fingerprint(sources, root=root)
    assert fingerprint(sources, root=root) == original
    lexicon = sorted((root / "data" / "lexicons").glob("*.csv"))[0]
    data = lexicon.read_bytes()
    lexicon.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))
    assert fingerprint(sources, root=root) != original
    lexicon.write_bytes(data)
    assert fingerprint(sources, root=root) == original


# the report

def test_report_says_what_the_build_read_found_and_checked(serial):
    report = report_of(serial.out)
    assert report == serial.report | {"timings": report["timings"]}
    for key in ("documents", "characters", "entities", "relations", "statistics", "quads",
                "shacl", "timings", "warnings"):
        assert key in report, key
    assert report["documents"] == 3 and report["failed"] == []
    text = BOOKLET.read_text(encoding="utf-8")
    assert report["characters"] > 3 * len(text.strip()) * 0.9
    assert {"Factory", "Place", "Person"} <= set(report["entities"]), report["entities"]
    assert all(isinstance(n, int) and n > 0 for n in report["entities"].values())
    assert report["relations"] > 0 and isinstance(report["statistics"], int)
    assert report["quads"] == serial.quads == (serial.out / "kg.nq").read_text(
        encoding="utf-8").count("\n")
    assert report["shacl"]["conforms"] is True
    assert set(report["timings"]) >= set(STAGES)
    assert all(seconds >= 0 for seconds in report["timings"].values())
    assert isinstance(report["warnings"], list)
    markdown = (serial.out / "report.md").read_text(encoding="utf-8")
    assert "| documents | 3 (3 analysed, 0 from the cache, 0 refused) |" in markdown


# verbosity and option errors

def test_quiet_prints_one_line_and_verbose_a_line_per_document(corpus, cached_out):
    runner = CliRunner()
    quiet = runner.invoke(app, ["build", str(corpus), "--out", str(cached_out),
                                "--workers", "1", "--quiet"])
    assert quiet.exit_code == 0, quiet.output
    assert quiet.stdout.startswith(f"built {cached_out}: 3 documents")
    assert quiet.stdout.count("\n") == 1
    assert quiet.stderr == ""
    verbose = runner.invoke(app, ["build", str(corpus), "--out", str(cached_out),
                                  "--workers", "1", "--verbose"])
    assert verbose.exit_code == 0, verbose.output
    for path in sorted(corpus.glob("*.txt")):
        lines = [line for line in verbose.stderr.splitlines() if line.startswith(path.name)]
        assert len(lines) == 1, (path.name, verbose.stderr)
        assert "characters" in lines[0] and "(cached)" in lines[0]


@pytest.mark.parametrize("options", [["--quiet", "--verbose"], ["--workers", "0"],
                                     ["--on-error", "maybe"]])
def test_bad_build_options_exit_2(corpus, tmp_path, options):
    done = CliRunner().invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out"),
                                    *options])
    assert done.exit_code == 2, done.output
    assert not (tmp_path / "out").exists()


def test_a_build_killed_mid_swap_gets_its_previous_output_back(tmp_path):
    """Killed between moving the old output aside and moving the new one in: the next build
    puts the old output back rather than deleting it with the other abandoned folders."""
    from kg.pipeline import _remove_abandoned

    out = tmp_path / "output"
    dead = 2**22 + 12345  # above Linux's default pid_max: no such process
    old, staging = tmp_path / f".output.old-{dead}", tmp_path / f".output.tmp-{dead}-x1"
    old.mkdir()
    (old / "kg.nq").write_text("previous", encoding="utf-8")
    staging.mkdir()
    _remove_abandoned(out)
    assert (out / "kg.nq").read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]
