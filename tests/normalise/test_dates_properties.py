"""Properties of the date normaliser on any text, and on generated year-less date cells."""

from __future__ import annotations

import calendar
import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.core.fiscal import FinancialYear
from pipeline.normalise import dates
from pipeline.normalise.dates import IMPOSSIBLE, WEEKDAY_MISMATCH, Precision, Status, normalise_date
from pipeline.normalise.dates.grammar import _items, _Read, read_items, read_tokens
from pipeline.normalise.dates.tokens import _scan, fast_cut

financial_years = st.integers(min_value=1990, max_value=2090).map(FinancialYear)

# Text that looks like a date cell often enough to reach every branch, plus arbitrary text.
date_words = st.sampled_from(
    ["14", "15th", "3", "31", "29", "May", "Sept", "February", "Q3", "2015/16", "2016", "-", "/", "&", "to",
     "and", ",", "(CONFIRMED)", "tbc", "completed", "?", "Wednesday", "w/c", "Spring", "winter", "early",
     "12/09/2015", "2015-09-12", "10:30", "all year", "of", "'16", "x", ""]
)
date_like = st.lists(date_words, max_size=7).map(" ".join)
any_text = st.one_of(st.text(), date_like)


@settings(max_examples=300)
@given(text=any_text, fy=financial_years, context=st.one_of(st.just(""), st.text(max_size=30)))
def test_never_raises_and_keeps_the_text(text, fy, context):
    result = normalise_date(text, fy, context=context)
    assert result.text == text
    assert isinstance(result.precision, Precision) and isinstance(result.status, Status)


@settings(max_examples=300)
@given(text=any_text, fy=financial_years)
def test_start_and_end_are_both_set_or_both_null_and_ordered(text, fy):
    result = normalise_date(text, fy)
    assert (result.start is None) == (result.end is None)
    assert (result.start is None) == (result.precision is Precision.UNKNOWN)
    if result.start is not None:
        assert result.start <= result.end
    assert (result.quarter is not None) == (result.precision is Precision.QUARTER)


@settings(max_examples=200)
@given(text=any_text, fy=financial_years)
def test_the_same_answer_twice_with_or_without_the_cache(text, fy):
    first = normalise_date(text, fy)
    assert normalise_date(text, fy) == first
    dates.cache_clear()
    assert normalise_date(text, fy) == first


@settings(max_examples=200)
@given(text=date_like, fy=financial_years)
def test_the_json_form_has_the_contract_keys(text, fy):
    result = normalise_date(text, fy)
    assert list(result.to_json()) == ["text", "start", "end", "precision", "status"] + (["flag"] if result.flag else [])
    # these words write no year out of range, nor a slip: "31 Sept" is impossible, "Wednesday
    # 12/09/2015" (a Saturday) a weekday mismatch
    assert result.flag in (None, IMPOSSIBLE, WEEKDAY_MISMATCH)


# ---- generated year-less cells, in financial-year order

MONTH_SPELLINGS = {
    1: ["January", "Jan", "jan"], 2: ["February", "Feb", "FEB"], 3: ["March", "Mar"], 4: ["April", "Apr"],
    5: ["May", "MAY"], 6: ["June", "Jun"], 7: ["July", "Jul"], 8: ["August", "Aug"],
    9: ["September", "Sept", "Sep"], 10: ["October", "Oct"], 11: ["November", "Nov"], 12: ["December", "Dec"],
}
ORDINAL = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
SEPARATORS = ["/", "-", " - ", " -", "–", " to ", " and ", " & ", "&"]
FLAGS = ["", " - completed", " (CONFIRMED)", " CONFIRMED", " TBC", " (tbc)", " - to be confirmed", " provisional"]
FY_ORDER = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]  # months in the order a financial year runs


@st.composite
def day_text(draw, day: int) -> str:
    return f"{day}{ORDINAL.get(day, 'th')}" if draw(st.booleans()) else str(day)


