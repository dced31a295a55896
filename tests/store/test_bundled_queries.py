"""The bundled queries of ontology/queries/ on the corpus build, each answer checked.

Every answer is compared with a source the query does not read: ``extraction.json`` (the
entities, relations and statistics the graph was made from), the corpus texts and manifest in
kg/corpus, or a second, simpler SPARQL query. The two queries whose data the build does not
write yet (coordinates, external links) also run on a small hand-made TriG file.

Names joined by GROUP_CONCAT are compared as sets: SPARQL does not fix their order.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pytest

from kg.config import corpus_dir, ontology_dir
from kg.store import open_store, query

QUERIES = ontology_dir() / "queries"
QUERY_FILES = sorted(QUERIES.glob("*.rq"))
FIXTURE = Path(__file__).resolve().parents[1] / "data" / "queries" / "coordinates_and_links.trig"
KGMC = "http://example.org/kgmc/ontology#"
DCTERMS = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SEPARATOR = " | "
HEADER = re.compile(r"# (title|question|answer): (\S.*)")
THOUSANDS = re.compile(r"\d,\d{3}")
REQUIRED = (
    "factories_per_place", "places_and_their_factories", "innovations_adopted",
    "innovations_per_campaign", "officials_and_posts", "mentions_of_factory",
    "statistics_with_evidence", "statistics_over_time", "places_with_coordinates",
    "industries_by_innovations", "entities_with_external_links", "who_said_what",
    "campaign_participants", "documents_overview",
)
PROPERTIES = {
    "locatedIn": KGMC + "locatedIn", "holdsPosition": KGMC + "holdsPosition",
    "adopted": KGMC + "adopted", "belongsToIndustry": KGMC + "belongsToIndustry",
    "participatedIn": KGMC + "participatedIn", "publishedBy": DCTERMS + "publisher",
    "authoredBy": DCTERMS + "creator",
}
"""Relation types of extraction.json and the properties kg/rdf/mapping.py gives them."""
LEVEL_CLASSES = {"country": "Country", "province": "Province", "prefecture": "City",
                 "city": "City", "county": "County"}


# ---------------------------------------------------------------- helpers and fixtures

def records(store, sparql: str) -> list[dict]:  # noqa: ANN001
    result = query(store, sparql)
    return [dict(zip(result.variables, row, strict=True)) for row in result.rows]


def split(cell) -> set[str]:  # noqa: ANN001
    """The names of a GROUP_CONCAT cell."""
    return set(str(cell).split(SEPARATOR)) if cell else set()


def text_or_none(cell) -> str | None:  # noqa: ANN001
    return None if cell is None else str(cell)


def group(type_iri: str | None) -> str | None:
    """The extraction.json type of a graph class: a workshop is a Factory there."""
    if type_iri is None:
        return None
    local = type_iri.removeprefix(KGMC)
    return "Factory" if local == "Workshop" else local


class Extraction:
    """extraction.json by names: what the graph was made from, in the gold format."""

    def __init__(self, data: dict) -> None:
        self.documents = data["documents"]
        self._names: dict[tuple[str, str], str] = {}
        self._types: dict[tuple[str, str], str] = {}
        for document in self.documents:
            for entity in document["entities"]:
                key = (document["text"], entity["id"])
                self._names[key], self._types[key] = entity["name"], entity["type"]
            for date in document.get("dates", []):
                key = (document["text"], date["id"])
                self._names[key], self._types[key] = date["value"], "Date"

    def name(self, document: dict, ident: str) -> str:
        return self._names[document["text"], ident]

    def type(self, document: dict, ident: str) -> str:
        return self._types[document["text"], ident]

    def is_entity(self, document: dict, ident: str) -> bool:
        return (document["text"], ident) in self._names

    def entities(self) -> set[tuple[str, str]]:
        """(type, name) of every entity and date."""
        return set(zip(self._types.values(), self._names.values(), strict=True))

    def names(self, entity_type: str) -> set[str]:
        return {name for kind, name in self.entities() if kind == entity_type}

    def aliases(self) -> dict[tuple[str, str], set[str]]:
        found: dict[tuple[str, str], set[str]] = defaultdict(set)
        for document in self.documents:
            for entity in document["entities"]:
                found[entity["type"], entity["name"]].update(entity["aliases"])
            for date in document.get("dates", []):
                found["Date", date["value"]].update(date["aliases"])
        return found

    def relations(self, kind: str) -> list[dict]:
        """Relations of one type with head and tail as names (a title tail as its title) and
        their types (``Title`` for a title)."""
        found = []
        for document in self.documents:
            for relation in document["relations"]:
                if relation["type"] != kind:
                    continue
                titled = relation.get("tail_is_title", False)
                found.append({
                    **relation, "document": document,
                    "head_name": self.name(document, relation["head"]),
                    "head_type": self.type(document, relation["head"]),
                    "tail_name": relation["tail"] if titled
                    else self.name(document, relation["tail"]),
                    "tail_type": "Title" if titled else self.type(document, relation["tail"]),
                })
        return found

    def statistics(self) -> list[dict]:
        """Statistics with ``subject_name``: the subject entity's name or the phrase."""
        found = []
        for document in self.documents:
            for statistic in document["statistics"]:
                subject = statistic["subject"]
                name = (self.name(document, subject) if self.is_entity(document, subject)
                        else subject)
                found.append({**statistic, "document": document, "subject_name": name})
        return found


