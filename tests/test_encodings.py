"""Every encoding a Chinese office saves text in reads as the same plan; an undecidable file is IO008.

Files are generated here from the hostile corpus's plan text. Big5 holds the
plan in traditional characters, which normalization turns back into simplified,
so every encoding must give exactly the UTF-8 file's normalized text.
"""

from __future__ import annotations

import codecs

import pytest

from lintcity.errors import InputError
from lintcity.limits import Limits
from lintcity.parsers import parse_file
from lintcity.parsers.txt import read_text
from test_hostile import make_corpus

PLAN = make_corpus.GOOD_PLAN
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "big5hkscs", "utf-16", "utf-16-le", "utf-16-be",
             "utf-32", "utf-32-le", "utf-32-be"]


def _norms(path):
    return [b.norm for b in parse_file(path).blocks]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    path = tmp_path_factory.mktemp("enc") / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    return _norms(path)


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_every_encoding_reads_as_the_same_plan(tmp_path, reference, encoding):
    text = make_corpus.traditional(PLAN) if encoding.startswith("big5") else PLAN
    path = tmp_path / f"plan-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    assert _norms(path) == reference


def test_big5_is_not_read_as_gb18030(tmp_path):
    """Big5 bytes decode as GB18030 without error, into gibberish: the plausibility check must refuse that."""
    original = make_corpus.traditional(PLAN)
    data = original.encode("big5")
    data.decode("gb18030")  # the trap: valid, but wrong
    path = tmp_path / "big5.txt"
    path.write_bytes(data)
    assert read_text(path, Limits()) == original


def test_gbk_character_cut_by_the_buffer_boundary(tmp_path):
    """A GBK file over 1 MB whose byte 1,048,576 is inside a character reads like the same file one byte shorter."""
    data = make_corpus.gbk_straddling()
    long, short = tmp_path / "long.txt", tmp_path / "short.txt"
    long.write_bytes(data)
    short.write_bytes(data[1:] if data[:1] == b"#" else data[:-1])
    text = read_text(long, Limits())
    assert text == codecs.decode(data, "gbk")
    assert read_text(short, Limits())


@pytest.mark.parametrize("name, data", [
    ("rare-characters", make_corpus.undecidable_bytes(4096)),
    ("latin-1", "Café au lait, naïve façade, smörgåsbord. ".encode("latin-1") * 20),
])
def test_undecidable_text_is_io008_never_gibberish(tmp_path, name, data):
    path = tmp_path / f"{name}.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        parse_file(path)
    assert info.value.code == "IO008"
    assert "\n" not in str(info.value)


def test_binary_with_nul_bytes_is_still_binary(tmp_path):
    path = tmp_path / "binary.txt"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(InputError) as info:
        parse_file(path)
    assert info.value.code == "IO004"
