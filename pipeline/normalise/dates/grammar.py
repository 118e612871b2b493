"""The grammar, once: a cell's tokens -> its parts (items) -> an inclusive range, a precision and,
for a quarter, its number. The rules are documented with examples in docs/dates.md."""

from __future__ import annotations

import datetime as dt
import functools
from typing import NamedTuple

from pipeline.core.fiscal import FinancialYear, last_day_of_month
from pipeline.normalise.dates.fiscal import _place_years, _plausible_overrun, _quarter_frame, _resolve_pairs
from pipeline.normalise.dates.lexicon import _SEASON_MONTHS, _TERM_MONTHS
from pipeline.normalise.dates.model import INVALID, NO_SUCH_DAY, Precision
from pipeline.normalise.dates.parts import _Item
from pipeline.normalise.dates.tokens import _Token


def _items(tokens: list[_Token]) -> list[_Item] | None:
    items: list[_Item] = []
    part: list[_Token] = []
    for token in (*tokens, _Token("sep")):
        if token.kind != "sep":
            part.append(token)
            continue
        if part:
            item = _item(part)
            if item is None:
                return None
            previous = items[-1] if items else None
            if item.kind == "year" and previous and previous.kind == "cal" and previous.year is None:
                items[-1] = previous._replace(year=item.year)  # "Sept 12, 2015"
            elif _is_month_only(item) and previous and _is_days_only(previous) and len(previous.days) == 1:
                items[-1] = item._replace(days=previous.days)  # "21-May", "5-Jun-2016"
            else:
                items.append(item)
            part = []
    return items


def _is_month_only(item: _Item) -> bool:
    return item.kind == "cal" and not item.days and not item.week and item.number is None


def _is_days_only(item: _Item) -> bool:
    return item.kind == "cal" and item.month is None and item.year is None and not item.week


_HEADS = ("quarter", "season", "half", "term")  # a period named by a word, with a year or financial year


def _item(part: list[_Token]) -> _Item | None:
    kinds = [token.kind for token in part]
    if kinds == ["date"]:
        year, month, day = part[0].value
        return _Item("cal", (day,), month, year)
    if kinds == ["year"]:
        return _Item("year", year=part[0].value)
    if kinds == ["fy"]:
        return _Item("fy", number=part[0].value)
    if kinds == ["allyear"]:
        return _Item("allyear")
    if kinds[0] in _HEADS or kinds[-1] in _HEADS:
        heads = [token for token in part if token.kind in _HEADS]
        years = [token for token in part if token.kind in ("year", "fy")]
        if len(heads) != 1 or len(heads) + len(years) != len(part) or len(years) > 1:
            return None
        year = years[0].value if years and years[0].kind == "year" else None
        frame = years[0].value if years and years[0].kind == "fy" else None
        return _Item(heads[0].kind, year=year, number=(heads[0].value, frame))
    days: list[int] = []
    month = year = week = nth = None
    month_week = False
    for token in part:
        if token.kind == "day":
            days.append(token.value)
        elif token.kind == "month" and month is None:
            month = token.value
        elif token.kind == "year" and year is None:
            year = token.value
        elif token.kind == "week" and week is None:
            week = token.value
        elif token.kind == "date" and week is not None and not days and month is None and year is None:
            year, month, day = token.value  # "w/c 12/05/2016"
            days.append(day)
        elif token.kind == "monthweek" and not month_week:
            month_week = True
        elif token.kind == "nthday" and nth is None:
            nth = token.value
        else:
            return None
    if nth is not None:  # "1st Tuesday in November": nothing else but its month and year
        return _Item("cal", (), month, year, number=nth) if month is not None and not days and not week and not month_week else None
    if not days and month is None:
        return None
    if week and len(days) != 1:
        return None
    if month_week and (days or week or month is None):
        return None  # "2nd week of May" is May; "week 2" alone, or with a day, is not read
    return _Item("cal", tuple(days), month, year, week="month" if month_week else week)




class _Read(NamedTuple):
    start: dt.date
    end: dt.date
    precision: Precision
    quarter: int | None = None


