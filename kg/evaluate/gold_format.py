"""The annotation format of shared/gold/ (and of output/extraction.json), both ways.

One document: ``{"text": file name, "entities": [{id, type, name, aliases}], "relations":
[{type, head, tail, evidence}], "statistics": [{subject, metric, value, time, evidence,
unit?}]}``; kg adds ``dates``: [{id, text, value, aliases}], which the guideline does not
annotate as entities. Evidence here is the quote only; offsets live in the RDF
(oa:TextPositionSelector).
"""

from __future__ import annotations

from kg.records import DocumentGraph, EntityType


def to_gold_format(graph: DocumentGraph) -> dict:
    """One document's entities, relations and statistics in the gold's fields."""
    relations = []
    seen = set()
    for relation in graph.relations:
        key = (relation.type, relation.head, relation.tail)
        if key in seen:
            continue
        seen.add(key)
        item = {"type": relation.type.value, "head": relation.head, "tail": relation.tail,
                "evidence": relation.evidence.quote}
        if relation.tail_is_title:
            item["tail_is_title"] = True
        if post := relation.attr("post"):
            item["title"] = post
        relations.append(item)
    statistics = []
    for statistic in graph.statistics:
        value = statistic.value
        item = {"subject": statistic.subject, "metric": statistic.metric,
                "value": value.value, "time": statistic.time,
                "evidence": statistic.evidence.quote}
        item.update({key: getattr(value, key) for key in
                     ("unit", "kind", "low", "high", "bound", "qualifier", "change")
                     if getattr(value, key)})
        statistics.append(item)
    entities = [e for e in graph.entities if e.type is not EntityType.DATE]
    dates = [e for e in graph.entities if e.type is EntityType.DATE]
    return {
        "text": graph.document.name,
        "entities": [{"id": e.entity_id, "type": e.type.value, "name": e.name,
                      "aliases": list(e.aliases)} for e in entities],
        "relations": relations,
        "statistics": statistics,
        "dates": [{"id": e.entity_id, "value": e.name, "aliases": list(e.aliases)}
                  for e in dates],
    }
