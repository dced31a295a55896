"""Building a corpus: documents analysed in parallel, cached, and reported.

Documents are independent until resolution across them, so the per-document stages (ingest,
extract, relate, resolve, then mapping to N-Quads) run in worker processes, or on a Dask
cluster, and their results are cached by content under the output folder. The pipeline
(:mod:`kg.pipeline`) joins them: one IRI per entity key, the build and links graphs, the store,
the SHACL check, the serializations and the views.
"""
