"""locatedIn: where factories, organizations and places are, as the text says it.

- a name that starts with a place: 沈阳卷烟厂, 吉林日报, 长芦塘沽盐场 (each place of the prefix);
- a workshop named after its factory is where the factory is (四平油酒厂李川江车间);
- a larger place written right before a smaller one: 河北唐山, 四川自贡, 山东寿张县;
- a province and a city or county of it in one paragraph, when the gazetteer agrees;
- a factory without a place of its own, named in a paragraph about the factories of a place
  (四川自贡各盐厂 … 如张家坝化工厂), is in that place;
- a publisher is where the imprint says it published (1960年·北京).
"""

from __future__ import annotations

import re

from kg.extract.gazetteer import LEVEL_RANK
from kg.records import EntityType, Mention, MentionRelation, RelationType
from kg.relate.context import Context, end_of, start_of
from kg.resolve import canonical_name

_GROUP = re.compile(r"各[\u4e00-\u9fff]{0,4}(?:厂|场|矿|社)|的[\u4e00-\u9fff]{1,6}(?:行业|业)")


def located_in(context: Context) -> list[MentionRelation]:
    return [*_by_prefix(context), *_workshops(context), *_place_pairs(context),
            *_group_members(context), *_imprint(context)]


def _relation(head: Mention, tail: Mention, context: Context, start: int, end: int,
              basis: str) -> MentionRelation:
    return MentionRelation(RelationType.LOCATED_IN, head, tail, context.evidence(start, end),
                           attrs=(("basis", basis),))


def _prefix_places(context: Context, unit: Mention) -> list[Mention]:
    """The places a factory's or organization's name starts with (长芦, 塘沽 of 长芦塘沽盐场)."""
    places = sorted(context.nested_in(unit, EntityType.PLACE), key=start_of)
    chain, position = [], start_of(unit)
    if unit.label == EntityType.ORGANIZATION and context.text.startswith("中共", position):
        position += 2
    for place in places:
        if start_of(place) != position:
            break
        chain.append(place)
        position = end_of(place)
    return chain


def _by_prefix(context: Context) -> list[MentionRelation]:
    found = []
    for unit in context.mentions:
        if unit.label not in (EntityType.FACTORY, EntityType.ORGANIZATION) or unit.attr("anaphor"):
            continue
        for place in _prefix_places(context, unit):
            found.append(_relation(unit, place, context, start_of(unit), end_of(unit), "name"))
    return found


def _workshops(context: Context) -> list[MentionRelation]:
    found = []
    factories = {end_of(m): m for m in context.mentions if m.label == EntityType.FACTORY}
    for workshop in context.mentions:
        factory = factories.get(start_of(workshop)) if workshop.attr("workshop") else None
        if factory is None:
            continue
        for place in _prefix_places(context, factory):
            found.append(_relation(workshop, place, context, start_of(factory),
                                   end_of(workshop), "name"))
    return found


def _rank(place: Mention) -> int:
    return LEVEL_RANK.get(place.attr("level"), 9)


def _within(small: Mention, large: Mention) -> bool:
    """The gazetteer does not contradict ``small`` lying in ``large``."""
    if _rank(large) >= _rank(small) or canonical_name(small) == canonical_name(large):
        return False
    small_code, large_code = small.attr("code"), large.attr("code")
    if small_code and large_code and _rank(large) >= 0:
        digits = 2 if _rank(large) == 0 else 4
        return small_code[:digits] == large_code[:digits]
    return True


def _place_pairs(context: Context) -> list[MentionRelation]:
    places = [m for m in context.mentions if m.label == EntityType.PLACE]
    by_start = {start_of(m): m for m in places}
    found = []
    for large in places:
        small = by_start.get(end_of(large))
        if small is not None and _within(small, large):
            found.append(_relation(small, large, context, start_of(large), end_of(small), "text"))
    for span in context.paragraphs:
        inside = context.mentions_in(span.start, span.end, (EntityType.PLACE,))
        provinces = [m for m in inside if _rank(m) == 0 and m.attr("code")]
        for small in inside:
            large = next((p for p in provinces if small.attr("code") and _within(small, p)),
                         None)
            if large is not None:
                sentence = context.sentence(start_of(small))
                found.append(_relation(small, large, context, sentence.start, sentence.end,
                                       "paragraph+gazetteer"))
    return found


def _group_members(context: Context) -> list[MentionRelation]:
    """四川自贡各盐厂 … 如张家坝化工厂: a factory named after a place's group of factories."""
    found = []
    for paragraph in context.paragraphs:
        top = context.top_in(paragraph.start, paragraph.end)
        group_place = None
        for mention in top:
            if mention.label == EntityType.PLACE and _GROUP.match(context.text, end_of(mention)):
                group_place = mention
            elif (mention.label == EntityType.FACTORY and group_place is not None
                  and not mention.attr("anaphor")
                  and not any(p.attr("code") for p in _prefix_places(context, mention))):
                sentence = context.sentence(start_of(mention))
                found.append(_relation(mention, group_place, context, sentence.start,
                                       sentence.end, "context"))
    return found


def _imprint(context: Context) -> list[MentionRelation]:
    """The publisher of a book is in the place of its imprint line (1960年·北京), as the
    structure stage read it; the evidence is that line."""
    imprint = dict(context.document.structure.imprint)
    publisher, place, year = imprint.get("publisher"), imprint.get("place"), imprint.get("year")
    if not (publisher and place and year):
        return []
    heads = [m for m in context.mentions if m.label == EntityType.ORGANIZATION
             and canonical_name(m) == publisher]
    for paragraph in context.paragraphs[:40]:
        if not heads or year not in context.text[paragraph.start:paragraph.end]:
            continue
        places = [m for m in context.top_in(paragraph.start, paragraph.end, (EntityType.PLACE,))
                  if canonical_name(m) == place]
        if places:
            return [_relation(heads[0], places[0], context, paragraph.start, paragraph.end,
                              "imprint")]
    return []
