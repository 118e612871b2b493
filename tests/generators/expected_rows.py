"""The curated rows a reader must publish for a hand-typed table, as the test typed them: the
columns that carry a document's text as printed (activity, date, audience, link; theme,
deliverable, target, total, % achieved, commentary; each quarter's count), in the table's order.

An expected answer built from a `TableSpec` (seed_specs.py) or from the typed deliverables
(tracker_pdf.DELIVERABLES), never from any reader of the project: the PDF, Word, Excel and
text-dump tests compare what they publish with this, so a row that one reader drops or misreads
shows as a difference instead of being missing on every side. The normalised columns (dates,
audience sizes, flags) are computed from these texts and tested with the normaliser.

A cell left empty is compared as None: the curated tables write an empty printed cell as "" in
some columns and as null in others, which is the normaliser's choice, not the reader's.
"""

from __future__ import annotations

from typing import Iterable, Sequence

from generators.annex_pdf import TableSpec
from generators.seed_specs import PLAN, PLAN_NAME, TRACKER_NAME
from generators.tracker_pdf import DELIVERABLES, Deliverable

PLAN_COLUMNS = ("row_number", "activity", "date_text", "audience_text", "business_plan_link")
DELIVERABLE_COLUMNS = ("row_number", "theme", "deliverable", "target", "total", "pct_achieved", "commentary")
QUARTER_COLUMNS = ("deliverable", "quarter", "value_text")
TOTALS = "TOTALS"  # the plan's totals block starts with this row; activities stand above it


def blank_as_none(value):
    return None if value == "" else value


def plan_rows(spec: TableSpec) -> list[dict]:
    """The activities of a plan spec (every body row above its TOTALS row), numbered from 1."""
    totals_row = (TOTALS,) + ("",) * (spec.n_columns - 1)
    body = spec.rows[:spec.rows.index(totals_row)] if totals_row in spec.rows else spec.rows
    return [dict(zip(PLAN_COLUMNS, (number, *map(blank_as_none, row))))
            for number, row in enumerate(body, start=1)]


def deliverable_rows(deliverables: Sequence[Deliverable]) -> list[dict]:
    """The deliverables as typed: the % achieved as printed ("31%") is the number 31."""
    return [dict(zip(DELIVERABLE_COLUMNS, (number, d.theme, d.deliverable, d.target, d.total,
                                           float(d.pct.rstrip("%")), blank_as_none(d.commentary))))
            for number, d in enumerate(deliverables, start=1)]


def quarter_rows(deliverables: Sequence[Deliverable]) -> list[dict]:
    """Four quarters per deliverable, Q3 and Q4 blank (the typed tracker fills Q1 and Q2)."""
    return [dict(zip(QUARTER_COLUMNS, (d.deliverable, quarter, blank_as_none(text))))
            for d in deliverables for quarter, text in enumerate((d.q1, d.q2, "", ""), start=1)]


def seed_tables(name: str) -> dict[str, list[dict]]:
    """What a seed annex (seed_specs.py) publishes, by table: the plan's activities, or the
    tracker's deliverables and their quarters; no rejects."""
    if name == PLAN_NAME:
        return {"activities": plan_rows(PLAN), "deliverables": [], "deliverable_quarters": [], "rejects": []}
    if name == TRACKER_NAME:
        return {"activities": [], "deliverables": deliverable_rows(DELIVERABLES),
                "deliverable_quarters": quarter_rows(DELIVERABLES), "rejects": []}
    raise KeyError(f"no typed rows for {name!r}; seeds are {PLAN_NAME}, {TRACKER_NAME}")


def published_text(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """The same columns of what a release published ({table: rows} as read from curated/): the
    quarters named by their deliverable's text (their id is a hash the test does not type)."""
    names = {row["deliverable_id"]: row["deliverable"] for row in tables.get("deliverables", [])}
    return {
        "activities": _project(tables.get("activities", []), PLAN_COLUMNS),
        "deliverables": _project(tables.get("deliverables", []), DELIVERABLE_COLUMNS),
        "deliverable_quarters": _project(
            [{**row, "deliverable": names.get(row["deliverable_id"])} for row in tables.get("deliverable_quarters", [])],
            QUARTER_COLUMNS),
        "rejects": list(tables.get("rejects", [])),
    }


def _project(rows: Iterable[dict], columns: Sequence[str]) -> list[dict]:
    return [{c: blank_as_none(row.get(c)) for c in columns} for row in rows]
