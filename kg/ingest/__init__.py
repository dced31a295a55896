"""Ingestion: files to :class:`kg.records.Document` (decoded, normalized, mapped)."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.config import corpus_dir
from kg.ingest.normalize import Normalized, normalize
from kg.ingest.read import collect_paths, read_text
from kg.ingest.structure import parse_structure
from kg.records import Document

__all__ = ["load_documents", "load_document", "ingest", "Ingested"]


@dataclass(frozen=True, slots=True)
class Ingested:
    """A document with what normalization did to it (for ``kg inspect``)."""

    document: Document
    normalized: Normalized


def load_documents(paths: Iterable[Path], *, max_bytes: int) -> list[Document]:
    """Read every text under ``paths``; raise a coded error for the first bad one."""
    files = collect_paths(paths)
    manifest = bundled_manifest()
    return [ingest(path, max_bytes=max_bytes, doc_id=doc_id, manifest=manifest).document
            for path, doc_id in zip(files, document_ids(files), strict=True)]


def load_document(path: Path, *, max_bytes: int) -> Document:
    return ingest(path, max_bytes=max_bytes).document


def ingest(path: Path, *, max_bytes: int, doc_id: str = "",
           manifest: dict | None = None) -> Ingested:
    """Decode, normalize and segment one file."""
    raw = read_text(path, max_bytes=max_bytes)
    normalized = normalize(raw.text)
    entry = (bundled_manifest() if manifest is None else manifest).get(_sha256(raw.text), {})
    doc_id = doc_id or _slug(path.stem)
    structure = parse_structure(normalized.text, doc_id, year_hint=entry.get("date", ""))
    metadata = dict(structure.metadata)
    first = structure.articles[0] if structure.articles else None
    document = Document(
        doc_id=doc_id,
        name=path.name,
        original=raw.text,
        working=normalized.text,
        offsets=normalized.offsets,
        encoding=raw.encoding,
        title=entry.get("title") or metadata.get("title") or (first.headline if first else ""),
        date=entry.get("date") or metadata.get("date") or (first.date if first else ""),
        publisher=entry.get("publisher") or (first.newspaper if first else ""),
        source=entry.get("source") or metadata.get("source", ""),
        structure=structure,
    )
    return Ingested(document=document, normalized=normalized)


def document_ids(files: list[Path]) -> list[str]:
    """Stable ids from file names; two files of the same name get a hash of their path."""
    stems = [_slug(path.stem) for path in files]
    counts = Counter(stems)
    return [stem if counts[stem] == 1 else f"{stem}-{_sha256(path.as_posix())[:8]}"
            for stem, path in zip(stems, files, strict=True)]


def bundled_manifest() -> dict[str, dict]:
    """Metadata of the bundled texts, keyed by the SHA-256 of their decoded text."""
    path = corpus_dir() / "manifest.json"
    entries = json.loads(path.read_text(encoding="utf-8"))["texts"]
    return {entry["sha256"]: entry for entry in entries}


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _slug(stem: str) -> str:
    slug = re.sub(r"[^0-9A-Za-z_-]+", "-", stem).strip("-")
    return slug or "doc-" + hashlib.sha256(stem.encode("utf-8")).hexdigest()[:8]
