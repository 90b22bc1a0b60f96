"""`mechanism`: an operations-and-maintenance requirement.

Words like 考核, 生态, 合作, 预算 are only evidence of an operations mechanism
when the sentence, or the section it sits in, is about operating or maintaining
what was built. So a hit counts only next to an anchor (运营, 运维, 维护 …, from
the requirement's `anchors` or the pack's `settings.operations.anchors`).
"""

from __future__ import annotations

from lintcity.analysis import Analysis, Hit, SentenceInfo
from lintcity.checks.coverage import CoverageCheck
from lintcity.normalize import normalize_text


class MechanismCheck(CoverageCheck):
    kind = "mechanism"

    def counted_hits(self, analysis: Analysis) -> list[tuple[SentenceInfo, Hit]]:
        anchors = tuple(normalize_text(a) for a in
                        (self.req.anchors or self.pack.settings.get("operations", {}).get("anchors", ())))
        hits = super().counted_hits(analysis)
        if not anchors:
            return hits
        anchored: dict[int, bool] = {}  # per sentence, not per hit: a sentence can hold thousands of hits
        for info, _ in hits:
            if id(info) not in anchored:
                anchored[id(info)] = _anchored(info, anchors)
        return [(info, hit) for info, hit in hits if anchored[id(info)]]


def _anchored(info: SentenceInfo, anchors: tuple[str, ...]) -> bool:
    text = info.sentence.norm
    for anchor in anchors:
        pos = text.find(anchor)
        while pos >= 0:
            if info.own_commitment(pos, pos + len(anchor)):
                return True
            pos = text.find(anchor, pos + 1)
    return any(a in h for h in info.block.heading_path for a in anchors)
