"""Per-document results on disk, keyed by content: ``<out>/.cache/<kind>/<key>.*``.

The cache lives inside the output folder but outside the build's atomic swap: entries are
written as they are computed (each one atomically), so a build that fails or is killed keeps
the work it finished, and the next build picks it up. The pipeline moves the folder into the
new output when it swaps, and prunes entries the build did not use.

Entries are pickles kg itself wrote into the user's own output folder; a damaged or
unreadable entry counts as a miss and is recomputed, never an error.
"""

from __future__ import annotations

import hashlib
import pickle
import shutil
from pathlib import Path

CACHE_FOLDER = ".cache"
FORMAT = "2"
"""Bumped when the layout of cached values changes."""


def cache_key(*parts: str | bytes) -> str:
    """SHA-256 of the parts, each length-prefixed so that no two part lists collide."""
    digest = hashlib.sha256(FORMAT.encode())
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class ResultCache:
    """Get and put pickled values by (kind, key); usable from any worker process."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, kind: str, key: str) -> Path:
        return self.folder / kind / f"{key}.pickle"

    def get(self, kind: str, key: str) -> object | None:
        path = self.path(kind, key)
        try:
            with path.open("rb") as stream:
                return pickle.load(stream)
        except FileNotFoundError:
            return None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                ValueError, TypeError):
            path.unlink(missing_ok=True)  # damaged: recompute
            return None

    def put(self, kind: str, key: str, value: object) -> None:
        """Write atomically (temporary file, then rename); a full disk only loses the entry."""
        from kg.visualize.atomic import write_atomically

        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            write_atomically(self.path(kind, key), lambda temporary: temporary.write_bytes(data))
        except OSError:
            pass

    def prune(self, keep: dict[str, set[str]]) -> int:
        """Remove every entry not in ``keep`` (kind → keys); return how many went."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for kind_folder in self.folder.iterdir():
            if not kind_folder.is_dir():
                kind_folder.unlink(missing_ok=True)
                continue
            if kind_folder.name not in keep:
                shutil.rmtree(kind_folder, ignore_errors=True)
                continue
            wanted = keep[kind_folder.name]
            for entry in kind_folder.iterdir():
                if entry.name.split(".", 1)[0] not in wanted:
                    entry.unlink(missing_ok=True)
                    removed += 1
        return removed
