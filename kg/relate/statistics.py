"""Statistics: the numbers a text claims, with what they measure, of whom, and when.

A claim is a quantity (kg.relate.numbers) that is not part of a name or a date, not an
ordinal (第一个五年计划), not a slogan in quotation marks (“一个人一头猪”), not the article
一个 of 一个伟大的运动, and not in a condition (如果节省20%). Its subject is found the way a
reader finds it, nearest first:

1. a factory, place, organization, industry or person in the same clause before the number
   (天津…从42%提高到54%); a device counted by the number (8台输送机) is what is counted,
   not who counts; 他 is the person named last in the paragraph;
2. a product named at the head of the clause (如机制纸比1958年增长40%, 原盐1959年…);
3. the innovation of a 仅X一项 clause before it in the sentence (仅粗料粉碎机一项，就提高工效…);
4. a class of units the clause or sentence opens with (而一般行业则为30%左右);
5. the nearest unit, industry or person before it in the sentence, then the nearest unit
   in the paragraph (an industry named sentences before is context, not the subject); never
   a country the text measures against, nor a name inside a slogan;
6. the first unit after it in the same clause (在两三年内全国轻工业…);
7. the noun phrase the clause or sentence opens with (群众制造了成千上万件农具).

A number with none of these has no clear subject and is not a claim. ``从X提高到Y`` gives
two linked values (``change`` = from / to). The time is the date of the clause, else of the
sentence (去年 in a 1960 text is 1959, fixed at extraction).
"""

from __future__ import annotations

import re

from kg.records import EntityType, Mention, MentionStatistic, StatisticValue
from kg.relate.context import Context, Span, end_of, start_of
from kg.relate.numbers import Quantity, find_quantities

SUBJECT_TYPES = (EntityType.FACTORY, EntityType.PLACE, EntityType.ORGANIZATION,
                 EntityType.INDUSTRY, EntityType.PERSON)
UNIT_TYPES = SUBJECT_TYPES[:4]
"""Beyond its own clause a number is about a unit or an industry, not a person named there."""
PARAGRAPH_TYPES = UNIT_TYPES[:3]
"""Beyond its sentence, about a unit: an industry named sentences before is context."""
_LEAD = re.compile(r"^(?:例如|比如|再如|又如|譬如|其中|由此|而且|而|但是|但|如|像|拿|就|则|还|也)")
_CONDITION = re.compile(r"^(?:如果|如能|假如|假若|倘若|若|要是)")
_PRODUCT_HEAD = re.compile(r"^([\u4e00-\u9fff]{1,6}?)(?=\d{4}年|比\d{4}年|增长|的?产量|年[产用]"
                           r"|的?机械化程度|的?总?产值)")
_NOT_IN_PRODUCT = set("使把让被将已只就都也还要我你他她们这那其该本每各全新大搞闹提从到在比今")
"""Characters of verbs, pronouns and frames: 只要使, 大闹原料车间 are not products."""
_METRIC_ENDS = ("水平", "率", "量", "值", "效", "程度", "比重", "成本", "速度", "任务")
_ONLY_ONE = re.compile(
    r"(?:仅|光|单|只)[“\"]?(?P<name>[^，,；;“”\"]{2,20}?)[”\"]?一[项种个]$")
_ORDINAL_BEFORE = "第每"
_PRONOUN = re.compile(r"^(?:他|她)(?!们)")
_CHANGE = re.compile(
    r"[从由](?P<a>[^，,；;。]{1,16}?)(?:提高|增加|增长|上升|下降|降低|减少|扩大|发展)到")


def statistics(context: Context) -> list[MentionStatistic]:
    """Every claim of the document, in text order."""
    text = context.text
    claims = []
    for quantity in find_quantities(text):
        if not _is_claim(context, quantity):
            continue
        clause = context.clause(quantity.start)
        subject, phrase = _subject(context, quantity, clause)
        if subject is None and not phrase:
            continue
        change, from_part = _change(text, clause, quantity)
        value_evidence = context.evidence(quantity.start, quantity.end)
        value = StatisticValue(
            value=value_evidence.quote, unit=quantity.unit, kind=quantity.kind,
            low=_decimal(quantity.low), high=_decimal(quantity.high), bound=quantity.bound,
            qualifier=quantity.qualifier, change=change)
        claims.append(MentionStatistic(
            subject=subject, subject_phrase=phrase,
            metric=_metric(text, clause, quantity, subject, phrase), value=value,
            evidence=context.evidence(clause.start, clause.end), value_evidence=value_evidence,
            time=_time(context, quantity, clause, from_part)))
    return claims


