"""Extract year-bound targets from normalized sentences and indicator tables.

Works on normalized text (half-width digits, Arabic years), so 到二〇二七年 and
２０２７年 look like 到2027年. A sentence's quantities belong to the nearest
year before them; a paragraph's later sentences inherit its year ("到2027年，
……。全市……达到95%。"). Quantities need a unit or % — bare numbers are
too often ordinals, hotline numbers or codes.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

_YEAR = r"20[2-4]\d"
YEAR_ANCHOR = re.compile(
    rf"(?:(?P<start>{_YEAR})\s*(?:年)?\s*[-—–~～至到]\s*)?(?P<year>{_YEAR})\s*年(?:底|末|前|内|左右|以前)?(?![\d度])")
_UNITS = sorted("""% ‰ 个 项 家 条 座 处 套 类 批 件 万个 万户 万人 人 户 万家 亿元 万亿元 万元 元 亿 万 公里 千米 平方公里
米 小时 分钟 天 日 秒 倍 GB TB PB EB Gbps Mbps Tbps 千兆 万兆 PFLOPS EFLOPS PFlops EFlops P E 台 张 部 所 吨 万吨
片 辆 万辆 次 万次 人次 万人次 亿人次 篇 名 分 级 星 户次 件次 万件 亿条 万条 G 平方米 万平方米 栋 根 路 兆瓦 千瓦
个百分点 百分点 标准机架 万标准机架 机架 架 km 亩 万亩 公顷 万公顷 立方米 万立方米 微克/立方米
千瓦时 万千瓦时 个工作日 工作日""".split(), key=len, reverse=True)
_UNIT = "|".join(re.escape(u) for u in _UNITS)
_PRE = ("达到", "提升至", "提升到", "提高至", "提高到", "增长至", "增长到", "增至", "保持在", "不低于", "不少于", "不小于",
        "超过", "突破", "高于", "大于", "控制在", "不超过", "不高于", "低于", "小于", "压缩至", "压缩到", "缩短至", "缩短到",
        "降至", "降低至", "降低到", "下降至", "建成", "建设", "打造", "培育", "形成", "新增", "累计", "完成", "实现", "达", "超",
        "至", "约", "≥", ">", "≤", "<", "=")
# The lookahead is the set of characters a match can start with (a verb's first character, or the
# whitespace or digit after the empty alternative): without it the regex tried its 48 alternatives at
# every position of every sentence; with it most positions fail on one class test (2.3× faster, same matches).
_QUANTITY_FIRST = "".join(sorted({re.escape(p[0]) for p in _PRE}))
QUANTITY = re.compile(
    rf"(?=[{_QUANTITY_FIRST}\s\d])"
    rf"(?P<pre>{'|'.join(re.escape(p) for p in _PRE)}|(?<!\s))\s*+"
    rf"(?<!\d)(?P<value>\d++(?:,\d{{3}}){{0,6}}+(?:\.\d++)?+)"
    rf"(?:\s*+[-—–~～至到]\s*+(?P<upper>\d++(?:\.\d++)?+))?+\s*+(?P<unit>{_UNIT})(?![A-Za-z]|-[A-Za-z])"
    rf"(?P<post>以上|以内|以下|左右|及以上)?")
_GE = ("达到", "提升至", "提升到", "提高至", "提高到", "增长至", "增长到", "增至", "保持在", "不低于", "不少于", "不小于",
       "达", "≥", "至")
_GT = ("超过", "突破", "高于", "大于", ">", "超")
_LE = ("控制在", "不超过", "不高于", "压缩至", "压缩到", "缩短至", "缩短到", "降至", "降低至", "降低到", "下降至", "≤")
_LT = ("低于", "小于", "<")
_CLAUSE = re.compile(r"[，,；;。：:！？!?]")
_VERB_LEAD = re.compile(r"^(?:到|至|力争|争取|预计|计划|确保|全市|全省|全区|全县|其中|累计|新增|建成|建设|打造|培育|"
                        r"形成|实现|推动|推进|完成|基本|初步|全面|进一步|持续|年底|年末|前|底|末|，|、|\s)+")
_NUMBERING = re.compile(r"^\s*(?:[（(]?\d{1,2}[)）.、]|[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)")
# Possessive digit runs and no start inside a run: a 20,000-digit run once cost
# quadratic backtracking (each start position re-tried every shorter number).
_DIGIT = re.compile(r"\d")  # what every year anchor and every quantity holds (\d as QUANTITY reads it)
_NOT_A_QUANTITY = re.compile(r"(?:5G|4G|IPv6|12345|第\d++|(?<!\d)\d++(?:\+\d|\s*+[×x]\s*+\d)\d*+)")


# ---- numbers in Chinese -----------------------------------------------------

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
_CN_NUMBER = "[零〇一二两三四五六七八九十百千]"
# "百分之九十八"; "三十个", "两个" — a count in words before a counting unit (not 一件事, 一张图, 三级)
_CN_QUANTITY = re.compile(rf"百分之(?P<pct>{_CN_NUMBER}{{1,6}}(?:点{_CN_NUMBER}{{1,3}})?)|"
                          rf"(?<![一二三四五六七八九十第])(?P<count>{_CN_NUMBER}{{1,5}})"
                          r"(?=个|家|项|条|座|所|类|套|处|名|万个|万户|万人|亿元|万元|公里|平方公里)")


def _cn_value(text: str) -> float | None:
    """九十八 → 98, 一百 → 100, 两 → 2, 十五 → 15; None when it is not a number."""
    whole, _, frac = text.partition("点")
    total, digit = 0, None
    for ch in whole:
        if ch in _CN_DIGITS:
            if digit is not None:
                return None  # 二三 is no number
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
    total += digit or 0
    if frac:
        if any(ch not in _CN_DIGITS for ch in frac):
            return None
        total += float("0." + "".join(str(_CN_DIGITS[ch]) for ch in frac))
    return float(total)


def arabize(text: str) -> str:
    """Numbers written in Chinese as digits, keeping every offset ("百分之九十八" → "   98%").

    Only a percentage in words and a count of 2 or more before a counting unit
    are read: 一 alone is too often a word (一网通办, 一件事, 一张图).
    """
    def swap(m: re.Match[str]) -> str:
        words = m.group("pct") or m.group("count")
        value = _cn_value(words)
        if value is None or (m.group("count") and value < 2):
            return m.group(0)
        digits = f"{value:g}" + ("%" if m.group("pct") else "")
        return digits.rjust(len(m.group(0))) if len(digits) <= len(m.group(0)) else m.group(0)

    return _CN_QUANTITY.sub(swap, text) if ("百分之" in text or any(c in text for c in "二两三四五六七八九十")) else text


@dataclass(frozen=True)
class RawTarget:
    year: int
    indicator: str
    comparator: str
    value: float
    unit: str
    start: int
    end: int
    upper: float | None = None  # a range ("2—3个"): value is its low end


_BASELINE_BEFORE = re.compile(r"(?:较|比|相比|相较|对比|与|同|在|以)\s*$")
_BASELINE_AFTER = re.compile(r"^\s*(?:相比|相较|比|基础上|为基期|为基数|为基准|同期)")


def year_anchors(text: str) -> list[tuple[int, int, int]]:
    """(year, start, end) of every target-year expression, ranges giving their end year."""
    return [(int(m.group("year")), m.start(), m.end()) for m in YEAR_ANCHOR.finditer(text)]


def _is_baseline_year(text: str, start: int, end: int) -> bool:
    """"较2024年下降5个百分点", "在2024年基础上翻一番": the year a change is measured from."""
    return bool(_BASELINE_BEFORE.search(text, max(0, start - 2), start)
                or _BASELINE_AFTER.match(text[end:end + 4]))


def extract_from_sentence(text: str, inherited_year: int | None = None) -> tuple[list[RawTarget], list[int]]:
    """Targets in one normalized sentence, and the years it names (for inheritance)."""
    every_year, anchors = _year_anchors(text)
    if not anchors and inherited_year is None:
        # No year can govern a quantity or a full-coverage phrase here (`_year_before` gives None for
        # each): most sentences, with numbered lists and counts outside a goal paragraph. Skip the scans.
        return [], []
    return _scanned(text, inherited_year, every_year, anchors)


def _year_anchors(text: str) -> tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]:
    """Every year anchor of the sentence, and those that are not a baseline year (target years)."""
    every_year = year_anchors(text) if "年" in text else []  # every year anchor holds 年
    return every_year, [a for a in every_year if not _is_baseline_year(text, a[1], a[2])]


def _scanned(text: str, inherited_year: int | None, every_year: list[tuple[int, int, int]],
             anchors: list[tuple[int, int, int]]) -> tuple[list[RawTarget], list[int]]:
    """`extract_from_sentence` without its shortcut (tests compare the two on every corpus sentence)."""
    years = [y for y, _, _ in anchors]
    body = arabize(_NUMBERING.sub(lambda m: " " * len(m.group(0)), text, count=1))
    if not _DIGIT.search(body):
        # No digit: no year (four digits, never a blanked numbering, so `anchors` is empty too) and no
        # quantity, only a goal said in words ("实现全覆盖") under the inherited year; skip the scans.
        return _full_coverage(body, [], inherited_year, [], _clause_starts(body)), []
    # Indexes built once per sentence, so each quantity costs the same however
    # many quantities, years and clauses the sentence holds (no rescans).
    blocked = bytearray(len(body) + 1)
    for s, e in [(m.start(), m.end()) for m in _NOT_A_QUANTITY.finditer(body)] + [(s, e) for _, s, e in every_year]:
        blocked[s:e] = b"\x01" * (e - s)
    clauses = _clause_starts(body)
    targets: list[RawTarget] = []
    for m in QUANTITY.finditer(body):
        vstart = m.start("value")
        if blocked[vstart]:
            continue
        year = _year_before(anchors, vstart, inherited_year)
        if year is None:
            continue
        value = _number(m.group("value"))
        if value is None:
            continue
        unit = m.group("unit")
        if unit in ("年", "日", "天") and value > 1900:
            continue
        if _is_qualifier(body, m):
            continue
        upper = _number(m.group("upper")) if m.group("upper") else None
        if upper is not None and upper <= value:
            upper = None  # "2027-2030" style noise, not a range of values
        comparator = "range" if upper is not None else _comparator(m.group("pre") or "", m.group("post") or "",
                                                                     value, unit)
        indicator = _indicator(body, m, clauses)
        targets.append(RawTarget(year, indicator, comparator, value, unit, m.start(), m.end(), upper))
    targets += _full_coverage(body, anchors, inherited_year, targets, clauses)
    return targets, years


_FULL_COVERAGE = re.compile(r"(?:实现|达到|做到|基本实现|全面实现)(?:\s*100%)?[^，,。；;]{0,8}?(?P<what>全覆盖|全域覆盖)|"
                            r"全部(?:纳入|接入)")


def _full_coverage(body: str, anchors: list[tuple[int, int, int]], inherited: int | None,
                   found: list[RawTarget], clauses: list[int]) -> list[RawTarget]:
    """"燃气管网安全监测实现全覆盖" is the target 100%, said in words."""
    out = []
    starts = [t.start for t in found]  # in text order, as QUANTITY found them
    for m in _FULL_COVERAGE.finditer(body):
        first = bisect_left(starts, _clause_start(clauses, m.start()))
        if first < len(starts) and starts[first] < m.end():
            continue  # "覆盖率达到100%，实现全覆盖" already has its number
        year = _year_before(anchors, m.start(), inherited)
        if year is None:
            continue
        indicator = _named_before(body, m.start(), clauses)
        if len(indicator) >= 2:
            out.append(RawTarget(year, indicator[-30:], "=", 100.0, "%", m.start(), m.end()))
    return out


_QUALIFIED_NOUN = re.compile(r"的?[\u4e00-\u9fff]")


def _is_qualifier(body: str, m: re.Match[str]) -> bool:
    """A size class, not a target: 20户以上自然村, 年营收10亿元以上企业.

    "N以上" with no verb before it and a noun right after it narrows what is
    counted; the target is the later quantity (…覆盖率达到95%).
    """
    pre, post = m.group("pre") or "", m.group("post")
    if not pre and post in ("以上", "及以上", "以下"):
        return bool(_QUALIFIED_NOUN.match(body, m.end()))
    # "培育收入超10亿元企业10家", "燃气、桥梁等4类城市生命线…覆盖率达到90%": a quantity with no verb of its
    # own (or only 超), run into the noun it sizes, with the clause's target still to come
    if pre in ("", "超") and not post and _QUALIFIED_NOUN.match(body, m.end()):
        end = _CLAUSE.search(body, m.end())
        return QUANTITY.search(body, m.end(), end.start() if end else len(body)) is not None
    return False


def _number(digits: str) -> float | None:
    """The value of a matched number, or None when it overflows a float.

    A run of 309+ digits is no quantity, and float() turns it into inf, which
    crashed the target checks (int(inf)) and would print as Infinity in JSON.
    """
    value = float(digits.replace(",", ""))
    return value if math.isfinite(value) else None


def _year_before(anchors: list[tuple[int, int, int]], pos: int, inherited: int | None) -> int | None:
    """The last anchor starting before `pos` (anchors are in text order: a bisection, not a scan)."""
    k = bisect_left(anchors, pos, key=lambda a: a[1])
    return anchors[k - 1][0] if k else inherited


def _comparator(pre: str, post: str, value: float | None = None, unit: str = "") -> str:
    """">=", ">", "<=", "<", "=" or "~" (左右, 约: an approximate value) from the words around a number.

    "达到100%" is "=": nothing is above a full share.
    """
    if post == "左右" or pre == "约":
        return "~"
    if post in ("以上", "及以上"):
        return ">="
    if post in ("以内", "以下"):
        return "<="
    if pre in _GT:
        return ">"
    if pre in _GE:
        return "=" if (value, unit) == (100, "%") else ">="
    if pre in _LE:
        return "<="
    if pre in _LT:
        return "<"
    return "="


_BASELINE_PHRASE = re.compile(rf"(?:较|比|相比|相较)\s*{_YEAR}\s*年?(?:底|末)?")
_TRAILING_VERB = re.compile(r"(?:力争|争取|为|是)+$")  # growth verbs stay: 增长150% is no share


# How far back a clause can name what a quantity measures. The indicator keeps
# its last 30 characters; reading at most this much keeps a clause of thousands
# of quantities linear (each once re-read its whole clause).
NAMED_WINDOW = 200


def _clause_starts(body: str) -> list[int]:
    """Where each clause of the sentence starts, in order (0 first)."""
    return [0] + [c.end() for c in _CLAUSE.finditer(body)]


def _clause_start(clauses: list[int], pos: int) -> int:
    return clauses[bisect_right(clauses, pos) - 1]


def _named_before(body: str, pos: int, clauses: list[int]) -> str:
    """What the clause before `pos` names, without its year, base year and leading or trailing verbs."""
    before = body[max(_clause_start(clauses, pos), pos - NAMED_WINDOW):pos]
    before = _BASELINE_PHRASE.sub("", before)
    before = YEAR_ANCHOR.sub("", before)
    return _TRAILING_VERB.sub("", _VERB_LEAD.sub("", before)).strip(" ，、")


def _indicator(body: str, m: re.Match[str], clauses: list[int]) -> str:
    """The clause text before the quantity, or after it when the clause starts with a verb (建成10个X)."""
    before = _named_before(body, m.start(), clauses)
    if len(before) >= 2:
        return before[-30:]
    after = body[m.end():m.end() + NAMED_WINDOW]
    stop = _CLAUSE.search(after)
    return after[:stop.start() if stop else len(after)].strip(" ，、的")[:30]


# ---- tables ---------------------------------------------------------------

_BASELINE_HEADER = re.compile(r"现状|基期|基准|基线|基础值|现值|当前|已完成")
_TABLE_VALUE = re.compile(r"^(?P<pre>≥|>|≤|<|=|不低于|不少于|超过|达到|约)?\s*(?P<value>\d+(?:,\d{3})*(?:\.\d+)?)"
                          r"(?:\s*[-—–~～至到]\s*(?P<upper>\d+(?:\.\d+)?))?\s*"
                          rf"(?P<unit>{_UNIT})?\s*(?P<post>以上|以内|以下|左右|及以上)?$")


@dataclass(frozen=True)
class TableTarget:
    year: int
    indicator: str
    comparator: str
    value: float
    unit: str
    row: int
    column: int
    upper: float | None = None


def extract_from_table(rows: list[list[str]], lead_year: int | None = None) -> list[TableTarget]:
    """Targets from an indicator table whose header row names target years.

    A table with no year in its header takes the year of the lead-in before it
    ("到2027年，主要指标如下：") for its target-value column (目标值, or the last).
    """
    header_index, year_columns = _find_header(rows)
    if header_index is None and lead_year is not None and rows:
        header_index, year_columns = 0, {_value_column(rows[0]): lead_year}
    if header_index is None:
        return []
    header = rows[header_index]
    indicator_col = _column(header, ("指标", "名称", "内容", "目标")) 
    unit_col = _column(header, ("单位",))
    out: list[TableTarget] = []
    for r in range(header_index + 1, len(rows)):
        row = rows[r]
        indicator = _row_indicator(row, indicator_col, set(year_columns) | {unit_col})
        if not indicator:
            continue
        unit = row[unit_col].strip() if unit_col is not None and unit_col < len(row) else ""
        for col, year in year_columns.items():
            if col >= len(row):
                continue
            m = _TABLE_VALUE.match(row[col].strip())
            value = _number(m.group("value")) if m else None
            if value is None:
                continue
            unit_here = m.group("unit") or unit
            upper = _number(m.group("upper")) if m.group("upper") else None
            upper = upper if upper is not None and upper > value else None
            comparator = "range" if upper is not None else _comparator(m.group("pre") or "", m.group("post") or "",
                                                                         value, unit_here)
            out.append(TableTarget(year, indicator, comparator, value, unit_here, r, col, upper))
    return out


def _value_column(header: list[str]) -> int:
    for c, cell in enumerate(header):
        if any(w in cell for w in ("目标值", "目标", "预期值", "指标值")) and "指标名称" not in cell:
            return c
    return len(header) - 1


def _find_header(rows: list[list[str]]) -> tuple[int | None, dict[int, int]]:
    for i, row in enumerate(rows[:3]):
        columns: dict[int, int] = {}
        for c, cell in enumerate(row):
            m = re.search(_YEAR, cell)
            if m and not _BASELINE_HEADER.search(cell) and int(m.group(0)) >= 2025:
                columns[c] = int(m.group(0))
        if columns:
            return i, columns
    return None, {}


def _column(header: list[str], words: tuple[str, ...]) -> int | None:
    for c, cell in enumerate(header):
        if any(w in cell for w in words) and not re.search(_YEAR, cell):
            return c
    return None


def _row_indicator(row: list[str], preferred: int | None, skip: set[int | None]) -> str:
    if preferred is not None and preferred < len(row) and row[preferred].strip():
        return row[preferred].strip()
    for c, cell in enumerate(row):
        text = cell.strip()
        if c in skip or not text or re.fullmatch(r"[\d.、\s]+", text):
            continue
        return text
    return ""
