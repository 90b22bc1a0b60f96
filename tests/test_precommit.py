"""The pre-commit hook, run as a user would: `pre-commit try-repo` in a fresh git repository of plans.

The offline hook (`language: system`) is tested: `language: python` makes pre-commit install lintcity
and its dependencies from the package index, which CI cannot reach (docs/ci.md)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _run(args, cwd, env):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_try_repo_reports_findings_and_skips_non_plans(tmp_path):
    pytest.importorskip("pre_commit")
    repo = tmp_path / "plans"
    repo.mkdir()
    shutil.copy(FIXTURES / "partial.md", repo / "partial.md")
    shutil.copy(FIXTURES / "complete.md", repo / "complete.md")
    (repo / "README.md").write_text("# 说明\n", encoding="utf-8")
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""), "PRE_COMMIT_HOME": str(tmp_path / "pc"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.invalid", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.invalid", "LANG": "zh_CN.UTF-8"}
    assert _run(["git", "init", "-q"], repo, env).returncode == 0
    assert _run(["git", "add", "."], repo, env).returncode == 0
    pre_commit = [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "lintcity-system"]
    failed = _run(pre_commit + ["--all-files"], repo, env)
    assert failed.returncode == 1, failed.stdout + failed.stderr
    findings = failed.stdout.split("lintcity (installed)")[-1]
    assert "partial.md:行1: 错误 GL203" in findings and "Failed" in failed.stdout
    assert not [line for line in findings.splitlines() if line.startswith("complete.md:") and " 错误 " in line]
    assert "README.md" not in findings