@st.composite
def yearless_cells(draw) -> tuple[str, int, int]:
    """A year-less cell whose parts run forward through a financial year, and the FY positions
    of its first and last months."""
    first_index = draw(st.integers(0, 11))
    last_index = draw(st.integers(first_index, 11))
    first, last = FY_ORDER[first_index], FY_ORDER[last_index]
    month = lambda number: draw(st.sampled_from(MONTH_SPELLINGS[number]))  # noqa: E731
    separator = draw(st.sampled_from(SEPARATORS))
    shape = draw(st.sampled_from(["day", "day_range", "month", "month_range", "cross_month"]))
    if shape == "day":
        body = f"{draw(day_text(draw(st.integers(1, 28))))} {month(first)}"
    elif shape == "day_range":
        low = draw(st.integers(1, 27))
        high = draw(st.integers(low + 1, 28))  # a weekday may open it: the weekday of no one day
        body = f"{draw(day_text(low))}{separator}{draw(day_text(high))} {month(first)}"
    elif shape == "month":
        body = month(first)
    elif shape == "month_range":
        body = f"{month(first)}{separator}{month(last)}"
    else:
        body = f"{draw(day_text(draw(st.integers(1, 28))))} {month(first)}{separator}{draw(day_text(draw(st.integers(1, 28))))} {month(last)}"
        if first == last:
            body = f"{month(first)}"  # same-month "a M - b M" may be reversed; covered elsewhere
    # a weekday with one day is one year's (test_dates.py `WEEKDAYS`), not every financial year's
    weekday = draw(st.sampled_from(["", "Monday ", "Wed ", "Thursday "])) if shape == "day_range" else ""
    spans_months = shape in ("month_range", "cross_month")
    return weekday + body + draw(st.sampled_from(FLAGS)), first, last if spans_months else first


@settings(max_examples=400)
@given(cell=yearless_cells(), fy=financial_years)
def test_a_yearless_cell_lies_inside_the_financial_year(cell, fy):
    text, first_month, last_month = cell
    result = normalise_date(text, fy)
    assert result.precision is not Precision.UNKNOWN, text
    assert result.start in fy and result.end in fy, text
    assert (result.start.month, result.end.month) == (first_month, last_month), text
    assert result.end.day <= calendar.monthrange(result.end.year, result.end.month)[1]


@settings(max_examples=200)
@given(cell=yearless_cells(), fy=financial_years)
def test_a_yearless_cell_moves_by_whole_years_with_the_financial_year(cell, fy):
    text, _, _ = cell
    here, next_year = normalise_date(text, fy), normalise_date(text, FinancialYear(fy.first_year + 1))
    assert (next_year.start.year - here.start.year, next_year.end.year - here.end.year) == (1, 1)
    assert (next_year.start.month, next_year.start.day) == (here.start.month, here.start.day)


def without_separator_runs(tokens: list) -> list:
    """As in test_dates: leading, trailing and repeated separators dropped (empty parts)."""
    kept = [token for index, token in enumerate(tokens) if token.kind != "sep" or (index and tokens[index - 1].kind != "sep")]
    kept = kept[1:] if kept and kept[0].kind == "sep" else kept
    return kept[:-1] if kept and kept[-1].kind == "sep" else kept


# ---- the fast lexer and the tokeniser cut the same tokens wherever the fast lexer answers

simple_parts = st.builds(
    lambda prefix, weekday, shape, day, day2, separator, month, year: prefix + weekday + {
        "day": f"{day} {month}", "days": f"{day}{separator}{day2} {month}", "month_first": f"{month} {day}",
        "month": month,
    }[shape] + year,
    st.sampled_from(["", "mid-", "early ", "end of "]),
    st.sampled_from(["", "Wed ", "Thursday, "]),
    st.sampled_from(["day", "days", "month_first", "month"]),
    st.integers(0, 32).map(str) | st.sampled_from(["1st", "2nd", "3rd", "22nd", "30th", "00"]),
    st.integers(0, 32).map(str) | st.sampled_from(["1st", "23rd", "31st"]),
    st.sampled_from(SEPARATORS),
    st.sampled_from([name for names in MONTH_SPELLINGS.values() for name in names] + ["Sept."]),
    st.sampled_from(["", "", " 2016", ", 2015", " 1999"]),
)
simple_cells = st.builds(
    lambda first, second, separator, flag: first + (separator + second if second else "") + flag,
    simple_parts,
    st.none() | simple_parts,
    st.sampled_from([" - ", "/", " to ", " -"]),  # not a bare "-": "2016-1-1 May" is an ISO date
    st.sampled_from(FLAGS + [" - CONFIRMED - completed", " x", " 2017"]),
)


