"""One date cell's text, in one financial year -> a DateRange (cached): the fast lexer or the
tokeniser, then the one grammar, and dateparser only for a cell whose every piece is known."""

from __future__ import annotations

import functools
import re

from pipeline.core.fiscal import FinancialYear
from pipeline.normalise.dates.fallback import _FALLBACK_MAX_CHARS, _fallback
from pipeline.normalise.dates.fiscal import _two_digit_years
from pipeline.normalise.dates.grammar import _read, _Read, _read_parts, read_tokens
from pipeline.normalise.dates.lexicon import _HAS_DATE_HINT, _NUMERIC_HINT, _WEEKDAY_NUMBER
from pipeline.normalise.dates.model import (
    IMPOSSIBLE,
    INVALID,
    MONTH_CORRECTED,
    NO_SUCH_DAY,
    WEEKDAY_MISMATCH,
    YEAR_OUT_OF_RANGE,
    DateRange,
    Precision,
    Status,
)
from pipeline.normalise.dates.slips import slipped_month
from pipeline.normalise.dates.statuses import find_status
from pipeline.normalise.dates.tokens import WEEKDAY_AT_START, _Scan, _scan, fast_cut_of, fast_key


# Every cell read, by year and text: documents repeat cells ("November", "Feb / March"). A plain
# dict, not functools.lru_cache: on distinct cells every lookup misses, and lru_cache's key tuple
# and recency links cost about 1 us a cell (bench_dates.py's 59,271 distinct cells: 4.8 against
# 3.8 us). Past `_CELLS_MAX` a year's cells are dropped and rebuilt: a document's date column
# repeats far fewer distinct cells than that, and memory taken afresh for every answer kept costs
# more than answers freed and their memory reused (`annex dates` on 59,271 distinct cells, in
# process: 5.8 us a cell keeping 65,536, 5.1 keeping 8,192, 5.4 keeping 4,096 or 16,384).
_CELLS: dict[int, dict[str, DateRange]] = {}
_CELLS_MAX = 8192


def normalise_cell(text: str, first_year: int) -> DateRange:
    # Keyed on the year's number: hashing the frozen FinancialYear costs more than the lookup,
    # and most cells (the fast lexer's) never need one built.
    cells = _CELLS.get(first_year)
    if cells is None:
        cells = _CELLS[first_year] = {}
    result = cells.get(text)
    if result is None:
        if len(cells) >= _CELLS_MAX:
            cells.clear()
        result = cells[text] = _read_cell(text, first_year)
    return result