def _decimal(value) -> str:  # noqa: ANN001 - Decimal | None
    return "" if value is None else format(value.normalize(), "f")


def _is_claim(context: Context, quantity: Quantity) -> bool:
    text = context.text
    start, end = quantity.start, quantity.end
    if any(start_of(m) < end and start < end_of(m) for m in context.top_in(start - 30, end + 30)):
        return False  # part of a name, an event or a date
    if start > 0 and text[start - 1] in _ORDINAL_BEFORE:
        return False
    if quantity.low is None and quantity.unit in ("", "年"):
        return False  # 几百万, 几年: a manner of speaking
    number = quantity.text.removeprefix(quantity.bound)
    if quantity.kind == "multiple" and quantity.unit == "番" and quantity.bound != "翻":
        return False
    if (number.startswith("一") and not number.startswith("一个半")
            and quantity.kind not in ("multiple", "ratio") and not quantity.qualifier
            and not re.match(r"一[十百千万亿]", number)):
        return False  # 一个, 一项, 一天, 一方面: an article or a frame, not a count
    if quantity.unit == "月" and not number.endswith("个半月"):
        return False  # 二月, 3月: a month of the calendar (durations say 个月)
    if quantity.kind == "duration" and (_numeral(text[end:end + 1])
                                        or _numeral(text[start - 1:start])):
        return False  # 十天半月: an idiom of time, not a measured span
    if quantity.unit == "日":
        return False  # 1至6日: days of the month; spans of days are written 天
    if text[max(0, start - 2):start].endswith(_DEMONSTRATIVES):
        return False  # 这三种, 上述八个, 前两种: pointing back, not counting
    if quantity.kind in ("count", "frequency") and not quantity.qualifier and (
            quantity.vague and not set(number) & set("十百千万")
            or quantity.unit == "种" and quantity.low is not None and quantity.low <= 3
            or quantity.low is not None and quantity.low <= 10 and _after_list(text, start)):
        return False  # 几次, 两种思想, 石岘、开山屯两个造纸厂: manners of speaking
    if quantity.unit == "年" and "到" not in number and not quantity.qualifier:
        return False  # 十年来, 两年的大跃进: time frames
    if _DESCRIBES.match(text, end):
        return False  # 超过定额五倍至十倍的五百四十六人: the class of the people counted
    if text[end:end + 1] == "来" and quantity.kind == "duration":
        return False
    if _quoted(text, start, end) or _idiom(text, start, end):
        return False
    head = text[context.clause(start).start:start]
    return not (_CONDITION.match(head) or _CONDITION.match(_LEAD.sub("", head)))


_DESCRIBES = re.compile(r"(?:[至到][^，,；;。的]{1,8})?的[\d一二两三四五六七八九十百千几]")
_DEMONSTRATIVES = ("这", "那", "前", "后", "上述", "另外", "其余", "以上", "下列")


def _after_list(text: str, start: int) -> bool:
    """The number counts the names just listed with 、 (苏联、抚顺、桦甸三种炉)."""
    last_item = text.rfind("、", max(0, start - 6), start)
    return last_item >= 0 and start - last_item <= 5 and text[start - 1:start] not in "、，,"


def _numeral(char: str) -> bool:
    return bool(char) and (char.isdigit() or char in "一二两三四五六七八九十百千万半")


def _quoted(text: str, start: int, end: int) -> bool:
    """Inside a short quotation: a slogan (“一个人一头猪”, “两条腿走路”), not a figure."""
    left = max(text.rfind("“", 0, start), text.rfind("\"", 0, start))
    right = text.find("”", end)
    return left >= 0 and right >= 0 and right - left <= 12 and "”" not in text[left:start]


def _idiom(text: str, start: int, end: int) -> bool:
    """A dictionary word runs through the number and past it (两条腿): not a quantity."""
    from kg.extract.lexicons import word_tags

    tags = word_tags()
    for begin in range(max(0, start - 2), start + 1):
        for stop in range(end + 1, min(len(text), begin + 6) + 1):
            tag = tags.get(text[begin:stop])
            if tag is not None and tag != "m" and stop - begin >= 3:
                return True
    return False


