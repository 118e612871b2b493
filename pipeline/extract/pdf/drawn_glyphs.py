"""A page's glyphs as they are seen, whatever order and how many times they were drawn.

Content-stream order and repetition are the producer's business, not the reader's:
- a glyph drawn again over itself (fake bold, a shadow) shows once (`TableSettings.overprint_em`;
  pdfplumber's `dedupe_chars` does the same with a fixed 1 pt);
- pdfplumber builds words from runs of consecutive glyphs sharing a font and size, so glyphs of
  one font drawn apart in the stream (one glyph per operator in shuffled order, a bold header
  drawn interleaved with the body) would never join into words: glyphs sharing a font and size
  are gathered into one run, in the order their run first appears.
"""

from __future__ import annotations

import itertools
from operator import itemgetter

import numpy as np

from pipeline.extract.pdf.settings import TableSettings

_RUN_KEY = itemgetter("upright", "fontname", "size")  # what pdfplumber's word builder groups glyphs by
_GLYPH = itemgetter("upright", "text", "fontname", "size")
_X0, _TOP, _SIZE = itemgetter("x0"), itemgetter("top"), itemgetter("size")


def seen_glyphs(chars: list[dict], settings: TableSettings) -> list[dict]:
    """The page's characters, overprinted copies dropped and runs of one font gathered."""
    return gathered_runs(without_overprints(chars, settings.overprint_em))


def without_overprints(chars: list[dict], reach_em: float) -> list[dict]:
    """`chars` without the glyphs drawn over an identical glyph drawn earlier: closer than
    `reach_em` x its size across and up or down (the first drawn is kept).

    Vectorised (every character of every page passes here): the glyphs are sorted by glyph, by
    a band one size high, then by x, so a copy sits right after its original; each glyph is
    compared with the ones 1, 2, ... places before it while any is a copy (a glyph drawn three
    times). A second pass with the bands shifted by half a size finds a copy that a band edge
    parted from its original."""
    if len(chars) < 2:
        return chars
    ids: dict[tuple, int] = {}
    glyph = np.array([ids.setdefault(key, len(ids)) for key in map(_GLYPH, chars)])
    if len(ids) == len(chars):
        return chars  # no glyph drawn twice on the page
    blank = np.array([text.isspace() for text in map(itemgetter("text"), chars)])
    x = np.array(list(map(_X0, chars)), dtype=float)
    top = np.array(list(map(_TOP, chars)), dtype=float)
    size = np.array(list(map(_SIZE, chars)), dtype=float)
    size[size <= 0] = 1.0
    reach = reach_em * size
    copy = np.zeros(len(chars), dtype=bool)
    for shift in (0.0, 0.5):
        band = np.floor(top / size + shift)
        order = np.lexsort((x, band, glyph))
        g, b, xs, ts, rs = glyph[order], band[order], x[order], top[order], reach[order]
        for step in itertools.count(1):
            if step >= len(order):
                break
            near = ((g[step:] == g[:-step]) & (b[step:] == b[:-step]) & (np.abs(xs[step:] - xs[:-step]) < rs[step:])
                    & (np.abs(ts[step:] - ts[:-step]) < rs[step:]))
            if not near.any():
                break
            later, earlier = order[step:][near], order[:-step][near]
            copy[np.maximum(later, earlier)] = True  # the one drawn later is the copy
    copy &= ~blank
    if not copy.any():
        return chars
    return [char for char, is_copy in zip(chars, copy.tolist()) if not is_copy]


def gathered_runs(chars: list[dict]) -> list[dict]:
    """`chars` with the upright glyphs of each font and size together, runs in first-seen order,
    each run's glyphs in drawing order (a stable regrouping: a page drawn run by run is unchanged).
    A blank joins the run of the glyph drawn before it, whatever its own font: a space set in
    another font or size still parts the words around it. Sideways glyphs keep their order
    (pdfplumber reads them by its direction rules; they are notes, never cells)."""
    keys = list(map(_RUN_KEY, chars))
    groups = [key for key, _ in itertools.groupby(keys)]
    if len(groups) == len(set(groups)):
        return chars  # each font's glyphs already drawn together
    runs: dict[tuple, list[dict]] = {}
    last: tuple | None = None
    for char, key in zip(chars, keys):
        if not key[0]:  # sideways: a run of its own, where it was drawn
            same_run = last is not None and last[0] == "sideways" and last[2:] == key
            key = last if same_run else ("sideways", len(runs), *key)
        elif char["text"].isspace() and last is not None:
            key = last
        runs.setdefault(key, []).append(char)
        last = key
    return [char for run in runs.values() for char in run]
