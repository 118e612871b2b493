"""`annex diff` lists exactly the changes made between two releases: end to end on the sample
release and a later one the test edits, and the matching rules on small hand-made tables."""

import datetime as dt
import shutil

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest
from support import PLAN_SEED, SAMPLE_RELEASE, TRACKER_SEED

from pipeline.cli import main
from pipeline.diff import DIFF, diff_releases, match_activities, normalised_text, value_text
from pipeline.flow import process_release
from pipeline.schema import ACTIVITIES, DELIVERABLE_QUARTERS, DELIVERABLES, to_arrow

LATER = "2015-16-q3"

# The edits that make the later release: (document, line as in the sample, line in the later one).
PLAN_EDITS = [
    # a status changed: confirmed -> completed
    ("Culture Academy (2days)\t22/23 October - CONFIRMED\t",
     "Culture Academy (2days)\t22/23 October - completed\t"),
    # a date moved: a month becomes a day
    ("Sport Alumni event (1 day)\tJanuary\t", "Sport Alumni event (1 day)\t14 January\t"),
    # an activity added before the conference
    ("CTS Conference (2 days)\t",
     "Museums peer review Leeds (2 days)\t9/10 March - CONFIRMED\tIndividual council\tgrowth\n"
     "CTS Conference (2 days)\t"),
]
# an activity removed: the last of three identical "Feb / March" learning sets
REMOVED_LINE = "Sport action learning set (1 day)\tFeb / March\tSport PHs who have completed an academy (5)\tgrowth\n"
TRACKER_EDITS = [
    # a quarter count: Q3 filled in, total and % updated with it
    ("place based)\t100\t18\t13\t\t\t31\t31%\t", "place based)\t100\t18\t13\t12\t\t43\t43%\t"),
    # a commentary
    ("548 are currently booked onto courses", "560 are now booked onto courses"),
]


def edit(text: str, edits: list[tuple[str, str]]) -> str:
    for old, new in edits:
        assert text.count(old) == 1, old  # the sample changed: update the edits
        text = text.replace(old, new)
    return text


def remove_last(text: str, line: str) -> str:
    assert text.count(line) == 3
    head, _, tail = text.rpartition(line)
    return head + tail


@pytest.fixture(scope="module")
def curated(tmp_path_factory):
    root = tmp_path_factory.mktemp("diff")
    first = root / "raw" / SAMPLE_RELEASE.name
    later = root / "raw" / LATER
    shutil.copytree(SAMPLE_RELEASE, first)
    shutil.copytree(SAMPLE_RELEASE, later)
    plan = (later / PLAN_SEED).read_text(encoding="utf-8")
    (later / PLAN_SEED).write_text(remove_last(edit(plan, PLAN_EDITS), REMOVED_LINE), encoding="utf-8")
    tracker = (later / TRACKER_SEED).read_text(encoding="utf-8")
    (later / TRACKER_SEED).write_text(edit(tracker, TRACKER_EDITS), encoding="utf-8")
    for folder in (first, later):
        result = process_release(folder, root / "staged", root / "curated")
        assert result.ok, result.error
    return root / "curated"


def changes(table: pa.Table) -> set[tuple]:
    return {(r["table"], r["change"], r["row_a"], r["row_b"], r["item"], r["field"], r["before"],
             r["after"]) for r in table.to_pylist()}


