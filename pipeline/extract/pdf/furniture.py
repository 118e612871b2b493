"""Page furniture: running headers and footers ("Improvement Board  12 July 2016", "Page 3").

A line is furniture when it is the outermost text of its page (top or bottom), set apart from the
body by more than a line's height of space, and a line with the same text (page numbers aside)
stands at the same height on the page before or after. Such lines are kept as notes and never
read as table rows: in the page's text they would otherwise join the table under them, and they
stand between a table's pieces on consecutive pages so that the pieces are not merged.

Why set apart: a table's repeated header row is also outermost and repeated at the same height,
but it usually sits as close to the first body row as rows sit to each other. Not always (a header
row with padding below it), so two more signs tell a table's header from furniture: its phrases
start where the columns of the lines under it start (a running header's date or page number, set
against the right margin, starts where no column does), and its text stands at another height on
a page nearby (page 1 prints a title above the table; furniture never moves).
"""

from __future__ import annotations

from typing import Sequence

from pipeline.extract.pdf.layout import TextLine
from pipeline.extract.pdf.settings import TableSettings

def line_signature(line: TextLine) -> str:
    """The line's text with spacing, case and numbers (page numbers, dates) ignored (TextLine.signature)."""
    return line.signature


def _signature_tops(neighbours: Sequence[Sequence[TextLine]]) -> dict[str, list[float]]:
    """The tops of the lines of the pages nearby, by line_signature (each line's worked out once)."""
    tops: dict[str, list[float]] = {}
    for lines in neighbours:
        for other in lines:
            tops.setdefault(line_signature(other), []).append(other.top)
    return tops


def _matches(line: TextLine, nearby: dict[str, list[float]], settings: TableSettings) -> bool:
    """The line stands at the same height with the same text on a page nearby, and nowhere else
    on those pages (text that moves is content, e.g. a table header below a title on page 1);
    `nearby` holds those pages' line tops by signature (_signature_tops)."""
    same = nearby.get(line_signature(line), ())
    return bool(same) and all(abs(top - line.top) <= settings.furniture_same_top for top in same)


def heads_columns(line: TextLine, under: Sequence[TextLine], settings: TableSettings = TableSettings()) -> bool:
    """The line is a table's header row: two phrases or more, each starting where a phrase of
    one of the lines under it starts (the columns it heads)."""
    if len(line.phrases) < 2:
        return False
    starts = [p.x0 for other in under for p in other.phrases]
    return all(any(abs(p.x0 - x) <= settings.furniture_same_x for x in starts) for p in line.phrases)


def _furniture_run(run: Sequence[TextLine], rest: TextLine | None, nearby: dict[str, list[float]],
                   below: bool, settings: TableSettings, body: Sequence[TextLine] = ()) -> int:
    """How many lines of `run` (outermost first) are furniture; `rest` is the body line next to
    them, `body` the page's lines under a running header (for the columns a header row heads),
    `nearby` the tops of the lines of the pages nearby by signature."""
    for count in range(1, len(run) + 1):
        if not all(_matches(line, nearby, settings) for line in run[:count]):
            return 0
        if not below and heads_columns(run[count - 1], body[count:count + settings.furniture_lines_under], settings):
            return 0  # a table's header row (and what is above it stays with the page's text)
        inner = run[count - 1]
        nxt = run[count] if count < len(run) else rest
        if nxt is None:
            return 0
        gap = (inner.top - nxt.bottom) if below else (nxt.top - inner.bottom)
        if gap > settings.furniture_apart_em * inner.height:
            return count
    return 0


def furniture_lines(lines: Sequence[TextLine], neighbours: Sequence[Sequence[TextLine]],
                    settings: TableSettings = TableSettings()) -> set[int]:
    """Indexes (into `lines`, top to bottom) of the running header and footer lines of a page,
    given the lines of the pages before and after it."""
    if not lines or not any(neighbours):
        return set()
    nearby = _signature_tops(neighbours)
    top = list(lines[:settings.furniture_max_lines])
    head = _furniture_run(top, lines[len(top)] if len(lines) > len(top) else None, nearby, below=False,
                          settings=settings, body=lines)
    found = set(range(head))
    bottom = list(reversed(lines[-settings.furniture_max_lines:]))
    start = len(lines) - len(bottom)
    foot = _furniture_run(bottom, lines[start - 1] if start > 0 else None, nearby, below=True,
                           settings=settings)
    found.update(len(lines) - 1 - i for i in range(foot))
    return found
