"""Factories and workshops: a place, a short name, and a production-unit suffix.

The genre names units as place + name + suffix: 沈阳卷烟厂, 西安人民搪瓷厂, 天津自行车厂.
The name part stops at function words and numbers, so generic groups (唐山各陶瓷厂,
全省14个白酒厂) and clauses (天津在很短的时间里……) are not taken for factories.

Units whose place is a village or site missing from any gazetteer (张家坝化工厂, 东窑瓷厂) or
that have no place at all (第一汽车厂) are found from the other end: a product word before the
suffix (化工, 瓷, 汽车 …) and a proper name or ordinal before that, cut at a clause edge. A
prefix ending in a toponymic character (坝, 屯, 村, 桥 …) is marked as a place too.

Workshops (车间) are units of their factory: 四平油酒厂李川江车间, 洛阳拖拉机厂的金工车间,
该厂电炉车间. The span is the workshop words; the canonical name carries the factory in front
when the text gives it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Doc

from kg.extract.boundary import MEASURE_CHARS, STOP_CHARS, grow_left
from kg.extract.charspan import CharSpan, spans_of, text_of
from kg.records import EntityType

SUFFIXES = ("工厂", "盐场", "合作社", "作坊", "车间", "公司", "厂", "场", "社", "矿")
"""Production-unit suffixes, longest first so 工厂 wins over 厂."""

_NAME_CHAR = r"[\u4e00-\u9fff]"
_STOP_CHARS = "的了在和与是等各个们及或为有到从对把被向由将要也都就已还又这那其该本全每"
_NOT_A_UNIT = re.compile(
    r"(?:市|广|会|战|现|剧|操|立|机|农贸|商)场$|(?:公|出版|报|通讯|新华|旅)社$"
)
MAX_NAME = 8
PRODUCT_SUFFIXES = re.compile(r"(?:工厂|厂|公司|盐场|矿)(?![长房区内外里部商家])")
TOPONYMIC_ENDINGS = "坝屯村庄镇桥沟湾口港店集堡寨铺岭岗塘窑坪垭岘峪洼滩圩"
_UNLIKELY_NAME = re.compile(r"^(?:今年|去年|明年|新建|扩建|改建|全国|全省|全市|许多|一些|这些|"
                            r"各地|有的|个别|原有|现有|大型|中型|小型|地方|国营|公社)")
_NOT_IN_NAME = re.compile(r"某|工业|建立|建设|新建|扩建|成立|开办|兴办|创办|并入|所有|一切|"
                          r"小型|大型|中型")
"""Words of a clause, not of a name: 地方工业建立小型油厂, 现并入…公司; 某 hides the name."""
_WORKSHOP = re.compile(rf"(?:(?![{_STOP_CHARS}]){_NAME_CHAR}){{2,4}}?车间")
SINGLE_CHAR_PRODUCTS = "瓷纸酒鞋钢铁油盐糖茶布煤砖瓦电药"
"""Products named by one character (唐山瓷厂, 吉林纸厂); longer ones come from the lexicons."""
_FACTORY_ANAPHORA = ("该厂", "本厂", "这个厂", "全厂")
_ABOVE_CITY = frozenset({"province", "region", "country"})


class FactoryMatcher:
    """Mark factories and workshops; attrs give the place prefix and canonical name."""

    def __init__(self, max_name: int = MAX_NAME, products: Iterable[str] = ()) -> None:
        suffix = "|".join(SUFFIXES)
        self.pattern = re.compile(
            rf"(?:(?![{_STOP_CHARS}]){_NAME_CHAR}){{1,{max_name}}}?(?:{suffix})"
        )
        ordered = sorted({p for p in products if p} | set(SINGLE_CHAR_PRODUCTS),
                         key=len, reverse=True)
        self.products = re.compile("(?:" + "|".join(map(re.escape, ordered)) + ")$")

    def __call__(self, doc: Doc) -> Doc:
        text, spans = text_of(doc), spans_of(doc)
        places = [span for span in spans if span.label == EntityType.PLACE]
        starts = {place.start for place in places}
        factories = []
        for place in places:
            if place.end in starts and place.attr("level") in _ABOVE_CITY:
                continue  # 湖南湘潭电机厂 is 湘潭电机厂; the province stays a place of its own
            match = self.pattern.match(text, place.end)
            if match is None or _NOT_A_UNIT.search(match.group()) or "某" in match.group():
                continue
            factories.append(CharSpan(place.start, match.end(), EntityType.FACTORY, (
                ("place", place.attr("canonical")), ("place_end", str(place.end)),
            )))
        covered = {f.end for f in factories}
        for factory, place in self._by_product(text, covered):
            factories.append(factory)
            if place is not None:
                spans.append(place)
        factories += list(self._workshops(text, factories))
        spans.extend(factories)
        return doc

    def _by_product(self, text: str, covered: set[int]):
        """Units named by a product word (张家坝化工厂), with a toponymic prefix as a place."""
        for match in PRODUCT_SUFFIXES.finditer(text):
            if match.end() in covered or match.group() == "矿" and text[match.end() - 2] == "煤":
                continue
            head = match.start() + (1 if match.group() == "工厂" else 0)  # 化工|厂, not 化|工厂
            start = grow_left(text, head, MAX_NAME, STOP_CHARS + MEASURE_CHARS)
            stem = text[start:head]
            product = self.products.search(stem)
            if product is None:
                continue
            proper = stem[:product.start()]
            if len(proper) < 2 or _UNLIKELY_NAME.match(stem) or _NOT_IN_NAME.search(stem):
                continue
            place = None
            attrs: tuple[tuple[str, str], ...] = ()
            if proper[-1] in TOPONYMIC_ENDINGS and 2 <= len(proper) <= 3:
                place = CharSpan(start, start + len(proper), EntityType.PLACE,
                                 (("canonical", proper), ("level", "locality")))
                attrs = (("place", proper), ("place_end", str(start + len(proper))))
            yield CharSpan(start, match.end(), EntityType.FACTORY, attrs), place

    @staticmethod
    def _workshops(text: str, factories: list[CharSpan]):
        owners = [(f.end + (text.startswith("的", f.end)), text[f.start:f.end])
                  for f in factories]
        owners += [(m.end(), "") for m in re.finditer("|".join(_FACTORY_ANAPHORA), text)]
        for position, owner in owners:
            if match := _WORKSHOP.match(text, position):
                yield CharSpan(position, match.end(), EntityType.FACTORY, (
                    ("canonical", owner + match.group()), ("workshop", "true")))
