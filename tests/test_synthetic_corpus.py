"""benchmarks/synthetic_corpus.py: deterministic, of the asked size; mutate_one changes a file."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "synthetic_corpus.py"


@pytest.fixture(scope="module")
def synthetic():
    spec = importlib.util.spec_from_file_location("synthetic_corpus", _PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


def _hashes(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_bytes_and_size(synthetic, tmp_path: Path) -> None:
    first = synthetic.make_corpus(100_000, tmp_path / "a", seed=3)
    second = synthetic.make_corpus(100_000, tmp_path / "b", seed=3)
    other = synthetic.make_corpus(100_000, tmp_path / "c", seed=4)
    assert _hashes(tmp_path / "a") == _hashes(tmp_path / "b")
    assert _hashes(tmp_path / "a") != _hashes(tmp_path / "c")
    assert first.bytes == second.bytes >= 100_000 and other.bytes >= 100_000
    files = sorted((tmp_path / "a").iterdir())
    assert first.files == len(files) >= 3 and files[0].name == "doc-00001.txt"
    assert first.bytes == sum(p.stat().st_size for p in files)
    assert first.characters == sum(len(p.read_text(encoding="utf-8")) for p in files)
    assert all(20_000 <= p.stat().st_size <= 45_000 for p in files)
    assert all(p.read_text(encoding="utf-8").startswith("掀起輕工業技術革新") for p in files)
    assert first.places > 10


def test_refuses_a_folder_with_files(synthetic, tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError):
        synthetic.make_corpus(1_000, tmp_path)


def test_mutate_one_appends_new_text_to_one_file(synthetic, tmp_path: Path) -> None:
    synthetic.make_corpus(100_000, tmp_path)
    before = {p: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    changed = synthetic.mutate_one(tmp_path, seed=1)
    after = {p: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert [p for p in before if before[p] != after[p]] == [changed]
    added = after[changed][len(before[changed]):].strip()
    assert added and after[changed].startswith(before[changed].rstrip("\n"))
    assert not any(added in text for text in before.values())
