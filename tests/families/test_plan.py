"""The plan family, on the seed and on variants the tests build: other page breaks, wrapped rows,
other rows and years."""

import pytest
from support import PLAN_SEED, seed_text

from pipeline.core.errors import DocumentError
from pipeline.extract.text_dump import read_text_table
from pipeline.families import Role, read_family_table
from generators.annex_pdf import TableSpec
from generators.text_dumps import DumpLayout, write_text_dump

HEADER = ("Activity", "Date", "Target audience", "Link to business plan")
ROWS = (
    ("Planning peer review Leeds (2 days)", "3/4 May - completed", "Individual council", "growth"),
    ("Housing academy (2 days)", "16/17 June - CONFIRMED", "Housing PHs (12)", "housing"),
    ("Tourism seminar (1 day)", "September", "Tourism PHs (20)", "growth"),
    ("Sport action learning set (1 day)", "November", "Sport PHs (5)", "growth"),
    ("Sport action learning set (1 day)", "November", "Sport PHs (5)", "growth"),
    ("Culture conference for all councils in the region, with partners (2 days)", "Feb / March",
     "Culture, tourism, planning and growth PHs", "culture"),
)


def plan(text, name="plan.txt"):
    return read_family_table(read_text_table(text, name))


def test_seed_rows_and_roles():
    table = plan(seed_text(PLAN_SEED), PLAN_SEED)
    assert table.family == "plan"
    assert len(table.rows) == 28
    roles = {line.row.line: line.role for line in table.lines}
    assert roles[20] is Role.DEBRIS and roles[19] is Role.REPEATED_HEADER
    assert roles[34] is Role.CONTINUATION
    assert [roles[n] for n in (35, 36, 37)] == [Role.TOTALS] * 3
    assert roles[38] is Role.KEY
    assert table.key == {"PH": "portfolio holder"}
    assert table.totals == ("41 days of improvement activity for councils", "over 200 councillors involved")
    assert table.rows[-1].cells["activity"] == "Up to 3 more sport action learning sets, depending upon demand"
    assert (table.rows[-1].line, table.rows[-1].line_end) == (33, 34)
    # identical rows are separate events
    assert sum(r.cells["activity"] == "Sport action learning set (1 day)" for r in table.rows) == 6
    assert table.rows[0].page == 1 and table.rows[-1].page == 2


@pytest.mark.parametrize("break_before", [(1,), (3,), (5,), (2, 4)])
def test_other_page_break_positions(break_before):
    spec = TableSpec(title=("Annex C improvement plan",), header_rows=(HEADER,), rows=ROWS,
                     notes=("KEY PH = portfolio holder",))
    table = plan(write_text_dump(spec, DumpLayout(page_break_before=break_before)))
    assert [tuple(r.cells.values()) for r in table.rows] == list(ROWS)
    assert [r.page for r in table.rows] == [1 + sum(i >= b for b in break_before) for i in range(len(ROWS))]
    assert not table.rejects


@pytest.mark.parametrize("width", [18, 25, 40])
def test_rows_wrapped_over_lines(width):
    spec = TableSpec(title=(), header_rows=(HEADER,), rows=ROWS)
    table = plan(write_text_dump(spec, DumpLayout(wrap_width=width)))
    assert [tuple(r.cells.values()) for r in table.rows] == list(ROWS)


def test_header_wrapped_and_reordered():
    text = "Date\tActivity\tLink to business\tTarget audience\n\t\tplan\t\n" \
           "May\tPeer review\tgrowth\tIndividual council\n"
    table = plan(text)
    assert table.rows[0].cells == {"date": "May", "activity": "Peer review", "link": "growth",
                                   "audience": "Individual council"}


@pytest.mark.parametrize("header, message", [
    ("Activity\tSchedule\tTarget audience\tLink to business plan\tOwner",
     "unexpected column\\(s\\) 'Schedule', 'Owner' and missing column\\(s\\) 'Date'"),
    ("Activity\tDate\tTarget audience", "missing column\\(s\\) 'Link to business plan'"),
])
def test_schema_drift_names_the_column(header, message):
    with pytest.raises(DocumentError, match=message) as caught:
        plan(header + "\nA\tMay\tB\tC\tD\n")
    assert "Activity, Date, Target audience, Link to business plan" in caught.value.fix


