"""The PDF reader's table model on layouts drawn from a specification (issue 20): each test draws
a small PDF with reportlab's canvas where it wants every glyph and ruling, and types the cells it
expects. No test here reads a development document."""

from __future__ import annotations

import io
from dataclasses import FrozenInstanceError, dataclass, field, fields, replace
from typing import Sequence

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from support import drawn_pdf, words_on_line
from pipeline.extract.pdf.layout import Word, make_word, make_words, text_lines
from pipeline.extract.pdf.orientation import sideways_turn
from pipeline.extract.pdf.page import crossed_by_rulings, prose_score, split_at_rulings
from pipeline.extract.pdf.ruled import first_holding_box
from pipeline.extract.pdf.settings import TableSettings
from pipeline.extract.pdf_tables import read_pdf_tables

FONT, SIZE, ROW = "Helvetica", 9.0, 14.0


@dataclass
class Grid:
    """A table to draw: column edges (x), rows of cells, each column's alignment (L, R, C),
    and which rulings to draw ('grid', 'verticals', 'none')."""

    edges: Sequence[float]
    rows: Sequence[Sequence[str]]
    align: str = ""
    rulings: str = "grid"
    top: float = 760.0
    row_height: float = ROW
    pad: float = 3.0
    bold_rows: int = 1
    fills: Sequence[tuple[int, str]] = field(default_factory=tuple)  # (row index, colour name)

    def draw(self, page: canvas.Canvas, height_of=None) -> float:
        """Draws the table with its top at self.top; returns the y of its bottom."""
        y = self.top
        for index, row in enumerate(self.rows):
            for row_index, colour in self.fills:
                if row_index == index:
                    page.setFillColorRGB(*{"grey": (0.85, 0.85, 0.85), "dark": (0.2, 0.2, 0.3)}[colour])
                    page.rect(self.edges[0], y - self.row_height, self.edges[-1] - self.edges[0],
                              self.row_height, stroke=0, fill=1)
                    page.setFillColorRGB(0, 0, 0)
            page.setFont(FONT + ("-Bold" if index < self.bold_rows else ""), SIZE)
            baseline = y - self.row_height + 4
            for column, text in enumerate(row):
                if not text:
                    continue
                x0, x1 = self.edges[column], self.edges[column + 1]
                how = (self.align[column:column + 1] or "L") if index >= self.bold_rows else "L"
                if how == "R":
                    page.drawRightString(x1 - self.pad, baseline, text)
                elif how == "C":
                    page.drawCentredString((x0 + x1) / 2, baseline, text)
                else:
                    page.drawString(x0 + self.pad, baseline, text)
            y -= self.row_height
        if self.rulings == "grid":
            for n in range(len(self.rows) + 1):
                page.line(self.edges[0], self.top - n * self.row_height, self.edges[-1], self.top - n * self.row_height)
        if self.rulings in ("grid", "verticals"):
            for x in self.edges:
                page.line(x, self.top, x, y)
        return y


def cells(data: bytes) -> list[list[list[str]]]:
    """Each logical table's rows (header included) as lists of cells."""
    return [[list(line.cells) for line in table.lines if line.kind.name not in ("NOTE", "REPEATED_HEADER")]
            for table in read_pdf_tables(data, "spec.pdf")]


# -- a. a vertical ruling always separates the glyphs on either side -------------------------

CALC = [["Measure", "Result", "Commentary"], ["Visits", "108%", "Target exceeded"], ["Loans", "97%", "Near target"]]


@pytest.mark.parametrize("rulings", ["grid", "verticals"])
def test_figure_ending_a_point_before_a_gridline_is_not_glued_to_the_next_cell(rulings):
    # spreadsheet output: the figure right-aligned 0.8 pt before the gridline, the commentary
    # 0.9 pt after it (pdfplumber's x_tolerance would make one word of the two)
    grid = Grid(edges=[72, 200, 260, 450], rows=CALC, align="LRL", rulings=rulings, pad=0.85)
    assert cells(drawn_pdf(grid.draw)) == [CALC]


def test_a_glued_column_edge_shown_on_one_page_cuts_the_one_glued_row_on_the_next():
    # a sheet without gridlines: each figure right-aligned 0.85 pt before the next column's
    # left-aligned text, glued into one word on every row; page 1 shows the edge on four rows,
    # page 2 holds the table's last row only
    rows = [["Visits", "108%", "Target exceeded"], ["Loans", "97%", "Near target"], ["Events", "64%", "Two cancelled"],
            ["Classes", "81%", "On track"], ["Repairs", "45%", "Contractor late"]]
    edges = [72, 200, 260, 450]
    first = Grid(edges=edges, rows=[["Measure", "Result", "Commentary"], *rows[:4]], align="LRL", rulings="none",
                 pad=0.85)
    second = Grid(edges=edges, rows=rows[4:], align="LRL", rulings="none", pad=0.85, bold_rows=0)
    assert cells(drawn_pdf(first.draw, second.draw)) == [[["Measure", "Result", "Commentary"], *rows]]


def test_body_under_a_header_bordered_alone_is_cut_at_the_header_rulings():
    # a sheet with borders round its header cells only: the body printed right below in the
    # header's columns, a right-aligned count 0.85 pt before where the header's ruling stands and
    # the next column's left-aligned text 0.85 pt after it: one table, the two cells apart
    header = [["Event", "Booked", "Attended"]]
    body = [["Planning refresher", "18", "n/a"], ["Museums seminar", "20", "19"], ["Culture Academy", "14", "14"]]
    edges = [72, 200, 260, 330]
    top = Grid(edges=edges, rows=header, rulings="grid", pad=0.85)
    below = Grid(edges=edges, rows=body, align="LRL", rulings="none", pad=0.85, bold_rows=0,
                 top=760.0 - ROW)

    def draw(page):
        top.draw(page)
        below.draw(page)

    assert cells(drawn_pdf(draw)) == [header + body]


def test_split_at_rulings_cuts_a_word_only_where_a_ruling_runs_between_glyphs():
    # glyphs 4 pt wide set 5 pt apart: a 1 pt gap between each two
    chars = [{"text": t, "x0": x, "x1": x + 4, "top": 0, "bottom": 10} for t, x in zip("108%Ta", range(0, 30, 5))]
    word = {"text": "108%Ta", "x0": 0, "x1": 29, "top": 0, "bottom": 10, "chars": chars}
    gap = TableSettings().ruling_gap_min
    assert [w["text"] for w in split_at_rulings(word, [(19.5, -5, 15)], gap)] == ["108%", "Ta"]
    assert split_at_rulings(word, [(19.5, -5, 15)], gap)[1]["after_ruling"] is True
    assert [w["text"] for w in split_at_rulings(word, [(19.5, 12, 30)], gap)] == ["108%Ta"]  # ruling below the line
    assert [w["text"] for w in split_at_rulings(word, [(17.0, -5, 15)], gap)] == ["108%Ta"]  # through a glyph
    touching = [{**c, "x1": c["x0"] + 5} for c in chars]  # glyphs edge to edge: a line across a word
    assert [w["text"] for w in split_at_rulings({**word, "chars": touching}, [(20.0, -5, 15)], gap)] == ["108%Ta"]


