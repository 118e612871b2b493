"""Header bands of unruled tables (issue 20): the columns come from the body, the header's
phrases are placed on them. Each test draws its page with reportlab's canvas from a layout
specification (where every label and figure goes) and types the cells it expects; none reads a
development document."""

from __future__ import annotations


import pytest
from reportlab.pdfgen import canvas

from support import drawn_pdf, words_on_line
from pipeline.extract.pdf.columns import header_over_body, split_at_column_gaps
from pipeline.extract.pdf.headers import raise_cells_spanning_rows
from pipeline.extract.pdf.layout import Phrase, TextLine, text_lines
from pipeline.extract.pdf.pieces import Row
from pipeline.extract.pdf.settings import TableSettings
from pipeline.extract.pdf_tables import read_pdf_tables

FONT, BOLD, SIZE, LEADING, PAD = "Helvetica", "Helvetica-Bold", 9.0, 11.0, 4.0
S = TableSettings()


def put(page: canvas.Canvas, text: str, x0: float, x1: float, baseline: float, how: str = "L",
        font: str = FONT) -> None:
    """`text` in the cell x0..x1 (PAD inside each edge), set left (L), right (R) or centred (C)."""
    page.setFont(font, SIZE)
    if how == "R":
        page.drawRightString(x1 - PAD, baseline, text)
    elif how == "C":
        page.drawCentredString((x0 + x1) / 2, baseline, text)
    else:
        page.drawString(x0 + PAD, baseline, text)


def table_of(data: bytes):
    (table,) = read_pdf_tables(data, "spec.pdf")
    return ([list(r.cells) for r in table.header_rows], [list(r.cells) for r in table.body],
            {(r, a, b) for r, a, b in table.header_spans})


# -- a spanning header over sub-columns whose labels wrap ----------------------------------------

def _applications():
    """Two spanning labels set flush left over two sub-columns each; the sub-column labels, set
    flush left, wrap over two lines; the figures under them are set flush right, narrower than
    the labels above them; every label is top-aligned; rows padded."""
    edges = [60, 160, 235, 310, 385, 460]
    spans = [("Applications", 1, 2), ("Appeals", 3, 4)]
    sub = [("Received", "in the year"), ("Decided", "in the year"), ("Lodged", "by applicants"),
           ("Upheld", "on appeal")]
    body = [["North", "1,204", "1,150", "97", "12"], ["South", "2,085", "1,997", "182", "31"],
            ["East", "860", "841", "66", "9"], ["West", "1,310", "1,262", "110", "17"]]

    def draw(page):
        top = 780.0
        put(page, "Region", edges[0], edges[1], top - 10, font=BOLD)
        for label, a, b in spans:
            put(page, label, edges[a], edges[b + 1], top - 10, font=BOLD)
        for n, lines in enumerate(sub, start=1):
            for k, text in enumerate(lines):
                put(page, text, edges[n], edges[n + 1], top - 10 - 16 - LEADING * k, font=BOLD)
        y = top - 10 - 16 - LEADING - 18
        for row in body:
            for n, text in enumerate(row):
                put(page, text, edges[n], edges[n + 1], y, "L" if n == 0 else "R")
            y -= 16

    header = [["Region", "Applications", "", "Appeals", ""],
              ["", "Received in the year", "Decided in the year", "Lodged by applicants", "Upheld on appeal"]]
    return draw, header, body


def test_spanning_header_over_sub_columns_whose_labels_wrap():
    draw, header, body = _applications()
    got_header, got_body, _ = table_of(drawn_pdf(draw))
    assert got_body == body
    assert got_header == header


# -- a label bottom-aligned over three lines in a dark header whose cells are filled one by one ----

