"""A release's report: its curated tables -> one self-contained HTML page (charts embedded as
base64 PNG). `render_report` is pure; `write_report` reads curated/ and writes the file."""

from __future__ import annotations

import base64
import datetime as dt
from collections import Counter
from pathlib import Path

from pipeline import __version__
from pipeline.core.fiscal import FinancialYear
from pipeline.report.charts import delivery_png, timeline_png, undated_activities
from pipeline.report.data import CHECKS_TABLE, ReleaseTables, load_release
from pipeline.report.template import REPORT_TEMPLATE
from pipeline.schema import SCHEMA_VERSION

REPORT_NAME = "report.html"
# Check outcomes that are fine; every other one is highlighted.
_GOOD_OUTCOMES = {"match", "additive", "cumulative"}
_CHECK_COLUMNS = ("document", "check", "subject", "stated", "computed", "outcome", "detail")


def report_path(output_root: Path, release: str) -> Path:
    return Path(output_root) / release / REPORT_NAME


def write_report(curated_root: Path, release: str, output_root: Path) -> Path:
    """Render the release's report into output_root/<release>/report.html; returns the path."""
    html = render_report(load_release(curated_root, release))
    path = report_path(output_root, release)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def render_report(data: ReleaseTables) -> str:
    from jinja2 import Environment

    environment = Environment(autoescape=True, keep_trailing_newline=True)
    return environment.from_string(REPORT_TEMPLATE).render(**report_context(data))


def report_context(data: ReleaseTables) -> dict:
    """Everything the template shows, as plain values in a fixed order."""
    activities = data.rows("activities")
    deliverables = data.rows("deliverables")
    quarters = data.rows("deliverable_quarters")
    year = financial_year_of(deliverables, activities)
    timeline = timeline_png(activities, year) if year and any(a["date_start"] for a in activities) else None
    delivery = delivery_png(deliverables, quarters) if deliverables else None
    checks = _check_rows(data, {d["deliverable_id"]: d["deliverable"] for d in deliverables})
    return {
        "release": data.release,
        "financial_year": str(year) if year else None,
        "validation": data.record.get("validation", {}).get("outcome", "not recorded"),
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "counts": [(name, table.num_rows) for name, table in data.tables.items()],
        "checks": checks,
        "check_columns": _CHECK_COLUMNS,
        "check_outcomes": sorted(Counter(r["outcome"] for r in data.rows(CHECKS_TABLE)).items())
        if checks else [],
        "warnings": list(data.record.get("warnings", [])),
        "rejects": sorted(data.rows("rejects"), key=lambda r: (r["source_file"], r["line"])),
        "timeline_png": _base64(timeline),
        "undated": undated_activities(activities),
        "activities": sorted(activities, key=lambda a: a["row_number"]),
        "delivery_png": _base64(delivery),
        "quarters": (1, 2, 3, 4),
        "deliverables": _deliverable_rows(deliverables, quarters),
    }


def financial_year_of(deliverables: list[dict], activities: list[dict]) -> FinancialYear | None:
    """The year the tracker states; else the one most activities start in (the plan states none)."""
    stated = sorted({d["financial_year"] for d in deliverables if d["financial_year"]})
    if stated:
        return FinancialYear.parse(stated[0])
    years = Counter(_year_containing(a["date_start"]) for a in activities if a["date_start"])
    return FinancialYear(min(years, key=lambda y: (-years[y], y))) if years else None


def _year_containing(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _check_rows(data: ReleaseTables, deliverable_names: dict[str, str]) -> list[dict] | None:
    if data.checks is None:
        return None
    rows = sorted(data.rows(CHECKS_TABLE), key=lambda r: (
        r.get("outcome") in _GOOD_OUTCOMES, r.get("document") or "", r.get("check") or "",
        r.get("subject") or ""))
    out = []
    for row in rows:
        subject = row.get("subject")
        if subject in deliverable_names:  # a deliverable id reads better as its text
            subject = f"{deliverable_names[subject]} ({subject})"
        values = {**row, "subject": subject}
        out.append({"problem": row.get("outcome") not in _GOOD_OUTCOMES,
                    "cells": [_text(values.get(c)) for c in _CHECK_COLUMNS]})
    return out


def _deliverable_rows(deliverables: list[dict], quarters: list[dict]) -> list[dict]:
    printed = {(q["deliverable_id"], q["quarter"]): q["value_text"] for q in quarters}
    return [{**d, "quarter_texts": [printed.get((d["deliverable_id"], q), "") for q in (1, 2, 3, 4)],
             "pct_text": "" if d["pct_achieved"] is None else f"{d['pct_achieved']:g}%"}
            for d in sorted(deliverables, key=lambda d: d["row_number"])]


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _base64(png: bytes | None) -> str | None:
    return base64.b64encode(png).decode("ascii") if png else None

