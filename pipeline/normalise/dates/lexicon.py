"""The words and shapes of date cells: one compiled tokeniser and the patterns beside it.

Flags are matched before everything else so "to be confirmed" is one tbc token rather than a "to"
separator and a confirmed flag; longer phrases come first in each alternation.
"""

from __future__ import annotations

import re

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
    # a hedge on the date written beside it ("likely March", "Expected Q4"): not settled, so
    # tbc; a group of its own so that a row's other text ("Expected outcomes") lends it only
    # where it is written as an annotation (`statuses._context_status`)
    "hedged": r"\b(?:likely|probably|possibly|expected|anticipated|hopefully|estimated)\b",
    # "approx 12 Oct", "c. Nov", "around May", "Nov-ish": a date written as a guess is not settled
    # either (read as the day written with no flag it would be a confident date); a group of its
    # own because in a row's other text it is about a number ("(approx 30 attending)"), never lent
    "approximate": r"\b(?:approx(?:imately)?|around|about|circa|ish)\b|\bca?\.(?=\s*\w)",
    "cancelled": r"\b(?:cancell?ed|withdrawn|called\s+off|no\s+longer\s+(?:going\s+ahead|required|"
    r"taking\s+place)|not\s+going\s+ahead|dropped)\b",
}
_FLAG_PATTERNS = {**_FLAG_WORDS, "tbc": _FLAG_WORDS["tbc"] + r"|\?+"}  # "Sept?" is a doubt

_MONTH = (
    r"(?<![a-z])(?:jan(?:uary)?|feb(?:ruary|uary|urary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b(?!['’][a-z])"
)
# "FY2015/16", "Financial year 2015/16", "fiscal year 15/16": the words name what follows
_FY_WORD = r"(?:fy|financial\s+year|fiscal\s+year)"
_MONTH_NUMBER = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_WEEKDAY_NUMBER = {"mo": 0, "tu": 1, "we": 2, "th": 3, "fr": 4, "sa": 5, "su": 6}  # by first two letters
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
_ORDINAL_QUARTER = {"1st": 1, "first": 1, "2nd": 2, "second": 2, "3rd": 3, "third": 3, "4th": 4, "fourth": 4,
                    "one": 1, "two": 2, "three": 3, "four": 4}
