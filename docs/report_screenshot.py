"""Render docs/report.png, the README's picture of the HTML report.

    python docs/report_screenshot.py

Lints three fixture plans into an HTML report, opens it in headless Chromium
(the system browser, network blocked, as the tests do), clicks a thin cell to
show its evidence, and saves a small PNG of the top of the page.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium_path, offline_page  # noqa: E402


def main() -> None:
    if chromium_path() is None:
        sys.exit("no Chromium found (install chromium, or set LINTCITY_CHROMIUM)")
    with tempfile.TemporaryDirectory() as tmp:
        html = Path(tmp) / "report.html"
        plans = [f"fixtures/{name}" for name in ("complete.docx", "partial.pdf", "old_plan.md")]
        subprocess.run([sys.executable, "-m", "lintcity", "report", *plans, "-o", str(html)], check=True, cwd=ROOT)
        with offline_page((1440, 700)) as (page, attempted):
            page.goto(html.as_uri())
            page.click('#matrix tr[data-plan="1"] td.thin button, #matrix tr[data-plan="1"] td.cell button')
            out = ROOT / "docs" / "report.png"
            page.screenshot(path=str(out), clip={"x": 0, "y": 0, "width": 1440, "height": 700})
            if attempted:
                sys.exit(f"the report tried to fetch {attempted}")
    _shrink(out)
    print(f"wrote {out}")


def _shrink(png: Path) -> None:
    """A 64-colour palette keeps the README picture small (Pillow, when installed)."""
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(png) as image:
        small = image.convert("RGB").quantize(colors=64)
    small.save(png, optimize=True)


if __name__ == "__main__":
    main()
