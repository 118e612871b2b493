"""Spanning and spaced headers of statistical tables (issue 20), drawn from specs
(tests/generators/stats_tables.py) with the cells typed here: a group label centred over an odd
number of sub-columns sits over the middle one and was read as its heading; a heading set with
stretched word spaces or tracked letters ("Per   cent   change") was cut into columns at its
spaces; headings and group labels wider than their figures overhang the gaps. Both page
sources must agree."""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

import pytest
from generators.stats_tables import Content, Entry, StatsLayout, content, draw, expected

from pipeline.extract.pdf_tables import read_pdf_tables

SOURCES = ("pdfium", "pdfminer")

ROWS = (
    Entry("", "Madhya Pradesh", ("837,063", "284,836", "643,133", "12,410", "9,881", "22,291")),
    Entry("", "Rajasthan", ("963,133", "713,464", "471,755", "31,002", "28,719", "59,721")),
    Entry("", "Karnataka", ("210,771", "14,876", "980,982", "8,115", "7,960", "16,075")),
    Entry("", "Maharashtra", ("299,111", "664,789", "709,401", "44,310", "41,022", "85,332")),
    Entry("", "Kerala", ("1,555", "77", "90", "6,018", "6,430", "12,448")),
)


def read(layout: StatsLayout, table: Content, source: str) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    (found,) = read_pdf_tables(draw(layout, table), "stats.pdf", pdf_source=source)
    return [r.cells for r in found.header_rows], [r.cells for r in found.body]


@pytest.mark.parametrize("source", SOURCES)
def test_a_group_label_centred_over_three_sub_columns_spans_them(source):
    # "Literacy rate" is centred over Male | Female | Total, so it stands over "Female" alone:
    # it is the group's label (in the span's first column), not Female's heading
    table = Content(stub=("State",), groups=("Literacy rate", "Health workers"),
                    heads=("Male", "Female", "Total", "Male", "Female", "Total"), units="", entries=ROWS)
    layout = StatsLayout(group_header=True, sub_columns=3, figure_columns=6)
    header, body = read(layout, table, source)
    assert header == [("", "Literacy rate", "", "", "Health workers", "", ""),
                      ("State", "Male", "Female", "Total", "Male", "Female", "Total")]
    assert header == list(expected(layout, table)[0])
    assert body == [(e.label, *e.figures) for e in ROWS]


SPACED = Content(stub=("State",), groups=(), heads=("Per cent change", "Share of total", "Gross value added"),
                 units="", entries=tuple(Entry("", e.label, e.figures[:3]) for e in ROWS))


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("layout", [
    StatsLayout(seed=0, heading_spacing="words"),  # word spaces stretched by Tw, space glyphs printed
    StatsLayout(seed=1, heading_spacing="words"),  # each word placed on its own, an em apart
    StatsLayout(heading_spacing="letters"),  # letters tracked 0.15 em: word spaces near 0.7 em
    StatsLayout(heading_spacing="words", gap_em=1.5, size=9.0),
], ids=["word-spacing", "placed-words", "letter-spaced", "words-tighter-columns"])
def test_a_heading_with_stretched_spaces_is_one_heading(source, layout):
    # the spaces inside each heading are wider than a column gap, narrower than any gap the
    # body keeps between its columns: one heading over its figures, not a column per word
    header, body = read(layout, SPACED, source)
    assert header == [("State", "Per cent change", "Share of total", "Gross value added")]
    assert body == [(e.label, *e.figures) for e in SPACED.entries]


@pytest.mark.parametrize("source", SOURCES)
def test_headings_wider_than_their_figures_stay_apart(source):
    # each heading centred over its figures overhangs into the gaps, an em from the next: closer
    # together than the figures, each over its own column still
    table = Content(stub=("State",), groups=(), heads=("Net receipts", "Total outlay", "Gross value added"),
                    units="", entries=tuple(Entry("", e.label, e.figures[3:]) for e in ROWS))
    header, body = read(StatsLayout(heading_overhang=True), table, source)
    assert header == [("State", "Net receipts", "Total outlay", "Gross value added")]
    assert body == [(e.label, *e.figures) for e in table.entries]


