"""Words -> text lines -> phrases: the page's text as plain values, before any table logic.

A phrase is a run of words on one line separated by ordinary word spaces; a gap wide enough to
be cell padding starts a new phrase. Columns, rows and cells are all built from phrases.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, fields, replace
from operator import attrgetter, itemgetter
from statistics import median
from typing import Any, Collection, Iterable, Sequence

from pipeline.core.model import Box
from pipeline.extract.pdf.settings import TableSettings

_DIGITS = re.compile(r"\d+")
# a figure, perhaps with a footnote mark joined after it ("1,555a", "12.5*": joined_marks)
NUMERIC_CELL = re.compile(r"^[(£$€]?\s*[-+]?\d[\d,.]*\s*%?\)?(?-i:[a-z†‡]|\*{1,3})?$|^n/?a$", re.IGNORECASE)


# texts asked again and again (a table's column of "growth", "n/a", its repeated headings) read
# once; bounded, since a long-running process reads document after document
@functools.lru_cache(maxsize=1 << 14)
def is_numeric(cell: str) -> bool:
    return bool(NUMERIC_CELL.match(cell.strip())) and any(ch.isdigit() for ch in cell)

# what phrases and lines read of their words and phrases (C getters)
_TEXT, _X0, _X1, _TOP, _BOTTOM, _BOLD, _WORDS = map(attrgetter, ("text", "x0", "x1", "top", "bottom", "bold", "words"))
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.IGNORECASE)
# Word's list bullets are glyphs of the Symbol and Wingdings fonts at the private-use code points
# Microsoft maps those fonts to (U+F0B7 Symbol's round bullet, U+F0A7 Wingdings' square one); a
# PDF printed by Word or LibreOffice (OpenSymbol) keeps that code in its text. Read as the bullets
# they show, so a cell's bulleted list reads as one wherever its text goes.
SYMBOL_FONT_BULLETS = str.maketrans({"\uf0b7": "\u2022", "\uf0a7": "\u25aa"})
_SYMBOL_BULLET_CODES = frozenset(map(chr, SYMBOL_FONT_BULLETS))  # translated only where present


class cached_property:
    """functools.cached_property without its lock (Python 3.12 dropped it too): computed on first
    access and kept in the instance's dict, where later reads find it before this descriptor.
    Phrases and lines are read single-threaded, and Python 3.11's lock costs more than most of
    the values it guards (a phrase's x0)."""

    def __init__(self, func: Any) -> None:
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = TableSettings.default_font_size
    bold: bool = False
    # The word ends a line without the space the page's producer prints at its other line ends:
    # cut mid-word because it was wider than its column ("Anne" + "x B: Theme"), or ending too
    # close to the edge for the space to fit, or a paragraph's end (continues_word tells which).
    broken: bool = False
    # A space glyph printed after the word ends where the next word on the line starts: the two
    # are words of one phrase, though a large font's space is as wide as narrow cell padding.
    space_follows: bool = False
    # Set in a line of text that runs other than left to right (rotated axis titles in charts,
    # vertical labels): never part of a table row.
    sideways: bool = False
    # The left edge of each character (one per character of `text`), for widths inside the word:
    # its first glyph, the part after a slash. Empty for words made by hand (widths estimated).
    glyph_x: tuple[float, ...] = ()
    # A vertical ruling runs between this word and the one before it on the line (they were one
    # run of glyphs, cut at the ruling): they are in different columns, however close.
    after_ruling: bool = False

    def x_at(self, index: int) -> float:
        """Where the character at `index` starts (`x1` past the last one)."""
        if index >= len(self.text):
            return self.x1
        if len(self.glyph_x) == len(self.text):
            return self.glyph_x[index]
        return self.x0 + (self.x1 - self.x0) * index / max(len(self.text), 1)

    @property
    def x_center(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def y_center(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True, init=False)
class Phrase:
    words: tuple[Word, ...]

    def __init__(self, words: tuple[Word, ...]) -> None:
        # the field set in the instance's dict: the frozen dataclass's __init__ goes through
        # object.__setattr__, and a page makes hundreds of phrases and lines. The text and the
        # box are set with it (plain attributes, not fields): nearly every phrase is asked them,
        # and a cached_property's first read costs more than its value (two calls)
        own = self.__dict__
        own["words"] = words
        if len(words) == 1:  # a one-word phrase (many cells): its word's text and box as they are
            word = words[0]
            own["text"], own["x0"], own["x1"], own["top"], own["bottom"] = (
                word.text, word.x0, word.x1, word.top, word.bottom)
        else:
            own["text"], own["x0"], own["x1"], own["top"], own["bottom"] = (
                " ".join(map(_TEXT, words)), min(map(_X0, words)), max(map(_X1, words)), min(map(_TOP, words)),
                max(map(_BOTTOM, words)))

    # each read once a phrase, through C getters (map), not generators: a page has hundreds
    @cached_property
    def bold(self) -> bool:
        return all(map(_BOLD, self.words))

    @cached_property
    def numeric(self) -> bool:
        """The phrase is a figure, its spaces aside ("20 922"): asked of the same phrases by
        the column, row and prose steps alike."""
        return is_numeric(self.text.replace(" ", ""))


@dataclass(frozen=True, init=False)
class TextLine:
    phrases: tuple[Phrase, ...]

    def __init__(self, phrases: tuple[Phrase, ...]) -> None:
        # as Phrase's: the field, and what every line is asked (its words, left edge and top)
        own = self.__dict__
        own["phrases"], own["words"], own["x0"], own["top"] = (
            phrases, tuple(itertools.chain.from_iterable(map(_WORDS, phrases))), phrases[0].x0, min(map(_TOP, phrases)))

    @cached_property
    def text(self) -> str:
        return " ".join(map(_TEXT, self.phrases))

    @cached_property
    def x1(self) -> float:
        return max(map(_X1, self.phrases))

    @cached_property
    def bottom(self) -> float:
        return max(map(_BOTTOM, self.phrases))

    @cached_property
    def height(self) -> float:
        return self.bottom - self.top

    @cached_property
    def bold(self) -> bool:
        return all(map(_BOLD, self.phrases))

    @cached_property
    def signature(self) -> str:
        """The text with spacing, case and numbers (page numbers, dates) ignored: how running
        headers and footers are matched across pages (furniture.py), each page's lines with
        those of the pages either side, so worked out once a line."""
        return _DIGITS.sub("#", " ".join(self.text.casefold().split()))


@functools.cache
def is_bold_font(fontname: str) -> bool:
    """Whether the font's name says bold (asked for every word: a page has a few fonts)."""
    return bool(_BOLD_FONT.search(fontname))


_GLYPH_X0 = itemgetter("x0")


def word_from_pdfplumber(word: dict, settings: TableSettings = TableSettings()) -> Word:
    """A pdfplumber word dict (extracted with extra_attrs fontname and size) as a Word."""
    return make_word(*word_args(word), settings=settings)


def word_args(word: dict) -> tuple:
    """make_word's arguments (text to after_ruling) for a pdfplumber word dict."""
    return (word["text"], float(word["x0"]), float(word["x1"]), float(word["top"]), float(word["bottom"]),
            word.get("size"), word.get("fontname", ""), word.get("upright", True),
            tuple(map(float, map(_GLYPH_X0, word.get("chars") or ()))), bool(word.get("after_ruling")))


def word_size(size: float | None, top: float, bottom: float, settings: TableSettings = TableSettings()) -> float:
    """A word's font size: its font's, else its box's height, else the default."""
    return float(size or (bottom - top) or settings.default_font_size)


def make_word(text: str, x0: float, x1: float, top: float, bottom: float, size: float | None, fontname: Any,
              upright: bool, glyph_x: tuple[float, ...], after_ruling: bool,
              settings: TableSettings = TableSettings(), broken: bool = False, space_follows: bool = False) -> Word:
    """A Word from what the word builder gives: its font's name and size (word_size) and whether
    it reads upright."""
    if not _SYMBOL_BULLET_CODES.isdisjoint(text):
        text = text.translate(SYMBOL_FONT_BULLETS)
    # every field of Word, in its order
    return _new_word(text, x0, x1, top, bottom, word_size(size, top, bottom, settings), is_bold_font(str(fontname)),
                     broken, space_follows, not upright, glyph_x, after_ruling)


_WORD_FIELDS = tuple(field.name for field in fields(Word))


def make_words(args: Sequence[tuple], broken: Collection[int] = (), space_follows: Collection[int] = (),
               settings: TableSettings = TableSettings()) -> list[Word]:
    """make_word of each tuple of its arguments (text to after_ruling), the words at the indexes in
    `broken` and `space_follows` so marked: one loop over a page's words, not a call each."""
    words: list[Word] = []
    default, new = settings.default_font_size, object.__new__
    bold_of: dict[Any, bool] = {}  # is_bold_font by font name: a page has a few
    for index, (text, x0, x1, top, bottom, size, fontname, upright, glyph_x, after_ruling) in enumerate(args):
        if not _SYMBOL_BULLET_CODES.isdisjoint(text):
            text = text.translate(SYMBOL_FONT_BULLETS)
        bold = bold_of.get(fontname)
        if bold is None:
            bold = bold_of[fontname] = is_bold_font(str(fontname))
        word = new(Word)
        # word_size and make_word's fields, every one of Word's by name, in its order (stored
        # one by one: half the cost of dict.update(zip(...)) a word; test_pdf_model checks the
        # fields against Word's)
        fields_of = word.__dict__
        (fields_of["text"], fields_of["x0"], fields_of["x1"], fields_of["top"], fields_of["bottom"], fields_of["size"],
         fields_of["bold"], fields_of["broken"], fields_of["space_follows"], fields_of["sideways"],
         fields_of["glyph_x"], fields_of["after_ruling"]) = (
            text, x0, x1, top, bottom, float(size or (bottom - top) or default), bold, index in broken,
            index in space_follows, not upright, glyph_x, after_ruling)
        words.append(word)
    return words


def _new_word(*values: Any) -> Word:
    """Word(*values), every field given in order, without the frozen dataclass's __init__ (one
    object.__setattr__ per field, ~6x the cost of filling the instance's dict, and a page makes
    hundreds of words): the same fields in the same dict, so equal and hashed alike."""
    word = object.__new__(Word)
    word.__dict__.update(zip(_WORD_FIELDS, values))  # every field given (make_words says why not strict)
    return word


_TOP_X0 = attrgetter("top", "x0")  # a sort key (a C getter: every word is sorted)


def group_lines(words: Iterable[Word], settings: TableSettings = TableSettings()) -> list[list[Word]]:
    """Words into lines: a word joins the line whose vertical band it overlaps by
    settings.line_overlap (half) of its height.

    Overlap rather than equal tops, so that a bold or larger header cell beside a normal one, or a
    baseline a point lower, stays on the same line.
    """
    lines: list[list[Word]] = []
    bands: list[tuple[float, float]] = []
    overlap, lookback = settings.line_overlap, settings.line_lookback
    # min() and max() written as comparisons (same values): this runs for every word and line
    for word in sorted(words, key=_TOP_X0):
        word_top, word_bottom = word.top, word.bottom
        height = word_bottom - word_top
        if height < 0.1:
            height = 0.1  # a zero-height glyph box still overlaps its line
        # recent lines only: linear
        last = len(lines) - 1
        for index in range(last, last - lookback if last - lookback > -1 else -1, -1):
            top, bottom = bands[index]
            shared = (bottom if bottom <= word_bottom else word_bottom) - (top if top >= word_top else word_top)
            if shared >= overlap * (height if height <= bottom - top else bottom - top):
                lines[index].append(word)
                bands[index] = (top if top <= word_top else word_top, bottom if bottom >= word_bottom else word_bottom)
                break
        else:
            lines.append([word])
            bands.append((word.top, word.bottom))
    ordered = sorted(zip(bands, lines), key=lambda item: item[0][0])
    return [sorted(line, key=_X0) for _, line in ordered]


_SENTENCE_END = (".", "?", "!", ":", ";")


def _even_spacing(gaps: Sequence[float], settings: TableSettings) -> float | None:
    """The word space of a line whose gaps are mostly even (three in five within 20% of their
    median, as justification stretches them), else None (the gaps of header fragments in
    narrow columns, or of cells, vary)."""
    median_gap = sorted(gaps)[len(gaps) // 2]
    even = sum(1 for g in gaps if abs(g - median_gap) <= settings.even_space_tolerance * median_gap)
    return median_gap if even >= settings.even_space_share * len(gaps) else None


def column_breaks(words: Sequence[Word], settings: TableSettings) -> list[bool]:
    """For each gap between neighbouring words of a line, whether it separates two columns.

    A vertical ruling between two words always separates them. A gap as wide as cell padding
    separates columns, except in running text:
    - in a line of words (six or more, mostly words of two or more lower-case letters) spaced
      evenly, only a gap at least twice its word space, or clearly narrower, separates columns:
      justified lines stretch every space evenly (past padding, past an em in a narrow column),
      and typesetters that print no space glyphs (TeX) vary them a little; a row of one-word cells ("Q1 Q2 Q3 Q4", "6 6 12 120%", a narrow column's header
      wrapped into fragments) is not such a line and keeps the padding rule, nor is a line
      whose every word is capitalised (headings centred over columns: running text has words
      in lower case, "in", "of", "were");
    - the wider space some typesetters put after a sentence ('aware.  Nevertheless'), within a
      line of four or more gaps and narrower than column_gap_sure_em.
    """
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:])]
    if not gaps:
        return []
    breaks = []
    word_space: float | None = None
    spacing_read = False  # word_space is read at the first gap that asks for it (most lines have none)
    column_gap, follows_em = settings.column_gap, settings.space_follows_em  # looked up once a line
    size, threshold = None, 0.0  # column_gap(size), asked again only when the size changes
    for left, right, gap in zip(words, words[1:], gaps):
        # max(left.size, right.size), written as a comparison: this runs for every gap of every line
        left_size, right_size = left.size, right.size
        pair_size = right_size if right_size > left_size else left_size
        if pair_size != size:
            size, threshold = pair_size, column_gap(pair_size)
        if right.after_ruling:
            breaks.append(True)  # a vertical ruling runs between them
        elif gap < threshold or (left.space_follows and gap < follows_em * left_size):
            breaks.append(False)
        elif (len(gaps) >= settings.sentence_line_min_gaps and left.text.endswith(_SENTENCE_END)
              and right.text[:1].isupper()
              and gap < settings.column_gap_sure_em * size):
            breaks.append(False)  # a sentence space in running text
        else:
            if not spacing_read:
                word_space, spacing_read = _line_word_space(words, gaps, settings), True
            if word_space is not None:
                # a line of words: a gap unlike its word space (a justified cell's line ends a
                # narrow gap before the next column)
                breaks.append(gap >= settings.word_space_wide * word_space
                              or gap <= settings.word_space_narrow * word_space)
            elif gap >= settings.column_gap_sure_em * size:
                breaks.append(True)
            else:
                breaks.append(True)
    return breaks


