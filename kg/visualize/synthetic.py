"""Synthetic graphs shaped like the genre, at any size, to measure and test the views.

The bundled corpus has a few hundred entities; the views must stay usable, and safe, at
1,000, 5,000 and 20,000. The graphs made here are invented but made of the records a build
maps (:class:`kg.records.DocumentGraph`) and go through the real mapping, N-Quads writer and
store, so a view reads exactly what a build of that size would give it: provinces ⊃ cities ⊃
counties, factories placed in them (by their name, as 红旗县农具厂, or by a sentence),
workshops of factories, innovations adopted, campaigns and meetings taken part in,
industries, officials and workers in their posts, dates that anchor meetings and statistics.
Every mention and relation quotes a sentence of a generated text, with true offsets, as
resolved records do. ``hostile=True`` names a few entities with HTML and script, printed
verbatim in the texts, for the views' escaping tests.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from kg.records import (
    Document,
    DocumentGraph,
    Entity,
    EntityType,
    Evidence,
    Mention,
    OffsetMap,
    Relation,
    RelationType,
    Statistic,
    StatisticValue,
    Structure,
)

NODES_PER_DOCUMENT = 200
"""Entities introduced per generated document: about a booklet chapter's worth."""

MIN_NODES = 40
"""Fewer entities cannot give every kind, and every hostile name, at least one."""

SHARES = (("factory", 0.35), ("place", 0.20), ("innovation", 0.20), ("person", 0.08),
          ("organization", 0.07), ("industry", 0.04), ("campaign", 0.02), ("workshop", 0.02),
          ("date", 0.011), ("event", 0.009))
"""Share of each kind among the entities, roughly as the genre's texts name them."""

HOSTILE_NAMES = {
    "factory": "<img src=x onerror=alert(1)>厂",
    "person": "</script><script>alert(2)</script>",
    "place": '"><svg onload=alert(3)>县',
    "organization": "{{7*7}}委员会",
    "innovation": "'onmouseover='alert(4)'焊接机",
    "industry": "&lt;b&gt;&amp;工业",
}
"""Names that break a page that writes labels or quotes as HTML, script or a template."""

_TYPES = {"factory": EntityType.FACTORY, "workshop": EntityType.FACTORY,
          "place": EntityType.PLACE, "person": EntityType.PERSON,
          "organization": EntityType.ORGANIZATION, "innovation": EntityType.INNOVATION,
          "campaign": EntityType.CAMPAIGN, "industry": EntityType.INDUSTRY,
          "event": EntityType.EVENT, "date": EntityType.DATE}

_SYLLABLES = ("新华东西南北安平宁江河山阳兴丰永长清云昌泰和建德龙凤宝金石林嘉临通定遂庆广顺福瑞"
              "黄白青沙盘桥源城集岭")
_BRANDS = ("红星", "东风", "红旗", "前进", "胜利", "建设", "光明", "跃进", "曙光", "和平", "人民",
           "五一", "八一", "红光", "先锋", "火炬", "向阳", "工农", "星火", "东方红")
_PRODUCTS = ("机械", "农具", "造纸", "卷烟", "陶瓷", "纺织", "印染", "化工", "酿酒", "制糖", "食品",
             "玻璃", "搪瓷", "橡胶", "皮革", "火柴", "肥皂", "油脂", "制药", "水泥", "砖瓦", "钢铁",
             "电机", "锅炉", "仪表", "轴承", "工具", "五金", "针织", "棉纺", "毛纺", "丝绸", "罐头",
             "面粉", "碾米", "榨油", "制盐", "木材", "家具", "被服")
_INDUSTRY_QUALIFIERS = ("", "地方", "轻型", "小型", "中型", "大型", "日用", "精密", "农村", "城市",
                        "手工", "民用", "出口", "县办", "社办", "国营", "集体", "土法", "机制",
                        "新兴", "传统", "沿海", "内地", "山区", "街道", "合作", "综合", "专业",
                        "配套", "半机械化")
_INNOVATION_PREFIXES = ("自动", "半自动", "万能", "多刀", "多轴", "联合", "简易", "土法", "快速",
                        "高效", "双头", "液压", "电动", "风动", "超声波", "连续", "无齿")
_DEVICES = ("焊接机", "切纸机", "车床", "刨床", "钻床", "打包机", "装卸机", "碾米机", "制砖机",
            "插秧机", "脱粒机", "卷烟机", "烘干机", "清洗机", "送料器", "夹具", "铣床", "磨床",
            "运输带", "吊车", "干馏法", "淬火法", "造纸法", "配料法", "熬盐法", "切面机", "压力机",
            "织布机", "筛选机", "搅拌机")
_WORKSHOPS = ("金工车间", "铸工车间", "锻工车间", "装配车间", "机修车间", "木工车间", "电工车间",
              "热处理车间", "冲压车间", "焊接车间", "成品车间", "原料车间")
