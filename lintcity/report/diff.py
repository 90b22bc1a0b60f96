"""`lintcity diff` output: terminal, JSON and Markdown views of one `lintcity.diff.Diff`."""

from __future__ import annotations

import json

from rich.console import Console
from rich.text import Text

from lintcity.diff import Diff, RequirementChange, TargetChange
from lintcity.errors import printable
from lintcity.i18n import t
from lintcity.report.matrix import STATUS_SYMBOL, TargetLine, format_value

_STYLE = {"gained": "green", "lost": "red", "changed": "yellow", "added": "green", "removed": "red"}



def render_json(diff: Diff) -> str:
    return json.dumps(diff.to_dict(), ensure_ascii=False, indent=2)


def _status(status: str) -> str:
    return f"{STATUS_SYMBOL.get(status, '·')} {t(f'status.{status}')}" if status else "—"


def _target(tg: TargetLine | None) -> str:
    if tg is None:
        return "—"
    return f"{tg.year} {tg.indicator} {tg.comparator} {format_value(tg.value)}{tg.unit}（{tg.locations[0]}）"


def _coverage(value: float | None) -> str:
    return "—" if value is None else f"{format_value(value)}%"


def _kind(change: RequirementChange | TargetChange) -> str:
    kind = "modified" if isinstance(change, TargetChange) and change.kind == "changed" else change.kind
    label = t(f"review.diff.kind.{kind}")
    return f"{label}，{t('review.diff.weakened')}" if change.weakened and change.kind == "changed" else label


def _target_line(c: TargetChange) -> str:
    what = "、".join(t(f"review.diff.what.{w}") for w in c.what)
    body = f"{_target(c.old)} → {_target(c.new)}" if c.kind == "changed" else _target(c.old or c.new)
    return f"{body}" + (f"（{what}）" if what else "")


def render_terminal(diff: Diff, console: Console) -> None:
    console.print(Text(t("review.diff.title", old=printable(diff.old_path), new=printable(diff.new_path)),
                       style="bold"))
    console.print(Text(t("review.diff.coverage", old=_coverage(diff.old_coverage),
                         new=_coverage(diff.new_coverage))))
    console.print(Text(t("review.diff.requirements", count=len(diff.requirements)), style="bold"))
    for r in diff.requirements:
        line = Text(f"  {r.requirement_id} {r.title}  {_status(r.old)} → {_status(r.new)}  ")
        line.append(f"[{_kind(r)}]", style=_STYLE[r.kind])
        console.print(line)
        for side, evidence in ((t("review.diff.old_side"), r.old_evidence), (t("review.diff.new_side"), r.new_evidence)):
            for ev in evidence:  # no space inside: rich would wrap a whole Chinese sentence to the next line
                _indented(console, f"{side}·{ev.location.replace(' ', '')}：{printable(ev.quote)}")
        if r.kind == "lost" and r.suggestion:
            _indented(console, f"{t('review.col.suggestion')}：{r.suggestion}")
    console.print(Text(t("review.diff.targets", count=len(diff.targets)), style="bold"))
    for c in diff.targets:
        line = Text("  ")
        line.append(f"[{_kind(c)}] ", style=_STYLE[c.kind])
        line.append(printable(_target_line(c)))
        console.print(line)
    console.print(Text(t("review.diff.citation", old=t(f"review.citation.{diff.old_citation}"),
                         new=t(f"review.citation.{diff.new_citation}")), style="bold"))
    for side, rule, message in diff.citation_findings:
        console.print(Text(f"  {t(f'review.diff.{side}_side')} {rule} {printable(message)}", style="dim"))
    verdict = "review.diff.verdict_weakened" if diff.weakened else "review.diff.verdict_ok"
    console.print(Text(t(verdict), style="red" if diff.weakened else "green"))


def _indented(console: Console, text: str) -> None:
    from rich.padding import Padding

    console.print(Padding(Text(text, style="dim"), (0, 0, 0, 6)))


def render_markdown(diff: Diff) -> str:
    from lintcity.report.matrix_markdown import table

    out = [f"# {t('review.diff.title', old=diff.old_path, new=diff.new_path)}", "",
           t("review.diff.coverage", old=_coverage(diff.old_coverage), new=_coverage(diff.new_coverage)), "",
           f"## {t('review.diff.requirements', count=len(diff.requirements))}", ""]
    if diff.requirements:
        rows = [[r.requirement_id, r.title, _status(r.old), _status(r.new), _kind(r),
                 "<br>".join(f"{e.location} {e.quote}" for e in (r.new_evidence or r.old_evidence))]
                for r in diff.requirements]
        out += [table([t("review.col.rule"), t("review.col.requirement"), t("review.diff.old_side"),
                       t("review.diff.new_side"), t("review.col.status"), t("review.col.evidence")], rows), ""]
    out += [f"## {t('review.diff.targets', count=len(diff.targets))}", ""]
    if diff.targets:
        rows = [[_kind(c), _target(c.old), _target(c.new), "、".join(t(f"review.diff.what.{w}") for w in c.what)]
                for c in diff.targets]
        out += [table([t("review.col.status"), t("review.diff.old_side"), t("review.diff.new_side"), ""], rows), ""]
    out += [t("review.diff.citation", old=t(f"review.citation.{diff.old_citation}"),
              new=t(f"review.citation.{diff.new_citation}")), ""]
    out += [f"- {t(f'review.diff.{side}_side')} {rule} {message}" for side, rule, message in diff.citation_findings]
    out += ["", f"**{t('review.diff.verdict_weakened' if diff.weakened else 'review.diff.verdict_ok')}**"]
    return "\n".join(out) + "\n"
