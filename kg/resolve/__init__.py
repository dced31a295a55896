"""Resolution: mentions of one thing become one entity with every surface form as alias.

Within a document, mentions merge by (type, canonical name); the canonical name is the
gazetteer's short form for places (沈阳 for 沈阳市) and the working text (simplified, without
OCR spaces) otherwise. Across documents, entities with the same key get the same IRI in the
RDF stage, which is where the merge across documents happens. Nothing is merged on a guess.
"""

from __future__ import annotations

from kg.records import DocumentGraph, Entity, EntityType, Extraction, Mention, Relation, Statistic

EntityKey = tuple[str, str]


def canonical_name(mention: Mention) -> str:
    return mention.attr("canonical") or mention.text


def entity_key(mention: Mention) -> EntityKey:
    return (mention.label.value, canonical_name(mention))


SHORT_FORM_TYPES = (EntityType.INNOVATION,)
"""Types whose short forms name the long one (成堆干馏法 and 油页岩成堆干馏法: one method)."""


def short_forms(mentions: tuple[Mention, ...]) -> dict[EntityKey, EntityKey]:
    """Keys of names that end one, and only one, longer name of the same type in a document.

    粉碎机 beside both 原料粉碎机 and 粗料粉碎机 is left alone: that would be a guess.
    """
    keys = {entity_key(m) for m in mentions if m.label in SHORT_FORM_TYPES}
    merged = {}
    for key in keys:
        longer = [other for other in keys
                  if other[0] == key[0] and other[1] != key[1] and other[1].endswith(key[1])]
        if len(key[1]) >= 3 and len(longer) == 1:
            merged[key] = longer[0]
    return merged


def resolve(extraction: Extraction) -> DocumentGraph:
    """Group the mentions of one document into entities numbered in order of appearance."""
    grouped: dict[EntityKey, list[Mention]] = {}
    merged = short_forms(extraction.mentions)
    for mention in sorted(extraction.mentions, key=lambda m: (m.evidence.start, m.evidence.end)):
        key = entity_key(mention)
        grouped.setdefault(merged.get(key, key), []).append(mention)
    entities = []
    ids: dict[EntityKey, str] = {}
    for number, (key, mentions) in enumerate(grouped.items(), start=1):
        ids[key] = f"E{number}"
        aliases = sorted({m.evidence.quote for m in mentions
                          if "\n" not in m.evidence.quote and not m.attr("anaphor")})
        attrs = tuple(sorted({(k, v) for m in mentions for k, v in m.attrs
                              if k in {"level", "code", "successor", "workshop"} and v}))
        entities.append(Entity(entity_id=ids[key], type=mentions[0].label, name=key[1],
                               aliases=tuple(aliases), mentions=tuple(mentions), attrs=attrs))
    def entity_of(mention: Mention) -> str:
        key = entity_key(mention)
        return ids[merged.get(key, key)]

    seen = set()
    relations = []
    for relation in extraction.relations:
        tail = relation.title if relation.tail is None else entity_of(relation.tail)
        resolved = Relation(relation.type, entity_of(relation.head), tail, relation.evidence,
                            tail_is_title=relation.tail is None, attrs=relation.attrs)
        key = (resolved.type, resolved.head, resolved.tail, resolved.evidence)
        if key not in seen:
            seen.add(key)
            relations.append(resolved)
    statistics = tuple(
        Statistic(subject=entity_of(s.subject) if s.subject else s.subject_phrase,
                  metric=s.metric, value=s.value, evidence=s.evidence,
                  value_evidence=s.value_evidence, time=s.time,
                  subject_is_entity=s.subject is not None)
        for s in extraction.statistics)
    return DocumentGraph(document=extraction.document, entities=tuple(entities),
                         relations=tuple(relations), statistics=statistics)
