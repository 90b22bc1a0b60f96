"""Worker processes for `lint_many`: parallel, ordered, streamed, killable.

Why processes: the per-document pipeline is pure Python (GIL-bound), so only
processes use a second core; and a process is the one thing that can be
stopped in the middle of a C call (a backtracking regex), which a thread's
time limit cannot. Each worker lints one document at a time (with the next
one already waiting in its pipe) and sends back a FileReport; this process
hands out paths and yields the reports in input order as soon as each next
one is ready, holding at most a small window of finished reports, so memory
stays flat over any batch.

Workers start lazily, up to `jobs`, and load jieba, the parser libraries
and (when a document needs it) spaCy once each (on Linux they are forked from this process, which loaded
none of them, so forking is cheap; elsewhere they are spawned). The clock of
a document starts when its worker reports it has loaded what the document
needs, and starts again when the worker resumes a clock it paused to import
spaCy for a block that needs it (`deadline.paused`). A worker that overruns the limit by more than `GRACE_S` (its own
watchdog normally ends the document first with IO007) is killed and replaced;
the document gets IO007. A worker that dies (out of memory, a crash in a C
library) costs its document an IO009 and is replaced.

Signals: workers ignore Ctrl-C (SIGINT goes to the whole process group; this
process decides) and die on SIGTERM. On Ctrl-C or SIGTERM this process
terminates and joins every worker before the exception leaves `run_pool`.
"""

from __future__ import annotations

import multiprocessing
import signal
import sys
import threading
import time
from collections import deque
from multiprocessing.connection import wait
from pathlib import Path
from typing import Iterable, Iterator

from lintcity.diagnostics import FileReport
from lintcity.errors import InputError
from lintcity.packs import Pack

GRACE_S = 2.0  # seconds past the time limit before a worker is killed
LOAD_LIMIT_S = 300.0  # seconds a worker may spend loading libraries before a document's clock starts
WINDOW_PER_JOB = 4  # documents handed out or finished ahead of the one to yield next
QUEUED_PER_WORKER = 2  # documents a worker holds: the next one is waiting when it finishes one


def _context():
    # fork is cheap here because this process has not imported the heavy libraries;
    # macOS and Windows use spawn (fork is unsafe on macOS, absent on Windows).
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


_parent_ends: set = set()  # this process's ends of the workers' pipes (a forked worker closes its copies)


def _serve(conn, pack: Pack, options, language: str | None, parent: int) -> None:
    """A worker's loop: receive (seq, path), answer ("start", seq) then ("done", seq, report).

    A forked worker first closes its copies of the other workers' pipe ends:
    held open here, they would keep those workers from ever seeing the end of
    their pipe. It also leaves when its parent is gone (killed with SIGKILL,
    which runs no cleanup), so no worker outlives a run.
    """
    import os

    from lintcity.deadline import on_resume
    from lintcity.i18n import language_from_env, set_language
    from lintcity.runner import error_report, internal_error_report, lint_file, prepare

    for other in _parent_ends:
        other.close()
    _parent_ends.clear()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # resolved once: a worker's environment never changes, and reading it for every message was
    # 2-3 % of a document with thousands of findings
    set_language(language or language_from_env())
    while True:
        try:
            while not conn.poll(1.0):
                if os.getppid() != parent:
                    return
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        seq, name = message
        path = Path(name)
        try:
            prepare(path, pack)
        except InputError:
            pass  # lint_file reports it
        except Exception as exc:  # noqa: BLE001
            conn.send(("done", seq, internal_error_report(name, exc)))
            continue
        conn.send(("start", seq))
        on_resume(lambda seq=seq: conn.send(("start", seq)))  # a clock paused for a library load restarts
        try:
            report = lint_file(path, pack, options)
        except InputError as exc:
            report = error_report(exc)
        except BaseException as exc:  # noqa: BLE001 - the parent must hear about this document
            report = internal_error_report(name, exc)
        conn.send(("done", seq, report))


class _Worker:
    """A worker process and the documents it holds (the first is being linted, the rest wait in its pipe).

    Each worker holds up to QUEUED_PER_WORKER documents, so when it finishes
    one the next is already in its pipe: with one at a time it sat idle while
    this process wrote the previous report, which cost a quarter of the second
    core once documents got fast.
    """

    def __init__(self, ctx, pack: Pack, options, language: str | None) -> None:
        import os

        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_serve, args=(child, pack, options, language, os.getpid()), daemon=True)
        self.process.start()
        child.close()
        _parent_ends.add(self.conn)
        self.tasks: deque[tuple[int, str]] = deque()
        self.started: float | None = None  # when the first document's clock started (None: still loading)
        self.given = 0.0  # when the first document became first

    @property
    def task(self) -> tuple[int, str] | None:
        """The document being linted (None: idle)."""
        return self.tasks[0] if self.tasks else None

    def give(self, seq: int, name: str) -> None:
        if not self.tasks:
            self.started, self.given = None, time.monotonic()
        self.tasks.append((seq, name))
        self.conn.send((seq, name))

    def finished(self) -> None:
        """The first document's report arrived: the next one's wait for its clock starts now."""
        self.tasks.popleft()
        self.started, self.given = None, time.monotonic()

    def stop(self, kill: bool = False) -> None:
        try:
            if kill:
                self.process.kill()
            else:
                self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        _parent_ends.discard(self.conn)
        self.conn.close()


