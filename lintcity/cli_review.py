"""The reviewer's commands: `report` (the plan × requirement matrix), `diff`, `targets`, `annotate`.

They live apart from `cli.py` so the drafters' and the reviewers' work on the
command line do not collide; `cli.py` registers them with one import line.
Heavy libraries are imported inside the commands, as in `cli.py`, so `--help`
stays instant. Every batch goes through `lintcity.runner.lint_many`.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from lintcity.cli import (
    _OCR,
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    _json_text,
    _limit_options,
    _pack_options,
    main,
)
from lintcity.cli_speed import speed_options

if TYPE_CHECKING:
    from pathlib import Path


def _path(name: str) -> Path:
    """`pathlib.Path(name)`, imported when a command runs: pathlib (and urllib.parse) were 5 ms of `--version`."""
    from pathlib import Path

    return Path(name)


MATRIX_FORMATS = ("terminal", "csv", "json", "md", "xlsx", "html")
DIFF_FORMATS = ("terminal", "json", "md")
TARGET_FORMATS = ("terminal", "csv", "json", "xlsx")
_SUFFIX_FORMAT = {".csv": "csv", ".json": "json", ".md": "md", ".markdown": "md", ".xlsx": "xlsx",
                  ".html": "html", ".htm": "html", ".txt": "terminal"}
_BINARY = {"xlsx"}


def _batch_options(func):
    """Options every reviewer command shares with `check`: pack, files, config, limits, OCR, speed."""
    for option in reversed([
        click.option("--exclude", multiple=True, help="cli.help.exclude"),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                     help="cli.help.config"),
        click.option("--isolated", is_flag=True, help="cli.help.isolated"),
    ]):
        func = option(func)
    return _pack_options(speed_options(_OCR(_limit_options(func))))


def _lint_batch(ctx, paths, batch: dict):
    """Lint `paths` as `check` does (config, selectors, policy, progress bar); return (pack, reports).

    `batch` holds the values of the `_batch_options`, as click passes them. The
    steps are check's own (`lintcity.check_run`), so a config file, per-file
    ignores and severity overrides mean the same in a matrix as in `check`.
    """
    from lintcity.check_run import CheckRequest, _lint, collected, prepare_run
    from lintcity.cli_speed import job_count
    from lintcity.i18n import t

    flags = {"pack": batch["pack_name"], "rules": batch["rules_dirs"], "exclude": batch["exclude"],
             "max-chars": batch["max_chars"], "max-file-mb": batch["max_file_mb"],
             "max-archive-mb": batch["max_archive_mb"], "max-pages": batch["max_pages"],
             "timeout": batch["timeout"], "ocr": batch["ocr"]}
    request = CheckRequest(tuple(paths), flags, batch["config_path"], batch["isolated"],
                           debug=bool(ctx.obj and ctx.obj.get("debug")), jobs=batch["jobs"],
                           no_cache=batch["no_cache"], cache_dir=batch["cache_dir"])
    settings, pack, _, policy, options = prepare_run(request)
    with collected(request, settings) as (items, renames):
        if not items:
            click.echo(t("review.no_plans"), err=True)
            sys.exit(EXIT_ERROR)
        reports = _lint(items, pack, options, policy, renames, job_count(request.jobs, len(items)))
    return pack, reports


def _output_format(fmt: str | None, output: str | None, choices: tuple[str, ...]) -> str:
    """The format asked for with --format, else the one the output file's suffix names, else terminal."""
    from lintcity.i18n import t

    if fmt:
        return fmt
    if not output:
        return "terminal"
    suffix = _path(output).suffix.lower()
    found = _SUFFIX_FORMAT.get(suffix)
    if found is None or found not in choices:
        raise click.BadParameter(t("review.error.unknown_suffix", suffix=suffix or "''",
                                   formats=", ".join(choices)), param_hint="-o")
    return found


def _emit(text: str, output: str | None) -> None:
    """Write a text report to the output file, or to stdout."""
    text = _json_text(text)  # a file name that is not UTF-8 is written escaped, not a crash
    if output is None:
        from lintcity.errors import stream_safe
        from lintcity.streams import write_utf8

        write_utf8(stream_safe(text))  # CSV/JSON/Markdown/HTML are UTF-8; no escape sequence reaches the terminal
        return
    _write(_path(output), lambda p: p.write_text(text, encoding="utf-8-sig" if p.suffix.lower() == ".csv"
                                                else "utf-8"))


