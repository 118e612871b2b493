"""What a date cell is read as: a range, its precision, its status, and why when a rule says."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import Any


class Precision(str, Enum):
    DAY = "day"
    DAY_RANGE = "day_range"
    MONTH = "month"
    MONTH_RANGE = "month_range"
    QUARTER = "quarter"
    YEAR = "year"
    UNKNOWN = "unknown"


class Status(str, Enum):
    COMPLETED = "completed"
    CONFIRMED = "confirmed"
    TBC = "tbc"
    PLANNED = "planned"
    CANCELLED = "cancelled"  # not one of the four the annexes print most, but never "planned"
    DEFERRED = "deferred"  # moved (deferred, postponed, on hold, rescheduled): not happened, date not settled


@dataclass(frozen=True)
class DateRange:
    """A date cell read: the original text, an inclusive range, its precision and its status."""

    text: str
    start: dt.date | None
    end: dt.date | None
    precision: Precision
    status: Status
    quarter: int | None = None
    # why an `unknown` cell was refused, when a rule names it (year_out_of_range), or what a
    # spreadsheet's stored date did: the printed text does not show it (value_mismatch), its year,
    # not shown in the text, was outside the financial year and the financial year's was taken
    # (value_outside_financial_year)
    flag: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The CLI's and users' contract: exactly these keys, in this order, and "flag" after them
        only when the cell has one (so every readable cell's line is as it always was)."""
        fields = {
            "text": self.text,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": self.precision.value,
            "status": self.status.value,
        }
        if self.flag is not None:
            fields["flag"] = self.flag
        return fields


YEAR_OUT_OF_RANGE = "year_out_of_range"  # DateRange.flag: a written year outside 1900-2099
VALUE_MISMATCH = "value_mismatch"  # DateRange.flag: the printed text is no rendering of the stored date
# DateRange.flag: the stored date fell outside the document's financial year, its year not shown in
# the printed text: the text was read in the financial year instead (a warning, not a refusal)
VALUE_OUTSIDE_FINANCIAL_YEAR = "value_outside_financial_year"
# DateRange.flag: a month name with one slip of the keyboard ("Janaury") was read as the one month
# within reach; the date is given, and the correction said
MONTH_CORRECTED = "month_corrected"

# DateRange.flag: a day or month that does not exist ("30 February", "31/11/15", month 13): dates
# null, never rolled over into the next month
IMPOSSIBLE = "impossible"
# DateRange.flag: the weekday written is not the day's ("Thurs 9th Oct" in 2015, a Friday): one of
# them is wrong and the cell does not say which, so dates null
WEEKDAY_MISMATCH = "weekday_mismatch"

INVALID = object()  # the grammar read the cell, and it is no date (a reversed range, "March / Feb")
NO_SUCH_DAY = object()  # the grammar read the cell, and its day or month does not exist (`IMPOSSIBLE`)