def test_only_words_a_ruling_runs_through_are_offered_for_cutting():
    words = [(0, 10, 0, 10), (20, 30, 0, 10), (20, 30, 20, 30)]  # a, b, c: (x0, x1, top, bottom)
    # through a (inside, across its middle); at b's edge (not inside); beside c's middle only
    assert crossed_by_rulings(words, [(5.0, -5, 15), (20.0, 0, 10), (25.0, 26, 40)]) == [True, False, False]
    assert crossed_by_rulings(words, [(25.0, 25, 25)]) == [False, False, True]  # the middle is enough
    assert crossed_by_rulings(words, []) == [False, False, False]


def test_a_point_goes_to_the_first_box_holding_it_edges_included():
    boxes = [(0, 0, 10, 10), (10, 0, 20, 10), (0, 0, 20, 20)]
    points = [(5, 5), (10, 5), (15, 15), (25, 5), (20, 20)]
    assert first_holding_box(points, boxes) == [0, 0, 2, -1, 2]
    assert first_holding_box(points, []) == [-1] * 5
    assert first_holding_box([], boxes) == []


# -- f. a table printed sideways is read upright ----------------------------------------------

PLAN = [["Activity", "Date", "Audience"], ["Library open day", "12 May 2025", "Residents"],
        ["Youth forum", "3 June 2025", "Young people"], ["Careers fair", "9 July 2025", "Students"]]


def _sideways(angle: int, rulings: str):
    def draw(page: canvas.Canvas) -> None:
        width, height = A4
        page.saveState()
        if angle == 90:  # the table's lines run up the page
            page.translate(width, 0)
        else:  # down the page
            page.translate(0, height)
        page.rotate(angle)
        Grid(edges=[72, 272, 442, 600], rows=PLAN, rulings=rulings, top=width - 72).draw(page)
        page.restoreState()
    return draw


@pytest.mark.parametrize("angle", [90, -90])
@pytest.mark.parametrize("rulings", ["grid", "none"])
def test_landscape_table_on_a_portrait_page_is_read_upright(angle, rulings):
    assert cells(drawn_pdf(_sideways(angle, rulings))) == [PLAN]


def test_page_with_its_rotation_set_is_read_as_displayed():
    # a landscape page stored portrait with /Rotate 90: its content is drawn turned so that it
    # reads upright when displayed
    assert cells(drawn_pdf(_sideways(90, "grid"), rotate=90)) == [PLAN]


def test_a_vertical_label_beside_an_upright_table_turns_nothing():
    upright = [{"text": "x", "matrix": (1, 0, 0, 1, 0, 0)}] * 30
    label = [{"text": "y", "matrix": (0, 1, -1, 0, 0, 0)}] * 10
    assert sideways_turn(upright + label, TableSettings()) == 0
    assert sideways_turn(label, TableSettings()) == 90
    assert sideways_turn([{"text": "z", "matrix": (0, -1, 1, 0, 0, 0)}] * 5, TableSettings()) == 270


# -- b. a label set flush left over figures set flush right is one column ---------------------

ACHIEVED = [["Activity", "Target", "% achieved"], ["Library visits", "1200", "96%"],
            ["School talks", "40", "105%"], ["Open days", "6", "100%"], ["Careers events", "12", "83%"]]


@pytest.mark.parametrize("rulings", ["none", "verticals"])
def test_left_aligned_header_over_right_aligned_figures_is_one_column(rulings):
    # a borderless word-processor table: headers flush left, figures flush right in wide cells
    grid = Grid(edges=[72, 220, 330, 470], rows=ACHIEVED, align="LRR", rulings=rulings, pad=5.4)
    assert cells(drawn_pdf(grid.draw)) == [ACHIEVED]


QUARTERS = [["Activity", "Q1 Apr - June", "Q2 July - Sept", "Q3 Oct - Dec", "Q4 Jan - Mar"],
            ["Library visits", "12", "10", "6", ""], ["School talks", "11", "14", "", ""],
            ["Open days", "9", "8", "", "4"]]


def test_left_aligned_header_over_a_single_right_aligned_figure_is_one_column():
    # quarters not yet reported: the Q3 and Q4 columns hold one figure each on the page, so no
    # alignment down the column shows; label and figure are closer than a sure column gap
    edges = [72, 220, 292, 364, 436, 508]
    gap = (edges[4] - edges[3]) - 2 * 3.0 - stringWidth("Q3 Oct - Dec", FONT + "-Bold", SIZE) - stringWidth("6", FONT, SIZE)
    assert TableSettings().column_gap(SIZE) < gap < TableSettings().column_gap_sure_em * SIZE  # the premise
    grid = Grid(edges=edges, rows=QUARTERS, align="LRRRR", rulings="none")
    assert cells(drawn_pdf(grid.draw)) == [QUARTERS]


def test_centred_header_over_ragged_column_is_one_column():
    rows = [["Activity", "Lead officer"], ["Library visits", "J. Smith, Libraries and Culture"],
            ["School talks", "A. Khan"], ["Open days", "R. Patel, Community Hubs"]]
    grid = Grid(edges=[72, 220, 520], rows=rows, rulings="none")
    header_centred = Grid(edges=[72, 220, 520], rows=rows[:1], rulings="none", align="LC", bold_rows=0)

    def draw(page):
        header_centred.draw(page)
        Grid(edges=[72, 220, 520], rows=rows[1:], rulings="none", top=760 - ROW, bold_rows=0).draw(page)

    assert cells(drawn_pdf(draw)) == [rows]


# -- c. a header is a band: cells wrapped over several lines, bottom-aligned, spanning ---------

def _header_band(label_lines: Sequence[str], fill: bool):
    """A dark header band whose last cell's label wraps over len(label_lines) lines, set at the
    bottom of the band like the other cells' one-line labels, over a borderless body."""
    edges = [72, 230, 310, 420, 530]
    body = [["Library open day", "12 May 2025", "Residents", "Theme 1"],
            ["Youth forum", "3 June 2025", "Young people", "Theme 2"],
            ["Careers fair", "9 July 2025", "Students", "Theme 1"]]

    def draw(page):
        leading = 11.0  # the label's lines, 1.2 em apart
        band = ROW + leading * (len(label_lines) - 1)
        top = 760.0
        if fill:
            page.setFillColorRGB(0.15, 0.2, 0.35)
            page.rect(edges[0], top - band, edges[-1] - edges[0], band, stroke=0, fill=1)
            page.setFillColorRGB(1, 1, 1)
        page.setFont(FONT + "-Bold", SIZE)
        for n, text in enumerate(reversed(label_lines)):  # from the bottom line up
            page.drawString(edges[3] + 3, top - band + 4 + leading * n, text)
        for x, text in zip(edges, ["Activity", "Date", "Target audience"]):
            page.drawString(x + 3, top - band + 4, text)
        page.setFillColorRGB(0, 0, 0)
        Grid(edges=edges, rows=body, rulings="none", top=top - band - 2, bold_rows=0).draw(page)

    header = ["Activity", "Date", "Target audience", " ".join(label_lines)]
    return draw, [header, *body]