def _line_word_space(words: Sequence[Word], gaps: Sequence[float], settings: TableSettings) -> float | None:
    """The word space of a line of words (column_breaks), None when it is no such line."""
    # a line of words counted letter by letter only when it has gaps enough to be one
    wordy = len(gaps) >= settings.even_line_min_gaps and (
        sum(1 for w in words if sum(map(str.islower, w.text)) >= 2) >= settings.wordy_share * len(words))
    word_space = _even_spacing(gaps, settings) if wordy else None
    if word_space is not None and all(w.text[:1].isupper() for w in words if w.text[:1].isalpha()):
        word_space = None  # every word capitalised: headings set one per column, not running text
    return word_space


def split_phrases(words: Sequence[Word], settings: TableSettings) -> tuple[Phrase, ...]:
    """A line's words (left to right) into phrases at gaps that separate columns."""
    breaks = column_breaks(words, settings)
    if words and not any(breaks):
        return (Phrase(tuple(words)),)  # one phrase (most lines of running text and of one cell)
    phrases: list[list[Word]] = []
    for word, starts_column in zip(words, [True, *breaks]):
        if phrases and not starts_column:
            phrases[-1].append(word)
        else:
            phrases.append([word])
    return tuple(Phrase(tuple(p)) for p in phrases)


