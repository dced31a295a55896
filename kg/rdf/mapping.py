"""Records to triples: one named graph per document, every fact tied to its quote.

Each mention is a Web Annotation whose body is the entity and whose target selects the exact
quote (TextQuoteSelector) and its offsets (TextPositionSelector) in the document's original
text, which is itself in the graph (``kgmc:originalText``), so a SPARQL query can check every
quote. Each relation is stated twice: as a direct triple for easy querying, and as a
``kgmc:RelationAssertion`` node ``prov:wasDerivedFrom`` the annotation of its evidence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from kg.config import ontology_dir
from kg.rdf.iris import IriMinter, pinyin_slug
from kg.rdf.namespaces import DCTERMS, KGMC, OA, ONTOLOGY_IRI, ORG, PROV, SKOS, bind_prefixes
from kg.rdf.provenance import BuildRecord
from kg.records import DocumentGraph, Entity, EntityType, Evidence, RelationType

CONTEXT_CHARS = 16
"""Characters of oa:prefix / oa:suffix around a quote: enough to find it again by eye."""

_CLASSES = {
    EntityType.FACTORY: KGMC.Factory,
    EntityType.PLACE: KGMC.Place,
    EntityType.PERSON: KGMC.Person,
    EntityType.ORGANIZATION: KGMC.Organization,
    EntityType.INNOVATION: KGMC.Innovation,
    EntityType.CAMPAIGN: KGMC.Campaign,
    EntityType.INDUSTRY: KGMC.Industry,
    EntityType.EVENT: KGMC.Event,
    EntityType.DATE: KGMC.Date,
}
_PROPERTIES = {
    RelationType.LOCATED_IN: KGMC.locatedIn,
    RelationType.HOLDS_POSITION: KGMC.holdsPosition,
    RelationType.ADOPTED: KGMC.adopted,
    RelationType.BELONGS_TO_INDUSTRY: KGMC.belongsToIndustry,
    RelationType.PARTICIPATED_IN: KGMC.participatedIn,
    RelationType.PUBLISHED_BY: DCTERMS.publisher,
    RelationType.AUTHORED_BY: DCTERMS.creator,
}


_PLACE_CLASSES = {"country": KGMC.Country, "province": KGMC.Province,
                  "prefecture": KGMC.City, "city": KGMC.City, "county": KGMC.County}
"""Gazetteer levels (kg.extract.gazetteer) as classes; regions and localities stay kgmc:Place."""
NO_PLACE_STATED = Literal("No source states where this factory is.", lang="en")


def to_dataset(graphs: Sequence[DocumentGraph], *, base: str,
               build: BuildRecord | None = None) -> Dataset:
    """The whole build as an rdflib Dataset: ontology graph, one graph per document and,
    when ``build`` is given, a graph with the build's provenance."""
    dataset = Dataset()
    bind_prefixes(dataset)
    ontology = dataset.graph(ONTOLOGY_IRI)
    ontology.parse(ontology_dir() / "kgmc.ttl", format="turtle")
    minter = IriMinter(base, ((e.type.value, e.name) for g in graphs for e in g.entities))
    located = set().union(*(located_keys(graph) for graph in graphs))
    for document_graph in graphs:
        doc_id = document_graph.document.doc_id
        _map_document(dataset.graph(minter.graph(doc_id)), document_graph, minter, located)
    if build is not None:
        doc_ids = [g.document.doc_id for g in graphs]
        _map_build(dataset.graph(minter.graph("build")), build, doc_ids, minter)
    return dataset


class _Triples(list):
    """Triples collected in a plain list: the one method of rdflib's ``Graph`` the mapping
    calls is ``add``, and a list is ~10× faster than rdflib's indexed memory store for a
    graph that is only written out."""

    add = list.append


def located_keys(graph: DocumentGraph) -> set[tuple[EntityType, str]]:
    """Keys of the entities a document places (head of a locatedIn): a factory placed by any
    document of a build needs no "no place stated" note in the others."""
    heads = {r.head for r in graph.relations if r.type == RelationType.LOCATED_IN}
    return {(e.type, e.name) for e in graph.entities if e.entity_id in heads}