@pytest.mark.parametrize("fill", [True, False])
@pytest.mark.parametrize("label", [["Link to", "business", "plan"], ["Link to business", "plan"]])
def test_header_cell_wrapped_over_lines_and_bottom_aligned_stays_whole(label, fill):
    draw, expected = _header_band(label, fill)
    tables = read_pdf_tables(drawn_pdf(draw), "spec.pdf")
    assert len(tables) == 1
    assert list(tables[0].header_rows[0].cells) == expected[0]
    assert [list(r.cells) for r in tables[0].body] == expected[1:]


def _quarters(activity_row: int):
    """A tracker header: "Delivered per quarter" centred over Q1..Q4 on the band's first line,
    the other labels on line `activity_row` (1: bottom-aligned, 0: top-aligned)."""
    edges = [72, 250, 290, 330, 370, 410, 500]
    body = [["Library open day", "1", "2", "0", "3", "On track"],
            ["Youth forum", "0", "1", "1", "2", "Complete"],
            ["Careers fair", "2", "2", "1", "0", "Delayed"]]

    def draw(page):
        top, leading = 760.0, 11.0
        page.setFont(FONT + "-Bold", SIZE)
        page.drawCentredString((edges[1] + edges[5]) / 2, top - 10, "Delivered per quarter")
        for x, text in zip([edges[0], edges[5]], ["Activity", "Status"]):
            page.drawString(x + 3, top - 10 - leading * activity_row, text)
        for x, text in zip(edges[1:5], ["Q1", "Q2", "Q3", "Q4"]):
            page.drawString(x + 3, top - 10 - leading, text)
        Grid(edges=edges, rows=body, rulings="none", top=top - 10 - leading - 6, bold_rows=0,
             align="LLLLLL").draw(page)

    return draw, body


@pytest.mark.parametrize("activity_row", [0, 1])
def test_label_spanning_the_quarters_is_kept_in_the_header(activity_row):
    draw, body = _quarters(activity_row)
    (table,) = read_pdf_tables(drawn_pdf(draw), "spec.pdf")
    header = [list(row.cells) for row in table.header_rows]
    assert header == [["", "Delivered per quarter", "", "", "", ""] if activity_row else
                      ["Activity", "Delivered per quarter", "", "", "", "Status"],
                      ["Activity" if activity_row else "", "Q1", "Q2", "Q3", "Q4", "Status" if activity_row else ""]]
    assert (0, 1, 4) in table.header_spans
    assert [list(r.cells) for r in table.body] == body


# -- d. pages joined by structure ---------------------------------------------------------------

EDGES = [60, 200, 290, 400, 540]
HEADER = ["Activity", "Date", "Target audience", "Outcome"]
PAGE_ONE = [[f"Activity number {n}", f"{n} May 2025", "Residents", f"Outcome {n}"] for n in range(1, 8)]
PAGE_TWO = [[f"Activity number {n}", f"{n} June 2025", "Young people", f"Outcome {n}"] for n in range(8, 13)]


def _two_pages(repeat: bool, top_two: float, rulings: str = "none"):
    def page_one(page):
        page.setFont(FONT + "-Bold", 12)
        page.drawString(EDGES[0], 790, "Annex B: Delivery plan")
        Grid(edges=EDGES, rows=[HEADER, *PAGE_ONE], rulings=rulings, top=760).draw(page)

    def page_two(page):
        rows = [HEADER, *PAGE_TWO] if repeat else PAGE_TWO
        Grid(edges=EDGES, rows=rows, rulings=rulings, top=top_two, bold_rows=1 if repeat else 0).draw(page)

    return drawn_pdf(page_one, page_two)


@pytest.mark.parametrize("repeat", [True, False])
@pytest.mark.parametrize("top_two", [760.0, 640.0, 800.0])
def test_table_continued_on_the_next_page_is_one_table(repeat, top_two):
    assert cells(_two_pages(repeat, top_two)) == [[HEADER, *PAGE_ONE, *PAGE_TWO]]


def test_row_broken_over_the_page_is_one_row():
    # the last row's activity wraps; Writer moves its last line to the next page, where the
    # row's other cells are empty
    def page_one(page):
        Grid(edges=EDGES, rows=[HEADER, *PAGE_ONE[:3]], rulings="none", top=760).draw(page)
        page.setFont(FONT, SIZE)
        y = 760 - 4 * ROW - ROW + 4
        for x, text in zip(EDGES, ["Deliver at least 100 peer", "1 July 2025", "Councillors", "Outcome 4"]):
            page.drawString(x + 3, y, text)

    def page_two(page):
        page.setFont(FONT, SIZE)
        page.drawString(EDGES[0] + 3, 760 - ROW + 4, "challenges")
        Grid(edges=EDGES, rows=PAGE_TWO, rulings="none", top=760 - ROW - 4, bold_rows=0).draw(page)

    expected = [HEADER, *PAGE_ONE[:3], ["Deliver at least 100 peer challenges", "1 July 2025", "Councillors", "Outcome 4"],
                *PAGE_TWO]
    assert cells(drawn_pdf(page_one, page_two)) == [expected]


def test_row_broken_over_the_page_with_its_first_cell_empty_there_is_one_row():
    def page_one(page):
        Grid(edges=EDGES, rows=[HEADER, *PAGE_ONE[:3]], rulings="none", top=760).draw(page)
        page.setFont(FONT, SIZE)
        for x, text in zip(EDGES, ["Careers fair", "1 July 2025", "Students", "More young people"]):
            page.drawString(x + 3, 760 - 5 * ROW + 4, text)

    def page_two(page):
        page.setFont(FONT, SIZE)
        page.drawString(EDGES[3] + 3, 760 - ROW + 4, "in apprenticeships")
        Grid(edges=EDGES, rows=PAGE_TWO, rulings="none", top=760 - ROW - 4, bold_rows=0).draw(page)

    expected = [HEADER, *PAGE_ONE[:3], ["Careers fair", "1 July 2025", "Students", "More young people in apprenticeships"],
                *PAGE_TWO]
    assert cells(drawn_pdf(page_one, page_two)) == [expected]


BROKEN_LINES = {"wrapped": ("Workshops for the councils of", "the north and the south east"),
                "fitted": ("Workshops for the councils of", "the north")}
TAIL = "authorities (2 days)"
LEADING = 10.5  # a wrapped line inside a cell: the font's leading, closer than rows (ROW)


