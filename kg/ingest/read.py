"""Find input texts and decode them, refusing what is not a text with a coded error.

Encodings in the wild for these sources: UTF-8 (often with a BOM from Windows editors),
GB18030/GBK from older Chinese tools, Big5 from Taiwan and Hong Kong scans, and UTF-16 from
Word exports. A file is decoded strictly; a UTF-8 file with a broken byte in the middle is
refused with the byte offset rather than silently decoded as something else.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ErrorCode, KGError

_MAGIC = {
    b"\x89PNG": "PNG image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive (docx/xlsx/epub)",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
    b"\x1f\x8b": "gzip archive",
    b"\xd0\xcf\x11\xe0": "MS Office document",
}


@dataclass(frozen=True, slots=True)
class RawText:
    """A decoded input file."""

    path: Path
    text: str
    encoding: str


def collect_paths(paths: Iterable[Path]) -> list[Path]:
    """Expand files and folders into the ordered list of texts to read.

    Folders are read recursively, in sorted order, skipping hidden files and folders, so that
    two runs over the same corpus see the same documents in the same order.
    """
    found: list[Path] = []
    for path in paths:
        if not path.exists():
            raise KGError.of(ErrorCode.E001, path=path)
        if path.is_dir():
            texts = sorted(p for p in path.rglob("*.txt") if p.is_file() and not _hidden(p, path))
            if not texts:
                raise KGError.of(ErrorCode.E002, path=path)
            found.extend(texts)
        else:
            found.append(path)
    return found


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_text(path: Path, *, max_bytes: int) -> RawText:
    """Read and decode one file, or raise a :class:`KGError` saying what is wrong with it."""
    size = path.stat().st_size
    if size > max_bytes:
        raise KGError.of(ErrorCode.E006, path=path, size=size, limit=max_bytes)
    data = path.read_bytes()
    text, encoding = decode(data, path)
    if not text.strip():
        raise KGError.of(ErrorCode.E004, path=path)
    return RawText(path=path, text=text, encoding=encoding)


def decode(data: bytes, path: Path) -> tuple[str, str]:
    """Decode bytes strictly, trying the encodings of the genre in a fixed order."""
    for boms, encoding in (((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16"),
                           ((codecs.BOM_UTF8,), "utf-8-sig")):
        if data.startswith(boms):
            return _strict(data, encoding, path), encoding
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise KGError.of(ErrorCode.E003, path=path, reason=kind)
    nul = data.find(b"\x00")
    if nul >= 0:
        raise KGError.of(ErrorCode.E003, path=path, reason=f"NUL byte at offset {nul}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        if not data[: error.start].isascii() and _damaged_utf8(data):
            # Valid UTF-8 Chinese before and around the fault: a damaged UTF-8 file, not
            # another code.
            raise KGError.of(ErrorCode.E005, path=path, encoding="UTF-8",
                             offset=error.start) from error
        utf8_error = error
    candidates = []
    for encoding in ("gb18030", "big5"):
        try:
            candidates.append((_plausibility(data.decode(encoding)), encoding))
        except UnicodeDecodeError:
            continue
    if candidates:
        _, encoding = max(candidates, key=lambda candidate: candidate[0])
        return data.decode(encoding), encoding
    raise KGError.of(ErrorCode.E005, path=path, encoding="UTF-8",
                     offset=utf8_error.start) from utf8_error


def _damaged_utf8(data: bytes) -> bool:
    """Whether the non-ASCII characters that ``data`` holds as valid UTF-8 read as Chinese.

    Valid UTF-8 before the first fault is not proof of a damaged UTF-8 file: many GBK
    characters are also valid two-byte UTF-8 (一 is ``d2 bb``, 全 ``c8 ab``, 业 ``d2 b5``), and
    one GB18030 file in six or seven opens with one, which was refused as damaged UTF-8. Read
    as UTF-8, such bytes give Cyrillic, Latin or Tibetan letters (һ, ȫ, ҵ, ༼); a damaged UTF-8
    text of the genre gives ideographs and CJK punctuation between its faults.
    """
    valid = _ASCII_OR_FAULT.sub("", data.decode("utf-8", errors="replace"))
    return 2 * _PLAUSIBLE.subn("", valid)[1] > len(valid)  # subn counts without a list


_ASCII_OR_FAULT = re.compile(r"[\x00-\x7f\ufffd]+")
_PLAUSIBLE = re.compile(
    r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\x00-\x7f\u201c\u201d\u2014\u2026]"
)


def _plausibility(text: str) -> float:
    """Share of characters a Chinese text is made of: ideographs, CJK punctuation, ASCII.

    GB18030 decodes almost any byte string; Big5 bytes read as GB18030 come out as kana,
    Greek, Cyrillic and private-use characters (GBK rows A4-AF), which this score exposes.
    Ties go to GB18030 (max keeps the first).
    """
    if not text:
        return 0.0
    return len(_PLAUSIBLE.findall(text)) / len(text)


def _strict(data: bytes, encoding: str, path: Path) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise KGError.of(ErrorCode.E005, path=path, encoding=encoding,
                         offset=error.start) from error