def document_nquads(source: DocumentGraph, minter: IriMinter,
                    located: set[tuple[EntityType, str]]) -> list[str]:
    """One document's named graph as N-Quads lines, sorted and without repeats: the same
    triples :func:`to_dataset` puts in that graph, for builds too large for an rdflib
    ``Dataset`` in memory."""
    triples = _Triples()
    _map_document(triples, source, minter, located)  # type: ignore[arg-type]
    return nquad_lines(triples, minter.graph(source.document.doc_id))


def build_nquads(build: BuildRecord, doc_ids: Sequence[str], minter: IriMinter) -> list[str]:
    """The build graph (see :func:`to_dataset`) as sorted N-Quads lines."""
    triples = _Triples()
    _map_build(triples, build, doc_ids, minter)  # type: ignore[arg-type]
    return nquad_lines(triples, minter.graph("build"))


def nquad_lines(triples: Iterable[tuple[Node, Node, Node]], graph: URIRef) -> list[str]:
    """Sorted, distinct N-Quads lines of ``triples`` in ``graph``, escaped as rdflib's own
    N-Quads writer escapes them."""
    from rdflib.plugins.serializers.nt import _quoteLiteral

    name = graph.n3()
    return sorted({f"{s.n3()} {p.n3()} "
                   f"{_quoteLiteral(o) if isinstance(o, Literal) else o.n3()} {name} .\n"
                   for s, p, o in triples})


def _map_build(graph: Graph, build: BuildRecord, doc_ids: Sequence[str],
               minter: IriMinter) -> None:
    """The build as a prov:Activity: tool, configuration, time, the documents it read, and
    the document graphs it generated."""
    activity = minter.term("build", build.configuration_hash[:16])
    agent = minter.term("agent", f"kg-{build.tool_version}")
    graph.add((activity, RDF.type, KGMC.Build))
    graph.add((activity, RDF.type, PROV.Activity))
    graph.add((activity, RDFS.label, Literal(f"kg build {build.tool_version}", lang="en")))
    graph.add((activity, KGMC.toolVersion, Literal(build.tool_version)))
    graph.add((activity, KGMC.configurationHash, Literal(build.configuration_hash)))
    graph.add((activity, PROV.endedAtTime, Literal(build.time, datatype=XSD.dateTime)))
    graph.add((activity, PROV.wasAssociatedWith, agent))
    graph.add((agent, RDF.type, PROV.SoftwareAgent))
    graph.add((agent, RDFS.label, Literal(f"kg {build.tool_version}", lang="en")))
    for doc_id in doc_ids:
        graph.add((activity, PROV.used, minter.document(doc_id)))
        graph.add((minter.graph(doc_id), PROV.wasGeneratedBy, activity))


def _work(graph: Graph, minter: IriMinter, doc_iri: URIRef, doc_id: str, title: str) -> URIRef:
    """A work inside a document (an article, editorial or speech), named by its title: an
    article of the structure and a publication relation with that title meet on one node."""
    work = minter.node("work", doc_id, title)
    graph.add((work, RDF.type, KGMC.Document))
    graph.add((work, DCTERMS.title, Literal(title, lang="zh-Hans")))
    graph.add((work, DCTERMS.isPartOf, doc_iri))
    return work


