"""Date cells of annexes -> inclusive [start, end] ranges with a precision and a status.

Annexes write "14/15 May - completed", "Feb / March", "12 September (CONFIRMED)", "Q3",
"2015/16"... and seldom the year: a document covers one financial year (April to March), so a
year-less month is placed in it (April-December in its first calendar year, January-March in its
second). An explicit year always wins.

Why a hand-written grammar: dateparser returns a single datetime, so it cannot express a range
("14/15 May" even comes back as 14 May 2015, "15" read as the year) or a status flag, and it
fills a missing year from today's date unless told otherwise. So the cell is read by a small
tokeniser (one compiled regex) and a grammar over its tokens; dateparser is only the fallback for
a single date the grammar does not know (e.g. "12/09", "1 Oct @ Leeds"), with every setting that
could let today's date or the machine's locale leak pinned (see `dateparser_settings`).

Speed (benchmarks/bench_dates.py): answers are cached per (text, financial year); the commonest
shapes ("14/15 May - completed", "Feb / March", "Q3", "12/09/2015") are cut by one anchored regex
into the same parts the tokeniser would make; text with no digit, month or season is answered
without the tokeniser, and dateparser is tried only on cells with a month name or a numeric date.

Decisions (documented here because users' scripts rely on them):
- Ranges are inclusive. A month alone covers the whole month; a day range "14/15 May" covers
  both days; a list "3, 10 and 17 May" covers 3 to 17 May.
- Day-month order is day first for numeric dates ("12/09/2015" is 12 September); two-digit years
  are 20xx.
- A range is as precise as its vaguest part: when one part is a whole month ("May - 15 June",
  "Dec 16 - Jan") the range is whole months (`month_range`, 1 May to 30 June); a day range runs
  over at least two days ("12/12 May" is the day 12 May).
- A written year is only ever read as written, from 1900 to 2099: any other four-digit number
  ("12 May 3015", "1 January 0001", "12/05/3015", "3015/16") makes the cell `unknown` with
  flag `year_out_of_range`, never a date in the financial year (nor dateparser's guess); a number
  of three or five or more digits is no day and no year ("12 May 201" is `unknown`).
- A year-less range starts inside the financial year and each later part is its first occurrence
  on or after the previous one: "30 Dec - 2 Jan" stays ordered; "March - April" in 2015/16 is
  March 2016 to April 2016 (the only year-less case that may end after the financial year, and
  only when shorter than six months: "March / Feb", a year long, is refused as a likely slip).
- A part without a year before a part with one is its last occurrence on or before it:
  "December - January 2016" starts in December 2015.
- Seasons are meteorological month ranges: spring March-May, summer June-August, autumn (or
  fall) September-November, winter December-February. A year-less spring straddles the start of
  the financial year (March is in its second calendar year, April and May in its first) so it is
  `unknown`; "Winter 2015" is December 2015 to February 2016.
- "Q3" is the document's financial quarter 3; "Q3 2016/17" that financial year's; "Q3 2016" the
  financial quarter 3 whose months fall in calendar 2016 (so "Q4 2016" is January-March 2016).
- "2015/16" is the financial year (precision `year`); "2016" the calendar year; "all year" or
  "throughout the year" the document's financial year.
- Vague words that narrow a period ("early", "mid", "late", "end of", "beginning of") keep the
  whole period: "late May" is May, so the range still contains the real date.
- Weeks: a week named by its first day is the seven days from it: "w/c 12 May", "wc 12/5",
  "w/b", "w.c.", "week commencing/beginning/starting (on) Monday 12th May", "wk comm. 12 May",
  "week of 12 May" (the day written is the week's first, as in "w/c"); a numeric day/month after
  these words ("wc 12/5") is the day and month, day first, placed in the financial year like any
  year-less date. A week named by its last day ("w/e 16 May", "week ending 16 May") is the seven
  days to it. A week counted within a month ("2nd week of May", "week 2 of May", "last week in
  May", "2nd/3rd week of May", "weeks 2-3 of May") keeps the whole month (`month`): no rule is always right about its days (days 1-7, the
  week of the month's first Monday and the first full week all have writers); "week 2" without a
  month, or with a day, is `unknown`.
- A time of day after a date does not move it: "12 May 10am", "12 May, 10:30", "12 May @ 14.00",
  "12 May 2pm-4pm", "12 May 10-11am", "12 May 9:30 - 16:00", "12 noon", "1400hrs", "10 a.m." are
  12 May. A time needs its marker (am/pm, noon, hrs, or hh:mm / hh.mm with two-digit minutes): a
  bare number after a date is a day ("12 May 10" is not read as a time), and so is a bare number
  opening a span right after a month written first ("May 10 - 11am" is 10 May, not 10-11am in May).
- Words between a date and its status flag annotate the flag and are passed over: "12/13 May -
  both days CONFIRMED", "14 May - venue booked", "12 May - room and catering TBC". Words before a date, between
  its parts, or after it with no flag following ("12/13 May - both days") leave the cell `unknown`.
- Two digits after a month are its year when they are the year that month falls in within the
  financial year: in 2016/17 "Jan 17", "Mar-17" (a spreadsheet's month-year) and "Oct/Nov 16"
  are January 2017, March 2017 and October-November 2016 (UK writers put the day first, so
  "Jan 17" is seldom the 17th); any other number stays a day: "May 14", "Jan 16", "Mar 17th".
  Month-year pairs in a range follow the same rule part by part, whatever the separator: "Dec
  16/Jan 17", "Dec-16 - Jan-17" in 2016/17 are December 2016 to January 2017 (`month_range`,
  from 1 December); "May 14/15" (a number, not a month, after the slash) stays two days.
- Impossible dates ("31 June", "30 February"), reversed ranges and anything unread come back
  `unknown` with null dates; nothing raises.
- A spreadsheet's date cell comes with the date it stores behind its printed text (`value`, an
  ISO date: an Excel date formatted "dd mmm" prints "12 Mar" and stores 2016-03-12). The printed
  text is what the council published and says how precise the date is; the stored date is exact
  wherever the text shows it, and gives the year the text leaves out as long as that year keeps
  the date in the document's financial year. The rule:
  1. The text is read in the financial year the stored date falls in. When that reading contains
     the stored date (the text is a rendering of it: the same day and month where it shows them)
     it is the answer: "12 Mar" of 2016-03-12 is the day 12 March 2016 and "Mar-17" of
     2017-03-01 (Excel's "mmm-yy") the month March 2017, whatever the document's financial year.
  2. Except when the text shows no year, the stored date falls outside the document's financial
     year and the text read in the financial year falls inside it ("12 Mar" of 2015-03-12 in
     2015/16): then the text's reading in the financial year is the answer (day and month from
     the text and the stored date, the year from the financial year: 12 March 2016), with flag
     `value_outside_financial_year`, a warning that never stops the release. When "12 Mar" is
     typed, Excel fills in the year of typing, so where the text shows no year the stored year is
     its least reliable part (a 2015/16 plan typed in January 2015 stores 2015-03-12 for March
     2016). The text shows no year when its reading moves with the financial year it is read in
     ("12 Mar", "Mar", "Saturday 12 Mar", "12/03"). A text that shows a year ("Mar-17" of
     2017-03-01, "12/03/2017") keeps the stored date by rule 1, exact: outside the financial year
     it is a real out-of-year date, unflagged here, as the same text in a text dump would be.
  3. When the text is no rendering of the stored date (it names another day or month, or no date
     at all, as a format showing only the time or the weekday), the published text wins: it is
     read alone, in the document's financial year, as any cell is, with flag `value_mismatch`.
  4. A stored date outside 1900-2099 is `unknown` with flag `year_out_of_range`, as a written one.
  The status always comes from the text ("12 Mar - CONFIRMED", from a format printing the word)
  and the row's other text, as for any cell: a stored date says nothing of it.

Status flags (any case, any punctuation around them); when several are present the most
advanced wins (cancelled > completed > confirmed > tbc > planned), so "provisional - now
confirmed" is confirmed:
- cancelled: cancelled, canceled, withdrawn, called off, dropped, not going ahead, no longer
  going ahead/required/taking place. (Postponed is tbc: it will happen, on a date to confirm.)
- completed: completed, complete, done, delivered, held, took place, finished.
- confirmed: confirmed, booked, agreed, secured.
- tbc: tbc, tba, tbd, to be confirmed/arranged/agreed/decided/determined/scheduled/fixed/
  finalised, not (yet) confirmed/booked/fixed/finalised, unconfirmed, provisional(ly),
  tentative(ly), pencilled (in), proposed, postponed, and "?" ("Sept?").
- planned: no flag, or planned/scheduled/to be held/to be completed/to be delivered/not (yet)
  held/completed/delivered.
A row's other text (`context`, e.g. the activity "Sport peer review (2 days TBC)") lends its flag
only when the cell has none, and only flags written as annotations count there: tbc/tba/tbd,
an upper-case word ("CONFIRMED"), a flag in brackets, or one after a dash or colon; so an
audience "PHs who have completed an academy" does not mark the row completed.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from enum import Enum
from typing import Any, NamedTuple

from pipeline.core.fiscal import FinancialYear, last_day_of_month


class Precision(str, Enum):
    DAY = "day"
    DAY_RANGE = "day_range"
    MONTH = "month"
    MONTH_RANGE = "month_range"
    QUARTER = "quarter"
    YEAR = "year"
    UNKNOWN = "unknown"


class Status(str, Enum):
    COMPLETED = "completed"
    CONFIRMED = "confirmed"
    TBC = "tbc"
    PLANNED = "planned"
    CANCELLED = "cancelled"  # not one of the four the annexes print most, but never "planned"
    DEFERRED = "deferred"  # moved (deferred, postponed, on hold, rescheduled): not happened, date not settled


@dataclass(frozen=True)
class DateRange:
    """A date cell read: the original text, an inclusive range, its precision and its status."""

    text: str
    start: dt.date | None
    end: dt.date | None
    precision: Precision
    status: Status
    quarter: int | None = None
    # why an `unknown` cell was refused, when a rule names it (year_out_of_range), or what a
    # spreadsheet's stored date did: the printed text does not show it (value_mismatch), its year,
    # not shown in the text, was outside the financial year and the financial year's was taken
    # (value_outside_financial_year)
    flag: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The CLI's and users' contract: exactly these keys, in this order, and "flag" after them
        only when the cell has one (so every readable cell's line is as it always was)."""
        fields = {
            "text": self.text,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": self.precision.value,
            "status": self.status.value,
        }
        if self.flag is not None:
            fields["flag"] = self.flag
        return fields


