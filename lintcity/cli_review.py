"""The reviewer's commands: `report` (the plan × requirement matrix), `diff`, `targets`, `annotate`.

They live apart from `cli.py` so the drafters' and the reviewers' work on the
command line do not collide; `cli.py` registers them with one import line.
Heavy libraries are imported inside the commands, as in `cli.py`, so `--help`
stays instant. Every batch goes through `lintcity.runner.lint_many`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lintcity.cli import EXIT_CLEAN, EXIT_ERROR, _json_text, _limit_options, _limits, _load_pack, main

MATRIX_FORMATS = {"terminal": None, "csv": ".csv", "json": ".json", "md": ".md", "xlsx": ".xlsx",
                  "html": ".html"}
_SUFFIX_FORMAT = {".csv": "csv", ".json": "json", ".md": "md", ".markdown": "md", ".xlsx": "xlsx",
                  ".html": "html", ".htm": "html", ".txt": "terminal"}
_BINARY = {"xlsx"}


def _batch_options(func):
    """Options every many-file reviewer command shares with `check`."""
    for option in reversed([
        click.option("--pack", "pack_name", default=None, help="Rule pack id or folder (default guideline-2024)."),
        click.option("--rules", "rules_dirs", multiple=True, help="Folder with extra rule packs (or a pack folder)."),
        click.option("--exclude", multiple=True, help="Skip files and folders matching this glob."),
        click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
                     help="Config file (lintcity.toml or pyproject.toml)."),
        click.option("--isolated", is_flag=True, help="Ignore configuration files."),
    ]):
        func = option(func)
    return _limit_options(func)


def _lint_batch(ctx, paths, pack_name, rules_dirs, exclude, config_path, isolated, max_chars, max_file_mb,
                max_archive_mb, max_pages, timeout):
    """Discover `paths`, lint them through `lint_many` (input order), return (pack, reports)."""
    from lintcity.checks.engine import Selection
    from lintcity.config import find_config, load_config
    from lintcity.discover import discover
    from lintcity.errors import error_line
    from lintcity.runner import RunOptions, lint_many

    cfg = {} if isolated else load_config(Path(config_path) if config_path else find_config(Path.cwd()))
    pack = _load_pack(pack_name or cfg.get("pack"), tuple(rules_dirs) + tuple(cfg.get("rules", ())))
    limits = _limits(max_chars if max_chars is not None else cfg.get("max-chars"),
                     max_file_mb if max_file_mb is not None else cfg.get("max-file-mb"),
                     max_archive_mb if max_archive_mb is not None else cfg.get("max-archive-mb"),
                     timeout if timeout is not None else cfg.get("timeout"),
                     max_pages=max_pages if max_pages is not None else cfg.get("max-pages"))
    options = RunOptions(limits, Selection(tuple(cfg.get("select", ())), tuple(cfg.get("ignore", ()))),
                         debug=bool(ctx.obj and ctx.obj.get("debug")))
    found = discover(list(paths), tuple(exclude) + tuple(cfg.get("exclude", ())))
    reports = []
    for report in lint_many(found.items, pack, options):
        if report.error:
            click.echo(error_line(report.error.path, report.error.message), err=True)
        reports.append(report)
    return pack, reports


def _output_format(fmt: str | None, output: str | None, choices: dict[str, str | None]) -> str:
    """The format asked for with --format, else the one the output file's suffix names, else terminal."""
    from lintcity.i18n import t

    if fmt:
        return fmt
    if not output:
        return "terminal"
    suffix = Path(output).suffix.lower()
    found = _SUFFIX_FORMAT.get(suffix)
    if found is None or found not in choices:
        raise click.BadParameter(t("review.error.unknown_suffix", suffix=suffix or "''",
                                   formats=", ".join(choices)), param_hint="-o")
    return found


def _emit(text: str, output: str | None) -> None:
    """Write a text report to the output file, or to stdout."""
    if output is None:
        click.echo(_json_text(text), nl=not text.endswith("\n"))
        return
    _write(Path(output), lambda p: p.write_text(text, encoding="utf-8-sig" if p.suffix.lower() == ".csv"
                                                else "utf-8"))


