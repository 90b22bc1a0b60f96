"""Speed without changed answers: workers, the cache, the time limit, start-up and signals.

No timing is asserted here (bench/run.py measures); these tests check that the
fast paths give the same reports, that the time limit stops what it should,
and that the cache cannot be planted or left half-written.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from lintcity.cache import CacheFolder, atomic_write, open_cache
from lintcity.checks.hygiene import HygieneCheck
from lintcity.diagnostics import FileReport
from lintcity.errors import InputError
from lintcity.limits import Limits
from lintcity.runner import RunOptions, lint_file, lint_many

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
BATCH = ["complete.docx", "partial.pdf", "negated.md", "spam.txt"]


def _check_json(cli, *args: str) -> tuple[int, list[dict]]:
    code, out, _ = cli("check", "--format", "json", *args)
    return code, json.loads(out)["files"]


@pytest.fixture(scope="module")
def runs(tmp_path_factory, pack):
    """The same batch (with an unreadable file in the middle) through -j1, -j2 cold, and -j2 warm."""
    from click.testing import CliRunner

    from lintcity.cli import main
    from lintcity.runner import prepare

    prepare(FIXTURES / "complete.docx", pack)  # the forked workers inherit the loaded libraries
    tmp = tmp_path_factory.mktemp("jobs")
    missing = str(tmp / "missing.docx")
    paths = [str(FIXTURES / n) for n in BATCH[:2]] + [missing] + [str(FIXTURES / n) for n in BATCH[2:]]
    cache = str(tmp / "cache")

    def run(*extra: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, ["check", "--format", "json", *extra, *paths], catch_exceptions=False)
        return result.exit_code, result.stdout

    return {"paths": paths, "cache": cache,
            "j1": run("--jobs", "1", "--no-cache"),
            "j2": run("--jobs", "2", "--cache-dir", cache),
            "warm": run("--jobs", "2", "--cache-dir", cache)}


def test_same_reports_in_the_same_order_for_any_jobs_and_a_warm_cache(runs):
    code, out = runs["j1"]
    assert code == 2  # the missing file
    files = json.loads(out)["files"]
    assert [f["path"] for f in files] == runs["paths"]
    assert files[2]["error"]["rule_id"] == "IO001"
    assert all(f["coverage"] for i, f in enumerate(files) if i != 2)
    assert any(f["targets"] for f in files)
    assert runs["j2"] == runs["j1"]
    assert runs["warm"] == runs["j1"]
    entries = list(Path(runs["cache"]).rglob("*.pkl"))
    assert len([p for p in entries if "report" in p.parts]) == len(BATCH)


def test_warm_run_loads_no_parser_or_nlp_library(runs, tmp_path):
    heavy = ("spacy", "jieba", "docx", "pdfplumber", "pypdfium2", "ahocorasick_rs")
    for fmt in ("text", "json"):
        code = ("import sys\nfrom lintcity.cli import main\n"
                f"sys.argv = ['lintcity', 'check', '--format', {fmt!r}, '--cache-dir', {runs['cache']!r}, "
                f"'--jobs', '2', *{runs['paths'][:2]!r}]\n"
                "try:\n    main()\nexcept SystemExit:\n    pass\n"
                f"print([m for m in {heavy!r} if m in sys.modules])")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT).stdout
        assert out.strip().splitlines()[-1] == "[]", fmt


def test_version_and_help_import_no_heavy_library():
    heavy = ("spacy", "jieba", "rjieba", "pdfplumber", "pypdfium2", "docx", "ahocorasick", "ahocorasick_rs", "yaml",
             "jsonschema", "importlib.resources", "tempfile", "zipfile",  # 10 ms of reading the catalog
             "pathlib", "dataclasses")  # 6 ms: the commands import pathlib when they run
    # an environment's start-up may import some of them itself (a .pth file, an editable install's finder)
    bare = subprocess.run([sys.executable, "-c", f"import sys, click\nprint([m for m in {heavy!r} if m in sys.modules])"],
                          capture_output=True, text=True, cwd=ROOT).stdout.strip()
    heavy = tuple(m for m in heavy if m not in eval(bare))  # noqa: S307 - our own subprocess's list literal
    for args in (["--version"], ["--help"], ["check", "--help"], ["cache", "--help"]):
        code = ("import sys\nfrom lintcity.cli import main\n"
                f"sys.argv = ['lintcity', *{args!r}]\n"
                "try:\n    main()\nexcept SystemExit:\n    pass\n"
                f"print([m for m in {heavy!r} if m in sys.modules])")
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
        assert result.stdout.strip().splitlines()[-1] == "[]", (args, result.stdout, result.stderr)


# -- the time limit ------------------------------------------------------------

def _spin(self, analysis):  # a check stuck in Python code
    while True:
        pass


def _block(self, analysis):  # a check stuck in one C call, which no thread can interrupt
    time.sleep(3600)


def test_time_limit_stops_long_checks_in_any_thread(monkeypatch, pack):
    monkeypatch.setattr(HygieneCheck, "run", _spin)
    options = RunOptions(Limits(timeout_s=0.5))
    out: list[FileReport] = []
    worker = threading.Thread(target=lambda: out.append(lint_file(FIXTURES / "spam.md", pack, options)))
    worker.start()
    worker.join(30)
    assert not worker.is_alive()
    assert out[0].error is not None and out[0].error.rule_id == "IO007"
    assert "--timeout" in out[0].error.message


def test_timeout_option_stops_long_checks_with_io007_and_the_next_file_runs(monkeypatch, cli, tmp_path):
    """Through the CLI's worker processes (forked, so they inherit the patched check)."""
    if not sys.platform.startswith("linux"):
        pytest.skip("worker processes inherit the patch only when forked (Linux)")
    for stuck in (_spin, _block):  # cooperative stop, then the hard kill of the worker
        monkeypatch.setattr(HygieneCheck, "run", stuck)
        code, out, err = cli("check", "--format", "json", "--timeout", "1", "--no-cache", "--jobs", "1",
                             str(FIXTURES / "spam.md"), str(FIXTURES / "spam.txt"))
        files = json.loads(out)["files"]
        assert code == 2 and [f["error"]["rule_id"] for f in files] == ["IO007", "IO007"], stuck
        assert "spam.md" in err and "--timeout" in err


