"""The ``kg`` command: parses options, calls one plain function, prints the result.

A :class:`kg.errors.KGError` is printed as one line on stderr with exit status 1; Typer
reports unknown options itself with status 2. No user mistake ends in a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.errors import ErrorCode, KGError
from kg.visualize import ViewName

app = typer.Typer(
    name="kg",
    help="Build a knowledge graph of the 1958-1960 technical-innovation campaigns from OCR "
         "texts, and query it with SPARQL.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

OutOption = Annotated[Path, typer.Option("--out", "-o", help="Output folder.")]


def _fail(error: KGError) -> None:
    typer.echo(f"error {error}", err=True)
    raise typer.Exit(1)


@app.command()
def build(
    paths: Annotated[list[Path] | None, typer.Argument(
        help=".txt files or folders of them (read recursively). Default: the bundled corpus.",
        show_default=False)] = None,
    out: OutOption = Path("output"),
    base: Annotated[str, typer.Option(help="Base IRI of the entities we mint.")] = "",
    workers: Annotated[int | None, typer.Option(
        "--workers", "-j", min=1, help="Processes for the per-document stages. Default: every "
        "core.", show_default=False)] = None,
    force: Annotated[bool, typer.Option(
        "--force", help="Analyse every document again, ignoring the cache in OUT/.cache.")
    ] = False,
    on_error: Annotated[str, typer.Option(
        "--on-error", help="fail: stop at the first unreadable document, keeping the previous "
        "output. skip: build the rest and name each refused file in OUT/report.md.")
    ] = "fail",
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="Print nothing but the result and errors.")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Also print a line per document.")] = False,
    dask_scheduler: Annotated[str | None, typer.Option(
        "--dask-scheduler", help="Run the per-document stages on this Dask scheduler "
        "(tcp://HOST:PORT; needs `pip install 'kg[dask]'` and workers that see the same "
        "files).", show_default=False)] = None,
) -> None:
    """Extract entities and relations, write RDF, a SPARQL store, views and a report into
    OUT. Documents are analysed in parallel and cached: a second build re-reads only the
    texts that changed."""
    from kg.batch.progress import Progress, Verbosity
    from kg.config import DEFAULT_BASE_IRI, Settings
    from kg.pipeline import OnError
    from kg.pipeline import build as run_build

    if on_error not in {mode.value for mode in OnError}:
        typer.echo(f"error: unknown --on-error {on_error!r}; choose fail or skip", err=True)
        raise typer.Exit(2)
    if quiet and verbose:
        typer.echo("error: --quiet and --verbose exclude each other", err=True)
        raise typer.Exit(2)
    verbosity = (Verbosity.QUIET if quiet else Verbosity.VERBOSE if verbose
                 else Verbosity.NORMAL)
    try:
        result = run_build(paths or [], out=out,
                           settings=Settings(out=out, base_iri=base or DEFAULT_BASE_IRI),
                           workers=workers, force=force, on_error=on_error,
                           progress=Progress(verbosity), scheduler=dask_scheduler)
    except KGError as error:
        _fail(error)
        return
    except KeyboardInterrupt:
        typer.echo(f"error {KGError.of(ErrorCode.E021)}", err=True)
        raise typer.Exit(130) from None
    skipped = f", {len(result.failed)} refused (see {out / 'report.md'})" if result.failed else ""
    typer.echo(f"built {result.out}: {result.documents} documents, {result.entities} "
               f"entities, {result.relations} relations, {result.quads} quads{skipped}")
    if not quiet:
        for name in sorted(result.files):
            typer.echo(f"  {result.files[name]}")


@app.command("query")
def query_command(
    query: Annotated[str | None, typer.Argument(
        help="A SPARQL query, the path of a .rq file, or the name of a bundled query "
             "(see --list).", show_default=False)] = None,
    store: Annotated[Path, typer.Option(help="Store folder of a build.")] = Path("output/store"),
    format: Annotated[str, typer.Option(
        "--format", "-f", help="table, csv, tsv or json (SPARQL 1.1 results formats).")
    ] = "table",
    timeout: Annotated[float, typer.Option(
        help="Stop the query after this many seconds (0: no limit).")] = 60.0,
    list_queries: Annotated[bool, typer.Option(
        "--list", help="List the bundled queries of ontology/queries/ and exit.")] = False,
) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) against a build's store.

    Our prefixes (kgmc:, rdfs:, skos:, oa:, prov:, dcterms:, schema: ...) are predeclared and
    the default graph is the union of all graphs.
    """
    from kg.store import OutputFormat, SelectResult, open_store, query_serialized
    from kg.store import query as run_query

    if list_queries:
        _print_bundled_queries()
        return
    if query is None:
        typer.echo("error: give a SPARQL query, a .rq file or a bundled query's name "
                   "(kg query --list)", err=True)
        raise typer.Exit(2)
    try:
        output = OutputFormat(format)
    except ValueError:
        typer.echo(f"error: unknown --format {format!r}; choose one of "
                   f"{', '.join(f.value for f in OutputFormat)}", err=True)
        raise typer.Exit(2) from None
    if timeout < 0:
        typer.echo("error: --timeout must be 0 (no limit) or more seconds", err=True)
        raise typer.Exit(2)
    limit, source = timeout or None, None
    try:
        source, sparql = _read_query(query)
        opened = open_store(store)
        if output is not OutputFormat.TABLE:
            answer = query_serialized(opened, sparql, output, timeout=limit)
            typer.echo(answer.decode("utf-8"), nl=False)
            return
        result = run_query(opened, sparql, timeout=limit)
    except KGError as error:
        if error.code is ErrorCode.E011 and source:
            error = KGError(error.code, f"{source}: {error.message}")
        _fail(error)
        return
    if isinstance(result, SelectResult):
        _print_table(result)
    elif isinstance(result, bool):
        typer.echo("true" if result else "false")
    else:
        for triple in result:
            typer.echo(" ".join(triple) + " .")