def _dark_cells():
    """A dark two-row header, each cell filled on its own as a browser paints it (a point apart):
    "Activity" and a label wrapped over three lines fill both rows, set at the bottom; "Sessions
    per term" fills the first row over Autumn | Spring, all labels set flush left, and the
    figures under them flush right, narrower than the labels."""
    edges = [60, 220, 300, 380, 500]
    link = ("Link to the", "council's", "business plan")
    body = [["Library open days", "12", "13", "Theme 1"], ["Youth forum", "4", "6", "Theme 2"],
            ["Careers fair", "2", "1", "Theme 1"], ["Heritage walks", "9", "11", "Theme 3"]]

    def draw(page):
        top = 780.0
        first = 2 * PAD + SIZE  # the first row's height
        band = 2 * PAD + SIZE + LEADING * (len(link) - 1)
        page.setFillColorRGB(0.12, 0.22, 0.39)
        for x0, x1 in ((edges[0], edges[1]), (edges[3], edges[4])):  # the cells spanning both rows
            page.rect(x0 + 0.5, top - band, x1 - x0 - 1, band, stroke=0, fill=1)
        page.rect(edges[1] + 0.5, top - first, edges[3] - edges[1] - 1, first - 0.5, stroke=0, fill=1)
        for x0, x1 in zip(edges[1:3], edges[2:4]):
            page.rect(x0 + 0.5, top - band, x1 - x0 - 1, band - first - 0.5, stroke=0, fill=1)
        page.setFillColorRGB(1, 1, 1)
        bottom = top - band + PAD + 2
        put(page, "Activity", edges[0], edges[1], bottom, font=BOLD)
        put(page, "Sessions per term", edges[1], edges[3], top - first + PAD + 2, font=BOLD)
        for n, text in ((1, "Autumn"), (2, "Spring")):
            put(page, text, edges[n], edges[n + 1], bottom, font=BOLD)
        for k, text in enumerate(reversed(link)):
            put(page, text, edges[3], edges[4], bottom + LEADING * k, font=BOLD)
        page.setFillColorRGB(0, 0, 0)
        y = top - band - 14
        for row in body:
            for n, text in enumerate(row):
                put(page, text, edges[n], edges[n + 1], y, "R" if n in (1, 2) else "L")
            y -= 14

    header = [["Activity", "Sessions per term", "", " ".join(link)], ["", "Autumn", "Spring", ""]]
    return draw, header, body


def test_label_over_three_lines_at_the_bottom_of_a_dark_header_whose_cells_are_filled():
    draw, header, body = _dark_cells()
    got_header, got_body, spans = table_of(drawn_pdf(draw))
    assert got_body == body
    assert got_header == header
    assert (0, 1, 2) in spans


# -- a two-level header, spanning cells over figure columns set flush right -----------------------

def _two_levels(gap: float, spanning: str):
    """ "Total", "In work" and "Out of work" over Male | Female each, set flush left (L) or
    centred (C) over their two columns; the sub-labels set flush left, the figures flush right,
    the figure columns `gap` points apart at their nearest; "Age band" in the first row."""
    width = 46.0
    right = [140 + (width + gap) * n for n in range(1, 7)]
    body = [["16-24", "4,812", "4,655", "3,904", "3,871", "908", "784"],
            ["25-34", "6,240", "6,118", "5,802", "5,566", "438", "552"],
            ["35-49", "19,071", "19,305", "18,650", "18,713", "421", "592"],
            ["65 and over", "1,406", "1,119", "1,355", "1,087", "51", "32"]]

    def draw(page):
        top = 780.0
        page.setFont(BOLD, SIZE)
        page.drawString(60, top - 10, "Age band")
        for label, a in (("Total", 0), ("In work", 2), ("Out of work", 4)):
            x0, x1 = right[a] - width, right[a + 1]
            put(page, label, x0, x1, top - 10, spanning, font=BOLD)
        for n, label in enumerate(["Male", "Female"] * 3):
            put(page, label, right[n] - width, right[n], top - 24, font=BOLD)
        page.setFont(FONT, SIZE)
        for r, row in enumerate(body):
            y = top - 38 - 14 * r  # rows 14 pt apart, header rows too
            page.drawString(60, y, row[0])
            for n, figure in enumerate(row[1:]):
                page.drawRightString(right[n] - PAD, y, figure)

    header = [["Age band", "Total", "", "In work", "", "Out of work", ""], ["", *["Male", "Female"] * 3]]
    return draw, header, body


