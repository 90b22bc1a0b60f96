"""PDF reading speed against its floor: pypdfium2's bare `get_text_range()` over all pages.

    python bench/pdf_floor.py [FILE.pdf]

Without a file, a 100+-page text PDF is rendered from the long evaluation plan
(eval/corpus/11-lanzhou-long-plan.md, twice over) with the fixture renderer.
Measured in one run, so the ratios do not depend on the machine:

- floor: open the PDF with pypdfium2 and call `get_text_range()` on every page;
- parse: `lintcity.parsers.parse_file` (lines, tables, paragraphs, headings);
- check: `lintcity check --format json FILE` in a fresh process (includes start-up and
  loading spaCy/jieba, which the speed work cuts), with its peak RSS;
- parse RSS: peak RSS of a fresh process that only parses the file.

Each timing is the best of `REPEATS`. `measure(path)` returns the figures as a dict, for
bench/run.py; `main` prints them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEATS = 3


def long_pdf(folder: Path, min_pages: int = 100) -> Path:
    """A text PDF of at least `min_pages` pages, rendered from the long evaluation plan."""
    sys.path.insert(0, str(ROOT / "fixtures"))
    import build

    source = (ROOT / "eval" / "corpus" / "11-lanzhou-long-plan.md").read_text(encoding="utf-8")
    items = build.read_items(source)
    title = next(it.text for it in items if it.kind == "title")
    body = [it for it in items if it.kind != "title"]
    out = folder / "long-plan.pdf"
    copies = 1
    while True:
        build.render_pdf([items[0], *body * copies], out, title)
        if _pages(out) >= min_pages:
            return out
        copies += 1


def _pages(path: Path) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def floor_seconds(path: Path) -> float:
    """pypdfium2's bare text extraction of every page: the least any PDF reader must do."""
    import pypdfium2 as pdfium

    start = time.perf_counter()
    pdf = pdfium.PdfDocument(str(path))
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        textpage.get_text_range()
        textpage.close()
        page.close()
    pdf.close()
    return time.perf_counter() - start


def parse_seconds(path: Path) -> float:
    from lintcity.parsers import parse_file

    start = time.perf_counter()
    parse_file(path)
    return time.perf_counter() - start


def _child(args: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (MB) and stdout of a child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
    out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    return time.perf_counter() - start, usage.ru_maxrss // 1024, out


def measure(path: Path) -> dict[str, float]:
    floor = min(floor_seconds(path) for _ in range(REPEATS))
    parse_file_s = min(parse_seconds(path) for _ in range(REPEATS))
    check = [_child([sys.executable, "-m", "lintcity", "check", "--isolated", "--format", "json", str(path)])
             for _ in range(REPEATS)]
    check_s = min(c[0] for c in check)
    files = json.loads(check[0][2])["files"]
    parse_only = _child([sys.executable, "-c", "import sys; from pathlib import Path; "
                         "from lintcity.parsers import parse_file; parse_file(Path(sys.argv[1]))", str(path)])
    return {"pages": _pages(path), "floor_s": floor, "parse_s": parse_file_s, "check_s": check_s,
            "parse_ratio": parse_file_s / floor, "check_ratio": check_s / floor,
            "check_rss_mb": max(c[1] for c in check), "parse_rss_mb": parse_only[1],
            "linted": float(files[0]["error"] is None)}


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(argv[0]) if argv else long_pdf(Path(tmp))
        m = measure(path)
    print(f"{path.name}: {m['pages']:.0f} pages")
    print(f"  floor (pypdfium2 get_text_range, all pages)  {m['floor_s']:.2f} s")
    print(f"  lintcity parse                               {m['parse_s']:.2f} s   {m['parse_ratio']:.2f}x floor"
          f"   peak RSS {m['parse_rss_mb']:.0f} MB (own process)")
    print(f"  lintcity check (fresh process, end to end)   {m['check_s']:.2f} s   {m['check_ratio']:.2f}x floor"
          f"   peak RSS {m['check_rss_mb']:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