def test_unknown_table_lists_headers_and_families():
    with pytest.raises(DocumentError, match="headers found: 'Name', 'Salary'") as caught:
        plan("Name\tSalary\nBob\t10\n")
    assert "plan" in caught.value.fix and "tracker" in caught.value.fix


def test_line_without_activity_and_nothing_above_is_rejected():
    table = plan("Activity\tDate\tTarget audience\tLink to business plan\n\tMay\tX\tY\nReview\tJune\tX\tY\n")
    assert [r.reason for r in table.rejects] == ["no activity and no row above to continue"]
    assert len(table.rows) == 1


def test_activity_without_date_is_kept_when_row_above_is_finished():
    text = "Activity\tDate\tTarget audience\tLink\nSport event (1 day)\tJanuary\tX\tgrowth\n" \
           "Heritage seminar (1 day)\t\t\t\n"
    assert [r.cells["activity"] for r in plan(text).rows] == ["Sport event (1 day)", "Heritage seminar (1 day)"]


def test_key_in_several_definitions():
    text = "Activity\tDate\tTarget audience\tLink\nA\tMay\tLA officers\tg\nKEY PH = portfolio holder; LA = local authority\n"
    assert plan(text).key == {"PH": "portfolio holder", "LA": "local authority"}


def _row(cells, kind=None, date=None):
    """A plan row as a spreadsheet reader gives it: the date stored behind column 2, if any."""
    from pipeline.core.model import LineKind, SourceRow

    values = (None, date, None, None) if date else None
    return SourceRow(cells=cells, page=1, kind=kind or LineKind.BODY, values=values)


def test_stored_dates_follow_their_cells_and_a_joined_cell_has_none():
    """Issue 14: the date a spreadsheet stored behind a date cell reaches the family row under
    the column's name; a cell joined from two lines has no single stored date, a cell a wrapped
    line fills where the row above had none takes the wrapped line's."""
    from pipeline.core.model import LineKind, LogicalTable

    lines = (
        _row(HEADER, LineKind.HEADER),
        _row(("Seminar (1 day)", "12 Mar", "PHs", "growth"), date="2016-03-12"),
        _row(("Conference on", "1 Mar", "Leaders", "growth"), date="2017-03-01"),
        _row(("culture (2 days)", "- CONFIRMED", "", "")),  # wraps the row above: dates joined
        _row(("Workshop with", "", "", "")),  # the activity alone, its other cells on the next line
        _row(("partners (1 day)", "24 Sep", "Officers", "growth"), date="2015-09-24"),
        _row(("Visit (1 day)", "May", "Officers", "growth")),  # a date typed as text
    )
    table = read_family_table(LogicalTable(source="plan.xlsx", lines=lines), "plan")
    assert [(r.cells["activity"], r.cells["date"], r.values) for r in table.rows] == [
        ("Seminar (1 day)", "12 Mar", {"date": "2016-03-12"}),
        ("Conference on culture (2 days)", "1 Mar - CONFIRMED", {}),
        ("Workshop with partners (1 day)", "24 Sep", {"date": "2015-09-24"}),
        ("Visit (1 day)", "May", {}),
    ]


def test_stored_dates_survive_the_staged_round_trip():
    """The extract stage writes family tables to JSON and the normalise stage reads them back
    (pipeline/stages.py): the stored dates come back as they went."""
    from pipeline.core.model import LineKind, LogicalTable
    from pipeline.stages import _adapter

    lines = (_row(HEADER, LineKind.HEADER), _row(("Seminar (1 day)", "12 Mar", "PHs", "growth"), date="2016-03-12"))
    table = read_family_table(LogicalTable(source="plan.xlsx", lines=lines), "plan")
    adapter = _adapter()
    back = adapter.validate_python(adapter.dump_python([table], mode="json"))
    assert back == [table]
    assert back[0].rows[0].values == {"date": "2016-03-12"}
    assert back[0].lines[1].row.values == (None, "2016-03-12", None, None)
    assert back[0].lines[0].row.values is None