def _read_cell(text: str, first_year: int) -> DateRange:
    lowered = text.lower()
    fast = fast_key(lowered)
    if fast is None or _may_write_a_month_year(fast[0]):
        rewritten = _two_digit_years(lowered, first_year)
        if rewritten != lowered:  # "Mar-17", "Jan 16": a month and its year
            lowered = rewritten
            fast = fast_key(lowered)
    if fast is not None:
        key, status = fast
        fields_of = _FAST_FIELDS.get(first_year)
        fields = _MISSING if fields_of is None else fields_of.get(key, _MISSING)
        if fields is _MISSING:  # the key's first cell: the grammar reads it
            fields = _fast_fields(key, first_year)
        if fields is not None and fields["precision"] is _DAY and lowered[:1] in _WEEKDAY_LETTERS:
            weekday = WEEKDAY_AT_START.match(lowered)
            if weekday is not None and _WEEKDAY_NUMBER[weekday.group(1)[:2]] != fields["start"].weekday():
                return DateRange(text, None, None, Precision.UNKNOWN, status or _PLANNED, flag=WEEKDAY_MISMATCH)
        if fields is not None:
            # DateRange(text, ..., status, ...) from a copy of the key's cached fields: a frozen
            # dataclass's __init__ sets its seven fields one by one through object.__setattr__,
            # about three times the cost of one dict copy (inlined: a call costs as much again)
            fields = fields.copy()
            fields["text"] = text
            fields["status"] = status or _PLANNED
            result = _new_object(DateRange)
            _set_attribute(result, "__dict__", fields)
            return result
    if not _HAS_DATE_HINT.search(lowered) and not _has_slipped_month(lowered):
        # no digit, no month: no date, whatever the words say
        return DateRange(text, None, None, Precision.UNKNOWN, find_status(text) or Status.PLANNED)
    scan = _scan(lowered)
    status = scan.status or Status.PLANNED
    if scan.bad_year:  # never replaced by the financial year's, nor guessed at by dateparser
        return DateRange(text, None, None, Precision.UNKNOWN, status, flag=YEAR_OUT_OF_RANGE)
    read = None if scan.unknown else read_tokens(tuple(scan.tokens), first_year)
    if isinstance(read, _Read):
        if read.precision is Precision.DAY and len(scan.weekdays) == 1 and read.start.weekday() not in scan.weekdays:
            return DateRange(text, None, None, Precision.UNKNOWN, status, flag=WEEKDAY_MISMATCH)  # "Thurs 9th Oct" (2015)
        flag = MONTH_CORRECTED if scan.corrected else None
        return DateRange(text, read.start, read.end, read.precision, status, read.quarter, flag)
    if read is NO_SUCH_DAY:  # "30 Feb": said, never rolled over, nor guessed at by dateparser
        return DateRange(text, None, None, Precision.UNKNOWN, status, flag=IMPOSSIBLE)
    # never a date from a piece the grammar did not read: dateparser only sees cells whose every
    # piece is known (it once read "H2 2017/18" as 18 February 2017)
    if (read is None and not scan.unknown and not scan.moved and len(text) <= _FALLBACK_MAX_CHARS
            and _worth_fallback(scan, text) and not _is_own_year_pair(scan, first_year)):
        day = _fallback(lowered, FinancialYear(first_year))
        if day is not None:
            return DateRange(text, day, day, Precision.DAY, status)
    return DateRange(text, None, None, Precision.UNKNOWN, status)


# The fast lexer's readings, by year and key (`tokens.fast_key`): the DateRange fields but the
# text and status, or None for a key the grammar does not read (the tokeniser then tries the cell).
# Keyed on the text's pieces, not on its parts: a hit builds no parts and no reading at all.
_FAST_FIELDS: dict[int, dict[tuple, dict | None]] = {}
_FAST_FIELDS_MAX = 16384  # keys per year kept; past it the year's are dropped and rebuilt
_MISSING = object()
_PLANNED = Status.PLANNED
_DAY = Precision.DAY
_WEEKDAY_LETTERS = frozenset("mtwfs")  # what a weekday name starts with


def _fast_fields(key: tuple, first_year: int) -> dict | None:
    fields_of = _FAST_FIELDS.get(first_year)
    if fields_of is None:
        fields_of = _FAST_FIELDS[first_year] = {}
    fields = fields_of.get(key, _MISSING)
    if fields is _MISSING:
        if len(fields_of) >= _FAST_FIELDS_MAX:
            fields_of.clear()
        fields = fields_of[key] = _fields_of_read(_read_cut(key, first_year))
    return fields


def _read_cut(key: tuple, first_year: int) -> _Read | object | None:
    # The grammar itself, not its cached entry points: a key is read once per year here, and
    # distinct keys seldom share parts (1,318 parts for 1,407 keys on bench_dates.py's 3,213
    # distinct cells), so their caches would cost an entry per key for a few hits.
    cut, parts = fast_cut_of(key)
    financial_year = _financial_year(first_year)
    return _read_parts(list(cut), financial_year) if parts else _read(list(cut), financial_year)


