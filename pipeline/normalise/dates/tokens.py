"""A cell's pieces: the tokeniser (one compiled regex over the whole lexicon) and, for the
commonest shapes, an anchored regex that cuts the same tokens faster. Both hand their tokens to
the one grammar (`grammar.read`)."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from pipeline.core.fiscal import FinancialYear
from pipeline.normalise.dates.lexicon import (
    _DIGITS_RE,
    _FY_RE,
    _MONTH_NUMBER,
    _MONTH,
    _ORDINAL_QUARTER,
    _TOKEN_RE,
    _WEEKDAY,
    _WEEKDAY_NUMBER,
    _WRITTEN_YEARS,
)
from pipeline.normalise.dates.model import INVALID, Status
from pipeline.normalise.dates.parts import _Item
from pipeline.normalise.dates.slips import slipped_month
from pipeline.normalise.dates.statuses import _RANK, _STATUS_OF_FLAG, _tail_status


class _Token(NamedTuple):
    kind: str
    value: Any = None


_SEP_TOKEN = _Token("sep", "sep")  # "-", "/", "to", ",", ...: what separates the parts of a cell


class _Scan(NamedTuple):
    tokens: list[_Token]  # date tokens and separators; flags and filler words dropped
    status: Status | None
    unknown: bool  # a word or character the grammar does not know
    bad_year: bool = False  # a written year outside 1900-2099 (never replaced: docs/dates.md)
    long_number: bool = False  # a number of 3 or 5+ digits: no day, no year
    moved: bool = False  # a move word: dates before it or after its "from" are old ones, dropped
    corrected: bool = False  # a month name read through one slip of the keyboard ("Janaury")
    weekdays: frozenset = frozenset()  # the weekdays written (Monday 0), checked against a day read



# Tokens that are (part of) a date: words before one are unknown; words after the last one and
# before a status flag are what annotates the flag ("12/13 May - both days CONFIRMED").
_DATE_KINDS = frozenset(("day", "month", "year", "date", "fy", "quarter", "season", "week", "monthweek", "allyear", "pair",
                         "half", "slipped", "term", "nthday"))
# Range words that close a span: a cell opening with one ("until 1 Oct", "till March") names
# only the end of a span whose start it does not give, so no date of the activity.
_SPAN_ENDS = frozenset(("to", "until", "till", "til", "through", "thru"))
_NTH_NUMBER = {"1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4, "fourth": 4,
               "5th": 5, "fifth": 5, "last": -1, "final": -1}


def _scan(text: str) -> _Scan:
    """Every piece of the cell is a date part, a status flag or a known filler; any other piece
    makes the cell unknown (`unknown`), never a date built from the rest. Known fillers are the
    `filler` words, words annotating a flag that follows ("12/13 May - both days CONFIRMED"), a
    venue after "@" or "at" ("1 Oct @ Leeds"), a duration before a flag ("(2 days) TBC"), a time of
    day, and the old date of a moved activity ("Postponed from 5 May", "12 May - postponed"): its
    date parts are dropped, and only a date introduced after the move word by "to", "until",
    "till", "for" or "now" ("Deferred to Q4") is the cell's date."""
    tokens: list[_Token] = []
    status: Status | None = None
    unknown = bad_year = long_number = moved = corrected = False
    weekdays = set()
    dated = False  # a date token seen
    loose = False  # words since the last date token and not yet followed by a status flag
    venue = False  # after "@" / "at" following a date: place words are passed over
    move = None  # after a move word: "after", "old" (its "from" date), "new" (its "to" date)
    old: list[_Token] = []  # the tokens of a moved activity's old date: read, then dropped
    before_move: list[_Token] = []  # the date before a move word: the new one only if "from" follows
    opened = False  # "From 1 Oct": a span's start; unread unless a later part ends it
    bare_day = False  # the last piece a day with no ordinal ("2" in "2 in Oct": a count?)
    counted = False  # "1 of" just read: a number after it makes "1 of 3", a count
    for match in _TOKEN_RE.finditer(text.lower().strip()):  # strip: trailing spaces would be rescanned
        kind = match.lastgroup
        value = match.group(kind)
        after_bare_day, bare_day = bare_day, kind == "day" and value.isdigit()
        if counted and bare_day:
            unknown = True  # "1 of 3 - 12 Oct": the first of three, not 1-12 October
        counted = counted and kind == "filler" and value == "of"
        if kind == "word" and (slipped := slipped_month(value)) is not None:
            kind, value, corrected = "slipped", slipped, True  # "Janaury": January, and said
        if kind in _DATE_KINDS:
            if loose or venue:
                unknown = True  # words between two parts of the date
                loose = venue = False
            if move == "after":
                unknown = True  # "Postponed 9 June": the old date or the new one? not said
            dated = True
        if kind in _STATUS_OF_FLAG:
            flag = _STATUS_OF_FLAG[kind]
            if status is None or _RANK[flag] > _RANK[status]:
                status = flag
            loose = venue = False
            if kind == "deferred":
                moved = True
                move = "after"
                before_move = tokens[:]
                tokens.clear()  # "12 May - postponed": the date written before is the old one
                dated = False
            continue
        # "Postponed from 5 May": the date it will not happen on is read (a bad year still
        # refuses the cell) into `old`, and dropped
        out = tokens if move is None or move == "new" else old
        if out is old and kind not in _DATE_KINDS:
            if kind == "filler" and value == "from":
                move = "old"
            elif kind in ("sep", "word", "filler") and value in _MOVE_TO:
                move = "new"
            elif kind in ("sep", "comma", "filler", "time"):
                pass
            else:
                unknown = True
            continue
        if kind == "day":
            out.append(_Token("day", int(_DIGITS_RE.match(value).group())))
        elif kind == "month":
            out.append(_Token("month", _MONTH_NUMBER[value[:3]]))
        elif kind == "slipped":
            out.append(_Token("month", value))
        elif kind == "half":
            out.append(_Token("half", 1 if "1" in value or "first" in value else 2))
        elif kind == "sep" or kind == "comma":
            if not dated and value in _SPAN_ENDS:
                unknown = True  # "until 1 Oct": the end of a span, not its date
            out.append(_SEP_TOKEN)
        elif kind == "time":  # a time of day does not move the date
            if match.group("hour") and tokens and out[-1].kind == "month" and (len(out) == 1 or out[-2].kind != "day"):
                out.append(_Token("day", int(match.group("hour"))))  # "May 10 - 11am": 10 May, not 10-11am
        elif kind == "filler":
            if value[0] in "mtwfs" and _WEEKDAY_RE.fullmatch(value.rstrip(".")):
                weekdays.add(_WEEKDAY_NUMBER[value[:2]])
            elif value == "onwards":
                unknown = True  # "Oct 2015 onwards": a span's start, not its date (nor its end)
            elif value == "from" and not dated and move is None:
                opened = True
            elif after_bare_day and value in ("in", "during", "throughout"):
                unknown = True  # "2 in Oct": two of something in October, not the 2nd
            elif after_bare_day and value == "of":
                counted = True
            if dated and value in ("@", "at"):
                venue = True  # "1 Oct @ Leeds": where, not when
            continue
        elif kind == "year":
            digits = _DIGITS_RE.search(value).group()
            year = int(digits) if len(digits) == 4 else 2000 + int(digits)
            bad_year = bad_year or year not in _WRITTEN_YEARS
            out.append(_Token("year", year))
        elif kind == "numeric":
            day, month, year = (int(part) for part in re.split(r"[/.]", value))
            bad_year = bad_year or (year >= 100 and year not in _WRITTEN_YEARS)
            out.append(_Token("date", (year if year >= 100 else 2000 + year, month, day)))
        elif kind == "iso":
            year, month, day = (int(part) for part in value.split("-"))
            bad_year = bad_year or year not in _WRITTEN_YEARS
            out.append(_Token("date", (year, month, day)))
        elif kind == "fy":
            for token in _financial_year_tokens(value):
                if token.kind == "fy":  # both its years are written: "3015/16", "2099/00"
                    first = token.value.first_year
                    bad_year = bad_year or first not in _WRITTEN_YEARS or first + 1 not in _WRITTEN_YEARS
                elif token.kind == "year":
                    bad_year = bad_year or token.value not in _WRITTEN_YEARS
                out.append(token)
        elif kind == "quarter":
            digits = _DIGITS_RE.search(value)
            words = value.split()
            number = (int(digits.group()) if digits and not value[0].isdigit()
                      else _ORDINAL_QUARTER.get(words[0]) or _ORDINAL_QUARTER[words[-1]])  # "3rd quarter", "quarter two"
            out.append(_Token("quarter", number))
        elif kind == "season":
            out.append(_Token("season", value))
        elif kind == "term":
            out.append(_Token("term", value.split()[0]))
        elif kind == "nthday":  # "1st Tuesday in November": which weekday, and the how-manyth
            weekday = _WEEKDAY_NUMBER[match.group("nthwd")[:2]]
            out.append(_Token("nthday", (_NTH_NUMBER[match.group("nth")], weekday)))
        elif kind == "week":
            out.append(_Token("week", "end" if match.group("wend") else "start"))
            day_month = match.group("wdm")
            if day_month:  # "wc 12/5": the day, then the month
                day, month = (int(part) for part in re.split(r"[/.]", day_month))
                out.extend((_Token("day", day), _Token("month", month)))
        elif kind == "monthweek" or kind == "allyear":
            out.append(_Token(kind))
        elif kind == "pair":
            first, second = (int(part) for part in value.split("/"))
            if out and out[-1].kind == "month":  # "May 14/15": two days of May
                out.extend((_Token("day", first), _SEP_TOKEN, _Token("day", second)))
            else:
                out.append(_Token("pair", (first, second)))
        elif kind == "word" and venue:
            continue
        elif kind == "word" or kind == "note":
            if dated:
                loose = True  # forgiven if a status flag follows
            else:
                unknown = True
        else:  # number, other
            long_number = long_number or kind == "number"
            unknown = True
    if move == "old" and before_move and not tokens and any(token.kind != "sep" for token in old):
        # "14 Oct (moved from 7 Oct)": the move word's "from" names the old date, so the one
        # written before it is the new one
        tokens = before_move
    if opened and not _closes_a_span(tokens):
        unknown = True  # "From 1 Oct": when it starts, not when it is; "From 5 to 9 Oct" is read
    return _Scan(tokens, status, unknown or loose, bad_year, long_number, moved, corrected, frozenset(weekdays))


