"""The written-out `to_dict` of findings and targets says exactly what `dataclasses.asdict` said.

`Diagnostic.to_dict` and `Target.to_dict` list their fields by hand (asdict's
deep copy was most of a warm run); this keeps them complete when a field is
added, on the real findings and targets of the complete fixture.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from pathlib import Path

import pytest

from lintcity.diagnostics import Diagnostic, Target
from lintcity.limits import Limits
from lintcity.packs import load_pack
from lintcity.runner import RunOptions, lint_file

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _expected(item) -> dict:
    data = asdict(item)
    data["location"] = item.location.to_dict() if item.location else None
    if isinstance(item, Diagnostic):
        data["span"] = list(item.span) if item.span else None
        data["heading_path"] = list(item.heading_path)
    else:
        data["also_at"] = [loc.to_dict() for loc in item.also_at]
    return data


@pytest.fixture(scope="module")
def reports():
    pack = load_pack()
    return [lint_file(FIXTURES / name, pack, RunOptions(Limits())) for name in ("complete.md", "spam.docx", "partial.pdf")]


def test_every_field_is_written_with_asdicts_value(reports):
    diagnostics = [d for r in reports for d in r.diagnostics]
    targets = [t for r in reports for t in r.targets]
    assert len(diagnostics) > 5 and len(targets) > 5
    for item in [*diagnostics, *targets]:
        got = item.to_dict()
        assert got == _expected(item)
        assert list(got) == [f.name for f in fields(item)]  # same keys, same order: the JSON stays byte-identical
