"""`--format` name → renderer. Each renderer takes a RunResult and returns the whole output text."""

from __future__ import annotations

from importlib import import_module

from lintcity.report.run import RunResult

_MODULES = {"text": "terminal", "concise": "concise", "json": "json_report", "sarif": "sarif", "junit": "junit",
            "github": "github", "gitlab": "gitlab", "markdown": "markdown"}


def render(result: RunResult, fmt: str, terminal: bool = False, colour: bool | None = None) -> str:
    module = import_module(f"lintcity.report.{_MODULES[fmt]}")
    if fmt == "text":
        return module.render_text(result, terminal=terminal, colour=colour)
    return module.render(result)