def _may_write_a_month_year(key: tuple) -> bool:
    """Whether a fast lexer's cell may hold a month then a two-digit year (`_two_digit_years`):
    only where two digits follow a month name, which in its shapes is a day after a month ("May
    15", key[4] and key[10]) or a second part's first day after a separator ("May-15 to 17
    June", key[6]); its other digits are years, days after a number, and its tail has none. The
    rewrite's own look, asked of every cell, cost 0.4 us a cell (bench_dates.py)."""
    if len(key) != 12:  # a quarter or a numeric date: no month followed by digits
        return False
    day_after, second_first_day, second_day_after = key[4], key[6], key[10]
    return ((day_after is not None and len(day_after) == 2) or (second_first_day is not None and len(second_first_day) == 2)
            or (second_day_after is not None and len(second_day_after) == 2))


@functools.lru_cache(maxsize=64)
def _financial_year(first_year: int) -> FinancialYear:
    return FinancialYear(first_year)


def _fields_of_read(read: _Read | object | None) -> dict | None:
    """DateRange's fields, in its order, with the text and status to be filled."""
    if read is None:
        return None
    if read is INVALID or read is NO_SUCH_DAY:
        return {"text": None, "start": None, "end": None, "precision": Precision.UNKNOWN, "status": None,
                "quarter": None, "flag": IMPOSSIBLE if read is NO_SUCH_DAY else None}
    return {"text": None, "start": read.start, "end": read.end, "precision": read.precision, "status": None,
            "quarter": read.quarter, "flag": None}


_new_object = object.__new__
_set_attribute = object.__setattr__


def cache_clear() -> None:
    """Forget every reading of a cell and of the fast lexer's keys."""
    _CELLS.clear()
    _FAST_FIELDS.clear()


def _worth_fallback(scan: _Scan, text: str) -> bool:
    """Only a cell of calendar pieces alone (days, months, years, separators: no quarter, season,
    half or week, which dateparser would read as a day) and with a month name or a numeric date
    shape may be a single date dateparser can read."""
    if scan.corrected or any(token.kind not in _CALENDAR_KINDS for token in scan.tokens):
        return False
    return any(token.kind == "month" for token in scan.tokens) or bool(_NUMERIC_HINT.search(text))


_CALENDAR_KINDS = frozenset(("day", "month", "year", "date", "sep"))


def _is_own_year_pair(scan: _Scan, first_year: int) -> bool:
    """ "11-12" in 2011/12: the financial year, or 11 December? As "11/12" (`fiscal._resolve_pairs`),
    no reading is safe, so dateparser is not asked."""
    kinds = [token.kind for token in scan.tokens]
    if kinds != ["day", "sep", "day"]:
        return False
    first, second = scan.tokens[0].value, scan.tokens[2].value
    return first == first_year % 100 and second == (first + 1) % 100


def _has_slipped_month(lowered: str) -> bool:
    """A word that is a month name with one slip ("Janaury" alone has no digit and no month)."""
    return any(slipped_month(word) is not None for word in _WORD_RE.findall(lowered))


_WORD_RE = re.compile(r"[a-z]+(?:['’][a-z]+)?")


def states_no_date(text: str | None) -> bool:
    """True when a cell says only that there is no date yet: blank, or status words alone ("TBC",
    "Date to be confirmed", "Postponed"), so a null date there is not a reading failure."""
    if not text or not text.strip():
        return True
    scan = _scan(text)
    return not scan.tokens and not scan.unknown and scan.status is not None


def parse_quarter_header(text: str, financial_year: FinancialYear) -> DateRange | None:
    """A quarter column header ("Q1 Apr - June", "Quarter 3", "Q4 (Jan-Mar)") as its quarter of
    the financial year, or None when the text names no single quarter.

    When the header's months disagree with its number, the number wins: the months are a
    restatement written by hand, the number is what the column is.
    """
    if not text:
        return None
    scan = _scan(text)
    quarters = [token.value for token in scan.tokens if token.kind == "quarter"]
    if len(quarters) != 1:
        return None
    frames = [token.value for token in scan.tokens if token.kind == "fy"]
    frame = frames[0] if len(frames) == 1 else financial_year
    start, end = frame.quarter_months(quarters[0])
    return DateRange(text, start, end, Precision.QUARTER, scan.status or Status.PLANNED, quarters[0])
