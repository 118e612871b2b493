"""Page furniture: running headers and footers ("Improvement Board  12 July 2016", "Page 3").

A line is furniture when it is the outermost text of its page (top or bottom), set apart from the
body by more than a line's height of space, and a line with the same text (page numbers aside)
stands at the same height on the page before or after. Such lines are kept as notes and never
read as table rows: in the page's text they would otherwise join the table under them, and they
stand between a table's pieces on consecutive pages so that the pieces are not merged.

Why set apart: a table's repeated header row is also outermost and repeated at the same height,
but it sits as close to the first body row as rows sit to each other.
"""

from __future__ import annotations

import re
from typing import Sequence

from pipeline.extract.pdf.layout import TextLine

_DIGITS = re.compile(r"\d+")
# at most this many lines at each end of a page form a running header or footer
_MAX_LINES = 2
# the gap between furniture and the body exceeds this many of the furniture line's height
_APART = 1.5
# the same height on two pages, within this many points
_SAME_TOP = 2.0


def line_signature(line: TextLine) -> str:
    """The line's text with spacing, case and numbers (page numbers, dates) ignored."""
    return _DIGITS.sub("#", " ".join(line.text.casefold().split()))


def _matches(line: TextLine, neighbours: Sequence[Sequence[TextLine]]) -> bool:
    signature = line_signature(line)
    return any(
        abs(other.top - line.top) <= _SAME_TOP and line_signature(other) == signature
        for lines in neighbours
        for other in _ends(lines)
    )


def _ends(lines: Sequence[TextLine]) -> list[TextLine]:
    return list(lines[:_MAX_LINES]) + list(lines[-_MAX_LINES:])


def _furniture_run(run: Sequence[TextLine], rest: TextLine | None, neighbours: Sequence[Sequence[TextLine]],
                   below: bool) -> int:
    """How many lines of `run` (outermost first) are furniture; `rest` is the body line next to them."""
    for count in range(1, len(run) + 1):
        if not all(_matches(line, neighbours) for line in run[:count]):
            return 0
        inner = run[count - 1]
        nxt = run[count] if count < len(run) else rest
        if nxt is None:
            return 0
        gap = (inner.top - nxt.bottom) if below else (nxt.top - inner.bottom)
        if gap > _APART * inner.height:
            return count
    return 0


def furniture_lines(lines: Sequence[TextLine], neighbours: Sequence[Sequence[TextLine]]) -> set[int]:
    """Indexes (into `lines`, top to bottom) of the running header and footer lines of a page,
    given the lines of the pages before and after it."""
    if not lines or not any(neighbours):
        return set()
    top = list(lines[:_MAX_LINES])
    head = _furniture_run(top, lines[len(top)] if len(lines) > len(top) else None, neighbours, below=False)
    found = set(range(head))
    bottom = list(reversed(lines[-_MAX_LINES:]))
    start = len(lines) - len(bottom)
    foot = _furniture_run(bottom, lines[start - 1] if start > 0 else None, neighbours, below=True)
    found.update(len(lines) - 1 - i for i in range(foot))
    return found
