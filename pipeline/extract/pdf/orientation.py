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

from pdfplumber.page import Page

from pipeline.extract.pdf.settings import TableSettings


def text_angle(char: dict) -> int:
    """The direction a glyph's baseline runs, to the nearest quarter turn (0, 90, 180, 270),
    counter-clockwise, from its text matrix (upright text: 0)."""
    a, b = float(char["matrix"][0]), float(char["matrix"][1])
    return round(math.degrees(math.atan2(b, a)) / 90) % 4 * 90


def sideways_turn(chars: list[dict], settings: TableSettings) -> int:
    """The quarter turn (90, 180, 270; 0 for none) that sets the page's text upright: the angle
    most of its glyphs run at, when more than settings.sideways_page_share of them do. A rotated
    axis title or a vertical label beside an upright table is a minority and turns nothing."""
    # the glyphs of one text object share its matrix: counted by matrix, one angle each
    by_matrix = Counter([c["matrix"][:2] for c in chars if str(c.get("text", "")).strip()])
    visible = by_matrix.total()
    if not visible:
        return 0
    counts: Counter[int] = Counter()
    for (a, b), count in by_matrix.items():
        counts[text_angle({"matrix": (a, b)})] += count
    angle, count = counts.most_common(1)[0]
    return angle if angle and count > settings.sideways_page_share * visible else 0


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
    turn = sideways_turn(page.chars, settings)
    return turned(page, turn) if turn else page