@pytest.mark.parametrize("source", SOURCES)
def test_group_labels_wider_than_their_sub_columns_span_them(source):
    table = Content(stub=("State",), groups=("Persons employed in factories", "Literacy rate of adults"),
                    heads=("Male", "Female", "Male", "Female"), units="",
                    entries=tuple(Entry("", e.label, e.figures[3:] + e.figures[:1]) for e in ROWS))
    layout = StatsLayout(group_header=True, group_overhang=True)
    header, body = read(layout, table, source)
    assert header == [("", "Persons employed in factories", "", "Literacy rate of adults", ""),
                      ("State", "Male", "Female", "Male", "Female")]
    assert body == [(e.label, *e.figures) for e in table.entries]


@pytest.mark.parametrize("source", SOURCES)
def test_one_group_label_over_three_sub_columns_with_its_units_line_heads_them(source):
    # one group over all the figure columns, its units line in the body face under it: both lines
    # stand over "Female" alone; they are the group's label, spanning the three
    table = Content(stub=("State",), groups=("Budget estimates",), heads=("Male", "Female", "Total"),
                    units="(Rs. crore)", entries=tuple(Entry("", e.label, e.figures[:3]) for e in ROWS))
    layout = StatsLayout(group_header=True, sub_columns=3, figure_columns=3, units_line=True)
    header, body = read(layout, table, source)
    assert header == [("", "Budget estimates (Rs. crore)", "", ""), ("State", "Male", "Female", "Total")]
    assert body == [(e.label, *e.figures) for e in table.entries]


YEARS = Content(stub=("State",), groups=("2010", "2011"), tops=("Employment",),
                heads=("Male", "Female", "Total", "Male", "Female", "Total"), units="", entries=ROWS)


@pytest.mark.parametrize("source", SOURCES)
def test_two_levels_of_group_labels_over_years_are_the_header(source):
    # "Employment" over "2010" and "2011", each centred over Male | Female | Total: the years
    # are labels over the headings under them, not a row of figures, and "Employment", standing
    # over no column of its own, is the top header row, not a title
    header, body = read(StatsLayout(group_header=True, group_levels=2, sub_columns=3, figure_columns=6), YEARS, source)
    assert header == [("", "Employment", "", "", "", "", ""), ("", "2010", "", "", "2011", "", ""),
                      ("State", "Male", "Female", "Total", "Male", "Female", "Total")]
    assert body == [(e.label, *e.figures) for e in ROWS]


def test_two_top_labels_over_four_groups_of_years():
    table = Content(stub=("State",), groups=("2010", "2011", "2010", "2011"), tops=("Employment", "Earnings"),
                    heads=("Male", "Female") * 4, units="",
                    entries=tuple(Entry("", e.label, (*e.figures, *e.figures[:2])) for e in ROWS))
    layout = StatsLayout(group_header=True, group_levels=2, figure_columns=8)
    header, body = read(layout, table, "pdfium")
    assert header == list(expected(layout, table)[0])
    assert header[1] == ("", "2010", "", "2011", "", "2010", "", "2011", "")
    assert body == [(e.label, *e.figures) for e in table.entries]


def _grouped(figures: Sequence[tuple[str, ...]]) -> tuple[Entry, ...]:
    """Row groups of two rows (Total, Rural) under Persons, Males, Females: the group column's
    label once, on its group's first row."""
    out = []
    for k, group in enumerate(("Persons", "Males", "Females")):
        out.append(Entry("", "Total", figures[2 * k], group=group, grouped=2))
        out.append(Entry("", "Rural", figures[2 * k + 1]))
    return tuple(out)


GROUPED = _grouped([e.figures for e in ROWS] + [ROWS[0].figures])


