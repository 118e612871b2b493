"""Words -> text lines -> phrases: the page's text as plain values, before any table logic.

A phrase is a run of words on one line separated by ordinary word spaces; a gap wide enough to
be cell padding starts a new phrase. Columns, rows and cells are all built from phrases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from statistics import median
from typing import Iterable, Sequence

from pipeline.core.model import Box
from pipeline.extract.pdf.settings import TableSettings

_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|,b\b", re.IGNORECASE)


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 10.0
    bold: bool = False
    # The word ends a line without the space the page's producer prints at its other line ends:
    # a word broken mid-word because it was wider than its column ("Anne" + "x B: Theme").
    broken: bool = False
    # A space glyph printed after the word ends where the next word on the line starts: the two
    # are words of one phrase, though a large font's space is as wide as narrow cell padding.
    space_follows: bool = False
    # Set in a line of text that runs other than left to right (rotated axis titles in charts,
    # vertical labels): never part of a table row.
    sideways: bool = False

    @property
    def x_center(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def y_center(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class Phrase:
    words: tuple[Word, ...]

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @cached_property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)


@dataclass(frozen=True)
class TextLine:
    phrases: tuple[Phrase, ...]

    @cached_property
    def words(self) -> tuple[Word, ...]:
        return tuple(w for p in self.phrases for w in p.words)

    @cached_property
    def text(self) -> str:
        return " ".join(p.text for p in self.phrases)

    @cached_property
    def x0(self) -> float:
        return self.phrases[0].x0

    @cached_property
    def x1(self) -> float:
        return max(p.x1 for p in self.phrases)

    @cached_property
    def top(self) -> float:
        return min(p.top for p in self.phrases)

    @cached_property
    def bottom(self) -> float:
        return max(p.bottom for p in self.phrases)

    @cached_property
    def height(self) -> float:
        return self.bottom - self.top

    @cached_property
    def bold(self) -> bool:
        return all(p.bold for p in self.phrases)


def word_from_pdfplumber(word: dict) -> Word:
    """A pdfplumber word dict (extracted with extra_attrs fontname and size) as a Word."""
    return Word(
        text=word["text"],
        x0=float(word["x0"]),
        x1=float(word["x1"]),
        top=float(word["top"]),
        bottom=float(word["bottom"]),
        size=float(word.get("size") or (word["bottom"] - word["top"]) or 10.0),
        bold=bool(_BOLD_FONT.search(str(word.get("fontname", "")))),
        sideways=not word.get("upright", True),
    )


def group_lines(words: Iterable[Word]) -> list[list[Word]]:
    """Words into lines: a word joins the line whose vertical band it overlaps by half its height.

    Overlap rather than equal tops, so that a bold or larger header cell beside a normal one, or a
    baseline a point lower, stays on the same line.
    """
    lines: list[list[Word]] = []
    bands: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        height = max(word.bottom - word.top, 0.1)
        for index in range(len(lines) - 1, max(-1, len(lines) - 4), -1):  # recent lines only: linear
            top, bottom = bands[index]
            if min(bottom, word.bottom) - max(top, word.top) >= 0.5 * min(height, bottom - top):
                lines[index].append(word)
                bands[index] = (min(top, word.top), max(bottom, word.bottom))
                break
        else:
            lines.append([word])
            bands.append((word.top, word.bottom))
    ordered = sorted(zip(bands, lines), key=lambda item: item[0][0])
    return [sorted(line, key=lambda w: w.x0) for _, line in ordered]


_SENTENCE_END = (".", "?", "!", ":", ";")


def _even_spacing(gaps: Sequence[float]) -> float | None:
    """The word space of a line whose gaps are mostly even (three in five within 20% of their
    median, as justification stretches them), else None (the gaps of header fragments in
    narrow columns, or of cells, vary)."""
    median_gap = sorted(gaps)[len(gaps) // 2]
    even = sum(1 for g in gaps if abs(g - median_gap) <= 0.2 * median_gap)
    return median_gap if even >= 0.6 * len(gaps) else None


def column_breaks(words: Sequence[Word], settings: TableSettings) -> list[bool]:
    """For each gap between neighbouring words of a line, whether it separates two columns.

    A gap as wide as cell padding separates columns, except in running text:
    - in a line of words (six or more, mostly words of two or more lower-case letters) spaced
      evenly, only a gap at least twice its word space, or clearly narrower, separates columns:
      justified lines stretch every space evenly (past padding, past an em in a narrow column),
      and typesetters that print no space glyphs (TeX) vary them a little; a row of one-word cells ("Q1 Q2 Q3 Q4", "6 6 12 120%", a narrow column's header
      wrapped into fragments) is not such a line and keeps the padding rule;
    - the wider space some typesetters put after a sentence ('aware.  Nevertheless'), within a
      line of four or more gaps and narrower than column_gap_sure_em.
    """
    gaps = [b.x0 - a.x1 for a, b in zip(words, words[1:])]
    if not gaps:
        return []
    wordy = sum(1 for w in words if sum(c.islower() for c in w.text) >= 2) >= 0.6 * len(words)
    word_space = _even_spacing(gaps) if wordy and len(gaps) >= 5 else None
    breaks = []
    for index, gap in enumerate(gaps):
        left, right = words[index], words[index + 1]
        size = max(left.size, right.size)
        if gap < settings.column_gap(size) or (left.space_follows and gap < 0.5 * left.size):
            breaks.append(False)
        elif (len(gaps) >= 4 and left.text.endswith(_SENTENCE_END) and right.text[:1].isupper()
              and gap < settings.column_gap_sure_em * size):
            breaks.append(False)  # a sentence space in running text
        elif word_space is not None:
            # a line of words: a gap unlike its word space (a justified cell's line ends a
            # narrow gap before the next column)
            breaks.append(gap >= 2 * word_space or gap <= 0.7 * word_space)
        elif gap >= settings.column_gap_sure_em * size:
            breaks.append(True)
        else:
            breaks.append(True)
    return breaks


def split_phrases(words: Sequence[Word], settings: TableSettings) -> tuple[Phrase, ...]:
    """A line's words (left to right) into phrases at gaps that separate columns."""
    phrases: list[list[Word]] = []
    for word, starts_column in zip(words, [True, *column_breaks(words, settings)]):
        if phrases and not starts_column:
            phrases[-1].append(word)
        else:
            phrases.append([word])
    return tuple(Phrase(tuple(p)) for p in phrases)


