"""Rows and regions of the PDF reader's table model (issue 20, failure 7), on layouts drawn from a
specification: a tightly spaced list whose rows only structure tells apart, a table cut by
sub-headings with footnotes under it, and a page of prose set in two columns. Each test draws
the page with reportlab and types the cells it expects; no test reads a development document."""

from __future__ import annotations

import io

import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph

from support import drawn_pdf, words_on_line
from pipeline.core.errors import DocumentError
from pipeline.core.model import LineKind
from pipeline.extract.pdf.layout import TextLine, text_lines
from pipeline.extract.pdf.page import is_footnote
from pipeline.extract.pdf.rows import key_columns
from pipeline.extract.pdf.settings import TableSettings
from pipeline.extract.pdf_tables import read_pdf_tables

FONT = "Helvetica"


def kinds(table, *wanted: LineKind) -> list[list[str]]:
    return [list(line.cells) for line in table.lines if line.kind in wanted]


# -- 1. a tight list: rows from structure, not from gaps ---------------------------------------

# each sector's label as printed, one string per line (a long label wraps in its column)
SECTORS = [("Agriculture",), ("Mining and quarrying of stone,", "sand and clay"), ("Manufacturing",),
           ("Electricity",), ("Water supply, sewerage and", "waste management"), ("Construction",),
           ("Wholesale",), ("Retail",), ("Transport",), ("Accommodation and food", "service activities"),
           ("Information",), ("Finance",), ("Real estate",), ("Professional services",),
           ("Administrative and support", "service activities"), ("Public administration",), ("Education",),
           ("Health",), ("Social work",), ("Arts",), ("Recreation",), ("Other services",),
           ("Households as employers of", "domestic personnel and", "undifferentiated producers"),
           ("Extraterritorial bodies",), ("Fishing",), ("Forestry",), ("Textiles",), ("Chemicals",), ("Metals",),
           ("Machinery",), ("Vehicles",), ("Furniture",), ("Printing",), ("Telecoms",), ("Publishing",),
           ("Legal",), ("Accounting",), ("Research",), ("Advertising",), ("Veterinary",), ("Security",)]
FIGURES = [(str(100 + 37 * n), f"{(13 * n) % 97}.{n % 10}", str(2000 + 11 * n), f"{n % 7}.{n % 3}")
           for n in range(len(SECTORS))]


def _tight_list(labels, label_header: bool, header_gap: float, size: float = 8.0):
    """Leading equal to the font size, no rulings: a label column and four figure columns set
    flush right; the header `header_gap` points further above the first row than leading."""
    right = [260, 320, 380, 440]

    def draw(page):
        y = 790.0
        page.setFont(FONT + "-Bold", size)
        if label_header:
            page.drawString(60, y, "Sector")
        for x, text in zip(right, ["Firms", "Share %", "Jobs", "Growth"]):
            page.drawRightString(x, y, text)
        y -= size + header_gap
        page.setFont(FONT, size)
        for parts, figures in zip(labels, FIGURES):
            for x, figure in zip(right, figures):
                page.drawRightString(x, y, figure)
            for part in parts:
                page.drawString(60, y, part)
                y -= size

    return draw


@pytest.mark.parametrize("label_header, header_gap", [(True, 0.0), (False, 5.0), (True, 5.0)])
def test_tight_list_rows_come_from_the_columns_every_row_fills(label_header, header_gap):
    (table,) = read_pdf_tables(drawn_pdf(_tight_list(SECTORS, label_header, header_gap)), "spec.pdf")
    assert kinds(table, LineKind.HEADER) == [["Sector" if label_header else "", "Firms", "Share %", "Jobs", "Growth"]]
    assert kinds(table, LineKind.BODY) == [[" ".join(parts), *figures] for parts, figures in zip(SECTORS, FIGURES)]


def _line(top: float, *items: tuple[str, float]) -> TextLine:
    """One text line of phrases, each (text, x0): 5 pt per character, 2.5 pt word spaces."""
    (built,) = text_lines(words_on_line(top, *items), TableSettings())
    return built


def test_key_columns_are_a_label_and_figures_every_row_fills():
    settings = TableSettings()
    columns = ((0.0, 80.0), (100.0, 130.0), (150.0, 180.0))
    figures = [_line(12 * n, ("Leeds", 0), ("812", 110), ("4.1", 160)) for n in range(5)]
    blank = _line(60, ("York", 0), ("203", 110))  # a figure left blank here and there
    assert key_columns([*figures, blank], columns, settings) == {0, 1, 2}
    assert key_columns([*figures[:3], blank, blank], columns, settings) == {0, 1}
    # cells of text may all wrap at once: no key columns, the gap and word-fit tests decide
    text = [_line(12 * n, ("Open two hubs", 0), ("On track", 100), ("Housing", 150)) for n in range(5)]
    assert key_columns(text, columns, settings) == frozenset()