# -- the cache -------------------------------------------------------------------

def test_cache_refuses_a_folder_others_can_write_or_own(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    folder = open_cache(shared)
    assert folder.root != shared and folder.warning and "shared" in folder.warning
    assert oct(folder.root.stat().st_mode & 0o777) == "0o700"
    if hasattr(os, "getuid") and os.getuid() == 0:
        foreign = tmp_path / "foreign"
        foreign.mkdir(mode=0o700)
        os.chown(foreign, 65534, 65534)
        refused = open_cache(foreign)
        assert refused.root != foreign and refused.warning
    mine = tmp_path / "mine"
    assert open_cache(mine).root == mine and open_cache(mine).warning is None


def test_cli_says_when_it_refuses_a_cache_folder(cli, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    code, _, err = cli("check", "--cache-dir", str(shared), str(FIXTURES / "complete.md"))
    assert code == 0 and str(shared) in err
    assert not any(shared.iterdir())  # nothing written to the refused folder


def test_corrupt_or_wrong_typed_entries_are_dropped_and_rebuilt(tmp_path, pack):
    cache = CacheFolder(tmp_path)
    options = RunOptions(cache=cache)
    first = lint_file(FIXTURES / "partial.md", pack, options)
    entries = sorted(tmp_path.rglob("*.pkl"))
    assert len(entries) == 2  # the parsed document and the report
    for entry in entries:
        entry.write_bytes(b"garbage")
    assert lint_file(FIXTURES / "partial.md", pack, options) == first
    report_entry = next(p for p in tmp_path.rglob("*.pkl") if "report" in p.parts)
    good = report_entry.read_bytes()
    cache.store("report", report_entry.stem, ["not", "a", "report"])  # right header, wrong type
    assert cache.load("report", report_entry.stem, FileReport) is None and not report_entry.exists()
    report_entry.write_bytes(good.replace(b"report:1", b"report:0"))  # another format version
    assert cache.load("report", report_entry.stem, FileReport) is None
    assert lint_file(FIXTURES / "partial.md", pack, options) == first


def test_changed_pack_never_reuses_verdicts(tmp_path, pack):
    import dataclasses

    cache = CacheFolder(tmp_path)
    options = RunOptions(cache=cache)
    lint_file(FIXTURES / "spam.md", pack, options)
    spam = next(r for r in pack.requirements if r.kind == "hygiene" and r.options.get("patterns"))
    fewer = tuple(r for r in pack.requirements if r.id != spam.id)
    entries = tuple((e, s) for e, s in pack.entries if e.get("id") != spam.id)
    other = dataclasses.replace(pack, requirements=fewer, entries=entries)
    report = lint_file(FIXTURES / "spam.md", other, options)
    assert spam.id not in {d.rule_id for d in report.diagnostics}
    assert len([p for p in tmp_path.rglob("*.pkl") if "doc" in p.parts]) == 1  # the parse was reused


def test_failed_write_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "entry.pkl"
    target.mkdir()  # os.replace cannot put a file over a folder
    with pytest.raises(OSError):
        atomic_write(target, b"x" * 1_000_000)
    assert [p.name for p in tmp_path.iterdir()] == ["entry.pkl"]
    cache = CacheFolder(tmp_path)
    blocked = cache._entry("doc", "ab" * 20)
    blocked.mkdir(parents=True)
    cache.store("doc", "ab" * 20, {"x": 1})  # a failed store costs time, not an error
    assert list(blocked.parent.iterdir()) == [blocked]


def test_cache_clean(cli, tmp_path):
    folder = tmp_path / "c"
    assert cli("check", "--cache-dir", str(folder), str(FIXTURES / "complete.md"))[0] == 0
    assert any(folder.rglob("*.pkl"))
    code, out, _ = cli("cache", "clean", "--cache-dir", str(folder))
    assert code == 0 and str(folder) in out
    assert not any(p.is_file() for p in folder.rglob("*"))


# -- signals -----------------------------------------------------------------------

@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads worker pids from /proc")
def test_sigterm_ends_the_workers(tmp_path):
    env = {**os.environ, "LINTCITY_CACHE_DIR": str(tmp_path / "c")}
    stuck = ("import sys, time\nfrom lintcity.checks.hygiene import HygieneCheck\n"
             "HygieneCheck.run = lambda self, a: time.sleep(3600)\n"
             "from lintcity.cli import main\n"
             f"sys.argv = ['lintcity', 'check', '--jobs', '2', '--timeout', '0', "
             f"{str(FIXTURES / 'spam.md')!r}, {str(FIXTURES / 'spam.txt')!r}]\nmain()\n")
    proc = subprocess.Popen([sys.executable, "-c", stuck], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    children_file = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    workers: list[int] = []
    for _ in range(600):
        workers = [int(p) for p in children_file.read_text().split()] if children_file.exists() else []
        if len(workers) == 2:
            break
        time.sleep(0.1)
    assert len(workers) == 2
    time.sleep(1)  # let them reach the stuck check
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGTERM and b"Traceback" not in err
    for pid in workers:
        status = Path(f"/proc/{pid}/status")
        assert not status.exists() or "zombie" in status.read_text()


def test_lint_many_takes_a_lazy_iterable(pack, tmp_path):
    items = (x for x in [FIXTURES / "complete.md", InputError("nope.md", "gone", "IO001"), FIXTURES / "spam.md"])
    reports = list(lint_many(items, pack, RunOptions(), jobs=2))
    assert [Path(r.path).name for r in reports] == ["complete.md", "nope.md", "spam.md"]
    assert reports[1].error.rule_id == "IO001" and reports[0].coverage


def test_token_patterns_run_only_on_blocks_with_their_anchor_words(monkeypatch):
    from lintcity import nlp

    patterns = nlp.TokenPatterns({"OP999": [[{"TEXT": "政府"}, {"TEXT": {"IN": ["、", "和"]}}, {"TEXT": "企业"}]],
                                  "X1": [[{"TEXT": "数据"}, {"TEXT": "共享", "OP": "?"}, {"TEXT": "平台"}]]})
    made: list[str] = []
    real = nlp.matcher_doc
    monkeypatch.setattr(nlp, "matcher_doc", lambda text, cut=None: made.append(text) or real(text, cut))
    assert patterns.hits(nlp.Segmentation("推进政务服务，提升治理能力。")) == []
    assert made == []  # no anchor word: no spaCy Doc, no Matcher run
    text = "鼓励政府、企业共同参与运营。"
    assert patterns.hits(nlp.Segmentation(text)) == [("OP999", 2, 7)] and made == []  # literal: no spaCy either
    text = "建设数据平台。"  # an operator: spaCy's Matcher decides
    assert patterns.hits(nlp.Segmentation(text)) == [("X1", 2, 6)] and made == [text]


def test_segmentation_is_lazy_and_matches_jieba():
    from lintcity import nlp

    seg = nlp.Segmentation("统一运维平台建设")
    assert seg._words is None  # nothing cut until asked
    assert 0 in seg and len(seg.text) in seg
    assert "".join(seg.words) == seg.text and seg.words == nlp.words(seg.text)


def test_validated_pack_is_cached_by_the_content_of_its_yaml(tmp_path, monkeypatch):
    import shutil

    from lintcity import pack_cache
    from lintcity.packs import Pack, builtin_rules_dir

    monkeypatch.setenv("LINTCITY_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "pack"
    shutil.copytree(builtin_rules_dir() / "guideline-2024", folder)
    first = pack_cache.load_cached(str(folder), ())
    key = pack_cache.pack_key(str(folder), ())
    assert open_cache().load("pack", key, Pack).requirements == first.requirements  # stored, validated type
    with (folder / "pack.yaml").open("a", encoding="utf-8") as f:
        f.write("\n# edited\n")
    assert pack_cache.pack_key(str(folder), ()) != key  # any edit is a new entry, never the stale pack


def test_a_worker_that_dies_costs_only_its_document_and_the_one_waiting_behind_it_is_linted(pack, monkeypatch,
                                                                                            tmp_path):
    """Each worker holds the next document in its pipe; when it dies that document goes to a new worker."""
    import os

    from lintcity import runner

    names = ["a.md", "dies.md", "b.md", "c.md"]
    for name in names:
        (tmp_path / name).write_text("# 某市方案\n\n推进一网通办，建设城市运行管理平台。\n", encoding="utf-8")
    real = runner.lint_file

    def dying(path, *args, **kwargs):
        if Path(path).name == "dies.md":
            os._exit(3)  # a crash in a C library: no exception, no report
        return real(path, *args, **kwargs)

    monkeypatch.setattr(runner, "lint_file", dying)  # the forked workers inherit it
    reports = list(lint_many([tmp_path / n for n in names], pack, RunOptions(), jobs=1))
    assert [Path(r.path).name for r in reports] == names
    assert [r.error.rule_id if r.error else None for r in reports] == [None, "IO009", None, None]
    assert all(r.coverage for r in reports if not r.error)
