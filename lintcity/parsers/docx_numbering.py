"""Word list numbering rendered the way Word shows it ("二、", "（三）", "1.", "①").

When a drafter uses Word's numbering button or a numbered heading style, the
number is not in the text but in numbering.xml: a paragraph (or its style)
names a list (numId) and a level (ilvl); the list's abstract definition gives
each level a format (decimal, chineseCounting → 一二三, …) and a pattern such
as "%1、" or "（%2）". The heading path of such a plan must read "二、主要任务"
as the reader sees it, and the numbering is also lintcity's strongest signal
for structure, so the label is put back in front of the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from lintcity.parsers.docx_package import w

_DIGITS = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
MAX_LEVELS = 9


class Level(NamedTuple):   # a named tuple: creating a dataclass costs a cold start about a millisecond
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    restart: int | None = None   # restart after this level (1-based) is used; None: after any higher level
    suffix: str = "tab"
    legal: bool = False          # isLgl: every number shown as decimal (1.2.3)
    style: str | None = None     # the paragraph style this level is linked to


@dataclass
class Numbering:
    """numbering.xml: abstract definitions, list instances and their running counters."""

    abstract: dict[str, list[Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)                       # numId → abstractNumId
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)       # numId → {ilvl: start}
    level_overrides: dict[str, dict[int, Level]] = field(default_factory=dict)
    _counters: dict[str, list[int]] = field(default_factory=dict)
    _started: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, root: etree._Element | None) -> "Numbering":
        out = cls()
        if root is None:
            return out
        for abstract in root.iter(w("abstractNum")):
            out.abstract[abstract.get(w("abstractNumId"), "")] = _levels(abstract)
        for num in root.iter(w("num")):
            num_id = num.get(w("numId"), "")
            ref = num.find(w("abstractNumId"))
            if ref is None:
                continue
            out.nums[num_id] = ref.get(w("val"), "")
            for override in num.iter(w("lvlOverride")):
                ilvl = _int(override.get(w("ilvl")), 0)
                start = override.find(w("startOverride"))
                if start is not None:
                    out.overrides.setdefault(num_id, {})[ilvl] = _int(start.get(w("val")), 1)
                lvl = override.find(w("lvl"))
                if lvl is not None:
                    out.level_overrides.setdefault(num_id, {})[ilvl] = _level(lvl)
        return out

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level of a list that is linked to a paragraph style (numbered heading styles)."""
        levels = self.abstract.get(self.nums.get(num_id, ""), [])
        return next((i for i, lvl in enumerate(levels) if lvl.style == style_id), None)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list's counter at `ilvl` and return the label Word shows, with its separator."""
        abstract_id = self.nums.get(num_id)
        if abstract_id is None or num_id == "0":
            return ""
        levels = self.abstract.get(abstract_id, [])
        ilvl = max(0, min(ilvl, MAX_LEVELS - 1))
        if ilvl >= len(levels):
            return ""
        level = self.level_overrides.get(num_id, {}).get(ilvl, levels[ilvl])
        counters = self._counters.setdefault(abstract_id, [0] * MAX_LEVELS)
        starts = [self._start(num_id, levels, i) for i in range(MAX_LEVELS)]
        if num_id not in self._started and num_id in self.overrides:
            for i in range(MAX_LEVELS):  # a list instance with a start override begins again
                counters[i] = 0
        self._started.add(num_id)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else starts[ilvl]
        for deeper in range(ilvl + 1, MAX_LEVELS):
            restart = levels[deeper].restart if deeper < len(levels) else None
            if restart is None or restart > ilvl:
                counters[deeper] = 0
        if level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            return ""  # a bullet glyph is decoration, not numbering
        text = level.text
        for i in range(ilvl + 1):
            value = counters[i] or starts[i]
            fmt = "decimal" if (level.legal and i < ilvl) else (levels[i].fmt if i < len(levels) else "decimal")
            text = text.replace(f"%{i + 1}", format_number(value, fmt))
        return text + (" " if level.suffix == "space" else "")

    def _start(self, num_id: str, levels: list[Level], ilvl: int) -> int:
        override = self.overrides.get(num_id, {}).get(ilvl)
        if override is not None:
            return override
        return levels[ilvl].start if ilvl < len(levels) else 1


def _levels(abstract: etree._Element) -> list[Level]:
    levels = [Level() for _ in range(MAX_LEVELS)]
    for lvl in abstract.findall(w("lvl")):
        ilvl = _int(lvl.get(w("ilvl")), -1)
        if 0 <= ilvl < MAX_LEVELS:
            levels[ilvl] = _level(lvl)
    return levels


def _level(lvl: etree._Element) -> Level:
    def val(tag: str) -> str | None:
        el = lvl.find(w(tag))
        return None if el is None else el.get(w("val"))

    restart = val("lvlRestart")
    style = val("pStyle")
    legal = lvl.find(w("isLgl"))
    return Level(fmt=val("numFmt") or "decimal", text=val("lvlText") if val("lvlText") is not None else "",
                 start=_int(val("start"), 1), restart=None if restart is None else _int(restart, 0),
                 suffix=val("suff") or "tab", legal=legal is not None and legal.get(w("val"), "1") not in ("0", "false"),
                 style=style)


def format_number(n: int, fmt: str) -> str:
    """One number in a Word number format (the formats Chinese documents use, and the common Western ones)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital", "taiwaneseCounting",
               "taiwaneseCountingThousand", "chineseLegalSimplified"):
        if fmt == "ideographDigital":
            return "".join(_DIGITS[int(d)] for d in str(n))
        return chinese_count(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _STEMS[n - 1]
    if fmt == "ideographZodiac" and 1 <= n <= 12:
        return _BRANCHES[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return _PAREN[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else ""
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman.lower() if fmt == "lowerRoman" else roman
    return str(n)


def chinese_count(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n >= 10000:
        return str(n)
    units = [(1000, "千"), (100, "百"), (10, "十")]
    out = ""
    rest = n
    zero = False
    for value, name in units:
        digit, rest = divmod(rest, value)
        if digit:
            if zero:
                out += "零"
                zero = False
            out += ("" if (value == 10 and digit == 1 and not out) else _DIGITS[digit]) + name
        elif out:
            zero = True
    if rest:
        out += ("零" if zero else "") + _DIGITS[rest]
    return out


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