# ---------------------------------------------------------------------------------------------
# Lexicon. Flags are matched before everything else so "to be confirmed" is one tbc token rather
# than a "to" separator and a confirmed flag; longer phrases come first in each alternation.

_FLAG_WORDS = {
    "tbc": r"\b(?:to\s+be\s+(?:confirmed|arranged|agreed|decided|determined|scheduled|fixed"
    r"|finali[sz]ed)|not\s+(?:yet\s+)?(?:confirmed|booked|fixed|finali[sz]ed)|unconfirmed"
    r"|tb[cad]|provisional(?:ly)?(?:\s+booked)?|tentative(?:ly)?(?:\s+booked)?"
    r"|pencil+ed(?:\s+in)?|proposed)\b",
    # moved: the activity has not happened and its date is not settled (see `_scan` for which
    # date such a cell carries)
    "deferred": r"\b(?:deferred|postponed|on\s+hold|re-?scheduled|re-?arranged|delayed|moved|put\s+back"
    r"|pushed\s+back)\b",
    "planned": r"\b(?:to\s+be\s+(?:held|completed|delivered|done|booked)"
    r"|not\s+(?:yet\s+)?(?:held|completed?|delivered|done)|incomplete|planned|scheduled)\b",
    "confirmed": r"\b(?:confirmed|booked|agreed|secured)\b",
    "completed": r"\b(?:completed?|done|delivered|held|took\s+place|finished)\b",
    "cancelled": r"\b(?:cancell?ed|withdrawn|called\s+off|no\s+longer\s+(?:going\s+ahead|required|"
    r"taking\s+place)|not\s+going\s+ahead|dropped)\b",
}
_FLAG_PATTERNS = {**_FLAG_WORDS, "tbc": _FLAG_WORDS["tbc"] + r"|\?+"}  # "Sept?" is a doubt
_STATUS_OF_FLAG = {
    "tbc": Status.TBC,
    "deferred": Status.DEFERRED,
    "planned": Status.PLANNED,
    "confirmed": Status.CONFIRMED,
    "completed": Status.COMPLETED,
    "cancelled": Status.CANCELLED,
}
# The most advanced flag wins: a row updated to "completed" keeps its older "confirmed", and a
# "confirmed - now cancelled" row is cancelled.
_RANK = {Status.PLANNED: 0, Status.TBC: 1, Status.DEFERRED: 2, Status.CONFIRMED: 3, Status.COMPLETED: 4,
         Status.CANCELLED: 5}

