"""publishedBy and authoredBy: who issued and who wrote a work, from the document's structure.

A work is named by its title, not an entity: an article's headline with its source line
(人民日报1960年2月25日社论) or byline (中共吉林省委第一书记　吴德), a contents line that
carries its source in brackets (歇锁手的解放（人民日报评论员签发）) or after a dash, a book's
imprint (轻工业出版社编), and in running text a title in 《》 next to its publisher
(科学普及出版社出版的《我国技术革命的道路》).
"""

from __future__ import annotations

import re

from kg.records import EntityType, Mention, MentionRelation, RelationType
from kg.relate.context import Context, Span, start_of

_PUBLISHERS = ("日报", "报", "出版社", "杂志", "书店", "通讯社", "广播电台")
_BRACKETED_SOURCE = re.compile(r"^(?P<title>.+?)\s*[(（](?P<source>[^()（）]+)[)）]\s*$")
_DASHED_SOURCE = re.compile(r"^(?P<title>.+?)\s*——\s*(?P<source>.+)$")
_BOOK_TITLE = re.compile(r"《(?P<title>[^《》]{2,40})》")
_PUBLISHING = re.compile(r"出版|编印|印行|发表|刊登|刊载|编辑|编")
_REPRINTED = re.compile(r"原载|载于|转载|来源|发表于|刊于")


def published(context: Context) -> list[MentionRelation]:
    found = []
    for article in context.document.structure.articles:
        found.extend(_article(context, article))
    found.extend(_contents(context))
    found.extend(_book(context))
    found.extend(_in_text(context))
    return found


def _line_of(context: Context, words: str, within: Span | None = None) -> Span | None:
    """The working-text line that holds ``words`` (compared without spaces)."""
    wanted = re.sub(r"\s+", "", words)
    for paragraph in context.paragraphs:
        if within and not (within.start <= paragraph.start < within.end):
            continue
        line = re.sub(r"\s+", "", context.text[paragraph.start:paragraph.end])
        if wanted and wanted in line:
            return paragraph
    return None


def _named(context: Context, span: Span, label: EntityType, canonical: str = "") -> Mention | None:
    from kg.resolve import canonical_name

    for mention in context.mentions_in(span.start, span.end, (label,)):
        if not canonical or canonical_name(mention) == canonical:
            return mention
    return None


def _relation(kind: RelationType, head: Mention, title: str, context: Context, span: Span,
              basis: str) -> MentionRelation:
    return MentionRelation(kind, head, None, context.evidence(span.start, span.end),
                           title=title, attrs=(("basis", basis),))


def _article(context: Context, article) -> list[MentionRelation]:  # noqa: ANN001 - Article
    """The newspaper and author of an article, from the lines around its headline: source
    line, byline, and a closing note such as （原载1958年5月24日人民日报）."""
    found = []
    title = article.title
    body = article.paragraphs[0].start if article.paragraphs else article.end
    header = [p for p in context.paragraphs if article.start < p.start <= body]
    notes = [p for p in context.paragraphs if article.start <= p.start < article.end
             and _REPRINTED.search(context.text[p.start:p.end])]
    for lines, kind, label, name in (
            (header + notes, RelationType.PUBLISHED_BY, EntityType.ORGANIZATION,
             article.newspaper),
            (header, RelationType.AUTHORED_BY, EntityType.PERSON, article.author)):
        for line in lines:
            head = _named(context, line, label, name) if name else None
            if head is None and kind is RelationType.PUBLISHED_BY and line in notes:
                head = _named(context, line, label)
                head = head if head is not None and _is_publisher(head) else None
            if head is not None:
                found.append(_relation(kind, head, title, context, line, "structure"))
                break
    return found


def _contents(context: Context) -> list[MentionRelation]:
    found = []
    for entry in context.document.structure.toc:
        match = _BRACKETED_SOURCE.match(entry.title) or _DASHED_SOURCE.match(entry.title)
        if not match:
            continue
        line = _line_of(context, entry.title)
        if line is None:
            continue
        title = match.group("title").strip()
        source_at = Span(line.start + max(0, context.text.find(match.group("source")[:2],
                                                               line.start) - line.start),
                         line.end)
        for mention in context.mentions:
            if not (source_at.start <= start_of(mention) < source_at.end):
                continue
            if mention.label == EntityType.ORGANIZATION and _is_publisher(mention):
                found.append(_relation(RelationType.PUBLISHED_BY, mention, title, context, line,
                                       "contents"))
            elif mention.label == EntityType.PERSON:
                found.append(_relation(RelationType.AUTHORED_BY, mention, title, context, line,
                                       "contents"))
    return found


def _is_publisher(mention: Mention) -> bool:
    from kg.resolve import canonical_name

    return canonical_name(mention).endswith(_PUBLISHERS)


def _book(context: Context) -> list[MentionRelation]:
    """A book's publisher from its imprint (轻工业出版社编 / 轻工业出版社)."""
    structure = context.document.structure
    publisher = dict(structure.imprint).get("publisher")
    title = dict(structure.imprint).get("title") or context.document.title
    if not publisher or not title:
        return []
    lines = [p for p in context.paragraphs[:40]
             if _named(context, p, EntityType.ORGANIZATION, publisher) is not None]
    lines.sort(key=lambda p: not _PUBLISHING.search(
        context.text[p.start:p.end].replace(publisher, "")))
    if not lines:
        return []
    head = _named(context, lines[0], EntityType.ORGANIZATION, publisher)
    assert head is not None
    return [_relation(RelationType.PUBLISHED_BY, head, title, context, lines[0], "imprint")]


def _in_text(context: Context) -> list[MentionRelation]:
    """科学普及出版社出版的《我国技术革命的道路》: a publisher, a publishing verb, a title."""
    found = []
    for match in _BOOK_TITLE.finditer(context.text):
        clause = context.clause(match.start())
        before = context.text[clause.start:match.start()]
        if not _PUBLISHING.search(before):
            continue
        publishers = [m for m in context.top_in(clause.start, match.start(),
                                                (EntityType.ORGANIZATION,))
                      if _is_publisher(m)]
        if publishers:
            found.append(_relation(RelationType.PUBLISHED_BY, publishers[-1],
                                   match.group("title"), context,
                                   Span(start_of(publishers[-1]), match.end()), "text"))
    return found
