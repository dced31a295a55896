"""adopted and participatedIn: what a unit made or used, and which campaign it took part in.

The genre reports a unit's deeds one sentence at a time: "张家坝化工厂基建工地，在春节中一天
就出现手推车500部", "四川自贡各盐厂，掀起了…运动". The actor of a sentence is its factory
(or the factory 该厂 points to), else its place, the place standing for its group of units
(唐山各陶瓷厂); it must be named before the innovation or campaign it is linked to.
"""

from __future__ import annotations

import re

from kg.records import EntityType, Mention, MentionRelation, RelationType
from kg.relate.context import Context, Span, end_of, start_of

_TAKE_PART = re.compile(r"^的.{0,6}$|开展|掀起|参加|投入|响应|展开|发动|大搞|大闹|进行|推动|"
                        r"在.{0,30}中|实现|开始|出现|兴起|召开|举行|主持")
_ATTEND = re.compile(r"^[^。；;]{0,30}?(?:参加|出席|列席)")
_UNDER_WAY = re.compile(r"^[^，,；;。]{0,6}(?:出现|开展|展开|兴起|掀起|发展|获得)")
"""…的技术革新运动都已出现 / 蓬勃开展: the campaign under way in the unit named before it."""
_LEADS = re.compile(r"领导|提出|号召|发出|倡导|指示|决定")
"""The party leads, proposes and calls: 在党的领导下开展…运动 does not make it a participant."""
_MECHANIZED = re.compile(r"实现[^，,；;。]{0,20}机械化"
                         r"|机械化[^，,；;。]{0,12}程度[^，,；;。]{0,12}提高")
_FEAT = re.compile(_MECHANIZED.pattern + r"|试验成功|试制成功|制成|创造|发明|革新|改进|突破|纪录"
                   r"|出现[^，,；;。]{0,8}[项件种台部]")
"""What an example of a campaign reports: made, invented, improved, a record, N items."""
_PARTICIPANTS = (EntityType.FACTORY, EntityType.ORGANIZATION, EntityType.PLACE)
"""Who takes part, in the order a sentence's actor is chosen (factory first)."""


def actor(context: Context, span: Span, before: int,
          types: tuple[EntityType, ...] = (EntityType.FACTORY, EntityType.PLACE),
          listed: bool = True) -> Mention | None:
    """The factory named last before ``before`` in ``span``, else the last place, else (when
    allowed) the last organization. ``listed=False`` passes over places in a list (苏联、
    抚顺、桦甸三种炼油炉): a list of places describes, it does not act."""
    named = [m for m in context.top_in(span.start, before, types)
             if not context.narrower_after(m)]
    if not listed:
        named = [m for m in named if m.label != EntityType.PLACE or not _in_list(context, m)]
    for label in types:
        of_type = [m for m in named if m.label == label]
        if of_type:
            leading = [m for m in of_type if context.opens_clause(m)]
            return (leading or of_type)[-1]
    return None


def _in_list(context: Context, mention: Mention) -> bool:
    text = context.text
    return text[end_of(mention):end_of(mention) + 1] == "、" or \
        text[max(0, start_of(mention) - 1):start_of(mention)] == "、"


def adopted(context: Context) -> list[MentionRelation]:
    found = []
    for innovation in context.top:
        if innovation.label != EntityType.INNOVATION:
            continue
        sentence = context.sentence(start_of(innovation))
        unit = actor(context, sentence, start_of(innovation), listed=False)
        basis = "sentence"
        if unit is None:
            paragraph = context.paragraph(start_of(innovation))
            unit = actor(context, Span(paragraph.start, sentence.start), sentence.start,
                         listed=False)
            basis = "paragraph"
        if unit is None:
            unit = context.home_place(start_of(innovation))
            basis = "byline"
        if unit is not None:
            found.append(MentionRelation(RelationType.ADOPTED, unit, innovation,
                                         context.evidence(sentence.start, sentence.end),
                                         attrs=(("basis", basis),)))
    return found