def text_lines(words: Iterable[Word], settings: TableSettings) -> list[TextLine]:
    """The page's words as lines of phrases, top to bottom."""
    return [TextLine(split_phrases(line, settings)) for line in group_lines(words)]


def median_line_height(lines: Sequence[TextLine]) -> float:
    return median([line.height for line in lines]) if lines else 10.0


BREAK = "\u00ad"  # soft hyphen: marks a line that ends inside a word (see cell_line_text)


def cell_line_text(words: Sequence[Word]) -> str:
    """One line of a cell as text; a line that is a single broken word ends with BREAK, so that
    join_cell_lines glues it to the next line. Only a line holding nothing but the fragment
    counts: a word too wide for its column starts a new line before it is cut."""
    text = " ".join(w.text for w in words)
    if len(words) == 1 and words[0].broken and text[-1:].isalnum():
        return text + BREAK
    return text


def join_cell_lines(parts: Iterable[str]) -> str:
    """Lines of one cell as one string: a space between lines, none after a hyphen attached to a
    word ("manage-" + "ment" -> "manage-ment", kept as printed); a free-standing "-" keeps its
    spaces ("Apr -" + "June" -> "Apr - June"); none after a word cut at the line end (BREAK)
    when the next line goes on with letters or digits ("Them" + "e" -> "Theme")."""
    out = ""
    for part in parts:
        part = " ".join(part.split())
        if not part or part == BREAK:
            continue
        if not out:
            out = part
        elif out.endswith(BREAK):
            out = out[:-1] + ("" if part[0].isalnum() else " ") + part
        elif len(out) >= 2 and out.endswith("-") and out[-2].isalnum():
            out += part
        else:
            out += " " + part
    return out.removesuffix(BREAK)


def union_box(boxes: Iterable[Box]) -> Box | None:
    boxes = list(boxes)
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def phrase_box(phrase: Phrase) -> Box:
    return (phrase.x0, phrase.top, phrase.x1, phrase.bottom)