def _closes_a_span(tokens: list[_Token]) -> bool:
    """Whether a separator stands between two date tokens: "from 5 to 9 Oct", not "from 1 Oct"."""
    dated = [index for index, token in enumerate(tokens) if token.kind != "sep"]
    return bool(dated) and any(token.kind == "sep" for token in tokens[dated[0]:dated[-1]])


_WEEKDAY_RE = re.compile(_WEEKDAY)
# A weekday opening a cell of the fast lexer's ("Wed 11 Feb"), the only place its shapes take one
# in a single day; its key leaves the weekday out, so the day is checked against it afterwards.
WEEKDAY_AT_START = re.compile(r"\s*(" + _WEEKDAY + r")")

# Words after a move word that introduce the new date: "Deferred to Q4", "Rescheduled for 9 June"
# ("Postponed - new date Feb")
_MOVE_TO = frozenset(("to", "until", "till", "til", "for", "now", "into", "new"))


def _financial_year_tokens(value: str) -> list[_Token]:
    """ "2015/16" is a financial year; "2015 - 2017" (not consecutive) two calendar years."""
    first_text, second_text = _FY_RE.search(value).groups()
    first = int(first_text) if len(first_text) == 4 else 2000 + int(first_text)
    second = int(second_text)
    second = second if len(second_text) == 4 else first // 100 * 100 + second
    if second == first + 1:
        return [_Token("fy", FinancialYear(first))]
    if len(first_text) == 4 and len(second_text) == 2 and "-" in value and not value.startswith("fy") and 1 <= second % 100 <= 12:
        # "2016-10": ISO year-month (spaces and months after it are excluded by the pattern)
        return [_Token("month", second % 100), _Token("year", first)]
    if len(first_text) == 4 and not value.startswith("fy"):  # "2015-2017", "2016-10 Jan": a year, then more
        second_token = _Token("year", second) if len(second_text) == 4 else _Token("day", int(second_text))
        return [_Token("year", first), _SEP_TOKEN, second_token]
    return [_Token("other")]


