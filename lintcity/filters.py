"""Every reason a mention does not count as the plan's own commitment — in one place.

A reviewer reads "推进一网通办" as evidence only when it is the plan's own
statement. Each reason to set a mention aside is a named filter here; the name
(its catalog label is `verdicts.filter.<name>`) travels with the mention into
the coverage entry, so a drafter sees "未计入：背景描述" beside the sentence.

Two shapes of filter:
- sentence filters decide for a whole sentence (a background section, a
  sentence recounting the past, one restating another document, rhetoric of
  aims under 指导思想);
- span filters mark parts of a sentence (a negated clause, a postponed
  statement, a quoted title, a division of labour, a word in another sense, a
  clause describing a shortcoming).

Most filters drop the mention. A `CAPPED` one lets it count as a passing
mention at most (thin): rhetoric of aims. `not_plan` (decided per document and
requirement in the coverage check) drops the weak, incidental vocabulary of a
document that is not a plan.

Every filter is a handful of compiled regular expressions or substring tests
run once per sentence: linear in the sentence length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from collections.abc import Container, Sequence

from lintcity.i18n import t
from lintcity.literal_gates import EVERY, SentenceTexts, any_of
from lintcity.pack_regex import PackPatterns

# The reasons, in the order a reader meets them in `lintcity explain`.
REASONS = ("negated", "postponed", "quoted", "attributed", "background", "shortcoming", "agency",
           "other_sense", "rhetoric", "purpose", "repeat", "not_plan")
CAPPED = frozenset({"rhetoric", "purpose"})  # counts as a passing mention at most
# What target extraction blanks out: a goal inside a negated clause or a quoted title is no goal.
TARGET_BLIND = frozenset({"negated", "postponed", "quoted", "agency"})
NEGATIONS = frozenset({"negated", "postponed"})


@dataclass(frozen=True)
class Discount:
    """A span of a sentence's normalized text that does not count, and why."""

    start: int
    end: int
    reason: str


def label(reason: str) -> str:
    """The reader's name of a reason ("背景描述")."""
    return t(f"verdicts.filter.{reason}")


def explain_lines() -> list[str]:
    """What does not count, for `lintcity explain` of a coverage rule."""
    return [t("verdicts.not_counted_heading")] + [
        f"- {t('verdicts.not_counted', reason=label(r))} — {t(f'verdicts.filter_help.{r}')}" for r in REASONS]


CLAUSE_SPLIT = re.compile(r"[，,；;：:]")
_STATEMENT_SPLIT = re.compile(r"[；;]")
_QUOTED_TITLE = re.compile(r"《[^《》]{2,80}》")
_TOPIC_ENDINGS = ("方面", "而言", "领域")


def spans(text: str, separator: re.Pattern[str], start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The pieces of text[start:end] between separators."""
    end = len(text) if end is None else end
    out = []
    for m in separator.finditer(text, start, end):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, end))
    return out


def clauses(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    return spans(text, CLAUSE_SPLIT, start, end)


_NEVER = re.compile(r"(?!)")


@lru_cache(maxsize=64)
def cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    """A cue list as one compiled alternation: `cue_pattern(cues).search(text, start, end)` is
    `any(cue in text[start:end] for cue in cues)` in one pass (5× faster on a pack's 29 negation cues)."""
    return re.compile("|".join(re.escape(c) for c in cues)) if cues else _NEVER


def _heading_holds(heading_path: tuple[str, ...], words: tuple[str, ...]) -> bool:
    """Whether a heading of the path holds one of the words (asked once per heading path: `_heading_reasons`)."""
    return any(w in h for h in heading_path for w in words)


# ---- sentence filters ------------------------------------------------------------------------

# "2025年，全市完成……": a sentence opening with a bare year (no 到/至/力争) that reports what was done.
_YEAR_OPENING = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.]\s*)?(?:今年|去年|上年|20[1-4]\d\s*年(?:以来|上半年|全年)?)[，,]")
_DONE = re.compile(r"完成|建成|实现了|取得|上线|落地|达到|累计|新增|获批|开通|启动|通过|首次|入选|荣获|已|了")
_AHEAD = re.compile(r"要|(?<!已)将|力争|争取|计划|拟|确保|预计|目标|重点|着力|推动|加快|持续|继续|进一步|全面推进")  # 已将: done


