"""The PDF table steps alone, on hand-made words and rows (no PDF needed)."""

from __future__ import annotations

from support import words_on_line
from pipeline.extract.pdf import columns
from pipeline.extract.pdf.columns import column_intervals, overlapped_columns, spanning_phrases, widened_by_overflow
from pipeline.extract.pdf.headers import header_count, is_section_row, widen_header_spans
from pipeline.extract.pdf.layout import Word, join_cell_lines, split_phrases, text_lines, word_from_pdfplumber
from pipeline.extract.pdf.pieces import Row
from pipeline.extract.pdf.rows import (
    build_row,
    centred_group_labels,
    certain_breaks,
    group_rows,
    is_certain_break,
    key_columns,
    padded_row_gap,
)
from pipeline.extract.pdf.ruled import grid_from_cells, ruling_groups
from pipeline.extract.pdf.settings import TableSettings

S = TableSettings()


line = words_on_line  # the steps' tests build their lines word by word


def test_join_cell_lines_keeps_hyphens_as_printed():
    assert join_cell_lines(["Q1 Apr -", "June"]) == "Q1 Apr - June"
    assert join_cell_lines(["manage-", "ment"]) == "manage-ment"
    assert join_cell_lines(["a  b", "", "c"]) == "a b c"


def test_phrases_split_at_padding_not_at_spaces():
    phrases = split_phrases(line(0, ("Sport peer review", 10), ("growth", 200)), S)
    assert [p.text for p in phrases] == ["Sport peer review", "growth"]


def test_columns_ignore_a_spanning_header_and_single_phrase_rows():
    lines = text_lines(
        line(0, ("Theme", 10), ("Number delivered", 100), ("Total", 200))
        + line(12, ("Q1", 100), ("Q2", 140), ("Q3", 170))
        + line(24, ("Peer Work in Local Authorities and more", 10))
        + line(36, ("x", 10), ("1", 100), ("2", 140), ("9", 200)),
        S,
    )
    assert len(spanning_phrases(lines)) == 1
    assert column_intervals(lines, 4.0) == ((10, 35), (100, 110), (140, 150), (170, 180), (200, 225))


def test_a_header_centred_over_two_columns_spans_them():
    # "2007" (120-140) reaches 5 pt into "n" (100-125) and "% Pos" (135-160): it would join them
    lines = text_lines(
        line(0, ("Country", 10), ("2007", 120))
        + line(12, ("n", 110), ("% Pos", 135))
        + line(24, ("Austria", 10), ("10925", 100), ("0.9", 145))
        + line(36, ("Spain", 10), ("36", 115), ("0.5", 145)),
        S,
    )
    assert [p.text for line in lines for p in line.phrases if id(p) in spanning_phrases(lines, 4.0)] == ["2007"]
    assert column_intervals(lines, 4.0) == ((10, 45), (100, 125), (135, 160))
    assert overlapped_columns(120, 140, column_intervals(lines, 4.0)) == (1, 2)


def test_headers_centred_over_gaps_span_them_whatever_the_array_blocks(monkeypatch):
    # "2007" and "2008" each centred over the gap between their "n" and "% Pos" columns; the
    # tests run in blocks of phrases (columns._ARRAY_CELLS): one phrase a block gives the same
    lines = text_lines(
        line(0, ("Country", 10), ("2007", 120), ("2008", 220))
        + line(12, ("n", 110), ("% Pos", 135), ("n", 210), ("% Pos", 235))
        + line(24, ("Austria", 10), ("10925", 100), ("0.9", 145), ("925", 205), ("1.9", 245))
        + line(36, ("Spain", 10), ("36", 115), ("0.5", 145), ("42", 215), ("0.7", 245)),
        S,
    )
    for cells in (columns._ARRAY_CELLS, 1):
        monkeypatch.setattr(columns, "_ARRAY_CELLS", cells)
        assert [p.text for line in lines for p in line.phrases if id(p) in spanning_phrases(lines, 4.0)] == [
            "2007", "2008"]


def test_a_gap_one_line_shows_or_a_phrase_off_its_centre_does_not_span():
    one_line = text_lines(line(0, ("Source:", 10), ("Statistics", 100))
                          + line(12, ("20 %. Since", 10), ("mid", 85), ("decreased", 140)), S)
    assert spanning_phrases(one_line, 4.0) == set()
    # "4.1.1" widens its column up to the next one: it is not centred over the gap
    numbered = text_lines(line(0, ("4", 10), ("Empirical", 40)) + line(12, ("4.1", 10), ("Who is", 45))
                          + line(24, ("4.1.1", 10), ("Model", 45)), S)
    assert spanning_phrases(numbered, 4.0) == set()
    assert overlapped_columns(10, 35, ((10, 25), (40, 90))) == (0,)