@pytest.fixture(scope="module")
def store(corpus_build):
    return open_store(corpus_build.out / "store")


@pytest.fixture(scope="module")
def extraction(corpus_build) -> Extraction:
    path = corpus_build.out / "extraction.json"
    return Extraction(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def answers(store) -> dict[str, list[dict]]:
    """Every bundled query run once on the corpus build, as records."""
    return {path.stem: records(store, path.read_text(encoding="utf-8")) for path in QUERY_FILES}


@pytest.fixture(scope="module")
def texts(store) -> dict[str, str]:
    """Document IRI → its file in kg/corpus, decoded as the graph says it was: the text the
    TextPositionSelector offsets count in."""
    rows = records(store, "SELECT ?document ?file ?encoding WHERE { "
                          "?document kgmc:fileName ?file ; kgmc:encoding ?encoding }")
    assert rows
    return {str(r["document"]): (corpus_dir() / str(r["file"])).read_bytes()
            .decode(str(r["encoding"])) for r in rows}


@pytest.fixture(scope="module")
def file_of(store) -> dict[str, str]:
    rows = records(store, "SELECT ?document ?file WHERE { ?document kgmc:fileName ?file }")
    return {str(r["document"]): str(r["file"]) for r in rows}


@pytest.fixture(scope="module")
def workshops(store) -> dict[str, str | None]:
    """Workshop name → name of the factory it is a unit of, by a simpler query."""
    rows = records(store, """SELECT ?name ?ownerName WHERE {
        ?workshop a kgmc:Workshop ; rdfs:label ?name .
        FILTER(LANGMATCHES(LANG(?name), "zh-Hans"))
        OPTIONAL { ?workshop org:unitOf/rdfs:label ?ownerName .
                   FILTER(LANGMATCHES(LANG(?ownerName), "zh-Hans")) } }""")
    return {str(r["name"]): text_or_none(r["ownerName"]) for r in rows}


@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory):
    """The hand-made TriG of tests/data/queries/ in a fresh store."""
    import pyoxigraph

    path = tmp_path_factory.mktemp("queries") / "store"
    store = pyoxigraph.Store(str(path))
    store.bulk_load(path=str(FIXTURE), format=pyoxigraph.RdfFormat.TRIG)
    return store


def assert_quotes_at_offsets(rows: list[dict], texts: dict[str, str]) -> None:
    checked = [r for r in rows if r.get("start") is not None]
    assert checked
    for row in checked:
        start, end = int(row["start"]), int(row["end"])
        assert texts[str(row["document"])][start:end] == row["quote"], row


