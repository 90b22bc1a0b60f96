"""Lint files: discover → parse (with a time limit) → analyze → check → FileReport.

A file that cannot be read becomes a FileReport carrying an IO0xx diagnostic,
so machine reports see it and the other files are still linted.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from lintcity.checks.engine import Selection, run_checks
from lintcity.diagnostics import Diagnostic, FileReport, fingerprint
from lintcity.document import Document
from lintcity.errors import InputError
from lintcity.limits import Limits
from lintcity.packs import Pack


@dataclass(frozen=True)
class RunOptions:
    limits: Limits = field(default_factory=Limits)
    selection: Selection = field(default_factory=Selection)
    debug: bool = False  # let an internal error raise, with its traceback


def lint_many(items: Iterable[Path | InputError], pack: Pack, options: RunOptions = RunOptions(),
              jobs: int = 1) -> Iterator[FileReport]:
    """Lint a batch, yielding one FileReport per item in input order, as each is ready.

    This is the one entry point for batches (check, report, targets): items are
    what `discover` found (paths, or InputErrors for what could not be walked).
    Reports are streamed so a reporter can print and drop them, and memory stays
    flat over a batch. `jobs` > 1 is served by worker processes (see the
    performance issue); the order is the input order whatever `jobs` is.
    """
    for item in items:
        yield error_report(item) if isinstance(item, InputError) else lint_file(item, pack, options)


def lint_file(path: Path, pack: Pack, options: RunOptions = RunOptions()) -> FileReport:
    """Lint one file. A bug of ours on this file is this file's error (IO009), not the run's end."""
    try:
        return _lint(path, pack, options)
    except InputError as exc:
        return error_report(exc)
    except Exception as exc:  # noqa: BLE001 - the other files of the run must still be linted
        if options.debug:
            raise
        cause = f"internal error: {type(exc).__name__}: {exc} — please report it (run with --debug for details)"
        return error_report(InputError(str(path), cause, "IO009"))


def _lint(path: Path, pack: Pack, options: RunOptions) -> FileReport:
    from lintcity.analysis import analyze
    from lintcity.parsers import parse_file

    prepare(path, pack)
    with time_limit(options.limits.timeout_s, str(path)):
        doc = parse_file(path, options.limits)
        analysis = analyze(doc, pack)
    diagnostics, coverage = run_checks(analysis, options.selection)
    diagnostics.sort(key=lambda d: (d.location.sort_key() if d.location else (), d.rule_id))
    return FileReport(str(path), doc.format, stats(doc), tuple(diagnostics), tuple(coverage),
                      tuple(analysis.targets), document_kind=analysis.kind,
                      document_evidence=tuple(analysis.kind_signals))


def prepare(path: Path, pack: Pack) -> None:
    """Load what any document needs before its clock starts.

    Loading spaCy and jieba's dictionary takes about two seconds and python-docx
    or pdfplumber a fraction of one; inside the per-document time limit, that
    made the first file of a run time out under a small --timeout although
    reading it takes milliseconds. Both loads are cached, so this costs nothing
    from the second file on. An unsupported suffix raises InputError (IO002).
    """
    from lintcity import nlp
    from lintcity.parsers import parser_for

    parser_for(path)  # imports the parser module, and with it the parser library
    nlp.blank_zh()
    nlp.add_terms(pack.all_terms())


def error_report(exc: InputError) -> FileReport:
    diag = Diagnostic(exc.code, "input-error", "error", exc.cause, exc.path,
                      fingerprint=fingerprint(exc.code, exc.path))
    return FileReport(exc.path, error=diag)


def stats(doc: Document) -> dict[str, int]:
    return {"blocks": len(doc.blocks), "headings": len(doc.headings()), "tables": len(doc.tables),
            "sentences": sum(len(b.sentences) for b in doc.blocks), "characters": doc.char_count}


class _Expired(BaseException):
    """Raised by the alarm of `time_limit`.

    A BaseException (like KeyboardInterrupt), not an Exception: the alarm fires
    wherever the parser happens to be, often inside library code that catches
    `Exception`. pdfplumber, for one, re-raises every error as
    PdfminerException (the timeout then read "corrupt or unreadable pdf file")
    and skips metadata it cannot parse (the timeout was then swallowed and the
    document ran on with no limit at all).
    """


_NO_LIMIT = 1e8  # seconds (three years): at or above this, and for infinity, there is no timer


@contextmanager
def time_limit(seconds: float, path: str) -> Iterator[None]:
    """Abort one document after `seconds` (main thread only; elsewhere no limit).

    0 or infinity means no limit; setitimer cannot take infinity or huge values.
    """
    if seconds <= 0 or seconds >= _NO_LIMIT or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum, frame):
        raise _Expired()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    except _Expired:  # also when the alarm lands in the `finally` above, before it is disarmed
        raise InputError(path, f"took longer than {seconds:g} s to read (raise it with --timeout)",
                         "IO007") from None
