"""Issue 14: the Word and Excel readers give the LogicalTable the cells written say: header rows,
spans of merged cells, body rows, notes around the table, pages (Word table ordinal, Excel sheet
position), hidden rows and columns skipped and counted, values as printed. Documents are built
by tests/generators/office_docs.py from the rows below."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.core.model import LineKind
from pipeline.extract.docx_tables import read_docx_tables
from pipeline.extract.xlsx_tables import printed, read_xlsx_tables
from generators.office_docs import Sheet, WordDocument, WordTable, write_docx, write_xlsx

Q_HEADER = ("Theme", "Deliverables", "Target", "Number delivered per quarter", "", "", "", "Total")
Q_SUB = ("", "", "", "Q1", "Q2", "Q3", "Q4", "")
Q_MERGES = ((0, 3, 0, 6), (0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 7, 1, 7))


def kinds(table) -> list[tuple[str, tuple[str, ...]]]:
    return [(line.kind.value, line.cells) for line in table.lines]


def test_word_tracker_merged_quarter_header_is_two_header_rows_with_a_span():
    rows = (Q_HEADER, Q_SUB, ("Peer work", "", "", "", "", "", "", ""),
            ("", "Deliver 100 peer challenges", "100", "18", "13", "", "", "31"))
    merges = Q_MERGES + ((2, 0, 2, 7),)  # the theme row merged across the table
    data = write_docx(WordDocument(["Annex B tracker", WordTable(rows, merges), "KEY PH = portfolio holder"]))
    (table,) = read_docx_tables(data, "t.docx")
    blank = ("",) * 7
    assert kinds(table) == [
        ("note", ("Annex B tracker",) + blank),  # the paragraph above the table
        ("header", Q_HEADER),
        ("header", Q_SUB),  # merged down from the header's cells: a header row by the grid itself
        ("body", ("Peer work",) + blank),  # a horizontal merge: text in its first cell, "" after
        ("body", rows[3]),
        ("note", ("KEY PH = portfolio holder",) + blank),  # the paragraph below
    ]
    assert table.header_spans == ((0, 3, 6),)  # only horizontal header merges, as the PDF layer
    assert table.pages == (1,)
    assert table.rows_ruled  # a Word row is a row: no wrapped lines to join


def test_word_table_split_by_a_page_break_is_one_table_its_header_repeated():
    rows = (("Activity", "Date", "Target audience"), ("Seminar A (1 day)", "1 May", "PHs"),
            ("Seminar B (1 day)", "2 May", "PHs"), ("Seminar C (1 day)", "3 May", "PHs"))
    data = write_docx(WordDocument([WordTable(rows, page_break_before=(2,), repeat_header=1)]))
    (table,) = read_docx_tables(data, "p.docx")
    assert [(line.kind, line.page, line.cells[0]) for line in table.lines] == [
        (LineKind.HEADER, 1, "Activity"), (LineKind.BODY, 1, "Seminar A (1 day)"),
        (LineKind.REPEATED_HEADER, 2, "Activity"),  # second Word table: its ordinal is the page
        (LineKind.BODY, 2, "Seminar B (1 day)"), (LineKind.BODY, 2, "Seminar C (1 day)")]
    assert table.pages == (1, 2)


def test_word_tables_with_text_between_are_separate_tables_numbered_in_order():
    budget = (("Budget line", "Amount"), ("Staff", "£1,000"))
    plan = (("Activity", "Date", "Target audience"), ("Seminar A (1 day)", "1 May", "PHs"))
    data = write_docx(WordDocument(["Report", WordTable(budget), "Annex C", WordTable(plan)]))
    first, second = read_docx_tables(data, "r.docx")
    assert kinds(first) == [("note", ("Report", "")), ("header", budget[0]), ("body", budget[1])]
    assert kinds(second) == [("note", ("Annex C", "", "")), ("header", plan[0]), ("body", plan[1])]
    assert (first.pages, second.pages) == ((1,), (2,))


def test_word_cell_paragraphs_are_one_cell_text():
    rows = (("Activity", "Date"), ("Up to 3 more sets,\ndepending upon demand", "Feb / March"))
    (table,) = read_docx_tables(write_docx(WordDocument([WordTable(rows)])), "w.docx")
    assert table.body[0].cells == ("Up to 3 more sets, depending upon demand", "Feb / March")


def test_excel_tracker_sheet_among_others_title_above_hidden_row_and_column_skipped():
    rows = (
        ("Annex B", None, None, None, None, None, None, None, None),
        (),
        Q_HEADER[:3] + ("Internal ref",) + Q_HEADER[3:],  # column D is hidden below
        Q_SUB[:3] + (None,) + Q_SUB[3:],
        (None, "Deliver 100 peer challenges", 100, "X1", 18, 13, None, None, 31),
        (None, "Withdrawn deliverable", 5, "X2", 1, None, None, None, 1),  # hidden row
        (None, "Tailored support to 40 authorities", 40, "X3", 19, 8, None, None, 27),
    )
    # the header merges, one column to the right of column D
    merges = tuple((a + 2, b + (b >= 3), c + 2, d + (d >= 3)) for a, b, c, d in Q_MERGES)
    tracker = Sheet("Tracker", rows, top_left="B2", merges=merges, hidden_rows=(5,), hidden_columns=(3,))
    data = write_xlsx([Sheet("Cover", (("Improvement Board",),)), tracker, Sheet("Blank", ())])
    cover, table = read_xlsx_tables(data, "w.xlsx")  # the empty sheet gives no table
    assert kinds(cover) == [("note", ("Improvement Board",))]  # no header: notes only
    blank = ("",) * 7
    assert kinds(table) == [
        ("note", ("Annex B",) + blank),  # above the header
        ("blank", ("",) * 8),
        ("header", Q_HEADER),
        ("header", Q_SUB),
        ("body", ("", "Deliver 100 peer challenges", "100", "18", "13", "", "", "31")),
        ("body", ("", "Tailored support to 40 authorities", "40", "19", "8", "", "", "27")),
    ]
    assert table.header_spans == ((0, 3, 6),)
    assert (cover.pages, table.pages) == ((1,), (2,))  # the sheet's position in the workbook
    assert table.skipped == ("sheet 'Tracker': 1 hidden row(s) (7) and 1 hidden column(s) (E) not read",)


def test_excel_vertical_merge_in_the_body_has_its_text_in_the_top_row():
    rows = (("Theme", "Deliverables", "Target"), ("Productivity", "Workshops", 4), (None, "Case studies", 2))
    (table,) = read_xlsx_tables(write_xlsx([Sheet("S", rows, merges=((1, 0, 2, 0),))]), "m.xlsx")
    assert [line.cells for line in table.body] == [("Productivity", "Workshops", "4"), ("", "Case studies", "2")]


def test_excel_date_cell_reads_as_printed_with_its_format():
    rows = (("Activity", "Date"), ("Seminar (1 day)", dt.datetime(2015, 5, 21)))
    sheet = Sheet("Plan", rows, number_formats={(1, 1): "dd mmm"})
    (table,) = read_xlsx_tables(write_xlsx([sheet]), "d.xlsx")
    assert table.body[0].cells == ("Seminar (1 day)", "21 May")
    assert table.body[0].values == (None, "2015-05-21")  # the date behind the printed text


def test_excel_date_cells_keep_their_stored_date_beside_the_printed_text():
    # a date column of real Excel dates, "dd mmm" and "mmm-yy"; a status typed in the cell beside
    # one; a text date; a number; a time of day; a date merged over two columns; an empty cell
    rows = (
        ("Plan 2015/16", None, None),
        ("Activity", "Date", "Status"),
        ("Seminar (1 day)", dt.datetime(2016, 3, 12), "CONFIRMED"),
        ("Conference (2 days)", dt.date(2017, 3, 1), None),
        ("Workshop (1 day)", "14/15 May", None),
        ("Training (1 day)", 42, None),
        ("Briefing (1 day)", dt.time(9, 30), None),
        ("Review (1 day)", dt.datetime(2015, 9, 24, 14, 0), None),
        ("Visit (1 day)", None, None),
    )
    formats = {(2, 1): "dd mmm", (3, 1): "mmm-yy", (6, 1): "hh:mm", (7, 1): "dd mmm"}
    sheet = Sheet("Plan", rows, number_formats=formats, merges=((7, 1, 7, 2),))
    (table,) = read_xlsx_tables(write_xlsx([sheet]), "plan.xlsx")
    assert [(line.cells, line.values) for line in table.lines] == [
        (("Plan 2015/16", "", ""), None),  # a title above the table: no date in it
        (("Activity", "Date", "Status"), None),
        (("Seminar (1 day)", "12 Mar", "CONFIRMED"), (None, "2016-03-12", None)),
        (("Conference (2 days)", "Mar-17", ""), (None, "2017-03-01", None)),
        (("Workshop (1 day)", "14/15 May", ""), None),  # text typed in the cell: no stored date
        (("Training (1 day)", "42", ""), None),
        (("Briefing (1 day)", "09:30", ""), None),  # a time of day is no date
        (("Review (1 day)", "24 Sep", ""), (None, "2015-09-24", None)),  # in the merge's first cell
        (("Visit (1 day)", "", ""), None),
    ]


def test_word_cells_have_no_stored_values():
    rows = (("Activity", "Date"), ("Seminar (1 day)", "12 Mar"))
    (table,) = read_docx_tables(write_docx(WordDocument([WordTable(rows)])), "w.docx")
    assert [line.values for line in table.lines] == [None, None]


@pytest.mark.parametrize("value, number_format, text", [
    (dt.datetime(2015, 5, 1), "dd mmm", "01 May"),
    (dt.datetime(2015, 5, 1), "d mmm", "1 May"),
    (dt.datetime(2015, 9, 24), "d mmmm yyyy", "24 September 2015"),
    (dt.datetime(2016, 3, 4), "dd/mm/yyyy", "04/03/2016"),
    (dt.datetime(2016, 3, 4), "mm-dd-yy", "04/03/2016"),  # Excel's locale short date, British
    (dt.datetime(2016, 3, 4), "[$-809]dd mmm yy", "04 Mar 16"),
    (dt.datetime(2016, 3, 4), "mmm-yy", "Mar-16"),
    (dt.datetime(2016, 3, 4), "dddd d mmm", "Friday 4 Mar"),
    (dt.datetime(2016, 3, 4, 9, 30), "hh:mm", "09:30"),
    (dt.datetime(2016, 3, 4, 14, 5), "h:mm AM/PM", "2:05 PM"),
    (dt.datetime(2016, 3, 4), 'd "of" mmmm', "4 of March"),
    (0.31, "0%", "31%"),
    (1.2, "0%", "120%"),
    (0.675, "0.0%", "67.5%"),
    (1234.5, "#,##0", "1,235"),
    (1234.5, "#,##0.00", "1,234.50"),
    (2.5, "0.00", "2.50"),
    (100, "General", "100"),
    (100.0, "General", "100"),
    (2.5, "General", "2.5"),
    (7, '0 "days"', "7"),  # a format with text: not handled, printed as General (documented)
    ("  Feb /\nMarch ", "General", "Feb / March"),
    (True, "General", "TRUE"),
    (None, "0%", ""),
])
def test_printed_text_of_values_by_number_format(value, number_format, text):
    assert printed(value, number_format) == text


def test_word_tables_one_after_the_other_without_a_page_break_stay_two():
    # same width, only an empty paragraph between (Word keeps two tables apart with one): not one
    # table split over pages, since no page break separates them and the second has its own header
    first = (("Activity", "Date"), ("Seminar A (1 day)", "1 May"))
    second = (("Budget line", "Amount"), ("Staff", "£1,000"))
    data = write_docx(WordDocument([WordTable(first), "", WordTable(second)]))
    one, two = read_docx_tables(data, "w.docx")
    assert [line.cells for line in one.header_rows] == [first[0]]
    assert [line.cells for line in two.header_rows] == [second[0]]
    assert (one.pages, two.pages) == ((1,), (2,))


def test_word_table_split_by_a_page_break_without_its_header_again_is_one_table():
    rows = (("Activity", "Date"), ("Seminar A (1 day)", "1 May"), ("Seminar B (1 day)", "2 May"))
    (table,) = read_docx_tables(write_docx(WordDocument([WordTable(rows, page_break_before=(2,))])), "w.docx")
    assert [(line.kind, line.page, line.cells) for line in table.lines] == [
        (LineKind.HEADER, 1, rows[0]), (LineKind.BODY, 1, rows[1]), (LineKind.BODY, 2, rows[2])]
