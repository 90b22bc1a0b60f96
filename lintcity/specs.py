"""Run every requirement's example sentences (like prh's specs).

A `match` example must make the rule fire and a `no_match` example must not,
so a rule that silently never fires, or fires on its own counter-examples, is
caught by `lintcity rules --check` and by the test suite.
"""

from __future__ import annotations

from dataclasses import dataclass

from lintcity.document import Location, RawBlock, build_document
from lintcity.packs import Pack


@dataclass(frozen=True)
class SpecFailure:
    rule_id: str
    source: str
    expected: str  # "match" or "no_match"
    sentence: str

    def __str__(self) -> str:
        verb = "should fire but does not" if self.expected == "match" else "fires but should not"
        return f"{self.source}: {self.rule_id}: example {verb}: {self.sentence}"


def check_examples(pack: Pack) -> list[SpecFailure]:
    from lintcity.analysis import analyze
    from lintcity.checks.engine import checks_for

    failures: list[SpecFailure] = []
    for check in checks_for(pack):
        for expected, sentences in (("match", check.req.examples_match), ("no_match", check.req.examples_no_match)):
            for sentence in sentences:
                doc = build_document("<example>", "txt", [RawBlock("示例", Location(line=1), "heading", 1),
                                                           RawBlock(sentence, Location(line=2))])
                fired = check.fires_on(analyze(doc, pack))
                if fired != (expected == "match"):
                    failures.append(SpecFailure(check.req.id, check.req.source, expected, sentence))
    return failures
