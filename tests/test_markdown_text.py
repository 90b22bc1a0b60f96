"""No Markdown text is dropped: indented and fenced code blocks and HTML blocks are read as text."""

from __future__ import annotations

from lintcity.parsers import parse_file
from test_hostile import make_corpus

DOC = """# 江临市数字化转型方案

## 一、主要任务

    建设城市运行和治理智能中枢，统一运维。
    建立城市数字化转型运营运维长效机制。

<div align="center">
<p>到2027年，政务服务事项全程网办率达到95%&amp;以上。</p>
<!-- 注释不是正文 -->
</div>

```
推进数据共享。
```
"""


def test_verbatim_blocks_are_text_with_their_lines(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text(DOC, encoding="utf-8")
    blocks = [(b.kind, b.norm, str(b.location)) for b in parse_file(path).blocks]
    assert blocks[2:] == [
        ("paragraph", "建设城市运行和治理智能中枢，统一运维。建立城市数字化转型运营运维长效机制。", "行5"),
        ("paragraph", "到2027年，政务服务事项全程网办率达到95%&以上。", "行9"),
        ("paragraph", "推进数据共享。", "行14"),
    ]
    assert all("注释" not in b[1] for b in blocks)


def test_plan_indented_by_four_spaces_reads_like_the_plain_one(tmp_path):
    """Drafters indent paragraphs; markdown-it calls that code. The text must be the same either way."""
    plain, indented = tmp_path / "plain.md", tmp_path / "indented.md"
    plain.write_text(make_corpus.GOOD_PLAN, encoding="utf-8")
    indented.write_text("\n".join(("    " + line if line and not line.startswith("#") else line)
                                  for line in make_corpus.GOOD_PLAN.splitlines()) + "\n", encoding="utf-8")
    text = "".join(b.norm for b in parse_file(plain).blocks)
    assert "".join(b.norm for b in parse_file(indented).blocks) == text
