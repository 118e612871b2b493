"""A release's family tables -> its curated tables, typed by the declared schemas (the normalise
step of pipeline/flow.py; pure: no file is read or written)."""

from __future__ import annotations

from collections import Counter

import pyarrow as pa

from pipeline.core.fiscal import FinancialYear
from pipeline.families import FamilyTable
from pipeline.normalise.tables import (activity_records, deliverable_records, number_rows,
                                       reject_records)
from pipeline.schema import ACTIVITIES, DELIVERABLE_QUARTERS, DELIVERABLES, REJECTS, to_arrow


def normalise_release(release_id: str, financial_year: FinancialYear,
                      tables: list[FamilyTable]) -> dict[str, pa.Table]:
    """The curated tables of one release (activities, deliverables, deliverable_quarters, rejects)."""
    activities, deliverables, quarters, rejects = [], [], [], []
    position: Counter = Counter()  # lines read so far per document (several tables in one PDF)
    for table in tables:
        if table.family == "plan":
            activities += activity_records(table, release_id, financial_year)
        else:
            more_deliverables, more_quarters = deliverable_records(table, release_id, financial_year)
            deliverables += more_deliverables
            quarters += more_quarters
        rejects += reject_records(table, release_id, first_position=position[table.source] + 1)
        position[table.source] += len(table.lines)
    return {
        ACTIVITIES.name: to_arrow(ACTIVITIES, number_rows(activities)),
        DELIVERABLES.name: to_arrow(DELIVERABLES, number_rows(deliverables)),
        DELIVERABLE_QUARTERS.name: to_arrow(DELIVERABLE_QUARTERS, quarters),
        REJECTS.name: to_arrow(REJECTS, rejects),
    }
