"""jieba's prefix dictionary, loaded by first character as the text being cut needs it.

jieba keeps its dictionary as one dict `FREQ`: every word of its 5 MB
`dict.txt` with its frequency, and every prefix of a word with 0 — 500,000
entries that take 2 s to build from the text file and still 0.2–0.6 s to
unmarshal from a cache, in every process, although a plan's analysis cuts
only the few runs of text where a short term or a token pattern needs word
boundaries (about 5,000 characters of a 100-page plan).

Every key jieba looks up while cutting a text starts with a character of that
text: `get_DAG` and `calc` look up slices `text[k:i]`, and `__cut_DAG` a run of
`text` (so do `cut_for_search` and `suggest_freq`, through `cut`). So the
cache is split by first character into marshalled shards, and `Tokenizer`
loads, before cutting a text, the shards of the characters it has not seen
yet. `FREQ` then holds exactly the entries the full dictionary holds for
every key jieba can look up: the same words, cut the same way, by jieba's own
code (`get_DAG`, `calc`, the HMM), with the time and memory of the shards a
document touches (about half of the dictionary for a 100-page plan).

Words added with `add_word` (the pack's terms) are applied as jieba applies
them; a shard loaded later re-applies them over its base entries, which is
the state jieba reaches when the whole dictionary was loaded before
`add_word` (a word's own frequency wins, a prefix keeps the dictionary's
value where it has one).

The shard file lives in lintcity's cache folder (`cache.py`'s ownership
checks: a private folder, so the check is against damage, not tampering),
written atomically, its body covered by a CRC-32 in its header: a corrupt,
truncated or foreign file is rebuilt, never half-read.
"""

from __future__ import annotations

import marshal
import threading
import zlib
from pathlib import Path

_FORMAT = 2
_DIGEST = 4  # bytes of the body's CRC-32


def tokenizer_class(jieba):
    """A `jieba.Tokenizer` whose `FREQ` is filled shard by shard (made once jieba is imported)."""

    class Tokenizer(jieba.Tokenizer):
        def use(self, freq: dict, total: int, shards: dict[str, tuple[int, int]] | None = None,
                body: bytes = b"") -> None:
            """Start from `freq` (the whole dictionary, or nothing) and the shards still to load."""
            self.FREQ, self.total, self.initialized = freq, total, True
            # the longest key in FREQ, a bound for `jieba_whole` (a word that long can reach an offset)
            self.longest = max(map(len, freq), default=0)
            self._shards = dict(shards or {})
            self._body = body
            self._unloaded = set(self._shards)
            self._added: dict[str, dict[str, int]] = {}  # first character → word → frequency
            self._shard_lock = threading.Lock()

        def _need(self, text: str) -> None:
            if self._unloaded.isdisjoint(text):
                return
            with self._shard_lock:
                for ch in self._unloaded.intersection(text):
                    start, end = self._shards[ch]
                    shard = marshal.loads(self._body[start:end])
                    self.FREQ.update(shard)
                    self.longest = max(self.longest, max(map(len, shard), default=0))
                    self.FREQ.update(self._added.get(ch, ()))
                    self._unloaded.discard(ch)

        def get_DAG(self, sentence):  # noqa: N802 - jieba's name
            self._need(sentence)
            return super().get_DAG(sentence)

        def get_FREQ(self, k, d=None):  # noqa: N802 - jieba's name
            self._need(k[:1])
            return super().get_FREQ(k, d)

        def add_word(self, word, freq=None, tag=None):
            if freq is None:
                self._need(word)  # jieba suggests a frequency from how it cuts the word
            super().add_word(word, freq, tag)
            word = jieba._compat.strdecode(word)
            self.longest = max(self.longest, len(word))
            if word:
                self._added.setdefault(word[0], {})[word] = self.FREQ[word]

    return Tokenizer


def build(freq: dict[str, int], total: int, header: bytes) -> bytes:
    """The shard file for jieba's prefix dictionary `freq` (words and prefixes) and its `total`."""
    groups: dict[str, dict[str, int]] = {}
    for key, value in freq.items():
        groups.setdefault(key[0], {})[key] = value
    blobs, index, at = [], {}, 0
    for ch, group in groups.items():
        blob = marshal.dumps(group)
        index[ch] = (at, at + len(blob))
        blobs.append(blob)
        at += len(blob)
    head = marshal.dumps((total, index))
    body = len(head).to_bytes(8, "little") + head + b"".join(blobs)
    return header + zlib.crc32(body).to_bytes(_DIGEST, "little") + body


def read(path: Path, header: bytes) -> tuple[int, dict[str, tuple[int, int]], bytes] | None:
    """(total, shard index, shard bytes) from a shard file, or None if it is not a sound one."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if not data.startswith(header):
        return None
    digest, body = data[len(header):len(header) + _DIGEST], data[len(header) + _DIGEST:]
    if zlib.crc32(body).to_bytes(_DIGEST, "little") != digest or len(body) < 8:
        return None
    size = int.from_bytes(body[:8], "little")
    try:
        total, index = marshal.loads(body[8:8 + size])
    except (EOFError, ValueError, TypeError):
        return None
    if not (isinstance(total, int) and isinstance(index, dict) and index):
        return None   # the CRC says these are the bytes lintcity wrote: their entries are not re-checked
    return total, index, body[8 + size:]


def header_for(version: str) -> bytes:
    return f"lintcity-jieba:{_FORMAT}:{version}\n".encode()
