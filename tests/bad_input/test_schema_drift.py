"""Schema drift: a plan or tracker whose header renames, drops or adds a column is refused with the
column named and the expected columns listed; a reordered header alone is read correctly.

The broken cases rewrite the published sample release's own dumps (every line, so the repeated
header after the page break drifts too) and run it beside a good release."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from support import PLAN_SEED, TRACKER_SEED

from pipeline.publish import partition_path

PLAN_COLUMNS = "Activity, Date, Target audience, Link to business plan (any order)"
TRACKER_COLUMNS = ("Theme, Deliverables, <year> Target, Q1, Q2, Q3, Q4, Total, % achieved, "
                   "Commentary/forecast (any order)")


def rewrite_columns(ws, name: str, edit) -> None:
    """Apply `edit(cells, is_header_line) -> cells` to every line of a sample dump."""
    path = ws.raw / "2015-16-q2" / name
    lines = path.read_text(encoding="utf-8").split("\n")
    header = next(line for line in lines if sum(bool(c.strip()) for c in line.split("\t")) >= 2)
    out = [("\t".join(edit(line.split("\t"), line == header)) if "\t" in line else line) for line in lines]
    path.write_text("\n".join(out), encoding="utf-8")


def rename(old: str, new: str):
    return lambda cells, is_header: [new if is_header and c == old else c for c in cells]


def drop(index: int):
    return lambda cells, is_header: cells[:index] + cells[index + 1:]


def add(index: int, label: str, value: str = "", key: int = 0):
    """A new column: its label in the header, `value` in every data row (key cell and another)."""
    def edit(cells, is_header):
        cell = label if is_header else value if cells[key] and sum(bool(c) for c in cells) >= 2 else ""
        return cells[:index] + [cell] + cells[index:]
    return edit


@pytest.mark.parametrize("document, edit, expected", [
    (PLAN_SEED, rename("Target audience", "Attendees"),
     f"{PLAN_SEED} (page 1, line 2): plan table header has unexpected column(s) 'Attendees' and "
     "missing column(s) 'Target audience'"),
    (PLAN_SEED, drop(3), f"{PLAN_SEED} (page 1, line 2): plan table header has missing column(s) "
     "'Link to business plan'"),
    (PLAN_SEED, drop(0), f"{PLAN_SEED} (page 1, line 2): plan table header has missing column(s) 'Activity'"),
    (PLAN_SEED, add(2, "Venue", "London"),
     f"{PLAN_SEED} (page 1, line 2): plan table header has unexpected column(s) 'Venue'"),
    (TRACKER_SEED, rename("% achieved", "Progress"),
     f"{TRACKER_SEED} (page 1, line 3): tracker table header has unexpected column(s) 'Progress' and "
     "missing column(s) '% achieved'"),
    (TRACKER_SEED, drop(9), f"{TRACKER_SEED} (page 1, line 3): tracker table header has missing "
     "column(s) 'Commentary/forecast'"),
    (TRACKER_SEED, add(2, "Lead officer", "J Bloggs", key=1),
     f"{TRACKER_SEED} (page 1, line 3): tracker table header has unexpected column(s) 'Lead officer'"),
])
def test_drifted_header_is_refused_naming_the_column(ws, document, edit, expected):
    before = ws.publish_sample()
    rewrite_columns(ws, document, edit)
    columns = PLAN_COLUMNS if document == PLAN_SEED else TRACKER_COLUMNS
    ws.expect_rejected(expected, f"fix: a {'plan' if document == PLAN_SEED else 'tracker'} table has "
                       f"the columns: {columns}; rename the header or set the document's family in "
                       "release.yaml", before=before)


def test_duplicated_column_is_named(ws):
    before = ws.publish_sample()
    rewrite_columns(ws, PLAN_SEED, add(2, "Date", "June"))
    ws.expect_rejected(f"{PLAN_SEED} (page 1, line 2): plan table header has a second column 'Date'",
                       before=before)


def reorder(order: list[int]):
    return lambda cells, is_header: [cells[i] if i < len(cells) else "" for i in order]


DATA_TABLES = ("activities", "deliverables", "deliverable_quarters", "rejects")


def parquet(snapshot: dict[str, bytes]) -> dict[str, bytes]:
    """The curated data files (validation records may name the changed input, and do change)."""
    return {k: v for k, v in snapshot.items() if k.split("/")[0] in DATA_TABLES}


def read(ws, table):
    return pq.read_table(partition_path(ws.curated, table, "2015-16-q2")).to_pylist()


def test_reordered_plan_columns_give_the_same_rows(ws):
    before = ws.publish_sample()
    expected = read(ws, "activities")
    rewrite_columns(ws, PLAN_SEED, reorder([3, 2, 0, 1]))
    outcome = ws.cli("run")
    assert outcome.code == 0, outcome.err
    assert read(ws, "activities") == expected
    assert parquet(ws.snapshot()) == parquet(before)  # same rows, same bytes


def test_reordered_tracker_columns_give_the_same_rows(ws):
    before = ws.publish_sample()
    expected = (read(ws, "deliverables"), read(ws, "deliverable_quarters"))
    # Commentary first, then % achieved and Total before the quarters; theme and deliverable last
    rewrite_columns(ws, TRACKER_SEED, reorder([9, 8, 7, 3, 4, 5, 6, 2, 0, 1]))
    outcome = ws.cli("run")
    assert outcome.code == 0, outcome.err
    assert (read(ws, "deliverables"), read(ws, "deliverable_quarters")) == expected
    assert parquet(ws.snapshot()) == parquet(before)