def test_the_gap_under_the_header_alone_is_no_padding():
    columns = ((10, 45), (100, 125))
    # rows that all fill the same columns: the only certain break is under the header (it
    # leaves the first column empty); the gaps between body rows are row gaps, not leading
    lines = text_lines(line(0, ("Count", 100)) + line(20, ("Austria", 10), ("1", 100))
                       + line(36, ("Germany", 10), ("2", 100)) + line(52, ("Spain", 10), ("3", 100)), S)
    assert padded_row_gap(lines, columns, 10.0, 5.0) is None
    rows = [build_row(g, columns).cells for g in group_rows(lines, columns, [], 10.0, S)[0]]
    assert rows == [("", "Count"), ("Austria", "1"), ("Germany", "2"), ("Spain", "3")]
    # two certain breaks, both wider than the gap inside a wrapped cell: padded rows
    wrapped = text_lines(line(0, ("Country", 10), ("Count", 100)) + line(20, ("Austria and", 10), ("1", 100))
                         + line(32, ("Hungary", 10)) + line(50, ("Spain", 10), ("3", 100))
                         + line(62, ("and", 10)) + line(80, ("Italy", 10), ("4", 100)), S)
    assert padded_row_gap(wrapped, columns, 10.0, 5.0) == 5.0


def test_certain_breaks_are_worked_out_once_for_the_padding_too():
    columns = ((10, 45), (100, 125))
    # a label overlapping the line under it (a cell centred across two rows) is no pair to judge
    lines = text_lines(line(0, ("Country", 10), ("Count", 100)) + line(20, ("Austria and", 10), ("1", 100))
                       + line(32, ("Hungary", 10)) + line(50, ("Spain", 10), ("3", 100))
                       + [Word("Total", 100, 125, 58, 70)] + line(80, ("Italy", 10), ("4", 100)), S)
    key = key_columns(lines, columns, S)
    certain = certain_breaks(lines, columns, key)
    assert len(certain) == len(lines) - 1
    for (above, below), sure in zip(zip(lines, lines[1:]), certain):
        assert sure == (below.top >= above.bottom and is_certain_break(above, below, columns, key))
    assert not all(certain) and any(certain)
    # the padding measured from the flags the caller has is the padding measured afresh
    assert padded_row_gap(lines, columns, 10.0, 5.0, S, key, certain) == padded_row_gap(lines, columns, 10.0, 5.0, S)


def test_wrapped_cells_are_one_row_and_blank_cells_start_rows():
    words = (
        line(0, ("Deliver at least 100 peer", 10), ("100", 160))
        + line(11, ("challenges", 10))
        + line(22, ("Short", 10), ("40", 160))
        + line(33, ("Next", 10))
    )
    lines = text_lines(words, S)
    columns = ((10, 150), (160, 175))
    rows = [build_row(g, columns).cells for g in group_rows(lines, columns, [], 10.0, S)[0]]
    # "challenges" could not fit after "peer"; "Next" would have fitted after "Short": a new row
    assert rows == [("Deliver at least 100 peer challenges", "100"), ("Short", "40"), ("Next", "")]


def test_horizontal_rulings_decide_rows_when_they_separate_most():
    words = line(0, ("a", 10), ("1", 100)) + line(11, ("b", 10), ("2", 100)) + line(22, ("c", 10))
    lines = text_lines(words + line(33, ("d", 10), ("3", 100)), S)
    columns = ((10, 20), (100, 110))
    rules = [(10.5, 0, 120), (32.5, 0, 120)]
    groups, _ = group_rows(lines, columns, rules, 10.0, S)
    assert [build_row(g, columns).cells for g in groups] == [("a", "1"), ("b c", "2"), ("d", "3")]


def row(*cells: str, bold: bool = False, spans=()) -> Row:
    return Row(cells=cells, boxes=(None,) * len(cells), top=0, bottom=1, bold=bold, spans=spans)


