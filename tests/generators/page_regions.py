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

# tables of text: short phrases, every column set flush left
BRANCHES: tuple[Row, ...] = (("Branch", "Opens"), ("Central", "Mon to Sat"), ("Headingley", "Tue and Thu"),
                             ("Moortown", "Wed to Fri"), ("Garforth", "Sat only"))
PARKS: tuple[Row, ...] = (("Park", "Facilities"), ("Roundhay", "Lake, cafe"), ("Temple Newsam", "Farm, golf"),
                          ("Kirkstall", "Abbey, museum"), ("Golden Acre", "Gardens"), ("Middleton", "Woods, bog"))


@dataclass(frozen=True)
class SideBySide:
    """Two small tables on one page, side by side.

    left, right: each table's rows (the first its header).
    gutter: points between the left table's right edge and the right table's left edge.
    captions: a bold caption over each table, on one line.
    drop: points the right table starts below the left one (0: their headers on one line).
    ruled_left: the left table drawn in a grid of rulings (the right one without).
    size: type size.
    leading: rows are leading x size apart (1.45: a tight list; text tables pad rows further).
    stub, figure: widths of a table's stub column and of each figure column, in points.
    Cells after the stub are set flush right when they are figures, flush left when they are
    text (the right table's columns then start `figure` points apart).
    """

    left: tuple[Row, ...] = HOMES
    right: tuple[Row, ...] = BUDGETS
    gutter: float = 40.0
    captions: bool = True
    drop: float = 0.0
    ruled_left: bool = False
    size: float = 9.0
    leading: float = 1.45
    stub: float = 80.0
    figure: float = 52.0


def _table_width(rows: Sequence[Row], spec: SideBySide) -> float:
    return spec.stub + spec.figure * (len(rows[0]) - 1)


def _draw_table(page, spec: SideBySide, rows: Sequence[Row], x: float, top: float, caption: str | None,
                ruled: bool) -> None:
    leading = spec.leading * spec.size
    pad = 0.3 * spec.size
    if caption:
        page.setFont(BOLD, spec.size + 1)
        page.drawString(x, top + 1.8 * spec.size, caption)
    edges = [x, x + spec.stub, *(x + spec.stub + spec.figure * (n + 1) for n in range(len(rows[0]) - 1))]
    for index, row in enumerate(rows):
        y = top - index * leading
        page.setFont(BOLD if index == 0 else FONT, spec.size)
        page.drawString(x + (pad if ruled else 0.0), y, row[0])
        for left_edge, right, cell in zip(edges[1:], edges[2:], row[1:]):
            if any(ch.isdigit() for ch in "".join(r[-1] for r in rows[1:])):
                page.drawRightString(right - pad, y, cell)
            else:  # a column of text, set flush left
                page.drawString(left_edge + spec.size, y, cell)
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


def draw_in_a_row(tables: Sequence[Sequence[Row]], spec: SideBySide) -> bytes:
    """Several tables in a row, `spec.gutter` apart, each under a caption "Table N: ..." when
    `spec.captions` (spec.left and spec.right are not used)."""

    def draw(page):
        x = 56.0
        for number, rows in enumerate(tables, start=1):
            _draw_table(page, spec, rows, x, 720.0, f"Table {number}: {rows[0][0]}" if spec.captions else None, False)
            x += _table_width(rows, spec) + spec.gutter

    return drawn_pdf(draw)


def expected_side_by_side(spec: SideBySide) -> list[list[Row]]:
    """The two tables, left then right: each its header row then its body rows."""
    return [list(spec.left), list(spec.right)]


# -- prose set in columns --------------------------------------------------------------------------

SENTENCES = ("The council agreed the budget for the coming year after a long debate about savings.",
             "Members asked officers to report on the effect of the changes to libraries and parks.",
             "Residents will be consulted before any closure is decided by the cabinet.",
             "Demand for adult social care has grown by four per cent since last year.",
             "The grant from central government has fallen in real terms for the sixth year running.",
             "Officers expect the reserves to fall below the agreed minimum by the end of the decade.",
             "The scrutiny committee will review the capital programme at its next meeting in March.",
             "Two new schools open in September, and a third is planned for the north of the city.")
SIDEBAR = ("Key facts", "The budget was agreed in February after a long debate.",
           "Savings of four per cent are needed over the next three years.",
           "Two libraries will merge into one new building in the centre.",
           "The consultation on the changes runs until the end of June.", "The next review is in March.")