def _write(path: Path, writer) -> None:
    from lintcity.i18n import t

    _write_quietly(path, writer)
    click.echo(t("review.written", path=click.format_filename(str(path))), err=True)


@main.command(help="review.help.report")
@click.argument("paths", nargs=-1, required=True, metavar="click.metavar.paths")
@click.option("-o", "--output", default=None, metavar="click.metavar.file", help="review.help.output")
@click.option("--format", "fmt", type=click.Choice(MATRIX_FORMATS), default=None, help="review.help.format")
@click.option("--sort", type=click.Choice(["coverage", "name"]), default="name", show_default=True,
              help="review.help.sort")
@_batch_options
@click.pass_context
def report(ctx, paths, output, fmt, sort, **batch) -> None:
    """A plan × requirement matrix over every document found: terminal, CSV, JSON, Markdown, XLSX, HTML.

    Exit 0, or 2 when a file could not be read (it is still a row of the matrix).
    """
    from lintcity.i18n import t
    from lintcity.report.matrix import build_matrix, part_titles

    fmt = _output_format(fmt, output, MATRIX_FORMATS)
    if fmt in _BINARY and not output:
        raise click.UsageError(t("review.error.format_needs_output", fmt=fmt))
    pack, reports = _lint_batch(ctx, paths, batch)
    matrix = build_matrix(reports, part_titles(pack), pack.id, sort)
    if fmt == "terminal":
        from rich.console import Console

        from lintcity.report import matrix_terminal

        if output:
            _write(_path(output), lambda p: _to_file(p, lambda console: matrix_terminal.render(matrix, console)))
        else:
            matrix_terminal.render(matrix, Console(highlight=False))
    elif fmt == "xlsx":
        from lintcity.report import matrix_xlsx

        _write(_path(output), lambda p: matrix_xlsx.write(matrix, p))
    else:
        from importlib import import_module

        module = {"csv": "matrix_csv", "json": "matrix_json", "md": "matrix_markdown", "html": "html"}[fmt]
        _emit(import_module(f"lintcity.report.{module}").render(matrix), output)
    sys.exit(EXIT_ERROR if any(r.error for r in reports) else EXIT_CLEAN)


def _to_file(path: Path, render) -> None:
    """Terminal output into a file: plain text, 120 columns."""
    from rich.console import Console

    with path.open("w", encoding="utf-8") as out:
        render(Console(file=out, width=120, no_color=True, highlight=False))


@main.command(help="review.help.diff")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("-o", "--output", default=None, metavar="click.metavar.file", help="review.help.output")
@click.option("--format", "fmt", type=click.Choice(DIFF_FORMATS), default=None, help="review.help.format")
@_batch_options
@click.pass_context
def diff(ctx, old, new, output, fmt, **batch) -> None:
    """Compare two drafts (any formats): requirements gained or lost, targets changed, citation.

    Exit 1 when the new draft loses coverage or weakens a target, 2 when a draft cannot be read.
    """
    from lintcity.diff import diff_reports
    from lintcity.report import diff as diff_report

    fmt = _output_format(fmt, output, DIFF_FORMATS)
    _, reports = _lint_batch(ctx, (old, new), batch)
    if len(reports) != 2 or any(r.error for r in reports):
        sys.exit(EXIT_ERROR)
    result = diff_reports(*reports)
    if fmt == "terminal":
        from rich.console import Console

        if output:
            _write(_path(output), lambda p: _to_file(p, lambda console: diff_report.render_terminal(result, console)))
        else:
            diff_report.render_terminal(result, Console(highlight=False))
    else:
        _emit(diff_report.render_json(result) if fmt == "json" else diff_report.render_markdown(result), output)
    sys.exit(EXIT_FINDINGS if result.weakened else EXIT_CLEAN)


