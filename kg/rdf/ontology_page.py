"""The ontology as a web page for people: ``output/ontology/index.html``, made by pyLODE.

pyLODE (OntPub profile) reads our Turtle with the background vocabularies it ships (OWL,
PROV, SKOS, schema.org …), so it runs offline; its page inlines its CSS and loads nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from kg.config import ontology_dir


def write_ontology_page(folder: Path, *, cache: Path | None = None) -> Path:
    """Write ``index.html`` (and the Turtle it documents, for download) into ``folder``.

    pyLODE picks the node its page describes from a set, so its page changes with Python's
    hash seed (with some seeds it describes the industries scheme, not the ontology): the page
    is made in a child process with a fixed seed, and kept in ``cache`` (a folder) by the
    ontology's hash and pyLODE's version, since it depends on nothing else.
    """
    import os
    import shutil
    import subprocess
    import sys

    folder.mkdir(parents=True, exist_ok=True)
    source = ontology_dir() / "kgmc.ttl"
    page = folder / "index.html"
    cached = cache / f"{page_key()}.html" if cache is not None else None
    if cached is not None and cached.is_file():
        shutil.copyfile(cached, page)
    else:
        environment = {**os.environ, "PYTHONHASHSEED": "0"}
        subprocess.run([sys.executable, "-m", "kg.rdf.ontology_page", str(source), str(page)],
                       env=environment, check=True)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(page, cached)
    shutil.copyfile(source, folder / "kgmc.ttl")
    return page


def page_key() -> str:
    """What the page depends on: the ontology's bytes and pyLODE's version."""
    import hashlib
    from importlib import metadata

    source = ontology_dir() / "kgmc.ttl"
    return hashlib.sha256(source.read_bytes() + metadata.version("pylode").encode()).hexdigest()


def _make_page(source: str, page: str) -> None:
    from pylode import OntPub

    logging.getLogger().setLevel(logging.WARNING)  # pyLODE logs its progress at INFO
    Path(page).write_text(OntPub(ontology=source).make_html(), encoding="utf-8")


if __name__ == "__main__":
    import sys

    _make_page(sys.argv[1], sys.argv[2])
