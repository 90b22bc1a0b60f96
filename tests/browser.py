"""Headless Chromium for the HTML report tests and the README screenshot, with the network blocked.

Playwright drives the system browser (Debian's /usr/bin/chromium): nothing is
downloaded. Every request that is not a file: URL is aborted and recorded, so a
caller can assert that the page attempted none.
"""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from typing import Iterator

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def chromium_path() -> str | None:
    path = os.environ.get("LINTCITY_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return path if os.path.exists(path) else None


@contextmanager
def offline_page(viewport: tuple[int, int] = (1280, 900)) -> Iterator[tuple[object, list[str]]]:
    """A page with every non-file request aborted; yields (page, attempted URLs)."""
    from playwright.sync_api import sync_playwright

    attempted: list[str] = []

    def route(r):
        if r.request.url.startswith("file:"):
            r.continue_()
        else:
            attempted.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            page.route("**/*", route)
            yield page, attempted
        finally:
            browser.close()
