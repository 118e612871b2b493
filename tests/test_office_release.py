"""Issue 14: a release whose plan is a Word document and whose tracker is an Excel workbook
publishes the curated rows its cells say, exactly as written below (the documents are built from
these rows by tests/generators/office_docs.py; nothing is read back to make the expectations)."""

from __future__ import annotations

import datetime as dt

import pyarrow.parquet as pq

from pipeline.core.errors import ExitCode
from pipeline.publish import partition_path
from pipeline.flow import process_release
from generators.office_docs import Sheet, WordDocument, WordTable, write_docx, write_xlsx

PLAN_HEADER = ("Activity", "Date", "Target audience", "Link to business plan")
PLAN_ROWS = (
    ("Officer peer training (1 day)", "21 May - completed", "Culture and sport officer peers (10)", "growth"),
    ("Sport peer review Derby (2 days)", "14/15 May - completed", "Individual council", "growth"),
    ("Libraries peer review Solihull (2 days)", "23/24 May - completed", "Individual council", "growth"),
    ("CTS Conference (2 days)", "3-4 March - CONFIRMED", "Portfolio holders", ""),
)
# 1 + 2 + 2 + 2 days: the stated total agrees with the rows
PLAN_TAIL = (("TOTALS", "", "", ""), ("7 days of improvement activity for councils", "", "", ""),
             ("KEY PH = portfolio holder", "", "", ""))

TRACKER_HEADER = (
    ("Theme", "Deliverables", "2015/16 Target", "Number delivered per quarter", None, None, None,
     "Total", "% achieved", "Commentary/forecast"),
    (None, None, None, "Q1 Apr - June", "Q2 July - Sept", "Q3 Oct - Dec", "Q4 Jan - Mar", None, None, None),
)
# quarter header: one cell merged over the four quarter columns; the other labels merged down
TRACKER_HEADER_MERGES = ((0, 3, 0, 6), (0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 7, 1, 7),
                         (0, 8, 1, 8), (0, 9, 1, 9))


def tracker_sheet() -> Sheet:
    rows = (
        ("Annex B: delivery tracker 2015/16",),  # a title above the table: a note line
        (),
        *TRACKER_HEADER,
        ("Peer Work in Local Authorities",),  # a theme row: merged across the table below
        (None, "Deliver at least 100 peer challenges", 100, 18, 13, None, None, 31, 0.31, "On track"),
        (None, "Support 10 authorities with their leadership", 10, 6, 6, None, None, 12, 1.2, None),
        ("Productivity", "Run 4 productivity workshops", 4, 1, 2, None, None, 3, 0.75, "Q3 booked"),
        (None, "Publish 2 case studies", 2, 0, 1, "n/a", None, 1, 0.5, None),
    )
    shift = 2  # the header starts on the third row
    merges = tuple((a + shift, b, c + shift, d) for a, b, c, d in TRACKER_HEADER_MERGES)
    merges += ((4, 0, 4, 9),  # the theme row across the table
               (7, 0, 8, 0))  # the second theme merged down beside its two deliverables
    percent = {(r, 8): "0%" for r in range(5, 9)}
    return Sheet("Tracker", rows, merges=merges, number_formats=percent)


def release_documents() -> dict[str, bytes]:
    plan = WordDocument([
        "Annex C CTS Improvement Project Plan",
        # a page break before "CTS Conference" (row 4 counting the header), the header typed again
        WordTable((PLAN_HEADER, *PLAN_ROWS, *PLAN_TAIL), page_break_before=(4,), repeat_header=1),
    ])
    workbook = [
        Sheet("Cover", (("Improvement Board", None), ("Delivery tracker, quarter 2", None))),
        tracker_sheet(),
        Sheet("Working", (("scratch",),), hidden=True),
    ]
    return {"plan.docx": write_docx(plan), "tracker.xlsx": write_xlsx(workbook)}


def curated(folder, tmp_path) -> dict[str, list[dict]]:
    curated_root = tmp_path / "curated"
    result = process_release(folder, tmp_path / "staged", curated_root, data_docs=False)
    assert result.ok, result.error and result.error.message
    tables = {}
    for name in ("activities", "deliverables", "deliverable_quarters", "rejects"):
        path = partition_path(curated_root, name, folder.name)
        tables[name] = pq.read_table(path).to_pylist() if path.exists() else []
    tables["warnings"] = result.warnings
    tables["accounting"] = {a["document"]: a for a in result.accounting()}
    return tables


