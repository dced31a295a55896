"""People beside titles, honorifics, and organizations: positives and look-alikes."""

from __future__ import annotations

import pytest

from kg.records import EntityType


@pytest.fixture()
def people(mentions):
    return lambda text: [name for _, name in mentions(text, EntityType.PERSON, "canonical")]


@pytest.fixture()
def organizations(mentions):
    return lambda text: [name for _, name in mentions(text, EntityType.ORGANIZATION, "canonical")]


@pytest.mark.parametrize("text, expected", [
    ("包头钢铁公司车工赵志刚改进了车刀", ["赵志刚"]),
    ("李富明副部长在大会上讲话", ["李富明"]),
    ("厂长兼党委书记孙德胜同志亲自动手", ["孙德胜"]),
    ("中共四川省委书记、李井泉\n", ["李井泉"]),
    ("老工人钱宝山，创造了一台切料机", ["钱宝山"]),
    ("正如毛主席所说的那样", ["毛泽东"]),
    ("周总理视察了工地", ["周恩来"]),
    ("欧阳海同志", ["欧阳海"]),
])
def test_person_matcher_finds_named_people(people, text, expected):
    assert people(text) == expected


@pytest.mark.parametrize("text", [
    "全体同志们都行动起来",          # 全体 is a word, not 全 + given name
    "职工和公社社员一起动手",        # 和 is a conjunction here
    "各位老师傅提出了建议",          # a plural address
    "高速度地发展生产",              # a common word that starts with a surname
    "周围的工人同志",                # 周围 is a word
    "工人、农民、科学家",            # occupations in a list
])
def test_person_matcher_rejects_words(people, text):
    assert people(text) == []


@pytest.mark.parametrize("text, expected", [
    ("冶金工业部发出通知", ["冶金工业部"]),
    ("在轻工业部誓师大会上", ["轻工业部"]),
    ("中共河南省委第一书记", ["中共河南省委"]),
    ("河南省委决定", ["中共河南省委"]),
    ("光明日报发表社论", ["光明日报"]),
    ("兰州日报评论员", ["兰州日报"]),
    ("由上海科学技术出版社出版", ["上海科学技术出版社"]),
    ("东北工业设计院设计了新厂", ["东北工业设计院"]),
    ("在党的领导下", ["中国共产党"]),
    ("党中央和毛主席的号召", ["中国共产党中央委员会"]),
])
def test_organization_matcher_finds_organizations(organizations, text, expected):
    assert organizations(text) == expected


@pytest.mark.parametrize("text", [
    "全部工人都参加了",          # 全部 ends in 部
    "干部和工人同吃同住",        # 干部
    "体力劳动部门还很多",        # 劳动部门 is not 劳动部
    "工业部门的职工",            # 部门
    "政党的作用",                # 政党 is not the Party
    "各司、局、设计院同时行动起来",  # generic institutions
])
def test_organization_matcher_rejects_look_alikes(organizations, text):
    assert organizations(text) == []
