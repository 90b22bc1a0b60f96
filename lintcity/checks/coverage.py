"""`coverage`: does the plan commit to a requirement, with evidence?

Status rule (the same definition the answer keys use): covered needs two or
more of the plan's own body sentences, or one sentence naming two distinct
aspects (evidence groups); thin is a single passing mention or a heading alone;
missing is nothing that counts. Mentions that never count: negated or
postponed clauses, quoted document titles, background sections, 责任单位 lines.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from lintcity.analysis import CLAUSE_SPLIT, Analysis, Hit, SentenceInfo, domain_ids, is_run_in_title
from lintcity.checks.base import Check, CheckResult
from lintcity.i18n import t
from lintcity.diagnostics import CoverageEntry, Evidence
from lintcity.filters import CAPPED

MAX_EVIDENCE = 5


@dataclass
class Verdict:
    status: str
    score: float
    evidence: list[tuple[SentenceInfo, list[Hit]]]
    heading_only: bool
    set_aside: list[tuple[SentenceInfo, list[Hit], str]] = field(default_factory=list)


class CoverageCheck(Check):
    kind = "coverage"
    group_bonus = 0.5  # a further aspect (evidence group) in the same sentences

    def counted_hits(self, analysis: Analysis) -> list[tuple[SentenceInfo, Hit]]:
        """Hits that count: the plan's own affirmative statements (capped ones included)."""
        return [(info, hit) for info, hit, reason in self._reasoned(analysis) if reason in (None, *CAPPED)]

    def discounted_hits(self, analysis: Analysis) -> list[tuple[SentenceInfo, Hit, str]]:
        """Hits set aside, each with the filter that set it aside (shown as "未计入：…")."""
        return [(info, hit, reason) for info, hit, reason in self._reasoned(analysis)
                if reason is not None and reason not in CAPPED]

    def _reasoned(self, analysis: Analysis) -> list[tuple[SentenceInfo, Hit, str | None]]:
        """Every hit of the requirement with its `reason`, once per analysis: the counted and the
        set-aside hits are both read from it (each asked every hit's reason again)."""
        return analysis.shared(("reasons", type(self).__name__, self.req.id),
                               lambda: [(info, hit, self.reason(analysis, info, hit))
                                        for info, hit in analysis.hits_for(self.req.id)])

    def reason(self, analysis: Analysis, info: SentenceInfo, hit: Hit) -> str | None:
        """Why this mention does not count fully (a `lintcity.filters` reason), or None."""
        reason = self._sentence_reason(info, hit)
        if reason in CAPPED and analysis.kind == "other" and self.strict(analysis):
            # a document about something else (城市更新): its purpose sentence and its slogans (宜居、韧性、智慧城市)
            # name no commitment of this guideline, not even a passing one
            return "not_plan"
        if reason is None and self.strict(analysis) and (
                (not self._safeguard() and (hit.weight < 1.0 or _FIRMS.match(info.sentence.norm)))
                or (analysis.kind == "other" and not _digital_sentence(info, self.pack))):
            # incidental vocabulary in a document that is no plan: a weak term, the firms the document
            # supports (an industry plan's market), or in a document about something else a domain word
            # or a safeguard in a sentence that says nothing digital (an event's 应急指挥部, a port's
            # 统一运维, a tourism plan's 联席会议); a safeguard said digitally counts as in a plan
            reason = "not_plan"
        return reason

    def _aims_only(self, body: list[tuple[SentenceInfo, list[Hit]]]) -> bool:
        """Goal sentences with no task behind them are a passing mention of the domains they name.

        "到2027年，……数字经济更具活力" in 发展目标 says what the city hopes for; without a
        task sentence elsewhere it is no commitment to act (the overall goal itself is exempt).
        """
        matching = self.pack.settings.get("matching", {})
        if self.req.id in matching.get("rhetoric_exempt", ()):
            return False
        goals = tuple(matching.get("goal_headings", ()))
        return all(_is_goal(info, goals) for info, _ in body)

    def _overall_goal(self) -> bool:
        """Whether the requirement is the plan's overall goal (`rhetoric_exempt`: GL101)."""
        return self.req.id in self.pack.settings.get("matching", {}).get("rhetoric_exempt", ())

    def _goal_aspects(self, info: SentenceInfo, hits: list[Hit]) -> int:
        """Aspects of the overall goal one sentence states: the transformation itself, how (整体性、协同性),
        and its scope across the city's domains.

        "到2027年，城市全域数字化转型取得明显成效，城市大脑全面建成，城市运行和治理智能化水平显著提升"
        says what the transformation will mean in two domains: the overall goal with its content, not a
        passing mention. A sentence that names the transformation only as a frame ("围绕推动城市数字化转型，
        分两个阶段推进") has neither.
        """
        if not self._overall_goal() or not any(h.weight >= 1.0 for h in hits):
            return 0
        how = any(h.weight < 1.0 and h.group in self._principle_groups() for h in hits)
        scope = bool(info.requirements_named & domain_ids(self.pack))
        return 1 + how + scope

    def _principle_groups(self) -> frozenset[str]:
        return frozenset(self.req.options.get("principle_groups", ()))

    def _not_plan_cap(self, analysis: Analysis) -> bool:
        """A document of another kind altogether (a sector plan, a report): a domain is a passing mention at most."""
        return analysis.kind == "other" and self.strict(analysis)

    def verdict(self, analysis: Analysis) -> Verdict:
        settings = self.pack.settings.get("scoring", {})
        covered_at = float(self.req.options.get("covered_score", settings.get("covered_score", 2.0)))
        thin_at = float(self.req.options.get("thin_score", settings.get("thin_score", 1.0)))
        heading_weight = float(settings.get("heading_weight", 0.5))
        body, headings = self.sentences(analysis)
        body, titles = _one_point(body)
        strengths = self.strengths(body, titles)
        groups = {hit.group for info, hits in body for hit in hits  # weak and capped terms add no aspect
                  if hit.weight >= 1.0 and not self._capped(info, [hit])}
        score = sum(strengths) + self.group_bonus * max(len(groups) - 1, 0)
        strong_heading = any(max(h.weight for h in hits) >= 1.0 for _, hits in headings)
        score += heading_weight if strong_heading else 0.0
        two_aspects = not self.strict(analysis) and any(
            s >= 1.0 and max(_aspects(info.sentence.norm, hits), self._goal_aspects(info, hits)) >= 2
            for (info, hits), s in zip(body, strengths))
        if body and (score >= covered_at or two_aspects) and not self._not_plan_cap(analysis) \
                and not self._aims_only(body):
            status = "covered"
        elif score >= thin_at or strong_heading:
            status = "thin"
        else:
            status = "missing"
        ranked = sorted(body, key=lambda ih: (-max(h.weight for h in ih[1]), -len({h.group for h in ih[1]})))
        repeats = [(info, hits, "repeat") for info, hits in titles.values()]
        return Verdict(status, score, ranked + headings, bool(headings) and not body,
                       repeats + self._set_aside(analysis))

    def _safeguard(self) -> bool:
        """Whether the requirement is a safeguard (part 五), read literally where it counts at all."""
        return self.req.part in self.pack.settings.get("document_kind", {}).get("literal_parts", ())

    def strict(self, analysis: Analysis) -> bool:
        """Whether only substance counts: a document that is no plan, for a requirement that is a domain.

        Safeguards (组织领导, 资金, part 五) are read literally in a `related` document: a
        digital-economy plan's leading group organises digital work. In an `other` document they
        organise the document's own subject (a tourism plan's 联席会议, a port's funds) and count,
        like a domain, only in a sentence that speaks digitally (the lead's convention, see
        eval/REQUIREMENTS.md).
        """
        return analysis.kind == "other" or (analysis.kind != "plan" and not self._safeguard())

    def _sentence_reason(self, info: SentenceInfo, hit: Hit) -> str | None:
        if info.whole is None and not info.discounts:
            return None  # most sentences: nothing discounted (asked for every hit, several times)
        reason = info.discount_at(hit.start, hit.end)
        if reason == "rhetoric" and self._overall_goal():
            return None  # the overall goal is what a 指导思想 states
        return reason

    def _capped(self, info: SentenceInfo, hits: list[Hit]) -> bool:
        """Whether every hit of the sentence counts only as a passing mention (rhetoric of aims)."""
        if info.whole is None and not info.discounts:
            return not hits  # no reason at all, so none capped
        return all(self._sentence_reason(info, h) in CAPPED for h in hits)

    def _set_aside(self, analysis: Analysis) -> list[tuple[SentenceInfo, list[Hit], str]]:
        by_sentence: dict[int, tuple[SentenceInfo, list[Hit], str]] = {}
        for info, hit, reason in self.discounted_hits(analysis):
            by_sentence.setdefault(id(info), (info, [], reason))[1].append(hit)
        return list(by_sentence.values())

    def sentences(self, analysis: Analysis) -> tuple[list[tuple[SentenceInfo, list[Hit]]], list[tuple[SentenceInfo, list[Hit]]]]:
        """Counted hits grouped by sentence: (body sentences, headings)."""
        by_sentence: dict[int, tuple[SentenceInfo, list[Hit]]] = {}
        for info, hit in self.counted_hits(analysis):
            by_sentence.setdefault(id(info), (info, []))[1].append(hit)
        body = [(i, h) for i, h in by_sentence.values() if not i.is_heading]
        headings = [(i, h) for i, h in by_sentence.values() if i.is_heading]
        return body, headings

    list_size = 3  # a sentence naming this many requirements is a list

    def strengths(self, body: list[tuple[SentenceInfo, list[Hit]]],
                  titles: dict[int, tuple[SentenceInfo, list[Hit]]] | None = None) -> list[float]:
        """How much each sentence says about the requirement.

        A single phrase in a sentence that lists several requirements
        ("加快5G网络建设，接入城市大脑，推动数据共享") is a passing mention,
        worth half a sentence of its own. A weak term counts fully when an earlier
        sentence of its paragraph names the requirement strongly (a lead it elaborates; a
        weak run-in title before the strong sentence elaborates nothing): in
        "推进设施运营。对已建成的感知设施实行专业化运营。" the second sentence
        elaborates the first.
        """
        titles = titles or {}
        raw = [max(self._own_strength(info, hits),
                   self._own_strength(*titles[info.block.index]) if info.block.index in titles else 0.0)
               for info, hits in body]  # a run-in title and its one sentence are one point, as strong as either
        # where each paragraph first names the requirement strongly: only what follows elaborates it
        strong_from: dict[int, int] = {}
        for (info, _), s in zip(body, raw):
            if s >= 1.0:
                at = strong_from.get(info.block.index)
                strong_from[info.block.index] = info.sentence.start if at is None else min(at, info.sentence.start)
        return [1.0 if 0 < s < 1.0 and strong_from.get(info.block.index, info.sentence.start) < info.sentence.start
                and not self._capped(info, hits) else s
                for (info, hits), s in zip(body, raw)]

    def _own_strength(self, info: SentenceInfo, hits: list[Hit]) -> float:
        best = max(h.weight for h in hits)
        if self._capped(info, hits):
            return min(best, 0.5)  # rhetoric of aims, or a document that is no plan: a passing mention
        if len(info.requirements_named) >= self.list_size and _one_phrase(info.sentence.norm, hits) \
                and not self._overall_goal():  # the overall goal naturally names the domains it spans
            return min(best, 0.5)
        return best

    def run(self, analysis: Analysis) -> CheckResult:
        v = self.verdict(analysis)
        evidence = tuple(_evidence(info, hits) for info, hits in v.evidence[:MAX_EVIDENCE])
        evidence += tuple(_evidence(info, hits, reason) for info, hits, reason in v.set_aside[:MAX_EVIDENCE])
        entry = CoverageEntry(self.req.id, self.req.title, self.req.part, v.status, v.score, evidence,
                              note="only in headings" if v.heading_only else "")
        return CheckResult(self.diagnostics_for(analysis, v), entry)

    def diagnostics_for(self, analysis: Analysis, v: Verdict) -> list:
        if v.status == "covered":
            return []
        item = f"（{self.req.item}）" if self.req.item else ""
        if v.status == "missing":
            return [self.diagnostic(analysis, t("verdicts.msg.missing", title=self.req.title, item=item),
                                    location=self.anchor_location(analysis), key=self.req.id)]
        info, hits = v.evidence[0]
        where = t("verdicts.msg.heading_only" if v.heading_only else "verdicts.msg.passing")
        terms = "、".join(sorted({h.term for h in hits}))
        return [self.diagnostic(analysis, t("verdicts.msg.thin", title=self.req.title, item=item, where=where, terms=terms),
                                severity="warning", info=info, span=(hits[0].start, hits[0].end), key=self.req.id)]

    def fires_on(self, analysis: Analysis) -> bool:
        return bool(self.counted_hits(analysis))