_MONTH = (
    r"(?<![a-z])(?:jan(?:uary)?|feb(?:ruary|uary|urary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
_MONTH_NUMBER = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_WEEKDAY = r"\b(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b"
# "w/c", "w/b", "wc", "w.c.", "week commencing/beginning/starting/of", "wk comm.", "week beg."
_WEEK_START = (
    r"\bw\s*/\s*[cb]\b|\bw\.[cb]\.|\bw[cb]\b"
    r"|\b(?:week|wk)\.?\s+(?:(?:commencing|beginning|starting|of)\b|(?:comm|beg)\b\.?)"
)
# A time of day: "10am", "10.30 a.m.", "12 noon", "14:00", "14.00hrs", "1400 hrs"; before it, for a
# span, "2pm-", "10-" ("10-11am"), "9:30 to ".
_CLOCK = (
    r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\b\.?|noon\b|midday\b)|\d{1,2}[:.]\d{2}(?:\s*(?:hrs|hours|h)\b)?(?!\d)"
    r"|(?:[01]?\d|2[0-3])[0-5]\d\s*(?:hrs|hours|h)\b|(?:noon|midday|midnight)\b)"
)
_CLOCK_BARE = r"\d{1,2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\b\.?)?"
_NTH = r"(?:1st|2nd|3rd|4th|5th|first|second|third|fourth|fifth|last|final)"
_ORDINAL_QUARTER = {"1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4, "fourth": 4}
_SEASON_MONTHS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

# One alternation, tried at each position in this order; every non-space character ends up in
# some token (`other` catches the rest), so nothing the grammar does not know is silently skipped.
_TOKEN_PATTERNS = (
    *((name, pattern) for name, pattern in _FLAG_PATTERNS.items()),
    # "2nd week of May", "week 2 of May", "last week in May", "2nd/3rd week", "weeks 2-3 of May":
    # weeks counted within a month
    ("monthweek", r"\b(?:" + _NTH + r"(?:\s*(?:[/&+\-–]|and|or|to)\s*" + _NTH + r")*\s+(?:full\s+)?(?:weeks?|wks?)"
     r"|(?:weeks?|wks?)\s*(?:no\.?\s*)?[1-5](?:\s*(?:[/&+\-–]|and|or|to)\s*[1-5])*)\b(?:\s+(?:of|in)\b)?"),
    # "w/c 12 May", "week beginning Monday 12th May", "wk comm. 12/5", "w/e 16 May": the week's
    # word, then (for a numeric day/month without a year, which alone would be two days) "12/5"
    ("week", r"(?:(?P<wend>\bw\s*/\s*e\b|\bw\.e\.|\b(?:week|wk)\.?\s+ending\b)|" + _WEEK_START + r")(?:\s+on\b)?"
     r"(?:\s*(?:the\s+)?(?:" + _WEEKDAY + r"\.?,?\s*)?(?P<wdm>\d{1,2}[/.]\d{1,2})(?![/.]?\d))?"),
    ("allyear", r"\b(?:all\s+(?:the\s+)?year(?:\s+round)?|(?:throughout|across)\s+the\s+year|year[\s-]round|whole\s+year)\b"),
    ("iso", r"\b\d{4}-\d{1,2}-\d{1,2}\b"),
    ("numeric", r"\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b"),
    # "12/5", "12/05 (CONFIRMED)": a day and month without a year, or "17/18", a bare financial
    # year (see `_resolve_pairs`); not "14/15 May" nor "14/15th", days of a month written after
    ("pair", r"(?<![\d/.])\d{1,2}/\d{1,2}(?![\d/.a-z])(?!\s*(?:[-–&]\s*\d{1,2}(?:st|nd|rd|th)?\s*)?(?:of\s+)?" + _MONTH + ")"),
    # "2015/16", "FY2015-16", "2015 / 2016"; not "2016 - 10 January" nor "2016/17 January" (a
    # 2-digit part spaced off or followed by a month is a day)
    ("fy", r"\bfy\s*\d{2}\s*[/\-–]\s*\d{2}\b|\b(?:fy\s*)?\d{4}(?:[/\-–]\d{2}(?!(?:st|nd|rd|th)?\s*" + _MONTH + r")"
     r"|\s*[/\-–]\s*\d{4})\b"),
    ("quarter", r"\bq(?:tr)?\s*[1-4]\b|\bquarter\s*[1-4]\b|\b(?:1st|2nd|3rd|4th|first|second|third|fourth)\s+quarter\b"),
    # "10am", "10.30 a.m.", "14:00", "1400hrs", "12 noon", "2pm-4pm", "10-11am", "@ 14.00", ", 10:30"
    ("time", r"(?:@\s*|,\s*)?(?:\b(?:(?P<hour>\d{1,2})(?![\d:.]|\s*[ap]\.?m\b)|" + _CLOCK_BARE + r")"
     r"\s*(?:[-–—]|\bto\b|\buntil\b|\btill\b)\s*)?\b" + _CLOCK),
    # "2 days", "half day": how long, not when (read only as words before a status flag)
    ("note", r"\b\d{1,3}(?:\.\d)?\s*(?:days?|hrs?|hours?|weeks?|sessions?|mins?|minutes?)\b|\b(?:half|full|all|whole)[\s-]days?\b"),
    ("year", r"\b\d{4}\b|['’]\d{2}\b"),  # any four digits: 1900-2099 only are read (see `_scan`)
    ("number", r"\b\d{3}\b|\b\d{5,}\b"),  # no day, no year: "12 May 201" is never a date
    ("day", r"\b[0-3]?\d(?:st|nd|rd|th)?(?![0-9a-z])|\b[0-3]?\d(?=[a-z])"),  # "21May" too
    ("month", _MONTH + r"\.?"),
    ("season", r"\b(?:spring|summer|autumn|fall|winter)\b"),
    ("sep", r"[-–—/&+~]|\b(?:to|and|or|until|till|til|through|thru)\b"),
    ("comma", r","),
    (
        "filler",
        _WEEKDAY + r"\.?|\b(?:the|of|on|in|from|between|during|by|around|about|approx(?:imately)?|circa|c\."
        r"|early|mid|middle|late|end|beginning|start|date|dates|sometime|some\s+time|now|onwards|ish"
        r"|morning|afternoon|evening|at)\b|[.;:()\[\]{}\"'’*!@]",
    ),
    ("word", r"[a-z]+"),
    ("other", r"\S"),
)
_TOKEN_RE = re.compile(r"\s*(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _TOKEN_PATTERNS) + ")")
_FLAG_RE = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _FLAG_PATTERNS.items()), re.IGNORECASE)
_DIGITS_RE = re.compile(r"\d+")
_FY_RE = re.compile(r"(\d{2,4})\s*[/\-–]\s*(\d{2,4})")
# Cells with none of these cannot hold a date: answered without the tokeniser or dateparser.
_HAS_DATE_HINT = re.compile(r"\d|" + _MONTH + r"|\b(?:spring|summer|autumn|fall|winter|year|quarter)\b")  # on lower case
_NUMERIC_HINT = re.compile(r"\d\s*[/.\-:]\s*\d")

