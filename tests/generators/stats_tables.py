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
  first column, "" in the others (two levels: a row per level, the top labels first);
- a heading reads with single spaces however its words or letters are spaced; the stub's and serial column's headings are in the last header
  row (they are set on its line, bottom-aligned, as reports set them);
- a units line ("(Rs. lakh)", "(%)") under a heading is part of that heading's cell, and a
  qualifier in brackets under a row label ("(provisional)") part of that label's;
- with `next_table` or `stacked_table`, the expected table is the first (the one on the first
  page, the upper one);
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
# group labels wider than two or three sub-columns of figures (group_overhang)
WIDE_GROUP_HEADINGS = ("Persons employed in factories", "Literacy rate of adults", "Budget estimates of the states",
                       "Households with electricity", "Health workers per lakh persons")
# top labels over two groups of years (group_levels=2: "Employment" over "2010" and "2011")
TOP_HEADINGS = ("Employment", "Earnings", "Households", "Enrolment")
FIRST_YEAR = 2010
# headings of several words, wider than their figures (heading_spacing, heading_overhang)
WORDY_HEADINGS = ("Per cent change", "Annual growth rate", "Share of total", "Gross value added",
                  "Number of units", "Net receipts", "Total outlay", "Average wage")
# heading_spacing: a justified or tracked heading's word spaces stretched to WIDE_SPACE_EM (at
# most half the gap between columns: a typesetter keeps a heading's words closer together than
# two headings), or its letters tracked LETTER_SPACE_EM apart (tracking +150: a word still, its
# spaces ~0.7 em)
WIDE_SPACE_EM, LETTER_SPACE_EM = 1.0, 0.15
# the least room between two neighbouring headings or group labels that overhang their columns
# (heading_overhang, group_overhang): a column gap still, as a typesetter keeps them apart
HEAD_GAP_EM = 1.0
SUB_HEADINGS = ("Male", "Female", "Total", "2019-20", "2020-21", "Plan", "Non-plan")
UNITS = ("(Rs. lakh)", "(%)", "(number)", "('000)", "(Rs. crore)")
ODD_FIGURES = ("-", "..", "NA", "\u2013")  # nil, not available, not applicable, en dash
ROW_GROUPS = ("Persons", "Males", "Females", "Workers", "Non-workers")
AREAS = ("Total", "Rural", "Urban")
QUALIFIERS = ("(provisional)", "(revised estimates)", "(excl. Union Territories)", "(incl. arrears)")
CODES = ("AAA", "AA+", "AA", "A-", "BBB", "BB+", "B", "CCC")  # grades, flags: letters, never figures
CODE_HEADING = ""  # unheaded, as flag columns are printed: the code qualifies the figure before it
# a code column's text starts this many ems after the figures' right edge before it: closer than
# a word space (0.22-0.28 em), so a reader joining glyphs by distance reads "648765AAA"
CODE_GAP_EM = 0.15
MARKS = ("1", "2", "a", "b", "*")  # footnote and reference marks set after a figure
# a mark is set at MARK_SIZE x the type size, raised MARK_RAISE_EM, MARK_GAP_EM after its figure
# (hanging past the column's flush-right edge, as superscripts are set)
MARK_SIZE, MARK_RAISE_EM, MARK_GAP_EM = 0.6, 0.35, 0.3


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
    subhead_bold: sub-heading rows (a label without figures) set in bold; False sets them in
        the body's face, told from a wrapped label only by the indent of the rows under them.
    next_table: a paragraph of running text closes the page under the table, and the next page
        opens another table in the same columns under its own caption ("Table 4.3: ..."), as
        reports print one table after another: two tables, the second no continuation of the
        first (the spec's expected table is the first; the second repeats its headings over
        the same entries in another order).
    label_qualifier: every third row's label carries a qualifier in brackets on a line of its
        own under it ("Karnataka" / "(provisional)", a brand and its owner), the figures on
        the label's lines as figure_anchor says: the qualifier is the label's.
    stat_line: a test statistic right under the table, set in another face and a point larger
        ("Chi-square = 16.9, df = 2, p < 0.001", as survey reports print under each table):
        the table's note, not a row.
    section_after: a short source line right under the table and the report going on close
        under it: a numbered section heading set in phrases a tab apart ("3.3" + "Measuring
        financial" + "literacy", a justified heading, a line of several phrases like a row's)
        and text. The source line ends the table: nothing under it is its row.
    hanging_indent: a wrapped label's lines after its first are indented by an em (a hanging
        indent, as many statistical tables set long stubs), the indent of a child row (Rural
        under a state) though they are the same label's.
    row_groups: a group column left of the stub ("Sex" over "Persons", "Males", "Females", as
        census tables set them), each group's label printed once, centred vertically beside
        the rows it groups (its 2 or 3 rows, "Total" / "Rural" / "Urban" in the stub; groups
        alike or of both sizes): on the middle row's line, or between two rows' lines. The label is its first row's cell, as a
        ruled grid reads a merged cell; the rows under it leave the group column empty.
    code_column: a column of codes ("AAA", "BB+": grades, status flags) after the figures, set
        flush left CODE_GAP_EM after their flush-right edge, closer than a word space (rating
        and flag columns set right against the figure they qualify): its own column all the
        same, "648765" | "AAA", as the edges aligned down the page show.
    footnote_marks: every third row's second figure (a figure, not a mark such as "NA") carries a
        footnote mark ("1", "a", "*") set smaller and raised, a little apart after the figure
        (hanging past the column's edge): the mark is its figure's, the cell reads "1,555a" (as Camelot and the ICDAR ground
        truth join a superscript to its text), not a column of its own nor "1,555 a".
    group_levels: 2 sets a top label over each two groups (with group_header; "Employment" over
        "2010" and "2011", each over "Male | Female | Total", as labour and census tables nest
        them): three header rows, the group labels (years: figures) in the middle one; a units
        line goes under the top labels.
    group_overhang: group labels wider than their sub-columns together (with group_header):
        the columns keep the figures' width and the label, centred over them, overhangs into
        the gaps on either side (up to HEAD_GAP_EM from its neighbour's), instead of the
        sub-columns widening to the label.
    heading_spacing: "none"; "words" (column headings of several words, their word spaces
        stretched to WIDE_SPACE_EM (half the column gap at most) as a justified or tracked
        heading sets them, "Per   cent
        change": by a word spacing operator with space glyphs on even seeds, each word placed
        on its own on odd ones) or "letters" (letter-spaced: every glyph LETTER_SPACE_EM apart,
        so the word spaces widen too). The expected heading reads with single spaces.
    heading_overhang: column headings of several words wider than their figures: the columns
        keep the figures' width, each heading centred over its figures overhangs into the gaps
        (the gaps widen only to keep HEAD_GAP_EM between neighbouring headings), so the headings
        stand closer together than the figures.
    stacked_table: a second table on the same page under the first (after its notes, if any),
        two lines apart, under its own caption ("Table 4.3: ...") on even seeds and under its
        own header alone on odd ones, three rows in other columns, as statistical abstracts
        print short tables one after another: two tables, the second no continuation of the
        first (the spec's expected table is the first).
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
    subhead_bold: bool = True
    next_table: bool = False
    label_qualifier: bool = False
    stat_line: bool = False
    section_after: bool = False
    hanging_indent: bool = False
    row_groups: bool = False
    stacked_table: bool = False
    code_column: bool = False
    footnote_marks: bool = False
    group_levels: int = 1
    group_overhang: bool = False
    heading_spacing: str = "none"
    heading_overhang: bool = False

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
        if self.heading_spacing not in ("none", "words", "letters"):
            raise ValueError(f"heading_spacing {self.heading_spacing!r}")
        if self.group_levels not in (1, 2):
            raise ValueError("group_levels must be 1 or 2")

    def traits(self) -> list[str]:
        """The traits this spec sets away from the baseline, as "field=value" (for reports)."""
        base = StatsLayout()
        ignored = {"seed", "rows", "figure_columns", "size"}
        out = []
        for f in fields(self):
            if f.name in ignored or getattr(self, f.name) == getattr(base, f.name):
                continue
            if f.name == "figure_anchor" and self.label_lines == 1:
                continue  # one-line labels: where figures sit on them shows nothing
            if f.name == "subhead_bold" and self.hierarchy != "subheads":
                continue  # no sub-heading rows to set
            if f.name == "hanging_indent" and self.label_lines == 1:
                continue  # no wrapped labels to indent
            if f.name in ("sub_columns", "group_levels", "group_overhang") and not self.group_header:
                continue  # no groups
            out.append(f"{f.name}={getattr(self, f.name)}")
        return out


# ------------------------------------------------------------------------------------------------
# Content: the table as typed cells, and how each row is set (indent, lines)


@dataclass(frozen=True)
class Entry:
    """One body row: its serial number ("" for none), label, figures (empty: a sub-heading
    row, label only), whether its label is indented under the row above (Rural under a state)
    and a qualifier in brackets set on a line of its own under the label."""

    serial: str
    label: str
    figures: tuple[str, ...] = ()
    indent: bool = False
    qualifier: str = ""  # printed on a line of its own under the label ("(provisional)")
    group: str = ""  # a row group's label, on the group's first row (row_groups)
    grouped: int = 0  # how many rows that group holds, on its first row
    marks: tuple[str, ...] = ()  # a footnote mark after each figure ("" for none), footnote_marks

    def cells(self) -> tuple[str, ...]:
        """The figures as a person reads them: each with its mark joined on ("1,555a")."""
        return tuple(f + (self.marks[k] if k < len(self.marks) else "") for k, f in enumerate(self.figures))

    @property
    def text(self) -> str:
        """The label as a person reads it: its lines and its qualifier joined by spaces."""
        return f"{self.label} {self.qualifier}" if self.qualifier else self.label


@dataclass(frozen=True)
class Content:
    """What a table says, apart from how it is set: the stub's headings (serial column first
    when there is one), the group labels (empty: one header row), the column headings, the
    units printed under the top-level headings ("" for none) and the body rows. Drawn by
    `draw(layout, content)`; a test types its own, `content(layout)` makes one from the seed.
    `codes`: the last heading and the last of each row's figures are a code column (set flush
    left right after the figures, outside the groups: StatsLayout.code_column). `tops`: labels
    over each two groups, a header row above theirs (StatsLayout.group_levels); the units go
    under them then."""

    stub: tuple[str, ...]
    groups: tuple[str, ...]
    heads: tuple[str, ...]
    units: str
    entries: tuple[Entry, ...]
    codes: bool = False
    tops: tuple[str, ...] = ()


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


def _figures(rng: random.Random, style: str, count: int) -> tuple[str, ...]:
    return tuple(_figure(rng, style) for _ in range(count))


def _entries(layout: StatsLayout) -> list[Entry]:
    rng = random.Random(layout.seed)
    width = layout.figure_columns
    out: list[Entry] = []
    longs = list(LONG_LABELS)
    rng.shuffle(longs)
    shorts = list(SHORT_LABELS)
    rng.shuffle(shorts)
    if layout.row_groups:  # groups of 2 or 3 rows (all alike, or mixed), as many as the rows allow
        mixed = layout.seed % 3 == 2
        for g, group in enumerate(ROW_GROUPS[: max(2, layout.rows // (2 + layout.seed % 2))]):
            size = 2 + (layout.seed + (g if mixed else 0)) % 2
            for k, area in enumerate(AREAS[:size]):
                first = k == 0
                out.append(Entry("", area, _figures(rng, layout.figure_style, width),
                                 group=group if first else "", grouped=size if first else 0))
        return out
    for index in range(layout.rows):
        serial = f"{index + 1}." if layout.serial_column else ""
        if layout.hierarchy != "none":
            parent = shorts[index % len(shorts)]
            figures = () if layout.hierarchy == "subheads" else _figures(rng, layout.figure_style, width)
            out.append(Entry(serial, parent, figures))
            children = CHILD_LABELS if layout.hierarchy == "subheads" else CHILD_LABELS[:2]
            for child in children:
                out.append(Entry("", child, _figures(rng, layout.figure_style, width), indent=True))
            continue
        wrapped = layout.label_lines > 1 and index % 2 == 0  # every other row wraps: a mix, as printed
        label = longs[index % len(longs)] if wrapped else shorts[index % len(shorts)]
        qualifier = QUALIFIERS[index % len(QUALIFIERS)] if layout.label_qualifier and index % 3 == 1 else ""
        out.append(Entry(serial, label, _figures(rng, layout.figure_style, width), qualifier=qualifier))
    return out


def content(layout: StatsLayout) -> Content:
    """The table the seed of `layout` writes: labels, headings and figures of its traits."""
    rng = random.Random(layout.seed + 7919)
    units = rng.choice(UNITS)
    units = units if layout.units_line else ""
    groups: tuple[str, ...] = ()
    tops: tuple[str, ...] = ()
    if layout.group_header:
        count = -(-layout.figure_columns // layout.sub_columns)
        groups = tuple(rng.sample(WIDE_GROUP_HEADINGS if layout.group_overhang else GROUP_HEADINGS, k=count))
        heads = tuple(SUB_HEADINGS[k % len(SUB_HEADINGS)] for k in range(layout.figure_columns))
        if layout.group_levels == 2:  # years under each top label, two groups to a top
            tops = tuple(rng.sample(TOP_HEADINGS, k=-(-count // 2)))
            groups = tuple(str(FIRST_YEAR + k % 2) for k in range(count))
    elif layout.heading_spacing != "none" or layout.heading_overhang:
        heads = tuple(rng.sample(WORDY_HEADINGS, k=layout.figure_columns))
    else:
        heads = tuple(rng.sample(COLUMN_HEADINGS, k=layout.figure_columns))
    stub = (("S.No.",) if layout.serial_column else ()) + ("State / item" if layout.hierarchy == "none" else "State",)
    if layout.row_groups:
        stub = ("Sex", "Area")
    entries = tuple(_entries(layout))
    if layout.footnote_marks:  # every third row's second figure, when it is one (not "NA", "-")
        entries = tuple(replace(e, marks=("", MARKS[k % len(MARKS)]))
                        if len(e.figures) > 1 and k % 3 == 0 and any(c.isdigit() for c in e.figures[1]) else e
                        for k, e in enumerate(entries))
    if layout.code_column:  # a code on every row with figures, drawn after the seed's figures
        heads += (CODE_HEADING,)
        entries = tuple(replace(e, figures=(*e.figures, rng.choice(CODES))) if e.figures else e for e in entries)
    return Content(stub, groups, heads, units, entries, codes=layout.code_column, tops=tops)


def expected(layout: StatsLayout, table: Content | None = None) -> tuple[tuple[Row, ...], tuple[Row, ...]]:
    """(header rows, body rows) as a person reads the table (module docstring's conventions)."""
    table = table or content(layout)
    width = len(table.heads)
    unit = f" {table.units}" if table.units else ""
    header: list[Row] = []
    heads = table.heads
    if table.groups:
        sub = -(-(width - table.codes) // len(table.groups))  # the code column is in no group
        if table.tops:  # each top label over two groups, the units under it
            top = [""] * (len(table.stub) + width)
            for k, label in enumerate(table.tops):
                top[len(table.stub) + 2 * k * sub] = label + unit
            header.append(tuple(top))
            unit = ""
        top = [""] * (len(table.stub) + width)
        for k, group in enumerate(table.groups):
            top[len(table.stub) + k * sub] = group + unit
        header.append(tuple(top))
    else:
        heads = tuple(h + unit for h in heads[: width - table.codes]) + heads[width - table.codes:]
    header.append((*table.stub, *heads))
    body = []
    lead = len(table.stub) > 1  # a serial column or a group column before the stub
    grouped = any(entry.grouped for entry in table.entries)
    for entry in table.entries:
        figures = entry.cells() or ("",) * width
        first = (entry.group if grouped else entry.serial,) if lead else ()
        body.append(first + (entry.text, *figures))
    return tuple(header), tuple(body)


# ------------------------------------------------------------------------------------------------
# Drawing


def _wrap(text: str, width: float, font: str, size: float, most: int, hang: float = 0.0) -> list[str]:
    """Greedy word wrap into `width`, as a word processor does; at most `most` lines (a label
    that would need more is drawn in a wider stub: see _stub_width). `hang`: the lines after
    the first are that much narrower (a hanging indent)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines: list[str] = []
    for word in text.split():
        if lines and stringWidth(f"{lines[-1]} {word}", font, size) <= width - (hang if len(lines) > 1 else 0.0):
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


def draw(layout: StatsLayout, table: Content | None = None) -> bytes:
    """The PDF of `layout` (the table `table`, by default the seed's `content(layout)`): one A4
    page, two with `next_table`."""
    table = table or content(layout)
    if layout.stacked_table:
        under = replace(layout, title=layout.seed % 2 == 0, running=False, next_table=False, stacked_table=False,
                        seed=layout.seed + 1, rows=3, figure_columns=max(2, layout.figure_columns - 1))
        below = content(under)

        def both(canvas) -> None:
            end = _draw_page(canvas, layout, table)
            _draw_page(canvas, under, below, top=end - 2 * 1.2 * layout.size)
        return drawn_pdf(both)
    if not layout.next_table:
        return drawn_pdf(lambda canvas: _draw_page(canvas, layout, table))
    half = len(table.entries) // 2
    starts = [k for k, entry in enumerate(table.entries) if entry.grouped]
    if starts:  # row groups move whole
        half = min(starts, key=lambda k: abs(k - half))
    other = replace(table, entries=table.entries[half:] + table.entries[:half])
    second = replace(layout, title=True, notes=False, next_table=False, seed=layout.seed + 1)
    return drawn_pdf(lambda canvas: _draw_page(canvas, layout, table), lambda canvas: _draw_page(canvas, second, other))


PARAGRAPH = ("The figures above are drawn from the returns of the state governments and are revised each "
             "year as the accounts are closed. Growth over the previous year is uneven between states, and "
             "the smaller states show the larger swings from one year to the next, as the notes explain.")


def _draw_page(canvas, layout: StatsLayout, table: Content, top: float = PAGE[1] - MARGIN) -> float:
    """Draw the table from baseline `top` down; the baseline under the last thing drawn."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size = layout.size
    lead = 1.2 * size
    pad = layout.row_padding_em * size
    gap = layout.gap_em * size
    width_of = lambda text, font=FONT: stringWidth(text, font, size)  # noqa: E731
    groups, heads, units, entries, stub = table.groups, table.heads, table.units, table.entries, table.stub
    serial = len(stub) > 1
    rng = random.Random(layout.seed + 104729)
    indent = 1.5 * size

    # column extents: serial, stub, figure columns (figures and sub-headings right-aligned,
    # top-level headings centred over their column or group, each group as wide as its label)
    serial_w = max([width_of(stub[0], BOLD)] + [width_of(e.serial or e.group) for e in entries]) if serial else 0.0
    labels = [e.label for e in entries if not e.indent]
    stub_w = _stub_width(labels, size, layout.label_lines) + indent
    stub_w = max(stub_w, width_of(stub[-1], BOLD))
    stub_w = max([stub_w] + [width_of(e.qualifier) + size for e in entries if e.qualifier])
    figure_count = len(heads) - table.codes  # the code column (if any) is the last, in no group
    letters, words = layout.heading_spacing == "letters", layout.heading_spacing == "words"
    wide_space = min(WIDE_SPACE_EM, layout.gap_em / 2) * size  # a stretched word space
    # neighbouring headings or labels stand apart by HEAD_GAP_EM, and by twice a stretched space
    head_gap = max(HEAD_GAP_EM * size, 2 * wide_space if words else 0.0)

    def head_width(text: str) -> float:
        """A column heading's width as drawn: its letters tracked or its word spaces stretched."""
        width = width_of(text, BOLD) + (LETTER_SPACE_EM * size * (len(text) - 1) if letters and text else 0.0)
        return width + ((wide_space - width_of(" ", BOLD)) * text.count(" ") if words else 0.0)

    overhang = layout.heading_overhang and not groups  # columns as wide as their figures only
    fig_w = [max(([] if overhang else [head_width(heads[k])]) + [width_of(e.figures[k]) for e in entries if e.figures]
                 + ([width_of(units)] if units and not groups and k < figure_count else []) + [0.0])
             for k in range(len(heads))]
    sub = -(-figure_count // len(groups)) if groups else 1

    def widen(members: range, label: float) -> None:
        """Widen the columns `members` alike until they span `label` points."""
        need = label - (sum(fig_w[m] for m in members) + gap * (len(members) - 1))
        for m in members:
            fig_w[m] += max(need, 0.0) / len(members)
    # an overhanging group label reaches up to half a gap less head_gap past its sub-columns
    reach = max(gap - head_gap, 0.0) if layout.group_overhang else 0.0
    for k, group in enumerate(groups):
        members = range(k * sub, min((k + 1) * sub, figure_count))
        widen(members, max(width_of(group, BOLD) - reach, 0.0 if table.tops else width_of(units)))
    for k, label in enumerate(table.tops):  # a top label over two groups, the units under it
        widen(range(2 * k * sub, min((2 * k + 2) * sub, figure_count)), max(width_of(label, BOLD), width_of(units)))
    x = MARGIN
    serial_x = x
    if serial:
        x += serial_w + 1.5 * size
    stub_x = x
    x += stub_w + gap
    fig_x: list[tuple[float, float]] = []
    for k, w in enumerate(fig_w):
        if k == figure_count:  # the code column, right against the figures before it
            x += CODE_GAP_EM * size - gap
        elif overhang:  # a heading centred over its figures keeps head_gap from the one before
            before = (sum(fig_x[-1]) / 2 + head_width(heads[k - 1]) / 2) if fig_x else stub_x + stub_w
            x += max(before + head_gap - (x + w / 2 - head_width(heads[k]) / 2), 0.0)
        fig_x.append((x, x + w))
        x += w + gap
    right = fig_x[-1][1]

    def cell(k: int, at: float, text: str) -> None:
        """Figures flush right in their column, codes flush left."""
        if k < figure_count:
            canvas.drawRightString(fig_x[k][1], at, text)
        else:
            canvas.drawString(fig_x[k][0], at, text)

    def heading(x_at: float, at: float, text: str, centred: bool) -> None:
        """A column heading in bold, centred on `x_at` or ending at it, spaced as the layout sets."""
        x0 = x_at - head_width(text) / (2 if centred else 1)
        if words and layout.seed % 2:  # each word placed on its own, no space glyph between
            canvas.setFont(BOLD, size)
            for word in text.split():
                canvas.drawString(x0, at, word)
                x0 += width_of(word, BOLD) + wide_space
            return
        text_object = canvas.beginText(x0, at)
        text_object.setFont(BOLD, size)
        if letters:
            text_object.setCharSpace(LETTER_SPACE_EM * size)
        if words:
            text_object.setWordSpace(wide_space - width_of(" ", BOLD))
        text_object.textOut(text)
        text_object.setCharSpace(0)  # the canvas takes the text state over: the body is set plain
        text_object.setWordSpace(0)
        canvas.drawText(text_object)
    left = MARGIN

    y = top  # baseline cursor, going down
    if layout.running:
        canvas.setFont(FONT, size - 1)
        canvas.drawString(left, y, f"Statistical Abstract {2010 + layout.seed % 12}")
        canvas.drawRightString(max(right, PAGE[0] - MARGIN), y, f"Chapter {1 + layout.seed % 9}: State statistics")
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
    if groups:
        def labels_over(labels: Sequence[str], per: int, with_units: bool) -> None:
            """Each label centred over its `per` sub-columns, the units line under it."""
            for k, label in enumerate(labels):
                first, last = k * per, min((k + 1) * per, figure_count) - 1
                centre = (fig_x[first][0] + fig_x[last][1]) / 2
                canvas.setFont(BOLD, size)
                canvas.drawCentredString(centre, y, label)
                if with_units:
                    canvas.setFont(FONT, size)
                    canvas.drawCentredString(centre, y - lead, units)
                if layout.rules == "booktabs":
                    rule(y - (2 if with_units else 1) * lead + 0.7 * size, fig_x[first][0], fig_x[last][1], 0.4)
        if table.tops:
            labels_over(table.tops, 2 * sub, bool(units))
            y -= (2 if units else 1) * lead + 0.4 * size
        labels_over(groups, sub, bool(units) and not table.tops)
        y -= (2 if units and not table.tops else 1) * lead + 0.4 * size
        canvas.setFont(BOLD, size)
        for k, head in enumerate(heads):
            if k < figure_count:
                heading(fig_x[k][1], y, head, centred=False)
            else:
                cell(k, y, head)
        bottom_line = y
    else:
        for k, head in enumerate(heads):
            centre = (fig_x[k][0] + fig_x[k][1]) / 2
            canvas.setFont(BOLD, size)
            if k >= figure_count:
                cell(k, y, head)
                continue
            heading(centre, y, head, centred=True)
            if units:
                canvas.setFont(FONT, size)
                canvas.drawCentredString(centre, y - lead, units)
        bottom_line = y - (lead if units else 0)
    canvas.setFont(BOLD, size)
    if serial:
        canvas.drawString(serial_x, bottom_line, stub[0])
    canvas.drawString(stub_x, bottom_line, stub[-1])
    y = bottom_line - 0.6 * size
    if layout.rules in ("booktabs", "header"):
        rule(y, weight=0.6)
    y -= lead

    # body
    baselines = []  # each entry's figure line, to centre the row groups' labels on
    for entry in entries:
        label_x = stub_x + (indent if entry.indent else 0)
        hang = size if layout.hanging_indent else 0.0
        lines = _wrap(entry.label, stub_w - (indent if entry.indent else 0), FONT, size, 3, hang) or [entry.label]
        font = BOLD if not entry.figures and layout.subhead_bold else FONT
        canvas.setFont(font, size)
        for k, text in enumerate(lines):
            canvas.drawString(label_x + (hang if k else 0.0), y - k * lead, text)
        if entry.qualifier:
            canvas.drawString(label_x + (hang if lines else 0.0), y - len(lines) * lead, entry.qualifier)
        n = len(lines)
        anchor = {"top": 0.0, "bottom": n - 1.0, "middle": (n - 1) / 2}[layout.figure_anchor]
        fy = y - anchor * lead
        canvas.setFont(FONT, size)
        if entry.serial:
            canvas.drawString(serial_x, fy, entry.serial)
        for k, figure in enumerate(entry.figures):
            cell(k, fy, figure)
            if k < len(entry.marks) and entry.marks[k]:  # raised, smaller, hanging past the edge
                canvas.setFont(FONT, MARK_SIZE * size)
                canvas.drawString(fig_x[k][1] + MARK_GAP_EM * size, fy + MARK_RAISE_EM * size, entry.marks[k])
                canvas.setFont(FONT, size)
        baselines.append(fy)
        y -= (n + bool(entry.qualifier)) * lead + pad
    for k, entry in enumerate(entries):  # a group's label centred down the rows it groups
        if entry.group:
            canvas.drawString(serial_x, (baselines[k] + baselines[k + entry.grouped - 1]) / 2, entry.group)
    if layout.rules == "booktabs":
        rule(y + lead - 0.35 * size, weight=0.9)
    if layout.stat_line:
        canvas.setFont("Times-Italic", size + 1)
        canvas.drawString(stub_x, y, f"Chi-square = {10 + layout.seed % 90}.{layout.seed % 7}, "
                                       f"df = {1 + layout.seed % 5}, p < 0.001")
        y -= lead
    if layout.section_after:
        canvas.setFont(FONT, size)
        canvas.drawString(left, y - 0.3 * lead, f"Source: State survey {2005 + layout.seed % 9}, data is weighted.")
        y -= 2.0 * lead
        canvas.setFont(BOLD, size + 2)
        canvas.drawString(left, y, f"{1 + layout.seed % 9}.{1 + layout.seed % 5}")
        canvas.drawString(left + 3.5 * size, y, "Measuring financial")
        canvas.drawString(left + 3.5 * size + width_of("Measuring financial", BOLD) * (size + 2) / size + 3 * size, y,
                          "literacy")
        canvas.setFont(FONT, size + 2)
        for k in range(2):
            canvas.drawString(left, y - (k + 1) * 1.2 * (size + 2),
                              "We measure financial sophistication with questions on interest and inflation.")
        y -= 3.6 * (size + 2)
    if layout.notes:
        y -= 0.8 * lead
        canvas.setFont(FONT, size - 1)
        canvas.drawString(left, y, "Note: Figures for the latest year are provisional; '..' not available, '-' nil.")
        canvas.drawString(left, y - lead, f"Source: Directorate of Economics and Statistics, {2012 + layout.seed % 9}.")
        y -= lead
    if layout.next_table and not layout.stacked_table:  # running text closes the page, at the text width
        canvas.setFont(FONT, size + 1)
        y -= 2.5 * lead
        for k, text in enumerate(_wrap(PARAGRAPH, PAGE[0] - 2 * MARGIN, FONT, size + 1, 99)):
            canvas.drawString(left, y - k * 1.2 * (size + 1), text)
            y -= 1.2 * (size + 1)
    return y


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
    "subhead_bold": (False,),  # with sub-heading rows
    "next_table": (True,),
    "hanging_indent": (True,),
    "label_qualifier": (True,),
    "stat_line": (True,),
    "section_after": (True,),
    "row_groups": (True,),
    "stacked_table": (True,),
    "code_column": (True,),
    "footnote_marks": (True,),
    "sub_columns": (3,),  # with group_header: a group label centred over three sub-columns
    "group_levels": (2,),
    "group_overhang": (True,),
    "heading_spacing": ("words", "letters"),
    "heading_overhang": (True,),
}
# the traits that show only with others: a trait varied alone sets these too
ALONE_WITH: dict[str, dict] = {
    "figure_anchor": {"label_lines": 3}, "subhead_bold": {"hierarchy": "subheads"}, "hanging_indent": {"label_lines": 3},
    "sub_columns": {"group_header": True, "figure_columns": 6},
    "group_levels": {"group_header": True, "figure_columns": 6, "sub_columns": 3},
    "group_overhang": {"group_header": True},
}


def layouts(count: int = 60, seed: int = 20) -> list[StatsLayout]:
    """`count` specs: the baseline, each trait value alone (a wrapped-label anchor with 3-line
    labels), then random combinations of traits, seeded."""
    rng = random.Random(seed)
    out = [StatsLayout(seed=seed)]
    for name, values in TRAIT_VALUES.items():
        for value in values:
            out.append(replace(StatsLayout(seed=seed + len(out)), **{name: value}, **ALONE_WITH.get(name, {})))
    out.append(replace(StatsLayout(seed=seed + len(out)), label_lines=3))  # bottom anchor, alone
    while len(out) < count:
        chosen = {name: rng.choice(values) for name, values in TRAIT_VALUES.items() if rng.random() < 0.4}
        if chosen.get("hierarchy") and chosen.get("label_lines"):
            chosen.pop("label_lines")  # hierarchical labels are short; wrapping goes with flat lists
        if chosen.get("stacked_table"):
            chosen.pop("next_table", None)  # one page: the second table under the first
        if chosen.get("row_groups"):  # the group column is the stub's first: short area labels, no serials
            for name in ("hierarchy", "label_lines", "serial_column", "label_qualifier", "hanging_indent"):
                chosen.pop(name, None)
        if chosen.keys() & {"sub_columns", "group_levels", "group_overhang"}:
            chosen["group_header"] = True  # they set groups
        columns = rng.randint(3, 6)
        if chosen.get("group_levels") == 2:  # two groups at least under the top label
            columns = max(columns, 2 * chosen.get("sub_columns", 2))
        out.append(StatsLayout(seed=seed + len(out), rows=rng.randint(5, 10), figure_columns=columns,
                               size=rng.choice((7.0, 8.0, 9.0)), **chosen))
    return out[:count]
