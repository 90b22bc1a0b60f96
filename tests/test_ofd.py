"""The OFD reader on bad input: the same XML guard and size limits as the .docx path."""

from __future__ import annotations

import json
import zipfile

import pytest

from conftest import FIXTURES
from lintcity.errors import InputError
from lintcity.limits import Limits
from lintcity.parsers import parse_file

OFD = FIXTURES / "formats" / "complete.ofd"


def _rewrite(src, dst, change):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            data = change(name, zin.read(name))
            if data is not None:
                zout.writestr(name, data)
    return dst


def _error(path, limits=None) -> InputError:
    with pytest.raises(InputError) as err:
        parse_file(path, limits)
    return err.value


def test_dtd_in_a_page_is_refused(tmp_path):
    def change(name, data):
        if name.endswith("Page_1/Content.xml"):
            return data.replace(b"<ofd:Page", b'<!DOCTYPE p [<!ENTITY x "y">]><ofd:Page', 1)
        return data

    err = _error(_rewrite(OFD, tmp_path / "dtd.ofd", change))
    assert err.code == "IO004" and "Page_1/Content.xml" in err.cause


def test_missing_parts_and_non_zip(tmp_path):
    no_root = _rewrite(OFD, tmp_path / "noroot.ofd", lambda n, d: None if n == "OFD.xml" else d)
    assert _error(no_root).code == "IO004"
    no_page = _rewrite(OFD, tmp_path / "nopage.ofd", lambda n, d: None if n.endswith("Page_2/Content.xml") else d)
    err = _error(no_page)
    assert err.code == "IO004" and "Page_2" in err.cause
    text = tmp_path / "text.ofd"
    text.write_text("不是 OFD", encoding="utf-8")
    assert _error(text).code == "IO004"


def test_size_and_page_limits(tmp_path):
    assert _error(OFD, Limits(max_pages=3)).code == "IO007"
    assert _error(OFD, Limits(max_archive_bytes=10_000)).code == "IO007"


def test_outline_marks_unnumbered_headings_and_templates_are_not_body(tmp_path):
    """An outline entry makes a heading of an unnumbered title; the template's running head is never text."""
    def change(name, data):
        if name == "Doc_0/Document.xml" or (name.endswith("Content.xml") and "/Pages/" in name):
            return data.replace("一、总体要求".encode(), "总体安排".encode())
        return data

    doc = parse_file(_rewrite(OFD, tmp_path / "outline.ofd", change))
    head = next(b for b in doc.blocks if b.norm == "总体安排")
    assert head.kind == "heading" and head.level == 1
    assert sum(1 for b in doc.blocks if b.norm == doc.title) == 1   # the running head is not repeated


def test_check_cli_on_ofd(cli):
    code, out, err = cli("check", "--format", "json", "--select", "TG", str(OFD))
    report = json.loads(out)["files"][0]
    assert report["error"] is None and report["format"] == "ofd" and err == ""
    cell_targets = [t for t in report["targets"] if t["source"] == "table"]
    assert cell_targets and all("page" in t["location"] and "table" in t["location"] for t in cell_targets)


def test_running_heads_written_into_every_page_are_dropped(tmp_path):
    """Converters (PDF → OFD) put the running head in each page's content instead of a template."""
    head = ('<ofd:TextObject ID="9" Boundary="28 18 150 5" Font="2" size="3.5"><ofd:TextCode X="0" Y="3.5">'
            '江临市深化智慧城市发展推进城市全域数字化转型实施方案（2025—2030年）</ofd:TextCode></ofd:TextObject>')

    def change(name, data):
        if "/Pages/" in name:
            return data.replace(b"<ofd:Content>", b"<ofd:Content><ofd:Layer ID=\"8\">" + head.encode() + b"</ofd:Layer>", 1)
        return data

    plain = parse_file(OFD)
    doc = parse_file(_rewrite(OFD, tmp_path / "heads.ofd", change))
    assert [b.norm for b in doc.blocks] == [b.norm for b in plain.blocks]
    assert doc.title == plain.title