def test_header_count_rules():
    two_row = [row("Theme", "Number", "", "Total", spans=((1, 2),)), row("", "Q1", "Q2", ""), row("a", "1", "2", "3")]
    assert header_count(two_row, [], 3) == 2
    bold = [row("A", "B", bold=True), row("C", "D", bold=True), row("x", "y")]
    assert header_count(bold, [], 3) == 2
    assert header_count([row("A", "B"), row("x", "y")], [], 3) == 1
    assert header_count([row("1", "2"), row("3", "4")], [], 3) == 0
    # a body row that happens to follow the repeated header on one page does not count
    assert header_count([row("A", "B"), row("x", "y")], [1, 2, 1], 3) == 1


def test_bold_theme_row_under_a_bold_two_row_header_is_body():
    """Issue 12 failure 3: a bold two-row header, then a bold theme row (one filled cell), then
    data: the theme row was counted as a third header row (every leading bold row was)."""
    header = [row("Theme", "Deliverables", "Number", "", "Total", bold=True, spans=((2, 3),)),
              row("", "", "Q1", "Q2", "", bold=True)]
    theme = row("Peer work", "", "", "", "", bold=True)
    data = row("", "Deliver 100 reviews", "18", "13", "31")
    later_theme = row("Efficiency", "", "", "", "", bold=True)
    assert header_count([*header, theme, data, data, later_theme, data], [], 3) == 2
    # spanning every column it is a section row even when no other follows
    spanning = row("Peer work", "", "", "", "", bold=True, spans=((0, 4),))
    assert header_count([*header, spanning, data, data], [], 3) == 2
    # a one-cell bold row with no row like it among the data stays in the header (a header
    # cell wrapped onto a line of its own)
    assert header_count([*header, theme, data, data], [], 3) == 3


def test_is_section_row_needs_one_cell_and_a_like_row_among_the_data():
    theme = row("Peer work", "", "", bold=True)
    data = row("", "Reviews", "18")
    assert is_section_row(theme, [data, row("Efficiency", "", "", bold=True)], 3)
    # like rows before any data (more header lines) or in another face do not count
    assert not is_section_row(theme, [row("Efficiency", "", "", bold=True), data], 3)
    assert not is_section_row(theme, [data, row("Efficiency", "", "")], 3)
    # nor in another column, nor a row of two cells
    assert not is_section_row(theme, [data, row("", "Efficiency", "", bold=True)], 3)
    assert not is_section_row(row("Peer work", "x", "", bold=True), [data, row("E", "y", "", bold=True)], 3)
    assert is_section_row(row("Peer work", "", "", spans=((0, 2),)), [], 3)
    assert not is_section_row(row("Peer work", "", "", spans=((0, 1),)), [], 3)


def test_widen_header_spans_over_the_columns_filled_below():
    header = [row("Theme", "", "Number", "", "Total", spans=((2, 3),)), row("", "Q1", "Q2", "Q3", "")]
    first, _ = widen_header_spans(header)
    assert first.cells == ("Theme", "Number", "", "", "Total")
    assert first.spans == ((1, 3),)


def test_grid_from_cells_places_spanning_cells():
    cells = [(0, 0, 100, 10), (100, 0, 200, 10), (0, 10, 50, 20), (50, 10, 100, 20), (100, 10, 200, 20)]
    xs, ys, placed = grid_from_cells(cells, 2.0)
    assert xs == [0, 50, 100, 200] and ys == [0, 10, 20]
    assert (placed[0].col, placed[0].last_col) == (0, 1)


def test_ruling_groups_join_pieces_cut_by_a_spanning_row():
    def edge(x0, top, x1, bottom):
        return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "orientation": "h" if top == bottom else "v"}

    upper = [edge(0, 10, 100, 10), edge(50, 0, 50, 10)]
    lower = [edge(0, 25, 100, 25), edge(50, 25, 50, 40)]
    assert ruling_groups(upper + lower, 3.0, 20.0) == [(0, 0, 100, 40)]
    assert ruling_groups(upper + lower, 3.0, 10.0) == [(0, 0, 100, 10), (0, 25, 100, 40)]


def test_a_space_glyph_joins_words_of_a_large_font_into_one_phrase():
    """18 pt text: a space is 5 pt, as wide as narrow cell padding; the printed space glyph says
    the words are one phrase (a heading), where the bare gap could not."""
    words = [Word("Culture,", 60, 128, 70, 88, 18.0, space_follows=True), Word("Tourism", 133, 204, 70, 88, 18.0)]
    assert [p.text for p in split_phrases(words, S)] == ["Culture, Tourism"]
    unspaced = [Word("Culture,", 60, 128, 70, 88, 18.0), Word("Tourism", 133, 204, 70, 88, 18.0)]
    assert len(split_phrases(unspaced, S)) == 2


