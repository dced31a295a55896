"""holdsPosition: a person and the body whose post the text gives them.

The person matcher keeps the title that anchored a name (副部长, 第一书记). The body is the
organization written with the title (轻工业部副部长王新元, 中共吉林省委第一书记、吴德) or,
failing that, the one in the same sentence whose kind the post fits (a 部长 heads a 部, a 书记
a party committee): 王新元副部长…在轻工业部…誓师大会上的讲话.
"""

from __future__ import annotations

from kg.records import EntityType, Mention, MentionRelation, RelationType
from kg.relate.context import Context, end_of, start_of

_GAP = set(" 、,，的第一二三副党组")
"""What may stand between a body and its post: 中共吉林省委第一书记, 轻工业部党组书记."""

_FITS = {"部长": ("部",), "书记": ("委", "委员会", "党", "支部", "党委"), "局长": ("局",),
         "主任": ("委员会", "办公室", "处", "会"), "社长": ("社",), "院长": ("院",),
         "司长": ("司",), "处长": ("处",), "主席": ("会", "委员会", "政府"),
         "委员": ("委", "委员会"), "总理": ("国务院",), "省长": ("政府", "委员会")}


def holds_position(context: Context) -> list[MentionRelation]:
    organizations = [m for m in context.mentions if m.label == EntityType.ORGANIZATION]
    found = []
    for person in context.mentions:
        title = person.attr("title")
        if person.label != EntityType.PERSON or not title:
            continue
        title_start = _title_start(context.text, person, title)
        if title_start is None:
            continue
        body = _written_with(context.text, organizations, person, title_start) \
            or _same_sentence(context, person, title)
        if body is None:
            continue
        organization, start, end, post = body
        found.append(MentionRelation(RelationType.HOLDS_POSITION, person, organization,
                                     context.evidence(start, end),
                                     attrs=(("post", post), ("basis", "text"))))
    return found


def _title_start(text: str, person: Mention, title: str) -> int | None:
    if text.startswith(title, end_of(person)):
        return end_of(person)
    before = start_of(person) - len(title)
    for start in (before, before - 1, before - 2):
        if start >= 0 and text.startswith(title, start) \
                and set(text[start + len(title):start_of(person)]) <= set(" 、,，"):
            return start
    return None


def _written_with(text: str, organizations: list[Mention], person: Mention,
                  title_start: int):  # noqa: ANN202 - (body, start, end, post) | None
    for organization in organizations:
        gap = text[end_of(organization):title_start]
        if end_of(organization) <= title_start and len(gap) <= 4 and set(gap) <= _GAP:
            title = _title_at(text, title_start)
            post = (gap + title).strip(" 、,，的")
            end = max(end_of(person), title_start + len(title))
            return organization, start_of(organization), end, post
    return None


def _title_at(text: str, start: int) -> str:
    from kg.extract.lexicons import people

    for begin, _, titles in people().titles.scan(text[start:start + 8]):
        if begin == 0:
            return titles[0].text
    return ""


def _same_sentence(context: Context, person: Mention, title: str):  # noqa: ANN202
    from kg.resolve import canonical_name

    head = next((key for key in _FITS if title.endswith(key)), None)
    if head is None:
        return None

    sentence = context.sentence(start_of(person))
    fitting = [o for o in context.mentions_in(sentence.start, sentence.end,
                                              (EntityType.ORGANIZATION,))
               if canonical_name(o).endswith(_FITS[head])]
    if not fitting:
        return None
    nearest = min(fitting, key=lambda o: abs(start_of(o) - start_of(person)))
    return nearest, sentence.start, sentence.end, title
