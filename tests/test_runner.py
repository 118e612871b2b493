"""End to end through pipeline.flow and pipeline.runner: raw release folders in, curated Parquet out."""

import datetime as dt

import pyarrow.parquet as pq
import pytest
from batch_support import run_releases
from support import PLAN_SEED, TRACKER_SEED, seed_text

from pipeline.core.errors import ExitCode
from pipeline.flow import process_release
from pipeline.publish import partition_path
from generators.annex_pdf import TableSpec
from generators.text_dumps import DumpLayout, write_text_dump


def read(curated, table, release):
    return pq.read_table(partition_path(curated, table, release)).to_pylist()


def test_sample_release(sample_release, tmp_path):
    curated = tmp_path / "curated"
    result = process_release(sample_release, tmp_path / "staged", curated)
    assert result.ok, result.error
    activities = read(curated, "activities", "2015-16-q2")
    deliverables = read(curated, "deliverables", "2015-16-q2")
    quarters = read(curated, "deliverable_quarters", "2015-16-q2")
    assert len(activities) == 28 and len(deliverables) == 17 and len(quarters) == 4 * 17
    assert [a["row_number"] for a in activities] == list(range(1, 29))
    first = activities[0]
    assert first["activity"] == "Officer peer training (1day)" and first["duration_days"] == 1.0
    assert (first["date_start"], first["date_end"], first["status"]) == (dt.date(2015, 5, 21),) * 2 + ("completed",)
    assert first["audience_size"] == 10
    academy = next(a for a in activities if a["audience_text"] == "Sport PHs (15)")
    assert academy["audience"] == "Sport portfolio holders"
    assert next(a for a in activities if "2-tier" in a["activity"])["status"] == "tbc"
    heritage = [a for a in activities if a["activity"] == "Heritage seminar (1 day)"]
    assert heritage[1]["date_precision"] == "unknown" and heritage[1]["flags"] == ["date_missing"]
    # no debris, header, totals or key row became an activity
    assert not any(a["activity"] in ("Activity", "TOTALS", "-") or a["activity"].startswith("KEY") for a in activities)
    recruit = next(d for d in deliverables if d["deliverable"].startswith("Recruit"))
    assert (recruit["target"], recruit["total"], recruit["pct_achieved"]) == (100, 98, 98.0)
    recruit_quarters = [q for q in quarters if q["deliverable_id"] == recruit["deliverable_id"]]
    assert [(q["quarter"], q["value_text"], q["delivered"], q["value_flag"]) for q in recruit_quarters] == [
        (1, "n/a", None, "not_applicable"), (2, "98", 98, None), (3, "", None, "blank"), (4, "", None, "blank")]
    assert recruit_quarters[3]["period_start"] == dt.date(2016, 1, 1)
    # staged keeps every line with its role
    staged = pq.read_table(tmp_path / "staged" / "2015-16-q2" / f"{PLAN_SEED}.lines.parquet").to_pylist()
    assert len(staged) == 38 and staged[19]["role"] == "debris"
    assert all(row["balanced"] for row in result.accounting())