def sentence_reason(text: str, heading_path: tuple[str, ...], is_heading: bool, settings: dict,
                    acting: Container[str] = EVERY) -> str | None:
    """The reason the whole sentence is not the plan's own commitment, or None.

    `acting`: the text tests that may find something here ("opener", "year"; see `sentence_gates`),
    the others being known to find nothing.
    """
    return text_reason(text, heading_reasons(heading_path, is_heading, settings), settings, acting)


def heading_reasons(heading_path: tuple[str, ...], is_heading: bool, settings: dict) -> tuple[str | None, str | None]:
    """What the block's headings say of each of its sentences: (background or None, rhetoric or None).

    The same for every sentence of a block: asked once per block.
    """
    if is_heading:
        return None, None
    return _heading_reasons(heading_path, tuple(settings.get("background_headings", ())),
                            tuple(settings.get("rhetoric_headings", ())))


@lru_cache(maxsize=4096)
def _heading_reasons(heading_path: tuple[str, ...], background: tuple[str, ...],
                     rhetoric: tuple[str, ...]) -> tuple[str | None, str | None]:
    """Remembered per heading path: a plan's blocks share a few hundred of them."""
    return (("background" if _heading_holds(heading_path, background) else None),
            ("rhetoric" if _heading_holds(heading_path, rhetoric) else None))


def text_reason(text: str, headings: tuple[str | None, str | None], settings: dict,
                acting: Container[str] = EVERY) -> str | None:
    """`sentence_reason` given the block's `heading_reasons`: the headings first, then the text."""
    if headings[0]:
        return headings[0]
    if "opener" in acting:
        first = CLAUSE_SPLIT.search(text)
        if cue_pattern(tuple(settings.get("background_openers", ()))).search(
                text, 0, first.start() if first else len(text)):
            return "background"
    if "year" in acting and _recounts_a_year(text):
        return "background"
    return headings[1]


def _recounts_a_year(text: str) -> bool:
    """"2025年，我区智慧城市建设取得积极进展：……" reports the past; "2026年，全区要……" plans ahead."""
    m = _YEAR_OPENING.match(text)
    if not m:
        return False
    rest = text[m.end():m.end() + 60]
    return bool(_DONE.search(rest)) and not _AHEAD.search(rest[:20])


# ---- span filters ----------------------------------------------------------------------------

def span_discounts(text: str, settings: dict, acting: Container[str] = EVERY,
                   other_senses: list[Discount] | None = None) -> tuple[list[Discount], bool]:
    """Discounted spans of one sentence, and whether it restates another document.

    `acting`: the span filters that may find something here (see `span_gates`); a filter left
    out is known to find nothing, so the result is the same as with every filter run.
    `other_senses`: this sentence's `other_senses_many` answer, when the caller asked for all at once.
    """
    out: list[Discount] = []
    attributed = False
    if "quoted" in acting:
        verbs = tuple(settings.get("attribution_verbs", ()))
        for m in _QUOTED_TITLE.finditer(text):
            out.append(Discount(m.start(), m.end(), "quoted"))
            follow = text[m.end():m.end() + 8]
            if verbs and (follow.startswith(verbs) or follow[1:].startswith(verbs)):
                attributed = True
    if "agency" in acting:
        out += _agency(text, settings)
    if "other_sense" in acting:
        out += _other_sense(text, settings) if other_senses is None else other_senses
    if "negation" in acting:
        out += _negation(text, settings)
    if "shortcoming" in acting:
        out += _shortcoming(text, settings, out)
    if "purpose" in acting:
        out += _purpose(text, out)
    return out, attributed


# ---- gates: which sentences each filter can act on, asked once per document (see literal_gates) ----

