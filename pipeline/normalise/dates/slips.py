"""A month name with one slip of the keyboard ("Janaury", "Ocotber", "Sep't"): read as that month
when it is the only month within one slip, and the cell flagged `month_corrected`."""

from __future__ import annotations

import functools

from pipeline.normalise.dates.lexicon import _SLIP_MIN_LETTERS, _SLIP_MONTHS


@functools.lru_cache(maxsize=4096)
def slipped_month(word: str) -> int | None:
    """The month `word` (lower case) is one slip away from, if exactly one is; else None."""
    if len(word) < _SLIP_MIN_LETTERS:
        return None
    months = {number for name, number in _SLIP_MONTHS.items() if _one_slip(word, name)}
    return months.pop() if len(months) == 1 else None


def _one_slip(word: str, name: str) -> bool:
    """True when `word` is `name` with one letter changed, added, dropped, or two neighbours
    swapped (Damerau's four slips). Written here: the check is a few comparisons after the
    first difference, and no library of the project's offers it."""
    if word == name or abs(len(word) - len(name)) > 1:
        return False
    first = next((index for index, (a, b) in enumerate(zip(word, name)) if a != b), min(len(word), len(name)))
    if len(word) == len(name):
        swapped = first + 1 < len(word) and word[first] == name[first + 1] and word[first + 1] == name[first]
        return word[first + 1:] == name[first + 1:] or (swapped and word[first + 2:] == name[first + 2:])
    if len(word) > len(name):
        return word[first + 1:] == name[first:]  # a letter added
    return word[first:] == name[first + 1:]  # a letter dropped
