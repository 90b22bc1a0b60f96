"""Command line: `lintcity check|parse|targets|rules|explain|init`.

Heavy libraries (spaCy, jieba, pypdfium2, python-docx) are imported inside
the commands that need them, so `--help` and `--version` stay instant.
Exit codes: 0 clean, 1 findings at or above the fail level, 2 usage,
configuration or input error (an unreadable file is reported and the other
files are still linted), 130 interrupted (Ctrl-C).
Every text a user reads comes from the message catalog (`lintcity.i18n.t`);
help texts are catalog keys, put in the user's language by `click_i18n`.
"""

from __future__ import annotations

import sys

import click

from lintcity import __version__, click_i18n
from lintcity.cli_speed import cache_group, speed_options
from lintcity.config import KEYS
from lintcity.i18n import LANGUAGES, set_language, t

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130

click_i18n.install()


def interrupted() -> None:
    """Ctrl-C: one line, exit 130 (the shell's code for SIGINT), whatever was running."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not print a traceback here
    click.echo(t("cli.interrupted"), err=True)
    sys.exit(EXIT_INTERRUPTED)


class _Localized:
    """Help in the user's language, rendered from catalog keys at the moment it is shown."""

    def format_help(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        click_i18n.localize(ctx.find_root().command)
        option = self.get_help_option(ctx)  # type: ignore[attr-defined]
        if option is not None:
            option.help = click_i18n.text(option.help)
        super().format_help(ctx, formatter)  # type: ignore[misc]


class _Command(_Localized, click.Command):
    pass


class _Group(_Localized, click.Group):
    """Maps every unexpected exception to one line and exit 2 (traceback only with --debug)."""

    command_class = _Command
    group_class = type  # subgroups (e.g. `cache`) are _Group too

    def main(self, *args, **kwargs):
        try:
            return super().main(*args, **kwargs)
        finally:
            set_language(None)  # --lang is for this invocation only (tests run many in one process)

    def make_context(self, info_name, args, parent=None, **extra):
        try:  # localizing takes milliseconds: a Ctrl-C there is ours too (click would say "Aborted!", exit 1)
            if parent is None:
                set_language(None)  # the environment's, until --lang says otherwise (one process may run many)
                click_i18n.localize(self)
            return super().make_context(info_name, args, parent=parent, **extra)
        except KeyboardInterrupt:
            interrupted()

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException, BrokenPipeError):
            raise  # click ends a run whose reader went away (`| head`) quietly
        except KeyboardInterrupt:
            interrupted()
        except Exception as exc:
            from lintcity.errors import LintcityError

            if ctx.obj and ctx.obj.get("debug"):
                raise
            if isinstance(exc, LintcityError):
                click.echo(str(exc), err=True)
            else:
                from lintcity.errors import printable

                click.echo(t("cli.internal_error", kind=type(exc).__name__, cause=printable(str(exc))), err=True)
            sys.exit(EXIT_ERROR)


def _set_language(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        set_language(value)
        click_i18n.localize(ctx.find_root().command)


def _show_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        click.echo(t("cli.version", version=__version__))
        ctx.exit()


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]}, help="cli.help.main")
@click.option("--version", is_flag=True, is_eager=True, expose_value=False, callback=_show_version,
              help="click.version_option")
@click.option("--lang", type=click.Choice(LANGUAGES), default=None, is_eager=True, expose_value=False,
              callback=_set_language, help="cli.help.lang")
@click.option("--debug", is_flag=True, help="cli.help.debug")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def _config_type(key: str) -> click.ParamType:
    """The click type of the option matching config `key`: one declaration checks both, with the
    same messages (a choice stays a click.Choice, so help and completion list its values)."""
    spec = KEYS[key]
    if spec.kind == "choice":
        return click.Choice(spec.choices, case_sensitive=False)
    if spec.kind in ("int", "number"):
        return _Checked(spec)
    return click.STRING


class _Checked(click.ParamType):
    """A number checked by config.check_value: whole or not, at or above a minimum, never nan."""

    def __init__(self, spec) -> None:
        self.spec = spec
        self.name = "integer" if spec.kind == "int" else "number"

    def convert(self, value, param, ctx):
        from lintcity.config import BadValue, check_value

        if not isinstance(value, str):
            return value
        try:
            number = int(value) if self.spec.kind == "int" else float(value)
        except ValueError:
            self.fail(t("config.expected_int" if self.spec.kind == "int" else "config.expected_number",
                        got=repr(value)), param, ctx)
        try:
            return check_value(self.spec, number)
        except BadValue as exc:
            self.fail(str(exc), param, ctx)