def with_filter(sparql: str, condition: str) -> str:
    """``sparql`` with ``condition`` added at the end of its outer WHERE."""
    assert sparql.count("\n}\nORDER BY") == 1
    return sparql.replace("\n}\nORDER BY", f"\n  {condition}\n}}\nORDER BY")


# ---------------------------------------------------------------- every file

def test_the_library_holds_the_documented_queries():
    names = [path.stem for path in QUERY_FILES]
    assert len(names) >= 12
    assert set(REQUIRED) <= set(names)
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", name) for name in names)
    readme = (QUERIES / "README.md").read_text(encoding="utf-8")
    assert all(f"`{name}.rq`" in readme for name in names)


@pytest.mark.parametrize("path", QUERY_FILES, ids=[p.stem for p in QUERY_FILES])
def test_query_has_header_parses_and_answers(path, store, answers):
    from rdflib.plugins.sparql import prepareQuery

    sparql = path.read_text(encoding="utf-8")
    lines = sparql.splitlines()
    header = [HEADER.fullmatch(line) for line in lines[:3]]
    assert all(header), lines[:3]
    assert [m.group(1) for m in header] == ["title", "question", "answer"]
    comments = lines[:next(i for i, line in enumerate(lines) if not line.startswith("#"))]
    assert all(line.startswith("# ") for line in comments)
    # standard SPARQL 1.1 with its own PREFIX lines: parses where no prefix is predeclared
    prepareQuery(sparql)
    result = query(store, sparql)
    assert result.rows, f"{path.name} answers nothing on the corpus build"
    # the answer line documents exactly the columns the query gives
    documented = re.findall(r"\?(\w+)", header[2].group(2))
    assert set(documented) == set(result.variables)
    assert records(store, sparql) == answers[path.stem]  # the same answer twice


# ---------------------------------------------------------------- places and factories

def test_factories_per_place_counts_direct_and_contained_factories(answers, extraction,
                                                                   workshops):
    located: dict[tuple[str, str], set[str]] = defaultdict(set)
    for relation in extraction.relations("locatedIn"):
        located[relation["head_type"], relation["head_name"]].add(relation["tail_name"])

    def containing(place: str) -> set[str]:
        found, todo = {place}, [place]
        while todo:
            for parent in located.get(("Place", todo.pop()), ()):
                if parent not in found:
                    found.add(parent)
                    todo.append(parent)
        return found

    factories = extraction.names("Factory") - set(workshops)
    direct: dict[str, set[str]] = defaultdict(set)
    every: dict[str, set[str]] = defaultdict(set)
    for factory in factories:
        for place in located.get(("Factory", factory), ()):
            direct[place].add(factory)
            for outer in containing(place):
                every[outer].add(factory)
    rows = answers["factories_per_place"]
    got = {r["placeName"]: (int(r["factories"]), int(r["direct"]), split(r["names"]))
           for r in rows}
    assert got == {place: (len(names), len(direct[place]), names)
                   for place, names in every.items()}
    assert len(rows) == len(got)
    assert any(int(r["direct"]) < int(r["factories"]) for r in rows)  # a province by its cities
    keys = [(-int(r["factories"]), -int(r["direct"]), r["placeName"]) for r in rows]
    assert keys == sorted(keys)


def test_places_and_their_factories_match_the_located_in_relations(answers, extraction,
                                                                    workshops):
    rows = answers["places_and_their_factories"]
    expected = {(r["head_name"], r["tail_name"]) for r in extraction.relations("locatedIn")
                if r["head_type"] == "Factory"}
    assert {(r["factoryName"], r["placeName"]) for r in rows if r["place"]} == expected
    assert {r["factoryName"] for r in rows} == extraction.names("Factory")
    for row in rows:
        is_workshop = row["kind"] == KGMC + "Workshop"
        assert is_workshop == (row["factoryName"] in workshops)
        if is_workshop and row["partOf"]:
            assert row["factoryName"].startswith(row["partOfName"])
            assert row["partOfName"] in extraction.names("Factory")
        if row["place"] is None and not is_workshop:
            assert row["locationNote"], row  # an unplaced factory says why
        if row["place"] is not None:
            assert row["locationNote"] is None
            assert group(row["levelClass"]) == LEVEL_CLASSES.get(row["level"]), row
    keys = [r["factoryName"] for r in rows]
    assert keys == sorted(keys)


