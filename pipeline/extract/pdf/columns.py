"""Column positions of a table without vertical rulings, from where its words are.

Why by hand: pdfplumber's text strategy cuts columns at every aligned word edge and splits a
spanning cell across columns; here a column is a band of x that the table's phrases fill, and a
separator is a gap that is empty in every row (spanning cells and single-phrase lines aside).
"""

from __future__ import annotations

from itertools import takewhile
from typing import Sequence

from pipeline.extract.pdf.layout import Phrase, TextLine
from pipeline.extract.pdf.pieces import Interval

_EDGE = 1.0  # points of slack when testing whether one phrase lies within another's extent


def spanning_phrases(lines: Sequence[TextLine], min_gap: float = 2.5) -> set[int]:
    """ids of phrases that other lines show to cross a column gap:
    - some other line has two or more separate phrases within this phrase's x extent (a
      spanning header over Q1..Q4);
    - or the phrase is centred over a gap (at least min_gap wide) that two or more other lines
      keep empty between phrases of theirs, and comes within min_gap of their text on both
      sides (so column_intervals would make one column of the two): a header centred over the
      two columns it spans, narrower than the two together (a year over its "n" and "% Pos"
      columns). A gap that several rows keep empty is a column gap (one line's gap may be a wide
      space in running text); a phrase set off-centre is a wide cell of the column it starts in."""
    multi = [line for line in lines if len(line.phrases) >= 2]
    # neighbouring phrases (a, b) of a line, by where b starts
    pairs = sorted(
        (b.x0, a.x1, a.x0, b.x1, index)
        for index, line in enumerate(multi)
        for a, b in zip(line.phrases, line.phrases[1:])
    )
    extents = sorted((p.x0, p.x1, index) for index, line in enumerate(multi) for p in line.phrases)
    spanning: set[int] = set()
    for index, line in enumerate(multi):
        for phrase in line.phrases:
            left, right = phrase.x0 + _EDGE, phrase.x1 - _EDGE
            if any(a_start >= phrase.x0 - _EDGE and b_end <= phrase.x1 + _EDGE and owner != index
                   for _, a_end, a_start, b_end, owner in takewhile(lambda pair: pair[0] < right, pairs)):
                spanning.add(id(phrase))
                continue
            # the other lines' text the phrase joins (within min_gap of it), as pieces apart by
            # min_gap
            pieces: list[list[float]] = []
            for x0, x1, owner in extents:
                if x0 >= phrase.x1 + min_gap:
                    break
                if owner == index or x1 <= phrase.x0 - min_gap:
                    continue
                if pieces and x0 - pieces[-1][1] < min_gap:
                    pieces[-1][1] = max(pieces[-1][1], x1)
                else:
                    pieces.append([x0, x1])
            middle = (phrase.x0 + phrase.x1) / 2
            for (_, g0), (g1, _) in zip(pieces, pieces[1:]):
                if not g0 <= middle <= g1:
                    continue  # not centred over the gap: a wide cell of the column on one side
                keeping = {owner for b_start, a_end, _, _, owner in pairs
                           if owner != index and a_end <= g0 + _EDGE and b_start >= g1 - _EDGE}
                if len(keeping) >= 2:
                    spanning.add(id(phrase))
                    break
    return spanning


def column_intervals(lines: Sequence[TextLine], min_gap: float) -> tuple[Interval, ...]:
    """Columns as the connected x bands of the phrases of lines with two or more phrases
    (one-phrase lines are wrapped continuations, titles or spanning rows: they say nothing
    about separators), leaving out spanning phrases; bands closer than min_gap are one column."""
    spanning = spanning_phrases(lines, min_gap)
    extents = sorted(
        (p.x0, p.x1)
        for line in lines
        if len(line.phrases) >= 2
        for p in line.phrases
        if id(p) not in spanning
    )
    columns: list[list[float]] = []
    for x0, x1 in extents:
        if columns and x0 - columns[-1][1] < min_gap:
            columns[-1][1] = max(columns[-1][1], x1)
        else:
            columns.append([x0, x1])
    return tuple((a, b) for a, b in columns)


def overlapped_columns(x0: float, x1: float, columns: Sequence[Interval]) -> tuple[int, ...]:
    """Indexes of the columns an x extent overlaps; the nearest column when it falls in a gap."""
    # a < x1 and x0 < b and a < b: the same test as min(b, x1) - max(a, x0) > 0 for phrases
    # (x0 < x1), written as comparisons because this runs for every phrase of every line
    hits = tuple(i for i, (a, b) in enumerate(columns) if a < x1 and x0 < b and a < b) if x0 < x1 else ()
    center = (x0 + x1) / 2
    if hits:
        # centred over the gap between the column it reaches into and the next one: it spans
        # both (a header centred over two columns, narrower than they are together)
        first, last = hits[0], hits[-1]
        if first > 0 and columns[first - 1][1] <= center <= columns[first][0]:
            return (first - 1, *hits)
        if last + 1 < len(columns) and columns[last][1] <= center <= columns[last + 1][0]:
            return (*hits, last + 1)
        return hits
    if not columns:
        return hits
    return (min(range(len(columns)), key=lambda i: _distance(center, columns[i])),)


def _distance(x: float, interval: Interval) -> float:
    a, b = interval
    return 0.0 if a <= x <= b else min(abs(x - a), abs(x - b))


def phrase_columns(phrase: Phrase, columns: Sequence[Interval]) -> tuple[int, int]:
    """(first, last) column a phrase occupies; its text belongs to the first."""
    hits = overlapped_columns(phrase.x0, phrase.x1, columns)
    return hits[0], hits[-1]


def line_columns(line: TextLine, columns: Sequence[Interval]) -> tuple[tuple[int, int], ...]:
    return tuple(phrase_columns(p, columns) for p in line.phrases)


def filled_columns(line: TextLine, columns: Sequence[Interval]) -> frozenset[int]:
    """The columns a line puts text in (a spanning phrase counts for its first column)."""
    return frozenset(first for first, _ in line_columns(line, columns))


def crosses_columns(line: TextLine, columns: Sequence[Interval]) -> bool:
    return any(last > first for first, last in line_columns(line, columns))


def columns_match(mine: Sequence[Interval], theirs: Sequence[Interval], overlap: float) -> bool:
    """Same columns: same count and each overlaps its counterpart by `overlap` of the narrower."""
    return len(mine) == len(theirs) and all(_overlap_ratio(a, b) >= overlap for a, b in zip(mine, theirs))


def coarsening(mine: Sequence[Interval], theirs: Sequence[Interval], overlap: float) -> bool:
    """`mine` could be `theirs` with some columns empty or merged: every column of mine overlaps
    one or more consecutive columns of theirs, and no column of theirs is shared by two of mine."""
    owner: dict[int, int] = {}
    for index, (a, b) in enumerate(mine):
        hits = [j for j, (c, d) in enumerate(theirs) if min(b, d) - max(a, c) > 0]
        if not hits:
            return False
        for j in hits:
            if owner.setdefault(j, index) != index:
                return False
        if len(hits) == 1 and _overlap_ratio((a, b), theirs[hits[0]]) < overlap:
            return False
    return True


def _overlap_ratio(a: Interval, b: Interval) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    narrower = max(min(a[1] - a[0], b[1] - b[0]), 0.1)
    return max(shared, 0.0) / narrower
