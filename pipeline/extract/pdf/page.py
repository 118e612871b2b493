"""One PDF page -> its tables and the lines of text outside them, in reading order.

Ruled tables come from the rulings (ruled.py); the rest of the page is cut into blocks at wide
vertical gaps and at ruled tables, and each block with enough multi-column lines is read as an
unruled table (columns.py, rows.py); every other line is kept as a note.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from statistics import median
from typing import Any, Collection, Sequence

import numpy as np
from pdfplumber.utils.text import WordExtractor

from pipeline.core.model import Box
from pipeline.extract.pdf.columns import (
    coarsening,
    column_bands,
    column_intervals,
    column_strips,
    columns_match,
    crosses_columns,
    figure_separators,
    filled_columns,
    header_over_body,
    joined_spaced_headings,
    line_columns,
    split_at_column_gaps,
    split_at_separators,
    widened_by_overflow,
)
from pipeline.extract.pdf.drawn_glyphs import seen_order
from pipeline.extract.pdf.glyph_columns import GlyphWords, Glyphs, glyph_words, page_glyphs, word_boxes, word_texts
from pipeline.extract.pdf.gutters import side_by_side
from pipeline.extract.pdf.headers import has_numbers, header_rows, is_numeric, spans_from_fills
from pipeline.extract.pdf.layout import (
    TextLine,
    Word,
    make_words,
    median_line_height,
    text_lines,
    word_args,
)
from pipeline.extract.pdf.pieces import Interval, PageNote, PageTable, Row
from pipeline.extract.pdf.rows import (
    HRule,
    build_row,
    centred_group_labels,
    certain_breaks,
    column_wise_gaps,
    continues_cell,
    fits_in_column_text,
    group_rows,
    is_qualifier,
    joined_rules,
    key_columns,
    shading_edges,
    starts_new_row,
    subdivided_spans,
)
from pipeline.extract.pdf.ruled import (
    cell_fills,
    coloured_fills,
    fill_seam_edges,
    find_ruled_tables,
    first_holding_box,
    horizontal_rules,
    is_sparse,
    ruling_edges,
)
from pipeline.extract.pdf.settings import TableSettings

PageItem = PageTable | PageNote


def page_words(page: Any, settings: TableSettings, verticals: Sequence["VRule"] | None = None,
               known_glued: Sequence[float] = ()) -> tuple[list[Word], list["VRule"]]:
    """The page's words, cut at the vertical rulings in `verticals` (the page's own when None)
    and at the edges of figure columns set so close to the next column that their glyphs ran
    into one word (glued_column_edges; `known_glued`: the x of those the page before showed);
    those edges, as rulings, too."""
    glyphs = page_glyphs(page)
    seen = seen_order(glyphs, settings)
    extractor = WordExtractor(x_tolerance=settings.x_tolerance, x_tolerance_ratio=settings.x_tolerance_em or None,
                              y_tolerance=settings.y_tolerance, keep_blank_chars=False, use_text_flow=False,
                              extra_attrs=["fontname", "size"])
    found = glyph_words(glyphs, seen, extractor)
    if verticals is None:
        verticals = vertical_rulings(page, settings) if len(found) else []
    texts = word_texts(glyphs, found, extractor)
    x0s, x1s, tops, bottoms = word_boxes(glyphs, found)
    glued = glued_column_edges(glyphs, found, (x0s, x1s, tops, bottoms), settings, known_glued)
    cutting = [*verticals, *glued]
    crossed = crossed_by_rulings(list(zip(x0s, x1s, tops, bottoms)), cutting)
    members, glyph_x0 = found.members, glyphs.x0[found.members].tolist()
    firsts = members[found.starts].tolist()
    sizes, fonts, upright = glyphs.size[firsts].tolist(), glyphs.font[firsts].tolist(), glyphs.upright[firsts].tolist()
    fontnames = glyphs.fontnames
    args: list[tuple] = []  # make_word's arguments of each word, marked below
    turned: list[tuple[int, float]] = []  # (args index, turn) of each sideways word
    spans = list(zip(found.starts.tolist(), found.ends.tolist()))
    if not any(crossed) and all(upright):  # most pages: the loop below's tuples, zipped at once
        args = [word for word in zip(texts, x0s, x1s, tops, bottoms, sizes, map(fontnames.__getitem__, fonts), upright,
                                     [tuple(glyph_x0[start:end]) for start, end in spans], itertools.repeat(False))
                if word[0].strip()]
        spans = []
    for i, (start, end) in enumerate(spans):
        if crossed[i]:  # the word with its characters, cut where a ruling runs between two
            whole = {"text": texts[i], "x0": x0s[i], "x1": x1s[i], "top": tops[i], "bottom": bottoms[i],
                     "upright": upright[i], "fontname": fontnames[fonts[i]], "size": sizes[i],
                     "chars": glyphs.dicts(members[start:end])}
            args.extend(word_args(w) for w in split_at_rulings(whole, cutting, settings.ruling_gap_min)
                        if w["text"].strip())
        elif texts[i].strip():
            if not upright[i]:
                turned.append((len(args), float(np.sign(glyphs.b[firsts[i]]))))
            args.append((texts[i], x0s[i], x1s[i], tops[i], bottoms[i], sizes[i], fontnames[fonts[i]], upright[i],
                         tuple(glyph_x0[start:end]), False))
    if len(turned) >= settings.turned_heading_min:
        args = with_turned_headings(args, turned, settings)
    text = glyphs.text
    # the space glyphs, in drawing order: the blank ones first (an array the word builder made)
    space = [i for i in seen[glyphs.blank[seen]].tolist() if text[i] == " "]
    spaces = list(zip(glyphs.top[space].tolist(), glyphs.x0[space].tolist(), glyphs.x1[space].tolist()))
    default = settings.default_font_size  # word_size, inline: once a word
    cut, joined = broken_marks([(a[3], a[1], a[2], float(a[5] or (a[4] - a[3]) or default)) for a in args], spaces,
                               settings)
    return make_words(args, cut, joined, settings), glued


def with_turned_headings(args: list[tuple], turned: Sequence[tuple[int, float]],
                         settings: TableSettings) -> list[tuple]:
    """make_word's arguments with the page's turned column headings read as upright words.

    A heading turned a quarter counter-clockwise (turn > 0) reads bottom to top, one clockwise
    top to bottom; each of its lines is a stack of words sharing an x range. Lines set one way
    and aligned (within align_tolerance) on the foot of their cells, else on their head, form a
    row. A line of a row is a heading when it names something (holds a letter: a row of turned
    figures is a chart's scale, "0 500 1.000") and has upright text under the row
    (over_a_column), and the row holds turned_heading_min headings or more. Each heading becomes
    one upright word of its line's text, as wide as the line is thick, on the line where the
    row's longest heading ends, right above the body (the line of an upright heading ending
    there, if one does), so the header band and the columns read it like any heading. Other
    sideways words are left as they are (axis titles, a chart's turned scale, margin labels:
    never table text)."""
    lines: list[list[int]] = []  # args indexes of each turned line
    turn_of: list[float] = []
    for index, turn in sorted(turned, key=lambda item: (item[1], args[item[0]][1])):
        x0, x1 = args[index][1], args[index][2]
        if lines and turn_of[-1] == turn:
            first = args[lines[-1][0]]
            if abs(first[1] - x0) <= settings.align_tolerance and abs(first[2] - x1) <= settings.align_tolerance:
                lines[-1].append(index)
                continue
        lines.append([index])
        turn_of.append(turn)
    for line, turn in zip(lines, turn_of):  # reading order: up the page, or down it
        line.sort(key=lambda i: -args[i][4] if turn > 0 else args[i][3])
    texts = [" ".join(args[i][0] for i in line) for line in lines]
    boxes = [(min(args[i][1] for i in line), max(args[i][2] for i in line), min(args[i][3] for i in line),
              max(args[i][4] for i in line)) for line in lines]
    upright = [a for a in args if a[7]]

    def over_a_column(number: int, foot: float) -> bool:
        """Upright text right under the row's foot (within block_gap_em of the line's thickness,
        across its width and as much again either side): a heading has its column's body below."""
        x0, x1 = boxes[number][:2]
        wide = x1 - x0
        return any(foot - settings.align_tolerance <= a[3] <= foot + settings.block_gap_em * wide
                   and a[1] < x1 + wide and a[2] > x0 - wide for a in upright)

    def rows_aligned(numbers: list[int], edge: int) -> list[list[int]]:
        """`numbers` in rows whose lines share their top (edge 2) or bottom (edge 3)."""
        rows: list[list[int]] = []
        for n in sorted(numbers, key=lambda n: boxes[n][edge]):
            if rows and boxes[n][edge] - boxes[rows[-1][0]][edge] <= settings.align_tolerance:
                rows[-1].append(n)
            else:
                rows.append([n])
        return rows

    replaced: dict[int, tuple | None] = {}
    for turn in sorted(set(turn_of)):
        left = [n for n, t in enumerate(turn_of) if t == turn]
        for edge in (3, 2):  # set on the cells' foot, else hung from their head
            for row in rows_aligned(left, edge):
                foot = max(boxes[n][3] for n in row)
                headings = [n for n in row if any(c.isalpha() for c in texts[n]) and over_a_column(n, foot)]
                if len(headings) < settings.turned_heading_min:
                    continue
                thickness = max(boxes[n][1] - boxes[n][0] for n in headings)
                reach = [(boxes[n][0] - thickness, boxes[n][1] + thickness) for n in headings]
                # an upright heading ending at the row's foot ("District" over the stub): the
                # turned ones share its line; a line with words under the headings is the body's
                body_tops = [a[3] for a in upright if any(a[1] < x1 and a[2] > x0 for x0, x1 in reach)]
                beside = [a for a in upright if a[3] < foot and a[4] > foot - thickness and not any(
                    abs(a[3] - top) <= settings.align_tolerance for top in body_tops)]
                top, bottom = (beside[0][3], beside[0][4]) if beside else (foot - thickness, foot)
                for wrapped in _wrapped_headings(headings, boxes, settings.turned_wrap_gap):
                    # a heading's lines stack left to right when turned counter-clockwise, right
                    # to left when turned clockwise (its next line is under it, read turned)
                    ordered = wrapped if turn > 0 else wrapped[::-1]
                    x0, x1 = boxes[wrapped[0]][0], boxes[wrapped[-1]][1]
                    size = max(boxes[n][1] - boxes[n][0] for n in wrapped)
                    first = args[lines[ordered[0]][0]]
                    replaced[lines[ordered[0]][0]] = (" ".join(texts[n] for n in ordered), x0, x1, top, bottom, size,
                                                      first[6], True, (), False)
                    replaced.update((i, None) for n in wrapped for i in lines[n] if i != lines[ordered[0]][0])
                left = [n for n in left if n not in headings]
    if not replaced:
        return args
    kept = (replaced.get(i, a) for i, a in enumerate(args))
    return [a for a in kept if a is not None]