def _subject(context: Context, quantity: Quantity,
             clause: Span) -> tuple[Mention | None, str]:
    text = context.text
    before = [m for m in context.top_in(clause.start, quantity.start, SUBJECT_TYPES)
              if not _counted(text, m, quantity)]
    if before:
        return before[-1], ""
    head = _LEAD.sub("", text[clause.start:quantity.start])
    if product := _product(head):
        return None, product
    sentence = context.sentence(quantity.start)
    carried = _carried(context, sentence, clause)
    if carried is not None:
        return carried
    paragraph = context.paragraph(quantity.start)
    if _PRONOUN.match(head):
        people = context.top_in(paragraph.start, clause.start, (EntityType.PERSON,))
        if people:
            return people[-1], ""
    if group := _group(context, sentence, clause, head):
        return None, group
    for span, types in ((Span(sentence.start, clause.start), SUBJECT_TYPES),
                        (Span(paragraph.start, sentence.start), PARAGRAPH_TYPES)):
        found = [m for m in context.top_in(span.start, span.end, types)
                 if not _counted(text, m, quantity) and _may_lead(context, m)]
        if found:
            return found[-1], ""
    after = context.top_in(quantity.end, clause.end, UNIT_TYPES)
    if after and not _counted(text, after[0], quantity):
        return after[0], ""
    opening = context.clause(sentence.start)
    for words in (head, text[opening.start:opening.end] if opening != clause else ""):
        if phrase := _noun_phrase(words):
            return None, phrase
    return None, ""


_PHRASE_WORDS = ("n", "a", "b", "m", "uj", "f")
"""Parts of speech of a noun phrase (jieba): nouns, adjectives, 许多, 的, 中."""
_SKIPPED_WORDS = ("c", "d", "t", "p")


def _noun_phrase(words: str) -> str:
    """The noun phrase a clause opens with, when it names who is counted: 群众 of 群众制造了
    成千上万件农具, 一般行业 of 而一般行业则为30%左右, 钳子 of 钳子的重量是三斤; not a
    measure (产值, 工效, 投资), which is the metric."""
    import jieba.posseg

    tokens = list(jieba.posseg.dt.cut(words, HMM=False))
    while tokens and tokens[0].flag in _SKIPPED_WORDS:
        tokens.pop(0)
    phrase = []
    for index, token in enumerate(tokens):
        follows_de = index + 1 < len(tokens) and tokens[index + 1].word == "的"
        if not (token.flag.startswith(_PHRASE_WORDS) or token.flag == "v" and follows_de):
            break
        phrase.append(token)
    while phrase and not phrase[-1].flag.startswith("n"):
        phrase.pop()
    text = "".join(t.word for t in phrase)
    if "的" in text and _metric_word(text.rsplit("的", 1)[1]):
        text = text.rsplit("的", 1)[0]
    if len(text) < 2 or _metric_word(text) or not re.search(r"[\u4e00-\u9fff]{2}", text):
        return ""
    return text


def _metric_word(word: str) -> bool:
    return word.endswith(_METRIC_ENDS) or word in _MEASURES


_MEASURES = frozenset("投资 产值 工效 效率 时间 重量 产量 成本 工资 劳动力 人力 面积 数量 比重 "
                      "工作量 定额 规模".split())


def _carried(context: Context, sentence: Span, clause: Span) -> tuple[Mention | None, str] | None:
    """A subject set up earlier in the sentence: 仅X一项 or a product clause head."""
    text = context.text
    position = clause.start
    while position > sentence.start:
        previous = context.clause(position - 2)
        words = text[previous.start:previous.end]
        if match := _ONLY_ONE.search(words):
            name_start = previous.start + match.start("name")
            named = context.top_in(name_start, previous.start + match.end("name"))
            return (named[0], "") if named else (None, match.group("name"))
        head = _LEAD.sub("", words)
        if context.top_in(previous.start, previous.end, SUBJECT_TYPES):
            return None
        if product := _product(head):
            return None, product
        position = previous.start
    return None


def _product(head: str) -> str:
    """The product a clause opens with (机制纸 of 如机制纸比1958年增长40%), or ''."""
    match = _PRODUCT_HEAD.match(head)
    if match is None:
        return ""
    product = match.group(1)
    if product.endswith(_METRIC_ENDS) or set(product) & _NOT_IN_PRODUCT:
        return ""
    return product


