"""Financial years (April to March), the frame every year-less date in an annex lives in."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_FY_PATTERN = re.compile(r"^\s*(?:FY\s*)?(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})\s*$", re.IGNORECASE)
# Years an annex can be about; outside them dates cannot even be computed ("9999/00" ends in the
# year 10000, "0000/01" starts in the year 0), and inside them lies every plausible typo's fix.
FIRST_YEARS = range(1900, 2999)


@dataclass(frozen=True, order=True)
class FinancialYear:
    """A UK public-sector financial year: 1 April of `first_year` to 31 March of the next."""

    first_year: int

    @classmethod
    def parse(cls, text: str) -> "FinancialYear":
        """Read "2015/16", "2015-16", "2015/2016" or "FY2015/16"; ValueError otherwise.

        The second year must follow the first ("2015/17" is rejected), so a typo in a
        manifest cannot silently shift every date of a release.
        """
        match = _FY_PATTERN.match(str(text))
        if not match:
            raise ValueError(f"not a financial year: {text!r} (expected e.g. '2015/16')")
        first = int(match.group(1))
        if first not in FIRST_YEARS:
            raise ValueError(f"not a financial year: {text!r} (the first year must be from "
                             f"{FIRST_YEARS.start} to {FIRST_YEARS.stop - 1})")
        second_text = match.group(2)
        second = int(second_text) if len(second_text) == 4 else (first + 1) // 100 * 100 + int(second_text)
        if second != first + 1:
            raise ValueError(
                f"not a financial year: {text!r} (the second year must follow the first, "
                f"e.g. '{first}/{(first + 1) % 100:02d}')"
            )
        return cls(first)

    @property
    def start(self) -> dt.date:
        return dt.date(self.first_year, 4, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.first_year + 1, 3, 31)

    def year_of_month(self, month: int) -> int:
        """The calendar year a year-less month falls in: Apr-Dec first year, Jan-Mar second."""
        if not 1 <= month <= 12:
            raise ValueError(f"month out of range: {month}")
        return self.first_year if month >= 4 else self.first_year + 1

    def quarter_months(self, quarter: int) -> tuple[dt.date, dt.date]:
        """First and last day of financial quarter 1-4 (Q1 = April to June)."""
        if not 1 <= quarter <= 4:
            raise ValueError(f"quarter out of range: {quarter}")
        first_month = 4 + 3 * (quarter - 1)
        year = self.first_year + (first_month - 1) // 12
        first_month = (first_month - 1) % 12 + 1
        start = dt.date(year, first_month, 1)
        last_month = first_month + 2
        end = _last_day(year, last_month)
        return start, end

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def __str__(self) -> str:
        return f"{self.first_year}/{(self.first_year + 1) % 100:02d}"


def _last_day(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def last_day_of_month(year: int, month: int) -> dt.date:
    """31 January, 29 February 2016, ...: the inclusive end of a month."""
    return _last_day(year, month)
