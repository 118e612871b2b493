"""dateparser, for a single date the grammar does not read although it knows every piece of the
cell ("12-09"): never on a cell with a piece the grammar does not know (see `tokens.scan`)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pipeline.core.fiscal import FinancialYear

_FALLBACK_MAX_CHARS = 80  # real date cells are short; dateparser on prose is slow and wrong


def dateparser_settings(financial_year: FinancialYear) -> dict[str, Any]:
    """Settings that keep today's date and the machine's locale out of dateparser's answer.

    Only absolute dates and custom formats are read ("tomorrow", "in 2 days", timestamps are
    not); a day and a month are required; a missing year comes from RELATIVE_BASE, the financial
    year's start, and is then placed in the financial year by us.
    """
    return {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "current_period",
        "RELATIVE_BASE": dt.datetime(financial_year.first_year, 4, 1),
        "REQUIRE_PARTS": ["day", "month"],
        "PARSERS": ["custom-formats", "absolute-time"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "TIMEZONE": "UTC",
        "STRICT_PARSING": False,
    }


DATEPARSER_LANGUAGES = ["en"]
# A year written in the text: "2017", "'17", the third part of "12/09/17". Without one, the year
# dateparser returns is RELATIVE_BASE's and the month is placed in the financial year instead.
_WRITTEN_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|['’]\d{2}\b|\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}")


def _fallback(text: str, financial_year: FinancialYear) -> dt.date | None:
    """A single date dateparser can read and the grammar cannot ("12/09", "1 Oct @ Leeds"), or None."""
    import dateparser  # lazily: its first use loads language data, slow and rarely needed

    try:
        found = dateparser.parse(text, languages=DATEPARSER_LANGUAGES, settings=dateparser_settings(financial_year))
    except Exception:  # a third-party parser must not break the pipeline on odd text
        return None
    if found is None:
        return None
    if _WRITTEN_YEAR_RE.search(text):
        return found.date()
    try:  # the year was not written: place the month in the financial year
        return dt.date(financial_year.year_of_month(found.month), found.month, found.day)
    except ValueError:  # 29 February in a year without one
        return None