def test_places_with_coordinates_lists_places_and_their_parents(answers, extraction, store):
    rows = answers["places_with_coordinates"]
    assert {r["placeName"] for r in rows} == extraction.names("Place")
    expected = {(r["head_name"], r["tail_name"]) for r in extraction.relations("locatedIn")
                if r["head_type"] == "Place" and r["tail_type"] == "Place"}
    assert {(r["placeName"], r["parentName"]) for r in rows if r["parent"]} == expected
    assert all(r["pinyin"] for r in rows)
    mapped = records(store, "SELECT DISTINCT ?place WHERE { ?place a kgmc:Place ; wgs:lat ?lat }")
    assert {r["place"] for r in rows if r["lat"] is not None} == {r["place"] for r in mapped}


def test_places_with_coordinates_gives_wgs84_and_wkt_when_the_graph_has_them(fixture_store):
    sparql = (QUERIES / "places_with_coordinates.rq").read_text(encoding="utf-8")
    rows = {r["placeName"]: r for r in records(fixture_store, sparql)}
    assert set(rows) == {"唐山", "河北"}
    city = rows["唐山"]
    assert float(city["lat"]) == pytest.approx(39.63)
    assert float(city["long"]) == pytest.approx(118.18)
    assert city["wkt"] == "POINT(118.18 39.63)"
    assert (city["parentName"], city["levelClass"]) == ("河北", KGMC + "City")
    assert (rows["河北"]["lat"], rows["河北"]["wkt"]) == (None, None)


# ---------------------------------------------------------------- innovations and campaigns

def test_innovations_adopted_match_the_adopted_relations(answers, extraction):
    evidence: dict[tuple[str, str], set[str]] = defaultdict(set)
    for relation in extraction.relations("adopted"):
        evidence[relation["head_name"], relation["tail_name"]].add(relation["evidence"])
    unit_types = {r["head_name"]: r["head_type"] for r in extraction.relations("adopted")}
    campaigns: dict[str, set[str]] = defaultdict(set)
    for relation in extraction.relations("participatedIn"):
        if relation["tail_type"] == "Campaign":
            campaigns[relation["head_name"]].add(relation["tail_name"])
    rows = answers["innovations_adopted"]
    assert {(r["unitName"], r["innovationName"]): split(r["evidence"]) for r in rows} == evidence
    assert len(rows) == len(evidence)
    for row in rows:
        assert split(row["campaigns"]) == campaigns[row["unitName"]]
        assert group(row["unitType"]) == unit_types[row["unitName"]]
    assert any(row["campaigns"] for row in rows)
    keys = [(r["unitName"], r["innovationName"]) for r in rows]
    assert keys == sorted(keys)


def test_innovations_per_campaign_follow_participants_and_their_adoptions(answers, extraction):
    units: dict[str, set[str]] = defaultdict(set)
    for relation in extraction.relations("participatedIn"):
        if relation["tail_type"] == "Campaign":
            units[relation["tail_name"]].add(relation["head_name"])
    adopted: dict[str, set[str]] = defaultdict(set)
    for relation in extraction.relations("adopted"):
        adopted[relation["head_name"]].add(relation["tail_name"])
    expected = {}
    for campaign in extraction.names("Campaign"):
        innovations = set().union(*(adopted[unit] for unit in units[campaign]))
        expected[campaign] = (len(units[campaign]), units[campaign], len(innovations),
                              innovations)
    rows = answers["innovations_per_campaign"]
    got = {r["campaignName"]: (int(r["units"]), split(r["unitNames"]), int(r["innovations"]),
                               split(r["innovationNames"])) for r in rows}
    assert got == expected
    assert len(rows) == len(expected)
    assert any(int(r["innovations"]) for r in rows)
    keys = [(-int(r["innovations"]), -int(r["units"]), r["campaignName"]) for r in rows]
    assert keys == sorted(keys)