def test_later_release_other_year_and_layout(make_release, tmp_path):
    plan = TableSpec(
        title=("Annex C improvement plan 2016/17",),
        header_rows=(("Activity", "Date", "Target audience", "Link to business plan"),),
        rows=(("Planning academy (2 days)", "Wednesday 11 May", "Planning PHs (12)", "growth"),
              ("Libraries review Wigan (2 days)", "14/15 February - completed", "Individual council", "growth"),
              ("Culture summit (1 day)", "March 2017 (TBC)", "Culture PHs", "culture")),
        notes=("KEY PH = portfolio holder",))
    tracker = TableSpec(
        title=(),
        header_rows=(("Theme", "Deliverables", "2016/17 Target", "Number delivered per quarter", "", "", "",
                      "Total", "% achieved", "Commentary/forecast"),
                     ("", "", "", "Q1 Apr - June", "Q2 July - Sept", "Q3 Oct - Dec", "Q4 Jan - Mar", "", "", "")),
        rows=(("Housing", "", "", "", "", "", "", "", "", ""),
              ("", "Help councils build homes", "10", "2", "3", "4", "1", "10", "100%", "")))
    folder = make_release("2016-17-q4", {
        "plan.txt": write_text_dump(plan, DumpLayout(page_break_before=(2,))),
        "tracker.txt": write_text_dump(tracker)},
        manifest={"title": "later", "documents": ["plan.txt", "tracker.txt"]})  # year from the tracker
    curated = tmp_path / "curated"
    result = process_release(folder, tmp_path / "staged", curated)
    assert result.ok, result.error
    activities = read(curated, "activities", "2016-17-q4")
    assert [(a["date_start"], a["status"], a["source_page"]) for a in activities] == [
        (dt.date(2016, 5, 11), "planned", 1), (dt.date(2017, 2, 14), "completed", 1),
        (dt.date(2017, 3, 1), "tbc", 2)]
    deliverables = read(curated, "deliverables", "2016-17-q4")
    assert deliverables[0]["financial_year"] == "2016/17"
    quarters = read(curated, "deliverable_quarters", "2016-17-q4")
    assert quarters[0]["period_start"] == dt.date(2016, 4, 1)


def test_year_disagreement_is_an_error(make_release, tmp_path):
    folder = make_release("r1", {TRACKER_SEED: seed_text(TRACKER_SEED)},
                          manifest={"title": "t", "financial_year": "2016/17", "documents": [TRACKER_SEED]})
    result = process_release(folder, tmp_path / "s", tmp_path / "c")
    assert result.exit_code is ExitCode.BAD_INPUT
    assert "financial_year is 2016/17 but annex-b-delivery-tracker-2015-16.txt states 2015/16" in result.error.message
    assert not (tmp_path / "c").exists()


def test_one_bad_release_does_not_stop_the_others(make_release, tmp_path):
    make_release("a-bad", {"x.txt": "Name\tSalary\nBob\t1\n"})
    make_release("b-good", {PLAN_SEED: seed_text(PLAN_SEED)})
    results = run_releases(tmp_path / "raw", tmp_path / "s", tmp_path / "c", data_docs=True)
    assert [(r.release_id, r.exit_code) for r in results] == [("a-bad", ExitCode.BAD_INPUT), ("b-good", ExitCode.OK)]
    assert "holds no table of a known family" in results[0].error.message
    assert partition_path(tmp_path / "c", "activities", "b-good").is_file()
    assert not (tmp_path / "c" / "activities" / "release=a-bad").exists()


def test_same_input_same_bytes(sample_release, tmp_path):
    for out in ("c1", "c2"):
        assert process_release(sample_release, tmp_path / "s", tmp_path / out).ok
    for table in ("activities", "deliverables", "deliverable_quarters"):
        assert partition_path(tmp_path / "c1", table, "2015-16-q2").read_bytes() == \
            partition_path(tmp_path / "c2", table, "2015-16-q2").read_bytes()


def test_unknown_release_name(sample_release, tmp_path):
    from pipeline.core.errors import ManifestError

    with pytest.raises(ManifestError, match="no release folder named nope"):
        run_releases(tmp_path / "raw", tmp_path / "s", tmp_path / "c", release_ids=("nope",))


def _two_table_pdf(first_rows, second_rows) -> bytes:
    """One page, two ruled tables with space between them (reportlab, deterministic)."""
    import io

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Spacer, Table

    buffer = io.BytesIO()
    grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONT", (0, 0), (-1, -1), "Helvetica", 9)]
    SimpleDocTemplate(buffer, pagesize=A4, invariant=1).build(
        [Table(first_rows, style=grid), Spacer(1, 60), Table(second_rows, style=grid)])
    return buffer.getvalue()


PLAN_HEADER = ["Activity", "Date", "Target audience", "Link to business plan"]