def span_gates(settings: dict) -> dict[str, re.Pattern[str] | None]:
    """For each span filter, a pattern of literals every sentence it finds something in holds."""
    labels = tuple(settings.get("responsibility_labels", ()))
    other = _compiled(tuple(settings.get("other_senses", ())))
    cues = tuple(settings.get("shortcoming_cues", ()))
    return {
        "quoted": _QUOTED_GATE,  # every title is 《…》
        "agency": any_of(*(needed for needed, _ in _agency_patterns(labels))),  # each pattern's words
        "other_sense": (other.needed if other is not None else _NEVER),  # None: no gate, run everywhere
        "negation": any_of(cue_pattern(tuple(settings.get("negation_cues", ()))),
                           cue_pattern(tuple(settings.get("postponement_cues", ())))),
        "shortcoming": cue_pattern(cues) if cues else _NEVER,
        "purpose": _PURPOSE_GATE,  # _purpose returns at once without 为
    }


def sentence_gates(settings: dict) -> dict[str, re.Pattern[str] | None]:
    """For the text tests of `sentence_reason`: an opener holds one of its cues, a recounted year 年."""
    return {"opener": cue_pattern(tuple(settings.get("background_openers", ()))), "year": _YEAR_GATE}


def acting_filters(texts: SentenceTexts, gates: dict[str, re.Pattern[str] | None]) -> dict[int, list[str]]:
    """Sentence index → the filters whose gate it holds (a sentence holding none is absent)."""
    out: dict[int, list[str]] = {}
    for name, gate in gates.items():
        for k in texts.indexes(gate):
            out.setdefault(k, []).append(name)
    return out


_QUOTED_GATE = re.compile("《")
_PURPOSE_GATE = re.compile("为")
_YEAR_GATE = re.compile("年")  # _YEAR_OPENING needs it (今年, 去年, 上年, 20xx年)


def _agency(text: str, settings: dict) -> list[Discount]:
    """Who does the work is not what the work is.

    "责任单位：市数据局" (a label masks the rest), "由市大数据局牵头、市住建局
    配合" and "（市发展改革委、市财政局按职责分工负责）": the agency names hold
    domain words (数据, 住建, 城乡) that say nothing about the task.
    """
    out = []
    for needed, pattern in _agency_patterns(tuple(settings.get("responsibility_labels", ()))):
        if not needed.search(text):
            continue  # the pattern cannot match without one of these words: skip its scan
        for m in pattern.finditer(text):
            out.append(Discount(m.start(), m.end(), "agency"))
    return out


