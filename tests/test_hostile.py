"""Hostile and broken inputs through the real command line.

The corpus (tests/hostile/make_corpus.py) is built once into a temporary
folder: damaged and malicious .docx/.pdf, empty files, a 200 MB text, mixed
encodings, 10,000-level nesting, symlink loops, a pipe, an unreadable file,
broken rule packs and good plans among them. `lintcity check` runs in a child
process (so its memory can be measured and capped) and must: exit 2; print one
stderr line per bad file, naming it with a plain cause; never show a
traceback; still lint the good files; stay under 1 GB; leave every input as
it was.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import resource
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GB = 1024 ** 3
MEMORY_LIMIT_KB = 1024 * 1024          # peak RSS allowed for the whole corpus run
ADDRESS_SPACE_CAP = 4 * GB             # backstop: a runaway child fails instead of swapping the machine


def _load_corpus_module():
    spec = importlib.util.spec_from_file_location("lintcity_hostile_corpus",
                                                  ROOT / "tests" / "hostile" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


make_corpus = _load_corpus_module()


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    max_rss_kb: int

    @property
    def stderr_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_CAP, ADDRESS_SPACE_CAP))


def run_lintcity(args: list[str], cwd: Path, timeout: float = 120) -> Run:
    """`python -m lintcity ARGS` in a child process; its own peak RSS comes from wait4."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
               COLUMNS="400", NO_COLOR="1", PYTHONIOENCODING="utf-8")
    out_path, err_path = cwd / "stdout.txt", cwd / "stderr.txt"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen([sys.executable, "-m", "lintcity", *args], stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL, cwd=cwd, env=env, preexec_fn=_cap_memory)
        try:
            _, status, usage = _wait4(proc.pid, timeout)
        finally:
            if proc.returncode is None and proc.poll() is None:
                proc.kill()
                proc.wait()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(proc.returncode, out_path.read_text("utf-8"), err_path.read_text("utf-8"), usage.ru_maxrss)


def _wait4(pid: int, timeout: float):
    """os.wait4 with a deadline (the child is killed if it hangs)."""
    import time

    deadline = time.monotonic() + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return done, status, usage
        if time.monotonic() > deadline:
            os.kill(pid, 9)
            raise AssertionError(f"lintcity did not finish within {timeout} s")
        time.sleep(0.05)


def snapshot(folder: Path) -> dict[str, tuple]:
    """Content hash and mtime of every file under `folder` (links, pipes and unreadable files by metadata)."""
    state: dict[str, tuple] = {}
    for base, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = Path(base, name)
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                state[str(path)] = ("link", os.readlink(path))
            elif stat.S_ISREG(info.st_mode) and os.access(path, os.R_OK):
                digest = hashlib.sha256()
                with path.open("rb") as fh:
                    for chunk in iter(lambda: fh.read(1 << 22), b""):
                        digest.update(chunk)
                state[str(path)] = ("file", digest.hexdigest(), info.st_size, info.st_mtime_ns, info.st_mode)
            else:
                state[str(path)] = ("other", info.st_size, info.st_mtime_ns, info.st_mode)
    return state


# ----------------------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, Path]:
    return make_corpus.build(tmp_path_factory.mktemp("hostile"))


@pytest.fixture(scope="module")
def inputs(corpus) -> Path:
    return corpus["good_plan"].parent.parent


@pytest.fixture(scope="module")
def runs(corpus, inputs, tmp_path_factory) -> dict[str, object]:
    """The whole corpus linted twice (text and JSON), with the inputs snapshotted around both runs."""
    before = snapshot(inputs.parent)
    work = tmp_path_factory.mktemp("runs")
    text_dir, json_dir = work / "text", work / "json"
    text_dir.mkdir()
    json_dir.mkdir()
    text = run_lintcity(["check", "--isolated", "--no-coverage", str(inputs)], text_dir)
    as_json = run_lintcity(["check", "--isolated", "--format", "json", str(inputs)], json_dir)
    after = snapshot(inputs.parent)
    return {"text": text, "json": as_json, "before": before, "after": after}


def _bad(corpus) -> dict[str, Path]:
    return {name: corpus[name] for name, codes in make_corpus.EXPECTED.items() if codes}


def _good(corpus) -> dict[str, Path]:
    return {name: corpus[name] for name, codes in make_corpus.EXPECTED.items() if codes is None}


# ----------------------------------------------------------------------------- the corpus run

def test_corpus_run_exits_2(runs) -> None:
    assert runs["text"].code == 2, runs["text"].stderr
    assert runs["json"].code == 2, runs["json"].stderr


def test_one_plain_stderr_line_per_bad_file(runs, corpus) -> None:
    bad = _bad(corpus)
    for mode in ("text", "json"):
        lines = runs[mode].stderr_lines
        for name, path in bad.items():
            mine = [line for line in lines if line.startswith(f"{path}: ")]
            assert len(mine) == 1, f"{name}: expected one line for {path}, got {mine}"
            cause = mine[0][len(f"{path}: "):]
            # Plain words first: not an exception's name or repr (details may follow in brackets).
            assert len(re.findall(r"\b[a-z]{2,}\b", cause.split("(")[0])) >= 2, f"{name}: {cause!r}"
            assert not re.match(r"[A-Z]\w*(Error|Exception)\b", cause), f"{name}: {cause!r}"
        assert len(lines) == len(bad), "extra stderr lines:\n" + "\n".join(
            line for line in lines if not any(line.startswith(f"{p}: ") for p in bad.values()))


