"""Fuzzing ingestion and extraction: any file either becomes a graph or is refused with a code.

A historian's corpus holds whatever a scanner, an OCR engine and a Word export produced:
binary files named .txt, damaged encodings, control characters, direction marks, lines of a
hundred thousand characters. The promise of kg is that such a file is either refused with one
of the coded ingest errors (a one-line message naming the file) or read, and that everything
read from it points at the exact characters of the source. These tests hold kg to that promise
on random bytes, random Unicode and random junk mixed into sentences of the genre.

The examples are derandomized and the example database is off, so CI runs the same inputs
every time; a failure is reproduced by running the test again.
"""

from __future__ import annotations

import codecs
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import (
    HealthCheck,
    Phase,
    currently_in_test_context,
    event,
    given,
    settings,
)
from hypothesis import strategies as st

from kg.errors import ErrorCode, KGError
from kg.extract import extract
from kg.ingest import ingest
from kg.records import DocumentGraph, Evidence, Extraction
from kg.relate import relate
from kg.resolve import resolve

INGEST_ERRORS = {ErrorCode.E003, ErrorCode.E004, ErrorCode.E005, ErrorCode.E006}
"""What :func:`kg.ingest.read.read_text` raises: not text, empty, undecodable, too large."""

LARGE_ENOUGH = 10**7
"""A byte limit no generated file reaches, for the examples that are not about E006."""

FILE_NAMES = ("fuzz.txt", "沈阳市 第一机床厂.txt", "-.txt", "# date: 1960.txt")
"""Names that exercise the document id slug (CJK, spaces, nothing left, a metadata look)."""


