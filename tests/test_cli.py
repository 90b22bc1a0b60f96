"""Real CLI runs through click's runner: exit codes, bad inputs beside good files, outputs."""

import json
import subprocess
import sys
import zipfile

import pytest

from conftest import FIXTURES, ROOT
from lintcity import __version__


def test_version_and_help(cli):
    code, out, _ = cli("--version")
    assert code == 0 and __version__ in out
    code, out, _ = cli("--help")
    assert code == 0 and "check" in out and "explain" in out


def test_version_does_not_import_heavy_libraries():
    code = ("import sys, lintcity.cli\n"
            "from click.testing import CliRunner\n"
            "CliRunner().invoke(lintcity.cli.main, ['--version'])\n"
            "heavy = [m for m in ('spacy', 'jieba', 'pypdfium2', 'pdfplumber', 'docx', 'opencc') if m in sys.modules]\n"
            "print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
    assert out.strip() == "[]"


def test_complete_plan_has_no_error(cli):
    code, out, err = cli("check", "--format", "json", str(FIXTURES / "complete.docx"))
    data = json.loads(out)
    errors = [d for d in data["files"][0]["diagnostics"] if d["severity"] == "error"]
    assert errors == [] and code == 0, errors


def test_partial_plan_exits_1_and_names_the_missing(cli):
    code, out, _ = cli("check", "--no-coverage", str(FIXTURES / "partial.docx"))
    assert code == 1
    for rule in ("GL203", "GL206", "GL401", "GL402", "GL403", "OP101", "TG102"):
        assert rule in out


def test_json_is_pure_and_has_locations(cli):
    code, out, err = cli("check", "--format", "json", str(FIXTURES / "partial.pdf"))
    data = json.loads(out)
    diag = data["files"][0]["diagnostics"]
    assert all(d["location"] for d in diag)
    assert data["summary"]["files"] == 1


def test_select_and_ignore(cli):
    code, out, _ = cli("check", "--format", "json", "--select", "TG", str(FIXTURES / "partial.md"))
    ids = {d["rule_id"] for d in json.loads(out)["files"][0]["diagnostics"]}
    assert ids and all(i.startswith("TG") for i in ids)
    code, out, _ = cli("check", "--format", "json", "--ignore", "GL", "--ignore", "OP", "--ignore", "TG",
                       str(FIXTURES / "partial.md"))
    ids = {d["rule_id"] for d in json.loads(out)["files"][0]["diagnostics"]}
    assert not any(i[:2] in ("GL", "OP", "TG") for i in ids)


def test_fail_level_warning(cli):
    code, _, _ = cli("check", "--select", "ST", str(FIXTURES / "complete.md"))
    assert code == 0
    code, _, _ = cli("check", "--select", "CT", "--fail-level", "warning", str(FIXTURES / "old_plan.md"))
    assert code == 1


@pytest.fixture
def bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "notzip.docx").write_text("not a zip")
    with zipfile.ZipFile(tmp_path / "nobody.docx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "plan.pages").write_text("x")
    return tmp_path


def test_bad_inputs_one_line_each_and_good_file_still_linted(cli, bad_inputs):
    names = ["empty.txt", "notzip.docx", "nobody.docx", "broken.pdf", "binary.txt", "plan.pages", "missing.md"]
    args = [str(bad_inputs / n) for n in names] + [str(FIXTURES / "complete.md")]
    code, out, err = cli("check", "--format", "json", *args)
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == len(names)
    for name, line in zip(names, lines):
        assert line.startswith(str(bad_inputs / name) + ": ")
    assert "Traceback" not in out + err
    files = {f["path"]: f for f in json.loads(out)["files"]}
    assert files[str(FIXTURES / "complete.md")]["coverage"]
    codes = {n: files[str(bad_inputs / n)]["error"]["rule_id"] for n in names}
    assert codes == {"empty.txt": "IO003", "notzip.docx": "IO004", "nobody.docx": "IO004", "broken.pdf": "IO004",
                     "binary.txt": "IO004", "plan.pages": "IO002", "missing.md": "IO001"}


def test_directory_walk_skips_hidden_and_excluded(cli, tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.md").write_text("# 隐藏\n")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "plan.md").write_bytes((FIXTURES / "partial.md").read_bytes())
    (tmp_path / "plan.md").write_bytes((FIXTURES / "complete.md").read_bytes())
    (tmp_path / "notes.pages").write_text("ignored in folders")
    code, out, err = cli("check", "--format", "json", "--exclude", "old", str(tmp_path))
    paths = [f["path"] for f in json.loads(out)["files"]]
    assert paths == [str(tmp_path / "plan.md")] and code == 0


def test_targets_command(cli):
    code, out, _ = cli("targets", "--format", "json", str(FIXTURES / "complete.pdf"))
    found = json.loads(out)
    years = {t["year"] for t in found}
    assert code == 0 and {2027, 2030} <= years
    assert all(isinstance(t["value"], float) for t in found)


def test_rules_explain(cli):
    code, out, _ = cli("rules")
    assert code == 0 and "GL203" in out and "OP106" in out
    code, out, _ = cli("explain", "gl203")
    assert code == 0 and "## 为什么" in out and "产城融合" in out
    code, out, _ = cli("--lang", "en", "explain", "gl203")
    assert code == 0 and "## Why" in out
    code, _, err = cli("explain", "ZZ999")
    assert code == 2


def test_unknown_option_exits_2(cli):
    code, _, _ = cli("check", "--bogus", "x")
    assert code == 2


def test_config_file(cli, tmp_path, monkeypatch):
    (tmp_path / "lintcity.toml").write_text('select = ["TG"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("check", "--format", "json", str(FIXTURES / "partial.md"))
    ids = {d["rule_id"] for d in json.loads(out)["files"][0]["diagnostics"]}
    assert ids and all(i.startswith("TG") for i in ids)
    (tmp_path / "lintcity.toml").write_text('selekt = ["TG"]\n', encoding="utf-8")
    code, _, err = cli("check", str(FIXTURES / "partial.md"))
    assert code == 2 and "'selekt'" in err and str(tmp_path / "lintcity.toml") in err


def test_config_max_pages_limits_pdfs(cli, tmp_path):
    """max-pages from lintcity.toml applies like --max-pages, and the message says how to raise it."""
    config = tmp_path / "lintcity.toml"
    config.write_text("max-pages = 5\n", encoding="utf-8")
    pdf = FIXTURES / "complete.pdf"  # 42 pages
    code, _, err = cli("check", "--config", str(config), "--no-coverage", str(pdf))
    assert code == 2
    assert err.count("\n") == 1 and "max-pages" in err and str(pdf) in err
    code, _, err = cli("check", "--config", str(config), "--max-pages", "100", "--no-coverage", str(pdf))
    assert code != 2 and not err.strip()


def test_parse_has_the_same_limits_as_check(cli):
    """`parse` refuses what `check` refuses: a size limit and the per-document time limit, each IO007's line."""
    code, out, err = cli("parse", "--max-chars", "100", str(FIXTURES / "complete.md"), str(FIXTURES / "partial.md"))
    assert code == 2
    assert err.count("\n") == 2 and "--max-chars" in err
    code, out, err = cli("parse", "--timeout", "0.000001", str(FIXTURES / "complete.pdf"))
    assert code == 2 and "--timeout" in err and err.count("\n") == 1
    code, out, err = cli("parse", "--max-chars", "100000", str(FIXTURES / "partial.md"))
    assert code == 0 and "partial.md" in out and not err
