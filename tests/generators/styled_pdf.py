"""PDFs drawn the way real published documents draw them, for the PDF reader's tests (issue 12,
item 3): each page is a list of blocks placed with reportlab's canvas at exact positions, so a
test states what is on the page (rows of cells, paragraphs, list items, chart values) and
compares the reader's answer with that statement, never with anything the pipeline produced.

Table styles (`StyledTable`):
- rules "lines": stroked lines; "bars": rules as thin filled rectangles; "segments": every rule
  drawn as many short touching strokes; "none": no rules at all;
- `cell_fill`: coloured backgrounds in every cell as ICDAR eu-001 paints them (see LINE_FILL_INSET);
- `header_fill`: the header rows on a coloured background; `band`: alternate body rows filled;
- `title`: a row spanning all columns inside the grid, above the header ("THRESHOLD FOR RELEASES");
- a row of one cell (a 1-tuple) spans all columns: a section row, at any position;
- `merges`: cells merged across columns and/or rows (a header cell "Number delivered per quarter"
  over Q1-Q4, "Theme" over both header rows): no rules inside, the text in the first cell;
- `wrap`: each cell's text broken into lines at its column's width, as a word processor does.

Other blocks: `Heading`, `Prose` (one or two columns, justified or ragged, optionally with two
spaces after each sentence), `BulletList`, `Chart` (a line chart: axes, slanted plotted strokes,
numbers along the axes, data labels, a rotated axis title). `Page.rotate=90` draws a landscape page
on portrait paper with /Rotate 90, as scanned-and-rotated or landscape annex pages are stored.
`build_pdf(..., running=(odd, even))` prints alternating odd/even running headers.

reportlab is a test extra: imported inside the functions that draw.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any, Sequence

A4 = (595.2756, 841.8898)
MARGIN = 54.0
FONT, BOLD = "Helvetica", "Helvetica-Bold"

# Report text for prose fixtures: three paragraphs of the kind a board paper prints around its annex.
PARAGRAPHS = (
    "The council agreed the improvement plan for the year and asked officers to report on the "
    "progress made against each of its aims at every meeting of the board.",
    "Peer reviews of libraries, museums and sport services were held in eight councils, and each "
    "council received a written report with recommendations and an offer of further support.",
    "Members noted that the budget for the programme was spent in full and that the figures for the "
    "last quarter will be confirmed when the councils have returned their monitoring forms.",
)
RULES = ("lines", "bars", "segments", "none")
PADDING = 3.0  # points between a cell's rules and its text
TEXT_INSET = 5.5  # points between a cell's left rule and its text
# eu-001 paints every cell twice: one fill between its rules, and one per text line, inset 5.2 pt
# from the rules on both sides (wider than pdfplumber's 3 pt snap tolerance, so the fills' edges
# stand as lines of their own) and cut at each line of text.
LINE_FILL_INSET = 5.2


@dataclass(frozen=True)
class StyledTable:
    """A table: header rows then body rows; a row given as a 1-tuple spans every column."""

    widths: tuple[float, ...]
    header: tuple[tuple[str, ...], ...]
    body: tuple[tuple[str, ...], ...]
    rules: str = "lines"
    title: str | None = None  # a spanning row inside the grid above the header
    cell_fill: str | None = None  # hex colour of the eu-001 cell backgrounds
    header_fill: str | None = None
    band: str | None = None  # hex colour of every second body row (the first body row is filled)
    font_size: float = 9.0
    rule_width: float = 0.6  # the stroke width, or the bar thickness
    segment: float = 12.0  # the length of each piece of a "segments" rule
    # The lines of a cell given over several lines ("\n") set justified: every line but the
    # last stretched to the cell's width with the word-spacing operator, as report tables set
    # long comments.
    justify: bool = False
    # Merged cells, each (first row, first column, last row, last column), rows counted over the
    # header then the body (the title not counted); the text is the first cell's, the others
    # must be empty.
    merges: tuple[tuple[int, int, int, int], ...] = ()
    # Break each cell's text into lines no wider than its column (or merged cells) less the
    # insets, at spaces, as a word processor does; a "\n" in a cell still breaks a line.
    wrap: bool = False
    # Body rows (indexes into `body`) printed in the bold face, as theme or section rows often are.
    bold_body_rows: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.rules not in RULES:
            raise ValueError(f"rules must be one of {RULES}, got {self.rules!r}")
        if any(not 0 <= i < len(self.body) for i in self.bold_body_rows):
            raise ValueError(f"bold_body_rows {self.bold_body_rows!r} must be indexes of body rows")
        rows = (*self.header, *self.body)
        for row in rows:
            if len(row) not in (1, len(self.widths)):
                raise ValueError(f"row {row!r} has {len(row)} cells; the table has {len(self.widths)} columns")
        for merge in self.merges:
            r0, c0, r1, c1 = merge
            if not (0 <= r0 <= r1 < len(rows) and 0 <= c0 <= c1 < len(self.widths)) or merge[:2] == merge[2:]:
                raise ValueError(f"merge {merge!r} is not a block of two or more cells of the table")
            if any(len(rows[r]) == 1 for r in range(r0, r1 + 1)):
                raise ValueError(f"merge {merge!r} covers a row that already spans all columns")
            if any(rows[r][k] for r in range(r0, r1 + 1) for k in range(c0, c1 + 1) if (r, k) != (r0, c0)):
                raise ValueError(f"merge {merge!r}: only its first cell may hold text")

    def _merge_of(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        for merge in self.merges:
            if merge[0] <= row <= merge[2] and merge[1] <= col <= merge[3]:
                return merge
        return None

    def lines_of(self, row: int, col: int, font: str) -> list[str]:
        """The printed lines of cell (`row`, `col`) (rows over header then body; a spanning row's
        text is its column 0)."""
        rows = (*self.header, *self.body)
        text = rows[row][col]
        if not self.wrap:
            return text.split("\n")
        if len(rows[row]) == 1:
            width = sum(self.widths)
        else:
            merge = self._merge_of(row, col) or (row, col, row, col)
            width = sum(self.widths[merge[1]:merge[3] + 1])
        return wrap_text(text, width - 2 * TEXT_INSET, font, self.font_size)

    def expected(self) -> list[tuple[str, ...]]:
        """The rows as a reader should give them: the title and spanning rows with their text in
        the first column, lines of a cell joined with a space."""
        rows = ([(self.title,)] if self.title else []) + [*self.header, *self.body]
        width = len(self.widths)
        return [tuple(" ".join(c.split("\n")) for c in r) + ("",) * (width - len(r)) for r in rows]

    def draw(self, c: Any, x: float, top: float, page_h: float) -> float:
        from reportlab.lib import colors
        from reportlab.pdfbase.pdfmetrics import stringWidth

        size, leading = self.font_size, self.font_size * 1.25
        rows = ([((self.title,), "title")] if self.title else []) + [(r, "header") for r in self.header] + [
            (r, "body") for r in self.body]
        skip = 1 if self.title else 0  # rows[i] is row i - skip of header + body
        first_body = skip + len(self.header)
        fonts = [FONT if kind == "body" and i - first_body not in self.bold_body_rows else BOLD
                 for i, (_, kind) in enumerate(rows)]

        def cell_lines(i: int, k: int) -> list[str]:
            if i < skip:
                return self.title.split("\n")
            return self.lines_of(i - skip, k, fonts[i])

        lines = [[cell_lines(i, k) for k in range(len(r))] for i, (r, _) in enumerate(rows)]
        # a cell merged over rows lays its lines over them: each row is as tall as its unmerged
        # cells need, and the last row of a merge as tall as the rest of the merge's lines need
        needs = [max([len(ls) for k, ls in enumerate(lines[i])
                      if len(r) == 1 or not self._merge_of(i - skip, k)] + [1]) for i, (r, _) in enumerate(rows)]
        for r0, c0, r1, _ in self.merges:
            over = len(lines[r0 + skip][c0]) - sum(needs[r0 + skip:r1 + skip + 1])
            if over > 0:
                needs[r1 + skip] += over
        heights = [n * leading + 2 * PADDING for n in needs]
        edges_x = [x]
        for w in self.widths:
            edges_x.append(edges_x[-1] + w)
        edges_y = [top]
        for h in heights:
            edges_y.append(edges_y[-1] + h)
        right = edges_x[-1]

        def fill(colour: str, x0: float, t: float, x1: float, b: float) -> None:
            c.setFillColor(colors.HexColor(colour))
            c.rect(x0, page_h - b, x1 - x0, b - t, fill=1, stroke=0)

        body_index = 0
        for i, ((row, kind), t, b) in enumerate(zip(rows, edges_y, edges_y[1:])):
            spans = [(edges_x[0], right)] if len(row) == 1 else list(zip(edges_x, edges_x[1:]))
            if kind == "header" and self.header_fill:
                fill(self.header_fill, x, t, right, b)
            if kind == "body":
                if self.band and body_index % 2 == 0:
                    fill(self.band, x, t, right, b)
                body_index += 1
            if self.cell_fill:
                for k, (x0, x1) in enumerate(spans):
                    fill(self.cell_fill, x0, t, x1, b)
                    for k in range(len(lines[i][k])):
                        line_top = t + PADDING + k * leading
                        fill(self.cell_fill, x0 + LINE_FILL_INSET, line_top, x1 - LINE_FILL_INSET, line_top + leading)
        c.setFillColor(colors.black)
        for i, ((row, _), t) in enumerate(zip(rows, edges_y)):
            c.setFont(fonts[i], size)
            cells = [(row[0], edges_x[0])] if len(row) == 1 else list(zip(row, edges_x))
            for k, (text, x0) in enumerate(cells):
                parts = lines[i][k]
                merge = None if len(row) == 1 or i < skip else self._merge_of(i - skip, k)
                if merge and merge[:2] != (i - skip, k):
                    continue  # inside a merge: the first cell prints the text
                x1 = right if len(row) == 1 else edges_x[(merge[3] if merge else k) + 1]
                cell_w = x1 - x0 - 2 * TEXT_INSET
                for n, part in enumerate(parts):
                    line = c.beginText(x0 + TEXT_INSET, page_h - (t + PADDING + size + n * leading))
                    line.setFont(fonts[i], size)
                    if self.justify and n < len(parts) - 1 and part.count(" "):
                        natural = stringWidth(part, fonts[i], size)
                        line.setWordSpace((cell_w - natural) / part.count(" "))
                    else:
                        line.setWordSpace(0)  # the canvas keeps the last line's spacing otherwise
                    line.textOut(part)
                    c.drawText(line)
        if self.rules != "none":
            for i, y in enumerate(edges_y):  # every row boundary runs the full width, but in merges
                above, below = i - 1 - skip, i - skip
                inside = [k for k in range(len(self.widths)) if above >= 0 and below < len(rows) - skip
                          and self._merge_of(above, k) is not None
                          and self._merge_of(above, k) == self._merge_of(below, k)]
                for x0, x1 in _runs(edges_x, inside):
                    self._rule(c, x0, y, x1, y, page_h)
            for i, ((row, _), t, b) in enumerate(zip(rows, edges_y, edges_y[1:])):
                for k, xv in enumerate(edges_x if len(row) > 1 else (edges_x[0], right)):
                    if len(row) > 1 and 0 < k < len(self.widths) and i >= skip and self._merge_of(i - skip, k - 1) \
                            and self._merge_of(i - skip, k - 1) == self._merge_of(i - skip, k):
                        continue
                    self._rule(c, xv, t, xv, b, page_h)
        return edges_y[-1]

    def _rule(self, c: Any, x0: float, t: float, x1: float, b: float, page_h: float) -> None:
        from reportlab.lib import colors

        c.setStrokeColor(colors.black)
        c.setFillColor(colors.black)
        c.setLineWidth(self.rule_width)
        pieces = [(x0, t, x1, b)]
        if self.rules == "segments":
            length = max(x1 - x0, b - t)
            n = max(1, round(length / self.segment))
            pieces = [(x0 + (x1 - x0) * i / n, t + (b - t) * i / n, x0 + (x1 - x0) * (i + 1) / n,
                       t + (b - t) * (i + 1) / n) for i in range(n)]
        for a0, s, a1, e in pieces:
            if self.rules == "bars":
                half = self.rule_width / 2
                if s == e:  # horizontal bar
                    c.rect(a0 - half, page_h - s - half, a1 - a0 + 2 * half, self.rule_width, fill=1, stroke=0)
                else:
                    c.rect(a0 - half, page_h - e - half, self.rule_width, e - s + 2 * half, fill=1, stroke=0)
            else:
                c.line(a0, page_h - s, a1, page_h - e)


def _runs(edges_x: Sequence[float], skipped: Sequence[int]) -> list[tuple[float, float]]:
    """The stretches of a row boundary to rule: the full width less the columns in `skipped`."""
    runs: list[tuple[float, float]] = []
    for k in range(len(edges_x) - 1):
        if k in skipped:
            continue
        if runs and runs[-1][1] == edges_x[k]:
            runs[-1] = (runs[-1][0], edges_x[k + 1])
        else:
            runs.append((edges_x[k], edges_x[k + 1]))
    return runs


def wrap_text(text: str, width: float, font: str, size: float) -> list[str]:
    """`text` broken at spaces into lines no wider than `width` (a "\n" breaks too); a word wider
    than `width` is a ValueError (a word processor would cut it: say so in the specification)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            if stringWidth(word, font, size) > width:
                raise ValueError(f"{word!r} is wider than its cell ({width:.1f} pt at {size} pt)")
            candidate = f"{line} {word}" if line else word
            if line and stringWidth(candidate, font, size) > width:
                out.append(line)
                line = word
            else:
                line = candidate
        out.append(line)
    return out


