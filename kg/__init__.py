"""kg: knowledge graphs of the 1958-1960 technical-innovation campaigns from OCR texts.

The public functions are plain Python; the CLI (``kg``) only parses options and prints.
Nothing heavy is imported here: spaCy, rdflib and pyoxigraph load on first use.

>>> import kg
>>> sorted(kg.__all__)
['build', 'query']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["build", "query"]

if TYPE_CHECKING:
    from kg.pipeline import build
    from kg.store import query


def __getattr__(name: str) -> Any:
    if name == "build":
        from kg.pipeline import build

        return build
    if name == "query":
        from kg.store import query

        return query
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
