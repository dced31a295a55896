"""Numbers of the genre: each written form, its parsed bounds, unit and qualifiers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kg.relate.numbers import find_quantities, parse_number


@pytest.mark.parametrize("text,value,low,high,unit,qualifier,bound", [
    ("节约劳动力200多个", "200多个", "200", "200", "个", "多", ""),
    ("革新建议18,231件", "18,231件", "18231", "18231", "件", "", ""),
    ("产值5.4亿", "5.4亿", "540000000", "540000000", "", "", ""),
    ("原不到1亿", "不到1亿", "100000000", "100000000", "", "", "不到"),
    ("二千九百多个养猪场", "二千九百多个", "2900", "2900", "个", "多", ""),
    ("十万个左右的劳动力", "十万个左右", "100000", "100000", "个", "左右", ""),
    ("职工总数是1,100万人左右", "1,100万人左右", "11000000", "11000000", "人", "左右", ""),
    ("提高到70%", "70%", "70", "70", "%", "", ""),
    ("增长45%以上", "45%以上", "45", "45", "%", "以上", ""),
    ("约占25~30%", "25~30%", "25", "30", "%", "", ""),
    ("节省劳动力10%到20%以上", "10%到20%以上", "10", "20", "%", "以上", ""),
    ("提高工效18~20倍", "18~20倍", "18", "20", "倍", "", ""),
    ("超过定额五倍至十倍", "五倍至十倍", "5", "10", "倍", "", ""),
    ("产值翻四番", "翻四番", "4", "4", "番", "", "翻"),
    ("在一个半月的时间内", "一个半月", "1.5", "1.5", "月", "", ""),
    ("只用半个月的时间", "半个月", "0.5", "0.5", "个月", "", ""),
    ("在两三年内", "两三年内", "2", "2", "年", "内", ""),
    ("百分之三十的工人", "百分之三十", "30", "30", "%", "", ""),
    ("每年节省黄豆1千吨", "1千吨", "1000", "1000", "吨", "", ""),
    ("零件只有四两", "四两", "4", "4", "两", "", ""),
    ("质量合格率是百分之百", "百分之百", "100", "100", "%", "", ""),
    ("可建同样的两个半厂", "两个半", "2.5", "2.5", "个", "", ""),
    ("十三岁开始做工", "十三岁", "13", "13", "岁", "", ""),
    ("原来的工艺共有二百零七页", "二百零七页", "207", "207", "页", "", ""),
    ("工人改编为一十五页", "一十五页", "15", "15", "页", "", ""),
])
def test_number_forms(text: str, value: str, low: str, high: str, unit: str, qualifier: str,
                      bound: str) -> None:
    (quantity,) = [q for q in find_quantities(text) if q.text == value]
    assert (str(quantity.low), str(quantity.high)) == (low, high)
    assert (quantity.unit, quantity.qualifier, quantity.bound) == (unit, qualifier, bound)


@pytest.mark.parametrize("text", ["第三页", "(1)", "目录 3", "人民日报1960年2月25日社论"])
def test_bare_numbers_are_not_quantities(text: str) -> None:
    assert [q.text for q in find_quantities(text) if not q.unit] == []


def test_vague_numbers_have_no_bounds() -> None:
    assert parse_number("几百") is None
    assert parse_number("二千万") == Decimal(20_000_000)


@pytest.mark.parametrize("text,value", [
    ("群众制造了成千上万件改良农具", "成千上万件"),
    ("在已经出现的千百件技术革新中", "千百件"),
])
def test_round_figures_of_speech_are_vague_quantities(text: str, value: str) -> None:
    (quantity,) = find_quantities(text)
    assert quantity.text == value and quantity.vague and quantity.unit == "件"


@pytest.mark.parametrize("text", ["零件很小", "零星的工具"])
def test_zero_alone_is_no_number(text: str) -> None:
    assert find_quantities(text) == []