def _row_broken_under_a_repeated_header(rulings: str, last_line: str) -> bytes:
    """A row Writer breaks over the page: two lines of its activity on page 1 (the other cells
    on its first line), the header repeated on page 2, then the rest of the activity alone in
    its row. With rulings ("grid") Writer draws them around both parts of the row."""
    first_line, second_line = BROKEN_LINES[last_line]

    def frame(page, top: float, height: float):
        if rulings == "grid":
            bottom = top - height
            page.line(EDGES[0], bottom, EDGES[-1], bottom)
            for x in EDGES:
                page.line(x, top, x, bottom)

    def page_one(page):
        top = Grid(edges=EDGES, rows=[HEADER, *PAGE_ONE[:3]], rulings=rulings, top=760).draw(page)
        page.setFont(FONT, SIZE)
        for x, text in zip(EDGES, [first_line, "1 July 2025", "Councillors", "Outcome 4"]):
            page.drawString(x + 3, top - ROW + 4, text)
        page.drawString(EDGES[0] + 3, top - ROW + 4 - LEADING, second_line)
        frame(page, top, ROW + LEADING)

    def page_two(page):
        top = Grid(edges=EDGES, rows=[HEADER], rulings=rulings, top=760).draw(page)
        page.setFont(FONT, SIZE)
        page.drawString(EDGES[0] + 3, top - ROW + 4, TAIL)
        frame(page, top, ROW)
        Grid(edges=EDGES, rows=PAGE_TWO, rulings=rulings, top=top - ROW, bold_rows=0).draw(page)

    return drawn_pdf(page_one, page_two)


@pytest.mark.parametrize("rulings", ["grid", "none"])
def test_row_broken_under_a_repeated_header_is_one_row_when_its_tail_did_not_fit_above(rulings):
    # the layout's premise: the tail's first word does not fit after the cell's last line
    # (column 60-200 with 3 pt padding each side), so Writer wrapped it, then broke the page
    first_word = TAIL.split()[0]
    assert stringWidth(BROKEN_LINES["wrapped"][1] + " " + first_word, FONT, SIZE) > EDGES[1] - EDGES[0]
    activity = " ".join(BROKEN_LINES["wrapped"]) + " " + TAIL
    expected = [HEADER, *PAGE_ONE[:3], [activity, "1 July 2025", "Councillors", "Outcome 4"], *PAGE_TWO]
    assert cells(_row_broken_under_a_repeated_header(rulings, "wrapped")) == [expected]


@pytest.mark.parametrize("rulings", ["grid", "none"])
def test_row_under_a_repeated_header_whose_words_fitted_above_is_a_row_of_its_own(rulings):
    # the same layout with a short last line: the word processor would have set the tail's
    # first word there, so the tail started a row (test_regressions keeps the real case)
    first_word = TAIL.split()[0]
    assert stringWidth(BROKEN_LINES["fitted"][1] + " " + first_word, FONT, SIZE) < EDGES[1] - EDGES[0] - 20
    expected = [HEADER, *PAGE_ONE[:3], [" ".join(BROKEN_LINES["fitted"]), "1 July 2025", "Councillors", "Outcome 4"],
                [TAIL, "", "", ""], *PAGE_TWO]
    assert cells(_row_broken_under_a_repeated_header(rulings, "fitted")) == [expected]


# -- a ruled table's part drawn as a grid of its own, a row left open at the page's foot ----------

LEAD = 11.0  # a wrapped line inside a ruled cell (reportlab's leading for 9 pt)
PAD = 3.0  # above and below a ruled cell's text


def _ruled_rows(page, edges: Sequence[float], top: float, rows: Sequence[Sequence[str]], *, bold: int = 0,
                rules: Sequence[bool] | None = None, top_rule: bool = True, outer: bool = True) -> float:
    """Ruled rows drawn as a word processor or reportlab draws them: each cell's lines (split at
    newlines) from its top, 6 pt in from its left ruling; a rule above the first row (unless not
    `top_rule`) and, where `rules` says (one flag per row, the rule under it; all by default),
    under each row; each vertical ruling (the outer ones unless not `outer`) drawn as one
    stroke from `top`. Returns the y of the last row's bottom."""
    y = top
    if top_rule:
        page.line(edges[0], top, edges[-1], top)
    for index, row in enumerate(rows):
        page.setFont(FONT + ("-Bold" if index < bold else ""), SIZE)
        lines = [cell.split("\n") if cell else [] for cell in row]
        for x, cell_lines in zip(edges, lines):
            for k, line in enumerate(cell_lines):
                page.drawString(x + 6, y - PAD - SIZE - k * LEAD, line)
        y -= max(len(cell_lines) for cell_lines in lines) * LEAD + 2 * PAD
        if rules is None or rules[index]:
            page.line(edges[0], y, edges[-1], y)
    for x in edges if outer else edges[1:-1]:
        page.line(x, top, x, y)
    return y


SPLIT_EDGES = [60, 250, 350, 480, 547]  # platypus plan columns
ASIDE = [x - 6 for x in SPLIT_EDGES]  # the same columns set 6 pt to the left
SPLIT_HEADER = ["Activity", "Date", "Target audience", "Link"]
SPLIT_BODY = [["Planning committee refresher", "7 May", "Committee members", "growth"],
              ["Museums leadership seminar", "2 June", "Museum PHs", "growth"],
              ["Parks and open spaces workshop", "June", "Parks officers", "place"]]


def test_grid_drawn_under_a_table_with_its_rulings_aside_continues_it():
    # reportlab draws a split row's first part, under the header repeated, as a grid of its own
    # set 6 pt left of the rows above it: its vertical rulings start where the others end, at
    # other x positions. Two grids of one table, not one grid of nine columns
    last = ["Heritage at risk seminar", "23 September", "Planning PHs", "place"]

    def draw(page):
        bottom = _ruled_rows(page, SPLIT_EDGES, 760, [SPLIT_HEADER, *SPLIT_BODY], bold=1)
        _ruled_rows(page, ASIDE, bottom, [SPLIT_HEADER, last], bold=1)

    assert cells(drawn_pdf(draw)) == [[SPLIT_HEADER, *SPLIT_BODY, last]]


def test_grid_drawn_right_under_a_table_in_other_columns_is_a_table_of_its_own():
    budget = [["Budget line", "2015/16", "2016/17"], ["Peer challenges", "420", "455"], ["Total", "915", "993"]]

    def draw(page):
        bottom = _ruled_rows(page, SPLIT_EDGES, 760, [SPLIT_HEADER, *SPLIT_BODY], bold=1)
        _ruled_rows(page, [54, 300, 420, 541], bottom, budget, bold=1)

    assert cells(drawn_pdf(draw)) == [[SPLIT_HEADER, *SPLIT_BODY], budget]


