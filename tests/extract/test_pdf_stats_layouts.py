"""Statistical tables as government reports set them (issue 20): each test draws one layout from
a spec (tests/generators/stats_tables.py) with cells typed here, and reads it back with the
defaults. Regressions of failures bench_pdf_layouts.py showed: a wrapped row label whose figures
sit on its last line read as several rows; a units line under the headings read as a body row;
sub-heading rows in the body's face joined to the row above; one-word headings centred over
equal columns read as one line of text; a group label centred down its rows read on the middle
row, and groups of two rows beside groups of three read as one row (the label between two
lines taken for padding); a code column set right against its figures read glued to them
("648765AAA"), figure columns set closer than a column gap read as one column, and a raised
footnote mark after a figure read as a column of its own.

Tests of these held-out classes read with both page sources, which must agree."""

from __future__ import annotations

import pytest
from generators.stats_tables import Content, Entry, StatsLayout, draw, expected

from pipeline.extract.pdf_tables import read_pdf_tables


SOURCES = ("pdfium", "pdfminer")


def read(layout: StatsLayout, table: Content,
         source: str = "pdfium") -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    (found,) = read_pdf_tables(draw(layout, table), "stats.pdf", pdf_source=source)
    return [r.cells for r in found.header_rows], [r.cells for r in found.body]


WRAPPED = Content(
    stub=("Item",), groups=(), heads=("2019-20", "2020-21", "2021-22"), units="",
    entries=(
        Entry("", "Revenue receipts from taxes on motor vehicles and passengers", ("1,234", "1,456", "1,602")),
        Entry("", "Punjab", ("310", "295", "301")),
        Entry("", "Interest payments on market loans and small savings", ("8,910", "9,420", "10,115")),
        Entry("", "Kerala", ("77", "81", "90")),
        Entry("", "Grants in aid from the central government for state plan schemes", ("4,400", "4,610", "5,020")),
    ),
)
WRAPPED_BODY = [
    ("Revenue receipts from taxes on motor vehicles and passengers", "1,234", "1,456", "1,602"),
    ("Punjab", "310", "295", "301"),
    ("Interest payments on market loans and small savings", "8,910", "9,420", "10,115"),
    ("Kerala", "77", "81", "90"),
    ("Grants in aid from the central government for state plan schemes", "4,400", "4,610", "5,020"),
]


def test_figures_on_a_wrapped_labels_last_line_make_one_row_with_it():
    header, body = read(StatsLayout(label_lines=3, figure_anchor="bottom"), WRAPPED)
    assert header == [("Item", "2019-20", "2020-21", "2021-22")]
    assert body == WRAPPED_BODY


def test_figures_on_a_wrapped_labels_first_line_make_one_row_with_it():
    _, body = read(StatsLayout(label_lines=3, figure_anchor="top"), WRAPPED)
    assert body == WRAPPED_BODY


def test_figures_centred_between_a_labels_two_lines_make_one_row_with_them():
    _, body = read(StatsLayout(label_lines=2, figure_anchor="middle"), WRAPPED)
    assert body == WRAPPED_BODY


def test_figures_on_the_last_line_with_a_serial_column_and_booktabs_rules():
    numbered = Content(stub=("S.No.", "Item"), groups=(), heads=WRAPPED.heads, units="",
                       entries=tuple(Entry(f"{k}.", e.label, e.figures) for k, e in enumerate(WRAPPED.entries, 1)))
    header, body = read(StatsLayout(label_lines=2, rules="booktabs", serial_column=True), numbered)
    assert header == [("S.No.", "Item", "2019-20", "2020-21", "2021-22")]
    assert body == [(f"{k}.", *row) for k, row in enumerate(WRAPPED_BODY, 1)]


