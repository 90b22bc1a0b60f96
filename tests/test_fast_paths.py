"""The fast paths give exactly the answers of the slow ones they replaced.

- Segmentation: `nlp.Segmentation` cuts only the run (a maximal
  `re_han_default` match) that holds the offset asked about, and builds a
  block's words from its pieces. Checked on every block of the fixtures and of
  real Word files, offset by offset, against jieba cutting the whole block.
- Normalization: `normalize` works on whole strings; the character-by-character
  implementation it replaced is kept below as the reference, and both must give
  the same text and the same index on real blocks and on generated text.
- `normalize_all` (one OpenCC call for a document's blocks) gives each block
  what `normalize` gives it.
- Sentences: `split_sentences` maps spans through the index directly and
  builds sentences with `frozen.frozen_maker`; the implementation it
  replaced is kept below and both must give equal sentences on real blocks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lintcity import nlp
from lintcity import normalize as fast
from lintcity.limits import Limits
from lintcity.pack_regex import PackPatterns, needed_words
from lintcity.parsers import parse_file

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
REAL = ROOT.parent / "shared" / "real-docx"


def _whole_block_bounds(text: str) -> set[int]:
    """The reference: jieba cuts the whole block (what the analysis did before)."""
    return nlp.boundaries(text)


def _blocks() -> list[tuple[str, str]]:
    """(original, normalized) text of every block of the fixtures and of a dozen real Word files."""
    paths = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".md", ".txt", ".docx", ".pdf"))
    if REAL.is_dir():
        paths += sorted(REAL.glob("*.docx"))[:12]
    texts = []
    for path in paths:
        try:
            doc = parse_file(path, Limits())
        except Exception:  # noqa: BLE001, S112 - unreadable fixtures (corrupt, scanned) test other things
            continue
        texts += [(b.text, b.norm) for b in doc.blocks]
    return texts


EDGES = ["", "a", "运维", "统一运维平台建设", "5G基站 and IPv6部署", "一网统管\r\n一网通办", "甲\r\r\n乙 \n丙",
         "数据（共享）、开放，运营。", "A B  C", "2027年 达到95%以上", "——推进“一网统管”——", "\r\n", " 运维 "]


@pytest.fixture(scope="module")
def blocks() -> list[tuple[str, str]]:
    return _blocks()


@pytest.fixture(scope="module")
def texts(pack, blocks) -> list[str]:
    from lintcity.analysis import _pack_matcher

    _pack_matcher(pack)  # the pack's terms are in jieba's dictionary, as in a real run
    return [norm for _, norm in blocks] + EDGES


def test_texts_are_real_and_many(texts):
    assert len(texts) > 1000 and sum(map(len, texts)) > 200_000


def test_every_boundary_question_gets_the_whole_block_answer(texts):
    for text in texts:
        expected = _whole_block_bounds(text)
        seg = nlp.Segmentation(text)
        got = {o for o in range(-2, len(text) + 3) if o in seg}  # run by run, never the whole block
        assert seg._words is None and seg._bounds is None
        assert got == expected, text


def test_words_from_pieces_are_jiebas_words_of_the_whole_block(texts):
    for text in texts:
        assert nlp.Segmentation(text).words == nlp.words(text), text


def _proved_against_jieba(run: str) -> int:
    """Every two-character span `jieba_whole` proves whole is a word of jieba's own cut; how many it proved."""
    from lintcity.jieba_whole import keeps_whole

    dt = nlp.tokenizer()
    bounds, at = {0}, 0
    for word in dt.cut(run):
        at += len(word)
        bounds.add(at)
    proved = 0
    for s in range(len(run) - 1):
        if keeps_whole(dt, run, s):
            assert s in bounds and s + 2 in bounds, (run, s)
            proved += 1
    return proved


def test_a_two_character_word_proved_whole_is_whole_in_jiebas_cut(texts, pack):
    """At every position of every run (fixtures, a dozen real files), not only where a pack term stands."""
    runs = {m.group() for text in texts for m in nlp._han_run().finditer(text)}
    proved = sum(_proved_against_jieba(run) for run in runs)
    assert proved > 20_000  # the proof applies to most positions, so the check covers it well


