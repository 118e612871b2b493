"""read_pdf_tables on the ways real documents draw tables and the text around them (issue 12,
item 3), each page drawn by tests/generators/styled_pdf.py from the rows, paragraphs and values
written here: the expected answer is that specification, never the pipeline's own reading.

Tables must come out with exactly the specified cells; prose, lists and charts must give no
table (DocumentError "no table found" when nothing else is on the page).
"""

from __future__ import annotations

import pytest

from pipeline.cli.tables import table_rows
from pipeline.core.errors import DocumentError
from pipeline.core.model import LineKind
from pipeline.extract.pdf_tables import read_pdf_tables
from generators.styled_pdf import (PARAGRAPHS, TEXT_INSET, BulletList, Chart, Heading, Page, Prose, StyledTable, break_lines,
                                         build_pdf)

WIDTHS = (150.0, 110.0, 110.0, 117.0)
HEADER = (("Pollutant", "Releases to air\n(kg/year)", "Releases to water\n(kg/year)", "Releases to land\n(kg/year)"),)
BODY = (
    ("Arsenic and compounds\n(as As)", "20", "5", "5"),
    ("Benzene", "1000", "200\n(as BTEX)", "-"),
    ("Cadmium and compounds\n(as Cd)", "10", "5", "5"),
    ("Chlorides (as total Cl)", "-", "2 000 000", "2 000 000"),
)
# the same body with section rows spanning all columns: first, in the middle and last
SECTIONED = (("Metals",), BODY[0], BODY[2], ("Organic substances",), BODY[1], ("Other",), BODY[3], ("Not reported",))



def table(**style) -> StyledTable:
    return StyledTable(**{"widths": WIDTHS, "header": HEADER, "body": BODY, **style})


def read(pages, **kwargs):
    data = build_pdf(pages, **kwargs)
    return read_pdf_tables(data, "styled.pdf")


def printed(found) -> list[tuple[str, ...]]:
    """The rows `annex tables` prints: title rows in the grid, header, body."""
    return [tuple(r["cells"]) for r in table_rows(found)]


def only_table(tables):
    assert len(tables) == 1, [printed(t) for t in tables]
    return tables[0]


# ---------------------------------------------------------------- ruling styles


@pytest.mark.parametrize("rules", ["lines", "bars", "segments"])
def test_ruled_table_reads_exactly(rules):
    spec = table(rules=rules)
    found = only_table(read([Page((Heading("Annex II"), spec))]))
    assert printed(found) == spec.expected()
    assert len(found.header_rows) == 1


@pytest.mark.parametrize("rules", ["bars", "segments"])
def test_eu001_cell_fills_inside_bar_rules_are_not_columns(rules):
    """eu-001: rules as 0.6 pt filled bars (or short strokes), every cell painted with a fill
    between its rules and one per text line inset 5.2 pt: still 4 columns, one row per row."""
    spec = table(rules=rules, cell_fill="#ffcc99", title="THRESHOLD FOR RELEASES")
    found = only_table(read([Page((spec,))]))
    assert found.width == 4
    assert printed(found) == spec.expected()


@pytest.mark.parametrize("rules", ["lines", "bars"])
def test_spanning_title_row_inside_the_grid_is_printed_first(rules):
    spec = table(rules=rules, title="THRESHOLD FOR RELEASES")
    found = only_table(read([Page((Heading("Annex II: thresholds"), spec))]))
    title = [line.cells for line in found.lines if line.kind is LineKind.TITLE]
    assert title == [("THRESHOLD FOR RELEASES", "", "", "")]
    assert printed(found)[0] == ("THRESHOLD FOR RELEASES", "", "", "")
    assert printed(found) == spec.expected()
    # the heading above the grid is not part of the drawn table: a note
    assert [line.cells[0] for line in found.notes] == ["Annex II: thresholds"]


