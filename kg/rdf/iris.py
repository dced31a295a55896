"""Deterministic, readable IRIs: ``{base}id/{type}/{pinyin-slug}``.

The same entity key (type + canonical name) always gives the same IRI, so entities merge
across documents without a lookup table. Two names with the same pinyin (e.g. homophones)
both get a short hash of their Chinese name appended; see docs/decisions/.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from rdflib import URIRef

_NON_SLUG = re.compile(r"[^0-9a-z]+")


def pinyin_slug(name: str) -> str:
    """Lower-case toneless pinyin, one hyphen between words of the name.

    >>> pinyin_slug("沈阳卷烟厂")
    'shenyang-juanyanchang'
    """
    import jieba
    from pypinyin import lazy_pinyin

    jieba.setLogLevel(60)
    words = [_NON_SLUG.sub("", "".join(lazy_pinyin(word)).lower()) for word in jieba.cut(name)]
    slug = "-".join(word for word in words if word)
    return slug or "x" + _digest(name)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:6]


class IriMinter:
    """Mints entity IRIs for one build, knowing every key so that collisions are seen."""

    def __init__(self, base: str, keys: Iterable[tuple[str, str]],
                 slugs: Mapping[tuple[str, str], str] | None = None) -> None:
        """``slugs`` are the :func:`pinyin_slug` of keys computed elsewhere (by the workers
        of a parallel build); a key without one is slugged here."""
        self.base = base
        by_slug: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._slugs: dict[tuple[str, str], str] = {}
        known = slugs or {}
        for type_name, name in sorted(set(keys)):
            slug = known.get((type_name, name)) or pinyin_slug(name)
            self._slugs[(type_name, name)] = slug
            by_slug[(type_name, slug)].add(name)
        for (type_name, name), slug in self._slugs.items():
            if len(by_slug[(type_name, slug)]) > 1:
                self._slugs[(type_name, name)] = f"{slug}-{_digest(name)}"

    @classmethod
    def fixed(cls, base: str, slugs: Mapping[tuple[str, str], str]) -> IriMinter:
        """A minter of exactly these slugs, collisions already settled: what one document's
        worker needs of the whole build's minter."""
        minter = cls(base, ())
        minter._slugs = dict(slugs)
        return minter

    def slugs(self, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
        """The settled slugs of ``keys``, for :meth:`fixed`."""
        return {key: self._slugs[key] for key in keys}

    def entity(self, type_name: str, name: str) -> URIRef:
        return URIRef(f"{self.base}id/{type_name.lower()}/{self._slugs[(type_name, name)]}")

    def document(self, doc_id: str) -> URIRef:
        return URIRef(f"{self.base}id/document/{doc_id}")

    def graph(self, doc_id: str) -> URIRef:
        return URIRef(f"{self.base}graph/{doc_id}")

    def term(self, kind: str, slug: str) -> URIRef:
        """IRI of a node shared by all documents: a post, the build, the tool."""
        return URIRef(f"{self.base}id/{kind}/{slug}")

    def node(self, kind: str, doc_id: str, *parts: object) -> URIRef:
        """IRI of a node that belongs to one document (annotation, assertion, selector)."""
        return URIRef(f"{self.base}id/{kind}/{doc_id}/" + "-".join(str(p) for p in parts))