@settings(max_examples=500)
@given(text=simple_cells)
def test_the_fast_lexer_agrees_with_the_tokeniser(text):
    # "May 0/0/10 June", "1 May 2016/17-1 June" glue parts into a numeric date or a financial
    # year: ambiguous text, not a shape the two lexers need agree on
    assume(not re.search(r"\d[/.]\d+[/.]\d|\d{4}[/\-–]\d", text))
    lowered = text.lower()
    fast = fast_cut(lowered)
    if fast is not None:
        scan = _scan(lowered)
        cut, status, parts = fast
        general = _items(scan.tokens) if parts else without_separator_runs(scan.tokens)
        assert (list(cut) if parts else without_separator_runs(list(cut)), status) == (general, scan.status), text


# ---- every precision's invariants, on cells generated from the grammar's pieces (issue 15)
#
# Whatever the text: `day` is one day; `day_range` runs over two days at least; `month` and
# `month_range` start on a 1st and end on a month's last day; `quarter` is a whole financial
# quarter; `year` is whole financial or calendar years; `unknown` has no dates; start <= end; a
# flag only on `unknown` (or `month_corrected`, a read cell with a slip in its month name).

MONTH_NAMES = [name for names in MONTH_SPELLINGS.values() for name in names] + ["Sept.", "Febuary", "JUNE"]
WEEKDAYS = ["Monday", "Mon", "Tues", "Wednesday", "Wed", "Thurs", "Friday", "Sat", "Sunday"]
FLAG_WORDS = ["CONFIRMED", "(confirmed)", "completed", "- Completed.", "TBC", "(tbc)", "to be confirmed", "provisional",
              "booked", "held", "CANCELLED", "postponed", "not yet confirmed", "?", "[Confirmed]", "planned"]
WEEK_WORDS = ["w/c", "W/C", "wc", "w.c.", "w/b", "wb", "week commencing", "week beginning", "Week starting",
              "week of", "wk comm.", "w/e", "week ending", "2nd week of", "week 2 of", "last week in", "first week",
              "week 3", "the week of"]
TIME_WORDS = ["10am", "10 am", "10.30am", "10:30 a.m.", "6.30 PM", "14:00", "@ 14.00", "@14:00", "at 2pm", ", 10:30",
              "14:00hrs", "1400 hrs", "2pm-4pm", "2-4pm", "10-11am", "9:30 - 16:00", "12 noon", "midday", "(10am start)"]
WORDS = ["both days", "venue", "all day", "(2 days)", "both sessions now", "room", "event", "Leeds", "n/a", "ongoing",
         "early", "mid-", "late", "end of", "the", "of", "between", "from", "and", "approx", "dates", "date"]
SEPARATOR_PIECES = ["/", "-", " - ", " -", "–", " to ", " and ", " & ", "&", ",", " or ", "+", " until "]
OTHER_DATES = ["Q1", "Q3", "q 2", "Quarter 4", "3rd quarter", "Qtr 2", "Spring", "summer", "Autumn", "winter", "2015/16",
               "2016-17", "FY2016/17", "2016/2017", "all year", "throughout the year", "12/09/2015", "12.09.15",
               "2015-09-12", "12/5", "3.11", "31/06/2016", "2016-02-30"]

days = st.integers(0, 35).flatmap(lambda day: st.sampled_from([str(day), f"{day}{ORDINAL.get(day, 'th')}", f"{day:02d}"]))
written_years = st.one_of(
    st.integers(1990, 2030).map(str),
    st.integers(1900, 2099).map(str),
    st.integers(0, 99).map(lambda yy: f"'{yy:02d}"),
    st.integers(0, 99).map(lambda yy: f"{yy:02d}"),  # "Jan 17", "Mar-17"
    st.integers(0, 9999).map(lambda year: f"{year:04d}"),  # 0001, 3015, 9999 too
)
pieces = st.one_of(
    days,
    st.sampled_from(MONTH_NAMES),
    written_years,
    st.sampled_from(SEPARATOR_PIECES),
    st.sampled_from(FLAG_WORDS),
    st.sampled_from(WEEK_WORDS),
    st.sampled_from(TIME_WORDS),
    st.sampled_from(WEEKDAYS),
    st.sampled_from(WORDS),
    st.sampled_from(OTHER_DATES),
    st.text(max_size=4),  # random text, glued to its neighbours or not
)
piece_cells = st.lists(st.tuples(pieces, st.sampled_from(["", " ", " ", " "])), max_size=9).map(
    lambda parts: "".join(piece + joiner for piece, joiner in parts)
)