@pytest.mark.parametrize("source", SOURCES)
def test_four_header_lines_over_row_groups_are_all_header(source):
    # "Employment" and "Earnings", each with its units line, over "2010" and "2011", each over
    # Male | Female, over the headings: four lines above the first figures, all of them the
    # header (three rows, the units joined to their labels); the row groups' labels go to their
    # groups' first rows
    table = Content(stub=("Sex", "Area"), groups=("2010", "2011", "2010"), tops=("Employment", "Earnings"),
                    heads=("Male", "Female", "Male", "Female", "Male"), units="(%)",
                    entries=tuple(replace(e, figures=e.figures[:5]) for e in GROUPED))
    layout = StatsLayout(group_header=True, group_levels=2, units_line=True, row_groups=True, figure_columns=5,
                         size=9.0)
    header, body = read(layout, table, source)
    assert header == [("", "", "Employment (%)", "", "", "", "Earnings (%)"),
                      ("", "", "2010", "", "2011", "", "2010"),
                      ("Sex", "Area", "Male", "Female", "Male", "Female", "Male")]
    assert header == list(expected(layout, table)[0])
    assert body == [(e.group, e.label, *e.figures) for e in table.entries]


@pytest.mark.parametrize("source", SOURCES)
def test_a_group_label_wider_than_its_figures_stays_off_the_row_group_column(source):
    # the labels overhang their sub-columns into the gaps, the first towards the "Area" column:
    # a label over figures never spans a column of labels
    table = Content(stub=("Sex", "Area"), groups=("Persons employed in factories", "Literacy rate of adults"),
                    heads=("Male", "Female", "Male", "Female"), units="",
                    entries=tuple(replace(e, figures=e.figures[:4]) for e in GROUPED))
    layout = StatsLayout(group_header=True, group_overhang=True, row_groups=True, figure_columns=4)
    header, body = read(layout, table, source)
    assert header == [("", "", "Persons employed in factories", "", "Literacy rate of adults", ""),
                      ("Sex", "Area", "Male", "Female", "Male", "Female")]
    assert body == [(e.group, e.label, *e.figures) for e in table.entries]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("size", [7.0, 8.0])
def test_years_and_units_lines_over_letter_spaced_headings(source, size):
    # the units lines stand in the gaps under the top labels, the years over the gaps between
    # their sub-columns: neither widens the column it is near (a column widened so puts the
    # labels over it off-centre, and the top label over half a year's columns); nor do the
    # years, read first against columns the wide headings join, look like a row of figures
    table = Content(stub=("State",), groups=("2010", "2011", "2010"), tops=("Employment", "Earnings"),
                    heads=("Male", "Female", "Total", "2019-20", "2020-21", "Plan"), units="(%)", entries=ROWS)
    layout = StatsLayout(group_header=True, group_levels=2, units_line=True, heading_spacing="letters",
                         figure_columns=6, size=size)
    header, body = read(layout, table, source)
    assert header == [("", "Employment (%)", "", "", "", "Earnings (%)", ""),
                      ("", "2010", "", "2011", "", "2010", ""),
                      ("State", "Male", "Female", "Total", "2019-20", "2020-21", "Plan")]
    assert header == list(expected(layout, table)[0])
    assert body == [(e.label, *e.figures) for e in ROWS]


DECIMALS = tuple(Entry("", e.label, tuple(f"{int(f.replace(',', '')) % 1000}.{k}" for k, f in enumerate(e.figures)))
                 for e in ROWS)


