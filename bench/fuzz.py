"""Fuzzing lintcity: damaged documents, random plan-like text, mutated packs and configs.

    python bench/fuzz.py [COUNT] [--mode files|text|packs|configs|all] [--seed N] [--keep DIR]

Modes: `files` mutates the fixture .docx/.pdf and parses them; `text` lints
random plan-like text (.txt/.md with numbers, years, negations, markup, escape
sequences, digit runs, deep lists) through the whole pipeline (parse, analysis,
checks) where an internal error (IO009) is a crash; `packs` mutates a small
pack (wrong types, hostile regexes, Matcher patterns, YAML aliases, damaged
bytes): it must load or be refused with a one-line PackError, and a pack that
loads must lint a plan without an internal error; `configs` mutates lintcity.toml
files: a dict or a one-line ConfigError. Peak RSS is printed at the end.

Takes real documents (fixtures/*.docx and *.pdf; generated ones when there
are none), damages them at random and runs `lintcity.parsers.parse_file` on
each. Every outcome must be a Document or an InputError with a one-line
message; anything else is a crash. Prints the counts of ok / input-error /
timeout / crash, the causes behind the generic "corrupt file" errors, and for
each crash the input that caused it (kept with --keep).

tests/test_fuzz.py runs the same loop, shorter, with a fixed seed.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import random
import sys
import traceback
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from lintcity.errors import InputError  # noqa: E402
from lintcity.limits import Limits  # noqa: E402
from lintcity.parsers import parse_file  # noqa: E402
from lintcity.runner import time_limit  # noqa: E402

FIXTURES = ROOT / "fixtures"
MAX_SEED_BYTES = 60_000  # bigger fixtures parse too slowly to mutate thousands of times


@dataclass
class Outcome:
    kind: str                  # ok | input-error | timeout | crash
    detail: str = ""           # error code and cause, or the crash's traceback
    origin: str = ""           # for a wrapped library error: exception type and where it was raised


@dataclass
class Tally:
    counts: Counter = field(default_factory=Counter)
    origins: Counter = field(default_factory=Counter)
    crashes: list[tuple[str, bytes, str]] = field(default_factory=list)  # (name, input, traceback)

    def add(self, name: str, data: bytes, outcome: Outcome) -> None:
        self.counts[outcome.kind] += 1
        if outcome.origin:
            self.origins[outcome.origin] += 1
        if outcome.kind == "crash":
            self.crashes.append((name, data, outcome.detail))


def seed_documents(work: Path, max_bytes: int = MAX_SEED_BYTES) -> list[tuple[str, bytes]]:
    """(file name, bytes) of the documents to mutate: small fixtures, else generated ones."""
    found = [p for p in sorted(FIXTURES.glob("*.docx")) + sorted(FIXTURES.glob("*.pdf"))
             if p.stat().st_size <= max_bytes]
    suffixes = {p.suffix for p in found}
    seeds = [(p.name, p.read_bytes()) for p in found]
    if {".docx", ".pdf"} - suffixes:
        corpus = _make_corpus()
        if ".docx" not in suffixes:
            seeds.append(("generated.docx", corpus.docx_bytes(corpus.GOOD_PLAN)))
        if ".pdf" not in suffixes:
            seeds.append(("generated.pdf", corpus.pdf_bytes(corpus.GOOD_PLAN)))
    return seeds


def _make_corpus():
    path = ROOT / "tests" / "hostile" / "make_corpus.py"
    spec = importlib.util.spec_from_file_location("lintcity_hostile_corpus", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


# ----------------------------------------------------------------------------- mutations

def mutate(rng: random.Random, data: bytes, suffix: str) -> bytes:
    """One random damage. For .docx, half the time the damage goes inside an
    XML part and the package is zipped again, so that it reaches the XML parser
    and python-docx instead of stopping at the zip checksum."""
    if suffix == ".docx" and rng.random() < 0.5:
        return _mutate_part(rng, data)
    return _mutate_bytes(rng, data)


def _mutate_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    if not out:
        return bytes(out)
    how = rng.choice(("flip", "flip", "flip", "truncate", "delete", "duplicate", "insert", "interesting"))
    if how == "flip":
        for _ in range(rng.randint(1, 12)):
            out[rng.randrange(len(out))] = rng.randrange(256)
    elif how == "truncate":
        del out[rng.randrange(len(out)):]
    elif how == "delete":
        start = rng.randrange(len(out))
        del out[start:start + rng.randint(1, 512)]
    elif how == "duplicate":
        start = rng.randrange(len(out))
        chunk = out[start:start + rng.randint(1, 512)]
        at = rng.randrange(len(out))
        out[at:at] = chunk
    elif how == "insert":
        at = rng.randrange(len(out))
        out[at:at] = rng.randbytes(rng.randint(1, 64))
    else:  # numbers and delimiters that parsers treat specially
        token = rng.choice([b"0", b"-1", b"99999999999", b"1e308", b"NaN", b"<<", b">>", b"[", b"]", b"(", b")",
                            b"/", b"R", b"obj", b"endobj", b"stream", b"<", b">", b"&", b"\x00", b"\xff\xfe"])
        at = rng.randrange(len(out))
        out[at:at + rng.randint(0, 4)] = token
    return bytes(out)


def _mutate_part(rng: random.Random, package: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(package)) as zf:
            parts = {name: zf.read(name) for name in zf.namelist()}
    except (zipfile.BadZipFile, OSError, ValueError):
        return _mutate_bytes(rng, package)
    xml = [n for n in parts if n.endswith((".xml", ".rels"))]
    name = "word/document.xml" if "word/document.xml" in xml and rng.random() < 0.6 else rng.choice(xml)
    parts[name] = _mutate_bytes(rng, parts[name])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for part, content in parts.items():
            zf.writestr(part, content)
    return out.getvalue()


# ----------------------------------------------------------------------------- running

def run_one(path: Path, limits: Limits) -> Outcome:
    """Parse one file and classify the outcome."""
    try:
        with time_limit(limits.timeout_s, str(path)):
            doc = parse_file(path, limits)
    except InputError as exc:
        message = str(exc)
        if "\n" in message or not exc.cause.strip():
            return Outcome("crash", f"InputError message not one plain line: {message!r}")
        kind = "timeout" if exc.code == "IO007" and "--timeout" in exc.cause else "input-error"
        return Outcome(kind, f"{exc.code} {exc.cause}", _origin(exc.__cause__))
    except Exception:  # anything else escaping parse_file is a bug
        return Outcome("crash", traceback.format_exc())
    if not doc.blocks:
        return Outcome("crash", "parse_file returned a Document without blocks")
    return Outcome("ok")


def _origin(exc: BaseException | None) -> str:
    """'TypeError at module:function' for the library error behind a generic IO004."""
    while exc is not None and type(exc).__name__ == "PdfminerException" and exc.args \
            and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]  # pdfplumber wraps every pdfminer error; report the original
    if exc is None:
        return ""
    frames = traceback.extract_tb(exc.__traceback__)
    where = ""
    if frames:
        last = frames[-1]
        module = Path(last.filename).stem
        where = f" at {module}:{last.name}"
    return f"{type(exc).__name__}{where}"


def fuzz(count: int, seed: int, work: Path, limits: Limits | None = None) -> Tally:
    """Run `count` mutations spread over the seed documents, deterministically for a seed."""
    limits = limits or Limits(timeout_s=10.0)
    rng = random.Random(seed)
    seeds = seed_documents(work)
    work.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    for n in range(count):
        name, data = seeds[n % len(seeds)]
        suffix = Path(name).suffix
        mutated = mutate(rng, data, suffix)
        path = work / f"mutant{suffix}"
        path.write_bytes(mutated)
        tally.add(f"{n:05d}-{name}", mutated, run_one(path, limits))
    return tally


# ----------------------------------------------------------------------------- whole pipeline

_PIECES = ("到2027年，", "到2030年", "全市", "数据共享率达到95%", "建成10个数据中心", "实现全覆盖", "尚未", "暂不纳入本方案",
           "另行研究", "《关于深化智慧城市发展 推进城市全域数字化转型的指导意见》", "（发改数据〔2024〕660号）",
           "城市运行和治理智能中枢", "一网统管", "运营运维", "责任单位：市数据局", "XX市", "【待补充】", "。", "，", "；",
           "、", "\n", "\n\n", "# ", "## 一、", "### （一）", "- ", "1. ", "> ", "    ", "```\n", "<div>", "</div>",
           "<!-- x -->", "| 指标 | 2027年 |\n|---|---|\n| 覆盖率 | 95% |\n", "[/red]", "[bold]", "\x1b[2J",
           "\x1b]0;t\x07", "\u202e", "二〇二七年", "２０２７年", "１００％", "5G", "IPv6", "≥", "以上", "左右",
           "1,000,000", "3.14", "較2024年", "數據", "\t\t", "\u3000\u3000")


def plan_like_text(rng: random.Random) -> str:
    """Random text from plan phrases, numbers and hostile characters (sometimes a long run of one)."""
    parts = []
    for _ in range(rng.randint(1, 400)):
        roll = rng.random()
        if roll < 0.75:
            parts.append(rng.choice(_PIECES))
        elif roll < 0.85:
            parts.append(str(rng.randint(0, 10 ** rng.randint(1, 12))))
        elif roll < 0.95:
            parts.append("".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(rng.randint(1, 20))))
        else:
            parts.append(rng.choice(_PIECES + ("7", "a", "实现全覆盖", "尚未，", "- ")) * rng.randint(50, 3000))
    return "".join(parts)


def fuzz_text(count: int, seed: int, work: Path, limits: Limits | None = None) -> Tally:
    """Lint `count` random plan-like texts (.txt and .md) through the whole pipeline."""
    from lintcity.packs import load_pack
    from lintcity.runner import RunOptions, lint_file

    limits = limits or Limits(timeout_s=20.0)
    pack = load_pack()
    rng = random.Random(seed)
    work.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    for n in range(count):
        suffix = rng.choice((".txt", ".md"))
        data = plan_like_text(rng).encode(rng.choice(("utf-8", "utf-8", "utf-8", "gb18030", "utf-16")), "replace")
        path = work / f"plan{suffix}"
        path.write_bytes(data)
        tally.add(f"{n:05d}-text{suffix}", data, _lint_outcome(lambda: lint_file(path, pack, RunOptions(limits))))
    return tally


def _lint_outcome(run) -> Outcome:
    try:
        report = run()
    except Exception:  # noqa: BLE001 - lint_file must never raise
        return Outcome("crash", traceback.format_exc())
    if report.error is None:
        return Outcome("ok")
    if report.error.rule_id == "IO009" or "\n" in report.error.message:
        return Outcome("crash", f"{report.error.rule_id} {report.error.message}")
    timed_out = "longer" in report.error.message or "时间" in report.error.message  # en / zh catalog text
    kind = "timeout" if report.error.rule_id == "IO007" and timed_out else "input-error"
    return Outcome(kind, f"{report.error.rule_id} {report.error.message}",
                   f"{report.error.rule_id} {report.error.message[:50]}")


# ----------------------------------------------------------------------------- packs and configs

_PACK = """id: fuzzed
title: 模糊测试规则包
settings:
  matching:
    negation_cues: [尚未, 暂不]
  scoring:
    covered_score: 2.0
