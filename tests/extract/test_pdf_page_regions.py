"""Pages whose regions are not one table (issue 20, held-out failure classes), drawn from a
specification (tests/generators/page_regions.py) with the tables a person reads off them typed
there: two tables set side by side are two tables; prose set in two columns, or beside a
sidebar, is none, and neither is a chart's text. Both page sources give the same tables."""

from __future__ import annotations

import pytest
from generators.page_regions import (
    BRANCHES,
    BUDGETS,
    HOMES,
    PARKS,
    RESPONSES,
    STAFF,
    ChartPage,
    ProsePage,
    SideBySide,
    draw_chart,
    draw_in_a_row,
    draw_prose,
    draw_side_by_side,
    draw_text_table,
    expected_side_by_side,
)

from pipeline.core.errors import DocumentError
from pipeline.core.model import LineKind
from pipeline.extract.pdf_tables import read_pdf_tables

SOURCES = ("pdfium", "pdfminer")


def cells(tables) -> list[list[tuple[str, ...]]]:
    """Each table's header and body rows (captions and notes left out)."""
    return [[tuple(line.cells) for line in table.lines if line.kind in (LineKind.HEADER, LineKind.BODY)]
            for table in tables]


# -- 1. two tables side by side ------------------------------------------------------------------

@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("spec", [
    SideBySide(),  # captions on one line, headers on one line
    SideBySide(captions=False),  # each under its own header only
    SideBySide(drop=30.0),  # the right table starts lower, beside the left one's rows
    SideBySide(left=STAFF),  # more rows and columns on the left: its last rows alone
    SideBySide(right=STAFF, gutter=36.0),
    SideBySide(captions=False, drop=15.0, left=STAFF),
    SideBySide(size=7.0, stub=60.0, figure=42.0, gutter=40.0),
    SideBySide(left=BRANCHES, right=PARKS, gutter=60.0, stub=70.0, figure=70.0, leading=1.8),  # tables of text, each under a caption
    SideBySide(left=PARKS, right=HOMES, gutter=60.0, stub=70.0, figure=70.0, leading=1.8, drop=20.0),
    SideBySide(ruled_left=True),  # a ruled table beside an unruled one
    SideBySide(ruled_left=True, captions=False, drop=20.0),
], ids=lambda spec: f"gutter{spec.gutter:g}-drop{spec.drop:g}-captions{spec.captions}-ruled{spec.ruled_left}"
                    f"-{len(spec.left)}x{len(spec.left[0])}-{len(spec.right)}x{len(spec.right[0])}-{spec.size:g}pt")
def test_two_tables_side_by_side_are_two_tables(spec, source):
    tables = read_pdf_tables(draw_side_by_side(spec), "spec.pdf", pdf_source=source)
    assert cells(tables) == [[*map(tuple, table)] for table in expected_side_by_side(spec)]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("captions", [True, False])
def test_three_tables_in_a_row_are_three_tables(captions, source):
    # the gutter between the second and third table is no column gap of the tables right of the
    # first gutter: tables in a row are spaced alike
    spec = SideBySide(size=7.0, stub=60.0, figure=40.0, gutter=30.0, captions=captions)
    tables = read_pdf_tables(draw_in_a_row([HOMES, BUDGETS, STAFF], spec), "spec.pdf", pdf_source=source)
    assert cells(tables) == [list(HOMES), list(BUDGETS), list(STAFF)]


@pytest.mark.parametrize("source", SOURCES)
def test_a_table_side_by_side_keeps_its_own_caption(source):
    # the right table's caption, set beside the left table's rows, is the right table's
    tables = read_pdf_tables(draw_side_by_side(SideBySide(drop=30.0)), "spec.pdf", pdf_source=source)
    assert [[line.cells[0] for line in table.notes] for table in tables] == [["Table 1: New homes"],
                                                                             ["Table 2: Service budgets"]]


@pytest.mark.parametrize("source", SOURCES)
def test_tables_of_text_side_by_side_without_captions_are_read_as_one(source):
    # with no caption of its own, a side of text columns may as well be the same table's
    # columns set further apart (a plan's activities and dates beside its audiences): one table
    spec = SideBySide(left=BRANCHES, right=PARKS, gutter=60.0, stub=70.0, figure=70.0, leading=1.8, captions=False)
    tables = read_pdf_tables(draw_side_by_side(spec), "spec.pdf", pdf_source=source)
    assert len(tables) == 1 and len(tables[0].header_rows[0].cells) == 4


