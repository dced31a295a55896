"""``kg inspect``: what ingestion made of a text, as data (schema in docs/inspect-schema.md).

A historian checks here, before trusting a graph, that the encoding was right, that the
articles, dates and authors were found, and which page breaks were joined.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

from kg.config import MAX_FILE_BYTES
from kg.ingest import Ingested, bundled_manifest, document_ids, ingest
from kg.ingest.read import collect_paths

SCHEMA = "kg-inspect/1"


def inspect(paths: Iterable[Path], *, max_bytes: int = MAX_FILE_BYTES) -> dict:
    """The ingestion report of every text under ``paths`` (JSON-ready)."""
    files = collect_paths(paths)
    manifest = bundled_manifest()
    return {"schema": SCHEMA, "documents": [
        _report(ingest(path, max_bytes=max_bytes, doc_id=doc_id, manifest=manifest))
        for path, doc_id in zip(files, document_ids(files), strict=True)]}


def _report(ingested: Ingested) -> dict:
    document, normalized = ingested.document, ingested.normalized
    structure = document.structure
    offsets = document.offsets
    return {
        "file": document.name,
        "doc_id": document.doc_id,
        "encoding": document.encoding,
        "title": document.title,
        "date": document.date,
        "metadata": dict(structure.metadata),
        "front_matter": list(structure.front_matter),
        "imprint": dict(structure.imprint),
        "toc": [{"id": e.unit_id, "number": e.number, "title": e.title, "page": e.page,
                 "appendix": e.appendix} for e in structure.toc],
        "articles": [{
            **dict(zip(("start", "end"), offsets.to_original(a.start, a.end), strict=True)),
            "id": a.unit_id, "headline": a.headline, "source_line": a.source_line,
            "newspaper": a.newspaper, "genre": a.genre, "date": a.date, "author": a.author,
            "author_title": a.author_title, "venue": a.venue,
            "paragraphs": len(a.paragraphs),
            "headings": sum(p.heading for p in a.paragraphs),
            "sentences": sum(len(p.sentences) for p in a.paragraphs),
        } for a in structure.articles],
        "page_breaks": [{
            "start": join.start, "end": join.end,
            "original": join.before + document.original[join.start:join.end] + join.after,
            "repaired": join.before + join.after,
        } for join in normalized.joins],
        "removed_lines": list(normalized.removed_lines),
        "normalization": asdict(normalized.stats),
    }


def render_text(report: dict) -> str:
    """A plain-text summary of :func:`inspect`'s report for the terminal."""
    out: list[str] = []
    for doc in report["documents"]:
        stats = doc["normalization"]
        out.append(f"{doc['file']}  [{doc['encoding']}]  {doc['title']}  {doc['date']}")
        out.append(f"  characters: {stats['original_chars']} original, "
                   f"{stats['working_chars']} working; NFKC {stats['nfkc_changed']}, "
                   f"t2s {stats['simplified']}, OCR spaces {stats['ocr_spaces_removed']}, "
                   f"page numbers {stats['page_numbers_removed']}, "
                   f"running heads {stats['running_heads_removed']}")
        if doc["imprint"]:
            out.append("  imprint: " + "; ".join(f"{k} {v}" for k, v in doc["imprint"].items()))
        if doc["toc"]:
            out.append(f"  contents: {len(doc['toc'])} entries")
            for entry in doc["toc"]:
                number = entry["number"] or "附"
                out.append(f"    {number:>3}  {entry['title']}  p.{entry['page']}")
        out.append(f"  articles: {len(doc['articles'])}")
        for article in doc["articles"]:
            byline = " ".join(filter(None, (article["newspaper"], article["author_title"],
                                            article["author"], article["genre"])))
            out.append(f"    {article['id']}  {article['headline']}")
            out.append(f"      {byline or '(no byline)'}  {article['date'] or '(no date)'}  "
                       f"{article['paragraphs']} paragraphs, {article['sentences']} sentences")
        out.append(f"  page breaks joined: {len(doc['page_breaks'])}")
        for join in doc["page_breaks"]:
            before = join["original"].replace("\n", "⏎")
            after = join["repaired"].replace("\n", "⏎")
            out.append(f"    [{join['start']}] {before}  →  {after}")
    return "\n".join(out) + "\n"
