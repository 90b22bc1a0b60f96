"""click's own texts (Usage, Options, its usage errors) and our help texts in the user's language.

click marks its strings for gettext (`from gettext import gettext as _` in each
module) but ships no translations. Rather than compiling .mo files, the click
messages are entries of our one catalog (`messages/click.toml`, `en` being
click's msgid); `install()` points each click module's `_`/`ngettext` at a
lookup in that catalog, so click formats its own placeholders as before.

Help texts of our options and commands are catalog keys (`help="cli.help.check"`);
`localize(command)` swaps every key for its text in the current language just
before help or a usage error is rendered, so `--lang en` given after the
group's help option was built still wins. A help text that is no catalog key
(a plugin's) is left as it is.
"""

from __future__ import annotations

import re
import sys
from functools import lru_cache

import click

from lintcity.i18n import catalog, t

_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui", "utils",
                  "shell_completion")


@lru_cache(maxsize=1)
def _by_text() -> dict[str, str]:
    """Any language's text of a click.* or help entry → its key: click, and commands that call
    `t()` when they are declared, built their texts before --lang was read."""
    index: dict[str, str] = {}
    for key, entry in catalog().items():
        if (key.startswith("click.") and not key.startswith("click.metavar.")) or "help" in key:
            for text in entry.values():
                index.setdefault(text, key)
    return index


def _gettext(message: str) -> str:
    key = _by_text().get(message)
    return t(key) if key else message


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


def install() -> None:
    """Route click's gettext calls through the catalog, and measure help text in terminal cells
    (a Chinese character is two columns wide and may be broken anywhere; click counts characters
    and breaks only at spaces, which misaligned the option table and split words). Idempotent."""
    from click import formatting

    formatting.term_len = _cells
    formatting.wrap_text = _wrap
    for name in _CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = _gettext
        if hasattr(module, "ngettext"):
            module.ngettext = _ngettext


def _cells(text: str) -> int:
    from click._compat import strip_ansi
    from rich.cells import cell_len

    return cell_len(strip_ansi(text))


_TOKEN = re.compile(r"[\x21-\x7e]+|\s+|.", re.S)  # an ASCII word, a run of spaces, or one other character


_NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)")  # punctuation never begins a line (kinsoku)


def _wrap(text: str, width: int = 78, initial_indent: str = "", subsequent_indent: str = "",
          preserve_paragraphs: bool = False) -> str:
    """click.formatting.wrap_text by display width: breaks between CJK characters or at spaces, never
    inside an ASCII word; paragraphs are kept (click's help texts here are single paragraphs)."""
    lines: list[str] = []
    for paragraph in text.split("\n\n") if preserve_paragraphs else [text]:
        line, used = initial_indent if not lines else subsequent_indent, None
        used = _cells(line)
        for token in _TOKEN.findall(" ".join(paragraph.split())):
            size = _cells(token)
            if used + size > width and line.strip() and token not in _NO_LINE_START:
                lines.append(line.rstrip())
                if token.isspace():
                    line, used = subsequent_indent, _cells(subsequent_indent)
                    continue
                line, used = subsequent_indent, _cells(subsequent_indent)
            line += token
            used += size
        lines.append(line.rstrip())
        if preserve_paragraphs:
            lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def text(value: str | None) -> str | None:
    """A help text in the current language: a catalog key or click's own text is looked up."""
    if not value:
        return value
    if value in catalog():
        return t(value)
    return _gettext(value)


_METAVARS = {"integer": "click.metavar.integer", "integer range": "click.metavar.integer",
             "float": "click.metavar.number", "float range": "click.metavar.number", "number": "click.metavar.number",
             "text": "click.metavar.text", "path": "click.metavar.path", "filename": "click.metavar.file"}


def localize(command: click.Command, _seen: set[int] | None = None) -> None:
    """Put every help text and usage placeholder of `command` (and its subcommands) in the current language."""
    seen = _seen if _seen is not None else set()
    if id(command) in seen:
        return
    seen.add(id(command))
    originals = command.__dict__.setdefault("_lc_texts", {"help": command.help, "short_help": command.short_help})
    command.help = text(originals["help"])
    command.short_help = text(originals["short_help"])
    command.options_metavar = t("click.metavar.options")
    if isinstance(command, click.Group):
        command.subcommand_metavar = t("click.metavar.subcommand")
        for sub in command.commands.values():
            localize(sub, seen)
    for param in command.params:
        _localize_param(param)


def _localize_param(param: click.Parameter) -> None:
    saved = param.__dict__.setdefault("_lc_texts", {"help": getattr(param, "help", None), "metavar": param.metavar})
    if isinstance(param, click.Option):
        param.help = text(saved["help"])
        if param.is_flag or isinstance(param.type, click.Choice):
            return
    metavar = saved["metavar"]
    if metavar is not None:
        param.metavar = text(metavar)
        return
    if isinstance(param, click.Option):
        key = _METAVARS.get(getattr(param.type, "name", ""))
        if key:
            param.metavar = t(key)
