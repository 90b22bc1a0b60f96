"""Command line: `lintcity check|parse|targets|rules|explain`.

Heavy libraries (spaCy, jieba, pdfplumber, python-docx) are imported inside
the commands that need them, so `--help` and `--version` stay instant.
Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage,
configuration or input error (an unreadable file is reported and the other
files are still linted).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lintcity import __version__

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Group(click.Group):
    """Maps every unexpected exception to one line and exit 2 (traceback only with --debug)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            click.echo("lintcity: interrupted", err=True)
            sys.exit(EXIT_ERROR)
        except Exception as exc:
            from lintcity.errors import LintcityError

            if ctx.obj and ctx.obj.get("debug"):
                raise
            if isinstance(exc, LintcityError):
                click.echo(str(exc), err=True)
            else:
                click.echo(f"lintcity: internal error: {type(exc).__name__}: {exc} (run with --debug "
                           "for details)", err=True)
            sys.exit(EXIT_ERROR)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="lintcity")
@click.option("--debug", is_flag=True, help="Show tracebacks for internal errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Lint Chinese smart-city plans against the 2024 national guideline (发改数据〔2024〕660号)."""
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _limit_options(func):
    for option in reversed([
        click.option("--max-chars", type=int, default=None, help="Refuse documents with more extracted characters."),
        click.option("--max-file-mb", type=int, default=None, help="Refuse input files larger than this."),
        click.option("--max-archive-mb", type=int, default=None, help="Refuse .docx expanding past this."),
        click.option("--timeout", type=float, default=None, help="Seconds allowed per document (default 60)."),
    ]):
        func = option(func)
    return func


def _limits(max_chars, max_file_mb, max_archive_mb, timeout, base=None):
    from dataclasses import replace

    from lintcity.limits import MB, Limits

    limits = base or Limits()
    changes = {}
    if max_chars is not None:
        changes["max_chars"] = max_chars
    if max_file_mb is not None:
        changes["max_file_bytes"] = max_file_mb * MB
    if max_archive_mb is not None:
        changes["max_archive_bytes"] = max_archive_mb * MB
    if timeout is not None:
        changes["timeout_s"] = timeout
    return replace(limits, **changes)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_context
def parse(ctx: click.Context, paths: tuple[str, ...], fmt: str) -> None:
    """Show the document model lintcity reads from FILE: headings tree and blocks with locations."""
    from lintcity.errors import InputError
    from lintcity.parsers import parse_file
    from lintcity.report.model_dump import dump_json, dump_text

    code = EXIT_CLEAN
    for name in paths:
        try:
            doc = parse_file(Path(name))
        except InputError as exc:
            click.echo(str(exc), err=True)
            code = EXIT_ERROR
            continue
        click.echo(dump_json(doc) if fmt == "json" else dump_text(doc))
    sys.exit(code)
