"""A page whose text is printed sideways (a landscape table on a portrait page, turned either
way, or upside down) -> the same page turned so that its text reads upright.

Why turn the page rather than the table: every later step (words, rulings, the grid) works on
upright text, and pdfminer already turns a page's content by its /Rotate entry. Setting /Rotate
to the angle the text runs at gives the page as a reader would hold it: words built left to
right, rulings in the table's own frame (rows across, columns down), nothing transposed.
"""

from __future__ import annotations

import copy
import math
from collections import Counter
from typing import Any

import numpy as np
from pdfplumber.page import Page

from pipeline.extract.pdf.glyph_columns import Glyphs, page_glyphs
from pipeline.extract.pdf.settings import TableSettings


def text_angle(char: dict) -> int:
    """The direction a glyph's baseline runs, to the nearest quarter turn (0, 90, 180, 270),
    counter-clockwise, from its text matrix (upright text: 0)."""
    a, b = float(char["matrix"][0]), float(char["matrix"][1])
    return round(math.degrees(math.atan2(b, a)) / 90) % 4 * 90


def sideways_turn(chars: list[dict], settings: TableSettings) -> int:
    """glyphs_turn of pdfplumber character dicts."""
    visible = [c["matrix"][:2] for c in chars if str(c.get("text", "")).strip()]
    turns = np.array(visible, dtype=float).reshape(-1, 2)
    return turn_of(turns[:, 0], turns[:, 1], settings)


def glyphs_turn(glyphs: Glyphs, settings: TableSettings) -> int:
    """The quarter turn (90, 180, 270; 0 for none) that sets the page's text upright: the angle
    most of its glyphs run at, when more than settings.sideways_page_share of them do. A rotated
    axis title or a vertical label beside an upright table is a minority and turns nothing."""
    if len(glyphs) and not glyphs.b.any() and (glyphs.a > 0).all():
        return 0  # every glyph's baseline runs left to right (most pages): upright, visible or not
    visible = np.fromiter(map(bool, map(str.strip, glyphs.text)), dtype=bool, count=len(glyphs))
    return turn_of(glyphs.a[visible], glyphs.b[visible], settings)


def turn_of(a: np.ndarray, b: np.ndarray, settings: TableSettings) -> int:
    """glyphs_turn from the visible glyphs' matrix entries a, b (the direction of the baseline)."""
    if not len(a):
        return 0
    # the glyphs of one text object share its matrix: one angle per distinct direction
    pairs = np.stack([a, b], axis=1)
    directions, first, counts = np.unique(pairs, axis=0, return_index=True, return_counts=True)
    by_angle: Counter[int] = Counter()  # angles in the order the page first shows them (ties: the first)
    seen = np.argsort(first)
    for (x, y), count in zip(directions[seen].tolist(), counts[seen].tolist()):
        by_angle[text_angle({"matrix": (x, y)})] += count
    angle, count = by_angle.most_common(1)[0]
    return angle if angle and count > settings.sideways_page_share * len(a) else 0


def turned(page: Any, quarter_turn: int) -> Any:
    """The pdfplumber page again, displayed turned clockwise by quarter_turn degrees more than
    its own /Rotate (the page object is copied: the document's own page is left as it is). A
    page from another source (pipeline.extract.pdf.source.PdfiumPage) turns itself."""
    if hasattr(page, "turned"):
        return page.turned(quarter_turn)
    page_obj = copy.copy(page.page_obj)
    rotate = (int(page.rotation) + quarter_turn) % 360
    page_obj.attrs = {**page_obj.attrs, "Rotate": rotate}
    page_obj.rotate = rotate
    upright = Page(page.pdf, page_obj, page.page_number, page.initial_doctop)
    upright.printed, upright.turned_by = page, quarter_turn  # for drawing it (debug_image)
    return upright


def upright_page(page: Any, settings: TableSettings) -> Any:
    """The page as it reads: turned when its text is printed sideways, else the page itself."""
    turn = glyphs_turn(page_glyphs(page), settings)
    return turned(page, turn) if turn else page