def _limit_options(func):
    """The size and time limits; every limit message names the option that raises it."""
    for option in reversed([
        click.option("--max-chars", type=_config_type("max-chars"), default=None, help="cli.help.max_chars"),
        click.option("--max-file-mb", type=_config_type("max-file-mb"), default=None, help="cli.help.max_file_mb"),
        click.option("--max-archive-mb", type=_config_type("max-archive-mb"), default=None,
                     help="cli.help.max_archive_mb"),
        click.option("--max-pages", type=_config_type("max-pages"), default=None, help="cli.help.max_pages"),
        click.option("--timeout", type=_config_type("timeout"), default=None, help="cli.help.timeout"),
    ]):
        func = option(func)
    return func


def _limits(max_chars, max_file_mb, max_archive_mb, timeout, base=None, max_pages=None):
    """Limits from options and config, both already checked against config.KEYS."""
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


_OCR = click.option("--ocr", type=_config_type("ocr"), default=None, help="cli.help.ocr")


@main.command(help="cli.help.parse")
@click.argument("paths", nargs=-1, required=True, metavar="click.metavar.files")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="cli.help.format_simple")
@_OCR
@_limit_options
@click.pass_context
def parse(ctx: click.Context, paths: tuple[str, ...], fmt: str, ocr: str | None, max_chars, max_file_mb,
          max_archive_mb, max_pages, timeout) -> None:
    from dataclasses import replace
    from pathlib import Path

    from lintcity.deadline import time_limit
    from lintcity.errors import InputError, stream_safe
    from lintcity.parsers import parse_file
    from lintcity.report.model_dump import dump_json, dump_text

    # The same size and time limits as `check`: a hostile file must not cost more time or memory here.
    limits = replace(_limits(max_chars, max_file_mb, max_archive_mb, timeout, max_pages=max_pages),
                     ocr=ocr or "auto")
    code = EXIT_CLEAN
    for name in paths:
        try:
            with time_limit(limits.timeout_s, name):
                doc = parse_file(Path(name), limits)
        except InputError as exc:
            click.echo(str(exc), err=True)
            code = EXIT_ERROR
            continue
        # stream_safe: C1 controls and bidi overrides as \uXXXX: the same JSON data, inert on a terminal.
        click.echo(stream_safe(_json_text(dump_json(doc))) if fmt == "json" else dump_text(doc))
    sys.exit(code)


def _load_pack(pack_name: str | None, rules_dirs: tuple[str, ...]):
    from pathlib import Path

    from lintcity.packs import DEFAULT_PACK, find_pack, load_pack

    search = tuple(Path(d) for d in rules_dirs)
    for d in search:
        if not d.is_dir():
            from lintcity.errors import PackError

            raise PackError(str(d), t("cli.rules_not_a_folder"))
    if pack_name is None:
        # A --rules folder that is itself a pack is the pack to use.
        own = [d for d in search if (d / "pack.yaml").is_file()]
        pack_name = str(own[0]) if own else DEFAULT_PACK
    find_pack(pack_name, search)
    return load_pack(pack_name, search)


def _pack_options(func):
    func = click.option("--rules", "rules_dirs", multiple=True, metavar="click.metavar.path",
                        help="cli.help.rules_dir")(func)
    return click.option("--pack", "pack_name", default=None, help="cli.help.pack")(func)