@pytest.mark.parametrize("source", SOURCES)
def test_years_over_tight_columns_are_a_header_row(source):
    # columns an em apart: the letter-spaced headings and the years over the gaps join the
    # columns when the lines are first cut, "2010 2011" one cell; still a row of years over the
    # headings, not the first row of figures, and the body's own columns part them again
    table = Content(stub=("State",), groups=("2010", "2011", "2010"), tops=("Employment", "Earnings"),
                    heads=("Male", "Female", "Total", "2019-20", "2020-21", "Plan"), units="(%)", entries=DECIMALS)
    layout = StatsLayout(group_header=True, group_levels=2, units_line=True, heading_spacing="letters",
                         figure_columns=6, figure_style="decimal", gap_em=1.0)
    header, body = read(layout, table, source)
    assert header == [("", "Employment (%)", "", "", "", "Earnings (%)", ""),
                      ("", "2010", "", "2011", "", "2010", ""),
                      ("State", "Male", "Female", "Total", "2019-20", "2020-21", "Plan")]
    assert body == [(e.label, *e.figures) for e in DECIMALS]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("layout", [
    StatsLayout(seed=46, rows=5, figure_columns=4),
    StatsLayout(seed=62, rows=7, figure_columns=6, sub_columns=3, size=7.0),
], ids=["two-sub-columns", "three-sub-columns"])
def test_a_units_line_under_group_labels_wider_than_their_sub_columns_joins_them(source, layout):
    # each units line is centred under its label, in a gap between the label's sub-columns or
    # over one of them: under the label's span all the same, the label's second line, not a
    # row of its own
    layout = replace(layout, group_header=True, group_overhang=True, units_line=True)
    table = content(layout)
    header, body = read(layout, table, source)
    want_header, want_body = expected(layout, table)
    assert header == list(want_header)
    assert all(label.endswith(table.units) for label in header[0] if label)
    assert body == list(want_body)


@pytest.mark.parametrize("source", SOURCES)
def test_a_body_opening_with_a_sub_heading_row_under_years(source):
    # the first row under the headings is a state's name alone, in the body's face, over its
    # Rural / Total rows: a body row, and the header above it is all four lines (three rows)
    entries = []
    for e in ROWS[:3]:
        entries += [Entry("", e.label), Entry("", "Rural", e.figures, indent=True),
                    Entry("", "Total", ROWS[4].figures, indent=True)]
    table = Content(stub=("State",), groups=("2010", "2011"), tops=("Earnings",),
                    heads=("Male", "Female", "Total", "Male", "Female", "Total"), units="(%)", entries=tuple(entries))
    layout = StatsLayout(group_header=True, group_levels=2, sub_columns=3, figure_columns=6, units_line=True,
                         hierarchy="subheads", subhead_bold=False, figure_style="decimal", gap_em=1.5)
    header, body = read(layout, table, source)
    assert header == [("", "Earnings (%)", "", "", "", "", ""), ("", "2010", "", "", "2011", "", ""),
                      ("State", "Male", "Female", "Total", "Male", "Female", "Total")]
    assert body == list(expected(layout, table)[1])
    assert body[0] == ("Madhya Pradesh", "", "", "", "", "", "")


@pytest.mark.parametrize("source", SOURCES)
def test_a_group_of_one_column_widened_to_its_label_keeps_off_the_column_before(source):
    # five figure columns in groups of two: the last group is one column, widened to its label,
    # its figures flush right; the label centred over it has its middle over the gap before,
    # under the previous group's label: the last label heads its own column (and the codes
    # after it, outside the groups)
    codes = ("AAA", "BB+", "AA", "A-", "CCC")
    table = Content(stub=("State",), groups=("Households with electricity", "Persons employed in factories",
                                             "Health workers per lakh persons"),
                    heads=("Male", "Female", "Total", "2019-20", "2020-21", ""), units="", codes=True,
                    entries=tuple(Entry("", e.label, (*e.figures[:5], code)) for e, code in zip(ROWS, codes)))
    layout = StatsLayout(group_header=True, group_overhang=True, code_column=True, figure_columns=5)
    header, body = read(layout, table, source)
    assert header[0] == ("", "Households with electricity", "", "Persons employed in factories", "",
                         "Health workers per lakh persons", "")
    assert header == list(expected(layout, table)[0])
    assert body == [(e.label, *e.figures) for e in table.entries]
