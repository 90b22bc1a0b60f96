"""Comments a parser keeps for suppression directives (`<!-- lintcity: disable=HY101 -->`).

An HTML comment in Markdown, or a comment line in a text file, is no plan text;
it becomes a point comment before the next block (start = end = 0), so the
suppression logic reads Word comments and these alike from `Document.comments`.
"""

from __future__ import annotations

import re

from lintcity.document import RawComment

_HTML_COMMENT = re.compile(r"^\s*<!--(.*?)-->\s*$", re.DOTALL)


def html_comment(text: str) -> str | None:
    """The inside of `text` if it is exactly one HTML comment, else None."""
    match = _HTML_COMMENT.match(text)
    return match.group(1).strip() if match and "-->" not in match.group(1) else None


def point_before(text: str, next_block: int) -> RawComment:
    return RawComment(text, next_block, 0, next_block, 0)