_FIRMS = re.compile(r"\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）.、．]\s*)?(?:支持|鼓励|引导|帮助|推动|引进|培育)?"
                    r"[^，。；]{0,6}?(?:企业|厂商|服务商|龙头)")
_GOAL_OPENING = re.compile(r"\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）.、．]\s*)?(?:到|至|力争到|展望|预计到)\s*20\d\d")


def _is_goal(info: SentenceInfo, goal_headings: tuple[str, ...]) -> bool:
    """A sentence stating an aim: under a goals heading, or opening "到2027年"/"展望2030年"."""
    if info.discount_at(0, 1) == "rhetoric":
        return True
    return bool(_GOAL_OPENING.match(info.sentence.norm)) or any(
        w in h for h in info.block.heading_path for w in goal_headings)


def _digital_sentence(info: SentenceInfo, pack) -> bool:
    cues = pack.settings.get("document_kind", {}).get("digital_cues", ())
    return any(c in info.sentence.norm for c in cues)


_NUMBERED = re.compile(r"\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．]|[一二三四五六七八九十]{1,3}、)")


def _one_point(body: list[tuple[SentenceInfo, list[Hit]]]) -> tuple[
        list[tuple[SentenceInfo, list[Hit]]], dict[int, tuple[SentenceInfo, list[Hit]]]]:
    """A run-in title and the one short sentence after it say one thing: "（三）促进产城融合。推进智慧园区建设。"

    Returns the body without such titles, and the titles by block (their hits
    still lend their weight to the sentence they head, but no second aspect).
    """
    by_block: dict[int, int] = {}
    for info, _ in body:
        by_block[info.block.index] = by_block.get(info.block.index, 0) + 1
    keep, titles = [], {}
    for info, hits in body:
        sentences = info.block.sentences
        if (len(sentences) == 2 and by_block[info.block.index] == 2 and info.sentence is sentences[0]
                and is_run_in_title(info.sentence.norm) and _NUMBERED.match(info.sentence.norm)
                and is_run_in_title(sentences[1].norm)):  # a long, detailed second sentence says more
            titles[info.block.index] = (info, hits)
        else:
            keep.append((info, hits))
    return keep, titles