def test_campaign_participants_match_the_participated_in_relations(answers, extraction,
                                                                   texts):
    expected = {(r["tail_name"], r["head_name"], r["evidence"])
                for r in extraction.relations("participatedIn") if r["tail_type"] == "Campaign"}
    types = {r["head_name"]: r["head_type"] for r in extraction.relations("participatedIn")}
    rows = answers["campaign_participants"]
    assert {(r["campaignName"], r["participantName"], r["quote"]) for r in rows} == expected
    assert len(rows) == len(expected)
    assert all(group(r["participantType"]) == types[r["participantName"]] for r in rows)
    assert {group(r["participantType"]) for r in rows} >= {"Factory", "Place"}
    assert_quotes_at_offsets(rows, texts)
    keys = [(r["campaignName"], r["participantName"]) for r in rows]
    assert keys == sorted(keys)


def test_industries_by_innovations_ranks_industries_by_their_factories_adoptions(
        answers, extraction, workshops):
    factories: dict[str, set[str]] = defaultdict(set)
    for relation in extraction.relations("belongsToIndustry"):
        factories[relation["tail_name"]].add(relation["head_name"])
    adopted: dict[str, set[str]] = defaultdict(set)
    for relation in extraction.relations("adopted"):
        adopted[relation["head_name"]].add(relation["tail_name"])
        if owner := workshops.get(relation["head_name"]):  # a workshop's are its factory's
            adopted[owner].add(relation["tail_name"])
    expected = {}
    for industry in extraction.names("Industry"):
        innovations = set().union(*(adopted[f] for f in factories[industry]))
        expected[industry] = (len(innovations), innovations, len(factories[industry]),
                              factories[industry])
    rows = answers["industries_by_innovations"]
    got = {r["industryName"]: (int(r["innovations"]), split(r["innovationNames"]),
                               int(r["factories"]), split(r["factoryNames"])) for r in rows}
    assert got == expected
    assert len(rows) == len(expected)
    assert any(int(r["factories"]) for r in rows)
    keys = [(-int(r["innovations"]), -int(r["factories"]), r["industryName"]) for r in rows]
    assert keys == sorted(keys)


def test_industries_by_innovations_credits_a_workshops_innovation_to_its_factory(
        fixture_store):
    sparql = (QUERIES / "industries_by_innovations.rq").read_text(encoding="utf-8")
    rows = records(fixture_store, sparql)
    assert [(r["industryName"], int(r["innovations"]), split(r["innovationNames"]),
             int(r["factories"]), split(r["factoryNames"])) for r in rows] == [
        ("造纸工业", 2, {"打浆机", "切草机"}, 1, {"示例造纸厂"}),
        ("制糖工业", 0, set(), 0, set()),
    ]


# ---------------------------------------------------------------- people and texts

def test_officials_and_posts_match_the_holds_position_relations(answers, extraction, texts):
    rows = answers["officials_and_posts"]
    assert {r["personName"] for r in rows} == extraction.names("Person")
    expected = {(r["head_name"], r.get("title"), r["tail_name"], r["evidence"])
                for r in extraction.relations("holdsPosition")}
    got = {(r["personName"], r["post"], r["organizationName"], r["quote"])
           for r in rows if r["organization"]}
    assert got == expected
    assert expected and all(post for _, post, _, _ in got)
    assert_quotes_at_offsets([r for r in rows if r["organization"]], texts)


