"""Date cells as council officers write them in activity plans and trackers, none of them in the
other date tests: each reading TYPED here from docs/dates.md's rules (the start, end, precision,
status and flag a reader of the rules would write down), never produced by the reader. The rule
they hold the reader to is the project's: a cell is read right, or comes back `unknown`, never as a
wrong date. Grouped by the form of the cell; the financial year is 2015/16 unless a case says."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.core.fiscal import FinancialYear
from pipeline.normalise.dates import Precision, Status, normalise_date

D = dt.date
P = Precision
S = Status
CORRECTED = "month_corrected"
WEEKDAY_MISMATCH = "weekday_mismatch"
IMPOSSIBLE = "impossible"


def day(month: int, number: int, year: int | None = None) -> tuple[dt.date, dt.date, Precision]:
    """One day of 2015/16 (April-December 2015, January-March 2016) unless `year` is given."""
    year = year or (2015 if month >= 4 else 2016)
    return D(year, month, number), D(year, month, number), P.DAY


def days(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date, Precision]:
    return start, end, P.DAY_RANGE


def month(number: int, year: int | None = None) -> tuple[dt.date, dt.date, Precision]:
    year = year or (2015 if number >= 4 else 2016)
    following = D(year + 1, 1, 1) if number == 12 else D(year, number + 1, 1)
    return D(year, number, 1), following - dt.timedelta(days=1), P.MONTH


def months(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date, Precision]:
    return start, end, P.MONTH_RANGE


def quarter(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date, Precision]:
    return start, end, P.QUARTER


def year(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date, Precision]:
    return start, end, P.YEAR


UNKNOWN = (None, None, P.UNKNOWN)
FY_2015 = year(D(2015, 4, 1), D(2016, 3, 31))

# (cell, (start, end, precision), status, flag[, first year of the financial year])
WEEKS = [
    ("w/c 5 Oct", days(D(2015, 10, 5), D(2015, 10, 11)), S.PLANNED, None),
    ("w/c 05/10/15", days(D(2015, 10, 5), D(2015, 10, 11)), S.PLANNED, None),
    ("wk commencing 12th Oct", days(D(2015, 10, 12), D(2015, 10, 18)), S.PLANNED, None),
    ("W/C 5th October", days(D(2015, 10, 5), D(2015, 10, 11)), S.PLANNED, None),
    ("w/c Mon 5th Oct", days(D(2015, 10, 5), D(2015, 10, 11)), S.PLANNED, None),
    ("Week commencing Monday 5 October 2015", days(D(2015, 10, 5), D(2015, 10, 11)), S.PLANNED, None),
    ("wk beg 5/10", days(D(2015, 10, 5), D(2015, 10, 11)), S.PLANNED, None),
    ("w/b 05.10.2015", days(D(2015, 10, 5), D(2015, 10, 11)), S.PLANNED, None),
    ("w/c 5.10.15", days(D(2015, 10, 5), D(2015, 10, 11)), S.PLANNED, None),
    ("w/c 28/12/15", days(D(2015, 12, 28), D(2016, 1, 3)), S.PLANNED, None),
    ("wc 7/3", days(D(2016, 3, 7), D(2016, 3, 13)), S.PLANNED, None),
    ("week of 19th Oct", days(D(2015, 10, 19), D(2015, 10, 25)), S.PLANNED, None),
    ("w/e 9 Oct", days(D(2015, 10, 3), D(2015, 10, 9)), S.PLANNED, None),
    ("W/E 09/10/15", days(D(2015, 10, 3), D(2015, 10, 9)), S.PLANNED, None),
    ("week ending 9th October", days(D(2015, 10, 3), D(2015, 10, 9)), S.PLANNED, None),
    ("w/c 5 Oct (tbc)", days(D(2015, 10, 5), D(2015, 10, 11)), S.TBC, None),
    ("Provisionally w/c 5 Oct", days(D(2015, 10, 5), D(2015, 10, 11)), S.TBC, None),
    # a week word before a list or range names a week at each of its days
    ("w/c 5 & 12 Oct", days(D(2015, 10, 5), D(2015, 10, 18)), S.PLANNED, None),
    ("w/c 5/10 and 12/10", days(D(2015, 10, 5), D(2015, 10, 18)), S.PLANNED, None),
    ("w/c 5 Oct - 19 Oct", days(D(2015, 10, 5), D(2015, 10, 25)), S.PLANNED, None),
    ("w/c 4 Apr", days(D(2016, 4, 4), D(2016, 4, 10)), S.PLANNED, None, 2016),
    # weeks counted within a month keep the month; a week number alone is no date
    ("2nd week of Nov", month(11), S.PLANNED, None),
    ("Last wk of Feb", month(2), S.PLANNED, None),
    ("w/e 9 & 16 Oct", days(D(2015, 10, 3), D(2015, 10, 16)), S.PLANNED, None),
    ("w/c 12 Oct to 14 Oct", days(D(2015, 10, 12), D(2015, 10, 18)), S.PLANNED, None),  # a day in the week
    ("Week 42", UNKNOWN, S.PLANNED, None),
    ("wk 3", UNKNOWN, S.PLANNED, None),
]

DAY_RANGES = [
    ("5th & 6th Nov", days(D(2015, 11, 5), D(2015, 11, 6)), S.PLANNED, None),
    ("21st-23rd October", days(D(2015, 10, 21), D(2015, 10, 23)), S.PLANNED, None),
    ("5-9 Oct", days(D(2015, 10, 5), D(2015, 10, 9)), S.PLANNED, None),
    ("5 - 9th October", days(D(2015, 10, 5), D(2015, 10, 9)), S.PLANNED, None),
    ("5 October to 9 October", days(D(2015, 10, 5), D(2015, 10, 9)), S.PLANNED, None),
    ("5th to 9th Oct", days(D(2015, 10, 5), D(2015, 10, 9)), S.PLANNED, None),
    ("Oct 5-9", days(D(2015, 10, 5), D(2015, 10, 9)), S.PLANNED, None),
    ("October 5th - 9th", days(D(2015, 10, 5), D(2015, 10, 9)), S.PLANNED, None),
    ("5th/6th Nov", days(D(2015, 11, 5), D(2015, 11, 6)), S.PLANNED, None),
    ("5+6 Nov", days(D(2015, 11, 5), D(2015, 11, 6)), S.PLANNED, None),
    ("8/10 & 15/10", days(D(2015, 10, 8), D(2015, 10, 15)), S.PLANNED, None),
    ("8th, 15th & 22nd October", days(D(2015, 10, 8), D(2015, 10, 22)), S.PLANNED, None),
    ("5, 12, 19 Nov", days(D(2015, 11, 5), D(2015, 11, 19)), S.PLANNED, None),
    ("Tues 3rd & Weds 4th Nov", days(D(2015, 11, 3), D(2015, 11, 4)), S.PLANNED, None),
    ("Mon 5 - Fri 9 Oct", days(D(2015, 10, 5), D(2015, 10, 9)), S.PLANNED, None),
    ("30 Sept - 2 Oct", days(D(2015, 9, 30), D(2015, 10, 2)), S.PLANNED, None),
    ("30th Sep to 2nd Oct 2015", days(D(2015, 9, 30), D(2015, 10, 2)), S.PLANNED, None),
    ("3rd Nov & 1st Dec", days(D(2015, 11, 3), D(2015, 12, 1)), S.PLANNED, None),
    ("05/10/2015 - 09/10/2015", days(D(2015, 10, 5), D(2015, 10, 9)), S.PLANNED, None),
    ("5/10/15-9/10/15", days(D(2015, 10, 5), D(2015, 10, 9)), S.PLANNED, None),
    ("14th and 15th January 2016", days(D(2016, 1, 14), D(2016, 1, 15)), S.PLANNED, None),
    ("28 Dec - 4 Jan", days(D(2015, 12, 28), D(2016, 1, 4)), S.PLANNED, None),
    ("9-5 Oct", UNKNOWN, S.PLANNED, None),  # reversed
]

SINGLE_DAYS = [
    ("01.10.15", day(10, 1), S.PLANNED, None),
    ("1.10.2015", day(10, 1), S.PLANNED, None),
    ("1st Oct.", day(10, 1), S.PLANNED, None),
    ("Oct. 1", day(10, 1), S.PLANNED, None),
    ("October 1st", day(10, 1), S.PLANNED, None),
    ("Thurs 8th Oct", day(10, 8), S.PLANNED, None),
    ("Thursday 8 October 2015", day(10, 8), S.PLANNED, None),
    ("Thu 08/10/15", day(10, 8), S.PLANNED, None),
    ("2015-10-05", day(10, 5), S.PLANNED, None),
    ("12-11-15", day(11, 12), S.PLANNED, None),
    ("12th Nov 2015", day(11, 12), S.PLANNED, None),
    ("12 Nov 15", day(11, 12), S.PLANNED, None),
    ("Oct 31 2015", day(10, 31), S.PLANNED, None),
    ("29th February", day(2, 29), S.PLANNED, None),  # 2016 is a leap year
    ("29/02/2016", day(2, 29), S.PLANNED, None),
    ("1st of March", day(3, 1), S.PLANNED, None),
    ("Wednesday 2nd March", day(3, 2), S.PLANNED, None),
    ("13/1", day(1, 13), S.PLANNED, None),
    ("13/01", day(1, 13), S.PLANNED, None),
    ("by 31/3/16", day(3, 31), S.PLANNED, None),
    # the nth weekday of a month, with its "of" or "in"
    ("1st Tuesday in November", day(11, 3), S.PLANNED, None),
    ("2nd Tues of Nov", day(11, 10), S.PLANNED, None),
    ("last Friday in March", day(3, 25), S.PLANNED, None),
    ("5th Monday in February", day(2, 29), S.PLANNED, None),  # 2016: a leap year from a Monday
    ("5th Monday in March", UNKNOWN, S.PLANNED, IMPOSSIBLE),  # March 2016 has four
    ("3rd Tuesday - confirmed", UNKNOWN, S.CONFIRMED, None),  # of which month?
    ("Every 2nd Tuesday", UNKNOWN, S.PLANNED, None),
    # a weekday that is not the day's: one of the two is wrong
    ("Thurs 9th Oct", UNKNOWN, S.PLANNED, WEEKDAY_MISMATCH),  # 9 October 2015 was a Friday
    ("Mon 10 Nov - confirmed", UNKNOWN, S.CONFIRMED, WEEKDAY_MISMATCH),  # a Tuesday
    ("Fri 13 Nov", day(11, 13), S.PLANNED, None),
    ("12 Nov (Thurs)", day(11, 12), S.PLANNED, None),
    # a time of day, a part of the day or a venue does not move the date
    ("12 Nov 10am-12pm", day(11, 12), S.PLANNED, None),
    ("12/11/15 @ 2pm", day(11, 12), S.PLANNED, None),
    ("12 Nov, 9.30-4.00", day(11, 12), S.PLANNED, None),
    ("Tues 12 Jan 10.00-12.00", day(1, 12), S.PLANNED, None),
    ("3 Feb, 2-4pm", day(2, 3), S.PLANNED, None),
    ("12 Nov (evening)", day(11, 12), S.PLANNED, None),
    ("Evening of 12 Nov", day(11, 12), S.PLANNED, None),
    ("2nd March 2016 (am)", day(3, 2), S.PLANNED, None),
    ("12 Nov PM", day(11, 12), S.PLANNED, None),
    ("12 Nov @ Town Hall", day(11, 12), S.PLANNED, None),
]

# Half a span, or a number that may not be a day: no date unless the rules make it one.
SPANS_AND_NUMBERS = [
    # numbers alone: a day and a month, or the financial year?
    ("11-12", UNKNOWN, S.PLANNED, None, 2011),
    ("10/15", UNKNOWN, S.PLANNED, None),  # October 2015? no month 15
    # the end of a span whose start is not given
    ("until 1 Oct", UNKNOWN, S.PLANNED, None),
    ("Till end of March", UNKNOWN, S.PLANNED, None),
    ("Before 1 Oct", UNKNOWN, S.PLANNED, None),
    # the start of a span whose end is not given: January alone would miss February and March
    ("Jan 2016 onwards", UNKNOWN, S.PLANNED, None),
    ("1 Oct onwards", UNKNOWN, S.PLANNED, None),
    ("From 1 Oct", UNKNOWN, S.PLANNED, None),
    ("From Q3", UNKNOWN, S.PLANNED, None),
    ("From 5 to 9 Oct", days(D(2015, 10, 5), D(2015, 10, 9)), S.PLANNED, None),
    # a bare number before "in" a month counts something
    ("2 in Oct", UNKNOWN, S.PLANNED, None),
    ("2nd in Oct", day(10, 2), S.PLANNED, None),
    ("1 of 3 - 12 Oct", UNKNOWN, S.PLANNED, None),  # the first of three sessions
    ("12 of October", day(10, 12), S.PLANNED, None),
    ("Session 1 - 12 Oct", UNKNOWN, S.PLANNED, None),
]

MONTHS = [
    # a spreadsheet's month-year and its typed cousins
    ("Aug-15", month(8), S.PLANNED, None),
    ("Nov-15", month(11), S.PLANNED, None),
    ("Oct '15", month(10), S.PLANNED, None),
    ("September '15", month(9), S.PLANNED, None),
    ("Jan-16", month(1), S.PLANNED, None),
    ("Feb 16", month(2), S.PLANNED, None),
    ("Mar 16", month(3), S.PLANNED, None),
    ("Sep-16", month(9, 2016), S.PLANNED, None, 2016),
    ("Sept 2015", month(9), S.PLANNED, None),
    ("Nov.", month(11), S.PLANNED, None),
    ("SEPT", month(9), S.PLANNED, None),
    # vague words keep the whole month
    ("mid Nov", month(11), S.PLANNED, None),
    ("Mid-November", month(11), S.PLANNED, None),
    ("end Nov", month(11), S.PLANNED, None),
    ("End of November", month(11), S.PLANNED, None),
    ("early Jan 2016", month(1), S.PLANNED, None),
    ("Beginning of Feb", month(2), S.PLANNED, None),
    # a date written as a guess is not settled: tbc, the date as written
    ("approx. Nov", month(11), S.TBC, None),
    ("c. Nov", month(11), S.TBC, None),
    ("Nov-ish", month(11), S.TBC, None),
    ("approx 12 Oct", day(10, 12), S.TBC, None),
    ("Around 12th October", day(10, 12), S.TBC, None),
    ("circa 3/11", day(11, 3), S.TBC, None),
    ("about 3 May - confirmed", day(5, 3), S.CONFIRMED, None),
    ("By end of March", month(3), S.PLANNED, None),
    # a flag beside the month
    ("October 2015 (tbc)", month(10), S.TBC, None),
    ("Oct?", month(10), S.TBC, None),
    ("Nov (date tbc)", month(11), S.TBC, None),
    ("Date tbc - Nov", month(11), S.TBC, None),
    ("TBC (Oct)", month(10), S.TBC, None),
    # slips of the keyboard
    ("Septmeber", month(9), S.PLANNED, CORRECTED),
    ("Ocotber 2015", month(10), S.PLANNED, CORRECTED),
    ("12 Novmber", day(11, 12), S.PLANNED, CORRECTED),
    ("Decmber", month(12), S.PLANNED, CORRECTED),
    ("Agust", month(8), S.PLANNED, CORRECTED),
    ("Arpil", month(4), S.PLANNED, CORRECTED),
    ("Octobre", month(10), S.PLANNED, CORRECTED),
    ("Feburary", month(2), S.PLANNED, None),  # a spelling the grammar knows
    ("Juen", UNKNOWN, S.PLANNED, None),  # too short to correct: June? (and "Jun" one slip away)
]

MONTH_RANGES = [
    ("Sept/Oct", months(D(2015, 9, 1), D(2015, 10, 31)), S.PLANNED, None),
    ("Sept - Nov", months(D(2015, 9, 1), D(2015, 11, 30)), S.PLANNED, None),
    ("Sept-Dec 2015", months(D(2015, 9, 1), D(2015, 12, 31)), S.PLANNED, None),
    ("Oct to Dec", months(D(2015, 10, 1), D(2015, 12, 31)), S.PLANNED, None),
    ("Nov & Dec", months(D(2015, 11, 1), D(2015, 12, 31)), S.PLANNED, None),
    ("November and December", months(D(2015, 11, 1), D(2015, 12, 31)), S.PLANNED, None),
    ("Dec 2015 / Jan 2016", months(D(2015, 12, 1), D(2016, 1, 31)), S.PLANNED, None),
    ("Dec 15 - Jan 16", months(D(2015, 12, 1), D(2016, 1, 31)), S.PLANNED, None),
    ("Dec-15/Jan-16", months(D(2015, 12, 1), D(2016, 1, 31)), S.PLANNED, None),
    ("late Feb/early March", months(D(2016, 2, 1), D(2016, 3, 31)), S.PLANNED, None),
    ("Oct 2015 - Mar 2016", months(D(2015, 10, 1), D(2016, 3, 31)), S.PLANNED, None),
    ("Jan - Mar 16", months(D(2016, 1, 1), D(2016, 3, 31)), S.PLANNED, None),
    ("Feb/Mar 2016", months(D(2016, 2, 1), D(2016, 3, 31)), S.PLANNED, None),
    ("Sept 2015 - March 2016", months(D(2015, 9, 1), D(2016, 3, 31)), S.PLANNED, None),
    ("Jan-Feb", months(D(2016, 1, 1), D(2016, 2, 29)), S.PLANNED, None),
    ("Nov/Dec (tbc)", months(D(2015, 11, 1), D(2015, 12, 31)), S.TBC, None),
]

PERIODS = [
    # quarters
    ("end of Q3", quarter(D(2015, 10, 1), D(2015, 12, 31)), S.PLANNED, None),
    ("Q3/Q4", months(D(2015, 10, 1), D(2016, 3, 31)), S.PLANNED, None),
    ("Q1-Q2 2016/17", months(D(2016, 4, 1), D(2016, 9, 30)), S.PLANNED, None),
    ("Q3 & Q4", months(D(2015, 10, 1), D(2016, 3, 31)), S.PLANNED, None),
    ("Q2 - Q3", months(D(2015, 7, 1), D(2015, 12, 31)), S.PLANNED, None),
    ("Qtr 3", quarter(D(2015, 10, 1), D(2015, 12, 31)), S.PLANNED, None),
    ("Q3 15/16", quarter(D(2015, 10, 1), D(2015, 12, 31)), S.PLANNED, None),
    ("Q3 2015/16", quarter(D(2015, 10, 1), D(2015, 12, 31)), S.PLANNED, None),
    ("Quarter 3 (Oct-Dec)", quarter(D(2015, 10, 1), D(2015, 12, 31)), S.PLANNED, None),
    ("Q4 (Jan - Mar 2016)", quarter(D(2016, 1, 1), D(2016, 3, 31)), S.PLANNED, None),
    ("fourth quarter", quarter(D(2016, 1, 1), D(2016, 3, 31)), S.PLANNED, None),
    ("Q4 2015/16 - TBC", quarter(D(2016, 1, 1), D(2016, 3, 31)), S.TBC, None),
    ("Q1 2016/17", quarter(D(2016, 4, 1), D(2016, 6, 30)), S.PLANNED, None),
    # financial and calendar years
    ("FY 2015-16", FY_2015, S.PLANNED, None),
    ("2015–16", FY_2015, S.PLANNED, None),
    ("FY15/16", FY_2015, S.PLANNED, None),
    ("FY 15-16", FY_2015, S.PLANNED, None),
    ("Financial year 2015/16", FY_2015, S.PLANNED, None),
    ("fiscal year 16/17", year(D(2016, 4, 1), D(2017, 3, 31)), S.PLANNED, None),
    ("2016/2017", year(D(2016, 4, 1), D(2017, 3, 31)), S.PLANNED, None),
    ("Throughout 2015/16", FY_2015, S.PLANNED, None),
    ("All year", FY_2015, S.PLANNED, None),
    ("Year round", FY_2015, S.PLANNED, None),
    # seasons (meteorological) and school terms
    ("Spring 2015", months(D(2015, 3, 1), D(2015, 5, 31)), S.PLANNED, None),
    ("Autumn 2015", months(D(2015, 9, 1), D(2015, 11, 30)), S.PLANNED, None),
    ("Winter 2015/16", months(D(2015, 12, 1), D(2016, 2, 29)), S.PLANNED, None),
    ("Summer 2016", months(D(2016, 6, 1), D(2016, 8, 31)), S.PLANNED, None),
    ("Autumn term 2015", months(D(2015, 9, 1), D(2015, 12, 31)), S.PLANNED, None),
    ("Autumn term", months(D(2015, 9, 1), D(2015, 12, 31)), S.PLANNED, None),
    ("Spring term", months(D(2016, 1, 1), D(2016, 4, 30)), S.PLANNED, None),
    ("Spring term 2016", months(D(2016, 1, 1), D(2016, 4, 30)), S.PLANNED, None),
    ("Summer term", months(D(2015, 4, 1), D(2015, 7, 31)), S.PLANNED, None),
    ("Summer term 2016", months(D(2016, 4, 1), D(2016, 7, 31)), S.PLANNED, None),
    ("Summer Term (tbc)", months(D(2015, 4, 1), D(2015, 7, 31)), S.TBC, None),
    ("Autumn term", months(D(2016, 9, 1), D(2016, 12, 31)), S.PLANNED, None, 2016),
    ("Spring term", months(D(2017, 1, 1), D(2017, 4, 30)), S.PLANNED, None, 2016),
    ("Autumn Term 1", UNKNOWN, S.PLANNED, None),  # a half term: which half, which weeks?
    ("Summer 2", UNKNOWN, S.PLANNED, None),
    # holidays: their days vary by writer and school
    ("Half term", UNKNOWN, S.PLANNED, None),
    ("October half term", UNKNOWN, S.PLANNED, None),
    ("Easter", UNKNOWN, S.PLANNED, None),
    ("Easter 2016", UNKNOWN, S.PLANNED, None),
    ("After Easter", UNKNOWN, S.PLANNED, None),
    ("Christmas 2015", UNKNOWN, S.PLANNED, None),
    ("Before Christmas", UNKNOWN, S.PLANNED, None),
    ("Xmas", UNKNOWN, S.PLANNED, None),
]

STATUSES = [
    ("Completed 12/10", day(10, 12), S.COMPLETED, None),
    ("12/10 - Complete", day(10, 12), S.COMPLETED, None),
    ("Held 12 Nov", day(11, 12), S.COMPLETED, None),
    ("Took place 12/11/15", day(11, 12), S.COMPLETED, None),
    ("Delivered 3rd Dec", day(12, 3), S.COMPLETED, None),
    ("12 Nov - DONE", day(11, 12), S.COMPLETED, None),
    ("Booked - 12/11/15", day(11, 12), S.CONFIRMED, None),
    ("Confirmed: 12 Nov", day(11, 12), S.CONFIRMED, None),
    ("Booked for 12 Nov", day(11, 12), S.CONFIRMED, None),
    ("12 Nov (provisional)", day(11, 12), S.TBC, None),
    ("Pencilled in for 12 Nov", day(11, 12), S.TBC, None),
    ("12 Nov - cancelled", day(11, 12), S.CANCELLED, None),
    # a hedge says the date is not settled: tbc
    ("tbc - likely March", month(3), S.TBC, None),
    ("Likely Feb", month(2), S.TBC, None),
    ("Expected March 2016", month(3), S.TBC, None),
    ("Probably Oct", month(10), S.TBC, None),
    ("Possibly w/c 5 Oct", days(D(2015, 10, 5), D(2015, 10, 11)), S.TBC, None),
    ("Anticipated Q4", quarter(D(2016, 1, 1), D(2016, 3, 31)), S.TBC, None),
    # flags alone
    ("TBA", UNKNOWN, S.TBC, None),
    ("Date to be agreed", UNKNOWN, S.TBC, None),
    ("Dates TBC", UNKNOWN, S.TBC, None),
    ("To be arranged", UNKNOWN, S.TBC, None),
    ("Not yet booked", UNKNOWN, S.TBC, None),
    ("??", UNKNOWN, S.TBC, None),
    ("Complete.", UNKNOWN, S.COMPLETED, None),
    ("Done", UNKNOWN, S.COMPLETED, None),
    ("Cancelled by council", UNKNOWN, S.CANCELLED, None),
    ("Not going ahead", UNKNOWN, S.CANCELLED, None),
    ("Withdrawn", UNKNOWN, S.CANCELLED, None),
    ("Cancelled (was 5 May)", UNKNOWN, S.CANCELLED, None),  # the date it would have been
]

MOVED = [
    ("Postponed - new date Feb", month(2), S.DEFERRED, None),
    ("Postponed - new date 3 Feb", day(2, 3), S.DEFERRED, None),
    ("Postponed - new date tbc", UNKNOWN, S.DEFERRED, None),
    ("Deferred to Jan", month(1), S.DEFERRED, None),
    ("Postponed until Feb 2016", month(2), S.DEFERRED, None),
    ("Moved to 3 Dec", day(12, 3), S.DEFERRED, None),
    ("Rescheduled for w/c 7 Dec", days(D(2015, 12, 7), D(2015, 12, 13)), S.DEFERRED, None),
    ("Delayed to Q4", quarter(D(2016, 1, 1), D(2016, 3, 31)), S.DEFERRED, None),
    ("Put back to March", month(3), S.DEFERRED, None),
    ("Rearranged for 4th Feb", day(2, 4), S.DEFERRED, None),
    ("Moved from 5 Nov to 12 Nov", day(11, 12), S.DEFERRED, None),
    ("12 Nov - postponed to Jan", month(1), S.DEFERRED, None),
    ("Postponed (was 12 Nov)", UNKNOWN, S.DEFERRED, None),
    ("Oct/Nov - Postponed", UNKNOWN, S.DEFERRED, None),
    # a date before the move word is the new one when the move word's "from" names the old
    ("14 Oct (moved from 7 Oct)", day(10, 14), S.DEFERRED, None),
    ("14 Oct - rescheduled from 7 Oct - CONFIRMED", day(10, 14), S.CONFIRMED, None),
    ("14 Oct postponed from", UNKNOWN, S.DEFERRED, None),
    ("was 1 Oct now 5 Oct", UNKNOWN, S.PLANNED, None),  # "was": no move word says it moved
    ("New date 5 Oct", UNKNOWN, S.PLANNED, None),  # new after what? no move word
]

NO_DATE = [
    ("Ongoing", UNKNOWN, S.PLANNED, None),
    ("On-going", UNKNOWN, S.PLANNED, None),
    ("Oct 2015 - ongoing", UNKNOWN, S.PLANNED, None),
    ("Monthly", UNKNOWN, S.PLANNED, None),
    ("Monthly from Oct", UNKNOWN, S.PLANNED, None),
    ("Quarterly", UNKNOWN, S.PLANNED, None),
    ("Weekly", UNKNOWN, S.PLANNED, None),
    ("Daily", UNKNOWN, S.PLANNED, None),
    ("Every Tuesday", UNKNOWN, S.PLANNED, None),
    ("Every Tuesday in Nov", UNKNOWN, S.PLANNED, None),
    ("Tuesdays", UNKNOWN, S.PLANNED, None),
    ("Termly", UNKNOWN, S.PLANNED, None),
    ("Each term", UNKNOWN, S.PLANNED, None),
    ("Annually", UNKNOWN, S.PLANNED, None),
    ("Twice yearly", UNKNOWN, S.PLANNED, None),
    ("Every 6 weeks", UNKNOWN, S.PLANNED, None),
    ("Bi-monthly", UNKNOWN, S.PLANNED, None),
    ("As required", UNKNOWN, S.PLANNED, None),
    ("On request", UNKNOWN, S.PLANNED, None),
    ("Ad hoc", UNKNOWN, S.PLANNED, None),
    ("Various", UNKNOWN, S.PLANNED, None),
    ("Various dates", UNKNOWN, S.PLANNED, None),
    ("Not applicable", UNKNOWN, S.PLANNED, None),
    ("NA", UNKNOWN, S.PLANNED, None),
    ("--", UNKNOWN, S.PLANNED, None),
    ("—", UNKNOWN, S.PLANNED, None),
    ("See note 3", UNKNOWN, S.PLANNED, None),
    ("See above", UNKNOWN, S.PLANNED, None),
    ("As above", UNKNOWN, S.PLANNED, None),
    ("Ref 3", UNKNOWN, S.PLANNED, None),
    ("Deadline 31 Mar", UNKNOWN, S.PLANNED, None),
    ("Sept 2015 (2 days)", UNKNOWN, S.PLANNED, None),
    # a half day is how long, never 1 February
    ("1/2 day TBC", UNKNOWN, S.TBC, None),
    ("1/2 day - confirmed", UNKNOWN, S.CONFIRMED, None),
    ("½ day", UNKNOWN, S.PLANNED, None),
]

# Days and months that do not exist: unknown, flagged, never rolled over into the next month.
IMPOSSIBLE_DATES = [
    ("30th Feb", UNKNOWN, S.PLANNED, IMPOSSIBLE),
    ("31 Sept", UNKNOWN, S.PLANNED, IMPOSSIBLE),
    ("31st June", UNKNOWN, S.PLANNED, IMPOSSIBLE),
    ("32 Oct", UNKNOWN, S.PLANNED, IMPOSSIBLE),
    ("31/11/15", UNKNOWN, S.PLANNED, IMPOSSIBLE),
    ("12/13/15", UNKNOWN, S.PLANNED, IMPOSSIBLE),
    ("10/31/15", UNKNOWN, S.PLANNED, IMPOSSIBLE),  # month first: no month 31
    ("0/10/15", UNKNOWN, S.PLANNED, IMPOSSIBLE),
    ("29 Feb 2015", UNKNOWN, S.PLANNED, IMPOSSIBLE),
    ("31/04/2016", UNKNOWN, S.PLANNED, IMPOSSIBLE),
    ("2015-02-30", UNKNOWN, S.PLANNED, IMPOSSIBLE),
    ("29/2", UNKNOWN, S.PLANNED, IMPOSSIBLE, 2016),  # February 2017 has 28 days
    ("31 Nov - completed", UNKNOWN, S.COMPLETED, IMPOSSIBLE),
    ("w/c 31 Sept", UNKNOWN, S.PLANNED, IMPOSSIBLE),
    ("30 Sept - 31 Sept", UNKNOWN, S.PLANNED, IMPOSSIBLE),
]

GROUPS = {
    "weeks": WEEKS, "day ranges and lists": DAY_RANGES, "single days": SINGLE_DAYS,
    "spans and numbers": SPANS_AND_NUMBERS, "months": MONTHS,
    "month ranges": MONTH_RANGES, "quarters years seasons terms": PERIODS, "statuses": STATUSES,
    "moved": MOVED, "no date": NO_DATE, "impossible dates": IMPOSSIBLE_DATES,
}
CASES = [
    pytest.param(case[0], case[1], case[2], case[3], case[4] if len(case) > 4 else 2015,
                 id=f"{group}: {case[0]!r} in {case[4] if len(case) > 4 else 2015}")
    for group, cases in GROUPS.items() for case in cases
]


@pytest.mark.parametrize(("text", "reading", "status", "flag", "first_year"), CASES)
def test_an_unseen_cell_is_read_as_the_rules_say(text, reading, status, flag, first_year):
    result = normalise_date(text, FinancialYear(first_year))
    assert (result.start, result.end, result.precision, result.status, result.flag) == (*reading, status, flag)