@pytest.mark.parametrize("gap", [2.0, 8.0])
@pytest.mark.parametrize("spanning", ["L", "C"])
def test_two_level_header_with_spanning_cells_over_flush_right_figures(gap, spanning):
    draw, header, body = _two_levels(gap, spanning)
    got_header, got_body, spans = table_of(drawn_pdf(draw))
    assert got_body == body
    assert got_header == header
    if spanning == "C":  # a label centred over two columns crosses both: a span
        assert {(0, 1, 2), (0, 3, 4), (0, 5, 6)} <= spans


# -- the steps alone ---------------------------------------------------------------------------

def test_header_phrases_are_placed_on_the_body_columns():
    body = text_lines(words_on_line(30, ("North", 10), ("1204", 100), ("97", 150))
                      + words_on_line(42, ("South", 10), ("2085", 100), ("182", 145)), S)
    # "Received" starts left of the figures and ends short of them; "Applications" crosses both
    # figure columns; "Notes" lies in no body column
    header = text_lines(words_on_line(0, ("Region", 10), ("Applications", 80))
                        + words_on_line(12, ("Received", 58), ("Refused", 125), ("Notes", 200)), S)
    columns = header_over_body(header, body, 4.0, align_tolerance=1.0, sure_gap=10.0)
    assert columns == ((10, 40), (58, 120), (125, 160), (200, 225))


def test_a_wide_gap_over_a_body_column_gap_cuts_a_header_phrase():
    # one phrase (a line of evenly spaced words) over two body columns, its words apart by more
    # than a column gap: two cells; a label whose words are a space apart stays whole
    wide = TextLine((Phrase(tuple(words_on_line(0, ("Male", 100)) + words_on_line(0, ("Female", 140)))),))
    assert [p.text for p in split_at_column_gaps(wide, ((100, 125), (150, 170)), 4.0).phrases] == ["Male", "Female"]
    label = TextLine((Phrase(tuple(words_on_line(0, ("Delivered per quarter", 100)))),))
    assert len(split_at_column_gaps(label, ((100, 140), (150, 170)), 4.0).phrases) == 1


def test_a_cell_filled_on_its_own_over_both_header_rows_moves_to_the_first():
    rows = [Row(cells=("", "Delivered", ""), boxes=(None, (100, 10, 150, 20), None), top=10, bottom=20,
                spans=((1, 2),)),
            Row(cells=("Theme", "Q1", "Q2"), boxes=((10, 30, 40, 40), (100, 30, 110, 40), (130, 30, 140, 40)),
                top=30, bottom=40)]
    own_fills = [(5, 5, 90, 45), (95, 5, 160, 25), (95, 25, 120, 45), (120, 25, 160, 45)]
    raised = raise_cells_spanning_rows(rows, own_fills)
    assert [list(r.cells) for r in raised] == [["Theme", "Delivered", ""], ["", "Q1", "Q2"]]
    # one fill behind the whole band shows no cell's height: each label stays where printed
    kept = raise_cells_spanning_rows(rows, [(5, 5, 160, 45)])
    assert [list(r.cells) for r in kept] == [["", "Delivered", ""], ["Theme", "Q1", "Q2"]]


def test_settings_refuse_body_columns_from_no_lines():
    with pytest.raises(ValueError, match="body_columns_min_lines"):
        TableSettings(body_columns_min_lines=0)


YEARS_BODY = (("North", "1,234", "567", "(12)", "n/a"), ("South", "2,345", "678", "23", "4"),
              ("East", "987", "..", "34", "5"))


def _years_under_spanners(page: canvas.Canvas) -> None:
    """Group labels ("Owned", "Rented") centred over their groups' cells (as a merged cell
    centres its text), a short rule under each across those cells (a spanner), a row of years
    naming the sub-columns with the stub's heading beside them, figures below."""
    edges = [72.0, 190.0, 260.0, 330.0, 400.0, 470.0]  # the cells: stub, then four figure columns
    y = 760.0
    for group, (first, last) in (("Owned", (1, 2)), ("Rented", (3, 4))):
        put(page, group, edges[first], edges[last + 1], y, "C")
        page.line(edges[first] + PAD, y - 3, edges[last + 1] - PAD, y - 3)
    y -= LEADING + 2
    put(page, "District", edges[0], edges[1], y)
    for column, year in enumerate(("2010", "2011", "2010", "2011"), start=1):
        put(page, year, edges[column], edges[column + 1], y, "R")
    for row in YEARS_BODY:
        y -= LEADING + 4
        for column, text in enumerate(row):
            put(page, text, edges[column], edges[column + 1], y, "L" if column == 0 else "R")


