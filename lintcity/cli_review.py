"""The reviewer's commands: `targets` (and, to come, `report`, `diff`, `annotate`).

They live apart from `cli.py` so the drafters' and the reviewers' work on the
command line do not collide; `cli.py` registers them with one import line.
Heavy libraries are imported inside the commands, as in `cli.py`, so `--help`
stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from lintcity.cli import EXIT_ERROR, _json_text, _load_pack, main


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
