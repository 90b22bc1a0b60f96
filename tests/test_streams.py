"""Reports reach a console or file whose code page is not UTF-8 (Windows pipes are cp936 in Chinese offices)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PLAN = str(ROOT / "fixtures" / "partial.md")


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LC_ALL", "LANG", "LANGUAGE")}
    environ.update(env)
    return subprocess.run([sys.executable, "-m", "lintcity", "check", PLAN, "--isolated", "--no-cache", *args],
                          capture_output=True, env=environ, timeout=120)


def test_gbk_pipe_gets_gb18030_text_report_without_a_crash():
    done = _run(PYTHONIOENCODING="cp936")
    assert done.returncode == 1, done.stderr.decode("gb18030", "replace")
    text = done.stdout.decode("gb18030")
    assert "✗" in text and "总体覆盖" in text  # GBK has no ✗: the stream was widened to GB18030
    assert "总体覆盖".encode("gbk") in done.stdout  # Chinese text keeps its GBK bytes for a cp936 reader
    assert b"Traceback" not in done.stderr


def test_machine_formats_are_utf8_whatever_the_code_page():
    for fmt in ("json", "sarif"):
        done = _run("--format", fmt, PYTHONIOENCODING="cp936")
        assert done.returncode == 1, done.stderr.decode("gb18030", "replace")
        data = json.loads(done.stdout.decode("utf-8"))
        assert data


def test_ascii_locale_writes_utf8():
    done = _run(PYTHONCOERCECLOCALE="0", PYTHONUTF8="0", LC_ALL="C", LANG="C")
    assert done.returncode == 1, done.stderr.decode("utf-8", "replace")
    assert "总体覆盖" in done.stdout.decode("utf-8")
    assert b"Traceback" not in done.stderr


def test_chosen_narrow_encoding_is_kept_with_escapes():
    done = _run(PYTHONIOENCODING="latin-1")
    assert done.returncode == 1, done.stderr.decode("latin-1")
    text = done.stdout.decode("latin-1")
    assert "\\u603b\\u4f53" in text or "\\u2717" in text  # escaped, not a crash and not silently dropped
