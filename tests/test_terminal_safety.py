"""Nothing from a document, a file name or a pack reaches the terminal unescaped.

One hostile plan carries ESC/CSI/OSC sequences, a right-to-left override and
rich markup ("[/red]", "[bold]") in text that lands in finding messages (HY101,
TG104), quotes and the targets table; it is linted through the real commands.
Output must hold no raw control or bidi characters, show the markup literally,
and never crash (rich raised MarkupError on "[/red]").
"""

from __future__ import annotations

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