@pytest.mark.parametrize("style", [
    {"rules": "lines"},
    {"rules": "bars", "cell_fill": "#ffcc99"},
    {"rules": "none", "band": "#d9d9d9"},
    {"rules": "none", "band": "#d9d9d9", "header_fill": "#b8cce4"},
], ids=["lines", "bars-filled", "banded", "banded-header-fill"])
def test_section_rows_spanning_all_columns_at_any_position(style):
    """Issue 12 failure 2: theme rows across the full width (first body row, middle, last) stay
    rows of the one table, their text in the first column."""
    spec = table(body=SECTIONED, **style)
    found = only_table(read([Page((spec,))]))
    assert printed(found) == spec.expected()


@pytest.mark.parametrize("style", [{"band": "#d9d9d9"}, {"header_fill": "#1f497d"}, {"band": "#eeeeee", "header_fill": "#b8cce4"}],
                         ids=["banded", "header-fill", "both"])
def test_shaded_table_without_rules_reads_exactly(style):
    """Fills with no rules: the fill edges are not rulings, the columns come from the text."""
    spec = table(rules="none", **style)
    found = only_table(read([Page((spec,))]))
    assert printed(found) == spec.expected()
    assert not found.rows_ruled


# ---------------------------------------------------------------- prose, lists, figures


def test_two_column_justified_prose_page_is_no_table():
    """Report text set in two justified columns: each text line has a phrase in each column,
    which is not a 2-column table."""
    with pytest.raises(DocumentError, match="no table found"):
        read([Page((Prose(PARAGRAPHS * 2, columns=2, justify=True),))])


@pytest.mark.parametrize("size,width", [(9.0, 240.0), (9.0, 300.0), (10.0, 280.0), (10.0, 487.0)])
def test_single_column_justified_prose_is_no_table(size, width):
    """Widths at which the word spaces of some lines stretch past cell padding (the reader
    before 4b1f56a made 2- to 6-column tables of the words at the first three)."""
    with pytest.raises(DocumentError, match="no table found"):
        read([Page((Prose(PARAGRAPHS, width=width, size=size, justify=True),))])


@pytest.mark.parametrize("rules", ["lines", "none"])
def test_justified_text_in_a_table_cell_stays_one_cell(rules):
    """Report tables set long comments justified: the widened spaces inside the cell are not
    column gaps and the cell's lines join with spaces."""
    # lines broken where a word processor breaks them (the next word does not fit), so that
    # justifying stretches the spaces as it does in real documents (a forced break far short
    # of the width would stretch three words over the whole cell)
    width = 220.0

    def wrapped(text: str) -> str:
        return "\n".join(" ".join(line) for line in break_lines(text.split(), width - 2 * TEXT_INSET, 9.0, False))

    spec = StyledTable(widths=(120.0, width, 60.0), header=(("Theme", "Commentary", "Total"),), body=(
        ("Libraries", wrapped("Peer reviews were held in four councils, each with a written report and an "
                              "offer of further support from the programme team."), "4"),
        ("Museums", wrapped("Collections were reviewed in two councils, and both asked for a second "
                            "visit in the spring."), "2"),
        ("Sport", wrapped("Action learning sets met in spring and autumn with members from twelve councils."), "6")),
        rules=rules, justify=True)
    found = only_table(read([Page((spec,))]))
    assert printed(found) == spec.expected()


def test_prose_with_two_spaces_after_each_sentence_is_no_table():
    text = ("Members are aware of the plan. Nevertheless the council will publish a report. It sets out "
            "what was done. Officers will report back on progress. The board meets again in May. "
            "Figures follow in the annex. Members agreed.")
    with pytest.raises(DocumentError, match="no table found"):
        read([Page((Prose((text, text), width=300, justify=False, sentence_space=True),))])


@pytest.mark.parametrize("marker", ["\u2022", "-", "1."])
def test_bulleted_or_numbered_list_is_no_table(marker):
    items = ("Libraries peer reviews in four councils, with a written report to each council",
             "Sport action learning sets", "Heritage seminar for members", "Culture leadership programme")
    with pytest.raises(DocumentError, match="no table found"):
        read([Page((Heading("What we did"), BulletList(items, marker=marker)))])


