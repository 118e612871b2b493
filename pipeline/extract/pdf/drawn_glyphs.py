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
import math

import numpy as np

from pipeline.extract.pdf.glyph_columns import Glyphs, equal_runs
from pipeline.extract.pdf.settings import TableSettings

# glyph x band keys below this are exact in 64-bit integers (and bands then whole numbers a float
# holds exactly); a page beyond it is sorted by the two keys apart
_EXACT_KEYS = 2 ** 52


def seen_order(glyphs: Glyphs, settings: TableSettings) -> np.ndarray:
    """The indexes of the page's characters as seen: overprinted copies dropped, runs of one font
    gathered."""
    return gathered_order(glyphs, kept_glyphs(glyphs, settings.overprint_em))


def without_overprints(chars: list[dict], reach_em: float) -> list[dict]:
    """`chars` without the glyphs drawn over an identical glyph drawn earlier (kept_glyphs)."""
    kept = kept_glyphs(Glyphs.from_dicts(chars), reach_em)
    return chars if len(kept) == len(chars) else [chars[i] for i in kept.tolist()]


def gathered_runs(chars: list[dict]) -> list[dict]:
    """`chars` with the upright glyphs of each font and size together (gathered_order)."""
    order = gathered_order(Glyphs.from_dicts(chars), np.arange(len(chars)))
    return chars if (order == np.arange(len(chars))).all() else [chars[i] for i in order.tolist()]


def kept_glyphs(glyphs: Glyphs, reach_em: float) -> np.ndarray:
    """The indexes of the glyphs not drawn over an identical glyph drawn earlier: closer than
    `reach_em` x its size across and up or down (the first drawn is kept).

    Vectorised (every character of every page passes here): the glyphs are sorted by glyph, by
    a band one size high, then by x, so a copy sits right after its original; each glyph is
    compared with the ones 1, 2, ... places before it while any is a copy (a glyph drawn three
    times). A second pass with the bands shifted by half a size finds a copy that a band edge
    parted from its original."""
    count = len(glyphs)
    everything = np.arange(count)
    if count < 2:
        return everything
    text = glyphs.text_ids
    # what a copy shares with its original, as one number: text, font, upright and size (by rank)
    sizes, size_rank = np.unique(glyphs.size, return_inverse=True, equal_nan=False)
    fonts = int(glyphs.font.max()) + 1 if count else 1
    glyph = ((text * fonts + glyphs.font) * 2 + glyphs.upright) * len(sizes) + size_rank.reshape(-1)
    x, top = glyphs.x0, glyphs.top
    size = glyphs.size.copy()
    size[size <= 0] = 1.0
    reach = reach_em * size
    copy = np.zeros(count, dtype=bool)
    for shift in (0.0, 0.5):
        band = np.floor(top / size + shift)
        # glyph and band as one key (one sort key fewer): glyphs in order, bands in order inside
        low, high = (float(band.min()), float(band.max())) if np.isfinite(band).all() else (0.0, math.inf)
        if (high - low + 1) * (int(glyph.max()) + 1) < _EXACT_KEYS:
            key = glyph * int(high - low + 1) + (band - low).astype(np.int64)
            order = np.lexsort((x, key))
            k = key[order]
        else:
            order = np.lexsort((x, band, glyph))
            k = None
        g, b, xs, ts, rs = glyph[order], band[order], x[order], top[order], reach[order]
        for step in itertools.count(1):
            if step >= len(order):
                break
            alike = (k[step:] == k[:-step]) if k is not None else (g[step:] == g[:-step]) & (b[step:] == b[:-step])
            near = alike & (np.abs(xs[step:] - xs[:-step]) < rs[step:]) & (np.abs(ts[step:] - ts[:-step]) < rs[step:])
            if not near.any():
                break
            later, earlier = order[step:][near], order[:-step][near]
            copy[np.maximum(later, earlier)] = True  # the one drawn later is the copy
    copy &= ~glyphs.blank
    return np.flatnonzero(~copy)


def gathered_order(glyphs: Glyphs, index: np.ndarray) -> np.ndarray:
    """`index` (glyphs in drawing order) with the upright glyphs of each font and size together,
    runs in first-seen order, each run's glyphs in drawing order (a stable regrouping: a page
    drawn run by run is unchanged). A blank joins the run of the glyph drawn before it, whatever
    its own font: a space set in another font or size still parts the words around it. Sideways
    glyphs keep their order (pdfplumber reads them by its direction rules; they are notes, never
    cells): a run of their own, which the next sideways glyph of the same font and size
    continues (blanks between them included)."""
    count = len(index)
    if count < 2:
        return index
    upright = glyphs.upright[index]
    key = equal_runs(upright, glyphs.font[index], glyphs.size[index])  # what pdfplumber's word builder groups by
    first_of_group = np.ones(count, dtype=bool)
    first_of_group[1:] = key[1:] != key[:-1]
    group_keys = key[first_of_group]
    if len(np.unique(group_keys)) == len(group_keys):
        return index  # each font's glyphs already drawn together
    position = np.arange(count)
    inherits = upright & glyphs.blank[index]
    inherits[0] = False
    source = np.maximum.accumulate(np.where(inherits, 0, position))  # the glyph whose run each joins
    sideways = ~upright
    previous = np.empty(count, dtype=np.int64)
    previous[0] = -1
    previous[1:] = source[:-1]
    continues = sideways.copy()
    continues[0] = False
    continues[1:] &= sideways[previous[1:]] & (key[previous[1:]] == key[1:])
    new_sideways_run = sideways & ~continues
    label = np.where(sideways, key.max() + np.cumsum(new_sideways_run), key)[source]
    _, first_seen = np.unique(label, return_index=True)
    rank = np.empty(label.max() + 1, dtype=np.int64)
    rank[label[first_seen]] = first_seen
    return index[np.argsort(rank[label], kind="stable")]