def test_sub_headings_in_the_body_face_stay_rows_over_their_indented_rows():
    table = Content(
        stub=("State",), groups=(), heads=("Male", "Female", "Total"), units="",
        entries=(
            Entry("", "Assam"),
            Entry("", "Rural", ("1,020", "998", "2,018"), indent=True),
            Entry("", "Urban", ("410", "402", "812"), indent=True),
            Entry("", "Total", ("1,430", "1,400", "2,830"), indent=True),
            Entry("", "Kerala"),
            Entry("", "Rural", ("880", "905", "1,785"), indent=True),
            Entry("", "Urban", ("702", "731", "1,433"), indent=True),
            Entry("", "Total", ("1,582", "1,636", "3,218"), indent=True),
        ),
    )
    _, body = read(StatsLayout(hierarchy="subheads", subhead_bold=False), table)
    assert body == [
        ("Assam", "", "", ""),
        ("Rural", "1,020", "998", "2,018"),
        ("Urban", "410", "402", "812"),
        ("Total", "1,430", "1,400", "2,830"),
        ("Kerala", "", "", ""),
        ("Rural", "880", "905", "1,785"),
        ("Urban", "702", "731", "1,433"),
        ("Total", "1,582", "1,636", "3,218"),
    ]


SHORT_BODY = (
    Entry("", "Madhya Pradesh", ("837,063", "284,836", "643,133")),
    Entry("", "Rajasthan", ("963,133", "713,464", "471,755")),
    Entry("", "Karnataka", ("210,771", "14,876", "980,982")),
    Entry("", "Maharashtra", ("299,111", "664,789", "709,401")),
)


def test_a_units_line_under_the_headings_is_part_of_each_heading():
    # a short table: the headings and units are a third of its lines, and rows whose labels
    # would not fit on one line together must not be taken for one wrapped row
    table = Content(stub=("State",), groups=(), heads=("Budget", "Revised", "Actuals"), units="(Rs. lakh)",
                    entries=SHORT_BODY)
    header, body = read(StatsLayout(units_line=True), table)
    assert header == [("State", "Budget (Rs. lakh)", "Revised (Rs. lakh)", "Actuals (Rs. lakh)")]
    assert body == [(e.label, *e.figures) for e in SHORT_BODY]


def test_a_units_line_under_group_labels_is_part_of_each_group_label():
    table = Content(stub=("State",), groups=("Budget estimates", "Health workers"),
                    heads=("Male", "Female", "Male", "Female"), units="(Rs. crore)",
                    entries=tuple(Entry("", e.label, (*e.figures, "1,000")) for e in SHORT_BODY))
    header, body = read(StatsLayout(group_header=True, units_line=True), table)
    assert header == [("", "Budget estimates (Rs. crore)", "", "Health workers (Rs. crore)", ""),
                      ("State", "Male", "Female", "Male", "Female")]
    assert body[0] == ("Madhya Pradesh", "837,063", "284,836", "643,133", "1,000")
    assert len(body) == len(SHORT_BODY)


def test_one_word_headings_centred_over_equal_columns_are_separate_headings():
    # six headings evenly spaced like a justified line of words, but 1.5 em and more apart
    heads = ("Revised", "Share", "Deaths", "Outlay", "Actuals", "Births")
    table = Content(stub=("State",), groups=(), heads=heads, units="(%)",
                    entries=tuple(Entry("", e.label, (*e.figures, *e.figures)) for e in SHORT_BODY))
    header, body = read(StatsLayout(units_line=True, gap_em=1.5), table)
    assert header == [("State", *(f"{h} (%)" for h in heads))]
    assert body[1] == ("Rajasthan", "963,133", "713,464", "471,755", "963,133", "713,464", "471,755")


def test_a_three_line_label_with_figures_on_its_middle_line_keeps_its_last_line():
    # the label's last line ("and passengers") lies between its figures and the next row's
    # one-line label and figures, where the word-fit test cannot tell which row it ends
    table = Content(
        stub=("Item",), groups=(), heads=("Budget", "Revised", "Actuals"), units="",
        entries=(
            Entry("", "Kerala", ("77", "81", "90")),
            Entry("", "Revenue receipts from taxes on motor vehicles and passengers", ("1,234", "1,456", "1,602")),
            Entry("", "Maharashtra", ("642", "166", "715")),
            Entry("", "Grants in aid from the central government for state plan schemes", ("4,400", "4,610", "5,020")),
            Entry("", "Punjab", ("310", "295", "301")),
        ),
    )
    _, body = read(StatsLayout(label_lines=3, figure_anchor="middle"), table)
    assert body == [
        ("Kerala", "77", "81", "90"),
        ("Revenue receipts from taxes on motor vehicles and passengers", "1,234", "1,456", "1,602"),
        ("Maharashtra", "642", "166", "715"),
        ("Grants in aid from the central government for state plan schemes", "4,400", "4,610", "5,020"),
        ("Punjab", "310", "295", "301"),
    ]


