"""What a cached result depends on besides its text: the code and data that made it.

A cached analysis is valid only for the rules, gazetteers and library versions that produced
it. Rather than trust a version number someone must remember to bump, the fingerprint hashes
the source files and data tables themselves, so editing a lexicon or a matcher invalidates
exactly the caches it could change.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

from kg.config import PACKAGE_DIR

ANALYSIS_SOURCES = ("ingest", "extract", "relate", "resolve", "records.py", "config.py",
                    "errors.py", "data", "corpus/manifest.json")
"""Files of the package (relative to it) that decide a document's entities and relations."""

MAPPING_SOURCES = ("rdf/mapping.py", "rdf/iris.py", "rdf/namespaces.py",
                   "evaluate/gold_format.py", "link/enrich.py")
"""Files that decide how an analysed document becomes quads and extraction.json."""

LIBRARIES = ("spacy", "jieba", "opencc", "pypinyin", "rdflib")


def fingerprint(sources: Iterable[str], *, root: Path = PACKAGE_DIR,
                libraries: Iterable[str] = LIBRARIES) -> str:
    """SHA-256 of the files under ``sources`` (paths and bytes, in order) and of kg's,
    Python's and the libraries' versions."""
    from kg import __version__

    digest = hashlib.sha256()
    versions = [f"kg={__version__}", f"python={sys.version_info[0]}.{sys.version_info[1]}"]
    versions += [f"{name}={_version(name)}" for name in libraries]
    digest.update("\n".join(versions).encode("utf-8"))
    for source in sources:
        path = root / source
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts or not file.exists():
                continue
            digest.update(b"\0" + file.relative_to(root).as_posix().encode("utf-8") + b"\0")
            digest.update(file.read_bytes())
    return digest.hexdigest()


@cache
def analysis_fingerprint() -> str:
    return fingerprint(ANALYSIS_SOURCES)


@cache
def mapping_fingerprint() -> str:
    return fingerprint(MAPPING_SOURCES)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"
