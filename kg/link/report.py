"""The link report of a build: which entities the authority table linked, and why not.

Written beside the graph as ``links/report.json`` (for programs), ``links/report.md`` (for
people: the entities without a Wikidata id first, each with its reason) and
``links/links.csv`` (one row per entity, for a spreadsheet or OpenRefine).
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, fields
from pathlib import Path

from kg.link.enrich import EntityLink, LinkReport

FILES = ("links/report.json", "links/report.md", "links/links.csv")


def write_link_report(report: LinkReport, out: Path) -> dict[str, Path]:
    """Write the three report files under ``out/links``; return their paths."""
    folder = out / "links"
    folder.mkdir(parents=True, exist_ok=True)
    paths = {name: out / name for name in FILES}
    paths["links/report.json"].write_text(
        json.dumps(report.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    paths["links/report.md"].write_text(render_markdown(report), encoding="utf-8")
    paths["links/links.csv"].write_text(_csv(report.entities), encoding="utf-8")
    return paths


def render_markdown(report: LinkReport) -> str:
    lines = ["# Links to outside datasets", "",
             "Places, organizations and people of this build matched to the authority table "
             "(`kg/data/authority.csv`, sha256 "
             f"`{report.authority_digest[:16]}…`). Links are in the named graph "
             "`graph/links` as `skos:exactMatch` / `skos:closeMatch`; coordinates as "
             "`wgs:lat`/`wgs:long` and a GeoSPARQL WKT point.", "",
             "| type | entities | in the table | Wikidata | GeoNames | coordinates |",
             "|---|---|---|---|---|---|"]
    for kind, row in report.counts().items():
        lines.append(f"| {kind} | {row['entities']} | {row['with_record']} | "
                     f"{row['with_wikidata']} | {row['with_geonames']} | "
                     f"{row['with_coordinates']} |")
    missing = [e for e in report.entities if not e.wikidata]
    lines += ["", f"## Without a Wikidata id ({len(missing)})", ""]
    lines += [f"- {_cell(e.type)} **{_cell(e.name)}** (`{e.iri}`): {_cell(e.reason)}"
              for e in missing] or ["None."]
    linked = [e for e in report.entities if e.wikidata]
    lines += ["", f"## Linked ({len(linked)})", "",
              "| type | name | record | Wikidata | GeoNames | lat | long |",
              "|---|---|---|---|---|---|---|"]
    lines += [f"| {e.type} | {_cell(e.name)} | {_cell(e.record_name)} | "
              f"{e.wikidata} ({e.relation}) | {e.geonames} | {e.latitude} | {e.longitude} |"
              for e in linked]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _csv(entities: list[EntityLink]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=[f.name for f in fields(EntityLink)],
                            lineterminator="\n")
    writer.writeheader()
    writer.writerows(asdict(entity) for entity in entities)
    return buffer.getvalue()
