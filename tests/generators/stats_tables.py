"""Statistical tables laid out the way government reports set them (census, budgets, health
statistics), seeded, with the cells typed from the spec, never from a reader (issue 20).

A `StatsLayout` names every trait the PDF has; `draw(layout)` turns it into the PDF's bytes and
`expected(layout)` into the table a person reads off the page: header rows then body rows, each
a tuple of cells, whitespace normalised (a wrapped cell's lines joined by one space). The
held-out measures (the ICDAR 2013 US half, Camelot's test suite) are not on this machine; this is
their stand-in: the traits below are what those tables do, one parameter each.

How the expected table reads (the conventions a person applies, stated once):
- a cell wrapped over several lines is one cell, its lines joined by a space (an indented label
  loses its indent: "Rural");
- a spanning group label over sub-columns is a header row of its own, its text in the span's
  first column, "" in the others; the stub's and serial column's headings are in the last header
  row (they are set on its line, bottom-aligned, as reports set them);
- a units line ("(Rs. lakh)", "(%)") under a heading is part of that heading's cell;
- a sub-heading row (a state over its Rural/Urban rows) is a body row with its label only;
- title, notes, source lines and the running page header/footer are not rows of the table.

`layouts(count, seed)` gives the benchmark's specs: a plain baseline, each trait varied alone,
then random combinations. reportlab is a test extra: imported inside the functions that draw.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, fields, replace
from typing import Sequence

from support import drawn_pdf

FONT, BOLD = "Helvetica", "Helvetica-Bold"
PAGE = (595.2756, 841.8898)  # A4 portrait, points
MARGIN = 56.0

Row = tuple[str, ...]

# Row labels of the kind statistical tables print: short ones stay on one line, long ones wrap.
LONG_LABELS = (
    "Expenditure on elementary education including salaries of teachers",
    "Households with access to safe drinking water within premises",
    "Institutional deliveries in public health facilities",
    "Children fully immunised by the age of twelve months",
    "Revenue receipts from taxes on motor vehicles and passengers",
    "Grants in aid from the central government for state plan schemes",
    "Persons employed in registered manufacturing factories",
    "Area under irrigation by canals and tanks",
    "Outstanding liabilities of the state government at the end of year",
    "Primary health centres functioning in rural areas",
    "Loans and advances by the state government to local bodies",
    "Interest payments on market loans and small savings",
)
SHORT_LABELS = (
    "Andhra Pradesh", "Assam", "Bihar", "Gujarat", "Haryana", "Karnataka", "Kerala",
    "Madhya Pradesh", "Maharashtra", "Odisha", "Punjab", "Rajasthan", "Tamil Nadu", "Telangana",
    "Uttar Pradesh", "West Bengal",
)
CHILD_LABELS = ("Rural", "Urban", "Total")
COLUMN_HEADINGS = ("Population", "Literacy", "Receipts", "Outlay", "Births", "Deaths", "Area",
                   "Revised", "Actuals", "Budget", "Growth", "Share")
GROUP_HEADINGS = ("Population 2011", "Literacy rate", "Budget estimates", "Sex ratio", "Health workers")
SUB_HEADINGS = ("Male", "Female", "Total", "2019-20", "2020-21", "Plan", "Non-plan")
UNITS = ("(Rs. lakh)", "(%)", "(number)", "('000)", "(Rs. crore)")
ODD_FIGURES = ("-", "..", "NA", "\u2013")  # nil, not available, not applicable, en dash


@dataclass(frozen=True)
class StatsLayout:
    """One statistical table on an A4 page; every field is one trait of how reports set tables.

    seed: chooses the labels and figures (the same spec draws the same bytes).
    rows: body entries (a hierarchical entry adds its Rural/Urban/Total rows under it).
    figure_columns: figure columns right of the stub (in groups of sub_columns with group_header).
    label_lines: the most lines a row label wraps over (1: labels fit their column; 2-3: long
        labels wrap into a narrow stub column, as in budget documents).
    figure_anchor: where a wrapped label's figures sit: "bottom" (on its last line, the common
        style of Indian and UN statistical tables), "top" (on its first line) or "middle" (centred
        on the label's lines).
    hierarchy: "none"; "subheads" (a state's name alone as a sub-heading row, no figures, then
        its Rural/Urban/Total rows indented under it); "indented" (the state's row carries
        figures, its Rural/Urban rows indented under it).
    group_header: a spanning group label over sub_columns sub-columns (two header rows).
    sub_columns: sub-columns per group (with group_header).
    units_line: a units line ("(Rs. lakh)", "(%)") under each top-level heading.
    serial_column: a serial-number column ("S.No." over "1.", "2.", ...), numbering entries.
    figure_style: "plain" (12345), "grouped" (12,345), "decimal" (12.5) or "mixed" (grouped,
        decimals, negatives in brackets "(12.5)" and the marks "-", "..", "NA", en dash).
    gap_em: the gap between figure columns, in ems (reports set tight columns, 1-1.5 em).
    row_padding_em: extra space between rows, in ems (0: rows as close as a label's lines).
    title: a bold title line above the table.
    notes: note and source lines below the table.
    running: a running page header and footer (report name, chapter, page number).
    rules: "none"; "booktabs" (rules above and under the header and under the table, a short
        rule under each group label); "header" (one rule under the header only).
    size: type size in points.
    """

    seed: int = 0
    rows: int = 8
    figure_columns: int = 4
    label_lines: int = 1
    figure_anchor: str = "bottom"
    hierarchy: str = "none"
    group_header: bool = False
    sub_columns: int = 2
    units_line: bool = False
    serial_column: bool = False
    figure_style: str = "grouped"
    gap_em: float = 2.5
    row_padding_em: float = 0.0
    title: bool = False
    notes: bool = False
    running: bool = False
    rules: str = "none"
    size: float = 8.0

    def __post_init__(self) -> None:
        if self.figure_anchor not in ("bottom", "top", "middle"):
            raise ValueError(f"figure_anchor {self.figure_anchor!r}")
        if self.hierarchy not in ("none", "subheads", "indented"):
            raise ValueError(f"hierarchy {self.hierarchy!r}")
        if self.figure_style not in ("plain", "grouped", "decimal", "mixed"):
            raise ValueError(f"figure_style {self.figure_style!r}")
        if self.rules not in ("none", "booktabs", "header"):
            raise ValueError(f"rules {self.rules!r}")
        if not 1 <= self.label_lines <= 3:
            raise ValueError("label_lines must be 1-3")

    def traits(self) -> list[str]:
        """The traits this spec sets away from the baseline, as "field=value" (for reports)."""
        base = StatsLayout()
        ignored = {"seed", "rows", "figure_columns", "sub_columns", "size"}
        out = []
        for f in fields(self):
            if f.name in ignored or getattr(self, f.name) == getattr(base, f.name):
                continue
            if f.name == "figure_anchor" and self.label_lines == 1:
                continue  # one-line labels: where figures sit on them shows nothing
            out.append(f"{f.name}={getattr(self, f.name)}")
        return out


# ------------------------------------------------------------------------------------------------
# Content: the table as typed cells, and how each row is set (indent, lines)


@dataclass(frozen=True)
class _Entry:
    serial: str
    label: str
    figures: tuple[str, ...]  # empty: a sub-heading row
    indent: bool = False


def _figure(rng: random.Random, style: str) -> str:
    if style == "mixed":
        roll = rng.random()
        if roll < 0.12:
            return rng.choice(ODD_FIGURES)
        if roll < 0.22:
            return f"({rng.randint(1, 999)}.{rng.randint(0, 9)})"
        style = rng.choice(("grouped", "decimal"))
    if style == "plain":
        return str(rng.randint(100, 99999))
    if style == "grouped":
        return f"{rng.randint(1000, 999999):,}"
    return f"{rng.randint(0, 999)}.{rng.randint(0, 9)}"


def _entries(layout: StatsLayout) -> list[_Entry]:
    rng = random.Random(layout.seed)
    width = layout.figure_columns
    out: list[_Entry] = []
    longs = list(LONG_LABELS)
    rng.shuffle(longs)
    shorts = list(SHORT_LABELS)
    rng.shuffle(shorts)
    for index in range(layout.rows):
        serial = f"{index + 1}." if layout.serial_column else ""
        if layout.hierarchy != "none":
            parent = shorts[index % len(shorts)]
            figures = () if layout.hierarchy == "subheads" else tuple(_figure(rng, layout.figure_style) for _ in range(width))
            out.append(_Entry(serial, parent, figures))
            children = CHILD_LABELS if layout.hierarchy == "subheads" else CHILD_LABELS[:2]
            for child in children:
                out.append(_Entry("", child, tuple(_figure(rng, layout.figure_style) for _ in range(width)), indent=True))
            continue
        wrapped = layout.label_lines > 1 and index % 2 == 0  # every other row wraps: a mix, as printed
        label = longs[index % len(longs)] if wrapped else shorts[index % len(shorts)]
        out.append(_Entry(serial, label, tuple(_figure(rng, layout.figure_style) for _ in range(width))))
    return out


def _headings(layout: StatsLayout) -> tuple[list[str], list[str]]:
    """(group labels, one per group; column headings, one per figure column), units on the
    top level's headings already joined (expected text)."""
    rng = random.Random(layout.seed + 7919)
    units = rng.choice(UNITS)
    if layout.group_header:
        groups = rng.sample(GROUP_HEADINGS, k=-(-layout.figure_columns // layout.sub_columns))
        subs = [SUB_HEADINGS[k % len(SUB_HEADINGS)] for k in range(layout.figure_columns)]
        if layout.units_line:
            groups = [f"{g} {units}" for g in groups]
        return groups, subs
    heads = rng.sample(COLUMN_HEADINGS, k=layout.figure_columns)
    if layout.units_line:
        heads = [f"{h} {units}" for h in heads]
    return [], heads


def _stub(layout: StatsLayout) -> list[str]:
    return (["S.No."] if layout.serial_column else []) + ["State / item" if layout.hierarchy == "none" else "State"]


def expected(layout: StatsLayout) -> tuple[tuple[Row, ...], tuple[Row, ...]]:
    """(header rows, body rows) as a person reads the table (module docstring's conventions)."""
    groups, heads = _headings(layout)
    stub = _stub(layout)
    header: list[Row] = []
    if groups:
        top = [""] * (len(stub) + layout.figure_columns)
        for k, group in enumerate(groups):
            top[len(stub) + k * layout.sub_columns] = group
        header.append(tuple(top))
    header.append((*stub, *heads))
    body = []
    for entry in _entries(layout):
        figures = entry.figures or ("",) * layout.figure_columns
        body.append(((entry.serial,) if layout.serial_column else ()) + (entry.label, *figures))
    return tuple(header), tuple(body)


# ------------------------------------------------------------------------------------------------
# Drawing


def _wrap(text: str, width: float, font: str, size: float, most: int) -> list[str]:
    """Greedy word wrap into `width`, as a word processor does; at most `most` lines (a label
    that would need more is drawn in a wider stub: see _stub_width)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines if len(lines) <= most else []


def _stub_width(labels: Sequence[str], size: float, most: int) -> float:
    """The narrowest stub width (in 5 pt steps) in which every label wraps into `most` lines."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    widest = max(stringWidth(label, FONT, size) for label in labels) + 1
    if most == 1:
        return widest
    width = max(stringWidth(w, FONT, size) for label in labels for w in label.split()) + 1
    while width < widest and not all(_wrap(label, width, FONT, size, most) for label in labels):
        width += 5
    return max(width, 4 * size)


def draw(layout: StatsLayout) -> bytes:
    """The PDF of `layout`: one A4 page."""
    return drawn_pdf(lambda canvas: _draw_page(canvas, layout))


def _draw_page(canvas, layout: StatsLayout) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size = layout.size
    lead = 1.2 * size
    pad = layout.row_padding_em * size
    gap = layout.gap_em * size
    width_of = lambda text, font=FONT: stringWidth(text, font, size)  # noqa: E731
    groups, heads = _headings(layout)
    rng = random.Random(layout.seed + 104729)
    units = next((u for u in UNITS if heads and heads[0].endswith(u) or groups and groups[0].endswith(u)), "")
    entries = _entries(layout)
    stub = _stub(layout)
    indent = 1.5 * size

    # column extents: serial, stub, figure columns (figures and sub-headings right-aligned,
    # top-level headings centred over their column or group)
    serial_w = max([width_of("S.No.", BOLD)] + [width_of(e.serial) for e in entries]) if layout.serial_column else 0.0
    labels = [e.label for e in entries if not e.indent]
    stub_w = _stub_width(labels, size, layout.label_lines) + indent
    stub_w = max(stub_w, width_of(stub[-1], BOLD))
    head_words = heads if groups else [h.removesuffix(units).strip() for h in heads]
    fig_w = [max([width_of(h, BOLD) for h in [head_words[k]]] + [width_of(e.figures[k]) for e in entries if e.figures]
                 + ([width_of(units)] if units and not groups else []))
             for k in range(layout.figure_columns)]
    x = MARGIN
    serial_x = x
    if layout.serial_column:
        x += serial_w + 1.5 * size
    stub_x = x
    x += stub_w + gap
    fig_x = []
    for w in fig_w:
        fig_x.append((x, x + w))
        x += w + gap
    right = fig_x[-1][1]
    left = MARGIN

    y = PAGE[1] - MARGIN  # baseline cursor, going down
    if layout.running:
        canvas.setFont(FONT, size - 1)
        canvas.drawString(left, y, f"Statistical Abstract {2010 + layout.seed % 12}")
        canvas.drawRightString(max(right, PAGE[0] - MARGIN), y, f"Chapter {1 + layout.seed % 9}: State statistics")
        canvas.setFont(FONT, size - 1)
        canvas.drawCentredString(PAGE[0] / 2, MARGIN - 20, str(30 + layout.seed % 70))
        y -= 4 * size
    if layout.title:
        canvas.setFont(BOLD, size + 2)
        canvas.drawString(left, y, f"Table {1 + layout.seed % 9}.{1 + rng.randint(1, 9)}: "
                                   f"Selected indicators by state, {2001 + layout.seed % 20}")
        y -= 2.5 * size

    def rule(at: float, x0: float = left, x1: float = right, weight: float = 0.6) -> None:
        canvas.setLineWidth(weight)
        canvas.line(x0, at, x1, at)

    if layout.rules == "booktabs":
        rule(y + size * 0.2 + 0.3 * lead, weight=0.9)
        y -= 0.6 * lead
    # header: group labels (with units under them), then the column headings
    canvas.setFont(BOLD, size)
    if groups:
        for k, group in enumerate(groups):
            first = k * layout.sub_columns
            last = min(first + layout.sub_columns, layout.figure_columns) - 1
            centre = (fig_x[first][0] + fig_x[last][1]) / 2
            name = group.removesuffix(units).strip() if layout.units_line else group
            canvas.setFont(BOLD, size)
            canvas.drawCentredString(centre, y, name)
            if layout.units_line:
                canvas.setFont(FONT, size)
                canvas.drawCentredString(centre, y - lead, units)
            if layout.rules == "booktabs":
                low = y - (2 if layout.units_line else 1) * lead + 0.7 * size
                rule(low, fig_x[first][0], fig_x[last][1], 0.4)
        y -= (2 if layout.units_line else 1) * lead + 0.4 * size
        canvas.setFont(BOLD, size)
        for k, head in enumerate(heads):
            canvas.drawRightString(fig_x[k][1], y, head)
        bottom_line = y
    else:
        for k, head in enumerate(head_words):
            centre = (fig_x[k][0] + fig_x[k][1]) / 2
            canvas.setFont(BOLD, size)
            canvas.drawCentredString(centre, y, head)
            if layout.units_line:
                canvas.setFont(FONT, size)
                canvas.drawCentredString(centre, y - lead, units)
        bottom_line = y - (lead if layout.units_line else 0)
    canvas.setFont(BOLD, size)
    if layout.serial_column:
        canvas.drawString(serial_x, bottom_line, "S.No.")
    canvas.drawString(stub_x, bottom_line, stub[-1])
    y = bottom_line - 0.6 * size
    if layout.rules in ("booktabs", "header"):
        rule(y, weight=0.6)
    y -= lead

    # body
    for entry in entries:
        label_x = stub_x + (indent if entry.indent else 0)
        lines = _wrap(entry.label, stub_w - (indent if entry.indent else 0), FONT, size, 3) or [entry.label]
        font = FONT if entry.figures or layout.hierarchy != "subheads" else BOLD
        canvas.setFont(font, size)
        for k, text in enumerate(lines):
            canvas.drawString(label_x, y - k * lead, text)
        n = len(lines)
        anchor = {"top": 0.0, "bottom": n - 1.0, "middle": (n - 1) / 2}[layout.figure_anchor]
        fy = y - anchor * lead
        canvas.setFont(FONT, size)
        if entry.serial:
            canvas.drawString(serial_x, fy, entry.serial)
        for (x0, x1), figure in zip(fig_x, entry.figures):
            canvas.drawRightString(x1, fy, figure)
        y -= n * lead + pad
    if layout.rules == "booktabs":
        rule(y + lead - 0.35 * size, weight=0.9)
    if layout.notes:
        y -= 0.8 * lead
        canvas.setFont(FONT, size - 1)
        canvas.drawString(left, y, "Note: Figures for the latest year are provisional; '..' not available, '-' nil.")
        canvas.drawString(left, y - lead, f"Source: Directorate of Economics and Statistics, {2012 + layout.seed % 9}.")


# ------------------------------------------------------------------------------------------------
# The benchmark's specs

TRAIT_VALUES: dict[str, tuple] = {
    "label_lines": (2, 3),
    "figure_anchor": ("top", "middle"),  # with wrapped labels (bottom is the default anchor)
    "hierarchy": ("subheads", "indented"),
    "group_header": (True,),
    "units_line": (True,),
    "serial_column": (True,),
    "figure_style": ("plain", "decimal", "mixed"),
    "gap_em": (1.0, 1.5),
    "row_padding_em": (0.5,),
    "title": (True,),
    "notes": (True,),
    "running": (True,),
    "rules": ("booktabs", "header"),
}


def layouts(count: int = 60, seed: int = 20) -> list[StatsLayout]:
    """`count` specs: the baseline, each trait value alone (a wrapped-label anchor with 3-line
    labels), then random combinations of traits, seeded."""
    rng = random.Random(seed)
    out = [StatsLayout(seed=seed)]
    for name, values in TRAIT_VALUES.items():
        for value in values:
            extra = {"label_lines": 3} if name == "figure_anchor" else {}
            out.append(replace(StatsLayout(seed=seed + len(out)), **{name: value}, **extra))
    out.append(replace(StatsLayout(seed=seed + len(out)), label_lines=3))  # bottom anchor, alone
    while len(out) < count:
        chosen = {name: rng.choice(values) for name, values in TRAIT_VALUES.items() if rng.random() < 0.4}
        if chosen.get("hierarchy") and chosen.get("label_lines"):
            chosen.pop("label_lines")  # hierarchical labels are short; wrapping goes with flat lists
        out.append(StatsLayout(seed=seed + len(out), rows=rng.randint(5, 10), figure_columns=rng.randint(3, 6),
                               size=rng.choice((7.0, 8.0, 9.0)), **chosen))
    return out[:count]
