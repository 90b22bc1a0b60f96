"""Which text encoding a .txt/.md file is in, decided on its first bytes.

A byte-order mark decides at once (UTF-8, UTF-16, UTF-32). Otherwise valid
UTF-8 is UTF-8. Everything else is a guess between the legacy encodings Chinese
offices use — GB18030/GBK, Big5/Big5-HKSCS — and BOM-less UTF-16/UTF-32.
charset-normalizer (a well-kept detector) gives its ranking, and our own
Chinese plausibility check decides: the candidate must decode the sample
strictly, contain no control characters, and nearly all of its non-ASCII
characters must be common Chinese characters or Chinese punctuation. That check
is what tells Big5 from GBK: GB18030 decodes almost any byte string, so Big5
bytes read as GB18030 are valid but gibberish (rare characters, kana, private
use), which the check rejects. When no candidate is plausible, the file is
refused (IO008) — never linted as gibberish with every requirement "missing".
"""

from __future__ import annotations

import codecs
from functools import lru_cache

from lintcity.errors import InputError
from lintcity.i18n import t

CHUNK = 1 << 20             # bytes read at a time
SAMPLE = 64 * 1024          # bytes judged when guessing (plenty: a page of Chinese is 3 KB)
PLAUSIBLE = 0.9             # share of non-ASCII characters that must be common Chinese
_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
CANDIDATES = ("gb18030", "big5hkscs", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be")
_NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GB18030", "big5hkscs": "Big5-HKSCS",
          "utf-16": "UTF-16", "utf-16-le": "UTF-16", "utf-16-be": "UTF-16", "utf-32": "UTF-32",
          "utf-32-le": "UTF-32", "utf-32-be": "UTF-32"}
_TEXT_CONTROLS = {9, 10, 12, 13, 27}  # tab, newline, form feed, carriage return, ESC (escaped when shown)


def display_name(codec: str) -> str:
    return _NAMES.get(codecs.lookup(codec).name, codec)


def detect(path: str, head: bytes, complete: bool) -> str:
    """The codec for a file starting with `head` (`complete`: head is the whole file)."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    sample = head[:SAMPLE]
    whole = complete and len(head) <= SAMPLE
    utf8, error_at = _decode(sample, "utf-8", whole)
    if utf8 is not None and "\x00" not in utf8:
        if _control_ratio(sample) > 0.05:
            raise InputError(path, t("reliability.binary"), "IO004")
        return "utf-8"
    if error_at is not None and _has_chinese(sample[:error_at].decode("utf-8", "ignore")):
        raise InputError(path, t("reliability.mixed_encodings", byte=error_at), "IO008")
    best, score = _most_plausible(sample, whole)
    if best is not None and score >= PLAUSIBLE:
        return best
    if b"\x00" in sample or _control_ratio(sample) > 0.05:
        raise InputError(path, t("reliability.binary"), "IO004")
    raise InputError(path, t("reliability.undecidable"), "IO008")


def _most_plausible(sample: bytes, whole: bool) -> tuple[str | None, float]:
    """The candidate whose decoding reads most like Chinese, charset-normalizer's order breaking ties."""
    best: str | None = None
    best_score = -1.0
    for codec in _ranked(sample):
        text, _ = _decode(sample, codec, whole)
        if text is None:
            continue
        score = plausibility(text)
        if score > best_score:
            best, best_score = codec, score
    return best, best_score


def _ranked(sample: bytes) -> list[str]:
    """Candidates, charset-normalizer's guesses first."""
    import charset_normalizer

    guesses = [codecs.lookup(m.encoding).name for m in
               charset_normalizer.from_bytes(sample, cp_isolation=list(CANDIDATES))]
    ours = [codecs.lookup(c).name for c in CANDIDATES]
    return [c for c in dict.fromkeys(guesses + ours) if c in ours]


def _decode(data: bytes, codec: str, final: bool) -> tuple[str | None, int | None]:
    """Strict incremental decoding: a character cut at the end of a partial sample is not an error."""
    try:
        return codecs.getincrementaldecoder(codec)("strict").decode(data, final=final), None
    except UnicodeDecodeError as exc:
        return None, exc.start


def plausibility(text: str) -> float:
    """Share of the non-ASCII characters that are common Chinese characters or Chinese punctuation.

    0 when the text holds control characters (NUL from a wrong UTF-16/32 guess,
    or binary data); 1 for pure ASCII.
    """
    common = _common_chars()
    wide = hits = 0
    for char in text:
        code = ord(char)
        if code < 0x80:
            if (code < 0x20 and code not in _TEXT_CONTROLS) or code == 0x7F:
                return 0.0
            continue
        wide += 1
        if char in common or _is_punctuation(code):
            hits += 1
    return hits / wide if wide else 1.0


def _is_punctuation(code: int) -> bool:
    return (0x3000 <= code <= 0x303F or 0xFF01 <= code <= 0xFF5E or 0xFFE0 <= code <= 0xFFE5
            or 0x2010 <= code <= 0x203B or 0x2160 <= code <= 0x217F or 0x2460 <= code <= 0x24FF
            or 0x25A0 <= code <= 0x25FF or code in (0xB7, 0xD7, 0xB0, 0xA0, 0x2116))


@lru_cache(maxsize=1)
def _common_chars() -> frozenset[str]:
    """Common Chinese characters: GB2312 (6,763 simplified) and Big5 level 1 (5,401 traditional).

    Built from the codecs themselves, so no table is shipped. Big5 level 2 is left
    out on purpose: GBK bytes read as Big5 land there.
    """
    chars: set[str] = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            _add(chars, bytes((high, low)), "gb2312")
    for high in range(0xA4, 0xC7):
        for low in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            if (high, low) <= (0xC6, 0x7E):
                _add(chars, bytes((high, low)), "big5")
    return frozenset(chars)


def _add(chars: set[str], data: bytes, codec: str) -> None:
    try:
        chars.add(data.decode(codec))
    except UnicodeDecodeError:
        pass


def _has_chinese(text: str) -> bool:
    """Chinese text already decoded as UTF-8 before a failure means a mixed file.
    (Two GBK bytes can form a valid 2-byte UTF-8 sequence, never a CJK character.)"""
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def _control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    controls = sum(1 for b in data if b < 32 and b not in _TEXT_CONTROLS)
    return controls / len(data)
