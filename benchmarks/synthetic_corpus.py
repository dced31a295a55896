"""Synthetic corpus of the genre, for scale benchmarks of ``kg build`` (1 MB, 10 MB, 100 MB).

The bundled booklet (kg/corpus/000_*.txt, ~28 KB) is the only text of the genre we may ship, so
a large corpus is made by repeating and varying it. Each file is one "document" of 20–40 KB
(about one booklet): the booklet's title block (title page, table of contents, first heading),
kept in order so the file still reads as a booklet, then its body paragraphs (blocks between
blank lines) shuffled with a seeded ``random.Random``, cycling through fresh permutations until
the document's drawn size is reached.

Why the places are substituted: repeating one text verbatim would give a graph that stops
growing after the first copy (the same 沈阳卷烟厂 a thousand times), which makes linking,
storage and views look far cheaper than on a real corpus. So in every document each place name
of the gazetteer (kg/data/places.csv: a province, prefecture or county ``name`` or ``short_name``
of 2+ characters, not a stop-listed short form, also in its OpenCC ``s2t`` form since the OCR
mixes scripts: 自貢) is replaced by another place of the same level drawn by the RNG, the same
one for every mention of that place in the document (沈阳 and 沈阳市 both become 鞍山 and
鞍山市). Factory names that start with a place vary with it (沈阳卷烟厂 → 鞍山卷烟厂), so the
entities, their links and the graph grow roughly as a real corpus's would. Everything else of
the text, the traditional and simplified characters of the OCR included, is kept as it is, and
so are names outside places.csv (the historical 寿张县, 沙市; district short forms such as 塘沽).

The booklet is scanned once with one compiled alternation of all the names (longest first) and
cut into literal pieces and place slots; a document is then only a join of pieces, so 100 MB
are written in seconds. Paragraphs are shuffled, so a relation that the original states across
two paragraphs (a factory named in one, its innovation in the next) is sometimes broken, and a
paragraph the original split over a page break loses its other half. That is fine for timing:
the extraction work per character is that of the real text.

Same target, seed and bundled data → byte-identical files. ``mutate_one`` changes one document
(for the incremental benchmark); ``jieba_baseline`` times bare ``jieba.cut`` over a corpus, the
floor of any jieba-based pipeline.

    python benchmarks/synthetic_corpus.py --megabytes 10 --out /tmp/corpus10 [--seed 0] [--jieba]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.config import corpus_dir, data_dir

DOC_BYTES = (20_000, 40_000)
"""Range of a document's size in UTF-8 bytes, drawn per document (the booklet has ~28 KB)."""
HEADER_LINE_CHARS = 80
"""The title block is the leading blocks whose lines are all at most this long."""
LEVEL_RANK = {"province": 0, "prefecture": 1, "county": 2}
_BLANK_LINES = re.compile(r"\n[ \t\u3000]*\n(?:[ \t\u3000]*\n)*")
_PICK_TRIES = 20
_NOT_DRAWN = ("71", "81", "82")
"""Taiwan, Hong Kong and Macao: named in the gazetteer, not in the PRC factory press of 1960."""


@dataclass(frozen=True, slots=True)
class CorpusInfo:
    """What :func:`make_corpus` wrote."""

    folder: Path
    files: int
    bytes: int
    characters: int
    places: int = 0
    """Distinct place names written in place of the booklet's (simplified form)."""


@dataclass(frozen=True, slots=True)
class _Place:
    code: str
    level: str
    name: str
    short: str  # "" when texts do not use a short form (counties) or it is stop-listed
    name_t: str  # OpenCC s2t forms
    short_t: str

    def surface(self, short: bool, traditional: bool) -> str:
        if short:
            return self.short_t if traditional else self.short
        return self.name_t if traditional else self.name

    def fits(self, short: bool, suffix: str) -> bool:
        """Can stand for a place written in short form and/or with a full name ending so."""
        return (not short or bool(self.short)) and self.name.endswith(suffix)


@dataclass(frozen=True, slots=True)
class _Slot:
    """A place mention in the booklet: which place, and how it is written."""

    place: _Place
    short: bool
    traditional: bool


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    pattern: re.Pattern[str]
    forms: dict[str, _Slot]  # every surface form → its reading
    places: tuple[_Place, ...]  # sorted by code


def _stoplist() -> set[str]:
    lines = (data_dir() / "place_stoplist.txt").read_text(encoding="utf-8").splitlines()
    return {word for line in lines if (word := line.split("#", 1)[0].strip())}