def text_lines(words: Iterable[Word], settings: TableSettings) -> list[TextLine]:
    """The page's words as lines of phrases, top to bottom (marks joined to their words)."""
    return [TextLine(split_phrases(joined_marks(line, settings), settings)) for line in group_lines(words, settings)]


FIGURE = re.compile(r"[-+(]?[£$€]?\d[\d,.]*%?\)?")  # a figure as one word: "12,345", "(12.5)", "-3%"


def joined_marks(line: Sequence[Word], settings: TableSettings) -> list[Word]:
    """A line's words (left to right) with each footnote or reference mark joined to the figure
    before it ("1,555" + a raised "a" -> "1,555a"): a word of at most mark_max_chars characters,
    set at most mark_size_ratio of the figure's size, raised (its bottom mark_raise_em of the
    figure's size or more above the figure's) and at most mark_gap_em of its size after it. Set
    apart it would read as a column of its own, or as a word after a space. The figure keeps
    its extent: the mark hangs past the edge a column of figures is aligned on (after a word of
    text, a raised small word is left as it is: "c" and a raised "2" for chi squared)."""
    out: list[Word] = []
    max_chars, size_ratio = settings.mark_max_chars, settings.mark_size_ratio
    for word in line:
        before = out[-1] if out else None
        # the figure test last: the others are comparisons, and most words are no mark
        if (before is not None and len(word.text) <= max_chars and word.size <= size_ratio * before.size
                and before.bottom - word.bottom >= settings.mark_raise_em * before.size
                and 0 <= word.x0 - before.x1 <= settings.mark_gap_em * before.size
                and FIGURE.fullmatch(before.text)):
            # the word keeps its own extent (a mark hangs past the edge its column is aligned
            # on), so its glyphs' places no longer match its text: estimated (Word.x_at)
            out[-1] = replace(before, text=before.text + word.text, glyph_x=(),
                              space_follows=word.space_follows, broken=word.broken)
        else:
            out.append(word)
    return out


