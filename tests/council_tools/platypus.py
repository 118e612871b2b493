"""Tables laid out by reportlab platypus, as report-writing software prints them: a table after
prose, a second table after it, a long unruled table continued under a repeated header, banded
rows without rules, and a landscape table turned onto a portrait page."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, LongTable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from council_tools.office import spanning_merges
from council_tools.spec import TypedTable

BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=9, leading=11)
HEAD = ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=9, leading=11)
PROSE = ParagraphStyle("prose", fontName="Times-Roman", fontSize=11, leading=14, spaceAfter=8)
HEADING = ParagraphStyle("heading", fontName="Helvetica-Bold", fontSize=14, leading=18, spaceAfter=10)


@dataclass(frozen=True)
class TableLook:
    widths: tuple[float, ...]  # points
    grid: bool = True  # GRID round every cell
    header_fill: str | None = None
    band: tuple[str, str] | None = None  # ROWBACKGROUNDS of the body
    theme_fill: str | None = None  # theme rows' background
    right_from: int | None = None  # body cells from this column on right-aligned
    repeat_header: bool = True
    padding: float = 6.0  # points left and right of each cell's text (reportlab's default)
    long: bool = False  # a LongTable (reportlab's table for many rows)
    split_in_row: bool = False  # a row too tall for the rest of the page is split over two pages
    header_line: bool = False  # a rule below the header only (no grid)
    totals_line: bool = False  # a rule above the last row only (its totals)


def platypus_table(table: TypedTable, look: TableLook) -> Table:
    """Cells as Paragraphs (they wrap in their column), spans from the typed "" convention."""
    n = len(table.header)
    rows = [[Paragraph(_cell_markup(text), HEAD if r < n else BODY) if text else "" for text in row]
            for r, row in enumerate([*table.header, *table.body])]
    style = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), "Helvetica", 9)]
    for r0, c0, r1, c1 in [*spanning_merges(table), *table.body_merges]:
        style.append(("SPAN", (c0, r0), (c1, r1)))
    style += [("LEFTPADDING", (0, 0), (-1, -1), look.padding), ("RIGHTPADDING", (0, 0), (-1, -1), look.padding)]
    if look.grid:
        style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
    if look.header_line:
        style.append(("LINEBELOW", (0, n - 1), (-1, n - 1), 0.75, colors.black))
    if look.totals_line:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.75, colors.black))
    if look.header_fill:
        style.append(("BACKGROUND", (0, 0), (-1, n - 1), colors.HexColor(look.header_fill)))
    if look.band:
        style.append(("ROWBACKGROUNDS", (0, n), (-1, -1), [colors.HexColor(c) for c in look.band]))
    for i, row in enumerate(table.body):
        if row[0] and not any(row[1:]) and look.theme_fill:
            style.append(("BACKGROUND", (0, n + i), (-1, n + i), colors.HexColor(look.theme_fill)))
    if look.right_from is not None:
        for i, row in enumerate(table.body):
            for c in range(look.right_from, table.width):
                if isinstance(rows[n + i][c], Paragraph):
                    rows[n + i][c] = Paragraph(_markup(row[c]), ParagraphStyle("num", parent=BODY, alignment=2))
    kind = LongTable if look.long else Table
    return kind(rows, colWidths=list(look.widths), style=TableStyle(style), hAlign="LEFT",
                repeatRows=n if look.repeat_header else 0, splitInRow=int(look.split_in_row))


def _markup(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _cell_markup(text: str) -> str:
    """A cell typed as "title\ndetail" printed as a bold first line, then the detail on the next."""
    if "\n" not in text:
        return _markup(text)
    title, detail = text.split("\n", 1)
    return f"<b>{_markup(title)}</b><br/>{_markup(detail)}"


class Turned(Flowable):
    """A flowable drawn turned by 90 degrees (clockwise when `clockwise`, else anticlockwise): a
    landscape table set sideways on a portrait page."""

    def __init__(self, inner: Flowable, clockwise: bool) -> None:
        super().__init__()
        self.inner, self.clockwise = inner, clockwise

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.inner_w, self.inner_h = self.inner.wrap(avail_height, avail_width)
        return self.inner_h, self.inner_w

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        if self.clockwise:  # the table's top edge faces the page's right edge
            canvas.translate(0, self.inner_w)
            canvas.rotate(-90)
        else:  # the table's top edge faces the page's left edge
            canvas.translate(self.inner_h, 0)
            canvas.rotate(90)
        self.inner.drawOn(canvas, 0, 0)
        canvas.restoreState()


def build(story: list, path: Path, *, landscape_page: bool = False) -> Path:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=landscape(A4) if landscape_page else A4, invariant=1,
                                 leftMargin=54, rightMargin=54, topMargin=54, bottomMargin=54)
    document.build(story)
    path.write_bytes(buffer.getvalue())
    return path


def prose(*paragraphs: str) -> list:
    return [Paragraph(_markup(p), PROSE) for p in paragraphs]


def heading(text: str) -> list:
    return [Paragraph(_markup(text), HEADING)]


def gap(points: float = 12) -> list:
    return [Spacer(1, points)]
