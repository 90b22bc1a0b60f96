"""Command line: `lintcity check|parse|targets|rules|explain`.

Heavy libraries (spaCy, jieba, pypdfium2, python-docx) are imported inside
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
from lintcity.cli_speed import cache_group, speed_options

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
                from lintcity.errors import printable

                click.echo(f"lintcity: internal error: {type(exc).__name__}: {printable(str(exc))} (run with "
                           "--debug for details)", err=True)
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
    """The size and time limits; every limit message names the option that raises it."""
    positive = click.IntRange(min=1)
    for option in reversed([
        click.option("--max-chars", type=positive, default=None,
                     help="Refuse documents with more extracted characters."),
        click.option("--max-file-mb", type=positive, default=None, help="Refuse input files larger than this."),
        click.option("--max-archive-mb", type=positive, default=None, help="Refuse .docx expanding past this."),
        click.option("--max-pages", type=positive, default=None, help="Refuse PDFs with more pages (default 2000)."),
        click.option("--timeout", type=click.FloatRange(min=0), default=None,
                     help="Seconds allowed per document (default 60; 0 for no limit)."),
    ]):
        func = option(func)
    return func


def _limits(max_chars, max_file_mb, max_archive_mb, timeout, base=None, max_pages=None):
    """Limits from options (config values come through here too, so they are checked alike)."""
    import math
    from dataclasses import replace

    from lintcity.limits import MB, Limits

    if timeout is not None and math.isnan(timeout):
        raise click.BadParameter("must be a number of seconds, not nan", param_hint="--timeout")
    for name, value in (("--max-chars", max_chars), ("--max-file-mb", max_file_mb),
                        ("--max-archive-mb", max_archive_mb), ("--max-pages", max_pages)):
        if value is not None and value < 1:
            raise click.BadParameter(f"must be at least 1, not {value}", param_hint=name)
    if timeout is not None and timeout < 0:
        raise click.BadParameter(f"must be 0 (no limit) or more, not {timeout:g}", param_hint="--timeout")
    limits = base or Limits()
    changes = {}
    if max_chars is not None:
        changes["max_chars"] = max_chars
    if max_file_mb is not None:
        changes["max_file_bytes"] = max_file_mb * MB
    if max_archive_mb is not None:
        changes["max_archive_bytes"] = max_archive_mb * MB
    if max_pages is not None:
        changes["max_pages"] = max_pages
    if timeout is not None:
        changes["timeout_s"] = timeout
    return replace(limits, **changes)


def _json_text(text: str) -> str:
    """JSON that encodes as UTF-8 whatever the file names.

    A file name with bytes that are not UTF-8 reaches Python as lone surrogates,
    which cannot be written to a UTF-8 stream. Written as the JSON escape
    `\\udcff` instead, the JSON stays valid, and `os.fsencode(json.loads(...))`
    gives back the exact bytes of the name.
    """
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


_OCR = click.option("--ocr", type=click.Choice(["auto", "always", "never"]), default=None,
                    help="OCR PDF pages: auto (pages without text), always, never (needs lintcity[ocr]).")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_OCR
@click.pass_context
def parse(ctx: click.Context, paths: tuple[str, ...], fmt: str, ocr: str | None) -> None:
    """Show the document model lintcity reads from FILE: headings tree and blocks with locations."""
    from lintcity.errors import InputError, stream_safe
    from lintcity.limits import Limits
    from lintcity.parsers import parse_file
    from lintcity.report.model_dump import dump_json, dump_text

    code = EXIT_CLEAN
    for name in paths:
        try:
            doc = parse_file(Path(name), Limits(ocr=ocr or "auto"))
        except InputError as exc:
            click.echo(str(exc), err=True)
            code = EXIT_ERROR
            continue
        # stream_safe: C1 controls and bidi overrides as \uXXXX: the same JSON data, inert on a terminal.
        click.echo(stream_safe(_json_text(dump_json(doc))) if fmt == "json" else dump_text(doc))
    sys.exit(code)


def _load_pack(pack_name: str | None, rules_dirs: tuple[str, ...]):
    from lintcity.packs import DEFAULT_PACK, find_pack, load_pack

    search = tuple(Path(d) for d in rules_dirs)
    for d in search:
        if not d.is_dir():
            from lintcity.errors import PackError

            raise PackError(str(d), "--rules: no such folder")
    if pack_name is None:
        # A --rules folder that is itself a pack is the pack to use.
        own = [d for d in search if (d / "pack.yaml").is_file()]
        pack_name = str(own[0]) if own else DEFAULT_PACK
    find_pack(pack_name, search)
    return load_pack(pack_name, search)


_SEVERITIES = ["error", "warning", "info"]


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default=None,
              help="Output format (default text).")
@click.option("--pack", "pack_name", default=None, help="Rule pack id or folder (default guideline-2024).")
@click.option("--rules", "rules_dirs", multiple=True, help="Folder with extra rule packs (or a pack folder).")
@click.option("--select", multiple=True, help="Only these rule ids or prefixes (GL, OP1, TG101).")
@click.option("--ignore", multiple=True, help="Skip these rule ids or prefixes.")
@click.option("--exclude", multiple=True, help="Skip files and folders matching this glob.")
@click.option("--fail-level", type=click.Choice(_SEVERITIES), default=None,
              help="Exit 1 when a finding at or above this level remains (default error).")
@click.option("--no-coverage", is_flag=True, help="Do not print the coverage table.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None,
              help="Config file (lintcity.toml or pyproject.toml).")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@_limit_options
@_OCR
@speed_options
@click.pass_context
def check(ctx, paths, fmt, pack_name, rules_dirs, select, ignore, exclude, fail_level, no_coverage, config_path,
          isolated, max_chars, max_file_mb, max_archive_mb, max_pages, timeout, ocr, jobs, no_cache, cache_dir) -> None:
    """Lint plan documents (files or folders) against the rule pack."""
    from rich.console import Console

    from lintcity.checks.engine import Selection
    from lintcity.config import find_config, load_config
    from lintcity.discover import discover
    from lintcity.errors import error_line, stream_safe
    from lintcity.cli_speed import job_count, open_run_cache
    from lintcity.runner import RunOptions, lint_many

    cfg = {} if isolated else load_config(Path(config_path) if config_path else find_config(Path.cwd()))
    fmt = fmt or cfg.get("format", "text")
    fail_level = fail_level or cfg.get("fail-level", "error")
    pack = _load_pack(pack_name or cfg.get("pack"), tuple(rules_dirs) + tuple(cfg.get("rules", ())))
    limits = _limits(max_chars if max_chars is not None else cfg.get("max-chars"),
                     max_file_mb if max_file_mb is not None else cfg.get("max-file-mb"),
                     max_archive_mb if max_archive_mb is not None else cfg.get("max-archive-mb"),
                     timeout if timeout is not None else cfg.get("timeout"),
                     max_pages=max_pages if max_pages is not None else cfg.get("max-pages"))
    if ocr is not None:
        from dataclasses import replace

        limits = replace(limits, ocr=ocr)
    options = RunOptions(limits, Selection(tuple(select) or tuple(cfg.get("select", ())),
                                           tuple(ignore) + tuple(cfg.get("ignore", ()))),
                         debug=bool(ctx.obj and ctx.obj.get("debug")), cache=open_run_cache(no_cache, cache_dir))
    found = discover(list(paths), tuple(exclude) + tuple(cfg.get("exclude", ())))
    reports = []
    for report in lint_many(found.items, pack, options, job_count(jobs, len(found.items))):
        if report.error:
            click.echo(error_line(report.error.path, report.error.message), err=True)
        reports.append(report)
    if fmt == "json":
        from lintcity.report.json_report import render

        click.echo(stream_safe(_json_text(render(reports, pack.id))))  # no escape sequence reaches the terminal
    else:
        from lintcity.report.terminal import render

        render(reports, Console(highlight=False), show_coverage=not no_coverage)
    sys.exit(_exit_code(reports, fail_level))


def _exit_code(reports, fail_level: str) -> int:
    from lintcity.diagnostics import SEVERITY_RANK

    if any(r.error for r in reports):
        return EXIT_ERROR
    threshold = SEVERITY_RANK[fail_level]
    if any(SEVERITY_RANK[d.severity] >= threshold for r in reports for d in r.diagnostics):
        return EXIT_FINDINGS
    return EXIT_CLEAN


@main.command()
@click.option("--check", "run_specs", is_flag=True, help="Run every rule's example sentences.")
@click.option("--pack", "pack_name", default=None)
@click.option("--rules", "rules_dirs", multiple=True)
def rules(run_specs, pack_name, rules_dirs) -> None:
    """List every rule and requirement of the pack."""
    from rich.console import Console
    from rich.table import Table

    from lintcity.checks.engine import requirement_checks
    from lintcity.errors import IO_CODES, printable, rich_text

    pack = _load_pack(pack_name, tuple(rules_dirs))
    console = Console(highlight=False)
    if run_specs:
        from lintcity.specs import check_examples

        failures = check_examples(pack)
        for f in failures:
            click.echo(printable(str(f)), err=True)  # example sentences come from the pack
        count = sum(len(r.examples_match) + len(r.examples_no_match) for r in requirement_checks(pack).values())
        click.echo(f"{pack.id}: {count - len(failures)} of {count} examples pass")
        sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)
    table = Table(title=rich_text(f"{pack.id}: {pack.title}"))  # pack text is never rich markup
    for col in ("编号", "名称", "类型", "级别", "要求", "指导意见条目"):
        table.add_column(col)
    for req in requirement_checks(pack).values():
        table.add_row(*(rich_text(cell) for cell in (req.id, req.name, req.kind, req.severity, req.title,
                                                     req.item or "")))
    for code, text in IO_CODES.items():
        table.add_row(code, "input-error", "input", "error", text, "")
    console.print(table)


@main.command()
@click.argument("rule_id")
@click.option("--pack", "pack_name", default=None)
@click.option("--rules", "rules_dirs", multiple=True)
def explain(rule_id, pack_name, rules_dirs) -> None:
    """Print one rule in full: what it checks, why, how to satisfy it, its terms and examples."""
    from lintcity.checks.engine import requirement_checks
    from lintcity.errors import IO_CODES
    from lintcity.errors import printable_lines
    from lintcity.report.explain import explain_text

    rule_id = rule_id.upper()
    if rule_id in IO_CODES:
        click.echo(f"{rule_id} (input-error)\n\n{IO_CODES[rule_id]}.\n\nThe file is reported and skipped; "
                   "the other files are still linted; the run exits with code 2.")
        return
    pack = _load_pack(pack_name, tuple(rules_dirs))
    req = requirement_checks(pack).get(rule_id)
    if req is None:
        raise click.BadParameter(f"no rule {rule_id} in pack {pack.id} (see `lintcity rules`)",
                                 param_hint="RULE_ID")
    click.echo(printable_lines(explain_text(req)))  # pack text: no escape sequences


main.add_command(cache_group)
from lintcity import cli_review  # noqa: E402,F401 - registers the reviewer commands
