"""lintcity's performance benchmark: every figure and ratio of the speed issue, measured in one run.

    python bench/run.py                 # full run (about 10-20 minutes on 2 busy cores)
    python bench/run.py --batch 200     # a smaller batch while iterating
    python bench/run.py --keep DIR      # keep the generated corpus in DIR

The corpus is generated here, nothing large is committed:
- a ~100-page .docx plan and the same plan as a ~100-page text PDF (CJK font,
  tables, running header and page-number footer), built from the fixture
  sources and paragraphs of the real Word files in ../shared/real-docx;
- a batch of >= 1,000 documents: the real Word files repeated, plus
  generated .md/.txt plans;
- the complete fixture repeated 1x..64x (paragraphs and tables) for the
  linear-time proof.

Figures of whole commands are medians of interleaved runs, each in a fresh
process; in-process figures (a document inside a batch, rule evaluation, time
per character) are the fastest of their repeats;
ratios compare lintcity with a floor measured in the same run on the same
machine (python-docx's bare read, pypdfium2's text extraction, the import of
click and rich, jieba's own segmentation), so they hold across machines.
Output: a table on stderr and one JSON line on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT.parent / "shared" / "real-docx"
FIXTURES = ROOT / "fixtures"
sys.path.insert(0, str(ROOT / "fixtures"))
sys.path.insert(0, str(ROOT))

PAGE_CHARS = 980  # characters per page in the fixtures' layout (12 pt body, headings, tables; measured on the PDF)


# ----------------------------------------------------------------------------- corpus

def _real_paragraphs(limit_files: int = 60) -> list[str]:
    """Body paragraphs of the real Word files (government work reports: real sentence shapes)."""
    import docx

    out: list[str] = []
    for path in sorted(REAL.glob("*.docx"))[:limit_files]:
        try:
            document = docx.Document(str(path))
        except Exception:  # noqa: BLE001 - a file python-docx cannot open is skipped
            continue
        out.extend(p.text.strip() for p in document.paragraphs if len(p.text.strip()) >= 40)
    return out


def plan_items(pages: int = 100):
    """A plan of about `pages` pages: the complete fixture's structure, its tables, and real prose."""
    from build import Item, read_items

    base = read_items((FIXTURES / "src" / "complete.md").read_text(encoding="utf-8"))
    prose = _real_paragraphs() if REAL.is_dir() else []
    items: list = []
    chars = 0
    round_no = 0
    while chars < pages * PAGE_CHARS:
        round_no += 1
        for it in base:
            if it.kind == "title" and round_no > 1:
                continue
            if it.kind == "heading" and it.level == 1 and round_no > 1:
                items.append(Item("heading", f"{it.text}（续{round_no}）", it.level))
            else:
                items.append(it)
            chars += len(it.text) + sum(len(c) for r in (it.rows or []) for c in r)
            if it.kind == "paragraph" and prose:
                extra = prose[(len(items) * 7) % len(prose)]
                items.append(Item("paragraph", extra))
                chars += len(extra)
    return items


