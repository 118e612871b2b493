"""A page's characters as columns (one array or list per field, one entry per character), and
the words built from them.

Why columns: a page has thousands of characters, and a pdfplumber character is a dict of 17
keys (~2 us to build, more to read back key by key). The reader asks only a few fields of each
(text, font, size, box, whether upright, the direction of its matrix), and asks them of all
characters at once (overprints, runs by font, lines, words), which numpy does on columns. The
pdfium source computes its characters as columns already (source.py) and builds the dicts only
when something asks for them (pdfplumber's fallback word builder, `page.chars`); the pdfminer
source's dicts are read into columns (`Glyphs.from_dicts`).

The word builder is pdfplumber's WordExtractor for upright characters read left to right, its
rules applied to all characters at once (tests/extract/test_pdf_source.py checks it against
pdfplumber's `extract_words`); other runs go to pdfplumber, one run at a time.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Callable, Sequence

import numpy as np
from pdfplumber.utils.text import WordExtractor

_FIELDS = itemgetter("text", "fontname", "upright", "x0", "x1", "top", "bottom", "size")


class Glyphs:
    """A page's characters in drawing order, as columns: `text` and `fontnames[font]` per
    character, numpy arrays for the rest (`a`, `b`: the first two entries of its matrix, the
    direction its baseline runs). `dicts(index)` gives the pdfplumber dicts of the characters
    at `index` (all when None), for what needs them."""

    __slots__ = ("text", "font", "fontnames", "upright", "x0", "x1", "top", "bottom", "size", "a", "b",
                 "_rebuild", "_blank", "_empty", "_text_ids")

    def __init__(self, text: list[str], font: np.ndarray, fontnames: list[str], upright: np.ndarray,
                 x0: np.ndarray, x1: np.ndarray, top: np.ndarray, bottom: np.ndarray, size: np.ndarray,
                 a: np.ndarray, b: np.ndarray, rebuild: Callable[[np.ndarray], list[dict]],
                 blank: np.ndarray | None = None, empty: np.ndarray | None = None,
                 text_ids: np.ndarray | None = None) -> None:
        self.text, self.font, self.fontnames, self.upright = text, font, fontnames, upright
        self.x0, self.x1, self.top, self.bottom, self.size, self.a, self.b = x0, x1, top, bottom, size, a, b
        # `blank`, `empty` and `text_ids` of the texts, when the source read them with the texts
        # (else worked out when first asked)
        self._rebuild, self._blank, self._empty, self._text_ids = rebuild, blank, empty, text_ids

    def __len__(self) -> int:
        return len(self.text)

    @classmethod
    def from_dicts(cls, chars: Sequence[dict]) -> "Glyphs":
        """The columns of pdfplumber character dicts (the dicts themselves given back by `dicts`)."""
        chars = list(chars)
        fields = list(zip(*map(_FIELDS, chars))) if chars else [()] * 8
        fonts: dict[str, int] = {}
        font = np.fromiter((fonts.setdefault(name, len(fonts)) for name in fields[1]), dtype=np.int64, count=len(chars))
        matrices = [c.get("matrix") or (1.0, 0.0) for c in chars]
        turn = np.array([m[:2] for m in matrices], dtype=float).reshape(-1, 2)

        def rebuild(index: np.ndarray) -> list[dict]:
            return [chars[i] for i in index.tolist()]

        return cls(list(fields[0]), font, list(fonts), np.array(fields[2], dtype=bool),
                   *(np.array(column, dtype=float) for column in fields[3:]), turn[:, 0], turn[:, 1], rebuild)

    def take(self, index: np.ndarray) -> "Glyphs":
        """The characters at `index`, in that order."""
        index = np.asarray(index, dtype=np.int64)
        text = self.text
        rebuild = self._rebuild
        return Glyphs([text[i] for i in index.tolist()], self.font[index], self.fontnames, self.upright[index],
                      self.x0[index], self.x1[index], self.top[index], self.bottom[index], self.size[index],
                      self.a[index], self.b[index], lambda inner: rebuild(index[inner]),
                      None if self._blank is None else self._blank[index],
                      None if self._empty is None else self._empty[index],
                      None if self._text_ids is None else self._text_ids[index])

    def dicts(self, index: np.ndarray | None = None) -> list[dict]:
        return self._rebuild(np.arange(len(self.text)) if index is None else np.asarray(index, dtype=np.int64))

    @property
    def empty(self) -> np.ndarray:
        """Whether each character's text is empty (pdfplumber makes it a word of its own)."""
        if self._empty is None:
            self._empty = np.fromiter(map(len, self.text), dtype=np.int64, count=len(self.text)) == 0
        return self._empty

    @property
    def text_ids(self) -> np.ndarray:
        """A number per character, equal where the texts are equal (the overprint test compares
        texts as numbers)."""
        if self._text_ids is None:
            ids = {t: i for i, t in enumerate(dict.fromkeys(self.text))}  # a page has few distinct texts
            self._text_ids = np.fromiter(map(ids.__getitem__, self.text), dtype=np.int64, count=len(self.text))
        return self._text_ids

    @property
    def blank(self) -> np.ndarray:
        """Whether each character's text is white space (str.isspace: not the empty text)."""
        if self._blank is None:
            self._blank = np.fromiter(map(str.isspace, self.text), dtype=bool, count=len(self.text))
        return self._blank


