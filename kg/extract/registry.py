"""Every spaCy factory of kg in one place, so a name in config.cfg can be found at once.

Factories load their word lists through kg.extract.lexicons (cached), so building a second
pipeline in one process costs nothing and importing this module reads no file.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract import lexicons
from kg.extract.campaign_matcher import CampaignMatcher
from kg.extract.date_matcher import DateMatcher
from kg.extract.event_matcher import EventMatcher
from kg.extract.factory_matcher import FactoryMatcher
from kg.extract.gazetteer import load_places
from kg.extract.industry_matcher import IndustryMatcher, industry_lexicon
from kg.extract.innovation_matcher import InnovationMatcher
from kg.extract.organization_matcher import OrganizationMatcher
from kg.extract.person_matcher import PersonMatcher
from kg.extract.place_gazetteer import PlaceGazetteer
from kg.extract.span_resolver import SpanResolver

_SPANS = ["doc._.kg_spans"]


@cache
def register() -> None:
    """Register the ``Doc`` extension; the factories register when this module is imported."""
    if not Doc.has_extension("kg_spans"):
        Doc.set_extension("kg_spans", default=None)


@Language.factory("kg_place_gazetteer_v1", assigns=_SPANS)
def make_place_gazetteer(nlp: Language, name: str) -> PlaceGazetteer:
    return PlaceGazetteer(load_places())


@Language.factory("kg_factory_matcher_v1", requires=_SPANS, assigns=_SPANS,
                  default_config={"max_name": 8})
def make_factory_matcher(nlp: Language, name: str, max_name: int) -> FactoryMatcher:
    return FactoryMatcher(max_name=max_name, products=lexicons.products())


@Language.factory("kg_organization_matcher_v1", requires=_SPANS, assigns=_SPANS)
def make_organization_matcher(nlp: Language, name: str) -> OrganizationMatcher:
    return OrganizationMatcher(lexicons.organizations())


@Language.factory("kg_person_matcher_v1", assigns=_SPANS)
def make_person_matcher(nlp: Language, name: str) -> PersonMatcher:
    return PersonMatcher(lexicons.people())


@Language.factory("kg_campaign_matcher_v1", assigns=_SPANS)
def make_campaign_matcher(nlp: Language, name: str) -> CampaignMatcher:
    return CampaignMatcher(lexicons.campaigns())


@Language.factory("kg_industry_matcher_v1", assigns=_SPANS)
def make_industry_matcher(nlp: Language, name: str) -> IndustryMatcher:
    return IndustryMatcher(*industry_lexicon(lexicons.industries()))


@Language.factory("kg_event_matcher_v1", requires=_SPANS, assigns=_SPANS)
def make_event_matcher(nlp: Language, name: str) -> EventMatcher:
    return EventMatcher()


@Language.factory("kg_innovation_matcher_v1", assigns=_SPANS)
def make_innovation_matcher(nlp: Language, name: str) -> InnovationMatcher:
    heads, generic = lexicons.device_heads()
    return InnovationMatcher(heads, generic)


@Language.factory("kg_date_matcher_v1", assigns=_SPANS)
def make_date_matcher(nlp: Language, name: str) -> DateMatcher:
    return DateMatcher()


@Language.factory("kg_span_resolver_v1", requires=_SPANS, assigns=_SPANS)
def make_span_resolver(nlp: Language, name: str) -> SpanResolver:
    return SpanResolver()