def test_chart_with_axis_numbers_and_data_labels_is_no_table():
    chart = Chart(("2011", "2012", "2013", "2014", "2015"), (12, 18, 15, 27, 31), (0, 10, 20, 30, 40))
    with pytest.raises(DocumentError, match="no table found"):
        read([Page((Heading("Figure 3: releases to air"), chart))])


def test_table_among_prose_list_and_chart_comes_out_alone():
    """A report page: paragraph, list, table, chart. Only the table is a table, with its cells."""
    spec = table(rules="none", band="#d9d9d9")
    chart = Chart(("2011", "2012", "2013", "2014"), (12, 18, 15, 27), (0, 10, 20, 30), height=140)
    page = Page((Prose(PARAGRAPHS[:1], justify=True), BulletList(("Peer reviews", "Action learning sets")),
                 spec, chart), gap=24)
    found = only_table(read([page]))
    assert printed(found) == spec.expected()


# ---------------------------------------------------------------- pages


@pytest.mark.parametrize("repeat_header", [True, False], ids=["header-repeated", "no-header-on-later-pages"])
def test_table_over_pages_with_alternating_odd_even_running_headers(repeat_header):
    """Odd pages print 'title ... page number', even pages 'page number ... chapter' (mirrored):
    neither page's header matches its neighbour's, and neither joins the table, whether the
    later pages repeat the table header or continue without one."""
    rows = tuple((f"Installation {i}", f"{i * 10}", f"{i}", "-") for i in range(1, 31))
    later = HEADER if repeat_header else ()
    pages = [Page((table(body=rows[:12], rules="none", band="#eeeeee"),)),
             Page((table(header=later, body=rows[12:24], rules="none", band="#eeeeee"),)),
             Page((table(header=later, body=rows[24:], rules="none", band="#eeeeee"),))]
    found = only_table(read(pages, running=("Annual report 2015", "Chapter 3: Releases")))
    assert found.pages == (1, 2, 3)
    assert [line.cells for line in found.body] == [tuple(r) for r in rows]
    assert [line.cells for line in found.header_rows] == table().expected()[:1]


def test_landscape_page_stored_rotated_reads_exactly():
    """A landscape page on portrait paper with /Rotate 90: the table is wider than the paper's
    portrait width (730 pt), so nothing beyond x = 595 may be lost."""
    wide = StyledTable(widths=(160.0, 95.0, 95.0, 95.0, 95.0, 95.0, 95.0),
                       header=(("Region", "2010", "2011", "2012", "2013", "2014", "Change"),),
                       body=(("North East", "12", "14", "15", "15", "18", "+6"),
                             ("North West", "30", "29", "31", "33", "35", "+5"),
                             ("Yorkshire", "21", "20", "22", "19", "23", "+2")))
    found = only_table(read([Page((Heading("Table 4: installations by region"), wide), rotate=90)]))
    assert printed(found) == wide.expected()


def test_sideways_label_beside_a_table_is_not_a_row():
    """A chart's sideways axis title near a table never joins a row."""
    chart = Chart(("2011", "2012", "2013"), (12, 18, 15), (0, 10, 20), height=120, y_title="Tonnes")
    spec = table(rules="lines")
    found = only_table(read([Page((spec, chart), gap=10)]))
    assert printed(found) == spec.expected()


# ---------------------------------------------------------------- merged, wrapped and bold cells

QUARTERS_HEADER = (("Theme", "Number delivered per quarter", "", "", "Total"), ("", "Q1", "Q2", "Q3", ""))
QUARTERS_MERGES = ((0, 1, 0, 3), (0, 0, 1, 0), (0, 4, 1, 4))


