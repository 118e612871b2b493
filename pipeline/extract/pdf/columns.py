"""Column positions of a table without vertical rulings, from where its words are.

Why by hand: pdfplumber's text strategy cuts columns at every aligned word edge and splits a
spanning cell across columns; here a column is a band of x that the table's phrases fill, and a
separator is a gap that is empty in every row (spanning cells and single-phrase lines aside).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from operator import attrgetter
from typing import Sequence

import numpy as np

from pipeline.extract.pdf.layout import FIGURE, Phrase, TextLine
from pipeline.extract.pdf.pieces import Interval
from pipeline.extract.pdf.settings import TableSettings

# phrases x pairs per block of spanning_phrases' array tests: bounds the memory a page of
# thousands of phrases takes (a few MB); the result does not depend on it
_ARRAY_CELLS = 1 << 21


def spanning_phrases(lines: Sequence[TextLine], min_gap: float = TableSettings.column_gap_min,
                     edge: float = TableSettings.align_tolerance) -> set[int]:
    """ids of phrases that other lines show to cross a column gap:
    - some other line has two or more separate phrases within this phrase's x extent (a
      spanning header over Q1..Q4);
    - or the phrase is centred over a gap (at least min_gap wide) that two or more other lines
      keep empty between phrases of theirs, and comes within min_gap of their text on both
      sides (so column_intervals would make one column of the two): a header centred over the
      two columns it spans, narrower than the two together (a year over its "n" and "% Pos"
      columns). A gap that several rows keep empty is a column gap (one line's gap may be a wide
      space in running text); a phrase set off-centre is a wide cell of the column it starts in.
    `edge`: points of slack when testing whether one phrase lies within another's extent.

    Every phrase is tested against every neighbouring pair of phrases of the other lines, so
    both tests run as arrays (phrases x pairs, a block of phrases at a time); the second test's
    gap is searched only for phrases whose middle two other lines keep empty (a necessary
    condition of it: the gap holds the middle)."""
    multi = [line for line in lines if len(line.phrases) >= 2]
    if len(multi) < 2:
        return set()  # both tests need another line with two phrases or more
    phrases = [(index, p) for index, line in enumerate(multi) for p in line.phrases]
    x0 = np.array([p.x0 for _, p in phrases], dtype=float)
    x1 = np.array([p.x1 for _, p in phrases], dtype=float)
    counts = np.array([len(line.phrases) for line in multi])
    owner = np.repeat(np.arange(len(multi)), counts)  # each phrase's line
    middle = (x0 + x1) / 2
    # neighbouring phrases (a, b) of a line, in line order: b's start, a's end, a's start, b's end,
    # the line's index
    pair = owner[1:] == owner[:-1]
    b_start, a_end, a_start, b_end = x0[1:][pair], x1[:-1][pair], x0[:-1][pair], x1[1:][pair]
    pair_line = owner[1:][pair]
    within = np.zeros(len(phrases), dtype=bool)  # the first test
    kept_empty = np.zeros(len(phrases), dtype=bool)  # two other lines keep the middle empty
    step = max(1, _ARRAY_CELLS // len(pair_line))
    for lo in range(0, len(phrases), step):
        part = slice(lo, lo + step)
        other = pair_line != owner[part][:, None]  # pairs of the other lines
        inside = ((b_start < (x1[part] - edge)[:, None]) & (a_start >= (x0[part] - edge)[:, None])
                  & (b_end <= (x1[part] + edge)[:, None]) & other)
        within[part] = inside.any(axis=1)
        apart = (a_end <= (middle[part] + edge)[:, None]) & (b_start >= (middle[part] - edge)[:, None]) & other
        # two lines or more: a pair on another line than the first pair's (none: no pair at all)
        first_line = pair_line[np.argmax(apart, axis=1)]
        kept_empty[part] = (apart & (pair_line != first_line[:, None])).any(axis=1)
    spanning = {id(phrases[number][1]) for number in np.flatnonzero(within).tolist()}
    candidates = np.flatnonzero(kept_empty & ~within)
    if not len(candidates):
        return spanning
    # the other lines' phrases in order (x0, x1, line), joined into pieces apart by min_gap
    # within each candidate's reach (min_gap either side of it): candidates x phrases at once,
    # a piece's end the running maximum of its phrases' ends (pieces come in order, so the
    # maximum over all phrases before is the current piece's)
    order = np.lexsort((owner, x1, x0))
    e0, e1, by = x0[order], x1[order], owner[order]
    step = max(1, _ARRAY_CELLS // len(phrases))
    for lo in range(0, len(candidates), step):
        part = candidates[lo : lo + step]
        near = ((e0 < (x1[part] + min_gap)[:, None]) & (e1 > (x0[part] - min_gap)[:, None])
                & (by != owner[part][:, None]))
        ends = np.where(near, e1, -np.inf)
        np.maximum.accumulate(ends, axis=1, out=ends)
        before = np.full_like(ends, -np.inf)  # the end of the pieces before each phrase
        before[:, 1:] = ends[:, :-1]
        # a phrase starting a piece after another: the gap before it, (before, e0), holding the
        # candidate's middle
        hits = (near & (before > -np.inf) & (e0 - before >= min_gap) & (before <= middle[part][:, None])
                & (middle[part][:, None] <= e0))
        for row, column in zip(*np.nonzero(hits)):  # in order: a candidate's gaps left to right
            number = int(part[row])
            if id(phrases[number][1]) in spanning:
                continue
            g0, g1 = before[row, column], e0[column]
            keeping = pair_line[(a_end <= g0 + edge) & (b_start >= g1 - edge) & (pair_line != owner[number])]
            if len(np.unique(keeping)) >= 2:
                spanning.add(id(phrases[number][1]))
    return spanning


_FIGURE = FIGURE
_WORD_TEXT = attrgetter("text")
_DIGIT_GROUP = re.compile(r"\d{3}(?:[.,]\d+)?")  # what follows a thousands space: "100 000"
# what precedes one: the number's first group, one to three digits of its own ("100 000",
# "-1 234"); a figure with separators of its own ("371,977") groups by them, not by spaces
_LEADING_GROUP = re.compile(r"[-+(]?[£$€]?\d{1,3}")


def _figure_gaps(line: TextLine) -> list[tuple[float, float, str, str]]:
    """(end of the left word, start of the right word, right word, left word) of each gap
    between two figures of one phrase."""
    return [(a.x1, b.x0, b.text, a.text) for phrase in line.phrases for a, b in zip(phrase.words, phrase.words[1:])
            if _FIGURE.fullmatch(a.text) and _FIGURE.fullmatch(b.text)]


def _thousands_space(left: str, right: str) -> bool:
    """Whether the space between two figures may be a thousands space ("100 000")."""
    return bool(_LEADING_GROUP.fullmatch(left) or _DIGIT_GROUP.fullmatch(left)) and bool(_DIGIT_GROUP.fullmatch(right))


def _uncovered(strip: Interval, words: Sequence) -> list[Interval]:
    """The parts of strip that no word covers."""
    parts = [strip]
    for word in words:
        parts = [piece for a, b in parts
                 for piece in ((a, min(b, word.x0)), (max(a, word.x1), b)) if piece[1] > piece[0]]
    return parts


def figure_separators(lines: Sequence[TextLine], min_lines: int) -> list[Interval]:
    """Column separators inside runs of figures set close together ("648 765" in two columns
    that only their aligned edges tell apart): a strip of x between two figures of one phrase
    that no word of any line holding two figures or more covers, shown between figures on at least
    min_lines lines, and not a thousands space (some figure right of it is other than a group
    of three digits, or some figure left of it has separators of its own: "100 000" and
    "1 234 567" stay one number, "371,977 456,262" are two)."""
    # rows of figures: a line with one figure may be a spanning label with a year in it
    # ("Population 2011"), which crosses its sub-columns' gaps as spanning labels do
    # (figures counted through C calls, map: every word of the block is tested)
    figure_lines = [line for line in lines if sum(map(bool, map(_FIGURE.fullmatch, map(_WORD_TEXT, line.words)))) >= 2]
    separators: list[Interval] = []
    # a gap between two figures is on a line of figures: the other lines hold none
    for a, b, _, _ in sorted({gap for line in figure_lines for gap in _figure_gaps(line)}):
        if any(a < hi and lo < b for lo, hi in separators):
            continue
        free = [(a, b)]
        for line in figure_lines:
            free = [piece for strip in free for piece in _uncovered(strip, line.words)]
            if not free:
                break
        if not free:
            continue
        lo, hi = max(free, key=lambda piece: piece[1] - piece[0])
        shown = [(left, right) for line in figure_lines for x1, x0, right, left in _figure_gaps(line)
                 if x1 <= hi and x0 >= lo]
        if len(shown) >= min_lines and not all(_thousands_space(left, right) for left, right in shown):
            separators.append((lo, hi))
    return separators


def column_strips(lines: Sequence[TextLine], separators: Sequence[Interval],
                  tolerance: float = TableSettings.align_tolerance) -> list[Interval]:
    """The separators (figure_separators) that end a column of figures: every phrase with
    figures on both sides of the strip is made of figures, and the figures left of it end at
    one x (within `tolerance`: a column set flush right), as tight columns of figures do
    ("371,977 456,262"). Such a strip separates columns however narrow, as a ruling does. A
    number inside a label ("Sport peer review 15 (2 days)") or a count and its share in one
    cell ("63 (18.5%)", "189 (55.6%)": the counts end where their widths take them; "38
    (24.7%)", "58 (37.7%)", as wide, with a space glyph printed between them: one cell's text)
    parts nothing but its phrase."""
    out = []
    for lo, hi in separators:
        parted = [(phrase, a.x1) for line in lines for phrase in line.phrases
                  for a, b in zip(phrase.words, phrase.words[1:])
                  if a.x1 <= hi and b.x0 >= lo and _FIGURE.fullmatch(a.text) and _FIGURE.fullmatch(b.text)]
        spaced = any(a.space_follows for line in lines for phrase in line.phrases
                     for a, b in zip(phrase.words, phrase.words[1:]) if a.x1 <= hi and b.x0 >= lo)
        ends = [end for _, end in parted]
        if (parted and not spaced and all(_FIGURE.fullmatch(w.text) for phrase, _ in parted for w in phrase.words)
                and max(ends) - min(ends) <= tolerance):
            out.append((lo, hi))
    return out


def split_at_separators(line: TextLine, separators: Sequence[Interval]) -> TextLine:
    """The line with each phrase cut at a word gap that overlaps one of the separators."""
    if not separators:
        return line
    phrases: list[list] = []
    for phrase in line.phrases:
        phrases.append([phrase.words[0]])
        for a, b in zip(phrase.words, phrase.words[1:]):
            if any(a.x1 <= hi and b.x0 >= lo for lo, hi in separators):
                phrases.append([])
            phrases[-1].append(b)
    if len(phrases) == len(line.phrases):
        return line
    return TextLine(tuple(Phrase(tuple(words)) for words in phrases))


Band = list  # [x0, x1, {line index: right ends of its phrases in the band}]


def column_intervals(lines: Sequence[TextLine], min_gap: float,
                     rulings: Sequence[float] = (), align_tolerance: float = TableSettings.align_tolerance,
                     sure_gap: float = 0.0) -> tuple[Interval, ...]:
    """Columns as the connected x bands of the phrases of lines with two or more phrases
    (one-phrase lines are wrapped continuations, titles or spanning rows: they say nothing
    about separators), leaving out spanning phrases.

    Separators: a vertical ruling at an x in `rulings` always separates the bands on either
    side; otherwise bands closer than min_gap are one column, and so is a label over figures set
    flush right beside it (flush_right_label): the same column's text, aligned differently.
    `sure_gap`: a gap at least this wide surely separates columns (TableSettings.column_gap_sure).
    """
    return tuple((a, b) for a, b, _ in column_bands(lines, min_gap, rulings, align_tolerance, sure_gap))


def _ruling_test(rulings: Sequence[float]):
    ruled = sorted(rulings)

    def ruling_between(x0: float, x1: float) -> bool:
        at = bisect_left(ruled, x0)
        return at < len(ruled) and ruled[at] <= x1

    return ruling_between


def column_bands(lines: Sequence[TextLine], min_gap: float, rulings: Sequence[float] = (),
                 align_tolerance: float = TableSettings.align_tolerance, sure_gap: float = 0.0) -> list[Band]:
    """column_intervals with, per column, the right ends of each line's phrases in it."""
    spanning = spanning_phrases(lines, min_gap, align_tolerance)
    placed = sorted(
        (p.x0, p.x1, index)
        for index, line in enumerate(lines)
        if len(line.phrases) >= 2
        for p in line.phrases
        if id(p) not in spanning
    )
    ruling_between = _ruling_test(rulings)
    bands: list[Band] = []
    for x0, x1, index in placed:
        if bands and x0 - bands[-1][1] < min_gap and not ruling_between(bands[-1][1], x0):
            bands[-1][1] = max(bands[-1][1], x1)
            bands[-1][2].setdefault(index, []).append(x1)
        else:
            bands.append([x0, x1, {index: [x1]}])
    columns: list[Band] = []
    for band in bands:
        if (columns and flush_right_label(columns[-1][2], band[2], align_tolerance,
                                          band[0] - columns[-1][1] < sure_gap)
                and not ruling_between(columns[-1][1], band[0])):
            columns[-1][1] = max(columns[-1][1], band[1])
            for index, ends in band[2].items():
                columns[-1][2].setdefault(index, []).extend(ends)
        else:
            columns.append(band)
    return columns


def split_at_column_gaps(line: TextLine, columns: Sequence[Interval], min_gap: float,
                         tolerance: float = TableSettings.align_tolerance, headings: bool = False) -> TextLine:
    """The line with each phrase cut where two of its words lie on either side of a gap between
    two columns, when the gap between the words is itself as wide as a column gap (at least
    min_gap: one-word cells evenly spaced, "Male Female Male Female", read as a line of words)
    or parts two figures (figures set so close that only the columns of the rows around them
    tell them apart, "1204455 1210870"). A spanning label's words are a word space apart and
    are rarely figures: it stays whole.

    In a header line (`headings`), narrower gaps over column gaps cut it too when every piece is
    set as a heading over one column, all alike: within it (`tolerance` of slack) and flush with its left edge, or its
    right edge, or centred over it ("Budget Revised" over tight figure columns, a word space and
    a little more apart). A spanning label's words rarely line up so with the columns under
    them; one as wide as its columns is flush left and flush right, not alike; and its words
    are joined by the space glyphs printed between them."""
    gaps = [(a[1], b[0]) for a, b in zip(columns, columns[1:])]
    if not gaps:
        return line
    phrases: list[list] = []
    for phrase in line.phrases:
        parts: list[list] = [[phrase.words[0]]]
        for a, b in zip(phrase.words, phrase.words[1:]):
            apart = b.x0 - a.x1 >= min_gap or (_FIGURE.fullmatch(a.text) and _FIGURE.fullmatch(b.text))
            if apart and any(a.x1 <= hi and b.x0 >= lo for lo, hi in gaps):
                parts.append([])
            parts[-1].append(b)
        for words in parts:
            phrases.extend(_headings_over_columns(words, gaps, columns, tolerance) if headings else [words])
    if len(phrases) == len(line.phrases):
        return line
    return TextLine(tuple(Phrase(tuple(words)) for words in phrases))


def joined_spaced_headings(line: TextLine, columns: Sequence[Interval], ratio: float,
                           rulings: Sequence[float] = ()) -> TextLine:
    """A header line with the phrases of one heading set with stretched spaces joined again
    ("Gross   value   added", justified or letter-spaced: each word a phrase, since its spaces
    are wider than a column gap). Two neighbouring phrases, neither a figure ("2010 2011" are
    two labels), no ruling between them, that together reach over one body column at most, are
    one phrase when the space between them is narrower than `ratio` x the gap the body keeps
    there between its `columns` (a space over a column's own text is no gap; one beyond the
    first or last column may part a column the body's lines do not show), and they stand
    over the same column or one of them heads no column: it reaches over none, and the column
    right of it (which a label set in the gap before its figures heads) has a heading of its
    own in the line. The narrowest spaces are joined first; two headings, each over its own
    column or before its own figures, stay apart however close."""
    phrases = [list(p.words) for p in line.phrases]
    if len(phrases) < 2:
        return line
    ruling_between = _ruling_test(rulings)
    body_gaps = [(a[1], b[0]) for a, b in zip(columns, columns[1:])]

    def over(words: list) -> list[int]:
        x0, x1 = words[0].x0, max(w.x1 for w in words)
        return [i for i, (a, b) in enumerate(columns) if a < x1 and x0 < b]

    def heads_none(k: int) -> bool:
        if over(phrases[k]):
            return False
        x1 = max(w.x1 for w in phrases[k])
        right = next((i for i, (a, _) in enumerate(columns) if a >= x1), None)
        return right is None or any(right in over(words) for j, words in enumerate(phrases) if j != k)

    def joins(k: int) -> bool:
        a, b = phrases[k], phrases[k + 1]
        x0, x1 = max(w.x1 for w in a), b[0].x0
        if x0 < columns[0][0] or x1 > columns[-1][1]:
            return False  # beyond the body's columns: a column the body lines do not show
        widest = min((hi - lo for lo, hi in body_gaps if lo < x1 and x0 < hi), default=float("inf"))
        if (x1 - x0 >= ratio * widest or _FIGURE.fullmatch(" ".join(w.text for w in a))
                or _FIGURE.fullmatch(" ".join(w.text for w in b)) or ruling_between(x0, x1) or len(over(a + b)) > 1):
            return False
        return (over(a) == over(b) and bool(over(a))) or heads_none(k) or heads_none(k + 1)

    joined = True
    while joined and len(phrases) > 1:
        order = sorted(range(len(phrases) - 1), key=lambda k: phrases[k + 1][0].x0 - max(w.x1 for w in phrases[k]))
        joined = False
        for k in order:
            if joins(k):
                phrases[k : k + 2] = [phrases[k] + phrases[k + 1]]
                joined = True
                break
    if len(phrases) == len(line.phrases):
        return line
    return TextLine(tuple(Phrase(tuple(words)) for words in phrases))


def _headings_over_columns(words: list, gaps: Sequence[Interval], columns: Sequence[Interval],
                           tolerance: float) -> list[list]:
    """A phrase's words cut at each column gap between two of them that no printed space glyph
    joins (a label's words are one string, its spaces printed), when every piece is a heading
    over one column, all set alike (split_at_column_gaps); else whole."""
    cuts = [k for k, (a, b) in enumerate(zip(words, words[1:]), 1)
            if not a.space_follows and any(a.x1 <= hi and b.x0 >= lo for lo, hi in gaps)]
    if not cuts:
        return [words]
    bounds = [0, *cuts, len(words)]
    pieces = [words[i:j] for i, j in zip(bounds, bounds[1:])]
    alike = {"left", "right", "centre"}
    for piece in pieces:
        alike &= _heading_alignment(piece[0].x0, piece[-1].x1, columns, tolerance)
    return pieces if alike else [words]


def _heading_alignment(x0: float, x1: float, columns: Sequence[Interval], tolerance: float) -> set[str]:
    """How text from x0 to x1 is set over the one column it reaches into: flush "left",
    flush "right" or "centre"d (within `tolerance`); empty when it reaches into two or none.
    Headings of a row are set alike: a spanning label as wide as its columns is flush left
    over the first and flush right over the last, never alike."""
    hits = [(a, b) for a, b in columns if a < x1 - tolerance and x0 + tolerance < b]
    if len(hits) != 1:
        return set()
    a, b = hits[0]
    return {name for name, off in (("left", x0 - a), ("right", x1 - b), ("centre", (x0 + x1 - a - b) / 2))
            if abs(off) <= tolerance}


def header_over_body(header: Sequence[TextLine], body: Sequence[TextLine], min_gap: float,
                     rulings: Sequence[float] = (), align_tolerance: float = TableSettings.align_tolerance,
                     sure_gap: float = 0.0, bands: list[Band] | None = None) -> tuple[Interval, ...]:
    """Columns from the body (the gaps and aligned edges of its many rows), with the header
    band's phrases placed on them (header and body: lines top to bottom; `header` already cut
    at the body's column gaps, split_at_column_gaps).

    A header phrase over one body column, or closer to it than min_gap, widens it (a label set
    wider than its figures, a label centred over ragged text); over two or more, or centred over
    the gap between two and reaching within min_gap of both, it is a spanning cell and moves
    nothing (build_row reports it as a span); in a gap it heads the column of figures set flush
    right beside it (flush_right_label, as in column_bands) unless that column has a label of
    its own, or else is a column of its own (a column empty in the body, a label whose body
    cells are spanning rows). The header's few lines never decide the body's separators: a
    label wider than its figures, or spanning sub-columns, cannot glue two body columns into
    one. `bands`: column_bands of the body with these settings, when the caller has them."""
    if bands is None:
        bands = column_bands(body, min_gap, rulings, align_tolerance, sure_gap)
    if len(bands) < 2:
        return tuple((a, b) for a, b, _ in bands)
    ruling_between = _ruling_test(rulings)
    body_columns = [(a, b) for a, b, _ in bands]
    grown = [[a, b] for a, b in body_columns]
    own: list[list[float]] = []  # header-only columns: [x0, x1]

    def widen(column: int, x0: float, x1: float) -> None:
        """Widen the column over the phrase unless that reaches a neighbour: then the phrase
        spans both (a label over sub-columns whose labels widened them first)."""
        low, high = min(grown[column][0], x0), max(grown[column][1], x1)
        if (column > 0 and low <= grown[column - 1][1]) or (column + 1 < len(grown) and high >= grown[column + 1][0]):
            return
        grown[column][0], grown[column][1] = low, high

    # the lines nearest the body first, narrow phrases first: sub-column labels widen their
    # columns before a label spanning them is placed
    phrases = sorted(((p, number) for number, line in enumerate(header) if len(line.phrases) >= 2
                      for p in line.phrases), key=lambda item: (-item[1], item[0].x1 - item[0].x0))
    # body columns with a label of their own over them: no label from the gap beside heads them.
    # A column's own label is the lowest over it: a phrase with another under it is a group label
    # ("Delivered per quarter" over Q1..Q4, reaching over Q1's figures only) or a wrapped label's
    # first line, and its column may still be headed from the gap beside
    lowest = [p for p, n in phrases if not any(m > n and q.x0 < p.x1 and p.x0 < q.x1 for q, m in phrases)]
    labelled = {hits[0] for hits in ([i for i, (a, b) in enumerate(body_columns) if a < p.x1 and p.x0 < b]
                                     for p in lowest) if len(hits) == 1}
    for phrase, number in phrases:
        middle = (phrase.x0 + phrase.x1) / 2
        if any(b <= middle <= c and phrase.x0 <= b + min_gap and phrase.x1 >= c - min_gap
               and not _beside_own_label(phrase, header[number], left, right)
               and not _headed_on_one_side(left, right, header[number + 1 :])
               for left, right in zip(grown, grown[1:]) for (_, b), (c, _) in [(left, right)]):
            continue  # centred over a gap, reaching both sides: spanning (as in spanning_phrases)
        if _centred_over_gap(phrase, grown, header[number + 1 :], align_tolerance):
            continue  # centred over the columns both sides of a gap ("2010" over Male | Female): spanning
        hits = [i for i, (a, b) in enumerate(grown) if a < phrase.x1 and phrase.x0 < b]
        if not hits and _under_centred_span(phrase, header[:number], body_columns, align_tolerance):
            continue  # a centred label's next line ("(%)" under a group label): its span's, in
            # a gap however near a column
        heads_right = False
        if not hits:
            right = next((i for i, (a, _) in enumerate(body_columns) if a >= phrase.x1), None)
            # a header line lies above every body line: a key below the body's indexes
            label = {-1 - number: [phrase.x1]}
            heads_right = (right is not None and right not in labelled
                           and not ruling_between(phrase.x1, body_columns[right][0])
                           and flush_right_label(label, bands[right][2], align_tolerance,
                                                 body_columns[right][0] - phrase.x1 < sure_gap))
            # as close to a column as its own text is (column_bands): of it, unless that is the
            # column left of it and it heads the figures set flush right beside it (a label set
            # flush left in its cell starts right after the figures of the column before)
            hits = [i for i, (a, b) in enumerate(grown) if a - min_gap < phrase.x1 and phrase.x0 < b + min_gap
                    and not (heads_right and i < right)]
        if len(hits) == 1:
            widen(hits[0], phrase.x0, phrase.x1)
        elif not hits:
            if heads_right:
                widen(right, phrase.x0, phrase.x1)
            else:
                own.append([phrase.x0, phrase.x1])
        # over two or more body columns: a spanning cell
    return _with_header_only(grown, own, min_gap)


def _beside_own_label(phrase: Phrase, line: TextLine, left: Sequence[float], right: Sequence[float]) -> bool:
    """Another phrase of the phrase's own header line lies over one of the two columns it reaches:
    that column has its label on this line, so the phrase, which cannot overlap it, is its
    neighbour's label ("Total | % achieved", each set flush left over figures set flush right,
    the second starting right after the first's figures), not a cell spanning both."""
    return any(q is not phrase and any(q.x0 < b and a < q.x1 for a, b in (left, right)) for q in line.phrases)


def _headed_on_one_side(left: Sequence[float], right: Sequence[float], under: Sequence[TextLine]) -> bool:
    """Of the two columns beside a gap, one has a label on the header lines `under` a phrase and
    the other none: the phrase, which would span both, is the lowest label over the other, its
    own ("Q4" under the quarters' group label on one side, "Total" set flush left in the gap and
    nothing under it on the other). A cell spans columns whose labels lie under it, or a header
    of one line."""
    def headed(column: Sequence[float]) -> bool:
        return any(p.x0 < column[1] and column[0] < p.x1 for line in under for p in line.phrases)
    return headed(left) != headed(right)


def _centred_over_gap(phrase: Phrase, columns: Sequence[Sequence[float]], under: Sequence[TextLine],
                      tolerance: float) -> bool:
    """The phrase's middle falls in a gap between two columns, both headed in the header lines
    `under` it, and the phrase is centred, within `tolerance`, over those two columns (from the
    first one's start to the second one's end): a label over both, though it reaches neither
    gap's edge (a short year over its two sub-columns' headings), not a widening of the column
    it touches. A column's own heading is centred over that column, its middle inside it, and
    stands on the header's last line, over no other heading (a heading set flush left over a
    narrow column of figures may stand centred over two by chance); runs further out are not
    looked at, where some run is centred under any short phrase by chance."""
    middle = (phrase.x0 + phrase.x1) / 2
    gap = next((k for k in range(len(columns) - 1) if columns[k][1] < middle < columns[k + 1][0]), None)
    if gap is None or abs((columns[gap][0] + columns[gap + 1][1]) / 2 - middle) > tolerance:
        return False

    def headed(column: Sequence[float]) -> bool:
        return any(p.x0 < column[1] and column[0] < p.x1 for line in under for p in line.phrases)
    return headed(columns[gap]) and headed(columns[gap + 1])


def _under_centred_span(phrase: Phrase, above: Sequence[TextLine], columns: Sequence[Interval],
                        tolerance: float) -> bool:
    """A phrase in a column gap is set centred under a header phrase above it that spans the
    columns on both sides of that gap: the next line of a centred spanning label (a units line,
    "(%)", under a group label over its sub-columns), not a column of its own."""
    middle = (phrase.x0 + phrase.x1) / 2
    left = [i for i, (_, b) in enumerate(columns) if b <= phrase.x0]
    right = [i for i, (a, _) in enumerate(columns) if a >= phrase.x1]
    if not left or not right:
        return False
    before, after = columns[left[-1]], columns[right[0]]
    return any(abs((p.x0 + p.x1) / 2 - middle) <= tolerance and p.x0 < before[1] and p.x1 > after[0]
               for line in above for p in line.phrases)


def _with_header_only(columns: list[list[float]], own: list[list[float]], min_gap: float) -> tuple[Interval, ...]:
    """The columns with the header-only bands added: header phrases closer than min_gap are one
    band; a band reaching into a widened column belongs to it."""
    bands: list[list[float]] = []
    for x0, x1 in sorted(own):
        if bands and x0 - bands[-1][1] < min_gap:
            bands[-1][1] = max(bands[-1][1], x1)
        else:
            bands.append([x0, x1])
    out = [list(c) for c in columns]
    for x0, x1 in bands:
        hits = [c for c in out if c[0] < x1 and x0 < c[1]]
        if len(hits) == 1:
            hits[0][0], hits[0][1] = min(hits[0][0], x0), max(hits[0][1], x1)
        elif not hits:
            out.append([x0, x1])
    return tuple((a, b) for a, b in sorted(out))


def flush_right_label(label: dict[int, list[float]], figures: dict[int, list[float]], tolerance: float,
                      close: bool = False) -> bool:
    """A band of labels (line index -> right ends of its phrases) that heads the band of figures
    to its right: every label line lies above every figure line, and the figures, on two or more
    lines, end at one x (set flush right in their cell, while the label is set flush left). Two
    columns side by side share lines; a header-only column beside a ragged one does not end at
    one x. A column holding one figure on the page shows no alignment: it heads it when `close`
    (the gap between them is narrower than a gap that surely separates columns)."""
    ends = [x for xs in figures.values() for x in xs]
    if max(label) >= min(figures):
        return False
    if len(figures) == 1 and close:
        return True
    return len(figures) >= 2 and max(ends) - min(ends) <= tolerance


def widened_by_overflow(columns: Sequence[Interval], body: Sequence[TextLine], min_gap: float) -> tuple[Interval, ...]:
    """Columns widened to the body's text that starts in them and runs on into the gap after
    them without reaching the next column (a row label's wrapped lines, on lines of their own,
    longer than the labels beside figures): a column's extent is its text's, and such a line,
    measured against the narrower column, would be taken for text centred over the gap, i.e.
    a cell spanning the next column too."""
    out = [list(c) for c in columns]
    for line in body:
        for phrase in line.phrases:
            hits = [i for i, (a, b) in enumerate(columns) if a < phrase.x1 and phrase.x0 < b]
            if len(hits) != 1:
                continue
            i = hits[0]
            limit = columns[i + 1][0] - min_gap if i + 1 < len(columns) else float("inf")
            if columns[i][0] <= phrase.x0 and columns[i][1] < phrase.x1 <= limit:
                out[i][1] = max(out[i][1], phrase.x1)
    return tuple((a, b) for a, b in out)


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
    """(first, last) column of each of the line's phrases. Kept on the line for the last tuple
    of columns it was placed on: the row steps ask it of the same line and columns many times."""
    last = line.__dict__.get("_placed")
    if last is not None and last[0] is columns:
        return last[1]
    placed = tuple(phrase_columns(p, columns) for p in line.phrases)
    if type(columns) is tuple and all(type(c) is tuple for c in columns):  # immutable: safe to keep
        line.__dict__["_placed"] = (columns, placed)
    return placed


def filled_columns(line: TextLine, columns: Sequence[Interval]) -> frozenset[int]:
    """The columns a line puts text in (a spanning phrase counts for its first column). Kept on
    the line beside its placing (line_columns), for the same columns."""
    kept = line.__dict__.get("_filled")
    if kept is not None and kept[0] is columns:
        return kept[1]
    filled = frozenset(first for first, _ in line_columns(line, columns))
    if line.__dict__.get("_placed", (None,))[0] is columns:  # the placing was kept: so is this
        line.__dict__["_filled"] = (columns, filled)
    return filled


def crosses_columns(line: TextLine, columns: Sequence[Interval]) -> bool:
    """Some phrase of the line reaches over two columns or more. Kept on the line as filled_columns is."""
    kept = line.__dict__.get("_crosses")
    if kept is not None and kept[0] is columns:
        return kept[1]
    crosses = any(last > first for first, last in line_columns(line, columns))
    if line.__dict__.get("_placed", (None,))[0] is columns:
        line.__dict__["_crosses"] = (columns, crosses)
    return crosses


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
