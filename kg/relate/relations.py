"""All relation rules of kg.relate, run in one place and deduplicated.

Each family lives in its own module; a rule returns MentionRelations with the quote it read
them from. Two rules may find the same link (a prefix and a sentence): the first, most local
reading is kept.
"""

from __future__ import annotations

from kg.records import MentionRelation
from kg.relate.context import Context


def relations(context: Context) -> list[MentionRelation]:
    from kg.relate import activity, industries, locations, positions, publication

    found: list[MentionRelation] = []
    seen: set[tuple] = set()
    for rule in (locations.located_in, positions.holds_position, activity.adopted,
                 activity.participated_in, industries.belongs_to_industry,
                 publication.published):
        for relation in rule(context):
            key = (relation.type, _key(relation.head), _key(relation.tail), relation.title)
            if key not in seen:
                seen.add(key)
                found.append(relation)
    return found


def _key(mention) -> tuple[str, str] | None:  # noqa: ANN001 - Mention | None
    from kg.resolve import entity_key

    return None if mention is None else entity_key(mention)