def test_docx_plan_and_xlsx_tracker_publish_the_rows_written(make_release, tmp_path):
    folder = make_release("office", release_documents())
    out = curated(folder, tmp_path)

    activities = out["activities"]
    assert [(a["activity"], a["date_text"], a["audience_text"], a["business_plan_link"]) for a in activities] == [
        (activity, date, audience, link or None) for activity, date, audience, link in PLAN_ROWS]
    assert [a["duration_days"] for a in activities] == [1, 2, 2, 2]
    assert activities[0]["date_start"] == dt.date(2015, 5, 21)
    # source_page of a Word row: the ordinal of the Word table it sits in; the page break split the
    # table in two, the fourth activity is in the second part
    assert [a["source_page"] for a in activities] == [1, 1, 1, 2]
    assert {a["source_file"] for a in activities} == {"plan.docx"}

    deliverables = out["deliverables"]
    assert [(d["theme"], d["deliverable"], d["target"], d["total"], d["pct_achieved"], d["commentary"])
            for d in deliverables] == [
        ("Peer Work in Local Authorities", "Deliver at least 100 peer challenges", 100, 31, 31.0, "On track"),
        ("Peer Work in Local Authorities", "Support 10 authorities with their leadership", 10, 12, 120.0, None),
        ("Productivity", "Run 4 productivity workshops", 4, 3, 75.0, "Q3 booked"),
        ("Productivity", "Publish 2 case studies", 2, 1, 50.0, None),
    ]
    assert {d["source_page"] for d in deliverables} == {2}  # the tracker is the workbook's second sheet
    assert {d["financial_year"] for d in deliverables} == {"2015/16"}

    by_id = {d["deliverable_id"]: d["deliverable"] for d in deliverables}
    quarters = {(by_id[q["deliverable_id"]], q["quarter"]): (q["value_text"], q["delivered"])
                for q in out["deliverable_quarters"]}
    assert quarters[("Deliver at least 100 peer challenges", 1)] == ("18", 18)
    assert quarters[("Deliver at least 100 peer challenges", 3)] == ("", None)
    assert quarters[("Publish 2 case studies", 1)] == ("0", 0)
    assert quarters[("Publish 2 case studies", 3)] == ("n/a", None)
    assert len(quarters) == 16

    # nothing in these documents is data that could not be read; the hidden sheet is said
    assert out["rejects"] == []
    # every line accounted for. plan.docx: its title paragraph, the header, 4 activities, the header
    # typed again after the page break, TOTALS, the stated total, the key = 10. tracker.xlsx: the
    # cover sheet's 2 lines; the tracker's title, the empty row under it, 2 header rows, the theme
    # row and 4 deliverables (the second theme sits beside its first deliverable) = 11 (the hidden
    # sheet is not read)
    accounting = out["accounting"]
    assert (accounting["plan.docx"]["input_lines"], accounting["tracker.xlsx"]["input_lines"]) == (10, 11)
    assert (accounting["plan.docx"]["data_rows"], accounting["tracker.xlsx"]["data_rows"]) == (4, 4)
    assert all(a["balanced"] for a in accounting.values())
    assert any("tracker.xlsx" in w and "'Working'" in w and "hidden sheet" in w for w in out["warnings"])