def test_mentions_of_factory_quote_the_text_at_their_offsets(answers, extraction, texts, store):
    rows = answers["mentions_of_factory"]
    assert {r["factoryName"] for r in rows} == extraction.names("Factory")
    aliases = extraction.aliases()
    for row in rows:
        start, end = int(row["start"]), int(row["end"])
        text = texts[row["document"]]
        assert text[start:end] == row["quote"]
        assert row["quote"] in aliases["Factory", row["factoryName"]] | {row["factoryName"]}
        assert text[:start].endswith(row["prefix"] or "")
        assert text[end:].startswith(row["suffix"] or "")
    (count,) = query(store, """SELECT (COUNT(*) AS ?n) WHERE {
        VALUES ?kind { kgmc:Factory kgmc:Workshop }
        ?mention oa:motivatedBy oa:identifying ; oa:hasBody ?factory .
        ?factory a ?kind }""").rows[0]
    assert len(rows) == int(count)
    keys = [(r["factoryName"], r["document"], int(r["start"])) for r in rows]
    assert keys == sorted(keys)


def test_mentions_of_factory_narrows_to_one_factory_with_the_header_filter(answers, store):
    rows = answers["mentions_of_factory"]
    one = rows[-1]["factoryName"]
    sparql = (QUERIES / "mentions_of_factory.rq").read_text(encoding="utf-8")
    assert 'FILTER(STR(?factoryName) = "' in sparql  # the hint in the header
    narrowed = records(store, with_filter(sparql, f'FILTER(STR(?factoryName) = "{one}")'))
    assert narrowed == [r for r in rows if r["factoryName"] == one]


def test_who_said_what_gives_titles_authors_publishers_and_dates(answers, extraction,
                                                                file_of):
    manifest = json.loads((corpus_dir() / "manifest.json").read_text(encoding="utf-8"))
    entries = {entry["file"]: entry for entry in manifest["texts"]}
    rows = answers["who_said_what"]
    sources = [r for r in rows if r["partOf"] is None]
    assert {file_of[r["work"]] for r in sources} == {d["text"] for d in extraction.documents}
    for row in sources:
        entry = entries[file_of[row["work"]]]
        assert (row["title"], row["date"]) == (entry["title"], entry["date"])
        assert entry["publisher"] in split(row["publishers"])
    works = {r["title"]: r for r in rows if r["partOf"] is not None}
    # the imprint's publisher (the book's own title) is the source document's, not a part's
    own = {(entry["title"], entry["publisher"]) for entry in entries.values()}
    titles = {r["tail_name"] for kind in ("publishedBy", "authoredBy")
              for r in extraction.relations(kind)
              if kind == "authoredBy" or (r["tail_name"], r["head_name"]) not in own}
    assert titles <= set(works)
    for relation in extraction.relations("publishedBy"):
        if (relation["tail_name"], relation["head_name"]) in own:
            assert any(relation["head_name"] in split(r["publishers"]) for r in sources)
        else:
            assert relation["head_name"] in split(works[relation["tail_name"]]["publishers"])
    dated = [r for r in works.values() if r["date"]]
    assert dated and all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]) for r in dated)
    posts = {r["head_name"]: f"{r['head_name']}：{r['tail_name']}{r['title']}"
             for r in extraction.relations("holdsPosition") if r.get("title")}
    for relation in extraction.relations("authoredBy"):
        work = works[relation["tail_name"]]
        assert relation["head_name"] in split(work["authors"])
        if relation["head_name"] in posts:
            assert posts[relation["head_name"]] in split(work["authorPosts"])
    source_titles = {r["work"]: r["title"] for r in sources}
    assert all(r["partOfTitle"] == source_titles[r["partOf"]] for r in works.values())