@pytest.mark.parametrize("header_rule", [True, False])
def test_row_left_open_at_the_page_foot_goes_on_under_the_repeated_header(header_rule):
    # the grid rules between its rows but not under the last one, which goes on over the page:
    # its tail's first word ("(1 day)") would have fitted on the line above, so only the open
    # rulings tell. On page 2 the tail may stand under the header with no rule between them, the
    # rows' sides drawn apart (each vertical ruling ends and starts again there)
    tail = ["(1 day)", "", "", ""]
    rest = [["Libraries seminar", "14 January", "Library PHs", "growth"]]

    def page_one(page):
        _ruled_rows(page, SPLIT_EDGES, 760, [SPLIT_HEADER, *SPLIT_BODY,
                                            ["Workforce planning clinic for\nHR directors", "January",
                                             "HR directors", "efficiency"]],
                    bold=1, rules=[True] * 4 + [False])

    def page_two(page):
        if header_rule:
            _ruled_rows(page, SPLIT_EDGES, 800, [SPLIT_HEADER, tail, *rest], bold=1)
            return
        bottom = _ruled_rows(page, SPLIT_EDGES, 800, [SPLIT_HEADER], bold=1, rules=[False])
        _ruled_rows(page, SPLIT_EDGES, bottom, [tail, *rest], top_rule=False)

    assert stringWidth("HR directors (1 day)", FONT, SIZE) < SPLIT_EDGES[1] - SPLIT_EDGES[0] - 12
    whole = ["Workforce planning clinic for HR directors (1 day)", "January", "HR directors", "efficiency"]
    assert cells(drawn_pdf(page_one, page_two)) == [[SPLIT_HEADER, *SPLIT_BODY, whole, *rest]]


def test_table_ruled_inside_only_leaves_no_row_open_at_the_page_foot():
    # rules between the rows and columns only, none round the table: the last row on page 1
    # has no rule under it as every table of this style, and the next page starts a row
    def page_one(page):
        _ruled_rows(page, SPLIT_EDGES, 760, [SPLIT_HEADER, *SPLIT_BODY], bold=1, rules=[True] * 3 + [False],
                    top_rule=False, outer=False)

    def page_two(page):
        _ruled_rows(page, SPLIT_EDGES, 800, [SPLIT_HEADER, ["Careers fair", "", "", ""], *SPLIT_BODY[:1]], bold=1,
                    rules=[True, True, False], top_rule=False, outer=False)

    assert stringWidth(SPLIT_BODY[-1][0] + " Careers", FONT, SIZE) < SPLIT_EDGES[1] - SPLIT_EDGES[0] - 12
    assert cells(drawn_pdf(page_one, page_two)) == [[SPLIT_HEADER, *SPLIT_BODY, ["Careers fair", "", "", ""],
                                                     *SPLIT_BODY[:1]]]


def test_row_ending_high_in_its_cells_at_the_page_foot_is_complete():
    # a row closed by its rule at the page's foot, one cell running down to it, the others
    # ending lines above it: the next page's first row is a row of its own even though none of
    # its first words would have fitted on the cells' last lines above
    edges = [60, 170, 250, 370, 420]
    above_it = [["Culture Academy", "20 October", "Culture PHs", "growth"],
                ["Sport Academy", "8 December", "Sport PHs", "growth"]]
    long_cell = "\n".join(["Leaders, chief executives", "and portfolio holders of", "the three districts with",
                           "their heads of service and", "scrutiny chairs of all three"])
    at_foot = ["Joint peer challenge of", "12/16 October", long_cell, "place"]
    first = ["Annual culture conference", "15/16 March", "Culture, tourism and sport", "growth"]
    for column, text in enumerate(first):  # none of the first words fits after the line above
        above = at_foot[column].split("\n")[-1]
        assert stringWidth(above + " " + text.split()[0], FONT, SIZE) > edges[column + 1] - edges[column] - 6

    def page_one(page):
        _ruled_rows(page, edges, 760, [SPLIT_HEADER, *above_it, at_foot], bold=1)

    def page_two(page):
        _ruled_rows(page, edges, 800, [SPLIT_HEADER, first], bold=1)

    at_foot_read = [at_foot[0], at_foot[1], " ".join(long_cell.split("\n")), at_foot[3]]
    assert cells(drawn_pdf(page_one, page_two)) == [[SPLIT_HEADER, *above_it, at_foot_read, first]]


def test_row_broken_with_a_line_of_room_left_by_widow_control_is_one_row():
    # Writer's widow control moved the cell's last line but one to page 2 with the last: the
    # cell's part on page 1 ends a line above the row's bottom, and still goes on
    wrapped = "Workshops for the councils of the north and\nthe north, the south east and the west of the\n"
    tail = "authorities (2 days)"  # the "\n" above: a line of the part left empty
    last_line = wrapped.split("\n")[1]
    assert stringWidth(last_line, FONT, SIZE) < SPLIT_EDGES[1] - SPLIT_EDGES[0] - 12
    assert stringWidth(last_line + " authorities", FONT, SIZE) > SPLIT_EDGES[1] - SPLIT_EDGES[0] - 6

    def page_one(page):
        _ruled_rows(page, SPLIT_EDGES, 760, [SPLIT_HEADER, *SPLIT_BODY, [wrapped, "1 July", "Councillors", "growth"]],
                    bold=1)

    def page_two(page):
        _ruled_rows(page, SPLIT_EDGES, 800, [SPLIT_HEADER, [tail, "", "", ""], *SPLIT_BODY[:1]], bold=1)

    whole = [" ".join(wrapped.split()) + " " + tail, "1 July", "Councillors", "growth"]
    assert cells(drawn_pdf(page_one, page_two)) == [[SPLIT_HEADER, *SPLIT_BODY, whole, *SPLIT_BODY[:1]]]


# -- e. banded rows and theme rows spanning the width do not end the table --------------------

@pytest.mark.parametrize("themes", [
    {1: "Theme 1: Stronger communities", 5: "Theme 2: A greener borough"},
    {1: "Theme 1: Stronger, safer and better connected communities in every ward",  # across the width
     5: "Theme 2: A greener borough with cleaner air and less waste sent to landfill"},
])
def test_banded_rows_with_theme_rows_are_one_table(themes):
    edges = [60, 250, 330, 420, 540]
    header = ["Deliverable", "Due", "Status", "Lead"]
    body = [["Open two community hubs", "Jun 2025", "On track", "Housing"],
            ["Launch volunteer scheme", "Sep 2025", "Delayed", "Communities"],
            ["Refresh the youth offer", "Dec 2025", "On track", "Children"],
            ["Plant 5,000 trees", "Mar 2026", "Complete", "Parks"],
            ["Cut fleet emissions", "Mar 2026", "On track", "Transport"]]
    rows = [header]
    for n, row in enumerate(body, start=1):
        if n in themes:
            rows.append([themes[n], "", "", ""])
        rows.append(row)

    def draw(page):
        top = 760.0
        for index, row in enumerate(rows):
            y = top - index * (ROW + 2)
            theme = row[0].startswith("Theme")
            if theme or index % 2:
                page.setFillColorRGB(*((0.2, 0.3, 0.5) if theme else (0.9, 0.92, 0.95)))
                page.rect(edges[0], y - ROW - 2, edges[-1] - edges[0], ROW + 2, stroke=0, fill=1)
            page.setFillColorRGB(*((1, 1, 1) if theme else (0, 0, 0)))
            page.setFont(FONT + ("-Bold" if theme or index == 0 else ""), SIZE)
            for x, text in zip(edges, row):
                if text:
                    page.drawString(x + 4, y - ROW + 3, text)
        page.setFillColorRGB(0, 0, 0)

    assert cells(drawn_pdf(draw)) == [rows]