@pytest.mark.parametrize("source", SOURCES)
def test_one_table_with_a_wide_gap_before_a_group_of_figure_columns_stays_one(source):
    # the columns right of the gap are figures, no stub of labels: one table's column groups
    from support import drawn_pdf

    rows = [(*left, *right[1:]) for left, right in zip(HOMES, BUDGETS)]

    def draw(page):
        for index, row in enumerate(rows):
            y = 720.0 - 13 * index
            page.setFont("Helvetica-Bold" if index == 0 else "Helvetica", 9.0)
            page.drawString(56, y, row[0])
            for right, cell in zip((188, 240, 340, 392), row[1:]):
                page.drawRightString(right, y, cell)

    tables = read_pdf_tables(drawn_pdf(draw), "spec.pdf", pdf_source=source)
    assert cells(tables) == [rows]


# -- 2. prose set in columns is no table ---------------------------------------------------------

@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("spec", [
    ProsePage(),  # two ragged columns
    ProsePage(sentences=1),
    ProsePage(size=8.0, gutter=12.0),
    ProsePage(align="justified"),
    ProsePage(layout="sidebar"),  # prose beside a sidebar of short notes
    ProsePage(layout="sidebar", align="justified"),
    ProsePage(layout="sidebar", size=8.0, gutter=24.0),
], ids=lambda spec: f"{spec.layout}-{spec.align}-{spec.size:g}pt-gutter{spec.gutter:g}-sentences{spec.sentences}")
def test_prose_in_columns_is_no_table(spec, source):
    with pytest.raises(DocumentError, match="no table found"):
        read_pdf_tables(draw_prose(spec), "spec.pdf", pdf_source=source)


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("size, widths, padding", [(9.0, (230.0, 240.0), 4.5), (8.0, (230.0, 240.0), 0.0),
                                                   (10.0, (160.0, 320.0), 4.5), (9.0, (200.0, 270.0), 0.0)])
def test_a_table_of_running_text_in_two_columns_stays_a_table(size, widths, padding, source):
    # every row starts in both columns on one line: the columns do not wrap each on its own
    tables = read_pdf_tables(draw_text_table(RESPONSES, size, widths, padding), "spec.pdf", pdf_source=source)
    assert cells(tables) == [list(RESPONSES)]


# -- 3. a chart's text is no table ----------------------------------------------------------------

@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("spec", [
    ChartPage(),  # bars with a figure over each, gridlines, a legend on the right
    ChartPage(gridlines=False),
    ChartPage(legend="below"),
    ChartPage(data_labels=False),
    ChartPage(kind="hbars"),  # bars drawn sideways, a figure at the end of each
    ChartPage(kind="hbars", gridlines=False, legend="below"),
    ChartPage(kind="lines"),
    ChartPage(kind="lines", data_labels=False, legend="below"),
], ids=lambda spec: f"{spec.kind}-labels{spec.data_labels}-grid{spec.gridlines}-legend_{spec.legend}")
def test_a_charts_text_is_no_table(spec, source):
    with pytest.raises(DocumentError, match="no table found"):
        read_pdf_tables(draw_chart(spec), "spec.pdf", pdf_source=source)


@pytest.mark.parametrize("source", SOURCES)
def test_a_table_with_colour_keys_and_zebra_bands_stays_a_table(source):
    # fills that are no chart: a band behind every other row (holding its text) and a status key
    # of one size in each row (no bars of differing lengths on one baseline)
    from support import drawn_pdf

    rows = [("Measure", "Target", "Actual", "Status"), ("Homes built", "900", "931", ""),
            ("Library visits", "1,200", "1,187", ""), ("Missed bins", "250", "266", ""),
            ("Planning appeals", "30", "28", ""), ("Potholes fixed", "4,000", "4,210", "")]

    def draw(page):
        for index, row in enumerate(rows):
            y = 720.0 - 14 * index
            if index % 2:
                page.setFillColorRGB(0.9, 0.9, 0.9)
                page.rect(56, y - 4, 300, 14, stroke=0, fill=1)
            if index:
                page.setFillColorRGB(0.8 if index % 3 else 0.1, 0.6, 0.2)
                page.rect(320, y - 1, 8, 8, stroke=0, fill=1)
            page.setFillColorRGB(0, 0, 0)
            page.setFont("Helvetica-Bold" if index == 0 else "Helvetica", 9.0)
            page.drawString(60, y, row[0])
            page.drawRightString(200, y, row[1])
            page.drawRightString(260, y, row[2])
            page.drawString(310, y, row[3])

    tables = read_pdf_tables(drawn_pdf(draw), "spec.pdf", pdf_source=source)
    assert cells(tables) == [rows]