def median_line_height(lines: Sequence[TextLine], settings: TableSettings = TableSettings()) -> float:
    return median([line.height for line in lines]) if lines else settings.default_font_size


BREAK = "\u00ad"  # soft hyphen: marks a line that ends inside a word (see cell_lines_text)

# Characters no line starts with after a space break: a line break before one is possible only
# by cutting a word ("2015" / "/16"), never at a word space (UAX #14: closing punctuation,
# infix separators, symbols allowing a break after them only).
_NO_BREAK_BEFORE = frozenset("/)]},.;:!?%")


def continues_word(word: Word, after: Word, right: float | None, left: float | None = None,
                   settings: TableSettings = TableSettings()) -> bool:
    """`after`, the first word of a cell's next line, is the rest of `word`, the only word of
    the line above, cut where it met the cell's right text edge `right` (None: unknown, taken
    as the word's own end); `left` is the cell's left text edge (None: the word's start).

    A word processor cuts a word only when it is wider than the whole line: it moves the word
    to a line of its own and fills that line with as many characters as fit. So a cut line
    holds one word, printed without the space glyph the page shows at its other line ends
    (`Word.broken`), and:
    - it starts at the cell's left text edge (a line filled from edge to edge, whatever the
      alignment: a shorter line, centred or set flush right, was not cut);
    - the next character would not have fitted: when the first glyph of `after` would have
      fitted before the edge, the line ended for another reason (a paragraph end in the cell);
    - the word carries on in its own case: lower case after a letter, capitals after capitals,
      or a mark no line starts with ("2015" / "/16"); a number is not cut into a number;
    - no break opportunity inside the word left a part that fits a line with `after`: a word
      with a slash or a hyphen in it is wrapped there first ("Cabinet/" + "Portfolioholders"
      when that fits), so "Cabinet/Portfolio" over "holders", which together fit the line,
      wrapped at a space.
    When the edge is too close for even a space, a word that fits its line exactly and a cut
    word look the same; the cut is taken (the line holds one word, and the next line carries on
    in its case).
    """
    if not word.broken or not word.text or not after.text:
        return False
    last, first = word.text[-1], after.text[0]
    if not last.isalnum():
        return False
    carries_on = (last.isalpha() and (first.islower() or (first.isupper() and last.isupper()))
                  or first in _NO_BREAK_BEFORE)
    if not carries_on:
        return False
    slack = settings.cut_slack_em * word.size  # positions rounded by the producer (LibreOffice: to twips)
    if left is not None and word.x0 > left + slack:
        return False  # the line does not start at the cell's edge: not filled
    edge = max(right, word.x1) if right is not None else word.x1
    if word.x1 + (after.x_at(1) - after.x0) <= edge - slack:
        return False  # its first glyph would have fitted on the line
    width = edge - word.x0  # the line's width: the cut word starts its line
    for index in range(len(word.text) - 2, 0, -1):
        if word.text[index] in "/-\u2013" and word.text[index + 1].isalpha():
            part = word.x1 - word.x_at(index + 1)  # what follows the last break opportunity
            return part + (after.x1 - after.x0) > width + slack
    return True