class _Terminated(SystemExit):
    """SIGTERM, turned into an exit (code 143, no traceback) that ends the workers on its way out."""

    def __init__(self) -> None:
        super().__init__(128 + signal.SIGTERM)


_UNSET = object()


def run_pool(items: Iterable[Path | InputError], pack: Pack, options, jobs: int) -> Iterator[FileReport]:
    """Lint `items` in up to `jobs` worker processes; reports in input order (see the module docstring)."""
    from lintcity.i18n import _language
    from lintcity.runner import cached_report, error_report

    ctx = _context()
    limit = options.limits.timeout_s
    hard_limit = limit + GRACE_S if 0 < limit < 1e8 else None
    workers: list[_Worker] = []
    pending: deque[tuple[int, str]] = deque()
    done: dict[int, FileReport] = {}
    source = iter(enumerate(items))
    issued = next_out = 0
    exhausted = False
    previous = _on_sigterm()
    try:
        while True:
            while not exhausted and issued - next_out < jobs * WINDOW_PER_JOB:
                try:
                    seq, item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                issued += 1
                if isinstance(item, InputError):
                    done[seq] = error_report(item)
                    continue
                report, _ = cached_report(Path(item), pack, options)
                if report is not None:
                    done[seq] = report
                else:
                    pending.append((seq, str(item)))
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
            if exhausted and next_out == issued:
                return
            while pending and len(workers) < jobs:
                worker = _Worker(ctx, pack, options, _language)
                workers.append(worker)
                worker.give(*pending.popleft())
            for worker in workers:
                while pending and len(worker.tasks) < QUEUED_PER_WORKER:
                    worker.give(*pending.popleft())
            _collect(workers, done, pending, hard_limit, ctx, pack, options, _language)
    finally:
        for worker in workers:
            worker.stop(kill=worker.task is not None)
        _restore_sigterm(previous)


def _collect(workers: list[_Worker], done: dict[int, FileReport], pending: deque[tuple[int, str]],
             hard_limit: float | None, ctx, pack: Pack, options, language: str | None) -> None:
    """Wait for the next message from a busy worker (or its death, or its deadline) and act on it.

    A worker that dies or overruns costs its first document an error report;
    the documents waiting behind it go back to the front of `pending`.
    """
    from lintcity.deadline import timeout_error
    from lintcity.runner import error_report, internal_error_report

    busy = [w for w in workers if w.task is not None]
    if not busy:
        return
    now = time.monotonic()
    deadlines = [w.started + hard_limit for w in busy if hard_limit and w.started is not None]
    deadlines += [w.given + LOAD_LIMIT_S for w in busy if w.started is None]
    timeout = max(0.0, min(deadlines) - now) if deadlines else None
    ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout)
    for worker in busy:
        replace = False
        if worker.conn in ready:
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                message = None
            if message is None:
                replace = True
                seq, name = worker.task  # type: ignore[misc]
                done[seq] = internal_error_report(name, RuntimeError("worker process ended unexpectedly"))
            elif message[0] == "start":
                worker.started = time.monotonic()
            else:
                done[message[1]] = message[2]
                worker.finished()
        elif worker.process.sentinel in ready:
            replace = True
            seq, name = worker.task  # type: ignore[misc]
            done[seq] = internal_error_report(name, RuntimeError("worker process ended unexpectedly"))
        elif (hard_limit and worker.started is not None and time.monotonic() - worker.started >= hard_limit) or (
                worker.started is None and time.monotonic() - worker.given >= LOAD_LIMIT_S):
            replace = True
            seq, name = worker.task  # type: ignore[misc]
            done[seq] = error_report(timeout_error(name, options.limits.timeout_s))
        if replace:
            waiting = list(worker.tasks)[1:]
            pending.extendleft(reversed(waiting))
            worker.tasks.clear()
            worker.stop(kill=True)
            workers[workers.index(worker)] = _Worker(ctx, pack, options, language)


def _on_sigterm():
    """Turn SIGTERM into an exception in this (main) thread, so `finally` ends the workers."""
    if threading.current_thread() is not threading.main_thread():
        return _UNSET

    def handler(signum, frame):
        raise _Terminated()

    try:
        return signal.signal(signal.SIGTERM, handler)
    except (ValueError, OSError):
        return _UNSET


def _restore_sigterm(previous) -> None:
    if previous is not _UNSET:
        signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)
