"""The generic text-dump reader: every line gets a kind; it knows nothing of families."""

from support import PLAN_SEED, TRACKER_SEED, seed_text

from pipeline.core.model import LineKind
from pipeline.extract.text_dump import (is_debris, is_header_continuation, matches_header,
                                        read_text_table, split_rows)
from pipeline.core.model import SourceRow


def kinds(table):
    return [(r.line, r.kind) for r in table.lines]


def test_text_dump_rows_have_no_stored_values():
    # a stored value is a spreadsheet's (issue 14): a dump's dates are only their text
    table = read_text_table(seed_text(PLAN_SEED), PLAN_SEED)
    assert all(line.values is None for line in table.lines)


def test_plan_seed_lines_classified():
    table = read_text_table(seed_text(PLAN_SEED), PLAN_SEED)
    by_line = dict(kinds(table))
    assert by_line[1] is LineKind.NOTE  # title
    assert by_line[2] is LineKind.HEADER
    assert by_line[18] is LineKind.BLANK
    assert by_line[19] is LineKind.REPEATED_HEADER
    assert by_line[20] is LineKind.DEBRIS  # "- \t\t\tplan"
    assert len(table.lines) == 38  # every line of the file is accounted for
    assert table.pages == (1, 2)
    assert {r.page for r in table.lines if r.line >= 19} == {2}


def test_tracker_seed_two_row_header():
    table = read_text_table(seed_text(TRACKER_SEED), TRACKER_SEED)
    headers = table.header_rows
    assert len(headers) == 2
    assert headers[1].cells[3:7] == ("Q1 Apr - June", "Q2 July - Sept", "Q3 Oct - Dec", "Q4 Jan - Mar")
    assert [r.kind for r in table.lines[:2]] == [LineKind.BLANK, LineKind.BLANK]
    assert all(r.kind is LineKind.BODY for r in table.lines[4:])


def test_cells_are_padded_and_stripped():
    rows = split_rows("a\tb \t c\nx\n")
    assert [r.cells for r in rows] == [("a", "b", "c"), ("x", "", "")]
    assert [r.line for r in rows] == [1, 2]


def test_form_feed_starts_a_page():
    rows = split_rows("h1\th2\nA\t1\n\fB\t2\n")
    assert [r.page for r in rows] == [1, 1, 2]
    assert rows[2].cells == ("B", "2")


def test_header_repeated_with_title_glued_to_first_cell():
    header = SourceRow(("Annex B: Theme", "Deliverables", "Target"), page=1)
    again = SourceRow(("Theme", "Deliverables", "Target"), page=2)
    assert matches_header(again, header)
    assert not matches_header(SourceRow(("Theme", "Other", "Target"), page=2), header)


def test_header_continuation_needs_a_span_or_a_wrapped_label_and_no_numbers():
    header = SourceRow(("Theme", "Target", "Quarters", "", ""), page=1)
    assert is_header_continuation(header, SourceRow(("", "", "Q1", "Q2", "Q3"), page=1))
    assert not is_header_continuation(header, SourceRow(("", "", "18", "13", ""), page=1))
    # under a filled label only a lower-case fragment is its wrap ("Link to business" / "plan")
    assert is_header_continuation(SourceRow(("A", "B"), page=1), SourceRow(("", "plan"), page=1))
    assert not is_header_continuation(SourceRow(("A", "B"), page=1), SourceRow(("", "Deliver a plan"), page=1))
    assert not is_header_continuation(SourceRow(("A", "B"), page=1), SourceRow(("x", "plan"), page=1))


def test_debris_patterns():
    header = SourceRow(("Activity", "Date", "Link to business"), page=1)
    assert is_debris(SourceRow(("-", "", "plan"), page=2), header)
    assert is_debris(SourceRow(("", "", "3"), page=2), header)  # a page number
    assert not is_debris(SourceRow(("Sport Academy", "", ""), page=2), header)


def test_no_header_means_all_notes():
    table = read_text_table("just one line\n\nanother\n", "x.txt")
    assert [r.kind for r in table.lines] == [LineKind.NOTE, LineKind.BLANK, LineKind.NOTE]


def test_crlf_and_trailing_tabs():
    table = read_text_table("T\r\nA\tB\t\t\r\n1x\t2y\t\t\r\n", "x.txt")
    assert table.width == 2
    assert table.lines[2].cells == ("1x", "2y")