@pytest.mark.parametrize("text, note", [("* Provisional", True), ("1 Data for 2023", True), ("(a) Estimate", True),
                                        ("Source: ONS", True), ("Notes", True), ("Leeds", False),
                                        ("2024 total", False), ("Northern region", False)])
def test_footnote_lines(text, note):
    assert is_footnote(_line(0, (text, 0))) is note


def test_tight_list_of_one_line_labels_under_a_header_set_apart_is_not_one_row():
    # every row fills the same columns and the only gap wider than leading is under the header:
    # it is no row padding, and the 41 rows stay 41
    labels = [parts[:1] for parts in SECTORS]
    (table,) = read_pdf_tables(drawn_pdf(_tight_list(labels, False, 5.0)), "spec.pdf")
    assert kinds(table, LineKind.BODY) == [[parts[0], *figures] for parts, figures in zip(labels, FIGURES)]


# -- 2. sub-headings inside a table, footnotes under it ----------------------------------------

REGIONS = {"Region North": [("Leeds", "812", "4.1", "77"), ("York", "203", "2.2", "81"), ("Hull", "266", "3.9", "74")],
           "Region South": [("Bristol", "701", "3.3", "79"), ("Exeter", "130", "1.8", "83")],
           "Region East": [("Norwich", "141", "2.9", "80"), ("Ipswich", "136", "3.1", "78"),
                           ("Cambridge", "124", "1.2", "88")],
           "Region West": [("Gloucester", "129", "2.5", "76"), ("Hereford", "61", "2.0", "79")]}
COLUMNS = ["District", "Population (000)", "Change %", "Employment %"]


def _regions(heading_size: float, space_above: float, footnote: str, size: float = 8.0, leading: float = 11.0):
    """A table of districts under bold regional sub-headings (in `heading_size`, `space_above`
    points below the row above), footnotes right under its last row at the row spacing."""
    right = [300, 380, 460]

    def draw(page):
        y = 760.0
        page.setFont(FONT + "-Bold", size + 2)
        page.drawString(60, y + 20, "Table 3: Population by district")
        page.setFont(FONT + "-Bold", size)
        page.drawString(60, y, COLUMNS[0])
        for x, text in zip(right, COLUMNS[1:]):
            page.drawRightString(x, y, text)
        for region, rows in REGIONS.items():
            y -= leading + space_above
            page.setFont(FONT + "-Bold", heading_size)
            page.drawString(60, y, region)
            page.setFont(FONT, size)
            for label, *figures in rows:
                y -= leading
                page.drawString(60, y, label)
                for x, figure in zip(right, figures):
                    page.drawRightString(x, y, figure)
        y -= leading
        if isinstance(footnote, tuple):  # the mark set apart from the text, as after a tab
            page.drawString(60, y, footnote[0])
            page.drawString(72, y, footnote[1])
        else:
            page.drawString(60, y, footnote)
        y -= leading
        page.drawString(60, y, "Source: Office for National Statistics, mid-year estimates.")

    return draw


@pytest.mark.parametrize("heading_size, space_above, footnote", [
    (8.0, 0.0, "1 Provisional figures for 2024."),
    (9.0, 0.0, "* Provisional figures for 2024."),  # a sub-heading larger than the rows
    (8.0, 16.0, "Note: provisional figures for 2024."),  # a blank line and more above each
    (9.0, 16.0, "(a) Provisional figures for 2024."),
    (8.0, 0.0, ("1", "Provisional figures for 2024.")),
    (8.0, 0.0, ("*", "Provisional figures for 2024.")),
])
def test_sub_headings_keep_the_table_whole_and_footnotes_are_its_notes(heading_size, space_above, footnote):
    (table,) = read_pdf_tables(drawn_pdf(_regions(heading_size, space_above, footnote)), "spec.pdf")
    assert kinds(table, LineKind.HEADER) == [COLUMNS]
    expected = [row for region, rows in REGIONS.items() for row in [[region, "", "", ""], *map(list, rows)]]
    assert kinds(table, LineKind.BODY) == expected
    notes = [line.cells[0] for line in table.notes]
    footnote = " ".join(footnote) if isinstance(footnote, tuple) else footnote
    assert notes == ["Table 3: Population by district", footnote,
                     "Source: Office for National Statistics, mid-year estimates."]


def test_the_last_row_of_a_numbered_table_is_no_footnote():
    rows = [["Rank", "Council"], ["1", "Leeds City Council"], ["2", "York Council"], ["3", "Hull City Council"]]

    def draw(page):
        y = 760.0
        for index, (rank, council) in enumerate(rows):
            page.setFont(FONT + ("-Bold" if index == 0 else ""), 9.0)
            page.drawString(60, y, rank)
            page.drawString(90, y, council)
            y -= 14

    (table,) = read_pdf_tables(drawn_pdf(draw), "spec.pdf")
    assert kinds(table, LineKind.HEADER) + kinds(table, LineKind.BODY) == rows


