"""Baselines: record today's findings, then report only new ones (`--write-baseline`, `--baseline`).

A finding is known by its content fingerprint (rule id + normalized quoted
sentence, or the requirement for a document-level finding) and its file —
never by a line or paragraph number, so inserting paragraphs above it or
editing another section keeps it known. The same sentence found twice counts
twice: a baseline holding it once lets one new copy through.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

from lintcity.diagnostics import FileReport
from lintcity.errors import ConfigError
from lintcity.i18n import t

VERSION = 1


def _key(path: str) -> str:
    return PurePath(path).as_posix()


def write_baseline(path: Path, reports: list[FileReport]) -> int:
    """Write every finding of `reports`; returns how many."""
    findings = [{"path": _key(d.path), "rule_id": d.rule_id, "fingerprint": d.fingerprint,
                 "message": d.message} for r in reports for d in r.diagnostics]
    data = {"tool": "lintcity", "baseline_version": VERSION, "findings": findings}
    try:
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8",
                        errors="surrogateescape")
    except OSError as exc:
        raise ConfigError(str(path), t("baseline.cannot_write", cause=exc.strerror or str(exc))) from None
    return len(findings)


@dataclass(frozen=True)
class Baseline:
    known: Counter  # (path, fingerprint) → how many times

    def filter(self, report: FileReport) -> FileReport:
        """The report without the findings the baseline knows."""
        left = Counter(self.known)
        kept = []
        for d in report.diagnostics:
            key = (_key(d.path), d.fingerprint)
            if left[key] > 0:
                left[key] -= 1
                continue
            kept.append(d)
        return replace(report, diagnostics=tuple(kept))


def load_baseline(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8", errors="surrogateescape"))
    except OSError as exc:
        raise ConfigError(str(path), t("baseline.unreadable", cause=exc.strerror or str(exc))) from None
    except (json.JSONDecodeError, RecursionError, UnicodeDecodeError):
        raise ConfigError(str(path), t("baseline.invalid")) from None
    if not isinstance(data, dict) or data.get("baseline_version") != VERSION or \
            not isinstance(data.get("findings"), list):
        raise ConfigError(str(path), t("baseline.invalid"))
    known: Counter = Counter()
    for f in data["findings"]:
        if not isinstance(f, dict) or not isinstance(f.get("path"), str) or not isinstance(f.get("fingerprint"), str):
            raise ConfigError(str(path), t("baseline.invalid"))
        known[(f["path"], f["fingerprint"])] += 1
    return Baseline(known)