def test_short_terms_are_asked_of_jieba_only_where_the_dictionary_cannot_tell(texts, pack):
    """The word question gives what the two boundary questions give, and most answers cut nothing.

    Asked as the analysis asks: for each two-character pack term not inside a longer one.
    """
    from lintcity.analysis import _pack_matcher
    from lintcity.spans import SpanIndex

    automaton = _pack_matcher(pack).automaton
    asked = cut = 0
    for text in texts:
        found = [(s, e) for s, e, _ in automaton.occurrences(text)]
        longer = SpanIndex((s, e) for s, e in found if e - s > 2)
        seg, reference = nlp.Segmentation(text), nlp.Segmentation(text)
        for start, end in found:
            if end - start == 2 and not longer.contains(start, end):
                asked += 1
                assert seg.word_at(start, end) == (start in reference and end in reference), (text, start)
        cut += len(seg._run_bounds)
    assert asked > 500 and cut < asked / 3, (asked, cut)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["运营", "运维", "营商", "资金", "高校", "院所", "考核", "评价", "绩效", "数据",
                                 "共享", "5G", "试", "开通", "流", "中", "心", "运", "营", "维", "a", "1"]),
                min_size=1, max_size=12))
def test_generated_runs_agree_with_jieba(pack, pieces):
    from lintcity.analysis import _pack_matcher

    _pack_matcher(pack)
    _proved_against_jieba("".join(pieces))


def test_a_new_dictionary_word_is_not_answered_from_a_remembered_cut():
    before = nlp.Segmentation("甲乙丙丁戊己").words
    nlp.add_terms(["乙丙丁戊"])
    after = nlp.Segmentation("甲乙丙丁戊己").words
    assert "乙丙丁戊" in after and after != before and after == nlp.words("甲乙丙丁戊己")


# ---- normalization: the character-by-character implementation, kept as the reference -------------

_Chars = list[tuple[str, int]]


def reference_normalize(text: str) -> fast.Normalized:
    chars: _Chars = [(c, i) for i, c in enumerate(text)]
    chars = _ref_halfwidth(chars)
    chars = _ref_to_simplified(chars)
    chars = _ref_drop_pinyin(chars)
    chars = _ref_squeeze_whitespace(chars)
    chars = _ref_arabic_years(chars)
    return fast.Normalized("".join(c for c, _ in chars), tuple(i for _, i in chars))


def _ref_halfwidth(chars: _Chars) -> _Chars:
    out: _Chars = []
    for n, (c, i) in enumerate(chars):
        code = ord(c)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A \
                or c in "％＋＜＞＝":
            c = chr(code - 0xFEE0)
        elif c == "．" and 0 < n < len(chars) - 1 and _ref_digit(chars[n - 1][0]) and _ref_digit(chars[n + 1][0]):
            c = "."
        elif c == "\u3000" or c == "\u00a0":
            c = " "
        out.append((c, i))
    return out


def _ref_digit(c: str) -> bool:
    return c.isdigit() and c.isascii() or "０" <= c <= "９"