# A plan kept in Excel, its date column of real Excel dates (issue 14): (activity, stored value or
# typed text, number format, audience, link) and, written by hand, what each row publishes in
# 2015/16: (date_text, date_start, date_end, date_precision, status, flags).
EXCEL_PLAN = (
    (("Sport peer review Derby (2 days)", dt.datetime(2015, 5, 14), "dd mmm", "Individual council", "growth"),
     ("14 May", dt.date(2015, 5, 14), dt.date(2015, 5, 14), "day", "planned", [])),
    # the status printed by the number format, beside the date in the cell
    (("Culture conference (2 days)", dt.datetime(2016, 3, 3), 'dd mmm "- CONFIRMED"', "Portfolio holders", "culture"),
     ("03 Mar - CONFIRMED", dt.date(2016, 3, 3), dt.date(2016, 3, 3), "day", "confirmed", [])),
    # a month ("mmm-yy"), its status written beside it in the activity
    (("Tourism seminar (1 day TBC)", dt.datetime(2015, 9, 1), "mmm-yy", "Tourism PHs (20)", "growth"),
     ("Sep-15", dt.date(2015, 9, 1), dt.date(2015, 9, 30), "month", "tbc", [])),
    # "Apr-16" alone in 2015/16 would be 16 April 2015; the year it shows makes it April 2016 (a
    # real date just after the financial year, within validation's margin, as in a text dump)
    (("Heritage workshop (1 day)", dt.datetime(2016, 4, 1), "mmm-yy", "Heritage PHs", "culture"),
     ("Apr-16", dt.date(2016, 4, 1), dt.date(2016, 4, 30), "month", "planned", [])),
    # "12 Mar" typed in January 2015 into the 2015/16 plan: Excel stored the year of typing,
    # 2015-03-12, outside the year; the text shows no year, so the financial year's is taken (12
    # March 2016), said by a warning flag that does not stop the release
    (("Museums peer review (2 days)", dt.datetime(2015, 3, 12), "dd mmm", "Individual council", "culture"),
     ("12 Mar", dt.date(2016, 3, 12), dt.date(2016, 3, 12), "day", "planned", ["date_value_outside_financial_year"])),
    # typed in September 2014: 2014-09-24 would be far outside 2015/16 (and its validation margin)
    (("Arts council briefing (1 day)", dt.datetime(2014, 9, 24), "dd mmm", "Arts PHs", "culture"),
     ("24 Sep", dt.date(2015, 9, 24), dt.date(2015, 9, 24), "day", "planned", ["date_value_outside_financial_year"])),
    # a date typed as text: read as text, as before
    (("Housing academy (2 days)", "16/17 June - CONFIRMED", None, "Housing PHs (12)", "housing"),
     ("16/17 June - CONFIRMED", dt.date(2015, 6, 16), dt.date(2015, 6, 17), "day_range", "confirmed", [])),
    # a date formatted to show the time only: the printed text shows no date, so none is published
    (("Planning briefing (1 day)", dt.datetime(2015, 11, 5, 10, 0), "hh:mm", "Planning PHs", "growth"),
     ("10:00", None, None, "unknown", "planned", ["date_unreadable", "date_value_mismatch"])),
)


def excel_plan(written_rows) -> bytes:
    """A 2015/16 plan workbook of (activity, stored value or typed text, number format, audience, link)."""
    rows = [("Improvement plan 2015/16",), (), PLAN_HEADER]
    formats = {}
    for activity, date, number_format, audience, link in written_rows:
        if number_format:
            formats[(len(rows), 1)] = number_format
        rows.append((activity, date, audience, link))
    return write_xlsx([Sheet("Plan", rows, number_formats=formats)])


def test_excel_plan_dates_publish_the_exact_dates_stored_behind_the_printed_text(make_release, tmp_path):
    folder = make_release("excel-plan", {"plan.xlsx": excel_plan([written for written, _ in EXCEL_PLAN])})
    out = curated(folder, tmp_path)

    assert [(a["activity"], a["date_text"], a["date_start"], a["date_end"], a["date_precision"], a["status"],
             a["flags"]) for a in out["activities"]] == [
        (written[0], *expected) for written, expected in EXCEL_PLAN]
    assert out["rejects"] == []


def test_an_excel_month_showing_its_year_keeps_it_and_a_year_outside_stops_the_release(make_release, tmp_path):
    # "Mar-17" (mmm-yy) stored 2017-03-01 in the 2015/16 plan: the year is printed, so the date is
    # March 2017, not moved into the financial year; a year away from it, it fails the critical
    # date rule and nothing is published, as "March 2017" typed in a text dump would
    written = (("Sport peer review Derby (2 days)", dt.datetime(2015, 5, 14), "dd mmm", "Individual council", "growth"),
               ("Culture conference (2 days)", dt.datetime(2017, 3, 1), "mmm-yy", "Portfolio holders", "culture"))
    folder = make_release("excel-plan-2017", {"plan.xlsx": excel_plan(written)})
    curated_root = tmp_path / "curated"
    result = process_release(folder, tmp_path / "staged", curated_root, data_docs=False)

    assert result.exit_code is ExitCode.VALIDATION_FAILED and result.published == {}
    assert "inside the financial year" in result.error.message and "row_number 2" in result.error.message
    assert [(a["date_text"], a["date_start"], a["date_end"], a["date_precision"], a["flags"])
            for a in result.tables["activities"].to_pylist()] == [
        ("14 May", dt.date(2015, 5, 14), dt.date(2015, 5, 14), "day", []),
        ("Mar-17", dt.date(2017, 3, 1), dt.date(2017, 3, 31), "month", []),
    ]
    assert not partition_path(curated_root, "activities", folder.name).exists()
