"""belongsToIndustry: the trade a factory's own name states (造纸厂, 卷烟厂, 盐场, 酒厂).

The product word of the name (what comes before 厂/场 once the place is taken off) is matched
against the industries the document names: 造纸 against 造纸工业, 卷烟 against 卷烟, and a
one-character product (酒, 纸, 盐) against an industry ending in it (白酒生产, 造纸工业, 盐业).
Only industries the text itself names are used, so the tail always has a quote of its own.
"""

from __future__ import annotations

import re

from kg.records import EntityType, Mention, MentionRelation, RelationType
from kg.relate.context import Context, end_of, start_of

_SUFFIX = re.compile(r"第?[一二三四五六七八九十\d]*(?:总厂|分厂|工厂|厂|盐场|场|矿|社|公司)$")
"""The unit word and a number before it: 天津第三棉纺厂 and 桦甸石油九厂 make 棉纺, 石油."""
_INDUSTRY_ENDS = ("工业", "行业", "生产", "业")
_ONE_CHARACTER_PRODUCTS = "酒纸盐糖油烟茶瓷布药鞋煤"
"""Products the genre names with one character in factory names (酒厂, 纸厂, 盐场)."""


def belongs_to_industry(context: Context) -> list[MentionRelation]:
    from kg.resolve import canonical_name

    industries: dict[str, Mention] = {}
    for mention in context.mentions:
        if mention.label == EntityType.INDUSTRY:
            industries.setdefault(canonical_name(mention), mention)
    cores = {name: _core(name) for name in industries}
    found = []
    for factory in context.mentions:
        if factory.label != EntityType.FACTORY or factory.attr("anaphor"):
            continue
        product = _product(context, factory)
        if not product:
            continue
        matches = [name for name, core in cores.items() if core and _fits(product, core)]
        if len(matches) == 1:
            found.append(MentionRelation(RelationType.BELONGS_TO_INDUSTRY, factory,
                                         industries[matches[0]],
                                         context.evidence(start_of(factory), end_of(factory)),
                                         attrs=(("basis", "name"),)))
    return found


def _product(context: Context, factory: Mention) -> str:
    name = context.text[start_of(factory):end_of(factory)]
    if factory.attr("workshop"):
        return ""
    place_end = factory.attr("place_end")
    if place_end:
        name = context.text[int(place_end):end_of(factory)]
    return _SUFFIX.sub("", name)


def _core(industry: str) -> str:
    for end in _INDUSTRY_ENDS:
        if industry.endswith(end) and len(industry) > len(end):
            return industry[:-len(end)]
    return industry


def _fits(product: str, core: str) -> bool:
    if len(core) >= 2 and product.endswith(core):
        return True
    last = product[-1:]
    return bool(last) and last in _ONE_CHARACTER_PRODUCTS and core.endswith(last)