def _ref_to_simplified(chars: _Chars) -> _Chars:
    text = "".join(c for c, _ in chars)
    if text.isascii():
        return chars
    converted = fast.to_simplified(text)
    if len(converted) == len(chars):
        return [(c, i) for c, (_, i) in zip(converted, chars)]
    out: _Chars = []
    start = 0
    for piece in text.splitlines(keepends=True):
        part = chars[start:start + len(piece)]
        conv = fast.to_simplified(piece)
        for k, c in enumerate(conv):
            out.append((c, part[min(k * len(part) // max(len(conv), 1), len(part) - 1)][1]))
        start += len(piece)
    return out


def _ref_drop_pinyin(chars: _Chars) -> _Chars:
    text = "".join(c for c, _ in chars)
    if "(" not in text and "（" not in text:
        return chars
    keep = [True] * len(chars)
    for m in fast._PINYIN.finditer(text):
        for k in range(m.start(), m.end()):
            keep[k] = False
    return [p for p, k in zip(chars, keep) if k]


def _ref_arabic_years(chars: _Chars) -> _Chars:
    text = "".join(c for c, _ in chars)
    if "〇" not in text and "零" not in text and "○" not in text and "Ｏ" not in text:
        return chars
    out = list(chars)
    for m in fast._CN_YEAR.finditer(text):
        for k in range(m.start(), m.end()):
            out[k] = (fast._CN_DIGITS[text[k]], chars[k][1])
    return out


def _ref_squeeze_whitespace(chars: _Chars) -> _Chars:
    out: _Chars = []
    n = len(chars)
    k = 0
    while k < n:
        c, i = chars[k]
        if not c.isspace():
            out.append((c, i))
            k += 1
            continue
        j = k
        while j < n and chars[j][0].isspace():
            j += 1
        before = out[-1][0] if out else ""
        after = chars[j][0] if j < n else ""
        if before and after and re.match(r"[A-Za-z0-9]", before) and re.match(r"[A-Za-z0-9]", after):
            out.append((" ", i))
        k = j
    return out


# What normalization rewrites, in every combination: full-width forms and spaces, decimal points,
# Chinese-numeral years across line breaks, traditional phrases that change length, pinyin glosses.
REWRITTEN = ("０１２３４５６７８９．.％＋＜＞＝ＡＢＯｚＯ 0123456789aZ\t\n\r\u3000\u00a0\u2028\x85"
             "〇零○一二三七年發展資料網路數位軟體雲端線上乾隆(（)）zhǎnāé數據智慧城市")
generated = st.one_of(
    st.text(alphabet=REWRITTEN, max_size=80),
    st.text(max_size=60),
    st.lists(st.sampled_from(["二〇二七", "二\n〇三〇", "年", "９５．５％", "1．2", "smart", " ", "\n\n", "　",
                              "發展(zhǎn)", "（jī）", "資料", "網路", "數位", "乾隆", "發改資料〔2024〕660號", "IPv6",
                              "Ａ", "\r\n", "\u00a0", "城市"]), max_size=14).map("".join))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(generated)
def test_normalize_equals_the_character_by_character_reference_on_generated_text(text: str) -> None:
    assert fast.normalize(text) == reference_normalize(text)


def test_halfwidth_translates_exactly_the_tables_characters_over_every_code_point() -> None:
    # _halfwidth translates only the runs its regex finds; the whole table's translate is the reference
    every = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000)
    assert fast._halfwidth(every) == every.translate(fast._HALFWIDTH)


def test_normalize_equals_the_reference_on_every_real_block(blocks):
    for original, norm in blocks:
        got = fast.normalize(original)
        assert got == reference_normalize(original), original
        assert got.text == norm


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(generated, max_size=8))
def test_normalize_all_equals_normalize_of_each_text(texts: list[str]) -> None:
    # one OpenCC call for all the texts joined by line breaks gives each text its own conversion
    assert fast.normalize_all(texts) == [fast.normalize(text) for text in texts]


def test_normalize_all_equals_normalize_on_every_real_block_and_traditional_text(blocks, monkeypatch):
    originals = [original for original, _ in blocks]
    traditional = ["發展資料網路\n數位(zhǎn)轉型", "乾隆年間\r\n軟體", "", "\n\n", "二〇三〇年　實現"]
    for texts in (originals, originals + traditional, traditional):
        assert fast.normalize_all(texts) == [fast.normalize(text) for text in texts]

    real = fast._converter("t2s")

    class Broken:   # a conversion losing a line break: every text is converted on its own again
        def convert(self, text: str) -> str:
            return real.convert(text).replace("\n", "", 1)

    expected = [fast.normalize(text) for text in traditional]
    monkeypatch.setattr(fast, "_converter", lambda config: Broken())
    assert fast._t2s_each(["發展\n資料", "網路"]) == [None, None]
    monkeypatch.undo()
    assert fast.normalize_all(traditional) == expected


# ---- token patterns: literal sequences matched without spaCy, as spaCy's Matcher matches them --------

SEQUENCES = {  # the bundled pattern, and literal patterns that overlap, share ends and hold one token
    "OP104": [[{"TEXT": "政府"}, {"TEXT": {"IN": ["、", "和", "与"]}}, {"TEXT": "企业"}]],
    "S1": [[{"ORTH": "数据"}], [{"TEXT": "数据"}, {"TEXT": {"IN": ["共享", "开放"]}}]],
    "S2": [[{"TEXT": {"IN": ["共享", "开放"]}}], [{"TEXT": "和"}, {"TEXT": "企业"}]],
}
SPACED = ["鼓励政府 和 企业共同参与运营。", "政府  和企业", "政府\n和企业", "政府\u3000和企业", "政府和 企业 ", " 政府和企业",
          "数据 共享和开放", "数据\t开放", "政府、企业、政府与企业", "市政府和企业家座谈。"]


def _spacy_hits(matcher, text: str, words: list[str]) -> list[tuple[str, int, int]]:
    doc = nlp.matcher_doc(text, words)
    return [(doc.vocab.strings[m], doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for m, s, e in matcher(doc)]


@pytest.fixture(scope="module")
def sequence_texts(texts) -> list[str]:
    joint = ROOT / "eval" / "corpus" / "17-luyu-operations-heavy.md"  # 政府和企业 in a row: OP104 matches
    return texts + SPACED + [b.norm for b in parse_file(joint, Limits()).blocks]


@pytest.mark.parametrize("patterns", [{"OP104": SEQUENCES["OP104"]}, SEQUENCES], ids=["bundled", "overlapping"])
def test_literal_sequences_give_spacys_matches_on_every_real_block(pack, sequence_texts, patterns):
    from spacy.matcher import Matcher

    matcher = Matcher(nlp.vocab())
    for rid, ps in patterns.items():
        matcher.add(rid, ps)
    ours = nlp.TokenPatterns(patterns)
    assert not ours._others  # all literal: matched without spaCy
    matched = 0
    for text in sequence_texts:
        seg = nlp.Segmentation(text)
        expected = _spacy_hits(matcher, text, seg.words) if text else []
        assert ours.hits(seg) == expected, text
        assert ours.may_match(text) or not expected, text  # the text gate never refuses a match
        matched += bool(expected)
    assert matched >= 5


def test_spacy_tokens_are_spacys_tokens(sequence_texts):
    from spacy.util import get_words_and_spaces

    for text in sequence_texts[::7] + SPACED + EDGES[1:]:
        words = nlp.Segmentation(text).words
        tokens, _ = get_words_and_spaces(words, text)
        assert [text[s:e] for s, e in nlp.spacy_tokens(text, words)] == tokens, text


# ---- pack patterns: the words every match holds are searched first ----------------------------------

TRICKY = ["(?:投入|开通|正式|试)运营", "a{0,3}b", "(?i:abc)x", "k+s", "x(?=运营)", "(?:ab|cd)+e", "[^a]]",
          "(a|)b", "(?>运营)维", "运(?!营)", r"\bTODO\b", r"app\s*下载", "(?:体育|彩票)投注", "é+", "ÉTÉ", "İi",
          r"bet\d{2,3}", "(?:a|b)(?:c|d)", "运营|", "算力券|算力(?:使用)?补贴", "[Xx×＊*]{2,}(?:市|县)?", "[ks]+运",
          "[]a]", "[a-c]x", "[^x]运", "[\\d]x", "[É]x", "[K*]{2}"]


def _unfiltered(patterns: list[str], ignore_case: bool) -> PackPatterns:
    engine = PackPatterns(patterns, ignore_case)
    engine._needed = None
    return engine


def _pack_pattern_lists(pack) -> list[tuple[list[str], bool]]:
    lists = [(list(pack.settings["matching"]["other_senses"]), False)]
    for req in pack.requirements:
        for key in ("patterns", "lures", "topic_words"):
            if req.options.get(key):
                lists.append((list(req.options[key]), True))
    return lists


def test_needed_words_are_what_every_match_must_hold():
    assert needed_words(["(?:投入|开通|正式|试)运营"], False).pattern == "运营"
    assert needed_words(["a{0,3}b", "(?i:abc)x"], False).pattern == "b|x"  # optional and own-flag parts add nothing
    with pytest.warns(FutureWarning):
        assert needed_words(["[[:alpha:]]"], False) is None  # RE2 reads a class here; Python a bracket
    assert needed_words(["运营", "[Xx]{2,}"], True).pattern == "X|x|运营"  # a class: one branch per first character
    assert needed_words(["运营", "[a-z]{2,}"], True) is None  # one pattern without a word (a range): no test at all
    with pytest.warns(FutureWarning):
        assert needed_words(["运营", "[[:alpha:]]"], False) is None  # `[` in a class: RE2 reads a POSIX class
    assert needed_words(["[É]"], True) is None  # a class member with case other than ASCII: folding unknown
    assert needed_words(["[k*]"], True).search("\u212a")  # folded inside a class too
    assert needed_words(["(a|)b"], False).pattern == "b"
    assert needed_words(["k"], True).search("\u212a")  # the Kelvin sign matches k under case folding
    assert needed_words(["[Aa]pp"], True).pattern == "A[Pp][Pp]|a[Pp][Pp]"  # every branch opens with a literal


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["运营", "运", "营", "维", "投入", "a", "b", "c", "d", "e", "x", "k", "K", "\u212a",
                                 "s", "ſ", "é", "É", "TODO", "todo", "app", " ", "下载", "体育", "投注", "bet12",
                                 "İ", "ı", "i", "算力", "使用", "补贴", "[", "]", "。", "×", "＊", "*", "X", "é"]), max_size=12).map("".join),
       st.booleans())