"""
_REQUIREMENTS = """requirements:
  - id: FZ101
    kind: coverage
    title: 数据共享
    severity: warning
    evidence:
      - group: 共享
        terms: [数据共享, 一网统管]
        weight: 1
    patterns:
      - [{TEXT: 数据}, {TEXT: 共享}]
    options: {covered_score: 2}
  - id: FZ102
    kind: hygiene
    title: 模板遗留
    options: {check: patterns, patterns: ['XX市', '【待补充】']}
  - id: FZ103
    kind: target
    title: 2027年目标
    options: {check: year, year: 2027}
"""
_YAML_VALUES = ("5", "-1", "1e308", "true", "null", "[]", "{}", "''", "[1, 2]", "{a: 1}", "'(a+)+b'", "'(?=a)(a+)+b'",
                "'['", "[{OP: '+'}]", "[[{OP: '+'}]]", "[[{FOO: 1}]]", "[[{TEXT: {REGEX: '(a*)*'}}]]", "&x [1]", "*x",
                "!!python/object:os.system ls", "'\\x1b[2J'", "[/red]", "'" + "长" * 2000 + "'", "[[[[[[[[1]]]]]]]]")
_TOML_VALUES = ("5", "-1", "true", "\"x\"", "[1, 2]", "[\"GL\", 3]", "{a = 1}", "1e400", "\"\\u001b[2J\"",
                "[[[[[[1]]]]]]", "\"../../etc\"", "0", "\"inf\"", "99999999999999999999")
_CONFIG_KEYS = ("select", "ignore", "exclude", "fail-level", "format", "max-chars", "max-file-mb", "max-archive-mb",
                "max-pages", "timeout", "pack", "rules", "unknown-key", "tool")


def _mutate_yaml(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    how = rng.random()
    if how < 0.6:  # replace a value
        candidates = [i for i, line in enumerate(lines) if ":" in line]
        i = rng.choice(candidates)
        key = lines[i].split(":", 1)[0]
        lines[i] = f"{key}: {rng.choice(_YAML_VALUES)}"
    elif how < 0.8:  # drop a line
        del lines[rng.randrange(len(lines))]
    else:
        return _mutate_bytes(rng, text.encode()).decode("utf-8", "replace")
    return "\n".join(lines)


def fuzz_packs(count: int, seed: int, work: Path, limits: Limits | None = None) -> Tally:
    """Load `count` mutated packs; a pack that loads must also lint a plan without an internal error."""
    from lintcity.errors import PackError
    from lintcity.packs import _load, load_pack
    from lintcity.runner import RunOptions, lint_file

    limits = limits or Limits(timeout_s=20.0)
    rng = random.Random(seed)
    plan = work / "plan.md"
    work.mkdir(parents=True, exist_ok=True)
    plan.write_text(_make_corpus().GOOD_PLAN + "\nXX市数据共享。到2027年数据共享率达到95%。\n", encoding="utf-8")
    tally = Tally()
    for n in range(count):
        folder = work / f"pack{n}"
        folder.mkdir()
        pack_text, req_text = _PACK, _REQUIREMENTS
        for _ in range(rng.choice((0, 1, 1, 2, 3))):  # 0: the valid pack must load and lint
            if rng.random() < 0.3:
                pack_text = _mutate_yaml(rng, pack_text)
            else:
                req_text = _mutate_yaml(rng, req_text)
        (folder / "pack.yaml").write_text(pack_text, encoding="utf-8")
        (folder / "requirements.yaml").write_text(req_text, encoding="utf-8")
        data = (pack_text + "\n---\n" + req_text).encode()
        try:
            pack = load_pack(folder)
        except PackError as exc:
            outcome = Outcome("input-error", str(exc), exc.cause[:50]) if "\n" not in str(exc) \
                else Outcome("crash", str(exc))
        except Exception:  # noqa: BLE001
            outcome = Outcome("crash", traceback.format_exc())
        else:
            outcome = _lint_outcome(lambda: lint_file(plan, pack, RunOptions(limits)))
        tally.add(f"{n:05d}-pack", data, outcome)
        _load.cache_clear()
    return tally


def fuzz_configs(count: int, seed: int, work: Path) -> Tally:
    """Read `count` mutated lintcity.toml files: a dict or a one-line ConfigError."""
    from lintcity.config import load_config
    from lintcity.errors import LintcityError

    rng = random.Random(seed)
    work.mkdir(parents=True, exist_ok=True)
    tally = Tally()
    for n in range(count):
        lines = [f"{rng.choice(_CONFIG_KEYS)} = {rng.choice(_TOML_VALUES)}" for _ in range(rng.randint(1, 4))]
        data = "\n".join(lines).encode()
        if rng.random() < 0.2:
            data = _mutate_bytes(rng, data)
        path = work / f"config{n}" / "lintcity.toml"
        path.parent.mkdir()
        path.write_bytes(data)
        try:
            load_config(path)
            outcome = Outcome("ok")
        except LintcityError as exc:
            outcome = Outcome("input-error", str(exc)) if "\n" not in str(exc) else Outcome("crash", str(exc))
        except Exception:  # noqa: BLE001
            outcome = Outcome("crash", traceback.format_exc())
        tally.add(f"{n:05d}-config", data, outcome)
    return tally


MODES = {"files": fuzz, "text": fuzz_text, "packs": fuzz_packs, "configs": fuzz_configs}


def main(argv: list[str] | None = None) -> int:
    import resource
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=5000)
    parser.add_argument("--mode", choices=[*MODES, "all"], default="files")
    parser.add_argument("--seed", type=int, default=20240501)
    parser.add_argument("--keep", type=Path, default=None, help="Folder to save crashing inputs in.")
    args = parser.parse_args(argv)
    crashes = 0
    for mode in (MODES if args.mode == "all" else [args.mode]):
        with tempfile.TemporaryDirectory(prefix="lintcity-fuzz-") as tmp:
            tally = MODES[mode](args.count, args.seed, Path(tmp))
        crashes += _print(mode, tally, args)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")
    return 1 if crashes else 0


def _print(mode: str, tally: Tally, args) -> int:
    print(f"{mode}: {args.count} inputs (seed {args.seed}): "
          + ", ".join(f"{kind} {tally.counts.get(kind, 0)}" for kind in ("ok", "input-error", "timeout", "crash")))
    if tally.origins:
        print("causes (library errors behind corrupt files; codes of refused texts):")
        for origin, n in tally.origins.most_common(15):
            print(f"  {n:6}  {origin}")
    for name, data, detail in tally.crashes[:10]:
        print(f"\nCRASH {name}\n{detail}")
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            (args.keep / name).write_bytes(data)
    return len(tally.crashes)


if __name__ == "__main__":
    sys.exit(main())
