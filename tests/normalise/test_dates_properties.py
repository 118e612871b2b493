"""Properties of the date normaliser on any text, and on generated year-less date cells."""

from __future__ import annotations

import calendar
import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from pipeline.core.fiscal import FinancialYear
from pipeline.normalise import dates
from pipeline.normalise.dates import Precision, Status, normalise_date

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
    dates._normalise_cell.cache_clear()
    assert normalise_date(text, fy) == first


@settings(max_examples=200)
@given(text=date_like, fy=financial_years)
def test_the_json_form_has_the_contract_keys(text, fy):
    assert list(normalise_date(text, fy).to_json()) == ["text", "start", "end", "precision", "status"]


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
        high = draw(st.integers(low, 28))
        body = f"{draw(day_text(low))}{separator}{draw(day_text(high))} {month(first)}"
    elif shape == "month":
        body = month(first)
    elif shape == "month_range":
        body = f"{month(first)}{separator}{month(last)}"
    else:
        body = f"{draw(day_text(draw(st.integers(1, 28))))} {month(first)}{separator}{draw(day_text(draw(st.integers(1, 28))))} {month(last)}"
        if first == last:
            body = f"{month(first)}"  # same-month "a M - b M" may be reversed; covered elsewhere
    weekday = draw(st.sampled_from(["", "Monday ", "Wed ", "Thursday "])) if shape in ("day", "day_range") else ""
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


# ---- the fast path and the general grammar agree wherever the fast path answers

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
@given(text=simple_cells, fy=financial_years)
def test_the_fast_path_agrees_with_the_general_grammar(text, fy):
    # "May 0/0/10 June", "1 May 2016/17-1 June" glue parts into a numeric date or a financial
    # year: ambiguous text, not a shape the two paths need agree on
    assume(not re.search(r"\d[/.]\d+[/.]\d|\d{4}[/\-–]\d", text))
    fast = dates._read_simple(text.lower(), fy)
    if fast is not None:
        scan = dates._scan(text)
        assert fast == (dates._read(scan.tokens, fy), scan.status or Status.PLANNED), text