def test_a_title_over_a_second_table_with_its_own_header_is_no_sub_heading():
    # the same columns below a flush-left title after a wide gap, but under a header of its own:
    # two tables
    right = [300, 380]
    first = [("Leeds", "812", "4.1"), ("York", "203", "2.2")]
    second = [("Bristol", "701", "3.3"), ("Exeter", "130", "1.8")]

    def draw(page):
        y = 760.0
        for title, rows in (("Northern districts", first), ("Southern districts", second)):
            page.setFont(FONT + "-Bold", 8.0)
            page.drawString(60, y, title)
            y -= 11
            page.drawString(60, y, "District")
            for x, text in zip(right, ["Population", "Change %"]):
                page.drawRightString(x, y, text)
            page.setFont(FONT, 8.0)
            for label, *figures in rows:
                y -= 11
                page.drawString(60, y, label)
                for x, figure in zip(right, figures):
                    page.drawRightString(x, y, figure)
            y -= 40

    tables = read_pdf_tables(drawn_pdf(draw), "spec.pdf")
    assert [kinds(t, LineKind.BODY) for t in tables] == [[list(r) for r in first], [list(r) for r in second]]


# -- 3. table or prose: a page of prose in two justified columns --------------------------------

SENTENCES = ["The council agreed the budget for the coming year after a long debate about savings.",
             "Members asked officers to report on the effect of the changes to libraries and parks.",
             "Residents will be consulted before any closure is decided by the cabinet.",
             "Demand for adult social care has grown by four per cent since last year.",
             "The grant from central government has fallen in real terms for the sixth year running.",
             "Officers expect the reserves to fall below the agreed minimum by the end of the decade.",
             "The scrutiny committee will review the capital programme at its next meeting in March."]


def _two_column_prose(size: float, indent: float, space_after: float, sentences: int, headings: bool) -> bytes:
    """A report page set in two justified columns: paragraphs of one to `sentences` sentences
    (short ones leave a short last line every two or three lines), a first-line indent, and a
    bold heading every fourth paragraph when `headings`."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4, leftMargin=60, rightMargin=60, topMargin=60, bottomMargin=60,
                          invariant=1)
    gutter = 18.0
    width = (A4[0] - 120 - gutter) / 2
    frames = [Frame(60 + n * (width + gutter), 60, width, A4[1] - 120, leftPadding=0, rightPadding=0)
              for n in range(2)]
    doc.addPageTemplates([PageTemplate(frames=frames)])
    body = ParagraphStyle("body", fontName=FONT, fontSize=size, leading=1.2 * size, alignment=TA_JUSTIFY,
                          firstLineIndent=indent, spaceAfter=space_after)
    heading = ParagraphStyle("heading", fontName=FONT + "-Bold", fontSize=size, leading=1.2 * size,
                             spaceBefore=size / 2)
    story = []
    for n in range(40):
        if headings and n % 4 == 0:
            story.append(Paragraph(f"{n // 4 + 1}. Budget matters", heading))
        story.append(Paragraph(" ".join(SENTENCES[(n + k) % len(SENTENCES)] for k in range(1 + n % sentences)), body))
    doc.build(story)
    return buffer.getvalue()


@pytest.mark.parametrize("size, indent, space_after, sentences, headings", [
    (9.0, 0.0, 5.0, 2, False),
    (9.0, 10.0, 0.0, 2, False),
    (9.0, 10.0, 0.0, 3, True),
    (8.0, 0.0, 0.0, 2, True),
])
def test_two_column_prose_page_is_not_a_table(size, indent, space_after, sentences, headings):
    with pytest.raises(DocumentError, match="no table found"):
        read_pdf_tables(_two_column_prose(size, indent, space_after, sentences, headings), "spec.pdf")


def test_narrow_two_column_table_of_short_cells_stays_a_table():
    rows = [["Service", "Change agreed"], ["Libraries", "Two branches merged"], ["Parks", "Grass cut less often"],
            ["Leisure", "Pool hours cut"], ["Street lights", "Dimmed after midnight"], ["Museums", "No change"],
            ["Youth service", "Two centres closed"], ["Waste", "Fortnightly collection"]]

    def draw(page):
        y = 760.0
        for index, row in enumerate(rows):
            page.setFont(FONT + ("-Bold" if index == 0 else ""), 9.0)
            page.drawString(60, y, row[0])
            page.drawString(150, y, row[1])
            y -= 14

    (table,) = read_pdf_tables(drawn_pdf(draw), "spec.pdf")
    assert kinds(table, LineKind.HEADER) + kinds(table, LineKind.BODY) == rows
