"""Structure of booklets and plain articles: contents, headlines, bylines, dates, authors."""

from __future__ import annotations

import pytest

from kg.ingest.structure import parse_structure

BOOKLET = """大搞技术革新

地方工业出版社

1959年·上海

目录

一、上海第一机床厂的经验——解放日报1959年3月2日社论\t3
二、大闹技术革命——李明副局长3月5日在上海市技术革新大会上的讲话\t9
附:人人动手(文汇报评论员)\t15

上海第一机床厂的经验

解放日报1959年3月2日社论

上海第一机床厂的工人试制成功自动车床。效率提高三倍!

大闹技术革命

李明副局长3月5日在上海市技术革新
大会上的讲话

同志们:技术革命的高潮已经到来。

一、当前的形势

全市工厂提出建议一万多件。
"""


def test_structure_of_a_booklet():
    structure = parse_structure(BOOKLET, "b")
    assert structure.front_matter == ("大搞技术革新", "地方工业出版社", "1959年·上海")
    assert [(e.number, e.page, e.appendix) for e in structure.toc] == [
        ("一", 3, False), ("二", 9, False), ("", 15, True)]
    first, second = structure.articles
    assert (first.headline, first.newspaper, first.genre, first.date) == (
        "上海第一机床厂的经验", "解放日报", "社论", "1959-03-02")
    assert [len(p.sentences) for p in first.paragraphs] == [2]
    assert (second.author, second.author_title, second.date, second.genre) == (
        "李明", "副局长", "1959-03-05", "讲话")
    assert second.venue == "上海市技术革新大会"
    assert [p.heading for p in second.paragraphs] == [False, True, False]
    assert [p.unit_id for p in second.paragraphs] == ["b/a2/p1", "b/a2/p2", "b/a2/p3"]


@pytest.mark.parametrize("byline, fields", [
    ("《人民日报》社论", {"newspaper": "人民日报", "genre": "社论"}),
    ("中共湖南省委书记、周小舟", {"author": "周小舟", "author_title": "中共湖南省委书记"}),
    ("日期:1958-6-3 作者:张三", {"author": "张三", "date": "1958-06-03"}),
    ("大公报1958年7月1日社论", {"newspaper": "大公报", "date": "1958-07-01"}),
])
def test_structure_of_a_plain_article_reads_its_byline(byline, fields):
    text = ("# date: 1958-07-01\n# title: 钢铁工业的技术革命\n"
            f"钢铁工业的技术革命\n{byline}\n各地大搞土高炉。")
    structure = parse_structure(text, "p")
    assert dict(structure.metadata) == {"date": "1958-07-01", "title": "钢铁工业的技术革命"}
    assert structure.body_start == text.index("\n钢铁工业的技术革命\n") + 1
    (article,) = structure.articles
    assert article.headline == "钢铁工业的技术革命"
    for name, value in fields.items():
        assert getattr(article, name) == value
    assert len(article.paragraphs) == 1


def test_structure_without_byline_keeps_every_body_line():
    structure = parse_structure("技术革命万岁\n第一段。\n第二段。", "x")
    (article,) = structure.articles
    assert article.source_line == ""
    assert len(article.paragraphs) == 2


@pytest.mark.parametrize("text", [
    "",                          # a file of a bare page number ("0") normalizes to nothing
    "# date: 1960-02-26",        # metadata header lines and no text
    "目录\n一、技术革命要继续深入……3",  # contents and no article after them
])
def test_structure_of_a_text_without_body_lines_has_no_article(text):
    """Found by tests/ingest/test_fuzz.py: these crashed with a zip() length ValueError."""
    structure = parse_structure(text, "x")
    assert structure.articles == ()
