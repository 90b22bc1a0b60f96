"""A progress bar on stderr for runs long enough to need one.

Shown only when stderr is a terminal and only once a run has taken more than a
moment (`DELAY` seconds), so quick runs, pipes and CI logs never see it, and
machine formats on stdout are never mixed with it. Shared by `check` and the
reviewers' commands: wrap any iterator of known length in `track`.

A report streamed to stdout while the batch runs (`check`'s text and JSON) is
its own progress on a terminal, so `beside_output` leaves the bar out when
stdout is a terminal too; when stdout is a file or a pipe the bar shows, and
stdout is never routed through the bar's console (rich's Live would send it to
stderr).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")
DELAY = 0.8  # seconds before a bar appears


def wanted(stream=None) -> bool:
    stream = stream or sys.stderr
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def track(items: Iterable[T], total: int, label: str, stream=None, beside_output: bool = False) -> Iterator[T]:
    """Yield `items` unchanged; after DELAY seconds on a terminal, a transient bar counts them on stderr.

    `beside_output`: the caller writes to stdout while iterating (see the module's docstring).
    """
    if total < 2 or not wanted(stream) or (beside_output and wanted(sys.stdout)):
        yield from items
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from lintcity.errors import printable

    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=Console(file=stream or sys.stderr), transient=True, redirect_stdout=False)
    task = progress.add_task(printable(label), total=total)
    lock = threading.Lock()
    state = {"started": False, "done": False}

    def start() -> None:
        with lock:
            if not state["done"]:
                progress.start()
                state["started"] = True

    timer = threading.Timer(DELAY, start)
    timer.daemon = True
    timer.start()
    try:
        for item in items:
            progress.advance(task)
            yield item
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["started"]:
                progress.stop()
