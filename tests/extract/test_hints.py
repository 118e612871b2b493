"""pipeline.extract.hints: a manifest's `table:` hint applied to logical tables typed here."""

from __future__ import annotations

import pytest

from pipeline.core.errors import DocumentError
from pipeline.core.model import LineKind, LogicalTable, SourceRow
from pipeline.core.release import TableHint
from pipeline.extract.hints import apply_table_hint

H, B, N = LineKind.HEADER, LineKind.BODY, LineKind.NOTE


def table(rows, pages=(1,), spans=()) -> LogicalTable:
    lines = tuple(SourceRow(cells=cells, page=page, kind=kind) for kind, page, cells in rows)
    return LogicalTable(source="a.pdf", lines=lines, pages=pages, header_spans=spans)


TWO_PAGES = table([
    (N, 1, ("Annex C", "", "")),
    (H, 1, ("Activity", "Date", "Who")),
    (B, 1, ("", "when", "for")),  # the header's second row, read as a body row
    (B, 1, ("Academy", "June", "PHs")),
    (H, 2, ("Activity", "Date", "Who")),  # page 2 repeats both header rows
    (B, 2, ("", "when", "for")),
    (B, 2, ("Seminar", "July", "Officers")),
], pages=(1, 2), spans=((0, 1, 2),))


def kinds(t: LogicalTable) -> list[tuple[str, str]]:
    return [(line.kind.value, line.cells[0] or line.cells[1]) for line in t.lines]


def test_header_rows_resplits_header_and_body_and_finds_the_repeat():
    [out] = apply_table_hint([TWO_PAGES], TableHint(header_rows=2), "a.pdf")
    assert kinds(out) == [("note", "Annex C"), ("header", "Activity"), ("header", "when"), ("body", "Academy"),
                          ("repeated_header", "Activity"), ("repeated_header", "when"), ("body", "Seminar")]
    assert out.header_spans == ((0, 1, 2),)  # the first header row is still the first


def test_a_shorter_header_drops_the_spans_of_rows_no_longer_header():
    two_row = table([(H, 1, ("Theme", "Quarter", "")), (H, 1, ("", "Q1", "Q2")), (B, 1, ("Housing", "1", "2"))],
                    spans=((0, 1, 2),))
    [out] = apply_table_hint([two_row], TableHint(header_rows=1), "a.pdf")
    assert kinds(out) == [("header", "Theme"), ("body", "Q1"), ("body", "Housing")]
    assert out.header_spans == ((0, 1, 2),)
    with_second_row_span = table([(H, 1, ("A", "B", "")), (H, 1, ("", "C", "")), (B, 1, ("x", "y", "z"))],
                                 spans=((1, 1, 2),))
    [out] = apply_table_hint([with_second_row_span], TableHint(header_rows=1), "a.pdf")
    assert out.header_spans == ()


def test_header_rows_as_many_as_the_rows_is_an_error_naming_the_hint():
    with pytest.raises(DocumentError, match=r"table: header_rows 6 in release.yaml, but the table has 6 row\(s\)"):
        apply_table_hint([TWO_PAGES], TableHint(header_rows=6), "a.pdf")


BUDGET = table([(H, 1, ("Budget line", "Amount")), (B, 1, ("Venues", "12,000"))], pages=(1,))
PLAN = table([(H, 2, ("Activity", "Date")), (B, 2, ("Academy", "June"))], pages=(2,))
TRACKER = table([(H, 3, ("Theme", "Q1")), (B, 3, ("Housing", "2"))], pages=(3,))


def test_pages_select_office_tables_by_ordinal_and_index_counts_among_them():
    kept = apply_table_hint([BUDGET, PLAN, TRACKER], TableHint(pages=(2, 3), pages_text="2-3"), "a.docx",
                            by_ordinal=True)
    assert [t.lines[0].cells[0] for t in kept] == ["Activity", "Theme"]
    [only] = apply_table_hint([BUDGET, PLAN, TRACKER], TableHint(pages=(2, 3), pages_text="2-3", index=2),
                              "a.docx", by_ordinal=True)
    assert only.lines[0].cells[0] == "Theme"
    assert only.skipped == ("table(s) 1 of 2 on pages 2-3 left out: release.yaml keeps table 2 (table: index)",)


def test_pages_of_a_pdf_are_left_to_the_reader():
    # the PDF reader was given the pages: the tables it returns are not filtered again
    kept = apply_table_hint([BUDGET, PLAN], TableHint(pages=(5,), pages_text="5"), "a.pdf")
    assert kept == [BUDGET, PLAN]


def test_no_hint_changes_nothing():
    assert apply_table_hint([BUDGET, PLAN], None, "a.pdf") == [BUDGET, PLAN]
