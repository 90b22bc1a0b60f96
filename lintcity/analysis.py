"""The per-document work every rule shares, done once.

For a document and a pack: jieba segmentation where a rule needs it, one pass of
the pack's term automaton over every sentence, the sentence flags that decide
whether a mention is the plan's own commitment (background section, negated
clause, quoted document title, 责任单位 line), spaCy Matcher hits, and the
extracted targets. Rules read this; none re-scans the text term by term.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Container

from lintcity.diagnostics import KindSignal, Target
from lintcity.dockind import classify
from lintcity.document import Block, Document, Sentence
from lintcity.filters import (
    CAPPED,
    CLAUSE_SPLIT,
    NEGATIONS,
    TARGET_BLIND,
    Discount,
    acting_filters,
    cue_pattern,
    heading_reasons,
    other_senses_many,
    sentence_gates,
    span_discounts,
    span_gates,
    text_reason,
)
from lintcity.frozen import frozen_maker
from lintcity.literal_gates import EVERY, SentenceTexts
from lintcity.normalize import normalize_text
from lintcity.packs import Pack
from lintcity.spans import SpanIndex
from lintcity.targets import extract_from_sentence, extract_from_table
from lintcity.term_automaton import Occurrence, TermAutomaton

if TYPE_CHECKING:
    from lintcity.nlp import Segmentation

SHORT_TERM = 2  # terms this short must align with jieba token boundaries


@dataclass(frozen=True)
class Hit:
    """One term found in a sentence (offsets in the sentence's normalized text)."""

    term: str
    start: int
    end: int
    requirement: str
    group: str
    weight: float


_new_hit = frozen_maker(Hit)  # Hit(...) without the frozen __init__ (see lintcity.frozen)


@dataclass
class SentenceInfo:
    sentence: Sentence
    block: Block
    whole: str | None = None  # why the whole sentence does not count (a `lintcity.filters` reason)
    discounts: list[Discount] = field(default_factory=list)  # parts that do not count, with their reasons
    hits: list[Hit] = field(default_factory=list)

    @cached_property
    def requirements_named(self) -> frozenset[str]:
        """Requirements this sentence speaks of as the plan's own statement.

        Read by every coverage check, after analyze() has set hits and flags.
        """
        return frozenset(h.requirement for h in self.hits if self.own_commitment(h.start, h.end))

    @property
    def is_heading(self) -> bool:
        return self.block.kind in ("heading", "title")

    @property
    def background(self) -> bool:
        return self.whole == "background"

    @property
    def attributed(self) -> bool:
        return self.whole == "attributed"

    @property
    def negated(self) -> list[tuple[int, int]]:
        return [(d.start, d.end) for d in self.discounts if d.reason in NEGATIONS]

    def discount(self, start: int, end: int, reason: str) -> None:
        self.discounts.append(Discount(start, end, reason))
        self.__dict__.pop("requirements_named", None)

    def discount_at(self, start: int, end: int) -> str | None:
        """Why text at [start, end) is not the plan's own affirmative statement (None: it is).

        A discount counts when it holds the start of the text. The spans are
        indexed (sorted once, rebuilt only when one is added): a run-on sentence
        can hold thousands of negated clauses and thousands of hits, and
        scanning every span for every hit was quadratic.
        """
        if self.whole is not None:
            return self.whole
        if not self.discounts:
            return None
        starts, reach = self._discount_index()
        k = bisect_right(starts, start)
        if k and reach[k - 1][0] > start:
            return reach[k - 1][1]
        return None

    def _discount_index(self) -> tuple[list[int], list[tuple[int, str]]]:
        cached = self.__dict__.get("_index")
        if cached is None or cached[0] != len(self.discounts):
            ordered = sorted(self.discounts, key=lambda d: d.start)
            reach: list[tuple[int, str]] = []  # furthest (end, reason) among the first k+1 spans
            for d in ordered:
                reach.append((d.end, d.reason) if not reach or d.end > reach[-1][0] else reach[-1])
            cached = (len(self.discounts), [d.start for d in ordered], reach)
            self.__dict__["_index"] = cached
        return cached[1], cached[2]

    def own_commitment(self, start: int, end: int) -> bool:
        """Whether text at [start, end) counts (a capped reason counts as a passing mention)."""
        reason = self.discount_at(start, end)
        return reason is None or reason in CAPPED


@dataclass
class Analysis:
    doc: Document
    pack: Pack
    sentences: list[SentenceInfo]
    targets: list[Target]
    qualitative_years: dict[int, list[SentenceInfo]]
    years_named: set[int]
    kind: str = "plan"  # the document-level verdict (plan / related / other), see lintcity.dockind
    kind_signals: tuple[KindSignal, ...] = ()
    texts: SentenceTexts | None = None  # the sentences' texts, for gates asked once per document

    def sentences_holding(self, gate: re.Pattern[str] | None) -> list[SentenceInfo]:
        """The sentences where `gate` (a pattern of literals, see `lintcity.literal_gates`) matches, in
        document order; all of them when `gate` is None. A check whose every finding needs one of a few
        words visits only these, instead of searching every sentence."""
        if gate is None:
            return self.sentences
        if self.texts is None:
            self.texts = SentenceTexts([info.sentence.norm for info in self.sentences])
        return [self.sentences[k] for k in self.texts.indexes(gate)]

    def hits_for(self, requirement_id: str) -> list[tuple[SentenceInfo, Hit]]:
        """A requirement's hits in document order, from an index built once (not a scan per requirement)."""
        index = self.__dict__.get("_by_requirement")
        if index is None:
            index = {}
            for info in self.sentences:
                for hit in info.hits:
                    index.setdefault(hit.requirement, []).append((info, hit))
            self.__dict__["_by_requirement"] = index
        return list(index.get(requirement_id, ()))

    def shared(self, key: tuple, compute):
        """A value several checks derive from this analysis alone (the parent citations), computed once."""
        memo = self.__dict__.setdefault("_shared", {})
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def sentences_of(self, block_index: int) -> list[SentenceInfo]:
        """The sentences of one block, from an index built once (a scan per lookup was quadratic)."""
        index = self.__dict__.get("_by_block")
        if index is None:
            index = _by_block(self.sentences)
            self.__dict__["_by_block"] = index
        return index.get(block_index, [])


def _by_block(infos: list[SentenceInfo]) -> dict[int, list[SentenceInfo]]:
    index: dict[int, list[SentenceInfo]] = {}
    for info in infos:
        index.setdefault(info.block.index, []).append(info)
    return index


@dataclass(frozen=True)
class _Matcher:
    automaton: TermAutomaton
    entries: list[tuple]  # per automaton key: its ("term", rid, group, weight, context) and ("exclude", …) entries
    excludes: dict[str, tuple[str, ...]]  # exclusion phrase → requirement ids ("*" for all)
    patterns: object | None  # lintcity.nlp.TokenPatterns
    digital_cues: tuple[str, ...] = ()


def analyze(doc: Document, pack: Pack) -> Analysis:
    from lintcity.nlp import Segmentation

    settings = pack.settings.get("matching", {})
    matcher = _pack_matcher(pack)
    texts = SentenceTexts([sentence.norm for block in doc.blocks for sentence in block.sentences])
    # Each filter runs only on the sentences holding its gate's literals, found in one scan per document.
    span_acting = acting_filters(texts, span_gates(settings))
    reason_acting = acting_filters(texts, sentence_gates(settings))
    occurrences = matcher.automaton.by_sentence(texts)  # every term and exclusion, one scan
    other_at = sorted(k for k, names in span_acting.items() if "other_sense" in names)
    other_senses = dict(zip(other_at, other_senses_many([texts.texts[k] for k in other_at], settings)))
    patterned = _pattern_blocks(matcher.patterns, doc.blocks)
    infos: list[SentenceInfo] = []
    k = 0
    for n, block in enumerate(doc.blocks):
        boundaries = Segmentation(block.norm)  # cut only if a short term or a token pattern asks
        pattern_hits = matcher.patterns.hits(boundaries) if n in patterned else []  # type: ignore[union-attr]
        headings = heading_reasons(block.heading_path, block.kind in ("heading", "title"), settings)
        for sentence in block.sentences:
            acting = span_acting.get(k)
            spans, attributed = span_discounts(sentence.norm, settings, acting, other_senses.get(k)) \
                if acting else ([], False)
            tests = reason_acting.get(k)
            whole = text_reason(sentence.norm, headings, settings, tests) if tests else headings[0] or headings[1]
            info = SentenceInfo(sentence, block, whole or ("attributed" if attributed else None), spans, [])
            if occurrences[k] or pattern_hits:  # _find_hits finds nothing without either
                info.hits = _find_hits(info, matcher, occurrences[k], boundaries, pattern_hits)
            infos.append(info)
            k += 1
    by_block = _by_block(infos)  # built once: postponement, tables and HY102 read it
    _inherit_postponement(infos, by_block)
    targets, qualitative, years = _targets(doc, infos, by_block)
    kind, signals = classify(doc.blocks, infos, domain_ids(pack))
    analysis = Analysis(doc, pack, infos, targets, qualitative, years, kind, signals, texts)
    analysis.__dict__["_by_block"] = by_block  # what sentences_of() would build again
    return analysis


@lru_cache(maxsize=8)
def domain_ids(pack: Pack) -> frozenset[str]:
    """The requirements that are city domains (`settings.document_kind.domain_parts`; default: all coverage)."""
    parts = pack.settings.get("document_kind", {}).get("domain_parts")
    return frozenset(r.id for r in pack.requirements if r.kind == "coverage" and (parts is None or r.part in parts))


@lru_cache(maxsize=8)
def _pack_matcher(pack: Pack) -> _Matcher:
    """One Aho-Corasick automaton for all terms and exclusions of the pack."""
    from lintcity.nlp import add_terms

    entries: dict[str, list[tuple[str, str, str, float]]] = {}
    excludes: dict[str, set[str]] = {}
    for req in pack.requirements:
        for group in req.groups:
            for term in group.terms:
                entries.setdefault(normalize_text(term), []).append(
                    ("term", req.id, group.name, group.weight, group.context))
        for phrase in req.exclude:
            excludes.setdefault(normalize_text(phrase), set()).add(req.id)
    for phrase in pack.settings.get("matching", {}).get("exclude", ()):
        excludes.setdefault(normalize_text(phrase), set()).add("*")
    for phrase in excludes:
        entries.setdefault(phrase, []).append(("exclude", "", "", 0.0, ""))
    automaton = TermAutomaton(list(entries))
    add_terms(pack.all_terms())
    cues = tuple(normalize_text(c) for c in pack.settings.get("matching", {}).get("digital_cues", ()))
    return _Matcher(automaton, [tuple(entries[key]) for key in automaton.keys],
                    {k: tuple(v) for k, v in excludes.items()}, _spacy_patterns(pack), cues)


def _pattern_blocks(patterns, blocks: list[Block]) -> Container[int]:
    """The positions of the blocks a token pattern may match (`TokenPatterns.hits` finds nothing elsewhere).

    A literal pattern matches only where its text gate does, found for all blocks in one scan per
    gate; a pattern without a gate (its anchor words decide) leaves every block to `hits`.
    """
    if patterns is None:
        return ()
    if any(gate is None for gate in patterns.gates):
        return EVERY
    texts = SentenceTexts([block.norm for block in blocks])
    return {n for gate in patterns.gates for n in texts.indexes(gate)}


def _spacy_patterns(pack: Pack):
    """The pack's token patterns, matched only in blocks holding their anchor words (see nlp.TokenPatterns)."""
    from lintcity.nlp import TokenPatterns

    patterns = {r.id: [list(p) for p in r.patterns] for r in pack.requirements if r.patterns}
    return TokenPatterns(patterns) if patterns else None


RUN_IN_LEAD = 24  # characters: "（一）数字经济发展。", "1.推进设施运营。"


def _inherit_postponement(infos: list[SentenceInfo], by_block: dict[int, list[SentenceInfo]]) -> None:
    """A title whose whole text is taken back is taken back too.

    "（二）产城融合与园区数字化。鉴于……，相关内容暂不纳入本方案。" names the
    topic only in its run-in title; a heading whose section says only "另行研究"
    is no more the plan's commitment than the section is.
    """
    if not any(d.reason in NEGATIONS for info in infos if info.discounts for d in info.discounts):
        return  # both rules need a negated sentence, and most plans postpone nothing
    for sentences in by_block.values():
        lead, rest = sentences[0], sentences[1:]
        if rest and is_run_in_title(lead.sentence.norm) and all(i.negated for i in rest):
            lead.discount(0, len(lead.sentence.norm), "postponed")
    sections: dict[str, list[SentenceInfo]] = {}  # a heading's text → the body sentences under it
    headings: list[list[SentenceInfo]] = []
    for sentences in by_block.values():  # block by block: kind and heading path are the block's
        block = sentences[0].block
        if block.kind in ("heading", "title"):
            headings.append(sentences)
        elif block.heading_path:
            sections.setdefault(block.heading_path[-1], []).extend(sentences)
    for sentences in headings:
        section = sections.get(sentences[0].block.norm)
        if section and all(i.negated for i in section):
            for info in sentences:
                info.discount(0, len(info.sentence.norm), "postponed")


def is_run_in_title(text: str) -> bool:
    """A short first sentence without clauses, ending in a full stop: "（一）数字经济发展。"."""
    text = text.strip()
    return len(text) <= RUN_IN_LEAD and text.endswith(("。", ".")) and not CLAUSE_SPLIT.search(text)


def _find_hits(info: SentenceInfo, matcher: _Matcher, occurrences: list[Occurrence], boundaries: Segmentation,
               pattern_hits: list[tuple[str, int, int]]) -> list[Hit]:
    text = info.sentence.norm
    base = info.sentence.norm_start
    found: list[tuple[int, int, str, tuple]] = []
    excluded: list[tuple[int, int, tuple[str, ...]]] = []
    for start, end, index in occurrences:
        key = matcher.automaton.keys[index]
        for entry in matcher.entries[index]:
            if entry[0] == "exclude":
                excluded.append((start, end, matcher.excludes[key]))
            else:
                found.append((start, end, key, entry))
    if not found and not pattern_hits:
        return []  # most sentences: no term, nothing to index
    longer: SpanIndex | None = None  # built when a short term first asks
    if excluded:
        # An exclusion inside a longer term of a requirement it applies to is an accident of spelling:
        # 营运 in 运营运维. Inside another requirement's term it still holds: GL402's 授权运营 in
        # OP101's 公共数据授权运营 (a data-operation mechanism is no overall operation model).
        excluded = _voided_removed(excluded, found)
    excluded_for = _exclusions_by_requirement(excluded)
    digital = None
    hits: list[Hit] = []
    # Three tests a term must pass, none with a side effect, so their order is free: the cheap ones
    # first, and jieba's word boundaries (a cut of the run) only for a term that passes both.
    for start, end, key, (_, rid, group, weight, context) in found:
        # overlap, not containment: 城市全域数字化转型 is taken back by 数字化转型工作领导小组
        if excluded_for and any(index.overlaps(start, end)
                                for index in (excluded_for.get("*"), excluded_for.get(rid)) if index):
            continue
        if context == "digital":
            digital = _speaks_digitally(info, matcher.digital_cues) if digital is None else digital
            if not digital:
                continue
        if len(key) <= SHORT_TERM:
            if longer is None:
                longer = SpanIndex((s, e) for s, e, k, _ in found if len(k) > SHORT_TERM)
            if not _word_at(start, end, base, boundaries, longer):
                continue
        hits.append(_new_hit(key, start, end, rid, group, weight))
    for rid, s, e in pattern_hits:
        if base <= s and e <= base + len(text):
            hits.append(_new_hit(text[s - base:e - base], s - base, e - base, rid, "pattern", 1.0))
    return hits


def _voided_removed(excluded: list[tuple[int, int, tuple[str, ...]]],
                   found: list[tuple[int, int, str, tuple]]) -> list[tuple[int, int, tuple[str, ...]]]:
    """The exclusions not strictly inside a longer term of a requirement they apply to ("*": any).

    Indexed per requirement: a run-on sentence with thousands of terms and exclusions
    stays linear (a scan of every term per exclusion was quadratic).
    """
    every = SpanIndex((s, e) for s, e, _, _ in found)
    spans: dict[str, list[tuple[int, int]]] = {}
    for s, e, _, entry in found:
        spans.setdefault(entry[1], []).append((s, e))
    by_rid = {rid: SpanIndex(v) for rid, v in spans.items()}
    return [(xs, xe, reqs) for xs, xe, reqs in excluded
            if not (every.strictly_contains(xs, xe)
                    and ("*" in reqs or any(by_rid[r].strictly_contains(xs, xe) for r in reqs if r in by_rid)))]


def _exclusions_by_requirement(excluded: list[tuple[int, int, tuple[str, ...]]]) -> dict[str, SpanIndex]:
    """Exclusion spans indexed per requirement id ("*": all), for one overlap question per hit."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for xs, xe, reqs in excluded:
        for rid in reqs:
            spans.setdefault(rid, []).append((xs, xe))
    return {rid: SpanIndex(v) for rid, v in spans.items()}


def _speaks_digitally(info: SentenceInfo, cues: tuple[str, ...]) -> bool:
    """Whether the sentence or its section is about the digital side of things.

    "加快供水管网建设" is public works; "供水管网在线监测" and anything under
    "（七）建设智慧水务" are what the guideline asks for.
    """
    if not cues:
        return True
    places = (info.sentence.norm, *info.block.heading_path)
    pattern = cue_pattern(cues)
    return any(pattern.search(place) for place in places)


def _word_at(start: int, end: int, base: int, boundaries: Segmentation, longer: SpanIndex) -> bool:
    """Whether a short term (运维, 5G) stands as a word here, not as part of another word.

    jieba's token boundaries decide, except inside a longer pack term: in
    "统一运维" the 运维 is meant even though jieba keeps the phrase as one token.
    The longer term is asked first: it costs a bisection, a boundary may cost a jieba cut.
    """
    return longer.contains(start, end) or boundaries.word_at(base + start, base + end)


def _targets(doc: Document, infos: list[SentenceInfo],
             by_block: dict[int, list[SentenceInfo]]) -> tuple[list[Target], dict[int, list[SentenceInfo]], set[int]]:
    """Targets from prose and tables, a goal stated in both merged into one target with two places.

    A year governs its paragraph's later sentences, and a year stated in a
    lead-in ("到2027年，……。具体目标如下：") governs the list items, dash
    paragraphs and table rows that follow it.
    """
    targets: list[Target] = []
    qualitative: dict[int, list[SentenceInfo]] = {}
    years: set[int] = set()
    inherited: dict[int, int | None] = {}
    lead_at: dict[int, int] = {}  # block index → the lead-in year governing it
    lead: int | None = None
    block_index = -1
    boxes = _box_cells(doc)
    for info in infos:
        block = info.block
        if block.index != block_index:
            # "同时，……力争实现：" after a governed list announces more items under the same year
            if block_index >= 0 and lead is not None and not (_continues_list(block) or _is_lead_in(block.norm)):
                lead = None
            prev = doc.blocks[block_index] if block_index >= 0 else None
            if prev is not None and inherited.get(prev.index) and (
                    _is_lead_in(prev.norm) or _goal_opening(prev, block) == inherited[prev.index]):
                lead = inherited[prev.index]
            block_index = block.index
            if lead is not None:
                lead_at[block.index] = lead
        governing = inherited.get(block.index) or lead_at.get(block.index)
        if governing is None and "年" not in info.sentence.norm:
            continue  # no year can govern a target here: extract_from_sentence would find none and name none
        if (block.kind == "table_cell" and block.index not in boxes) or info.background or info.attributed:
            continue
        found, named = extract_from_sentence(_unmasked(info), governing)
        if named:
            inherited[block.index] = named[-1]
        years.update(named)
        for t in found:
            targets.append(Target(t.year, t.indicator, t.comparator, t.value, t.unit, info.sentence.text,
                                  info.sentence.location, "prose", upper=t.upper))
        for year in set(named) - {t.year for t in found}:
            if not info.is_heading:
                qualitative.setdefault(year, []).append(info)
    tabled: list[Target] = []
    for table in doc.tables:
        rows = [[doc.blocks[i].norm for i in row] for row in table.rows]
        if _background_table(table, by_block) or table.rows[0][0] in boxes:
            continue
        for t in extract_from_table(rows, lead_at.get(table.rows[0][0]) if table.rows and table.rows[0] else None):
            cell = doc.blocks[table.rows[t.row][t.column]] if t.column < len(table.rows[t.row]) else None
            location = cell.location if cell else doc.blocks[table.rows[0][0]].location
            tabled.append(Target(t.year, t.indicator, t.comparator, t.value, t.unit,
                                 " | ".join(rows[t.row]), location, "table", upper=t.upper))
            years.add(t.year)
    return merge_repeats(targets, tabled), qualitative, years


def _box_cells(doc: Document) -> set[int]:
    """Blocks of one-cell tables: a 专栏 box drawn as a table holds prose, not rows and columns."""
    return {i for table in doc.tables if len(table.rows) == 1 and len(table.rows[0]) == 1 for i in table.rows[0]}


_LEAD_IN = re.compile(r"(?:如下|以下|下列)[：:。]?$|[：:]$")
_LIST_ITEM = re.compile(r"^\s*(?:——|—|-|•|·|●|▪|[（(]?[一二三四五六七八九十\d]{1,3}[)）.、．])")


def _is_lead_in(text: str) -> bool:
    """"到2027年，……。具体目标如下：" announces a list."""
    return bool(_LEAD_IN.search(text.strip()))


_YEAR_OPENING = re.compile(r"^(?:到|至|力争到|力争|预计到)?\s*(20\d\d)\s*年(?:底|末)?\s*[，,]")


def _goal_opening(prev: Block, block: Block) -> int | None:
    """The year of a goal paragraph opening "到2027年，……。" when a list starts right after it.

    The list's items (- **网络设施**：5G基站达到2万个……) are that year's goals as
    surely as after "具体目标如下：" (a list item, not a paragraph, must follow).
    """
    if prev.kind != "paragraph" or _continues_list(prev) or not _continues_list(block) or block.kind == "table_cell":
        return None
    opening = _YEAR_OPENING.match(prev.norm)
    return int(opening.group(1)) if opening else None


def _continues_list(block: Block) -> bool:
    """A list item, a dash paragraph, a table cell, or a numbered run-in item after a lead-in."""
    if block.kind in ("list_item", "table_cell"):
        return True
    if block.kind == "title":
        return False
    return bool(_LIST_ITEM.match(block.norm)) and (block.kind != "heading" or block.norm.rstrip().endswith(("。", "；", ";")))


def merge_repeats(prose: list[Target], tabled: list[Target]) -> list[Target]:
    """One target per goal: a table row repeating a prose goal (same year, value, unit and a like
    indicator) becomes the prose target's second place (`also_at`), not a second target."""
    by_value: dict[tuple, list[int]] = {}
    # How many targets of a value stand at each place: when all stand where `t` does, none can be
    # its first statement and the scan is skipped (one sentence of 4,000 "实现全覆盖" was quadratic).
    at_place: dict[tuple, dict[object, int]] = {}
    out: list[Target] = []
    for t in prose:
        key = (t.year, t.value, t.upper, t.unit)
        same = by_value.setdefault(key, [])
        places = at_place.setdefault(key, {})
        first = None
        if len(same) > places.get(t.location, 0):
            first = next((i for i in same if out[i].location != t.location
                          and (out[i].comparator == t.comparator or not t.indicator.strip())
                          and restated(out[i].indicator, t.indicator)), None)
        if first is not None:  # the 总体目标 goal said again in its task: one target, two places
            out[first] = replace(out[first], also_at=(*out[first].also_at, t.location))
            continue
        same.append(len(out))
        places[t.location] = places.get(t.location, 0) + 1
        out.append(t)
    for t in tabled:
        same = by_value.get((t.year, t.value, t.upper, t.unit), [])
        best = max(same, key=lambda i: indicator_similarity(out[i].indicator, t.indicator), default=None)
        if best is not None and restated(out[best].indicator, t.indicator):
            out[best] = replace(out[best], also_at=(*out[best].also_at, t.location))
            same.remove(best)  # a second table row with the same value is another goal
        else:
            out.append(t)
    return out


REPEAT_SIMILARITY = 0.3
RESTATED_OVERLAP = 0.6


def restated(a: str, b: str) -> bool:
    """Whether two indicators with the same year, value and unit name one goal.

    A task restates its goal in fewer words ("城市运行体征指标接入800项" in the goals,
    "接入指标800项" in the task): most of the shorter name's character pairs occur in
    the longer one, which the symmetric measure misses (0.2 here).
    """
    if not a.strip() or not b.strip():
        return True  # "到2027年达到25个": a task sizing the goal its sentence does not name again
    x, y = _bigrams(a), _bigrams(b)
    if len(x & y) / len(x | y) >= REPEAT_SIMILARITY:  # the symmetric measure (indicator_similarity)
        return True
    return min(len(x), len(y)) >= 2 and len(x & y) / min(len(x), len(y)) >= RESTATED_OVERLAP


def indicator_similarity(a: str, b: str) -> float:
    """Share of character pairs two indicator names have in common (Jaccard over bigrams)."""
    x, y = _bigrams(a), _bigrams(b)
    return len(x & y) / len(x | y)


def _bigrams(name: str) -> set[str]:
    """A name's character pairs (the name itself when it has one character)."""
    return {name[i:i + 2] for i in range(len(name) - 1)} or {name}


def _unmasked(info: SentenceInfo) -> str:
    """The sentence with quoted titles, agencies and negated clauses blanked, in one pass (offsets kept)."""
    text = info.sentence.norm
    blind = [d for d in info.discounts if d.reason in TARGET_BLIND]
    if not blind:
        return text
    blank = bytearray(len(text))
    for d in blind:
        blank[d.start:d.end] = b"\x01" * (max(d.end, d.start) - d.start)
    return "".join(" " if b else c for c, b in zip(text, blank))


def _background_table(table, by_block: dict[int, list[SentenceInfo]]) -> bool:
    return any(i.background for i in by_block.get(table.rows[0][0], ()))