def _wrapped_headings(headings: Sequence[int], boxes: Sequence[tuple[float, float, float, float]],
                      gap: float) -> list[list[int]]:
    """A row's turned headings (indexes into `boxes`, (x0, x1, top, bottom)) grouped left to
    right into one heading's lines: each next line less than `gap` x its thickness from the last."""
    groups: list[list[int]] = []
    for n in sorted(headings, key=lambda n: boxes[n][0]):
        if groups and boxes[n][0] - boxes[groups[-1][-1]][1] < gap * (boxes[n][1] - boxes[n][0]):
            groups[-1].append(n)
        else:
            groups.append([n])
    return groups


_FIGURE_END = frozenset("0123456789%)")  # the last glyph of a figure ("12,345", "12.5%", "(3.1)")


def glued_column_edges(glyphs: Glyphs, found: GlyphWords,
                       boxes: tuple[list[float], list[float], list[float], list[float]],
                       settings: TableSettings, known: Sequence[float] = ()) -> list["VRule"]:
    """Column edges inside runs of glyphs (the page's words as runs of its glyphs): a figure column
    set right against the next column (a code or flag column, "648765AAA", or another figure
    column, "799,936836,869"), closer than a word gap, runs into one word on every row. Its
    edge shows all the same: on glued_min_lines lines or more, a figure's last glyph ends at one
    x (a column set flush right, within align_tolerance) and the next glyph starts glued_gap_em
    of its size or more after it, further than the word's other glyphs are apart (letters of a
    word are set edge to edge, or all spaced alike when letter-spaced), and no other word
    crosses the strip between those ends and the nearest start (a mark in the figure column,
    "NA" or "..", glued alike, counts with them). Each edge is a ruling (x, top, bottom) down
    the lines that show it: words are cut there, and columns kept apart. At an edge the page
    before showed (`known`, within align_tolerance), one line shows it: a table's last rows on
    a new page may glue one figure to its neighbour only ("80%Demand rising")."""
    members = found.members
    if len(members) < 2:
        return []
    x0, x1 = glyphs.x0[members], glyphs.x1[members]
    size = glyphs.size[members]
    size = np.where(size > 0, size, settings.default_font_size)
    apart = x0[1:] - x1[:-1]  # between each glyph and the next in word order
    inside = np.ones(len(apart), dtype=bool)  # both glyphs of one word
    starts = found.starts
    inside[starts[starts > 0] - 1] = False
    wide = np.flatnonzero(inside & (apart >= settings.glued_gap_em * size[:-1]))
    if not len(wide):  # most pages: letters are set edge to edge
        return []
    order = np.argsort(starts, kind="stable")
    owner = order[np.searchsorted(starts[order], wide, side="right") - 1]
    x0s, x1s, tops, bottoms = boxes
    text = glyphs.text
    gaps = []  # (end of the left glyph, start of the next, top, bottom, word index, a figure's end)
    for k, index in zip(wide.tolist(), owner.tolist()):
        start, end = int(found.starts[index]), int(found.ends[index])
        others = np.delete(apart[start:end - 1], k - start)
        # wider than the word's other gaps by glued_gap_em: letter-spaced type ("1 , 2 0 0")
        # spaces every glyph alike
        usual = max(float(others.min()), 0.0) if len(others) else 0.0
        if apart[k] - usual >= settings.glued_gap_em * size[k]:
            gaps.append((float(x1[k]), float(x0[k + 1]), tops[index], bottoms[index], index,
                         text[members[k]] in _FIGURE_END))
    if sum(1 for gap in gaps if gap[5]) < (1 if len(known) else settings.glued_min_lines):
        return []
    gaps.sort()
    clusters: list[list[tuple]] = [[gaps[0]]]
    for gap in gaps[1:]:
        if gap[0] - clusters[-1][0][0] <= settings.align_tolerance:
            clusters[-1].append(gap)
        else:
            clusters.append([gap])
    left, right, top_of, bottom_of = (np.asarray(column, dtype=float) for column in boxes)
    edges: list[VRule] = []
    for cluster in clusters:
        shown = 1 if any(abs((g[0] + g[1]) / 2 - x) <= settings.align_tolerance for g in cluster for x in known) else \
            settings.glued_min_lines
        if len({round(g[2]) for g in cluster if g[5]}) < shown:
            continue
        lo, hi = max(g[0] for g in cluster), min(g[1] for g in cluster)
        top, bottom = min(g[2] for g in cluster), max(g[3] for g in cluster)
        if hi <= lo:
            continue
        crossing = (left < hi) & (lo < right) & (top_of < bottom) & (top < bottom_of)
        crossing[[g[4] for g in cluster]] = False
        if crossing.any():  # another word runs through the strip: no column edge
            continue
        edges.append(((lo + hi) / 2, top, bottom))
    return edges


VRule = tuple[float, float, float]  # x, top, bottom of a vertical ruling


def vertical_rulings(page: Any, settings: TableSettings) -> list[VRule]:
    """(x, top, bottom) of the page's vertical rulings and gridlines (shading edges left out)."""
    return [(float(e["x0"]), float(e["top"]), float(e["bottom"]))
            for e in ruling_edges(page, settings.ruling_max_thickness) if e["orientation"] == "v"]


def crossed_by_rulings(boxes: Sequence[tuple[float, float, float, float]], verticals: Sequence[VRule]) -> list[bool]:
    """For each word box (x0, x1, top, bottom), whether a vertical ruling runs through it (inside
    its x range, across its middle height): only those can be cut (split_at_rulings asks the same
    of each, word by word; here all pairs at once, the common answer being no)."""
    if not len(boxes) or not verticals:
        return [False] * len(boxes)
    boxes = np.array(boxes, dtype=float)
    rulings = np.array(verticals, dtype=float)
    middle = ((boxes[:, 2] + boxes[:, 3]) / 2)[:, None]
    x = rulings[:, 0]
    through = (rulings[:, 1] <= middle) & (middle <= rulings[:, 2]) & (boxes[:, :1] < x) & (x < boxes[:, 1:2])
    return through.any(axis=1).tolist()


def split_at_rulings(word: dict, verticals: Sequence[VRule], min_gap: float) -> list[dict]:
    """A pdfplumber word (extracted with return_chars) cut wherever a vertical ruling runs
    through a gap of at least min_gap between two of its glyphs: a ruling always separates the
    text on either side, however close (a right-aligned figure ends a point before a
    spreadsheet gridline, the next cell's text starts a point after it, and pdfplumber's
    x_tolerance joins them into one word). A line crossing glyphs set edge to edge (a chart's
    bar drawn under its data label) runs through a word, not between cells."""
    chars = word.get("chars") or []
    middle = (float(word["top"]) + float(word["bottom"])) / 2
    cuts = sorted(x for x, top, bottom in verticals
                  if top <= middle <= bottom and float(word["x0"]) < x < float(word["x1"]))
    if not cuts or len(chars) < 2:
        return [word]
    parts: list[list[dict]] = [[chars[0]]]
    for before, char in zip(chars, chars[1:]):
        end, start = float(before["x1"]), float(char["x0"])
        if start - end >= min_gap and any(end <= x <= start for x in cuts):
            parts.append([])
        parts[-1].append(char)
    if len(parts) == 1:
        return [word]
    return [{**word, "text": "".join(c["text"] for c in part),
             "x0": min(float(c["x0"]) for c in part), "x1": max(float(c["x1"]) for c in part),
             "top": min(float(c["top"]) for c in part), "bottom": max(float(c["bottom"]) for c in part),
             "chars": part, "after_ruling": index > 0} for index, part in enumerate(parts)]


def broken_marks(words: Sequence[tuple[float, float, float, float]], spaces: Sequence[tuple[float, float, float]],
                 settings: TableSettings = TableSettings()) -> tuple[set[int], set[int]]:
    """The indexes of the words (top, x0, x1, size) to mark `broken`, where a line ends without
    its space glyph (inside a word, perhaps), and `space_follows`, where a space glyph joins a
    word to the next (one phrase, however wide the space of a large font).

    Word processors print the space at which a line wraps (a space glyph after the last word)
    when it fits before the edge; when a page shows such line-end spaces, a line-end word without
    one may have been cut because it was wider than its column, and layout.continues_word decides
    from the cell's edges and the next line (it may also have ended a paragraph, or too close to
    the edge for its space). Pages that print no line-end spaces (reportlab) say nothing: no word
    is marked. `spaces` holds the (top, x0, x1) of the page's space glyphs.
    """
    if not spaces or not words:
        return set(), set()  # nothing to tell line ends by, nor spaces joining words
    # All words at once (numpy; the same float operations as word by word). A space glyph is
    # found by its rounded top and rounded doubled x0, the last drawn where two share one.
    top, x0, x1, size = (np.array(column, dtype=float) for column in zip(*words))
    space_top, space_x0, space_x1 = (np.array(column, dtype=float) for column in zip(*spaces))
    keys = _space_keys(np.round(space_top), np.round(space_x0 * 2))
    order = np.argsort(keys, kind="stable")
    keys, ends = keys[order], space_x1[order]
    last = np.append(keys[1:] != keys[:-1], True)
    keys, ends = keys[last], ends[last]
    # where the space glyph printed right after each word ends (NaN: none): looked for a point
    # above or below and half a point left or right, in this order
    word_top, word_end = np.round(top), np.round(x1 * 2)
    # the nine probes of every word at once (a row each, in order); a word takes its first hit
    probes = np.stack([_space_keys(word_top + dt, word_end + dx) for dt in (0, -1, 1) for dx in (0, -1, 1)])
    at = np.minimum(np.searchsorted(keys, probes), len(keys) - 1)
    found = keys[at] == probes
    first = np.argmax(found, axis=0)
    columns = np.arange(len(words))
    space = np.where(found.any(axis=0), ends[at[first, columns]], np.nan)
    ordered = np.lexsort((x0, word_top))  # by rounded top, then x0; stable
    after = np.append(ordered[1:], ordered[0])
    same_line = np.append(word_top[after[:-1]] == word_top[ordered[:-1]], False)
    spaced_word = ~np.isnan(space[ordered])
    start, end_space = x0[after], space[ordered]
    tolerance = settings.align_tolerance
    # the next word on the line starts where the space ends: an ordinary word space
    word_space = same_line & spaced_word & (start <= end_space + tolerance)
    joined = word_space & (start >= end_space - tolerance)
    # a space not printed as a glyph (reportlab): still inside the line
    unprinted = same_line & ~spaced_word & (start - x1[ordered] < settings.unprinted_space_em * size[ordered])
    line_end = ~word_space & ~unprinted
    cut = set(ordered[line_end & ~spaced_word].tolist()) if (line_end & spaced_word).any() else set()
    return cut, set(ordered[joined].tolist())


