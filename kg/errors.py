"""Every user-facing error of kg, with a code, a place and a remedy.

The catalogue style follows spaCy's ``Errors``: one numbered message per fault so that a
historian can search the code, and a remedy in each so that nobody is left with a traceback.
Stages raise :class:`KGError`; the CLI prints ``str(error)`` on one line and exits non-zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ErrorCode(Enum):
    """Codes and message templates. ``{placeholders}`` are filled by :meth:`KGError.of`."""

    E001 = ("input path does not exist: {path}", "check the spelling, or run `kg build` with no "
            "path to use the bundled corpus")
    E002 = ("no .txt files in folder: {path}", "put the texts in .txt files (UTF-8, GB18030 or "
            "Big5) or pass the files themselves")
    E003 = ("not a text file: {path} ({reason})", "pass plain-text .txt files; convert PDFs or "
            "images to text first")
    E004 = ("empty text: {path}", "the file holds no characters besides white space; remove it "
            "from the corpus or fill it")
    E005 = ("cannot decode {path}: invalid {encoding} at byte {offset}", "save the file as UTF-8, "
            "or as GB18030/GBK/Big5 without mixing encodings")
    E006 = ("file too large: {path} is {size} bytes, the limit is {limit}", "split the text into "
            "one file per article or chapter")
    E007 = ("cannot process {path}: {detail}", "this is a fault of kg, not of the text: report "
            "it with the file; `kg build --on-error skip` builds the other documents")
    E008 = ("none of the {count} documents could be built; the first: {first}", "fix the "
            "files named in the warnings above, or pass others")
    E010 = ("no store at {path}", "run `kg build` first, or pass `--store DIR` of a build's "
            "store folder")
    E011 = ("SPARQL syntax error at line {line}, column {column}: {detail}", "fix the query; "
            "prefixes kgmc:, rdfs:, skos:, oa:, prov:, dcterms: are predeclared")
    E012 = ("query file not found: {path}", "pass a SPARQL string, the path of a .rq file, or "
            "the name of a bundled query (`kg query --list`)")
    E013 = ("query failed: {detail}", "check the query against the store's vocabulary "
            "(see ontology/kgmc.ttl)")
    E014 = ("query stopped after {seconds} s (time-out)", "narrow it (a LIMIT, more specific "
            "patterns) or allow it longer with `--timeout SECONDS` (0: no limit)")
    E015 = ("cannot serve on {address}: {detail}", "pass another address with `--bind "
            "127.0.0.1:PORT`, or stop the program that holds it")
    E016 = ("the Oxigraph server program is missing: {detail}", "reinstall kg (`pip install .`),"
            " which installs the `oxigraph` package of the same version as pyoxigraph")
    E017 = ("cannot read query file {path}: {detail}", "save the query as UTF-8 text")
    E020 = ("cannot write output to {path}: {detail}", "choose a writable folder with `--out`")
    E021 = ("build interrupted", "the previous output is as it was; the documents analysed "
            "so far are cached, so running `kg build` again continues from them")
    E022 = ("cannot use the Dask scheduler {address}: {detail}", "install the extra with "
            "`pip install 'kg[dask]'`, start a scheduler (`dask scheduler`) and workers that "
            "see the same files, or build without `--dask-scheduler`")
    E050 = ("no entity named {name!r} in the graph{suggestion}", "pass a name as `kg query "
            "entity_aliases` lists it (simplified, traditional or pinyin), or an entity IRI")
    E051 = ("{name!r} names {count} entities: {choices}", "pass the IRI of the one you mean "
            "to `--focus`")
    E060 = ("cannot read dataset {path}: {detail}", "pass a Turtle (.ttl), N-Triples (.nt), "
            "JSON-LD (.jsonld) or CSV (.csv, UTF-8) file; fix the place the message names")
    E061 = ("{path} has no label column (columns: {columns})", "name the column of names "
            "`label` or `name`; optional columns: `id`, `type`, `alt_labels` (|-separated)")
    E062 = ("unknown dataset format {suffix!r} of {path}", "use .ttl, .nt, .jsonld, .json, "
            ".rdf, .csv or .tsv, or pass `--format turtle|nt|json-ld|xml|csv|tsv`")
    E063 = ("--threshold must lie between 0.5 and 1, not {value}", "precision first: 0.9 "
            "accepts same characters or same pinyin; lower values accept near misses")
    E064 = ("Wikidata lookup failed: {detail}", "check the network, or run `kg link` without "
            "`--wikidata` (the offline path); answers already fetched stay in the cache")
    E030 = ("gold file unreadable: {path}: {detail}", "pass a JSON file in the format of "
            "shared/gold/seed_gold.json")
    E031 = ("prediction file unreadable: {path}: {detail}", "run `kg build` to create "
            "output/extraction.json or pass `--pred FILE`")
    E040 = ("no build to validate: {path} does not exist", "run `kg build` first, or pass "
            "`--out DIR` of a build's output folder")
    E041 = ("cannot read {path} as TriG: {detail}", "rebuild it with `kg build`; `kg validate` "
            "reads the kg.trig a build writes")
    E042 = ("the graph breaks the rules of ontology/shapes.ttl, {summary}", "the previous "
            "output is kept; this is a fault of kg, not of the texts: report it with this "
            "message, or run `kg validate` on an older build to compare")

    @property
    def template(self) -> str:
        return self.value[0]

    @property
    def remedy(self) -> str:
        return self.value[1]


@dataclass
class KGError(Exception):
    """A fault the user can fix. ``str()`` gives the one-line message the CLI prints."""

    code: ErrorCode
    message: str

    @classmethod
    def of(cls, code: ErrorCode, **details: object) -> KGError:
        return cls(code, code.template.format(**details))

    def __str__(self) -> str:
        return f"{self.code.name}: {self.message}; {self.code.remedy}"