@dataclass(frozen=True)
class Heading:
    text: str
    size: float = 14.0

    def draw(self, c: Any, x: float, top: float, page_h: float) -> float:
        c.setFont(BOLD, self.size)
        c.drawString(x, page_h - top - self.size, self.text)
        return top + self.size * 1.4


def break_lines(words: Sequence[str], width: float, size: float, sentence_space: bool) -> list[list[str]]:
    """Words into lines no wider than `width` at ordinary spacing (greedy)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    space = stringWidth(" ", FONT, size)
    lines: list[list[str]] = [[]]
    used = 0.0
    for word in words:
        w = stringWidth(word, FONT, size)
        gap = 0.0 if not lines[-1] else space * (2 if sentence_space and _ends_sentence(lines[-1][-1]) else 1)
        if lines[-1] and used + gap + w > width:
            lines.append([word])
            used = w
        else:
            lines[-1].append(word)
            used += gap + w
    return lines


def _ends_sentence(word: str) -> bool:
    return bool(re.search(r"[.?!]$", word))


@dataclass(frozen=True)
class Prose:
    """Paragraphs of running text in `columns` columns (the paragraphs flow down the first column,
    then the next), justified (word spaces stretched to the column's edge, last lines ragged) or
    ragged; `sentence_space`: two spaces after a sentence, as some typesetters print."""

    paragraphs: tuple[str, ...]
    width: float = A4[0] - 2 * MARGIN
    columns: int = 1
    gutter: float = 18.0
    justify: bool = True
    sentence_space: bool = False
    size: float = 10.0
    lines_per_column: int | None = None  # None: split the lines evenly between the columns

    def draw(self, c: Any, x: float, top: float, page_h: float) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        leading = self.size * 1.2
        column_w = (self.width - self.gutter * (self.columns - 1)) / self.columns
        laid: list[tuple[list[str], bool]] = []  # (words, last line of its paragraph)
        for paragraph in self.paragraphs:
            lines = break_lines(paragraph.split(), column_w, self.size, self.sentence_space)
            laid.extend((words, i == len(lines) - 1) for i, words in enumerate(lines))
            laid.append(([], True))  # a blank line between paragraphs
        laid.pop()
        per_column = self.lines_per_column or -(-len(laid) // self.columns)
        bottom = top
        for index, (words, last) in enumerate(laid):
            column, k = divmod(index, per_column)
            if column >= self.columns:
                raise ValueError("the prose does not fit in its columns")
            y = top + self.size + k * leading
            # printed as a typesetter does: space glyphs between words, a justified line's spaces
            # widened with the word-spacing operator (Tw) to reach the column's right edge
            text = "".join(w + ("  " if self.sentence_space and _ends_sentence(w) else " ") for w in words).rstrip()
            spaces = text.count(" ")
            stretch = 0.0
            if self.justify and not last and spaces:
                stretch = (column_w - stringWidth(text, FONT, self.size)) / spaces
            line = c.beginText(x + column * (column_w + self.gutter), page_h - y)
            line.setFont(FONT, self.size)
            line.setWordSpace(stretch)
            line.textOut(text)
            c.drawText(line)
            bottom = max(bottom, y + 0.3 * self.size)
        return bottom


def _marker_font(marker: str) -> str:
    """Helvetica for ASCII markers; reportlab's bundled Vera (embedded, with a ToUnicode map, as
    word processors embed their fonts) for a bullet glyph, so the text layer reads back U+2022."""
    if marker.isascii():
        return FONT
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    return "Vera"


@dataclass(frozen=True)
class BulletList:
    """List items, each with a marker at the left and its text wrapped beside it."""

    items: tuple[str, ...]
    marker: str = "\u2022"  # "1." etc. numbers the items
    width: float = 360.0
    size: float = 10.0
    indent: float = 16.0

    def draw(self, c: Any, x: float, top: float, page_h: float) -> float:
        leading = self.size * 1.3
        c.setFont(FONT, self.size)
        y = top
        for number, item in enumerate(self.items, start=1):
            marker = f"{number}." if self.marker == "1." else self.marker
            c.setFont(_marker_font(marker), self.size)
            c.drawString(x, page_h - y - self.size, marker)
            c.setFont(FONT, self.size)
            for words in break_lines(item.split(), self.width - self.indent, self.size, False):
                c.drawString(x + self.indent, page_h - y - self.size, " ".join(words))
                y += leading
            y += 0.3 * self.size
        return y


@dataclass(frozen=True)
class Chart:
    """A line chart: one value per category, axes, tick numbers along the y axis, category labels
    along the x axis, each value printed beside its point, a y-axis title set sideways."""

    categories: tuple[str, ...]
    values: tuple[float, ...]
    y_ticks: tuple[float, ...]
    y_title: str = "Tonnes released"
    width: float = 360.0
    height: float = 180.0
    size: float = 9.0

    def draw(self, c: Any, x: float, top: float, page_h: float) -> float:
        lo, hi = self.y_ticks[0], self.y_ticks[-1]
        left, bottom = x + 50, top + self.height  # the axes' corner, page coordinates

        def at(i: int, v: float) -> tuple[float, float]:
            step = (self.width - 60) / max(len(self.categories) - 1, 1)
            return left + 20 + i * step, bottom - (v - lo) / (hi - lo) * (self.height - 10)

        c.setLineWidth(0.8)
        c.line(left, page_h - top, left, page_h - bottom)  # y axis
        c.line(left, page_h - bottom, left + self.width - 20, page_h - bottom)  # x axis
        c.setFont(FONT, self.size)
        for tick in self.y_ticks:
            _, ty = at(0, tick)
            c.drawRightString(left - 4, page_h - ty - self.size / 3, f"{tick:g}")
        points = [at(i, v) for i, v in enumerate(self.values)]
        path = c.beginPath()
        path.moveTo(points[0][0], page_h - points[0][1])
        for px, py in points[1:]:
            path.lineTo(px, page_h - py)
        c.drawPath(path, stroke=1, fill=0)
        for (px, py), value in zip(points, self.values):
            c.drawString(px + 3, page_h - py + 4, f"{value:g}")
        for i, label in enumerate(self.categories):
            px, _ = at(i, lo)
            c.drawCentredString(px, page_h - bottom - self.size - 3, label)
        c.saveState()  # the axis title, reading upwards beside the tick numbers
        c.translate(x + 12, page_h - top - self.height / 2)
        c.rotate(90)
        c.drawCentredString(0, 0, self.y_title)
        c.restoreState()
        return bottom + self.size + 6


Block = Any  # StyledTable | Heading | Prose | BulletList | Chart: anything with draw()


@dataclass(frozen=True)
class Page:
    blocks: tuple[Block, ...]
    rotate: int = 0  # 90: landscape content on portrait paper, stored with /Rotate 90
    gap: float = 18.0  # points between blocks
    top: float = MARGIN + 20.0  # where the first block starts (under the running header)


def build_pdf(pages: Sequence[Page], *, running: tuple[str, str] | None = None) -> bytes:
    """The pages as PDF bytes (deterministic). `running`: (odd, even) running header texts; odd
    pages print the text at the left and the page number at the right, even pages the mirror."""
    from reportlab.pdfgen import canvas as pdfcanvas

    buffer = io.BytesIO()
    c = pdfcanvas.Canvas(buffer, pagesize=A4, invariant=1)
    for number, page in enumerate(pages, start=1):
        if page.rotate not in (0, 90):
            raise ValueError(f"rotate must be 0 or 90, got {page.rotate!r}")
        width, height = A4
        c.saveState()
        if page.rotate == 90:
            c.setPageRotation(90)
            # display point (u, v) of the landscape view -> paper point (W - v, u): the page is
            # shown turned a quarter clockwise, so text drawn along +y reads left to right
            c.transform(0, 1, -1, 0, width, 0)
            width, height = height, width
        if running:
            c.setFont(FONT, 8)
            text = running[0] if number % 2 else running[1]
            left, right = (text, str(number)) if number % 2 else (str(number), text)
            c.drawString(MARGIN, height - MARGIN + 10, left)
            c.drawRightString(width - MARGIN, height - MARGIN + 10, right)
        top = page.top
        for block in page.blocks:
            top = block.draw(c, MARGIN, top, height) + page.gap
        c.restoreState()
        c.showPage()
    c.save()
    return buffer.getvalue()
