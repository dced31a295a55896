"""One relation rule a row: a sentence of the genre, what must and must not be read."""

from __future__ import annotations

import pytest

CASES = [
    # locatedIn: the name's place, a province before its city, not a place the unit visits
    ("天津自行车厂派人到上海学习。", {("locatedIn", "天津自行车厂", "天津")},
     {("locatedIn", "天津自行车厂", "上海")}),
    ("河北唐山各陶瓷厂制成原料粉碎机8台。", {("locatedIn", "唐山", "河北"),
                                   ("adopted", "唐山", "原料粉碎机")}, set()),
    # holdsPosition: the post written with its ministry; not a ministry of another post
    ("轻工业部副部长李明在大会上讲话。", {("holdsPosition", "李明", "轻工业部")}, set()),
    ("纺织工业部派来的技术员王刚到厂里帮助工作。", set(),
     {("holdsPosition", "王刚", "纺织工业部")}),
    # adopted: the sentence's factory, not the one it learned from
    ("沈阳第三机床厂学习了天津机床厂的经验，试制成功自动切纸机。",
     {("adopted", "沈阳第三机床厂", "自动切纸机")}, {("adopted", "天津机床厂", "自动切纸机")}),
    # 该厂 is the factory the paragraph is about
    ("吉林造纸厂大搞技术革新。该厂制成自动切纸机。", {("adopted", "吉林造纸厂", "自动切纸机")},
     set()),
    # participatedIn: a unit that carries the campaign out; the party that leads it does not
    ("长春第一汽车厂开展技术革新和技术革命运动。",
     {("participatedIn", "长春第一汽车厂", "技术革新和技术革命运动")}, set()),
    ("在党的领导下，开展技术革新和技术革命运动。", set(),
     {("participatedIn", "中国共产党", "技术革新和技术革命运动")}),
    # belongsToIndustry: the trade of the name, when the text names the industry
    ("造纸工业大搞机械化，上海造纸厂节约劳动力30%。",
     {("belongsToIndustry", "上海造纸厂", "造纸工业")}, set()),
    # …and a number before 厂 is no part of the trade
    ("石油工业发展很快，抚顺石油三厂制成新式炼油炉。",
     {("belongsToIndustry", "抚顺石油三厂", "石油工业")}, set()),
    # 该厂 passes over a factory named in a bracketed aside
    ("原锦州石油六厂（现并入锦州炼油公司）大搞技术革新。该厂试验成功的“快速蒸馏法”很有价值。",
     {("adopted", "锦州石油六厂", "快速蒸馏法")}, {("adopted", "锦州炼油公司", "快速蒸馏法")}),
    # a province written before its county frames it: the county acts
    ("在手工操作机械化半机械化运动中，山东寿张县已全部实现饲料切碎机械化。",
     {("participatedIn", "寿张县", "手工操作机械化半机械化运动")},
     {("participatedIn", "山东", "手工操作机械化半机械化运动")}),
    # a unit cited with a feat, in a paragraph about the campaign, is an example of it
    ("技术革新运动开展以后，成绩很大；长春市机床厂车工李明搞了九项技术革新和创造。",
     {("participatedIn", "长春市机床厂", "技术革新和技术革命运动")}, set()),
    # …but a country it is measured against is not
    ("在技术革新运动中，石岘造纸厂的蒸煮时间创造了超过加拿大的纪录。",
     {("participatedIn", "石岘造纸厂", "技术革新和技术革命运动")},
     {("participatedIn", "加拿大", "技术革新和技术革命运动")}),
    # adopted: a sentence without its own unit goes on with the paragraph's
    ("哈尔滨电机厂大搞技术革新。工人们又制成了自动绕线机。",
     {("adopted", "哈尔滨电机厂", "自动绕线机")}, set()),
]


@pytest.mark.parametrize("text,expected,absent", CASES)
def test_relation_rule(read_passage, text: str, expected: set, absent: set) -> None:  # noqa: ANN001
    relations = read_passage(text, 1960)["relations"]
    assert expected <= relations
    assert not absent & relations


def test_article_source_line_gives_publisher_and_title(read_passage) -> None:  # noqa: ANN001
    text = "大搞技术革命\n人民日报1960年3月1日社论\n各地工厂大搞技术革新，效率提高一倍。"
    assert ("publishedBy", "人民日报", "大搞技术革命") in read_passage(text, 1960)["relations"]