def _map_document(graph: Graph, source: DocumentGraph, minter: IriMinter,
                  located: set[tuple[EntityType, str]]) -> None:
    document = source.document
    doc_iri = minter.document(document.doc_id)
    graph.add((doc_iri, RDF.type, KGMC.Document))
    digest = hashlib.sha256(document.original.encode("utf-8")).hexdigest()
    graph.add((doc_iri, KGMC.contentDigest, Literal(digest)))
    graph.add((doc_iri, KGMC.fileName, Literal(document.name)))
    graph.add((doc_iri, KGMC.encoding, Literal(document.encoding)))
    graph.add((doc_iri, KGMC.originalText, Literal(document.original)))
    if document.title:
        graph.add((doc_iri, DCTERMS.title, Literal(document.title, lang="zh-Hans")))
    if document.date:
        graph.add((doc_iri, DCTERMS.date, Literal(document.date)))
    if document.publisher:
        graph.add((doc_iri, DCTERMS.publisher, Literal(document.publisher, lang="zh-Hans")))
    for article in document.structure.articles:
        if article.date:  # a dated article, editorial or speech (not a text's first line)
            work = _work(graph, minter, doc_iri, document.doc_id, article.title)
            graph.add((work, DCTERMS.date, Literal(article.date)))

    iris = {}
    for entity in source.entities:
        iri = iris[entity.entity_id] = minter.entity(entity.type.value, entity.name)
        _map_entity(graph, entity, iri)
        if entity.type == EntityType.FACTORY and entity.attr("workshop"):
            if owner := _owner(source.entities, entity):
                graph.add((iri, ORG.unitOf, minter.entity(owner.type.value, owner.name)))
        elif entity.type == EntityType.FACTORY and (entity.type, entity.name) not in located:
            graph.add((iri, KGMC.locationNote, NO_PLACE_STATED))
        graph.add((doc_iri, KGMC.mentions, iri))
        for mention in entity.mentions:
            _annotate(graph, minter, doc_iri, document.original, iri, mention.evidence,
                      OA.identifying)

    for number, relation in enumerate(source.relations, start=1):
        head, prop = iris[relation.head], _PROPERTIES[relation.type]
        if relation.tail_is_title:  # a work: the work has the publisher / creator
            tail = (doc_iri if relation.attr("basis") == "imprint"  # the book itself
                    else _work(graph, minter, doc_iri, document.doc_id, relation.tail))
            graph.add((tail, prop, head))
        else:
            tail = iris[relation.tail]
            graph.add((head, prop, tail))
        assertion = minter.node("assertion", document.doc_id, relation.type.value, number)
        graph.add((assertion, RDF.type, KGMC.RelationAssertion))
        graph.add((assertion, KGMC.head, head))
        graph.add((assertion, KGMC.tail, tail))
        graph.add((assertion, KGMC.relation, prop))
        for key, term in (("post", KGMC.post), ("basis", KGMC.basis)):
            if value := relation.attr(key):
                graph.add((assertion, term, Literal(value)))
        if relation.type == RelationType.HOLDS_POSITION:
            _membership(graph, minter, assertion, head, tail, relation.attr("post"))
        annotation = _annotate(graph, minter, doc_iri, document.original, assertion,
                               relation.evidence, OA.describing)
        graph.add((assertion, PROV.wasDerivedFrom, annotation))
    _map_statistics(graph, source, minter, doc_iri, iris)


def _map_statistics(graph: Graph, source: DocumentGraph, minter: IriMinter, doc_iri: URIRef,
                    iris: dict[str, URIRef]) -> None:
    """Each claim a kgmc:Statistic derived from the annotation of its clause; the two ends
    of a change (从42%提高到54%) linked by kgmc:changeOf."""
    document = source.document
    previous_from: URIRef | None = None
    for number, statistic in enumerate(source.statistics, start=1):
        node = minter.node("statistic", document.doc_id, number)
        value = statistic.value
        graph.add((node, RDF.type, KGMC.Statistic))
        if statistic.subject_is_entity:
            graph.add((node, KGMC.statisticSubject, iris[statistic.subject]))
        else:
            graph.add((node, KGMC.subjectPhrase, Literal(statistic.subject, lang="zh-Hans")))
        graph.add((node, KGMC.metric, Literal(statistic.metric, lang="zh-Hans")))
        graph.add((node, KGMC.valueAsWritten, Literal(value.value)))
        for term, text in ((KGMC.lowValue, value.low), (KGMC.highValue, value.high)):
            if text:
                graph.add((node, term, Literal(_decimal_form(text), datatype=XSD.decimal)))
        for term, text in ((KGMC.unitAsWritten, value.unit), (KGMC.quantityKind, value.kind),
                           (KGMC.qualifier, value.bound + value.qualifier),
                           (KGMC.changeRole, value.change), (KGMC.timeAsStated, statistic.time)):
            if text:
                graph.add((node, term, Literal(text)))
        if value.change == "to" and previous_from is not None:
            graph.add((node, KGMC.changeOf, previous_from))
        previous_from = node if value.change == "from" else None
        annotation = _annotate(graph, minter, doc_iri, document.original, node,
                               statistic.evidence, OA.describing)
        graph.add((node, PROV.wasDerivedFrom, annotation))


def _owner(entities: Sequence[Entity], workshop: Entity) -> Entity | None:
    """The factory a workshop's name starts with (四平油酒厂 of 四平油酒厂李川江车间)."""
    owners = [e for e in entities if e.type == EntityType.FACTORY and not e.attr("workshop")
              and workshop.name.startswith(e.name) and e.name != workshop.name]
    return max(owners, key=lambda e: len(e.name), default=None)


