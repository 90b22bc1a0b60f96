"""The lines of an HTML fragment (a Word altChunk imported from a web page), block elements as line breaks.

Its own module so that reading an ordinary .docx does not import `html.parser`
(and `html.entities`, a large table): about 5 ms of every cold start, for a
kind of part few plans hold.
"""

from __future__ import annotations

import html.parser


class _HtmlText(html.parser.HTMLParser):
    _BLOCK = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "table", "ul", "ol"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data.replace("\n", " "))


def html_lines(text: str) -> list[str]:
    """The text of an HTML document by line, stripped; block elements end lines, scripts and styles are dropped."""
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    return [line.strip() for line in "".join(parser.parts).split("\n")]
