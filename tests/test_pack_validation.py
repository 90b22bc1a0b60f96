"""Every pack mistake is refused once, at load: one line naming file, entry and field, exit 2.

Each broken pack extends the bundled one with a single bad requirement (or bad
settings), so everything else about it is valid. `lintcity check` and
`lintcity rules --check` must both refuse it; neither may reach the documents.
"""

from __future__ import annotations

import pytest

from test_hostile import make_corpus

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))

REQ = "requirements:\n  - id: XX001\n    kind: {kind}\n    title: 测试\n{body}"
CASES = {
    # name: (pack.yaml extra, requirement kind, requirement body, words the error line must hold)
    "bad_regex": ("", "hygiene", "    options: {check: patterns, patterns: ['[unclosed']}\n",
                  ["requirements.yaml", "XX001", "options.patterns.0", "regular expression"]),
    "catastrophic_regex": ("", "hygiene", "    options: {check: patterns, patterns: ['(?=a)(a+)+b']}\n",
                           ["XX001", "options.patterns.0", "exponential"]),
    "options_wrong_type": ("", "target", "    options: {check: year, year: 二〇二七}\n",
                           ["XX001", "options.year"]),
    "options_bool_as_number": ("", "coverage", "    options: {covered_score: true}\n"
                               "    evidence: [{group: a, terms: [数据]}]\n", ["XX001", "options.covered_score"]),
    "options_unknown_key": ("", "coverage", "    options: {coverd_score: 2}\n"
                            "    evidence: [{group: a, terms: [数据]}]\n", ["XX001", "options", "coverd_score"]),
    "settings_wrong_type": ("settings:\n  scoring:\n    covered_score: high\n", "coverage",
                            "    evidence: [{group: a, terms: [数据]}]\n",
                            ["pack.yaml", "settings", "scoring.covered_score"]),
    "matcher_unknown_attr": ("", "coverage", "    patterns: [[{FOO: 数据}]]\n", ["XX001", "patterns.0", "FOO"]),
    "matcher_wildcard_plus": ("", "coverage", "    patterns: [[{OP: '+'}]]\n", ["XX001", "patterns.0", "every run"]),
    "matcher_bad_op": ("", "coverage", "    patterns: [[{TEXT: 数据, OP: '++'}]]\n", ["XX001", "patterns.0", "OP"]),
    "billion_laughs": (LAUGHS, "coverage", "    evidence: [{group: a, terms: [数据]}]\n",
                       ["pack.yaml", "aliases", "billion laughs"]),
    "recursive_alias": ("loop: &loop [*loop]\n", "coverage", "    evidence: [{group: a, terms: [数据]}]\n",
                        ["pack.yaml", "recursive"]),
}


def _pack(folder, extra: str, kind: str, body: str):
    folder.mkdir(parents=True)
    (folder / "pack.yaml").write_text(f"id: broken\ntitle: 坏规则包\nextends: guideline-2024\n{extra}",
                                      encoding="utf-8")
    (folder / "requirements.yaml").write_text(REQ.format(kind=kind, body=body), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    path = tmp_path_factory.mktemp("plan") / "plan.md"
    path.write_text(make_corpus.GOOD_PLAN, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", sorted(CASES))
def test_broken_pack_is_one_line_and_exit_2(cli, tmp_path, plan, name):
    extra, kind, body, words = CASES[name]
    folder = _pack(tmp_path / name, extra, kind, body)
    for args in (["check", str(plan), "--pack", str(folder)], ["rules", "--check", "--pack", str(folder)]):
        code, out, err = cli(*args)
        assert code == 2, (args, out, err)
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in err, err
        for word in words:
            assert word in lines[0], (word, lines[0])
        assert str(plan) not in out  # refused before any document was read


def test_backtracking_pattern_runs_in_linear_time_on_re2(cli, tmp_path):
    """`(a+)+b` compiles in RE2, so the pack is accepted and a line of a's cannot hang the run."""
    pytest.importorskip("re2", reason="google-re2 is not installed in this environment")
    folder = _pack(tmp_path / "re2", "", "hygiene", "    options: {check: patterns, patterns: ['(a+)+b']}\n")
    doc = tmp_path / "plan.md"
    doc.write_text(make_corpus.GOOD_PLAN + "\n" + "a" * 20_000 + "\n\naaab 结束。\n", encoding="utf-8")
    code, out, err = cli("check", str(doc), "--pack", str(folder), "--select", "XX001", "--no-coverage")
    assert code == 0 or code == 1, err
    assert "XX001" in out and "aaab" in out
