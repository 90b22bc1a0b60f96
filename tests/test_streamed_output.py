"""`check --format json` is written file by file while the batch runs, and keeps no report.

The streamed text must be exactly what the whole-run renderer gives, its exit
codes those of every other format, and a report must be gone once its line is
written (memory flat over any batch: the parent held 260 MB for 1,000 files).
"""

from __future__ import annotations

import gc
import json
import weakref
from pathlib import Path

from lintcity.report import json_report
from lintcity.report.run import RunResult

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_streamed_json_is_the_whole_run_renderers_text_with_the_same_exit_codes(cli, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    files = [str(FIXTURES / "complete.md"), str(broken), str(FIXTURES / "spam.docx")]
    code, out, err = cli("check", "--isolated", "--no-cache", "--format", "json", *files)
    assert code == 2 and "broken.docx" in err  # the unreadable file: one line, exit 2, the others linted
    data = json.loads(out)
    assert [Path(f["path"]).name for f in data["files"]] == ["complete.md", "broken.docx", "spam.docx"]
    assert data["summary"]["files"] == 3 and data["summary"]["unreadable"] == 1
    assert data["summary"]["error"] == sum(d["severity"] == "error" for f in data["files"] for d in f["diagnostics"])
    # text / SARIF render the whole run at once: same exit code
    assert cli("check", "--isolated", "--no-cache", "--format", "sarif", *files)[0] == 2
    written = tmp_path / "out.json"
    assert cli("check", "--isolated", "--no-cache", "--format", "json", "-o", str(written), *files)[0] == 2
    assert written.read_text(encoding="utf-8") == out  # -o and stdout: the same bytes
    one = [str(FIXTURES / "spam.docx")]
    assert cli("check", "--isolated", "--no-cache", "--format", "json", *one)[0] == 1  # spam is an error finding
    assert cli("check", "--isolated", "--no-cache", "--format", "json", "--exit-zero", *one)[0] == 0
    code, empty_out, _ = cli("check", "--isolated", "--no-cache", "--format", "json", "--select", "ST101",
                             str(FIXTURES / "complete.md"))
    assert code == 0 and json.loads(empty_out)["summary"]["error"] == 0


def test_each_report_is_released_once_its_line_is_written(cli, tmp_path):
    from lintcity.limits import Limits
    from lintcity.packs import load_pack
    from lintcity.runner import RunOptions, lint_file

    pack = load_pack()
    names = ["complete.md", "spam.md", "partial.md"]
    alive: list[weakref.ref] = []

    def reports():
        for name in names:
            report = lint_file(FIXTURES / name, pack, RunOptions(Limits()))
            alive.append(weakref.ref(report))
            yield report
            del report

    stream = json_report.pieces(pack.id, reports(), lambda: {})
    next(stream)  # the head
    seen = []
    for piece in stream:
        gc.collect()
        seen.append(sum(ref() is not None for ref in alive))
        if len(seen) == len(names):
            break
    assert seen == [1, 1, 1]  # only the report being written is alive
    whole = RunResult([lint_file(FIXTURES / n, pack, RunOptions(Limits())) for n in names], pack.id)
    assert json.loads(json_report.render(whole))["summary"]["files"] == 3


def test_values_orjson_refuses_are_written_in_the_same_compact_shape():
    value = {"quote": "损坏的\udc80文本", "n": 2**70, "score": 0.5}
    assert json_report._dump(value) == '{"quote":"损坏的\udc80文本","n":1180591620717411303424,"score":0.5}'
    assert json_report._dump({"quote": "正常", "score": 0.5}) == '{"quote":"正常","score":0.5}'


def test_a_streamed_report_goes_to_stdout_while_the_bar_shows_on_a_terminal_stderr(tmp_path):
    """stderr a terminal, stdout a file: the bar shows, and every byte of the report still lands in the file.

    Before streaming, nothing reached stdout while the bar was up; now each file's part does, and
    none of it may go through the bar's console (rich's Live redirects sys.stdout by default).
    """
    import os
    import pty
    import shutil
    import subprocess
    import sys

    for k in range(60):  # enough work for the bar's delay (0.8 s) on a fast machine
        shutil.copy(FIXTURES / "complete.md", tmp_path / f"plan{k}.md")
    for fmt, marker in (("json", b'"files"'), ("text", b"plan3.md")):
        primary, secondary = pty.openpty()
        out = tmp_path / f"out.{fmt}"
        env = {**os.environ, "LINTCITY_LANG": "en", "COLUMNS": "120"}
        with out.open("wb") as stdout:
            run = subprocess.run([sys.executable, "-m", "lintcity", "check", "--isolated", "--no-cache", "-j", "1",
                                  "--format", fmt, str(tmp_path)], stdout=stdout, stderr=secondary, env=env,
                                 timeout=300)
        os.close(secondary)
        shown = b""
        try:
            while chunk := os.read(primary, 65536):
                shown += chunk
        except OSError:  # the terminal's other end is closed: all read
            pass
        os.close(primary)
        assert run.returncode == 0 and b"Linting" in shown  # the bar was up
        assert marker in out.read_bytes() and marker not in shown  # and no report went through it
        if fmt == "json":
            assert len(json.loads(out.read_text(encoding="utf-8"))["files"]) == 60