def test_each_bad_file_gets_its_error_code(runs, corpus) -> None:
    report = json.loads(runs["json"].stdout)
    by_path = {f["path"]: f for f in report["files"]}
    for name, codes in make_corpus.EXPECTED.items():
        entry = by_path.get(str(corpus[name]))
        assert entry is not None, f"{name} missing from the JSON report"
        if codes is None:
            assert entry["error"] is None, f"{name}: {entry['error']}"
        else:
            assert entry["error"] and entry["error"]["rule_id"] in codes, f"{name}: {entry['error']}"


def test_no_traceback_anywhere(runs) -> None:
    for mode in ("text", "json"):
        output = runs[mode].stdout + runs[mode].stderr
        assert "Traceback" not in output
        assert "internal error" not in output


def test_good_files_are_still_linted(runs, corpus) -> None:
    stdout = runs["text"].stdout
    for name, path in _good(corpus).items():
        assert f"{path}:" in stdout, f"{name} ({path}) not linted"
    # The encrypted PDF with only an owner password opens without one: linted like any other.
    assert f"{corpus['pdf_owner_password']}:" in stdout


def test_peak_memory_under_1gb(runs) -> None:
    for mode in ("text", "json"):
        peak = runs[mode].max_rss_kb
        print(f"peak RSS ({mode} run): {peak / 1024:.0f} MB")
        assert peak < MEMORY_LIMIT_KB, f"{mode} run peaked at {peak / 1024:.0f} MB"


def test_inputs_are_never_modified(runs) -> None:
    before, after = runs["before"], runs["after"]
    assert before.keys() == after.keys()
    changed = [path for path in before if before[path] != after[path]]
    assert not changed, f"modified by lintcity: {changed}"


def test_external_entities_are_never_read(runs, corpus) -> None:
    for mode in ("text", "json"):
        output = runs[mode].stdout + runs[mode].stderr
        assert make_corpus.XXE_MARKER not in output
        assert "root:x:0" not in output


# ----------------------------------------------------------------------------- in depth

def test_python_docx_parser_neither_expands_nor_loads_entities(corpus) -> None:
    """Defence in depth behind the DTD check: the XML parser python-docx uses."""
    from docx.oxml.parser import parse_xml
    from lxml import etree

    secret = corpus["good_plan"].parent.parent.parent / "secret" / "marker.dat"
    tree = parse_xml(make_corpus.external_entity_xml(secret))
    text = etree.tostring(tree, encoding="unicode")
    assert make_corpus.XXE_MARKER not in text and "root:x:0" not in text
    try:
        tree = parse_xml(make_corpus.BILLION_LAUGHS)
    except etree.XMLSyntaxError:
        return  # libxml2 refuses the amplification outright
    assert len(etree.tostring(tree)) < 100_000


def test_symlink_loop_folder_is_walked_once(corpus) -> None:
    from lintcity.discover import discover

    found = discover([str(corpus["symlink_loop_dir"])])
    assert found.files == [corpus["symlink_loop_file"]]  # the file loop, read (and refused) once


def test_huge_text_is_refused_after_the_character_limit(corpus) -> None:
    """The 200 MB file is refused once max_chars is passed, not after reading it all."""
    import time

    from lintcity.errors import InputError
    from lintcity.limits import Limits
    from lintcity.parsers import parse_file

    start = time.monotonic()
    with pytest.raises(InputError) as info:
        parse_file(corpus["txt_200mb"], Limits(max_chars=1_000_000))
    assert info.value.code == "IO007" and "--max-chars" in info.value.cause
    assert time.monotonic() - start < 2


# ----------------------------------------------------------------------------- rule packs and limits

@pytest.mark.parametrize("case", sorted(make_corpus.PACK_CASES))
def test_bad_rule_pack_is_one_line_naming_file_and_field(case, corpus, tmp_path) -> None:
    filename, words = make_corpus.PACK_CASES[case]
    pack_dir = corpus[case]
    run = run_lintcity(["check", "--isolated", "--rules", str(pack_dir), str(corpus["good_plan"])], tmp_path)
    assert run.code == 2
    assert "Traceback" not in run.stdout + run.stderr
    assert len(run.stderr_lines) == 1, run.stderr
    line = run.stderr_lines[0]
    assert line.startswith(f"{pack_dir / filename}: "), line
    for word in words:
        assert word in line, f"{word!r} not in {line!r}"


def test_tiny_timeout_gives_io007(corpus, tmp_path) -> None:
    big = corpus["big_plan"]
    run = run_lintcity(["check", "--isolated", "--format", "json", "--timeout", "0.001", str(big)], tmp_path)
    assert run.code == 2
    assert "Traceback" not in run.stdout + run.stderr
    assert run.stderr_lines == [f"{big}: took longer than 0.001 s to read (raise it with --timeout)"]
    entry = json.loads(run.stdout)["files"][0]
    assert entry["error"]["rule_id"] == "IO007"
