"""Numbers as the genre writes them: 18,231件, 5.4亿, 二千九百多个, 一个半月, 25~30%, 不到1亿.

A quantity is read from the working text (NFKC-folded, so ４５％ is already 45%) as one
pattern: an optional bound word (不到, 近, 翻), a number or a range of two, 多/余, a unit or
classifier from kg/data/lexicons/units.csv (or %, 百分之…), and a trailing qualifier (左右,
以上, 以下, 内). The value keeps the source's own characters; ``low``/``high`` give the parsed
magnitude so that a query can compare 1,100万人 with 200万人.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from kg.config import data_dir

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
CN_SMALL = {"十": 10, "百": 100, "千": 1000}
CN_LARGE = {"万": 10_000, "亿": 100_000_000}

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_CHARS = "〇零一二三四五六七八九十百千万亿几"
_VAGUE = "成千上万|成千成万|千千万万|成百上千|成百成千|千百"
"""Round figures of speech that still claim a magnitude (成千上万件改良农具, 千百件革新)."""
_NUMBER = (rf"(?:{_ARABIC})(?:[十百千]?[万亿]|[百千])?|{_VAGUE}"
           rf"|两?[{_CN_CHARS}]+(?:个半)?|两(?:个半)?"  # 两 after a number is a unit (四两)
           r"|半")
_RANGE_SEP = r"~|—|－|-|到|至"
_BOUND = "不到|不足|将近|接近|近|翻"
_QUALIFIER = "左右|以上|以下|上下|之内|内"


@dataclass(frozen=True, slots=True)
class Unit:
    """A row of units.csv: the unit, its quantity kind and its SI factor if physical."""

    name: str
    kind: str
    si: str = ""


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number of a text with its unit: working-text span, parsed bounds, qualifiers."""

    start: int
    end: int
    text: str
    low: Decimal | None
    high: Decimal | None
    unit: str
    kind: str
    bound: str = ""
    qualifier: str = ""

    @property
    def vague(self) -> bool:
        return self.low is None


@cache
def units() -> dict[str, Unit]:
    """Units and classifiers of the genre, longest first (个月 before 月)."""
    from kg.extract.lexicons import read_rows

    rows = read_rows(data_dir() / "lexicons" / "units.csv")
    table = {row["unit"]: Unit(row["unit"], row["kind"], row.get("si", "")) for row in rows}
    table.setdefault("%", Unit("%", "ratio"))
    return dict(sorted(table.items(), key=lambda item: -len(item[0])))


@cache
def quantity_pattern() -> re.Pattern[str]:
    unit_names = "|".join(re.escape(name) for name in units() if name != "%")
    return re.compile(
        rf"(?P<bound>{_BOUND})?"
        rf"(?:(?P<cnpct>百分之)(?P<pctnum>{_NUMBER})"
        rf"|(?P<num>{_NUMBER})(?P<pct1>%)?"
        rf"(?:(?P<unit1>{unit_names})?(?P<sep>{_RANGE_SEP})(?P<num2>{_NUMBER}))?)"
        rf"(?P<more>多|余)?"
        rf"(?P<unit>%|个多月|个多小时|{unit_names})?"
        rf"(?P<qualifier>{_QUALIFIER}|多|余)?")


def parse_number(text: str) -> Decimal | None:
    """The value of an Arabic or Chinese numeral; None for vague ones (几百, 两三 read low).

    >>> [str(parse_number(t)) for t in ("18,231", "5.4亿", "1千", "二千九百", "十二", "一个半")]
    ['18231', '540000000', '1000', '2900', '12', '1.5']
    >>> parse_number("几百") is None
    True
    """
    if "几" in text or re.fullmatch(_VAGUE, text):
        return None
    if text == "半":
        return Decimal("0.5")
    if text.endswith("个半"):
        whole = parse_number(text[:-2])
        return None if whole is None else whole + Decimal("0.5")
    match = re.fullmatch(rf"({_ARABIC})(.*)", text)
    if match:
        value = Decimal(match.group(1).replace(",", "")) * _multiplier(match.group(2))
        return value.quantize(Decimal(1)) if value == value.to_integral() else value
    return _chinese(text)


def _multiplier(suffix: str) -> Decimal:
    factor = Decimal(1)
    for ch in suffix:
        factor *= CN_SMALL.get(ch) or CN_LARGE.get(ch, 1)
    return factor


def _chinese(text: str) -> Decimal | None:
    """二千九百 → 2900, 十万 → 100000, 1,100万 handled above; 两三 (a span) → its low end."""
    if all(ch in CN_DIGITS for ch in text):
        if len(text) == 2 and CN_DIGITS[text[1]] == CN_DIGITS[text[0]] + 1:
            return Decimal(CN_DIGITS[text[0]])  # 两三, 三四: an approximate span
        return Decimal("".join(str(CN_DIGITS[ch]) for ch in text)) if text else None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_SMALL:
            section += (1 if digit is None else digit) * CN_SMALL[ch]
            digit = None
        elif ch in CN_LARGE:
            section += digit or 0
            total = (total + section) * CN_LARGE[ch] if total < CN_LARGE[ch] else \
                total + section * CN_LARGE[ch]
            section, digit = 0, None
        else:
            return None
    return Decimal(total + section + (digit or 0))


def _is_number(text: str) -> bool:
    """A run of numeral characters that says a number (万 or 千百 alone do not)."""
    if re.fullmatch(_VAGUE, text):
        return True
    return text == "半" or any(ch.isdigit() or ch in CN_DIGITS and ch not in "零〇" or ch in "十几"
                              for ch in text)


def find_quantities(text: str) -> list[Quantity]:
    """Every number with a unit, %, 倍 or a 万/亿 magnitude in ``text``.

    >>> [(q.text, str(q.low), q.unit) for q in find_quantities("节约劳动力200多个，提高到70%")]
    [('200多个', '200', '个'), ('70%', '70', '%')]
    """
    found = []
    table = units()
    for match in quantity_pattern().finditer(text):
        group = match.groupdict()
        number = group["pctnum"] or group["num"]
        if group["cnpct"] and number == "百":
            number = "一百"  # 百分之百
        if not number or not _is_number(number) or not _is_number(group["num2"] or "1"):
            continue
        unit = "%" if group["cnpct"] or group["pct1"] else (group["unit"] or "")
        if group["unit1"] and group["unit1"] != unit:
            continue  # 五倍至十倍 is a range; 3月至6日 is not
        more = group["more"] or ""
        if unit.startswith("个多"):  # 一个多月: more than one month
            unit, more = unit.replace("多", ""), "多"
        if not unit and number.endswith("个半"):
            unit = "个"  # 两个半厂: the classifier is inside the number
        if not unit and not re.search("[万亿]$", number):
            continue  # a bare number: a page, a list item, a year without 年
        low = parse_number(number)
        high = parse_number(group["num2"]) if group["num2"] else low
        if group["num2"] and low is not None and high is not None and high < low:
            continue  # 10-5 is not a range
        kind = table[unit].kind if unit in table else ""
        qualifier = group["qualifier"] or more
        found.append(Quantity(match.start(), match.end(), match.group(0), low, high, unit, kind,
                              group["bound"] or "", qualifier))
    return found