def _space_keys(top: np.ndarray, x: np.ndarray) -> np.ndarray:
    """One integer per (rounded top, rounded doubled x): broken_marks's lookup key (one per pair
    while the doubled x stays within 2**31 half-points, far beyond any page)."""
    return top.astype(np.int64) * (1 << 32) + x.astype(np.int64)


def split_blocks(lines: Sequence[TextLine], cuts: Sequence[float], settings: TableSettings,
                 rules: Sequence[HRule] = ()) -> list[list[TextLine]]:
    """Lines into blocks: a new block after a vertical gap wider than block_gap_em line heights,
    or where a ruled table (its top at a `cuts` position) lies between two lines. A horizontal
    ruling running under the one line and over the other (`rules`, joined along x: ruled_spans)
    measures the gap on each side of it: browsers and word processors pad text away from a rule
    on both sides (a header ruled off from its body, rows ruled apart), so each side's gap is
    what may be wide."""
    height = median_line_height(lines, settings)
    limit = settings.block_gap_em * height
    spans = ruled_spans(rules, settings.align_tolerance)
    blocks: list[list[TextLine]] = []
    widest = 0.0  # the widest gap inside the block between a table's rows (a line of columns on one side)
    for line in lines:
        if blocks:
            previous = blocks[-1][-1]
            gap = line.top - previous.bottom
            # a gap no wider than one the block already keeps between rows is the table's row
            # pitch (a sheet's rows as tall as block_gap_em lines, some a hair over, some under)
            wide_gap = (gap > limit and gap > widest + settings.align_tolerance
                        and not _ruled_between_near(previous, line, spans, limit, settings.align_tolerance))
            cut = any(previous.bottom <= y <= line.top for y in cuts)
            if not wide_gap and not cut:
                blocks[-1].append(line)
                if len(previous.phrases) >= 2 or len(line.phrases) >= 2:
                    widest = max(widest, gap)
                continue
        blocks.append([line])
        widest = 0.0
    return blocks


def ruled_spans(rules: Sequence[HRule], tolerance: float) -> list[HRule]:
    """Horizontal rulings at one height (within `tolerance`) that touch end to end, joined into
    one: a browser draws a header's rule cell by cell."""
    spans: list[list[float]] = []
    for y, x0, x1 in sorted(rules, key=lambda r: (r[0], r[1])):
        last = next((span for span in reversed(spans) if abs(span[0] - y) <= tolerance and x0 <= span[2] + tolerance),
                    None)
        if last is None:
            spans.append([y, x0, x1])
        else:
            last[2] = max(last[2], x1)
    return [(y, x0, x1) for y, x0, x1 in spans]


def _ruled_between_near(upper: TextLine, lower: TextLine, spans: Sequence[HRule], limit: float,
                        tolerance: float) -> bool:
    """A ruling between the two lines running under all of the one and over all of the other,
    no further than `limit` from either."""
    x0, x1 = min(upper.x0, lower.x0), max(upper.x1, lower.x1)
    return any(upper.bottom <= y <= lower.top and y - upper.bottom <= limit and lower.top - y <= limit
               and a <= x0 + tolerance and x1 - tolerance <= b for y, a, b in spans)


def _crosses_gap(line: TextLine, above: TextLine) -> bool:
    """The line's text runs across a gap between two phrases (columns) of `above`."""
    return any(line.x0 < a.x1 and line.x1 > b.x0 for a, b in zip(above.phrases, above.phrases[1:]))


def _paragraph_end(lines: Sequence[TextLine], start: int, above: TextLine, settings: TableSettings) -> int:
    """The end (exclusive) of the paragraph of running text from `start`, or `start` when there
    is none: two or more one-phrase lines starting at the same x that run across a column gap of
    `above` (the nearest multi-column line above; a wrapped cell stays inside its column, a
    spanning row is one line), and the paragraph's short last line."""
    end = start
    while (end < len(lines) and len(lines[end].phrases) == 1
           and abs(lines[end].x0 - lines[start].x0) <= settings.align_tolerance):
        end += 1
        if not _crosses_gap(lines[end - 1], above):
            break  # a short line ends the paragraph
    wide = sum(1 for line in lines[start:end] if _crosses_gap(line, above))
    return end if wide >= 2 else start


def split_at_paragraphs(lines: Sequence[TextLine], settings: TableSettings) -> list[list[TextLine]]:
    """A block cut around paragraphs of running text (two or more lines, wider than the columns
    above), so that a table above and a table below, or the lines above a table, are not read as
    one table: a wide gap does not always part them (report text, a small table, the annex).
    Two parts with the same columns stay one (a theme heading wrapped over two lines)."""
    parts: list[list[TextLine]] = [[]]
    index = 0
    above: TextLine | None = None
    while index < len(lines):
        line = lines[index]
        end = _paragraph_end(lines, index, above, settings) if above is not None else index
        if end - index >= 2:
            parts.extend([list(lines[index:end]), []])
            above = None
            index = end
            continue
        parts[-1].append(line)
        if len(line.phrases) >= 2:
            above = line
        index += 1
    return _rejoin([p for p in parts if p], settings)


def _has_multi(lines: Sequence[TextLine]) -> bool:
    return any(len(line.phrases) >= 2 for line in lines)


def _columns_of(lines: Sequence[TextLine], settings: TableSettings) -> tuple[Interval, ...]:
    size = median([w.size for line in lines for w in line.words])
    return column_intervals([line for line in lines if len(line.phrases) >= 2], settings.column_gap(size),
                            align_tolerance=settings.align_tolerance)


def _rejoin(parts: list[list[TextLine]], settings: TableSettings) -> list[list[TextLine]]:
    """Parts around a paragraph joined again when the parts before and after show the same columns."""
    out: list[list[TextLine]] = []
    for part in parts:
        if len(out) >= 2 and _has_multi(out[-2]) and _has_multi(part) and not _has_multi(out[-1]):
            mine, theirs = _columns_of(part, settings), _columns_of(out[-2], settings)
            if len(mine) >= 2 and columns_match(mine, theirs, settings.column_overlap):
                paragraph = out.pop()
                out[-1].extend(paragraph + part)
                continue
        out.append(list(part))
    return out


def typical_row_gap(lines: Sequence[TextLine], columns: Sequence[Interval],
                    settings: TableSettings = TableSettings(), key: frozenset[int] | None = None,
                    certain: Sequence[bool] | None = None) -> float | None:
    """The median gap above lines that certainly start a row (rows.is_certain_break); None when
    the block shows none. `key`: the lines' key_columns, `certain` their rows.certain_breaks on
    it, when the caller has them."""
    if certain is None:
        certain = certain_breaks(lines, columns, key_columns(lines, columns, settings) if key is None else key)
    gaps = [b.top - a.bottom for a, b, sure in zip(lines, lines[1:], certain) if sure]
    if gaps:
        return median(gaps)
    # only overlapping lines where rows change (a header alone on its page): the gaps under the
    # text above in the same columns show leading and row gaps
    height = median_line_height(lines, settings)
    column_gaps = [g for g in column_wise_gaps(lines, columns) if 0 <= g <= settings.column_gap_lines * height]
    breaks = [g for g in column_gaps if g - min(column_gaps) >= settings.row_padding_em * height]
    return median(breaks) if breaks else None


def is_first_column_row(line: TextLine, gap: float, columns: Sequence[Interval],
                        row_gap: float | None, line_height: float, settings: TableSettings) -> bool:
    """A line that is a one-cell row of the table although no other column is filled: one phrase
    starting at the first column's left edge, `gap` (to the table's next line) no wider than a
    row gap (a note under a table is set apart by paragraph spacing or indented differently)."""
    if row_gap is None or len(line.phrases) != 1:
        return False
    slack = settings.edge_slack_em * line_height
    return abs(line.x0 - columns[0][0]) <= slack and gap <= row_gap + slack


# "Table 4: ...", "Figure 3.7 Days missed", "Chart 2.", "Table 8.14 - Own brands" (the number
# followed by a colon, a full stop, a dash, a capital or nothing: "Map 3 - heritage sites" is an
# activity, not a caption)
_CAPTION = re.compile(r"(?:[Tt]able|TABLE|[Ff]igure|FIGURE|Fig\.|[Cc]hart|[Gg]raph|[Ee]xhibit)\s+"
                      r"[A-Za-z]?\d+(?:\.\d+)*[a-z]?(?:\s*[:.]|\s+[-\u2013\u2014]\s|\s+[A-Z]|$)")