# ---------------------------------------------------------------------------------------------
# The commonest shapes ("14/15 May - completed", "November", "Feb / March", "30 Sept - 1 Oct",
# "Q3", "12/09/2015") cut by one anchored regex into the parts (or tokens) the tokeniser and
# `grammar._items` would make, about ten times faster than the tokeniser's alternation; tests hold
# the two cuts equal. Anything else returns None and goes to the tokeniser. No reading happens
# here: the one grammar reads both.

_SEP = r"(?:[-–—/&+]|to\b|and\b)"


def _day(group: str) -> str:
    """A day ("14", "14th", "03"), its digits captured as `group`, the ordinal's letters not."""
    return rf"(?P<{group}>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:.])"


def _month(group: str) -> str:
    """A month name, its first three letters captured as `group` (all `_MONTH_NUMBER` needs)."""
    return rf"(?=(?P<{group}>[a-z]{{3}})){_MONTH}"


def _simple_part(n: int) -> str:
    r"""[vague word] [weekday] then "14 May", "14/15 May", "May 14", "May"; then [, year]. The
    groups capture only what the date is (digits, a month's first letters, a year), so cells
    written alike share one `fast_key`. Blanks are taken possessively (`\s*+`): what follows
    each never starts with one, so giving one back could not make a match, only retry it."""
    return (
        r"(?:(?:early|mid|middle|late|end\s++of|beginning\s++of|start\s++of)[\s-]*+)?"
        r"(?:" + _WEEKDAY + r"\.?,?\s*+)?"
        rf"(?:{_day(f'a{n}')}\s*+(?:{_SEP}\s*+{_day(f'b{n}')}\s*+)?{_month(f'm{n}')}"
        rf"|{_month(f'n{n}')}(?:\.?\s++{_day(f'c{n}')})?)\.?"
        rf"(?:(?:\s*+,)?\s*+(?P<y{n}>(?:19|20)\d{{2}})\b)?"  # not \s*,?\s*: quadratic on long blank runs
    )