def test_budget_table_beside_the_plan_is_kept_as_rejects(make_release, tmp_path):
    """A table of no known family beside the plan: its rows are rejects naming it (a warning
    alone dropped them), and the document's accounting counts them."""
    budget = [["Budget line", "Amount"], ["Venues", "12,000"], ["Travel", "3,000"]]
    plan = [PLAN_HEADER, ["Peer review (2 days)", "May", "Individual council", "growth"]]
    folder = make_release("r1", {"paper.pdf": _two_table_pdf(budget, plan)})
    result = process_release(folder, tmp_path / "s", tmp_path / "c", data_docs=False)
    assert result.ok, result.error
    assert read(tmp_path / "c", "activities", "r1")[0]["activity"] == "Peer review (2 days)"
    reason = "table 1 (page 1, columns: Budget line | Amount) is of no known family"
    rejects = read(tmp_path / "c", "rejects", "r1")
    assert [(r["text"], r["reason"], r["family"]) for r in rejects] == [
        (text, reason, "plan") for text in ("Budget line\tAmount", "Venues\t12,000", "Travel\t3,000")]
    warning = f"paper.pdf: {reason}: its 3 row(s) are in rejects; fix: "
    assert [w for w in result.warnings if w.startswith(warning)], result.warnings  # the hint: see test_table_hints
    (account,) = result.accounting()
    # 3 budget rows + the plan's header and row, nothing else on the page
    assert (account["input_lines"], account["rejected_lines"], account["data_rows"]) == (5, 3, 1)
    assert account["balanced"]
    # staged: one file for the document, both tables' lines in reading order (the plan's table
    # used to overwrite the budget's)
    staged = pq.read_table(tmp_path / "s" / "r1" / "paper.pdf.lines.parquet").to_pylist()
    assert [(row["cells"][0], row["role"]) for row in staged] == [
        ("Budget line", "reject"), ("Venues", "reject"), ("Travel", "reject"), ("Activity", "header"),
        ("Peer review (2 days)", "data")]


def test_no_annex_table_reports_the_table_nearest_a_family(make_release, tmp_path):
    budget = [["Budget line", "Amount"], ["Venues", "12,000"]]
    drifted = [["Activity", "Schedule", "Target audience", "Link to business plan"], ["Review", "May", "X", "growth"]]
    folder = make_release("r1", {"paper.pdf": _two_table_pdf(budget, drifted)})
    result = process_release(folder, tmp_path / "s", tmp_path / "c", data_docs=False)
    assert result.exit_code is ExitCode.BAD_INPUT
    assert "plan table header has unexpected column(s) 'Schedule' and missing column(s) 'Date'" in result.error.message


def test_a_plan_in_two_tables_of_one_pdf_is_one_account(make_release, tmp_path):
    first = [PLAN_HEADER, ["Peer review (2 days)", "May", "Individual council", "growth"], ["", "June", "", ""]]
    second = [PLAN_HEADER, ["Academy (2 days)", "July", "PHs (5)", "growth"], ["", "Aug", "", ""]]
    folder = make_release("r1", {"paper.pdf": _two_table_pdf(first, second)})
    result = process_release(folder, tmp_path / "s", tmp_path / "c", data_docs=False)
    assert [(row["document"], row["input_lines"], row["data_rows"], row["balanced"]) for row in result.accounting()] == [
        ("paper.pdf", 6, 2, True)]
    assert result.ok, result.error
    # a drawn row without an activity is rejected, never merged into the row above
    rejects = read(tmp_path / "c", "rejects", "r1")
    assert [(r["text"], r["reason"]) for r in rejects] == [("\tJune\t\t", "no activity in this row"),
                                                           ("\tAug\t\t", "no activity in this row")]
    assert len({r["line"] for r in rejects}) == 2  # one position per row of the document
    assert [a["date_text"] for a in read(tmp_path / "c", "activities", "r1")] == ["May", "July"]