def test_documents_overview_counts_what_was_extracted(answers, extraction, file_of):
    rows = {r["fileName"]: r for r in answers["documents_overview"]}
    assert set(rows) == {d["text"] for d in extraction.documents}
    assertions = answers["relations_with_evidence"]
    columns = {"Factory": ("factories", "workshops"), "Place": ("places",),
               "Person": ("people",), "Organization": ("organizations",),
               "Innovation": ("innovations",), "Campaign": ("campaigns",),
               "Industry": ("industries",), "Event": ("events",)}
    for document in extraction.documents:
        row = rows[document["text"]]
        types = Counter(entity["type"] for entity in document["entities"])
        assert set(types) <= set(columns)
        for entity_type, names in columns.items():
            assert sum(int(row[name]) for name in names) == types[entity_type], entity_type
        assert int(row["dates"]) == len(document["dates"])
        assert int(row["entities"]) == len(document["entities"]) + len(document["dates"])
        assert int(row["statistics"]) == len(document["statistics"])
        mine = [a for a in assertions if file_of[a["document"]] == document["text"]]
        assert int(row["relations"]) == len(mine)
        assert len({(a["relation"], a["head"], a["tail"]) for a in mine}) == len(
            document["relations"])
        assert int(row["articles"]) == len({r["tail"] for r in document["relations"]
                                            if r.get("tail_is_title")})


def test_entity_aliases_give_every_variant_of_every_entity(answers, extraction):
    rows = answers["entity_aliases"]
    got = {(group(r["type"]), r["name"]): r for r in rows}
    assert set(got) == extraction.entities()
    assert len(rows) == len(got)
    for key, aliases in extraction.aliases().items():
        row = got[key]
        simplified, traditional = split(row["simplifiedVariants"]), split(
            row["traditionalVariants"])
        assert simplified | traditional == aliases - {key[1]}, key
        assert not simplified & traditional
        assert int(row["variants"]) == len(aliases - {key[1]})
        assert row["pinyin"]
        assert key[0] == "Date" or row["pinyin"] != row["name"]  # a date's spelling is itself
    assert any(r["traditionalVariants"] for r in rows)


def test_entities_with_external_links_lists_every_entity_and_its_links(answers, extraction,
                                                                      store):
    rows = answers["entities_with_external_links"]
    assert {(group(r["type"]), r["name"]) for r in rows} == extraction.entities()
    links = records(store, """SELECT DISTINCT ?entity ?property ?link WHERE {
        VALUES ?property { skos:exactMatch skos:closeMatch owl:sameAs }
        ?entity ?property ?link ; a ?type .
        FILTER(STRSTARTS(STR(?type), STR(kgmc:))) }""")
    assert {(r["entity"], r["linkProperty"], r["link"]) for r in rows if r["link"]} == {
        (r["entity"], r["property"], r["link"]) for r in links}


def test_entities_with_external_links_gives_the_link_when_the_graph_has_one(fixture_store):
    sparql = (QUERIES / "entities_with_external_links.rq").read_text(encoding="utf-8")
    rows = {r["name"]: r for r in records(fixture_store, sparql)}
    assert {"唐山", "河北", "毛泽东"} <= set(rows)
    person = rows["毛泽东"]
    assert (person["type"], person["linkProperty"], person["link"]) == (
        KGMC + "Person", SKOS + "exactMatch", "http://www.wikidata.org/entity/Q5816")
    assert (rows["唐山"]["link"], rows["唐山"]["linkProperty"]) == (None, None)


# ---------------------------------------------------------------- statistics and evidence

def _statistic_key(name, value, unit, time, quote, low, high) -> tuple:  # noqa: ANN001
    return (text_or_none(name), str(value), unit or None, time or None, str(quote),
            None if low in (None, "") else Decimal(str(low)),
            None if high in (None, "") else Decimal(str(high)))


def test_statistics_with_evidence_match_the_extracted_statistics(answers, extraction, texts):
    rows = answers["statistics_with_evidence"]
    expected = Counter(_statistic_key(s["subject_name"], s["value"], s.get("unit"), s["time"],
                                      s["evidence"], s.get("low"), s.get("high"))
                       for s in extraction.statistics())
    got = Counter(_statistic_key(r["subjectName"], r["value"], r["unit"], r["time"], r["quote"],
                                 r["low"], r["high"]) for r in rows)
    assert got == expected
    names = {name for _, name in extraction.entities()}
    assert all(r["subjectName"] in names for r in rows if r["subject"])
    assert any(r["subject"] is None for r in rows)  # some subjects are phrases, not entities
    assert_quotes_at_offsets(rows, texts)
    keys = [(r["document"], int(r["start"]), int(r["end"])) for r in rows]
    assert keys == sorted(keys)