# "Jan 17", "Mar-17" (a spreadsheet's month-year), "Oct/Nov 16": a month then two digits that are
# the year of that month in the financial year (see `_two_digit_years`).
_MONTH_TWO_DIGITS = re.compile(
    r"(?P<month>" + _MONTH + r")\.?(?:-|\s+)(?P<yy>\d{2})(?![\d.:]|\s*[-–/&]\s*\d|st|nd|rd|th|\s*" + _MONTH
    + r"|\s*,?\s*(?:19|20)\d{2}\b)")  # "June 15, 2015": 15 is the day, the year follows
_WEEK_BEFORE = re.compile(
    r"(?:\bw\s*/\s*[cbe]|\bw\.[cbe]\.|\bw[cb]|commencing|beginning|starting|ending|\bweek\s+of|comm\.?|beg\.?)"
    r"(?:\s+on)?\s*$"
)

YEAR_OUT_OF_RANGE = "year_out_of_range"  # DateRange.flag: a written year outside 1900-2099
VALUE_MISMATCH = "value_mismatch"  # DateRange.flag: the printed text is no rendering of the stored date
# DateRange.flag: the stored date fell outside the document's financial year, its year not shown in
# the printed text: the text was read in the financial year instead (a warning, not a refusal)
VALUE_OUTSIDE_FINANCIAL_YEAR = "value_outside_financial_year"
_FALLBACK_MAX_CHARS = 80  # real date cells are short; dateparser on prose is slow and wrong


# ---------------------------------------------------------------------------------------------
# Status flags


def find_status(text: str) -> Status | None:
    """The status flag written in `text` (the most advanced if several), or None."""
    best: Status | None = None
    for match in _FLAG_RE.finditer(text or ""):
        status = _STATUS_OF_FLAG[match.lastgroup]
        if best is None or _RANK[status] > _RANK[best]:
            best = status
    return best


@functools.lru_cache(maxsize=4096)
def _context_status(context: str) -> Status | None:
    """A flag in other text of the row, counted only where it reads as an annotation (see above)."""
    best: Status | None = None
    for match in _FLAG_RE.finditer(context):
        flag = match.group()
        if flag.startswith("?"):
            continue  # a question in an activity title is not a date flag
        before = context[: match.start()]
        annotated = (
            match.lastgroup == "tbc"
            or flag.isupper()
            or before.count("(") > before.count(")")
            or before.count("[") > before.count("]")
            or before.rstrip().endswith(("-", "–", "—", ":"))
        )
        if annotated:
            status = _STATUS_OF_FLAG[match.lastgroup]
            if best is None or _RANK[status] > _RANK[best]:
                best = status
    return best


# ---------------------------------------------------------------------------------------------
# Tokens and items


class _Token(NamedTuple):
    kind: str
    value: Any = None


class _Scan(NamedTuple):
    tokens: list[_Token]  # date tokens and separators; flags and filler words dropped
    status: Status | None
    unknown: bool  # a word or character the grammar does not know
    bad_year: bool = False  # a written year outside 1900-2099 (never replaced: see the decisions)
    long_number: bool = False  # a number of 3 or 5+ digits: no day, no year
    moved: bool = False  # a move word: dates before it or after its "from" are old ones, dropped


_WRITTEN_YEARS = range(1900, 2100)
# Tokens that are (part of) a date: words before one are unknown; words after the last one and
# before a status flag are what annotates the flag ("12/13 May - both days CONFIRMED").
_DATE_KINDS = frozenset(("day", "month", "year", "date", "fy", "quarter", "season", "week", "monthweek", "allyear", "pair"))


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
    unknown = bad_year = long_number = moved = False
    dated = False  # a date token seen
    loose = False  # words since the last date token and not yet followed by a status flag
    venue = False  # after "@" / "at" following a date: place words are passed over
    move = None  # after a move word: "after", "old" (its "from" date), "new" (its "to" date)
    for match in _TOKEN_RE.finditer(text.lower().strip()):  # strip: trailing spaces would be rescanned
        kind = match.lastgroup
        value = match.group(kind)
        if kind in _DATE_KINDS:
            if loose or venue:
                unknown = True  # words between two parts of the date
                loose = venue = False
            if move == "after":
                unknown = True  # "Postponed 9 June": the old date or the new one? not said
            elif move == "old":
                continue  # "Postponed from 5 May": the date it will not happen on
            dated = True
        if kind in _STATUS_OF_FLAG:
            flag = _STATUS_OF_FLAG[kind]
            if status is None or _RANK[flag] > _RANK[status]:
                status = flag
            loose = venue = False
            if kind == "deferred":
                moved = True
                move = "after"
                tokens.clear()  # "12 May - postponed": the date written before is the old one
                dated = False
            continue
        if move is not None and move != "new":
            if kind == "filler" and value == "from":
                move = "old"
            elif (kind == "sep" and value in _MOVE_TO) or (kind == "word" and value in _MOVE_TO):
                move = "new"
            elif kind in ("sep", "comma", "filler", "time"):
                pass
            else:
                unknown = True
            continue
        if kind == "day":
            tokens.append(_Token("day", int(_DIGITS_RE.match(value).group())))
        elif kind == "month":
            tokens.append(_Token("month", _MONTH_NUMBER[value[:3]]))
        elif kind == "sep" or kind == "comma":
            tokens.append(_Token("sep", kind))
        elif kind == "time":  # a time of day does not move the date
            if match.group("hour") and tokens and tokens[-1].kind == "month" and (len(tokens) == 1 or tokens[-2].kind != "day"):
                tokens.append(_Token("day", int(match.group("hour"))))  # "May 10 - 11am": 10 May, not 10-11am
        elif kind == "filler":
            if dated and value in ("@", "at"):
                venue = True  # "1 Oct @ Leeds": where, not when
            continue
        elif kind == "year":
            digits = _DIGITS_RE.search(value).group()
            year = int(digits) if len(digits) == 4 else 2000 + int(digits)
            bad_year = bad_year or year not in _WRITTEN_YEARS
            tokens.append(_Token("year", year))
        elif kind == "numeric":
            day, month, year = (int(part) for part in re.split(r"[/.]", value))
            bad_year = bad_year or (year >= 100 and year not in _WRITTEN_YEARS)
            tokens.append(_Token("date", (year if year >= 100 else 2000 + year, month, day)))
        elif kind == "iso":
            year, month, day = (int(part) for part in value.split("-"))
            bad_year = bad_year or year not in _WRITTEN_YEARS
            tokens.append(_Token("date", (year, month, day)))
        elif kind == "fy":
            for token in _financial_year_tokens(value):
                if token.kind == "fy":  # both its years are written: "3015/16", "2099/00"
                    first = token.value.first_year
                    bad_year = bad_year or first not in _WRITTEN_YEARS or first + 1 not in _WRITTEN_YEARS
                elif token.kind == "year":
                    bad_year = bad_year or token.value not in _WRITTEN_YEARS
                tokens.append(token)
        elif kind == "quarter":
            digits = _DIGITS_RE.search(value)
            number = int(digits.group()) if digits and not value[0].isdigit() else _ORDINAL_QUARTER[value.split()[0]]
            tokens.append(_Token("quarter", number))
        elif kind == "season":
            tokens.append(_Token("season", value))
        elif kind == "week":
            tokens.append(_Token("week", "end" if match.group("wend") else "start"))
            day_month = match.group("wdm")
            if day_month:  # "wc 12/5": the day, then the month
                day, month = (int(part) for part in re.split(r"[/.]", day_month))
                tokens.extend((_Token("day", day), _Token("month", month)))
        elif kind == "monthweek" or kind == "allyear":
            tokens.append(_Token(kind))
        elif kind == "pair":
            first, second = (int(part) for part in value.split("/"))
            if tokens and tokens[-1].kind == "month":  # "May 14/15": two days of May
                tokens.extend((_Token("day", first), _Token("sep", "sep"), _Token("day", second)))
            else:
                tokens.append(_Token("pair", (first, second)))
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
    return _Scan(tokens, status, unknown or loose, bad_year, long_number, moved)


