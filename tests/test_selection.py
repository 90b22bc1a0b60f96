"""Selection filters what is reported, never what is measured."""

import json

from conftest import FIXTURES


def test_overall_score_does_not_depend_on_select(cli):
    scores = []
    for args in ((), ("--select", "TG"), ("--ignore", "GL")):
        _, out, _ = cli("check", "--format", "json", *args, str(FIXTURES / "partial.md"))
        data = json.loads(out)["files"][0]
        scores.append((data["overall_score"], len(data["coverage"])))
    assert scores[0][0] is not None and 0 < scores[0][0] < 100
    assert scores[0] == scores[1] == scores[2]
