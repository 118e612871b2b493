import datetime as dt

import pytest

from pipeline.core.fiscal import FinancialYear, last_day_of_month


@pytest.mark.parametrize("text", ["2015/16", "2015-16", "2015/2016", "FY2015/16", " 2015 / 16 ", "2015–16"])
def test_parse_spellings(text):
    assert FinancialYear.parse(text) == FinancialYear(2015)


@pytest.mark.parametrize("text", ["2015/17", "2015/15", "15/16", "2015", "", "next year", "1999/2001"])
def test_parse_rejects(text):
    with pytest.raises(ValueError, match="financial year"):
        FinancialYear.parse(text)


@pytest.mark.parametrize("text", ["9999/00", "0000/01", "1899/00", "2999/00"])
def test_parse_rejects_years_whose_dates_cannot_be_computed(text):
    """9999/00 ends in the year 10000 and 0000/01 starts in the year 0: refused when read, not
    later as "year 10000 is out of range" (a bug in annex, exit 70)."""
    with pytest.raises(ValueError, match=r"the first year must be from 1900 to 2998"):
        FinancialYear.parse(text)
    assert FinancialYear.parse("2998/99").end == dt.date(2999, 3, 31)


def test_century_boundary():
    assert FinancialYear.parse("1999/00") == FinancialYear(1999)
    assert str(FinancialYear(1999)) == "1999/00"


def test_bounds_and_months():
    fy = FinancialYear(2016)
    assert (fy.start, fy.end) == (dt.date(2016, 4, 1), dt.date(2017, 3, 31))
    assert fy.year_of_month(4) == 2016 and fy.year_of_month(12) == 2016
    assert fy.year_of_month(1) == 2017 and fy.year_of_month(3) == 2017
    assert dt.date(2017, 3, 31) in fy and dt.date(2017, 4, 1) not in fy


def test_quarters():
    fy = FinancialYear(2015)
    assert fy.quarter_months(1) == (dt.date(2015, 4, 1), dt.date(2015, 6, 30))
    assert fy.quarter_months(3) == (dt.date(2015, 10, 1), dt.date(2015, 12, 31))
    assert fy.quarter_months(4) == (dt.date(2016, 1, 1), dt.date(2016, 3, 31))
    with pytest.raises(ValueError):
        fy.quarter_months(5)


def test_leap_february():
    assert last_day_of_month(2016, 2) == dt.date(2016, 2, 29)
    assert last_day_of_month(2015, 2) == dt.date(2015, 2, 28)
