"""The on-disk Oxigraph store a build writes into ``output/store``.

A build bulk-loads its N-Quads into a fresh folder; everyone else (``kg query``, ``kg serve``,
the views, Python users) opens it read-only, so several readers and the HTTP server can share
one store without locking each other out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import ErrorCode, KGError

if TYPE_CHECKING:
    import pyoxigraph


@dataclass(frozen=True, slots=True)
class GraphStore:
    """An opened store and the folder it lives in.

    The folder is kept because a query with a time-out runs in a child process, which opens
    the store again by path (a query running inside Oxigraph cannot be interrupted in place).
    """

    path: Path
    oxigraph: pyoxigraph.Store

    def __len__(self) -> int:
        return len(self.oxigraph)


def load_store(nquads: Path, directory: Path) -> int:
    """Bulk-load N-Quads into a new store at ``directory``; return the number of quads."""
    from pyoxigraph import RdfFormat, Store

    store = Store(str(directory))
    store.bulk_load(path=str(nquads), format=RdfFormat.N_QUADS)
    store.flush()
    count = len(store)
    del store
    return count


def open_store(path: Path | str) -> GraphStore:
    """Open a build's store read-only, or raise E010 when there is none.

    >>> open_store("no/such/store")
    Traceback (most recent call last):
    kg.errors.KGError: E010: no store at no/such/store; run `kg build` first, or pass `--store DIR` of a build's store folder
    """  # noqa: E501 - a doctest's expected line cannot be wrapped
    from pyoxigraph import Store

    path = Path(path)
    if not is_store(path):
        raise KGError.of(ErrorCode.E010, path=path)
    try:
        return GraphStore(path=path, oxigraph=Store.read_only(str(path)))
    except OSError as error:
        raise KGError.of(ErrorCode.E010, path=path) from error


def is_store(path: Path) -> bool:
    """Whether ``path`` looks like an Oxigraph (RocksDB) store folder."""
    return (path / "CURRENT").is_file()