_CAMPAIGNS = ("技术革新和技术革命运动", "技术革新运动", "工具改革运动", "双革运动", "四化运动",
              "增产节约运动", "超声波化运动", "半机械化运动", "群众性技术革命运动", "比学赶帮运动",
              "红旗竞赛运动", "机械化运动")
_CAMPAIGN_SCOPES = ("全民", "全厂", "全市", "全省", "全县", "城乡", "大搞", "深入开展",
                    "全面开展", "轰轰烈烈的")
_NATIONAL_ORGANIZATIONS = ("轻工业部", "第一机械工业部", "国家科学技术委员会", "中华全国总工会",
                           "国家经济委员会", "化学工业部", "纺织工业部", "冶金工业部",
                           "农业机械部", "中国科学院", "全国手工业合作总社")
_ORGANIZATION_KINDS = {
    "province": ("中共{}委", "{}工业厅", "{}轻工业厅", "{}人民委员会", "{}科学技术委员会",
                 "{}总工会", "{}手工业管理局", "{}计划委员会"),
    "prefecture": ("中共{}委", "{}工业局", "{}轻工业局", "{}人民委员会", "{}总工会",
                   "{}技术革新办公室", "{}手工业管理局"),
    "county": ("中共{}委", "{}工业局", "{}人民委员会", "{}手工业联社"),
}
_POSTS = (("中共", ("第一书记", "书记", "副书记", "书记处书记")), ("部", ("部长", "副部长")),
          ("厅", ("厅长", "副厅长")), ("局", ("局长", "副局长")), ("委员会", ("主任", "副主任")),
          ("总工会", ("主席", "副主席")), ("办公室", ("主任",)), ("社", ("主任", "社长")),
          ("院", ("院长", "副院长")))
_FACTORY_POSTS = ("厂长", "副厂长", "总工程师", "技术员", "工人", "老工人", "车间主任", "党委书记")
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严"  # noqa: E501
_GIVEN = "德明华建国文志福永海春林庆金宝玉兴成斌秀英桂兰凤云芳洪涛军平生荣祥瑞新长山发有才富贵全顺利和清正义忠"  # noqa: E501
_MEETINGS = ("技术革新誓师大会", "技术革命经验交流会", "技术革新现场会议", "群英大会", "表彰大会",
             "工具改革展览会", "先进生产者代表大会")
_PUBLISHERS = ("轻工业出版社", "人民出版社", "科学普及出版社", "工人出版社", "机械工业出版社")
_FIRST_DAY, _DAYS = date(1958, 1, 1), 1096
"""Dates fall in 1958-1960, one day each."""


@dataclass(eq=False, slots=True)
class _Thing:
    """An entity of the invented world, before any document quotes it."""

    kind: str
    name: str
    surface: str
    level: str = ""
    code: str = ""
    doc: int = 0
    place: _Thing | None = None
    """Where it is: a place's parent, a factory's or organization's place, a meeting's venue."""
    owner: _Thing | None = None
    """A workshop's factory, a person's organization or factory, a meeting's host."""
    industry: _Thing | None = None
    product: str = ""
    post: str = ""
    by_name: bool = False
    """Whether its name starts with its place (or host), which then locates it."""
    nested: tuple[tuple[int, _Thing, str], ...] = ()
    """Mentions inside its written form: (offset, thing, surface)."""

    @property
    def type(self) -> EntityType:
        return _TYPES[self.kind]

    def entity_attrs(self) -> tuple[tuple[str, str], ...]:
        pairs = [("code", self.code), ("level", self.level)]
        if self.kind == "workshop":
            pairs.append(("workshop", "true"))
        return tuple(sorted((k, v) for k, v in pairs if v))

    def mention_attrs(self) -> tuple[tuple[str, str], ...]:
        pairs = [("canonical", self.name), ("level", self.level), ("code", self.code)]
        if self.kind == "workshop":
            pairs.append(("workshop", "true"))
        elif self.kind == "person":
            pairs.append(("title", self.post))
        elif self.kind == "date":
            pairs.append(("value", self.name))
        return tuple((k, v) for k, v in pairs if v)


Piece = str | _Thing | tuple[_Thing, str]