def participated_in(context: Context) -> list[MentionRelation]:
    found = []
    campaigns = [m for m in context.mentions if m.label in (EntityType.CAMPAIGN, EntityType.EVENT)]
    for campaign in campaigns:
        if campaign.label == EntityType.EVENT:
            host = _host(context, campaign)
            if host is not None:
                found.append(MentionRelation(
                    RelationType.PARTICIPATED_IN, host, campaign,
                    context.evidence(start_of(campaign), end_of(campaign)),
                    attrs=(("basis", "name"),)))
        if not context.is_top(campaign):
            continue
        sentence = context.sentence(start_of(campaign))
        unit = actor(context, sentence, start_of(campaign), _PARTICIPANTS)
        if unit is None:
            continue
        between = context.text[end_of(unit):start_of(campaign)]
        inside = "在" in between and context.text.startswith("中", end_of(campaign))
        after = context.text[end_of(campaign):context.clause(end_of(campaign) - 1).end]
        cue = _TAKE_PART.search(between) or inside or _UNDER_WAY.search(after)
        if cue and not _LEADS.search(between):
            found.append(MentionRelation(RelationType.PARTICIPATED_IN, unit, campaign,
                                         context.evidence(sentence.start, sentence.end),
                                         attrs=(("basis", "sentence"),)))
    found.extend(_exemplars(context, campaigns))
    found.extend(_attendants(context, campaigns))
    return found


def _attendants(context: Context, events: list[Mention]) -> list[MentionRelation]:
    """…召开…誓师大会，昆明造纸厂、昆明卷烟厂等42个工厂…参加了大会: the units named after
    a meeting, before 参加/出席 in the same sentence, attended it."""
    found = []
    for event in events:
        if event.label != EntityType.EVENT:
            continue
        sentence = context.sentence(start_of(event))
        for unit in context.top_in(end_of(event), sentence.end, _PARTICIPANTS):
            if _ATTEND.search(context.text[end_of(unit):sentence.end]):
                found.append(MentionRelation(RelationType.PARTICIPATED_IN, unit, event,
                                             context.evidence(sentence.start, sentence.end),
                                             attrs=(("basis", "sentence"),)))
    return found


def _host(context: Context, event: Mention) -> Mention | None:
    """The organization whose name opens an event's name (轻工业部…誓师大会)."""
    from kg.resolve import canonical_name

    if canonical_name(event).startswith("中共"):
        return None  # the party's own congress or plenum: the party is its holder, not a guest
    for organization in context.nested_in(event, EntityType.ORGANIZATION):
        if start_of(organization) == start_of(event):
            return organization
    return None


def _exemplars(context: Context, campaigns: list[Mention]) -> list[MentionRelation]:
    """天津…使机械化和半机械化程度从42%提高到54%; 长春市动力机械厂车工王德泽搞了九项技术
    革新: a factory or place that opens a clause reporting a feat of the campaign (a device
    made, a record set, mechanization reached) is cited as an example of it, when its
    paragraph names the campaign. A feat of mechanization belongs to a mechanization
    campaign named there; any other to the campaign named nearest before the unit, else the
    first one after it."""
    found = []
    for paragraph in context.paragraphs:
        named = [c for c in campaigns if c.label == EntityType.CAMPAIGN and context.is_top(c)
                 and paragraph.start <= start_of(c) < paragraph.end]
        if not named:
            continue
        for unit in context.top_in(paragraph.start, paragraph.end,
                                   (EntityType.FACTORY, EntityType.PLACE)):
            if unit.attr("level") == "country" or context.narrower_after(unit):
                continue  # 苏联, 加拿大 are measured against; 山东 of 山东寿张县 is a frame
            clause = context.clause(start_of(unit))
            opening = context.text[clause.start:start_of(unit)].strip()
            if opening and not re.fullmatch(r"[\u4e00-\u9fff]{0,2}", opening):
                continue
            rest = context.text[start_of(unit):context.sentence(start_of(unit)).end]
            stop = re.search(r"[；;。]", rest)
            claim = rest[:stop.start()] if stop else rest
            if not _FEAT.search(claim):
                continue
            campaign = _campaign_of(context, named, unit, claim)
            end = start_of(unit) + len(claim)
            found.append(MentionRelation(RelationType.PARTICIPATED_IN, unit, campaign,
                                         context.evidence(start_of(unit), end),
                                         attrs=(("basis", "context"),)))
    return found


def _campaign_of(context: Context, named: list[Mention], unit: Mention, claim: str) -> Mention:
    from kg.resolve import canonical_name

    if _MECHANIZED.search(claim):
        mechanization = [c for c in named if "机械化" in canonical_name(c)]
        if mechanization:
            return mechanization[0]
    before = [c for c in named if start_of(c) < start_of(unit)]
    return before[-1] if before else named[0]