def test_statistics_value_as_written_appears_in_its_quote(answers):
    rows = [r for r in answers["statistics_with_evidence"] if not THOUSANDS.search(r["value"])]
    assert rows
    assert [(r["value"], r["quote"]) for r in rows if r["value"] not in r["quote"]] == []


def test_statistics_with_a_thousands_separator_quote_their_whole_value(answers):
    rows = [r for r in answers["statistics_with_evidence"] if THOUSANDS.search(r["value"])]
    assert rows
    assert [(r["value"], r["quote"]) for r in rows if r["value"] not in r["quote"]] == []


def test_statistics_over_time_are_the_dated_statistics_in_time_order(answers, extraction):
    rows = answers["statistics_over_time"]
    expected = Counter((s["time"], s["value"], s["evidence"]) for s in extraction.statistics()
                       if s["time"])
    assert Counter((r["time"], r["value"], r["quote"]) for r in rows) == expected
    assert all(r["year"] == r["time"][:4] for r in rows)
    times = [r["time"] for r in rows]
    assert times == sorted(times)
    assert len(set(times)) > 1


def test_changes_claimed_pair_each_from_value_with_its_to_value(answers, extraction):
    expected = set()
    previous = None
    for statistic in extraction.statistics():
        change = statistic.get("change")
        if change == "to" and previous is not None:
            expected.add((statistic["subject_name"], previous["value"], statistic["value"],
                          Decimal(statistic["low"])))
        previous = statistic if change == "from" else None
    rows = answers["changes_claimed"]
    assert {(r["subjectName"], r["fromValue"], r["toValue"], Decimal(str(r["toLow"])))
            for r in rows} == expected
    assert len(rows) == len(expected)


def test_relations_with_evidence_match_the_extracted_relations(answers, extraction, texts):
    rows = answers["relations_with_evidence"]
    stated: dict[tuple, set[str]] = defaultdict(set)
    for row in rows:
        stated[row["relation"], row["headName"], row["tailName"]].add(row["quote"])
    expected = {}
    for kind, prop in PROPERTIES.items():
        for relation in extraction.relations(kind):
            expected[prop, relation["head_name"], relation["tail_name"]] = relation
    assert set(stated) == set(expected)
    for key, relation in expected.items():
        assert relation["evidence"] in stated[key]
    posts = {(r["headName"], r["tailName"]): r["post"] for r in rows
             if r["relation"] == PROPERTIES["holdsPosition"]}
    assert posts == {(r["head_name"], r["tail_name"]): r.get("title")
                     for r in extraction.relations("holdsPosition")}
    assert_quotes_at_offsets(rows, texts)


def test_quotes_verified_agrees_with_the_corpus_files(answers, store, texts, file_of):
    selectors = records(store, """SELECT ?document ?exact ?start ?end WHERE {
        ?target oa:hasSource ?document ; oa:hasSelector ?quote , ?position .
        ?quote oa:exact ?exact . ?position oa:start ?start ; oa:end ?end }""")
    matching: Counter = Counter()
    total: Counter = Counter()
    for row in selectors:
        text = texts[row["document"]]
        total[row["document"]] += 1
        matching[row["document"]] += text[int(row["start"]):int(row["end"])] == row["exact"]
    rows = answers["quotes_verified"]
    assert {r["document"]: (int(r["quotes"]), int(r["matching"]), int(r["mismatching"]))
            for r in rows} == {d: (total[d], matching[d], total[d] - matching[d]) for d in total}
    assert all(int(r["mismatching"]) == 0 for r in rows)
    assert {file_of[r["document"]] for r in rows} == {r["fileName"] for r in rows}