def test_a_paragraph_between_two_tables_parts_them():
    from pipeline.extract.pdf.page import split_at_paragraphs

    lines = text_lines(
        line(0, ("Budget line", 10), ("120", 200))
        + line(12, ("Total", 10), ("120", 200))
        + line(24, ("Report text runs across the whole width of the page here", 10))
        + line(36, ("and goes on for a second line of the paragraph text", 10))
        + line(48, ("Activity", 10), ("Date", 100), ("Audience", 160), ("Link", 260))
        + line(60, ("Review", 10), ("May", 100), ("Councils", 160), ("growth", 260)),
        S,
    )
    parts = split_at_paragraphs(lines, S)
    assert [[ln.text for ln in part] for part in parts] == [
        ["Budget line 120", "Total 120"],
        ["Report text runs across the whole width of the page here",
         "and goes on for a second line of the paragraph text"],
        ["Activity Date Audience Link", "Review May Councils growth"],
    ]


def test_a_wrapped_cell_and_a_spanning_row_do_not_part_a_table():
    from pipeline.extract.pdf.page import split_at_paragraphs

    lines = text_lines(
        line(0, ("Activity", 10), ("Date", 100), ("Link", 200))
        + line(12, ("Peer review", 10), ("May", 100), ("growth", 200))
        + line(24, ("of councils", 10))
        + line(36, ("in the north", 10))
        + line(48, ("Up to 3 more sport action learning sets", 10))
        + line(60, ("TOTALS", 10))
        + line(72, ("41 days", 10), ("200", 200)),
        S,
    )
    assert len(split_at_paragraphs(lines, S)) == 1


def cell_line(top: float, text: str, x0: float = 10, broken: bool = True) -> list[Word]:
    """One line of a cell (5 pt per character, 10 pt font); its last word printed without the
    line-end space glyph (`broken`: what page_words marks on a page that prints them)."""
    words = line(top, (text, x0))
    return [*words[:-1], Word(**{**words[-1].__dict__, "broken": broken})]


def test_a_word_is_cut_only_where_the_line_was_full_and_the_word_wider_than_it():
    """A word processor cuts a word only when it is wider than the line: alone on its line, from
    the cell's left text edge to where the next glyph would not fit; the rest goes on in its
    case. Everything else is a break between words (rule: layout.continues_word)."""
    from pipeline.extract.pdf.layout import cell_lines_text

    # "Them" fills 10..30 in a cell whose text ends at 32: "e" (5 pt) did not fit
    assert cell_lines_text([cell_line(0, "Them"), cell_line(12, "e")], right=32) == "Theme"
    assert cell_lines_text([cell_line(0, "CONF"), cell_line(12, "IRMED")], right=32) == "CONFIRMED"
    assert cell_lines_text([cell_line(0, "2015"), cell_line(12, "/16")], right=32) == "2015/16"
    # the next glyph would have fitted (a paragraph ends in the cell): two words
    assert cell_lines_text([cell_line(0, "Them"), cell_line(12, "e")], right=40) == "Them e"
    # not carried on in its case: a new word, and numbers are not cut into numbers
    assert cell_lines_text([cell_line(0, "Total"), cell_line(12, "2015")], right=36) == "Total 2015"
    assert cell_lines_text([cell_line(0, "Them"), cell_line(12, "Extra")], right=32) == "Them Extra"
    assert cell_lines_text([cell_line(0, "45"), cell_line(12, "1996")], right=20) == "45 1996"
    # a line that does not start at the cell's left text edge (centred, flush right) was not full
    assert cell_lines_text([cell_line(0, "Them", x0=20), cell_line(12, "e")], right=40, left=10) == "Them e"
    # more than one word on the line, or the space glyph printed: wrapped at a space
    assert cell_lines_text([cell_line(0, "The m"), cell_line(12, "e")], right=40) == "The m e"
    assert cell_lines_text([cell_line(0, "Them", broken=False), cell_line(12, "e")], right=30) == "Them e"