@app.command("serve")
def serve_command(
    store: Annotated[Path, typer.Option(help="Store folder of a build.")] = Path("output/store"),
    bind: Annotated[str, typer.Option(
        help="HOST:PORT to listen on. Another host than 127.0.0.1 opens the endpoint to the "
             "network.")] = "127.0.0.1:7878",
    timeout: Annotated[int, typer.Option(
        help="Stop each query after this many seconds.", min=1)] = 30,
) -> None:
    """Serve the store over HTTP with the Oxigraph server, read-only: SPARQL 1.1 Protocol at
    /query and a query page at /. Stop with Ctrl-C."""
    from kg.store.server import serve

    def announce(address) -> None:  # noqa: ANN001 - kg.store.server.Address
        typer.echo(f"SPARQL endpoint: {address.url}/query  (query page: {address.url}/)")
        typer.echo(f"read-only, union default graph, queries stopped after {timeout} s")
        _warn_if_reachable(address)
        typer.echo("try:  curl -H 'Accept: text/csv' --data-urlencode "
                   "'query=SELECT (COUNT(*) AS ?quads) WHERE { ?s ?p ?o }' "
                   f"{address.url}/query")
        typer.echo("stop with Ctrl-C")

    _run_server(lambda: serve(store, bind=bind, timeout_s=timeout, on_ready=announce))


@app.command("reconcile")
def reconcile_command(
    store: Annotated[Path, typer.Option(help="Store folder of a build.")] = Path("output/store"),
    bind: Annotated[str, typer.Option(
        help="HOST:PORT to listen on. Another host than 127.0.0.1 opens the service to the "
             "network.")] = "127.0.0.1:8000",
) -> None:
    """Serve the entities of a build as a Reconciliation Service (API 0.2) for OpenRefine:
    match a spreadsheet's column of factories, places or people against the graph. Stop with
    Ctrl-C."""
    from kg.link.reconcile import serve

    def announce(address, service) -> None:  # noqa: ANN001 - Address, ReconciliationService
        url = f"{address.url}/reconcile"
        typer.echo(f"reconciliation service: {url}  ({len(service.entities)} entities of "
                   f"{store})")
        _warn_if_reachable(address)
        typer.echo(f"in OpenRefine: Reconcile → Start reconciling → Add standard service → {url}")
        typer.echo(f"try:  curl --data-urlencode 'queries={{\"q0\":{{\"query\":\"沈阳\"}}}}' {url}")
        typer.echo("stop with Ctrl-C")

    _run_server(lambda: serve(store, bind=bind, on_ready=announce))


@app.command("viz")
def viz_command(
    store: Annotated[Path, typer.Option(help="Store folder of a build.")] = Path("output/store"),
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder of the HTML views.")] = Path(
        "output/views"),
    view: Annotated[list[ViewName] | None, typer.Option(
        help="Write only this view (repeatable). Default: all, or with --focus only the ego "
             "views and the index.", show_default=False)] = None,
    focus: Annotated[list[str] | None, typer.Option(
        help="Also write the ego view of this entity, two links deep (repeatable): a name in "
             "simplified or traditional characters, pinyin, or an IRI.", show_default=False)
    ] = None,
) -> None:
    """Write interactive network views of a build's store (self-contained HTML pages)."""
    from kg.store import open_store
    from kg.visualize import write_views

    chosen = view or ([ViewName.INDEX] if focus else list(ViewName))
    try:
        written = write_views(open_store(store), out, views=chosen, focus=focus or ())
    except KGError as error:
        _fail(error)
        return
    except OSError as error:
        _fail(KGError.of(ErrorCode.E020, path=out, detail=error.strerror or error))
        return
    for name in sorted(written):
        typer.echo(f"  {written[name]}")


