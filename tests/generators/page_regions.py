"""Pages whose regions are not one table (issue 20, held-out failure classes): two tables set side
by side, prose set in two columns or beside a sidebar, a chart's text. Each page is drawn from a
spec with reportlab, and the tables a person reads off it are typed here, never taken from a
reader: header row then body rows, each a tuple of cells; a page of prose or a chart has none.

How two tables side by side are set (`SideBySide`): each table has a bold header row naming its
columns, a stub of labels set flush left and figure columns set flush right, one table's rows
the other's leading; a gutter of `gutter` points between the left table's last column and the
right table's stub. Their captions ("Table 1: ...") stand over each table on one line, or not
at all; the right table may start lower than the left; the left table may be ruled (a grid
around every cell, the right one left unruled).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from support import drawn_pdf

FONT, BOLD = "Helvetica", "Helvetica-Bold"

Row = tuple[str, ...]

HOMES: tuple[Row, ...] = (("District", "Homes", "Change %"), ("Leeds", "812", "4.1"), ("York", "203", "2.2"),
                          ("Hull", "266", "3.9"), ("Bradford", "530", "1.7"), ("Wakefield", "347", "2.8"))
BUDGETS: tuple[Row, ...] = (("Service", "Budget", "Spent"), ("Libraries", "1,204", "1,187"), ("Parks", "860", "912"),
                            ("Leisure", "2,310", "2,044"), ("Museums", "415", "398"))
STAFF: tuple[Row, ...] = (("Team", "Posts", "Vacant", "Agency"), ("Planning", "42", "5", "3"),
                          ("Housing", "67", "9", "6"), ("Highways", "38", "2", "4"), ("Waste", "55", "7", "1"),
                          ("Finance", "29", "1", "0"), ("Legal", "12", "2", "2"))


@dataclass(frozen=True)
class SideBySide:
    """Two small tables on one page, side by side.

    left, right: each table's rows (the first its header).
    gutter: points between the left table's right edge and the right table's left edge.
    captions: a bold caption over each table, on one line.
    drop: points the right table starts below the left one (0: their headers on one line).
    ruled_left: the left table drawn in a grid of rulings (the right one without).
    size: type size; rows are 1.45 x size apart.
    stub, figure: widths of a table's stub column and of each figure column, in points.
    """

    left: tuple[Row, ...] = HOMES
    right: tuple[Row, ...] = BUDGETS
    gutter: float = 40.0
    captions: bool = True
    drop: float = 0.0
    ruled_left: bool = False
    size: float = 9.0
    stub: float = 80.0
    figure: float = 52.0


def _table_width(rows: Sequence[Row], spec: SideBySide) -> float:
    return spec.stub + spec.figure * (len(rows[0]) - 1)


def _draw_table(page, spec: SideBySide, rows: Sequence[Row], x: float, top: float, caption: str | None,
                ruled: bool) -> None:
    leading = 1.45 * spec.size
    pad = 0.3 * spec.size
    if caption:
        page.setFont(BOLD, spec.size + 1)
        page.drawString(x, top + 1.8 * spec.size, caption)
    edges = [x, x + spec.stub, *(x + spec.stub + spec.figure * (n + 1) for n in range(len(rows[0]) - 1))]
    for index, row in enumerate(rows):
        y = top - index * leading
        page.setFont(BOLD if index == 0 else FONT, spec.size)
        page.drawString(x + (pad if ruled else 0.0), y, row[0])
        for right, cell in zip(edges[2:], row[1:]):
            page.drawRightString(right - pad, y, cell)
    if ruled:  # a rule between every two rows and every two columns, and round the table
        page.setLineWidth(0.5)
        upper = top + 0.9 * spec.size
        for n in range(len(rows) + 1):
            page.line(edges[0], upper - n * leading, edges[-1], upper - n * leading)
        for edge in edges:
            page.line(edge, upper, edge, upper - len(rows) * leading)


def draw_side_by_side(spec: SideBySide) -> bytes:
    left_x = 56.0
    right_x = left_x + _table_width(spec.left, spec) + spec.gutter
    top = 720.0

    def draw(page):
        _draw_table(page, spec, spec.left, left_x, top, "Table 1: New homes" if spec.captions else None,
                    spec.ruled_left)
        _draw_table(page, spec, spec.right, right_x, top - spec.drop,
                    "Table 2: Service budgets" if spec.captions else None, False)

    return drawn_pdf(draw)


def expected_side_by_side(spec: SideBySide) -> list[list[Row]]:
    """The two tables, left then right: each its header row then its body rows."""
    return [list(spec.left), list(spec.right)]