@functools.lru_cache(maxsize=16384)
def read_tokens(tokens: tuple[_Token, ...], first_year: int) -> _Read | object | None:
    """`_read`, cached on the tokens: distinct cells share them ("14/15 May - completed" and
    "14th-15th MAY (confirmed)" are the same four tokens), so the grammar runs once for both."""
    return _read(list(tokens), FinancialYear(first_year))


_QUARTER_CELL_KINDS = frozenset(("quarter", "month", "sep", "year", "fy"))


def _read(tokens: list[_Token], financial_year: FinancialYear) -> _Read | object | None:
    """The range the tokens say; `INVALID` if they say an impossible one (`NO_SUCH_DAY` if a day
    or month in it does not exist); None if not understood."""
    kinds = {token.kind for token in tokens}
    if "pair" in kinds:
        tokens = _resolve_pairs(tokens, financial_year)
        if tokens is None:
            return INVALID
        kinds = {token.kind for token in tokens}
    if "quarter" in kinds or "fy" in kinds:  # most cells have neither: no lists built for them
        frames = [token.value for token in tokens if token.kind == "fy"]
        quarters = [token.value for token in tokens if token.kind == "quarter"]
        if len(quarters) == 1 and len(frames) <= 1 and kinds <= _QUARTER_CELL_KINDS:
            # "Q1 Apr - June": the quarter number rules; the months only restate it.
            years = [token.value for token in tokens if token.kind == "year"]
            if len(years) > 1:
                return None
            frame = frames[0] if frames else _quarter_frame(quarters[0], years[0]) if years else financial_year
            start, end = frame.quarter_months(quarters[0])
            return _Read(start, end, Precision.QUARTER, quarters[0])
        if len(frames) == 1 and len(tokens) > 1:
            # "Sept - Dec 2015/16": a financial year written beside year-less parts places them.
            financial_year = frames[0]
            tokens = [token for token in tokens if token.kind != "fy"]
    items = _items(tokens)
    if not items or (len(items) > 1 and "nthday" in kinds):
        return None  # "1st Tuesday in May - June": not a form annexes write
    return _read_parts(items, financial_year)


@functools.lru_cache(maxsize=16384)
def read_items(items: tuple[_Item, ...], first_year: int) -> _Read | object | None:
    """The reading of a cell's parts as the fast lexer cuts them (the `_items` of its tokens),
    cached on them like `read_tokens`."""
    return _read_parts(list(items), FinancialYear(first_year))


def _read_parts(items: list[_Item], financial_year: FinancialYear) -> _Read | object | None:
    try:
        if len(items) == 1:
            return _read_single(items[0], financial_year)
        return _read_range(items, financial_year)
    except ValueError:  # date() refused a day or month: "31 June", "30 February", "12/13/15"
        return NO_SUCH_DAY



def _read_single(item: _Item, financial_year: FinancialYear) -> _Read | object | None:
    if item.kind == "cal":
        if item.month is None:
            return None  # "14/15" alone: days with no month
        year = item.year if item.year is not None else financial_year.year_of_month(item.month)
        if item.number is not None:  # "1st Tuesday in November"
            day = _nth_weekday(year, item.month, *item.number)
            return _Read(day, day, Precision.DAY) if day is not None else NO_SUCH_DAY  # "5th Monday in Feb"
        if not item.days:
            return _Read(dt.date(year, item.month, 1), last_day_of_month(year, item.month), Precision.MONTH)
        start, end = _bounds(item, year)
        return _Read(start, end, Precision.DAY if start == end else Precision.DAY_RANGE)
    if item.kind == "year":
        return _Read(dt.date(item.year, 1, 1), dt.date(item.year, 12, 31), Precision.YEAR)
    if item.kind == "fy":
        return _Read(item.number.start, item.number.end, Precision.YEAR)
    if item.kind == "allyear":
        return _Read(financial_year.start, financial_year.end, Precision.YEAR)
    if item.kind == "quarter":
        number, frame = item.number
        frame = frame or (_quarter_frame(number, item.year) if item.year else financial_year)
        start, end = frame.quarter_months(number)
        return _Read(start, end, Precision.QUARTER, number)
    if item.kind == "season":
        return _read_season(item, financial_year)
    if item.kind == "term":
        return _read_term(item, financial_year)
    if item.kind == "half":
        return _read_half(item, financial_year)
    return None