@dataclass(frozen=True)
class ProsePage:
    """A report page of running text, no table on it.

    layout: "two" (two columns of equal width) or "sidebar" (a wide column of text beside a
        narrow sidebar of short notes, as reports set key facts).
    align: "ragged" (flush left, ragged right) or "justified".
    size: type size; leading 1.2 x size.
    gutter: points between the columns.
    sentences: a paragraph holds 1 to `sentences` sentences.
    """

    layout: str = "two"
    align: str = "ragged"
    size: float = 9.0
    gutter: float = 18.0
    sentences: int = 3


def draw_prose(spec: ProsePage) -> bytes:
    import io

    from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageTemplate, Paragraph

    buffer = io.BytesIO()
    margin = 60.0
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, invariant=1)
    width = A4[0] - 2 * margin - spec.gutter
    widths = (width / 2, width / 2) if spec.layout == "two" else (0.68 * width, 0.32 * width)
    frames = [Frame(margin + (widths[0] + spec.gutter) * n, margin, widths[n], A4[1] - 2 * margin,
                    leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0) for n in range(2)]
    doc.addPageTemplates([PageTemplate(frames=frames)])
    body = ParagraphStyle("body", fontName=FONT, fontSize=spec.size, leading=1.2 * spec.size, spaceAfter=spec.size / 2,
                          alignment=TA_JUSTIFY if spec.align == "justified" else TA_LEFT)
    story: list = []
    count = 40 if spec.layout == "two" else 16
    for n in range(count):
        text = " ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(1 + n % spec.sentences))
        story.append(Paragraph(text, body))
    if spec.layout == "sidebar":
        note = ParagraphStyle("note", fontName=FONT, fontSize=spec.size, leading=1.2 * spec.size,
                              spaceAfter=spec.size / 2)
        story.append(FrameBreak())
        story.append(Paragraph(SIDEBAR[0], ParagraphStyle("head", parent=note, fontName=BOLD)))
        story.extend(Paragraph(text, note) for text in SIDEBAR[1:])
    doc.build(story)
    return buffer.getvalue()


# -- a table of running text: rows start in every column together ------------------------------

RESPONSES: tuple[Row, ...] = (
    ("Issue raised", "Council response"),
    ("Residents asked why the library in the north of the city would close before the new building opens.",
     "The library stays open until the new building is ready, and the mobile library will call every week."),
    ("Several people said the parks are not cut often enough during the summer months.",
     "Grass in parks will be cut every two weeks from May to September, as in previous years, and verges monthly."),
    ("Traders asked for more parking near the market on Saturdays.",
     "A trial of free parking after three in the afternoon starts in the spring and will be reviewed in the autumn."),
    ("A resident asked how the savings in adult social care will affect people who already receive care at home.",
     "No care package will be reduced without a new assessment, and every person affected will be told in writing."),
)