# Words after a move word that introduce the new date: "Deferred to Q4", "Rescheduled for 9 June"
_MOVE_TO = frozenset(("to", "until", "till", "til", "for", "now", "into"))


def _financial_year_tokens(value: str) -> list[_Token]:
    """ "2015/16" is a financial year; "2015 - 2017" (not consecutive) two calendar years."""
    first_text, second_text = _FY_RE.search(value).groups()
    first = int(first_text) if len(first_text) == 4 else 2000 + int(first_text)
    second = int(second_text)
    second = second if len(second_text) == 4 else first // 100 * 100 + second
    if second == first + 1:
        return [_Token("fy", FinancialYear(first))]
    if len(first_text) == 4 and not value.startswith("fy"):  # "2015-2017", "2016-10 Jan": a year, then more
        second_token = _Token("year", second) if len(second_text) == 4 else _Token("day", int(second_text))
        return [_Token("year", first), _Token("sep", "sep"), second_token]
    return [_Token("other")]


class _Item(NamedTuple):
    """One part of a cell between separators: "14", "15 May", "Feb", "Q3 2016", "2016/17"..."""

    kind: str  # cal | year | quarter | season | fy | allyear
    days: tuple[int, ...] = ()
    month: int | None = None
    year: int | None = None
    number: Any = None  # quarter number, season name or FinancialYear
    week: str | None = None  # "start": the seven days from the day; "end": the seven days to it; "month": in the month


_INVALID = object()  # the grammar read the cell, and it is no date ("31 June", a reversed range)


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
    return item.kind == "cal" and not item.days and not item.week


def _is_days_only(item: _Item) -> bool:
    return item.kind == "cal" and item.month is None and item.year is None and not item.week


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
    if kinds[0] in ("quarter", "season") or kinds[-1] in ("quarter", "season"):
        heads = [token for token in part if token.kind in ("quarter", "season")]
        years = [token for token in part if token.kind in ("year", "fy")]
        if len(heads) != 1 or len(heads) + len(years) != len(part) or len(years) > 1:
            return None
        year = years[0].value if years and years[0].kind == "year" else None
        frame = years[0].value if years and years[0].kind == "fy" else None
        return _Item(heads[0].kind, year=year, number=(heads[0].value, frame))
    days: list[int] = []
    month = year = week = None
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
        else:
            return None
    if not days and month is None:
        return None
    if week and len(days) != 1:
        return None
    if month_week and (days or week or month is None):
        return None  # "2nd week of May" is May; "week 2" alone, or with a day, is not read
    return _Item("cal", tuple(days), month, year, week="month" if month_week else week)


# ---------------------------------------------------------------------------------------------
# Grammar: items -> (start, end, precision, quarter)


class _Read(NamedTuple):
    start: dt.date
    end: dt.date
    precision: Precision
    quarter: int | None = None


def _read(tokens: list[_Token], financial_year: FinancialYear) -> _Read | object | None:
    """The range the tokens say; `_INVALID` if they say an impossible one; None if not understood."""
    if any(token.kind == "pair" for token in tokens):
        tokens = _resolve_pairs(tokens, financial_year)
        if tokens is None:
            return _INVALID
    frames = [token.value for token in tokens if token.kind == "fy"]
    quarters = [token.value for token in tokens if token.kind == "quarter"]
    if len(quarters) == 1 and len(frames) <= 1 and all(t.kind in ("quarter", "month", "sep", "year", "fy") for t in tokens):
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
    if not items:
        return None
    try:
        if len(items) == 1:
            return _read_single(items[0], financial_year)
        return _read_range(items, financial_year)
    except ValueError:  # date() refused a day: "31 June", "30 February"
        return _INVALID


def _resolve_pairs(tokens: list[_Token], financial_year: FinancialYear) -> list[_Token] | None:
    """ "12/5" is 12 May (day first); "17/18" is the financial year 2017/18 when the document's
    year is 2017/18 (a year pair that is no day and month). A pair that is both ("11/12" in
    2011/12) or neither ("14/15" in 2015/16) is refused (None): no reading is safe."""
    resolved = []
    for token in tokens:
        if token.kind != "pair":
            resolved.append(token)
            continue
        first, second = token.value
        is_day_month = 1 <= first <= 31 and 1 <= second <= 12
        is_this_year = first == financial_year.first_year % 100 and second == (first + 1) % 100
        if is_day_month == is_this_year:
            return None
        if is_this_year:
            resolved.append(_Token("fy", financial_year))
        else:
            resolved.extend((_Token("day", first), _Token("month", second)))
    return resolved


def _quarter_frame(quarter: int, year: int) -> FinancialYear:
    """ "Q3 2016": the financial year whose quarter `quarter` falls in calendar `year`."""
    return FinancialYear(year - 1 if quarter == 4 else year)


def _read_single(item: _Item, financial_year: FinancialYear) -> _Read | object | None:
    if item.kind == "cal":
        if item.month is None:
            return None  # "14/15" alone: days with no month
        year = item.year if item.year is not None else financial_year.year_of_month(item.month)
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
    return None


