"""A release's report: its curated tables -> one self-contained HTML page (charts embedded as
base64 PNG). `render_report` is pure; `write_report` reads curated/ and writes the file."""

from __future__ import annotations

import base64
import datetime as dt
from collections import Counter
from pathlib import Path

from jinja2 import Environment

from pipeline import __version__
from pipeline.core.fiscal import FinancialYear
from pipeline.report.charts import (MAX_DELIVERY_ROWS, MAX_TIMELINE_ROWS, dated_activities, delivery_png, timeline_png,
                                    undated_activities)
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
    environment = Environment(autoescape=True, keep_trailing_newline=True)
    return environment.from_string(REPORT_TEMPLATE).render(**report_context(data))


def report_context(data: ReleaseTables) -> dict:
    """Everything the template shows, as plain values in a fixed order."""
    activities = data.rows("activities")
    deliverables = data.rows("deliverables")
    quarters = data.rows("deliverable_quarters")
    year = financial_year_of(deliverables, activities)
    dated = dated_activities(activities)
    timeline = timeline_png(activities, year) if year and any(a["date_start"] for a in activities) else None
    # the chart draws the first MAX_DELIVERY_ROWS deliverables (one bar each); the table lists all
    drawn = sorted(deliverables, key=lambda d: d["row_number"])[:MAX_DELIVERY_ROWS]
    delivery = delivery_png(drawn, quarters, running_totals(data)) if deliverables else None
    checks = _check_rows(data, deliverables)
    return {
        "release": data.release,
        "financial_year": str(year) if year else None,
        "validation": validation_summary(data.record),
        "version": __version__,
        "schema_version": SCHEMA_VERSION,
        "counts": [(name, table.num_rows) for name, table in data.tables.items()],
        "checks": checks,
        "problem_checks": [c for c in checks or [] if c["problem"]],
        "passed_checks": [c for c in checks or [] if not c["problem"]],
        "check_columns": _CHECK_COLUMNS,
        "check_outcomes": sorted(Counter(r["outcome"] for r in data.rows(CHECKS_TABLE)).items())
        if checks else [],
        "warnings": release_warnings(data.record),
        "rejects": sorted(data.rows("rejects"), key=lambda r: (r["source_file"], r["line"])),
        "timeline_png": _base64(timeline),
        "timeline_summarised": len(dated) if timeline and len(dated) > MAX_TIMELINE_ROWS else 0,
        "undated": undated_activities(activities),
        "activities": sorted(activities, key=lambda a: a["row_number"]),
        "delivery_png": _base64(delivery),
        "delivery_cut": (len(drawn), len(deliverables)) if len(deliverables) > len(drawn) else None,
        "quarters": (1, 2, 3, 4),
        "deliverables": _deliverable_rows(deliverables, quarters),
    }


def running_totals(data: ReleaseTables) -> frozenset[str]:
    """Deliverables whose quarter values the checks found to be running totals ('cumulative')."""
    if data.checks is None:
        return frozenset()
    return frozenset(r["subject"] for r in data.rows(CHECKS_TABLE)
                     if r.get("check") == "quarters_vs_total" and r.get("outcome") == "cumulative")


def validation_summary(record: dict) -> str:
    """'passed (129 expectations, 0 critical failures, 2 warnings)', from the publish record."""
    validation = record.get("validation") or {}
    outcome = validation.get("outcome", "not recorded")
    details = []
    if "evaluated" in validation:
        details.append(f"{validation['evaluated']} expectations")
    if "critical" in validation:
        details.append(f"{len(validation['critical'])} critical failures")
    if "warnings" in validation:
        details.append(f"{len(validation['warnings'])} warnings")
    return f"{outcome} ({', '.join(details)})" if details else outcome


def release_warnings(record: dict) -> list[str]:
    """The run's and the validation's warnings, each once, in the order recorded."""
    validation = record.get("validation") or {}
    both = [*record.get("warnings", []), *validation.get("warnings", []), *validation.get("critical", [])]
    return list(dict.fromkeys(str(w) for w in both))


def financial_year_of(deliverables: list[dict], activities: list[dict]) -> FinancialYear | None:
    """The year the tracker states; else the one most activities start in (the plan states none)."""
    stated = sorted({d["financial_year"] for d in deliverables if d["financial_year"]})
    if stated:
        return FinancialYear.parse(stated[0])
    years = Counter(_year_containing(a["date_start"]) for a in activities if a["date_start"])
    return FinancialYear(min(years, key=lambda y: (-years[y], y))) if years else None


def _year_containing(day: dt.date) -> int:
    return day.year if day.month >= 4 else day.year - 1


def _check_rows(data: ReleaseTables, deliverables: list[dict]) -> list[dict] | None:
    """Checks as table rows: problems first, then by document, check, and the subject's place in
    the document (a deliverable id is shown as the deliverable's text, then the id)."""
    if data.checks is None:
        return None
    names = {d["deliverable_id"]: d["deliverable"] for d in deliverables}
    order = {d["deliverable_id"]: d["row_number"] for d in deliverables}
    rows = sorted(data.rows(CHECKS_TABLE), key=lambda r: (
        r.get("outcome") in _GOOD_OUTCOMES, r.get("document") or "", r.get("check") or "",
        order.get(r.get("subject"), 0), r.get("subject") or ""))
    out = []
    for row in rows:
        subject = row.get("subject")
        values = {**row, "subject": f"{names[subject]} ({subject})" if subject in names else subject}
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
        return f"{round(value, 2):g}"
    return str(value)


def _base64(png: bytes | None) -> str | None:
    return base64.b64encode(png).decode("ascii") if png else None

