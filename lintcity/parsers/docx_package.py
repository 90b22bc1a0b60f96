"""An OOXML (Word) package opened the way Word opens it: by its relationships.

Word finds the document body through `_rels/.rels` (the officeDocument
relationship), not by the name `word/document.xml`; writers other than Word
(and Strict OOXML, .docm macro documents, .dotx templates) name or type it
differently, and each such file used to be refused although Word opens it.
Strict OOXML uses other namespace URIs for the same vocabulary; they are
mapped to the Transitional ones before parsing, so the readers see one
vocabulary. Every part is parsed through `xmlsafe` and read at most once.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from lintcity.parsers import xmlsafe

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
# Strict OOXML namespace → Transitional namespace (same element names).
_STRICT = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": W.encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": R.encode(),
    b"http://purl.oclc.org/ooxml/officeDocument/math": b"http://schemas.openxmlformats.org/officeDocument/2006/math",
    b"http://purl.oclc.org/ooxml/drawingml/main": b"http://schemas.openxmlformats.org/drawingml/2006/main",
    b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing":
        b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}
OFFICE_DOCUMENT = "/officeDocument"      # relationship types end with these names in both dialects
FOOTNOTES, ENDNOTES, COMMENTS = "/footnotes", "/endnotes", "/comments"
STYLES, NUMBERING = "/styles", "/numbering"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


@dataclass
class Package:
    """The zip and the relationships of the parts read so far."""

    zf: zipfile.ZipFile
    names: set[str] = field(default_factory=set)
    _rels: dict[str, dict[str, tuple[str, str, str]]] = field(default_factory=dict)
    _inflated: dict[str, bytes] = field(default_factory=dict)  # parts already read by the package checks

    @classmethod
    def open(cls, zf: zipfile.ZipFile, inflated: dict[str, bytes] | None = None) -> "Package":
        return cls(zf, {i.filename for i in zf.infolist()}, _inflated=inflated if inflated is not None else {})

    def main_part(self) -> str | None:
        """The body part: the package's officeDocument relationship, else the conventional name."""
        for _rid, (rtype, target, _mode) in self.rels("").items():
            if rtype.endswith(OFFICE_DOCUMENT) and target in self.names:
                return target
        return "word/document.xml" if "word/document.xml" in self.names else None

    def rels(self, part: str) -> dict[str, tuple[str, str, str]]:
        """Relationships of `part` ("" for the package): id → (type, resolved target, target mode)."""
        if part in self._rels:
            return self._rels[part]
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
        found: dict[str, tuple[str, str, str]] = {}
        if rels_name in self.names:
            root = self.xml(rels_name)
            for rel in root.iter(f"{{{PKG_REL}}}Relationship"):
                target = rel.get("Target", "")
                mode = rel.get("TargetMode", "Internal")
                if mode != "External":
                    target = _resolve(folder, target)
                found[rel.get("Id", "")] = (rel.get("Type", ""), target, mode)
        self._rels[part] = found
        return found

    def related(self, part: str, suffix: str) -> str | None:
        """The first internal part related to `part` by a relationship type ending in `suffix`."""
        for rtype, target, mode in self.rels(part).values():
            if rtype.endswith(suffix) and mode != "External" and target in self.names:
                return target
        return None

    def xml(self, name: str) -> etree._Element:
        return xmlsafe.parse_bytes(strict_to_transitional(self.read(name)))

    def read(self, name: str) -> bytes:
        """A part's bytes; each part the checks kept is handed out once (nothing reads a part twice)."""
        data = self._inflated.pop(name, None)
        return data if data is not None else self.zf.read(name)


def strict_to_transitional(data: bytes) -> bytes:
    """Strict OOXML spelled with the Transitional namespaces (a no-op for Transitional files)."""
    if b"purl.oclc.org/ooxml" not in data:
        return data
    for strict, transitional in _STRICT.items():
        data = data.replace(strict, transitional)
    return data


def _resolve(folder: str, target: str) -> str:
    """A relationship target as a zip member name (targets are relative to the source's folder)."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))