def test_years_under_labels_over_spanner_rules_are_header_rows():
    """A short rule under a group label (a spanner) shows the columns the label spans, however its
    text is centred; the row of years under the spanned columns names them: header, though
    numbers."""
    header, body, spans = table_of(drawn_pdf(_years_under_spanners))
    assert header == [["", "Owned", "", "Rented", ""], ["District", "2010", "2011", "2010", "2011"]]
    assert spans == {(0, 1, 2), (0, 3, 4)}
    assert body == [list(row) for row in YEARS_BODY]


def test_a_row_of_figures_under_a_group_label_stays_body():
    """Figures (not years) under group labels are data: the header is the labels' row alone."""
    def draw(page: canvas.Canvas) -> None:
        put(page, "Owned", 190.0, 330.0, 760.0, "C")
        put(page, "Rented", 330.0, 470.0, 760.0, "C")
        y = 760.0
        for row in (("North", "1,234", "567", "12", "4"), ("South", "2,345", "678", "23", "4"),
                    ("East", "987", "54", "34", "5")):
            y -= LEADING + 4
            for column, (text, x0, x1) in enumerate(zip(row, (72.0, 190.0, 260.0, 330.0, 400.0),
                                                        (190.0, 260.0, 330.0, 400.0, 470.0))):
                put(page, text, x0, x1, y, "L" if column == 0 else "R")
    header, body, _ = table_of(drawn_pdf(draw))
    assert body[0] == ["North", "1,234", "567", "12", "4"] and len(body) == 3
    assert len(header) == 1


# -- a ruled table whose header is shaded cell by cell, with no ruling inside it -----------------

def _shaded_cell_by_cell(page: canvas.Canvas) -> None:
    """A framed table ruled between its body rows and down its columns, under a two-row header
    band drawn as one fill per cell set edge to edge (a word processor's table style): no
    ruling inside the band, "Sessions per term" over Autumn | Spring, the other labels filling
    both rows, two of them wrapped; the body's figures flush right."""
    edges = [60.0, 200.0, 270.0, 340.0, 420.0, 520.0]
    top, first, band, row = 780.0, 13.0, 35.0, 16.0
    page.setFillColorRGB(0.31, 0.51, 0.74)
    for n in (0, 3, 4):  # the cells filling both rows
        page.rect(edges[n], top - band, edges[n + 1] - edges[n], band, stroke=0, fill=1)
    page.rect(edges[1], top - first, edges[3] - edges[1], first, stroke=0, fill=1)
    for n in (1, 2):
        page.rect(edges[n], top - band, edges[n + 1] - edges[n], band - first, stroke=0, fill=1)
    page.setFillColorRGB(1, 1, 1)
    put(page, "Activity", edges[0], edges[1], top - 10, font=BOLD)
    put(page, "Sessions per term", edges[1], edges[3], top - 10, font=BOLD)
    put(page, "Autumn", edges[1], edges[2], top - first - 10, font=BOLD)
    put(page, "Spring", edges[2], edges[3], top - first - 10, font=BOLD)
    for n, (upper, lower) in ((3, ("Total", "sessions")), (4, ("Link to", "plan"))):
        put(page, upper, edges[n], edges[n + 1], top - 10, font=BOLD)
        put(page, lower, edges[n], edges[n + 1], top - 10 - LEADING, font=BOLD)
    page.setFillColorRGB(0, 0, 0)
    bottom = top - band - row * len(SHADED_BODY)
    page.rect(edges[0], bottom, edges[-1] - edges[0], top - bottom, stroke=1, fill=0)
    for k in range(1, len(SHADED_BODY)):
        page.line(edges[0], top - band - row * k, edges[-1], top - band - row * k)
    for x in edges[1:-1]:
        page.line(x, bottom, x, top - band)
    for k, cells in enumerate(SHADED_BODY):
        for n, text in enumerate(cells):
            put(page, text, edges[n], edges[n + 1], top - band - row * k - 11, "R" if n in (1, 2, 3) else "L")