@st.composite
def shaped_cells(draw) -> str:
    """A cell in the shape annexes write, each part optional: [week] [weekday] day [sep day]
    month [year] [sep [day] month [year]] [time] [words] [flag]; readable more often than not."""
    optional = lambda strategy: draw(st.one_of(st.just(""), strategy))  # noqa: E731
    def part() -> str:
        day = optional(days.map(lambda text: text + draw(st.sampled_from([" ", "-", "", "/" + draw(days) + " "]))))
        return optional(st.sampled_from(WEEKDAYS).map(lambda name: name + " ")) + day + draw(st.sampled_from(MONTH_NAMES)) + optional(written_years.map(" ".__add__))
    cell = optional(st.sampled_from(WEEK_WORDS).map(lambda words: words + " ")) + part()
    cell += optional(st.sampled_from(SEPARATOR_PIECES).map(lambda separator: separator + part()))
    cell += optional(st.sampled_from(TIME_WORDS).map(" ".__add__))
    cell += optional(st.sampled_from(WORDS).map(" - ".__add__))
    cell += optional(st.sampled_from(FLAG_WORDS).map(" ".__add__))
    return cell


generated_cells = st.one_of(shaped_cells(), piece_cells, st.sampled_from(OTHER_DATES), st.text(max_size=30))


def last_of_month(day) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def assert_invariants(result, text: str) -> None:
    precision = result.precision
    if precision is Precision.UNKNOWN:
        assert (result.start, result.end, result.quarter) == (None, None, None), text
        return
    start, end = result.start, result.end
    assert start is not None and end is not None and start <= end, text
    assert result.flag in (None, "month_corrected"), text  # a read cell: only the slip it was read through
    assert (result.quarter is not None) == (precision is Precision.QUARTER), text
    if precision is Precision.DAY:
        assert start == end, text
    elif precision is Precision.DAY_RANGE:
        assert start < end, text
    elif precision in (Precision.MONTH, Precision.MONTH_RANGE):
        assert start.day == 1 and last_of_month(end), text
        if precision is Precision.MONTH:
            assert (start.year, start.month) == (end.year, end.month), text
    elif precision is Precision.QUARTER:
        frame = FinancialYear(start.year if start.month >= 4 else start.year - 1)
        assert (start, end) == frame.quarter_months(result.quarter), text
    elif precision is Precision.YEAR:
        calendar_years = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
        financial_years = (start.month, start.day, end.month, end.day) == (4, 1, 3, 31) and end.year > start.year
        assert calendar_years or financial_years, text


@settings(max_examples=1500, deadline=None)
@given(text=generated_cells, fy=financial_years)
def test_every_precision_keeps_its_invariants(text, fy):
    assert_invariants(normalise_date(text, fy), text)


@settings(max_examples=300, deadline=None)
@given(text=generated_cells, fy=financial_years, context=st.sampled_from(["", "Review (2 days TBC)", "Seminar - CONFIRMED"]))
def test_the_invariants_hold_with_a_rows_context_and_through_the_fast_path(text, fy, context):
    assert_invariants(normalise_date(text, fy, context=context), text)
    fast = fast_cut(text.lower())
    if fast is not None:
        cut, _, parts = fast
        read = read_items(cut, fy.first_year) if parts else read_tokens(cut, fy.first_year)
        if isinstance(read, _Read):
            assert_invariants(dates.DateRange(text, read.start, read.end, read.precision, Status.PLANNED, read.quarter), text)


@st.composite
def cells_with_a_year_out_of_range(draw) -> str:
    """Any shaped cell with a four-digit year outside 1900-2099 standing on its own in it."""
    year = draw(st.one_of(st.integers(0, 1899), st.integers(2100, 9999)))
    words = draw(shaped_cells()).split(" ")
    position = draw(st.integers(0, len(words)))
    return " ".join(words[:position] + [f"{year:04d}"] + words[position:])


@settings(max_examples=500, deadline=None)
@given(text=cells_with_a_year_out_of_range(), fy=financial_years)
def test_a_written_year_out_of_range_is_never_replaced(text, fy):
    result = normalise_date(text, fy)
    assert (result.start, result.end, result.precision) == (None, None, Precision.UNKNOWN), text
    assert result.flag == "year_out_of_range", text
