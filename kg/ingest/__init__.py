"""Ingestion: files to :class:`kg.records.Document` (decoded, normalized, mapped)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from kg.config import corpus_dir
from kg.ingest.normalize import normalize
from kg.ingest.read import collect_paths, read_text
from kg.ingest.segment import first_date, first_title
from kg.records import Document

__all__ = ["load_documents", "load_document"]


def load_documents(paths: Iterable[Path], *, max_bytes: int) -> list[Document]:
    """Read every text under ``paths``; raise a coded error for the first bad one."""
    files = collect_paths(paths)
    manifest = _manifest()
    documents = [load_document(path, max_bytes=max_bytes, manifest=manifest) for path in files]
    return _unique_ids(documents)


def load_document(path: Path, *, max_bytes: int, manifest: dict | None = None) -> Document:
    raw = read_text(path, max_bytes=max_bytes)
    normalized = normalize(raw.text)
    entry = (manifest or {}).get(_sha256(raw.text), {})
    return Document(
        doc_id=_slug(path.stem),
        name=path.name,
        original=raw.text,
        working=normalized.text,
        offsets=normalized.offsets,
        encoding=raw.encoding,
        title=entry.get("title") or first_title(normalized.text),
        date=entry.get("date") or first_date(normalized.text),
        publisher=entry.get("publisher", ""),
        source=entry.get("source", ""),
    )


def _manifest() -> dict[str, dict]:
    """Metadata of the bundled texts, keyed by the SHA-256 of their decoded text."""
    path = corpus_dir() / "manifest.json"
    entries = json.loads(path.read_text(encoding="utf-8"))["texts"]
    return {entry["sha256"]: entry for entry in entries}


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _slug(stem: str) -> str:
    slug = re.sub(r"[^0-9A-Za-z_-]+", "-", stem).strip("-")
    return slug or "doc-" + hashlib.sha256(stem.encode("utf-8")).hexdigest()[:8]


def _unique_ids(documents: list[Document]) -> list[Document]:
    """Keep document ids unique when two folders hold files of the same name."""
    seen: dict[str, int] = {}
    unique = []
    for document in documents:
        count = seen.get(document.doc_id, 0)
        seen[document.doc_id] = count + 1
        if count:
            suffix = _sha256(document.original)[:8]
            document = replace(document, doc_id=f"{document.doc_id}-{suffix}")
        unique.append(document)
    return unique