PEER_CHALLENGES = "Deliver at least 100 peer challenges (corporate, service specific, place based)"
TRAINING = "Training for at least 500 councillors with leadership roles in their local authorities"
EXPECTED = {
    ("activities", "status_changed", 12, 12, "Culture Academy (2days)", "status", "confirmed",
     "completed"),
    ("activities", "rescheduled", 19, 19, "Sport Alumni event (1 day)", "date_start", "2016-01-01",
     "2016-01-14"),
    ("activities", "rescheduled", 19, 19, "Sport Alumni event (1 day)", "date_end", "2016-01-31",
     "2016-01-14"),
    ("activities", "rescheduled", 19, 19, "Sport Alumni event (1 day)", "date_precision", "month", "day"),
    ("activities", "added", None, 26, "Museums peer review Leeds (2 days)", None, None, None),
    ("activities", "removed", 26, None, "Sport action learning set (1 day)", None, None, None),
    ("deliverables", "counts_changed", 1, 1, PEER_CHALLENGES, "total", "31", "43"),
    ("deliverables", "counts_changed", 1, 1, PEER_CHALLENGES, "pct_achieved", "31", "43"),
    ("deliverables", "counts_changed", 1, 1, PEER_CHALLENGES, "delivered_q3", None, "12"),
    ("deliverables", "commentary_changed", 10, 10, TRAINING, "commentary",
     "548 are currently booked onto courses", "560 are now booked onto courses"),
}


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_annex_diff_lists_exactly_the_changes_made(curated, tmp_path, suffix, capsys):
    output = tmp_path / f"changes{suffix}"
    code = main(["diff", SAMPLE_RELEASE.name, LATER, "--curated", str(curated), "--output", str(output)])
    assert code == 0
    if suffix == ".parquet":
        table = pq.read_table(output)
        assert table.schema.equals(DIFF.schema, check_metadata=False)
    else:
        table = pacsv.read_csv(output, convert_options=pacsv.ConvertOptions(
            column_types=DIFF.schema, strings_can_be_null=True))
    assert changes(table) == EXPECTED
    assert table.num_rows == len(EXPECTED)
    assert set(table.column("release_a").to_pylist()) == {SAMPLE_RELEASE.name}
    assert set(table.column("release_b").to_pylist()) == {LATER}
    screen = capsys.readouterr().out
    assert f"10 change(s) from {SAMPLE_RELEASE.name} to {LATER}" in screen
    assert "activities: 6 change(s)" in screen and "deliverables: 4 change(s)" in screen


def test_a_release_against_itself_has_no_changes(curated, capsys):
    assert main(["diff", LATER, LATER, "--curated", str(curated)]) == 0
    assert f"0 change(s) from {LATER} to {LATER}" in capsys.readouterr().out