def _write(path: Path, writer) -> None:
    from lintcity.errors import LintcityError
    from lintcity.i18n import t

    try:
        writer(path)
    except OSError as exc:
        raise LintcityError(str(path), t("review.error.cannot_write", cause=exc.strerror or str(exc))) from None
    click.echo(t("review.written", path=click.format_filename(str(path))), err=True)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("-o", "--output", default=None, help="Write the report to this file (format from its suffix).")
@click.option("--format", "fmt", type=click.Choice(list(MATRIX_FORMATS)), default=None,
              help="terminal, csv, json, md, xlsx or html (default: from -o's suffix, else terminal).")
@click.option("--sort", type=click.Choice(["coverage", "name"]), default="name", show_default=True,
              help="Order of the plans: by path, or by coverage (best first).")
@_batch_options
@click.pass_context
def report(ctx, paths, output, fmt, sort, pack_name, rules_dirs, exclude, config_path, isolated, max_chars,
           max_file_mb, max_archive_mb, max_pages, timeout) -> None:
    """A plan × requirement matrix over every document found: terminal, CSV, JSON, Markdown, XLSX, HTML.

    Exit 0, or 2 when a file could not be read (it is still a row of the matrix).
    """
    from lintcity.i18n import t
    from lintcity.report.matrix import build_matrix, part_titles

    fmt = _output_format(fmt, output, MATRIX_FORMATS)
    if fmt in _BINARY and not output:
        raise click.UsageError(t("review.error.format_needs_output", fmt=fmt))
    pack, reports = _lint_batch(ctx, paths, pack_name, rules_dirs, exclude, config_path, isolated, max_chars,
                                max_file_mb, max_archive_mb, max_pages, timeout)
    matrix = build_matrix(reports, part_titles(pack), pack.id, sort)
    if fmt == "terminal":
        from rich.console import Console

        from lintcity.report import matrix_terminal

        if output:
            _write(Path(output), lambda p: _terminal_to_file(matrix, p))
        else:
            matrix_terminal.render(matrix, Console(highlight=False))
    elif fmt == "xlsx":
        from lintcity.report import matrix_xlsx

        _write(Path(output), lambda p: matrix_xlsx.write(matrix, p))
    else:
        from importlib import import_module

        module = {"csv": "matrix_csv", "json": "matrix_json", "md": "matrix_markdown", "html": "html"}[fmt]
        _emit(import_module(f"lintcity.report.{module}").render(matrix), output)
    sys.exit(EXIT_ERROR if any(r.error for r in reports) else EXIT_CLEAN)


def _terminal_to_file(matrix, path: Path) -> None:
    from rich.console import Console

    from lintcity.report import matrix_terminal

    with path.open("w", encoding="utf-8") as out:
        matrix_terminal.render(matrix, Console(file=out, width=matrix_terminal.MAX_WIDTH, no_color=True,
                                               highlight=False))


@main.command()
@click.argument("file")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--pack", "pack_name", default=None)
@click.option("--rules", "rules_dirs", multiple=True)
def targets(file, fmt, pack_name, rules_dirs) -> None:
    """Print the 2027/2030 (and other) targets extracted from FILE."""
    import json

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from lintcity.errors import error_line, printable
    from lintcity.runner import lint_file

    pack = _load_pack(pack_name, tuple(rules_dirs))
    report = lint_file(Path(file), pack)
    if report.error:
        click.echo(error_line(report.error.path, report.error.message), err=True)
        sys.exit(EXIT_ERROR)
    found = sorted(report.targets, key=lambda t: (t.year, t.location.sort_key()))
    if fmt == "json":
        click.echo(_json_text(json.dumps([t.to_dict() for t in found], ensure_ascii=False, indent=2)))
        return
    table = Table(title=Text(f"目标 {printable(file)}"))  # Text: brackets in a name are not Rich markup
    for col in ("年份", "指标", "比较", "目标值", "单位", "来源", "位置"):
        table.add_column(col)
    for t in found:
        value = int(t.value) if t.value == int(t.value) else t.value
        table.add_row(str(t.year), t.indicator, t.comparator, str(value), t.unit, t.source, str(t.location))
    Console(highlight=False).print(table)
