"""RDF: namespaces, IRIs, records to triples with provenance, serializations."""