SHADED_BODY = (("Library open days", "12", "13", "25", "Theme 1"), ("Youth forum", "4", "6", "10", "Theme 2"),
               ("Careers fair", "2", "1", "3", "Theme 1"), ("Heritage walks", "9", "11", "20", "Theme 3"))


@pytest.mark.parametrize("source", ["pdfium", "pdfminer"])
def test_ruled_table_whose_header_is_shaded_cell_by_cell_without_rulings(source):
    """The seams of the header's fills are its cell edges: two header rows, the group label
    spanning its two sub-columns, the wrapped labels whole in their own columns."""
    (table,) = read_pdf_tables(drawn_pdf(_shaded_cell_by_cell), "spec.pdf", pdf_source=source)
    assert [list(r.cells) for r in table.header_rows] == [
        ["Activity", "Sessions per term", "", "Total sessions", "Link to plan"], ["", "Autumn", "Spring", "", ""]]
    assert (0, 1, 2) in table.header_spans
    assert [list(r.cells) for r in table.body] == [list(cells) for cells in SHADED_BODY]


# -- a grid that leaves the header above it, or its first column beside it -----------------------

OPEN_BODY = (("Library open days", "12", "Theme 1"), ("Youth forum", "4", "Theme 2"), ("Careers fair", "2", "Theme 1"),
             ("Heritage walks", "9", "Theme 3"), ("Reading club", "7", "Theme 2"))


def _open_grid(header_inside: bool, first_column_inside: bool):
    """A table whose grid rules its body: rows between rules, a ruling down each column edge, but
    either the header set above the grid's top rule (a heavy rule under it) or the first column
    left outside the grid (no ruling on its left or across it: its text beside the grid)."""
    edges, top, row = [60.0, 220.0, 300.0, 420.0], 780.0, 16.0

    def draw(page: canvas.Canvas) -> None:
        grid_top = top if header_inside else top - row
        grid_left = edges[0] if first_column_inside else edges[1]
        bottom = top - row * (len(OPEN_BODY) + 1)
        page.setLineWidth(0.5)
        for k in range(len(OPEN_BODY) + 2):
            y = top - row * k
            if y <= grid_top:
                page.setLineWidth(2.0 if (y == grid_top and not header_inside) else 0.5)
                page.line(grid_left, y, edges[-1], y)
        page.setLineWidth(0.5)
        for x in edges:
            if x >= grid_left:
                page.line(x, grid_top, x, bottom)
        for n, text in enumerate(("Activity", "Sessions", "Theme")):
            put(page, text, edges[n], edges[n + 1], top - 11, font=BOLD)
        for k, cells in enumerate(OPEN_BODY, start=1):
            for n, text in enumerate(cells):
                put(page, text, edges[n], edges[n + 1], top - row * k - 11, "R" if n == 1 else "L")
    return draw


@pytest.mark.parametrize("source", ["pdfium", "pdfminer"])
@pytest.mark.parametrize("header_inside, first_column_inside", [(False, True), (True, False), (False, False)],
                         ids=["header-above", "first-column-beside", "both"])
def test_a_header_above_the_grid_and_a_first_column_beside_it_are_the_tables(header_inside, first_column_inside,
                                                                               source):
    """The header row right above the grid's top rule, in the grid's columns, is its header; text
    beside the grid keeping to its rows, with its heading level with the grid's first row, is its
    first column."""
    (table,) = read_pdf_tables(drawn_pdf(_open_grid(header_inside, first_column_inside)), "spec.pdf",
                               pdf_source=source)
    assert [list(r.cells) for r in table.header_rows] == [["Activity", "Sessions", "Theme"]]
    assert [list(r.cells) for r in table.body] == [list(cells) for cells in OPEN_BODY]