@pytest.mark.parametrize("rules", ["lines", "bars", "none"])
def test_merged_header_cells_are_drawn_without_inner_rules(rules):
    """A cell merged over Q1..Q3 and cells merged over both header rows: no rule inside a
    merge, the text in its first cell; the reader gives the specified cells."""
    import io

    import pdfplumber

    spec = StyledTable(widths=(120.0, 60.0, 60.0, 60.0, 60.0), header=QUARTERS_HEADER, merges=QUARTERS_MERGES,
                       body=(("Peer work", "1", "2", "3", "6"),), rules=rules)
    data = build_pdf([Page((spec,))])
    found = only_table(read_pdf_tables(data, "styled.pdf"))
    assert printed(found) == spec.expected()
    if rules == "none":
        return
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        edges = pdf.pages[0].edges
    x0 = 54.0  # MARGIN: the table's left edge
    header_top, header_mid = 74.0, 74.0 + 9 * 1.25 + 6  # Page.top; one line and padding below
    # no vertical rule between Q1 and Q2 in the first header row, one in the second
    q_edge = x0 + 180.0
    verticals = [e for e in edges if e["orientation"] == "v" and abs(e["x0"] - q_edge) < 1]
    assert not any(e["top"] < header_mid - 1 for e in verticals)
    assert any(e["top"] < header_mid + 1 < e["bottom"] for e in verticals)
    # the rule between the header rows stops at the Theme and Total merges
    horizontals = [e for e in edges if e["orientation"] == "h" and abs(e["top"] - header_mid) < 1
                   and e["x1"] - e["x0"] > 5]  # not the ends of the vertical bars
    assert min(e["x0"] for e in horizontals) > x0 + 119 and max(e["x1"] for e in horizontals) < x0 + 301
    # the first header row is one line tall: the merges over both rows need no more
    assert any(abs(e["top"] - header_top) < 1 for e in edges if e["orientation"] == "h")


def test_wrapped_cells_break_at_their_column_width():
    from generators.styled_pdf import wrap_text

    assert wrap_text("Support at least 20 local authorities", 60, "Helvetica", 9) == [
        "Support at", "least 20 local", "authorities"]
    assert wrap_text("one\ntwo three", 200, "Helvetica", 9) == ["one", "two three"]
    with pytest.raises(ValueError, match="wider than its cell"):
        wrap_text("Transformation", 20, "Helvetica", 9)
    spec = StyledTable(widths=(90.0, 50.0), header=(("Deliverable", "Target"),), wrap=True,
                       body=(("Support at least 20 local authorities to develop scrutiny", "20"),))
    assert spec.lines_of(1, 0, "Helvetica") == ["Support at least 20", "local authorities to", "develop scrutiny"]
    found = only_table(read([Page((spec,))]))
    assert printed(found) == spec.expected()


def test_bold_body_rows_are_set_in_the_bold_face():
    import io

    import pdfplumber

    spec = StyledTable(widths=(150.0, 80.0), header=(("Theme", "Target"),),
                       body=(("Peer work", ""), ("Reviews", "20")), bold_body_rows=(0,))
    with pdfplumber.open(io.BytesIO(build_pdf([Page((spec,))]))) as pdf:
        fonts = {w["text"]: w["fontname"] for w in pdf.pages[0].extract_words(extra_attrs=["fontname"])}
    assert fonts["Peer"] == fonts["Theme"] == "Helvetica-Bold" and fonts["Reviews"] == "Helvetica"


@pytest.mark.parametrize("style, message", [
    ({"merges": ((0, 0, 0, 0),)}, "two or more cells"),
    ({"merges": ((0, 0, 0, 5),)}, "two or more cells"),
    ({"merges": ((0, 0, 0, 1),)}, "only its first cell"),
    ({"bold_body_rows": (5,)}, "indexes of body rows"),
])
def test_styled_table_refuses_merges_and_bold_rows_it_cannot_draw(style, message):
    with pytest.raises(ValueError, match=message):
        StyledTable(widths=(100.0, 60.0), header=(("Theme", "Target"),), body=(("Peer", "1"),), **style)