# School terms in England: autumn from September to Christmas, spring from January to Easter
# (late March or April), summer from Easter to July; the months hold every school's dates.
_TERM_MONTHS = {"autumn": (9, 12), "spring": (1, 4), "summer": (4, 7)}
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
    # "1st Tuesday in November", "last Fri of March": the nth weekday of a month (its "of"/"in"
    # is required: "2nd Fri Oct" is Friday 2 October as often as the second Friday)
    ("nthday", r"\b(?P<nth>" + _NTH + r")\s+(?P<nthwd>" + _WEEKDAY + r")\.?\s+(?:of|in)\b"),
    # "Autumn term", "Spring Term 2016": a school term (`_TERM_MONTHS`), not the season
    ("term", r"\b(?:autumn|spring|summer)\s+term\b(?!\s*[1-6]\b)"),  # "Autumn Term 1": a half term
    # "2 days", "half day", "1/2 day": how long, not when (read only as words before a status
    # flag); before the numeric shapes so "1/2 day" is never 1 February
    ("note", r"\b\d{1,3}(?:\.\d)?\s*(?:days?|hrs?|hours?|weeks?|sessions?|mins?|minutes?)\b"
     r"|\b(?:half|full|all|whole)[\s-]days?\b|(?:\b1/2|½)\s*(?:a\s+)?days?\b"),
    ("allyear", r"\b(?:all\s+(?:the\s+)?year(?:\s+round)?|(?:throughout|across)\s+the\s+year|year[\s-]round|whole\s+year)\b"),
    ("iso", r"\b\d{4}-\d{1,2}-\d{1,2}\b"),
    ("numeric", r"\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b"),
    # "12/5", "12/05 (CONFIRMED)": a day and month without a year, or "17/18", a bare financial
    # year (see `_resolve_pairs`); not "14/15 May" nor "14/15th", days of a month written after
    ("pair", r"(?<![\d/.])\d{1,2}/\d{1,2}(?![\d/.a-z])(?!\s*(?:[-–&]\s*\d{1,2}(?:st|nd|rd|th)?\s*)?(?:of\s+)?" + _MONTH + ")"),
    # "2015/16", "FY2015-16", "2015 / 2016"; not "2016 - 10 January" nor "2016/17 January" (a
    # 2-digit part spaced off or followed by a month is a day)
    ("fy", r"\b" + _FY_WORD + r"\s*\d{2}\s*[/\-–]\s*\d{2}\b|\b(?:" + _FY_WORD + r"\s*)?\d{4}(?:[/\-–]\d{2}(?!(?:st|nd|rd|th)?\s*" + _MONTH + r")"
     r"|\s*[/\-–]\s*\d{4})\b"),
    ("quarter", r"\bq(?:tr)?\s*[1-4]\b|\bquarter\s*(?:[1-4]\b|(?:one|two|three|four)\b)"
     r"|\b(?:1st|2nd|3rd|4th|first|second|third|fourth)\s+quarter\b"),
    # "H1", "H2" (halves of the financial year), "first half", "2nd half of the year"
    ("half", r"\bh\s*[12]\b|\b(?:1st|2nd|first|second)\s+half(?:\s+of\s+the\s+year)?\b"),
    # "10am", "10.30 a.m.", "14:00", "1400hrs", "12 noon", "2pm-4pm", "10-11am", "@ 14.00", ", 10:30"
    ("time", r"(?:@\s*|,\s*)?(?:\b(?:(?P<hour>\d{1,2})(?![\d:.]|\s*[ap]\.?m\b)|" + _CLOCK_BARE + r")"
     r"\s*(?:[-–—]|\bto\b|\buntil\b|\btill\b)\s*)?\b" + _CLOCK),
    ("year", r"\b\d{4}\b|['’]\d{2}\b"),  # any four digits: 1900-2099 only are read (see `_scan`)
    ("number", r"\b\d{3}\b|\b\d{5,}\b"),  # no day, no year: "12 May 201" is never a date
    ("day", r"\b[0-3]?\d(?:st|nd|rd|th)?(?![0-9a-z])|\b[0-3]?\d(?=[a-z])"),  # "21May" too
    ("month", _MONTH + r"\.?"),
    ("season", r"\b(?:spring|summer|autumn|fall|winter)\b"),
    ("sep", r"[-–—/&+~]|\b(?:to|and|or|until|till|til|through|thru)\b"),
    ("comma", r","),
    (
        "filler",
        _WEEKDAY + r"\.?|\b(?:the|of|on|in|for|from|between|during|throughout|by|around|about|approx(?:imately)?"
        r"|circa|early|mid|middle|late|end|beginning|start|date|dates|sometime|some\s+time|now|onwards|ish"
        r"|morning|afternoon|evening|am|pm|at)\b|\bc\.|[.;:()\[\]{}\"'’*!@]",
    ),
    ("word", r"[a-z]+(?:['’][a-z]+)?"),  # "sep't": a slip inside a month name is one word
    ("other", r"\S"),
)
_TOKEN_RE = re.compile(r"\s*(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _TOKEN_PATTERNS) + ")")
_FLAG_RE = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _FLAG_PATTERNS.items()), re.IGNORECASE)
_DIGITS_RE = re.compile(r"\d+")
_FY_RE = re.compile(r"(\d{2,4})\s*[/\-–]\s*(\d{2,4})")
# Cells with none of these cannot hold a date: answered without the tokeniser or dateparser.
_HAS_DATE_HINT = re.compile(r"\d|" + _MONTH + r"|\b(?:spring|summer|autumn|fall|winter|year|quarter|half)\b")  # on lower case
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

_WRITTEN_YEARS = range(1900, 2100)  # a written year is read only in these (see docs/dates.md)

# Month names a slip of the keyboard is measured against (see `slips.slipped_month`): the names of
# five letters or more, and "sept"; shorter ones are within one slip of too many words.
_SLIP_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "august": 8, "september": 9, "sept": 9,
    "october": 10, "november": 11, "december": 12,
}
_SLIP_MIN_LETTERS = 5  # "jane" (June?), "mat" (May? March?) are words, not slips
