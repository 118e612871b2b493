"""Table-driven tests of the date normaliser, each class in several spellings and in several
financial years: a year-less cell must move with the year, an explicit year must not."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from pipeline.core.fiscal import FinancialYear
from pipeline.normalise import dates
from pipeline.normalise.dates import (
    DateRange,
    Precision,
    Status,
    find_status,
    normalise_date,
    parse_quarter_header,
)
from pipeline.normalise.dates.grammar import _items
from pipeline.normalise.dates.tokens import _scan, fast_cut

# 2015/16 and 2019/20 end in a leap February, 2022/23 does not.
YEARS = [FinancialYear(2015), FinancialYear(2019), FinancialYear(2022)]
year_ids = [str(fy) for fy in YEARS]


def in_year(fy: FinancialYear, month: int, day: int) -> dt.date:
    """The date a year-less day-month names in financial year `fy`."""
    return dt.date(fy.year_of_month(month), month, day)


def month_end(fy: FinancialYear, month: int) -> dt.date:
    from pipeline.core.fiscal import last_day_of_month

    return last_day_of_month(fy.year_of_month(month), month)


# (text, (start month, day), (end month, day), precision) for year-less cells; end day 0 = last day.
YEARLESS = [
    # single days: ordinals, weekdays, month first, Excel-style, times of day
    ("21 May", (5, 21), (5, 21), Precision.DAY),
    ("21st May", (5, 21), (5, 21), Precision.DAY),
    ("21st of May", (5, 21), (5, 21), Precision.DAY),
    ("May 21", (5, 21), (5, 21), Precision.DAY),
    ("May 21st", (5, 21), (5, 21), Precision.DAY),
    ("21-May", (5, 21), (5, 21), Precision.DAY),
    ("21May", (5, 21), (5, 21), Precision.DAY),
    ("11 February", (2, 11), (2, 11), Precision.DAY),  # with a weekday: `WEEKDAYS` (it is one year's)
    ("1 Oct 10:30", (10, 1), (10, 1), Precision.DAY),
    ("12 Sept at 2pm", (9, 12), (9, 12), Precision.DAY),
    ("Sept. 12th", (9, 12), (9, 12), Precision.DAY),
    ("12 SEPTEMBER", (9, 12), (9, 12), Precision.DAY),
    # day ranges within a month: / - – to and &, spaced or not, ordinals
    ("14/15 May", (5, 14), (5, 15), Precision.DAY_RANGE),
    ("14 / 15 May", (5, 14), (5, 15), Precision.DAY_RANGE),
    ("3 -4 March", (3, 3), (3, 4), Precision.DAY_RANGE),
    ("10-11 June", (6, 10), (6, 11), Precision.DAY_RANGE),
    ("10–11 June", (6, 10), (6, 11), Precision.DAY_RANGE),
    ("10 to 11 June", (6, 10), (6, 11), Precision.DAY_RANGE),
    ("10 and 11 June", (6, 10), (6, 11), Precision.DAY_RANGE),
    ("18th/19th Feb", (2, 18), (2, 19), Precision.DAY_RANGE),
    ("1st & 2nd December", (12, 1), (12, 2), Precision.DAY_RANGE),
    ("1st&2nd Dec", (12, 1), (12, 2), Precision.DAY_RANGE),
    ("between 12 and 14 May", (5, 12), (5, 14), Precision.DAY_RANGE),
    ("May 14-15", (5, 14), (5, 15), Precision.DAY_RANGE),
    ("Tues 14th - Weds 15th July", (7, 14), (7, 15), Precision.DAY_RANGE),
    ("3, 10 and 17 May", (5, 3), (5, 17), Precision.DAY_RANGE),
    ("w/c 12 May", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("week commencing 12 May", (5, 12), (5, 18), Precision.DAY_RANGE),
    # day ranges across months and across the calendar year's end
    ("30 Sept - 1 Oct", (9, 30), (10, 1), Precision.DAY_RANGE),
    ("30th September to 1st October", (9, 30), (10, 1), Precision.DAY_RANGE),
    ("Sept 30 - Oct 1", (9, 30), (10, 1), Precision.DAY_RANGE),
    ("May 30 - June 2", (5, 30), (6, 2), Precision.DAY_RANGE),
    ("30 Dec - 2 Jan", (12, 30), (1, 2), Precision.DAY_RANGE),
    ("31st December/1st January", (12, 31), (1, 1), Precision.DAY_RANGE),
    # months
    ("November", (11, 1), (11, 0), Precision.MONTH),
    ("november", (11, 1), (11, 0), Precision.MONTH),
    ("NOV", (11, 1), (11, 0), Precision.MONTH),
    ("Sept", (9, 1), (9, 0), Precision.MONTH),
    ("Sept.", (9, 1), (9, 0), Precision.MONTH),
    ("Febuary", (2, 1), (2, 0), Precision.MONTH),
    ("mid-May", (5, 1), (5, 0), Precision.MONTH),
    ("late January", (1, 1), (1, 0), Precision.MONTH),
    ("end of March", (3, 1), (3, 0), Precision.MONTH),
    ("early June", (6, 1), (6, 0), Precision.MONTH),
    # month ranges
    ("Feb / March", (2, 1), (3, 0), Precision.MONTH_RANGE),
    ("Feb-Mar", (2, 1), (3, 0), Precision.MONTH_RANGE),
    ("February to March", (2, 1), (3, 0), Precision.MONTH_RANGE),
    ("Feb and March", (2, 1), (3, 0), Precision.MONTH_RANGE),
    ("Sept - Dec", (9, 1), (12, 0), Precision.MONTH_RANGE),
    ("Dec / Jan", (12, 1), (1, 0), Precision.MONTH_RANGE),
    ("Sept/Oct/Nov", (9, 1), (11, 0), Precision.MONTH_RANGE),
    ("April - March", (4, 1), (3, 0), Precision.MONTH_RANGE),
    ("May - 15 June", (5, 1), (6, 0), Precision.MONTH_RANGE),  # as precise as its vaguest part: whole months
    ("16 Dec - Jan", (12, 1), (1, 0), Precision.MONTH_RANGE),
    ("12/12 May", (5, 12), (5, 12), Precision.DAY),  # a day range runs over two days at least
    # seasons (meteorological) that lie inside the financial year
    ("Summer", (6, 1), (8, 0), Precision.MONTH_RANGE),
    ("autumn", (9, 1), (11, 0), Precision.MONTH_RANGE),
    ("Winter", (12, 1), (2, 0), Precision.MONTH_RANGE),
    # quarters of the financial year
    ("Q1", (4, 1), (6, 0), Precision.QUARTER),
    ("q2", (7, 1), (9, 0), Precision.QUARTER),
    ("Q 3", (10, 1), (12, 0), Precision.QUARTER),
    ("Quarter 4", (1, 1), (3, 0), Precision.QUARTER),
    ("3rd quarter", (10, 1), (12, 0), Precision.QUARTER),
    ("Qtr 2", (7, 1), (9, 0), Precision.QUARTER),
    ("Q1 Apr - June", (4, 1), (6, 0), Precision.QUARTER),
    ("Q4 (Jan-Mar)", (1, 1), (3, 0), Precision.QUARTER),
    ("Q1-Q2", (4, 1), (9, 0), Precision.MONTH_RANGE),
    # the document's whole year
    ("all year", (4, 1), (3, 0), Precision.YEAR),
    ("Throughout the year", (4, 1), (3, 0), Precision.YEAR),
]


@pytest.mark.parametrize("fy", YEARS, ids=year_ids)
@pytest.mark.parametrize(("text", "first", "last", "precision"), YEARLESS, ids=[case[0] for case in YEARLESS])
def test_yearless_cells_lie_in_the_financial_year(text, first, last, precision, fy):
    result = normalise_date(text, fy)
    end = month_end(fy, last[0]) if last[1] == 0 else in_year(fy, *last)
    assert (result.start, result.end, result.precision) == (in_year(fy, *first), end, precision)
    assert result.text == text
    assert result.status is Status.PLANNED


# Cells with a written year: the same answer in every financial year.
EXPLICIT = [
    ("12 May 2016", dt.date(2016, 5, 12), dt.date(2016, 5, 12), Precision.DAY),
    ("Sept 12, 2015", dt.date(2015, 9, 12), dt.date(2015, 9, 12), Precision.DAY),
    ("12th September 2015", dt.date(2015, 9, 12), dt.date(2015, 9, 12), Precision.DAY),
    ("12/09/2015", dt.date(2015, 9, 12), dt.date(2015, 9, 12), Precision.DAY),
    ("12.09.15", dt.date(2015, 9, 12), dt.date(2015, 9, 12), Precision.DAY),
    ("2015-09-12", dt.date(2015, 9, 12), dt.date(2015, 9, 12), Precision.DAY),
    ("5-Jun-2016", dt.date(2016, 6, 5), dt.date(2016, 6, 5), Precision.DAY),
    ("14/15 May 2016", dt.date(2016, 5, 14), dt.date(2016, 5, 15), Precision.DAY_RANGE),
    ("30 Dec - 2 Jan 2016", dt.date(2015, 12, 30), dt.date(2016, 1, 2), Precision.DAY_RANGE),
    ("12/09/2015 - 14/09/2015", dt.date(2015, 9, 12), dt.date(2015, 9, 14), Precision.DAY_RANGE),
    ("March 2017", dt.date(2017, 3, 1), dt.date(2017, 3, 31), Precision.MONTH),
    ("May '16", dt.date(2016, 5, 1), dt.date(2016, 5, 31), Precision.MONTH),
    ("February 2016", dt.date(2016, 2, 1), dt.date(2016, 2, 29), Precision.MONTH),
    ("Jan-Mar 2016", dt.date(2016, 1, 1), dt.date(2016, 3, 31), Precision.MONTH_RANGE),
    ("December 2015 - January 2016", dt.date(2015, 12, 1), dt.date(2016, 1, 31), Precision.MONTH_RANGE),
    ("December - January 2016", dt.date(2015, 12, 1), dt.date(2016, 1, 31), Precision.MONTH_RANGE),
    ("Dec 2015 - Jan", dt.date(2015, 12, 1), dt.date(2016, 1, 31), Precision.MONTH_RANGE),
    ("Sept - Dec 2016/17", dt.date(2016, 9, 1), dt.date(2016, 12, 31), Precision.MONTH_RANGE),
    ("Spring 2016", dt.date(2016, 3, 1), dt.date(2016, 5, 31), Precision.MONTH_RANGE),
    ("Winter 2015", dt.date(2015, 12, 1), dt.date(2016, 2, 29), Precision.MONTH_RANGE),
    ("2015/16", dt.date(2015, 4, 1), dt.date(2016, 3, 31), Precision.YEAR),
    ("2016-17", dt.date(2016, 4, 1), dt.date(2017, 3, 31), Precision.YEAR),
    ("FY2016/17", dt.date(2016, 4, 1), dt.date(2017, 3, 31), Precision.YEAR),
    ("2016/2017", dt.date(2016, 4, 1), dt.date(2017, 3, 31), Precision.YEAR),
    ("2016", dt.date(2016, 1, 1), dt.date(2016, 12, 31), Precision.YEAR),
    ("early 2016", dt.date(2016, 1, 1), dt.date(2016, 12, 31), Precision.YEAR),
    ("2015 - 2017", dt.date(2015, 1, 1), dt.date(2017, 12, 31), Precision.YEAR),
    ("Q3 2016/17", dt.date(2016, 10, 1), dt.date(2016, 12, 31), Precision.QUARTER),
    ("Q4 2016", dt.date(2016, 1, 1), dt.date(2016, 3, 31), Precision.QUARTER),
    ("Q2 2016", dt.date(2016, 7, 1), dt.date(2016, 9, 30), Precision.QUARTER),
]


@pytest.mark.parametrize("fy", YEARS, ids=year_ids)
@pytest.mark.parametrize(("text", "start", "end", "precision"), EXPLICIT, ids=[case[0] for case in EXPLICIT])
def test_an_explicit_year_wins_over_the_financial_year(text, start, end, precision, fy):
    result = normalise_date(text, fy)
    assert (result.start, result.end, result.precision) == (start, end, precision)


@pytest.mark.parametrize("fy", YEARS, ids=year_ids)
def test_the_same_yearless_text_moves_with_the_financial_year(fy):
    result = normalise_date("11 February", fy)
    assert result.start == dt.date(fy.first_year + 1, 2, 11)
    assert normalise_date("11 May", fy).start == dt.date(fy.first_year, 5, 11)


def test_a_yearless_range_over_the_financial_year_end_runs_forward():
    fy = FinancialYear(2015)
    result = normalise_date("March - April", fy)
    assert (result.start, result.end) == (dt.date(2016, 3, 1), dt.date(2016, 4, 30))
    result = normalise_date("31 March - 1 April", fy)
    assert (result.start, result.end, result.precision) == (dt.date(2016, 3, 31), dt.date(2016, 4, 1), Precision.DAY_RANGE)


def test_29_february_exists_only_in_leap_financial_years():
    assert normalise_date("29 Feb", FinancialYear(2015)).start == dt.date(2016, 2, 29)
    assert normalise_date("29 Feb", FinancialYear(2022)).precision is Precision.UNKNOWN


UNREADABLE = [
    "",
    "   ",
    "TBC",
    "ongoing",
    "n/a",
    "-",
    "Spring",  # straddles the financial year's start: April-May in one year, March in the next
    "31 June",
    "30 February",
    "31st April - completed",
    "32 May",
    "15/14 May",
    "March / Feb",
    "March 2016 - Feb 2016",
    "14/15",
    "tomorrow",
    "next week",
    "in 2 days",
    "today",
    "Libraries peer review",
    "2 days TBC",
    "Sport PHs (15)",
    "May June",
    "Q1 - Q3 2016",
]


@pytest.mark.parametrize("fy", YEARS, ids=year_ids)
@pytest.mark.parametrize("text", UNREADABLE)
def test_what_cannot_be_read_is_unknown_with_the_text_kept(text, fy):
    result = normalise_date(text, fy)
    assert (result.start, result.end, result.precision) == (None, None, Precision.UNKNOWN)
    assert result.text == text


def test_none_is_an_empty_unknown_cell():
    result = normalise_date(None, FinancialYear(2015))
    assert result == DateRange("", None, None, Precision.UNKNOWN, Status.PLANNED)


STATUSES = [
    ("21 May - completed", Status.COMPLETED),
    ("21 May - Completed.", Status.COMPLETED),
    ("21 May (complete)", Status.COMPLETED),
    ("Done - 21 May", Status.COMPLETED),
    ("21 May: delivered", Status.COMPLETED),
    ("Held 21 May", Status.COMPLETED),
    ("21 May - took place", Status.COMPLETED),
    ("12 September (CONFIRMED)", Status.CONFIRMED),
    ("11 February CONFIRMED", Status.CONFIRMED),
    ("24/25 September - confirmed", Status.CONFIRMED),
    ("24/25 Sept [Confirmed]", Status.CONFIRMED),
    ("12 May - booked", Status.CONFIRMED),
    ("12 May TBC", Status.TBC),
    ("12 May (tbc)", Status.TBC),
    ("12 May - T.B.C.".replace(".", ""), Status.TBC),
    ("12 May - to be confirmed", Status.TBC),
    ("12 May - not yet confirmed", Status.TBC),
    ("12 May - unconfirmed", Status.TBC),
    ("Provisional: 12 May", Status.TBC),
    ("12 May (provisionally booked)", Status.TBC),
    ("tentative 12 May", Status.TBC),
    ("12 May pencilled in", Status.TBC),
    ("Sept?", Status.TBC),
    ("12 May", Status.PLANNED),
    ("12 May - planned", Status.PLANNED),
    ("12 May - to be held", Status.PLANNED),
    ("12 May - to be completed", Status.PLANNED),
    ("12 May provisional - now confirmed", Status.CONFIRMED),
    ("12 May CONFIRMED - completed", Status.COMPLETED),
    ("12 May - CANCELLED", Status.CANCELLED),
    ("12 May (canceled)", Status.CANCELLED),
    ("Withdrawn - 12 May", Status.CANCELLED),
    ("12 May: no longer going ahead", Status.CANCELLED),
    ("12 May - confirmed, now cancelled", Status.CANCELLED),
]


@pytest.mark.parametrize("fy", YEARS[:2], ids=year_ids[:2])
@pytest.mark.parametrize(("text", "status"), STATUSES, ids=[case[0] for case in STATUSES])
def test_status_flags_in_any_case_and_punctuation(text, status, fy):
    result = normalise_date(text, fy)
    assert result.status is status
    assert result.precision is not Precision.UNKNOWN, "the flag must not hide the date"


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("TBC", Status.TBC),
        ("to be confirmed", Status.TBC),
        ("Completed", Status.COMPLETED),
        ("CONFIRMED", Status.CONFIRMED),
        ("unconfirmed", Status.TBC),
        ("Libraries peer review", None),
        ("", None),
    ],
)
def test_find_status(text, status):
    assert find_status(text) is status


@pytest.mark.parametrize(
    ("context", "status"),
    [
        ("Sport peer review (in 2-tier council, 2 days TBC)", Status.TBC),
        ("Heritage seminar - provisional", Status.TBC),
        ("Visitor economy seminar (CONFIRMED)", Status.CONFIRMED),
        ("Culture Academy - completed", Status.COMPLETED),
        ("Sport PHs who have completed an academy (5)", Status.PLANNED),  # prose, not a flag
        ("Officer peer training (1day)", Status.PLANNED),
        ("Officer workshop (approx 30 attending)", Status.PLANNED),  # a guessed number, not a date
        ("Members' seminar - c. 20 places", Status.PLANNED),
        ("", Status.PLANNED),
    ],
)
@pytest.mark.parametrize("fy", YEARS[:2], ids=year_ids[:2])
def test_the_rows_other_text_lends_an_annotated_flag(context, status, fy):
    result = normalise_date("January", fy, context=context)
    assert result.status is status
    assert result.start == dt.date(fy.first_year + 1, 1, 1)


def test_the_cells_own_flag_beats_the_context():
    fy = FinancialYear(2015)
    assert normalise_date("21 May - completed", fy, context="Review (2 days TBC)").status is Status.COMPLETED
    assert normalise_date("21 May - planned", fy, context="Review (2 days TBC)").status is Status.PLANNED


@pytest.mark.parametrize("fy", YEARS, ids=year_ids)
@pytest.mark.parametrize(
    ("header", "quarter"),
    [
        ("Q1 Apr - June", 1),
        ("Q2 July - Sept", 2),
        ("Q3 Oct - Dec", 3),
        ("Q4 Jan - Mar", 4),
        ("Quarter 3", 3),
        ("Q4 (Jan-Mar)", 4),
        ("Qtr 2", 2),
        ("Q2 figures (July - Sept)", 2),
        ("Q1 Oct - Dec", 1),  # months disagree: the number is trusted
    ],
)
def test_quarter_headers(header, quarter, fy):
    result = parse_quarter_header(header, fy)
    assert result is not None
    assert (result.quarter, result.precision) == (quarter, Precision.QUARTER)
    assert (result.start, result.end) == fy.quarter_months(quarter)
    assert result.text == header


@pytest.mark.parametrize("header", ["Number delivered per quarter", "Total", "Q1 - Q2", "2015/16 Target", "", "% achieved"])
def test_what_is_not_a_quarter_header(header):
    assert parse_quarter_header(header, FinancialYear(2015)) is None


def test_a_quarter_header_with_its_own_financial_year():
    result = parse_quarter_header("Q2 2016/17", FinancialYear(2015))
    assert (result.start, result.end) == (dt.date(2016, 7, 1), dt.date(2016, 9, 30))


def test_to_json_has_exactly_the_contract_keys_in_order():
    result = normalise_date("14/15 May - completed", FinancialYear(2015))
    assert list(result.to_json().items()) == [
        ("text", "14/15 May - completed"),
        ("start", "2015-05-14"),
        ("end", "2015-05-15"),
        ("precision", "day_range"),
        ("status", "completed"),
    ]
    assert normalise_date("TBC", FinancialYear(2015)).to_json() == {
        "text": "TBC", "start": None, "end": None, "precision": "unknown", "status": "tbc"
    }


# ---- the dateparser fallback


@pytest.mark.parametrize("fy", YEARS, ids=year_ids)
def test_the_fallback_places_a_yearless_date_in_the_financial_year(fy):
    # "12-09" has no month name and a hyphen: the grammar leaves it to dateparser (day first).
    result = normalise_date("12-09", fy)
    assert (result.start, result.end, result.precision) == (in_year(fy, 9, 12),) * 2 + (Precision.DAY,)


def test_the_fallback_keeps_an_explicit_year():
    result = normalise_date("12 Sept 2017 @ 2pm", FinancialYear(2015))
    assert (result.start, result.precision) == (dt.date(2017, 9, 12), Precision.DAY)


def test_dateparser_settings_pin_everything_that_could_leak():
    settings = dates.dateparser_settings(FinancialYear(2019))
    assert settings["RELATIVE_BASE"] == dt.datetime(2019, 4, 1)
    assert settings["PARSERS"] == ["custom-formats", "absolute-time"]
    assert settings["DATE_ORDER"] == "DMY"
    assert dates.DATEPARSER_LANGUAGES == ["en"]


def test_dateparser_is_imported_only_when_the_fallback_is_needed():
    code = (
        "import sys\n"
        "from pipeline.core.fiscal import FinancialYear\n"
        "from pipeline.normalise.dates import normalise_date\n"
        "for cell in ['14/15 May - completed', 'Feb / March', 'Q3', 'TBC', 'ongoing', 'tomorrow', '2 days']:\n"
        "    normalise_date(cell, FinancialYear(2015))\n"
        "print('dateparser' in sys.modules)\n"
        "normalise_date('12-09', FinancialYear(2015))\n"
        "print('dateparser' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "True"]


# ---- the fast lexer cuts what the tokeniser cuts (one grammar reads both)

SIMPLE_SHAPES = [
    "21 May", "21 May 2016", "Wednesday 21 May", "14/15 May - completed", "3 -4 March - CONFIRMED",
    "12 September (CONFIRMED)", "Feb / March", "Jan-Mar 2016", "November", "Sept?", "31 June",
    "15/14 May", "Dec / Jan", "March / Feb", "Mar-Apr", "Dec - Jan 2016", "29 Feb", "May - June 2016",
    "18th/19th Feb", "1st & 2nd December", "10 to 11 June", "June - completed.", "Sept 2015 (TBC)",
    "30 Sept - 1 Oct", "December 2015 - January 2016", "Sept 24, 2018", "mid-May", "Q3", "Quarter 2 - TBC",
    "Q1 Apr - June", "Q4 (Jan-Mar)", "Q1 Oct - Dec", "12/09/2015", "12.09.15", "2015-09-12", "31/06/2016",
    "2016-02-30 (confirmed)",
]


def without_separator_runs(tokens: list) -> list:
    """Tokens with leading, trailing and repeated separators dropped: an empty part between two
    separators is no part (a weekday's comma, the dash before a flag)."""
    kept = []
    for token in tokens:
        if token.kind == "sep" and (not kept or kept[-1].kind == "sep"):
            continue
        kept.append(token)
    return kept[:-1] if kept and kept[-1].kind == "sep" else kept


def same_cut(fast: tuple, scan) -> bool:
    """The fast lexer's parts are the parts `_items` cuts from the tokeniser's tokens; its tokens
    (a quarter, a numeric date) the tokeniser's, separator runs aside."""
    cut, _, parts = fast
    if parts:
        return list(cut) == _items(scan.tokens)
    return without_separator_runs(list(cut)) == without_separator_runs(scan.tokens)


@pytest.mark.parametrize("text", SIMPLE_SHAPES)
def test_the_fast_lexer_cuts_what_the_tokeniser_cuts(text):
    fast = fast_cut(text.lower())
    scan = _scan(text)
    if fast is not None:
        assert same_cut(fast, scan)
        assert fast[1] is scan.status
    assert fast is not None or text in {"Dec - Jan 2016", "March / Feb", "Mar-Apr", "31/06/2016"}


# ---- issue 15: weeks, times of day, words before a flag, month-year pairs, years out of range.
# Expected values are written from the rules in docs/dates.md, not from its output.

# Weeks named by their first day: the seven days from it; by their last day: the seven days to it;
# counted within a month: the whole month. (text, (start month, day), (end month, day), precision)
WEEKS = [
    ("w/c 12 May", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("W/C 12th May", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("wc 12 May", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("w.c. 12 May", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("w/b 12 May", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("WB 12 May", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("week beginning 12 May", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("Week commencing: Monday 12th May", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("week commencing on 12 May", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("week starting Mon 12 May", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("wk comm. 12 May", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("week beg 12th of May", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("week of 12 May", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("the week of the 12th of May", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("w/c May 12", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("wc 12/5", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("w/c 12/05", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("w/c 12.5", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("W/B Monday 12/5", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("week commencing 2/2", (2, 2), (2, 8), Precision.DAY_RANGE),
    ("w/c 26 Nov", (11, 26), (12, 2), Precision.DAY_RANGE),
    ("w/c 29 Dec", (12, 29), (1, 4), Precision.DAY_RANGE),
    ("w/c 12 May - CONFIRMED", (5, 12), (5, 18), Precision.DAY_RANGE),
    ("w/e 16 May", (5, 10), (5, 16), Precision.DAY_RANGE),
    ("week ending Friday 16th May", (5, 10), (5, 16), Precision.DAY_RANGE),
    ("W/E 16/5", (5, 10), (5, 16), Precision.DAY_RANGE),
    ("w/e 3 Jan", (12, 28), (1, 3), Precision.DAY_RANGE),
    ("2nd week of May", (5, 1), (5, 0), Precision.MONTH),
    ("week 2 of May", (5, 1), (5, 0), Precision.MONTH),
    ("Week 2 May", (5, 1), (5, 0), Precision.MONTH),
    ("second week in May", (5, 1), (5, 0), Precision.MONTH),
    ("first week of February", (2, 1), (2, 0), Precision.MONTH),
    ("last week of March", (3, 1), (3, 0), Precision.MONTH),
    ("final week in Sept", (9, 1), (9, 0), Precision.MONTH),
    ("4th week of Nov - TBC", (11, 1), (11, 0), Precision.MONTH),
    ("2nd/3rd week of May", (5, 1), (5, 0), Precision.MONTH),
    ("weeks 2-3 of May", (5, 1), (5, 0), Precision.MONTH),
    ("2nd and 3rd weeks of June", (6, 1), (6, 0), Precision.MONTH),
    ("1st week of May - 2nd week of June", (5, 1), (6, 0), Precision.MONTH_RANGE),
    ("w/c 7/12 and w/c 14/12", (12, 7), (12, 20), Precision.DAY_RANGE),
    ("w/c 12 May - June", (5, 1), (6, 0), Precision.MONTH_RANGE),
    ("w/c 12 May - w/c 19 May", (5, 12), (5, 25), Precision.DAY_RANGE),
    ("w/c 12 May to 14 May", (5, 12), (5, 18), Precision.DAY_RANGE),  # a whole-month part: whole months
]

# A time of day after a date, in any notation and separator, does not move the date.
TIMES = [
    ("12 May 10am", (5, 12), (5, 12), Precision.DAY),
    ("12 May 10 am", (5, 12), (5, 12), Precision.DAY),
    ("12 May 10.30am", (5, 12), (5, 12), Precision.DAY),
    ("12 May 10:30 a.m.", (5, 12), (5, 12), Precision.DAY),
    ("12 May 6.30 PM", (5, 12), (5, 12), Precision.DAY),
    ("12 May, 10:30", (5, 12), (5, 12), Precision.DAY),
    ("12 May @ 14.00", (5, 12), (5, 12), Precision.DAY),
    ("12 May @14:00", (5, 12), (5, 12), Precision.DAY),
    ("12 May at 14:00", (5, 12), (5, 12), Precision.DAY),
    ("12 May 14:00hrs", (5, 12), (5, 12), Precision.DAY),
    ("12 May 1400 hrs", (5, 12), (5, 12), Precision.DAY),
    ("12 May - 7pm", (5, 12), (5, 12), Precision.DAY),
    ("12 May 12 noon", (5, 12), (5, 12), Precision.DAY),
    ("12 May - 12 noon", (5, 12), (5, 12), Precision.DAY),
    ("12 May midday", (5, 12), (5, 12), Precision.DAY),
    ("12 May 2pm-4pm", (5, 12), (5, 12), Precision.DAY),
    ("12 May 2-4pm", (5, 12), (5, 12), Precision.DAY),
    ("12 May 10-11am", (5, 12), (5, 12), Precision.DAY),
    ("12 May 10am - 12 noon", (5, 12), (5, 12), Precision.DAY),
    ("12 May 9:30 - 16:00", (5, 12), (5, 12), Precision.DAY),
    ("12 May 9.30 to 12.30", (5, 12), (5, 12), Precision.DAY),
    ("12 May (10am start)", (5, 12), (5, 12), Precision.DAY),
    ("12 May from 10am", (5, 12), (5, 12), Precision.DAY),
    ("12th May, 6.30pm", (5, 12), (5, 12), Precision.DAY),
    ("May 12, 10am", (5, 12), (5, 12), Precision.DAY),
    ("12 Sept @ 2pm", (9, 12), (9, 12), Precision.DAY),
    ("12/13 May 9am-5pm", (5, 12), (5, 13), Precision.DAY_RANGE),
    ("30 Sept - 1 Oct, 9.30am", (9, 30), (10, 1), Precision.DAY_RANGE),
    ("12 Jan 10am", (1, 12), (1, 12), Precision.DAY),
    ("May 10 - 11am", (5, 10), (5, 10), Precision.DAY),
    ("May 10, 10-11am", (5, 10), (5, 10), Precision.DAY),
]


@pytest.mark.parametrize("fy", YEARS, ids=year_ids)
@pytest.mark.parametrize(("text", "first", "last", "precision"), WEEKS + TIMES, ids=[case[0] for case in WEEKS + TIMES])
def test_weeks_and_times_of_day(text, first, last, precision, fy):
    result = normalise_date(text, fy)
    end = month_end(fy, last[0]) if last[1] == 0 else in_year(fy, *last)
    assert (result.start, result.end, result.precision) == (in_year(fy, *first), end, precision)
    assert result.flag is None


# A weekday written with a day is that year's: (text, first year, the day, or None when the
# weekday is not the day's: one of them is wrong, the cell says not which, so no date)
WEEKDAYS = [
    ("Wednesday 10 February", 2015, dt.date(2016, 2, 10)),
    ("Wed 11th Feb", 2014, dt.date(2015, 2, 11)),
    ("Wed 11th Feb", 2015, None),  # 11 February 2016 was a Thursday
    ("Thursday, 1st October", 2015, dt.date(2015, 10, 1)),
    ("Thursday, 1st October", 2019, None),  # a Tuesday
    ("Wednesday 12th May, 6.30pm", 2021, dt.date(2021, 5, 12)),
    ("Wednesday 12th May, 6.30pm", 2015, None),  # a Tuesday
    ("Wed May 10, 10-11am", 2017, dt.date(2017, 5, 10)),
    ("Fri 08/10/15", 2015, None),  # a Thursday, whatever the financial year
    ("12 Nov (Thurs) - confirmed", 2015, dt.date(2015, 11, 12)),
]


@pytest.mark.parametrize(("text", "first_year", "day"), WEEKDAYS)
def test_a_weekday_is_checked_against_the_day(text, first_year, day):
    result = normalise_date(text, FinancialYear(first_year))
    if day is None:
        assert (result.start, result.precision, result.flag) == (None, Precision.UNKNOWN, "weekday_mismatch")
    else:
        assert (result.start, result.end, result.precision, result.flag) == (day, day, Precision.DAY, None)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("w/c 12 May 2014", dt.date(2014, 5, 12), dt.date(2014, 5, 18)),
        ("w/c 12/05/2014", dt.date(2014, 5, 12), dt.date(2014, 5, 18)),
        ("wc 12.5.14", dt.date(2014, 5, 12), dt.date(2014, 5, 18)),
        ("w/e 2 Jan 2016", dt.date(2015, 12, 27), dt.date(2016, 1, 2)),
        ("2nd week of May 2016", dt.date(2016, 5, 1), dt.date(2016, 5, 31)),
        ("12 May 2016 10am", dt.date(2016, 5, 12), dt.date(2016, 5, 12)),
        ("12/05/2016 14:00", dt.date(2016, 5, 12), dt.date(2016, 5, 12)),
        ("2016-05-12 14:00", dt.date(2016, 5, 12), dt.date(2016, 5, 12)),
    ],
)
@pytest.mark.parametrize("fy", YEARS, ids=year_ids)
def test_weeks_and_times_with_a_written_year(text, start, end, fy):
    result = normalise_date(text, fy)
    assert (result.start, result.end) == (start, end)


def test_a_week_from_late_march_runs_on_past_the_financial_year():
    # the seven days from the day written, like any year-less day placed in the financial year
    result = normalise_date("w/c 28 March", FinancialYear(2015))
    assert (result.start, result.end) == (dt.date(2016, 3, 28), dt.date(2016, 4, 3))


@pytest.mark.parametrize("text", ["week 2", "2nd week", "w/c May", "week of May", "wc 31/6", "wc 12/13",
                                  "week 2 of 12 May", "10am", "14:00", "2pm-4pm"])
def test_weeks_and_times_without_a_day_are_unknown(text):
    result = normalise_date(text, FinancialYear(2015))
    assert (result.start, result.end, result.precision) == (None, None, Precision.UNKNOWN)


# Words between a date and its status flag annotate the flag.
WORDS_BEFORE_FLAG = [
    ("12/13 May - both days CONFIRMED", (5, 12), (5, 13), Precision.DAY_RANGE, Status.CONFIRMED),
    ("12/13 May – both days confirmed", (5, 12), (5, 13), Precision.DAY_RANGE, Status.CONFIRMED),
    ("12 & 13 May: both dates now CONFIRMED", (5, 12), (5, 13), Precision.DAY_RANGE, Status.CONFIRMED),
    ("12, 13 and 14 May - all three days TBC", (5, 12), (5, 14), Precision.DAY_RANGE, Status.TBC),
    ("Sept 24/25 - both sessions now confirmed", (9, 24), (9, 25), Precision.DAY_RANGE, Status.CONFIRMED),
    ("14 May - venue booked", (5, 14), (5, 14), Precision.DAY, Status.CONFIRMED),
    ("14 May - room and catering TBC", (5, 14), (5, 14), Precision.DAY, Status.TBC),
    ("21 May - event held", (5, 21), (5, 21), Precision.DAY, Status.COMPLETED),
    ("Feb / March - exact dates to be confirmed", (2, 1), (3, 0), Precision.MONTH_RANGE, Status.TBC),
    ("12/13 May (2 days) CONFIRMED", (5, 12), (5, 13), Precision.DAY_RANGE, Status.CONFIRMED),
    ("12 May 10am - session CANCELLED", (5, 12), (5, 12), Precision.DAY, Status.CANCELLED),
]


@pytest.mark.parametrize("fy", YEARS, ids=year_ids)
@pytest.mark.parametrize(("text", "first", "last", "precision", "status"), WORDS_BEFORE_FLAG, ids=[case[0] for case in WORDS_BEFORE_FLAG])
def test_words_between_a_date_and_its_flag(text, first, last, precision, status, fy):
    result = normalise_date(text, fy)
    end = month_end(fy, last[0]) if last[1] == 0 else in_year(fy, *last)
    assert (result.start, result.end, result.precision, result.status) == (in_year(fy, *first), end, precision, status)


@pytest.mark.parametrize("text", ["12/13 May - both days", "venue 12 May - booked",
                                  "both days 12/13 May CONFIRMED", "12 May or later"])
def test_words_not_followed_by_a_flag_or_before_a_date_are_unknown(text):
    assert normalise_date(text, FinancialYear(2015)).precision is Precision.UNKNOWN


# Month-year pairs: two digits after a month are its year when they are the year that month falls
# in within the financial year, part by part, whatever the separator.
MONTH_YEAR_PAIRS = [
    ("Dec 16/Jan 17", 2016, dt.date(2016, 12, 1), dt.date(2017, 1, 31), Precision.MONTH_RANGE),
    ("Dec 16 / Jan 17", 2016, dt.date(2016, 12, 1), dt.date(2017, 1, 31), Precision.MONTH_RANGE),
    ("Dec-16/Jan-17", 2016, dt.date(2016, 12, 1), dt.date(2017, 1, 31), Precision.MONTH_RANGE),
    ("Dec 16 - Jan 17", 2016, dt.date(2016, 12, 1), dt.date(2017, 1, 31), Precision.MONTH_RANGE),
    ("Nov 16 to Feb 17", 2016, dt.date(2016, 11, 1), dt.date(2017, 2, 28), Precision.MONTH_RANGE),
    ("Jan 17/Feb 17", 2016, dt.date(2017, 1, 1), dt.date(2017, 2, 28), Precision.MONTH_RANGE),
    ("Sept 19/Oct 19 - TBC", 2019, dt.date(2019, 9, 1), dt.date(2019, 10, 31), Precision.MONTH_RANGE),
    ("Oct/Nov 16", 2016, dt.date(2016, 10, 1), dt.date(2016, 11, 30), Precision.MONTH_RANGE),
    # numbers that are not the month's year in the financial year stay days
    ("Dec 16/17", 2016, dt.date(2016, 12, 16), dt.date(2016, 12, 17), Precision.DAY_RANGE),
    ("May 14/15", 2014, dt.date(2014, 5, 14), dt.date(2014, 5, 15), Precision.DAY_RANGE),
    ("Dec 16/Jan 17", 2015, dt.date(2015, 12, 16), dt.date(2016, 1, 17), Precision.DAY_RANGE),
    ("Dec 16 - Jan", 2015, dt.date(2015, 12, 1), dt.date(2016, 1, 31), Precision.MONTH_RANGE),
]


@pytest.mark.parametrize(("text", "first_year", "start", "end", "precision"), MONTH_YEAR_PAIRS,
                         ids=[f"{case[0]}-{case[1]}" for case in MONTH_YEAR_PAIRS])
def test_month_year_pairs(text, first_year, start, end, precision):
    result = normalise_date(text, FinancialYear(first_year))
    assert (result.start, result.end, result.precision) == (start, end, precision)


# A written year is read as written, from 1900 to 2099, or the cell is unknown with a flag.
YEARS_OUT_OF_RANGE = [
    "12 May 3015", "1 January 9999", "1 January 0001", "12/05/3015", "3015-05-12", "0001-01-01", "May 1899",
    "12 May 2100", "Q3 3015", "3015/16", "FY3015/16", "w/c 12 May 3015", "12 May 3015 10am", "14/15 May 3015",
    "Dec 2015 - Jan 3016", "1999 - 2100", "Spring 3015", "12 May 3015 - CONFIRMED",
]


@pytest.mark.parametrize("fy", YEARS, ids=year_ids)
@pytest.mark.parametrize("text", YEARS_OUT_OF_RANGE)
def test_a_written_year_out_of_range_is_unknown_with_a_flag(text, fy):
    result = normalise_date(text, fy)
    assert (result.start, result.end, result.precision, result.flag) == (None, None, Precision.UNKNOWN, "year_out_of_range")
    assert result.to_json()["flag"] == "year_out_of_range"


def test_a_flag_keeps_the_cells_status():
    assert normalise_date("12 May 3015 - CONFIRMED", FinancialYear(2015)).status is Status.CONFIRMED


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("1 January 1900", dt.date(1900, 1, 1), dt.date(1900, 1, 1)),
        ("31 December 2099", dt.date(2099, 12, 31), dt.date(2099, 12, 31)),
        ("31/12/2099", dt.date(2099, 12, 31), dt.date(2099, 12, 31)),
        ("1900", dt.date(1900, 1, 1), dt.date(1900, 12, 31)),
    ],
)
def test_the_years_at_the_edges_of_the_range_are_read(text, start, end):
    result = normalise_date(text, FinancialYear(2015))
    assert (result.start, result.end, result.flag) == (start, end, None)


@pytest.mark.parametrize("text", ["12 May 201", "12 May 20155", "Room 101, 12 May"])
def test_a_number_of_three_or_five_digits_is_no_year(text):
    result = normalise_date(text, FinancialYear(2015))
    assert (result.start, result.precision, result.flag) == (None, Precision.UNKNOWN, None)


def test_a_readable_cell_has_no_flag_key_in_json():
    assert "flag" not in normalise_date("12 May", FinancialYear(2015)).to_json()
    assert "flag" not in normalise_date("15/14 May", FinancialYear(2015)).to_json()  # reversed: no rule names why


# --- a spreadsheet's stored date behind the printed text (issue 14) ----------------------------
# (printed text, stored date, start, end, precision, status, flag): the text as Excel prints the
# cell with its number format, the date the workbook stores, and what the cell means in 2015/16,
# written by hand.
OUTSIDE = "value_outside_financial_year"
STORED = [
    # "dd mmm": no year printed; the stored date gives it
    ("12 Mar", "2016-03-12", dt.date(2016, 3, 12), dt.date(2016, 3, 12), Precision.DAY, Status.PLANNED, None),
    ("24 Sep", "2015-09-24", dt.date(2015, 9, 24), dt.date(2015, 9, 24), Precision.DAY, Status.PLANNED, None),
    # ... unless its year puts the date outside 2015/16: Excel filled in the year of typing (a plan
    # typed in January 2015, a slip to the next year), the text read in 2015/16 is published, said
    ("12 Mar", "2015-03-12", dt.date(2016, 3, 12), dt.date(2016, 3, 12), Precision.DAY, Status.PLANNED, OUTSIDE),
    ("12 Mar", "2017-03-12", dt.date(2016, 3, 12), dt.date(2016, 3, 12), Precision.DAY, Status.PLANNED, OUTSIDE),
    ("24 Sep", "2014-09-24", dt.date(2015, 9, 24), dt.date(2015, 9, 24), Precision.DAY, Status.PLANNED, OUTSIDE),
    # ... but 12 March 2015 was a Thursday: "Saturday 12 Mar" is no rendering of it, the text is read
    ("Saturday 12 Mar", "2015-03-12", dt.date(2016, 3, 12), dt.date(2016, 3, 12), Precision.DAY, Status.PLANNED,
     "value_mismatch"),
    ("12/03", "2015-03-12", dt.date(2016, 3, 12), dt.date(2016, 3, 12), Precision.DAY, Status.PLANNED, OUTSIDE),
    # "mmm": a month, its end that of February 2016 (a leap year), not of February 2015
    ("Mar", "2015-03-01", dt.date(2016, 3, 1), dt.date(2016, 3, 31), Precision.MONTH, Status.PLANNED, OUTSIDE),
    ("Feb", "2015-02-01", dt.date(2016, 2, 1), dt.date(2016, 2, 29), Precision.MONTH, Status.PLANNED, OUTSIDE),
    # "mmm-yy": the printed month is the precision, the stored date (its first day) the year
    ("Mar-16", "2016-03-01", dt.date(2016, 3, 1), dt.date(2016, 3, 31), Precision.MONTH, Status.PLANNED, None),
    ("Oct-15", "2015-10-01", dt.date(2015, 10, 1), dt.date(2015, 10, 31), Precision.MONTH, Status.PLANNED, None),
    # the printed year is shown, so the stored date is exact, outside 2015/16 too (without the
    # stored date "Mar-17" and "Apr-16" in 2015/16 would be 17 March 2016, 16 April 2015): kept,
    # unflagged, as the same text in a text dump (validation judges an out-of-year date)
    ("Mar-17", "2017-03-01", dt.date(2017, 3, 1), dt.date(2017, 3, 31), Precision.MONTH, Status.PLANNED, None),
    ("Apr-16", "2016-04-01", dt.date(2016, 4, 1), dt.date(2016, 4, 30), Precision.MONTH, Status.PLANNED, None),
    ("Mar-15", "2015-03-01", dt.date(2015, 3, 1), dt.date(2015, 3, 31), Precision.MONTH, Status.PLANNED, None),
    ("12/03/2015", "2015-03-12", dt.date(2015, 3, 12), dt.date(2015, 3, 12), Precision.DAY, Status.PLANNED, None),
    ("12/03/2017", "2017-03-12", dt.date(2017, 3, 12), dt.date(2017, 3, 12), Precision.DAY, Status.PLANNED, None),
    # other renderings of the same day; a year printed is no surprise, whatever the year
    ("Saturday 12 Mar", "2016-03-12", dt.date(2016, 3, 12), dt.date(2016, 3, 12), Precision.DAY, Status.PLANNED, None),
    ("12/03/2016", "2016-03-12", dt.date(2016, 3, 12), dt.date(2016, 3, 12), Precision.DAY, Status.PLANNED, None),
    ("12 March 2017", "2017-03-12", dt.date(2017, 3, 12), dt.date(2017, 3, 12), Precision.DAY, Status.PLANNED, None),
    # a status printed by the number format (dd mmm "- CONFIRMED") comes from the text
    ("12 Mar - CONFIRMED", "2016-03-12", dt.date(2016, 3, 12), dt.date(2016, 3, 12), Precision.DAY,
     Status.CONFIRMED, None),
    ("12 Mar - CONFIRMED", "2015-03-12", dt.date(2016, 3, 12), dt.date(2016, 3, 12), Precision.DAY,
     Status.CONFIRMED, OUTSIDE),
    ("Mar-16 TBC", "2016-03-01", dt.date(2016, 3, 1), dt.date(2016, 3, 31), Precision.MONTH, Status.TBC, None),
]


@pytest.mark.parametrize(("text", "value", "start", "end", "precision", "status", "flag"), STORED)
def test_a_stored_date_gives_the_year_the_printed_text_leaves_out(text, value, start, end, precision, status, flag):
    result = normalise_date(text, FinancialYear(2015), value=value)
    assert (result.start, result.end, result.precision, result.status, result.flag) == (
        start, end, precision, status, flag)
    assert result.text == text


def test_a_stored_date_may_be_given_as_a_date():
    result = normalise_date("12 March 2017", FinancialYear(2015), value=dt.date(2017, 3, 12))
    assert (result.start, result.end, result.precision) == (dt.date(2017, 3, 12), dt.date(2017, 3, 12), Precision.DAY)
    result = normalise_date("12 Mar", FinancialYear(2015), value=dt.datetime(2015, 3, 12, 9, 30))
    assert (result.start, result.end, result.flag) == (dt.date(2016, 3, 12), dt.date(2016, 3, 12), OUTSIDE)


def test_a_year_less_text_whose_reading_in_the_financial_year_does_not_exist_keeps_the_stored_date():
    # 29 February 2016 stored behind "29 Feb" in 2016/17: there is no 29 February 2017, so the
    # stored date is kept, unflagged (the text in the financial year cannot replace it)
    result = normalise_date("29 Feb", FinancialYear(2016), value="2016-02-29")
    assert (result.start, result.end, result.precision, result.flag) == (
        dt.date(2016, 2, 29), dt.date(2016, 2, 29), Precision.DAY, None)


@pytest.mark.parametrize(
    ("text", "value", "start", "end", "precision"),
    [
        # the text names another month than the stored date: the text is read, in the financial year
        ("12 Apr", "2016-03-12", dt.date(2015, 4, 12), dt.date(2015, 4, 12), Precision.DAY),
        # another day
        ("13 Mar", "2016-03-12", dt.date(2016, 3, 13), dt.date(2016, 3, 13), Precision.DAY),
        # another year written
        ("12 Mar 2015", "2016-03-12", dt.date(2015, 3, 12), dt.date(2015, 3, 12), Precision.DAY),
        # no date shown at all (a format printing the time only): unknown, as the text is
        ("09:30", "2016-03-12", None, None, Precision.UNKNOWN),
    ],
)
def test_a_printed_text_that_is_no_rendering_of_the_stored_date_is_read_and_flagged(text, value, start, end, precision):
    result = normalise_date(text, FinancialYear(2015), value=value)
    assert (result.start, result.end, result.precision, result.flag) == (start, end, precision, "value_mismatch")
    assert result.to_json()["flag"] == "value_mismatch"


def test_a_stored_date_outside_the_readable_years_is_unknown_with_its_flag():
    result = normalise_date("12 Mar - CONFIRMED", FinancialYear(2015), value="3016-03-12")
    assert (result.start, result.end, result.precision, result.status, result.flag) == (
        None, None, Precision.UNKNOWN, Status.CONFIRMED, "year_out_of_range")


@pytest.mark.parametrize("value", [None, "", "not a date", "2016-02-30"])
def test_no_stored_date_or_none_readable_leaves_the_text_alone(value):
    result = normalise_date("12 Mar", FinancialYear(2015), value=value)
    assert (result.start, result.end, result.precision, result.flag) == (
        dt.date(2016, 3, 12), dt.date(2016, 3, 12), Precision.DAY, None)
    result = normalise_date("Mar-17", FinancialYear(2015), value=value)
    assert (result.start, result.precision) == (dt.date(2016, 3, 17), Precision.DAY)


def test_a_stored_date_keeps_the_status_the_rows_other_text_lends():
    result = normalise_date("12 Mar", FinancialYear(2015), value="2017-03-12", context="Sport peer review (TBC)")
    assert (result.start, result.status, result.flag) == (dt.date(2016, 3, 12), Status.TBC, OUTSIDE)
    result = normalise_date("Mar-17", FinancialYear(2015), value="2017-03-01", context="Sport peer review (TBC)")
    assert (result.start, result.status, result.flag) == (dt.date(2017, 3, 1), Status.TBC, None)


def test_the_flag_of_a_year_taken_from_the_financial_year_is_in_the_json():
    assert normalise_date("12 Mar", FinancialYear(2015), value="2015-03-12").to_json() == {
        "text": "12 Mar", "start": "2016-03-12", "end": "2016-03-12", "precision": "day", "status": "planned",
        "flag": "value_outside_financial_year"}
