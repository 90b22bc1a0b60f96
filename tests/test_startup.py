"""The cold path: what a fresh process loads, when, and that the cheap loads give the same answers.

No timing is asserted (bench/run.py measures); these tests check which
libraries a run imports, that spaCy imported without its package `__init__`
still matches (and still offers its whole API to other code), that a library
load does not count against a document's time limit, and that the caches
behind the cheap loads are rebuilt when they are damaged or foreign.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lintcity import nlp
from lintcity.deadline import paused, time_limit
from lintcity.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
OP104 = {"OP104": [[{"TEXT": "政府"}, {"TEXT": {"IN": ["、", "和", "与"]}}, {"TEXT": "企业"}]]}


def _python(code: str, tmp_path: Path) -> list:
    """Run `code` in a fresh interpreter (own cache folder); its last stdout line, parsed as JSON."""
    import os

    env = {**os.environ, "LINTCITY_CACHE_DIR": str(tmp_path / "cache")}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


# -- spaCy: only for a block a pattern may match, and without its package __init__ ----------------

def test_literal_pattern_is_gated_by_its_tokens_in_a_row_and_other_patterns_by_anchors(monkeypatch):
    patterns = nlp.TokenPatterns({**OP104, "X1": [[{"TEXT": "数据"}, {"TEXT": "共享", "OP": "?"}, {"TEXT": "平台"}]]})
    assert patterns.gates[0] is not None and patterns.gates[1] is None  # an operator: anchors only
    made: list[str] = []
    real = nlp.matcher_doc
    monkeypatch.setattr(nlp, "matcher_doc", lambda text, cut=None: made.append(text) or real(text, cut))
    apart = "政府部门与国有企业签订协议。"  # both anchor words, never in a row: no Doc, no Matcher
    assert patterns.hits(nlp.Segmentation(apart)) == [] and made == []
    spaced = "鼓励政府 和 企业共同参与运营。"  # whitespace between the tokens is still a possible match
    assert patterns.may_match(spaced) and patterns.may_match("建设数据平台")


def test_matcher_without_spacys_init_matches_as_the_full_import_and_spacy_stays_whole(tmp_path):
    blocks = ["鼓励政府、企业共同参与运营。", "形成政府和企业协同的运营机制，政府与企业共建。", "市政府和企业家座谈。",
              "政府部门与国有企业签订协议。"]
    code = f"""
import json, sys
from lintcity import nlp
patterns = nlp.TokenPatterns({OP104!r})
cheap = [patterns.hits(nlp.Segmentation(b)) for b in {blocks!r}]
partial = [m for m in ('spacy.cli', 'spacy.language', 'spacy.pipeline') if m in sys.modules]
import spacy
english = [spacy.__version__ > '3'] + [t.text for t in spacy.blank('en')('two words')]
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab
full = Matcher(Vocab())
full.add('OP104', {OP104['OP104']!r})
def hits(text):
    doc = Doc(full.vocab, words=nlp.words(text), spaces=[False] * len(nlp.words(text)))
    return [['OP104', doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)] for _, s, e in full(doc)]
print(json.dumps([cheap, partial, english, [hits(b) for b in {blocks!r}], spacy.__version__ > '3']))
"""
    cheap, partial, english, full, versioned = _python(code, tmp_path)
    assert cheap == full and cheap[0] and cheap[1] and not cheap[2] and not cheap[3]
    assert partial == []          # the Matcher came without spaCy's CLI, pipelines and Language
    assert english == [True, "two", "words"] and versioned  # and `import spacy` still gives the whole API


def test_the_bundled_pack_never_loads_spacy_and_an_operator_pattern_loads_it_only_when_needed(tmp_path):
    joint = ROOT / "eval" / "corpus" / "17-luyu-operations-heavy.md"  # 政府和企业 in a row: OP104's pattern
    code = f"""
