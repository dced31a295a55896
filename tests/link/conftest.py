"""A small build of hand-written sentences of the genre, shared by the linking tests.

The text is ours, not a source's: factories, cities and provinces of the 1958-1960 campaigns
that an outside dataset could name too, including two provinces whose toneless pinyin is the
same (山西, 陕西).
"""

from __future__ import annotations

from pathlib import Path

import pytest

GENRE_TEXT = """技术革新的新高潮

一九五九年十月，上海第三钢铁厂的工人在技术革新和技术革命运动中，试制成功了自动送料机。\
武汉重型机床厂的职工创造了多刀切削法，工效提高了三倍。哈尔滨电机厂和洛阳拖拉机厂也实现了装卸\
机械化。辽宁省鞍山市的鞍山钢铁公司推广了新的炼钢方法。山西省太原市和陕西省宝鸡市的工厂也开展了\
这个运动。第一机械工业部号召各厂学习他们的经验。人民日报发表了社论。
"""


@pytest.fixture(scope="session")
def genre_build(tmp_path_factory: pytest.TempPathFactory):
    """The genre text built once: its ``BuildResult`` (``out`` holds ``store/``)."""
    import kg

    folder = tmp_path_factory.mktemp("genre")
    text = folder / "campaign.txt"
    text.write_text(GENRE_TEXT, encoding="utf-8")
    return kg.build([text], out=folder / "output")


@pytest.fixture(scope="session")
def genre_entities(genre_build):
    from kg.link.entities import read_linkable_entities

    return read_linkable_entities(genre_build.out / "store")


def entity_named(entities, name: str, kind: str) -> str:
    """The IRI of the one entity of ``kind`` named ``name``."""
    found = [e.iri for e in entities if e.name == name and e.type == kind]
    assert len(found) == 1, (name, kind, found)
    return found[0]


@pytest.fixture()
def store_of(genre_build) -> Path:
    return genre_build.out / "store"


@pytest.fixture(scope="session")
def unlinked_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The genre text built with an empty authority table: no entity has an outside id."""
    import kg
    import kg.link.authority as authority

    folder = tmp_path_factory.mktemp("unlinked")
    text = folder / "campaign.txt"
    text.write_text(GENRE_TEXT, encoding="utf-8")
    patch = pytest.MonkeyPatch()
    patch.setattr(authority, "authority_path", lambda: folder / "no-authority.csv")
    try:
        return kg.build([text], out=folder / "output").out / "store"
    finally:
        patch.undo()
