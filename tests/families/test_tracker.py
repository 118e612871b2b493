"""The tracker family, on the seed and on variants: another year, wrapped cells, page breaks."""

import pytest
from support import TRACKER_SEED, seed_text

from pipeline.core.errors import DocumentError
from pipeline.extract.text_dump import read_text_table
from pipeline.families import Role, detect_family, map_rows, read_family_table
from generators.annex_pdf import TableSpec
from generators.text_dumps import DumpLayout, write_text_dump


def tracker_spec(year="2016/17", rows=None):
    header = (("Theme", "Deliverables", f"{year} Target", "Number delivered per quarter", "", "", "",
               "Total", "% achieved", "Commentary/forecast"),
              ("", "", "", "Q1 Apr - June", "Q2 July - Sept", "Q3 Oct - Dec", "Q4 Jan - Mar", "", "", ""))
    rows = rows or (
        ("Housing", "", "", "", "", "", "", "", "", ""),
        ("", "Support at least 30 councils to build homes", "30", "5", "7", "9", "", "21", "70%", "on track"),
        ("", "Run 4 housing summits", "4", "1", "n/a", "1", "1", "3", "75%", ""),
        ("Digital", "", "", "", "", "", "", "", "", ""),
        ("", "Help 12 councils move services online", "12", "3", "3", "3", "3", "12", "100%", "done"),
    )
    return TableSpec(title=(), header_rows=header, rows=rows)


def tracker(text, name="tracker.txt"):
    return read_family_table(read_text_table(text, name))


def test_seed():
    table = tracker(seed_text(TRACKER_SEED), TRACKER_SEED)
    assert table.family == "tracker"
    assert len(table.rows) == 17
    assert table.stated_financial_year == "2015/16"
    assert table.quarter_labels["q1"].endswith("Q1 Apr - June")
    themes = [line.row.cells[0] for line in table.lines if line.role is Role.THEME]
    assert themes == ["Peer Work in Local Authorities", "Efficiency & Productivity",
                      "Strong Political Leadership", "Strong Local Economies",
                      "Workforce, Transformation and Integration"]
    assert [r.theme for r in table.rows].count("Efficiency & Productivity") == 5
    recruit = next(r for r in table.rows if r.cells["deliverable"].startswith("Recruit"))
    assert (recruit.cells["q1"], recruit.cells["q2"], recruit.cells["total"]) == ("n/a", "98", "98")


def test_another_year_and_rows():
    table = tracker(write_text_dump(tracker_spec("2016/17")))
    assert table.stated_financial_year == "2016/17"
    assert [r.theme for r in table.rows] == ["Housing", "Housing", "Digital"]
    assert table.rows[1].cells["q2"] == "n/a"


def test_page_break_repeats_both_header_rows():
    table = tracker(write_text_dump(tracker_spec(), DumpLayout(page_break_before=(2, 4))))
    assert len(table.rows) == 3
    assert sum(line.role is Role.REPEATED_HEADER for line in table.lines) == 4
    assert [r.page for r in table.rows] == [1, 2, 3]


def test_wrapped_deliverable_commentary_and_theme():
    spec = tracker_spec(rows=(
        ("Workforce, Transformation and Integration", "", "", "", "", "", "", "", "", ""),
        ("", "Support at least 15% of local authorities to transform their workforces", "52", "25",
         "17", "", "", "42", "81%", "forecast to exceed the target by the end of the year"),
    ))
    table = tracker(write_text_dump(spec, DumpLayout(wrap_width=22)))
    assert len(table.rows) == 1
    row = table.rows[0]
    assert row.theme == "Workforce, Transformation and Integration"
    assert row.cells["deliverable"] == "Support at least 15% of local authorities to transform their workforces"
    assert row.cells["commentary"] == "forecast to exceed the target by the end of the year"


def test_missing_quarter_column_is_drift():
    text = "Theme\tDeliverables\t2015/16 Target\tQ1\tQ2\tQ3\tTotal\t% achieved\tCommentary\n"
    with pytest.raises(DocumentError, match="missing column\\(s\\) 'Q4'"):
        tracker(text + "\tX\t1\t1\t\t\t1\t100%\t\n")


def test_totals_row_is_classified():
    rows = tracker_spec().rows + (("TOTAL", "", "46", "9", "10", "13", "4", "36", "", ""),)
    table = tracker(write_text_dump(tracker_spec(rows=rows)))
    assert len(table.rows) == 3
    assert table.lines[-1].role is Role.TOTALS


def test_a_columns_hint_maps_a_reworded_header_and_keeps_its_printed_label():
    """release.yaml `columns:` maps "Goal 2016/17" onto the target column; the year it prints is
    still the year the tracker states (the label is kept, not replaced)."""
    spec = tracker_spec()
    header = (tuple("Goal 2016/17" if c == "2016/17 Target" else c for c in spec.header_rows[0]),
              spec.header_rows[1])
    text = write_text_dump(TableSpec(title=(), header_rows=header, rows=spec.rows), DumpLayout())
    table = read_text_table(text, "tracker.txt")
    with pytest.raises(DocumentError, match=r'table: \{columns: \{"Goal 2016/17": "<year> Target"\}\}'):
        read_family_table(table)
    read = map_rows(table, detect_family(table, columns={"goal 2016/17": "Target"}))
    assert read.stated_financial_year == "2016/17"
    assert [r.cells["target"] for r in read.rows] == ["30", "4", "12"]
