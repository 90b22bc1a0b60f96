"""Strict selection and config: unknown selectors, validated values naming file and key, per-file
ignores, severity overrides, .gitignore, skipped non-plan files, empty selections, init, exit codes."""

import json

import pytest

from conftest import FIXTURES

PARTIAL = str(FIXTURES / "partial.md")
SHORT = "# 江临市城市数字化转型三年行动方案\n\n## 一、总体要求\n\n到2027年，建成城市运行和治理智能中枢。\n\n## 二、保障措施\n\n成立领导小组。\n"


def _ids(out: str) -> set[str]:
    return {d["rule_id"] for f in json.loads(out)["files"] for d in f["diagnostics"]}


def test_selectors_comma_lists_repeats_any_case(cli):
    code, out, _ = cli("check", "--format", "json", "--select", "gl402,tg102", "--select", "op101", PARTIAL)
    assert _ids(out) == {"GL402", "TG102", "OP101"} and code == 1
    code, out, _ = cli("check", "--format", "json", "--select", "gl", "--extend-select", "TG", "--ignore",
                       "GL4,gl203", PARTIAL)
    assert _ids(out) == {"GL206", "TG102"}


@pytest.mark.parametrize("args", [("--select", "XX"), ("--select", "GL402,zz"), ("--ignore", "Q"),
                                  ("--extend-select", "GL9")])
def test_unknown_selector_is_one_line_and_exit_2(cli, args):
    code, out, err = cli("check", *args, PARTIAL)
    assert code == 2 and not out
    assert len(err.strip().splitlines()) == 1 and args[0] in err and "未知的规则选择器" in err


def test_ignore_input_errors(cli, tmp_path):
    (tmp_path / "x.xyz").write_text("x")
    (tmp_path / "plan.md").write_text(SHORT, encoding="utf-8")
    code, _, err = cli("check", "--select", "ST", str(tmp_path / "x.xyz"), str(tmp_path / "plan.md"))
    assert code == 2 and "x.xyz" in err
    code, _, err = cli("check", "--select", "ST", "--ignore", "IO002", str(tmp_path / "x.xyz"),
                       str(tmp_path / "plan.md"))
    assert code == 0 and not err


@pytest.mark.parametrize("text, key", [
    ('select = [1, 2]', "select"), ('exclude = 5', "exclude"), ('max-chars = true', "max-chars"),
    ('max-pages = 0', "max-pages"), ('timeout = -1', "timeout"), ('fail-level = "eror"', "fail-level"),
    ('format = "xml"', "format"), ('select = [[["GL"]]]', "select"), ('select = ["XX"]', "select"),
    ('severity = {GL403 = "loud"}', "severity"), ('per-file-ignores = {"*.md" = "ZZ"}', "per-file-ignores"),
    ('respect-gitignore = "yes"', "respect-gitignore"), ('select = ' + '[' * 3000 + ']' * 3000, None),
])
def test_bad_config_values_name_the_file_and_key(cli, tmp_path, text, key):
    config = tmp_path / "lintcity.toml"
    config.write_text(text + "\n", encoding="utf-8")
    code, out, err = cli("check", "--config", str(config), PARTIAL)
    assert code == 2 and not out, err
    assert len(err.strip().splitlines()) == 1 and err.startswith(str(config) + ": "), err
    assert "Traceback" not in err and "--" not in err
    if key:
        assert f"'{key}'" in err


def test_tool_table_in_pyproject_must_be_a_table(cli, tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool]\nlintcity = 5\n", encoding="utf-8")
    code, _, err = cli("check", "--config", str(tmp_path / "pyproject.toml"), PARTIAL)
    assert code == 2 and "tool.lintcity" in err


def test_flag_and_config_checked_alike(cli, tmp_path):
    code, _, err = cli("check", "--max-chars", "0", PARTIAL)
    assert code == 2 and "--max-chars" in err
    code, _, err = cli("check", "--timeout", "nan", PARTIAL)
    assert code == 2 and "--timeout" in err


def test_per_file_ignores_and_severity_overrides(cli, tmp_path):
    config = tmp_path / "lintcity.toml"
    config.write_text('[per-file-ignores]\n"partial.*" = ["OP", "GL2"]\n[severity]\nTG = "warning"\n'
                      'TG102 = "info"\nGL4 = "warning"\n', encoding="utf-8")
    code, out, _ = cli("check", "--format", "json", "--config", str(config), PARTIAL)
    diags = {d["rule_id"]: d["severity"] for d in json.loads(out)["files"][0]["diagnostics"]}
    assert not any(i.startswith(("OP", "GL2")) for i in diags)
    assert diags["TG102"] == "info" and diags["GL401"] == "warning" and code == 0
    code, _, _ = cli("check", "--config", str(config), "--fail-level", "info", PARTIAL)
    assert code == 1


def test_gitignore_readme_and_empty_selection(cli, tmp_path):
    repo = tmp_path / "plans"
    (repo / ".git").mkdir(parents=True)
    (repo / "drafts").mkdir()
    for name in ("plan.md", "README.md", "CHANGELOG.md", "drafts/old.md", "keep.md"):
        (repo / name).write_text(SHORT, encoding="utf-8")
    (repo / ".gitignore").write_text("drafts/\n*.md\n!plan.md\n", encoding="utf-8")
    (repo / "drafts" / ".ignore").write_text("", encoding="utf-8")
    code, out, _ = cli("check", "--format", "json", "--select", "ST", str(repo))
    assert [f["path"] for f in json.loads(out)["files"]] == [str(repo / "plan.md")]
    code, out, _ = cli("check", "--format", "json", "--select", "ST", "--no-respect-gitignore", str(repo))
    assert sorted(f["path"] for f in json.loads(out)["files"]) == sorted(
        str(repo / n) for n in ("plan.md", "drafts/old.md", "keep.md"))
    code, out, _ = cli("check", "--format", "json", "--select", "ST", str(repo / "README.md"))
    assert code == 0 and json.loads(out)["files"][0]["path"].endswith("README.md")  # named: always linted
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = cli("check", str(empty))
    assert code == 2 and str(empty) in err and "--allow-empty" in err
    code, _, _ = cli("check", "--allow-empty", str(empty))
    assert code == 0


def test_exit_codes(cli):
    assert cli("check", "--select", "ST", str(FIXTURES / "complete.md"))[0] == 0
    assert cli("check", "--select", "TG", PARTIAL)[0] == 1
    assert cli("check", "--select", "TG", "--exit-zero", PARTIAL)[0] == 0
    assert cli("check", "--exit-zero", str(FIXTURES / "nothere.md"))[0] == 2
    assert cli("check", "--fail-level", "eror", PARTIAL)[0] == 2


def test_init_writes_a_valid_commented_config(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = cli("init")
    text = (tmp_path / "lintcity.toml").read_text(encoding="utf-8")
    assert code == 0 and text.startswith("#") and "fail-level" in text
    assert cli("init")[0] == 2  # never overwrites without --force
    code, out, err = cli("check", "--select", "ST", str(FIXTURES / "complete.md"))
    assert code == 0, err
    assert cli("--lang", "en", "init", "--force", "en.toml")[0] == 0
    assert "# lintcity configuration" in (tmp_path / "en.toml").read_text(encoding="utf-8")
