"""Decoding the encodings of the genre, and refusing what is not text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ErrorCode, KGError
from kg.ingest.read import collect_paths, read_text

SAMPLE = "天津自行车厂大搞生产自动线，效率提高1.5倍。\n"
TRADITIONAL = "輕工業部技術革新和技術革命誓師大會\n"


@pytest.mark.parametrize("text, encoding, data_encoding", [
    (SAMPLE, "utf-8", "utf-8"),
    (SAMPLE, "utf-8-sig", "utf-8-sig"),
    (SAMPLE, "gb18030", "gbk"),
    (TRADITIONAL, "big5", "big5"),
    (SAMPLE, "utf-16", "utf-16"),
])
def test_read_text_decodes_encodings_of_the_genre(tmp_path, text, encoding, data_encoding):
    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode(data_encoding))
    raw = read_text(path, max_bytes=10_000)
    assert raw.text == text
    assert raw.encoding == encoding


@pytest.mark.parametrize("text", ["一九五九年十月", "全国技术革新运动", "业余技术学校"])
def test_read_text_decodes_gb18030_that_opens_like_utf8(tmp_path, text):
    """Found by tests/ingest/test_fuzz.py: 一 (d2 bb), 全 (c8 ab), 业 (d2 b5) are also valid
    two-byte UTF-8, and a GB18030 file opening with one was refused as damaged UTF-8 (E005)."""
    path = tmp_path / "gb.txt"
    path.write_bytes(text.encode("gb18030"))
    raw = read_text(path, max_bytes=10_000)
    assert (raw.text, raw.encoding) == (text, "gb18030")


def _refused(path: Path, max_bytes: int = 10_000) -> KGError:
    with pytest.raises(KGError) as caught:
        read_text(path, max_bytes=max_bytes)
    return caught.value


def test_read_text_refuses_damaged_utf8_with_byte_offset(tmp_path):
    path = tmp_path / "damaged.txt"
    head = "技术革新".encode()
    path.write_bytes(head + b"\xff\xfe\xfd" + "运动".encode())
    error = _refused(path)
    assert error.code is ErrorCode.E005
    assert f"byte {len(head)}" in str(error)


@pytest.mark.parametrize("data, code", [
    (b"", ErrorCode.E004),
    (b" \n\t\n", ErrorCode.E004),
    (b"\x89PNG\r\n\x1a\n\x00\x00", ErrorCode.E003),
    (b"abc\x00def", ErrorCode.E003),
])
def test_read_text_refuses_non_text(tmp_path, data, code):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    assert _refused(path).code is code


def test_read_text_refuses_files_over_the_limit(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(SAMPLE.encode() * 100)
    error = _refused(path, max_bytes=1000)
    assert error.code is ErrorCode.E006
    assert str(path) in str(error)


def test_collect_paths_is_recursive_sorted_and_skips_hidden(tmp_path):
    for name in ("b.txt", "a/c.txt", "a/.hidden.txt", ".git/d.txt", "a/e.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(SAMPLE, encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in collect_paths([tmp_path])]
    assert found == ["a/c.txt", "b.txt"]


@pytest.mark.parametrize("make, code", [
    (lambda root: root / "missing", ErrorCode.E001),
    (lambda root: root, ErrorCode.E002),
])
def test_collect_paths_refuses_missing_and_empty(tmp_path, make, code):
    with pytest.raises(KGError) as caught:
        collect_paths([make(tmp_path)])
    assert caught.value.code is code
