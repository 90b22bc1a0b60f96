"""The table of `lintcity rules`, printed whole on a terminal and unwrapped
(no trailing spaces) on a pipe, like the check report."""

from __future__ import annotations

import io

import click
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from lintcity.errors import printable, rich_text
from lintcity.i18n import catalog, t


def print_table(renderable: RenderableType) -> None:
    from lintcity.streams import stdout_is_terminal

    buffer = io.StringIO()
    if stdout_is_terminal():
        Console(file=buffer, highlight=False, force_terminal=True).print(renderable)
        click.echo(buffer.getvalue().rstrip("\n"))
        return
    Console(file=buffer, highlight=False, width=100_000, no_color=True, color_system=None).print(renderable)
    click.echo("\n".join(line.rstrip() for line in buffer.getvalue().rstrip("\n").split("\n")))


def kind_label(kind: str) -> str:
    key = f"report.rule_kind.{kind}"
    return t(key) if key in catalog() else kind


def rules_table(pack, requirements) -> Table:
    from lintcity.report.explain import extra_codes

    table = Table(title=Text(f"{printable(pack.id)}: {printable(pack.title)}"))
    for key in ("report.col_rule", "report.col_name", "report.col_kind", "report.col_level", "report.col_title",
                "report.col_item"):
        table.add_column(t(key))
    for req in requirements:
        table.add_row(req.id, rich_text(req.name), kind_label(req.kind), t(f"severity.{req.severity}"),
                      rich_text(req.title), rich_text(req.item or ""))
    for code, text in extra_codes().items():
        table.add_row(code, "", kind_label("input" if code.startswith("IO") else "suppression"),
                      t("severity.error" if code.startswith("IO") else "severity.warning"), text, "")
    return table
