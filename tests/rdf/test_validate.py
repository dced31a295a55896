"""``kg validate`` and the validation a build runs: a clean build passes, a broken one is
reported rule by rule, a missing or unreadable build is a coded one-line error."""

from __future__ import annotations

import pytest
from rdflib import Dataset

from kg.cli import app
from kg.errors import ErrorCode, KGError
from kg.rdf.validate import require_valid, validate_build

PREFIXES = """
@prefix kgmc: <http://example.org/kgmc/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
"""


def _unplaced_factories(count: int) -> str:
    """TriG of one document graph with ``count`` factories, quoted, named, but not placed."""
    factories = "\n".join(
        f'<http://example.org/kgmc/id/factory/f{n}> a kgmc:Factory ; '
        f'rdfs:label "第{n}造纸厂"@zh-Hans , "dì {n} zào zhǐ chǎng"@zh-Latn-pinyin .\n'
        f"<http://example.org/kgmc/id/annotation/f{n}> "
        f"oa:hasBody <http://example.org/kgmc/id/factory/f{n}> ."
        for n in range(1, count + 1))
    return f"{PREFIXES}\n<http://example.org/kgmc/graph/t1> {{\n{factories}\n}}\n"


def test_validate_cli_clean_build_has_no_violations(runner, corpus_build):
    result = runner.invoke(app, ["validate", "--out", str(corpus_build.out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("0 violations (")


def test_validate_cli_broken_build_names_node_and_rule(runner, tmp_path):
    (tmp_path / "kg.trig").write_text(_unplaced_factories(1), encoding="utf-8")
    result = runner.invoke(app, ["validate", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout.startswith("1 violation (")
    assert "Factory has a place or a note why not (kgsh:FactoryLocation): 1" in result.stdout
    assert ("  <http://example.org/kgmc/id/factory/f1> 第1造纸厂: Factory has no place and no "
            "note explaining why") in result.stdout
    assert "Traceback" not in result.output


def test_validate_report_caps_lines_per_rule(tmp_path):
    (tmp_path / "kg.trig").write_text(_unplaced_factories(23), encoding="utf-8")
    report = validate_build(tmp_path)
    lines = report.render(per_shape=20).splitlines()
    assert len(report.violations) == 23
    assert sum(line.startswith("  <") for line in lines) == 20
    assert lines[-1] == "  … and 3 more"


def test_validate_require_valid_raises_with_summary(tmp_path):
    dataset = Dataset()
    dataset.parse(data=_unplaced_factories(2), format="trig")
    with pytest.raises(KGError) as caught:
        require_valid(dataset)
    assert caught.value.code is ErrorCode.E042
    assert "2 violations: 2 × Factory has a place or a note why not (e.g. <" in str(caught.value)


@pytest.mark.parametrize("kind, code", [("missing", "E040"), ("unparsable", "E041")])
def test_validate_cli_bad_folder_is_a_coded_error(runner, tmp_path, kind, code):
    out = tmp_path / "output"
    if kind == "unparsable":
        out.mkdir()
        (out / "kg.trig").write_text("<a> <b> { not trig", encoding="utf-8")
    result = runner.invoke(app, ["validate", "--out", str(out)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error {code}:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output