def is_caption(line: TextLine) -> bool:
    """A table's or figure's caption ('Table 4: Employment rates', 'Figure 3.7 Days missed'),
    one or two phrases: a title, never a row of the table above or below it."""
    return len(line.phrases) <= 2 and bool(_CAPTION.match(line.phrases[0].text))


# what a table's footnote starts with: a reference mark ("*", "†", "1 ", "(a)", "2)") or a word
# that names it ("Note:", "Notes", "NB", "Source:", "Sources")
_FOOTNOTE = re.compile(r"(?:[*\u2020\u2021\u00a7\u00b9\u00b2\u00b3]|\(?(?:\d{1,2}|[a-z])\)\s|\d{1,2}\s+[A-Za-z]"
                       r"|(?:Notes?|NOTES?|NB|N\.B\.|Sources?|SOURCES?)\b)")


# a line that names the table's notes
_NOTE_NAME = re.compile(r"(?:Notes?|NOTES?|NB|N\.B\.|Sources?|SOURCES?)\b")


# a footnote's mark set apart from its text (a tab after it): a sign or a naming word, or a
# number or letter ("1", "(a)", "2)") when the table's own first cells are not numbered so
_FOOTNOTE_SIGN = re.compile(r"[*\u2020\u2021\u00a7\u00b9\u00b2\u00b3]+|(?:Notes?|NOTES?|NB|N\.B\.|Sources?|SOURCES?):?")
_FOOTNOTE_NUMBER = re.compile(r"\(?(?:\d{1,2}|[a-z])[).]?")


def is_footnote(line: TextLine, labels: Sequence[str] = ()) -> bool:
    """A footnote line under a table ('* Provisional', '1 Data for 2023', 'Source: ONS',
    'Note: ...'): one of the table's notes, never one of its rows. One phrase, or its mark set
    apart from text that holds no figure; a mark that is a number or letter only when none of
    the table's first cells (`labels`) is one (a numbered table's last row is a row)."""
    first = line.phrases[0].text
    if len(line.phrases) == 1:
        return bool(_FOOTNOTE.match(first))
    if any(p.numeric for p in line.phrases[1:]):
        return False
    if _FOOTNOTE_SIGN.fullmatch(first):
        return True
    return bool(_FOOTNOTE_NUMBER.fullmatch(first)) and not any(_FOOTNOTE_NUMBER.fullmatch(t) for t in labels)


def is_heading(line: TextLine, size: float, settings: TableSettings = TableSettings()) -> bool:
    """A heading set among the lines: one phrase, bold, in a font a tenth or more larger than
    `size` (the text around it): the title of the table below, never one of its rows (a theme
    row of a table is set in the table's own size)."""
    return (len(line.phrases) == 1 and line.bold
            and min(w.size for w in line.words) >= settings.heading_size_ratio * size)


def split_at_captions(lines: Sequence[TextLine], settings: TableSettings = TableSettings()) -> list[list[TextLine]]:
    """Lines cut into runs around caption lines, each caption a run of its own, and before
    heading lines (is_heading), each heading the first line of the run below it, as the title
    above a table is."""
    runs: list[list[TextLine]] = [[]]
    size = median([w.size for line in lines for w in line.words]) if lines else 0.0
    for line in lines:
        if is_caption(line):
            runs.extend([[line], []])
        elif is_heading(line, size, settings):
            runs.append([line])
        else:
            runs[-1].append(line)
    return [run for run in runs if run]


def continues_under_sub_heading(above: Sequence[TextLine], run: Sequence[TextLine], settings: TableSettings) -> bool:
    """`run` starts with a heading (is_heading) that is a sub-heading row of the table in `above`,
    not the title of another table: the heading starts at the left edge of the table's first
    column, the line under it is a row filling that column and another, and the columns of the
    lines under it are the table's columns ("Region North" over more rows of the same figures)."""
    if len(run) < 2 or len(run[1].phrases) < 2 or not _has_multi(above):
        return False
    return _heads_the_columns_of(above, run[0], run[1:], settings)


def _heads_the_columns_of(above: Sequence[TextLine], heading: TextLine, under: Sequence[TextLine],
                          settings: TableSettings) -> bool:
    """`heading` starts at the left edge of the first column of the table in `above`, and the
    lines `under` it are set in that table's columns, the first of them filling its first column."""
    columns = _columns_of(above, settings)
    if len(columns) < 2 or not columns_match(_columns_of(under, settings), columns, settings.column_overlap):
        return False
    slack = settings.edge_slack_em * median_line_height(above, settings)
    return abs(heading.x0 - columns[0][0]) <= slack and 0 in filled_columns(under[0], columns)


def join_sub_headings(runs: Sequence[list[TextLine]], settings: TableSettings) -> list[list[TextLine]]:
    """Runs cut before a heading joined again where the heading is a sub-heading row inside a
    table whose columns continue below it (continues_under_sub_heading): the table stays whole
    and the sub-heading is one of its rows."""
    out: list[list[TextLine]] = []
    for run in runs:
        if out and not is_caption(run[0]) and continues_under_sub_heading(out[-1], run, settings):
            out[-1] = [*out[-1], *run]
        else:
            out.append(list(run))
    return out


def _holds_figure(line: TextLine) -> bool:
    return any(p.numeric for p in line.phrases)


def is_sub_heading_block(above: Sequence[TextLine], block: Sequence[TextLine], settings: TableSettings) -> bool:
    """`block`, set apart from `above` by a wide gap, goes on with the table that ends `above`
    under a sub-heading: its first line is one phrase at the left edge of the table's first
    column (not a caption or footnote), the line under it a row of figures filling that column
    too, and its columns are the table's (`above` ends with a line of the table's columns: a
    table followed by its notes does not go on). A table after a title starts with its header.""" 
    if len(block) < 2 or len(block[0].phrases) != 1 or len(block[1].phrases) < 2 or len(above[-1].phrases) < 2:
        return False
    if is_caption(block[0]) or is_footnote(block[0]) or not _holds_figure(block[1]):
        return False
    return _heads_the_columns_of(above, block[0], block[1:], settings)


def join_padded_rows(blocks: Sequence[list[TextLine]], cuts: Sequence[float],
                     settings: TableSettings) -> list[list[TextLine]]:
    """Runs of blocks that are a table's rows padded further apart than block_gap_em lines (a
    browser's table with wide cell padding and no rules) joined into one block: at least
    padded_rows_min_blocks blocks, each starting with a line of two phrases or more in the
    columns of the run's first block (every phrase of the shorter line starting or ending where
    one of the other does), the gaps between them equal within align_tolerance (the padding
    below one row's text and above the next's is the same whatever the rows hold), no ruled
    table (its top at a `cuts` position) between them."""
    def gap(k: int) -> float:
        return blocks[k + 1][0].top - blocks[k][-1].bottom

    out: list[list[TextLine]] = []
    start = 0
    while start < len(blocks):
        end = start + 1
        while (end < len(blocks) and _rows_alike(blocks[start][0], blocks[end][0], settings.align_tolerance)
               and abs(gap(end - 1) - gap(start)) <= settings.align_tolerance
               and not any(blocks[end - 1][-1].bottom <= y <= blocks[end][0].top for y in cuts)):
            end += 1
        if end - start >= settings.padded_rows_min_blocks:
            out.append([line for block in blocks[start:end] for line in block])
        else:
            out.extend(list(block) for block in blocks[start:end])
        start = end
    return out


def _rows_alike(first: TextLine, line: TextLine, tolerance: float) -> bool:
    """Two lines of two phrases or more set in the same columns: every phrase of the one with
    fewer starts or ends where a phrase of the other does."""
    if len(first.phrases) < 2 or len(line.phrases) < 2:
        return False
    fewer, more = sorted((first, line), key=lambda l: len(l.phrases))
    return all(any(abs(p.x0 - q.x0) <= tolerance or abs(p.x1 - q.x1) <= tolerance for q in more.phrases)
               for p in fewer.phrases)


def join_sub_heading_blocks(blocks: Sequence[list[TextLine]], cuts: Sequence[float],
                            settings: TableSettings) -> list[list[TextLine]]:
    """Blocks cut at the wide gap above a sub-heading joined again (is_sub_heading_block), unless
    a ruled table lies between them (its top at a `cuts` position)."""
    out: list[list[TextLine]] = []
    for block in blocks:
        if (out and not any(out[-1][-1].bottom <= y <= block[0].top for y in cuts)
                and is_sub_heading_block(out[-1], block, settings)):
            out[-1] = [*out[-1], *block]
        else:
            out.append(list(block))
    return out


def crossing_share(lines: Sequence[TextLine], columns: Sequence[Interval]) -> float:
    """How much of the lines is running text: one-phrase lines that run across a gap between
    the columns, as a share of those and the lines with two or more phrases. In a table the
    lines keep to their columns (a wrapped cell stays inside its column; a spanning row is
    rare); in prose set in two columns, or with a wide space here and there, most lines cross
    the would-be gap."""
    multi = sum(1 for line in lines if len(line.phrases) >= 2)
    crossing = sum(1 for line in lines if len(line.phrases) == 1 and crosses_columns(line, columns))
    return crossing / max(crossing + multi, 1)


def is_running_text(lines: Sequence[TextLine], columns: Sequence[Interval],
                    settings: TableSettings = TableSettings()) -> bool:
    """Enough one-phrase lines cross a column gap to make the lines prose on that count alone."""
    return settings.prose_weight_crossing * crossing_share(lines, columns) >= settings.prose_threshold


def figure_share(lines: Sequence[TextLine]) -> float:
    """The share of the lines' phrases that are figures (numbers, percentages, amounts)."""
    phrases = [p for line in lines for p in line.phrases]
    return sum(1 for p in phrases if p.numeric) / max(len(phrases), 1)