def _read_season(item: _Item, financial_year: FinancialYear) -> _Read | object:
    name, frame = item.number
    first_month, last_month = _SEASON_MONTHS[name]
    if item.year is not None:
        first_year = item.year
    else:
        frame = frame or financial_year
        if first_month < 4 <= last_month:
            return _INVALID  # a year-less spring straddles the financial year's start
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
        return _Read(start, end, Precision.YEAR) if _ordered([item.year for item in items]) else _INVALID
    if kind == "quarter" and all(item.year is None and item.number[1] is None for item in items):
        numbers = [item.number[0] for item in items]
        if not _ordered(numbers):
            return _INVALID
        return _Read(financial_year.quarter_months(numbers[0])[0], financial_year.quarter_months(numbers[-1])[1], Precision.MONTH_RANGE)
    return None


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
    for item, year in zip(items, years):
        start, end = _bounds(item, year)
        if previous is not None and start < previous:
            return _INVALID  # "15/14 May", "March 2016 - Feb 2016"
        first = first or start
        previous, last = start, end if last is None or end > last else last  # "w/c 12 May - 14 May" keeps its week
        yearless = yearless and item.year is None
        every_part_dated = every_part_dated and bool(item.days)
    if first > last or (yearless and not _plausible_overrun(first, last, financial_year)):
        return _INVALID
    if not every_part_dated:  # "May - 15 June": as precise as its vaguest part, whole months
        return _Read(first.replace(day=1), last_day_of_month(last.year, last.month), Precision.MONTH_RANGE)
    return _Read(first, last, Precision.DAY_RANGE if first < last else Precision.DAY)


_MAX_YEARLESS_OVERRUN = dt.timedelta(days=183)


def _plausible_overrun(start: dt.date, end: dt.date, financial_year: FinancialYear) -> bool:
    """A year-less range may run past the financial year's end only if it is short ("March -
    April"); "March / Feb" (a year long) is more likely a slip for "Feb / March" than a plan."""
    return end <= financial_year.end or end - start < _MAX_YEARLESS_OVERRUN


def _ordered(values: list) -> bool:
    return all(a <= b for a, b in zip(values, values[1:]))


def _borrow_months(items: list[_Item]) -> list[_Item] | None:
    """ "14/15 May": a part with days only takes the month (and year) of the next part that has
    one, else of the previous dated part ("May 14-15")."""
    if all(item.month is not None for item in items):
        return items
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
        result[index] = item._replace(month=donor.month, year=item.year if item.year is not None else donor.year)
    return result


def _place_years(items: list[_Item], financial_year: FinancialYear) -> list[int]:
    """Years for each part: explicit ones kept; year-less parts placed next to their neighbours
    so the range runs forward (see the module docstring). Only a change of month moves into the
    next year: "15/14 May" stays in one May and is refused as reversed."""
    years = [item.year for item in items]
    known = next((index for index, year in enumerate(years) if year is not None), None)
    if known is None:
        known = 0
        years[0] = financial_year.year_of_month(items[0].month)
    for index in range(known - 1, -1, -1):
        later = index + 1
        years[index] = years[later] - (1 if items[index].month > items[later].month else 0)
    for index in range(known + 1, len(items)):
        if years[index] is None:
            earlier = index - 1
            years[index] = years[earlier] + (1 if items[index].month < items[earlier].month else 0)
    return years


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


# ---------------------------------------------------------------------------------------------
# Fast path: most cells are "14/15 May - completed", "November", "Feb / March", "30 Sept - 1
# Oct": one regex cuts them into the same items the tokeniser would, about three times faster,
# and the same grammar (`_read_single`, `_read_range`) reads them, so both paths agree (a test
# holds them equal). Anything else returns None and goes to the tokeniser.

_SEP = r"(?:[-–—/&+]|to\b|and\b)"
_DAY = r"[0-3]?\d(?:st|nd|rd|th)?(?![\d:.])"


def _simple_part(n: int) -> str:
    """[vague word] [weekday] then "14 May", "14/15 May", "May 14", "May"; then [year]."""
    return (
        r"(?:(?:early|mid|middle|late|end\s+of|beginning\s+of|start\s+of)[\s-]*)?"
        r"(?:" + _WEEKDAY + r"\.?,?\s*)?"
        rf"(?:(?P<a{n}>{_DAY})\s*(?:{_SEP}\s*(?P<b{n}>{_DAY})\s*)?(?P<m{n}>{_MONTH})"
        rf"|(?P<n{n}>{_MONTH})(?:\.?\s+(?P<c{n}>{_DAY}))?)\.?"
        rf"(?:(?:\s*,)?\s*(?P<y{n}>(?:19|20)\d{{2}})\b)?"  # not \s*,?\s*: quadratic on long blank runs
    )


# Applied to lower-cased text: case-insensitive matching is markedly slower in `re`.
_SIMPLE_RE = re.compile(r"\s*" + _simple_part(1) + r"(?:\s*" + _SEP + r"\s*" + _simple_part(2) + ")?")
# What may follow a simple date: punctuation and status flags only. One character per repeat,
# so a failing tail cannot make the regex backtrack exponentially.
# A moved activity's tail ("12 May - postponed") goes to the tokeniser: the date before it is the old one.
_TRAILER_RE = re.compile(
    r"(?:[\s\-–—:;,.()\[\]*!?]|" + "|".join(v for k, v in _FLAG_WORDS.items() if k != "deferred") + r")*\Z")


_SIMPLE_GROUPS = {n: tuple(f"{letter}{n}" for letter in "abmncy") for n in (1, 2)}


def _day_number(text: str) -> int:
    return int(text[:2]) if text[1:2].isdigit() else int(text[0])


def _simple_items(match: re.Match, n: int) -> list[_Item]:
    first_day, second_day, month_after, month_before, day_after, year = match.group(*_SIMPLE_GROUPS[n])
    year_number = int(year) if year else None
    if month_before is not None:
        days = (_day_number(day_after),) if day_after else ()
        return [_Item("cal", days, _MONTH_NUMBER[month_before[:3]], year_number)]
    month = _MONTH_NUMBER[month_after[:3]]
    last = _Item("cal", (_day_number(second_day or first_day),), month, year_number)
    if second_day is None:
        return [last]
    return [_Item("cal", (_day_number(first_day),)), last]  # "14/15 May": two parts, as the tokeniser cuts it


# The commonest tails, after trimming punctuation, answered without a regex.
_COMMON_TAILS = {
    "": None,
    **{word: Status.COMPLETED for word in ("completed", "complete", "done", "delivered", "held")},
    **{word: Status.CONFIRMED for word in ("confirmed", "booked")},
    **{word: Status.TBC for word in ("tbc", "to be confirmed", "provisional", "tentative", "?")},
}
_TAIL_PUNCTUATION = " \t-–—:;,.()[]*!"


def _tail_status(rest: str) -> Status | None | object:
    """The flag in what follows a simple date; `_INVALID` if the tail is more than flags."""
    trimmed = rest.strip(_TAIL_PUNCTUATION)
    if trimmed in _COMMON_TAILS:
        return _COMMON_TAILS[trimmed]
    if not _TRAILER_RE.match(rest):
        return _INVALID
    return find_status(rest)


