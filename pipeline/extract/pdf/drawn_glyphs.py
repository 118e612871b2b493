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

from operator import itemgetter

from pipeline.extract.pdf.settings import TableSettings

_RUN_KEY = ("upright", "fontname", "size")  # what pdfplumber's word builder groups glyphs by
_SAME_GLYPH = itemgetter("upright", "text", "fontname", "size")


def seen_glyphs(chars: list[dict], settings: TableSettings) -> list[dict]:
    """The page's characters, overprinted copies dropped and runs of one font gathered."""
    return gathered_runs(without_overprints(chars, settings.overprint_em))


def without_overprints(chars: list[dict], reach_em: float) -> list[dict]:
    """`chars` without the glyphs drawn over an earlier-kept identical glyph: closer than
    `reach_em` x its size across and up or down (the first drawn is kept). Kept glyphs are filed
    by glyph and by cells one font size square, so each glyph is compared with the few kept in
    its cell and the cells around."""
    kept: dict[tuple, list[dict]] = {}
    out = []
    for char in chars:
        if char["text"].isspace():
            out.append(char)
            continue
        glyph, size = _SAME_GLYPH(char), float(char["size"]) or 1.0
        row, col = round(float(char["top"]) / size), round(float(char["x0"]) / size)
        near = (other for dr in (-1, 0, 1) for dc in (-1, 0, 1) for other in kept.get((glyph, row + dr, col + dc), ()))
        reach = reach_em * size
        if any(abs(float(char["x0"]) - float(o["x0"])) < reach and abs(float(char["top"]) - float(o["top"])) < reach
               for o in near):
            continue
        kept.setdefault((glyph, row, col), []).append(char)
        out.append(char)
    return out


def gathered_runs(chars: list[dict]) -> list[dict]:
    """`chars` with the upright glyphs of each font and size together, runs in first-seen order,
    each run's glyphs in drawing order (a stable regrouping: a page drawn run by run is unchanged).
    A blank joins the run of the glyph drawn before it, whatever its own font: a space set in
    another font or size still parts the words around it. Sideways glyphs keep their order
    (pdfplumber reads them by its direction rules; they are notes, never cells)."""
    runs: dict[tuple, list[dict]] = {}
    last: tuple | None = None
    for char in chars:
        key: tuple = tuple(char.get(name) for name in _RUN_KEY)
        if not char.get("upright", True):  # a run of its own, where it was drawn
            same_run = last is not None and last[0] == "sideways" and last[2:] == key
            key = last if same_run else ("sideways", len(runs), *key)
        elif char["text"].isspace() and last is not None:
            key = last
        runs.setdefault(key, []).append(char)
        last = key
    if len(runs) == 1:
        return chars
    return [char for run in runs.values() for char in run]
