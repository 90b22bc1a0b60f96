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
from contextlib import contextmanager
from typing import Iterator

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


@contextmanager
def time_limit(seconds: float, path: str) -> Iterator[None]:
    """Abort the enclosed work after `seconds` with InputError IO007 (0 or infinity: no limit).

    Works in any thread on any platform. The timer is disarmed under a lock
    when the block ends, and a pending exception that has not landed yet is
    cancelled, so it can never hit code after the block.
    """
    if not seconds or seconds <= 0 or seconds >= _NO_LIMIT:
        yield
        return
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"armed": True, "fired": False}

    def fire() -> None:
        with lock:
            if state["armed"]:
                state["fired"] = True
                _raise_in(target, Expired)

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    try:
        try:
            timer.start()
            yield
        finally:
            with lock:
                state["armed"] = False
                if state["fired"]:
                    _raise_in(target, None)  # not landed yet: cancel it
            timer.cancel()
    except Expired:
        raise timeout_error(path, seconds) from None
