"""Pure functions from one cell's text to typed values: counts, percentages, durations, audiences.

Each says what it does with text it cannot read: the value is None and a flag names why, while the
caller keeps the text. Why by hand: these are annex conventions ("Sport PHs (15)", "n/a", "12*"),
not a general number or date format any parsing library knows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.core.flags import Flag

# A count not known yet: a future quarter, or a figure awaited ("TBC" in a quarter cell).
_PENDING = re.compile(r"^(tb[cad]|to be (confirmed|reported|agreed)|pending|awaited|awaiting( data| figures)?"
                      r"|not yet (known|available|reported))\.?$", re.IGNORECASE)
_NOT_APPLICABLE = re.compile(r"^(n\s*/\s*a|n\.a\.?|na|not applicable|[-\u2013\u2014]+)$", re.IGNORECASE)
_PLAIN_INT = re.compile(r"^[+]?(\d{1,3}(?:,\d{3})+|\d+)$")
_NEGATIVE_INT = re.compile(r"^[-\u2212](\d{1,3}(?:,\d{3})+|\d+)$")
_ANNOTATED_INT = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)\s*(?:\*+|\u2020|\(\w\)|\[\d+\])$")
_APPROXIMATE = re.compile(r"^(?:c\.?|ca\.?|circa|approx\.?|approximately|about|around|~|over|up to|>|<|\+)\s*"
                          r"(\d[\d,]*)\s*\+?$|^(\d[\d,]*)\s*(?:\+|\(?(?:approx\.?|approximately|est\.?|estimated)\)?|ish)$",
                          re.IGNORECASE)
_PERCENT = re.compile(r"^([-\u2212]?\d+(?:\.\d+)?)\s*%?$")
_DURATION = re.compile(
    r"(?P<n>\d+(?:\.\d+)?|half|one|two|three|four|five)\s*-?\s*(?P<unit>days?|hours?|hrs?)\b", re.IGNORECASE)
_HALF_DAY = re.compile(r"\bhalf[\s-]*day\b", re.IGNORECASE)
_AUDIENCE_SIZE = re.compile(r"\(\s*(?:c\.?\s*|approx\.?\s*|up to\s*|~\s*)?(\d{1,3}(?:,\d{3})+|\d{1,6})\s*\+?\s*\)\s*$",
                            re.IGNORECASE)
# A four-digit number that is also a year of the plans' era ("Councillors (2015)"): a size or
# the year? Not read as a size (a size written with its thousands comma, "(2,015)", is).
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_BRACKETED_NUMBER = re.compile(r"\(\s*[^()]*\d[^()]*\)")

_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_WORDS.update({"nil": 0, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
               "ninety": 90, "hundred": 100, "a hundred": 100, "one hundred": 100})
_HOURS_PER_DAY = 7.5  # UK public-sector working day; only used for durations given in hours


@dataclass(frozen=True)
class Count:
    value: int | None
    flag: Flag | None  # None for a plain number; else why value is null or approximate


def parse_count(text: str | None) -> Count:
    """ "18" -> 18; "1,200" -> 1200; "12*" -> 12 (annotated); "twelve" -> 12 (in_words);
    "nil" -> 0 (in_words); "" -> blank; "n/a" / "-" -> not_applicable; "TBC" / "awaited" ->
    pending; "c. 30", "30 approx", "30ish" -> None (approximate); "-3" -> None
    (negative: counts cannot be); anything else -> None (unreadable)."""
    text = " ".join((text or "").split())
    if not text:
        return Count(None, Flag.BLANK)
    if _NOT_APPLICABLE.match(text):
        return Count(None, Flag.NOT_APPLICABLE)
    if _PENDING.match(text):
        return Count(None, Flag.PENDING)
    if match := _PLAIN_INT.match(text):
        return Count(int(match.group(1).replace(",", "")), None)
    if match := _ANNOTATED_INT.match(text):
        return Count(int(match.group(1).replace(",", "")), Flag.ANNOTATED)
    if text.casefold() in _WORDS:
        return Count(_WORDS[text.casefold()], Flag.IN_WORDS)
    if _APPROXIMATE.match(text):
        return Count(None, Flag.APPROXIMATE)
    if _NEGATIVE_INT.match(text):
        return Count(None, Flag.NEGATIVE)
    return Count(None, Flag.UNREADABLE)


def parse_percent(text: str | None) -> tuple[float | None, Flag | None]:
    """ "31%" -> 31.0; "120%" -> 120.0 (over 100 is allowed: targets get beaten); "-5%" -> -5.0
    with flag pct_negative; blank -> (None, None); anything else -> (None, "pct_unreadable")."""
    text = "".join((text or "").split())
    if not text or _NOT_APPLICABLE.match(text):
        return None, None
    match = _PERCENT.match(text.replace("\u2212", "-"))
    if not match:
        return None, Flag.PCT_UNREADABLE
    value = float(match.group(1))
    return value, (Flag.PCT_NEGATIVE if value < 0 else None)


def parse_duration_days(text: str | None) -> float | None:
    """Days from "(2 days)", "(1day)", "2 days TBC", "(half day)" (0.5), "3 hours" (0.4);
    None when the text states no duration."""
    text = text or ""
    if _HALF_DAY.search(text):
        return 0.5
    match = _DURATION.search(text)
    if not match:
        return None
    raw = match.group("n").casefold()
    number = {"half": 0.5, **{k: float(v) for k, v in _WORDS.items()}}.get(raw)
    number = float(raw) if number is None else number
    if match.group("unit").casefold().startswith(("hour", "hr")):
        return round(number / _HOURS_PER_DAY, 2)
    return number


def expand_abbreviations(text: str, key: dict[str, str]) -> str:
    """Expand the document key's abbreviations as whole words, plurals too ("PHs" -> "portfolio
    holders"). Longest abbreviation first so "PHs" is not read as "PH" + "s"."""
    for abbreviation in sorted(key, key=len, reverse=True):
        meaning = key[abbreviation]
        text = re.sub(rf"\b{re.escape(abbreviation)}(?:'?s)\b", _plural(meaning), text)
        text = re.sub(rf"\b{re.escape(abbreviation)}\b", meaning, text)
    return text


def _plural(noun_phrase: str) -> str:
    head, _, last = noun_phrase.rpartition(" ")
    if re.search(r"(s|x|z|ch|sh)$", last):
        last += "es"
    elif re.search(r"[^aeiou]y$", last):
        last = last[:-1] + "ies"
    else:
        last += "s"
    return f"{head} {last}".strip()


def parse_audience(text: str | None, key: dict[str, str]) -> tuple[str | None, int | None]:
    """ "Sport PHs (15)" with key {PH: portfolio holder} -> ("Sport portfolio holders", 15). The
    size is only a number in brackets ending the text, and never a year-like one ("Councillors
    (2015)") nor the last of several ("PHs (15) & officers (10)"): then None, the text kept."""
    text = " ".join((text or "").split())
    if not text:
        return None, None
    size = None
    match = _AUDIENCE_SIZE.search(text)
    # not a size: a year ("Councillors (2015)"), or the last of several bracketed numbers ("PHs
    # (15) & officers (10)": 10 is one group's, not the audience's)
    if (match and not _YEAR_LIKE.fullmatch(match.group(1))
            and not _BRACKETED_NUMBER.search(text, 0, match.start())):
        size = int(match.group(1).replace(",", ""))
        text = text[: match.start()].rstrip()
    return (expand_abbreviations(text, key) or None), size