def test_a_units_line_centred_under_group_labels_in_padded_rows_is_no_column():
    # "(%)" centred under each group label falls in the gap between the group's two
    # sub-columns: it is the label's next line, not a column of its own
    table = Content(stub=("S.No.", "State"), groups=("Health workers", "Population 2011", "Literacy rate"),
                    heads=("Male", "Female", "Total", "2019-20", "2020-21", "Plan"), units="(%)",
                    entries=tuple(Entry(f"{k}.", e.label, (*e.figures, *e.figures))
                                  for k, e in enumerate(SHORT_BODY, 1)))
    header, body = read(StatsLayout(group_header=True, units_line=True, serial_column=True,
                                    row_padding_em=0.5, size=9.0), table)
    assert header == [("", "", "Health workers (%)", "", "Population 2011 (%)", "", "Literacy rate (%)", ""),
                      ("S.No.", "State", "Male", "Female", "Total", "2019-20", "2020-21", "Plan")]
    assert body == [(f"{k}.", e.label, *e.figures, *e.figures) for k, e in enumerate(SHORT_BODY, 1)]


def test_a_captioned_table_on_the_next_page_is_a_table_of_its_own():
    # the page ends in running text; the next page's table has the same columns but its own
    # caption ("Table 4.3: ..."): it is another table, not the rest of the first
    first = Content(stub=("State",), groups=(), heads=("Budget", "Revised", "Actuals"), units="",
                    entries=SHORT_BODY)
    tables = read_pdf_tables(draw(StatsLayout(next_table=True, notes=True), first), "stats.pdf")
    assert len(tables) == 2
    assert [r.cells for r in tables[0].header_rows] == [("State", "Budget", "Revised", "Actuals")]
    assert [r.cells for r in tables[0].body] == [(e.label, *e.figures) for e in SHORT_BODY]
    assert [r.cells for r in tables[1].body] == [(e.label, *e.figures) for e in SHORT_BODY[2:] + SHORT_BODY[:2]]


def test_figures_and_serial_number_centred_between_a_labels_two_lines_make_one_row():
    # the serial number and figures sit between the label's two lines: no line fills the stub
    # and the figures together, yet they anchor the row as a line filling both does (the next
    # row's label would not fit after the label's last line: no sure end there)
    entries = (
        Entry("1.", "Loans and advances by the state government to local bodies", ("139,074", "207,047", "920,855")),
        Entry("2.", "Maharashtra", ("74,603", "59,285", "284,375")),
        Entry("3.", "Children fully immunised by the age of twelve months", ("61,741", "95,531", "854,071")),
        Entry("4.", "Andhra Pradesh", ("847,139", "323,350", "381,266")),
        Entry("5.", "Grants in aid from the central government for state plan schemes",
              ("121,014", "683,545", "999,922")),
    )
    table = Content(stub=("S.No.", "Item"), groups=(), heads=WRAPPED.heads, units="", entries=entries)
    _, body = read(StatsLayout(label_lines=3, figure_anchor="middle", serial_column=True, size=7.0), table)
    assert body == [(e.serial, e.label, *e.figures) for e in entries]


def test_a_label_wrapped_under_a_hanging_indent_is_one_label():
    # a long label's lines after its first are indented, as a child row (Rural under a state)
    # is: they go on in lower case with a word that would not have fitted above
    _, body = read(StatsLayout(label_lines=3, hanging_indent=True), WRAPPED)
    assert body == WRAPPED_BODY