def build_corpus(work: Path, batch_size: int) -> dict[str, Path]:
    from build import render_docx, render_pdf, render_txt

    work.mkdir(parents=True, exist_ok=True)
    items = plan_items()
    header = "江临市城市全域数字化转型实施方案（2025—2027年）"
    big_docx, big_pdf = work / "plan-100p.docx", work / "plan-100p.pdf"
    render_docx(items, big_docx, header)
    render_pdf(items, big_pdf, header)
    batch = work / "batch"
    batch.mkdir(exist_ok=True)
    real = sorted(REAL.glob("*.docx")) if REAL.is_dir() else []
    sources = sorted((FIXTURES / "src").glob("*.md"))
    n = 0
    copies = max(1, (batch_size * 7 // 10) // max(1, len(real))) if real else 0
    for k in range(copies):
        for path in real:
            shutil.copyfile(path, batch / f"{n:04d}-{k}-{path.name}")
            n += 1
    from build import read_items

    k = 0
    while n < batch_size:
        src = sources[k % len(sources)]
        text = src.read_text(encoding="utf-8")
        if k % 2:
            out = batch / f"{n:04d}-{src.stem}.txt"
            out.write_text(render_txt(read_items(text)), encoding="utf-8")
        else:
            out = batch / f"{n:04d}-{src.stem}.md"
            out.write_text(text, encoding="utf-8")
        n += 1
        k += 1
    scale = work / "scale"
    scale.mkdir(exist_ok=True)
    base = (FIXTURES / "complete.md").read_text(encoding="utf-8")
    title, _, body = base.partition("\n")
    for factor in (1, 4, 16, 64):
        (scale / f"x{factor:02d}.md").write_text(title + "\n" + body * factor, encoding="utf-8")
    return {"docx": big_docx, "pdf": big_pdf, "batch": batch, "scale": scale}


# ----------------------------------------------------------------------------- measuring

_MEASURE = r"""
import os, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(p.pid, 0)
print(time.perf_counter() - t, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_cold(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MB of the largest process of the command (it or a worker), exit code."""
    out = subprocess.run([sys.executable, "-c", _MEASURE, *cmd], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, check=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024, int(out[2])


def medians(commands: dict[str, list[str]], repeat: int, env: dict[str, str] | None = None) -> dict[str, dict]:
    """Interleaved runs of each command; median wall time and max peak RSS."""
    times: dict[str, list[float]] = {k: [] for k in commands}
    rss: dict[str, float] = {k: 0.0 for k in commands}
    for _ in range(repeat):
        for name, cmd in commands.items():
            wall, peak, _ = run_cold(cmd, env)
            times[name].append(wall)
            rss[name] = max(rss[name], peak)
    return {k: {"s": statistics.median(v), "rss_mb": rss[k]} for k, v in times.items()}


PY = sys.executable
# The console script users type (`lintcity`), installed beside this Python; `python -m lintcity` adds
# runpy's import (about 5 ms) that no user pays.
_SCRIPT = Path(PY).parent / ("lintcity.exe" if os.name == "nt" else "lintcity")
LINTCITY = [str(_SCRIPT)] if _SCRIPT.is_file() else [PY, "-m", "lintcity"]
DOCX_FLOOR = "import docx, sys\nd = docx.Document(sys.argv[1])\n[p.text for p in d.paragraphs]"
PDF_FLOOR = ("import pypdfium2 as pdfium, sys\npdf = pdfium.PdfDocument(sys.argv[1])\n"
             "[pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]")


def startup(repeat: int) -> dict:
    got = medians({"version": [*LINTCITY, "--version"], "help": [*LINTCITY, "--help"],
                   "floor": [PY, "-c", "import click, rich"]}, repeat)
    return {"version_s": got["version"]["s"], "help_s": got["help"]["s"], "click_rich_s": got["floor"]["s"],
            "version_ratio": got["version"]["s"] / got["floor"]["s"], "help_ratio": got["help"]["s"] / got["floor"]["s"]}


def _pdf_floor_cmd(path: Path) -> list[str]:
    """The PDF engineer's floor helper when it is on main, else pypdfium2's text extraction over all pages."""
    helper = ROOT / "bench" / "pdf_floor.py"
    return [PY, str(helper), str(path)] if helper.is_file() else [PY, "-c", PDF_FLOOR, str(path)]


def end_to_end(corpus: dict[str, Path], repeat: int) -> dict:
    check = [*LINTCITY, "check", "--no-cache", "--jobs", "1", "--timeout", "0", "--format", "json"]
    got = medians({"docx": [*check, str(corpus["docx"])], "docx_floor": [PY, "-c", DOCX_FLOOR, str(corpus["docx"])],
                   "pdf": [*check, str(corpus["pdf"])], "pdf_floor": _pdf_floor_cmd(corpus["pdf"])}, repeat)
    return {"docx_s": got["docx"]["s"], "docx_floor_s": got["docx_floor"]["s"],
            "docx_ratio": got["docx"]["s"] / got["docx_floor"]["s"], "docx_rss_mb": got["docx"]["rss_mb"],
            "pdf_s": got["pdf"]["s"], "pdf_floor_s": got["pdf_floor"]["s"],
            "pdf_ratio": got["pdf"]["s"] / got["pdf_floor"]["s"], "pdf_rss_mb": got["pdf"]["rss_mb"]}


def _best(fn, repeat: int) -> float:
    """The fastest of `repeat` runs in this process: another process's work only ever adds time."""
    return _best_interleaved({"run": fn}, repeat)["run"]


def _best_interleaved(fns: dict, repeat: int) -> dict:
    """The fastest of `repeat` runs of each function, run in turns (a, b, a, b, ...).

    A ratio of two figures is read at the same moments: measured one after the
    other, each took its minimum in a different minute of a machine whose speed
    moves by ±30 %, and the ratio moved by as much. The collector is set as the
    command line sets it (`entry.main`), so the figure is the product's, and a
    full collection is done before each run so one run's garbage is not charged
    to the next.
    """
    import gc

    from lintcity.entry import GC_THRESHOLD

    gc.set_threshold(*GC_THRESHOLD)
    best = {name: float("inf") for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            gc.collect()
            t = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - t)
    return best


def _as_a_worker() -> None:
    """This process set up as a worker sets itself up (`workers._serve`): the language read once."""
    from lintcity.i18n import language_from_env, set_language

    set_language(language_from_env())


def in_process(corpus: dict[str, Path], repeat: int) -> dict:
    """Libraries loaded: one document inside a batch, and rule evaluation on parsed text."""
    import docx

    from lintcity.analysis import analyze
    from lintcity.checks.engine import run_checks
    from lintcity.limits import Limits
    from lintcity.nlp import add_terms, tokenizer
    from lintcity.packs import load_pack
    from lintcity.parsers import parse_file
    from lintcity.runner import RunOptions, lint_file, prepare

    _as_a_worker()
    pack = load_pack()
    options = RunOptions(Limits(timeout_s=0))
    prepare(corpus["docx"], pack)
    prepare(corpus["pdf"], pack)
    lint_file(corpus["docx"], pack, options)  # warm every lazy cache
    # jieba's cuts are remembered per run of text; a batch's next document is other text, so each
    # repetition starts with none remembered (a figure for the same document seen again would flatter)
    from lintcity.nlp import _piece_words

    def cold(fn):
        return lambda: (_piece_words.cache_clear(), fn())

    pair = _best_interleaved({"doc": cold(lambda: lint_file(corpus["docx"], pack, options)),
                              "floor": lambda: [p.text for p in docx.Document(str(corpus["docx"])).paragraphs]},
                             repeat)
    docx_doc, docx_floor = pair["doc"], pair["floor"]
    pdf_doc = _best(cold(lambda: lint_file(corpus["pdf"], pack, options)), min(repeat, 3))  # 4 s a run
    doc = parse_file(corpus["docx"], Limits())
    text_mb = sum(len(b.norm.encode("utf-8")) for b in doc.blocks) / 1e6
    dt = tokenizer()
    add_terms(pack.all_terms())
    pair = _best_interleaved({"rules": cold(lambda: run_checks(analyze(doc, pack))),
                              "jieba": lambda: [dt.lcut(b.norm) for b in doc.blocks]}, repeat)
    rules, jieba_s = pair["rules"], pair["jieba"]
    return {"docx_in_batch_s": docx_doc, "docx_floor_in_process_s": docx_floor,
            "docx_in_batch_ratio": docx_doc / docx_floor, "pdf_in_batch_s": pdf_doc,
            "text_mb": text_mb, "rules_mb_s": text_mb / rules, "jieba_mb_s": text_mb / jieba_s}


def scaling(corpus: dict[str, Path], rounds: int) -> dict:
    """Time per character of parse + analysis + checks, 1x to 64x of the complete fixture.

    Every size gets the same amount of text per sample: a round lints the 1x
    document 64 times, the 4x one 16 times, the 16x one 4 times and the 64x one
    once, each size timed as a whole; a size's figure is its fastest round.
    Taking the fastest of many 50 ms runs against the fastest of two 5 s runs
    (as this step did until now) compared a quiet instant with an average
    minute: on a machine whose speed moves by ±30 %, that alone read as a
    30-40 % growth that the rounds do not show.
    """
    from lintcity.limits import Limits
    from lintcity.packs import load_pack
    from lintcity.runner import RunOptions, lint_file, prepare

    _as_a_worker()
    pack = load_pack()
    # No time limit, and a character limit above the 64x document (2.2 M characters; the default is 2 M):
    # a refused document would time only its refusal.
    options = RunOptions(Limits(timeout_s=0, max_chars=10**8))
    paths = sorted(corpus["scale"].glob("x*.md"))
    chars = {path: len(path.read_text(encoding="utf-8")) for path in paths}
    largest = max(chars.values())
    for path in paths:
        prepare(path, pack)
        report = lint_file(path, pack, options)
        if report.error:
            raise SystemExit(f"{path.name}: {report.error.message}")
    times = {path: max(1, round(largest / chars[path])) for path in paths}
    best = _best_interleaved({path: lambda path=path: [lint_file(path, pack, options) for _ in range(times[path])]
                              for path in paths}, rounds)
    rows = {path.stem: best[path] / (times[path] * chars[path]) * 1e6 for path in paths}  # µs per char
    base = rows[min(rows)]
    return {"us_per_char": rows, "max_deviation": max(abs(v / base - 1) for v in rows.values())}


def batch(corpus: dict[str, Path], work: Path) -> dict:
    files = sum(1 for _ in corpus["batch"].iterdir())
    check = [*LINTCITY, "check", "--format", "json", "--timeout", "60", str(corpus["batch"])]
    out: dict = {"files": files}
    # two interleaved rounds, the faster of each: on a shared machine a neighbour's burst only adds time,
    # and one 10-20 s run moved the -j2 ratio between 1.6 and 2.2
    runs: dict[int, list[tuple[float, float, int]]] = {1: [], 2: []}
    for _ in range(2):
        for jobs in (1, 2):
            runs[jobs].append(run_cold([*check[:-1], "--no-cache", "--jobs", str(jobs), check[-1]]))
    for jobs, got in runs.items():
        out[f"jobs{jobs}_s"] = min(w for w, _, _ in got)
        out[f"jobs{jobs}_rss_mb"] = max(r for _, r, _ in got)
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    wall, rss, _ = run_cold([*check[:-1], "--cache-dir", str(cache), "--jobs", "2", check[-1]])
    out["cold_cached_s"] = wall
    warm = [run_cold([*check[:-1], "--cache-dir", str(cache), "--jobs", "2", check[-1]]) for _ in range(3)]
    out["warm_s"] = statistics.median(w for w, _, _ in warm)  # a 1 s run: one neighbour's burst is 20 %
    out["warm_rss_mb"] = max(r for _, r, _ in warm)
    out["jobs2_speedup"] = out["jobs1_s"] / out["jobs2_s"]
    out["warm_speedup"] = out["cold_cached_s"] / out["warm_s"]
    return out


# ----------------------------------------------------------------------------- report

TARGETS = {  # figure: (target, higher is better)
    "docx_ratio": (6.0, False), "docx_in_batch_ratio": (3.0, False), "version_ratio": (1.5, False),
    "rules_mb_s": (2.0, True), "jobs2_speedup": (1.7, True), "warm_speedup": (10.0, True),
    "max_deviation": (0.30, False),
}


def table(result: dict) -> str:
    lines = [f"{'figure':<28}{'value':>12}  target"]
    for section in ("startup", "end_to_end", "in_process", "batch", "scaling"):
        for name, value in result.get(section, {}).items():
            if isinstance(value, dict):
                value = " ".join(f"{k}={v:.2f}" for k, v in value.items())
                lines.append(f"{name:<28}{value}")
                continue
            target = TARGETS.get(name)
            mark = ""
            if target:
                ok = value >= target[0] if target[1] else value <= target[0]
                mark = f"{'≥' if target[1] else '≤'} {target[0]:g}  {'ok' if ok else 'MISSED'}"
            lines.append(f"{name:<28}{value:>12.3f}  {mark}")
    return "\n".join(lines)


def _compile_bytecode() -> None:
    """Byte-compile lintcity as `pip install` does, so a cold figure never includes compiling a module.

    With PYTHONDONTWRITEBYTECODE set (or an editable checkout edited since its
    last run) every fresh process would recompile the changed modules: 0.25 s
    of a 1 s cold check that no installed user pays.
    """
    import compileall

    import lintcity

    compileall.compile_dir(str(Path(lintcity.__file__).parent), quiet=1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=1000, help="documents in the batch (default 1000)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per cold figure (median)")
    parser.add_argument("--keep", type=Path, default=None, help="build the corpus here and keep it")
    parser.add_argument("--skip-batch", action="store_true", help="leave out the batch runs")
    args = parser.parse_args()
    _compile_bytecode()
    work = args.keep or Path(tempfile.mkdtemp(prefix="lintcity-bench-"))
    try:
        corpus = build_corpus(work, args.batch)
        result = {"machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine(),
                              "cores": os.cpu_count(), "system": platform.system(),
                              "load_avg_1m": os.getloadavg()[0] if hasattr(os, "getloadavg") else None},
                  "pages": {"docx_bytes": corpus["docx"].stat().st_size, "pdf_bytes": corpus["pdf"].stat().st_size}}
        result["startup"] = startup(args.repeat)
        result["end_to_end"] = end_to_end(corpus, max(3, args.repeat // 2))
        result["in_process"] = in_process(corpus, 25)
        result["scaling"] = scaling(corpus, 4)  # four rounds of about 5 s per size
        if not args.skip_batch:
            result["batch"] = batch(corpus, work)
        print(table(result), file=sys.stderr)
        print(json.dumps(result, ensure_ascii=False))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
