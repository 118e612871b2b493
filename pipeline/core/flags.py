"""Every flag a curated row can carry, with what it means: the one list the normalisers write from,
the run summary explains from and the data dictionary (docs/data-dictionary.md) prints.

A flag says a value was kept as printed, or read with a caveat. Where each flag appears:
`activities.flags` (the date flags), `deliverables.flags` (target_*, total_*, pct_*) and
`deliverable_quarters.value_flag` (the bare count flags). The date flags are `date_` + the
`DateRange.flag` the date reader gives (pipeline/normalise/dates/model.py), plus date_missing and
date_unreadable; the deliverable flags are `target_` / `total_` + a count flag.
"""

from __future__ import annotations

from enum import StrEnum

ACTIVITY_FLAGS = "activities.flags"
DELIVERABLE_FLAGS = "deliverables.flags"
QUARTER_FLAG = "deliverable_quarters.value_flag"


class Flag(StrEnum):
    """A row flag: its value is what the Parquet files hold; `meaning` says what it tells the
    reader, `columns` where it appears."""

    meaning: str
    columns: tuple[str, ...]

    def __new__(cls, value: str, meaning: str, columns: tuple[str, ...]) -> Flag:
        member = str.__new__(cls, value)
        member._value_ = value
        member.meaning = meaning
        member.columns = columns
        return member

    # activities: the date cell
    DATE_MISSING = "date_missing", "no date given", (ACTIVITY_FLAGS,)
    DATE_UNREADABLE = "date_unreadable", "date precision unknown, dates null", (ACTIVITY_FLAGS,)
    DATE_YEAR_OUT_OF_RANGE = ("date_year_out_of_range", "a written year outside 1900-2099, dates null",
                              (ACTIVITY_FLAGS,))
    DATE_MONTH_CORRECTED = ("date_month_corrected", "a misspelt month name read as the one month within "
                            "one slip of the keyboard", (ACTIVITY_FLAGS,))
    DATE_IMPOSSIBLE = ("date_impossible", "a day or month that does not exist (30 February, month 13), "
                       "dates null", (ACTIVITY_FLAGS,))
    DATE_WEEKDAY_MISMATCH = ("date_weekday_mismatch", "the weekday written is not the date's (Thursday 9 "
                             "October 2015 was a Friday), dates null", (ACTIVITY_FLAGS,))
    DATE_VALUE_MISMATCH = ("date_value_mismatch", "date read from the printed text; the cell's stored "
                           "date differs", (ACTIVITY_FLAGS,))
    DATE_VALUE_OUTSIDE_FINANCIAL_YEAR = ("date_value_outside_financial_year", "stored date outside the "
                                         "year; the printed day and month used in the financial year",
                                         (ACTIVITY_FLAGS,))

    # deliverable_quarters.value_flag: a count cell (parse_count); blank and not_applicable are
    # ordinary cells, not problems (the run summary does not count them)
    BLANK = "blank", "cell blank, count null", (QUARTER_FLAG,)
    NOT_APPLICABLE = "not_applicable", "n/a or a dash, count null", (QUARTER_FLAG,)
    PENDING = "pending", "count not known yet (TBC)", (QUARTER_FLAG,)
    APPROXIMATE = "approximate", "an approximate count (c. 30, 20+), count null", (QUARTER_FLAG,)
    ANNOTATED = "annotated", "number read, footnote mark dropped", (QUARTER_FLAG,)
    IN_WORDS = "in_words", "number read from words", (QUARTER_FLAG,)
    UNREADABLE = "unreadable", "not a count, count null", (QUARTER_FLAG,)
    NEGATIVE = "negative", "a count below zero, count null", (QUARTER_FLAG,)

    # deliverables: the target and total cells (a count flag, prefixed) and the percentage
    TARGET_PENDING = "target_pending", "target not known yet (TBC), null", (DELIVERABLE_FLAGS,)
    TARGET_APPROXIMATE = "target_approximate", "target approximate, null", (DELIVERABLE_FLAGS,)
    TARGET_ANNOTATED = "target_annotated", "target read, footnote mark dropped", (DELIVERABLE_FLAGS,)
    TARGET_IN_WORDS = "target_in_words", "target read from words", (DELIVERABLE_FLAGS,)
    TARGET_UNREADABLE = "target_unreadable", "target not a number, null", (DELIVERABLE_FLAGS,)
    TARGET_NEGATIVE = "target_negative", "target negative, null", (DELIVERABLE_FLAGS,)
    TOTAL_PENDING = "total_pending", "total not known yet (TBC), null", (DELIVERABLE_FLAGS,)
    TOTAL_APPROXIMATE = "total_approximate", "total approximate, null", (DELIVERABLE_FLAGS,)
    TOTAL_ANNOTATED = "total_annotated", "total read, footnote mark dropped", (DELIVERABLE_FLAGS,)
    TOTAL_IN_WORDS = "total_in_words", "total read from words", (DELIVERABLE_FLAGS,)
    TOTAL_UNREADABLE = "total_unreadable", "total not a number, null", (DELIVERABLE_FLAGS,)
    TOTAL_NEGATIVE = "total_negative", "total negative, null", (DELIVERABLE_FLAGS,)
    PCT_UNREADABLE = "pct_unreadable", "percentage achieved not a number, null", (DELIVERABLE_FLAGS,)
    PCT_NEGATIVE = "pct_negative", "percentage achieved negative, kept", (DELIVERABLE_FLAGS,)


# Count flags that are ordinary cells rather than problems: not row flags, not in the run summary.
ORDINARY = frozenset({Flag.BLANK, Flag.NOT_APPLICABLE})


def date_flag(reader_flag: str) -> Flag:
    """The row flag for a DateRange.flag ("year_out_of_range" -> date_year_out_of_range)."""
    return Flag(f"date_{reader_flag}")


def count_flag(cell: str, count_flag: Flag) -> Flag:
    """The deliverable's row flag for a count flag of its target or total cell (target_pending)."""
    return Flag(f"{cell}_{count_flag}")


def flags_in(column: str) -> list[Flag]:
    return [flag for flag in Flag if column in flag.columns]


def flags_markdown() -> list[str]:
    """The data dictionary's section on flags (pipeline/dictionary.py)."""
    lines = ["# Flags", "",
             "What each value of a flags column means (from pipeline/core/flags.py).", "",
             "| flag | column | meaning |", "|---|---|---|"]
    for flag in Flag:
        lines.append(f"| `{flag}` | {', '.join(f'`{c}`' for c in flag.columns)} | {flag.meaning} |")
    return lines + [""]
