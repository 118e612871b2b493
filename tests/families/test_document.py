"""A document's tables read whole (pipeline.families.document): continuations of a family table,
tables of no known family kept as rejects, the document's line count for the accounting.

The logical tables are written by hand, as the generic PDF reader hands them over: cells with
their boxes, one column every 120 points."""

import pytest

from pipeline.core.errors import DocumentError
from pipeline.core.model import LineKind, LogicalTable, SourceRow
from pipeline.families import Role, read_document
from pipeline.families.columns import HeaderMismatch
from pipeline.families.document import continues, describe

PLAN = ("Activity", "Date", "Target audience", "Link to business plan")


def row(cells, page, kind=LineKind.BODY, x0=50.0, width=120.0):
    boxes = tuple((x0 + i * width, 0.0, x0 + i * width + len(c) * 4.0, 10.0) if c else None
                  for i, c in enumerate(cells))
    return SourceRow(cells=tuple(cells), page=page, boxes=boxes, kind=kind)


def note(text, page, width=4):
    return SourceRow(cells=(text,) + ("",) * (width - 1), page=page, boxes=((50.0, 0.0, 300.0, 10.0),) + (None,) * (width - 1),
                     kind=LineKind.NOTE)


def table(lines, **kwargs):
    pages = tuple(sorted({line.page for line in lines}))
    return LogicalTable(source="paper.pdf", lines=tuple(lines), pages=pages, **kwargs)


PLAN_PAGE_1 = table([note("Annex C: improvement plan 2016/17", 1), row(PLAN, 1, LineKind.HEADER),
                     row(("Peer review Derby (2 days)", "May", "Individual council", "growth"), 1),
                     row(("Sport academy (2 days)", "June", "Sport PHs (15)", "growth"), 1)])
# page 2 as a separate table: no header printed, so the reader took its first row as the header
PAGE_2_NO_HEADER = table([row(("Heritage seminar (1 day)", "July", "Heritage PHs (25)", "growth"), 2, LineKind.HEADER),
                          row(("Culture academy (2 days)", "October", "Culture PHs (15)", "growth"), 2),
                          row(("TOTALS", "", "", ""), 2), row(("6 days of activity", "", "", ""), 2),
                          note("KEY PH = portfolio holder", 2)])
BUDGET = table([note("Financial implications", 1), row(("Budget line", "Amount"), 1, LineKind.HEADER, width=200),
                row(("Venues", "12,000"), 1, width=200), row(("Travel", "3,000"), 1, width=200)])


def test_a_table_of_no_known_family_keeps_its_rows_as_rejects_naming_it():
    read = read_document([BUDGET, PLAN_PAGE_1])
    budget, plan = read.tables
    reason = "table 1 (page 1, columns: Budget line | Amount) is of no known family"
    assert [(line.row.cells[0], line.role, line.reason) for line in budget.lines] == [
        ("Financial implications", Role.NOTE, ""),  # text beside the table: a classified note
        ("Budget line", Role.REJECT, reason), ("Venues", Role.REJECT, reason), ("Travel", Role.REJECT, reason)]
    assert budget.family == "plan" and budget.rows == ()  # the document's family, for the rejects table
    assert [r.cells["activity"] for r in plan.rows] == ["Peer review Derby (2 days)", "Sport academy (2 days)"]
    # the warning names the release.yaml hint for either reading of the stray table
    assert read.warnings == (f"paper.pdf: {reason}: its 3 row(s) are in rejects; fix: if it is part of the "
                             'annex, in release.yaml add under this document  table: {columns: {"Budget line": '
                             '"Activity", "Amount": "Date"}}; if it is not, table: {index: 2} keeps the annex '
                             "table alone",)


def test_every_table_carries_the_document_line_count():
    read = read_document([BUDGET, PLAN_PAGE_1])
    assert {t.document_lines for t in read.tables} == {len(BUDGET.lines) + len(PLAN_PAGE_1.lines)}
    assert sum(len(t.lines) for t in read.tables) == 8  # every line of both tables has a role


def test_next_page_with_the_same_columns_and_no_header_is_the_continuation():
    read = read_document([PLAN_PAGE_1, PAGE_2_NO_HEADER])
    (plan,) = read.tables
    assert [r.cells["activity"] for r in plan.rows] == [
        "Peer review Derby (2 days)", "Sport academy (2 days)", "Heritage seminar (1 day)", "Culture academy (2 days)"]
    assert [r.page for r in plan.rows] == [1, 1, 2, 2]
    assert plan.totals == ("6 days of activity",)
    assert plan.key == {"PH": "portfolio holder"}
    assert read.warnings == ()
    assert len(plan.lines) == plan.document_lines == 9


def test_same_columns_elsewhere_on_the_page_are_not_a_continuation():
    moved = table([row(line.cells, 2, line.kind, x0=300.0) for line in PAGE_2_NO_HEADER.lines if line.kind is not LineKind.NOTE])
    assert not continues(PLAN_PAGE_1, moved)
    later = table([row(line.cells, 3, line.kind) for line in PAGE_2_NO_HEADER.lines if line.kind is not LineKind.NOTE])
    assert not continues(PLAN_PAGE_1, later)  # not the next page
    assert continues(PLAN_PAGE_1, PAGE_2_NO_HEADER)
    read = read_document([PLAN_PAGE_1, moved])
    assert [t.rows != () for t in read.tables] == [True, False]
    assert all(line.role is Role.REJECT for line in read.tables[1].lines)


def test_a_drifted_family_table_beside_the_annex_says_how_it_drifts():
    drifted = table([row(("Activity", "Schedule", "Target audience", "Link to business plan"), 3, LineKind.HEADER),
                     row(("Review", "May", "Councils", "growth"), 3)])
    rejected = read_document([PLAN_PAGE_1, drifted]).tables[1]
    assert {line.reason for line in rejected.lines} == {
        "table 2 (page 3, columns: Activity | Schedule | Target audience | Link to business plan) does not fit its "
        "family: plan table header has unexpected column(s) 'Schedule' and missing column(s) 'Date'"}


def test_no_family_table_raises_the_error_of_the_nearest():
    drifted = table([row(("Activity", "Schedule", "Target audience", "Link to business plan"), 1, LineKind.HEADER)])
    with pytest.raises(HeaderMismatch, match="unexpected column"):
        read_document([BUDGET, drifted])
    with pytest.raises(DocumentError, match="no table found"):
        read_document([], source="paper.pdf")


def test_describe_a_table_without_header_by_its_first_row():
    headless = table([note("Intro", 4), row(("Venues", "12,000"), 4, width=200)])
    assert describe(headless, 3) == "table 3 (page 4, columns: Venues | 12,000)"