def test_a_word_with_a_slash_wraps_at_the_slash_before_it_is_cut():
    """'Cabinet/Portfolio' over 'holders' where 'Portfolioholders' would fit a line: a word
    processor would have wrapped 'Cabinet/Portfolioholders' after the slash, not cut it, so the
    line ended at a space ('Cabinet/Portfolioholders' was read). A slash ending a line without
    a space glyph is a break after the slash ('Commentary/forecast')."""
    from pipeline.extract.pdf.layout import cell_lines_text

    portfolio = cell_line(0, "Cabinet/Portfolio")  # 10..95; "Portfolio" 50..95
    assert cell_lines_text([portfolio, cell_line(12, "holders (4)")], right=97) == "Cabinet/Portfolio holders (4)"
    # "Portfolioholderships" (45 + 55 pt) wider than the line (87 pt): cut
    assert cell_lines_text([portfolio, cell_line(12, "holderships")], right=97) == "Cabinet/Portfolioholderships"
    assert cell_lines_text([cell_line(0, "Commentary/"), cell_line(12, "forecast")], right=80) == "Commentary/forecast"
    assert cell_lines_text([cell_line(0, "Commentary/", broken=False), cell_line(12, "forecast")],
                           right=80) == "Commentary/ forecast"


def test_a_cut_word_joins_across_header_rows_and_page_breaks():
    """The cut is decided on the cell's ends (CellEnds) when its lines are split between rows:
    a header cell wrapped into the next header row ('Them' / 'e'), a row split over a page
    break ('authoriti' / 'es to manage': the word's end moves up, so the parts stay words)."""
    from pipeline.extract.pdf.headers import join_wrapped_header_cells
    from pipeline.extract.pdf.merge import mend_word_over_page_break

    columns = ((10, 32), (60, 100))
    top = build_row(text_lines(cell_line(0, "Them") + line(0, ("Number", 60)), S), columns)
    below = build_row(text_lines(cell_line(12, "e"), S), columns)
    assert [r.cells for r in join_wrapped_header_cells([top, below])] == [("Theme", "Number")]

    def page_end(columns):  # a row whose first cell's last line is "authoriti", at 10..55
        words = line(0, ("local", 10), ("12", columns[1][0])) + cell_line(12, "authoriti")
        return build_row(text_lines(words, S), columns)

    rest = build_row(text_lines(line(0, ("es to manage", 10)), S), ((10, 57), (60, 100)))
    mended = mend_word_over_page_break(page_end(((10, 57), (60, 100))), rest)
    assert [r.cells for r in mended] == [("local authorities", "12"), ("to manage", "")]
    # a new row on the next page (a capital), or a cell with room left on that line: unchanged
    fresh = build_row(text_lines(line(0, ("Support councils", 10)), S), ((10, 57), (60, 100)))
    assert mend_word_over_page_break(page_end(((10, 57), (60, 100))), fresh)[0].cells[0] == "local authoriti"
    wide = page_end(((10, 80), (90, 130)))
    assert mend_word_over_page_break(wide, rest)[0].cells[0] == "local authoriti"


def test_symbol_font_bullets_read_as_the_bullets_they_show():
    """Word's list bullet, printed from the Symbol font at its private-use code point, reads as a
    bullet; other text is untouched."""
    def text(raw: str) -> str:
        return word_from_pdfplumber({"text": raw, "x0": 1, "x1": 9, "top": 1, "bottom": 11}).text
    assert text("\uf0b7") == "\u2022"
    assert text("\uf0a7") == "\u25aa"
    assert text("Plan making") == "Plan making"


def test_widen_header_spans_over_a_span_of_the_row_below():
    """A header nested two levels: "Spending" centred over four columns whose row below holds two
    labels each spanning two (their text in the span's first column) spans all four."""
    header = [row("Service", "", "Spending", "", "", spans=((2, 3),)),
              row("", "2014/15", "", "2015/16", "", spans=((1, 2), (3, 4))),
              row("", "Budget", "Actual", "Budget", "Actual")]
    first = widen_header_spans(header)[0]
    assert first.cells == ("Service", "Spending", "", "", "")
    assert first.spans == ((1, 4),)


def _random_rulings(rng) -> list[dict]:
    """Rulings on a small grid, some missing or cut short (merged cells, partial rules)."""
    xs = sorted(rng.sample(range(0, 400, 10), rng.randint(2, 7)))
    ys = sorted(rng.sample(range(0, 400, 10), rng.randint(2, 7)))
    edges = []
    for x in xs:
        for top, bottom in zip(ys, ys[1:]):
            if rng.random() < 0.8:
                edges.append({"x0": x, "x1": x, "top": top, "bottom": bottom, "orientation": "v"})
    for y in ys:
        for x0, x1 in zip(xs, xs[1:]):
            if rng.random() < 0.8:
                edges.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "orientation": "h"})
    if rng.random() < 0.5:  # one long ruling across, as a page's full-width rule
        edges.append({"x0": xs[0], "x1": xs[-1], "top": ys[-1], "bottom": ys[-1], "orientation": "h"})
    return edges