def test_json_format_and_exit_code(curated, capsys):
    """Issue 22: no JSON output, and always exit 0. --exit-code: 1 when something changed (as
    git diff --exit-code), 0 when nothing did."""
    import json

    capsys.readouterr()
    assert main(["diff", SAMPLE_RELEASE.name, LATER, "--curated", str(curated), "--format", "json",
                 "--exit-code"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert (out["from"], out["to"]) == (SAMPLE_RELEASE.name, LATER)
    assert {(c["table"], c["change"], c["row_a"], c["row_b"], c["item"], c["field"], c["before"], c["after"])
            for c in out["changes"]} == EXPECTED
    assert main(["diff", LATER, LATER, "--curated", str(curated), "--format", "json", "--exit-code"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"] == []
    assert main(["diff", SAMPLE_RELEASE.name, LATER, "--curated", str(curated)]) == 0  # without it


def test_unknown_release_and_output_format_are_usage_errors(curated, tmp_path, capsys):
    assert main(["diff", SAMPLE_RELEASE.name, "2099-00", "--curated", str(curated)]) == 2
    assert "known releases: 2015-16-q2, 2015-16-q3" in capsys.readouterr().err
    assert main(["diff", SAMPLE_RELEASE.name, LATER, "--curated", str(curated),
                 "--output", str(tmp_path / "x.xlsx")]) == 2


# --- the rules, on hand-made rows ---------------------------------------------------------

def activity(row: int, text: str, start: dt.date | None, end: dt.date | None = None,
             precision: str = "day", status: str = "planned") -> dict:
    return {"release": "r", "source_file": "plan.txt", "source_page": 1, "row_number": row,
            "activity": text, "date_text": "", "date_start": start, "date_end": end or start,
            "date_precision": precision if start else "unknown", "status": status,
            "audience_text": "", "flags": []}


def activities_table(*rows: dict) -> dict[str, pa.Table]:
    return {"activities": to_arrow(ACTIVITIES, list(rows))}


NOV, DEC, JAN = dt.date(2015, 11, 1), dt.date(2015, 12, 1), dt.date(2016, 1, 1)


def test_inserting_an_identical_activity_adds_one_and_moves_none():
    before = activities_table(activity(1, "Learning set", NOV), activity(2, "Learning set", JAN))
    after = activities_table(activity(1, "Learning set", NOV), activity(2, "Learning set", DEC),
                             activity(3, "Learning set", JAN))
    diff = diff_releases("a", before, "b", after).to_pylist()
    assert [(d["change"], d["row_a"], d["row_b"]) for d in diff] == [("added", None, 2)]


def test_a_moved_activity_among_identical_ones_is_rescheduled_in_occurrence_order():
    before = activities_table(activity(1, "Learning set", NOV), activity(2, "Learning set", DEC))
    after = activities_table(activity(1, "Learning set", NOV), activity(2, "Learning set", JAN))
    diff = diff_releases("a", before, "b", after).to_pylist()
    assert [(d["change"], d["field"], d["before"], d["after"]) for d in diff] == [
        ("rescheduled", "date_start", "2015-12-01", "2016-01-01"),
        ("rescheduled", "date_end", "2015-12-01", "2016-01-01")]


def test_activity_text_matches_ignoring_case_spacing_and_punctuation():
    pairs, removed, added = match_activities(
        [activity(1, "Sport Academy (2days)", NOV)], [activity(1, "sport  academy 2days", NOV)])
    assert len(pairs) == 1 and not removed and not added
    assert normalised_text(" Sport Academy (2days) ") == "sport academy 2days"


def test_status_change_with_the_same_dates_is_only_a_status_change():
    before = activities_table(activity(1, "Seminar", NOV, status="confirmed"))
    after = activities_table(activity(1, "Seminar", NOV, status="completed"))
    diff = diff_releases("a", before, "b", after).to_pylist()
    assert [(d["change"], d["before"], d["after"]) for d in diff] == [
        ("status_changed", "confirmed", "completed")]


def deliverable(row: int, ident: str, total: int | None = 1, commentary: str | None = None) -> dict:
    return {"release": "r", "source_file": "t.txt", "source_page": 1, "row_number": row,
            "financial_year": "2015/16", "theme": None, "deliverable_id": ident,
            "deliverable": f"deliverable {ident}", "target": 10, "total": total,
            "pct_achieved": None, "commentary": commentary, "flags": []}


def quarter(ident: str, number: int, text: str, delivered: int | None) -> dict:
    start = dt.date(2015, 4, 1)
    return {"release": "r", "deliverable_id": ident, "quarter": number, "period_start": start,
            "period_end": start, "value_text": text, "delivered": delivered}


def tracker(deliverables: list[dict], quarters: list[dict]) -> dict[str, pa.Table]:
    return {"deliverables": to_arrow(DELIVERABLES, deliverables),
            "deliverable_quarters": to_arrow(DELIVERABLE_QUARTERS, quarters)}


def test_deliverables_added_removed_and_printed_quarter_text_changes():
    before = tracker([deliverable(1, "aaa"), deliverable(2, "bbb")],
                     [quarter("aaa", 1, "n/a", None)])
    after = tracker([deliverable(1, "aaa", commentary="late"), deliverable(2, "ccc")],
                    [quarter("aaa", 1, "", None)])
    diff = diff_releases("a", before, "b", after).to_pylist()
    assert [(d["change"], d["deliverable_id"], d["field"], d["before"], d["after"]) for d in diff] == [
        ("counts_changed", "aaa", "delivered_q1", "n/a", None),
        ("commentary_changed", "aaa", "commentary", None, "late"),
        ("added", "ccc", None, None, None),
        ("removed", "bbb", None, None, None)]


def test_value_text():
    assert value_text(31.0) == "31" and value_text(31.5) == "31.5"
    assert value_text(dt.date(2016, 1, 14)) == "2016-01-14"
    assert value_text("  ") is None and value_text(None) is None and value_text(0) == "0"