def test_child_rows_indented_under_a_state_stay_rows_beside_hanging_indents():
    table = Content(stub=("State",), groups=(), heads=("Male", "Female", "Total"), units="",
                    entries=(Entry("", "Assam"),
                             Entry("", "Rural", ("1,020", "998", "2,018"), indent=True),
                             Entry("", "Urban", ("410", "402", "812"), indent=True),
                             Entry("", "Kerala"),
                             Entry("", "Rural", ("880", "905", "1,785"), indent=True),
                             Entry("", "Urban", ("702", "731", "1,433"), indent=True)))
    _, body = read(StatsLayout(hierarchy="subheads", subhead_bold=False, hanging_indent=True), table)
    assert body == [("Assam", "", "", ""), ("Rural", "1,020", "998", "2,018"), ("Urban", "410", "402", "812"),
                    ("Kerala", "", "", ""), ("Rural", "880", "905", "1,785"), ("Urban", "702", "731", "1,433")]


def test_a_units_line_under_a_group_label_reaching_into_a_sub_column_is_the_labels():
    # "(%)" centred under each group label reaches into a sub-column widened by its heading
    # (a five-column table: the last group has one sub-column): still the label's next line
    entries = (Entry("1.", "Tamil Nadu", ("42547", "85708", "74258", "23849", "38156")),
               Entry("", "Rural", ("9279", "75801", "16933", "81563", "15480"), indent=True),
               Entry("", "Urban", ("92050", "42493", "11248", "43152", "33365"), indent=True),
               Entry("2.", "Rajasthan", ("64868", "9068", "9490", "66168", "52529")),
               Entry("", "Rural", ("65015", "30511", "23874", "33157", "13582"), indent=True),
               Entry("", "Urban", ("51496", "64841", "62235", "92333", "35308"), indent=True))
    table = Content(stub=("S.No.", "State"), groups=("Population 2011", "Budget estimates", "Health workers"),
                    heads=("Male", "Female", "Total", "2019-20", "2020-21"), units="(%)", entries=entries)
    header, body = read(StatsLayout(hierarchy="indented", group_header=True, units_line=True, serial_column=True,
                                    row_padding_em=0.5, size=9.0), table)
    assert header == [("", "", "Population 2011 (%)", "", "Budget estimates (%)", "", "Health workers (%)"),
                      ("S.No.", "State", "Male", "Female", "Total", "2019-20", "2020-21")]
    assert body == [(e.serial, e.label, *e.figures) for e in entries]


QUALIFIED = (
    Entry("", "Maison du Cafe", ("14.9%", "16.5%"), qualifier="(Douwe Egberts)"),
    Entry("", "Carte Noire", ("17.0%", "16.5%"), qualifier="(K-J-S)"),
    Entry("", "Lavazza", ("7.0%", "6.2%")),
    Entry("", "Own brands and first price products", ("15.9%", "17.3%"), qualifier="(provisional)"),
)


def test_a_qualifier_in_brackets_on_a_line_of_its_own_is_the_labels():
    # the figures on the label's line, its qualifier on the line under it: one label, which
    # the qualifier closes (the last row's too, under the table's last figures)
    table = Content(stub=("Brands",), groups=(), heads=("1995", "1996"), units="", entries=QUALIFIED)
    for layout in (StatsLayout(label_qualifier=True), StatsLayout(label_qualifier=True, notes=True, size=9.0)):
        _, body = read(layout, table)
        assert body == [(e.text, *e.figures) for e in QUALIFIED]


def test_a_test_statistic_under_the_table_in_another_type_size_is_a_note():
    # one line at the stub's left edge, a row gap under the last row: only its type size
    # (a point larger, another face) tells it from a one-cell row of the table
    table = Content(stub=("State",), groups=(), heads=("Budget", "Revised", "Actuals"), units="",
                    entries=SHORT_BODY)
    (found,) = read_pdf_tables(draw(StatsLayout(stat_line=True, size=9.0), table), "stats.pdf")
    assert [r.cells for r in found.body] == [(e.label, *e.figures) for e in SHORT_BODY]
    assert any(r.cells[0].startswith("Chi-square = ") for r in found.notes)


