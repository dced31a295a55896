"""Resolution: mentions of one thing become one entity with every surface form as alias.

Within a document, mentions merge by (type, canonical name); the canonical name is the
gazetteer's short form for places (沈阳 for 沈阳市) and the working text (simplified, without
OCR spaces) otherwise. Across documents, entities with the same key get the same IRI in the
RDF stage, which is where the merge across documents happens. Nothing is merged on a guess.
"""

from __future__ import annotations

from kg.records import DocumentGraph, Entity, Extraction, Mention, Relation

EntityKey = tuple[str, str]


def canonical_name(mention: Mention) -> str:
    return mention.attr("canonical") or mention.text


def entity_key(mention: Mention) -> EntityKey:
    return (mention.label.value, canonical_name(mention))


def resolve(extraction: Extraction) -> DocumentGraph:
    """Group the mentions of one document into entities numbered in order of appearance."""
    grouped: dict[EntityKey, list[Mention]] = {}
    for mention in sorted(extraction.mentions, key=lambda m: (m.evidence.start, m.evidence.end)):
        grouped.setdefault(entity_key(mention), []).append(mention)
    entities = []
    ids: dict[EntityKey, str] = {}
    for number, (key, mentions) in enumerate(grouped.items(), start=1):
        ids[key] = f"E{number}"
        aliases = sorted({m.evidence.quote for m in mentions if "\n" not in m.evidence.quote})
        attrs = tuple(sorted({(k, v) for m in mentions for k, v in m.attrs
                              if k in {"level", "code", "successor"} and v}))
        entities.append(Entity(entity_id=ids[key], type=mentions[0].label, name=key[1],
                               aliases=tuple(aliases), mentions=tuple(mentions), attrs=attrs))
    seen = set()
    relations = []
    for relation in extraction.relations:
        resolved = Relation(relation.type, ids[entity_key(relation.head)],
                            ids[entity_key(relation.tail)], relation.evidence)
        if resolved not in seen:
            seen.add(resolved)
            relations.append(resolved)
    return DocumentGraph(document=extraction.document, entities=tuple(entities),
                         relations=tuple(relations), statistics=extraction.statistics)
