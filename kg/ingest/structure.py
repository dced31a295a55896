"""The structure of a text of the genre: front matter, contents, articles, paragraphs.

Two shapes occur. A *booklet* opens with a title page and imprint, then 目录 (one line per
chapter: ``一、title……page``; appendices ``附：title page``), then the articles, each a
headline, a source line or byline (人民日报1960年2月25日社论; 王新元副部长2月26日在……上的
讲话; 中共湖北省委书记、张平化; 《人民日报》社论) and the body. A *plain article* is a headline
line and a body. Transcriptions may open with ``# key: value`` metadata lines; they are read as
metadata and left out of the body.

Everything here works on the working text (simplified, joined), so patterns need one form;
spans are working offsets, which the document's offset map turns into original ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ingest.normalize import HEADING
from kg.ingest.segment import sentences
from kg.records import Article, Paragraph, Structure, TocEntry

_META = re.compile(r"#\s*([A-Za-z_]+)\s*:\s*(.*)")
_TOC_HEADING = re.compile(r"目\s*录")
_TOC_ENTRY = re.compile(
    r"(?:(?P<number>[一二三四五六七八九十]+)、|附[:：])\s*(?P<title>.+?)\s*(?P<page>\d{1,3})"
)
_DATE = r"(?:(?P<year>1[89]\d\d)年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日"
_PAPER = r"(?P<paper>[\u4e00-\u9fff]{1,6}?(?:日报|晚报|报))"
_SOURCE_LINE = re.compile(
    rf"《?{_PAPER}》?\s*(?:{_DATE})?\s*(?P<genre>社论|评论员文章|评论员|评论|短评|编辑部文章)"
)
_TITLES = ("第一书记|书记处书记|副书记|书记|副部长|部长|副主任|主任|副总理|总理|副主席|主席|"
           "副厂长|厂长|工程师|局长|副局长|委员")
_SPEECH = re.compile(
    rf"(?P<person>[\u4e00-\u9fff]{{2,4}}?)(?P<title>{_TITLES})?(?:同志)?{_DATE}?"
    r"在(?P<venue>.+?)上的(?P<genre>讲话|报告|发言|总结)"
)
_AUTHOR_WITH_POST = re.compile(
    rf"(?P<org>[\u4e00-\u9fff]{{2,12}}?)(?P<title>{_TITLES})[、,，\s]\s*(?P<person>[\u4e00-\u9fff]{{2,4}})"
)
_BYLINE_DATE = re.compile(r"日期[:：]\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_YEAR = re.compile(r"(1[89]\d\d)(?:年|\.\d)")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str


def parse_structure(text: str, doc_id: str, *, year_hint: str = "") -> Structure:
    """Front matter, contents and articles of a working text.

    >>> s = parse_structure("技术革命要继续深入\\n《人民日报》社论\\n各地工厂大搞革新。", "d")
    >>> s.articles[0].headline, s.articles[0].newspaper, len(s.articles[0].paragraphs)
    ('技术革命要继续深入', '人民日报', 1)
    """
    lines = _lines(text)
    metadata: list[tuple[str, str]] = []
    while lines and (match := _META.fullmatch(lines[0].text)):
        metadata.append((match.group(1).lower(), match.group(2).strip()))
        lines.pop(0)
    body_start = lines[0].start if lines else len(text)
    year = _year(dict(metadata).get("date", "") or year_hint, lines)

    toc_at = next((i for i, line in enumerate(lines) if _TOC_HEADING.fullmatch(line.text)), None)
    toc: list[TocEntry] = []
    if toc_at is None:
        front: list[_Line] = []
        starts = [0] if lines else []
        rest = lines
    else:
        front = lines[:toc_at]
        index = toc_at + 1
        while index < len(lines) and (entry := _TOC_ENTRY.fullmatch(lines[index].text)):
            toc.append(TocEntry(
                unit_id=f"{doc_id}/toc/{len(toc) + 1}", number=entry.group("number") or "",
                title=entry.group("title").strip(), page=int(entry.group("page")),
                appendix=entry.group("number") is None))
            index += 1
        rest = lines[index:]
        starts = _article_starts(rest, toc)
    # A working text with no line left (a file holding only a page number, or only its
    # contents) has no article: without ``starts`` there is no end to pair with len(rest).
    ends = starts[1:] + [len(rest)] if starts else []
    articles = []
    for number, (first, last) in enumerate(zip(starts, ends, strict=True), start=1):
        articles.append(_article(rest[first:last], f"{doc_id}/a{number}", year))
    return Structure(front_matter=tuple(line.text for line in front),
                     imprint=tuple(_imprint([line.text for line in front]).items()),
                     toc=tuple(toc),
                     articles=tuple(articles), metadata=tuple(metadata), body_start=body_start)


def _imprint(front: list[str]) -> dict[str, str]:
    """Title page and imprint: title, dedication, publisher, place and year of publication.

    >>> found = _imprint(["大搞技术革新", "献给", "技术革新大会", "地方工业出版社", "1959年·上海"])
    >>> found["dedicated_to"], found["publisher"], found["year"], found["place"]
    ('技术革新大会', '地方工业出版社', '1959', '上海')
    """
    found: dict[str, str] = {}
    if front:
        found["title"] = front[0]
    for before, line in zip(front, front[1:], strict=False):
        if before == "献给":
            found["dedicated_to"] = line
    for line in front:
        if "publisher" not in found and (match := re.fullmatch(r"(.+?出版社)[编赠印]?", line)):
            found["publisher"] = match.group(1)
        if match := re.fullmatch(r"(1[89]\d\d)\s*年\s*[·.]?\s*([\u4e00-\u9fff]{2,4})", line):
            found["year"], found["place"] = match.groups()
    return found


def _lines(text: str) -> list[_Line]:
    lines = []
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            offset = raw.index(stripped[0])
            lines.append(_Line(position + offset, position + offset + len(stripped), stripped))
        position += len(raw) + 1
    return lines


def _year(date_hint: str, lines: list[_Line]) -> str:
    """The year that anchors month-day dates: from metadata, else the front matter."""
    if match := re.match(r"(1[89]\d\d)", date_hint):
        return match.group(1)
    for line in lines[:20]:
        if match := _YEAR.search(line.text):
            return match.group(1)
    return ""


def _key(text: str) -> str:
    return re.sub(r"[\s\"“”《》]", "", text)


def _article_starts(lines: list[_Line], toc: list[TocEntry]) -> list[int]:
    """Indexes of headline lines: lines equal to (the main part of) a contents title."""
    titles = {_key(entry.title.split("——")[0]) for entry in toc}
    titles |= {_key(entry.title) for entry in toc}
    starts = [i for i, line in enumerate(lines) if _key(line.text) in titles]
    return starts or ([0] if lines else [])


def _article(lines: list[_Line], unit_id: str, year: str) -> Article:
    headline = lines[0]
    fields: dict[str, str] = {}
    source_lines: list[str] = []
    body_from = 1
    while body_from < len(lines) and len(source_lines) < 3:
        for width in (1, 2):  # a byline may wrap onto a second line
            candidate = "".join(line.text for line in lines[body_from:body_from + width])
            if found := _byline(candidate, year):
                fields = {**found, **fields}
                source_lines.append(candidate)
                body_from += width
                break
        else:
            break
    if source_lines:
        fields["source_line"] = " / ".join(source_lines)
    body = lines[body_from:]
    paragraphs = tuple(
        Paragraph(unit_id=f"{unit_id}/p{n}", start=line.start, end=line.end,
                  sentences=tuple((line.start + s, line.start + e)
                                  for s, e in sentences(line.text)),
                  heading=_is_heading(line.text))
        for n, line in enumerate(body, start=1)
    )
    end = lines[-1].end if lines else headline.end
    return Article(unit_id=unit_id, headline=headline.text, start=headline.start, end=end,
                   paragraphs=paragraphs, **fields)


def _byline(text: str, year: str) -> dict[str, str] | None:
    if match := _SOURCE_LINE.match(text):
        return {"newspaper": match.group("paper"), "genre": match.group("genre"),
                "date": _date(match, year)}
    if match := _SPEECH.match(text):
        return {"author": match.group("person"), "author_title": match.group("title") or "",
                "venue": match.group("venue"), "genre": match.group("genre"),
                "date": _date(match, year)}
    if match := _BYLINE_DATE.search(text):
        found = {"date": "{}-{:0>2}-{:0>2}".format(*match.groups())}
        if author := re.search(r"作者[:：]\s*(?:.*[,，、]\s*)?([\u4e00-\u9fff]{2,4})$", text):
            found["author"] = author.group(1)
        return found
    if match := _AUTHOR_WITH_POST.fullmatch(text):
        return {"author": match.group("person"),
                "author_title": match.group("org") + match.group("title")}
    return None


def _date(match: re.Match[str], year: str) -> str:
    if not match.group("month"):
        return ""
    found_year = match.group("year") or year
    if not found_year:
        return ""
    return f"{found_year}-{int(match.group('month')):02d}-{int(match.group('day')):02d}"


def _is_heading(text: str) -> bool:
    return bool(HEADING.match(text)) and len(text) <= 40 and text[-1] not in "。!?！？"