def breaks_after_slash(word: Word, after: Word) -> bool:
    """A line that ends with a slash attached to a word, without the space glyph the page prints
    at its line ends, broke at the slash: the next line goes on without a space
    ("Commentary/" + "forecast")."""
    text = word.text
    return word.broken and len(text) >= 2 and text[-1] == "/" and text[-2].isalnum() and after.text[:1].isalnum()


def joins_next_line(line: Sequence[Word], after: Word, right: float | None, left: float | None = None,
                    settings: TableSettings = TableSettings()) -> bool:
    """A cell line that ends inside a word (or at a slash) which the line below goes on with."""
    if not line:
        return False
    if breaks_after_slash(line[-1], after):
        return True
    return len(line) == 1 and continues_word(line[0], after, right, left, settings)


def cell_lines_text(lines: Sequence[Sequence[Word]], right: float | None = None, left: float | None = None,
                    settings: TableSettings = TableSettings()) -> str:
    """The lines of one cell (words left to right, top to bottom) as one string: a space
    between lines, none where a line ends inside a word or at a slash (joins_next_line; `right`
    and `left` are the cell's text edges, None for the ends of its widest lines) or after a
    hyphen attached to a word (join_cell_lines)."""
    lines = [line for line in lines if line]  # read, never changed: no copies
    if lines:
        right = max(w.x1 for line in lines for w in line) if right is None else right
        left = min(line[0].x0 for line in lines) if left is None else left
    parts = []
    for line, below in zip(lines, [*lines[1:], None]):
        text = " ".join(map(_TEXT, line))
        if below is not None and joins_next_line(line, below[0], right, left, settings):
            text += BREAK
        parts.append(text)
    return join_cell_lines(parts)