def test_a_source_line_ends_the_table_before_the_section_heading_under_it():
    # the heading "3.3 | Measuring financial | literacy" is a line of phrases like a row's,
    # close under the source line: the source line ends the table all the same
    table = Content(stub=("State",), groups=(), heads=("Budget", "Revised", "Actuals"), units="",
                    entries=SHORT_BODY)
    (found, *_) = read_pdf_tables(draw(StatsLayout(section_after=True), table), "stats.pdf")
    assert [r.cells for r in found.body] == [(e.label, *e.figures) for e in SHORT_BODY]
    assert any(r.cells[0].startswith("Source: State survey") for r in found.notes)


def _grouped(*groups: tuple[str, tuple[tuple[str, tuple[str, ...]], ...]]) -> tuple[Entry, ...]:
    """Entries of row groups: each group's label on its first row, its size there too."""
    return tuple(Entry("", area, figures, group=label if k == 0 else "", grouped=len(rows) if k == 0 else 0)
                 for label, rows in groups for k, (area, figures) in enumerate(rows))


ROW_GROUPED = Content(
    stub=("Sex", "Area"), groups=(), heads=("2001", "2011"), units="",
    entries=_grouped(
        ("Persons", (("Total", ("1,028,737", "1,210,855")), ("Rural", ("742,490", "833,749")),
                     ("Urban", ("286,120", "377,106")))),
        ("Males", (("Total", ("532,157", "623,270")), ("Rural", ("381,603", "427,782")),
                   ("Urban", ("150,554", "195,489")))),
        ("Females", (("Total", ("496,514", "587,585")), ("Rural", ("360,887", "405,967")))),
    ),
)


def test_a_group_label_centred_down_its_rows_is_its_first_rows():
    # "Persons" is printed once, centred on its three rows (on the middle row's line), and
    # "Females" between its two rows' lines: each is the group's first row's cell
    for layout in (StatsLayout(row_groups=True), StatsLayout(row_groups=True, row_padding_em=0.5, size=9.0)):
        header, body = read(layout, ROW_GROUPED)
        assert header == [("Sex", "Area", "2001", "2011")]
        assert body == [
            ("Persons", "Total", "1,028,737", "1,210,855"), ("", "Rural", "742,490", "833,749"),
            ("", "Urban", "286,120", "377,106"),
            ("Males", "Total", "532,157", "623,270"), ("", "Rural", "381,603", "427,782"),
            ("", "Urban", "150,554", "195,489"),
            ("Females", "Total", "496,514", "587,585"), ("", "Rural", "360,887", "405,967"),
        ]


def test_a_second_table_under_the_first_without_a_caption_is_a_table_of_its_own():
    # odd seed: the table under is headed by its column headings alone, two lines below
    table = Content(stub=("State",), groups=(), heads=("Budget", "Revised", "Actuals"), units="",
                    entries=SHORT_BODY)
    tables = read_pdf_tables(draw(StatsLayout(seed=1, stacked_table=True), table), "stats.pdf")
    assert len(tables) == 2
    assert [r.cells for r in tables[0].header_rows] == [("State", "Budget", "Revised", "Actuals")]
    assert [r.cells for r in tables[0].body] == [(e.label, *e.figures) for e in SHORT_BODY]
    assert len(tables[1].body) == 3


def test_figures_centred_between_a_labels_lines_in_padded_rows_make_one_row_with_them():
    # padded rows: the labels' wrapped lines, on lines of their own, run past the stub's
    # one-line labels into the gap before the figures; they are the stub's text, not cells
    # centred over that gap
    numbered = Content(stub=("S.No.", "Item"), groups=(), heads=WRAPPED.heads, units="",
                       entries=tuple(Entry(f"{k}.", e.label, e.figures) for k, e in enumerate(WRAPPED.entries, 1)))
    for layout in (StatsLayout(label_lines=2, figure_anchor="middle", row_padding_em=0.5, serial_column=True),
                   StatsLayout(label_lines=2, figure_anchor="middle", row_padding_em=0.5, serial_column=True,
                               hanging_indent=True, gap_em=1.5)):
        _, body = read(layout, numbered)
        assert body == [(f"{k}.", *row) for k, row in enumerate(WRAPPED_BODY, 1)]


