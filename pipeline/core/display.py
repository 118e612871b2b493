"""Text from documents shown on a terminal: never interpreted.

A cell may hold anything a PDF or a dump can carry: rich markup (`[/bold]`, `[link=...]`),
terminal escape sequences (clear screen, colours, window titles), bidi overrides. `shown()` turns
every control or format character into its Python escape (ESC -> `\\x1b`, U+202E -> `\\u202e`), so
what reaches the terminal is printable text that says what the document holds; `markup_safe()`
also escapes rich markup for strings passed to `Console.print` with markup on.
"""

from __future__ import annotations

import unicodedata

# Categories never sent raw: controls (C0, DEL, C1), format characters (bidi overrides, zero-width
# joiners), line/paragraph separators, surrogates, private use and unassigned code points.
ESCAPED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def _escape_char(char: str) -> str:
    if unicodedata.category(char) not in ESCAPED_CATEGORIES:
        return char
    return repr(char)[1:-1] if char not in "'\"" else char


def shown(text: object, lines: bool = False) -> str:
    """`text` with every control/format character written as its escape (repr-style); printable
    text, including non-ASCII letters, is unchanged. `lines`: keep line feeds (a message of
    several lines written by annex; a cell's line feed is escaped like any control)."""
    text = "" if text is None else str(text)
    if text.isprintable():
        return text
    out = []
    for char in text:
        escaped = char if lines and char == "\n" else _escape_char(char)
        # repr leaves some format characters alone (e.g. soft hyphen is printable to Python)
        if escaped == char and char != "\n" and unicodedata.category(char) in ESCAPED_CATEGORIES:
            escaped = f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"
        out.append(escaped)
    return "".join(out)


def markup_safe(text: object) -> str:
    """shown(text, lines=True) with rich markup escaped, for an f-string given to Console.print
    (messages and warnings: their line feeds are annex's own)."""
    # imported here: rich costs 0.06 s measured, which the pool's workers and the PDF budget's child never pay
    from rich.markup import escape

    return escape(shown(text, lines=True))


def plain(text: object):
    """A rich Text of shown(text): never parsed as markup, never highlighted."""
    # imported here: rich costs 0.06 s measured, which the pool's workers and the PDF budget's child never pay
    from rich.text import Text

    return Text(shown(text))