def join_cell_lines(parts: Iterable[str]) -> str:
    """Lines of one cell as one string: a space between lines, none after a hyphen attached to a
    word ("manage-" + "ment" -> "manage-ment", kept as printed); a free-standing "-" keeps its
    spaces ("Apr -" + "June" -> "Apr - June"); none after a line marked as ending inside a word
    or at a slash (BREAK: "Them" + "e" -> "Theme")."""
    out = ""
    for part in parts:
        glued = part.endswith(BREAK)
        part = " ".join(part.removesuffix(BREAK).split())
        if not part:
            continue
        if not out:
            out = part
        elif out.endswith(BREAK):
            out = out[:-1] + part
        elif len(out) >= 2 and out.endswith("-") and out[-2].isalnum():
            out += part
        else:
            out += " " + part
        if glued:
            out += BREAK
    return out.removesuffix(BREAK)


@dataclass(frozen=True, init=False)
class CellEnds:
    """What a cell's text needs to be joined to text below it in another row (a header cell
    wrapped into the next header row, a row split over a page break): its first word, its last
    line's words and its text edges."""

    first: Word
    last_line: tuple[Word, ...]
    right: float | None = None
    left: float | None = None

    def __init__(self, first: Word, last_line: tuple[Word, ...], right: float | None = None,
                 left: float | None = None) -> None:
        # the fields' dict filled at once (as Phrase's): a table has one a cell
        self.__dict__.update(first=first, last_line=last_line, right=right, left=left)

    def joins(self, below: "CellEnds") -> bool:
        """The cell's last line ends inside a word that `below`'s first line goes on with."""
        return joins_next_line(self.last_line, below.first, self.right, self.left)

    def then(self, below: "CellEnds") -> "CellEnds":
        """The ends of this cell with `below` joined under it."""
        return CellEnds(self.first, below.last_line, below.right, below.left)


def cell_ends(lines: Sequence[Sequence[Word]], right: float | None = None,
              left: float | None = None) -> CellEnds | None:
    lines = [line for line in lines if line]
    if not lines:
        return None
    right = max(w.x1 for line in lines for w in line) if right is None else right
    left = min(line[0].x0 for line in lines) if left is None else left
    return CellEnds(lines[0][0], tuple(lines[-1]), right, left)


def join_cells(upper: str, upper_ends: CellEnds | None, lower: str, lower_ends: CellEnds | None) -> str:
    """Two cells' texts, one above the other, as one (see cell_lines_text)."""
    glue = upper_ends is not None and lower_ends is not None and upper_ends.joins(lower_ends)
    return join_cell_lines([upper + BREAK if glue else upper, lower])


_LEFT, _HEAD, _RIGHT, _FOOT = map(itemgetter, range(4))  # a box's x0, top, x1, bottom


def union_box(boxes: Iterable[Box]) -> Box | None:
    boxes = list(boxes)
    if not boxes:
        return None
    return (min(map(_LEFT, boxes)), min(map(_HEAD, boxes)), max(map(_RIGHT, boxes)), max(map(_FOOT, boxes)))


def phrase_box(phrase: Phrase) -> Box:
    return (phrase.x0, phrase.top, phrase.x1, phrase.bottom)
