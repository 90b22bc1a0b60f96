"""Nothing from a document, a file name or a pack reaches the terminal unescaped.

One hostile plan carries ESC/CSI/OSC sequences, a right-to-left override and
rich markup ("[/red]", "[bold]") in text that lands in finding messages (HY101,
TG104), quotes and the targets table; it is linted through the real commands.
Output must hold no raw control or bidi characters, show the markup literally,
and never crash (rich raised MarkupError on "[/red]").
"""

from __future__ import annotations

import json
import re

import pytest

from lintcity.errors import printable, rich_text

HOSTILE = ("\x1b[2J", "\x1b]0;owned\x07", "\x9b31m", "\u202e")
# Anything a terminal would act on: C0/C1 controls (except newline) and bidi controls.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

PLAN = """# 江临市数字化转型方案[/red]

## 一、主要目标

到2027年，全市XX市\x1b[2J【待补充】政务服务[/red]网办率达到95%。
到2027年，全市数据\x1b]0;owned\x07共享[bold]率[/bold]\u202e达到90%。
到2027年，全市数据共享率\x9b31m达到80%。
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    folder = tmp_path_factory.mktemp("term")
    path = folder / "[bold]plan\u202e.md"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_printable_and_rich_text():
    for seq in HOSTILE:
        assert not RAW.search(printable(f"a{seq}b"))
    text = rich_text("数据[/red]共享[bold]")
    assert text.plain == "数据[/red]共享[bold]" and not text.spans


@pytest.mark.parametrize("command", [["check"], ["check", "--no-coverage"], ["targets"]])
def test_hostile_document_text_is_shown_escaped(cli, plan, command):
    code, out, err = cli(*command, str(plan))
    assert code in (0, 1), err
    assert "Traceback" not in out + err and "MarkupError" not in out + err
    assert not RAW.search(out), [m.group() for m in RAW.finditer(out)]
    assert not RAW.search(err)
    assert "\\x1b[2J" in out or "\\x1b" in out  # shown, escaped
    assert "[/red]" in out or "[bold]" in out  # markup shown as text, not interpreted


# ---- every command and format that writes to the terminal --------------------------------------

# Stand-ins for what a terminal acts on. In JSON, escaping as \uXXXX keeps the data and is safe.
PACK_TITLE = "恶意规则\x1b[2J[/red]\u202e"


@pytest.fixture(scope="module")
def hostile_pack(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile_pack")
    (folder / "pack.yaml").write_text("id: hostile\ntitle: \"坏包\\e[2J[/red]\\u202e\"\nextends: guideline-2024\n",
                                      encoding="utf-8")
    (folder / "requirements.yaml").write_text(
        "requirements:\n  - id: XX001\n    kind: coverage\n    title: \"" + PACK_TITLE.replace("\x1b", "\\e")
        .replace("\u202e", "\\u202e") + "\"\n    explain: \"说明\\e]0;owned\\a[bold]\"\n"
        "    evidence: [{group: a, terms: [数据共享]}]\n"
        "    examples: {match: [\"推进数据共享。\\e[31m\"], no_match: [\"\\e[2J数据共享另行研究。\"]}\n",
        encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def drafts(tmp_path_factory, plan):
    folder = tmp_path_factory.mktemp("drafts")
    old = folder / "old[bold]\x1b[2J\u202e.md"
    old.write_text(PLAN.replace("95%", "90%"), encoding="utf-8")
    return old, plan


COMMANDS = {
    "check": lambda p, d, k: ["check", str(p)],
    "check-json": lambda p, d, k: ["check", str(p), "--format", "json"],
    "check-concise": lambda p, d, k: ["check", str(p), "--format", "concise"],
    "check-sarif": lambda p, d, k: ["check", str(p), "--format", "sarif"],
    "check-junit": lambda p, d, k: ["check", str(p), "--format", "junit"],
    "check-github": lambda p, d, k: ["check", str(p), "--format", "github"],
    "check-gitlab": lambda p, d, k: ["check", str(p), "--format", "gitlab"],
    "check-markdown": lambda p, d, k: ["check", str(p), "--format", "markdown"],
    "parse": lambda p, d, k: ["parse", str(p)],
    "parse-json": lambda p, d, k: ["parse", str(p), "--format", "json"],
    "targets": lambda p, d, k: ["targets", str(p)],
    "targets-json": lambda p, d, k: ["targets", str(p), "--format", "json"],
    "targets-csv": lambda p, d, k: ["targets", str(p), "--format", "csv"],
    "report": lambda p, d, k: ["report", str(p)],
    "report-csv": lambda p, d, k: ["report", str(p), "--format", "csv"],
    "report-json": lambda p, d, k: ["report", str(p), "--format", "json"],
    "report-md": lambda p, d, k: ["report", str(p), "--format", "md"],
    "diff": lambda p, d, k: ["diff", str(d[0]), str(d[1])],
    "diff-json": lambda p, d, k: ["diff", str(d[0]), str(d[1]), "--format", "json"],
    "diff-md": lambda p, d, k: ["diff", str(d[0]), str(d[1]), "--format", "md"],
    "rules": lambda p, d, k: ["rules", "--pack", str(k)],
    "rules-check": lambda p, d, k: ["rules", "--check", "--pack", str(k)],
    "explain": lambda p, d, k: ["explain", "XX001", "--pack", str(k)],
    "check-hostile-pack": lambda p, d, k: ["check", str(p), "--pack", str(k)],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_and_format_escapes(cli, plan, drafts, hostile_pack, name):
    code, out, err = cli(*COMMANDS[name](plan, drafts, hostile_pack))
    assert code in (0, 1), (name, code, err[-500:])
    assert "Traceback" not in out + err and "MarkupError" not in out + err, (name, err[-500:])
    for stream in (out, err):
        raw = [repr(m.group()) for m in RAW.finditer(stream)]
        assert not raw, (name, raw[:5])
    if name.endswith(("-json", "-sarif", "-gitlab")):
        json.loads(out)  # escaped as \uXXXX inside strings: still valid JSON with the same data