def _read_half(item: _Item, financial_year: FinancialYear) -> _Read | None:
    """ "H1" is April-September of the financial year, "H2" October-March; "H2 2017/18" that
    financial year's. "H1 2017" is not read: a calendar year's half or a financial one's?"""
    number, frame = item.number
    if item.year is not None:
        return None
    frame = frame or financial_year
    start = frame.quarter_months(2 * number - 1)[0]
    end = frame.quarter_months(2 * number)[1]
    return _Read(start, end, Precision.MONTH_RANGE)


def _nth_weekday(year: int, month: int, nth: int, weekday: int) -> dt.date | None:
    """The `nth` (1-5, or -1 for the last) `weekday` (Monday 0) of a month; None if it has none
    ("5th Monday" of a month with four)."""
    first = dt.date(year, month, 1)
    if nth < 0:
        last = last_day_of_month(year, month)
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return day if day.month == month else None


def _read_term(item: _Item, financial_year: FinancialYear) -> _Read:
    """ "Autumn term" (September-December), "Spring term 2016" (January-April), "Summer term"
    (April-July): a school term's months, placed by its first month like any year-less month;
    unlike spring the season, a spring term starts in January, so it is never split by April."""
    name, frame = item.number
    first_month, last_month = _TERM_MONTHS[name]
    year = item.year if item.year is not None else (frame or financial_year).year_of_month(first_month)
    return _Read(dt.date(year, first_month, 1), last_day_of_month(year, last_month), Precision.MONTH_RANGE)


def _read_season(item: _Item, financial_year: FinancialYear) -> _Read | object:
    name, frame = item.number
    first_month, last_month = _SEASON_MONTHS[name]
    if item.year is not None:
        first_year = item.year
    else:
        frame = frame or financial_year
        if first_month < 4 <= last_month:
            return INVALID  # a year-less spring straddles the financial year's start
        first_year = frame.year_of_month(first_month)
    last_year = first_year + 1 if last_month < first_month else first_year
    return _Read(dt.date(first_year, first_month, 1), last_day_of_month(last_year, last_month), Precision.MONTH_RANGE)


def _read_range(items: list[_Item], financial_year: FinancialYear) -> _Read | object | None:
    kind = items[0].kind
    if any(item.kind != kind for item in items):
        return None  # "May - Q3", "2016 - June": mixed parts are not read
    if kind == "cal":
        return _read_calendar_range(items, financial_year)
    if kind == "year":
        start, end = dt.date(items[0].year, 1, 1), dt.date(items[-1].year, 12, 31)
        return _Read(start, end, Precision.YEAR) if _ordered([item.year for item in items]) else INVALID
    if kind == "season":
        return _read_season_range(items, financial_year)
    if kind == "quarter" and all(item.year is None and item.number[1] is None for item in items):
        numbers = [item.number[0] for item in items]
        if not _ordered(numbers):
            return INVALID
        return _Read(financial_year.quarter_months(numbers[0])[0], financial_year.quarter_months(numbers[-1])[1], Precision.MONTH_RANGE)
    return None


def _read_season_range(items: list[_Item], financial_year: FinancialYear) -> _Read | object | None:
    """ "Spring/Summer 2017", "Summer/Autumn", "Autumn 2016 - Winter 2016": from the first
    season's first month to the last one's last month (`month_range`). A year written on one
    season places the others next to it, each starting after the one before ("Autumn/Winter
    2016": September 2016 to February 2017); with no year the first is placed in the financial
    year as a season alone is ("Spring/Summer" alone straddles its start: unknown)."""
    if any(item.number[1] is not None for item in items):
        return None  # "Spring 2016/17 - Summer": not a form annexes write
    first_months = [_SEASON_MONTHS[item.number[0]][0] for item in items]
    years = [item.year for item in items]
    known = next((index for index, year in enumerate(years) if year is not None), None)
    if known is None:
        first = _read_season(items[0], financial_year)
        if first is INVALID:
            return INVALID
        known, years[0] = 0, first.start.year
    for index in range(known - 1, -1, -1):  # before a written year: the last start before the next
        later = index + 1
        years[index] = years[later] - (0 if first_months[index] < first_months[later] else 1)
    for index in range(known + 1, len(items)):  # after: the first start after the one before
        if years[index] is None:
            earlier = index - 1
            years[index] = years[earlier] + (0 if first_months[index] > first_months[earlier] else 1)
    reads = [_read_season(item._replace(year=year), financial_year) for item, year in zip(items, years)]
    starts = [read.start for read in reads]
    if any(later <= earlier for earlier, later in zip(starts, starts[1:])):
        return INVALID  # "Winter 2016 - Autumn 2016"
    if all(item.year is None for item in items) and not _plausible_overrun(starts[0], reads[-1].end, financial_year):
        return INVALID
    return _Read(starts[0], reads[-1].end, Precision.MONTH_RANGE)