# -- g. statistical tables: sub-columns under spanning headers, figures set close together -------

def _statistics(gap: float):
    """A statistical table in 7 pt: "Total" and "Employed" centred over Male | Female, figures
    set flush right in columns whose text comes within `gap` points of the next column's."""
    size, width = 7.0, 26.0
    countries = [("Austria", [648, 765, 412, 398]), ("Belgium", [1021, 998, 701, 655]),
                 ("Cyprus", [88, 91, 54, 47]), ("Denmark", [402, 417, 300, 281])]

    def draw(page):
        page.setFont(FONT, size)
        right = [200 + width * n + gap * n for n in range(1, 5)]  # where each figure column ends
        top = 760.0
        page.drawString(72, top - 10, "Country")  # bottom-aligned in the header band
        for label, (a, b) in (("Total", (0, 1)), ("Employed", (2, 3))):
            page.drawCentredString((right[a] - width + right[b]) / 2, top, label)
        for n, label in enumerate(["Male", "Female", "Male", "Female"]):
            page.drawRightString(right[n], top - 10, label)
        for r, (country, figures) in enumerate(countries):
            y = top - 20 - 10 * (r + 1)
            page.drawString(72, y, country)
            for n, figure in enumerate(figures):
                page.drawRightString(right[n], y, str(figure))

    header = [["", "Total", "", "Employed", ""], ["Country", "Male", "Female", "Male", "Female"]]
    return draw, header, [[c, *map(str, f)] for c, f in countries]


@pytest.mark.parametrize("gap", [2.0, 2.4])
def test_close_set_figure_columns_under_spanning_headers_stay_apart(gap):
    draw, header, body = _statistics(gap)
    (table,) = read_pdf_tables(drawn_pdf(draw), "spec.pdf")
    assert [list(r.cells) for r in table.body] == body
    assert [list(r.cells) for r in table.header_rows] == header
    assert {(1, 2), (3, 4)} <= {(a, b) for _, a, b in table.header_spans}


def test_row_of_figures_at_a_page_end_is_complete():
    # figures do not wrap: a next page starting with a row whose first cell is empty starts a row
    edges = [60, 250, 330, 420, 540]
    rows_one = [["Programme", "2002", "2003", "2004"], ["Adult learning", "15 455", "13 951", "12 068"],
                ["Apprenticeships", "20 527", "20 922", "22 083"]]
    rows_two = [["", "", "Participants", "Females (%)"], ["Labour market training", "1 200", "51 955", "52"],
                ["Open university", "900", "57 986", "80"]]

    def page(rows, bold):
        return lambda canvas_page: Grid(edges=edges, rows=rows, rulings="none", align="LRRR",
                                        bold_rows=bold).draw(canvas_page)

    found = [row for table in cells(drawn_pdf(page(rows_one, 1), page(rows_two, 0))) for row in table]
    assert rows_one[2] in found and rows_two[0] in found


# -- table or prose: one scored decision --------------------------------------------------------

def words_of(lines: Sequence[tuple[float, Sequence[tuple[str, float]]]]) -> list[Word]:
    """Words of lines given as (top, [(text, x0), ...]): 5 pt per character, 2.5 pt spaces."""
    return [word for top, items in lines for word in words_on_line(top, *items)]


def test_prose_score_weighs_crossing_lines_against_figures():
    settings = TableSettings()
    columns = ((10.0, 60.0), (100.0, 140.0))
    # two multi-column lines of figures, two one-phrase lines running across the column gap
    lines = text_lines(words_of([(0, [("Austria", 10), ("12.5", 100)]), (12, [("Belgium", 10), ("9.1", 100)]),
                                 (24, [("a long line of running text that crosses", 10)]),
                                 (36, [("the gap between the two columns again", 10)])]), settings)
    crossing_only = settings.prose_weight_crossing * 0.5
    assert prose_score(lines, columns, settings) == pytest.approx(
        crossing_only - settings.prose_weight_figures * 2 / 6)
    assert prose_score(lines, columns, settings) < settings.prose_threshold  # figures keep it a table
    words_only = TableSettings(prose_weight_figures=0.0)
    assert prose_score(lines, columns, words_only) >= words_only.prose_threshold


def test_debug_image_of_a_sideways_page_is_drawn_upright():
    import pdfplumber

    from pipeline.extract.pdf.debug_image import draw_page, page_pieces

    with pdfplumber.open(io.BytesIO(drawn_pdf(_sideways(90, "grid")))) as pdf:
        ((page, items),) = page_pieces(pdf, [1], TableSettings())
        image = draw_page(page, items, resolution=36)
    width, height = image.annotated.size
    assert width > height  # the landscape table's page, turned as it reads
    (table,) = [item for item in items if hasattr(item, "rows")]
    assert [list(row.cells) for row in table.rows] == PLAN


def test_short_label_centred_over_four_columns_spans_all_four():
    # the label's text lies over the two middle columns only; the outer two are as free and
    # the four together are centred under it
    edges = [72, 200, 260, 320, 380, 440, 520]
    body = [["Peer challenges", "18", "13", "9", "4", "44"], ["Leadership courses", "2", "3", "1", "0", "6"],
            ["Member briefings", "5", "5", "6", "7", "23"]]

    def draw(page):
        page.setFont(FONT + "-Bold", SIZE)
        page.drawCentredString((edges[1] + edges[5]) / 2, 760, "Per quarter")
        for x, text in zip(edges, ["Deliverable", "Q1", "Q2", "Q3", "Q4", "Total"]):
            page.drawString(x + 3, 749, text)
        Grid(edges=edges, rows=body, rulings="none", top=744, bold_rows=0).draw(page)

    (table,) = read_pdf_tables(drawn_pdf(draw), "spec.pdf")
    assert [list(r.cells) for r in table.header_rows] == [["", "Per quarter", "", "", "", ""],
                                                         ["Deliverable", "Q1", "Q2", "Q3", "Q4", "Total"]]
    assert (0, 1, 4) in table.header_spans
    assert [list(r.cells) for r in table.body] == body


def test_prose_above_a_borderless_table_at_its_row_spacing_stays_out_of_it():
    # a word processor spaces paragraphs and borderless rows alike (space after each): the
    # report text right above the table starts at the table's left edge, as far apart as rows
    edges = [84.6, 200, 300, 410, 520]  # first column text at x 90, where the prose starts
    rows = [["Activity", "Target", "Delivered", "% achieved"],
            *[[f"Activity {n}", str(10 * n), str(9 * n) if n != 3 else "", f"{90 + n}%"] for n in range(1, 6)]]
    pitch = 24.0

    def draw(page):
        page.setFont(FONT, 10)
        for n in range(12):  # more lines of prose than rows: taken as rows, they drowned the table
            page.drawString(90, 760 - pitch * n, "Background text for the board paper that fills the page before it.")
        top = 760 - pitch * 11 - 4  # the header's baseline 24 below the last line of prose
        Grid(edges=edges, rows=rows, rulings="none", top=top, row_height=pitch, align="LRRR", pad=5.4).draw(page)

    assert cells(drawn_pdf(draw)) == [rows]


