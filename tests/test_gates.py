"""Gates are necessary conditions: the gated rules give exactly what the ungated ones give.

Checked on every sentence of the fixtures, the four evaluation corpora and a
dozen real Word files:
- a gate asked once per document (`literal_gates.SentenceTexts`) names exactly
  the sentences where it matches on its own;
- each filter, the sentence tests, the hygiene, spam and citation checks and
  target extraction find the same with their gates as without them;
- QUANTITY with its first-character lookahead finds the same matches as without;
- the term automaton finds every occurrence of every term, in the order the
  analysis reads them, whether asked per sentence or for all sentences at once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintcity import targets
from lintcity.analysis import _unmasked, analyze
from lintcity.checks.engine import checks_for
from lintcity.document import Location, RawBlock, build_document
from lintcity.filters import sentence_gates, sentence_reason, span_discounts, span_gates
from lintcity.limits import Limits
from lintcity.literal_gates import EVERY, NEVER, SentenceTexts, any_of, spaced, words_gate
from lintcity.parsers import parse_file

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ["fixtures", "eval/corpus", "eval/holdout/corpus", "eval/blind/corpus", "eval/blind2/corpus"]
REAL = ROOT.parent / "shared" / "real-docx"
GATED_KINDS = ("hygiene", "spam", "citation")


@pytest.fixture(scope="module")
def analyses(pack):
    paths = []
    for folder in CORPORA:
        paths += sorted(p for p in (ROOT / folder).iterdir()
                        if p.suffix in (".md", ".txt", ".docx", ".pdf") and "scanned" not in p.name)
    if REAL.is_dir():
        paths += sorted(REAL.glob("*.docx"))[:12]
    out = []
    for path in paths:
        try:
            doc = parse_file(path, Limits(ocr="never"))
        except Exception:  # noqa: BLE001, S112 - unreadable fixtures (corrupt, encrypted) test other things
            continue
        out.append(analyze(doc, pack))
    # and every example sentence of the pack's rules (the spam brands and lures no corpus file holds)
    examples = [e for req in pack.requirements for e in (*req.examples_match, *req.examples_no_match)]
    blocks = [RawBlock(text, Location(paragraph=n + 1)) for n, text in enumerate(examples)]
    out.append(analyze(build_document("examples", "txt", blocks), pack))
    return out


def _gates(pack) -> dict[str, re.Pattern[str] | None]:
    settings_ = pack.settings["matching"]
    gates = {**span_gates(settings_), **sentence_gates(settings_)}
    for check in checks_for(pack):
        if check.req.kind == "hygiene" and check.req.options.get("check") == "patterns":
            gates[check.req.id] = check._pattern.needed
        elif check.req.kind == "spam":
            gates[check.req.id] = check._gate
    return gates


def test_the_corpus_is_large_and_the_gates_real(pack, analyses):
    assert len(analyses) >= 100 and sum(len(a.sentences) for a in analyses) >= 20_000
    gates = _gates(pack)
    assert all(gates[name] is not None for name in ("quoted", "agency", "negation", "HY101", "HY103"))


def test_a_gate_asked_once_names_the_sentences_it_matches_alone(pack, analyses):
    gates = [g for g in _gates(pack).values() if g is not None]
    named = 0
    for analysis in analyses:
        texts = SentenceTexts([i.sentence.norm for i in analysis.sentences])
        for gate in gates:
            expected = {k for k, text in enumerate(texts.texts) if gate.search(text)}
            assert set(texts.indexes(gate)) == expected, gate.pattern
            named += len(expected)
    assert named


def test_filters_find_the_same_with_their_gates(pack, analyses):
    settings_ = pack.settings["matching"]
    acted = 0
    for analysis in analyses:
        for info in analysis.sentences:
            text, block = info.sentence.norm, info.block
            acting = [name for name, gate in span_gates(settings_).items() if gate is None or gate.search(text)]
            spans, attributed = span_discounts(text, settings_)
            assert span_discounts(text, settings_, acting) == (spans, attributed), text
            heading = block.kind in ("heading", "title")
            tests = [name for name, gate in sentence_gates(settings_).items() if gate is None or gate.search(text)]
            whole = sentence_reason(text, block.heading_path, heading, settings_)
            assert sentence_reason(text, block.heading_path, heading, settings_, tests) == whole, text
            # and what analyze() made of them with its gates, a block's headings asked once
            assert info.whole == (whole or ("attributed" if attributed else None)), text
            assert info.discounts[:len(spans)] == spans and all(d.reason == "postponed" for d in info.discounts[len(spans):])
            acted += bool(info.discounts)
    assert acted


def test_checks_find_the_same_with_their_gates(pack, analyses):
    found = 0
    for analysis in analyses:
        for check in checks_for(pack):
            if check.req.kind not in GATED_KINDS:
                continue
            analysis.__dict__.pop("_shared", None)
            gated = check.run(analysis)
            analysis.__dict__.pop("_shared", None)
            analysis.sentences_holding = lambda gate, a=analysis: a.sentences  # every sentence, no gate
            try:
                assert check.run(analysis) == gated, (check.req.id, analysis.doc.path)
            finally:
                del analysis.sentences_holding
            found += len(gated.diagnostics)
    assert found


def test_target_extraction_skips_only_sentences_without_a_governing_year(analyses):
    targets_found = 0
    for analysis in analyses:
        for info in analysis.sentences:
            text = _unmasked(info)
            for inherited in (None, 2027):
                expected = targets._scanned(text, inherited, *targets._year_anchors(text))
                assert targets.extract_from_sentence(text, inherited) == expected, text
                targets_found += len(expected[0])
            if "年" not in text:  # _targets skips these sentences without a governing year
                assert targets.year_anchors(text) == [] and targets.extract_from_sentence(text, None) == ([], [])
    assert targets_found


_QUANTITY_UNGATED = re.compile(targets.QUANTITY.pattern.split(")", 1)[1])  # without the lookahead


def test_the_quantity_lookahead_changes_no_match(analyses):
    assert targets.QUANTITY.pattern.startswith("(?=[")
    for analysis in analyses:
        for info in analysis.sentences:
            _same_quantities(info.sentence.norm)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["达到", "达", "至", "不低于", "约", " ", "\u3000", "5", "12", "2,000", ".5", "—", "-", "%",
                                 "个", "亿元", "万", "以上", "左右", "G", "5G", "年", "2027", "，", "a", "≥", "提升至"]),
                max_size=14).map("".join))
def test_the_quantity_lookahead_changes_no_match_on_generated_text(text: str) -> None:
    _same_quantities(text)


def _same_quantities(text: str) -> None:
    fast = [(m.span(), m.groupdict()) for m in targets.QUANTITY.finditer(text)]
    assert fast == [(m.span(), m.groupdict()) for m in _QUANTITY_UNGATED.finditer(text)], text


def test_gate_helpers():
    texts = SentenceTexts(["推进一网通办", "", "数据 共享", "暂不纳入本方案"])
    assert set(texts.indexes(re.compile("暂不|通办"))) == {0, 3}
    assert set(texts.indexes(re.compile(spaced("数据共享")))) == {2}
    assert set(texts.indexes(re.compile(""))) == {0, 1, 2, 3}  # an empty match stands in every sentence
    assert texts.holding(None) is EVERY and 7 in EVERY
    assert not texts.indexes(NEVER) and words_gate([]) is NEVER
    assert any_of(re.compile("a"), None) is None and any_of() is NEVER
    assert any_of(re.compile("ab|c"), re.compile("d")).pattern == "ab|c|d"
    odd = SentenceTexts(["a\x00b", "c"])  # a text holding the separator: asked per sentence
    assert set(odd.indexes(re.compile("a\x00b"))) == {0}
    assert set(SentenceTexts(["ab", "c"]).indexes(re.compile("b\x00c"))) == set()  # never across sentences


def test_the_term_automaton_finds_every_occurrence_in_reading_order(pack, analyses):
    from lintcity.analysis import _pack_matcher

    automaton = _pack_matcher(pack).automaton
    index = {key: i for i, key in enumerate(automaton.keys)}
    lengths = sorted({len(key) for key in automaton.keys})
    found = 0
    for analysis in analyses:
        texts = SentenceTexts([info.sentence.norm for info in analysis.sentences])
        at_once = automaton.by_sentence(texts)
        for text, occurrences in zip(texts.texts, at_once):
            by_hand = sorted(((p, p + n, index[text[p:p + n]]) for n in lengths for p in range(len(text) - n + 1)
                              if text[p:p + n] in index), key=lambda o: (o[1], o[0]))
            assert occurrences == automaton.occurrences(text) == by_hand, text
            found += len(by_hand)
    assert found


def test_a_pack_too_large_for_the_dfa_finds_the_same_occurrences(pack, analyses, monkeypatch):
    from lintcity import term_automaton
    from lintcity.analysis import _pack_matcher

    dfa = _pack_matcher(pack).automaton
    monkeypatch.setattr(term_automaton, "DFA_KEY_BYTES", 0)
    nfa = term_automaton.TermAutomaton(dfa.keys)
    assert (dfa.kind, nfa.kind) == ("dfa", "nfa")
    for analysis in analyses:
        texts = SentenceTexts([info.sentence.norm for info in analysis.sentences])
        assert nfa.by_sentence(texts) == dfa.by_sentence(texts)


def test_token_patterns_are_asked_only_where_they_can_match(pack, analyses):
    from lintcity.analysis import _pack_matcher, _pattern_blocks
    from lintcity.nlp import Segmentation

    patterns = _pack_matcher(pack).patterns
    matched = 0
    for analysis in analyses:
        blocks = analysis.doc.blocks
        asked = _pattern_blocks(patterns, blocks)
        for n, block in enumerate(blocks):
            if patterns.hits(Segmentation(block.norm)):
                assert n in asked, block.norm
                matched += 1
    assert matched  # the pack's examples hold matches
