"""The command-line parts of speed: `--jobs`, `--no-cache`, `--cache-dir` and `lintcity cache clean`.

Kept beside cli.py so the commands that lint many files (check, report,
targets) share one definition of these options and one way to turn them into
RunOptions and a job count. Nothing here imports a heavy library.
"""

from __future__ import annotations

import os

import click

from lintcity.i18n import t


def speed_options(func):
    """Add --jobs, --no-cache and --cache-dir to a command (parameters jobs, no_cache, cache_dir)."""
    for option in reversed([
        click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help=t("speed.help_jobs")),
        click.option("--no-cache", is_flag=True, help=t("speed.help_no_cache")),
        click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help=t("speed.help_cache_dir")),
    ]):
        func = option(func)
    return func


def job_count(jobs: int | None, files: int) -> int:
    """--jobs, else one per core (never more workers than files)."""
    wanted = jobs or (os.cpu_count() or 1)
    return max(1, min(wanted, files))


def open_run_cache(no_cache: bool, cache_dir: str | None):
    """The cache for this run (None with --no-cache); a refused folder is said on stderr, not ignored."""
    if no_cache:
        return None
    from lintcity.cache import open_cache

    folder = open_cache(cache_dir)
    if folder.warning:
        click.echo(f"lintcity: {folder.warning}", err=True)
    return folder


@click.group(name="cache", help=t("speed.help_cache"))
def cache_group() -> None:
    pass


@cache_group.command(name="clean", help=t("speed.help_cache_clean"))
@click.option("--cache-dir", type=click.Path(file_okay=False), default=None, help=t("speed.help_cache_dir"))
def cache_clean(cache_dir: str | None) -> None:
    from lintcity.errors import printable

    folder = open_run_cache(False, cache_dir)
    count = folder.clean()
    click.echo(t("speed.cache_cleaned", path=printable(str(folder.root)), count=count))
