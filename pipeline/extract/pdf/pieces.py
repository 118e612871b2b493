"""The values passed between the page readers and the cross-page merge."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.core.model import Box
from pipeline.extract.pdf.layout import CellEnds, TextLine, cached_property

Interval = tuple[float, float]  # x0, x1


@dataclass(frozen=True)
class Row:
    """One table row on one page: a cell per column, the cells' boxes, and what it looks like."""

    cells: tuple[str, ...]
    boxes: tuple[Box | None, ...]
    top: float
    bottom: float
    bold: bool = False  # every word of the row is in a bold face
    spans: tuple[tuple[int, int], ...] = ()  # (first, last) columns of cells spanning columns
    lines: tuple[TextLine, ...] = ()  # the text lines it was built from (unruled tables)
    # per cell, its first word, last line and text edges (None for an empty cell): to join it to
    # a cell below it in another row without losing a word cut at the line end
    ends: tuple[CellEnds | None, ...] = ()
    # a ruled grid's last row with no ruling under it, where the grid rules between its rows:
    # the row goes on (over the page)
    open_below: bool = False

    def end(self, column: int) -> CellEnds | None:
        return self.ends[column] if column < len(self.ends) else None

    @cached_property
    def filled(self) -> tuple[int, ...]:
        """The indexes of the non-empty cells (kept: the header and merge steps ask it again and again)."""
        return tuple(i for i, c in enumerate(self.cells) if c)


@dataclass(frozen=True)
class PageTable:
    """The part of a table found on one page."""

    page: int
    bbox: Box
    columns: tuple[Interval, ...]  # each column's x extent, left to right
    rows: tuple[Row, ...]
    ruled: bool
    # Too few multi-column lines to stand as a table alone (a page holding one wrapped row and
    # the totals under it): kept only as the continuation of a table from the page before.
    weak: bool = False
    lines: tuple[TextLine, ...] = ()  # the text lines it was read from (unruled pieces)
    # filled rectangles (cell backgrounds, shading) over it: where an unruled header's cells end
    fills: tuple[Box, ...] = ()

    @property
    def width(self) -> int:
        return len(self.columns)


@dataclass(frozen=True)
class PageNote:
    """A line of text on a page outside every table (title, footnote, key, page furniture)."""

    page: int
    line: TextLine

    @property
    def top(self) -> float:
        return self.line.top

    @property
    def box(self) -> Box:
        return (self.line.x0, self.line.top, self.line.x1, self.line.bottom)