def _membership(graph: Graph, minter: IriMinter, assertion: URIRef, person: URIRef,
                organization: URIRef, post: str) -> None:
    """A holdsPosition assertion is also the W3C ORG membership it states, its post the role."""
    graph.add((assertion, RDF.type, ORG.Membership))
    graph.add((assertion, ORG.member, person))
    graph.add((assertion, ORG.organization, organization))
    if post:
        role = minter.term("post", pinyin_slug(post))
        graph.add((role, RDF.type, KGMC.Post))
        graph.add((role, RDFS.label, Literal(post, lang="zh-Hans")))
        graph.add((role, SKOS.prefLabel, Literal(post, lang="zh-Hans")))
        graph.add((assertion, ORG.role, role))


def _decimal_form(text: str) -> str:
    """The canonical xsd:decimal form, with its decimal point (54 → 54.0): the form Turtle's
    shorthand writes, so that every serialization carries the same literal."""
    return text if "." in text else f"{text}.0"


def _map_entity(graph: Graph, entity: Entity, iri: URIRef) -> None:
    from pypinyin import Style, pinyin

    workshop = entity.type == EntityType.FACTORY and entity.attr("workshop")
    graph.add((iri, RDF.type, KGMC.Workshop if workshop else _CLASSES[entity.type]))
    if entity.type == EntityType.PLACE and entity.attr("level") in _PLACE_CLASSES:
        graph.add((iri, RDF.type, _PLACE_CLASSES[entity.attr("level")]))
    if entity.type == EntityType.INDUSTRY:
        graph.add((iri, SKOS.inScheme, KGMC.industries))
        graph.add((iri, SKOS.prefLabel, Literal(entity.name, lang="zh-Hans")))
    graph.add((iri, RDFS.label, Literal(entity.name, lang="zh-Hans")))
    spelled = " ".join(syllable[0] for syllable in pinyin(entity.name, style=Style.TONE))
    graph.add((iri, RDFS.label, Literal(spelled, lang="zh-Latn-pinyin")))
    for alias in entity.aliases:
        if alias != entity.name:
            graph.add((iri, SKOS.altLabel, Literal(alias, lang=_script_tag(alias))))
    if code := entity.attr("code"):
        graph.add((iri, KGMC.adminCode, Literal(code)))
    if level := entity.attr("level"):
        graph.add((iri, KGMC.placeLevel, Literal(level)))


def _script_tag(text: str) -> str:
    """``zh-Hant`` when the form is written with traditional characters."""
    from kg.ingest.normalize import to_simplified

    return "zh-Hant" if to_simplified(text) != text else "zh-Hans"


def _annotate(graph: Graph, minter: IriMinter, doc_iri: URIRef, original: str, body: URIRef,
              evidence: Evidence, motivation: URIRef) -> URIRef:
    """A Web Annotation tying ``body`` to the quote ``evidence`` in the document."""
    key = (evidence.start, evidence.end)
    annotation = minter.node("annotation", evidence.doc_id, *key, _local(body))
    target = minter.node("target", evidence.doc_id, *key)
    quote = minter.node("quote", evidence.doc_id, *key)
    position = minter.node("position", evidence.doc_id, *key)
    graph.add((annotation, RDF.type, OA.Annotation))
    graph.add((annotation, OA.motivatedBy, motivation))
    graph.add((annotation, OA.hasBody, body))
    graph.add((annotation, OA.hasTarget, target))
    graph.add((target, RDF.type, OA.SpecificResource))
    graph.add((target, OA.hasSource, doc_iri))
    graph.add((target, OA.hasSelector, quote))
    graph.add((target, OA.hasSelector, position))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(evidence.quote)))
    graph.add((quote, OA.prefix, Literal(original[max(0, evidence.start - CONTEXT_CHARS):
                                                  evidence.start])))
    graph.add((quote, OA.suffix, Literal(original[evidence.end:evidence.end + CONTEXT_CHARS])))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(evidence.start, datatype=XSD.nonNegativeInteger)))
    graph.add((position, OA.end, Literal(evidence.end, datatype=XSD.nonNegativeInteger)))
    return annotation


def _local(iri: URIRef) -> str:
    """The last path segment of an IRI, to keep annotation IRIs distinct per body."""
    return str(iri).rstrip("/").rsplit("/", 1)[-1]
