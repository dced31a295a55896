"""Factories: place prefix + name + unit suffix, and what must not be taken for one."""

from __future__ import annotations

import pytest

from kg.extract.charspan import spans_of
from kg.records import EntityType


@pytest.fixture()
def factories(mentions):
    return lambda text: mentions(text, EntityType.FACTORY, "place")


@pytest.mark.parametrize("text, expected", [
    ("上海第一机床厂试制成功自动车床", [("上海第一机床厂", "上海")]),
    ("武汉重型机器厂的工人", [("武汉重型机器厂", "武汉")]),
    ("广州造纸厂实现了机械化", [("广州造纸厂", "广州")]),
    ("自贡大安盐场推广新工艺", [("自贡大安盐场", "自贡")]),
    ("太原钢铁工厂和太原纺织厂", [("太原钢铁工厂", "太原"), ("太原纺织厂", "太原")]),
    ("哈尔滨红旗农具合作社制成插秧机", [("哈尔滨红旗农具合作社", "哈尔滨")]),
    ("南京人民搪瓷厂", [("南京人民搪瓷厂", "南京")]),
])
def test_factory_matcher_finds_place_prefixed_units(factories, text, expected):
    assert factories(text) == expected


@pytest.mark.parametrize("text", [
    "河北唐山各陶瓷厂，由于领导重视",   # generic group, 各
    "吉林全省14个白酒厂正在大搞机械化",  # count + generic
    "天津在很短的时间里实现了机械化",    # a clause, not a name
    "北京市场供应充足",                 # 市场 is not a unit
    "湖北人民公社的社员",               # a commune is not a factory
    "北京出版社出版",                   # a publisher is an organization
])
def test_factory_matcher_rejects_non_factories(factories, text):
    assert factories(text) == []


def test_factory_keeps_its_place_as_a_mention(nlp):
    doc = nlp("沈阳卷烟厂在技术改造运动中")
    labels = [(doc.text[s.start:s.end], s.label) for s in spans_of(doc)]
    assert labels == [("沈阳卷烟厂", EntityType.FACTORY), ("沈阳", EntityType.PLACE),
                      ("技术改造运动", EntityType.CAMPAIGN)]