@lru_cache(maxsize=4)
def _agency_patterns(labels: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
    """(words one of which every match holds, pattern): the cheap word test spares most sentences
    the pattern's scan (these patterns try a lazy repeat at every position). Keep both in step."""
    patterns = [
        # （市发展改革委、市财政局按职责分工负责）, （牵头单位：市数据局）
        ("负责|牵头|配合|按职责|分工",
         re.compile(r"[（(][^（）()]{0,60}?(?:负责|牵头|配合|按职责|分工)[^（）()]{0,12}[)）]")),
        # 由市大数据局牵头、市住建局等部门配合 / 由市数据局负责
        ("由", re.compile(r"由[^，。；,;（(]{2,40}?(?:牵头|负责|组织实施|统筹)(?:[，、,][^，。；,;]{2,40}?(?:配合|参与|协同))?")),
        # 市数据局牵头，市财政局、市住建局配合 (a clause that is only a division of labour)
        ("牵头|配合|负责",
         re.compile(r"(?:^|(?<=[，,；;：:]))[^，,；;：:。]{2,40}?(?:牵头|配合|按职责分工负责|分工负责|共同负责)(?=[，,；;。]|$)")),
        # 市政务服务管理局、市城市运行管理中心等单位按照职责分工…… (a list of agencies doing the work)
        ("局、|委、|办、|厅、|中心、|委员会、|办公室、", re.compile(r"(?:[^，。；、（）()\s]{2,16}?(?:局|委|办|厅|中心|委员会|办公室)、)+[^，。；、（）()\s]{2,16}?"
                         r"(?:局|委|办|厅|中心|委员会|办公室)等?(?:单位|部门)?(?=按|负责|牵头|配合|共同|根据|要|应|，)")),
    ]
    if labels:
        # "责任单位：市数据局", not "各责任单位要……": a labelled list masks the rest of the sentence
        alternatives = "|".join(re.escape(x) for x in labels)
        patterns.append((alternatives, re.compile("(?:" + alternatives + r")\s*[：:](.*)$")))
    return tuple((re.compile(needed), pattern) for needed, pattern in patterns)


def _other_sense(text: str, settings: dict) -> list[Discount]:
    """A word in another sense: a port "投入运营", "体育赛事运营", a factory's "设备远程运维", "算力券"."""
    pattern = _compiled(tuple(settings.get("other_senses", ())))
    return [Discount(m.start, m.end, "other_sense") for m in pattern.finditer(text)] if pattern else []


def other_senses_many(texts: Sequence[str], settings: dict) -> list[list[Discount]]:
    """`_other_sense` of each text, with one pattern scan for them all (`PackPatterns.finditer_many`)."""
    pattern = _compiled(tuple(settings.get("other_senses", ())))
    if pattern is None:
        return [[] for _ in texts]
    return [[Discount(m.start, m.end, "other_sense") for m in found] for found in pattern.finditer_many(texts)]


@lru_cache(maxsize=8)
def _compiled(patterns: tuple[str, ...]) -> PackPatterns | None:
    """Pack regexes run on RE2 (linear time); see pack_regex.py."""
    return PackPatterns(patterns, ignore_case=False) if patterns else None


def _negation(text: str, settings: dict) -> list[Discount]:
    """Negated clauses, and whole statements that postpone their topic.

    A negation cue (尚未, 缺乏) negates only its clause: "推动尚未接入的系统
    接入" still commits to the rest. A postponement cue (暂不纳入本方案,
    另行研究) takes back the whole statement up to the previous semicolon,
    because its topic is usually named clauses earlier: "关于产城融合，……，
    本方案暂不部署，待条件成熟后另行研究".
    """
    cues = cue_pattern(tuple(settings.get("negation_cues", ())))
    postpone = cue_pattern(tuple(settings.get("postponement_cues", ())))
    out: list[Discount] = []
    if not (cues.search(text) or postpone.search(text)):
        return out  # most sentences: no cue anywhere, one pass each
    for start, end in spans(text, _STATEMENT_SPLIT):
        if postpone.search(text, start, end):
            out.append(Discount(start, end, "postponed"))
            continue
        if not cues.search(text, start, end):
            continue
        parts = clauses(text, start, end)
        for k, (cs, ce) in enumerate(parts):
            if cues.search(text, cs, ce):
                out.append(Discount(cs, ce, "negated"))
                # "数据运营方面，……尚未具备条件": a topic label shares its comment's negation.
                if k and text[parts[k - 1][0]:parts[k - 1][1]].endswith(_TOPIC_ENDINGS):
                    out.append(Discount(*parts[k - 1], "negated"))
    return out


# "……，制定本方案。" / "现提出2025年工作要点如下：": the closing formula of a purpose sentence.
_PURPOSE_CLOSING = re.compile(r"(?:特?制定|编制|现?提出|印发|出台)(?:本|如下|以下)?[^，,。；;]{0,14}?"
                              r"(?:方案|计划|意见|要点|规划|措施|办法|安排)(?:如下)?\s*[。：:.]?\s*$")
_PURPOSE_OPENING = re.compile(r"\s*(?:为了?|根据|按照|依据|针对|贯彻|落实|结合)")
# "为城市全域数字化转型提供长效支撑", "为……奠定基础": what the plan contributes to, not what it commits to.
_CONTRIBUTION = re.compile(r"为[^，,。；;]{2,40}?(?:提供|奠定|打下|积累|创造)[^，,。；;]{0,8}?(?:支撑|基础|保障|支持|条件)")


def _purpose(text: str, already: list[Discount]) -> list[Discount]:
    """Why the plan was written is not what it commits to: a passing mention at most.

    "为加快推进全域数字化转型，……，制定本方案。" names the city-wide transformation as the reason
    for the document; "……，为城市全域数字化转型提供数据支撑" as what a data plan contributes to.
    Neither is the plan's own goal. Parts already set aside (a quoted title) keep their reason.
    """
    if "为" not in text:
        return []
    found = [(0, len(text))] if (_PURPOSE_OPENING.match(text)  # "各区要结合实际制定本区实施方案" is a task
                                 and _PURPOSE_CLOSING.search(text, max(0, len(text) - 40))) else []
    found += [(m.start(), m.end()) for m in _CONTRIBUTION.finditer(text)]
    out: list[Discount] = []
    for start, end in found:
        for a, b in _uncovered(start, end, already + out):
            out.append(Discount(a, b, "purpose"))
    return out


def _uncovered(start: int, end: int, spans: list[Discount]) -> list[tuple[int, int]]:
    """The pieces of [start, end) that no span covers."""
    pieces, at = [], start
    for d in sorted(spans, key=lambda d: d.start):
        if d.end <= at or d.start >= end:
            continue
        if d.start > at:
            pieces.append((at, d.start))
        at = max(at, d.end)
    if at < end:
        pieces.append((at, end))
    return pieces


# A clause that commits to doing something: it opens with an action verb (after 要/将/进一步 …).
_COMMITS = re.compile(r"\s*(?:[一二三四五六七八九十\d]+[、.]|[（(][一二三四五六七八九十\d]+[)）])?\s*"
                      r"(?:要|将|需|须|必须|应|进一步|持续|着力|重点|全面|大力|积极|统筹|切实|加快|深入|有序|逐步)?\s*"
                      r"(?:推进|推动|加快|加强|建设|建立|健全|完善|打造|构建|提升|提高|开展|深化|优化|强化|实施|落实|促进|"
                      r"探索|鼓励|支持|引导|实现|确保|力争|争取|部署|布局|培育|发展|聚焦|围绕|针对|补齐|破解|解决|依托|"
                      r"整合|升级|改造|扩大|拓展|创新|坚持|组织|编制|制定|出台|设立|组建|做好|抓好|用好|聚力)")


def _shortcoming(text: str, settings: dict, already: list[Discount]) -> list[Discount]:
    """Clauses describing today's weakness ("数据共享仍不充分，系统整合进展较慢").

    A cue (短板, 不足, 仍存在, 有待, 亟需 …) marks its clause, and the clauses
    next to it in the same statement unless they commit to action: in
    "部分系统重复建设，数据共享仍不充分" both clauses are the present state;
    in "针对数据共享不充分的问题，建立按需共享机制" the second is a task.
    """
    cues = tuple(settings.get("shortcoming_cues", ()))
    if not cues or not cue_pattern(cues).search(text):
        return []
    out: list[Discount] = []
    negated = {(d.start, d.end) for d in already if d.reason in NEGATIONS}
    for start, end in spans(text, _STATEMENT_SPLIT):
        parts = clauses(text, start, end)
        weak = [(cs, ce) not in negated and _states_weakness(text, cs, ce, cues) for cs, ce in parts]
        if not any(weak):
            continue
        if any(_COMMITS.match(text, cs, ce) or _NEED.match(text, cs, ce) for (cs, ce), w in zip(parts, weak) if w):
            continue  # "补齐数字基础设施短板", "亟需推进县域数字化转型": a task, not a complaint
        for k, (cs, ce) in enumerate(parts):
            near = weak[k] or (k and weak[k - 1]) or (k + 1 < len(parts) and weak[k + 1])
            if near and (weak[k] or not (_COMMITS.match(text, cs, ce) or _AHEAD_IN.search(text, cs, ce))):
                out.append(Discount(cs, ce, "shortcoming"))
    return out


_NEED = re.compile(r"\s*(?:亟需|亟待|急需)(?:以[^，,；;]{0,10}?)?(?:推进|推动|加快|加强|建设|建立|健全|完善|打造|构建|提升|"
                   r"开展|深化|优化|强化|实施|落实|促进|补齐|整合)")  # "亟需推进……" states what to do
_AHEAD_IN = re.compile(r"将|要|确保|力争|实行|推行")  # a neighbour that commits anyway


def _states_weakness(text: str, start: int, end: int, cues: tuple[str, ...]) -> bool:
    """A cue that describes the clause's subject, not one that picks out a noun ("进度滞后的单位")."""
    for cue in cues:
        pos = text.find(cue, start, end)
        while pos >= 0:
            if text[pos + len(cue):pos + len(cue) + 1] != "的":
                return True
            pos = text.find(cue, pos + 1, end)
    return False
