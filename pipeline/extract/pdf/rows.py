"""Text lines of an unruled (or only horizontally ruled) table -> rows of cells.

A wrapped cell prints as several lines; they are one row when the gap above a line is no wider
than leading, the line fills only columns the row already started (continuation lines leave the
other columns empty), and no horizontal ruling separates them.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

import numpy as np

from pipeline.core.model import Box
from pipeline.extract.pdf.columns import crosses_columns, filled_columns, line_columns
from pipeline.extract.pdf.headers import is_numeric
from pipeline.extract.pdf.layout import Phrase, TextLine, cell_ends, cell_lines_text, phrase_box, union_box
from pipeline.extract.pdf.pieces import Interval, Row
from pipeline.extract.pdf.settings import TableSettings

HRule = tuple[float, float, float]  # y, x0, x1 of a horizontal ruling


def ruled_between(upper: TextLine, lower: TextLine, rules: Sequence[HRule], x0: float, x1: float,
                  cover: float = TableSettings.rule_cover) -> bool:
    """A horizontal ruling lies between two lines and covers `cover` of the table's width, or
    all the text of the lower line (a rule under a spanning header cell only)."""
    width = max(x1 - x0, 1.0)
    for y, a, b in rules:
        if not upper.bottom - 1 <= y <= lower.top + 1:
            continue
        if min(b, x1) - max(a, x0) >= cover * width:
            return True
        if all(a - 1 <= p.x0 and p.x1 <= b + 1 for p in lower.phrases):
            return True
    return False


Colour = tuple[int, int, int] | None  # a fill's RGB, 0-255 (None: not a plain colour, e.g. a pattern)
PAGE_COLOUR: Colour = (255, 255, 255)  # what shows where nothing is painted


def shading_edges(fills: Sequence[tuple[Box, Colour]], tolerance: float) -> list[HRule]:
    """Where the colour shown changes down the page, as (y, x0, x1): the top and bottom edges of
    the filled rectangles (ruled.coloured_fills, in drawing order) across which the colour on
    top (the last fill painted there, else the page) differs a `tolerance` above and below,
    sampled at the fill's middle; edges at one height joined along x (a row's fill is drawn
    cell by cell). A fill going on in its own colour across its edge (drawn in strips), or
    white on the page, shows no edge; rows banded in two colours over a background do."""
    if not fills:
        return []
    boxes = np.array([box for box, _ in fills], dtype=float)
    colours = [colour for _, colour in fills]
    middles = (boxes[:, 0] + boxes[:, 2]) / 2
    ys = np.concatenate([boxes[:, 1], boxes[:, 3]])
    xs = np.concatenate([middles, middles])

    def shown(y: np.ndarray) -> list[Colour]:
        inside = ((boxes[:, 0] <= xs[:, None]) & (xs[:, None] <= boxes[:, 2])
                  & (boxes[:, 1] <= y[:, None]) & (y[:, None] <= boxes[:, 3]))
        last = len(fills) - 1 - np.argmax(inside[:, ::-1], axis=1)
        return [colours[i] if any_ else PAGE_COLOUR for i, any_ in zip(last.tolist(), inside.any(axis=1).tolist())]

    above, below = shown(ys - tolerance), shown(ys + tolerance)
    x0s, x1s = np.concatenate([boxes[:, 0], boxes[:, 0]]), np.concatenate([boxes[:, 2], boxes[:, 2]])
    return joined_rules(sorted((float(y), float(a), float(b))
                               for y, a, b, up, down in zip(ys, x0s, x1s, above, below) if up != down),
                        tolerance, tolerance)


def joined_rules(rules: Sequence[HRule], tolerance: float, reach: float) -> list[HRule]:
    """Sorted (y, x0, x1) pieces at one height (within `tolerance`) that touch or come within
    `reach` of each other along x, joined into one: a line drawn cell by cell."""
    joined: list[HRule] = []
    for y, x0, x1 in rules:
        same = next((k for k, (y2, a, b) in enumerate(joined)
                     if abs(y2 - y) <= tolerance and x0 <= b + reach and a <= x1 + reach), None)
        if same is None:
            joined.append((y, x0, x1))
        else:
            y2, a, b = joined[same]
            joined[same] = (y2, min(a, x0), max(b, x1))
    return joined


def shaded_between(upper: TextLine, lower: TextLine, edges: Sequence[HRule], x0: float, x1: float,
                   cover: float = TableSettings.rule_cover) -> bool:
    """A colour edge (shading_edges) covering `cover` of the table's width lies between the
    middles of two lines: one line is on the shaded band and the other is not, so they are in
    two rows (a band is a row's background; its edge may cut the glyph boxes of an unpadded
    row, so the lines' middles, not their boxes, are compared)."""
    width = max(x1 - x0, 1.0)
    upper_mid, lower_mid = (upper.top + upper.bottom) / 2, (lower.top + lower.bottom) / 2
    between = [(y, a, b) for y, a, b in edges if upper_mid < y < lower_mid]
    # an edge's pieces at one height count together: a seam between two rows' fills is broken
    # where both rows leave their cells empty (page.fill_seam_rules wants a word on one side)
    return any(covered_length([(a, b) for h, a, b in between if abs(h - y) <= 1], x0, x1) >= cover * width
               for y, _, _ in between)


def covered_length(pieces: Sequence[tuple[float, float]], x0: float, x1: float) -> float:
    """How much of x0..x1 the pieces (a, b) cover together."""
    total, reach = 0.0, x0
    for a, b in sorted(pieces):
        a, b = max(a, reach), min(b, x1)
        if b > a:
            total += b - a
            reach = b
    return total


def key_columns(lines: Sequence[TextLine], columns: Sequence[Interval], settings: TableSettings) -> frozenset[int]:
    """The columns that make a row of the table: those filled on at least settings.row_key_share
    of its multi-column lines (a label and its figures), when one of them holds figures on most
    of the lines that fill it from its first figure down (figures do not wrap, so a line filling
    them all is a row of its own). Empty when there are none such (a table of text cells, where
    every cell may wrap)."""
    placed = [line_columns(line, columns) for line in lines if len(line.phrases) >= 2]
    placed = [p for p in placed if all(first == last for first, last in p)]  # spanning lines aside
    if not placed:
        return frozenset()
    counts: dict[int, int] = {}
    for p in placed:
        for first, _ in p:
            counts[first] = counts.get(first, 0) + 1
    key = frozenset(c for c, n in counts.items() if n >= settings.row_key_share * len(placed))
    if len(key) < 2:
        return frozenset()
    # each key column's single-column phrases, top to bottom: one pass over the lines
    figures: dict[int, list[bool]] = {c: [] for c in key}
    for line in lines:
        for p, (first, last) in zip(line.phrases, line_columns(line, columns)):
            if first == last and first in figures:
                figures[first].append(p.numeric)
    if not any(sum(marks) > settings.row_key_share * len(marks) for marks in map(_below_headings, figures.values())):
        return frozenset()
    return key


def _below_headings(marks: Sequence[bool]) -> Sequence[bool]:
    """A column's figure marks from its first figure down: the headings over a column of figures
    (a heading and its units line, "(Rs. lakh)") stand above it and say nothing of its cells."""
    return marks[marks.index(True):] if True in marks else marks


def _holds_figure(line: TextLine, key: frozenset[int], columns: Sequence[Interval]) -> bool:
    """The line puts a figure in a key column (a row of the body, not the header over it)."""
    return any(first in key and p.numeric
               for p, (first, _) in zip(line.phrases, line_columns(line, columns)))


def _face(line: TextLine) -> set[tuple[bool, int]]:
    return {(w.bold, round(w.size)) for w in line.words}


def fits_in_column_text(previous: TextLine, line: TextLine, column: int, columns: Sequence[Interval],
                        settings: TableSettings) -> bool:
    """Whether the first word `line` has in `column` would have fitted after the text of
    `previous` in that column within the column's widest text (columns[column][1]): the width
    the column surely had, so a word processor would not have wrapped it there."""
    above = _in_column(previous, column, columns)
    mine = _in_column(line, column, columns)
    if not above or not mine:
        return True
    word = mine[0].words[0]
    end = max(p.x1 for p in above) + settings.fit_space_em * word.size + (word.x1 - word.x0)
    return end <= columns[column][1]


def starts_new_row(
    row: Sequence[TextLine],
    line: TextLine,
    columns: Sequence[Interval],
    line_height: float,
    settings: TableSettings,
    padded_gap: float | None = None,
    key: frozenset[int] = frozenset(),
) -> bool:
    """Whether `line` starts a new row rather than continuing the wrapped cells of `row`.

    `padded_gap`: when the table's rows are padded (every certain row break is wider than the
    leading inside cells), the gap alone decides, with this threshold.
    `key`: the table's key columns (key_columns): where rows are not padded, a line filling them
    all starts a row, and a line filling some of them under a row that filled them all is a
    wrapped line of that row (one holding figures: a header row's label wraps as any text)
    unless its face differs (a sub-heading set in bold) or its first word would have fitted on
    the line above within the column's widest text.
    """
    previous, first = row[-1], row[0]
    gap = line.top - previous.bottom
    if key and padded_gap is None and _interleaved(previous, line, columns) and any(
            _anchors_row(above, key, columns) for above in row):
        return False  # set between a row's lines (a label's last line under figures centred on it)
    if crosses_columns(line, columns) or crosses_columns(first, columns):
        return True  # a spanning row (theme heading) stands alone
    if padded_gap is not None:
        return gap > padded_gap
    if gap > settings.wrap_gap_em * line_height:
        return True
    started, mine = filled_columns(first, columns), filled_columns(line, columns)
    if key and key <= mine and _holds_figure(line, key, columns):
        return True  # the cells every row fills, filled again with figures: figures do not wrap
    if key and key <= started and mine < key and _holds_figure(first, key, columns):
        if _face(line) != _face(previous):
            return True
        return any(fits_in_column_text(previous, line, column, columns, settings) for column in mine)
    if not mine <= started:
        return True
    if started == mine == {0}:
        # Lines filling the first column only, under a row filling it only (headings, labels,
        # a totals caption), are as close as wrapped lines in an unpadded table and often no
        # test of fit can tell (the word would just not have fitted): they are taken as rows,
        # since a long one-cell row is usually drawn spanning the table (crosses_columns).
        return True
    return any(fits_on_line_above(previous, line, column, columns, settings) for column in mine)


def _in_column(line: TextLine, column: int, columns: Sequence[Interval]) -> list:
    return [p for p, (first, _) in zip(line.phrases, line_columns(line, columns)) if first == column]


def fits_on_line_above(previous: TextLine, line: TextLine, column: int, columns: Sequence[Interval],
                       settings: TableSettings) -> bool:
    """Whether the first word `line` has in `column` would have fitted after the text of
    `previous` in that column: then a word processor would not have wrapped it, so `line` is a
    new row (rows without padding are otherwise as close as wrapped lines). The column ends a
    column gap (column_gap_em) before the next one; the word needs a space (fit_space_em) and
    settings.fit_slack_em of slack, since word processors keep some words together ("Apr -" +
    "June")."""
    above = _in_column(previous, column, columns)
    mine = _in_column(line, column, columns)
    if not above or not mine:
        return True
    word = mine[0].words[0]
    size = word.size
    limit = (columns[column + 1][0] - settings.column_gap_em * size if column + 1 < len(columns)
             else columns[column][1])
    end = max(p.x1 for p in above) + settings.fit_space_em * size + (word.x1 - word.x0)
    return end <= limit - settings.fit_slack_em * size


def padded_row_gap(lines: Sequence[TextLine], columns: Sequence[Interval], line_height: float,
                   wrap_gap: float = float("inf"), settings: TableSettings = TableSettings(),
                   key: frozenset[int] | None = None, certain: Sequence[bool] | None = None) -> float | None:
    """The gap threshold between rows when rows are visibly padded, else None.

    Certain row breaks are where a line fills a column the line above left empty; if the
    narrowest of them is clearly wider than the narrowest line gap (leading inside a cell),
    rows are padded and any gap wider than the midpoint is a row break. `wrap_gap` is the
    widest gap leading can be (settings.wrap_gap_em line heights); `key` the lines' key_columns
    and `certain` their certain_breaks on it, when the caller has them.
    """
    # lines that overlap (a cell spanning two rows runs into the next row's band) say nothing
    gaps = [b.top - a.bottom for a, b in zip(lines, lines[1:])]
    if not any(gap >= 0 for gap in gaps):
        return None
    if certain is None:
        certain = certain_breaks(lines, columns, key_columns(lines, columns, settings) if key is None else key)
    breaks = [gap for gap, sure in zip(gaps, certain) if gap >= 0 and sure]
    leading = min(gap for gap in gaps if gap >= 0)
    if len(breaks) == 1 and leading > wrap_gap:
        # a single certain break (under the header, when every row of the body fills the same
        # columns) measures no padding when the narrowest gap is wider than leading can be: it
        # is a row gap then, and the gap under a header is often wider than the body's
        breaks = []
    certain = min(breaks, default=None)
    if len(breaks) == sum(1 for gap in gaps if gap >= 0):
        # every gap a certain break (rows of figures, each on one line): none measures leading,
        # so none shows padding either
        breaks = []
    if not breaks and any(gap < 0 for gap in gaps):
        # only overlapping lines where rows change (a header alone on its page, or a header of
        # cells centred in their rows over such a body): lines overlap only when rows are
        # padded, and the gaps under the text above in the same columns show the two sizes,
        # leading and row gap (an unpadded table's next size is 1.6 lines away)
        column_gaps = [g for g in column_wise_gaps(lines, columns) if 0 <= g <= settings.column_gap_lines * line_height]
        leading = min(column_gaps, default=leading)
        breaks = [g for g in column_gaps if g - leading >= settings.row_padding_em * line_height]
        if certain is not None and certain - leading < settings.row_padding_em * line_height:
            # a certain row break as narrow as leading: the rows are not padded, and the lines
            # overlap where a label is centred across a row boundary (a group's label)
            breaks = []
    if not breaks or min(breaks) - leading < settings.row_padding_em * line_height:
        return None
    return (leading + min(breaks)) / 2


def certain_breaks(lines: Sequence[TextLine], columns: Sequence[Interval], key: frozenset[int]) -> list[bool]:
    """is_certain_break of each pair of consecutive lines that do not overlap (False for those
    that do, which no caller asks): worked out once for a table's lines, which the row gap and
    the padding are both measured on."""
    return [b.top - a.bottom >= 0 and is_certain_break(a, b, columns, key) for a, b in zip(lines, lines[1:])]


def is_certain_break(above: TextLine, line: TextLine, columns: Sequence[Interval], key: frozenset[int]) -> bool:
    """`line` surely starts a row under `above`: it fills a column `above` left empty, or both
    fill every key column with figures among them (key_columns: figures do not wrap; a header
    label wraps in them as any text), neither spanning columns."""
    if crosses_columns(above, columns) or crosses_columns(line, columns):
        return False
    mine, theirs = filled_columns(line, columns), filled_columns(above, columns)
    if not mine <= theirs:
        return True
    return (bool(key) and key <= mine and key <= theirs
            and _holds_figure(line, key, columns) and _holds_figure(above, key, columns))


def column_wise_gaps(lines: Sequence[TextLine], columns: Sequence[Interval]) -> list[float]:
    """For each phrase, the gap to the nearest text above it in the columns it occupies."""
    bottoms: dict[int, float] = {}
    gaps = []
    for line in lines:
        placed = line_columns(line, columns)
        for phrase, (first, last) in zip(line.phrases, placed):
            above = [bottoms[c] for c in range(first, last + 1) if c in bottoms]
            if above:
                gaps.append(phrase.top - max(above))
        for phrase, (first, last) in zip(line.phrases, placed):
            for c in range(first, last + 1):
                bottoms[c] = max(bottoms.get(c, phrase.bottom), phrase.bottom)
    return gaps


def group_rows(
    lines: Sequence[TextLine],
    columns: Sequence[Interval],
    rules: Sequence[HRule],
    line_height: float,
    settings: TableSettings,
    block: Sequence[TextLine] = (),
    key: frozenset[int] | None = None,
    shading: Sequence[HRule] = (),
    padding_facts: tuple[frozenset[int], Sequence[bool]] | None = None,
) -> tuple[list[list[TextLine]], float | None]:
    """Consecutive lines grouped into rows, top to bottom (`key`: the lines' key_columns when
    the caller has them; `padding_facts`: the key_columns and certain_breaks of the lines the
    padding is measured on, `block` or else `lines`, when the caller has them).

    When horizontal rulings separate most rows (a rule under every row), they alone decide;
    otherwise gaps and filled columns decide, and any ruling still splits, as does a shading
    edge across the table (`shading`, shading_edges: a banded row's fill ends where its row
    does, the only mark between unpadded rows without rulings). Padding is measured on `block`
    when given (the lines around too: a page holding a single row of the table and the
    one-cell rows around it shows its row gaps only there).
    """
    x0, x1 = columns[0][0], columns[-1][1]
    ruled = [ruled_between(a, b, rules, x0, x1, settings.rule_cover) for a, b in zip(lines, lines[1:])]
    shaded = [shaded_between(a, b, shading, x0, x1, settings.rule_cover) for a, b in zip(lines, lines[1:])]
    if key is None:
        key = key_columns(lines, columns, settings)
    measured_key, certain = padding_facts if padding_facts is not None else (None if block else key, None)
    padded = padded_row_gap(block or lines, columns, line_height, settings.wrap_gap_em * line_height, settings,
                            measured_key, certain)
    if padded is not None and sum(ruled) < 2:
        # fewer than two rulings between lines never decide (by_rules below): the rows of a
        # padded table come from its column gaps, whatever the guess
        return group_by_column_gaps(lines, columns, rules, padded), padded
    guessed: list[list[TextLine]] = []
    for line in lines:
        if guessed and not starts_new_row(guessed[-1], line, columns, line_height, settings, padded, key):
            guessed[-1].append(line)
        else:
            guessed.append([line])
    if key and padded is None:
        guessed = anchored_rows(guessed, columns, key, line_height, settings)
    by_rules = sum(ruled) >= max(2, settings.ruled_rows_share * len(guessed))
    if padded is not None and not by_rules:
        return group_by_column_gaps(lines, columns, rules, padded), padded
    rows: list[list[TextLine]] = []
    position = 0
    for group in guessed:
        for line in group:
            split = position > 0 and (ruled[position - 1] or shaded[position - 1]
                                      or (not by_rules and line is group[0])
                                      or (by_rules and bool(rows) and bool(subdivided_spans(rows[-1], line, columns))))
            if not rows or split:
                rows.append([line])
            else:
                rows[-1].append(line)
            position += 1
    return rows, padded


def _anchors_row(line: TextLine, key: frozenset[int], columns: Sequence[Interval]) -> bool:
    """The line fills every key column (a row of figures, or the header line over them): a row
    of its own, to which the label lines around it without figures belong. A line filling some
    (a year over its two sub-columns) anchors nothing."""
    return not crosses_columns(line, columns) and key <= filled_columns(line, columns)


def _header_anchor(lines: Sequence[TextLine], key: frozenset[int], columns: Sequence[Interval]) -> int | None:
    """The header's last line, as an anchor, where a key column has no heading: a column of
    codes or flags set unheaded beside its figures ("648765 p") leaves the line filling every
    other key column no less the header, when the lines between it and the first figures are
    row labels (in columns without figures: a long label wrapped above its figures), not the
    header's own wrapped lines ("Fraction of" / "Wealth Lost" over a column of figures)."""
    first = next((i for i, line in enumerate(lines) if _holds_figure(line, key, columns)), len(lines))
    headed = key & frozenset().union(*(filled_columns(line, columns) for line in lines[:first]))
    if len(headed) < 2 or headed == key:
        return None
    last = next((i for i in reversed(range(first)) if _anchors_row(lines[i], headed, columns)), None)
    if last is None:
        return None
    figured = {f for line in lines[first:] for p, (f, l) in zip(line.phrases, line_columns(line, columns))
               if f == l and p.numeric}
    if any(filled_columns(line, columns) & figured for line in lines[last + 1 : first]):
        return None
    return last


def _anchors_between(lines: Sequence[TextLine], index: int, key: frozenset[int], columns: Sequence[Interval]) -> bool:
    """The line's figures are set between the lines of a label wrapped around them (figures
    centred on a two-line label, its serial number beside them): with the lines interleaved
    with it, it fills every key column, so it anchors a row as a line filling them does."""
    line = lines[index]
    if crosses_columns(line, columns) or not _holds_figure(line, key, columns):
        return False
    filled = set(filled_columns(line, columns))
    for upper, lower in ((index - 1, index), (index, index + 1)):
        if 0 <= upper and lower < len(lines) and _interleaved(lines[upper], lines[lower], columns):
            filled |= filled_columns(lines[upper if upper != index else lower], columns)
    return key <= filled


def cell_boundary(upper: TextLine, lower: TextLine, columns: Sequence[Interval], line_height: float,
                  settings: TableSettings, lines: Sequence[TextLine] = ()) -> bool:
    """Whether a cell surely ends between `upper` and `lower` (True) or may go on (False).

    Lines that share no column continue no cell of each other (a theme alone in its column
    over a row that leaves it empty), unless their heights overlap (figures centred between a
    label's two lines: _interleaved).

    A cell ends where the gap is wider than leading, or in a column both fill the face changes (a
    bold sub-heading) or the text starts at another of the column's starts (_starts_apart: a
    state at the margin, its Rural/Urban rows indented; but not a line set further in that goes
    on in lower case with a word that would not have fitted above: a hanging indent), or where
    `lower`'s first word would have fitted after `upper`'s text within the column's widest text
    in every column both fill (a word processor breaks a cell's line only when the word does
    not fit; one column whose widest text overflows its cell, a long header word, does not
    speak for the others).
    A qualifier in brackets on a line of its own (is_qualifier) goes with the text above it in
    its column, and the cell ends after it.
    `lines` are the table's lines, where the column's starts are looked for.
    """
    shared = filled_columns(upper, columns) & filled_columns(lower, columns)
    if lower.top - upper.bottom > settings.wrap_gap_em * line_height:
        return True
    if not shared:
        return not _interleaved(upper, lower, columns)
    fits = True
    for column in sorted(shared):
        above, below = _in_column(upper, column, columns), _in_column(lower, column, columns)
        face_above = {(w.bold, round(w.size)) for p in above for w in p.words}
        face_below = {(w.bold, round(w.size)) for p in below for w in p.words}
        fit = fits_in_column_text(upper, lower, column, columns, settings)
        if face_above != face_below:
            return True
        if is_qualifier(above) != is_qualifier(below):
            # a qualifier in brackets on a line of its own ("(provisional)") closes the text
            # above it: the cell goes on into it and ends after it
            if is_qualifier(above):
                return True
            fits = False
            continue
        # a line set further in, going on in lower case with a word that would not have fitted
        # above, is the same label's next line under a hanging indent, not a child row (Rural
        # under a state: a label starts with a capital)
        if _starts_apart(above[0], below[0], column, columns, lines, settings) and (
                fit or below[0].x0 < above[0].x0 or not below[0].text[:1].islower()):
            return True
        fits = fits and fit
    return fits


_ENUMERATOR = re.compile(r"\((?:[a-z]|[ivx]+|\d+)\)")


def is_qualifier(phrases: Sequence[Phrase]) -> bool:
    """A cell line wholly in brackets, not a figure ("(12.5)") nor an enumerator ("(a)",
    "(iv)"): a qualifier of the text above it ("(provisional)", "(Douwe Egberts)", a units line
    "(Rs. lakh)"), never the start of a label."""
    text = " ".join(p.text for p in phrases).strip()
    return (text.startswith("(") and text.endswith(")") and not is_numeric(text.replace(" ", ""))
            and not _ENUMERATOR.fullmatch(text))


def _starts_apart(upper: Phrase, lower: Phrase, column: int, columns: Sequence[Interval],
                  lines: Sequence[TextLine], settings: TableSettings) -> bool:
    """Two phrases of a column start at different places, each one where another line of the
    column starts too (within align_tolerance): text set flush left at two indents (a state and
    its indented Rural/Urban rows), so the lower starts a cell; the lines of a centred cell
    start wherever their length puts them."""
    tolerance = settings.align_tolerance
    if abs(upper.x0 - lower.x0) <= tolerance:
        return False
    starts = [p.x0 for line in lines for p in _in_column(line, column, columns)]
    return all(sum(1 for x in starts if abs(x - phrase.x0) <= tolerance) >= 2 for phrase in (upper, lower))


def _interleaved(upper: TextLine, lower: TextLine, columns: Sequence[Interval]) -> bool:
    """Two lines filling different columns overlap in height: text set between the lines of
    the other (figures centred between a label's two lines), one row's, since the rows of an
    unpadded table never overlap."""
    shared = filled_columns(upper, columns) & filled_columns(lower, columns)
    return not shared and lower.top < upper.bottom


def _starts_lower(line: TextLine) -> bool:
    """The line's text starts with a lower-case letter: the rest of a sentence or label."""
    return line.phrases[0].text[:1].islower()


def continues_cell(row: Sequence[TextLine], line: TextLine, columns: Sequence[Interval], line_height: float,
                   settings: TableSettings, lines: Sequence[TextLine] = ()) -> bool:
    """`line` goes on with the cells of `row` (its last row, under the table's last line of
    figures): it fills only columns the row fills and no cell surely ends above it
    (cell_boundary: within leading, in the same face and indent, its first word would not have
    fitted on the line above within the column's widest text), whatever it starts with ("... by
    the age of" / "12 months", "... for" / "state plan schemes")."""
    return (not crosses_columns(line, columns)
            and filled_columns(line, columns) <= frozenset().union(*(filled_columns(l, columns) for l in row))
            and not cell_boundary(row[-1], line, columns, line_height, settings, lines))


def anchored_rows(groups: Sequence[Sequence[TextLine]], columns: Sequence[Interval], key: frozenset[int],
                  line_height: float, settings: TableSettings) -> list[list[TextLine]]:
    """Rows of a table of figures (key columns), re-decided around the lines that carry figures.

    A row's figures anchor it: the label lines between two figure lines, carrying none, belong
    to the figure line above (labels wrapped downwards, figures on their first line), to the one
    below (figures on the label's last line, as statistical tables often set them) or are split
    between both (figures centred on the label). Where a cell surely ends (cell_boundary) the
    run is cut there: the part above goes up, the part below goes down, a part ended on both
    sides is a row of its own (a sub-heading). A run with no sure end follows the direction the
    table's other runs show (the majority of runs cut in one place); with none to show it, the
    lines go up, as the line-by-line grouping reads them. Anchors are lines filling every key
    column; next to one without figures (the header's last line) only the part of the run
    running to the figures is decided.
    """
    lines = [line for group in groups for line in group]
    joined = [False] * max(len(lines) - 1, 0)  # joined[i]: lines i and i+1 in one row
    position = 0
    for group in groups:
        for offset in range(len(group) - 1):
            joined[position + offset] = True
        position += len(group)
    anchors = [i for i, line in enumerate(lines)
               if _anchors_row(line, key, columns) or _anchors_between(lines, i, key, columns)]
    headed = _header_anchor(lines, key, columns)
    if headed is not None and headed not in anchors:
        anchors = sorted([*anchors, headed])
    runs = []  # (first anchor, next anchor, cell ends at the boundaries between them)
    for a, b in zip(anchors, anchors[1:]):
        if b - a < 2:
            continue
        ends = [cell_boundary(lines[k], lines[k + 1], columns, line_height, settings, lines) for k in range(a, b)]
        # a line of headings (no figures) is no row's figures: the label lines next to it are
        # not its cells' (a header's own wrapped lines are the header band's, headers.py)
        ends[0] = ends[0] or not _holds_figure(lines[a], key, columns)
        ends[-1] = ends[-1] or not _holds_figure(lines[b], key, columns)
        if _holds_figure(lines[a], key, columns) or _holds_figure(lines[b], key, columns):
            runs.append((a, b, ends))
    votes = {"up": 0, "down": 0, "middle": 0}
    for a, b, ends in runs:
        sure = [k for k, end in enumerate(ends) if end]
        if len(sure) == 1:
            votes["down" if sure[0] == 0 else "up" if sure[0] == len(ends) - 1 else "middle"] += 1
    direction = max(("up", "down", "middle"), key=lambda d: (votes[d], d == "up"))
    for a, b, ends in runs:
        sure = [k for k, end in enumerate(ends) if end]
        if not sure:
            # the direction's cut, or the nearest one not between interleaved lines
            want = {"up": len(ends) - 1, "down": 0, "middle": len(ends) // 2}[direction]
            # a line starting in lower case goes on with the text above ("... motor vehicles" /
            # "and passengers"): a label starts with a capital or a figure, so no cut before it
            free = [k for k in range(len(ends))
                    if not _interleaved(lines[a + k], lines[a + k + 1], columns)
                    and not _starts_lower(lines[a + k + 1])] or [want]
            sure = [min(free, key=lambda k: abs(k - want))]
        # beside a line of headings only the part running to the figure row is decided: the
        # lines under (over) the headings keep the line-by-line grouping, the header band's
        first = 0 if _holds_figure(lines[a], key, columns) else sure[-1]
        last = len(ends) if _holds_figure(lines[b], key, columns) else sure[0] + 1
        for k in range(first, last):
            joined[a + k] = k not in sure
    rows: list[list[TextLine]] = []
    for index, line in enumerate(lines):
        if index and joined[index - 1]:
            rows[-1].append(line)
        else:
            rows.append([line])
    return rows


def subdivided_spans(row: Sequence[TextLine], line: TextLine, columns: Sequence[Interval]) -> list[tuple[int, int]]:
    """The spans (first, last column) of phrases of `row` that `line` subdivides: it sets two or
    more phrases in separate columns under one ("Q1 Q2 Q3 Q4" under "Number delivered per
    quarter"), the row below of a two-row header, which a filled header band or one ruling round
    both rows does not part. One phrase under a span is its wrapped next line ("quarter")."""
    if len(line.phrases) < 2:
        return []  # one phrase subdivides nothing
    spans = {span for above in row for span in line_columns(above, columns)}  # kept on the lines
    placed = line_columns(line, columns)
    return [(a, b) for a, b in spans if b > a
            and sum(1 for first, last in placed if a <= first and last <= b and last - first < b - a) >= 2]


def _ruled_across(upper: float, lower: float, x0: float, x1: float, rules: Sequence[HRule],
                  table: Interval, cover: float = TableSettings.rule_cover) -> bool:
    """A horizontal ruling between heights upper and lower covers `cover` of the table or x0..x1."""
    width = max(table[1] - table[0], 1.0)
    for y, a, b in rules:
        if upper - 1 <= y <= lower + 1 and (
            min(b, table[1]) - max(a, table[0]) >= cover * width or (a - 1 <= x0 and x1 <= b + 1)
        ):
            return True
    return False


def group_by_column_gaps(
    lines: Sequence[TextLine], columns: Sequence[Interval], rules: Sequence[HRule], wrap_gap: float
) -> list[list[TextLine]]:
    """Rows of a padded table, deciding phrase by phrase from the text above it in its columns.

    Consecutive lines can belong to different rows: a header cell spanning two rows runs on into
    the band of the second row ("Annex B:" / "Q1 .. Q4" / "Theme"), and its lines interleave with
    that row's lines. A phrase no further than `wrap_gap` below the text above it in its columns
    continues that text's row (the current row or the one before); a phrase further below text
    of the current row starts a new row; a phrase whose columns are empty in the current row
    (a cell aligned lower, say) is judged by the gap to the line above, as a whole line would be.
    Rows are lists of lines; a line split between rows becomes one line per row.
    """
    table = (columns[0][0], columns[-1][1])
    rows: list[list[TextLine]] = []
    spanning: set[int] = set()
    above: dict[int, tuple[float, int]] = {}  # column -> (bottom of its last text, row index)
    previous: TextLine | None = None
    for line in lines:
        placed = line_columns(line, columns)
        current = len(rows) - 1
        heading = len(line.phrases) == 1 and crosses_columns(line, columns)
        subdividing = subdivided_spans(rows[current], line, columns) if current >= 0 else []
        # each row's phrases of the line, as indexes into its phrases and placings
        if heading or current < 0:
            targets: dict[int, list[int]] = {current + 1: list(range(len(line.phrases)))}
        else:
            targets = {}
            line_gap = line.top - previous.bottom
            for number, (phrase, (first, last)) in enumerate(zip(line.phrases, placed)):
                target = current + 1
                # most phrases sit in one column: its entry, else the latest of their columns'
                last_text = (above.get(first) if first == last
                             else max((above[c] for c in range(first, last + 1) if c in above), default=None))
                if subdividing and any(a <= first and last <= b for a, b in subdividing):
                    pass  # under a spanning cell it subdivides: a row of its own
                elif last_text is not None and last_text[1] >= current - 1 and (
                    last_text[1] == current or phrase.top - last_text[0] <= wrap_gap
                ):
                    bottom, row = last_text
                    if phrase.top - bottom <= wrap_gap and row not in spanning and not (rules and _ruled_across(
                        bottom, phrase.top, phrase.x0, phrase.x1, rules, table
                    )):
                        target = row
                elif (line_gap <= wrap_gap and current not in spanning and not subdividing
                      and not (rules and _ruled_across(previous.bottom, line.top, phrase.x0, phrase.x1, rules, table))):
                    target = current
                targets.setdefault(target, []).append(number)
        for row, numbers in sorted(targets.items()):
            part = line if len(numbers) == len(line.phrases) else TextLine(tuple(line.phrases[n] for n in numbers))
            if row == len(rows):
                rows.append([part])
                if heading:
                    spanning.add(row)  # a heading spanning the table stands alone
            else:
                rows[row].append(part)
            for number in numbers:  # the line's placing of each (line_columns): placed once
                first, last = placed[number]
                bottom = line.phrases[number].bottom
                for c in range(first, last + 1):
                    above[c] = (bottom, row)
        previous = line
    return rows


def _span_centred_over(phrase: Phrase, above: Sequence[tuple[Phrase, int, int]], columns: Sequence[Interval],
                        tolerance: float) -> tuple[int, int] | None:
    """The span (first, last column) of a phrase higher in the row that `phrase` is set centred
    under (their middles within `tolerance`), inside the span's columns: the next line of a
    centred spanning label ("(%)" under a group label over its sub-columns, in the gap between
    them or reaching into one) is that label's cell, not the column it falls nearest."""
    middle = (phrase.x0 + phrase.x1) / 2
    for other, first, last in above:
        if (last > first and abs((other.x0 + other.x1) / 2 - middle) <= tolerance
                and columns[first][0] <= phrase.x0 and phrase.x1 <= columns[last][1]):
            return first, last
    return None


def build_row(lines: Sequence[TextLine], columns: Sequence[Interval], settings: TableSettings = TableSettings()) -> Row:
    """A row's cells: each phrase goes to the first column it overlaps, lines joined top to bottom.

    A cell's text edges, for telling a word cut at the line end from one that filled the line,
    are those of the columns it reaches: the ends of the widest text in them."""
    parts: list[list[list]] = [[] for _ in columns]
    lefts: list[float] = [a for a, _ in columns]
    rights: list[float] = [b for _, b in columns]
    boxes: list[list] = [[] for _ in columns]
    spans: set[tuple[int, int]] = set()
    # the phrases placed so far that span columns: only those can claim a phrase set under them
    spanning_above: list[tuple[Phrase, int, int]] = []
    for line in lines:
        on_line: dict[int, list] = {}
        placed = line_columns(line, columns)
        if spanning_above:
            placed = [_span_centred_over(p, spanning_above, columns, settings.align_tolerance) or place
                      for p, place in zip(line.phrases, placed)]
        spanning_above.extend((p, first, last) for p, (first, last) in zip(line.phrases, placed) if last > first)
        for phrase, (first, last) in zip(line.phrases, placed):
            on_line.setdefault(first, []).extend(phrase.words)
            boxes[first].append(phrase_box(phrase))
            lefts[first] = min(lefts[first], phrase.x0)
            rights[first] = max(rights[first], columns[last][1], phrase.x1)
            if last > first:
                spans.add((first, last))
        for column, words in on_line.items():
            parts[column].append(words)
    cells = tuple(cell_lines_text(p, right, left, settings) for p, right, left in zip(parts, rights, lefts))
    return Row(
        cells=cells,
        boxes=tuple(union_box(b) for b in boxes),
        top=min(line.top for line in lines),
        bottom=max(line.bottom for line in lines),
        bold=all(line.bold for line in lines),
        spans=tuple(sorted(spans)),
        lines=tuple(lines),
        ends=tuple(cell_ends(p, right, left) for p, right, left in zip(parts, rights, lefts)),
    )


def _group_end(body: Sequence[Row], start: int, label: int, stop: int, slack: float) -> int | None:
    """The last row of the group that starts at `start` whose middle is nearest the middle of
    the label on row `label`, looking no further than row `stop`; None when it is further than
    `slack` from it."""
    box = body[label].boxes[0]
    middle = (box[1] + box[3]) / 2
    off = {end: abs((body[start].top + body[end].bottom) / 2 - middle) for end in range(label, stop)}
    end = min(off, key=off.__getitem__, default=None)
    return end if end is not None and off[end] <= slack else None


def centred_group_labels(rows: Sequence[Row], first_body: int, line_height: float,
                         settings: TableSettings = TableSettings()) -> tuple[Row, ...]:
    """Row-group labels centred down their rows moved to each group's first row.

    Statistical tables print a group column ("Persons" / "Males" / "Females" beside each one's
    Total / Rural / Urban rows) with each label once, centred vertically on its rows, as a
    merged cell is: on the middle row's line when the group has an odd number of rows. Read
    line by line, the label lands on the middle row (a label between two rows' lines joins the
    upper one). A first column whose labels each sit at the middle of a run of rows, the runs
    following one another from the first body row down to the last, is such a column: each label goes to its run's first row, as
    a ruled grid reads a merged cell. Each run holds two rows or more (a label beside one row
    is as well set at its top), every body row fills another column (a label alone on its row
    is a sub-heading), and a column whose labels already start their runs is left as it is.
    """
    body = list(rows[first_body:])
    labelled = [i for i, row in enumerate(body) if row.cells and row.cells[0]]
    if (len(labelled) < 2 or any(not any(row.cells[1:]) for row in body)
            or any(first == 0 for row in body for first, _ in row.spans)):
        return tuple(rows)
    slack = settings.centred_slack_em * line_height
    starts, start = [], 0
    for n, label in enumerate(labelled):
        stop = labelled[n + 1] if n + 1 < len(labelled) else len(body)
        end = _group_end(body, start, label, stop, slack) if start <= label else None
        if end is None or end == start:  # a label alone beside its row shows no centring
            return tuple(rows)
        starts.append(start)
        start = end + 1
    if start != len(body):
        return tuple(rows)
    for label, first in zip(labelled, starts):
        if label != first:
            body[first], body[label] = _moved_first_cell(body[label], body[first])
    return (*rows[:first_body], *body)


def _moved_first_cell(source: Row, target: Row) -> tuple[Row, Row]:
    """(target with source's first cell, source with its first cell emptied)."""
    def with_first(row: Row, cell: str, box, end) -> Row:
        ends = (end, *row.ends[1:]) if row.ends else row.ends
        return replace(row, cells=(cell, *row.cells[1:]), boxes=(box, *row.boxes[1:]), ends=ends)

    return (with_first(target, source.cells[0], source.boxes[0], source.end(0)),
            with_first(source, "", None, None))