def fuzz_settings(examples: int) -> settings:
    """Reproducible on CI (derandomized, no example database) and without a deadline, since
    the first example pays for loading the spaCy pipeline and jieba's dictionary."""
    return settings(max_examples=examples, derandomize=True, database=None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


# --- strategies ---------------------------------------------------------------------------

MAGIC_PREFIXES = (b"\x89PNG", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff", b"\x1f\x8b",
                  codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
"""Starts that send :func:`kg.ingest.read.decode` down its special paths."""

TRICKY_CHARACTERS = (
    "\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\t", "\r", "\r\n", "\n",
    "\u200e", "\u200f", "\u202e", "\u202a", "\u2066", "\u200b", "\u200c", "\u200d", "\ufeff",
    "\u2028", "\u2029", "\u3000", "\xa0", "\u0301", "\ufffd", "\U0001f600", "\U00020000",
    "１", "９", "６", "０", "％", "．", "，", "。", "：", "＃", "…", "‥", "—", "“", "”", "《", "》",
    "﹐", "ﬁ", "㈠", "①", "⑴", "²", "½", "٣", "〇", "○", "十", "廿", "年", "月", "日", "号",
    "厂", "该厂", "省", "市", "县", "倍", "%", "#", ":", " ", "　",
)
"""Characters that have broken text tools before: controls, direction and zero-width marks,
line and paragraph separators, combining marks, astral characters, full-width and compatibility
forms that NFKC rewrites, numerals of other scripts, and the characters the rules key on."""

GENRE_FRAGMENTS = (
    "沈阳市第一机床厂实现了生产自动化，效率提高了三倍。",
    "1959年", "１９６０年２月", "一九五九年十月", "去年", "今年3月", "2月26日", "1960.3.3",
    "天津自行车厂大搞生产自动线，效率提高1.5倍。",
    "轻工业部副部长王新元在会上讲话。",
    "河北唐山陶瓷厂试制成功隧道窑，产量从42%提高到54%。",
    "该厂工人创造了半自动切纸机",
    "中共湖北省委书记、张平化",
    "人民日报1960年2月25日社论",
    "《人民日报》社论",
    "目录", "一、技术革命要继续深入……3", "附：大搞技术革新 12",
    "# date: 1960-02-26", "# title: 技术革新", "# source: 人民日报",
    "上海市", "我省", "本市", "成堆干馏法", "油页岩成堆干馏法", "原料粉碎机",
    "全国技术革新和技术革命运动", "节约劳动力三千多人", "每日产量达到18,231件",
    "不到一半", "近百台", "翻一番", "3,000元", "几百个", "从45.77%提高到70%",
    "輕工業部技術革新和技術革命誓師大會", "技 术 革 新", "— 12 —", "（三）", "二、",
    "王新元副部长2月26日在全国轻工业技术革新会议上的讲话",
    "日期：1960-2-26 作者：张平化",
    "党的八届全国代表大会第二次会议", "八届八中全会", "八大二次会议", "第", "届", "次会议",
)
"""Short pieces written for these tests in the shape of the genre: sentences, dates in every
notation, bylines, contents lines, metadata headers, numbers the statistics rules read."""

unicode_characters = st.characters(blacklist_categories=("Cs",))
"""Any code point but surrogates, which no encoding can write."""
any_unicode = st.text(alphabet=unicode_characters, max_size=300)

tricky_text = st.lists(
    st.one_of(st.sampled_from(TRICKY_CHARACTERS), any_unicode), max_size=30
).map("".join)
"""Random Unicode with the characters above mixed in densely."""

CHINESE_NUMERALS = tuple("十一九二五〇三四六七八零○两百千万几")
"""In sampled_from's order, not code point order: hypothesis favours the first, and 十 is the
character whose place makes a numeral well formed (二十五) or not (十十, 三四十)."""
chinese_numeral = st.lists(st.sampled_from(CHINESE_NUMERALS), min_size=1, max_size=4).map(
    "".join)
arabic_numeral = st.text(alphabet="0159１.,", min_size=1, max_size=6)

BEFORE_NUMBERS = ("", "", "1959年", "一九五九年", "去年", "今年", "第", "党的八届全国代表大会第",
                  "从", "不到", "近", "百分之", "提高到", "八届")
AFTER_NUMBERS = ("年", "月", "日", "号", "月份", "次会议", "中全会", "届", "倍", "%", "个", "台",
                 "万元", "多件", "以上", "~", "至", ".", ",", "")
numbers_in_context = st.tuples(
    st.sampled_from(BEFORE_NUMBERS), st.one_of(chinese_numeral, arabic_numeral),
    st.sampled_from(AFTER_NUMBERS),
).map("".join)
"""Numerals, well formed or garbled as OCR garbles them (十十次, 1,9.5倍), between the words
the event and quantity rules expect around a number."""

dates_in_any_notation = st.tuples(
    st.sampled_from(("", "1959年", "一九五九年", "一九", "1960.", "去年", "今年")),
    st.one_of(chinese_numeral, st.text(alphabet="01239１.", min_size=1, max_size=4)),
    st.sampled_from(("月", "年", ".", "")),
    st.one_of(st.just(""), chinese_numeral, st.text(alphabet="01239", max_size=3)),
    st.sampled_from(("日", "号", "")),
).map("".join)
"""Dates as the date rule reads them (year, month, day; Chinese or Arabic numerals), with
numerals that are well formed, out of range (十三月) or garbled (一九十十年)."""

genre_text = st.lists(
    st.one_of(st.sampled_from(GENRE_FRAGMENTS), st.sampled_from(TRICKY_CHARACTERS),
              numbers_in_context, dates_in_any_notation,
              st.text(alphabet=unicode_characters, max_size=11)),
    min_size=1, max_size=40,
).map("".join)
"""Sentences of the genre with junk between, inside lines and on lines of their own."""


def repeated_to(line: str, length: int) -> str:
    """``line`` repeated and cut to ``length`` characters."""
    return (line * (length // len(line) + 1))[:length]


def with_line_endings(text: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """The text with its line ends as Unix, Windows or old Mac files write them."""
    return st.tuples(text, st.sampled_from(("\n", "\r\n", "\r"))).map(
        lambda pair: pair[0].replace("\n", pair[1]))


@dataclass(frozen=True, slots=True)
class TextFile:
    """A text and the encoding its file is written in."""

    text: str
    encoding: str

    @property
    def data(self) -> bytes:
        return self.text.encode(self.encoding)

    @property
    def decodes_unambiguously(self) -> bool:
        """UTF-8 and UTF-16 files must come back as written; GB18030 bytes may also be valid
        UTF-8 (all-ASCII ones are), and kg then rightly reads them as UTF-8."""
        return self.encoding != "gb18030"

    @property
    def read_back(self) -> str:
        """The text kg must read: as written, but a leading U+FEFF of a UTF-8 file is a BOM."""
        return self.text.removeprefix("\ufeff") if self.encoding == "utf-8" else self.text


def encoded(text: st.SearchStrategy[str]) -> st.SearchStrategy[TextFile]:
    """The text as a file of the genre would hold it: UTF-8 (with or without BOM), UTF-16
    with BOM, or GB18030 (which encodes every code point but surrogates)."""
    return st.builds(TextFile, text, st.sampled_from(("utf-8", "utf-8-sig", "utf-16",
                                                      "gb18030")))


# --- the property -------------------------------------------------------------------------

def ingest_and_extract(data: bytes, *, name: str = "fuzz.txt",
                       max_bytes: int = LARGE_ENOUGH) -> DocumentGraph | KGError:
    """Write ``data`` to a file and run it through ingest, extract, relate and resolve.

    A refusal must be a documented ingest error whose message is one line naming the file;
    whatever is read must keep every piece of evidence on the exact source characters.
    Returns the graph, or the error the file was refused with.
    """
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            document = ingest(path, max_bytes=max_bytes).document
        except KGError as error:
            message = str(error)
            assert error.code in INGEST_ERRORS, message
            assert "\n" not in message and "\r" not in message, message
            assert str(path) in message, message
            count(f"refused: {error.code.name}")
            return error
    assert len(document.working) == document.offsets.target_length
    assert len(document.original) == document.offsets.source_length
    (extraction,) = extract([document])
    related = relate(extraction)
    assert_evidence_is_exact(related)
    graph = resolve(related)
    assert_graph_is_consistent(graph, related)
    count("read, with mentions" if extraction.mentions else "read, no mention")
    if related.relations:
        count("read, with relations")
    if related.statistics:
        count("read, with statistics")
    return graph


def ingest_text_file(file: TextFile, *, name: str = "fuzz.txt") -> None:
    """:func:`ingest_and_extract`, and the text must be read as it was written.

    A file of an encoding of the genre is never undecodable: GB18030 encodes every code
    point, so E005 on it means kg took it for damaged UTF-8.
    """
    outcome = ingest_and_extract(file.data, name=name)
    if isinstance(outcome, KGError):
        assert outcome.code is not ErrorCode.E005, (outcome, file)
    elif file.decodes_unambiguously:
        assert outcome.document.original == file.read_back, file


def count(outcome: str) -> None:
    """Tally what became of the examples (``--hypothesis-show-statistics``), to see that
    the strategies reach extraction and do not only feed the refusals."""
    if currently_in_test_context():
        event(outcome)


def assert_exact(evidence: Evidence, original: str, doc_id: str) -> None:
    assert 0 <= evidence.start <= evidence.end <= len(original), evidence
    assert evidence.quote == original[evidence.start:evidence.end], evidence
    assert evidence.doc_id == doc_id, evidence


def assert_evidence_is_exact(extraction: Extraction) -> None:
    """Every mention, relation and statistic quotes ``document.original[start:end]``."""
    document = extraction.document
    original, doc_id = document.original, document.doc_id
    for mention in extraction.mentions:
        assert_exact(mention.evidence, original, doc_id)
        start, end = int(mention.attr("working_start")), int(mention.attr("working_end"))
        assert 0 <= start <= end <= len(document.working), mention
    for relation in extraction.relations:
        assert_exact(relation.evidence, original, doc_id)
        for end_point in (relation.head, relation.tail):
            if end_point is not None:
                assert_exact(end_point.evidence, original, doc_id)
    for statistic in extraction.statistics:
        assert_exact(statistic.evidence, original, doc_id)
        assert_exact(statistic.value_evidence, original, doc_id)
        if statistic.subject is not None:
            assert_exact(statistic.subject.evidence, original, doc_id)


def assert_graph_is_consistent(graph: DocumentGraph, extraction: Extraction) -> None:
    """Resolution keeps every mention and points relations and statistics at its entities."""
    assert sum(len(entity.mentions) for entity in graph.entities) == len(extraction.mentions)
    ids = {entity.entity_id for entity in graph.entities}
    for relation in graph.relations:
        assert relation.head in ids, relation
        assert relation.tail_is_title or relation.tail in ids, relation
    for statistic in graph.statistics:
        assert not statistic.subject_is_entity or statistic.subject in ids, statistic


# --- the tests ----------------------------------------------------------------------------

@fuzz_settings(examples=300)
@given(data=st.one_of(st.binary(max_size=64), st.binary(max_size=4096),
                      st.tuples(st.sampled_from(MAGIC_PREFIXES), st.binary(max_size=512))
                      .map(b"".join)),
       max_bytes=st.one_of(st.just(LARGE_ENOUGH), st.integers(0, 4096)))
def test_random_bytes_are_read_or_refused_with_a_code(data: bytes, max_bytes: int) -> None:
    ingest_and_extract(data, max_bytes=max_bytes)


@fuzz_settings(examples=300)
@given(file=encoded(with_line_endings(st.one_of(any_unicode, tricky_text))),
       name=st.sampled_from(FILE_NAMES))
def test_random_unicode_in_every_encoding_is_read_or_refused(file: TextFile, name: str) -> None:
    ingest_text_file(file, name=name)


@fuzz_settings(examples=1000)
@given(file=encoded(with_line_endings(genre_text)))
def test_genre_text_with_junk_is_read_or_refused(file: TextFile) -> None:
    ingest_text_file(file)


@settings(fuzz_settings(examples=6), phases=[Phase.explicit, Phase.generate])
@given(line=st.one_of(st.sampled_from(GENRE_FRAGMENTS), tricky_text.filter(bool)),
       length=st.integers(20_000, 200_000),
       encoding=st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "gb18030")))
def test_very_long_lines_are_read_or_refused(line: str, length: int, encoding: str) -> None:
    """One line repeated to 20,000-200,000 characters: an OCR page without line ends, or a
    file of one paragraph; catches rules that are quadratic in the length of a line.

    The text is built here, not in a strategy, so that a failure prints the line and the
    length rather than the text; shrinking is off, as each attempt takes up to a second.
    """
    ingest_text_file(TextFile(repeated_to(line, length), encoding))


def test_genre_text_yields_a_graph() -> None:
    """The property tests are only worth something if the fragments do reach extraction."""
    graph = ingest_and_extract("".join(GENRE_FRAGMENTS[:8]).encode("utf-8"))
    assert isinstance(graph, DocumentGraph)
    assert {entity.type.value for entity in graph.entities} >= {"Factory", "Date"}