_GROUP_NOUN = r"(?:行业|企业|工厂|单位|部门|厂矿|地区)"
_LIST_MARK = r"(?:[(（]?\d+[)）]\s*)?"
_GROUP_OPENS = re.compile(rf"{_LIST_MARK}(?P<group>[\u4e00-\u9fff]{{0,24}}?{_GROUP_NOUN})"
                          r"(?:则|都|也|大都|一般|多已|已)")
_GROUP_CLAUSE = re.compile(rf"{_LIST_MARK}(?P<group>[\u4e00-\u9fff]{{0,24}}{_GROUP_NOUN})")


def _group(context: Context, sentence: Span, clause: Span, head: str) -> str:
    """A class of units the clause or its sentence opens with, which a number is about:
    而一般行业则为30%左右; 许多原有的企业，今年的产值可以增加一倍 (none of them named)."""
    if (match := _GROUP_OPENS.match(head)) and not context.top_in(
            clause.start, clause.start + len(head), SUBJECT_TYPES):
        return match.group("group")
    opening = context.clause(sentence.start)
    if opening.start == clause.start:
        return ""
    words = _LEAD.sub("", context.text[opening.start:opening.end].strip(" ，,；;"))
    if (match := _GROUP_CLAUSE.fullmatch(words)) and not context.top_in(
            opening.start, opening.end, SUBJECT_TYPES):
        return match.group("group")
    return ""


def _may_lead(context: Context, mention: Mention) -> bool:
    """Whether a unit named before the number's clause can be what the number is about: not
    a country the text measures against (根据苏联的经验…经过四十多炉的试验) and not a name in a
    slogan (“不赶上英国不增加工资”)."""
    if mention.label == EntityType.PLACE and mention.attr("level") == "country":
        return False
    return not context.unclosed(start_of(mention), "“", "”")


def _counted(text: str, mention: Mention, quantity: Quantity) -> bool:
    """The mention is what the number counts: 共窑并窑输送机8台, 70座半煤气炉."""
    if mention.label != EntityType.INNOVATION:
        return False
    return abs(end_of(mention) - quantity.start) <= 1 or abs(quantity.end - start_of(mention)) <= 1


def _metric(text: str, clause: Span, quantity: Quantity, subject: Mention | None,
            phrase: str) -> str:
    """What is measured, in the clause's own words, without the subject and the value."""
    words = text[clause.start:clause.end]
    words = words.replace(quantity.text, "", 1)
    if subject is not None and clause.start <= start_of(subject) < clause.end:
        words = words.replace(text[start_of(subject):end_of(subject)], "", 1)
    elif phrase:
        words = words.replace(phrase, "", 1)
    words = _LEAD.sub("", words.strip(" ，,。；;：:"))
    return re.sub(r"\s+", "", words)[:40]


_COMPARED_WITH = re.compile(r"(?:比|较|比较|同|相比)$")
"""Before a date that is the base of a comparison (比1958年增长30%): not the claim's time."""


def _time(context: Context, quantity: Quantity, clause: Span,
          from_part: Span | None) -> str:
    """The date of the clause, else the last date of the sentence before the number; the
    date of the "from" part of a change (从去年的42%…) is not the date of its "to" value, nor
    is the base of a comparison (1959年…比1958年增长30%: the time is 1959)."""
    sentence = context.sentence(quantity.start)
    for span in (clause, Span(sentence.start, quantity.start)):
        inside = [d for d in context.mentions_in(span.start, span.end, (EntityType.DATE,))
                  if end_of(d) <= span.end
                  and not (start_of(d) > quantity.start and span is not clause)
                  and not (from_part and from_part.start <= start_of(d) < from_part.end)
                  and not _COMPARED_WITH.search(context.text[max(0, start_of(d) - 2):start_of(d)])]
        before = [d for d in inside if start_of(d) < quantity.start] or inside
        if before:
            return before[-1].attr("value")
    return ""


def _change(text: str, clause: Span, quantity: Quantity) -> tuple[str, Span | None]:
    """``from`` or ``to`` when the number is one end of 从X提高到Y, and the span of X."""
    for match in _CHANGE.finditer(text, clause.start, clause.end):
        part = Span(match.start("a"), match.end("a"))
        if part.start <= quantity.start < part.end:
            return "from", None
        if match.end() <= quantity.start <= match.end() + 1:
            return "to", part
    return "", None
