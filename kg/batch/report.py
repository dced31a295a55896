"""``output/report.json`` and ``report.md``: what a build read, found, checked and skipped.

A historian needs to know what a graph rests on before citing it: which documents went in,
which were refused and why, how much each stage found, whether the graph passed its shapes,
and how long it took. The JSON is for scripts; the Markdown says the same for people.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(slots=True)
class BuildReport:
    """Counts and timings of one build (every field goes into report.json)."""

    tool_version: str
    time: str
    """The build record's reproducible time (see kg.rdf.provenance)."""
    executor: str
    documents: int = 0
    analysed: int = 0
    """Documents analysed by this build (the rest came from the cache)."""
    from_cache: int = 0
    failed: list[dict] = field(default_factory=list)
    """{path, code, message} of each document refused (``--on-error skip``)."""
    characters: int = 0
    entities: dict[str, int] = field(default_factory=dict)
    """Distinct entities of the build by type (an entity named in two documents counts once)."""
    mentions_by_document: int = 0
    """Entities summed over documents (the figure ``kg build`` prints)."""
    relations: int = 0
    statistics: int = 0
    quads: int = 0
    shacl: dict = field(default_factory=dict)
    links: dict = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        data = asdict(self)
        data["timings"] = {stage: round(seconds, 3) for stage, seconds in self.timings.items()}
        return data


def write_build_report(report: BuildReport, out: Path) -> dict[str, Path]:
    """Write report.json and report.md into ``out``; return their paths."""
    paths = {"report.json": out / "report.json", "report.md": out / "report.md"}
    paths["report.json"].write_text(
        json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    paths["report.md"].write_text(render_markdown(report), encoding="utf-8")
    return paths


def render_markdown(report: BuildReport) -> str:
    """The report for people: summary, refused documents, entities, checks, timings."""
    shacl = report.shacl
    lines = [
        "# Build report", "",
        f"kg {report.tool_version}, build time {report.time}, {report.executor}.", "",
        "| | |", "|---|---|",
        f"| documents | {report.documents} ({report.analysed} analysed, "
        f"{report.from_cache} from the cache, {len(report.failed)} refused) |",
        f"| characters | {report.characters:,} |",
        f"| entities | {sum(report.entities.values()):,} distinct "
        f"({report.mentions_by_document:,} summed over documents) |",
        f"| relations | {report.relations:,} |",
        f"| statistics | {report.statistics:,} |",
        f"| quads | {report.quads:,} |",
        f"| SHACL | {'conforms' if shacl.get('conforms') else 'does not conform'}: "
        f"{shacl.get('summary', '')} ({shacl.get('statements', 0):,} statements checked) |",
        "",
    ]
    if report.failed:
        lines += ["## Refused documents", "",
                  "Not in the graph; fix each and build again (the rest is cached).", "",
                  "| file | code | what was wrong |", "|---|---|---|"]
        lines += [f"| {_cell(f['path'])} | {f['code']} | {_cell(f['message'])} |"
                  for f in report.failed]
        lines.append("")
    lines += ["## Entities by type", "", "| type | entities |", "|---|---|"]
    lines += [f"| {kind} | {count:,} |" for kind, count in sorted(report.entities.items())]
    lines += ["", "## Stages", "", "| stage | seconds |", "|---|---|"]
    lines += [f"| {stage} | {seconds:.2f} |" for stage, seconds in report.timings.items()]
    lines += ["", "Timings vary from run to run; every other figure is the same for the same "
              "input.", ""]
    if report.warnings:
        lines += ["## Warnings", ""] + [f"- {_cell(w)}" for w in report.warnings] + [""]
    return "\n".join(lines)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")
