"""Relations and statistics over extracted mentions, each with the words that support it.

Every rule reads the language of the genre, never a list of known facts: a factory's name
that starts with a place (沈阳卷烟厂), a province written before its city (河北唐山), a post
written with its ministry (轻工业部副部长), a unit and the device it made in one sentence, the
headline and source line of an article. One module a relation family; :mod:`.context` holds
the paragraph/sentence/clause index they share, and resolves 该厂 to the factory meant.
"""

from __future__ import annotations

from dataclasses import replace

from kg.records import Extraction


def relate(extraction: Extraction) -> Extraction:
    """Add relations and statistics; 该厂-style references join the mentions."""
    from kg.relate.context import Context
    from kg.relate.relations import relations
    from kg.relate.statistics import statistics

    context = Context(extraction.document, extraction.mentions)
    return replace(extraction, mentions=extraction.mentions + tuple(context.anaphora),
                   relations=tuple(relations(context)),
                   statistics=tuple(statistics(context)))