import json, sys
from pathlib import Path
from lintcity import nlp
from lintcity.packs import load_pack
from lintcity.runner import lint_file, prepare
pack = load_pack()
path = Path({str(FIXTURES / 'complete.md')!r})
prepare(path, pack)
first = lint_file(path, pack)
second = lint_file(Path({str(joint)!r}), pack)
terms = [t for c in second.coverage if c.requirement_id == 'OP104' for e in c.evidence for t in e.terms]
bundled = 'spacy' in sys.modules
optional = nlp.TokenPatterns({{"X1": [[{{"TEXT": "数据"}}, {{"TEXT": "共享", "OP": "?"}}, {{"TEXT": "平台"}}]]}})
none = optional.hits(nlp.Segmentation("推进数据共享。"))
before = 'spacy' in sys.modules
some = optional.hits(nlp.Segmentation("建设数据平台。"))
print(json.dumps([bundled, first.error is None, terms, none, before, some, 'spacy.matcher' in sys.modules]))
"""
    bundled, clean, terms, none, before, some, after = _python(code, tmp_path)
    assert (bundled, clean) == (False, True)
    assert "政府和企业" in terms  # found by the token pattern only (no pack term says it)
    assert (none, before) == ([], False) and some == [["X1", 2, 6]] and after


def test_time_inside_paused_does_not_count_but_an_earlier_expiry_still_lands():
    with time_limit(0.3, "doc.md"):
        with paused():
            time.sleep(0.5)  # a library load longer than the limit
        time.sleep(0.1)
    with pytest.raises(InputError) as caught:
        with time_limit(0.3, "doc.md"):
            with paused():
                pass
            time.sleep(0.6)
    assert caught.value.code == "IO007"
    with paused():  # outside any limit: nothing to pause
        pass


# -- jieba: imported without pkg_resources ---------------------------------------------------

def test_jieba_loads_without_pkg_resources_which_stays_importable(tmp_path):
    code = """
import importlib.util, json, sys
installed = importlib.util.find_spec('pkg_resources') is not None  # newer setuptools no longer ship it
from lintcity import nlp
words = nlp.words('统一运维平台建设')
hidden = 'pkg_resources' in sys.modules
if installed:
    import pkg_resources  # still importable for other code after our import hid it
print(json.dumps([words, hidden, installed and pkg_resources.__name__]))
"""
    words, hidden, name = _python(code, tmp_path)
    assert words == ["统一", "运维", "平台", "建设"] and hidden is False
    assert name in ("pkg_resources", False)


# -- jieba's dictionary, by first character ----------------------------------------------------

def _real_texts() -> list[str]:
    from lintcity.limits import Limits
    from lintcity.parsers import parse_file

    paths = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".md", ".docx"))
    real = ROOT.parent / "shared" / "real-docx"
    paths += sorted(real.glob("*.docx"))[:15] if real.is_dir() else []
    return [b.norm for p in paths for b in parse_file(p, Limits()).blocks]


def test_dictionary_loaded_by_first_character_cuts_as_jieba_with_its_whole_dictionary(pack):
    from lintcity.analysis import _pack_matcher

    _pack_matcher(pack)  # the pack's terms are added, as in a run
    nlp.tokenizer()      # the session's cache folder now holds the shard file
    jieba = nlp._import_jieba()
    whole = jieba.Tokenizer()
    with whole.get_dict_file() as source:
        whole.FREQ, whole.total = whole.gen_pfdict(source)
    whole.initialized = True
    sharded = nlp.tokenizer.__wrapped__()  # a fresh one, read from the shard file
    assert sharded.FREQ == {} and len(sharded._unloaded) > 10_000
    for term in sorted(nlp._added):       # added before their shards are loaded, as add_terms does
        whole.add_word(term, freq=200_000)
        sharded.add_word(term, freq=200_000)
    assert sharded.total == whole.total
    texts = _real_texts()
    assert sum(map(len, texts)) > 100_000
    assert [list(sharded.cut(t)) for t in texts] == [list(whole.cut(t)) for t in texts]
    # every key a cut can look up (its first character's shard loaded) holds the whole dictionary's value;
    # an added word's prefixes wait as 0 for a shard never loaded, which no cut so far could ask about
    loaded = {k[0] for k in sharded.FREQ} - sharded._unloaded
    assert all(whole.FREQ[k] == v for k, v in sharded.FREQ.items() if k[0] in loaded)
    assert all(k in sharded.FREQ for k in whole.FREQ if k[0] in loaded)
    assert sharded._unloaded  # and what no text asked for was never loaded


def test_a_damaged_or_older_dictionary_cache_is_rebuilt(tmp_path, monkeypatch):
    from lintcity import jieba_dict

    monkeypatch.setenv("LINTCITY_CACHE_DIR", str(tmp_path))
    header = jieba_dict.header_for(nlp._import_jieba().__version__)
    first = nlp.tokenizer.__wrapped__()  # nothing cached: built from jieba's dict.txt, then written
    path = tmp_path / "jieba-shards.cache"
    good = path.read_bytes()
    assert first.FREQ and jieba_dict.read(path, header) is not None
    damaged = bytearray(good)
    damaged[len(good) // 2] ^= 0x40
    older = b"lintcity-jieba:1:" + good[len(header):]
    for bad in (bytes(damaged), good[: len(good) // 3], older):
        path.write_bytes(bad)
        assert jieba_dict.read(path, header) is None
        again = nlp.tokenizer.__wrapped__()
        assert [w for w in again.cut("统一运维平台建设")] == ["统一", "运维", "平台", "建设"]
        assert path.read_bytes() == good  # rewritten whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jieba-shards.cache"]  # no temporary file left
