"""Innovations: the machines, devices and methods a text says were made, adopted or spread.

A device is a name ending in a device head (…粉碎机, …煤气炉, …自动线, …装置) that a
sentence ties to an act of innovation: a trigger before it in the same sentence (制成, 试制,
创造, 采用, 推广, 实现, 出现 …) or a tally after it (一项, 试验成功). Methods come three ways
in the genre: named in quotes beside words like 项目/方法 (“一机多用”, “四角打眼”等…方法), listed
before 等新技术/等…方法, or written as a concrete ``…化`` after 实现 (动力电气化). Generic words
(机器, 设备, 工具 alone, 机械化) and plurals (各种简易工具) are never innovations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc

from kg.extract.boundary import MEASURE_CHARS, STOP_CHARS, grow_left
from kg.extract.charspan import CharSpan, spans_of, text_of
from kg.extract.lexicon import Lexicon
from kg.records import EntityType

TRIGGERS = re.compile(r"制成功|制成|制造|创造|创制|试制|试验成功|研究成功|改进|改制|改装|自制|"
                      r"采用|推广|"
                      r"推行|实现|出现|发明|造出|大搞|搞成|搞出|装上|安装|使用|利用|革新|掌握")
AFTER_TRIGGERS = re.compile(r"”?(?:一项|的创造|的发明)")
LATER_TRIGGERS = re.compile(r"试验成功|研制成功|试制成功|制成功|投入生产")
_LEADING = re.compile(
    r"^(?:制成功?|制造|创造了?|创制|试制成功|试制|改进|改制|改装|自制|采用了?|推广了?|实现了?|"
    r"出现|发明了?|造出|大搞|搞成|装上|安装|使用|利用|用|仅|就|又|还|已|全部|一批|一种|这种|"
    r"新的|新式|大型|小型|大量|有|将)+")
_PLURAL_BEFORE = ("各种", "许多", "一些", "大批", "不少", "多种", "几种", "各式")
_SIZE_WORDS = re.compile(r"^(?:小|大|新|土|洋|简易|简单)+")
_FOLLOW_OK = re.compile(r"[^\u4e00-\u9fff]|[的和与及等一已也都就在是了被把将为由从代替提高制全试投"
                        r"共计各每台部座件套架辆只个种项用进来去上下中后前之使能可比还又并而，]")
GENERIC_PROCESSES = frozenset(
    "机械化 半机械化 自动化 半自动化 现代化 连续化 工业化 集体化 合作化 公社化 革命化 水利化 "
    "电气化 化学化 绿化 大众化 专业化 正规化 多样化 简单化 复杂化 合理化 标准化 系列化".split())
_NAME_STOP = STOP_CHARS.replace("全", "") + MEASURE_CHARS
"""全 may begin a device name (全煤气炉), unlike other names."""
_INNER_CUT = re.compile(TRIGGERS.pattern + r"|使用|能够|一切|过去|现在|目前|已经|正在|大闹|进行|"
                                          r"厂|着|当|一方面|成功")
_COUNT_CLAUSE = re.compile(
    r"\s*(?:\d[\d,.]*|[一二三四五六七八九十两几百千万]+)[" + MEASURE_CHARS + "]")
QUOTED = re.compile(r"“([\u4e00-\u9fff]{2,12})”")
_QUOTE_BEFORE = re.compile(
    r"(?:项目|革新)[^，。；“”]{0,2}[如有:：]$|(?:使用|推广|采用|发明|创造|试验)了?$")
_LIST_TAIL = re.compile(
    r"等[^，。；“”]{0,14}?(?:方法|办法|项目|技术|工艺)|的?(?:方法|办法|做法|工艺)(?![师员])")
ENUMERATION = re.compile(
    r"(?:方面|例如|如|：)((?:[\u4e00-\u9fff]{2,12}、)+[\u4e00-\u9fff]{2,12})等(?:新的|先进的|新)"
    r"[^，。；]{0,6}?(?:技术|方法|办法|工艺|设备|工具)")
CONCRETE_PROCESS = re.compile(r"实现了?(?:全部|普遍)?([\u4e00-\u9fff]{1,6}?化)(?![\u4e00-\u9fff])")
METHOD = re.compile(r"([\u4e00-\u9fff]{3,10})法(?![\u4e00-\u9fff])")
_NOT_METHOD = ("办法", "方法", "做法", "作法", "看法", "说法", "想法", "用法", "手法", "土法",
               "洋法", "宪法", "语法", "书法", "技法", "合法", "非法", "违法", "依法", "疗法")
MAX_MODIFIER = 12


class InnovationMatcher:
    """Mark innovations; ``kind`` says how each was recognised (device, quoted, listed …)."""

    def __init__(self, heads: Iterable[str], generic: Iterable[str]) -> None:
        self.generic = frozenset(generic)
        self.heads: Lexicon[str] = Lexicon()
        for head in heads:
            self.heads.add(head, head)

    def __call__(self, doc: Doc) -> Doc:
        text, spans = text_of(doc), spans_of(doc)
        for start, end, kind in self._devices(text):
            spans.append(_innovation(text, start, end, kind))
        for start, end, kind in self._methods(text):
            spans.append(_innovation(text, start, end, kind))
        return doc

    def _devices(self, text: str):
        for head_start, end, _ in self.heads.scan(text):
            head = text[head_start:end]
            if end < len(text) and not _FOLLOW_OK.match(text, end):
                continue
            start = grow_left(text, head_start, MAX_MODIFIER, _NAME_STOP)
            modifier = text[start:head_start]
            cuts = list(_INNER_CUT.finditer(modifier))
            trimmed = _LEADING.sub("", modifier[cuts[-1].end():] if cuts else modifier)
            start = head_start - len(trimmed)
            name = text[start:end]
            if not self._is_named(name, head, trimmed):
                continue
            if text[max(0, start - 2):start] in _PLURAL_BEFORE:
                continue
            if _triggered(text, start, end):
                yield start, end, "device"

    def _is_named(self, name: str, head: str, modifier: str) -> bool:
        if name in self.generic:
            return False
        if head in self.generic:  # 饲养工具 is generic, 白酒生产机械化木制设备 is not
            return len(_SIZE_WORDS.sub("", modifier)) >= 4
        if len(head) == 1:
            return len(_SIZE_WORDS.sub("", modifier)) >= 2
        return True

    def _methods(self, text: str):
        for match in QUOTED.finditer(text):
            first, last = _quote_list(text, match.start(), match.end())
            if (_QUOTE_BEFORE.search(text[max(0, first - 12):first])
                    or _LIST_TAIL.match(text, last)):
                yield match.start(1), match.end(1), "quoted"
        for match in ENUMERATION.finditer(text):
            offset = match.start(1)
            for item in match.group(1).split("、"):
                trimmed = _LEADING.sub("", item)
                start = offset + len(item) - len(trimmed)
                if len(trimmed) >= 2 and trimmed not in GENERIC_PROCESSES:
                    yield start, start + len(trimmed), "listed"
                offset += len(item) + 1
        for match in CONCRETE_PROCESS.finditer(text):
            name = match.group(1)
            thing = name[:-1]  # 车子化 = carts everywhere: a slogan, not a named process
            if (name not in GENERIC_PROCESSES and not name.endswith(("机械化", "自动化"))
                    and not any(thing.endswith(g) for g in self.generic)):
                yield match.start(1), match.end(1), "process"
        for match in METHOD.finditer(text):
            name = _LEADING.sub("", match.group(1))
            start = match.end() - len(name) - 1
            if not (name + "法").endswith(_NOT_METHOD) and _triggered(text, start, match.end()):
                yield start, match.end(), "method"


def _quote_list(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the list of quoted items (“甲”、“乙”、“丙”) that one quote belongs to."""
    while start >= 2 and text[start - 1] in "、，" and text[start - 2] == "”":
        opening = text.rfind("“", max(0, start - 16), start - 2)
        if opening == -1:
            break
        start = opening
    while (end + 1 < len(text) and text[end] in "、，" and text[end + 1] == "“"
           and (closing := text.find("”", end + 2, end + 16)) != -1):
        end = closing + 1
    return start, end


def _clause_start(text: str, start: int) -> int:
    """Start of the clause around ``start``; a clause that opens with a count (70座…, 2座…)
    continues the list of the clause before it, so the search goes back over it."""
    clause = max(text.rfind(ch, 0, start) for ch in "。！？；，\n") + 1
    for _ in range(3):
        if clause == 0 or text[clause - 1] != "，" or not _COUNT_CLAUSE.match(text, clause):
            break
        clause = max(text.rfind(ch, 0, clause - 1) for ch in "。！？；，\n") + 1
    return clause


def _triggered(text: str, start: int, end: int) -> bool:
    window = text[max(_clause_start(text, start), start - 40):start]
    sentence_end = min((i for i in (text.find(ch, end) for ch in "。！？；\n") if i != -1),
                       default=len(text))
    return bool(TRIGGERS.search(window) or AFTER_TRIGGERS.match(text, end)
                or LATER_TRIGGERS.search(text, end, min(sentence_end, end + 24)))


def _innovation(text: str, start: int, end: int, kind: str) -> CharSpan:
    return CharSpan(start, end, EntityType.INNOVATION,
                    (("canonical", text[start:end].replace(" ", "")), ("kind", kind)))