def test_change_gives_two_linked_values_and_anchored_time(read_passage) -> None:  # noqa: ANN001
    text = "天津在很短的时间里，已经使机械化程度从去年的42%提高到54%。"
    found = {s["value"]: s for s in read_passage(text, 1960)["statistics"]}
    assert found["42%"]["subject"] == found["54%"]["subject"] == "天津"
    assert (found["42%"]["change"], found["54%"]["change"]) == ("from", "to")
    assert found["42%"]["time"] == "1959" and found["54%"]["time"] == ""


def test_thousands_separator_does_not_end_the_clause(read_passage) -> None:  # noqa: ANN001
    text = "长沙卷烟厂仅用3,000元投资，就制成了切烟机，全厂1,500台缝纫机全部实现了动力电气化。"
    found = {s["value"]: s["evidence"] for s in read_passage(text, 1960)["statistics"]}
    assert found["3,000元"] == "长沙卷烟厂仅用3,000元投资"
    assert found["1,500台"].startswith("全厂1,500台")


def test_base_year_of_a_comparison_is_not_the_claim_s_time(read_passage) -> None:  # noqa: ANN001
    text = "1959年全国造纸工业总产值比1958年增长25%，今年又比去年提高一倍。"
    times = {s["value"]: s["time"] for s in read_passage(text, 1960)["statistics"]}
    assert times == {"25%": "1959", "一倍": "1960"}


def test_conditions_and_slogans_are_not_claims(read_passage) -> None:  # noqa: ANN001
    text = "白酒生产年用煤45万吨，如果节省20%，则可节省9万吨。坚持“两条腿走路”的方针。"
    values = {s["value"]: s["subject"] for s in read_passage(text, 1960)["statistics"]}
    assert values == {"45万吨": "白酒生产", "9万吨": "白酒生产"}


def test_unattributed_deeds_of_a_provincial_article_are_the_province_s(read_passage) -> None:  # noqa: ANN001,E501
    byline = "大闹技术革新\n日期：1958-5-24 作者：中共辽宁省委第一书记, 李明\n"
    own = byline + "我省农村群众大搞技术革新。例如，发明了水稻插秧机。"
    assert ("adopted", "辽宁", "水稻插秧机") in read_passage(own, 1958)["relations"]
    without = byline + "农村群众大搞技术革新。例如，发明了水稻插秧机。"
    adopted = {r for r in read_passage(without, 1958)["relations"] if r[0] == "adopted"}
    assert not adopted


@pytest.mark.parametrize("text,value,subject", [
    # the person a unit's clause names, and 他 for that person
    ("例如汉阳机器厂的工人高普贤，只念过八个月书，十三岁开始做工。", "十三岁", "高普贤"),
    ("公安县邮电局支部书记刘瑞祥，过去不接近群众；实行“三同”以后，他包送十五公里邮路的邮件。",
     "十五公里", "刘瑞祥"),
    # not a country measured against, nor a name inside a slogan
    ("大冶钢厂的工人干劲很大。他们根据苏联的先进经验，经过四十多炉的试验，终于成功。",
     "四十多炉", "大冶钢厂"),
    # a class of units the clause opens with, none of them named
    ("轻工业机械化程度较高，而一般行业则为30%左右。", "30%左右", "一般行业"),
    # a noun phrase that opens the sentence, when no unit is named in the paragraph
    ("群众制造了成千上万件改良农具。", "成千上万件", "群众"),
])
def test_statistic_subject(read_passage, text: str, value: str, subject: str) -> None:  # noqa: ANN001
    found = {s["value"]: s["subject"] for s in read_passage(text, 1958)["statistics"]}
    assert found.get(value) == subject


def test_a_range_that_describes_the_people_counted_is_not_a_claim(read_passage) -> None:  # noqa: ANN001,E501
    text = "吉林市机械厂单项产品超过定额五倍至十倍的五百四十六人，十倍以上至五十三倍的三十四人。"
    values = {s["value"] for s in read_passage(text, 1958)["statistics"]}
    assert values == {"五百四十六人", "三十四人"}


def test_a_country_in_the_sentence_is_no_subject(read_passage) -> None:  # noqa: ANN001
    text = ("从前闹工资的，现在提出“不赶上英国不增加工资”；"
            "现在利用废料制成新的专用机床，提高工效几倍。")
    subjects = {s["subject"] for s in read_passage(text, 1958)["statistics"]}
    assert "英国" not in subjects