CODED = Content(
    stub=("State",), groups=(), heads=("2019-20", "2020-21", "2021-22", ""), units="", codes=True,
    entries=(
        Entry("", "Gujarat", ("371,977", "456,262", "648,765", "AAA")),
        Entry("", "Punjab", ("672,532", "958,361", "2,198", "BB+")),
        Entry("", "Rajasthan", ("501,181", "465,197", "908,343", "B")),
        Entry("", "Kerala", ("274,145", "66,304", "45,132", "A-")),
        Entry("", "Karnataka", ("576,352", "961,489", "15,723", "CCC")),
    ),
)


@pytest.mark.parametrize("source", SOURCES)
def test_a_code_column_set_right_against_its_figures_is_a_column_of_its_own(source):
    # each code starts a sixth of an em after the figures' flush-right edge, closer than a word
    # space, so the glyphs run into one word ("648,765AAA"); the edge, aligned down the rows,
    # parts them (the code column has no heading, as flag columns are printed)
    for layout in (StatsLayout(code_column=True), StatsLayout(code_column=True, label_lines=3, size=7.0)):
        header, body = read(layout, CODED, source)
        assert header == [("State", "2019-20", "2020-21", "2021-22", "")]
        assert body == [(e.label, *e.figures) for e in CODED.entries]


def test_a_code_column_under_wrapped_labels_leaves_the_header_anchoring_their_rows():
    # labels wrapped over three lines, figures and codes on the last: the header line, which
    # leaves the code column empty, still ends the rows above the first figures
    wrapped = Content(stub=("Item",), groups=(), heads=(*WRAPPED.heads, ""), units="", codes=True,
                      entries=tuple(Entry("", e.label, (*e.figures, code))
                                    for e, code in zip(WRAPPED.entries, ("AAA", "B", "BB+", "A-", "CCC"))))
    _, body = read(StatsLayout(label_lines=3, code_column=True), wrapped)
    assert body == [(*row, code) for row, code in zip(WRAPPED_BODY, ("AAA", "B", "BB+", "A-", "CCC"))]


TIGHT = Content(
    stub=("State",), groups=(), heads=("Budget", "Revised", "Actuals", "Share"), units="",
    entries=(
        Entry("", "Gujarat", ("371,977", "456,262", "332,556", "641,561")),
        Entry("", "Punjab", ("672,532", "958,361", "215,410", "580,363")),
        Entry("", "Telangana", ("2,198", "642,620", "518,553", "869,287")),
        Entry("", "Kerala", ("274,145", "66,304", "845,132", "964,080")),
        Entry("", "Karnataka", ("576,352", "961,489", "15,723", "98,802")),
    ),
)


@pytest.mark.parametrize("source", SOURCES)
def test_figure_columns_set_closer_than_a_column_gap_are_columns(source):
    # 0.3 em between the columns (a word space and a little more) and headings as wide as their
    # columns: the strip the figures keep empty down the rows parts the columns, and the
    # headings over them; "371,977 456,262" is no number with a thousands space
    header, body = read(StatsLayout(gap_em=0.3), TIGHT, source)
    assert header == [("State", "Budget", "Revised", "Actuals", "Share")]
    assert body == [(e.label, *e.figures) for e in TIGHT.entries]


def test_a_number_in_a_label_beside_another_stays_in_the_label():
    # "Review 15 (2 days)": two figures one space apart, aligned down the rows, in a label
    # of words: a strip between them parts no column
    entries = tuple(Entry("", f"Peer review {k} (2 days)", (f"{k}/{k + 1} May", f"{100 + k}", f"{200 + k}"))
                    for k in range(11, 17))
    table = Content(stub=("Activity",), groups=(), heads=("Date", "Places", "Cost"), units="", entries=entries)
    header, body = read(StatsLayout(), table)
    assert header == [("Activity", "Date", "Places", "Cost")]
    assert body == [(e.label, *e.figures) for e in entries]