def test_the_word_test_never_hides_a_match_of_tricky_patterns(text: str, ignore_case: bool) -> None:
    for pattern in TRICKY:
        fast, slow = PackPatterns([pattern], ignore_case), _unfiltered([pattern], ignore_case)
        assert fast.search(text) == slow.search(text) and fast.finditer(text) == slow.finditer(text), pattern


def test_the_word_test_never_hides_a_match_of_the_packs_patterns_on_real_text(pack, blocks):
    found = tested = 0
    for patterns, ignore_case in _pack_pattern_lists(pack):
        fast, slow = PackPatterns(patterns, ignore_case), _unfiltered(patterns, ignore_case)
        tested += fast._needed is not None  # HY101 has none: [Xx×＊*]{2,} needs no word
        for _, norm in blocks:
            expected = slow.finditer(norm)
            assert fast.finditer(norm) == expected and fast.search(norm) == slow.search(norm)
            found += bool(expected)
    assert found and tested >= 3  # the real text does hold matches (other senses of 运营 at least)


# ---- exclusions voided inside a longer term: indexed, the same answer as the scan -------------------

span = st.tuples(st.integers(0, 30), st.integers(1, 8)).map(lambda p: (p[0], p[0] + p[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(span, st.sampled_from(["GL1", "GL2", "OP1"])), max_size=12),
       st.lists(st.tuples(span, st.sets(st.sampled_from(["*", "GL1", "GL2", "OP1"]), min_size=1)), max_size=8))
def test_voided_exclusions_are_those_the_scan_finds(terms, exclusions) -> None:
    from lintcity.analysis import _voided_removed

    found = [(s, e, "t", ("term", rid, "g", 1.0, "")) for (s, e), rid in terms]
    excluded = [(s, e, tuple(sorted(reqs))) for (s, e), reqs in exclusions]
    scan = [(xs, xe, reqs) for xs, xe, reqs in excluded
            if not any(s <= xs and xe <= e and e - s > xe - xs and ("*" in reqs or entry[1] in reqs)
                       for s, e, _, entry in found)]
    assert _voided_removed(excluded, found) == scan


# ---- sentences: split_sentences maps spans through the index directly, and builds sentences without
# the frozen dataclass's __init__ (frozen.frozen_maker) -------------------------------------------

def reference_split_sentences(block) -> list:
    """The implementation split_sentences replaced: original_span, location_at and Sentence.__init__."""
    from lintcity.document import Sentence

    norm, out, start = block.norm, [], 0
    bounds = [m.end() for m in re.finditer(r"[。！？!?；;]+[”’」』）)]*|\.(?=\s|$)|\n\s*\n", norm)]
    if not bounds or bounds[-1] < len(norm):
        bounds.append(len(norm))
    for end in bounds:
        piece = norm[start:end]
        if piece.strip():
            s = start + len(piece) - len(piece.lstrip())
            o_start, o_end = block.normalized.original_span(s, end)
            out.append(Sentence(block.index, len(out), o_start, o_end, block.text[o_start:o_end],
                                norm[s:end], s, block.location_at(o_start)))
        start = end
    return out


def test_sentences_equal_the_reference_on_every_real_block_and_pickle_alike():
    import pickle

    from lintcity.document import split_sentences

    paths = sorted(p for p in FIXTURES.rglob("*") if p.suffix in (".md", ".txt", ".docx"))
    if REAL.is_dir():
        paths += sorted(REAL.glob("*.docx"))[:12]
    count = 0
    for path in paths:
        try:
            doc = parse_file(path, Limits())
        except Exception:  # noqa: BLE001, S112 - unreadable fixtures test other things
            continue
        for block in doc.blocks:
            got = split_sentences(block)
            assert got == reference_split_sentences(block) == block.sentences, (path, block.index)
            count += len(got)
    assert count > 3000
    sentence = doc.blocks[-1].sentences[-1]
    again = pickle.loads(pickle.dumps(sentence))
    assert again == sentence and hash(again) == hash(sentence) and repr(again) == repr(sentence)
    with pytest.raises(AttributeError):
        sentence.text = "changed"  # still frozen


def test_numbering_of_tries_every_pattern_that_can_match_after_a_first_character():
    # numbering_of tries only the patterns listed for a line's first character (headings._BY_FIRST; a
    # decimal digit: rank 4; any other: none). For every first character (leading whitespace is stripped
    # before either test) and tails that complete the patterns, no pattern left out may match.
    from lintcity import headings

    codes = [*range(0x10000), *(c for c in range(0x10000, 0x110000) if chr(c).isdecimal())]
    firsts = [chr(c) for c in codes if not chr(c).isspace()]
    assert not any(c.isdecimal() for c in headings._BY_FIRST)

    def tried(c: str) -> tuple:
        return headings._BY_FIRST.get(c, headings._DIGIT_FIRST if c.isdecimal() else ())

    for style in headings._STYLES:
        left_out = [c for c in firsts if style not in tried(c)]
        assert len(left_out) > 60000
        pattern = re.compile(style[1].pattern, re.MULTILINE)
        for tail in ("一章", "二节", "、", "三）", "1）", "1、", ""):
            assert pattern.search("\n".join(c + tail for c in left_out)) is None, (pattern.pattern, tail)
    assert headings.numbering_of("（十二）推动").rank == 3 and headings.numbering_of("(3)推动").rank == 5
    assert headings.numbering_of("１、") is not None and headings.numbering_of("第三章").rank == 0


def test_identity_index_is_range_at_every_length():
    for n in (0, 1, 255, 1024, 1025, 5000, 70_000, 3):
        assert fast._identity(n) == tuple(range(n))
    assert len(fast._identity_cache) <= fast._IDENTITY_LIMIT
    assert fast.normalize("一二 三").index == (0, 1, 3) and fast.normalize("数据").index == (0, 1)


# ---- pack patterns over many texts at once: one RE2 call, the answers of one call per text ----------

@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(["运营", "运", "营", "维", "a", "b", "c", "e", "x", "k", "s", "TODO", "app",
                                          " ", "下载", "体育", "投注", "算力", "补贴", "]", "。", "X", "*", "ab"]),
                         max_size=6).map("".join), max_size=8),
       st.booleans())
