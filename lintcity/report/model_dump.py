"""`lintcity parse`: the document model as text or JSON, to see why a plan parses oddly."""

from __future__ import annotations

import json

from lintcity.document import Document


def document_dict(doc: Document) -> dict:
    return {
        "path": doc.path,
        "format": doc.format,
        "title": doc.title,
        "headings": heading_tree(doc),
        "tables": [{"index": t.index, "rows": [[doc.blocks[i].text for i in row] for row in t.rows]}
                   for t in doc.tables],
        "blocks": [{"index": b.index, "kind": b.kind, "level": b.level, "location": b.location.to_dict(),
                    "heading_path": list(b.heading_path), "text": b.text, "normalized": b.norm,
                    "sentences": len(b.sentences)} for b in doc.blocks],
    }


def heading_tree(doc: Document) -> list[dict]:
    """Nested headings: [{title, location, children: [...]}]."""
    root: list[dict] = []
    stack: list[tuple[int, list[dict]]] = [(0, root)]
    for block in doc.blocks:
        if block.kind != "heading" or block.level is None:
            continue
        node = {"title": block.norm, "location": block.location.to_dict(), "children": []}
        while stack and stack[-1][0] >= block.level:
            stack.pop()
        (stack[-1][1] if stack else root).append(node)
        stack.append((block.level, node["children"]))
    return root


def dump_json(doc: Document) -> str:
    return json.dumps(document_dict(doc), ensure_ascii=False, indent=2)


def dump_text(doc: Document) -> str:
    """The model as terminal text; document text and names pass through `printable`, since a
    hostile document could otherwise send escape sequences to the terminal."""
    from lintcity.errors import printable

    return "\n".join(printable(line) for line in _text(doc).split("\n"))


def _text(doc: Document) -> str:
    from lintcity.i18n import catalog, t

    lines = [t("parse.summary", path=doc.path, format=doc.format, blocks=len(doc.blocks),
               headings=len(doc.headings()), tables=len(doc.tables), chars=doc.char_count),
             t("parse.title", title=doc.title or "-"), "", t("parse.headings")]

    def walk(nodes: list[dict], depth: int) -> None:
        for node in nodes:
            lines.append(f"{'  ' * depth}- {node['title']}  [{_loc(node['location'])}]")
            walk(node["children"], depth + 1)

    walk(heading_tree(doc), 1)
    lines += ["", t("parse.blocks")]
    for b in doc.blocks:
        text = b.text.replace("\n", "⏎")
        kind = t(f"parse.kind.{b.kind}") if f"parse.kind.{b.kind}" in catalog() else b.kind
        lines.append(f"  {b.index:>4} {kind:<6} [{b.location}] {text[:70]}")
    return "\n".join(lines)


def _loc(loc: dict) -> str:
    from lintcity.document import Location

    return str(Location(**loc))
