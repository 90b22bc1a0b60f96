"""`concise`: one finding per line, `path:location: severity ID message`, for grep and editors."""

from __future__ import annotations

from lintcity.errors import printable
from lintcity.i18n import t
from lintcity.report.run import RunResult


def line(d) -> str:
    where = f"{printable(d.path)}:{d.location}:" if d.location else f"{printable(d.path)}:"
    return f"{where} {t('severity.' + d.severity)} {d.rule_id} {printable(d.message)}"


def render(result: RunResult) -> str:
    return "\n".join(line(d) for d in result.all_diagnostics())