@pytest.mark.parametrize("share", ["sideways_page_share", "separator_cover", "rule_cover", "justified_share"])
def test_settings_refuse_a_share_outside_zero_to_one(share):
    with pytest.raises(ValueError, match=share):
        TableSettings(**{share: 0.0})
    with pytest.raises(ValueError, match=share):
        TableSettings(**{share: 1.5})


def test_a_word_made_by_the_word_builder_is_the_dataclass_word():
    # make_word fills the instance's dict instead of calling the frozen dataclass's __init__:
    # every field set, equal and hashed as the Word the dataclass makes, still frozen
    made = make_word("Total", 10.0, 40.0, 5.0, 15.0, 9.0, "Arial-BoldMT", False, (10.0, 16.0, 22.0, 28.0, 34.0),
                     True, broken=True, space_follows=False)
    typed = Word(text="Total", x0=10.0, x1=40.0, top=5.0, bottom=15.0, size=9.0, bold=True, broken=True,
                 space_follows=False, sideways=True, glyph_x=(10.0, 16.0, 22.0, 28.0, 34.0), after_ruling=True)
    assert made == typed and hash(made) == hash(typed)
    assert {f.name: getattr(made, f.name) for f in fields(Word)} == {f.name: getattr(typed, f.name) for f in fields(Word)}
    assert replace(made, broken=False) == replace(typed, broken=False)
    with pytest.raises(FrozenInstanceError):
        made.text = "x"
    # and so does make_words, a page's words at once
    (listed,) = make_words([("Total", 10.0, 40.0, 5.0, 15.0, 9.0, "Arial-BoldMT", False, (10.0, 16.0, 22.0, 28.0, 34.0),
                             True)], broken={0})
    assert ({f.name: getattr(listed, f.name) for f in fields(Word)}
            == {f.name: getattr(typed, f.name) for f in fields(Word)})
    assert listed == typed and hash(listed) == hash(typed)


# -- rows told apart by shading alone; a ruled table's cells padded alike ------------------------

BAND_EDGES = [60, 236, 334, 429, 479]
BAND_HEADER = ["Activity", "Date", "Target audience", "Link"]
# one line per cell, except one activity wrapped over two lines ("\n"); each cell nearly fills
# its column, so no first word of a row would have fitted after the text above it
BAND_ROWS = [["Climate emergency action planning day", "12 April - completed", "Environment leads", "place"],
             ["Adult social care budget clinic (half day)", "28 April - completed", "Care directors (14)", "finance"],
             ["Waste collection peer review for Dorset\nand Poole unitary councils (three days)", "9/11 May - completed",
              "Individual council", "finance"],
             ["New councillors induction course (2 days)", "3/4 June - confirmed", "Councillors (60)", "leaders"],
             ["Town centre recovery workshop (1 day)", "1 July - confirmed", "Regeneration leads", "growth"]]


def _banded_unpadded(shaded: bool, two_colours: bool = False) -> bytes:
    """A borderless table as Word prints one without cell padding above and below: rows as close
    as a cell's wrapped lines (one leading apart), every other body row (the first too) shaded from its first
    line's top to its last line's foot, cell by cell: no one fill spans half the table. With
    `two_colours`, a background fill under the whole table and every body row shaded, in two
    colours by turns (Word's "Colorful List" styles)."""
    def draw(page):
        y = 760.0
        if two_colours:
            depth = sum(max(len(cell.split("\n")) for cell in row) for row in [BAND_HEADER, *BAND_ROWS]) * LEAD
            page.setFillColorRGB(0.93, 0.95, 0.97)
            page.rect(BAND_EDGES[0], y - depth, BAND_EDGES[-1] - BAND_EDGES[0], depth, stroke=0, fill=1)
        for index, row in enumerate([BAND_HEADER, *BAND_ROWS]):
            lines = [cell.split("\n") for cell in row]
            depth = max(len(cell) for cell in lines) * LEAD
            if shaded and index % 2 == 1 or two_colours and index > 0:  # each cell's background on its own
                page.setFillColorRGB(*((0.86, 0.9, 0.95) if index % 2 == 1 else (0.93, 0.95, 0.97)))
                for x0, x1 in zip(BAND_EDGES, BAND_EDGES[1:]):
                    page.rect(x0, y - depth, x1 - x0, depth, stroke=0, fill=1)
            page.setFillColorRGB(0, 0, 0)
            page.setFont(FONT + ("-Bold" if index == 0 else ""), SIZE)
            for x, cell in zip(BAND_EDGES, lines):
                for k, text in enumerate(cell):
                    page.drawString(x + 5, y - SIZE + 1 - k * LEAD, text)
            y -= depth
    return drawn_pdf(draw)


def test_unpadded_rows_banded_by_shading_alone_part_at_the_band_edges():
    # the layout's premise: the text alone cannot part the rows (no first word fits above)
    for above, below in zip(BAND_ROWS, BAND_ROWS[1:]):
        for column, (upper, lower) in enumerate(zip(above, below)):
            width = stringWidth(upper.split("\n")[-1] + " " + lower.split()[0], FONT, SIZE)
            assert width > BAND_EDGES[column + 1] - BAND_EDGES[column] - 10
    typed = [BAND_HEADER, *[[" ".join(cell.split("\n")) for cell in row] for row in BAND_ROWS]]
    assert cells(_banded_unpadded(shaded=True)) == [typed]


def test_rows_banded_in_two_colours_over_a_background_part_where_the_colour_changes():
    # every fill touches another across its edges: only the colours tell where rows change
    typed = [BAND_HEADER, *[[" ".join(cell.split("\n")) for cell in row] for row in BAND_ROWS]]
    assert cells(_banded_unpadded(shaded=False, two_colours=True)) == [typed]


def test_shading_behind_a_wrapped_row_does_not_part_its_lines():
    # the wrapped activity stands on a band: both its lines are the band's, one row
    rows = cells(_banded_unpadded(shaded=True))[0]
    assert rows[3][0] == "Waste collection peer review for Dorset and Poole unitary councils (three days)"