# What a part can start with: a digit, or the first letter of a vague word, a weekday or a month.
# Looked at before the second part is tried, so a flag after a separator ("14 May - completed")
# fails at its first letter, not after every alternative of the part.
_PART_START = r"(?=[0-9abdefjlmnostw])"
# Applied to lower-cased text: case-insensitive matching is markedly slower in `re`.
_SIMPLE_RE = re.compile(r"\s*+" + _simple_part(1) + r"(?:\s*+" + _SEP + r"\s*+" + _PART_START + _simple_part(2) + ")?")
# "Q3", "Quarter 2", "Q1 Apr - June", "Q4 (Jan-Mar)"
_SIMPLE_QUARTER_RE = re.compile(
    r"\s*(?:q(?:tr)?|quarter)\s*(?P<q>[1-4])\b(?:(?:\s*\()?\s*(?P<qa>" + _MONTH + r")\.?\s*" + _SEP
    + r"\s*(?P<qb>" + _MONTH + r")\.?\s*\)?)?"
)
# "12/09/2015", "12.09.15", "2015-09-12"
_SIMPLE_NUMERIC_RE = re.compile(
    r"\s*(?:(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4}|\d{2})|(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))\b"
)


# A day's digits as the fast lexer's regex captures them ("14", "03", "3") -> its number, looked up.
_DAY_NUMBERS = {f"{number:0{width}d}": number for number in range(100) for width in (1, 2)}