def prose_score(lines: Sequence[TextLine], columns: Sequence[Interval], settings: TableSettings) -> float:
    """How much a block with columns looks like prose rather than a table: one score from named
    features, each weighted by a TableSettings field (prose_weight_*):
    - crossing: crossing_share, one-phrase lines running across a column gap;
    - list: 1 when the first column holds nothing but list markers (is_list);
    - justified: 1 when the text is set in justified columns (is_justified_columns);
    - running: 1 when the columns are prose set side by side, wrapping each on its own
      (is_running_columns), ragged or justified;
    - figures: figure_share, phrases that are figures (tables hold figures; prose rarely has a
      whole phrase that is one), counted against prose.
    The block is prose when the score reaches settings.prose_threshold."""
    return (settings.prose_weight_crossing * crossing_share(lines, columns)
            + settings.prose_weight_list * is_list(lines, columns)
            + settings.prose_weight_justified * is_justified_columns(lines, settings)
            + settings.prose_weight_running * is_running_columns(lines, columns, settings)
            - settings.prose_weight_figures * figure_share(lines))


def is_running_columns(lines: Sequence[TextLine], columns: Sequence[Interval], settings: TableSettings) -> bool:
    """Prose set in columns side by side (a report's text in two columns, ragged or justified):
    in every column most lines are runs of words (running_line_words or more), and the columns
    wrap each on its own: on running_apart_lines lines or more, one column starts a new line of
    text where its first word would have fitted on the line above (a paragraph ended there)
    while another goes on with a line wrapped from the line above (its first word would not
    have fitted). A table's rows start in every column on one line, its cells set from the top."""
    words: list[list[int]] = [[] for _ in columns]
    for line in lines:
        for phrase, (first, _) in zip(line.phrases, line_columns(line, columns)):
            words[first].append(len(phrase.words))
    if any(2 * sum(1 for n in counts if n >= settings.running_line_words) < len(counts) or not counts
           for counts in words):
        return False
    apart = 0
    for above, line in zip(lines, lines[1:]):
        filled = filled_columns(above, columns) & filled_columns(line, columns)
        fits = {fits_in_column_text(above, line, column, columns, settings) for column in filled}
        apart += fits == {True, False}
    return apart >= settings.running_apart_lines


def is_justified_columns(lines: Sequence[TextLine], settings: TableSettings = TableSettings()) -> bool:
    """Text set in justified columns (a two-column report page whose lines sit side by side):
    in every column most phrases are runs of words that start at its left edge (or a paragraph's
    indent from it) and end at its right edge, the lines that end a sentence short (the last
    lines of paragraphs) left out of the count. Table cells are set ragged (left-aligned text)
    or flush right (numbers), not both, and a cell's text rarely fills its column line after line."""
    # the text's own bands (every phrase of the lines of two or more): a stretched line of few
    # words inside the columns must not make columns of its own here
    bands: list[list[float]] = []
    for x0, x1 in sorted((p.x0, p.x1) for line in lines if len(line.phrases) >= 2 for p in line.phrases):
        if bands and x0 <= bands[-1][1] + settings.align_tolerance:
            bands[-1][1] = max(bands[-1][1], x1)
        else:
            bands.append([x0, x1])
    if len(bands) < 2:
        return False
    for left, right in bands:
        # a line's text in the column, however its spaces split it (a justified line of few
        # words stretches them past any column gap)
        parts = [[p for p in line.phrases if p.x0 >= left - settings.align_tolerance
                  and p.x1 <= right + settings.align_tolerance] for line in lines]
        parts = [part for part in parts if part]
        edge = settings.justified_edge
        full = [part for part in parts if right - part[-1].x1 <= edge
                and part[0].x0 - left <= max(edge, settings.justified_indent_em * part[0].words[0].size)
                and sum(len(p.words) for p in part) >= settings.justified_min_words]
        # a paragraph's last line is set short and ends its sentence: it says nothing either way
        counted = [part for part in parts if not _ends_sentence(part[-1].text) or part in full]
        if len(full) < settings.justified_min_lines or len(full) < settings.justified_share * len(counted):
            return False
    return True


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", ":", ";", "!", "?", ".)", '."', ".\u201d"))


_BULLET = re.compile(r"[\u2022\u25cf\u25e6\u25aa\u25a0\u2023\u2043\u2013\u2014\u00b7\uf0b7\uf0a7*o-]+")
_ENUMERATOR = re.compile(r"\(?([0-9]{1,2}(\.[0-9]{1,2})*|[a-z]|[ivx]{1,4})[.)]?")


def is_list(lines: Sequence[TextLine], columns: Sequence[Interval]) -> bool:
    """A bulleted or numbered list, not a table: the first column holds nothing but list markers
    (bullets, or enumerators such as '1.', '(a)', '3.2.1' beside one column of text)."""
    first_column = [line.phrases[0].text for line in lines if line.phrases and line.phrases[0].x1 <= columns[0][1] + 1]
    if not first_column:
        return False
    if all(_BULLET.fullmatch(text.replace(" ", "")) for text in first_column):
        return True
    return len(columns) == 2 and all(_ENUMERATOR.fullmatch(text) for text in first_column)


def in_ruled_band(line: TextLine, below: TextLine, rules: Sequence[HRule], columns: Sequence[Interval],
                  line_height: float, cover: float = TableSettings.rule_cover) -> bool:
    """A one-phrase line set between two horizontal rulings that run across the table, the
    lower one between it and the table's next line: a row of the table (a theme row opening a
    page of a table ruled horizontally), wherever it starts."""
    if len(line.phrases) != 1:
        return False
    width = columns[-1][1] - columns[0][0]

    def across(y0: float, y1: float) -> bool:
        return any(y0 <= y <= y1 and min(b, columns[-1][1]) - max(a, columns[0][0]) >= cover * width
                   for y, a, b in rules)

    return across(line.top - line_height, line.top) and across(line.bottom, below.top)


def separators_over(lines: Sequence[TextLine], verticals: Sequence[VRule], settings: TableSettings) -> list[float]:
    """The x of the vertical rulings that run down beside the lines through at least
    settings.separator_cover of their height (a ruling round one cell separates nothing for
    the other rows)."""
    if not lines or not verticals:
        return []
    top, bottom = lines[0].top, lines[-1].bottom
    return [x for x, a, b in verticals if min(b, bottom) - max(a, top) >= settings.separator_cover * (bottom - top)]


def header_band_above(lines: Sequence[TextLine], first: int, columns: Sequence[Interval],
                      line_height: float, settings: TableSettings, row_gap: float | None = None) -> int:
    """How many lines right above lines[first] (the table's first multi-column line) belong to
    its header band. A header is a band whose cells may wrap over several lines and sit at its
    bottom, and may span columns: a long label starts lines above the others ("Link to" /
    "business" / "plan" beside "Activity"), a label spanning the quarters stands over them.
    Such a line is one phrase, set in the face and size of the first line, clear of the first
    column (a title or caption starts at the table's left), and either inside one column no
    further above the next line than leading (settings.wrap_gap_em line heights), or spanning
    columns that the next line fills with two or more cells under it, no further above it than
    leading or a row gap (`row_gap`: a spanning cell is a header row of its own, padded like
    the table's rows), or centred over columns that the next line fills (_centred_label, up to
    centred_label_gap_lines line heights above it), or set a leading above a phrase centred
    under it (_stacked: a group label over its units line). A units line in brackets centred
    over columns joins the band in any face."""
    face = {(w.bold, round(w.size)) for w in lines[first].words}
    slack = settings.edge_slack_em * line_height
    count = 0
    while first - count > 0:
        line, below = lines[first - count - 1], lines[first - count]
        gap = below.top - line.bottom
        if len(line.phrases) != 1:
            break
        leading = gap <= settings.wrap_gap_em * line_height
        # a label centred over columns that the line under it fills is a header row of its own,
        # a row gap above it or up to centred_label_gap_lines line heights
        centred = (gap <= max(row_gap or 0.0, settings.centred_label_gap_lines * line_height) + slack
                   and _centred_label(line, below, columns, settings.align_tolerance))
        # a units line in brackets centred under a group label, over its columns, belongs to
        # the header whatever its face
        if not ({(w.bold, round(w.size)) for w in line.words} <= face or (centred and is_qualifier(line.phrases))):
            break
        if 0 in filled_columns(line, columns):
            break  # a title or caption starts at the table's left
        if crosses_columns(line, columns):
            spanning = subdivided_spans([line], below, columns) and (
                leading or (row_gap is not None and gap <= row_gap + slack))
            if not (spanning or centred or (leading and _stacked(line, below, settings.align_tolerance))):
                break
        elif not (leading or centred):
            break
        count += 1
    return count


def _stacked(line: TextLine, below: TextLine, tolerance: float) -> bool:
    """`below` is one phrase set centred under the line's one phrase (middles within
    `tolerance`): the same centred cell's next line (a units line under a group label)."""
    return len(line.phrases) == 1 and len(below.phrases) == 1 and abs(line.x0 + line.x1 - below.x0 - below.x1) <= 2 * tolerance


def _centred_label(line: TextLine, below: TextLine, columns: Sequence[Interval], tolerance: float) -> bool:
    """The line's one phrase is centred (within `tolerance`) over a run of columns, not the
    first, two or more of which `below` fills: a label over them, though it stands inside one
    column or gap ("Employment" over "2010" and "2011", each centred over its sub-columns)."""
    centre = (line.x0 + line.x1) / 2
    filled = filled_columns(below, columns)
    return any(len(filled & set(range(start, end + 1))) >= 2
               and abs((columns[start][0] + columns[end][1]) / 2 - centre) <= tolerance
               for start in range(1, len(columns)) for end in range(start + 1, len(columns)))


def is_column_fragment_row(line: TextLine, gap: float, columns: Sequence[Interval],
                           row_gap: float | None, line_height: float, settings: TableSettings) -> bool:
    """A line right above a table that is a row whose first cell is empty (the rest of a row
    broken over the page, or a row with nothing in its first column): one phrase inside one
    column other than the first, aligned with that column's text (starting at its left edge or
    ending at its right edge: a title centred above a table is aligned with no column), no
    further above the table than a row gap."""
    if row_gap is None or len(line.phrases) != 1 or crosses_columns(line, columns):
        return False
    (column,) = filled_columns(line, columns)
    slack = settings.edge_slack_em * line_height
    left, right = columns[column]
    aligned = abs(line.x0 - left) <= slack or abs(line.x1 - right) <= slack
    return column > 0 and aligned and gap <= row_gap + slack


