"""Stress table: single-sentence shapes at 1×/2×/4× size, to show linear time.

    python bench/stress.py [--base N] [--shape NAME ...]

Each shape is one long sentence (or paragraph) of a kind that once made the
analysis super-linear: a 20,000-digit run, many quantities in one clause,
repeated negation cues, repeated 实现全覆盖, many short terms and exclusions,
and one paragraph over spaCy's 1,000,000-character limit. Each is written to a
.txt and linted through the whole per-document pipeline (parse, analysis,
checks) in this process. The figure that matters is the ratio: time at 4×
divided by time at 1× should stay near 4 (linear), not 16 (quadratic).
Timings are measured in the same run, never asserted in unit tests.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

HEAD = "某市城市全域数字化转型实施方案\n一、主要目标\n"


def digit_run(n: int) -> str:
    return HEAD + "到2027年，数据总量达到" + "7" * n + "条记录。\n"


def quantities(n: int) -> str:
    return HEAD + "到2027年，" + "、".join(f"建成{k % 97 + 1}个数据中心达到{k % 89 + 1}%" for k in range(n)) + "。\n"


def negations(n: int) -> str:
    return HEAD + "，".join(f"数据共享尚未覆盖第{k % 50}个区县" for k in range(n)) + "。\n"


def full_coverage(n: int) -> str:
    return HEAD + "到2027年" + "".join(f"燃气管网监测{k % 10}实现全覆盖" for k in range(n)) + "。\n"


def terms(n: int) -> str:
    return HEAD + "到2030年" + "".join("统一运维城市大脑数据共享一网统管营运运营运维" for _ in range(n)) + "。\n"


def spaces(n: int) -> str:
    return HEAD + "到2027年 data" + " " * n + "x" + " " * n + "9 GB。\n"


SHAPES = {
    # name: (generator, size at 1×) — sizes chosen so 1× takes a few tenths of a second
    "digit-run": (digit_run, 20_000),
    "quantities": (quantities, 4_000),
    "negations": (negations, 4_000),
    "full-coverage": (full_coverage, 4_000),
    "terms": (terms, 2_000),
    "spaces": (spaces, 50_000),
}


def run_one(text: str, workdir: Path) -> tuple[float, str]:
    from lintcity.packs import load_pack
    from lintcity.runner import RunOptions, lint_file, prepare

    path = workdir / "stress.txt"
    path.write_text(text, encoding="utf-8")
    pack = load_pack()
    prepare(path, pack)
    start = time.perf_counter()
    report = lint_file(path, pack, RunOptions())
    elapsed = time.perf_counter() - start
    outcome = report.error.rule_id if report.error else f"{len(report.diagnostics)} findings"
    return elapsed, outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=float, default=1.0, help="scale every 1× size by this")
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES))
    args = parser.parse_args(argv)
    names = args.shape or list(SHAPES)
    print(f"{'shape':<14} {'chars 1×':>10} {'1× s':>8} {'2× s':>8} {'4× s':>8} {'4×/1×':>6}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        run_one(HEAD + "到2027年，达到95%。\n", Path(tmp))  # warm up: spaCy, jieba, pack
        for name in names:
            make, size = SHAPES[name]
            size = max(1, int(size * args.base))
            times = []
            outcome = ""
            for factor in (1, 2, 4):
                elapsed, outcome = run_one(make(size * factor), Path(tmp))
                times.append(elapsed)
            chars = len(make(size))
            print(f"{name:<14} {chars:>10,} {times[0]:>8.2f} {times[1]:>8.2f} {times[2]:>8.2f} "
                  f"{times[2] / max(times[0], 1e-9):>6.1f}  {outcome}", flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