@main.command(help="review.help.annotate")
@click.argument("file", type=click.Path(dir_okay=False), metavar="click.metavar.file")
@click.option("-o", "--output", default=None, metavar="click.metavar.file", help="review.help.annotate_output")
@_batch_options
@click.pass_context
def annotate(ctx, file, output, **batch) -> None:
    """Write a reviewed copy of FILE with the findings as comments.

    .docx: one Word comment per finding (author "lintcity") on the quoted words or their paragraph, missing
    requirements on their part's heading, a summary on the title. .md/.txt: a copy with
    `<!-- lintcity: … -->` notes after the paragraphs. Other formats (PDF): a .docx report of the findings.
    The input is never modified. Exit 0, or 2 when FILE cannot be read or written.
    """
    from lintcity import annotate as notes
    from lintcity.i18n import t

    source = _path(file)
    suffix = source.suffix.lower()
    kind = "docx" if suffix == ".docx" else "text" if suffix in (".md", ".markdown", ".txt") else "report"
    target = _path(output) if output else source.with_name(
        f"{source.stem}.reviewed{suffix if kind == 'text' else '.docx'}")
    if _same_file(source, target):
        raise click.BadParameter(t("review.annotate.same_file"), param_hint="-o")
    pack, reports = _lint_batch(ctx, (file,), batch)
    if not reports or reports[0].error:
        sys.exit(EXIT_ERROR)
    report = reports[0]
    headings = {key: tuple(data.get("headings", ())) for key, data in pack.parts.items()}
    count = 0

    def write(path: Path) -> None:
        nonlocal count
        if kind == "docx":
            count = notes.annotate_docx(source, path, report, headings)
        elif kind == "text":
            raw = source.read_bytes()
            encoding = _text_encoding(raw)
            text = raw.decode(encoding)
            count = len(report.diagnostics) + 1
            with path.open("w", encoding=encoding, newline="") as out:
                out.write(notes.annotate_text(text, report, headings))
        else:
            count = notes.report_docx(path, report)

    _write_quietly(target, write)
    click.echo(t("review.annotate.written", path=click.format_filename(str(target)), comments=count), err=True)
    sys.exit(EXIT_CLEAN)


def _same_file(a: Path, b: Path) -> bool:
    """True when b names a (through a symlink, a relative path, or a hard link)."""
    import os

    if a.resolve() == b.resolve():
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _text_encoding(raw: bytes) -> str:
    """The encoding to read and write a text copy in: the original's (UTF-8, with its BOM, or GB18030)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        raw.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "gb18030"


def _write_quietly(path: Path, writer) -> None:
    from lintcity.errors import LintcityError
    from lintcity.i18n import t

    try:
        writer(path)
    except OSError as exc:
        raise LintcityError(str(path), t("review.error.cannot_write", cause=exc.strerror or str(exc))) from None


@main.command(help="review.help.targets")
@click.argument("paths", nargs=-1, required=True, metavar="click.metavar.paths")
@click.option("-o", "--output", default=None, metavar="click.metavar.file", help="review.help.output")
@click.option("--format", "fmt", type=click.Choice([*TARGET_FORMATS, "text"]), default=None,
              help="review.help.format")
@_batch_options
@click.pass_context
def targets(ctx, paths, output, fmt, **batch) -> None:
    """Every 2027/2030 (and other) target of every plan found, as one table.

    Columns: plan, year, indicator, comparator, value, unit, location (a goal stated in prose and in a
    table shows both places). Exit 0, or 2 when a file could not be read.
    """
    import json

    from lintcity.i18n import t
    from lintcity.report import matrix_flat
    from lintcity.report.matrix import build_matrix

    fmt = "terminal" if fmt == "text" else _output_format(fmt, output, TARGET_FORMATS)
    if fmt in _BINARY and not output:
        raise click.UsageError(t("review.error.format_needs_output", fmt=fmt))
    _, reports = _lint_batch(ctx, paths, batch)
    matrix = build_matrix(reports, {})
    header, rows = matrix_flat.target_header(), matrix_flat.target_rows(matrix)
    if fmt == "terminal":
        from rich.console import Console

        from lintcity.report.targets_table import render

        if output:
            _write(_path(output), lambda p: _to_file(p, lambda console: render(matrix, console)))
        else:
            render(matrix, Console(highlight=False))
    elif fmt == "xlsx":
        from lintcity.report.matrix_xlsx import write_targets

        _write(_path(output), lambda p: write_targets(matrix, p))
    elif fmt == "csv":
        from lintcity.report.matrix_csv import render_rows

        _emit(render_rows(header, rows), output)
    else:
        data = [{"plan": row.path, **tg.to_dict()} for row in matrix.rows for tg in _targets_of(reports, row.path)]
        _emit(json.dumps(data, ensure_ascii=False, indent=2), output)
    sys.exit(EXIT_ERROR if any(r.error for r in reports) else EXIT_CLEAN)


def _targets_of(reports, path: str):
    report = next(r for r in reports if r.path == path)
    return sorted(report.targets, key=lambda tg: (tg.year, tg.location.sort_key()))
