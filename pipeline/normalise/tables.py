"""Family tables -> curated records: pure functions of cell text (and the dates a spreadsheet
stored behind it), the document key and the release's financial year. Row numbers are given
per release when the documents are assembled.
"""

from __future__ import annotations

import hashlib
import re

from pipeline.core.fiscal import FinancialYear
from pipeline.core.flags import ORDINARY, Flag, count_flag, date_flag
from pipeline.families import FamilyTable, Role
from pipeline.normalise.cells import parse_audience, parse_count, parse_duration_days, parse_percent
from pipeline.normalise.dates import Precision, normalise_date, parse_quarter_header, states_no_date

_ID_TEXT = re.compile(r"[^0-9a-z%]+")


def deliverable_id(text: str) -> str:
    """Stable across releases: a hash of the text with case, spacing and punctuation ignored."""
    normalised = " ".join(_ID_TEXT.sub(" ", text.casefold()).split())
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:12]


def activity_records(table: FamilyTable, release: str, financial_year: FinancialYear) -> list[dict]:
    records = []
    for row in table.rows:
        cells = row.cells
        activity, date_text = cells["activity"], cells["date"]
        # a spreadsheet's date cell: the date stored behind its printed text gives the year
        when = normalise_date(date_text, financial_year, context=activity, value=row.values.get("date"))
        audience, size = parse_audience(cells["audience"], table.key)
        flags = []
        if when.precision is Precision.UNKNOWN:
            flags.append(Flag.DATE_MISSING if states_no_date(date_text) else Flag.DATE_UNREADABLE)
        if when.flag:
            # why, when a rule names it: date_year_out_of_range; what a spreadsheet's stored date
            # did: date_value_mismatch (the printed text is no rendering of it: the text was read),
            # date_value_outside_financial_year (its year, not shown in the text, fell outside the
            # financial year: the text was read in the financial year). Warnings, kept in `flags`
            flags.append(date_flag(when.flag))
        records.append({
            "release": release,
            "source_file": table.source,
            "source_page": row.page,
            "activity": activity,
            "duration_days": parse_duration_days(activity),
            "date_text": date_text,
            "date_start": when.start,
            "date_end": when.end,
            "date_precision": when.precision.value,
            "status": when.status.value,
            "audience_text": cells["audience"],
            "audience": audience,
            "audience_size": size,
            "business_plan_link": cells["link"] or None,
            "flags": flags,
        })
    return records


def deliverable_records(
    table: FamilyTable, release: str, financial_year: FinancialYear
) -> tuple[list[dict], list[dict]]:
    """Deliverables and their four quarter rows each."""
    periods = _quarter_periods(table, financial_year)
    deliverables, quarters = [], []
    seen: dict[str, int] = {}
    for row in table.rows:
        cells = row.cells
        base_id = deliverable_id(cells["deliverable"])
        seen[base_id] = seen.get(base_id, 0) + 1
        # the same deliverable twice in one release: keep both, the second id suffixed
        ident = base_id if seen[base_id] == 1 else f"{base_id}-{seen[base_id]}"
        flags = []
        target = parse_count(cells["target"])
        total = parse_count(cells["total"])
        pct, pct_flag = parse_percent(cells["pct_achieved"])
        for name, count in (("target", target), ("total", total)):
            if count.flag is not None and count.flag not in ORDINARY:
                flags.append(count_flag(name, count.flag))
        if pct_flag:
            flags.append(pct_flag)
        deliverables.append({
            "release": release,
            "source_file": table.source,
            "source_page": row.page,
            "financial_year": str(financial_year),
            "theme": row.theme,
            "deliverable_id": ident,
            "deliverable": cells["deliverable"],
            "target": target.value,
            "total": total.value,
            "pct_achieved": pct,
            "commentary": cells["commentary"] or None,
            "flags": flags,
        })
        for quarter in (1, 2, 3, 4):
            text = cells[f"q{quarter}"]
            count = parse_count(text)
            start, end = periods[quarter]
            quarters.append({
                "release": release,
                "deliverable_id": ident,
                "quarter": quarter,
                "period_start": start,
                "period_end": end,
                "value_text": text,
                "delivered": count.value,
                "value_flag": count.flag,
            })
    return deliverables, quarters


def _quarter_periods(table: FamilyTable, financial_year: FinancialYear) -> dict[int, tuple]:
    """Each quarter's period, from its header ("Q1 Apr - June") within the financial year."""
    periods = {}
    for quarter in (1, 2, 3, 4):
        parsed = parse_quarter_header(table.quarter_labels.get(f"q{quarter}", ""), financial_year)
        if parsed is not None and parsed.quarter == quarter and parsed.start and parsed.end:
            periods[quarter] = (parsed.start, parsed.end)
        else:
            periods[quarter] = financial_year.quarter_months(quarter)
    return periods


def reject_records(table: FamilyTable, release: str, first_position: int = 1) -> list[dict]:
    """Rejected lines; `line` is the dump's line, or for a PDF the row's position in the
    document's reading order (its tables one after another, from `first_position`)."""
    return [
        {
            "release": release,
            "source_file": table.source,
            "source_page": line.row.page,
            "line": line.row.line if line.row.line is not None else index,
            "family": table.family,
            "text": line.row.text,
            "reason": line.reason,
        }
        for index, line in enumerate(table.lines, start=first_position)
        if line.role is Role.REJECT
    ]


def number_rows(records: list[dict]) -> list[dict]:
    """row_number 1..N in document order, across a release's documents."""
    return [{**record, "row_number": index} for index, record in enumerate(records, start=1)]
