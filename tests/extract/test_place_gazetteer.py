"""Places by gazetteer: modern divisions, short forms, historical names, stoplist."""

from __future__ import annotations

import pytest

from kg.records import EntityType


@pytest.fixture()
def places(mentions):
    return lambda text: mentions(text, EntityType.PLACE, "canonical")


@pytest.mark.parametrize("text, expected", [
    ("武汉市的机械工业迅速发展", [("武汉市", "武汉")]),
    ("广西壮族自治区和内蒙古自治区", [("广西壮族自治区", "广西"), ("内蒙古自治区", "内蒙古")]),
    ("湖南湘潭的工人大搞技术革新", [("湖南", "湖南"), ("湘潭", "湘潭")]),
    ("延边朝鲜族自治州的木工厂", [("延边朝鲜族自治州", "延边")]),
    ("旅大市和安东市的工厂", [("旅大市", "旅大"), ("安东市", "安东")]),
    ("热河省撤销以后", [("热河省", "热河")]),
    ("河南林县修建红旗渠", [("河南", "河南"), ("林县", "林县")]),
])
def test_place_gazetteer_finds_modern_and_historical_places(places, text, expected):
    assert places(text) == expected


@pytest.mark.parametrize("text", [
    "手工业合作社大闹技术革命",      # 合作 is 合作市 only with its suffix
    "新民主主义革命的胜利",          # 新民
    "东方红拖拉机",                  # 东方
    "打江山容易坐江山难",            # 江山
])
def test_place_gazetteer_ignores_common_words(places, text):
    assert places(text) == []


def test_place_gazetteer_prefers_longest_name(places):
    assert places("天津市的工厂") == [("天津市", "天津")]
