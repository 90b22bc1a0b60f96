"""SpanIndex answers exactly what the scans it replaced answered (compared on random spans)."""

from hypothesis import given, strategies as st

from lintcity.spans import SpanIndex
from lintcity.targets import extract_from_sentence

spans = st.lists(st.tuples(st.integers(0, 30), st.integers(0, 8)).map(lambda p: (p[0], p[0] + p[1])), max_size=8)
query = st.tuples(st.integers(0, 40), st.integers(0, 8)).map(lambda p: (p[0], p[0] + p[1]))


@given(spans, query)
def test_span_index_matches_a_scan(items, q):
    index = SpanIndex(items)
    start, end = q
    assert index.contains(start, end) == any(s <= start and end <= e for s, e in items)
    assert index.covers(start) == any(s <= start < e for s, e in items)
    assert index.overlaps(start, end) == any(s < end and start < e for s, e in items)
    assert index.strictly_contains(start, end) == any(s <= start and end <= e and e - s > end - start
                                                      for s, e in items)


def test_long_clause_targets_keep_their_indicators():
    """Indexed clauses and years give each quantity of a long clause its own year and indicator."""
    text = "到2027年，" + "、".join(f"建成{k}个数据中心" for k in range(1, 400)) + "，到2030年政务云达到95%"
    targets, years = extract_from_sentence(text)
    assert years == [2027, 2030]
    assert len(targets) == 400
    assert {t.year for t in targets[:399]} == {2027} and targets[-1].year == 2030
    assert targets[-1].indicator == "政务云" and targets[-1].value == 95.0


def test_digit_run_is_no_quantity_but_a_real_one_after_it_is():
    targets, _ = extract_from_sentence("到2027年，编号" + "7" * 5000 + "，数据共享率达到90%")
    assert [(t.value, t.unit) for t in targets] == [(90.0, "%")]
