"""Every spaCy factory of kg in one place, so a name in config.cfg can be found at once."""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.factory_matcher import FactoryMatcher
from kg.extract.gazetteer import load_places
from kg.extract.place_gazetteer import PlaceGazetteer
from kg.extract.span_resolver import SpanResolver


@cache
def register() -> None:
    """Register the ``Doc`` extension; the factories register when this module is imported."""
    if not Doc.has_extension("kg_spans"):
        Doc.set_extension("kg_spans", default=None)


@Language.factory("kg_place_gazetteer_v1", assigns=["doc._.kg_spans"])
def make_place_gazetteer(nlp: Language, name: str) -> PlaceGazetteer:
    return PlaceGazetteer(load_places())


@Language.factory("kg_factory_matcher_v1", requires=["doc._.kg_spans"],
                  assigns=["doc._.kg_spans"], default_config={"max_name": 8})
def make_factory_matcher(nlp: Language, name: str, max_name: int) -> FactoryMatcher:
    return FactoryMatcher(max_name=max_name)


@Language.factory("kg_span_resolver_v1", requires=["doc._.kg_spans"],
                  assigns=["doc._.kg_spans"])
def make_span_resolver(nlp: Language, name: str) -> SpanResolver:
    return SpanResolver()
