"""Property-based tests of the text core: normalization, sentences, headings, targets.

Every function here reads text straight out of a user's document, so it must
take any Unicode string without raising. Strategies mix arbitrary text with
text drawn from the characters plans are made of (CJK, full-width forms,
numbering, Chinese numerals, punctuation, whitespace) so that the interesting
branches are reached, not just the ASCII ones.
"""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintcity.document import Location, RawBlock, build_document
from lintcity.headings import looks_like_heading, numbering_of
from lintcity.normalize import normalize, normalize_text
from lintcity.targets import extract_from_sentence, extract_from_table

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters of real plans, including the ones normalization rewrites.
PLAN_CHARS = (
    "到年底前全市城市数字化转型取得明显成效政务服务达到提升至不低于超过控制在建成个项家亿元公里"
    "發展資料網路數位軟體雲端線上與為國"                      # traditional, Taiwan vocabulary
    "〇零○Ｏ一二三四五六七八九十百第章节"                      # Chinese numerals, 二〇二七年
    "０１２３４５６７８９．％＋＜＞＝ＡＢｚ"                    # full-width forms
    "0123456789.,%+-~～—–至"
    "。；;！!？?，,：:、（）()《》“”‘’」』\"'"
    "①②③⑳ \t\n\r\u3000\u00a0\u200b"
    "zhǎnāé"                                               # pinyin glosses: 發展(zhǎn)
)
plan_text = st.text(alphabet=PLAN_CHARS, max_size=120)
any_text = st.one_of(st.text(max_size=120), plan_text,
                     st.lists(st.sampled_from(["2027年", "二〇三〇年", "２０３０年", "达到", "95%", "1.5万个",
                                               "（一）", "一、", "1.", "（1）", "第一章", "。", "\n", " ",
                                               "發展(zhǎn)", "資料", "1,000亿元", "9" * 400 + "%"]),
                              max_size=12).map("".join))


@SETTINGS
@given(any_text)
def test_normalize_never_raises_and_maps_every_character(text: str) -> None:
    result = normalize(text)
    assert len(result.index) == len(result.text)
    assert all(0 <= i < len(text) for i in result.index)
    assert all(a <= b for a, b in zip(result.index, result.index[1:])), "indices go backwards"


@SETTINGS
@given(any_text)
def test_normalize_text_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@SETTINGS
@given(any_text)
def test_original_span_stays_inside_the_original(text: str) -> None:
    result = normalize(text)
    for start in range(0, len(result.text) + 1, 7):
        lo, hi = result.original_span(start, start + 5)
        assert 0 <= lo <= hi <= len(text)


@SETTINGS
@given(st.lists(any_text, max_size=6))
def test_sentences_lie_inside_their_block(texts: list[str]) -> None:
    raw = [RawBlock(t, Location(line=n)) for n, t in enumerate(texts, start=1)]
    doc = build_document("prop.txt", "txt", raw)
    for block in doc.blocks:
        previous_end = 0
        for sentence in block.sentences:
            assert 0 <= sentence.start <= sentence.end <= len(block.text)
            assert sentence.start >= previous_end, "sentences overlap"
            assert sentence.text == block.text[sentence.start:sentence.end]
            assert 0 <= sentence.norm_start <= len(block.norm)
            previous_end = sentence.end


@SETTINGS
@given(any_text)
def test_heading_detection_never_raises(text: str) -> None:
    for candidate in (text, normalize_text(text)):
        numbering = numbering_of(candidate)
        if numbering is not None:
            assert candidate.lstrip().startswith(numbering.marker)
        heading = looks_like_heading(candidate)
        assert heading is None or heading == numbering


@SETTINGS
@given(any_text, st.one_of(st.none(), st.integers(min_value=2020, max_value=2049)))
def test_sentence_targets_are_finite(text: str, inherited: int | None) -> None:
    for candidate in (text, normalize_text(text)):
        targets, years = extract_from_sentence(candidate, inherited)
        assert all(isinstance(y, int) for y in years)
        for t in targets:
            assert isinstance(t.value, float) and math.isfinite(t.value)
            assert isinstance(t.year, int)
            assert 0 <= t.start <= t.end <= len(candidate)


cells = st.one_of(st.sampled_from(["指标", "名称", "单位", "2027年", "2030年", "２０２７年", "目标值", "≥95%",
                                   "95", "1.5万个", "9" * 400, "9" * 400 + "%", "", " ", "—"]),
                  st.text(max_size=12))


@SETTINGS
@given(st.lists(st.lists(cells, max_size=5), max_size=6))
def test_table_targets_are_finite(rows: list[list[str]]) -> None:
    for target in extract_from_table(rows):
        assert isinstance(target.value, float) and math.isfinite(target.value)
        assert isinstance(target.year, int)


def test_a_decimal_point_split_from_its_digits_by_whitespace_is_read_once_joined():
    # found by hypothesis: normalizing twice gave 7.82 the second time, so 7.82 in a pack never matched it
    assert normalize_text("」7 ．82』") == "」7.82』" == normalize_text(normalize_text("」7 ．82』"))
    assert normalize_text("达到7\n．82%") == "达到7.82%"