def test_many_texts_at_once_give_each_texts_own_answer(texts: list[str], ignore_case: bool) -> None:
    """Tricky patterns: ones that can match the separator ([^a]]), cross it (a{0,3}b), assert (\\bTODO\\b)."""
    for pattern in TRICKY + ["[^。]{1,3}", "a.b", "(?:运|营)+", "x?", "^运", "营$", r"\Ba", r"a\b", r"\b运"]:
        engine = PackPatterns([pattern], ignore_case)
        assert engine.finditer_many(texts) == [engine.finditer(t) for t in texts], pattern
        assert engine.search_many(texts) == [engine.search(t) for t in texts], pattern


def test_many_texts_at_once_on_real_text(pack, blocks):
    """The pack's patterns over every fixture and real sentence, joined as the analysis joins them."""
    texts = [norm for _, norm in blocks]
    joined = 0
    for patterns, ignore_case in _pack_pattern_lists(pack):
        engine = PackPatterns(patterns, ignore_case)
        joined += engine._joinable
        assert engine.finditer_many(texts) == [engine.finditer(t) for t in texts]
        assert engine.search_many(texts) == [engine.search(t) for t in texts]
    assert joined >= 3  # other senses, lures, topic words: the joined scan is what runs


def test_a_match_across_two_texts_sends_both_back_to_one_call_each():
    engine = PackPatterns(["[^。]{2,}"], False)
    assert engine._joinable
    assert engine.finditer_many(["甲", "乙", "丙丁"]) == [[], [], [engine.finditer("丙丁")[0]]]
