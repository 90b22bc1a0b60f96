"""Chinese throughout by default, English with --lang en: help, click's own errors, every command's output."""

import re

import pytest

from conftest import FIXTURES

COMMANDS = ("check", "parse", "rules", "explain", "init")  # the reviewers' commands are tested in their module
# Words a Chinese user types or reads as names: format and choice values, languages, file suffixes,
# the tool and pack names, environment variables, TOML literals, terms of the pack.
ALLOWED = {"text", "concise", "json", "sarif", "junit", "github", "gitlab", "markdown", "zh", "en", "error",
           "warning", "info", "lintcity", "guideline", "toml", "pyproject", "docx", "pdf", "txt", "md", "LANG",
           "LC_ALL", "LINTCITY_LANG", "true", "false", "select", "ignore", "APP", "README", "CHANGELOG",
           "gitignore", "utf", "tool", "main", "targets", "PDF", "disable", "enable", "auto", "always", "never", "ocr", "cache", "CPU", "ALL", "LANG"} | set(COMMANDS)
_NAMES = re.compile(r"--?[a-z][a-z-]*|(?<![A-Za-z])[A-Z]{2}\d*(?![A-Za-z])|\S+\.(?:md|docx|pdf|txt|toml|yaml)\b|\b[a-z]+(?:-[a-z0-9]+)+\b"
                    r"|\d+(?:\.\d+)*")


def english_words(text: str, extra: set[str] = frozenset()) -> set[str]:
    stripped = _NAMES.sub(" ", text)
    return {w for w in re.findall(r"[A-Za-z][A-Za-z_]+", stripped)} - ALLOWED - set(extra)


@pytest.fixture(scope="module")
def rule_names(pack):
    from lintcity.checks.engine import requirement_checks

    return {w for r in requirement_checks(pack).values() for w in re.findall(r"[A-Za-z]+", r.name)}


@pytest.mark.parametrize("command", ("",) + COMMANDS)
def test_help_is_chinese_by_default_and_english_on_request(cli, command):
    args = [command, "--help"] if command else ["--help"]
    code, out, _ = cli(*args)
    assert code == 0 and "用法" in out and "选项" in out
    ours = "\n".join(line for line in out.splitlines() if line.split()[:1] not in (["report"], ["diff"], ["targets"],
                                                                                   ["annotate"]))
    assert not english_words(ours), english_words(ours)
    code, out, _ = cli("--lang", "en", *args)
    assert code == 0 and "Usage:" in out and "Options" in out and "Show this message and exit." in out
    assert not re.search(r"[\u4e00-\u9fff]{6}", out.replace("发改数据〔2024〕660号", "")), out


def test_click_usage_errors_are_translated(cli):
    code, _, err = cli("check", "--bogus", "x")
    assert code == 2 and "没有选项" in err and "错误" in err and not english_words(err)
    code, _, err = cli("check", "--fail-level", "eror", str(FIXTURES / "partial.md"))
    assert code == 2 and "eror" in err and "Invalid" not in err
    code, _, err = cli("--lang", "en", "check", "--bogus", "x")
    assert code == 2 and "No such option" in err


def test_every_command_output_is_chinese(cli, rule_names, tmp_path):
    md = str(FIXTURES / "partial.md")
    rule_names = rule_names | set(re.findall(r"[A-Za-z]+", (FIXTURES / "partial.md").read_text(encoding="utf-8")))
    outputs = [cli("check", md, str(tmp_path / "missing.md")), cli("check", "--format", "concise", md),
               cli("check", "--statistics", md), cli("parse", md), cli("rules"),
               cli("explain", "GL203"), cli("explain", "IO002"), cli("explain", "SP002")]
    for code, out, err in outputs:
        assert code in (0, 1, 2)
        words = english_words((out + err).replace(str(tmp_path), ""), rule_names)
        assert not words, (words, (out + err)[:300])
    code, out, err = cli("--lang", "en", "check", md, str(tmp_path / "missing.md"))
    assert "no such file or folder" in err and "overall coverage" in out and "to add:" in out
