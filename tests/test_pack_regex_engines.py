"""A pack pattern means the same on RE2 and on `re` (its fallback), and the spam lures spare real reports.

RE2's \\b, \\w, \\d and \\s are ASCII; Python's are Unicode unless asked. Before
both read them as RE2 does, `\\bapp\\b(?:…|注册)` never matched on `re` (a
Chinese character was a word character, so no boundary) and matched on RE2 —
a real city's work report ("App注册用户突破150万") was called web spam only
where google-re2 was installed.
"""

from __future__ import annotations

import pytest

from lintcity import pack_regex
from lintcity.pack_regex import PackPatterns

PATTERNS = [r"\bTODO\b", r"\bapp\s*(?:官网|入口)", r"\w+运营", r"\d+个", r"数据\s+共享", r"[^\s/]+\.cn"]
TEXTS = ["待办TODO事项", "TODO：补充", "下载App官网入口", "“爱青城”App注册用户突破150万", "市场化运营", "abc运营",
         "建成５个", "建成5个", "数据\u3000共享", "数据 共享", "见城市网站example.gov.cn。", "MyTODO", "TODOs"]


def _matches(patterns: PackPatterns) -> list[list[tuple[int, int]]]:
    return [[(f.start, f.end) for f in patterns.finditer(text)] for text in TEXTS]


def test_re_fallback_reads_pattern_classes_as_re2_does(monkeypatch):
    re2 = pytest.importorskip("re2", reason="google-re2 is not installed in this environment")
    assert re2 is pack_regex.re2
    on_re2 = _matches(PackPatterns(PATTERNS))
    monkeypatch.setattr(pack_regex, "re2", None)  # as without google-re2: every pattern on `re`
    on_re = _matches(PackPatterns(PATTERNS))
    assert on_re == on_re2
    assert on_re[0] == [(2, 6)] and on_re[3] == [] and on_re[2] == [(2, 7)]


def test_re_fallback_without_re2_reads_ascii_classes(monkeypatch):
    monkeypatch.setattr(pack_regex, "re2", None)
    got = dict(zip(TEXTS, _matches(PackPatterns(PATTERNS))))
    assert got["待办TODO事项"] == [(2, 6)]      # a Chinese neighbour is a word boundary
    assert got["MyTODO"] == [] and got["TODOs"] == []
    assert got["市场化运营"] == [] and got["abc运营"] == [(0, 5)]  # \w is ASCII
    assert got["建成５个"] == [] and got["数据\u3000共享"] == []  # full-width digits and spaces are normalized before


def test_an_app_registration_count_is_not_spam_and_an_app_lure_still_is(cli, tmp_path):
    plan = tmp_path / "report.md"
    plan.write_text("# 某市2024年政府工作报告\n\n“爱青城”App注册用户突破150万、累计提供在线服务13亿次。\n\n"
                    "推进一网通办。下载某某体育App官网入口。\n", encoding="utf-8")
    code, out, _ = cli("check", "--isolated", "--no-cache", "--select", "HY103", "--format", "json", str(plan))
    import json

    found = [d["quote"] for f in json.loads(out)["files"] for d in f["diagnostics"]]
    assert len(found) == 1 and "官网入口" in found[0], found
    assert code == 1
