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
import shutil
import stat
import subprocess
import sys
import tempfile
import time
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


def file_headers(text_report: str) -> set[str]:
    """The files a text report summarises: each summary starts with the path alone on a line, or
    followed by "  ·  " and the document kind."""
    return {line.split("  ·  ")[0] for line in text_report.splitlines()}


def run_lintcity(args: list[str], cwd: Path, timeout: float = 120, prefix: tuple[str, ...] = (),
                 env: dict[str, str] | None = None) -> Run:
    """`python -m lintcity ARGS` in a child process; its own peak RSS comes from wait4.

    `prefix` runs it through another command (setpriv, to drop privileges).
    """
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
               COLUMNS="400", NO_COLOR="1", PYTHONIOENCODING="utf-8", **(env or {}))
    out_path, err_path = cwd / "stdout.txt", cwd / "stderr.txt"
    with out_path.open("wb") as out, err_path.open("wb") as err:
        proc = subprocess.Popen([*prefix, sys.executable, "-m", "lintcity", *args], stdout=out, stderr=err,
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
    # --ocr never: the image-only PDF must be IO006 whether or not the OCR extra is installed, and OCR's
    # models (~0.5 GB while a page is read) are measured on their own in bench/pdf_stress.py.
    text = run_lintcity(["check", "--isolated", "--no-coverage", "--ocr", "never", str(inputs)], text_dir)
    as_json = run_lintcity(["check", "--isolated", "--format", "json", "--ocr", "never", str(inputs)], json_dir)
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
            # Plain words first (English, or Chinese from the catalog): not an exception's name or repr
            # (details may follow in brackets).
            plain = cause.split("(")[0].split("（")[0]
            assert (len(re.findall(r"\b[a-z]{2,}\b", plain)) >= 2
                    or re.search(r"[\u4e00-\u9fff]{4}", plain)), f"{name}: {cause!r}"
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
    # The text report heads each linted file's summary with its path alone on a line (a document
    # kind may follow after "  ·  ").
    headers = file_headers(runs["text"].stdout)
    for name, path in _good(corpus).items():
        assert str(path) in headers, f"{name} ({path}) not linted"
    # The encrypted PDF with only an owner password opens without one: linted like any other.
    assert str(corpus['pdf_owner_password']) in headers


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
    from lintcity.i18n import t

    assert run.stderr_lines == [f"{big}: {t('speed.timeout', lang='zh', seconds='0.001')}"]
    entry = json.loads(run.stdout)["files"][0]
    assert entry["error"]["rule_id"] == "IO007"


# ----------------------------------------------------------------------------- names on the terminal

def test_control_characters_in_a_file_name_give_one_stderr_line(tmp_path) -> None:
    """A newline, an escape sequence or a line separator in a name is shown escaped, on one line."""
    folder, work = tmp_path / "in", tmp_path / "work"
    folder.mkdir()
    work.mkdir()
    good = make_corpus.docx_bytes(make_corpus.GOOD_PLAN)
    names = {"bad\nname.docx": "bad\\nname.docx", "esc\x1b[31mred.docx": "esc\\x1b[31mred.docx",
             "line\u2028sep.docx": "line\\u2028sep.docx"}
    for name in names:
        (folder / name).write_bytes(good[: len(good) // 2])  # truncated
    (folder / "plan.md").write_text(make_corpus.GOOD_PLAN, encoding="utf-8")
    run = run_lintcity(["check", "--isolated", "--no-coverage", str(folder)], work, env={"LINTCITY_LANG": "en"})
    assert run.code == 2
    assert "\x1b" not in run.stderr + run.stdout
    lines = run.stderr.split("\n")[:-1]  # split("\n"): splitlines() would also split at \u2028
    assert sorted(lines) == sorted(f"{folder}/{shown}: truncated or damaged .docx: the zip package is incomplete "
                                   "(an interrupted download or copy?)" for shown in names.values())
    assert str(folder / "plan.md") in file_headers(run.stdout)


def test_file_name_that_is_not_utf8_prints_and_gives_valid_json(tmp_path) -> None:
    """A name byte 0xFF shows as \\xff on the terminal; in JSON it round-trips to the same bytes."""
    folder, work = tmp_path / "in", tmp_path / "work"
    folder.mkdir()
    work.mkdir()
    plan = folder / os.fsdecode(b"plan\xff.md")
    plan.write_text(make_corpus.GOOD_PLAN, encoding="utf-8")
    text = run_lintcity(["check", "--isolated", "--no-coverage", str(folder)], work)
    assert text.code != 2 and text.stderr == "", text.stderr
    assert f"{folder}/plan\\xff.md" in file_headers(text.stdout)
    as_json = run_lintcity(["check", "--isolated", "--format", "json", str(folder)], work)
    assert as_json.code != 2 and as_json.stderr == "", as_json.stderr
    entry = json.loads(as_json.stdout)["files"][0]
    assert os.fsencode(entry["path"]) == os.fsencode(str(plan)) and entry["error"] is None


def test_escape_sequences_in_a_document_never_reach_the_terminal(tmp_path) -> None:
    """Quotes from a hostile document are shown with control characters escaped."""
    work = tmp_path / "work"
    work.mkdir()
    plan = tmp_path / "plan.md"
    plan.write_text("# 江临市数字化转型方案\n\n到2030年，全市\x1b[2J\x1b[31m数字化转型全面突破。\n", encoding="utf-8")
    run = run_lintcity(["check", "--isolated", "--no-coverage", str(plan)], work)
    assert "\x1b" not in run.stdout + run.stderr
    assert "\\x1b[2J" in run.stdout, "no finding quotes the sentence any more: pick another one"


@pytest.mark.parametrize("text, shown", [
    ("a\nb", "a\\nb"), ("tab\there", "tab\\there"), ("\x1b[0m", "\\x1b[0m"), ("\x7f\x85", "\\x7f\\x85"),
    ("rtl\u202eexe.docx", "rtl\\u202eexe.docx"), ("bad\udcffbyte", "bad\\xffbyte"),
    ("规划 文件/智慧　城市 [bold].md", "规划 文件/智慧　城市 [bold].md"),
])
def test_printable_escapes_only_what_is_unsafe(text, shown) -> None:
    from lintcity.errors import printable

    assert printable(text) == shown


# ----------------------------------------------------------------------------- files that are something else

@pytest.mark.parametrize("case, code, cause", [
    ("docx_encrypted", "IO005", "password-protected (encrypted) Word file — save an unprotected copy"),
    ("docx_legacy_doc", "IO002", "an old binary Word .doc file, not .docx — open it in Word or WPS and save as .docx"),
    ("docx_is_pdf", "IO002", "not a .docx file: it is a PDF file with a .docx name"),
    ("docx_is_xlsx", "IO002", "not a Word document: it is an Excel .xlsx workbook with a .docx name"),
    ("pdf_is_docx", "IO002", "not a PDF file: it is a Word .docx file with a .pdf name"),
    ("docx_truncated", "IO004", "truncated or damaged .docx"),
])
def test_a_file_that_is_not_what_its_name_says_is_named_for_what_it_is(case, code, cause, corpus, cli,
                                                                       monkeypatch) -> None:
    monkeypatch.setenv("LINTCITY_LANG", "en")
    path = corpus[case]
    exit_code, out, err = cli("check", "--isolated", "--format", "json", str(path))
    assert exit_code == 2
    assert err.startswith(f"{path}: {cause}") and err.count("\n") == 1, err
    assert json.loads(out)["files"][0]["error"]["rule_id"] == code


def test_pdf_failing_while_reading_pages_names_the_real_error(corpus, cli, monkeypatch) -> None:
    """A page drawing text in a font that is not there is a damaged PDF (IO004), not an empty one."""
    monkeypatch.setenv("LINTCITY_LANG", "en")
    path = corpus["pdf_broken_font"]
    exit_code, _, err = cli("check", "--isolated", "--format", "json", str(path))
    assert exit_code == 2
    assert err.startswith(f"{path}: corrupt or unreadable PDF (") and err.count("\n") == 1, err
    assert "PdfminerException" not in err and ": )" not in err, err


# ----------------------------------------------------------------------------- the per-document timer

def test_first_file_is_not_timed_out_by_loading_spacy_and_jieba(corpus, tmp_path) -> None:
    """In a fresh process, loading spaCy and jieba takes ~2 s, more than this --timeout."""
    run = run_lintcity(["check", "--isolated", "--format", "json", "--timeout", "1", str(corpus["good_plan"])],
                       tmp_path)
    assert run.stderr == "", run.stderr
    assert json.loads(run.stdout)["files"][0]["error"] is None


def test_nlp_pipeline_loads_before_the_timer_starts(corpus, cli, monkeypatch, tmp_path) -> None:
    """Machine-independent twin of the test above: a loader slower than the limit must not count."""
    from lintcity import nlp

    real, calls = nlp.blank_zh, tmp_path / "calls"  # a file: the document runs in a (forked) worker process

    def slow_blank_zh():
        if not calls.exists():
            time.sleep(1.0)  # a slow disk: loading takes longer than the limit below
        with calls.open("a") as f:
            f.write("1")
        return real()

    monkeypatch.setattr(nlp, "blank_zh", slow_blank_zh)
    exit_code, out, err = cli("check", "--isolated", "--no-cache", "--format", "json", "--timeout", "0.5",
                              str(corpus["good_plan"]))
    assert err == "" and exit_code != 2, err
    assert json.loads(out)["files"][0]["error"] is None and calls.exists()


def test_timeout_zero_or_infinity_is_no_limit_and_nan_is_refused(corpus, cli) -> None:
    for value in ("0", "inf"):
        exit_code, _, err = cli("check", "--isolated", "--format", "json", "--timeout", value,
                                str(corpus["good_plan"]))
        assert exit_code != 2 and err == "", f"--timeout {value}: {err}"
    exit_code, _, err = cli("check", "--isolated", "--timeout", "nan", str(corpus["good_plan"]))
    assert exit_code == 2 and "--timeout" in err and "internal error" not in err, err


def test_max_pages_names_an_option_that_exists(cli, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LINTCITY_LANG", "en")
    path = tmp_path / "two_pages.pdf"
    path.write_bytes(make_corpus.pdf_bytes(make_corpus.GOOD_PLAN * 3))
    exit_code, _, err = cli("check", "--isolated", "--format", "json", "--max-pages", "1", str(path))
    assert exit_code == 2
    assert err == f"{path}: PDF has 2 pages, over the limit of 1 (raise it with --max-pages)\n"
    exit_code, _, err = cli("check", "--isolated", "--format", "json", "--max-pages", "2", str(path))
    assert err == "", err


# ----------------------------------------------------------------------------- permissions

def _denied_probe(prefix: tuple[str, ...], locked: Path) -> str:
    """Empty if, run through `prefix`, Python imports lintcity and is refused `locked`; else why not."""
    code = ("import lintcity.cli\n"
            f"try:\n    open({str(locked)!r}).read()\nexcept PermissionError:\n    print('denied')\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT), HOME=str(locked.parent))
    try:
        done = subprocess.run([*prefix, sys.executable, "-c", code], capture_output=True, text=True, env=env,
                              cwd=locked.parent, timeout=60, check=False)
    except OSError as exc:
        return f"{' '.join(prefix)}: {exc}"
    if done.stdout.strip() == "denied":
        return ""
    return f"{' '.join(prefix) or 'this user'}: {(done.stderr.strip().splitlines() or ['can read it'])[-1]}"


def _unprivileged(locked: Path) -> tuple[str, ...]:
    """A command prefix under which file permissions apply, or skip saying why none exists.

    Tests usually run as root, who reads any file. In order: no prefix when not
    root; setpriv to user nobody (needs the interpreter and the repository
    readable by everyone); setpriv keeping root but dropping the capabilities
    that bypass permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH).
    """
    if os.geteuid() != 0:
        return ()
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv is not installed: no way to drop privileges")
    candidates = [(setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"),
                  (setpriv, "--bounding-set=-dac_override,-dac_read_search",
                   "--inh-caps=-dac_override,-dac_read_search")]
    reasons = []
    for prefix in candidates:
        reason = _denied_probe(prefix, locked)
        if not reason:
            return prefix
        reasons.append(reason)
    pytest.skip("cannot drop privileges here: " + "; ".join(reasons))


def test_unreadable_file_and_folder_as_unprivileged_user() -> None:
    """Mode 000 file and folder, linted without root's privileges: one line each, the rest linted."""
    root = Path(tempfile.mkdtemp(prefix="lintcity-perm-"))  # pytest's tmp_path is private to root
    inputs, work = root / "inputs", root / "work"
    try:
        root.chmod(0o755)
        inputs.mkdir(mode=0o755)
        work.mkdir(mode=0o777)
        (inputs / "good.md").write_text(make_corpus.GOOD_PLAN, encoding="utf-8")
        secret = inputs / "secret.md"
        secret.write_text(make_corpus.GOOD_PLAN, encoding="utf-8")
        locked = inputs / "locked"
        locked.mkdir()
        (locked / "plan.md").write_text(make_corpus.GOOD_PLAN, encoding="utf-8")
        for path in (inputs / "good.md", secret, locked / "plan.md"):
            path.chmod(0o644)
        secret.chmod(0)
        locked.chmod(0)
        prefix = _unprivileged(secret)
        # The session's cache folder is root's and closed to others: the unprivileged run gets a private cache
        # folder owned by the user it runs as (nobody, or root without its file capabilities), or it would
        # rightly warn that the cache folder is unusable.
        cache = work / "cache"
        cache.mkdir(mode=0o700)
        if any("--reuid=65534" in part for part in prefix):
            os.chown(cache, 65534, 65534)
        run = run_lintcity(["check", "--isolated", "--no-coverage", str(inputs)], work, prefix=prefix,
                           env={"HOME": str(work), "LINTCITY_CACHE_DIR": str(cache)})
        assert run.code == 2, run.stderr
        assert sorted(run.stderr_lines) == sorted([
            f"{locked}: 无法打开文件夹（Permission denied），其中的文件未检查",
            f"{secret}: permission denied",
        ])
        assert str(inputs / "good.md") in file_headers(run.stdout)
        assert "Traceback" not in run.stdout + run.stderr
    finally:
        for path in (root / "inputs" / "locked", root / "inputs" / "secret.md"):
            if path.exists() or path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(root, ignore_errors=True)


def _plan_folder(tmp_path: Path, *names: str) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in names:
        (folder / name).write_text(make_corpus.GOOD_PLAN, encoding="utf-8")
    return folder


def _deny(monkeypatch, owner, attribute: str, name: str) -> None:
    """Make owner.attribute (Path.open, os.scandir …) raise EACCES for anything called `name`."""
    real = getattr(owner, attribute)

    def guarded(target=".", *args, **kwargs):
        if Path(target).name == name:
            raise PermissionError(13, "Permission denied", os.fspath(target))
        return real(target, *args, **kwargs)

    monkeypatch.setattr(owner, attribute, guarded)


def _one_error_and_the_rest_linted(cli, args: list[str], error: str, good: Path) -> None:
    exit_code, out, err = cli("check", "--isolated", "--no-coverage", *args)
    assert exit_code == 2
    assert err == error + "\n"
    assert str(good) in file_headers(out)


def test_permission_denied_on_open_is_one_line(cli, monkeypatch, tmp_path) -> None:
    """In-process: opening the file raises PermissionError (what a mode-000 file gives a normal user)."""
    folder = _plan_folder(tmp_path, "good.md", "locked.md")
    _deny(monkeypatch, Path, "open", "locked.md")
    _one_error_and_the_rest_linted(cli, [str(folder)], f"{folder / 'locked.md'}: permission denied",
                                   folder / "good.md")


def test_folder_that_cannot_be_listed_is_reported_not_skipped(cli, monkeypatch, tmp_path) -> None:
    """os.walk drops folders it cannot list unless asked; their files would vanish from the run."""
    folder = _plan_folder(tmp_path, "good.md")
    (folder / "locked").mkdir()
    (folder / "locked" / "plan.md").write_text(make_corpus.GOOD_PLAN, encoding="utf-8")
    _deny(monkeypatch, os, "scandir", "locked")
    _one_error_and_the_rest_linted(
        cli, [str(folder)],
        f"{folder / 'locked'}: 无法打开文件夹（Permission denied），其中的文件未检查",
        folder / "good.md")


def test_file_behind_an_unsearchable_folder_is_one_line(cli, monkeypatch, tmp_path) -> None:
    """stat() failing with EACCES (a parent folder without x permission) made Path.is_dir() raise."""
    folder = _plan_folder(tmp_path, "good.md", "hidden.md")
    _deny(monkeypatch, Path, "stat", "hidden.md")
    hidden, good = folder / "hidden.md", folder / "good.md"
    _one_error_and_the_rest_linted(cli, [str(hidden), str(good)],
                                   f"{hidden}: 没有权限（路径上的某个文件夹无法打开）", good)


def test_system_read_error_while_parsing_is_not_called_corruption(cli, monkeypatch, tmp_path) -> None:
    """An I/O error (failing disk, network share gone) is IO001 "cannot read", not IO004 "corrupt"."""
    import errno

    from lintcity.parsers import txt

    path = tmp_path / "plan.txt"
    path.write_text(make_corpus.GOOD_PLAN, encoding="utf-8")

    def failing_read(path, limits):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(txt, "read_text", failing_read)
    exit_code, out, err = cli("check", "--isolated", "--format", "json", str(path))
    assert exit_code == 2
    assert err == f"{path}: cannot read file (Input/output error)\n"
    assert json.loads(out)["files"][0]["error"]["rule_id"] == "IO001"


# ----------------------------------------------------------------------------- Markdown nesting

@pytest.mark.parametrize("levels", [49, 100, 127])
def test_deeply_nested_markdown_list_keeps_every_level(levels, cli, tmp_path) -> None:
    path = tmp_path / "nested.md"
    path.write_text(make_corpus.nested_list_md(levels), encoding="utf-8")
    exit_code, out, err = cli("parse", "--format", "json", str(path))
    assert exit_code == 0 and err == "", err
    missing = [k for k in range(levels) if f"第{k}层：" not in out]
    assert not missing, f"text of levels {missing[:5]}... lost"


def test_deeply_nested_markdown_quote_keeps_its_text(cli, tmp_path) -> None:
    path = tmp_path / "quotes.md"
    path.write_text("> " * 200 + "嵌套两百层的引用。\n", encoding="utf-8")
    exit_code, out, err = cli("parse", "--format", "json", str(path))
    assert exit_code == 0 and "嵌套两百层的引用。" in out, err


@pytest.mark.parametrize("source", [make_corpus.nested_list_md(128), "- " * 10_000 + "列表项。\n",
                                    "> " * 256 + "引用。\n", "> - " * 5_000 + "混合。\n"])
def test_markdown_nested_past_the_cap_is_refused_not_truncated(source, cli, tmp_path) -> None:
    """Past the cap markdown-it drops the inner text; refusing says so instead of linting what is left."""
    path = tmp_path / "too_deep.md"
    path.write_text(source, encoding="utf-8")
    exit_code, out, err = cli("check", "--isolated", "--format", "json", str(path))
    assert exit_code == 2
    assert err.startswith(f"{path}: lists or quotes nested too deeply") and err.count("\n") == 1, err
    assert json.loads(out)["files"][0]["error"]["rule_id"] == "IO004"


def test_an_internal_error_on_one_file_leaves_the_others_linted(tmp_path, monkeypatch):
    """A bug of ours triggered by one document is that document's IO009 line, not the end of the run."""
    from click.testing import CliRunner

    from lintcity import analysis
    from lintcity.cli import main

    good = tmp_path / "good.md"
    good.write_text("# 某市方案\n\n推进一网通办。\n", encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text("# 某市方案\n\n触发缺陷的文字。\n", encoding="utf-8")
    real = analysis.analyze

    def flaky(doc, pack):
        if "触发缺陷" in doc.blocks[-1].text:
            raise ValueError("boom")
        return real(doc, pack)

    monkeypatch.setattr(analysis, "analyze", flaky)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(good), str(bad)])
    assert result.exit_code == 2, result.output
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert errors == [f"{bad}: internal error: ValueError: boom — please report it (run with --debug for details)"]
    import json
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    assert files[str(good)]["coverage"] and not files[str(good)].get("error")
    debug = CliRunner().invoke(main, ["--debug", "check", str(bad)])
    assert isinstance(debug.exception, ValueError)


def test_parse_command_escapes_terminal_sequences_in_document_text(tmp_path):
    from click.testing import CliRunner

    from lintcity.cli import main

    doc = tmp_path / "esc.md"
    doc.write_text("# 标题\n\n正文\x1b[31m红色\x1b[0m内容。\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["parse", str(doc)])
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\\x1b[31m" in result.stdout


def test_a_corrupt_jieba_cache_is_ignored_and_rebuilt(tmp_path):
    """The one cache lintcity causes (jieba's dictionary) lives in a private folder; garbage in it
    costs a rebuild, never an error line, and is replaced whole (no temporary files left behind)."""
    import os
    import subprocess
    import sys

    from conftest import FIXTURES

    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "jieba-shards.cache").write_bytes(b"\x00not a marshal dump" * 100)
    (cache / "jieba.cache").write_bytes(b"\x00an earlier format" * 100)
    env = {**os.environ, "LINTCITY_CACHE_DIR": str(cache)}
    run = subprocess.run([sys.executable, "-m", "lintcity", "check", "--isolated", "--no-coverage",
                          str(FIXTURES / "partial.md")], capture_output=True, text=True, env=env)
    assert run.returncode in (0, 1), run.stderr
    assert run.stderr == ""
    # beside the content cache, and the earlier format's file removed
    assert sorted(p.name for p in cache.iterdir() if p.is_file()) == ["jieba-shards.cache"]
    assert (cache / "jieba-shards.cache").stat().st_size > 1_000_000  # rebuilt from jieba's dictionary
