"""Status flags: the words that say where an activity stands, and which wins when several do."""

from __future__ import annotations

import functools
import re

from pipeline.normalise.dates.lexicon import _FLAG_RE, _FLAG_WORDS
from pipeline.normalise.dates.model import INVALID, Status

_STATUS_OF_FLAG = {
    "tbc": Status.TBC,
    "hedged": Status.TBC,
    "approximate": Status.TBC,
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
        if flag.startswith("?") or match.lastgroup == "approximate":
            continue  # a question in an activity title, "(approx 30 attending)": no date flag
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



# What may follow a simple date: punctuation and status flags only. One character per repeat,
# so a failing tail cannot make the regex backtrack exponentially. A moved activity's tail
# ("12 May - postponed") is no mere flag: the date before it is the old one (see `tokens.scan`).
_TRAILER_RE = re.compile(
    r"(?:[\s\-–—:;,.()\[\]*!?]|" + "|".join(v for k, v in _FLAG_WORDS.items() if k != "deferred") + r")*\Z")
# The commonest tails, after trimming punctuation, answered without a regex.
_COMMON_TAILS = {
    "": None,
    **{word: Status.COMPLETED for word in ("completed", "complete", "done", "delivered", "held")},
    **{word: Status.CONFIRMED for word in ("confirmed", "booked")},
    **{word: Status.TBC for word in ("tbc", "to be confirmed", "provisional", "tentative", "?")},
}
_TAIL_PUNCTUATION = " \t-–—:;,.()[]*!"


def _tail_status(rest: str) -> Status | None | object:
    """The flag in what follows a simple date; `INVALID` if the tail is more than flags."""
    trimmed = rest.strip(_TAIL_PUNCTUATION)
    if trimmed in _COMMON_TAILS:
        return _COMMON_TAILS[trimmed]
    if not _TRAILER_RE.match(rest):
        return INVALID
    return find_status(rest)