def test_a_group_label_as_wide_as_its_sub_columns_stays_whole():
    # "Budget estimates" is flush with its first sub-column's left edge and its last one's
    # right edge, its word space over the gap between them: one label spanning both, not two
    # headings (headings of a row are set alike: all flush left, flush right or centred)
    table = Content(stub=("State",), groups=("Budget estimates", "Literacy rate"),
                    heads=("Male", "Female", "Total", "2019-20"), units="",
                    entries=tuple(Entry("", e.label, (*e.figures, "1,000")) for e in SHORT_BODY))
    header, body = read(StatsLayout(group_header=True, gap_em=1.0, size=9.0), table)
    assert header == [("", "Budget estimates", "", "Literacy rate", ""), ("State", "Male", "Female", "Total", "2019-20")]
    assert body == [(e.label, *e.figures, "1,000") for e in SHORT_BODY]


MARKED = (
    Entry("", "Madhya Pradesh", ("837,063", "284,836", "643,133"), marks=("", "1", "")),
    Entry("", "Rajasthan", ("963,133", "713,464", "471,755")),
    Entry("", "Karnataka", ("210,771", "14,876", "980,982"), marks=("a", "", "*")),
    Entry("", "Maharashtra", ("299,111", "664,789", "709,401")),
    Entry("", "Kerala", ("1,555", "77", "90"), marks=("", "b", "")),
)


@pytest.mark.parametrize("source", SOURCES)
def test_a_raised_footnote_mark_after_a_figure_is_its_cells(source):
    # the mark is set smaller and raised, a little apart after the figure, hanging past the
    # column's flush-right edge: it is the figure's ("77b", joined as Camelot and the ICDAR
    # ground truth join a superscript), not a column of its own nor a word after a space
    table = Content(stub=("State",), groups=(), heads=("Budget", "Revised", "Actuals"), units="", entries=MARKED)
    for layout in (StatsLayout(footnote_marks=True), StatsLayout(footnote_marks=True, gap_em=1.0, size=7.0)):
        header, body = read(layout, table, source)
        assert header == [("State", "Budget", "Revised", "Actuals")]
        assert body == [(e.label, *e.cells()) for e in MARKED]


def test_a_count_and_its_share_in_one_cell_stay_one_cell():
    # "38 (24.7%)": counts of two digits and shares as wide, so both edges align down the rows
    # as tight columns' would; the space glyph printed between them says they are one cell's
    entries = tuple(Entry("", label, (f"{n} ({p})", f"{10 * n} ({q})"))
                    for label, n, p, q in (("Sciences", 38, "24.7%", "24.8%"), ("Social Sciences", 58, "37.7%", "41.9%"),
                                           ("Humanities", 18, "11.7%", "15.2%"), ("Civil Sciences", 40, "26.0%", "18.1%")))
    table = Content(stub=("Faculty cluster",), groups=(), heads=("Sample", "Population"), units="", entries=entries)
    header, body = read(StatsLayout(), table)
    assert header == [("Faculty cluster", "Sample", "Population")]
    assert body == [(e.label, *e.figures) for e in entries]


@pytest.mark.parametrize("source", SOURCES)
def test_a_group_label_whose_words_end_flush_with_its_sub_columns_stays_whole(source):
    # seed 49's "Budget estimates" ends its first word within a point of its first sub-column's
    # right edge and its second at its second's, both flush right as separate headings would
    # be: the space glyph printed between its words keeps it one label
    layout = StatsLayout(seed=49, rows=7, figure_columns=3, figure_anchor="top", group_header=True, gap_em=1.0,
                         figure_style="plain",
                         title=True, running=True, rules="booktabs", size=7.0, row_groups=True, code_column=True)
    header, body = expected(layout)
    (found,) = read_pdf_tables(draw(layout), "stats.pdf", pdf_source=source)
    assert [r.cells for r in found.header_rows] == list(header)
    assert [r.cells for r in found.body] == list(body)