def draw_text_table(rows: Sequence[Row] = RESPONSES, size: float = 9.0, widths: tuple[float, float] = (230.0, 240.0),
                    padding: float = 4.5) -> bytes:
    """An unruled table of running text in two wide columns (a consultation report's issues and
    responses): a bold header row, each cell a paragraph wrapped in its column, set from the top,
    rows `padding` points apart (0: as close as a cell's lines)."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table

    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=56, rightMargin=56, invariant=1)
    body = ParagraphStyle("cell", fontName=FONT, fontSize=size, leading=1.2 * size)
    head = ParagraphStyle("head", parent=body, fontName=BOLD)
    cells = [[Paragraph(text, head if index == 0 else body) for text in row] for index, row in enumerate(rows)]
    table = Table(cells, colWidths=widths, hAlign="LEFT",
                  style=[("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
                         ("TOPPADDING", (0, 0), (-1, -1), 0)])
    doc.build([table])
    return buffer.getvalue()


# -- a chart's text ------------------------------------------------------------------------------

CATEGORIES = ("2019", "2020", "2021", "2022", "2023")
SERIES = (("Leeds", (812, 845, 870, 902, 931)), ("York", (203, 215, 240, 236, 251)),
          ("Hull", (266, 270, 281, 295, 310)))


@dataclass(frozen=True)
class ChartPage:
    """A page holding a chart and no table: a title, a y axis with tick labels (figures set flush
    right at each gridline), x axis labels under each group of bars, a legend of coloured keys
    beside their series' names, and (with `data_labels`) each bar's figure over it.

    kind: "bars" (upright filled bars, grouped per category), "hbars" (the same bars drawn
        sideways from the y axis, the categories down it and the values along the x axis) or
        "lines" (a polyline per series with a filled square marker at each point).
    gridlines: thin horizontal gridlines across the plot at each tick.
    legend: "right" (keys down the right of the plot) or "below" (keys in a row under it).
    """

    kind: str = "bars"
    data_labels: bool = True
    gridlines: bool = True
    legend: str = "right"
    size: float = 8.0


def _draw_sideways_bars(page, spec: ChartPage, left: float, bottom: float, width: float, height: float,
                        colours) -> None:
    top_value = 1000
    page.setFont(FONT, spec.size)
    page.setLineWidth(0.5)
    page.line(left, bottom, left, bottom + height)
    page.line(left, bottom, left + width, bottom)
    for value in range(0, top_value + 1, 250):
        page.drawCentredString(left + width * value / top_value, bottom - spec.size - 4, f"{value:,}")
    group = height / len(CATEGORIES)
    bar = group / (len(SERIES) + 1)
    for index, category in enumerate(CATEGORIES):
        y = bottom + height - group * (index + 1)
        page.setFillColorRGB(0, 0, 0)
        page.drawRightString(left - 4, y + group / 2 - spec.size / 3, category)
        for number, ((_, values), colour) in enumerate(zip(SERIES, colours)):
            length = width * values[index] / top_value
            page.setFillColorRGB(*colour)
            page.rect(left, y + bar * (number + 0.5), length, bar * 0.9, stroke=0, fill=1)
            if spec.data_labels:
                page.setFillColorRGB(0, 0, 0)
                page.setFont(FONT, spec.size - 2)
                page.drawString(left + length + 3, y + bar * (number + 0.5) + 1, str(values[index]))
                page.setFont(FONT, spec.size)


def draw_chart(spec: ChartPage) -> bytes:
    left, bottom, width, height = 110.0, 420.0, 300.0, 220.0
    top_value = 1000
    ticks = range(0, top_value + 1, 200)
    colours = ((0.2, 0.4, 0.7), (0.9, 0.5, 0.1), (0.4, 0.6, 0.3))

    def y_of(value: float) -> float:
        return bottom + height * value / top_value

    def draw(page):
        page.setFont(BOLD, spec.size + 2)
        page.drawString(left - 40, bottom + height + 30, "New homes completed by district, 2019 to 2023")
        if spec.kind == "hbars":
            _draw_sideways_bars(page, spec, left, bottom, width, height, colours)
        page.setFont(FONT, spec.size)
        page.setLineWidth(0.5)
        page.line(left, bottom, left, bottom + height)
        page.line(left, bottom, left + width, bottom)
        for value in ticks if spec.kind != "hbars" else ():
            page.drawRightString(left - 4, y_of(value) - spec.size / 3, f"{value:,}")
            if spec.gridlines and value:
                page.setStrokeColorRGB(0.8, 0.8, 0.8)
                page.line(left, y_of(value), left + width, y_of(value))
                page.setStrokeColorRGB(0, 0, 0)
        group = width / len(CATEGORIES)
        bar = group / (len(SERIES) + 1)
        for index, category in enumerate(CATEGORIES if spec.kind != "hbars" else ()):
            page.setFillColorRGB(0, 0, 0)
            page.drawCentredString(left + group * (index + 0.5), bottom - spec.size - 4, category)
            for number, ((_, values), colour) in enumerate(zip(SERIES, colours)):
                x = left + group * index + bar * (number + 0.5)
                value = values[index]
                page.setFillColorRGB(*colour)
                if spec.kind == "bars":
                    page.rect(x, bottom, bar * 0.9, y_of(value) - bottom, stroke=0, fill=1)
                else:
                    page.rect(x + bar * 0.3, y_of(value) - 2, 4, 4, stroke=0, fill=1)
                if spec.data_labels:
                    page.setFillColorRGB(0, 0, 0)
                    page.setFont(FONT, spec.size - 2)
                    page.drawCentredString(x + bar * 0.45, y_of(value) + 3, str(value))
                    page.setFont(FONT, spec.size)
        if spec.kind == "lines":
            for (_, values), colour in zip(SERIES, colours):
                page.setStrokeColorRGB(*colour)
                points = [(left + group * i + bar * (n + 0.5) + bar * 0.3 + 2, y_of(v))
                          for n, (name, vals) in enumerate(SERIES) if vals is values for i, v in enumerate(values)]
                for (x0, y0), (x1, y1) in zip(points, points[1:]):
                    page.line(x0, y0, x1, y1)
            page.setStrokeColorRGB(0, 0, 0)
        for number, ((name, _), colour) in enumerate(zip(SERIES, colours)):
            if spec.legend == "right":
                x, y = left + width + 20, bottom + height - 20 - 16 * number
            else:
                x, y = left + 100 * number, bottom - 40
            page.setFillColorRGB(*colour)
            page.rect(x, y, 8, 8, stroke=0, fill=1)
            page.setFillColorRGB(0, 0, 0)
            page.drawString(x + 12, y + 1, name)
        page.setFont(FONT, spec.size - 1)
        page.drawString(left - 40, bottom - 60, "Source: district housing returns.")

    return drawn_pdf(draw)