def _simple_part_items(groups: tuple, offset: int) -> tuple[_Item, ...]:
    """The parts of one side of a simple cell, as `grammar._items` cuts its tokens: "14 May" one,
    "14/15 May" two ("14", then "15 May"), a year (after a comma or not) joined to its part.
    `groups`: `_SIMPLE_RE`'s groups, the side's six from `offset`."""
    first_day, second_day, month_after, month_before, day_after, year_text = groups[offset:offset + 6]
    year = None if year_text is None else int(year_text)
    if month_before is not None:
        days = () if day_after is None else (_DAY_NUMBERS[day_after],)
        return (_Item("cal", days, _MONTH_NUMBER[month_before[:3]], year),)
    month = _MONTH_NUMBER[month_after[:3]]
    if second_day is None:
        return (_Item("cal", (_DAY_NUMBERS[first_day],), month, year),)
    return (_Item("cal", (_DAY_NUMBERS[first_day],)), _Item("cal", (_DAY_NUMBERS[second_day],), month, year))


def fast_key(lowered: str) -> tuple[tuple, Status | None] | None:
    """For a lower-cased cell of one of the commonest shapes: what its date is written as (the
    pieces of text the anchored regex takes, or a numeric date's numbers), which `fast_cut_of`
    cuts into parts, and its status flag; None to leave the cell to the tokeniser (`_scan`)."""
    match = _SIMPLE_RE.match(lowered)
    if match is not None:
        # its twelve groups, six a side (a, b, m, n, c, y): what the date is, not how it is spelt;
        # never equal to the shorter keys below
        key = match.groups()
    elif (match := _SIMPLE_QUARTER_RE.match(lowered)) is not None:
        key = match.group("q", "qa", "qb")
    elif (match := _SIMPLE_NUMERIC_RE.match(lowered)) is not None:
        if match.group("d") is not None:
            year, month, day = int(match.group("y")), int(match.group("m")), int(match.group("d"))
            year = year if year >= 100 else 2000 + year
        else:
            year, month, day = int(match.group("iy")), int(match.group("im")), int(match.group("id"))
        if year not in _WRITTEN_YEARS:
            return None  # the tokeniser names why ("year_out_of_range")
        key = (year, month, day)
    else:
        return None
    end = match.end()
    status = _tail_status(lowered[end:]) if end < len(lowered) else None
    if status is INVALID:
        return None
    return key, status


def fast_cut_of(key: tuple) -> tuple[tuple, bool]:
    """A `fast_key` key's parts (True) or, for a quarter or a numeric date, its tokens (False)."""
    if len(key) == 3 and isinstance(key[0], int):  # a numeric date: (year, month, day)
        return (_Token("date", key),), False
    if len(key) == 3:  # a quarter: its number, and the months that restate it
        quarter, first_month, last_month = key
        cut = (_Token("quarter", int(quarter)),)
        if first_month is not None:
            cut += (_Token("month", _MONTH_NUMBER[first_month[:3]]), _SEP_TOKEN, _Token("month", _MONTH_NUMBER[last_month[:3]]))
        return cut, False
    cut = _simple_part_items(key, 0)
    if key[8] is not None or key[9] is not None:  # the second side's month (after or before its days)
        cut += _simple_part_items(key, 6)
    return cut, True


def fast_cut(lowered: str) -> tuple[tuple, Status | None, bool] | None:
    """For a lower-cased cell of one of the commonest shapes: its parts (or, for a quarter or a
    numeric date, its tokens), its status flag, and True when parts; None to leave the cell to
    the tokeniser (`_scan`)."""
    fast = fast_key(lowered)
    if fast is None:
        return None
    key, status = fast
    cut, parts = fast_cut_of(key)
    return cut, status, parts