@cache
def _gazetteer() -> _Gazetteer:
    """places.csv as surface forms and replacement pools (kg/extract/gazetteer.py's rules)."""
    import opencc

    s2t = opencc.OpenCC("s2t").convert
    stop = _stoplist()
    with (data_dir() / "places.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["level"] in LEVEL_RANK]
    top: dict[str, int] = {}
    for row in rows:
        if row["short_name"]:
            rank = LEVEL_RANK[row["level"]]
            top[row["short_name"]] = min(rank, top.get(row["short_name"], rank))
    places = []
    for row in sorted(rows, key=lambda row: row["adcode"]):
        short = row["short_name"]
        # 吉林 reads as the province, never as 吉林市: such a short form is not this place's
        if len(short) < 2 or short in stop or top[short] < LEVEL_RANK[row["level"]]:
            short = ""
        places.append(_Place(row["adcode"], row["level"], row["name"], short,
                             s2t(row["name"]), s2t(short) if short else ""))
    forms: dict[str, _Slot] = {}
    for place in sorted(places, key=lambda p: (LEVEL_RANK[p.level], p.code), reverse=True):
        for short in (False, True):  # the best reading of a shared form is written last
            for traditional in (True, False):  # 北京 is its own s2t form: simplified
                surface = place.surface(short, traditional)
                if len(surface) >= 2:
                    forms[surface] = _Slot(place, short, traditional)
    alternation = "|".join(map(re.escape, sorted(forms, key=lambda s: (-len(s), s))))
    return _Gazetteer(re.compile(alternation), forms, tuple(places))


@cache
def _pool(level: str, short: bool, suffix: str) -> tuple[_Place, ...]:
    """The places that may stand for one of ``level`` written in short form and/or in full."""
    return tuple(p for p in _gazetteer().places if p.level == level and p.fits(short, suffix)
                 and not p.code.startswith(_NOT_DRAWN))


@dataclass(frozen=True, slots=True)
class _Booklet:
    header: tuple[tuple[str | _Slot, ...], ...]
    body: tuple[tuple[str | _Slot, ...], ...]
    pools: dict[str, tuple[_Place, ...]]  # place code → the places that may replace it


def _blocks(text: str) -> list[str]:
    return [block for block in _BLANK_LINES.split(text.strip("\n")) if block.strip()]


@cache
def _booklet() -> _Booklet:
    """The booklet cut once into blocks of literal text and place slots."""
    gazetteer = _gazetteer()
    path = sorted(corpus_dir().glob("000_*.txt"))[0]
    blocks = _blocks(path.read_text(encoding="utf-8"))
    pieces: list[tuple[str | _Slot, ...]] = []
    written: dict[_Place, set[bool]] = {}  # place → forms used (short or not)
    for block in blocks:
        parts: list[str | _Slot] = []
        end = 0
        for match in gazetteer.pattern.finditer(block):
            slot = gazetteer.forms[match.group()]
            parts += [block[end:match.start()], slot]
            written.setdefault(slot.place, set()).add(slot.short)
            end = match.end()
        parts.append(block[end:])
        pieces.append(tuple(part for part in parts if part != ""))
    header = 0
    while header < len(blocks) and all(
            len(line) <= HEADER_LINE_CHARS for line in blocks[header].splitlines()):
        header += 1
    pools = {}
    for place, shorts in written.items():
        suffix = place.name[-1] if False in shorts else ""
        pools[place.code] = _pool(place.level, True in shorts, suffix)
    return _Booklet(tuple(pieces[:header]), tuple(pieces[header:]), pools)


def _pick(rng: random.Random, pool: tuple[_Place, ...], taken: set[str]) -> _Place:
    """A place of the pool, preferring one not yet used in this document."""
    place = rng.choice(pool)
    for _ in range(_PICK_TRIES):
        if place.code not in taken:
            break
        place = rng.choice(pool)
    taken.add(place.code)
    return place


def _document(booklet: _Booklet, rng: random.Random, used: set[str]) -> bytes:
    """One document: title block, then shuffled body blocks up to a drawn size."""
    target = rng.randint(*DOC_BYTES)
    chosen: dict[str, _Place] = {}
    taken: set[str] = set()

    def render(block: tuple[str | _Slot, ...]) -> bytes:
        parts = []
        for part in block:
            if isinstance(part, str):
                parts.append(part)
                continue
            new = chosen.get(part.place.code)
            if new is None:
                new = chosen[part.place.code] = _pick(rng, booklet.pools[part.place.code], taken)
                used.add(new.surface(part.short, False))
            parts.append(new.surface(part.short, part.traditional))
        return "".join(parts).encode("utf-8")

    out = [render(block) for block in booklet.header]
    size = sum(map(len, out))
    order: list[int] = []
    while size < target:
        if not order:
            order = list(range(len(booklet.body)))
            rng.shuffle(order)
        out.append(render(booklet.body[order.pop()]))
        size += len(out[-1]) + 2
    return b"\n\n".join(out) + b"\n"


def make_corpus(target_bytes: int, folder: Path, *, seed: int = 0) -> CorpusInfo:
    """Write ``doc-00001.txt`` … into a new or empty ``folder`` until ≥ ``target_bytes``."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise FileExistsError(f"{folder} is not empty: give a new or empty folder")
    folder.mkdir(parents=True, exist_ok=True)
    booklet = _booklet()
    used: set[str] = set()
    files = total = characters = 0
    while total < target_bytes or files == 0:
        files += 1
        data = _document(booklet, random.Random(f"{seed}/{files}"), used)
        (folder / f"doc-{files:05d}.txt").write_bytes(data)
        total += len(data)
        characters += len(data.decode("utf-8"))
    return CorpusInfo(folder, files, total, characters, len(used))


def mutate_one(folder: Path, *, seed: int = 1) -> Path:
    """Append to one document a paragraph of another, with its places replaced; the path.

    The paragraph is one that names a place when the donor has any, and each of its places is
    replaced by another of the same level, so the appended text is new to the corpus.
    """
    docs = sorted(Path(folder).glob("doc-*.txt"))
    if not docs:
        raise FileNotFoundError(f"no doc-*.txt in {folder}")
    rng = random.Random(f"mutate/{seed}")
    target = rng.choice(docs)
    donor = rng.choice([doc for doc in docs if doc != target] or docs)
    gazetteer = _gazetteer()
    blocks = _blocks(donor.read_text(encoding="utf-8"))
    body = [block for block in blocks
            if any(len(line) > HEADER_LINE_CHARS for line in block.splitlines())] or blocks
    paragraph = rng.choice([block for block in body if gazetteer.pattern.search(block)] or body)
    chosen: dict[str, _Place] = {}
    taken: set[str] = set()

    def replace(match: re.Match[str]) -> str:
        slot = gazetteer.forms[match.group()]
        old = slot.place
        if old.code not in chosen:
            suffix = "" if slot.short else old.name[-1]
            pool = [p for p in _pool(old.level, slot.short, suffix)
                    if p.surface(slot.short, False) != old.surface(slot.short, False)]
            chosen[old.code] = _pick(rng, tuple(pool), taken) if pool else old
        return chosen[old.code].surface(slot.short, slot.traditional)

    text = target.read_text(encoding="utf-8").rstrip("\n")
    paragraph = gazetteer.pattern.sub(replace, paragraph)
    target.write_bytes(f"{text}\n\n{paragraph}\n".encode())
    return target


def jieba_baseline(folder: Path) -> tuple[float, int]:
    """Seconds and characters of bare ``jieba.cut`` over every file, in one process.

    The dictionary is loaded before the clock starts; reading each file is timed with it.
    """
    import jieba

    jieba.initialize()
    paths = sorted(Path(folder).rglob("*.txt"))
    characters = 0
    start = time.perf_counter()
    for path in paths:
        text = path.read_text(encoding="utf-8")
        characters += len(text)
        for _ in jieba.cut(text):
            pass
    return time.perf_counter() - start, characters


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, required=True,
                        help="target size in MiB (× 1024 × 1024 bytes, as the other benchmarks)")
    parser.add_argument("--out", type=Path, required=True, help="a new or empty folder")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jieba", action="store_true", help="also time bare jieba.cut over it")
    args = parser.parse_args()

    start = time.perf_counter()
    info = make_corpus(int(args.megabytes * 1024 * 1024), args.out, seed=args.seed)
    seconds = time.perf_counter() - start
    print(f"corpus {info.folder}: {info.files:,} files, {info.bytes:,} bytes "
          f"({info.bytes / 2**20:.1f} MiB), {info.characters:,} characters, "
          f"{info.places:,} distinct place names substituted; written in {seconds:.1f} s")
    if args.jieba:
        jieba_s, chars = jieba_baseline(args.out)
        print(f"jieba.cut: {jieba_s:.2f} s, {chars / jieba_s / 1e3:,.0f} k chars/s")


if __name__ == "__main__":
    main()
