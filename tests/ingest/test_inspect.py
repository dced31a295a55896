"""kg inspect on the bundled booklet, on re-encoded copies, and on bad input."""

from __future__ import annotations

import json

import pytest

from kg.cli import app
from kg.config import corpus_dir
from kg.ingest.inspect import inspect

BOOKLET = corpus_dir() / "000_4873f08a87099aee.txt"

# Every paragraph the booklet cuts at a page end: the last characters before the break.
PAGE_BREAK_ENDS = ["技术革新和", "不但增产", "縫紉业", "必需的材料，供", "手工操作比重",
                   "产品产量都", "政治觉悟和", "124項革", "重体力劳动的", "新企业、新区",
                   "不断地"]


@pytest.fixture(scope="module")
def booklet() -> dict:
    (document,) = inspect([BOOKLET])["documents"]
    return document


def test_inspect_finds_the_articles_with_dates_and_authors(booklet):
    editorial, speech = booklet["articles"]
    assert editorial["headline"] == "开展一个手工操作机械化半机械化的全民运动"
    assert (editorial["newspaper"], editorial["genre"], editorial["date"]) == (
        "人民日报", "社论", "1960-02-25")
    assert speech["headline"] == "掀起轻工业技术革新和技术革命的群众运动"
    assert (speech["author"], speech["author_title"], speech["date"]) == (
        "王新元", "副部长", "1960-02-26")
    assert speech["venue"] == "轻工业部技术革新与技术革命誓师大会"
    assert editorial["paragraphs"] >= 8 and speech["paragraphs"] >= 30
    original = BOOKLET.read_text(encoding="utf-8")
    assert original[speech["start"]:].startswith("掀起輕工业技术革新和技")


def test_inspect_reads_the_title_page_and_imprint(booklet):
    assert booklet["imprint"] == {
        "title": "掀起轻工业技术革新和技术革命的群众运动",
        "dedicated_to": "轻工业部技术革新和技术革命誓师大会",
        "publisher": "轻工业出版社", "year": "1960", "place": "北京"}


def test_inspect_reads_the_table_of_contents(booklet):
    toc = booklet["toc"]
    assert len(toc) == 15
    assert [entry["number"] for entry in toc if not entry["appendix"]] == [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
    assert sum(entry["appendix"] for entry in toc) == 3
    assert [entry["page"] for entry in toc] == sorted(entry["page"] for entry in toc)
    assert toc[3]["title"].startswith("歇锁手的解放")


def test_inspect_joins_every_page_break(booklet):
    joins = booklet["page_breaks"]
    assert len(joins) == len(PAGE_BREAK_ENDS) > 10
    original = BOOKLET.read_text(encoding="utf-8")
    for join, ending in zip(joins, PAGE_BREAK_ENDS, strict=True):
        assert original[:join["start"]].endswith(ending)
        assert original[join["start"]:join["end"]].strip() == ""
        assert "\n" not in join["repaired"].split("。")[0]


def _representable(text: str, encoding: str) -> str:
    """The lines of ``text`` that ``encoding`` can write (Big5 has no simplified forms)."""
    kept = []
    for line in text.split("\n"):
        try:
            line.encode(encoding)
        except UnicodeEncodeError:
            continue
        kept.append(line)
    return "\n".join(kept)


@pytest.mark.parametrize("encoding, detected", [
    ("gbk", "gb18030"), ("big5", "big5"), ("utf-16", "utf-16"), ("utf-8-sig", "utf-8-sig"),
])
def test_inspect_gives_the_same_result_in_every_encoding(tmp_path, encoding, detected):
    text = _representable(BOOKLET.read_text(encoding="utf-8"), encoding)
    reference = tmp_path / "utf8" / "booklet.txt"
    reference.parent.mkdir()
    reference.write_text(text, encoding="utf-8")
    encoded = tmp_path / encoding / "booklet.txt"
    encoded.parent.mkdir()
    encoded.write_bytes(text.encode(encoding))
    (expected,) = inspect([reference])["documents"]
    (found,) = inspect([encoded])["documents"]
    assert found["encoding"] == detected
    for key in ("toc", "articles", "page_breaks", "normalization", "front_matter"):
        assert found[key] == expected[key], key


def test_cli_inspect_json_and_text(runner):
    result = runner.invoke(app, ["inspect", str(BOOKLET), "--format", "json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["schema"] == "kg-inspect/1"
    assert report["documents"][0]["normalization"]["page_breaks_joined"] == 11
    text = runner.invoke(app, ["inspect", str(BOOKLET)])
    assert "page breaks joined: 11" in text.stdout
    assert "人民日报 社论  1960-02-25" in text.stdout


def _bad(tmp_path, kind):
    path = tmp_path / f"{kind}.txt"
    if kind == "zero-bytes":
        path.write_bytes(b"")
    elif kind == "blank":
        path.write_text("\n \u3000\n", encoding="utf-8")
    elif kind == "png":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    elif kind == "broken-utf8":
        path.write_bytes("技术革新".encode() + b"\xc3\x28" + "运动".encode())
    elif kind == "huge":
        with path.open("wb") as handle:  # sparse: no 200 MB written to disk
            handle.truncate(200 * 1024 * 1024)
    elif kind == "no-txt":
        path = tmp_path / "folder"
        path.mkdir()
        (path / "scan.pdf").write_bytes(b"%PDF-1.4")
    else:
        path = tmp_path / "missing.txt"
    return path


@pytest.mark.parametrize("kind, code", [
    ("zero-bytes", "E004"), ("blank", "E004"), ("png", "E003"), ("broken-utf8", "E005"),
    ("huge", "E006"), ("no-txt", "E002"), ("missing", "E001"),
])
def test_cli_inspect_bad_input_is_a_coded_one_line_error(runner, tmp_path, kind, code):
    path = _bad(tmp_path, kind)
    result = runner.invoke(app, ["inspect", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error {code}:")
    assert str(path) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