class _Writer:
    """One document's text, written piece by piece, with the facts that quote it."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.parts: list[str] = []
        self.length = 0
        self.spans: dict[_Thing, list[tuple[int, int, str]]] = {}
        self.relations: list[tuple[RelationType, _Thing, _Thing, int, int,
                                   tuple[tuple[str, str], ...]]] = []
        self.statistics: list[tuple[_Thing, str, StatisticValue, tuple[int, int],
                                    tuple[int, int], str]] = []

    def put(self, *pieces: Piece) -> tuple[int, int]:
        """Append text and things (each mentioned where written); return the span written."""
        start = self.length
        for piece in pieces:
            if isinstance(piece, str):
                text = piece
            else:
                thing, text = piece if isinstance(piece, tuple) else (piece, piece.surface)
                self._mention(thing, self.length, text)
            self.parts.append(text)
            self.length += len(text)
        return start, self.length

    def _mention(self, thing: _Thing, start: int, text: str) -> None:
        self.spans.setdefault(thing, []).append((start, start + len(text), text))
        for offset, inner, surface in thing.nested:
            self._mention(inner, start + offset, surface)

    def relate(self, kind: RelationType, head: _Thing, tail: _Thing, span: tuple[int, int],
               basis: str, post: str = "") -> None:
        attrs = ((("post", post),) if post else ()) + (("basis", basis),)
        self.relations.append((kind, head, tail, *span, attrs))

    def graph(self, number: int, seed: int) -> DocumentGraph:
        """The records of the text written, as resolution would give them."""
        original = "".join(self.parts)
        title = original.split("\n", 1)[0]
        document = Document(
            doc_id=self.doc_id, name=f"{self.doc_id}.txt", original=original, working=original,
            offsets=OffsetMap.identity(len(original)), encoding="utf-8", title=title,
            date="1960", publisher=_PUBLISHERS[(seed + number) % len(_PUBLISHERS)],
            source="synthetic", structure=Structure())

        def evidence(start: int, end: int) -> Evidence:
            return Evidence(self.doc_id, start, end, original[start:end])

        ids: dict[_Thing, str] = {}
        entities = []
        ordered = sorted(self.spans.items(), key=lambda item: min(item[1])[:2])
        for index, (thing, spans) in enumerate(ordered, start=1):
            ids[thing] = f"E{index}"
            attrs = thing.mention_attrs()
            mentions = tuple(Mention(thing.type, text, evidence(start, end), attrs)
                             for start, end, text in sorted(spans))
            aliases = tuple(sorted({m.evidence.quote for m in mentions}))
            entities.append(Entity(ids[thing], thing.type, thing.name, aliases, mentions,
                                   thing.entity_attrs()))
        relations = tuple(Relation(kind, ids[head], ids[tail], evidence(start, end),
                                   attrs=attrs)
                          for kind, head, tail, start, end, attrs in self.relations)
        statistics = tuple(Statistic(subject=ids[subject], metric=metric, value=value,
                                     evidence=evidence(*clause),
                                     value_evidence=evidence(*number_span), time=time)
                           for subject, metric, value, clause, number_span, time
                           in self.statistics)
        return DocumentGraph(document, tuple(entities), relations, statistics)


def synthetic_graphs(nodes: int, *, seed: int = 0, hostile: bool = False
                     ) -> list[DocumentGraph]:
    """Resolved records of invented documents that name ``nodes`` distinct entities.

    The graph has the genre's shape (places nested three levels deep, factories in them,
    innovations, campaigns, officials) so that the views meet what a large build gives
    them; one document per ~200 entities, as campaign booklets are many short texts. The
    same ``nodes`` and ``seed`` always give the same records.

    Args:
        nodes: entities wanted in total, across documents (at least ``MIN_NODES``); the
            result names exactly this many distinct (type, name) keys.
        seed: seed of the generator.
        hostile: name a factory, a place, a person, an organization, an innovation and an
            industry with HTML or script (``HOSTILE_NAMES``), written verbatim in the texts.

    Returns:
        One graph per document, every mention and relation quoting its text.

    Raises:
        ValueError: ``nodes`` is below ``MIN_NODES``.

    >>> graphs = synthetic_graphs(60, hostile=True)
    >>> len({(e.type, e.name) for g in graphs for e in g.entities})
    60
    >>> all(g.document.original[m.evidence.start:m.evidence.end] == m.evidence.quote
    ...     for g in graphs for e in g.entities for m in e.mentions)
    True
    """
    if nodes < MIN_NODES:
        raise ValueError(f"nodes must be at least {MIN_NODES}, not {nodes}")
    rng = random.Random(seed)
    world = _World(nodes, rng, hostile)
    return [_write_document(world, number, seed) for number in range(world.documents)]


def build_synthetic_store(nodes: int, folder: Path, *, seed: int = 0,
                          hostile: bool = False) -> Path:
    """Map :func:`synthetic_graphs` as a build does and load it into a store in ``folder``.

    A view under test then opens a store of the size wanted, written by the same mapping
    and loader as ``kg build`` (``kg.nq`` beside it), without running extraction.

    Args:
        nodes: entities wanted (see :func:`synthetic_graphs`).
        folder: where ``kg.nq`` and the ``store`` folder are written; created if missing.
        seed: seed of the generator.
        hostile: give a few entities hostile HTML / script names.

    Returns:
        The store folder, ``folder / "store"``, for :func:`kg.store.open_store`.

    Raises:
        FileExistsError: ``folder / "store"`` exists already (a store is loaded only once).

    >>> import tempfile
    >>> from kg.store import open_store, query
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     store = open_store(build_synthetic_store(60, Path(folder)))
    ...     query(store, "SELECT (COUNT(*) AS ?n) WHERE { ?f a kgmc:Province }").rows[0][0] > 0
    True
    """
    from kg.config import Settings
    from kg.rdf.mapping import to_dataset
    from kg.rdf.provenance import build_record
    from kg.rdf.serialize import write_nquads
    from kg.store import load_store

    folder = Path(folder)
    store = folder / "store"
    if store.exists():
        raise FileExistsError(f"{store} exists already")
    folder.mkdir(parents=True, exist_ok=True)
    settings = Settings()
    graphs = synthetic_graphs(nodes, seed=seed, hostile=hostile)
    dataset = to_dataset(graphs, base=settings.base_iri, build=build_record((), settings))
    write_nquads(dataset, folder / "kg.nq")
    load_store(folder / "kg.nq", store)
    return store


def _counts(nodes: int) -> dict[str, int]:
    """Entities of each kind; factories take up the rounding, so the total is exact."""
    counts = {kind: max(1, round(nodes * share)) for kind, share in SHARES}
    counts["factory"] = nodes - sum(n for kind, n in counts.items() if kind != "factory")
    return counts


class _World:
    """Every entity of the invented world, its links, and the document that introduces it."""

    def __init__(self, nodes: int, rng: random.Random, hostile: bool) -> None:
        self.rng = rng
        self.hostile = hostile
        self.used: set[str] = set()
        counts = _counts(nodes)
        self.documents = max(1, round(nodes / NODES_PER_DOCUMENT))
        self._places(counts["place"])
        self._industries(counts["industry"])
        self._factories(counts["factory"])
        self._organizations(counts["organization"])
        if hostile:
            self._rename_hostile()
        self._workshops(counts["workshop"])
        self._persons(counts["person"])
        self._innovations(counts["innovation"])
        self._campaigns(counts["campaign"])
        self._events_and_dates(counts["event"], counts["date"])
        self.members: dict[_Thing, list[_Thing]] = {}
        for thing in self.counties + self.workshops + self.persons:
            owner = thing.place if thing.kind == "place" else thing.owner
            assert owner is not None
            self.members.setdefault(owner, []).append(thing)

    def of(self, owner: _Thing, kind: str) -> list[_Thing]:
        """A city's counties, a factory's workshops, a unit's persons."""
        return [thing for thing in self.members.get(owner, []) if thing.kind == kind]

    def fresh(self, draw: Callable[[], str], numbered: Callable[[int], str]) -> str:
        """A name not used yet: a random composition, else a numbered one."""
        for _ in range(30):
            name = draw()
            if name not in self.used:
                self.used.add(name)
                return name
        number = 2
        while (name := numbered(number)) in self.used:
            number += 1
        self.used.add(name)
        return name

    def _core(self) -> str:
        rng = self.rng

        def draw() -> str:
            return "".join(rng.sample(_SYLLABLES, 2 if rng.random() < 0.8 else 3))
        return self.fresh(draw, lambda n: draw() + _SYLLABLES[n % len(_SYLLABLES)])

    def _places(self, count: int) -> None:
        rng = self.rng
        provinces = min(80, max(1, round(count / 50)))
        cities = max(provinces, round(count * 0.25))
        counties = max(0, count - provinces - cities)
        self.provinces = []
        for number in range(provinces):
            core = self._core()
            self.provinces.append(_Thing("place", core, core + "省", level="province",
                                         code=f"{11 + number:02d}0000"))
        self.cities = []
        children: dict[_Thing, int] = {}
        for number in range(cities):
            province = self.provinces[number * provinces // cities]
            children[province] = index = children.get(province, 0) + 1
            core = self._core()
            code = province.code[:2] + f"{index:02d}00" if index < 100 else ""
            self.cities.append(_Thing("place", core, core + "市", level="prefecture", code=code,
                                      place=province, doc=number * self.documents // cities))
        self.counties = []
        for _ in range(counties):
            city = rng.choice(self.cities)
            children[city] = index = children.get(city, 0) + 1
            name = self._core() + "县"
            self.used.add(name)
            code = city.code[:4] + f"{index:02d}" if city.code and index < 100 else ""
            self.counties.append(_Thing("place", name, name, level="county", code=code,
                                        place=city, doc=city.doc))
        self.province_docs: dict[_Thing, list[int]] = {}
        for city in self.cities:
            assert city.place is not None
            docs = self.province_docs.setdefault(city.place, [])
            if city.doc not in docs:
                docs.append(city.doc)

    def _home(self, place: _Thing) -> int:
        """The document of a place (a province: one of its cities' documents)."""
        if place.level == "province":
            return self.rng.choice(self.province_docs[place])
        return place.doc

    def _industries(self, count: int) -> None:
        rng = self.rng
        self.industries = []
        for number in range(count):
            first = number < len(_PRODUCTS)
            product = _PRODUCTS[number] if first else rng.choice(_PRODUCTS)

            def draw(product: str = product, first: bool = first) -> str:
                qualifier = "" if first else rng.choice(_INDUSTRY_QUALIFIERS)
                return f"{qualifier}{product}工业"
            name = self.fresh(draw, lambda n, product=product: f"第{n}{product}工业")
            self.industries.append(_Thing("industry", name, name, product=product,
                                          doc=number % self.documents))

    def _factories(self, count: int) -> None:
        rng = self.rng
        self.factories = []
        for number in range(count):
            roll = rng.random()
            if roll < 0.1 or not (self.counties or self.cities):
                place = rng.choice(self.provinces)
            elif roll < 0.35 or not self.counties:
                place = rng.choice(self.cities)
            else:
                place = rng.choice(self.counties)
            industry = self.industries[number] if number < len(self.industries) \
                else rng.choice(self.industries)
            by_name = rng.random() < 0.7
            if by_name:
                prefix = place.name if place.level != "prefecture" or rng.random() < 0.5 \
                    else place.surface
            else:
                prefix = rng.choice(_BRANDS)
            product = industry.product
            name = self.fresh(lambda prefix=prefix, product=product: f"{prefix}{product}厂",
                              lambda n, prefix=prefix, product=product:
                              f"{prefix}第{n}{product}厂")
            nested = ((0, place, prefix),) if by_name else ()
            self.factories.append(_Thing("factory", name, name, place=place, industry=industry,
                                         product=product, by_name=by_name, nested=nested,
                                         doc=self._home(place)))

    def _organizations(self, count: int) -> None:
        rng = self.rng
        self.organizations = []
        national = min(len(_NATIONAL_ORGANIZATIONS), max(1, count // 6))
        for number in range(national):
            name = _NATIONAL_ORGANIZATIONS[number]
            self.used.add(name)
            self.organizations.append(_Thing("organization", name, name,
                                             doc=number % self.documents))
        places = self.provinces + self.cities + self.counties
        for _ in range(count - national):
            roll = rng.random()
            pool = self.provinces if roll < 0.2 else self.cities if roll < 0.6 or not \
                self.counties else self.counties
            place = rng.choice(pool)
            for _attempt in range(30):
                form = rng.choice(_ORGANIZATION_KINDS[place.level])
                name = form.format(place.surface)
                if name not in self.used:
                    break
                place = rng.choice(places)
            else:
                form = "{}第{}工业局"
                number = 2
                while (name := form.format(place.surface, number)) in self.used:
                    number += 1
            self.used.add(name)
            nested = ((name.index(place.surface), place, place.surface),)
            self.organizations.append(_Thing("organization", name, name, place=place,
                                             by_name=True, nested=nested,
                                             doc=self._home(place)))

    def _rename_hostile(self) -> None:
        """Give the first entity of a few kinds a hostile name; a renamed one is placed by a
        sentence, since its name no longer starts with its place."""
        county = (self.counties or self.cities)[0]
        targets = {"factory": self.factories[0], "place": county,
                   "organization": self.organizations[-1], "industry": self.industries[0]}
        for kind, thing in targets.items():
            thing.name = thing.surface = HOSTILE_NAMES[kind]
            if kind in ("factory", "organization"):
                thing.by_name, thing.nested = False, ()
        for unit in self.factories + self.organizations:
            if unit.place is county and unit.by_name:  # 红旗县农具厂 → <svg…>县农具厂
                old = unit.nested[0][2]
                unit.name = unit.surface = unit.name.replace(old, county.name, 1)
                unit.nested = ((unit.name.index(county.name), county, county.name),)
                self.used.add(unit.name)

    def _workshops(self, count: int) -> None:
        rng = self.rng
        self.workshops = []
        owners = [f for f in self.factories if f.name not in HOSTILE_NAMES.values()]
        taken: dict[_Thing, int] = {}
        for _ in range(count):
            owner = rng.choice(owners)
            taken[owner] = index = taken.get(owner, 0) + 1
            suffix = _WORKSHOPS[(index - 1) % len(_WORKSHOPS)] if index <= len(_WORKSHOPS) \
                else f"第{index}车间"
            name = owner.name + suffix
            self.used.add(name)
            self.workshops.append(_Thing("workshop", name, suffix, owner=owner, doc=owner.doc))

    def _persons(self, count: int) -> None:
        rng = self.rng

        def draw() -> str:
            given = "".join(rng.sample(_GIVEN, 1 if rng.random() < 0.3 else 2))
            return rng.choice(_SURNAMES) + given
        self.persons = []
        officials = self.organizations[:]
        rng.shuffle(officials)
        for number in range(count):
            name = self.fresh(draw, lambda n: draw() + _GIVEN[n % len(_GIVEN)])
            if number < count * 0.75:
                owner = officials[number % len(officials)]
                post = rng.choice(next((posts for cue, posts in _POSTS if cue in owner.name),
                                       ("主任",)))
            else:
                owner = rng.choice(self.factories)
                post = rng.choice(_FACTORY_POSTS)
            self.persons.append(_Thing("person", name, name, owner=owner, post=post,
                                       doc=owner.doc))
        if self.hostile:
            self.persons[0].name = self.persons[0].surface = HOSTILE_NAMES["person"]

    def _innovations(self, count: int) -> None:
        rng = self.rng
        self.innovations = []
        self.adopted: dict[_Thing, list[_Thing]] = {}
        adopters = self.factories[:]
        rng.shuffle(adopters)
        counters: dict[str, int] = {}
        for number in range(count):
            base = rng.choice(_INNOVATION_PREFIXES) + rng.choice(_DEVICES)
            while True:
                counters[base] = counters.get(base, 0) + 1
                name = base if counters[base] == 1 else f"{base}{counters[base]}号"
                if name not in self.used:
                    break
            if number == 0 and self.hostile:
                name = HOSTILE_NAMES["innovation"]
            self.used.add(name)
            first = adopters[number % len(adopters)]
            innovation = _Thing("innovation", name, name, owner=first, doc=first.doc)
            self.innovations.append(innovation)
            self.adopted.setdefault(first, []).append(innovation)
            if rng.random() < 0.3:  # spread to another factory, often in another document
                other = rng.choice(self.factories)
                if other is not first:
                    self.adopted.setdefault(other, []).append(innovation)

    def _campaigns(self, count: int) -> None:
        rng = self.rng
        self.campaigns = []
        for number in range(count):
            if number < len(_CAMPAIGNS):
                name = _CAMPAIGNS[number]
                self.used.add(name)
            else:
                name = self.fresh(lambda: rng.choice(_CAMPAIGN_SCOPES) + rng.choice(_CAMPAIGNS),
                                  lambda n: f"第{n}轮" + rng.choice(_CAMPAIGNS))
            self.campaigns.append(_Thing("campaign", name, name, doc=number % self.documents))

    def _events_and_dates(self, events: int, dates: int) -> None:
        rng = self.rng
        days = rng.sample(range(_DAYS), min(dates, _DAYS))
        events += dates - len(days)  # more dates than days: the rest become meetings
        self.dates = []
        for offset in sorted(days):
            day = _FIRST_DAY + timedelta(days=offset)
            surface = f"{day.year}年{day.month}月{day.day}日"
            self.used.add(day.isoformat())
            self.dates.append(_Thing("date", day.isoformat(), surface))
        rng.shuffle(self.dates)
        hosts = [o for o in self.organizations if o.name not in HOSTILE_NAMES.values()]
        rng.shuffle(hosts)
        self.events = []
        for number in range(events):
            host = hosts[number % len(hosts)] if rng.random() < 0.7 else None
            if host is not None:
                name = self.fresh(lambda host=host: host.name + rng.choice(_MEETINGS),
                                  lambda n, host=host: f"{host.name}第{n}次"
                                                       + rng.choice(_MEETINGS))
                venue = host.place or rng.choice(self.cities)
                event = _Thing("event", name, name, owner=host, place=venue, by_name=True,
                               nested=((0, host, host.surface),), doc=host.doc)
            else:
                name = self.fresh(lambda: "全国" + rng.choice(_MEETINGS),
                                  lambda n: f"第{n}届全国" + rng.choice(_MEETINGS))
                venue = rng.choice(self.cities)
                event = _Thing("event", name, name, place=venue, doc=venue.doc)
            self.events.append(event)


def _listed(items: list[_Thing], last: str = "和") -> list[Piece]:
    """Things joined as a Chinese list: 甲、乙和丙."""
    pieces: list[Piece] = []
    for index, item in enumerate(items):
        if index:
            pieces.append(last if index == len(items) - 1 else "、")
        pieces.append(item)
    return pieces


def _chunks(items: list[_Thing], size: int) -> list[list[_Thing]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def _write_document(world: _World, number: int, seed: int) -> DocumentGraph:
    """One document: a paragraph per city and province, then its organizations,
    campaigns, meetings and industries, every fact stated in a sentence."""
    rng = random.Random(f"{seed}/{number}")
    writer = _Writer(f"{number:03d}_synthetic")
    writer.put(f"技术革新和技术革命经验汇编（第{number + 1}辑）\n")
    mine = [f for f in world.factories if f.doc == number]
    organizations = [o for o in world.organizations if o.doc == number]
    cities = [c for c in world.cities if c.doc == number]
    provinces = [p for p in world.provinces if p.place is None and any(
        c.place is p for c in cities)]
    for city in cities:
        counties = world.of(city, "place")
        _place_paragraph(writer, rng, world, city, counties, mine, organizations)
    for province in provinces:
        _place_paragraph(writer, rng, world, province, [], mine, organizations)
    national = [o for o in organizations if o.place is None]
    if national:
        for organization in national:
            _organization_sentence(writer, rng, world, organization)
        writer.put("\n")
    _campaign_paragraph(writer, rng, world, number, mine, organizations)
    _event_paragraph(writer, rng, world, number, mine, organizations)
    industries = list(dict.fromkeys(
        [f.industry for f in mine if f.industry is not None]
        + [i for i in world.industries if i.doc == number]))
    for group in _chunks(industries, 6):
        writer.put("本辑介绍了", *_listed(group), "等行业的先进经验。")
    writer.put("\n")
    return writer.graph(number, seed)


def _place_paragraph(writer: _Writer, rng: random.Random, world: _World, place: _Thing,
                     counties: list[_Thing], factories: list[_Thing],
                     organizations: list[_Thing]) -> None:
    """A city (with its counties) or a province: the places, then what is in them."""
    if place.level == "province":
        writer.put(place, "的工业战线捷报频传。")
        here = {place}
    else:
        province = place.place
        assert province is not None
        start = writer.length
        pair = writer.put(province, place)
        writer.relate(RelationType.LOCATED_IN, place, province, pair, "text")
        if counties:
            for index, group in enumerate(_chunks(counties, 8)):
                if index:
                    start = writer.length
                    writer.put(place)
                writer.put("所辖的", *_listed(group), "等县，工业生产迅速发展。")
                for county in group:
                    writer.relate(RelationType.LOCATED_IN, county, place,
                                  (start, writer.length), "paragraph+gazetteer")
        else:
            writer.put("的工业生产迅速发展。")
        here = {place, *counties}
    for factory in [f for f in factories if f.place in here]:
        _factory_sentences(writer, rng, world, factory)
    for organization in [o for o in organizations if o.place in here]:
        _organization_sentence(writer, rng, world, organization)
    writer.put("\n")


def _locate(writer: _Writer, unit: _Thing, span: tuple[int, int], sentence: int) -> None:
    """A factory, workshop or organization is where its name or its sentence puts it (a
    workshop where its factory is)."""
    located = unit.owner if unit.kind == "workshop" else unit
    assert located is not None and located.place is not None
    place, basis = located.place, "name" if located.by_name else "context"
    evidence = span if basis == "name" else (sentence, writer.length)
    writer.relate(RelationType.LOCATED_IN, unit, place, evidence, basis)


def _opening(writer: _Writer, unit: _Thing) -> tuple[int, tuple[int, int]]:
    """Start a sentence on a unit: 红旗县农具厂 … or 在红旗县，红星农具厂 …"""
    start = writer.length
    if not unit.by_name and unit.place is not None:
        writer.put("在", unit.place, "，")
    return start, writer.put(unit)


def _factory_sentences(writer: _Writer, rng: random.Random, world: _World,
                       factory: _Thing) -> None:
    start, name = _opening(writer, factory)
    workers = world.of(factory, "person")
    innovations = world.adopted.get(factory, [])
    if workers:
        writer.put(workers[0].post)
        person = writer.put(workers[0])
        writer.relate(RelationType.HOLDS_POSITION, workers[0], factory, (name[0], person[1]),
                      "text", workers[0].post)
        writer.put("带头")
    statistic = None
    if innovations:
        writer.put(rng.choice(("试制成功", "创造了", "推广了", "制成了", "改装成功")),
                   *_listed(innovations[:4]))
        if rng.random() < 0.3:
            times = rng.randint(2, 9)
            writer.put("，工效提高")
            statistic = writer.put(f"{times}倍")
            value = StatisticValue(f"{times}倍", unit="倍", kind="multiple", low=str(times),
                                   high=str(times))
            writer.statistics.append((factory, "工效提高", value, (start, statistic[1]),
                                      statistic, ""))
    else:
        writer.put(rng.choice(("积极开展技术革新", "大搞工具改革", "实现了半机械化",
                               "提前完成了生产计划")))
    writer.put("。")
    _locate(writer, factory, name, start)
    if factory.industry is not None:
        writer.relate(RelationType.BELONGS_TO_INDUSTRY, factory, factory.industry, name, "name")
    for innovation in innovations[:4]:
        writer.relate(RelationType.ADOPTED, factory, innovation, (start, writer.length),
                      "sentence")
    for rest in _chunks(innovations[4:], 4):
        sentence = writer.put(factory, "还推广了", *_listed(rest), "。")
        for innovation in rest:
            writer.relate(RelationType.ADOPTED, factory, innovation, sentence, "sentence")
    for worker in workers[1:]:
        begin = writer.length
        writer.put(factory, worker.post)
        end = writer.put(worker)[1]
        writer.put("也提出了许多革新建议。")
        writer.relate(RelationType.HOLDS_POSITION, worker, factory, (begin, end), "text",
                      worker.post)
    for workshop in world.of(factory, "workshop"):
        begin, owner = _opening(writer, factory)
        own = writer.put(workshop)
        writer.put("的工人", rng.choice(("改进了操作方法", "实现了流水作业", "自制了专用设备")),
                   "。")
        _locate(writer, workshop, (owner[0], own[1]), begin)


def _organization_sentence(writer: _Writer, rng: random.Random, world: _World,
                           organization: _Thing) -> None:
    officials = world.of(organization, "person")
    start = writer.length
    if organization.place is not None and not organization.by_name:
        writer.put("在", organization.place, "，")
    name = writer.put(organization)
    if officials:
        writer.put(officials[0].post)
        person = writer.put(officials[0])
        writer.relate(RelationType.HOLDS_POSITION, officials[0], organization,
                      (name[0], person[1]), "text", officials[0].post)
        writer.put("指出，技术革新是一场伟大的群众运动。")
    else:
        writer.put(rng.choice(("发出通知，要求各地大力推广先进经验。",
                               "召集有关单位研究了革新规划。")))
    if organization.place is not None:
        _locate(writer, organization, name, start)
    for official in officials[1:]:
        begin = writer.length
        writer.put(organization, official.post)
        end = writer.put(official)[1]
        writer.put("作了总结发言。")
        writer.relate(RelationType.HOLDS_POSITION, official, organization, (begin, end),
                      "text", official.post)


def _campaign_paragraph(writer: _Writer, rng: random.Random, world: _World, number: int,
                        factories: list[_Thing], organizations: list[_Thing]) -> None:
    """The campaigns of this document, each with units that took part in it."""
    campaigns = [c for c in world.campaigns if c.doc == number]
    if world.campaigns[0] not in campaigns:
        campaigns.insert(0, world.campaigns[0])  # the campaign of every booklet
    units = rng.sample(factories, round(len(factories) * 0.4)) \
        + rng.sample(organizations, round(len(organizations) * 0.3))
    for index, campaign in enumerate(campaigns):
        taking_part = units[index::len(campaigns)]
        if not taking_part:
            writer.put(campaign, "在各地蓬勃开展。")
        for group in _chunks(taking_part, 5):
            start = writer.length
            writer.put(*_listed(group), "等单位积极参加了", campaign, "。")
            for unit in group:
                writer.relate(RelationType.PARTICIPATED_IN, unit, campaign,
                              (start, writer.length), "sentence")
    writer.put("\n")


def _event_paragraph(writer: _Writer, rng: random.Random, world: _World, number: int,
                     factories: list[_Thing], organizations: list[_Thing]) -> None:
    """Meetings of this document, dated, with who attended; spare dates date a change."""
    units = factories + organizations
    for index, event in enumerate(world.events):
        if event.doc != number:
            continue
        assert event.place is not None
        start = writer.length
        if index < len(world.dates):
            writer.put(world.dates[index], "，")
        own = writer.put(event)
        writer.put("在", event.place, "召开，")
        guests = rng.sample(units, min(len(units), rng.randint(2, 4)))
        writer.put(*_listed(guests), "等单位的代表参加了大会。")
        for guest in guests:
            writer.relate(RelationType.PARTICIPATED_IN, guest, event, (start, writer.length),
                          "sentence")
        if event.owner is not None:
            writer.relate(RelationType.PARTICIPATED_IN, event.owner, event, own, "name")
    spare = world.dates[len(world.events):]
    for day in spare[number::world.documents]:
        if not factories:
            writer.put(day, "，各厂开展了技术表演赛。")
            continue
        factory = rng.choice(factories)
        low = rng.randint(10, 60)
        high = rng.randint(low + 5, 95)
        start = writer.length
        writer.put(day, "，", factory, "的机械化程度从")
        before = writer.put(f"{low}%")
        writer.put("提高到")
        after = writer.put(f"{high}%")
        writer.put("。")
        for metric, value, span, change in (("机械化程度从", low, before, "from"),
                                            ("机械化程度提高到", high, after, "to")):
            writer.statistics.append((factory, metric, StatisticValue(
                f"{value}%", unit="%", kind="ratio", low=str(value), high=str(value),
                change=change), (start, span[1]), span, day.name))
    writer.put("\n")
