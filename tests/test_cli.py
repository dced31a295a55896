"""The kg command end to end through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import app

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"
COUNT_ALL = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.mark.parametrize("args", [["--help"], ["build", "--help"], ["query", "--help"]])
def test_cli_help_explains_each_command(runner, args):
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert "Usage" in result.output
    assert len(result.output.split()) > 20


def test_cli_build_then_query_counts_quads(runner, tmp_path):
    out = tmp_path / "output"
    built = runner.invoke(app, ["build", "--out", str(out)])
    assert built.exit_code == 0, built.output
    assert "1 documents" in built.output
    for name in ("kg.trig", "kg.ttl", "kg.nq", "kg.jsonld", "extraction.json",
                 "views/factory_locations.html", "store"):
        assert (out / name).exists(), name
    result = runner.invoke(app, ["query", COUNT_ALL, "--store", str(out / "store"),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    count = int(json.loads(result.stdout)["results"]["bindings"][0]["n"]["value"])
    nquads = (out / "kg.nq").read_text(encoding="utf-8").count("\n")
    assert count == nquads > 0


@pytest.mark.parametrize("fmt, first_line", [("csv", "n"), ("tsv", "?n")])
def test_cli_query_formats_follow_sparql_results(runner, corpus_build, fmt, first_line):
    result = runner.invoke(app, ["query", COUNT_ALL, "--store", str(corpus_build.out / "store"),
                                 "--format", fmt])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].strip() == first_line
    assert int(lines[1].split("^^")[0].strip('"')) > 0


def test_cli_query_table_and_ask(runner, corpus_build):
    store = str(corpus_build.out / "store")
    table = runner.invoke(app, ["query", "SELECT ?f WHERE { ?f a kgmc:Factory }",
                                "--store", store])
    assert table.exit_code == 0
    assert "/id/factory/" in table.stdout
    ask = runner.invoke(app, ["query", "ASK { ?f kgmc:locatedIn ?p }", "--store", store])
    assert ask.stdout.strip() == "true"


def test_cli_query_reads_rq_file(runner, corpus_build, tmp_path):
    path = tmp_path / "places.rq"
    path.write_text("SELECT (COUNT(?p) AS ?n) WHERE { ?p a kgmc:Place }", encoding="utf-8")
    result = runner.invoke(app, ["query", str(path), "--store",
                                 str(corpus_build.out / "store"), "--format", "csv"])
    assert result.exit_code == 0
    assert int(result.stdout.splitlines()[1]) > 5


def test_cli_query_syntax_error_gives_line_and_column(runner, corpus_build):
    result = runner.invoke(app, ["query", "SELECT ?s WHERE {\n  ?s ?p \n}",
                                 "--store", str(corpus_build.out / "store")])
    assert result.exit_code == 1
    assert "E011" in result.stderr and "line 3, column" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args, message", [
    (["query", COUNT_ALL, "--store", "no/such/store"], "E010"),
    (["query", "missing.rq"], "E012"),
    (["query", COUNT_ALL, "--format", "xml"], "unknown --format"),
])
def test_cli_query_mistakes_are_one_line_errors(runner, args, message):
    result = runner.invoke(app, args)
    assert result.exit_code != 0
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_cli_unknown_option_is_refused(runner):
    result = runner.invoke(app, ["build", "--no-such-option"])
    assert result.exit_code == 2
    assert "No such option" in result.output


def _bad_input(tmp_path: Path, kind: str) -> Path:
    if kind == "missing":
        return tmp_path / "nowhere.txt"
    if kind == "empty-folder":
        folder = tmp_path / "empty"
        folder.mkdir()
        (folder / "notes.md").write_text("not a .txt", encoding="utf-8")
        return folder
    if kind == "png":
        path = tmp_path / "scan.txt"
        path.write_bytes(PNG)
        return path
    path = tmp_path / "blank.txt"
    path.write_text(" \n\u3000\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("kind, code", [
    ("missing", "E001"), ("empty-folder", "E002"), ("png", "E003"), ("blank", "E004"),
])
def test_cli_build_bad_input_keeps_previous_output(runner, tmp_path, kind, code):
    out = tmp_path / "output"
    out.mkdir()
    previous = out / "kg.trig"
    previous.write_text("previous build", encoding="utf-8")
    result = runner.invoke(app, ["build", str(_bad_input(tmp_path, kind)), "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error {code}:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
    assert previous.read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