@main.command(help="cli.help.check")
@click.argument("paths", nargs=-1, required=True, metavar="click.metavar.paths")
@click.option("--format", "fmt", type=_config_type("format"), default=None, help="cli.help.format")
@click.option("-o", "--output-file", default=None, metavar="click.metavar.file", help="cli.help.output_file")
@_pack_options
@click.option("--select", multiple=True, help="cli.help.select")
@click.option("--extend-select", multiple=True, help="cli.help.extend_select")
@click.option("--ignore", multiple=True, help="cli.help.ignore")
@click.option("--exclude", multiple=True, help="cli.help.exclude")
@click.option("--respect-gitignore/--no-respect-gitignore", default=None, help="cli.help.respect_gitignore")
@click.option("--fail-level", type=_config_type("fail-level"), default=None, help="cli.help.fail_level")
@click.option("--exit-zero", is_flag=True, default=None, help="cli.help.exit_zero")
@click.option("--allow-empty", is_flag=True, default=None, help="cli.help.allow_empty")
@click.option("-q", "--quiet", is_flag=True, help="cli.help.quiet")
@click.option("--statistics", is_flag=True, help="cli.help.statistics")
@click.option("--show-evidence", is_flag=True, default=None, help="cli.help.show_evidence")
@click.option("--no-coverage", is_flag=True, help="cli.help.no_coverage")
@click.option("--stdin-filename", default=None, metavar="click.metavar.file", help="cli.help.stdin_filename")
@click.option("--baseline", "baseline_path", default=None, metavar="click.metavar.file", help="cli.help.baseline")
@click.option("--write-baseline", default=None, metavar="click.metavar.file", help="cli.help.write_baseline")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), default=None, help="cli.help.config")
@click.option("--isolated", is_flag=True, help="cli.help.isolated")
@_limit_options
@_OCR
@speed_options
@click.pass_context
def check(ctx, paths, fmt, output_file, pack_name, rules_dirs, select, extend_select, ignore, exclude,
          respect_gitignore, fail_level, exit_zero, allow_empty, quiet, statistics, show_evidence, no_coverage,
          stdin_filename, baseline_path, write_baseline, config_path, isolated, max_chars, max_file_mb,
          max_archive_mb, max_pages, timeout, ocr, jobs, no_cache, cache_dir) -> None:
    from lintcity.check_run import CheckRequest, run_check

    flags = {"format": fmt, "output-file": output_file, "pack": pack_name, "rules": rules_dirs, "select": select,
             "extend-select": extend_select, "ignore": ignore, "exclude": exclude,
             "respect-gitignore": respect_gitignore, "fail-level": fail_level, "exit-zero": exit_zero,
             "allow-empty": allow_empty, "show-evidence": show_evidence, "max-chars": max_chars,
             "max-file-mb": max_file_mb, "max-archive-mb": max_archive_mb, "max-pages": max_pages,
             "timeout": timeout, "ocr": ocr}
    request = CheckRequest(paths=tuple(paths), flags=flags, config_path=config_path, isolated=isolated,
                           quiet=quiet, statistics=statistics, show_coverage=not no_coverage,
                           stdin_filename=stdin_filename, baseline=baseline_path, write_baseline=write_baseline,
                           debug=bool(ctx.obj and ctx.obj.get("debug")), jobs=jobs, no_cache=no_cache,
                           cache_dir=cache_dir)
    sys.exit(run_check(request))


@main.command(help="cli.help.rules")
@click.option("--check", "run_specs", is_flag=True, help="cli.help.rules_check")
@_pack_options
def rules(run_specs, pack_name, rules_dirs) -> None:
    from lintcity.checks.engine import requirement_checks

    pack = _load_pack(pack_name, tuple(rules_dirs))
    if run_specs:
        from lintcity.specs import check_examples

        failures = check_examples(pack)
        from lintcity.errors import printable

        for f in failures:
            click.echo(printable(str(f)), err=True)  # example sentences come from the pack
        count = sum(len(r.examples_match) + len(r.examples_no_match) for r in requirement_checks(pack).values())
        click.echo(t("cli.examples_pass", pack=pack.id, passed=count - len(failures), total=count))
        sys.exit(EXIT_FINDINGS if failures else EXIT_CLEAN)
    from lintcity.report.tables import print_table, rules_table

    print_table(rules_table(pack, requirement_checks(pack).values()))


@main.command(help="cli.help.explain")
@click.argument("rule_id", metavar="click.metavar.rule")
@_pack_options
def explain(rule_id, pack_name, rules_dirs) -> None:
    from lintcity.checks.engine import requirement_checks
    from lintcity.report.explain import explain_io, explain_text, extra_codes

    rule_id = rule_id.upper()
    if rule_id in extra_codes():
        click.echo(explain_io(rule_id))
        return
    pack = _load_pack(pack_name, tuple(rules_dirs))
    req = requirement_checks(pack).get(rule_id)
    if req is None:
        raise click.BadParameter(t("cli.no_such_rule", rule=rule_id, pack=pack.id), param_hint=t("click.metavar.rule"))
    click.echo(explain_text(req))


@main.command(help="cli.help.init")
@click.argument("target", default="lintcity.toml", metavar="click.metavar.file")
@click.option("--force", is_flag=True, help="cli.help.init_force")
def init(target: str, force: bool) -> None:
    from pathlib import Path

    path = Path(target)
    if path.exists() and not force:
        from lintcity.errors import error_line

        click.echo(error_line(target, t("cli.init_exists")), err=True)
        sys.exit(EXIT_ERROR)
    path.write_text(t("config.starter") + "\n", encoding="utf-8")
    click.echo(t("cli.init_written", path=target))


main.add_command(cache_group)
from lintcity import cli_review  # noqa: E402,F401 - registers the reviewer commands
