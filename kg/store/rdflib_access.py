"""rdflib's API over the store, through oxrdflib, for users who prefer rdflib to SPARQL.

The store is opened read-only and wrapped, not copied: an rdflib ``Dataset`` whose default
graph is the union of the named graphs, like ``kg query``'s. SPARQL sent through rdflib's
``Dataset.query`` is evaluated by Oxigraph, not by rdflib's slow engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.store.disk import GraphStore, open_store

if TYPE_CHECKING:
    from rdflib import Dataset


def rdflib_dataset(store: GraphStore | Path | str) -> Dataset:
    """An rdflib ``Dataset`` over a build's store (read-only).

    >>> from kg.store import rdflib_dataset
    >>> callable(rdflib_dataset)
    True
    """
    from oxrdflib import OxigraphStore
    from rdflib import Dataset

    from kg.rdf.namespaces import bind_prefixes

    opened = store if isinstance(store, GraphStore) else open_store(store)
    dataset = Dataset(store=OxigraphStore(store=opened.oxigraph), default_union=True)
    bind_prefixes(dataset)
    return dataset