def _read_calendar_range(items: list[_Item], financial_year: FinancialYear) -> _Read | object | None:
    for item in items:
        if item.month is None:
            items = _borrow_months(items)
            if items is None:
                return None
            break
    years = _place_years(items, financial_year)
    first = previous = last = None
    yearless = every_part_dated = True
    # "w/c 5 & 12 Oct", "w/c 5 Oct - 19 Oct", "w/e 9 & 16 Oct": a later day on the first week's
    # weekday names a week too (the range would otherwise stop at its first day); a day inside
    # the first week ("w/c 12 May to 14 May") stays a day
    week = items[0].week if items[0].week in _DAY_WEEKS and len(items[0].days) == 1 else None
    week_day = None
    for item, year in zip(items, years):
        if week is not None:
            if week_day is None:
                week_day = dt.date(year, item.month, item.days[0])
            elif not item.week and len(item.days) == 1:
                day = dt.date(year, item.month, item.days[0])
                if day > week_day and (day - week_day).days % 7 == 0:
                    item = item._replace(week=week)
        start, end = _bounds(item, year)
        if previous is not None and start < previous:
            return INVALID  # "15/14 May", "March 2016 - Feb 2016"
        first = first or start
        previous, last = start, end if last is None or end > last else last  # "w/c 12 May - 14 May" keeps its week
        yearless = yearless and item.year is None
        every_part_dated = every_part_dated and bool(item.days)
    if first > last or (yearless and not _plausible_overrun(first, last, financial_year)):
        return INVALID
    if not every_part_dated:  # "May - 15 June": as precise as its vaguest part, whole months
        return _Read(first.replace(day=1), last_day_of_month(last.year, last.month), Precision.MONTH_RANGE)
    return _Read(first, last, Precision.DAY_RANGE if first < last else Precision.DAY)




def _ordered(values: list) -> bool:
    return all(a <= b for a, b in zip(values, values[1:]))


def _borrow_months(items: list[_Item]) -> list[_Item] | None:
    """ "14/15 May": a part with days only takes the month (and year) of the next part that has
    one, else of the previous dated part ("May 14-15")."""
    result = list(items)
    for index, item in enumerate(items):
        if item.month is not None:
            continue
        donor = next((other for other in items[index + 1 :] if other.month is not None), None)
        if donor is None:
            # only a dated part lends backwards: "May 14-15" yes, "May-21" (May 2021?) no
            donor = next((other for other in reversed(items[:index]) if other.month is not None), None)
            donor = donor if donor is not None and donor.days else None
        if donor is None:
            return None
        year = item.year if item.year is not None else donor.year
        result[index] = _Item(item.kind, item.days, donor.month, year, item.number, item.week)  # not _replace: slower
    return result




def _bounds(item: _Item, year: int) -> tuple[dt.date, dt.date]:
    if not item.days:
        return dt.date(year, item.month, 1), last_day_of_month(year, item.month)
    start = dt.date(year, item.month, min(item.days))
    if item.week == "start":
        return start, start + _WEEK_LATER
    if item.week == "end":
        return start - _WEEK_LATER, start
    return start, dt.date(year, item.month, max(item.days))


_WEEK_LATER = dt.timedelta(days=6)
_DAY_WEEKS = ("start", "end")  # weeks named by a day: "w/c 12 May", "w/e 16 May" (not "2nd week of May")
