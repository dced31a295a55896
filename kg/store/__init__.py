"""SPARQL access to a build: the on-disk Oxigraph store, a Python API, and the HTTP endpoint.

- :func:`open_store` opens ``output/store`` read-only; :func:`load_store` is what a build uses.
- :func:`query` answers with plain Python rows (optionally within a time-out);
  :func:`query_serialized` in the SPARQL 1.1 results formats.
- :func:`rdflib_dataset` gives rdflib's API over the same store (via oxrdflib).
- :mod:`kg.store.server` runs the real Oxigraph server (``kg serve``);
  :mod:`kg.store.library` reads the bundled queries of ``ontology/queries/``.

Nothing heavy is imported here: pyoxigraph and rdflib load on first use.
"""

from kg.store.disk import GraphStore, is_store, load_store, open_store
from kg.store.rdflib_access import rdflib_dataset
from kg.store.sparql import (
    Answer,
    OutputFormat,
    SelectResult,
    query,
    query_serialized,
    sorted_rows,
)

__all__ = ["Answer", "GraphStore", "OutputFormat", "SelectResult", "is_store", "load_store",
           "open_store", "query", "query_serialized", "rdflib_dataset", "sorted_rows"]
