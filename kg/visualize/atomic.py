"""Files written whole or not at all: a reader never finds half a page or half a table."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    """Run ``write`` on a temporary file beside ``path``, then rename it over ``path``.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "page.html"
    >>> write_atomically(target, lambda p: p.write_text("<p>")).read_text()
    '<p>'
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        write(Path(temporary))
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def write_texts(folder: Path, texts: dict[str, str]) -> dict[str, Path]:
    """Write each text to ``folder / name`` atomically; a folder that cannot be written is
    the user's E020, not a traceback."""
    from kg.errors import ErrorCode, KGError

    try:
        return {name: write_atomically(folder / name,
                                       lambda path, text=text: path.write_text(text, "utf-8"))
                for name, text in texts.items()}
    except OSError as error:
        raise KGError.of(ErrorCode.E020, path=folder, detail=error.strerror or error) from error