@app.command("link")
def link_command(
    with_: Annotated[Path | None, typer.Option(
        "--with", help="Another dataset to align with: Turtle, N-Triples, JSON-LD, RDF/XML, "
        "or CSV/TSV with a `label` column (optional `id`, `type`, `alt_labels`).",
        show_default=False)] = None,
    store: Annotated[Path, typer.Option(help="Store folder of a build.")] = Path("output/store"),
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Folder of the results. Default: output/links/<dataset name>, or "
        "output/links/wikidata with --wikidata.", show_default=False)] = None,
    threshold: Annotated[float, typer.Option(
        help="Lowest score a link is accepted at (0.5-1). 0.9 accepts the same characters or "
             "the same pinyin.")] = 0.9,
    format: Annotated[str | None, typer.Option(
        "--format", help="Format of --with when its suffix does not tell: turtle, nt, json-ld, "
        "xml, csv or tsv.", show_default=False)] = None,
    wikidata: Annotated[bool, typer.Option(
        "--wikidata", help="Online, optional: look up on Wikidata the places, organizations "
        "and people the authority table gives no id, with a cache on disk.")] = False,
    cache: Annotated[Path | None, typer.Option(
        help="Cache folder of Wikidata answers. Default: ~/.cache/kg/wikidata.",
        show_default=False)] = None,
) -> None:
    """Align the entities of a build with another dataset (precision first), writing
    candidate links with scores and the accepted links as CSV and SKOS Turtle."""
    from kg.link.align import align, read_dataset, write_alignment
    from kg.link.entities import read_linkable_entities
    from kg.store import open_store

    if with_ is None and not wikidata:
        typer.echo("error: give --with FILE (another dataset), or --wikidata", err=True)
        raise typer.Exit(2)
    try:
        entities = read_linkable_entities(open_store(store))
        if with_ is not None:
            records, skipped = read_dataset(with_, format)
            result = align(records, entities, threshold=threshold, skipped=skipped)
            folder = out or Path("output/links") / with_.stem
            written = write_alignment(result, folder, dataset=with_)
            summary = result.summary()
            typer.echo(f"aligned {summary['external_records']} records of {with_} with "
                       f"{summary['entities']} entities: {summary['candidates']} candidates, "
                       f"{summary['accepted']} accepted at {threshold}")
            for name in sorted(written):
                typer.echo(f"  {written[name]}")
        if wikidata:
            from kg.link.wikidata import lookup_missing

            folder = out if (out and with_ is None) else Path("output/links/wikidata")
            written = lookup_missing(entities, folder, cache=cache)
            for name in sorted(written):
                typer.echo(f"  {written[name]}")
    except KGError as error:
        _fail(error)