def page_glyphs(page: Any) -> Glyphs:
    """The page's characters as columns: the pdfium source's own, any other page's dicts read."""
    glyphs = getattr(page, "glyphs", None)
    return glyphs if isinstance(glyphs, Glyphs) else Glyphs.from_dicts(page.chars)


def equal_runs(*columns: np.ndarray) -> np.ndarray:
    """An id per row, equal where the rows are equal in every column (== on each value), ids
    numbered in the rows' sorted order."""
    count = len(columns[0])
    if not count:
        return np.zeros(0, dtype=np.int64)
    order = np.lexsort(columns[::-1])
    changed = np.zeros(count, dtype=bool)
    for column in columns:
        ordered = column[order]
        changed[1:] |= ordered[1:] != ordered[:-1]
    ids = np.empty(count, dtype=np.int64)
    ids[order] = np.cumsum(changed)
    return ids


@dataclass(frozen=True, eq=False)
class GlyphWords:
    """Words as runs of character indexes: word i is `members[starts[i]:ends[i]]` (indexes into
    the page's Glyphs, in the word's reading order), words in pdfplumber's order."""

    members: np.ndarray
    starts: np.ndarray
    ends: np.ndarray

    def __len__(self) -> int:
        return len(self.starts)


def glyph_words(glyphs: Glyphs, order: np.ndarray, extractor: WordExtractor) -> GlyphWords:
    """pdfplumber's extract_words on the characters at `order` (in that order), with
    `extractor`'s settings, as character indexes; None of the settings this does not do
    itself may be set (see `builds_words`). Runs are the consecutive characters sharing
    upright and the extra attributes; an upright run's lines are its characters whose tops
    chain within y_tolerance (each line in drawing order, then sorted by x0); a word ends at a
    blank, at an empty text (pdfplumber's punctuation test), or where the next character starts
    left of the last one's x0, beyond its x1 + x tolerance, or its top moves by more than the y
    tolerance (tolerances as ratios of the last character's size when given). Other runs go to
    pdfplumber's own line and word rules."""
    order = np.asarray(order, dtype=np.int64)
    count = len(order)
    if not count:
        empty = np.zeros(0, dtype=np.int64)
        return GlyphWords(empty, empty, empty)
    upright = glyphs.upright[order]
    keys = [upright]
    if "fontname" in extractor.extra_attrs:
        keys.append(glyphs.font[order])
    if "size" in extractor.extra_attrs:
        keys.append(glyphs.size[order])
    run_change = np.zeros(count, dtype=bool)
    for key in keys:
        run_change[1:] |= key[1:] != key[:-1]
    run = np.cumsum(run_change)

    # upright runs: lines, then words, all runs at once
    up = np.flatnonzero(upright)
    top, x0, x1, size = glyphs.top[order], glyphs.x0[order], glyphs.x1[order], glyphs.size[order]
    by_top = up[np.lexsort((top[up], run[up]))]
    line_break = np.ones(len(by_top), dtype=bool)
    if len(by_top):
        ordered_top = top[by_top]
        line_break[1:] = (run[by_top][1:] != run[by_top][:-1]) | (ordered_top[1:] > ordered_top[:-1] + extractor.y_tolerance)
    line = np.empty(count, dtype=np.int64)
    line[by_top] = np.cumsum(line_break)
    sequence = up[np.lexsort((up, x0[up], line[up]))]  # each line's characters by x0, stable
    blank = glyphs.blank[order][sequence]
    empty = glyphs.empty[order][sequence]
    start = np.ones(len(sequence), dtype=bool)
    if len(sequence) > 1:
        prev, cur = sequence[:-1], sequence[1:]
        x_tol = extractor.x_tolerance if extractor.x_tolerance_ratio is None else extractor.x_tolerance_ratio * size[prev]
        y_tol = extractor.y_tolerance if extractor.y_tolerance_ratio is None else extractor.y_tolerance_ratio * size[prev]
        start[1:] = ((line[cur] != line[prev]) | blank[:-1] | empty[:-1] | empty[1:] | (x0[cur] < x0[prev])
                     | (x0[cur] > x1[prev] + x_tol) | (np.abs(top[cur] - top[prev]) > y_tol))
    kept = ~blank
    members = sequence[kept]
    starts = np.flatnonzero(start[kept])
    ends = np.append(starts[1:], len(members))
    word_run = run[members[starts]] if len(starts) else np.zeros(0, dtype=np.int64)

    sideways = np.flatnonzero(~upright)
    if len(sideways):  # pdfplumber's rules, one run at a time (rare: rotated labels)
        more_members, more_starts, more_runs = [members], [starts], [word_run]
        offset = len(members)
        # A sideways glyph's size is its advance (pdfminer's, as its box is turned), so one label's
        # glyphs differ in size: its runs are its consecutive glyphs of one font set one way.
        font, turn = glyphs.font[order], np.sign(glyphs.b[order])
        apart = np.ones(len(sideways), dtype=bool)
        apart[1:] = ((sideways[1:] != sideways[:-1] + 1) | (font[sideways[1:]] != font[sideways[:-1]])
                     | (turn[sideways[1:]] != turn[sideways[:-1]]))
        for positions in np.split(sideways, np.flatnonzero(apart)[1:]):
            number = int(run[positions[0]])
            chars = glyphs.dicts(order[positions])
            place = {id(char): p for char, p in zip(chars, positions.tolist())}
            reader = sideways_extractor(extractor, float(glyphs.b[order[positions[0]]]))
            for found_line, direction in reader.iter_chars_to_lines(chars):
                for word in extractor.iter_chars_to_words(found_line, direction):
                    more_members.append(np.array([place[id(char)] for char in word], dtype=np.int64))
                    more_starts.append(np.array([offset]))
                    more_runs.append(np.array([number]))
                    offset += len(word)
        members = np.concatenate(more_members)
        starts = np.concatenate(more_starts)
        word_run = np.concatenate(more_runs)
        ends = np.append(starts[1:], len(members))
        ranked = np.argsort(word_run, kind="stable")
        starts, ends = starts[ranked], ends[ranked]
    return GlyphWords(order[members], starts, ends)


