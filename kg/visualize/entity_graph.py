"""The graph the views draw, read from the store with SPARQL.

Every view is a subgraph of this one graph, so what a page shows is what the store holds: a
node per entity IRI (and per document or work), an edge per object-property triple between two
of them. Nothing comes from the in-memory records of a build.

Nodes carry what a reader needs to trust them: the canonical name, the type (and, for places,
the administrative level), the other names, and every quote of the source that mentions the
entity with its document and character offsets. Edges carry the quote of the assertion that
states them when the graph has one. Which documents mention an entity, and which campaigns it
is linked to, are kept on the node for the filters of ``graph.html``.

The queries are written for Oxigraph as ``ontology/queries/README.md`` advises: an evidence
query starts from the typed position selector and stays inside one named graph (an
annotation, its target and its selectors are always written into the same document graph),
which took the mention quotes of a 20,000-entity store from 8.5 s to 5.6 s; DISTINCT drops the
rows an entity restated in many documents would repeat.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from kg.config import ONTOLOGY_NAMESPACE as KGMC
from kg.store import GraphStore, sorted_rows

ENTITY_TYPES = ("Factory", "Workshop", "Place", "Person", "Organization", "Innovation",
                "Campaign", "Industry", "Event", "Date", "Document")
"""The node types, in the order legends list them. Statistics and assertions are claims about
entities, not entities: they reach the page as evidence, not as nodes."""

PLACE_LEVELS = ("Country", "Province", "City", "County")
"""Subclasses of kgmc:Place that mark an administrative level; a place may have none."""

WORKS = ("Factory", "Workshop")
"""The node types that stand in a place: what the factory views and rankings count."""

LOCATED_IN = KGMC + "locatedIn"
UNIT_OF = "http://www.w3.org/ns/org#unitOf"
IS_PART_OF = "http://purl.org/dc/terms/isPartOf"

_SKIPPED_EDGES = {KGMC + "mentions"}
"""A document mentions nearly everything it contains: kept as the document filter, not drawn."""

_OTHER_PROPERTIES = {
    UNIT_OF: ("所属", "unit of"),
    IS_PART_OF: ("收于", "is part of"),
    "http://purl.org/dc/terms/publisher": ("刊载", "publisher"),
    "http://purl.org/dc/terms/creator": ("作者", "creator"),
}
"""Labels of the properties we use from other vocabularies, whose terms the store lacks."""

_LABEL_FILTER = 'FILTER(LANGMATCHES(LANG(?name), "zh-Hans"))'

NODES = f"""
SELECT DISTINCT ?node ?type (COALESCE(?name, ?title) AS ?shown) WHERE {{
  {{ SELECT DISTINCT ?node ?type WHERE {{
    VALUES ?type {{ {" ".join(f"kgmc:{name}" for name in ENTITY_TYPES)} }}
    ?node a ?type .
  }} }}
  OPTIONAL {{ SELECT DISTINCT ?node ?name WHERE {{ ?node rdfs:label ?name . {_LABEL_FILTER} }} }}
  OPTIONAL {{ SELECT DISTINCT ?node ?title WHERE {{ ?node dcterms:title ?title }} }}
}}
"""
"""Each part is made DISTINCT before the joins: an entity named in 300 documents has its type
and its label in 300 graphs, and joining them first made 90,000 rows of one (33 s for a
10 MB corpus, 0.3 s this way)."""

PLACE_LEVEL = f"""
SELECT ?node ?level WHERE {{
  VALUES ?level {{ {" ".join(f"kgmc:{name}" for name in PLACE_LEVELS)} }}
  ?node a ?level .
}}
"""

ALIASES = """
SELECT ?node ?alias WHERE {
  { ?node skos:altLabel ?alias }
  UNION
  { ?node rdfs:label ?alias . FILTER(!LANGMATCHES(LANG(?alias), "zh-Hans")) }
}
"""

PROPERTY_LABELS = """
SELECT ?property ?zh ?en WHERE {
  ?property a owl:ObjectProperty .
  OPTIONAL { ?property rdfs:label ?zh . FILTER(LANGMATCHES(LANG(?zh), "zh-Hans")) }
  OPTIONAL { ?property rdfs:label ?en . FILTER(LANGMATCHES(LANG(?en), "en")) }
}
"""

QUOTES = """
SELECT ?body ?doc ?start ?end ?quote WHERE { GRAPH ?g {
  ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?target oa:hasSelector ?position ; oa:hasSource ?doc ; oa:hasSelector ?quoteSelector .
  ?quoteSelector oa:exact ?quote .
  ?annotation oa:hasTarget ?target ; oa:hasBody ?body .
} }
"""

EDGES = f"""
SELECT DISTINCT ?head ?property ?tail WHERE {{
  {{ SELECT DISTINCT ?head WHERE {{
    VALUES ?type {{ {" ".join(f"kgmc:{name}" for name in ENTITY_TYPES)} }}
    ?head a ?type .
  }} }}
  ?head ?property ?tail .
  FILTER(isIRI(?tail) && ?property != rdf:type)
}}
"""

ASSERTION_QUOTES = """
SELECT ?head ?property ?tail ?doc ?start ?end ?quote WHERE { GRAPH ?g {
  ?assertion a kgmc:RelationAssertion ; prov:wasDerivedFrom ?annotation .
  ?annotation oa:hasTarget ?target .
  ?target oa:hasSelector ?position .
  ?position a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end .
  ?target oa:hasSource ?doc ; oa:hasSelector ?quoteSelector .
  ?quoteSelector oa:exact ?quote .
  ?assertion kgmc:head ?head ; kgmc:relation ?property ; kgmc:tail ?tail .
} }
"""

DOCUMENT_TITLES = """
SELECT ?doc ?title WHERE { ?doc a kgmc:Document . OPTIONAL { ?doc dcterms:title ?title } }
"""


@dataclass(frozen=True, slots=True, order=True)
class Quote:
    """Words of a source: the document IRI, the character offsets and the exact text."""

    document: str
    start: int
    end: int
    text: str


def read_entity_graph(store: GraphStore | Path | str) -> nx.MultiDiGraph:
    """The entities of ``store`` and the links between them, as a networkx multigraph.

    Node attributes: ``label``, ``type`` (a name of :data:`ENTITY_TYPES`), ``level`` (a name of
    :data:`PLACE_LEVELS` or ``""``), ``aliases`` (list), ``quotes`` (sorted :class:`Quote`
    list), ``documents`` (IRIs of the documents quoted), ``campaigns`` (IRIs of the campaigns
    the node is, or is linked to). Edge key: the property IRI; edge attributes: ``property``,
    ``label`` (the property's Chinese label, else its local name), ``title`` (its English
    label), ``quotes``. The graph attribute ``documents`` maps each document IRI to its title.

    >>> import tempfile
    >>> from pyoxigraph import RdfFormat, Store
    >>> folder = tempfile.mkdtemp()
    >>> turtle = ('@prefix kgmc: <http://example.org/kgmc/ontology#> . '
    ...     '<urn:mill> a kgmc:Factory ; <http://www.w3.org/2000/01/rdf-schema#label> '
    ...     '"天津自行车厂"@zh-Hans ; kgmc:locatedIn <urn:tj> . '
    ...     '<urn:tj> a kgmc:Place , kgmc:City .')
    >>> Store(folder).load(turtle.encode(), RdfFormat.TURTLE)
    >>> graph = read_entity_graph(folder)
    >>> graph.nodes["urn:tj"]["level"], list(graph.edges(keys=True))
    ('City', [('urn:mill', 'urn:tj', 'http://example.org/kgmc/ontology#locatedIn')])
    """
    graph = nx.MultiDiGraph()
    for node, type_iri, name in sorted_rows(store, NODES):
        type_name = _local(type_iri)
        if node in graph and ENTITY_TYPES.index(type_name) >= ENTITY_TYPES.index(
                graph.nodes[node]["type"]):
            continue  # a node of two types is drawn as the first in ENTITY_TYPES
        graph.add_node(node, label=name or _local(node), type=type_name, level="",
                       aliases=[], quotes=[], documents=[], campaigns=[])
    for node, level in sorted_rows(store, PLACE_LEVEL):
        if node in graph:
            graph.nodes[node]["level"] = _local(level)
    for node, alias in sorted_rows(store, ALIASES):
        aliases = graph.nodes[node]["aliases"] if node in graph else None
        if aliases is not None and alias != graph.nodes[node]["label"] and alias not in aliases:
            aliases.append(alias)
    for body, doc, start, end, text in sorted_rows(store, QUOTES):
        if body in graph:
            graph.nodes[body]["quotes"].append(Quote(doc, int(start), int(end), text))

    labels = {**_OTHER_PROPERTIES, **{prop: (zh or en or _local(prop), en or _local(prop))
                                      for prop, zh, en in sorted_rows(store, PROPERTY_LABELS)}}
    evidence: dict[tuple[str, str, str], list[Quote]] = defaultdict(list)
    for head, prop, tail, doc, start, end, text in sorted_rows(store, ASSERTION_QUOTES):
        evidence[head, prop, tail].append(Quote(doc, int(start), int(end), text))
    for head, prop, tail in sorted_rows(store, EDGES):
        if tail in graph and head != tail and prop not in _SKIPPED_EDGES:
            zh, en = labels.get(prop, (_local(prop), _local(prop)))
            graph.add_edge(head, tail, key=prop, property=prop, label=zh, title=en,
                           quotes=sorted(evidence.get((head, prop, tail), ())))

    for node, attrs in graph.nodes(data=True):
        attrs["quotes"].sort()
        attrs["documents"] = sorted({quote.document for quote in attrs["quotes"]})
        if attrs["type"] == "Campaign":
            attrs["campaigns"].append(node)
        if attrs["type"] == "Document":  # a work is shown with the file it is part of
            attrs["documents"] = sorted({node, *(t for _, t, k in graph.out_edges(node, keys=True)
                                                 if k == IS_PART_OF)})
    for node, attrs in graph.nodes(data=True):
        if attrs["type"] == "Campaign":
            for neighbour in set(graph.predecessors(node)) | set(graph.successors(node)):
                graph.nodes[neighbour]["campaigns"].append(node)
    for _, attrs in graph.nodes(data=True):
        attrs["campaigns"] = sorted(set(attrs["campaigns"]))
    graph.graph["documents"] = {doc: title or _local(doc)
                                for doc, title in sorted_rows(store, DOCUMENT_TITLES)}
    return graph


def subgraph(graph: nx.MultiDiGraph, keep: set) -> nx.MultiDiGraph:
    """The nodes of ``keep`` and the edges between them, in ``graph``'s order.

    networkx's own ``subgraph`` walks the smaller of the two node collections, so a view built
    from a set would list its nodes in the set's hash order, which changes between runs.
    """
    view = nx.MultiDiGraph()
    view.graph.update(graph.graph)
    view.add_nodes_from((node, attrs) for node, attrs in graph.nodes(data=True) if node in keep)
    view.add_edges_from((head, tail, key, attrs) for head, tail, key, attrs
                        in graph.edges(keys=True, data=True) if head in keep and tail in keep)
    return view


def simple_undirected(graph: nx.Graph) -> nx.Graph:
    """One link per pair of linked nodes, no direction, no self-loop, in ``graph``'s order.

    networkx's ``to_undirected`` view of a directed multigraph lists neighbours in hash order,
    which would move a layout from one run to the next.
    """
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((head, tail) for head, tail in graph.edges() if head != tail)
    return simple


def _local(iri: str) -> str:
    """The last segment of an IRI: ``kgmc:Factory`` → ``Factory``."""
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