# "Q3", "Quarter 2", "Q1 Apr - June", "Q4 (Jan-Mar)": the number rules, as in `_read`.
_SIMPLE_QUARTER_RE = re.compile(
    r"\s*(?:q(?:tr)?|quarter)\s*(?P<q>[1-4])\b(?:(?:\s*\()?\s*" + _MONTH + r"\.?\s*" + _SEP + r"\s*" + _MONTH + r"\.?\s*\)?)?"
)
# "12/09/2015", "12.09.15", "2015-09-12"
_SIMPLE_NUMERIC_RE = re.compile(
    r"\s*(?:(?P<d>\d{1,2})[/.](?P<m>\d{1,2})[/.](?P<y>\d{4}|\d{2})|(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2}))\b"
)


def _read_simple(lowered: str, financial_year: FinancialYear) -> tuple[_Read | object, Status] | None:
    """The fast path's answer for a lower-cased cell, or None to leave it to the tokeniser."""
    reader = _read_simple_match
    match = _SIMPLE_RE.match(lowered)
    if match is None:
        reader, match = _read_simple_quarter, _SIMPLE_QUARTER_RE.match(lowered)
    if match is None:
        reader, match = _read_simple_numeric, _SIMPLE_NUMERIC_RE.match(lowered)
    if match is None:
        return None
    end = match.end()
    status = _tail_status(lowered[end:]) if end < len(lowered) else None
    if status is _INVALID:
        return None
    try:
        read = reader(match, financial_year)
    except ValueError:  # "31 June"
        read = _INVALID
    if read is None:
        return None
    return read, status or Status.PLANNED


def _read_simple_quarter(match: re.Match, financial_year: FinancialYear) -> _Read:
    quarter = int(match.group("q"))
    start, end = financial_year.quarter_months(quarter)
    return _Read(start, end, Precision.QUARTER, quarter)


def _read_simple_numeric(match: re.Match, financial_year: FinancialYear) -> _Read | None:
    if match.group("d") is not None:
        year = int(match.group("y"))
        year = year if year >= 100 else 2000 + year
        month, day = int(match.group("m")), int(match.group("d"))
    else:
        year, month, day = int(match.group("iy")), int(match.group("im")), int(match.group("id"))
    if year not in _WRITTEN_YEARS:
        return None  # the general grammar names why ("year_out_of_range")
    day = dt.date(year, month, day)
    return _Read(day, day, Precision.DAY)


def _read_simple_match(match: re.Match, financial_year: FinancialYear) -> _Read | object | None:
    if match.group("m2") is None and match.group("n2") is None:
        # One part: "14 May", "14/15 May", "May 14", "May" (+ year), read directly.
        first_day, second_day, month_after, month_before, day_after, year_text = match.group(*_SIMPLE_GROUPS[1])
        month = _MONTH_NUMBER[(month_after or month_before)[:3]]
        year = int(year_text) if year_text else financial_year.year_of_month(month)
        day_text = first_day if first_day is not None else day_after
        if day_text is None:
            return _Read(dt.date(year, month, 1), last_day_of_month(year, month), Precision.MONTH)
        start = dt.date(year, month, _day_number(day_text))
        if second_day is None:
            return _Read(start, start, Precision.DAY)
        end = dt.date(year, month, _day_number(second_day))
        if start == end:
            return _Read(start, end, Precision.DAY)  # "12/12 May"
        return _Read(start, end, Precision.DAY_RANGE) if start < end else _INVALID
    if match.group("b1") is None and match.group("b2") is None:
        return _read_two_parts(_simple_part_values(match, 1), _simple_part_values(match, 2), financial_year)
    return _read_calendar_range(_simple_items(match, 1) + _simple_items(match, 2), financial_year)


def _simple_part_values(match: re.Match, n: int) -> tuple[int | None, int, int | None]:
    first_day, _, month_after, month_before, day_after, year_text = match.group(*_SIMPLE_GROUPS[n])
    day_text = first_day if first_day is not None else day_after
    return (
        _day_number(day_text) if day_text else None,
        _MONTH_NUMBER[(month_after or month_before)[:3]],
        int(year_text) if year_text else None,
    )


def _read_two_parts(first: tuple, last: tuple, financial_year: FinancialYear) -> _Read | object:
    """ "30 Sept - 1 Oct", "Feb / March", "December 2015 - January 2016": `_read_calendar_range`
    for two parts, without building items (a test holds the two equal)."""
    first_day, first_month, first_year = first
    last_day, last_month, last_year = last
    yearless = first_year is None and last_year is None
    if yearless:
        first_year = financial_year.year_of_month(first_month)
    if first_year is None:
        first_year = last_year - (1 if first_month > last_month else 0)
    elif last_year is None:
        last_year = first_year + (1 if last_month < first_month else 0)
    start = dt.date(first_year, first_month, 1 if first_day is None else first_day)
    last_start = dt.date(last_year, last_month, 1 if last_day is None else last_day)
    end = last_day_of_month(last_year, last_month) if last_day is None else last_start
    if last_start < start or (yearless and not _plausible_overrun(start, end, financial_year)):
        return _INVALID
    if first_day is None or last_day is None:  # whole months: see `_read_calendar_range`
        return _Read(start.replace(day=1), last_day_of_month(last_year, last_month), Precision.MONTH_RANGE)
    return _Read(start, end, Precision.DAY_RANGE if start < end else Precision.DAY)


# ---------------------------------------------------------------------------------------------
# dateparser fallback


def dateparser_settings(financial_year: FinancialYear) -> dict[str, Any]:
    """Settings that keep today's date and the machine's locale out of dateparser's answer.

    Only absolute dates and custom formats are read ("tomorrow", "in 2 days", timestamps are
    not); a day and a month are required; a missing year comes from RELATIVE_BASE, the financial
    year's start, and is then placed in the financial year by us.
    """
    return {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "PREFER_DATES_FROM": "current_period",
        "RELATIVE_BASE": dt.datetime(financial_year.first_year, 4, 1),
        "REQUIRE_PARTS": ["day", "month"],
        "PARSERS": ["custom-formats", "absolute-time"],
        "RETURN_AS_TIMEZONE_AWARE": False,
        "TIMEZONE": "UTC",
        "STRICT_PARSING": False,
    }