def test_cells_at_intersections_are_pdfplumbers_cells():
    import random

    from pdfplumber.table import edges_to_intersections, intersections_to_cells

    from pipeline.extract.pdf.ruled import cells_at_intersections

    rng = random.Random(24)
    found = 0
    for _ in range(300):
        intersections = edges_to_intersections(_random_rulings(rng), 1, 1)
        want = intersections_to_cells(intersections)
        assert cells_at_intersections(intersections) == want
        found += len(want)
    assert found > 1000  # the grids hold cells: the comparison is not between empty lists


def test_spanning_phrases_do_not_depend_on_the_array_block(monkeypatch):
    from pipeline.extract.pdf import columns

    over_quarters = text_lines(
        line(0, ("Theme", 10), ("Number delivered", 100), ("Total", 200))
        + line(12, ("Q1", 100), ("Q2", 140), ("Q3", 170))
        + line(36, ("x", 10), ("1", 100), ("2", 140), ("9", 200)),
        S,
    )
    over_a_gap = text_lines(
        line(0, ("Country", 10), ("2007", 120))
        + line(12, ("n", 110), ("% Pos", 135))
        + line(24, ("Austria", 10), ("10925", 100), ("0.9", 145))
        + line(36, ("Spain", 10), ("36", 115), ("0.5", 145)),
        S,
    )
    monkeypatch.setattr(columns, "_ARRAY_CELLS", 1)  # one phrase per block
    for lines, spanning in ((over_quarters, ["Number delivered"]), (over_a_gap, ["2007"])):
        found = spanning_phrases(lines, 4.0)
        assert [p.text for line in lines for p in line.phrases if id(p) in found] == spanning


def _grouped_rows(labels: dict[int, tuple[float, float]], count: int) -> list[Row]:
    """`count` one-line rows 12 pt apart (10 pt high), "Area" and a figure in each; `labels`:
    row index -> (top, bottom) of a group label printed in the first column beside it."""
    rows = []
    for k in range(count):
        top = 100.0 + 12 * k
        box = labels.get(k)
        rows.append(Row(cells=("Group" if box else "", f"Area {k}", str(k)),
                        boxes=((0.0, *box[:1], 30.0, box[1]) if box else None, (40, top, 70, top + 10),
                               (90, top, 99, top + 10)),
                        top=min(top, box[0]) if box else top, bottom=max(top + 10, box[1]) if box else top + 10))
    return rows


def test_group_labels_centred_down_their_rows_go_to_each_groups_first_row():
    # two groups of three rows, each label on its middle row's line
    rows = _grouped_rows({1: (112.0, 122.0), 4: (148.0, 158.0)}, 6)
    moved = centred_group_labels(rows, 0, 10.0, S)
    assert [r.cells[0] for r in moved] == ["Group", "", "", "Group", "", ""]
    assert [r.cells[1] for r in moved] == [f"Area {k}" for k in range(6)]


def test_group_labels_at_their_groups_top_stay_where_they_are():
    # labels beside the first row of groups of three: "centred" would need a one-row group
    # first, which shows no centring
    rows = _grouped_rows({0: (100.0, 110.0), 3: (136.0, 146.0)}, 6)
    assert [r.cells[0] for r in centred_group_labels(rows, 0, 10.0, S)] == ["Group", "", "", "Group", "", ""]
    # and labels that are no group's middle (rows 1 and 3 of six) are left as printed
    rows = _grouped_rows({1: (112.0, 122.0), 3: (136.0, 146.0)}, 6)
    assert [r.cells[0] for r in centred_group_labels(rows, 0, 10.0, S)] == ["", "Group", "", "Group", "", ""]


def test_a_column_widens_to_its_wrapped_text_running_into_the_gap_but_not_over_the_next_column():
    columns = ((10.0, 50.0), (200.0, 230.0))
    wrapped = text_lines(line(0, ("Grants in aid", 10)) + line(12, ("from the centre", 15)), S)  # 10..72.5, 15..85
    assert widened_by_overflow(columns, wrapped, 4.0) == ((10.0, 85.0), (200.0, 230.0))
    # a phrase starting left of the column, or reaching the next column, is no column's overflow
    other = text_lines(line(0, ("Notes to", 5)) + line(12, ("Heading that runs over both of the columns", 20)), S)
    assert widened_by_overflow(columns, other, 4.0) == columns