def _grid(lines: Sequence[TextLine], first: int, last: int, columns: Sequence[Interval], rules: Sequence[HRule],
          settings: TableSettings, weak: bool, shading: Sequence[HRule] = ()) -> tuple[int, int, list[list[TextLine]]]:
    """The table's rows on `columns`: lines[first..last] (its first and last multi-column
    lines) grouped into rows, with the header band above, one-cell rows right above and below
    and the last row's wrapped lines; (index of its first line, end index, row groups)."""
    height = median_line_height(lines, settings)
    keys: dict[tuple[int, int], frozenset[int]] = {}

    def key_of(start: int, stop: int) -> frozenset[int]:
        """key_columns of lines[start:stop], each run of lines worked out once (often the table's
        lines are the whole block)."""
        if (start, stop) not in keys:
            keys[start, stop] = key_columns(lines[start:stop], columns, settings)
        return keys[start, stop]

    # the certain row breaks of the block's lines, worked out once: the typical row gap and the
    # padding are measured on them (on the table's lines alone, a run of the same pairs, when
    # their key columns are the block's)
    block_key = key_of(0, len(lines))
    certain = certain_breaks(lines, columns, block_key)
    row_gap = typical_row_gap(lines, columns, settings, block_key, certain)
    # a weak piece shows its row gaps only around its multi-column line; a table's own lines
    # say more than a title's spacing above it
    table_key = key_of(first, last + 1)
    padding_facts = ((block_key, certain) if weak
                     else (table_key, certain[first:last]) if table_key == block_key else None)
    groups, padded = group_rows(lines[first : last + 1], columns, rules, height, settings, lines if weak else (),
                                table_key, shading, padding_facts)
    band = header_band_above(lines, first, columns, height, settings, row_gap)
    for index in reversed(range(first - band, first)):
        line, below = lines[index], lines[index + 1]
        leading = below.top - line.bottom <= settings.wrap_gap_em * height
        if leading and index + 1 < first and _stacked(line, below, settings.align_tolerance):
            groups[0].insert(0, line)  # a centred cell's upper line: the cell of the row below
        elif crosses_columns(line, columns) or (not leading and _centred_label(line, below, columns,
                                                                                settings.align_tolerance)):
            # a label spanning the columns under it, or centred over them a row gap above: a
            # header row above
            groups.insert(0, [line])
        else:
            groups[0].insert(0, line)  # the first row's cell, wrapped upwards (set at the bottom)
    first -= band
    while first > 0 and ((is_first_column_row(lines[first - 1], lines[first].top - lines[first - 1].bottom,
                                              columns, row_gap, height, settings)
                          # above the table, a line running across its columns is a title or
                          # prose set as far apart as its rows (word processors space both)
                          and not crosses_columns(lines[first - 1], columns))
                         or is_column_fragment_row(lines[first - 1], lines[first].top - lines[first - 1].bottom,
                                                   columns, row_gap, height, settings)
                         or in_ruled_band(lines[first - 1], lines[first], rules, columns, height, settings.rule_cover)):
        first -= 1  # a one-cell row right above (the totals caption at the top of a page)
        groups.insert(0, [lines[first]])
    end = last + 1
    key = key_of(first, last + 1)
    labels = [line.phrases[0].text for line in lines[first : last + 1] if len(line.phrases) >= 2]
    sizes: set[int] | None = None  # the type sizes of the table's multi-column lines, read when first asked
    while end < len(lines):
        line = lines[end]
        if key and padded is None and continues_cell(groups[-1], line, columns, height, settings, lines[first:end]):
            groups[-1].append(line)  # the last row's label wrapped below its figures
        elif is_footnote(line, labels):
            break  # the table's notes start: kept as notes of the table (merge.group_items)
        elif not starts_new_row(groups[-1], line, columns, height, settings, padded, key):
            groups[-1].append(line)  # the last row's wrapped cells run below the last multi-column line
        elif is_first_column_row(line, line.top - lines[end - 1].bottom, columns, row_gap, height, settings):
            if sizes is None:
                sizes = {round(w.size) for table_line in lines[first : last + 1] if len(table_line.phrases) >= 2
                         for w in table_line.words}
            if not {round(w.size) for w in line.words} & sizes:
                break
            # a one-cell row under the table ("Up to 3 more ..." / "TOTALS"), in the table's
            # type size: a line in another size (a test statistic, a note) is the table's note
            groups.append([line])
        else:
            break
        end += 1
    return first, end, groups


def _whole_header_lines(parts: Sequence[TextLine], lines: Sequence[TextLine]) -> list[TextLine]:
    """The header band's lines whole, top to bottom: rows of a padded table split a line between
    them (rows.group_by_column_gaps: the quarter labels' line, its last label joined to the
    row of a label over two rows), and a label alone on its piece would not be placed; the
    pieces as they are when any of their lines also holds text outside the header."""
    held = {id(p) for line in parts for p in line.phrases}
    whole = [line for line in lines if any(id(p) in held for p in line.phrases)]
    if all(id(p) in held for line in whole for p in line.phrases):
        return whole
    return list(parts)


def body_led_columns(groups: Sequence[Sequence[TextLine]], rows: Sequence[Row], columns: Sequence[Interval],
                     size: float, settings: TableSettings, rulings: Sequence[float] = (),
                     lines: Sequence[TextLine] = ()) -> tuple[tuple[Interval, ...], tuple[Interval, ...], int] | None:
    """The table's columns taken from its body, its header band placed on them
    (columns.header_over_body), once `columns` (from all its lines) have shown which rows are
    the header (headers.header_rows of `rows`, the groups built on `columns`), the body's own
    columns (where the table's lines are cut, split_at_column_gaps) and how many lines the
    header band has (its lines are cut as headings too); None when the body has too few
    multi-column lines (body_columns_min_lines) or columns to say. `lines`: the table's lines,
    of which the groups are made (the header's lines are taken whole from them)."""
    count = header_rows(rows, settings.max_header_rows, settings.align_tolerance)
    body = [line for group in groups[count:] for line in group]
    if not count or sum(1 for line in body if len(line.phrases) >= 2) < settings.body_columns_min_lines:
        return None
    gap = settings.column_gap(size)
    sure = settings.column_gap_sure_em * size
    bands = column_bands(body, gap, rulings, settings.align_tolerance, sure)  # column_intervals, with each band's lines
    body_columns = tuple((a, b) for a, b, _ in bands)
    if len(body_columns) < 2:
        return None
    header = [joined_spaced_headings(split_at_column_gaps(line, body_columns, gap, settings.align_tolerance, headings=True),
                                     body_columns, settings.heading_space_ratio, rulings)
              for line in _whole_header_lines([line for group in groups[:count] for line in group], lines)]
    placed = widened_by_overflow(header_over_body(header, body, gap, rulings, settings.align_tolerance, sure, bands),
                                 body, gap)
    return placed, body_columns, len(header)


def read_block(page: int, lines: Sequence[TextLine], rules: Sequence[HRule], settings: TableSettings,
               verticals: Sequence[VRule] = (), fills: Sequence[Box] = (), shading: Sequence[HRule] = ()
               ) -> list[PageItem]:
    """A block of lines as an unruled table with the notes above and below it, or as notes.

    A block with fewer than min_table_lines multi-column lines (but one at least) is a weak
    table: merge keeps it only as the continuation of a table on the page before.
    """
    separators = figure_separators(lines, settings.min_table_lines)
    # a strip kept empty between runs of figures down the lines separates columns however
    # narrow: a ruling no one drew
    strips = column_strips(lines, separators, settings.align_tolerance)
    lines = [split_at_separators(line, separators) for line in lines]
    multi = [i for i, line in enumerate(lines) if len(line.phrases) >= 2]
    notes = [PageNote(page, line) for line in lines]
    # footnotes whose mark is set apart from their text end the table, not its columns
    while len(multi) > 1 and is_footnote(lines[multi[-1]], [lines[i].phrases[0].text for i in multi[:-1]]):
        multi.pop()
    # a line naming the table's notes ("Source: ...", "Note: ...") ends the table: what follows
    # it (a heading set in two phrases, more prose) is not the table's
    named = next((i for i in range(multi[0] + 1, multi[-1])
                  if len(lines[i].phrases) == 1 and _NOTE_NAME.match(lines[i].phrases[0].text)), None) if multi else None
    if named is not None and sum(1 for i in multi if i < named) >= settings.min_table_lines:
        multi = [i for i in multi if i < named]
    if not multi:
        return list(notes)
    size = median([w.size for line in lines for w in line.words])
    first, last = multi[0], multi[-1]
    columns = column_intervals(lines[first : last + 1], settings.column_gap(size),
                               [*separators_over(lines[first : last + 1], verticals, settings),
                                *((lo + hi) / 2 for lo, hi in strips)],
                               settings.align_tolerance, settings.column_gap_sure_em * size)
    if len(columns) < 2:
        return list(notes)
    if prose_score(lines[first : last + 1], columns, settings) >= settings.prose_threshold:
        return list(notes)
    weak = len(multi) < settings.min_table_lines
    first, end, groups = _grid(lines, first, last, columns, rules, settings, weak, shading)
    # built once: the header is found from them, and they are the table's rows unless it is
    # re-read on the body's columns below
    rows = tuple(build_row(group, columns, settings) for group in groups)
    rulings = [*separators_over(lines[first:end], verticals, settings), *((lo + hi) / 2 for lo, hi in strips)]
    led = None if weak else body_led_columns(groups, rows, columns, size, settings, rulings, lines[first:end])
    # re-read on the body's columns when they differ, or when they cut a line the first columns
    # left whole above the first figures (a header's line of evenly spaced units read as one
    # phrase of words; a note's words further down are no header's)
    above = next((k for k, line in enumerate(lines[first:end]) if any(is_numeric(p.text) for p in line.phrases)), 0)

    def cut_at_body_columns(k: int, line: TextLine) -> TextLine:
        """The table's k-th line cut at the body's columns; a heading's stretched spaces are no
        column gaps (its words one phrase)."""
        parts = split_at_column_gaps(line, led[1], settings.column_gap(size), settings.align_tolerance,
                                     headings=k < led[2])
        return joined_spaced_headings(parts, led[1], settings.heading_space_ratio, rulings) if k < led[2] else parts

    # the lines above the first figures are cut first: the rest only when the table is re-read
    head = [] if led is None else [cut_at_body_columns(k, line) for k, line in enumerate(lines[first : first + above])]
    if led is not None and (led[0] != columns or any(a is not b for a, b in zip(head, lines[first:end]))):
        cut = [*head, *(cut_at_body_columns(k, line) for k, line in enumerate(lines[first + above : end], start=above))]
        columns = led[0]
        lines = [*lines[:first], *cut, *lines[end:]]
        if prose_score(lines[multi[0] : last + 1], columns, settings) >= settings.prose_threshold:
            return list(notes)  # table or prose, judged again on the body's columns
        first, end, groups = _grid(lines, multi[0], last, columns, rules, settings, weak, shading)
        rows = tuple(build_row(group, columns, settings) for group in groups)
    height = median_line_height(lines[first:end], settings)
    spanners = []
    if rules:  # a spanner is a rule above the first line of figures
        figures_top = next((line.top for line in lines[first:end] if any(is_numeric(p.text) for p in line.phrases)),
                           rows[-1].bottom)
        spanners = spanner_boxes(rules, columns, rows[0].top, figures_top, height, settings)
    if spanners:  # the labels over spanner rules span their columns before the header is found
        above = sum(1 for row in rows if row.bottom <= figures_top)
        rows = (*spans_from_fills(rows[:above], spanners, columns, settings.align_tolerance), *rows[above:])
    rows = centred_group_labels(rows, header_rows(rows, settings.max_header_rows, settings.align_tolerance),
                                height, settings)
    # one row, or rows mostly of one cell (headings and paragraphs with a wide space, figure
    # labels), do not make a table alone; as the continuation of one they are its last rows
    weak = weak or is_sparse(rows)
    bbox = (columns[0][0], rows[0].top, columns[-1][1], rows[-1].bottom)
    table = PageTable(page=page, bbox=bbox, columns=columns, rows=rows, ruled=False, weak=weak,
                      lines=tuple(lines[first:end]), fills=(*(f for f in fills if _touches(f, bbox)), *spanners))
    return [*notes[:first], table, *notes[end:]]


