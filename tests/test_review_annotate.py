"""`lintcity annotate`: a reviewed copy with Word comments, everything else of the document kept.

Six Word files (three fixtures, one of them already carrying a reviewer's comment, and
three real government files) are annotated once; one LibreOffice run converts all
the copies to PDF, which it only does for a package it can open.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import FIXTURES, ROOT

REAL = ROOT / ".." / "shared" / "real-docx"
REAL_FILES = ("三亚.docx", "上海.docx", "东营.docx")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Parts that adding comments changes: the body (anchors), the comments, and the package's lists of parts.
CHANGED = re.compile(r"word/document\.xml|word/comments\w*\.xml|\[Content_Types\]\.xml|word/_rels/document\.xml\.rels")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def annotated(tmp_path_factory):
    """{name: (input, output, exit code, stderr)} for every annotated Word file."""
    import docx
    from click.testing import CliRunner

    from lintcity.cli import main

    work = tmp_path_factory.mktemp("annotate")
    inputs = [FIXTURES / "complete.docx", FIXTURES / "old_plan.docx"]
    commented = work / "partial-commented.docx"  # a draft a colleague has already commented on
    document = docx.Document(str(FIXTURES / "partial.docx"))
    document.add_comment(document.paragraphs[2].runs, text="请补充数据来源", author="张三", initials="ZS")
    document.save(str(commented))
    inputs.append(commented)
    inputs += [REAL / name for name in REAL_FILES if (REAL / name).exists()]
    results = {}
    for source in inputs:
        before = _digest(source)
        output = work / f"{source.stem}.reviewed.docx"
        result = CliRunner().invoke(main, ["annotate", str(source), "-o", str(output)])
        assert _digest(source) == before  # the input is never written
        results[source.name] = (source, output, result.exit_code, result.stderr)
    return results


def _comments(path: Path) -> list[tuple[str, str]]:
    import docx

    return [(c.author, c.text) for c in docx.Document(str(path)).comments]


def _body_runs(path: Path) -> list[list[tuple[bytes, str]]]:
    """Per paragraph, its runs as (formatting, text) with comment markup removed and split runs re-joined."""
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    out = []
    for p in root.iter(f"{W}p"):
        runs: list[tuple[bytes, str]] = []
        for r in p.iter(f"{W}r"):
            if r.find(f"{W}commentReference") is not None:
                continue
            rpr = r.find(f"{W}rPr")
            fmt = etree.tostring(rpr, method="c14n") if rpr is not None else b""
            text = "".join(t.text or "" for t in r.iter(f"{W}t"))
            other = [c.tag for c in r if c.tag not in (f"{W}rPr", f"{W}t")]
            if runs and runs[-1][0] == fmt and not other and text:
                runs[-1] = (fmt, runs[-1][1] + text)
            else:
                runs.append((fmt, text + "".join(other)))
        out.append(runs)
    return out


def _canonical(data: bytes) -> bytes:
    try:
        return etree.tostring(etree.fromstring(data), method="c14n")
    except etree.XMLSyntaxError:
        return data


def test_every_file_gets_comments_by_lintcity(annotated):
    assert len(annotated) >= 2
    for name, (source, output, code, err) in annotated.items():
        assert code == 0, (name, err)
        mine = [text for author, text in _comments(output) if author == "lintcity"]
        assert mine and mine[0].startswith("审阅摘要：覆盖率"), name
        findings = [text for text in mine[1:] if re.match(r"[A-Z]{2}\d{3}（(错误|警告|提示)）", text)]
        assert len(findings) == len(mine) - 1 and (findings or name == "complete.docx"), name


def test_partial_comments_name_the_findings_and_keep_the_colleagues(annotated):
    source, output, _, _ = annotated["partial-commented.docx"]
    comments = _comments(output)
    assert ("张三", "请补充数据来源") in comments
    texts = [text for author, text in comments if author == "lintcity"]
    summary = texts[0]
    for rule in ("GL203", "GL206", "GL402", "OP101", "TG102"):
        assert rule in summary and any(t.startswith(rule) and "建议：" in t for t in texts[1:])
    assert "50%" in summary


def test_comments_anchor_on_the_quoted_words(annotated):
    source, output, _, _ = annotated["old_plan.docx"]
    import docx

    document = docx.Document(str(output))
    xml = zipfile.ZipFile(output).read("word/document.xml").decode("utf-8")
    anchored = {}
    for comment in document.comments:
        match = re.search(rf'<w:commentRangeStart w:id="{comment.comment_id}"/>(.*?)'
                          rf'<w:commentRangeEnd w:id="{comment.comment_id}"/>', xml, re.S)
        assert match, comment.comment_id
        anchored[comment.comment_id] = re.sub(r"<[^>]+>", "", match.group(1))
    title = document.paragraphs[0].text
    assert title in anchored[0]  # the summary sits on the title
    # A missing requirement of part 二 sits on the heading of the plan's tasks (三、主要任务).
    gl203 = next(c.comment_id for c in document.comments if c.text.startswith("GL203"))
    assert anchored[gl203] == "三、主要任务"
    # Findings with a quoted span sit on the span's words, not on the whole paragraph.
    from lintcity.packs import load_pack
    from lintcity.runner import lint_file

    quoted = [d for d in lint_file(source, load_pack()).diagnostics if d.quote and d.span]
    assert len(quoted) >= 3
    for d in quoted:
        words = d.quote[d.span[0]:d.span[1]]
        assert words in anchored.values(), words


def test_everything_but_the_comments_is_kept(annotated):
    import docx

    for name, (source, output, _, _) in annotated.items():
        old, new = zipfile.ZipFile(source), zipfile.ZipFile(output)
        assert set(old.namelist()) <= set(new.namelist()), name
        for part in old.namelist():
            if not CHANGED.fullmatch(part):
                assert _canonical(old.read(part)) == _canonical(new.read(part)), (name, part)
        assert _body_runs(source) == _body_runs(output), name
        a, b = docx.Document(str(source)), docx.Document(str(output))
        assert [p.text for p in a.paragraphs] == [p.text for p in b.paragraphs]
        assert [[c.text for c in row.cells] for t in a.tables for row in t.rows] == \
            [[c.text for c in row.cells] for t in b.tables for row in t.rows]
        assert [s.name for s in a.styles] == [s.name for s in b.styles]
        assert [s.header.paragraphs[0].text if s.header.paragraphs else "" for s in a.sections] == \
            [s.header.paragraphs[0].text if s.header.paragraphs else "" for s in b.sections]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_every_copy(annotated, tmp_path):
    outputs = [output for _, output, _, _ in annotated.values()]
    profile = (tmp_path / "profile").as_uri()
    run = subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                          "--outdir", str(tmp_path), *map(str, outputs)], capture_output=True, text=True,
                         timeout=240)
    assert run.returncode == 0, run.stderr
    for output in outputs:
        pdf = tmp_path / f"{output.stem}.pdf"
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 2000, output.name


@pytest.mark.skipif(not (REAL / REAL_FILES[0]).exists(), reason="../shared/real-docx is not present")
def test_three_real_files_were_annotated(annotated):
    assert all(name in annotated for name in REAL_FILES)


def test_refuses_to_overwrite_the_input(cli, tmp_path):
    plan = tmp_path / "plan.docx"
    shutil.copy(FIXTURES / "partial.docx", plan)
    (tmp_path / "link.docx").symlink_to(plan)
    before = _digest(plan)
    for output in (str(plan), str(tmp_path / "link.docx"), str(tmp_path / "." / "plan.docx")):
        code, _, err = cli("annotate", str(plan), "-o", output)
        assert code == 2 and "-o" in err, output
    code, _, err = cli("annotate", str(tmp_path / "link.docx"), "-o", str(plan))
    assert code == 2
    assert _digest(plan) == before


def test_markdown_text_and_pdf_inputs(cli, tmp_path):
    import docx

    code, _, _ = cli("annotate", str(FIXTURES / "partial.md"), "-o", str(tmp_path / "p.md"))
    original = (FIXTURES / "partial.md").read_text(encoding="utf-8")
    copy = (tmp_path / "p.md").read_text(encoding="utf-8")
    notes = re.findall(r"^<!-- lintcity: (.*) -->$", copy, re.M)
    assert code == 0 and notes[0].startswith("审阅摘要") and any(n.startswith("TG102") for n in notes)
    assert re.sub(r"^<!-- lintcity: .* -->\n", "", copy, flags=re.M) == original
    code, _, _ = cli("annotate", str(FIXTURES / "complete_gb18030.txt"), "-o", str(tmp_path / "c.txt"))
    copy = (tmp_path / "c.txt").read_bytes().decode("gb18030")
    assert code == 0 and "<!-- lintcity: 审阅摘要" in copy  # written back in the original's encoding
    code, _, _ = cli("annotate", str(FIXTURES / "partial.pdf"), "-o", str(tmp_path / "p.docx"))
    report = docx.Document(str(tmp_path / "p.docx"))
    rows = [[c.text for c in row.cells] for row in report.tables[0].rows]
    assert code == 0 and "审阅摘要" in report.paragraphs[1].text and any(r[0] == "GL203" for r in rows)
