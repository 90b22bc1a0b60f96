"""Lint files: discover → parse → analyze → check → FileReport, all under one time limit.

A file that cannot be read becomes a FileReport carrying an IO0xx diagnostic,
so machine reports see it and the other files are still linted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from lintcity.cache import CacheFolder
from lintcity.deadline import time_limit
from lintcity.diagnostics import Diagnostic, FileReport, fingerprint
from lintcity.document import Document
from lintcity.errors import InputError
from lintcity.limits import Limits
from lintcity.packs import Pack
from lintcity.selection import Selection


@dataclass(frozen=True)
class RunOptions:
    limits: Limits = field(default_factory=Limits)
    selection: Selection = field(default_factory=Selection)
    debug: bool = False  # let an internal error raise, with its traceback
    cache: CacheFolder | None = None  # None: no cache (the CLI passes the user's, unless --no-cache)


def lint_many(items: Iterable[Path | InputError], pack: Pack, options: RunOptions = RunOptions(),
              jobs: int = 1) -> Iterator[FileReport]:
    """Lint a batch, yielding one FileReport per item in input order, as each is ready.

    This is the one entry point for batches (check, report, targets): items are
    what `discover` found (paths, or InputErrors for what could not be walked).
    Reports are streamed so a reporter can print and drop them, and memory stays
    flat over a batch. Documents run in `jobs` worker processes (see
    `lintcity.workers`): a worker whose document overruns the time limit inside
    C code is killed, which a thread cannot do. With `debug`, documents run in
    this process so an internal error raises with its traceback.
    """
    if options.debug:
        for item in items:
            yield error_report(item) if isinstance(item, InputError) else lint_file(item, pack, options)
        return
    from lintcity.workers import run_pool

    yield from run_pool(items, pack, options, max(1, jobs))


def lint_file(path: Path, pack: Pack, options: RunOptions = RunOptions()) -> FileReport:
    """Lint one file in this process. A bug of ours on this file is this file's error (IO009), not the run's end."""
    try:
        return _lint(path, pack, options)
    except InputError as exc:
        return error_report(exc)
    except Exception as exc:  # noqa: BLE001 - the other files of the run must still be linted
        if options.debug:
            raise
        return internal_error_report(str(path), exc)


def internal_error_report(path: str, exc: BaseException) -> FileReport:
    cause = f"internal error: {type(exc).__name__}: {exc} — please report it (run with --debug for details)"
    return error_report(InputError(path, cause, "IO009"))


def cached_report(path: Path, pack: Pack, options: RunOptions) -> tuple[FileReport | None, str | None]:
    """The cached report for this file, pack and options (or None), and the file's content digest."""
    if options.cache is None:
        return None, None
    from lintcity.cache import file_digest

    digest = file_digest(path, options.limits.max_file_bytes)
    if digest is None:
        return None, None
    return options.cache.load("report", _report_key(path, digest, pack, options), FileReport), digest


def _doc_key(path: Path, digest: str, options: RunOptions) -> str:
    from dataclasses import replace

    from lintcity.cache import code_digest, key

    return key("doc", str(path), digest, code_digest(), replace(options.limits, timeout_s=0))


def _report_key(path: Path, digest: str, pack: Pack, options: RunOptions) -> str:
    from lintcity.cache import key, pack_digest

    return key("report", _doc_key(path, digest, options), pack_digest(pack), options.selection)


def _lint(path: Path, pack: Pack, options: RunOptions) -> FileReport:
    report, digest = cached_report(path, pack, options)
    if report is not None:
        return report  # a warm run imports no parser and no analysis
    from lintcity.analysis import analyze
    from lintcity.checks.engine import run_checks
    from lintcity.parsers import parse_file

    prepare(path, pack)
    with time_limit(options.limits.timeout_s, str(path)):
        doc = options.cache.load("doc", _doc_key(path, digest, options), Document) if digest else None
        if doc is None:
            doc = parse_file(path, options.limits)
            if digest:
                options.cache.store("doc", _doc_key(path, digest, options), doc)
        analysis = analyze(doc, pack)
        diagnostics, coverage = run_checks(analysis, options.selection)
        diagnostics = suppressed(doc, diagnostics, pack, options.selection)
    diagnostics.sort(key=lambda d: (d.location.sort_key() if d.location else (), d.rule_id))
    report = FileReport(str(path), doc.format, stats(doc), tuple(diagnostics), tuple(coverage),
                        tuple(analysis.targets), document_kind=analysis.kind,
                        document_evidence=tuple(analysis.kind_signals))
    if digest:
        from lintcity.cache import file_digest

        if file_digest(path, options.limits.max_file_bytes) == digest:  # not edited while it was linted
            options.cache.store("report", _report_key(path, digest, pack, options), report)
    return report


def suppressed(doc: Document, diagnostics: list[Diagnostic], pack: Pack, selection: Selection) -> list[Diagnostic]:
    """Findings minus those the document's `lintcity: disable=` comments suppress, plus SP001/SP002."""
    if not doc.comments:
        return diagnostics
    from lintcity.checks.engine import requirement_checks
    from lintcity.report.explain import extra_codes
    from lintcity.suppression import apply

    known = set(requirement_checks(pack)) | set(extra_codes())
    return apply(doc, diagnostics, known, selection.wants)


def prepare(path: Path, pack: Pack) -> None:
    """Load what any document needs before its clock starts.

    Loading jieba's dictionary and a parser library takes a fraction of a
    second (seconds on a loaded machine); inside the per-document time limit,
    that made the first file of a run time out under a small --timeout although
    reading it takes milliseconds. All loads are cached, so this costs nothing
    from the second file on. spaCy is not loaded here: only a block that a
    token pattern may match needs it, and its import pauses the document's
    clock (`nlp.TokenPatterns.load`). An unsupported suffix raises InputError (IO002).
    """
    from lintcity import nlp
    from lintcity.parsers import parser_for

    parser_for(path)  # imports the parser module, and with it the parser library
    nlp.blank_zh()
    _warm(pack)


_WARM_TEXT = ("一、总体要求", "到2027年，政府和市场共同推进城市全域数字化转型，统一运维平台覆盖率达到90%。",
              "指标 | 2027年目标")


@lru_cache(maxsize=8)
def _warm(pack: Pack) -> None:
    """Lint a three-block document once per pack and process, outside any clock.

    What the analysis builds on first use — jieba's dictionary and the pack's
    terms in it, the term automaton, the compiled filter patterns — and the
    check objects are then built, so the
    first real document's time limit measures that document only. The checks
    themselves are not run here: a check that never ends must meet the
    document's clock, not hang the run before it starts.
    """
    from lintcity import nlp
    from lintcity.analysis import analyze
    from lintcity.checks.engine import checks_for
    from lintcity.document import Location, RawBlock, build_document

    nlp.add_terms(pack.all_terms())
    blocks = [RawBlock(text, Location(paragraph=n + 1)) for n, text in enumerate(_WARM_TEXT)]
    analyze(build_document("warm-up", "txt", blocks), pack)
    checks_for(pack)


def error_report(exc: InputError) -> FileReport:
    diag = Diagnostic(exc.code, "input-error", "error", exc.cause, exc.path,
                      fingerprint=fingerprint(exc.code, exc.path))
    return FileReport(exc.path, error=diag)


def stats(doc: Document) -> dict[str, int]:
    return {"blocks": len(doc.blocks), "headings": len(doc.headings()), "tables": len(doc.tables),
            "sentences": sum(len(b.sentences) for b in doc.blocks), "characters": doc.char_count}