def spanner_boxes(rules: Sequence[HRule], columns: Sequence[tuple[float, float]], top: float, bottom: float,
                  height: float, settings: TableSettings) -> list[Box]:
    """Boxes of the header's spanner rules, read as the fill of the label over each: a short
    rule drawn right under a group label, across two or more of the table's columns but not all
    of them, between the table's top and its first line of figures, shows the columns the
    label spans ("Owned" over its 2010 | 2011), however its text is centred. Each box reaches one
    line height above its rule (headers.spans_from_fills takes the label whose middle it holds)."""
    tolerance = settings.align_tolerance
    boxes = []
    for y, x0, x1 in rules:
        under = [c for c, (a, b) in enumerate(columns) if a >= x0 - tolerance and b <= x1 + tolerance]
        if top <= y <= bottom and 2 <= len(under) < len(columns):
            boxes.append((x0, y - height, x1, y))
    return boxes


def _touches(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _item_top(item: PageItem) -> float:
    return item.bbox[1] if isinstance(item, PageTable) else item.top


@dataclass(frozen=True)
class PageText:
    """What a page shows before its unruled tables are read: its ruled tables, the lines of text
    outside them and its horizontal rulings (kept while the next page is read, to find furniture)."""

    number: int
    ruled: tuple[PageTable, ...]
    lines: tuple[TextLine, ...]
    rules: tuple[HRule, ...]
    sideways: tuple[TextLine, ...] = ()  # lines of rotated text: notes, never table rows
    figure_marks: tuple[tuple[float, float], ...] = ()  # see figure_marks() and bar_marks()
    verticals: tuple[VRule, ...] = ()  # vertical rulings: separators between columns
    fills: tuple[Box, ...] = ()  # filled rectangles thicker than a ruling (cell_fills)
    shading: tuple[HRule, ...] = ()  # where the colour shown changes down the page (rows.shading_edges)
    glued: tuple[float, ...] = ()  # x of the glued column edges found (glued_column_edges), for the next page


def read_page(page: Any, page_number: int, settings: TableSettings, known_glued: Sequence[float] = ()) -> PageText:
    """A pdfplumber page's ruled tables and free text lines (page_items reads the rest).
    `known_glued`: the glued column edges the page before showed (PageText.glued)."""
    verticals = vertical_rulings(page, settings)
    words, glued = page_words(page, settings, verticals, known_glued)
    height = median([w.bottom - w.top for w in words]) if words else settings.default_font_size
    ruled = find_ruled_tables(page, page_number, words, height, settings)
    continued = header_box_rulings(ruled, words, height, settings)
    if continued:  # cut the body's words at the header's column rulings too
        verticals = [*verticals, *continued]
        words, glued = page_words(page, settings, verticals, known_glued)

    if ruled:  # the words whose centre no ruled table holds
        holder = first_holding_box([(w.x_center, w.y_center) for w in words], [t.bbox for t in ruled])
        free = [w for w, i in zip(words, holder) if i < 0]
    else:
        free = words
    sideways = [w for w in free if w.sideways]
    lines = text_lines([w for w in free if not w.sideways], settings)
    rules = horizontal_rules(page) if lines else []
    fills = cell_fills(page, settings) if lines else ()
    shading = tuple([*shading_edges(coloured_fills(page, settings), settings.align_tolerance),
                     *fill_seam_rules(fills, free, settings)]) if lines else ()
    marks = (*figure_marks(page, sideways, settings), *bar_marks(fills, free, settings)) if lines else ()
    return PageText(page_number, tuple(ruled), tuple(lines), tuple(rules),
                    tuple(text_lines(sideways, settings)), marks, tuple([*verticals, *glued]) if lines else (), fills,
                    shading, tuple(sorted({x for x, _, _ in glued})))


def fill_seam_rules(fills: Sequence[Box], words: Sequence[Word], settings: TableSettings) -> list[HRule]:
    """(y, x0, x1) of the horizontal seams between fills set edge to edge (ruled.fill_seam_edges
    over the whole page), those at one height joined along x: where a table shades every cell
    in one colour, cell by cell, and rules nothing, the seams are the only line between its
    rows, as a change of colour is between banded rows (rows.shading_edges)."""
    if len(fills) < 2:
        return []
    page = (min(f[0] for f in fills), min(f[1] for f in fills), max(f[2] for f in fills), max(f[3] for f in fills))
    seams = sorted((float(e["top"]), float(e["x0"]), float(e["x1"]))
                   for e in fill_seam_edges(page, fills, words, settings.snap_tolerance, settings.fill_seam_min,
                                            settings.fill_seam_max_fills)
                   if e["orientation"] == "h")
    return joined_rules(seams, settings.align_tolerance, settings.snap_tolerance)


def is_header_box(table: PageTable, settings: TableSettings) -> bool:
    """A ruled table holding only a header: at most header_box_max_rows rows, the first naming two
    columns or more, no figures (a spreadsheet with borders round its header cells only). One
    ruled row alone is a weak piece (a framed caption names one thing, not two columns)."""
    return table.ruled and _header_shaped(table, settings)


def _header_shaped(table: PageTable, settings: TableSettings) -> bool:
    """At most header_box_max_rows rows, the first naming two columns or more, no figures."""
    return (1 <= len(table.rows) <= settings.header_box_max_rows and len(table.rows[0].filled) >= 2
            and not any(has_numbers(row) for row in table.rows))


def header_box_rulings(ruled: Sequence[PageTable], words: Sequence[Word], line_height: float,
                       settings: TableSettings) -> list[VRule]:
    """The inner column rulings of each header box (is_header_box) continued down over the text
    printed directly below it, to the first gap of block_gap_em lines: a sheet bordered on its
    header only prints its body in the header's columns, a right-aligned count a point before
    the next column's "n/a", and its rulings are where those columns part."""
    out: list[VRule] = []
    reach = settings.block_gap_em * line_height
    for table in ruled:
        if not is_header_box(table, settings):
            continue
        x0, _, x1, bottom = table.bbox
        end = bottom
        for word in sorted((w for w in words if x0 <= w.x_center <= x1 and w.top >= bottom), key=lambda w: w.top):
            if word.top - end > reach:
                break
            end = max(end, word.bottom)
        if end > bottom:
            out.extend((column[0], bottom, end) for column in table.columns[1:])
    return out


def is_header_band(table: PageTable, settings: TableSettings) -> bool:
    """An unruled piece shaped like a header: at most header_box_max_rows rows, the first naming
    two columns or more, no figures (is_header_box without the box)."""
    return not table.ruled and _header_shaped(table, settings)


def _right_above(above: PageTable, below: PageTable, settings: TableSettings) -> bool:
    """`below` starts right under `above` (which has lines): less than block_gap_em of its lines apart."""
    return -settings.snap_tolerance <= below.bbox[1] - above.bbox[3] <= settings.block_gap_em * above.lines[0].height


def join_header_boxes(items: Sequence[PageItem], settings: TableSettings) -> list[PageItem]:
    """A header box (is_header_box) and the unruled table read right below it in the same
    columns are one table: the box's rows, then the unruled rows. Likewise an unruled header
    band (is_header_band) right above a ruled grid in its columns: a table style that rules the
    body only (a heavy rule under the header, the body's columns ruled or banded) leaves the
    header outside the grid; its rows, rebuilt in the grid's columns, come first."""
    out: list[PageItem] = []
    for item in items:
        above = out[-1] if out else None
        if (isinstance(item, PageTable) and item.ruled and not item.weak and isinstance(above, PageTable)
                and is_header_band(above, settings) and above.lines and _right_above(above, item, settings)
                and coarsening(above.columns, item.columns, settings.column_overlap)):
            rows = tuple(build_row(row.lines, item.columns, settings) for row in above.rows)
            bbox = (min(above.bbox[0], item.bbox[0]), above.bbox[1], max(above.bbox[2], item.bbox[2]), item.bbox[3])
            out[-1] = replace(item, bbox=bbox, rows=rows + item.rows)
            continue
        # the body's first lines may stand as notes before it (a group label alone on its line,
        # "Environment", taken for the body's title): they are its rows under the box
        between = 0
        while between < len(out) and isinstance(out[-1 - between], PageNote):
            between += 1
        box = out[-1 - between] if between < len(out) else None
        if (isinstance(item, PageTable) and not item.ruled and isinstance(box, PageTable)
                and is_header_box(box, settings) and item.lines
                and all(box.bbox[3] - settings.snap_tolerance <= note.line.top and note.line.bottom <= item.bbox[1]
                        + settings.snap_tolerance for note in out[len(out) - between:])
                and -settings.snap_tolerance <= item.bbox[1] - box.bbox[3]
                <= settings.block_gap_em * item.lines[0].height * (1 + between)
                and (coarsening(box.columns, item.columns, settings.column_overlap)
                     or coarsening(item.columns, box.columns, settings.column_overlap))):
            # the body's own columns may cut a box column in two (left-aligned "n/a" among
            # right-aligned counts), or leave out one whose cells stand alone on their lines (a
            # group column): its rows are rebuilt in the box's columns
            lines = [(note.line,) for note in out[len(out) - between:]] + [row.lines for row in item.rows]
            rows = tuple(build_row(row_lines, box.columns, settings) for row_lines in lines)
            bbox = (min(box.bbox[0], item.bbox[0]), box.bbox[1], max(box.bbox[2], item.bbox[2]), item.bbox[3])
            del out[len(out) - between - 1:]
            # its lines kept: a ruled box over an unruled body goes on unruled on the next page
            out.append(replace(box, bbox=bbox, rows=box.rows + rows, weak=False, lines=item.lines))
            continue
        out.append(item)
    return out


def figure_marks(page: Any, sideways: Sequence[Word],
                 settings: TableSettings = TableSettings()) -> tuple[tuple[float, float], ...]:
    """Points that show a figure (a chart, a diagram) rather than a table: the middle of every
    slanted stroke (plotted lines, pie slices, arrows) and of every word set sideways (axis
    titles). Tables are drawn with upright rulings and upright text only."""
    points = [(w.x_center, w.y_center) for w in sideways]
    for obj in [*page.curves, *page.lines]:
        pts = obj.get("pts") or []
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            if abs(x1 - x0) > settings.figure_stroke_min and abs(y1 - y0) > settings.figure_stroke_min:
                points.append(((x0 + x1) / 2, (y0 + y1) / 2))
    return tuple(points)


def bar_marks(fills: Sequence[Box], words: Sequence[Word],
              settings: TableSettings = TableSettings()) -> tuple[tuple[float, float], ...]:
    """Points that show a bar chart: the middle and the far end of every bar. A bar is a filled
    shape holding no text, one of chart_bars_min or more standing on one baseline (their bottoms,
    or for bars drawn sideways their left edges, within grid_tolerance) whose lengths differ (by
    more than grid_tolerance): a chart's bars stand on its axis, each as long as its value, its
    figures and labels over or beside them. A table's fills hold their cells' text (a band behind
    a row, a shaded cell) or are keys of one size (a status colour in each row)."""
    if len(fills) < settings.chart_bars_min:
        return ()
    centres = np.array([(w.x_center, w.y_center) for w in words]).reshape(-1, 2)
    empty = [f for f in fills if not np.any((centres[:, 0] >= f[0]) & (centres[:, 0] <= f[2])
                                            & (centres[:, 1] >= f[1]) & (centres[:, 1] <= f[3]))]
    points: list[tuple[float, float]] = []
    # upright bars on a common bottom, their tops apart; bars drawn sideways from a common left
    for base, length, end in ((lambda f: f[3], lambda f: f[3] - f[1], lambda f: ((f[0] + f[2]) / 2, f[1])),
                              (lambda f: f[0], lambda f: f[2] - f[0], lambda f: (f[2], (f[1] + f[3]) / 2))):
        group: list[Box] = []
        for fill in sorted(empty, key=base) + [None]:
            if fill is not None and (not group or base(fill) - base(group[-1]) <= settings.grid_tolerance):
                group.append(fill)
                continue
            lengths = [length(f) for f in group]
            if len(group) >= settings.chart_bars_min and max(lengths) - min(lengths) > settings.grid_tolerance:
                for bar in group:
                    points += [((bar[0] + bar[2]) / 2, (bar[1] + bar[3]) / 2), end(bar)]
            group = [fill] if fill is not None else []
    return tuple(points)


def is_figure(lines: Sequence[TextLine], marks: Sequence[tuple[float, float]], settings: TableSettings) -> bool:
    """A block of text lying over a figure: figure_min_marks or more figure marks within it."""
    if not marks or not lines:
        return False
    x0, x1 = min(line.x0 for line in lines), max(line.x1 for line in lines)
    top, bottom = lines[0].top, lines[-1].bottom
    inside = sum(1 for x, y in marks if x0 <= x <= x1 and top <= y <= bottom)
    return inside >= settings.figure_min_marks


def page_items(text: PageText, furniture: Collection[int], settings: TableSettings) -> list[PageItem]:
    """The page's tables and notes, top to bottom; the lines at indexes `furniture` (running
    headers and footers) are notes and take no part in blocks. Tables set side by side
    (gutters.side_by_side) come left to right, each with its own notes (its caption) before it."""
    items: list[PageItem] = list(text.ruled)
    items.extend(PageNote(text.number, text.lines[i]) for i in sorted(furniture))
    items.extend(PageNote(text.number, line) for line in text.sideways)
    keyed = [((_item_top(item), 0), item) for item in items]
    lines = [line for i, line in enumerate(text.lines) if i not in furniture]
    cuts = [t.bbox[1] for t in text.ruled]
    blocks = join_sub_heading_blocks(join_padded_rows(split_blocks(lines, cuts, settings, text.rules), cuts, settings),
                                     cuts, settings)
    regions = [region for whole in blocks for region in side_by_side(whole, settings, is_caption)]
    read: list[tuple[list[TextLine], bool, list[PageItem]]] = []
    for block, beside in regions:
        items_read = _block_items(text, block, _block_rules(text, block, settings), settings)
        if read and not beside and not read[-1][1] and header_band_over(read[-1][2], items_read, settings):
            # a header band cut from its body by a wide gap (a sheet's tall first row): one block,
            # when read as one the band and the body are one table
            joined = [*read[-1][0], *block]
            again = _block_items(text, joined, _block_rules(text, joined, settings), settings)
            if _one_table_over(again, read[-1][2][-1], items_read):
                read.pop()
                block, items_read = joined, again
        read.append((block, beside, items_read))
    for number, (block, beside, items_read) in enumerate(read, start=1):
        # a table set beside another keeps its items together, after those of the table left of it
        place = (block[0].top, number) if beside else None
        keyed.extend((place or (_item_top(item), 0), item) for item in items_read)
    ordered = [item for _, item in sorted(keyed, key=lambda pair: (pair[0], _item_top(pair[1])))]
    return join_header_boxes(ordered, settings)


def _block_rules(text: PageText, block: Sequence[TextLine], settings: TableSettings) -> list[HRule]:
    """The rulings over the block and the one right above its first line (a ruled band)."""
    top, bottom, reach = block[0].top, block[-1].bottom, settings.block_rule_reach
    return [r for r in text.rules if top - reach - block[0].height <= r[0] <= bottom + reach]


def header_band_over(above: Sequence[PageItem], below: Sequence[PageItem], settings: TableSettings) -> bool:
    """The items of a block that end with an unruled header band (is_header_band) and those of the
    next block, which start with an unruled table under most of the band's width, alone or after
    one-line notes (a group label on its own line, "Environment", before the first figures),
    the gaps between them together no wider than block_gap_em lines once more than the notes
    are many: the band may head that table (page_items reads the two blocks as one to see).
    A spreadsheet prints a row as tall as it was made, its text at the bottom, and the gap above
    a body's first row can pass for the end of a block."""
    if not above or not isinstance(above[-1], PageTable) or not is_header_band(above[-1], settings):
        return False
    band = above[-1]
    between = 0
    while between < len(below) and isinstance(below[between], PageNote):
        between += 1
    if between == len(below) or not band.lines:
        return False
    table = below[between]
    if not isinstance(table, PageTable) or table.ruled or table.weak or not table.lines:
        return False
    gap = table.bbox[1] - band.bbox[3] - sum(note.line.height for note in below[:between])
    # the band's columns and the body's need not match yet (a label wider than its figures, a
    # group column whose labels stand alone on their lines): the band must reach over most of
    # the body, and reading the two as one block decides (_one_table_over)
    shared = min(band.bbox[2], table.bbox[2]) - max(band.bbox[0], table.bbox[0])
    return (-settings.snap_tolerance <= gap <= settings.block_gap_em * band.lines[0].height * (1 + between)
            and shared >= settings.column_overlap * (table.bbox[2] - table.bbox[0]))


def _one_table_over(items: Sequence[PageItem], band: PageTable, body: Sequence[PageItem]) -> bool:
    """Read as one block, the band and the body below it are one table: its first table starts
    at the band's top and reaches the bottom of the body's first table."""
    tables = [item for item in items if isinstance(item, PageTable)]
    bottom = next(item.bbox[3] for item in body if isinstance(item, PageTable))
    return bool(tables) and tables[0].bbox[1] <= band.bbox[1] and tables[0].bbox[3] >= bottom


def _block_items(text: PageText, block: Sequence[TextLine], block_rules: Sequence[HRule],
                 settings: TableSettings) -> list[PageItem]:
    items: list[PageItem] = []
    for part in split_at_paragraphs(block, settings):
        if is_figure(part, text.figure_marks, settings):
            items.extend(PageNote(text.number, line) for line in part)
            continue
        for run in join_sub_headings(split_at_captions(part, settings), settings):
            if len(run) == 1 and is_caption(run[0]):
                items.append(PageNote(text.number, run[0]))
            else:
                items.extend(read_block(text.number, run, block_rules, settings, text.verticals, text.fills,
                                         text.shading))
    return items
