"""``kg link --with FILE``: align the entities of a build with another dataset.

A historian's or a gazetteer's dataset names the same factories and places in its own way:
traditional characters, pinyin with or without tones, with or without 市 and 县. Each of its
records is compared with every entity of ours of a compatible type (:mod:`kg.link.match`) on
all the names both sides give, and scored on one scale. Precision comes first, because a wrong
link is worse than none; a record is linked only when

- its best score reaches the threshold (default 0.9: the same characters, or the same
  toneless pinyin; near misses such as 沈阳 / 沈丘 never reach it);
- its type is known and compatible with ours, or else its characters are the same as ours;
- no other entity of ours comes within the margin of it (an ambiguous name links nothing);
- no other of its records claims the same entity with a score as high (one to one).

Every candidate above a floor is written with its score, the pair of names that gave it and
the decision, so a reader can see why a link was or was not made.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from kg.errors import ErrorCode, KGError
from kg.link.entities import LinkableEntity
from kg.link.labels import name_forms
from kg.link.match import FUZZY_CHARACTERS, best_name_match, compatible, type_of

DEFAULT_THRESHOLD = 0.9
MARGIN = 0.05
CANDIDATE_FLOOR = 0.6
EXACT_SCORE = 1.0
SHORTLIST_CUTOFF = 100 * CANDIDATE_FLOOR / FUZZY_CHARACTERS
"""Similarity (0-100) below which no pair of keys can score the candidate floor, whatever its
kind: fuzzy scores are at most 0.85 × similarity. Entities only that far off are not scored."""

LABEL_PROPERTIES = (
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2004/02/skos/core#altLabel",
    "http://schema.org/name", "https://schema.org/name",
    "http://schema.org/alternateName", "https://schema.org/alternateName",
    "http://xmlns.com/foaf/0.1/name",
    "http://purl.org/dc/terms/title",
    "http://www.geonames.org/ontology#name",
    "http://www.geonames.org/ontology#alternateName",
    "http://www.geonames.org/ontology#officialName",
)
TYPE_PROPERTIES = (
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.wikidata.org/prop/direct/P31",
    "http://www.geonames.org/ontology#featureClass",
)
RDF_FORMATS = {".ttl": "turtle", ".turtle": "turtle", ".nt": "nt", ".ntriples": "nt",
               ".jsonld": "json-ld", ".json": "json-ld", ".rdf": "xml", ".xml": "xml",
               ".owl": "xml", ".n3": "n3", ".trig": "trig", ".nq": "nquads"}
TABLE_FORMATS = {".csv": "csv", ".tsv": "tsv"}
LABEL_COLUMNS = ("label", "name", "prefLabel", "名称", "名字", "title")
ID_COLUMNS = ("id", "iri", "uri", "qid", "identifier", "@id")
TYPE_COLUMNS = ("type", "class", "kind", "category", "类型")
ALT_COLUMNS = ("alt_labels", "alt_label", "altLabel", "aliases", "other_names", "别名")


@dataclass(slots=True)
class ExternalRecord:
    """One record of the other dataset: its id (an IRI, or ``row N`` of a table without
    ids), every name it gives, and its type as written (``""``: none given)."""

    id: str
    labels: list[str] = field(default_factory=list)
    type_text: str = ""

    @property
    def type(self) -> str | None:
        return type_of(self.type_text) if self.type_text else None

    @property
    def is_iri(self) -> bool:
        return self.id.startswith(("http://", "https://", "urn:"))


@dataclass(frozen=True, slots=True)
class Candidate:
    """One external record against one entity of ours, scored, with the decision."""

    external_id: str
    external_label: str
    external_type: str
    entity: str
    entity_name: str
    entity_type: str
    score: float
    matched_on: str
    decision: str
    relation: str = ""


@dataclass(slots=True)
class Alignment:
    """Candidates and accepted links of one run, and the figures of the run."""

    candidates: list[Candidate]
    records: int
    entities: int
    threshold: float
    skipped: int = 0

    @property
    def accepted(self) -> list[Candidate]:
        return [c for c in self.candidates if c.decision == "accepted"]

    def summary(self) -> dict:
        return {"external_records": self.records, "skipped_records": self.skipped,
                "entities": self.entities, "candidates": len(self.candidates),
                "accepted": len(self.accepted), "threshold": self.threshold,
                "margin": MARGIN, "candidate_floor": CANDIDATE_FLOOR}


def read_dataset(path: Path, fmt: str | None = None) -> tuple[list[ExternalRecord], int]:
    """The records of a Turtle, N-Triples, JSON-LD, RDF/XML or CSV/TSV file, and how many
    subjects were skipped (blank nodes, or no name)."""
    if not path.is_file():
        raise KGError.of(ErrorCode.E060, path=path, detail="no such file")
    suffix = path.suffix.lower()
    fmt = fmt or RDF_FORMATS.get(suffix) or TABLE_FORMATS.get(suffix)
    if fmt is None:
        raise KGError.of(ErrorCode.E062, suffix=suffix, path=path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise KGError.of(ErrorCode.E060, path=path, detail=f"not UTF-8 at byte {error.start}"
                         " (save the file as UTF-8)") from error
    if fmt in ("csv", "tsv"):
        return _read_table(path, text, "\t" if fmt == "tsv" else ","), 0
    return _read_rdf(path, text, fmt)


def _read_rdf(path: Path, text: str, fmt: str) -> tuple[list[ExternalRecord], int]:
    from rdflib import BNode, Dataset, Literal

    dataset = Dataset()
    try:
        dataset.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except Exception as error:  # noqa: BLE001 - every parser has its own exceptions
        detail = " ".join(str(error).split())[:300] or type(error).__name__
        raise KGError.of(ErrorCode.E060, path=path, detail=detail) from error
    records: dict[str, ExternalRecord] = {}
    skipped: set = set()
    labels, types = set(LABEL_PROPERTIES), set(TYPE_PROPERTIES)
    for subject, predicate, value, _ in sorted(dataset.quads((None, None, None, None)),
                                               key=lambda q: tuple(map(str, q[:3]))):
        if str(predicate) not in labels and str(predicate) not in types:
            continue
        if isinstance(subject, BNode):
            skipped.add(subject)
            continue
        record = records.setdefault(str(subject), ExternalRecord(str(subject)))
        if str(predicate) in labels and isinstance(value, Literal):
            if str(value) not in record.labels:
                record.labels.append(str(value))
        elif str(predicate) in types and not record.type_text:
            record.type_text = str(value)
        elif str(predicate) in types and type_of(str(value)) and not record.type:
            record.type_text = str(value)
    named = [r for r in records.values() if r.labels]
    return named, len(skipped) + len(records) - len(named)


def _read_table(path: Path, text: str, delimiter: str) -> list[ExternalRecord]:
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    columns = [c.strip() for c in reader.fieldnames or []]

    def pick(options: tuple[str, ...]) -> str | None:
        lowered = {c.lower(): original for c, original in zip(columns, reader.fieldnames or [],
                                                             strict=False)}
        return next((lowered[o.lower()] for o in options if o.lower() in lowered), None)

    label, ident, kind, alt = (pick(LABEL_COLUMNS), pick(ID_COLUMNS), pick(TYPE_COLUMNS),
                               pick(ALT_COLUMNS))
    if label is None:
        raise KGError.of(ErrorCode.E061, path=path, columns=", ".join(columns) or "none")
    records = []
    try:
        for number, row in enumerate(reader, start=2):
            names = [(row.get(label) or "").strip()]
            names += [n.strip() for n in (row.get(alt) or "").replace(";", "|").split("|")
                      ] if alt else []
            names = [n for n in dict.fromkeys(names) if n]
            if names:
                record_id = (row.get(ident) or "").strip() if ident else ""
                records.append(ExternalRecord(record_id or f"row {number}", names,
                                              (row.get(kind) or "").strip() if kind else ""))
    except csv.Error as error:
        raise KGError.of(ErrorCode.E060, path=path,
                         detail=f"line {reader.line_num}: {error}") from error
    return records


def align(records: list[ExternalRecord], entities: list[LinkableEntity], *,
          threshold: float = DEFAULT_THRESHOLD, skipped: int = 0) -> Alignment:
    """Score every record against the entities that could match it; decide the links."""
    if not 0.5 <= threshold <= 1.0:
        raise KGError.of(ErrorCode.E063, value=threshold)
    shortlist = _Shortlist(entities)
    per_record: list[list[Candidate]] = []
    for record in records:
        scored = []
        for entity in shortlist.for_names(record.labels):
            match = best_name_match(record.labels, entity.names)
            if match is None or match.score < CANDIDATE_FLOOR:
                continue
            fits = compatible(entity.type, record.type)
            decision = "" if fits else f"rejected: a {record.type} is not a {entity.type}"
            scored.append(Candidate(record.id, match.theirs, record.type_text, entity.iri,
                                    entity.name, entity.type, match.score, match.describe(),
                                    decision))
        scored.sort(key=lambda c: (-c.score, c.entity))
        per_record.append(_decide(record, scored, threshold))
    candidates = _one_to_one([c for group in per_record for c in group])
    return Alignment(candidates, len(records), len(entities), threshold, skipped)


def _decide(record: ExternalRecord, scored: list[Candidate], threshold: float) -> list[Candidate]:
    """The decision on each candidate of one record: only its best can be accepted."""
    fitting = [c for c in scored if not c.decision]
    decided = []
    for candidate in scored:
        if candidate.decision:
            decided.append(candidate)
            continue
        best = candidate is fitting[0]
        runner_up = next((c.score for c in fitting[1:] if c.entity != candidate.entity), 0.0)
        if not best:
            why = "not the best candidate of this record"
        elif candidate.score < threshold:
            why = f"below the threshold {threshold}"
        elif round(candidate.score - runner_up, 4) < MARGIN:
            why = f"ambiguous: another entity scores {runner_up}"
        elif record.type is None and candidate.score < EXACT_SCORE:
            why = "record has no type, and its characters are not the same as ours"
        else:
            why = "accepted"
        relation = ("exactMatch" if candidate.score >= EXACT_SCORE and record.type
                    else "closeMatch") if why == "accepted" else ""
        decided.append(_replace(candidate, decision=why, relation=relation))
    return decided


def _one_to_one(candidates: list[Candidate]) -> list[Candidate]:
    """An entity claimed by two records keeps the clearly better one, or neither."""
    claims: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        if candidate.decision == "accepted":
            claims[candidate.entity].append(candidate)
    dropped: dict[int, str] = {}
    for claim in claims.values():
        if len(claim) < 2:
            continue
        claim.sort(key=lambda c: -c.score)
        clear = round(claim[0].score - claim[1].score, 4) >= MARGIN
        for candidate in claim[1:] if clear else claim:
            other = claim[0] if candidate is not claim[0] else claim[1]
            dropped[id(candidate)] = (f"another record ({other.external_id}) claims this "
                                      f"entity with {other.score}")
    return [_replace(c, decision=dropped[id(c)], relation="") if id(c) in dropped else c
            for c in candidates]


def _replace(candidate: Candidate, **changes: object) -> Candidate:
    return Candidate(**{**asdict(candidate), **changes})


class _Shortlist:
    """The entities worth scoring for a set of names: those with a key within reach of one.

    Scoring every record against every entity is quadratic. Keys are grouped by kind and
    length, and rapidfuzz's ``process.extract`` (in C) runs only over the groups whose length
    could reach :data:`SHORTLIST_CUTOFF`: two keys of lengths a and b are at most
    2·min(a, b)/(a + b) similar.
    """

    def __init__(self, entities: list[LinkableEntity]) -> None:
        self.groups: dict[tuple[str, int], tuple[list[str], list[list[LinkableEntity]]]] = {}
        index: dict[tuple[str, str], list[LinkableEntity]] = {}
        for entity in entities:
            for name in entity.names:
                for form in name_forms(name):
                    owners = index.get((form.kind, form.key))
                    if owners is None:
                        owners = index[form.kind, form.key] = []
                        keys, groups = self.groups.setdefault((form.kind, len(form.key)),
                                                              ([], []))
                        keys.append(form.key)
                        groups.append(owners)
                    if entity not in owners:
                        owners.append(entity)

    def for_names(self, names: list[str]) -> list[LinkableEntity]:
        from rapidfuzz import process
        from rapidfuzz.fuzz import ratio

        reach = SHORTLIST_CUTOFF / 100
        found: dict[str, LinkableEntity] = {}
        for name in names:
            for form in name_forms(name):
                size = len(form.key)
                low, high = size * reach / (2 - reach), size * (2 - reach) / reach
                for (kind, length), (keys, owners) in self.groups.items():
                    if kind != form.kind or not low <= length <= high:
                        continue
                    for _, _, position in process.extract(form.key, keys, scorer=ratio,
                                                          score_cutoff=SHORTLIST_CUTOFF,
                                                          limit=50):
                        for entity in owners[position]:
                            found.setdefault(entity.iri, entity)
        return [found[iri] for iri in sorted(found)]


def write_alignment(alignment: Alignment, out: Path, *, dataset: Path) -> dict[str, Path]:
    """candidates.csv, accepted.csv, accepted.ttl (SKOS) and summary.json, each atomically."""
    from rdflib import Graph, URIRef
    from rdflib.namespace import SKOS

    from kg.visualize.atomic import write_texts

    columns = [f.name for f in fields(Candidate)]
    links = Graph()
    links.bind("skos", SKOS)
    for candidate in alignment.accepted:
        if candidate.external_id.startswith(("http://", "https://", "urn:")):
            links.add((URIRef(candidate.entity), SKOS[candidate.relation],
                       URIRef(candidate.external_id)))
    texts = {
        "candidates.csv": _table(columns, alignment.candidates),
        "accepted.csv": _table(columns, alignment.accepted),
        "accepted.ttl": links.serialize(format="turtle"),
        "summary.json": json.dumps({"dataset": str(dataset), **alignment.summary()},
                                   ensure_ascii=False, indent=1) + "\n",
    }
    return write_texts(out, texts)


def _table(columns: list[str], rows: list[Candidate]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(asdict(row) for row in sorted(
        rows, key=lambda c: (c.external_id, -c.score, c.entity)))
    return buffer.getvalue()