@app.command("inspect")
def inspect_command(
    paths: Annotated[list[Path], typer.Argument(help=".txt files or folders of them.")],
    format: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Show what ingestion makes of texts: encoding, contents, articles with dates and
    authors, repaired page breaks, and normalization statistics."""
    import json

    from kg.ingest.inspect import inspect, render_text

    if format not in ("text", "json"):
        typer.echo(f"error: unknown --format {format!r}; choose one of text, json", err=True)
        raise typer.Exit(2)
    try:
        report = inspect(paths)
    except KGError as error:
        _fail(error)
        return
    if format == "json":
        typer.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        typer.echo(render_text(report), nl=False)


@app.command("evaluate")
def evaluate_command(
    gold: Annotated[Path, typer.Option(help="Gold annotation file (or folder of them).")],
    pred: Annotated[Path, typer.Option(help="Predictions: a build's extraction.json.")] = Path(
        "output/extraction.json"),
    out: Annotated[Path | None, typer.Option(
        help="Where to write the scores as JSON. Default: evaluation.json beside --pred.",
        show_default=False)] = None,
) -> None:
    """Score extraction against hand annotations: precision, recall and F1 per type and
    micro-averaged, for entities, relations and statistics."""
    import json

    from kg.errors import ErrorCode
    from kg.evaluate.score import load_annotations, score

    try:
        scores = score(load_annotations(gold, ErrorCode.E030),
                       load_annotations(pred, ErrorCode.E031))
    except KGError as error:
        _fail(error)
        return
    report = scores.as_dict()
    target = out or pred.parent / "evaluation.json"
    target.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    _print_scores(report)
    typer.echo(f"written {target}")


@app.command("validate")
def validate_command(out: OutOption = Path("output")) -> None:
    """Check a build's kg.trig against the SHACL shapes of ontology/shapes.ttl: every entity
    named in Chinese and pinyin, every factory placed or its absence explained, every relation,
    statistic and quote tied to a passage of its source. Exit status 1 on any violation."""
    from kg.rdf.validate import validate_build

    try:
        report = validate_build(out)
    except KGError as error:
        _fail(error)
        return
    typer.echo(report.render(), nl=False)
    if not report.conforms:
        raise typer.Exit(1)


export_app = typer.Typer(
    name="export", help="Export a build's graph in formats of other communities.",
    no_args_is_help=True)
app.add_typer(export_app)


@export_app.command("lpf")
def export_lpf_command(
    store: Annotated[Path, typer.Option(help="Store folder of a build.")] = Path("output/store"),
    out: Annotated[Path, typer.Option("--out", "-o", help="The JSON file to write.")] = Path(
        "output/places.lpf.json"),
) -> None:
    """Write the places of a build as Linked Places Format (GeoJSON-LD, World Historical
    Gazetteer): names with their quotes, levels, parent places, links and coordinates."""
    from kg.link.lpf import write_lpf

    try:
        written = write_lpf(store, out)
    except KGError as error:
        _fail(error)
        return
    except OSError as error:
        _fail(KGError.of(ErrorCode.E020, path=out, detail=error.strerror or error))
        return
    typer.echo(f"wrote {written.path}: {written.places} places ({written.with_coordinates} "
               f"with coordinates, {written.without_coordinates} without)")


def _warn_if_reachable(address) -> None:  # noqa: ANN001 - kg.store.server.Address
    if not address.is_loopback:
        typer.echo(f"warning: listening on {address.host}, reachable from other machines",
                   err=True)


def _run_server(run) -> None:  # noqa: ANN001 - a call that serves until stopped
    """Serve until Ctrl-C; a fault the user can fix (store, address) is one line, status 1."""
    try:
        run()
    except KGError as error:
        _fail(error)
        return
    typer.echo("server stopped")


def _print_scores(report: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("part", "type", "tp", "fp", "fn", "P", "R", "F1")
    for part in ("entities", "relations"):
        rows = [*report[part]["by_type"].items(), ("micro", report[part]["micro"])]
        for name, t in rows:
            table.add_row(part, name, str(t["tp"]), str(t["fp"]), str(t["fn"]),
                          f"{t['precision']:.2f}", f"{t['recall']:.2f}", f"{t['f1']:.2f}")
    for key, name in (("statistics", "subject+value"), ("statistics_exact", "exact subject")):
        t = report[key]
        table.add_row("statistics", name, str(t["tp"]), str(t["fp"]), str(t["fn"]),
                      f"{t['precision']:.2f}", f"{t['recall']:.2f}", f"{t['f1']:.2f}")
    Console(soft_wrap=True).print(table)


def _read_query(text: str) -> tuple[str | None, str]:
    """(file it came from or None, SPARQL) for a query string, a .rq path or a bundled name."""
    from kg.store.library import bundled_query

    if len(text) < 4096 and "\n" not in text and Path(text).is_file():
        try:
            return text, Path(text).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise KGError.of(ErrorCode.E017, path=text, detail=error) from error
    bundled = bundled_query(text)
    if bundled is not None:
        return bundled.name, bundled.text
    if text.endswith(".rq") or not any(c.isspace() or c == "{" for c in text):
        raise KGError.of(ErrorCode.E012, path=text)
    return None, text


def _print_bundled_queries() -> None:
    from rich.console import Console
    from rich.table import Table

    from kg.store.library import bundled_queries

    table = Table("name", "question", show_lines=False)
    for bundled in bundled_queries():
        table.add_row(bundled.name, bundled.question or bundled.title)
    Console(soft_wrap=True).print(table)
    typer.echo("run one with: kg query NAME  (the files are in ontology/queries/)")


def _print_table(result) -> None:  # noqa: ANN001 - SelectResult
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for variable in result.variables:
        table.add_column(variable, overflow="fold")
    for row in result.rows:
        table.add_row(*(_cell_text(cell) for cell in row))
    console = Console(soft_wrap=True)
    console.print(table)
    console.print(f"{len(result.rows)} row{'' if len(result.rows) == 1 else 's'}")


def _cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    return str(cell)


def main() -> None:
    app()
