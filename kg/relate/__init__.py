"""Relations and statistics over extracted mentions, each with the words that support it."""

from __future__ import annotations

from dataclasses import replace

from kg.records import EntityType, Extraction, Mention, MentionRelation, RelationType


def relate(extraction: Extraction) -> Extraction:
    """Add the relations the mentions support (so far: a factory's place prefix)."""
    return replace(extraction, relations=tuple(located_in_by_prefix(extraction.mentions)))


def located_in_by_prefix(mentions: tuple[Mention, ...]) -> list[MentionRelation]:
    """沈阳卷烟厂 is in 沈阳: the place a factory's name starts with is where it stands.

    The evidence is the factory's own name, the shortest quote that states the link.
    """
    places = {(m.attr("working_start"), m.attr("working_end")): m
              for m in mentions if m.label == EntityType.PLACE}
    relations = []
    for factory in mentions:
        if factory.label != EntityType.FACTORY or not factory.attr("place_end"):
            continue
        place = places.get((factory.attr("working_start"), factory.attr("place_end")))
        if place is not None:
            relations.append(MentionRelation(RelationType.LOCATED_IN, factory, place,
                                             factory.evidence))
    return relations
