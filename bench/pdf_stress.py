"""Hostile PDFs at full size: each must get IO007 or be linted, with peak RSS under 1 GB.

    python bench/pdf_stress.py

- `pages-2000`: a 2,000-page text PDF (the good plan's lines, repeated) — at the --max-pages limit,
  so it is read, one page at a time;
- `pages-200000`: a 200,000-page PDF (one shared page content): refused from the page tree's count,
  before any page is built;
- `inflate-400mb`: 1.2 MB of Flate streams that inflate to 400 MB of text operators at scattered
  positions (100 pages of 4 MB): under the per-stream cap, so pdfium reads each page and lintcity
  counts its characters before copying them (--max-chars);
- `inflate-one-stream`: one 400 MB stream: refused by the per-stream cap without being inflated in memory.

Each runs `lintcity check --format json` in a fresh process; the table gives the outcome, seconds
and peak RSS. The small versions of these cases are tests (tests/test_pdf_formats.py).
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RSS_LIMIT_MB = 1024


def _corpus_module():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "tests" / "hostile" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _pages_pdf(pages: int, content: bytes) -> bytes:
    """`pages` pages sharing one content stream (so the file stays small)."""
    make = _corpus_module()
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                b"/Contents 4 0 R >>"] * pages
    return make._pdf(objects)


def _page_text() -> bytes:
    lines = [b"BT /F1 11 Tf 60 %d Td (Digital city plan, line %d: targets for 2027 and 2030.) Tj ET" % (800 - 14 * k, k)
             for k in range(6)]
    return zlib.compress(b"\n".join(lines))


def _inflating_pdf(pages: int, mb_per_page: int) -> bytes:
    make = _corpus_module()
    rng = random.Random(20240501)
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(pages))
               + b"] /Count %d >>" % pages,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    # one block of scattered operators, repeated: compresses ~300x, but every character sits elsewhere
    block = b"".join(b"BT /F1 9 Tf %d %d Td (planplan) Tj ET\n" % (rng.randrange(20, 560), rng.randrange(20, 820))
                     for _ in range(4096))
    stream = zlib.compress(block * (mb_per_page * 1024 * 1024 // len(block)), 9)
    for _ in range(pages):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (len(objects) + 2))
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return make._pdf(objects)


def _one_stream_pdf(mb: int) -> bytes:
    make = _corpus_module()
    inflater = zlib.compressobj(9)
    chunk = b"BT /F1 9 Tf 72 720 Td (plan) Tj ET\n" * 30000
    parts = [inflater.compress(chunk) for _ in range(mb * 1024 * 1024 // len(chunk))]
    stream = b"".join(parts) + inflater.flush()
    return make._pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                      b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                      b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream"])


def run(path: Path) -> tuple[str, float, int]:
    """Outcome, wall seconds and peak RSS (MB) of `lintcity check` on `path` in a fresh process."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "lintcity", "check", "--isolated", "--format", "json",
                             "--timeout", "0", "--no-coverage", str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT)
    out = proc.stdout.read() if proc.stdout else b""
    _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    seconds = time.perf_counter() - start
    files = json.loads(out or b'{"files": [{}]}')["files"]
    error = files[0].get("error")
    outcome = f"{error['rule_id']}: {error['message'][:70]}" if error else "linted"
    return outcome, seconds, usage.ru_maxrss // 1024


def main() -> int:
    cases = {
        "pages-2000": lambda: _pages_pdf(2000, _page_text()),
        "pages-200000": lambda: _pages_pdf(200_000, _page_text()),
        "inflate-400mb": lambda: _inflating_pdf(100, 4),
        "inflate-one-stream": lambda: _one_stream_pdf(400),
    }
    worst = 0
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'case':<20} {'file':>8} {'seconds':>8} {'peak RSS':>9}  outcome")
        for name, make in cases.items():
            path = Path(tmp) / f"{name}.pdf"
            path.write_bytes(make())
            outcome, seconds, rss = run(path)
            worst = max(worst, rss)
            print(f"{name:<20} {path.stat().st_size / 1e6:>6.1f}MB {seconds:>8.1f} {rss:>7} MB  {outcome}", flush=True)
            path.unlink()
    print(f"worst peak RSS {worst} MB ({'under' if worst < RSS_LIMIT_MB else 'OVER'} {RSS_LIMIT_MB} MB)")
    return 0 if worst < RSS_LIMIT_MB else 1


if __name__ == "__main__":
    raise SystemExit(main())