def test_centred_header_word_as_wide_as_its_cell_is_not_a_cut_word():
    # Writer centres a bold header cell "Link to business plan" over three lines in a narrow
    # ruled column; "business" is its widest line and no space glyph follows it, as after a word
    # cut at the cell's edge. It starts further in than the table's flush-left text (the cells'
    # padding), so it was not cut: "business plan", not "businessplan"
    edges = [60, 230, 330, 420, 475]
    header = ["Activity", "Date", "Target audience", "Link to \nbusiness\nplan"]
    body = [["Planning committee refresher", "7 May", "Committee members", "growth"],
            ["Museums leadership seminar", "2 June", "Museum PHs", "place"]]
    assert stringWidth("business", FONT + "-Bold", SIZE) < edges[4] - edges[3] - 12

    def draw(page):
        top = 760.0
        page.setFont(FONT + "-Bold", SIZE)
        for column, text in enumerate(header):
            for k, line in enumerate(text.split("\n")):
                middle = (edges[column] + edges[column + 1]) / 2
                page.drawCentredString(middle, top - PAD - SIZE - k * LEAD, line)
        bottom = top - 3 * LEAD - 2 * PAD
        page.line(edges[0], top, edges[-1], top)
        page.line(edges[0], bottom, edges[-1], bottom)
        end = _ruled_rows(page, edges, bottom, body, top_rule=False)
        for x in edges:
            page.line(x, top, x, end)

    assert cells(drawn_pdf(draw)) == [[["Activity", "Date", "Target audience", "Link to business plan"], *body]]


def test_row_broken_over_the_page_whose_tail_crossed_the_text_edge_is_one_row():
    # Writer breaks a row over the page and closes its grid at the page foot. The last cell's
    # "2017" would have fitted after "March" before the ruling, not before the ruling less the
    # padding every cell of the table shows (its flush-left text 6 pt in): it wrapped, so the
    # tail on page 2 is the rest of the row
    edges = [60, 250, 350, 450, 507]
    above = "Leisure and culture services deliverable 8:"
    tail = ["review and report", "", "", "2017"]
    start = edges[3] + 6 + stringWidth("March", FONT, SIZE) + TableSettings().fit_space_em * SIZE
    assert edges[4] - 6 < start + stringWidth("2017", FONT, SIZE) <= edges[4]
    assert stringWidth(above + " review", FONT, SIZE) > edges[1] - edges[0] - 6
    rest = [["Libraries seminar", "14 January", "Library PHs", "June 2016"]]

    def page_one(page):
        _ruled_rows(page, edges, 760, [SPLIT_HEADER, *SPLIT_BODY, [above, "Head of Culture", "Climate Officer",
                                                                   "March"]], bold=1)

    def page_two(page):
        _ruled_rows(page, edges, 800, [SPLIT_HEADER, tail, *rest], bold=1)

    whole = [f"{above} review and report", "Head of Culture", "Climate Officer", "March 2017"]
    assert cells(drawn_pdf(page_one, page_two)) == [[SPLIT_HEADER, *SPLIT_BODY, whole, *rest]]


def test_rows_ruled_apart_with_wide_padding_stay_one_table():
    # a CSS framework's table as a browser prints it: 10 pt of padding above and below the text
    # of every row and a rule between the rows (drawn cell by cell), the header ruled off: the
    # gap between two rows' text (20 pt) is wider than block_gap_em lines, each side of its rule
    # is not
    edges = [60, 250, 350, 480, 547]
    rows = [SPLIT_HEADER, *SPLIT_BODY, ["Heritage at risk seminar", "23 September", "Planning PHs", "place"]]
    padding = 10.0
    assert 2 * padding > TableSettings().block_gap_em * SIZE

    def draw(page):
        y = 760.0
        for index, row in enumerate(rows):
            page.setFont(FONT + ("-Bold" if index == 0 else ""), SIZE)
            for x, text in zip(edges, row):
                page.drawString(x + 6, y - padding - SIZE + 2, text)
            y -= 2 * padding + SIZE
            if index < len(rows) - 1:
                page.setLineWidth(1.5 if index == 0 else 0.5)
                for x0, x1 in zip(edges, edges[1:]):
                    page.line(x0, y, x1, y)

    assert cells(drawn_pdf(draw)) == [rows]


def test_framed_table_with_rows_banded_by_shading_reads_a_row_per_band():
    # Word's "Medium Shading" styles as Writer prints them: a frame round the table, a rule under
    # the header, no other rule; the body's rows show only as bands, every other one shaded
    # cell by cell. The grid alone makes one row of the whole body
    edges = SPLIT_EDGES
    body = [*SPLIT_BODY, ["Heritage at risk seminar", "23 September", "Planning PHs", "place"],
            ["Culture Academy (2 days)", "20/21 October", "Culture PHs", "growth"]]

    def draw(page):
        top, row = 760.0, 16.0
        for index, cells_of_row in enumerate([SPLIT_HEADER, *body]):
            y = top - index * row
            if index % 2 == 1:
                page.setFillColorRGB(0.83, 0.87, 0.93)
                for x0, x1 in zip(edges, edges[1:]):
                    page.rect(x0, y - row, x1 - x0, row, stroke=0, fill=1)
                page.setFillColorRGB(0, 0, 0)
            page.setFont(FONT + ("-Bold" if index == 0 else ""), SIZE)
            for x, text in zip(edges, cells_of_row):
                page.drawString(x + 6, y - row + 5, text)
        bottom = top - (len(body) + 1) * row
        page.rect(edges[0], bottom, edges[-1] - edges[0], top - bottom, stroke=1, fill=0)
        page.line(edges[0], top - row, edges[-1], top - row)
        for x in edges[1:-1]:
            page.line(x, top, x, top - row)

    assert cells(drawn_pdf(draw)) == [[SPLIT_HEADER, *body]]


def test_table_beside_a_column_of_running_text_is_read_without_it():
    # a page laid out in two columns: the table in the left one, a paragraph in the right one at
    # its own line pitch; the paragraph's lines share heights with the table's rows
    rows = [["Budget line", "2015/16", "2016/17"], ["Peer challenges", "420", "455"],
            ["Leadership academies", "310", "298"], ["Productivity experts", "185", "240"], ["Total", "915", "993"]]
    paragraph = ["The board agreed the improvement programme for the", "year in April and asked officers to report on",
                 "progress against each activity at every meeting of", "the board, with the budget set out in the table",
                 "beside this text and a forecast for the next year."]

    def draw(page):
        Grid(edges=[60, 170, 215, 260], rows=rows, align="LRR", rulings="none", row_height=18.0).draw(page)
        page.setFont(FONT, SIZE)
        for k, text in enumerate(paragraph):
            page.drawString(300, 760 - 10 - k * 12.5, text)

    assert cells(drawn_pdf(draw)) == [rows]


def test_rows_padded_further_apart_than_a_block_gap_are_one_table():
    # a browser's table with 16px cell padding and no rules: each row's text stands 24 pt below
    # the row above, wider than block_gap_em lines, at the same gap every time and in the same
    # columns (a row with an empty cell too)
    rows = [SPLIT_HEADER, *SPLIT_BODY, ["Heritage at risk seminar", "", "Planning PHs", "place"],
            ["Culture Academy", "20 October", "Culture PHs", "growth"]]
    pitch = SIZE + 24.0
    assert pitch - SIZE > TableSettings().block_gap_em * SIZE

    def draw(page):
        Grid(edges=SPLIT_EDGES, rows=rows, rulings="none", row_height=pitch).draw(page)

    assert cells(drawn_pdf(draw)) == [rows]
