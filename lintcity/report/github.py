"""`github`: workflow commands (::error file=…::) that GitHub turns into annotations.

GitHub shows about 10 annotations of each level per step, so the most severe
findings come first, 10 per level, and one notice counts the rest and points to
the summary (the markdown format, or the SARIF upload).
"""

from __future__ import annotations

from lintcity.i18n import t
from lintcity.report.ci_common import message_with_place, relative_uri, worst_first
from lintcity.report.run import RunResult

PER_LEVEL = 10
_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(d) -> str:
    props = [f"file={_escape_property(relative_uri(d.path))}"]
    if d.location and d.location.line is not None:
        props.append(f"line={d.location.line}")
    props.append(f"title={_escape_property(f'{d.rule_id} ({d.name})')}")
    return f"::{_LEVEL[d.severity]} {','.join(props)}::{_escape_data(message_with_place(d))}"


def render(result: RunResult) -> str:
    shown: dict[str, int] = {}
    lines, rest = [], 0
    for d in worst_first(result.all_diagnostics()):
        level = _LEVEL[d.severity]
        if shown.get(level, 0) >= PER_LEVEL:
            rest += 1
            continue
        shown[level] = shown.get(level, 0) + 1
        lines.append(command(d))
    if rest:
        lines.append(f"::notice title=lintcity::{_escape_data(t('ci.more_findings', count=rest))}")
    return "\n".join(lines)