DATEPARSER_LANGUAGES = ["en"]
# A year written in the text: "2017", "'17", the third part of "12/09/17". Without one, the year
# dateparser returns is RELATIVE_BASE's and the month is placed in the financial year instead.
_WRITTEN_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|['’]\d{2}\b|\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{2,4}")


def _fallback(text: str, financial_year: FinancialYear) -> dt.date | None:
    """A single date dateparser can read and the grammar cannot ("12/09", "1 Oct @ Leeds"), or None."""
    import dateparser  # lazily: its first use loads language data, slow and rarely needed

    try:
        found = dateparser.parse(text, languages=DATEPARSER_LANGUAGES, settings=dateparser_settings(financial_year))
    except Exception:  # a third-party parser must not break the pipeline on odd text
        return None
    if found is None:
        return None
    if _WRITTEN_YEAR_RE.search(text):
        return found.date()
    try:  # the year was not written: place the month in the financial year
        return dt.date(financial_year.year_of_month(found.month), found.month, found.day)
    except ValueError:  # 29 February in a year without one
        return None


# ---------------------------------------------------------------------------------------------
# Public entry points


def normalise_date(text: str | None, financial_year: FinancialYear, *, context: str = "",
                   value: str | dt.date | None = None) -> DateRange:
    """Read a date cell in the document's financial year; never raises on any text.

    `context` is other text of the same row whose annotated flag applies when the cell has none.
    `value` is the date a spreadsheet stored behind the printed `text` (an ISO date or a date),
    used as the module's decisions say; a value that is no date is ignored.
    """
    cell = "" if text is None else text if isinstance(text, str) else str(text)
    stored = _stored_date(value)
    if stored is None:
        result = _normalise_cell(cell, financial_year.first_year)
    else:
        result = _with_stored_date(cell, stored, financial_year.first_year)
    if context and result.status is Status.PLANNED and find_status(cell) is None:
        borrowed = _context_status(context)
        if borrowed is not None:
            return replace(result, status=borrowed)
    return result


def _stored_date(value: str | dt.date | None) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _with_stored_date(text: str, stored: dt.date, first_year: int) -> DateRange:
    """A cell whose printed text stands for a stored date (see the decisions above)."""
    if stored.year not in _WRITTEN_YEARS:
        status = _normalise_cell(text, first_year).status
        return DateRange(text, None, None, Precision.UNKNOWN, status, flag=YEAR_OUT_OF_RANGE)
    own_year = stored.year if stored.month >= 4 else stored.year - 1  # the financial year it falls in
    read = _normalise_cell(text, own_year)
    if read.start is not None and read.end is not None and read.start <= stored <= read.end:
        if own_year == first_year:
            return read
        in_year = _normalise_cell(text, first_year)
        financial_year = FinancialYear(first_year)
        if (_moved_by_years(read, in_year, first_year - own_year)
                and financial_year.start <= in_year.start and in_year.end <= financial_year.end):
            # the text shows no year and Excel filled in the year of typing, outside the document's
            # financial year: the financial year's is taken, and said
            return replace(in_year, flag=VALUE_OUTSIDE_FINANCIAL_YEAR)
        return read  # a year shown in the text (or none in the financial year): the stored date, exact
    plain = _normalise_cell(text, first_year)
    return replace(plain, flag=plain.flag or VALUE_MISMATCH)


def _moved_by_years(read: DateRange, other: DateRange, years: int) -> bool:
    """True when `other` (the same text read `years` financial years later) is `read` moved by
    exactly that many years: the text shows no year, the financial year supplies it. A text that
    shows one reads the same in any year ("12 March 2017"), or otherwise ("Mar-17", read as
    17 March outside 2016/17). A month's end moves to the month's end ("Feb": 29 February 2016,
    28 February 2017)."""
    if read.start is None or read.end is None or other.start is None or other.end is None:
        return False
    if (other.precision, other.quarter) != (read.precision, read.quarter):
        return False
    moved_start = (read.start.year + years, read.start.month, read.start.day)
    if (other.start.year, other.start.month, other.start.day) != moved_start:
        return False
    if (other.end.year, other.end.month) != (read.end.year + years, read.end.month):
        return False
    month_ends = (read.end == last_day_of_month(read.end.year, read.end.month)
                  and other.end == last_day_of_month(other.end.year, other.end.month))
    return other.end.day == read.end.day or month_ends


def _two_digit_years(lowered: str, financial_year: FinancialYear) -> str:
    """ "jan 17" -> "jan 2017" when 17 is the year January falls in within the financial year
    (2016/17), the way "Jan 17" and a spreadsheet's "Mar-17" abbreviate a month and year in UK
    documents; any other number after a month stays a day ("May 14", "Jan 16" in 2016/17)."""
    def year_written(match: re.Match) -> str:
        if _WEEK_BEFORE.search(lowered, 0, match.start()):
            return match.group()  # "w/c Jan 17": a week starts on a day
        month = _MONTH_NUMBER[match["month"][:3]]
        year = financial_year.year_of_month(month)
        if int(match["yy"]) != year % 100:
            return match.group()
        return f"{match['month']} {year}"

    return _MONTH_TWO_DIGITS.sub(year_written, lowered)


@functools.lru_cache(maxsize=65536)
def _normalise_cell(text: str, first_year: int) -> DateRange:
    # Cached on the year's number: hashing the frozen FinancialYear costs more than the lookup.
    financial_year = FinancialYear(first_year)
    lowered = _two_digit_years(text.lower(), financial_year)
    simple = _read_simple(lowered, financial_year)
    if simple is not None:
        read, status = simple
        if read is _INVALID:
            return DateRange(text, None, None, Precision.UNKNOWN, status)
        return DateRange(text, read.start, read.end, read.precision, status, read.quarter)
    if not _HAS_DATE_HINT.search(lowered):  # no digit, no month: no date, whatever the words say
        return DateRange(text, None, None, Precision.UNKNOWN, find_status(text) or Status.PLANNED)
    scan = _scan(lowered)
    status = scan.status or Status.PLANNED
    if scan.bad_year:  # never replaced by the financial year's, nor guessed at by dateparser
        return DateRange(text, None, None, Precision.UNKNOWN, status, flag=YEAR_OUT_OF_RANGE)
    read = None if scan.unknown else _read(scan.tokens, financial_year)
    if isinstance(read, _Read):
        return DateRange(text, read.start, read.end, read.precision, status, read.quarter)
    # never a date from a piece the grammar did not read: dateparser only sees cells whose every
    # piece is known (it once read "H2 2017/18" as 18 February 2017)
    if (read is None and not scan.unknown and not scan.moved and len(text) <= _FALLBACK_MAX_CHARS
            and _worth_fallback(scan, text)):
        day = _fallback(lowered, financial_year)
        if day is not None:
            return DateRange(text, day, day, Precision.DAY, status)
    return DateRange(text, None, None, Precision.UNKNOWN, status)


def _worth_fallback(scan: _Scan, text: str) -> bool:
    """Only a cell with a month name or a numeric date shape may be a date dateparser can read."""
    return any(token.kind == "month" for token in scan.tokens) or bool(_NUMERIC_HINT.search(text))


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
