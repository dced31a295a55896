"""Dates: 1960年2月25日, 一九五九年, 2月26日, 1960.3.3, and 去年/今年/明年 to be anchored.

A date written without its year (2月26日) or relative to the time of writing (去年) cannot be
resolved from the sentence alone; the span carries ``anchor`` = the year offset and the
extraction stage fixes it against the article's or document's own date (去年 in a 1960 text
is 1959). Values are ISO 8601 prefixes: ``1960``, ``1960-02``, ``1960-02-25``.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.charspan import CharSpan, spans_of, text_of
from kg.records import EntityType

_DIGIT = {"〇": 0, "零": 0, "○": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6,
          "七": 7, "八": 8, "九": 9}
_CN = "〇零○一二三四五六七八九十"
_NUM = rf"(?:\d{{1,2}}|[{_CN}]{{1,3}})"
_RELATIVE = {"前年": -2, "去年": -1, "今年": 0, "本年": 0, "明年": 1}

DATE = re.compile(
    rf"(?P<year>1[89]\d\d|[一][九八][{_CN}]{{2}})\s*年"
    rf"(?:\s*(?P<month>{_NUM})\s*月(?:\s*(?P<day>{_NUM})\s*[日号])?)?"
    rf"|(?P<rel>前年|去年|今年|本年|明年)(?:\s*(?P<rmonth>{_NUM})\s*月(?:\s*(?P<rday>{_NUM})\s*[日号])?)?"
    rf"|(?<![\d.年])(?P<month2>{_NUM})\s*月\s*(?P<day2>{_NUM})\s*[日号]"
    r"|(?<![\d.])(?P<dyear>1[89]\d\d)\.(?P<dmonth>1[0-2]|0?[1-9])\.(?P<dday>[12]\d|3[01]|0?[1-9])(?![\d.])"
)


def number(text: str) -> int:
    """An Arabic or Chinese numeral of a date: 25, 二十五, 十二, 一九五九.

    The patterns accept any run of numeral characters, so OCR noise such as 十十 or 一九十十
    reaches here; it is no number, and raises ValueError (not a KeyError from the digit
    table) for the caller to drop the match.

    >>> [number(t) for t in ("25", "二十五", "十二", "十", "一九五九")]
    [25, 25, 12, 10, 1959]
    >>> number("十十")
    Traceback (most recent call last):
    ...
    ValueError: not a numeral: '十十'
    """
    if text.isdigit():
        return int(text)
    try:
        if "十" in text:
            tens, _, units = text.partition("十")
            return (_DIGIT[tens] if tens else 1) * 10 + (_DIGIT[units] if units else 0)
        return int("".join(str(_DIGIT[ch]) for ch in text))
    except KeyError:  # a tens or units part of more than one character, or a second 十
        raise ValueError(f"not a numeral: {text!r}") from None


def iso(year: int | None, month: int | None, day: int | None) -> str:
    """``YYYY[-MM[-DD]]``; the year may be unknown only for anchored dates (``--MM-DD``)."""
    head = f"{year:04d}" if year is not None else "-"
    if month is None:
        return head
    return f"{head}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def _valid(month: int | None, day: int | None) -> bool:
    return (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)


class DateMatcher:
    """Mark dates; ``value`` holds what the text fixes, ``anchor`` a year offset to resolve."""

    def __call__(self, doc: Doc) -> Doc:
        spans = spans_of(doc)
        for match in DATE.finditer(text_of(doc)):
            found = _read(match)
            if found is None:
                continue
            value, anchor = found
            attrs = (("value", value),) + ((("anchor", str(anchor)),) if anchor is not None else ())
            spans.append(CharSpan(match.start(), match.end(), EntityType.DATE, attrs))
        return doc


def _read(match: re.Match[str]) -> tuple[str, int | None] | None:
    group = match.groupdict()

    def num(key: str) -> int | None:
        return number(group[key]) if group[key] else None

    try:
        if group["year"]:
            year, month, day, anchor = number(group["year"]), num("month"), num("day"), None
        elif group["rel"]:
            year, month, day, anchor = None, num("rmonth"), num("rday"), _RELATIVE[group["rel"]]
        elif group["dyear"]:
            year, month, day, anchor = int(group["dyear"]), num("dmonth"), num("dday"), None
        else:
            year, month, day, anchor = None, num("month2"), num("day2"), 0
    except ValueError:  # a garbled numeral (十十月): no date, like a month out of range
        return None
    if not _valid(month, day):
        return None
    return iso(year, month, day), anchor


def anchored(value: str, anchor: int, year: int) -> str:
    """Resolve an anchored value against the year of writing.

    >>> anchored("-", -1, 1960), anchored("--02-26", 0, 1960)
    ('1959', '1960-02-26')
    """
    return f"{year + anchor:04d}" + value.removeprefix("-")
