"""The kg command end to end through Typer's CliRunner."""

from __future__ import annotations

import json
import re
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
    lines = result.stderr.strip().splitlines()  # progress lines, then the error
    assert lines[-1].startswith(f"error {code}:")
    assert [line for line in lines if "error" in line] == lines[-1:]
    assert "Traceback" not in result.output
    assert previous.read_text(encoding="utf-8") == "previous build"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_cli_query_runs_a_bundled_query_by_name(runner, corpus_build):
    from kg.store.library import bundled_query

    store = str(corpus_build.out / "store")
    by_name = runner.invoke(app, ["query", "factories_per_place", "--store", store, "-f", "csv"])
    by_path = runner.invoke(app, ["query", str(bundled_query("factories_per_place").path),
                                  "--store", store, "-f", "csv"])
    assert by_name.exit_code == 0, by_name.output
    assert by_name.stdout == by_path.stdout
    assert by_name.stdout.startswith("place,placeName,")


def test_cli_query_list_shows_every_bundled_question(runner):
    from kg.store.library import bundled_queries

    result = runner.invoke(app, ["query", "--list"], terminal_width=200)
    assert result.exit_code == 0
    for bundled in bundled_queries():
        assert bundled.name in result.stdout


def test_cli_query_timeout_stops_a_runaway_query(runner, corpus_build):
    result = runner.invoke(app, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f "
                                 ". ?g ?h ?i }", "--store", str(corpus_build.out / "store"),
                                 "--timeout", "1"])
    assert result.exit_code == 1
    assert "E014" in result.stderr and "--timeout" in result.stderr


def test_cli_query_syntax_error_in_a_file_names_the_file(runner, corpus_build, tmp_path):
    path = tmp_path / "broken.rq"
    path.write_text("SELECT ?s\nWHERE { ?s ?p }\n", encoding="utf-8")
    result = runner.invoke(app, ["query", str(path), "--store", str(corpus_build.out / "store")])
    assert result.exit_code == 1
    assert re.search(rf"E011: {re.escape(str(path))}: SPARQL syntax error at line \d+, "
                     r"column \d+", result.stderr)


def test_cli_query_describe_without_braces_is_a_query_not_a_file(runner, corpus_build):
    iri = runner.invoke(app, ["query", "SELECT ?f WHERE { ?f a kgmc:Factory } LIMIT 1",
                              "--store", str(corpus_build.out / "store"), "-f", "csv"]
                        ).stdout.splitlines()[1].strip()
    result = runner.invoke(app, ["query", f"DESCRIBE <{iri}>",
                                 "--store", str(corpus_build.out / "store")])
    assert result.exit_code == 0, result.output
    assert f"<{iri}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" in result.stdout


@pytest.mark.parametrize("args, status, message", [
    (["query", COUNT_ALL, "--timeout", "-1"], 2, "--timeout"),
    (["query"], 2, "--list"),
    (["serve", "--bind", "localhost"], 1, "E015"),
    (["serve", "--store", "no/such/store"], 1, "E010"),
    (["serve", "--timeout", "0"], 2, "--timeout"),
])
def test_cli_query_and_serve_option_mistakes(runner, args, status, message):
    result = runner.invoke(app, args)
    assert result.exit_code == status
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_query_file_that_is_not_text_is_refused(runner, corpus_build, tmp_path):
    path = tmp_path / "query.rq"
    path.write_bytes(b"\xff\xfe\x00SELECT")
    result = runner.invoke(app, ["query", str(path), "--store", str(corpus_build.out / "store")])
    assert result.exit_code == 1
    assert "E017" in result.stderr


def _first_factory(store: Path) -> tuple[str, str]:
    import kg

    rows = kg.query(store, """SELECT ?f ?name WHERE { ?f a kgmc:Factory ; rdfs:label ?name .
        FILTER(LANGMATCHES(LANG(?name), "zh-Hans")) } ORDER BY ?f LIMIT 1""").rows
    return rows[0]


def test_cli_viz_focus_writes_an_ego_view_and_lists_it(runner, corpus_build, tmp_path):
    store = corpus_build.out / "store"
    iri, name = _first_factory(store)
    result = runner.invoke(app, ["viz", "--store", str(store), "--out", str(tmp_path),
                                 "--focus", name])
    assert result.exit_code == 0, result.output
    ego = next(tmp_path.glob("ego-*.html"))
    assert ego.name in result.stdout
    assert iri.rsplit("/", 1)[-1] in ego.name
    assert json.dumps(name, ensure_ascii=False) in ego.read_text(encoding="utf-8")
    assert f'href="{ego.name}"' in (tmp_path / "index.html").read_text(encoding="utf-8")
    assert not (tmp_path / "graph.html").exists(), "--focus alone writes the ego view only"


def test_cli_viz_view_writes_only_that_view(runner, corpus_build, tmp_path):
    result = runner.invoke(app, ["viz", "--store", str(corpus_build.out / "store"),
                                 "--out", str(tmp_path), "--view", "graph"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.html"]


@pytest.mark.parametrize("args, status, message", [
    (["viz", "--focus", "没有这个工厂"], 1, "E050"),
    (["viz", "--view", "map"], 2, "--view"),
    (["viz", "--store", "no/such/store"], 1, "E010"),
])
def test_cli_viz_mistakes_are_one_line_errors(runner, corpus_build, tmp_path, args, status,
                                              message):
    if "--store" not in args:
        args = [*args, "--store", str(corpus_build.out / "store")]
    result = runner.invoke(app, [*args, "--out", str(tmp_path / "views")])
    assert result.exit_code == status
    assert message in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "views").exists(), "nothing written after a mistake"


def test_cli_viz_unwritable_folder_is_a_one_line_error(runner, corpus_build, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = runner.invoke(app, ["viz", "--store", str(corpus_build.out / "store"),
                                 "--out", str(blocker / "views")])
    assert result.exit_code == 1
    assert "E020" in result.output and "Traceback" not in result.output