def sideways_extractor(extractor: WordExtractor, turn: float) -> WordExtractor:
    """`extractor` reading a run of sideways glyphs in the direction they were set: `turn` is the
    second entry of their matrix, positive where the baseline runs up the page (text turned a
    quarter counter-clockwise, read bottom to top, its lines stacked left to right), negative
    where it runs down (turned clockwise: top to bottom, lines right to left). pdfplumber's own
    default reads every sideways run top to bottom, so a label turned counter-clockwise (the
    usual turned column heading) came out backwards."""
    char_dir, line_dir = ("btt", "ltr") if turn > 0 else ("ttb", "rtl")
    if extractor.char_dir_rotated == char_dir and extractor.line_dir_rotated == line_dir:
        return extractor
    turned = copy.copy(extractor)  # the same settings; only the sideways directions differ
    turned.char_dir_rotated, turned.line_dir_rotated = char_dir, line_dir
    return turned


def builds_words(extractor: WordExtractor) -> bool:
    """Whether glyph_words does the extractor's settings (else pdfplumber's own builder)."""
    return not (extractor.use_text_flow or extractor.keep_blank_chars or extractor.split_at_punctuation
                or extractor.line_dir != "ttb" or extractor.char_dir != "ltr" or not extractor.horizontal_ltr
                or not set(extractor.extra_attrs) <= {"fontname", "size"})


def word_texts(glyphs: Glyphs, found: GlyphWords, extractor: WordExtractor) -> list[str]:
    """Each word's text: its characters' texts joined, ligatures expanded as the extractor does."""
    expansions = extractor.expansions
    parts = list(map(glyphs.text.__getitem__, found.members.tolist()))
    if expansions and not expansions.keys().isdisjoint(parts):  # most pages hold no ligature
        parts = [expansions.get(t, t) for t in parts]
    return ["".join(parts[s:e]) for s, e in zip(found.starts.tolist(), found.ends.tolist())]


def word_boxes(glyphs: Glyphs, found: GlyphWords) -> tuple[list[float], list[float], list[float], list[float]]:
    """Each word's x0, x1, top, bottom: the least or greatest of its characters'."""
    if not len(found):
        return [], [], [], []
    members = found.members
    # reduceat wants the words laid out in order; sideways runs may have moved them
    layout = np.argsort(found.starts, kind="stable")
    starts = found.starts[layout]
    out = []
    for column, reduce in ((glyphs.x0, np.minimum), (glyphs.x1, np.maximum), (glyphs.top, np.minimum),
                           (glyphs.bottom, np.maximum)):
        values = np.empty(len(starts))
        values[layout] = reduce.reduceat(column[members], starts)
        out.append(values.tolist())
    return out[0], out[1], out[2], out[3]
