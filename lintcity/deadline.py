"""The per-document time limit: a watchdog thread, not SIGALRM.

SIGALRM exists only on POSIX and only interrupts the main thread: on Windows
every file became IO009, and a server or test calling lintcity from a thread
ran with no limit at all. Here a timer thread raises `Expired` *inside the
thread that runs the document* (CPython's `PyThreadState_SetAsyncExc`, which
works on every platform and in every thread). Like the old alarm, `Expired`
is a BaseException: it lands wherever the pipeline is (parser library code,
analysis, checks) and library code that catches `Exception` cannot swallow it.

What a thread cannot interrupt is one long C call (a backtracking regex inside
`re`, a C parser stuck in a loop): the exception lands when the call returns.
For that, `lintcity.workers` runs documents in worker processes and kills a
worker whose document runs past the limit plus a grace period; this in-thread
limit turns almost every overrun into a clean IO007 before that.
"""

from __future__ import annotations

import ctypes
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator

from lintcity.errors import InputError

_NO_LIMIT = 1e8  # seconds (three years): at or above this, and for infinity, there is no timer


class Expired(BaseException):
    """Raised inside the document's thread when its time is up (see the module docstring)."""


def timeout_error(path: str, seconds: float) -> InputError:
    """The IO007 a document gets when it runs out of time (also used by the worker pool's hard kill)."""
    from lintcity.i18n import t

    return InputError(path, t("speed.timeout", seconds=f"{seconds:g}"), "IO007")


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    """Schedule `exc` in thread `thread_id` (None clears a scheduled one)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc) if exc else ctypes.c_void_p())


class _Clock:
    """One document's running limit: a timer that can be stopped while a library loads (`paused`)."""

    def __init__(self, seconds: float) -> None:
        self.left = seconds
        self.target = threading.get_ident()
        self.lock = threading.Lock()
        self.armed = False
        self.fired = False
        self.since = 0.0
        self.timer: threading.Timer | None = None

    def start(self) -> None:
        with self.lock:
            self.armed, self.since = True, time.monotonic()
            self.timer = threading.Timer(max(self.left, 0.0), self._fire)
            self.timer.daemon = True
            self.timer.start()

    def stop(self) -> bool:
        """Disarm under the lock; a pending exception that has not landed yet is cancelled.

        Returns whether the time ran out: the timer fired, or the work ended past
        the limit before the timer thread got to run (a short limit on a loaded
        machine, or work that was one long C call). Either way the document
        overran, and the caller says so — a limit must not depend on scheduling.
        """
        with self.lock:
            over = self.fired
            if self.armed:
                self.left -= time.monotonic() - self.since
                over = over or self.left <= 0
            self.armed = False
            if self.fired:
                _raise_in(self.target, None)
            if self.timer is not None:
                self.timer.cancel()
            return over

    def _fire(self) -> None:
        with self.lock:
            if self.armed:
                self.fired = True
                _raise_in(self.target, Expired)


_clocks = threading.local()
_resume_hooks: list[Callable[[], None]] = []


def on_resume(hook: Callable[[], None] | None) -> None:
    """Call `hook` when a paused clock runs again (a worker tells its parent; None: no hook)."""
    _resume_hooks[:] = [hook] if hook is not None else []


@contextmanager
def paused() -> Iterator[None]:
    """Time spent inside is not the document's: loading a library that the document's text asked for,
    or recognising one scanned page (seconds each; see `parsers.ocr.ocr_pages`).

    spaCy is imported only when a block may match a token pattern, which is known
    only inside the document's clock; its import (tenths of a second, seconds on
    a loaded machine) must not time out a document that takes milliseconds.
    An expiry that fired just before the pause still lands.
    """
    clock: _Clock | None = getattr(_clocks, "current", None)
    if clock is None or not clock.armed:
        yield
        return
    if clock.stop():
        raise Expired()
    try:
        yield
    finally:
        clock.start()
        for hook in _resume_hooks:
            hook()


@contextmanager
def time_limit(seconds: float, path: str) -> Iterator[None]:
    """Abort the enclosed work after `seconds` with InputError IO007 (0 or infinity: no limit).

    Works in any thread on any platform. The timer is disarmed under a lock
    when the block ends, and a pending exception that has not landed yet is
    cancelled, so it can never hit code after the block; work that ended past
    the limit is IO007 all the same. Time inside `paused()` does not count.
    """
    if not seconds or seconds <= 0 or seconds >= _NO_LIMIT:
        yield
        return
    clock = _Clock(seconds)
    outer = getattr(_clocks, "current", None)
    _clocks.current = clock
    try:
        try:
            clock.start()
            yield
        finally:
            over = clock.stop()
            _clocks.current = outer
        if over:  # the work ended past the limit before the exception could land
            raise Expired()
    except Expired:
        raise timeout_error(path, seconds) from None
