"""Runs one SPARQL query in a child process, so that a time-out can stop it by killing us.

Reads a JSON request on stdin (store folder, query, form, prefixes), writes the serialized
answer on stdout. A :class:`kg.errors.KGError` is written on stderr as JSON with exit status
:data:`kg.store.sparql.CHILD_ERROR_STATUS`. Run as ``python -m kg.store.child``.
"""

from __future__ import annotations

import json
import sys

from kg.errors import KGError
from kg.store.disk import open_store
from kg.store.sparql import CHILD_ERROR_STATUS, evaluate, serialize_answer


def main() -> int:
    request = json.loads(sys.stdin.buffer.read())
    try:
        store = open_store(request["store"])
        result = evaluate(store.oxigraph, request["query"], request["prefixes"])
        sys.stdout.buffer.write(serialize_answer(result, request["form"]))
    except KGError as error:
        sys.stderr.write(json.dumps({"code": error.code.name, "message": error.message}))
        return CHILD_ERROR_STATUS
    return 0


if __name__ == "__main__":
    sys.exit(main())
