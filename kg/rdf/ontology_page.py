"""The ontology as a web page for people: ``output/ontology/index.html``, made by pyLODE.

pyLODE (OntPub profile) reads our Turtle with the background vocabularies it ships (OWL,
PROV, SKOS, schema.org …), so it runs offline; its page inlines its CSS and loads nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from kg.config import ontology_dir


def write_ontology_page(folder: Path) -> Path:
    """Write ``index.html`` (and the Turtle it documents, for download) into ``folder``."""
    import shutil

    from pylode import OntPub

    folder.mkdir(parents=True, exist_ok=True)
    source = ontology_dir() / "kgmc.ttl"
    page = folder / "index.html"
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.WARNING)  # pyLODE logs its progress at INFO on the root logger
    try:
        html = OntPub(ontology=str(source)).make_html()
    finally:
        root.setLevel(level)
    page.write_text(html, encoding="utf-8")
    shutil.copyfile(source, folder / "kgmc.ttl")
    return page
