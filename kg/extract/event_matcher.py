"""Events: party congresses and plenums, named meetings and rallies, wars.

Three shapes cover the genre. Party meetings are numbered (党的八届八中全会, 第八届全国代表大会第二
次会议, 八大) and get one canonical form, 中共八届八中全会 / 中共八大二次会议, whatever the
wording. Meetings named after a place (南宁会议) or held by an organization (…部技术革新誓师大会)
need the place or organization span before them, which the earlier components have marked;
a bare 现场会议 or 各种会议 is not an event. Their canonical name writes 和 for 与, the one
variation of wording the same meeting gets within a text (技术革新与/和技术革命誓师大会).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from kg.extract.charspan import CharSpan, spans_of, text_of
from kg.records import EntityType

_N = "一二三四五六七八九十"
PARTY_MEETING = re.compile(
    rf"(?:党的|中共|中国共产党)?第?(?P<congress>[{_N}]{{1,2}})\s*[届屆]\s*"
    rf"(?:(?P<plenum>[{_N}]{{1,2}})\s*中全会"
    rf"|(?:中央委员会)?第(?P<plenum2>[{_N}]{{1,2}})次全体会议"
    rf"|(?:全国)?代表大会(?:第(?P<session>[{_N}]{{1,2}})次会议)?)"
    rf"|(?<![{_N}])(?P<short>[七八九])大(?:(?P<session2>[{_N}])次会议"
    r"|(?=[”」、，。；]|的|文件|以后|以来|决议|路线))"
)
WAR = re.compile(r"第[一二]次世界大战|抗日战争|解放战争|抗美援朝战争|朝鲜战争")
MEETING_HEAD = re.compile(r"(?:誓师|代表|经验交流|现场|表彰|庆功|群英)?(?:大会|会议)")
CONVENED = re.compile(
    r"(?:召开|举行|出席|参加)了?(?:的)?((?:全国|全省|全市|全县)?[\u4e00-\u9fff]{2,16}?"
    r"(?:誓师大会|经验交流大会|经验交流会|现场会议|现场会|代表大会|表彰大会|群英会))")
"""A meeting the text says was convened (召开全国…经验交流大会): the verb marks the name's start."""
MAX_TOPIC = 16
_CLAUSE_CHARS = re.compile(r"[的在上了是向第对]|召开|举行")
"""A topic with these is a clause (…委员会向第八届全国代表大会), not a meeting's name."""


def party_meeting_name(match: re.Match[str]) -> str:
    """The canonical name: 中共八届八中全会, 中共八大, 中共八大二次会议."""
    group = match.groupdict()
    congress = group["congress"] or group["short"]
    plenum = group["plenum"] or group["plenum2"]
    if plenum:
        return f"中共{congress}届{plenum}中全会"
    session = group["session"] or group["session2"]
    # The first session is the congress itself. Compared as text, not with date_matcher's
    # number(): the pattern admits OCR noise (第十十次会议) that is no numeral; it names a later
    # session and is kept as written, as a garbled plenum is.
    if session and session != "一":
        return f"中共{congress}大{session}次会议"
    return f"中共{congress}大"


class EventMatcher:
    """Mark numbered party meetings, wars, and meetings held by a marked place or organization."""

    def __call__(self, doc: Doc) -> Doc:
        text, spans = text_of(doc), spans_of(doc)
        for match in PARTY_MEETING.finditer(text):
            spans.append(CharSpan(match.start(), match.end(), EntityType.EVENT,
                                  (("canonical", party_meeting_name(match)),)))
        for match in WAR.finditer(text):
            spans.append(CharSpan(match.start(), match.end(), EntityType.EVENT))
        for match in CONVENED.finditer(text):
            spans.append(CharSpan(match.start(1), match.end(), EntityType.EVENT,
                                  (("canonical", match.group(1).replace("与", "和")),)))
        holders = [s for s in spans if s.label in (EntityType.PLACE, EntityType.ORGANIZATION)]
        for holder in holders:
            end = _meeting_end(text, holder.end)
            if end:
                name = text[holder.start:end].replace(" ", "").replace("与", "和")
                spans.append(CharSpan(holder.start, end, EntityType.EVENT,
                                      (("canonical", name),)))
        return doc


def _meeting_end(text: str, start: int) -> int:
    """End of ``topic + 大会/会议`` right after a holder, or 0; the topic has no punctuation."""
    window = text[start:start + MAX_TOPIC + 4]
    for match in MEETING_HEAD.finditer(window):
        topic = window[:match.start()]
        if re.fullmatch(r"[\u4e00-\u9fff ]*", topic) and not _CLAUSE_CHARS.search(topic):
            return start + match.end()
        return 0
    return 0