def test_a_label_set_flush_left_right_after_the_figures_before_it_heads_its_own_figures():
    """Cells padded less than a point (a spreadsheet printed without gridlines): each heading set
    flush left starts right after the figures, set flush right, of the column before it; it
    heads the figures of its own cell, set flush right further on, not the column it touches."""
    edges, pad = [60.0, 200.0, 260.0, 320.0, 380.0], 0.8
    body = [("Libraries", "12", "3", "41"), ("Parks", "9", "12", "7"), ("Museums", "15", "4", "52")]

    def draw(page: canvas.Canvas) -> None:
        page.setFont(FONT, SIZE)
        for n, text in enumerate(("Service", "Target", "Q1", "Q2")):
            page.drawString(edges[n] + pad, 760.0, text)
        for k, row in enumerate(body, start=1):
            page.drawString(edges[0] + pad, 760.0 - 14 * k, row[0])
            for n, text in enumerate(row[1:], start=1):
                page.drawRightString(edges[n + 1] - pad, 760.0 - 14 * k, text)

    header, got, _ = table_of(drawn_pdf(draw))
    assert header == [["Service", "Target", "Q1", "Q2"]]
    assert got == [list(row) for row in body]


# -- a sheet printed without rules: labels flush left right after the figures before them ---------

SHEET_PAD = 0.8  # a spreadsheet pads its cells by under a point


def _plain_sheet(first_row_gap: float):
    """A sheet printed with no gridlines and no borders: every label set flush left in its cell,
    a point after the figures of the column before, which are set flush right; "Budget 2016/17"
    wraps over both header rows, "Spend per half year" is merged over H1 | H2, whose labels wrap;
    a group label stands alone on its line above its rows, `first_row_gap` under the header; the
    notes are indented (a "% spent" figure a point before them would read as one word with them,
    a case of its own)."""
    edges = [60, 140, 300, 345, 395, 445, 480, 525, 640]
    body = [["Parks", "Play area repairs at 6 sites", "240", "110", "95", "205", "85%", "On track"],
            ["", "Tree survey", "35", "35", "", "35", "100%", ""],
            ["", "Pond dredging", "120", "20", "70", "90", "75%", "Weather delays"],
            ["", "Bench replacement", "18", "4", "9", "13", "72%", "Two sites left"]]

    def put_sheet(page, text, n, y, how, font=FONT):
        page.setFont(font, SIZE)
        if how == "R":
            page.drawRightString(edges[n + 1] - SHEET_PAD, y, text)
        elif n == len(edges) - 2:
            page.drawString(edges[n] + SHEET_PAD + 2 * SIZE, y, text)
        else:
            page.drawString(edges[n] + SHEET_PAD, y, text)

    def draw(page):
        y = 780.0
        for n, text in ((0, "Service"), (1, "Project"), (2, "Budget"), (3, "Spend per half year"), (5, "Total"),
                        (6, "% spent"), (7, "Notes")):
            put_sheet(page, text, n, y, "L", BOLD)
        put_sheet(page, "2016/17", 2, y - LEADING, "L", BOLD)
        second = y - LEADING - 4  # the second header row starts inside the wrapped label's line
        for n, lines in ((3, ("H1 Apr -", "Sept")), (4, ("H2 Oct -", "Mar"))):
            for k, text in enumerate(lines):
                put_sheet(page, text, n, second - LEADING * k, "L", BOLD)
        y = second - 2 * LEADING - first_row_gap
        put_sheet(page, body[0][0], 0, y, "L")
        for row in body:
            y -= LEADING + 4
            for n, text in enumerate(row[1:], start=1):
                if text:
                    put_sheet(page, text, n, y, "R" if 2 <= n <= 6 else "L")

    header = [["Service", "Project", "Budget 2016/17", "Spend per half year", "", "Total", "% spent", "Notes"],
              ["", "", "", "H1 Apr - Sept", "H2 Oct - Mar", "", "", ""]]
    want = [["Parks", "", "", "", "", "", "", ""], ["", *body[0][1:]], *body[1:]]
    return draw, header, want


@pytest.mark.parametrize("first_row_gap", [4.0, 2 * LEADING + 2])
def test_sheet_without_rules_labels_flush_left_after_the_figures_before(first_row_gap):
    # 2 leading and more: the gap under the header is wider than a block's (a sheet's tall first
    # row), and the header is read as a table of its own unless joined again
    draw, header, body = _plain_sheet(first_row_gap)
    got_header, got_body, spans = table_of(drawn_pdf(draw))
    assert got_header == header
    assert got_body == body
    assert (0, 3, 4) in spans
