"""`lintcity check` from parsed options to exit code: settings, files, lint, policy, output.

Kept apart from cli.py so the command's declaration stays a list of options and
this file reads as the order of work: config and flags merged and checked
(every selector must name a rule), files found, linted through
`runner.lint_many`, the user's policy applied (per-file ignores, severity
overrides, baseline), one renderer called, the exit code decided.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import click

from lintcity.config import DEFAULT_SKIP_NAMES, find_config, load_config
from lintcity.errors import ConfigError, InputError, LintcityError, error_line
from lintcity.i18n import t
from lintcity.policy import Policy
from lintcity.selectors import UnknownSelector, checked

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass(frozen=True)
class CheckRequest:
    paths: tuple[str, ...]
    flags: dict[str, Any]  # option values by config key; None / () / False when not given
    config_path: str | None = None
    isolated: bool = False
    quiet: bool = False
    statistics: bool = False
    show_coverage: bool = True
    stdin_filename: str | None = None
    baseline: str | None = None
    write_baseline: str | None = None
    debug: bool = False
    jobs: int | None = None  # speed's options (cli_speed.py)
    no_cache: bool = False
    cache_dir: str | None = None


@dataclass
class Settings:
    """Flags over config over defaults; `origin[key]` says where a value came from, for error lines."""

    values: dict[str, Any]
    config_file: str | None
    origin: dict[str, str] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


_ADDITIVE = ("rules", "ignore", "extend-select", "exclude")
_TURN_ON_ONLY = ("exit-zero", "allow-empty", "show-evidence")  # flags without a --no- form


def settings_for(request: CheckRequest) -> Settings:
    config_file = None
    cfg: dict[str, Any] = {}
    if not request.isolated:
        path = Path(request.config_path) if request.config_path else find_config(Path.cwd())
        cfg = load_config(path)
        config_file = cfg.pop("__path__", None)
    values = dict(cfg)
    origin = {key: "config" for key in cfg}
    for key, value in request.flags.items():
        if value is None or value == () or (value is False and key in _TURN_ON_ONLY):
            continue
        if key in _ADDITIVE:
            values[key] = list(cfg.get(key, ())) + list(value)
            origin[key] = "both" if key in cfg else "flag"
        else:
            values[key] = list(value) if isinstance(value, tuple) else value
            origin[key] = "flag"
    return Settings(values, config_file, origin)


def _selectors(settings: Settings, key: str, known: tuple[str, ...], values=None) -> tuple[str, ...]:
    """Checked selectors of `key`; an unknown one is named with the flag or the config file and key."""
    values = settings.get(key, ()) if values is None else values
    try:
        return checked(values, known)
    except UnknownSelector as exc:
        cause = t("selector.unknown", selector=exc.args[0])
        if settings.origin.get(key) == "flag" or settings.config_file is None:
            raise LintcityError(f"--{key}", cause) from None
        raise ConfigError(settings.config_file, t("config.bad_key", key=key, problem=cause)) from None


def known_ids(requirements) -> tuple[str, ...]:
    from lintcity.report.explain import extra_codes

    return tuple(requirements) + tuple(extra_codes())


def policy_for(settings: Settings, known: tuple[str, ...]) -> Policy:
    from lintcity.checks.engine import Selection

    select = _selectors(settings, "select", known)
    extend = _selectors(settings, "extend-select", known)
    selection = Selection(select + extend if select else (), _selectors(settings, "ignore", known))
    per_file = tuple((glob, _selectors(settings, "per-file-ignores", known, ids))
                     for glob, ids in settings.get("per-file-ignores", {}).items())
    severity = {_selectors(settings, "severity", known, [sel])[0]: level
                for sel, level in settings.get("severity", {}).items()}
    return Policy(selection, per_file, severity)


def prepare_run(request: CheckRequest):
    """What every command that lints a batch needs, from flags and config alike:
    (settings, pack, its requirement checks, policy, RunOptions). `check`, `report`,
    `targets` and `diff` share it, so a config file means the same to each."""
    from lintcity.checks.engine import requirement_checks
    from lintcity.cli import _limits, _load_pack
    from lintcity.cli_speed import open_run_cache
    from lintcity.runner import RunOptions

    settings = settings_for(request)
    pack = _load_pack(settings.get("pack"), tuple(settings.get("rules", ())))
    requirements = requirement_checks(pack)
    policy = policy_for(settings, known_ids(requirements))
    limits = _limits(settings.get("max-chars"), settings.get("max-file-mb"), settings.get("max-archive-mb"),
                     settings.get("timeout"), max_pages=settings.get("max-pages"))
    if settings.get("ocr"):
        limits = replace(limits, ocr=settings.get("ocr"))
    options = RunOptions(limits, policy.selection, debug=request.debug,
                         cache=open_run_cache(request.no_cache, request.cache_dir))
    return settings, pack, requirements, policy, options


def run_check(request: CheckRequest) -> int:

    settings, pack, requirements, policy, options = prepare_run(request)
    fmt = settings.get("format", "text")
    from lintcity.cli_speed import job_count
    baseline = None
    if request.baseline:
        from lintcity.baseline import load_baseline

        baseline = load_baseline(Path(request.baseline))

    from lintcity.report.run import RunResult, Tally

    with collected(request, settings) as (items, renames):
        if not items:
            click.echo(t("check.nothing_to_check", paths=" ".join(request.paths)), err=True)
            return EXIT_CLEAN if settings.get("allow-empty") else EXIT_ERROR
        # Text and JSON are written file by file as the reports arrive and keep none (memory flat over any
        # batch: 1,000 files held 260 MB); the other formats render the whole run at once.
        streamed = fmt in _STREAMED_FORMATS and not request.write_baseline
        linted = _linted(items, pack, options, policy, renames, job_count(request.jobs, len(items)), streamed)
        if request.write_baseline:
            from lintcity.baseline import write_baseline

            count = write_baseline(Path(request.write_baseline), list(linted))
            click.echo(t("baseline.written", count=count, path=request.write_baseline), err=True)
            return EXIT_CLEAN
        if baseline is not None:
            linted = (baseline.filter(r) for r in linted)
        tally = Tally()
        reports = (tally.add(r) for r in linted) if streamed else [tally.add(r) for r in linted]
        result = RunResult(reports, pack.id, requirements, dict(pack.parts),  # type: ignore[arg-type]
                           settings.get("fail-level", "error"), show_evidence=bool(settings.get("show-evidence")),
                           quiet=request.quiet, statistics=request.statistics, show_coverage=request.show_coverage)
        if streamed and fmt == "json":
            from lintcity.report.json_report import pieces

            _write_pieces(pieces(pack.id, result.reports, tally.counts), settings.get("output-file"))
        else:
            _output(result, fmt, settings.get("output-file"))
    return exit_code_of(tally.counts(), result.fail_level, bool(settings.get("exit-zero")))


#: Formats `check` writes while the batch runs (their writers read the reports once).
_STREAMED_FORMATS = frozenset({"text", "json"})


@contextmanager
def collected(request: CheckRequest, settings: Settings) -> Iterator[tuple[list, dict[str, str]]]:
    """The files to lint and {temporary path: name to show}, valid inside the `with` block.

    Standard input (`-`) is written to a private scratch folder that lives as
    long as the block, so parsers read it like any file.
    """
    uses_stdin = "-" in request.paths
    with tempfile.TemporaryDirectory(prefix="lintcity-stdin-") if uses_stdin else nullcontext("") as scratch:
        yield _items(request, settings, Path(scratch))


def _items(request: CheckRequest, settings: Settings, scratch: Path) -> tuple[list, dict[str, str]]:
    """What to lint, and {temporary path: name to show} for standard input (`-`)."""
    from lintcity.discover import discover

    renames: dict[str, str] = {}
    paths = list(request.paths)
    items: list = []
    if "-" in paths:
        name = request.stdin_filename or "stdin.txt"
        folder = scratch / "stdin"
        folder.mkdir()
        target = folder / (Path(name).name or "stdin.txt")
        target.write_bytes(sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read().encode())
        renames[str(target)] = name
        paths = [p for p in paths if p != "-"]
        items.append(target)
    found = discover(paths, tuple(settings.get("exclude", ())),
                     respect_gitignore=settings.get("respect-gitignore", True),
                     skip_names=tuple(settings.get("skip-names", DEFAULT_SKIP_NAMES)))
    return items + found.items, renames


def _lint(items, pack, options, policy: Policy, renames: dict[str, str], jobs: int) -> list:
    return list(_linted(items, pack, options, policy, renames, jobs))


def _linted(items, pack, options, policy: Policy, renames: dict[str, str], jobs: int,
            streamed: bool = False) -> Iterator:
    """Each file's report as it is ready, in input order, the user's policy applied; input errors on stderr.

    `streamed`: the caller writes each report to stdout as it arrives (no bar beside a terminal's output).
    """
    from lintcity.progress import track
    from lintcity.runner import lint_many

    for report in track(lint_many(items, pack, options, jobs), total=len(items), label=t("progress.linting"),
                        beside_output=streamed):
        if report.path in renames:
            report = _renamed(report, renames[report.path])
        report = policy.apply(report)
        if report is None:
            continue
        if report.error:
            click.echo(error_line(report.error.path, report.error.message), err=True)
        yield report


def _renamed(report, name: str):
    """A report on standard input's temporary file, shown under --stdin-filename."""
    diagnostics = tuple(replace(d, path=name) for d in report.diagnostics)
    error = replace(report.error, path=name, message=report.error.message.replace(report.path, name)) \
        if report.error else None
    return replace(report, path=name, diagnostics=diagnostics, error=error)


def _write_pieces(pieces: Iterator[str], output_file: str | None) -> None:
    """A machine format written piece by piece, exactly as `_output` writes the whole text."""
    if output_file:
        try:
            with open(output_file, "w", encoding="utf-8", errors="backslashreplace") as out:
                for piece in pieces:
                    out.write(piece)
                out.write("\n")
        except OSError as exc:
            raise InputError(output_file, t("check.cannot_write", cause=exc.strerror or str(exc))) from None
        return
    from lintcity.errors import stream_safe
    from lintcity.streams import stdout_is_terminal, write_utf8

    colour = wants_colour(stdout_is_terminal())
    for piece in pieces:
        write_utf8(piece if colour else stream_safe(piece), newline=False)  # see _output
    write_utf8("")


def _output(result, fmt: str, output_file: str | None) -> None:
    from lintcity.report.formats import render

    if output_file:
        text = render(result, fmt, terminal=False)
        try:
            Path(output_file).write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8",
                                         errors="backslashreplace")
        except OSError as exc:
            raise InputError(output_file, t("check.cannot_write", cause=exc.strerror or str(exc))) from None
        return
    from lintcity.streams import stdout_is_terminal, write_utf8

    terminal = stdout_is_terminal()
    colour = wants_colour(terminal)
    if fmt == "text":
        from lintcity.report.terminal import write_text

        # color=: click.echo would strip the codes FORCE_COLOR asked for on a pipe
        write_text(result, lambda chunk: click.echo(chunk, color=colour), terminal=terminal, colour=colour)
        return
    text = render(result, fmt, terminal=terminal, colour=colour)
    if not text:
        return
    if not colour:  # document text's controls and bidi overrides as \uXXXX
        from lintcity.errors import stream_safe

        text = stream_safe(text)
    if fmt in _CONSOLE_FORMATS:
        click.echo(text.encode("utf-8", "backslashreplace").decode("utf-8"), color=False)
    else:
        write_utf8(text)  # JSON, SARIF, JUnit …: UTF-8 by their specifications, whatever the code page


#: Formats people read in a console: written in the console's encoding (see `lintcity.streams`).
_CONSOLE_FORMATS = frozenset({"text", "concise"})


def wants_colour(terminal: bool) -> bool:
    """Colour on a terminal or when FORCE_COLOR asks for it; never with NO_COLOR (no-color.org)."""
    import os

    if os.environ.get("NO_COLOR"):
        return False
    return terminal or bool(os.environ.get("FORCE_COLOR"))


def exit_code_of(counts: dict[str, int], fail_level: str, exit_zero: bool = False) -> int:
    """2 when a file could not be read, else 1 when a finding reaches the fail level (0 with --exit-zero)."""
    from lintcity.diagnostics import SEVERITY_RANK

    if counts["unreadable"]:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    threshold = SEVERITY_RANK[fail_level]
    if any(counts[severity] for severity, rank in SEVERITY_RANK.items() if rank >= threshold):
        return EXIT_FINDINGS
    return EXIT_CLEAN
