"""The date normaliser's invariant: a cell never yields a date from a piece the grammar did not
read as a date. Every piece is a date part, a status flag or a known filler; any other piece
makes the cell unknown, never a date built from the rest (issue 21: "H2 2017/18" was read as
18 February 2017, "Postponed from 5 May" as 5 May)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.fiscal import FinancialYear
from pipeline.normalise.dates import Precision, Status, normalise_date

FY = FinancialYear(2015)
D = dt.date

# Cells that read correctly in 2015/16, with their reading typed here; `dated` says the cell has
# a day or a month (a half-year "H2" beside it can then never be one more date part).
READ_CELLS = [
    ("14/15 May - completed", D(2015, 5, 14), D(2015, 5, 15), Precision.DAY_RANGE, True),
    ("Feb / March", D(2016, 2, 1), D(2016, 3, 31), Precision.MONTH_RANGE, True),
    ("12 September (CONFIRMED)", D(2015, 9, 12), D(2015, 9, 12), Precision.DAY, True),
    ("30 Sept - 1 Oct", D(2015, 9, 30), D(2015, 10, 1), Precision.DAY_RANGE, True),
    ("w/c 12 May", D(2015, 5, 12), D(2015, 5, 18), Precision.DAY_RANGE, True),
    ("12/09/2015", D(2015, 9, 12), D(2015, 9, 12), Precision.DAY, True),
    ("21 May 2016", D(2016, 5, 21), D(2016, 5, 21), Precision.DAY, True),
    ("November TBC", D(2015, 11, 1), D(2015, 11, 30), Precision.MONTH, True),
    ("Dec / Jan", D(2015, 12, 1), D(2016, 1, 31), Precision.MONTH_RANGE, True),
    ("12/5", D(2015, 5, 12), D(2015, 5, 12), Precision.DAY, True),
    ("Done 12/5", D(2015, 5, 12), D(2015, 5, 12), Precision.DAY, True),
    ("Q3", D(2015, 10, 1), D(2015, 12, 31), Precision.QUARTER, False),
    ("Summer 2015", D(2015, 6, 1), D(2015, 8, 31), Precision.MONTH_RANGE, False),
    ("2015/16", D(2015, 4, 1), D(2016, 3, 31), Precision.YEAR, False),
    ("Deferred to Q4", D(2016, 1, 1), D(2016, 3, 31), Precision.QUARTER, False),
]
# Pieces that are no date part, flag or filler (or, "from", a filler that must not date a cell
# by itself); "ref 12/5" carries a date-like number that belongs to no date.
PIECES = ["was", "ref 12/5", "ref", "see note", "x", "no. 3", "£50", "#2", "H3", "from", "was 5 May", "h/w"]
# A half-year is a date part now, so it is added only where it cannot combine into another date.
PIECES_BESIDE_A_DAY_OR_MONTH = PIECES + ["H2", "H1 2017/18"]


def with_piece(text: str, piece: str, position: int) -> str:
    words = text.split(" ")
    at = position % (len(words) + 1)
    return " ".join(words[:at] + [piece] + words[at:])


@pytest.mark.parametrize(("text", "start", "end", "precision", "dated"), READ_CELLS, ids=[c[0] for c in READ_CELLS])
def test_the_cells_the_property_starts_from_read_as_typed(text, start, end, precision, dated):
    result = normalise_date(text, FY)
    assert (result.start, result.end, result.precision) == (start, end, precision)


@settings(max_examples=600, deadline=None)
@given(cell=st.sampled_from(READ_CELLS), data=st.data(), position=st.integers(0, 12))
def test_a_piece_the_grammar_does_not_read_never_changes_the_date(cell, data, position):
    text, start, end, precision, dated = cell
    piece = data.draw(st.sampled_from(PIECES_BESIDE_A_DAY_OR_MONTH if dated else PIECES))
    changed = with_piece(text, piece, position)
    result = normalise_date(changed, FY)
    assert result.precision is Precision.UNKNOWN or (result.start, result.end, result.precision) == (start, end, precision), changed


WRONG_DATES_BEFORE = [
    # (cell, the confident wrong reading it once had: never again)
    ("H2 2017/18", D(2017, 2, 18)),
    ("H1 2017/18", D(2017, 1, 18)),
    ("Postponed from 5 May", D(2017, 5, 5)),
    ("12 May - postponed", D(2017, 5, 12)),
    ("ref 12/5", D(2017, 5, 12)),
    ("was 5 May", D(2017, 5, 5)),
    # found by tests/normalise/test_dates_unseen.py's catalogue
    ("1/2 day - confirmed", D(2018, 2, 1)),  # a half day
    ("1st Tuesday in November", D(2017, 11, 1)),  # the 7th
    ("Summer Term (tbc)", D(2017, 6, 1)),  # the term starts in April
    ("2 in Oct", D(2017, 10, 2)),  # two of something
    ("1 of 3 - 12 Oct", D(2017, 10, 1)),  # the first of three
]


@pytest.mark.parametrize(("text", "wrong"), WRONG_DATES_BEFORE, ids=[c[0] for c in WRONG_DATES_BEFORE])
def test_regression_a_confident_wrong_date_is_never_given(text, wrong):
    result = normalise_date(text, FinancialYear(2017))
    assert result.start != wrong


def test_regression_postponed_from_a_date_carries_no_date_and_is_deferred():
    result = normalise_date("Postponed from 5 May", FinancialYear(2017))
    assert (result.start, result.end, result.precision, result.status) == (None, None, Precision.UNKNOWN, Status.DEFERRED)
