"""Ruled tables: pdfplumber finds the cells from the rulings; we rebuild the grid from them.

What is fixed on top of pdfplumber's table finder:
- a cell spanning columns or rows is placed at its first grid position with its span recorded,
  instead of text beside None cells;
- a table with inside rulings only (no outer box) loses its outer columns in pdfplumber, because
  no vertical ruling closes them: vertical edges are added where the horizontal rulings end;
- a "table" of one column (a framed paragraph, a box round an unruled table) is not a ruled
  table: the unruled reader takes its text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from typing import Any, Sequence

import numpy as np

from pdfplumber.table import Table, TableFinder, TableSettings as FinderSettings, cells_to_tables, edges_to_intersections
from pdfplumber.utils import obj_to_bbox, obj_to_edges

from pipeline.core.model import Box
from pipeline.extract.pdf.layout import CellEnds, Word, cell_ends, cell_lines_text, group_lines, text_lines
from pipeline.extract.pdf.pieces import PageTable, Row
from pipeline.extract.pdf.rows import Colour, covered_length, shading_edges
from pipeline.extract.pdf.settings import TableSettings


@dataclass(frozen=True)
class GridCell:
    row: int  # first grid row
    col: int  # first grid column
    last_row: int
    last_col: int
    bbox: Box


def cluster_positions(values: Sequence[float], tolerance: float) -> list[float]:
    """Sorted positions with those closer than `tolerance` merged into their mean."""
    groups: list[list[float]] = []
    for value in sorted(values):
        if groups and value - groups[-1][-1] <= tolerance:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [sum(g) / len(g) for g in groups]


def _index(positions: Sequence[float], value: float) -> int:
    """The index of the sorted position nearest `value` (the lower one on a tie)."""
    i = bisect_left(positions, value)
    if i == 0:
        return 0
    if i == len(positions) or value - positions[i - 1] <= positions[i] - value:
        return i - 1
    return i


def grid_from_cells(cells: Sequence[Box], tolerance: float) -> tuple[list[float], list[float], list[GridCell]]:
    """Grid lines (xs, ys) and each cell's grid position and span, from pdfplumber's cell boxes."""
    xs = cluster_positions([c[0] for c in cells] + [c[2] for c in cells], tolerance)
    ys = cluster_positions([c[1] for c in cells] + [c[3] for c in cells], tolerance)
    placed = []
    for box in cells:
        c0, c1 = _index(xs, box[0]), _index(xs, box[2])
        r0, r1 = _index(ys, box[1]), _index(ys, box[3])
        if c1 > c0 and r1 > r0:
            placed.append(GridCell(r0, c0, r1 - 1, c1 - 1, tuple(box)))
    return xs, ys, placed


def text_edge(words: Sequence[Word], x0: float, x1: float, padding: float | None = None) -> float | None:
    """The right edge of the text area of a ruled cell from `x0` to `x1`: the cell's padding is
    taken to be the same on both sides, `padding` (the table's, table_padding) or else as wide
    as its text's indent from the left ruling (its left-aligned lines start there; centred lines
    are as far from either edge). None for an empty cell."""
    if not words:
        return None
    indent = max(min(w.x0 for w in words) - x0, 0.0) if padding is None else padding
    return max(x1 - indent, max(w.x1 for w in words))


def table_padding(cells: Sequence[tuple[Sequence[Word], Box]]) -> float | None:
    """The padding a ruled table's cells share (word processors and spreadsheets pad every cell
    of a table alike): the smallest indent of any cell's text from its left ruling, set by the
    cells whose text is flush left (a centred or right-aligned cell is indented further). None
    when no cell holds text."""
    indents = [max(min(w.x0 for w in words) - box[0], 0.0) for words, box in cells if words]
    return min(indents) if indents else None


def cell_text(words: Sequence[Word], right: float | None = None, settings: TableSettings = TableSettings()) -> str:
    return cell_lines_text(group_lines(words, settings), right, settings=settings)


def split_unruled_span(words: Sequence[Word], bounds: Sequence[float], settings: TableSettings
                       ) -> dict[int, list[Word]] | None:
    """The words of a grid cell spanning columns, split into those columns when they are really
    separate cells: rows ruled only above and below (no vertical rules in the body, as under a
    fully ruled header) come out of the grid as one cell per row. They are separate when every
    phrase lies within one of the columns (`bounds`: the column edges the cell spans) and two
    columns at least hold text; a title spanning the columns is one phrase across an edge.
    None when the cell is one spanning cell."""
    columns: dict[int, list[Word]] = {}
    for line in group_lines(words, settings):
        # parts at gaps no word space reaches (a monospaced font's spaces are wide)
        parts: list[list[Word]] = []
        for word in line:
            if parts and word.x0 - parts[-1][-1].x1 < settings.column_gap_sure_em * word.size:
                parts[-1].append(word)
            else:
                parts.append([word])
        for part in parts:
            x0, x1 = part[0].x0, part[-1].x1
            tol = settings.grid_tolerance
            inner = [c for c in range(len(bounds) - 1) if bounds[c] - tol <= x0 and x1 <= bounds[c + 1] + tol]
            if not inner:
                return None
            columns.setdefault(inner[0], []).extend(part)
    return columns if len(columns) >= 2 else None


def stacked_rows(placed: Sequence[GridCell], inside: dict[int, list[Word]],
                 settings: TableSettings = TableSettings(), lines_of: dict[int, list[list[Word]]] | None = None
                 ) -> dict[int, list[tuple[dict[int, str], tuple[float, float]]]]:
    """Grid rows that hold several table rows drawn without rulings between them (a ruled
    frame round a block of figures: 'Bulgaria / Cyprus / Czech Rep.' beside '2.3 / 0.21 / 8.8').
    The text lines of the row's cells, side by side, make bands; the row is stacked when there
    are three bands or more (two when three or more cells, every cell of the row, are filled),
    every filled cell has a line in most of them (a value may be missing) and some cell has a
    number on every line. A wrapped cell does not stack its row: its neighbours have fewer lines. Row index -> per band, the text
    by column and the band's (top, bottom). `lines_of`: group_lines of inside[i], where the
    caller has them."""
    by_row: dict[int, list[int]] = {}
    for i, cell in enumerate(placed):
        by_row.setdefault(cell.row, []).append(i)
    out: dict[int, list[tuple[dict[int, str], tuple[float, float]]]] = {}
    for r, ids in by_row.items():
        if any(placed[i].last_row != r or placed[i].last_col != placed[i].col for i in ids):
            continue  # a spanning cell in the row: leave it as drawn
        filled = [i for i in ids if inside[i]]
        if len(filled) < 2:
            continue
        lines = [(i, line) for i in filled
                 for line in (lines_of[i] if lines_of and i in lines_of else group_lines(inside[i], settings))]
        bands: list[list[float]] = []
        for top, bottom in sorted((min(w.top for w in line), max(w.bottom for w in line)) for _, line in lines):
            if bands and top < bands[-1][1] - settings.stacked_band_overlap * (bottom - top):
                bands[-1][1] = max(bands[-1][1], bottom)
            else:
                bands.append([top, bottom])
        k = len(bands)
        counts = {i: sum(1 for j, _ in lines if j == i) for i in filled}
        if k < 2 or (k == 2 and (len(filled) < settings.stacked_min_cells or len(filled) < len(ids))):
            continue
        if any(n < max(2, settings.stacked_cell_share * k) for n in counts.values()):
            continue
        # a block of figures: some cell holds a number on every line (a header's cells wrap
        # their words over as many lines, side by side, too)
        if not any(all(any(ch.isdigit() for w in line for ch in w.text) for j, line in lines if j == i)
                   for i in filled):
            continue
        texts: list[dict[int, list[Word]]] = [{} for _ in bands]
        for i, line in lines:
            middle = (min(w.top for w in line) + max(w.bottom for w in line)) / 2
            band = next(n for n, (top, bottom) in enumerate(bands) if top <= middle <= bottom)
            if placed[i].col in texts[band]:
                break  # two lines of one cell in a band: not side by side
            texts[band][placed[i].col] = line
        else:
            out[r] = [({c: cell_text(ws, settings=settings) for c, ws in t.items()}, (b[0], b[1])) for t, b in zip(texts, bands)]
    return out


def first_holding_box(points: Sequence[tuple[float, float]], boxes: Sequence[Box]) -> list[int]:
    """For each (x, y), the index of the first box (x0, top, x1, bottom) holding it, edges
    included; -1 where none does. All pairs at once (a page's words by its cells: a loop over
    the cells for every word was a ruled page's costliest step)."""
    if not points or not boxes:
        return [-1] * len(points)
    xy, edges = np.array(points, dtype=float), np.array(boxes, dtype=float)
    x, y = xy[:, :1], xy[:, 1:]
    holds = (edges[:, 0] <= x) & (x <= edges[:, 2]) & (edges[:, 1] <= y) & (y <= edges[:, 3])
    first = holds.argmax(axis=1)
    return np.where(holds[np.arange(len(points)), first], first, -1).tolist()


def grid_table(page: int, cells: Sequence[Box], words: Sequence[Word], settings: TableSettings) -> PageTable | None:
    """A ruled table as rows of cells; None when it has fewer than two columns."""
    xs, ys, placed = grid_from_cells(cells, settings.grid_tolerance)
    n_cols, n_rows = len(xs) - 1, len(ys) - 1
    if n_cols < 2 or n_rows < 1:
        return None
    texts: dict[tuple[int, int], str] = {}
    boxes: dict[tuple[int, int], Box] = {}
    bold: dict[tuple[int, int], bool] = {}
    inside: dict[int, list[Word]] = {i: [] for i in range(len(placed))}
    holder = first_holding_box([(word.x_center, word.y_center) for word in words], [cell.bbox for cell in placed])
    for word, i in zip(words, holder):  # each word in the first cell holding its centre
        if i >= 0:
            inside[i].append(word)
    spans: dict[int, list[tuple[int, int]]] = {}
    ends: dict[tuple[int, int], CellEnds | None] = {}
    cell_lines: dict[int, list[list[Word]]] = {}  # group_lines of each cell's words (inside[i])
    parts_of: dict[int, dict[int, list[Word]]] = {}
    for i, cell in enumerate(placed):
        parts = {0: inside[i]}
        if cell.last_col > cell.col:
            parts = split_unruled_span(inside[i], xs[cell.col : cell.last_col + 2], settings) or parts
        parts_of[i] = parts
        for offset in parts:
            key = (cell.row, cell.col + offset)
            boxes[key] = cell.bbox if len(parts) == 1 else (
                xs[key[1]], cell.bbox[1], xs[key[1] + 1], cell.bbox[3])
    # a cell's text edges are its rulings less the table's padding: a centred line as wide as
    # its cell's widest word starts further in than the edge a word cut there starts at
    padding = table_padding([(words_in, boxes[(cell.row, cell.col + offset)])
                             for i, cell in enumerate(placed) for offset, words_in in parts_of[i].items()])
    for i, cell in enumerate(placed):
        parts = parts_of[i]
        for offset, words_in in parts.items():
            key = (cell.row, cell.col + offset)
            right = text_edge(words_in, boxes[key][0], boxes[key][2], padding)
            left = None if padding is None else boxes[key][0] + padding
            lines = group_lines(words_in, settings)  # once for the cell's text, its ends and stacked_rows
            if len(parts) == 1:
                cell_lines[i] = lines
            texts[key] = cell_lines_text(lines, right, left, settings=settings)
            ends[key] = cell_ends(lines, right, left)
            bold[key] = bool(words_in) and all(w.bold for w in words_in)
        if len(parts) == 1 and cell.last_col > cell.col and texts[(cell.row, cell.col)]:
            spans.setdefault(cell.row, []).append((cell.col, cell.last_col))
    stacked = stacked_rows(placed, inside, settings, cell_lines)
    rows = []
    for r in range(n_rows):
        cells_text = tuple(texts.get((r, c), "") for c in range(n_cols))
        if not any(cells_text):
            continue  # rows between double rulings, empty spacer rows: no text to keep
        if r in stacked:
            for line_texts, (top, bottom) in stacked[r]:
                rows.append(Row(
                    cells=tuple(line_texts.get(c, "") for c in range(n_cols)),
                    boxes=tuple((xs[c], top, xs[c + 1], bottom) if line_texts.get(c) else None for c in range(n_cols)),
                    top=top, bottom=bottom, bold=False))
            continue
        filled_keys = [(r, c) for c in range(n_cols) if texts.get((r, c))]
        rows.append(
            Row(
                cells=cells_text,
                boxes=tuple(boxes.get((r, c)) if texts.get((r, c)) else None for c in range(n_cols)),
                top=ys[r],
                bottom=ys[r + 1],
                bold=all(bold[k] for k in filled_keys),
                spans=tuple(sorted(spans.get(r, ()))),
                ends=tuple(ends.get((r, c)) if texts.get((r, c)) else None for c in range(n_cols)),
            )
        )
    if not rows:
        return None
    # sliver columns between double rulings hold no text and are narrower than a ruling gap
    keep = [c for c in range(n_cols) if any(row.cells[c] for row in rows) or xs[c + 1] - xs[c] > 2 * settings.grid_tolerance]
    if len(keep) < 2:
        return None
    rows = [_keep_columns(row, keep) for row in rows]
    columns = tuple((xs[c], xs[c + 1]) for c in keep)
    bbox = (xs[0], ys[0], xs[-1], ys[-1])
    return PageTable(page=page, bbox=bbox, columns=columns, rows=tuple(rows), ruled=True)


def _keep_columns(row: Row, keep: Sequence[int]) -> Row:
    """Drop sliver columns that no cell starts in (between double rulings), remapping spans."""
    position = {c: i for i, c in enumerate(keep)}

    def remap(col: int) -> int:
        return max(i for i, c in enumerate(keep) if c <= col) if col >= keep[0] else 0

    spans = tuple((remap(a), remap(b)) for a, b in row.spans if remap(b) > remap(a))
    return Row(
        cells=tuple(row.cells[c] for c in keep),
        boxes=tuple(row.boxes[c] for c in keep),
        top=row.top,
        bottom=row.bottom,
        bold=row.bold,
        spans=spans,
        ends=tuple(row.end(c) for c in keep),
    ) if len(position) != len(row.cells) else row


def is_ruling(obj: dict, max_thickness: float) -> bool:
    """A drawn object that shows as a ruling: a line, a stroked rectangle or path, or a thin
    filled rectangle (rules drawn as filled bars). A wide filled rectangle is shading (a cell
    background, a banded row, a header fill): its edges are colour changes, and in real
    documents they are often inset from the rulings or cut a cell's padding off, so taking them
    as rulings splits columns (a 4-column table read as 11)."""
    if obj["object_type"] == "line":
        return True
    thin = min(float(obj["width"]), float(obj["height"])) <= max_thickness
    return bool(obj.get("stroke")) or thin


def ruling_edges(page: Any, max_thickness: float) -> list[dict]:
    """The page's horizontal and vertical ruling edges (pdfplumber edge dicts), shading left out."""
    edges = []
    for obj in [*page.lines, *page.rects, *page.curves]:
        if is_ruling(obj, max_thickness):
            edges.extend(e for e in obj_to_edges(obj) if e["orientation"] in ("h", "v"))
    return edges


def finder_settings(settings: TableSettings, edges: Sequence[dict] = ()) -> dict[str, Any]:
    return {
        "vertical_strategy": "explicit",
        "horizontal_strategy": "explicit",
        "snap_tolerance": settings.snap_tolerance,
        "join_tolerance": settings.join_tolerance,
        "intersection_tolerance": settings.intersection_tolerance,
        "explicit_vertical_lines": [e for e in edges if e["orientation"] == "v"],
        "explicit_horizontal_lines": [e for e in edges if e["orientation"] == "h"],
    }


def _touch(a: Box, b: Box, tolerance: float) -> bool:
    return (a[0] - tolerance <= b[2] and b[0] - tolerance <= a[2]
            and a[1] - tolerance <= b[3] and b[1] - tolerance <= a[3])


def ruling_groups(edges: Sequence[dict], tolerance: float, max_gap: float) -> list[Box]:
    """Bounding boxes of groups of rulings that touch (within `tolerance`) and hold both
    directions; groups of the same width stacked less than `max_gap` apart are one (a row drawn
    as one spanning cell, like a theme row in an inner-only grid, cuts the vertical rulings)."""
    boxes = [(float(e["x0"]), float(e["top"]), float(e["x1"]), float(e["bottom"])) for e in edges]
    kinds = [e["orientation"] for e in edges]
    parent = list(range(len(boxes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    order = sorted(range(len(boxes)), key=lambda i: boxes[i][1])
    for n, i in enumerate(order):  # sweep by top: only edges that can still touch are compared
        for j in order[n + 1 :]:
            if boxes[j][1] - tolerance > boxes[i][3]:
                break
            if _touch(boxes[i], boxes[j], tolerance):
                parent[root(i)] = root(j)
    members: dict[int, list[int]] = {}
    for i in range(len(boxes)):
        members.setdefault(root(i), []).append(i)
    # groups of horizontal rulings only take part in the stacking: the rules between rows drawn
    # as one spanning cell each ("Up to 3 more ...", "TOTALS") bridge the grid above and below
    groups = []
    for ids in members.values():
        groups.append(((min(boxes[i][0] for i in ids), min(boxes[i][1] for i in ids),
                        max(boxes[i][2] for i in ids), max(boxes[i][3] for i in ids)),
                       "v" in {kinds[i] for i in ids}, "h" in {kinds[i] for i in ids}))
    groups.sort(key=lambda g: g[0][1])
    merged: list[tuple[Box, bool, bool]] = []
    for box, vertical, horizontal in groups:
        if merged:
            last, last_v, last_h = merged[-1]
            same_width = abs(last[0] - box[0]) <= tolerance and abs(last[2] - box[2]) <= tolerance
            if same_width and box[1] - last[3] <= max_gap:
                merged[-1] = ((last[0], last[1], last[2], max(last[3], box[3])),
                              last_v or vertical, last_h or horizontal)
                continue
        merged.append((box, vertical, horizontal))
    return [box for box, vertical, horizontal in merged if vertical and horizontal]


def cell_fills(page: Any, settings: TableSettings) -> tuple[Box, ...]:
    """(x0, top, x1, bottom) of the page's filled rectangles thicker than a ruling both ways:
    cell backgrounds and shading. A browser paints each header cell's background on its own, so
    where a dark header has no rulings its fills still show where each cell ends."""
    thick = settings.ruling_max_thickness
    return tuple(sorted(
        (float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"]))
        for r in page.rects
        if r.get("fill") and float(r["x1"]) - float(r["x0"]) > thick and float(r["bottom"]) - float(r["top"]) > thick
    ))


def coloured_fills(page: Any, settings: TableSettings) -> list[tuple[Box, Colour]]:
    """The page's filled rectangles thicker than a ruling both ways (as cell_fills), in drawing
    order, each with its colour (fill_colour)."""
    thick = settings.ruling_max_thickness
    return [((float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])), fill_colour(r))
            for r in page.rects
            if r.get("fill") and float(r["x1"]) - float(r["x0"]) > thick and float(r["bottom"]) - float(r["top"]) > thick]


def fill_colour(obj: dict) -> Colour:
    """A filled object's colour as RGB 0-255: the page source's own (pdfium: `fill_rgb`), or
    pdfminer's components (grey, RGB, or CMYK taken without a colour profile); None for a
    pattern or a colour space of other sizes. Only compared for equality, one page at a time."""
    if "fill_rgb" in obj:
        return obj["fill_rgb"]
    colour = obj.get("non_stroking_color")
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if not isinstance(colour, (tuple, list)) or not all(isinstance(v, (int, float)) for v in colour):
        return None
    to_rgb = _TO_RGB.get(len(colour))
    if to_rgb is None:
        return None
    return tuple(round(255 * min(max(float(v), 0.0), 1.0)) for v in to_rgb(tuple(colour)))  # type: ignore[return-value]


# a colour's components as RGB, by how many it has (its colour space: grey, RGB, CMYK)
_TO_RGB = {
    1: lambda c: (c[0], c[0], c[0]),
    3: lambda c: c,
    4: lambda c: ((1 - c[0]) * (1 - c[3]), (1 - c[1]) * (1 - c[3]), (1 - c[2]) * (1 - c[3])),
}


def shading_break_edges(box: Box, shading: Sequence[tuple[float, float, float]], edges: Sequence[dict],
                        tolerance: float, cover: float) -> list[dict]:
    """Horizontal rulings across a grid's box where shading starts or stops inside it
    (rows.shading_edges, covering `cover` of its width) and no ruling is drawn (within
    `tolerance`: a fill ending at a rule breaks no row the rule does not): a table styled with
    banded rows and an outer frame (Word's "Medium Shading" styles) rules its header off and
    nothing else, and its rows show only as the bands."""
    x0, top, x1, bottom = box
    width = max(x1 - x0, 1.0)
    ruled = [(float(e["top"]), float(e["x0"]), float(e["x1"])) for e in edges
             if e["orientation"] == "h" and _within(e, box, tolerance)]
    inner = [(y, a, b) for y, a, b in shading if top + tolerance < y < bottom - tolerance]
    out = []
    for y in sorted({y for y, _, _ in inner}):
        if out and y - out[-1]["top"] <= tolerance:
            continue  # one edge at this height
        level = [(a, b) for h, a, b in inner if abs(h - y) <= tolerance]
        drawn = [(a, b) for h, a, b in ruled if abs(h - y) <= tolerance]
        # the shading's edges with the rulings drawn at that height (a header whose cells are
        # filled but for a group's sub-labels, ruled under them): one row edge across the grid,
        # unless the rulings alone break the row already
        if covered_length(drawn, x0, x1) < cover * width <= covered_length(level + drawn, x0, x1):
            out.append({"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0,
                        "height": 0.0, "orientation": "h"})
    return out


_HOLDERS_AT_ONCE = 256  # fills compared with all others in one numpy step (memory: this x fills x words)


def fill_seam_edges(box: Box, fills: Sequence[Box], words: Sequence[Word], tolerance: float,
                    min_length: float, max_fills: int = TableSettings.fill_seam_max_fills) -> list[dict]:
    """Rulings along the seams of fills set edge to edge inside a grid's box: where one fill
    ends within `tolerance` of where another starts, across or down, and their sides run
    together for at least `min_length`, there is a cell edge (each cell's background painted
    on its own: Word's styled header bands, Calc, Chromium), though no ruling is drawn there.
    A fill inset from its cell meets no other fill edge to edge; fills stacked in one column
    inside another fill (one per text line over a cell's background, as statistics packages
    paint them) are the text's, not cells, and are left out (fills side by side inside one are
    cells over a table's background); and of two fills one must hold a word (a chart's bars
    set side by side hold none; an empty cell beside a filled one still ends where it starts).
    Past `max_fills` fills in the box none is looked at (a map or a chart's marks, not cells)."""
    x0, top, x1, bottom = box
    inside = sorted({f for f in fills if f[0] >= x0 - tolerance and f[2] <= x1 + tolerance
                     and f[1] >= top - tolerance and f[3] <= bottom + tolerance})
    if not 2 <= len(inside) <= max_fills:
        return []
    boxes = np.array(inside)
    centres = np.array([(w.x_center, w.y_center) for w in words]).reshape(-1, 2)
    holds_text = np.zeros(len(inside), dtype=bool)
    painted = np.zeros(len(inside), dtype=bool)
    for first in range(0, len(inside), _HOLDERS_AT_ONCE):  # a block of holders at a time: memory stays small
        part = boxes[first : first + _HOLDERS_AT_ONCE]
        holds = ((part[:, None, 0] <= boxes[None, :, 0]) & (boxes[None, :, 2] <= part[:, None, 2])
                 & (part[:, None, 1] <= boxes[None, :, 1]) & (boxes[None, :, 3] <= part[:, None, 3]))
        holds[np.arange(len(part)), np.arange(first, first + len(part))] = False  # itself (duplicates: the set)
        holds_text[first : first + len(part)] = (
            (part[:, None, 0] <= centres[None, :, 0]) & (centres[None, :, 0] <= part[:, None, 2])
            & (part[:, None, 1] <= centres[None, :, 1]) & (centres[None, :, 1] <= part[:, None, 3])).any(axis=1)
        # a fill holding fills in one column only (one per line of a cell's text) holds text
        # paint; one holding fills side by side (a table's background behind its cells') holds cells
        one_column = np.array([bool(row.any()) and boxes[row, 0].max() < boxes[row, 2].min() for row in holds])
        painted |= (holds & one_column[:, None]).any(axis=0)
    texts = {f for f, text in zip(inside, holds_text.tolist()) if text}
    inside = [f for f, paint in zip(inside, painted.tolist()) if not paint]
    out = []
    for across, (start, end, low, high) in ((True, (0, 2, 1, 3)), (False, (1, 3, 0, 2))):
        by_start = sorted(inside, key=lambda f: f[start])
        starts = [f[start] for f in by_start]
        for fill in inside:
            seam = fill[end]
            if abs(seam - (x1 if across else bottom)) <= tolerance:
                continue  # the box's own side: framed already
            for other in by_start[bisect_left(starts, seam - tolerance):bisect_right(starts, seam + tolerance)]:
                a, b = max(fill[low], other[low]), min(fill[high], other[high])
                if b - a < min_length or (fill not in texts and other not in texts):
                    continue
                at = (seam + other[start]) / 2
                if across:
                    out.append({"object_type": "line", "x0": at, "x1": at, "top": a, "bottom": b, "width": 0.0,
                                "height": b - a, "orientation": "v"})
                else:
                    out.append({"object_type": "line", "x0": a, "x1": b, "top": at, "bottom": at, "width": b - a,
                                "height": 0.0, "orientation": "h"})
    return out


def open_side_edges(box: Box, edges: Sequence[dict], words: Sequence[Word], others: Sequence[Box],
                    settings: TableSettings) -> tuple[Box, list[dict]]:
    """A grid's box widened over an outer column it leaves open, with the rulings that close it:
    the grid's row rulings carried on to the column's far side. Words beside the grid (left of
    it, or right), inside its height and no other grid's, are such a column when no word crosses
    the height of a row ruling and they stand in two of its rows or more, its first row (the
    column's heading beside the others') or open_column_share of them among those: a word
    processor's table style may rule and shade every column but the first, whose cells may be
    mostly empty (a theme column), one phrase to a line (one column, not a table set beside
    the grid). Only a grid holding text in open_column_share of its rows
    has such a column (a chart's plot area holds little, its scale beside it), and the column
    ends at the nearest other grid beside. The box unchanged and no edges when there is none."""
    tolerance = settings.snap_tolerance
    x0, top, x1, bottom = box
    ys = cluster_positions([float(e["top"]) for e in edges if e["orientation"] == "h" and _within(e, box, tolerance)],
                           tolerance)
    if len(ys) <= 2:
        return box, []  # one row: no row rulings to keep to
    level = [w for w in words if top - tolerance <= w.top and w.bottom <= bottom + tolerance]
    held = {bisect_right(ys, w.y_center) for w in level if x0 <= w.x_center <= x1}
    if len(held) < settings.open_column_share * (len(ys) - 1):
        return box, []  # a grid mostly empty is a chart's plot area or a form, not a table's body
    # beside the grid up to the nearest other grid level with it (a chart beside it, another table)
    stops = [o for o in others if o[1] < bottom and o[3] > top]
    left = max([o[2] for o in stops if o[2] <= x0 + tolerance], default=float("-inf"))
    right = min([o[0] for o in stops if o[0] >= x1 - tolerance], default=float("inf"))
    out: list[dict] = []
    for side, beside in ((0, [w for w in level if left < w.x0 and w.x1 <= x0 + tolerance]),
                         (2, [w for w in level if x1 - tolerance <= w.x0 and w.x1 < right])):
        if not beside or any(w.top < y - tolerance and w.bottom > y + tolerance for w in beside for y in ys):
            continue
        if any(len(line.phrases) > 1 for line in text_lines(beside, settings)):
            continue  # not one column: a table of its own set beside the grid
        rows = {bisect_right(ys, w.y_center) for w in beside}
        if len(rows) < 2 or (1 not in rows and len(rows) < settings.open_column_share * (len(ys) - 1)):
            continue
        far = min(w.x0 for w in beside) - tolerance if side == 0 else max(w.x1 for w in beside) + tolerance
        near = box[side]
        a, b = min(far, near), max(far, near)
        out += [{"object_type": "line", "x0": a, "x1": b, "top": y, "bottom": y, "width": b - a, "height": 0.0,
                 "orientation": "h"} for y in ys]
        box = (far, box[1], box[2], box[3]) if side == 0 else (box[0], box[1], far, box[3])
    return box, out


def frame_edges(box: Box) -> list[dict]:
    """The four sides of a box as explicit ruling objects for pdfplumber's table finder: closes
    tables ruled inside only, whose outer rows and columns pdfplumber otherwise loses."""
    x0, top, x1, bottom = box
    return [
        {"object_type": "line", "x0": x0, "x1": x1, "top": top, "bottom": top, "width": x1 - x0, "height": 0.0, "orientation": "h"},
        {"object_type": "line", "x0": x0, "x1": x1, "top": bottom, "bottom": bottom, "width": x1 - x0, "height": 0.0, "orientation": "h"},
        {"object_type": "line", "x0": x0, "x1": x0, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top, "orientation": "v"},
        {"object_type": "line", "x0": x1, "x1": x1, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top, "orientation": "v"},
    ]


def is_sparse(rows: Sequence[Row]) -> bool:
    """Too few rows with two or more filled cells to stand as a table alone: one row, or no
    more than half of them (a framed paragraph, the boxes of a diagram). Such a piece is still
    the continuation of a table on the page before (a row split over the page break)."""
    multi_cell = sum(1 for row in rows if len(row.filled) >= 2)
    return len(rows) < 2 or 2 * multi_cell <= len(rows)


def cells_at_intersections(intersections: dict) -> list[Box]:
    """pdfplumber's intersections_to_cells, the same cells in the same order: for each
    intersection (sorted), the nearest one below and the nearest one right that rulings join it
    to and that close a rectangle. pdfplumber rebuilds two sets of ruling boxes for every pair
    of points it tests and scans every later point for those below and right (most of its table
    finder's time on a page of many cells); here each point's boxes are built once and the
    points on its x and its y are found by grouping."""
    vertical = {point: set(map(obj_to_bbox, edges["v"])) for point, edges in intersections.items()}
    horizontal = {point: set(map(obj_to_bbox, edges["h"])) for point, edges in intersections.items()}

    def connects(a: tuple, b: tuple) -> bool:
        return ((a[0] == b[0] and not vertical[a].isdisjoint(vertical[b]))
                or (a[1] == b[1] and not horizontal[a].isdisjoint(horizontal[b])))

    points = sorted(intersections)
    # the later points (in sorted order) on the same x and on the same y as each point
    by_x: dict[Any, list[tuple]] = {}
    by_y: dict[Any, list[tuple]] = {}
    for point in points:
        by_x.setdefault(point[0], []).append(point)
        by_y.setdefault(point[1], []).append(point)
    position = {point: (by_x[point[0]].index(point), by_y[point[1]].index(point)) for point in points}
    cells: list[Box] = []
    for point in points[:-1]:
        at_x, at_y = position[point]
        below, right = by_x[point[0]][at_x + 1 :], by_y[point[1]][at_y + 1 :]
        cell = None
        for below_pt in below:
            if not connects(point, below_pt):
                continue
            for right_pt in right:
                if not connects(point, right_pt):
                    continue
                corner = (right_pt[0], below_pt[1])
                if corner in intersections and connects(corner, right_pt) and connects(corner, below_pt):
                    cell = (point[0], point[1], corner[0], corner[1])
                    break
            if cell is not None:
                break
        if cell is not None:
            cells.append(cell)
    return cells


class GridFinder(TableFinder):
    """pdfplumber's TableFinder (edges, intersections, cells, tables), its cells found by
    cells_at_intersections: the same tables, sooner."""

    def __init__(self, page: Any, settings: dict[str, Any]) -> None:
        self.page = page
        self.settings = FinderSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance)
        self.cells = cells_at_intersections(self.intersections)
        self.tables = [Table(self.page, group) for group in cells_to_tables(self.cells)]


def _within(edge: dict, box: Box, tolerance: float) -> bool:
    return (box[0] - tolerance <= float(edge["x0"]) and float(edge["x1"]) <= box[2] + tolerance
            and box[1] - tolerance <= float(edge["top"]) and float(edge["bottom"]) <= box[3] + tolerance)


def grid_bands(box: Box, edges: Sequence[dict], tolerance: float) -> list[Box]:
    """A group of rulings cut into the grids stacked in it: at a height where every vertical
    ruling above ends and the ones below start at other x positions (none runs on across it),
    two grids were drawn one under the other, each band's rulings spanning only its own rows
    (a table's part under a repeated header set a few points aside, reportlab's split row). A
    grid whose rows are drawn apart keeps its x positions from row to row and is not cut; a
    spanning header row keeps its outer rulings. The band boxes, top to bottom; [box] when uncut."""
    verticals = [e for e in edges if e["orientation"] == "v" and _within(e, box, tolerance)]
    heights = cluster_positions([float(e[k]) for e in verticals for k in ("top", "bottom")], tolerance)
    cuts = []
    for y in heights:
        if y - box[1] <= tolerance or box[3] - y <= tolerance:
            continue
        if any(float(e["top"]) < y - tolerance and float(e["bottom"]) > y + tolerance for e in verticals):
            continue  # a ruling runs on across it
        above = [float(e["x0"]) for e in verticals if abs(float(e["bottom"]) - y) <= tolerance]
        below = [float(e["x0"]) for e in verticals if abs(float(e["top"]) - y) <= tolerance]
        if above and below and all(abs(a - b) > tolerance for a in above for b in below):
            cuts.append(y)
    if not cuts:
        return [box]
    bands = []
    for top, bottom in zip([box[1], *cuts], [*cuts, box[3]]):
        mine = [e for e in verticals if top - tolerance <= float(e["top"]) and float(e["bottom"]) <= bottom + tolerance]
        # horizontal rulings between the band's own rows (not those at the cuts, which the band
        # above or below may draw wider)
        inner = [e for e in edges if e["orientation"] == "h" and _within(e, box, tolerance)
                 and top + tolerance < float(e["top"]) < bottom - tolerance]
        xs = [float(e[k]) for e in (*mine, *inner) for k in ("x0", "x1")]
        if xs:
            bands.append((min(xs), top, max(xs), bottom))
    return bands


def row_break_edges(box: Box, edges: Sequence[dict], tolerance: float) -> list[dict]:
    """Horizontal rulings for the rows a grid draws apart without a rule between them: at a
    height where every vertical ruling of the grid (two or more x positions) ends and starts
    again at the same x, none running on across it and no horizontal ruling drawn there, the
    tool drew each row's sides on their own (reportlab draws a repeated header and the rest of a
    row split under it so, leaving out the rule between them). Only a grid whose vertical
    strokes elsewhere run on across its horizontal rulings says so: where every stroke stops at
    each rule (a ruling drawn cell by cell) or every few points (one drawn as many short
    touching strokes), a break is how the rule is drawn, not a row. A grid drawn in one stroke
    per column, or ruled between its rows, gives none."""
    verticals = [e for e in edges if e["orientation"] == "v" and _within(e, box, tolerance)]
    xs = cluster_positions([float(e["x0"]) for e in verticals], tolerance)
    if len(xs) < 2:
        return []
    horizontals = sorted(float(e["top"]) for e in edges if e["orientation"] == "h" and _within(e, box, tolerance))

    def crosses_a_rule(vertical: dict) -> bool:
        i = bisect_right(horizontals, float(vertical["top"]) + tolerance)
        return i < len(horizontals) and horizontals[i] < float(vertical["bottom"]) - tolerance

    if not any(crosses_a_rule(e) for e in verticals):
        return []
    out = []
    for y in cluster_positions([float(e["bottom"]) for e in verticals], tolerance):
        if box[3] - y <= tolerance or any(abs(h - y) <= tolerance for h in horizontals):
            continue
        ends = [e for e in verticals if abs(float(e["bottom"]) - y) <= tolerance]
        starts = [e for e in verticals if abs(float(e["top"]) - y) <= tolerance]
        runs_on = any(float(e["top"]) < y - tolerance and float(e["bottom"]) > y + tolerance for e in verticals)
        if not runs_on and all(any(abs(float(e["x0"]) - x) <= tolerance for e in ends)
                               and any(abs(float(e["x0"]) - x) <= tolerance for e in starts) for x in xs):
            out.append({"object_type": "line", "x0": box[0], "x1": box[2], "top": y, "bottom": y,
                        "width": box[2] - box[0], "height": 0.0, "orientation": "h"})
    return out


def find_ruled_tables(
    page: Any, page_number: int, words: Sequence[Word], line_height: float, settings: TableSettings
) -> list[PageTable]:
    """The ruled tables on a pdfplumber page (none when the page has no vertical rulings)."""
    edges = ruling_edges(page, settings.ruling_max_thickness)
    groups = ruling_groups(edges, settings.snap_tolerance, settings.block_gap_em * line_height)
    if not groups:
        return []
    tolerance = settings.snap_tolerance
    bands = {box: grid_bands(box, edges, tolerance) for box in groups}
    whole = [box for box in groups if len(bands[box]) == 1]
    # grids stacked in one group are found one band at a time, each from its own rulings: found
    # together, pdfplumber would read them as one grid of the union of their columns
    searches = [([e for e in edges if not any(_within(e, box, tolerance) for box in groups if box not in whole)],
                 whole)] if whole else []
    searches += [([e for e in edges if _within(e, band, tolerance)], [band])
                 for box in groups if box not in whole for band in bands[box]]
    coloured = coloured_fills(page, settings)
    shading = shading_edges(coloured, settings.align_tolerance)
    fills = [fill for fill, _ in coloured]
    opened = []
    for search_edges, boxes in searches:  # grids widened over an outer column left open
        widened = [open_side_edges(box, search_edges, words, [g for g in groups if g != box], settings) for box in boxes]
        opened.append(([*search_edges, *(e for _, added in widened for e in added)], [box for box, _ in widened]))
    searches = opened
    found = [table for search_edges, boxes in searches
             for table in GridFinder(page, finder_settings(settings, [*search_edges, *(
                 edge for box in boxes for edge in (*frame_edges(box), *row_break_edges(box, search_edges, tolerance),
                                                    *shading_break_edges(box, shading, search_edges, tolerance,
                                                                        settings.rule_cover),
                                                    *fill_seam_edges(box, fills, words, tolerance,
                                                                     settings.fill_seam_min,
                                                                     settings.fill_seam_max_fills)))])).tables]
    tables = []
    for table in found:
        x0, top, x1, bottom = table.bbox
        mine = [w for w in words if x0 <= w.x_center <= x1 and top <= w.y_center <= bottom]
        built = grid_table(page_number, table.cells, mine, settings)
        if built is not None and len(built.rows) == 1 and len(built.rows[0].filled) >= 2 and sum(
                1 for line in text_lines(mine, settings) if len(line.phrases) >= 2) >= settings.min_table_lines:
            continue  # ruled between its columns only (a frame round them, no rule between rows):
            # its rows are the unruled reader's to find, the column rulings still parting its columns
        if built is not None and is_sparse(built.rows):
            # one ruled row is a framed caption or a box, rows of one cell each are the boxes
            # of a diagram, unless they continue the table on the page before (its last rows
            # carried over): a weak piece, its text kept as lines
            built = replace(built, weak=True, lines=tuple(text_lines(mine, settings)))
        if built is not None:
            tables.append(open_below(built, edges, tolerance))
    return tables


def open_below(table: PageTable, edges: Sequence[dict], tolerance: float) -> PageTable:
    """`table` with its last row marked open (Row.open_below) when the grid is ruled above its
    first row and between its rows but draws no ruling under the last one: a tool that rules
    every row leaves the last one open only where the row goes on over the page (reportlab's
    split row). A grid ruled inside only (no outer rules), under its header only, or not
    between its rows, says nothing."""
    if len(table.rows) < 2:
        return table
    x0, top, x1, bottom = table.bbox
    last = table.rows[-1]

    def ruled_at(y: float) -> bool:
        return any(e["orientation"] == "h" and abs(float(e["top"]) - y) <= tolerance
                   and 2 * (min(float(e["x1"]), x1) - max(float(e["x0"]), x0)) >= x1 - x0 for e in edges)

    if ruled_at(bottom) or not ruled_at(last.top) or not ruled_at(top):
        return table
    return replace(table, rows=(*table.rows[:-1], replace(last, open_below=True)))


def horizontal_rules(page: Any) -> list[tuple[float, float, float]]:
    """(y, x0, x1) of the page's horizontal rulings (lines and rect edges), for unruled readers."""
    return [(float(e["top"]), float(e["x0"]), float(e["x1"])) for e in page.edges if e["orientation"] == "h"]
