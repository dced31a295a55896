"""The SPARQL store at scale: load time and bundled-query latency, Oxigraph against rdflib.

Builds the bundled corpus (or takes a build's ``kg.nq``), scales its graph up by copying every
document's quads under fresh IRIs (``…/kgmc/c7/id/factory/…``; the ontology graph is kept
once) to at least the requested number of quads, then times in one run:

* loading the N-Quads into an on-disk store (``kg.store.load_store``, Oxigraph's bulk loader)
  and into rdflib's in-memory ``Dataset``;
* each chosen query of ``ontology/queries/``, median of N runs, in the store
  (``kg.store.query``, in place) and in rdflib (``Dataset.query`` with the union default
  graph), with the ratio between the two.

The issue's target is every query under 100 ms in the store at >= 1 million quads.

    python benchmarks/store_queries.py [--quads 1000000] [--runs 5] [--queries a,b,...|all]
        [--rdflib-runs 3]     (0: the store alone)
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from timing import median_seconds

DEFAULT_QUERIES = ("officials_and_posts", "who_said_what", "innovations_per_campaign",
                   "changes_claimed", "industries_by_innovations")
_OURS = re.compile(r"<http://example\.org/kgmc/(?!ontology)")


def scaled_nquads(source: Path, target: Path, quads: int) -> int:
    """Write copies of ``source`` under fresh IRIs into ``target``; return the line count."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    ontology = "<http://example.org/kgmc/ontology> ."
    shared = [line for line in lines if line.rstrip().endswith(ontology)]
    own = [line for line in lines if not line.rstrip().endswith(ontology)]
    copies = max(1, -(-(quads - len(shared)) // len(own)))
    written = len(shared)
    with target.open("w", encoding="utf-8") as out:
        out.writelines(shared)
        for copy in range(copies):
            prefix = f"<http://example.org/kgmc/c{copy}/"
            out.writelines(_OURS.sub(prefix, line) for line in own)
            written += len(own)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nquads", type=Path, help="a build's kg.nq (default: build the corpus)")
    parser.add_argument("--quads", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rdflib-runs", type=int, default=3)
    parser.add_argument("--queries", default=",".join(DEFAULT_QUERIES),
                        help="comma-separated names, or 'all' (then use --rdflib-runs 0)")
    args = parser.parse_args()

    from pyoxigraph import Store
    from rdflib import Dataset

    import kg
    from kg.rdf.namespaces import PREFIXES, bind_prefixes
    from kg.store import load_store, query
    from kg.store.library import bundled_queries, bundled_query

    work = Path(tempfile.mkdtemp(prefix="kg-store-bench-"))
    source = args.nquads or kg.build(out=work / "output").files["kg.nq"]
    nquads = work / "scaled.nq"
    lines = scaled_nquads(Path(source), nquads, args.quads)
    print(f"graph: {lines:,} quads ({nquads.stat().st_size / 2**20:,.0f} MiB of N-Quads)")

    start = time.perf_counter()
    quads = load_store(nquads, work / "store")
    print(f"load into Oxigraph (bulk, on disk): {time.perf_counter() - start:.1f} s, "
          f"{quads:,} quads")
    store = Store.read_only(str(work / "store"))
    dataset = Dataset(default_union=True)
    if args.rdflib_runs:
        start = time.perf_counter()
        dataset.parse(nquads, format="nquads")
        bind_prefixes(dataset)
        print(f"load into rdflib (in memory): {time.perf_counter() - start:.1f} s")

    header = "| query | rows | Oxigraph median | rdflib median | rdflib / Oxigraph |"
    print(header)
    print("|---|---|---|---|---|")
    names = ([q.name for q in bundled_queries()] if args.queries == "all"
             else args.queries.split(","))
    for name in names:
        sparql = bundled_query(name).text
        query(store, sparql)  # warm the caches once
        ours, answer = median_seconds(lambda sparql=sparql: query(store, sparql), args.runs)
        if not args.rdflib_runs:
            print(f"| {name} | {len(answer.rows):,} | {ours * 1e3:,.1f} ms | | |")
            continue
        theirs, _ = median_seconds(
            lambda sparql=sparql: list(dataset.query(sparql, initNs=PREFIXES)), args.rdflib_runs)
        print(f"| {name} | {len(answer.rows):,} | {ours * 1e3:,.1f} ms | "
              f"{theirs * 1e3:,.0f} ms | {theirs / ours:,.0f}× |")


if __name__ == "__main__":
    main()
