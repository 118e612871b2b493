"""The examples of docs/dates.md, table by table (issue 21): precision, range, status and flag
all asserted, the expected values typed here from the rules, never produced by the reader."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.core.fiscal import FinancialYear
from pipeline.normalise.dates import Precision, Status, normalise_date, states_no_date

D = dt.date
P = Precision
S = Status

# (cell, first year of the financial year, start, end, precision, status, flag)
RULES = [
    # never a confident wrong date
    ("H2 2017/18", 2017, D(2017, 10, 1), D(2018, 3, 31), P.MONTH_RANGE, S.PLANNED, None),
    ("H1 2017/18", 2017, D(2017, 4, 1), D(2017, 9, 30), P.MONTH_RANGE, S.PLANNED, None),
    ("ref 12/5", 2015, None, None, P.UNKNOWN, S.PLANNED, None),
    ("was 5 May", 2015, None, None, P.UNKNOWN, S.PLANNED, None),
    ("1 Oct @ Leeds", 2015, D(2015, 10, 1), D(2015, 10, 1), P.DAY, S.PLANNED, None),
    ("1 Oct (10.30am start) at Leeds Civic Hall", 2015, D(2015, 10, 1), D(2015, 10, 1), P.DAY, S.PLANNED, None),
    ("1 Oct @ Leeds 3 Nov", 2015, None, None, P.UNKNOWN, S.PLANNED, None),
    ("12-09", 2015, D(2015, 9, 12), D(2015, 9, 12), P.DAY, S.PLANNED, None),  # dateparser: calendar pieces only
    ("first half of May", 2015, None, None, P.UNKNOWN, S.PLANNED, None),  # not dateparser's 1 May
    # pairs of seasons
    ("Spring/Summer 2017", 2015, D(2017, 3, 1), D(2017, 8, 31), P.MONTH_RANGE, S.PLANNED, None),
    ("Summer/Autumn", 2015, D(2015, 6, 1), D(2015, 11, 30), P.MONTH_RANGE, S.PLANNED, None),
    ("Summer/Autumn", 2016, D(2016, 6, 1), D(2016, 11, 30), P.MONTH_RANGE, S.PLANNED, None),
    ("Autumn/Winter 2016", 2015, D(2016, 9, 1), D(2017, 2, 28), P.MONTH_RANGE, S.PLANNED, None),
    ("Autumn 2016 - Winter 2016", 2015, D(2016, 9, 1), D(2017, 2, 28), P.MONTH_RANGE, S.PLANNED, None),
    ("Summer / Autumn 2015 - completed", 2015, D(2015, 6, 1), D(2015, 11, 30), P.MONTH_RANGE, S.COMPLETED, None),
    ("Spring/Summer", 2015, None, None, P.UNKNOWN, S.PLANNED, None),
    ("Winter 2016 - Autumn 2016", 2015, None, None, P.UNKNOWN, S.PLANNED, None),
    # numeric day/month without a year, with a flag
    ("12/5", 2015, D(2015, 5, 12), D(2015, 5, 12), P.DAY, S.PLANNED, None),
    ("Done 12/5", 2015, D(2015, 5, 12), D(2015, 5, 12), P.DAY, S.COMPLETED, None),
    ("12/5 - completed", 2015, D(2015, 5, 12), D(2015, 5, 12), P.DAY, S.COMPLETED, None),
    ("12/05 (CONFIRMED)", 2015, D(2015, 5, 12), D(2015, 5, 12), P.DAY, S.CONFIRMED, None),
    ("5/9 TBC", 2015, D(2015, 9, 5), D(2015, 9, 5), P.DAY, S.TBC, None),
    ("12/2 TBC", 2015, D(2016, 2, 12), D(2016, 2, 12), P.DAY, S.TBC, None),
    ("12/5 - 14/5", 2015, D(2015, 5, 12), D(2015, 5, 14), P.DAY_RANGE, S.PLANNED, None),
    ("14/15", 2015, None, None, P.UNKNOWN, S.PLANNED, None),
    ("May 14/15", 2015, D(2015, 5, 14), D(2015, 5, 15), P.DAY_RANGE, S.PLANNED, None),
    ("12/05/2017 - completed", 2015, D(2017, 5, 12), D(2017, 5, 12), P.DAY, S.COMPLETED, None),
    # a bare financial year in its own year
    ("17/18", 2017, D(2017, 4, 1), D(2018, 3, 31), P.YEAR, S.PLANNED, None),
    ("17/18", 2015, None, None, P.UNKNOWN, S.PLANNED, None),
    ("11/12", 2011, None, None, P.UNKNOWN, S.PLANNED, None),  # 11 December, or the year?
    ("H2 17/18", 2017, D(2017, 10, 1), D(2018, 3, 31), P.MONTH_RANGE, S.PLANNED, None),
    # ISO year-month
    ("2016-10", 2016, D(2016, 10, 1), D(2016, 10, 31), P.MONTH, S.PLANNED, None),
    ("2016-10", 2015, D(2016, 10, 1), D(2016, 10, 31), P.MONTH, S.PLANNED, None),
    ("2016-17", 2015, D(2016, 4, 1), D(2017, 3, 31), P.YEAR, S.PLANNED, None),
    # halves of the financial year
    ("H1", 2015, D(2015, 4, 1), D(2015, 9, 30), P.MONTH_RANGE, S.PLANNED, None),
    ("H2", 2015, D(2015, 10, 1), D(2016, 3, 31), P.MONTH_RANGE, S.PLANNED, None),
    ("H2 - TBC", 2019, D(2019, 10, 1), D(2020, 3, 31), P.MONTH_RANGE, S.TBC, None),
    ("first half", 2015, D(2015, 4, 1), D(2015, 9, 30), P.MONTH_RANGE, S.PLANNED, None),
    ("2nd half of the year", 2015, D(2015, 10, 1), D(2016, 3, 31), P.MONTH_RANGE, S.PLANNED, None),
    ("H1 2017", 2017, None, None, P.UNKNOWN, S.PLANNED, None),
    ("Q3 H2", 2015, None, None, P.UNKNOWN, S.PLANNED, None),
    # quarters in words
    ("Quarter Two", 2015, D(2015, 7, 1), D(2015, 9, 30), P.QUARTER, S.PLANNED, None),
    ("quarter four - completed", 2015, D(2016, 1, 1), D(2016, 3, 31), P.QUARTER, S.COMPLETED, None),
    # one slip of the keyboard in a month name
    ("Janaury", 2015, D(2016, 1, 1), D(2016, 1, 31), P.MONTH, S.PLANNED, "month_corrected"),
    ("12 Ocotber", 2015, D(2015, 10, 12), D(2015, 10, 12), P.DAY, S.PLANNED, "month_corrected"),
    ("Sep't", 2015, D(2015, 9, 1), D(2015, 9, 30), P.MONTH, S.PLANNED, "month_corrected"),
    ("3 Sep't - CONFIRMED", 2015, D(2015, 9, 3), D(2015, 9, 3), P.DAY, S.CONFIRMED, "month_corrected"),
    ("Decmber / Janaury", 2015, D(2015, 12, 1), D(2016, 1, 31), P.MONTH_RANGE, S.PLANNED, "month_corrected"),
    ("Febuary", 2015, D(2016, 2, 1), D(2016, 2, 29), P.MONTH, S.PLANNED, None),  # a spelling the grammar knows
    ("12 Jane", 2015, None, None, P.UNKNOWN, S.PLANNED, None),  # short words are never corrected
    ("Junly", 2015, None, None, P.UNKNOWN, S.PLANNED, None),  # June? July? (and too short a name)
    # moved activities
    ("Deferred", 2015, None, None, P.UNKNOWN, S.DEFERRED, None),
    ("Postponed", 2015, None, None, P.UNKNOWN, S.DEFERRED, None),
    ("On hold", 2015, None, None, P.UNKNOWN, S.DEFERRED, None),
    ("Deferred to Q4", 2015, D(2016, 1, 1), D(2016, 3, 31), P.QUARTER, S.DEFERRED, None),
    ("Postponed from 5 May", 2015, None, None, P.UNKNOWN, S.DEFERRED, None),
    ("Postponed from 5 May to 9 June", 2015, D(2015, 6, 9), D(2015, 6, 9), P.DAY, S.DEFERRED, None),
    ("12 May - postponed", 2015, None, None, P.UNKNOWN, S.DEFERRED, None),
    ("Rescheduled to 3 March", 2015, D(2016, 3, 3), D(2016, 3, 3), P.DAY, S.DEFERRED, None),
    ("Re-scheduled for w/c 12 Oct", 2015, D(2015, 10, 12), D(2015, 10, 18), P.DAY_RANGE, S.DEFERRED, None),
    ("On hold until Q3", 2015, D(2015, 10, 1), D(2015, 12, 31), P.QUARTER, S.DEFERRED, None),
    ("Postponed 9 June", 2015, None, None, P.UNKNOWN, S.DEFERRED, None),
    ("12 May moved to 14 June - confirmed", 2015, D(2015, 6, 14), D(2015, 6, 14), P.DAY, S.CONFIRMED, None),
    ("Postponed to 9 June - TBC", 2015, D(2015, 6, 9), D(2015, 6, 9), P.DAY, S.DEFERRED, None),
    ("Delayed - now Feb / March", 2015, D(2016, 2, 1), D(2016, 3, 31), P.MONTH_RANGE, S.DEFERRED, None),
    ("Postponed - cancelled", 2015, None, None, P.UNKNOWN, S.CANCELLED, None),
]


@pytest.mark.parametrize(("text", "first_year", "start", "end", "precision", "status", "flag"), RULES,
                         ids=[f"{rule[0]} in {rule[1]}" for rule in RULES])
def test_the_documented_rules(text, first_year, start, end, precision, status, flag):
    result = normalise_date(text, FinancialYear(first_year))
    assert (result.start, result.end, result.precision, result.status, result.flag) == (start, end, precision, status, flag)


@pytest.mark.parametrize("text", ["Deferred", "Postponed", "On hold", "Postponed from 5 May", "12 May - postponed"])
def test_a_moved_activity_without_a_new_date_says_it_has_none(text):
    # the row is flagged date_missing (no date stated), not date_unreadable
    assert states_no_date(text)


@pytest.mark.parametrize("text", ["Postponed 9 June", "ref 12/5", "Janaury meeting"])
def test_a_cell_with_an_unread_piece_is_not_said_to_have_no_date(text):
    assert not states_no_date(text)


def test_the_corrected_flag_is_in_the_json():
    assert normalise_date("Ocotber", FinancialYear(2015)).to_json() == {
        "text": "Ocotber", "start": "2015-10-01", "end": "2015-10-31", "precision": "month", "status": "planned",
        "flag": "month_corrected",
    }


def test_a_move_word_in_the_rows_other_text_lends_deferred_and_keeps_the_cells_date():
    result = normalise_date("12 May", FinancialYear(2015), context="Sport peer review (POSTPONED)")
    assert (result.start, result.end, result.precision, result.status) == (D(2015, 5, 12), D(2015, 5, 12), P.DAY, S.DEFERRED)