_LIST_SEPARATORS = re.compile(r"[，,、；;：:]")  # clause separators and the enumeration comma


def _aspects(text: str, hits: list[Hit]) -> int:
    """Distinct aspects one sentence names: strong terms of different groups, or in different clauses.

    "建立全市一体化运维体系，统一运维标准和流程，实行集中运维" says three things
    of one group; a reviewer counts them as more than a passing mention.
    """
    strong = [h for h in hits if h.weight >= 1.0]
    groups = {h.group for h in strong}
    separators = [m.start() for m in CLAUSE_SPLIT.finditer(text)]  # once, not once per hit
    clauses = {bisect_left(separators, h.start) for h in strong}
    if not strong:
        return 0
    # a weaker term of another group in a later clause elaborates the strong one: "推进公共数据授权运营，
    # ……，推动数据供得出、流得动、用得好" says what the data operation is for
    lead = min(clauses)
    elaborating = {h.group for h in hits if ELABORATES <= h.weight < 1.0 and h.group not in groups
                   and bisect_left(separators, h.start) > lead
                   and not any(h.term in s.term for s in strong)}  # 运营 after 长效运营 repeats it
    return max(len(groups) + len(elaborating), len(clauses))


ELABORATES = 0.5  # terms this strong elaborate a strong mention (0.25: bare 运维 elaborates nothing)


def _one_phrase(text: str, hits: list[Hit]) -> bool:
    """Whether all hits sit in one item of a list ("完善防汛应急指挥调度")."""
    first, last = min(h.start for h in hits), max(h.end for h in hits)
    return not _LIST_SEPARATORS.search(text, first, last)


def _evidence(info: SentenceInfo, hits: list[Hit], discounted: str | None = None) -> Evidence:
    return Evidence(info.sentence.text, info.sentence.location, tuple(sorted({h.term for h in hits})),
                    max(h.weight for h in hits), info.block.heading_path, discounted)
