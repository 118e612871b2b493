"""The later real-world steps of the PDF reader alone, on hand-made values: a ruled row whose
text really is several cells (split_unruled_span) or several rows (stacked_rows), grids too
sparse to stand alone (is_sparse), captions (page.py), evenly spaced lines of words
(layout.py) and text set in justified columns (page.py).

Every expected answer follows from the coordinates written here, not from the reader."""

from __future__ import annotations

from pipeline.extract.pdf.layout import Phrase, TextLine, Word, column_breaks, text_lines
from pipeline.extract.pdf.page import fill_seam_rules, is_caption, is_heading, is_justified_columns, split_at_captions
from pipeline.extract.pdf.pieces import Row
from pipeline.extract.pdf.ruled import GridCell, fill_seam_edges, is_sparse, split_unruled_span, stacked_rows
from pipeline.extract.pdf.settings import TableSettings

S = TableSettings()


def word(text: str, x0: float, top: float, size: float = 10.0) -> Word:
    """A word 5 pt per character wide and `size` high."""
    return Word(text, x0, x0 + 5 * len(text), top, top + size, size)


def line(top: float, *items: tuple[str, float]) -> TextLine:
    """One text line of phrases, each (text, x0) with ordinary 2.5 pt word spaces."""
    words = []
    for text, x0 in items:
        for part in text.split(" "):
            words.append(word(part, x0, top))
            x0 += 5 * len(part) + 2.5
    (built,) = text_lines(words, S)
    return built


def test_row_ruled_above_and_below_is_split_into_the_grid_columns():
    # grid columns at 0 | 100 | 200 | 300; the body row is one cell (no vertical rules in it)
    words = [word("Austria", 5, 50), word("Single", 105, 50), word("109", 205, 50)]
    parts = split_unruled_span(words, [0, 100, 200, 300], S)
    assert {col: [w.text for w in ws] for col, ws in parts.items()} == {0: ["Austria"], 1: ["Single"], 2: ["109"]}


def test_a_title_across_the_grid_columns_stays_one_spanning_cell():
    # "THRESHOLD FOR RELEASES" set over the edge at 200 with ordinary spaces
    words = [word("THRESHOLD", 120, 10), word("FOR", 167.5, 10), word("RELEASES", 185, 10)]
    assert split_unruled_span(words, [100, 200, 300], S) is None


def test_monospaced_spaces_do_not_split_a_spanning_theme_row():
    """Courier at 7 pt spaces its words 4.2 pt apart: wider than padding, narrower than an em,
    so 'Peer Work in Local Authorities' across the column edge at 40 stays one cell."""
    x, words = 5.0, []
    for text in ("Peer", "Work", "in", "Local", "Authorities"):
        words.append(Word(text, x, x + 4.2 * len(text), 10, 17, 7.0))
        x += 4.2 * len(text) + 4.2
    assert split_unruled_span(words, [0, 40, 80, 200], S) is None


def cell(row: int, col: int, box: tuple[float, float, float, float]) -> GridCell:
    return GridCell(row, col, row, col, box)


def stacked_block(labels: list[str], values: list[str | None]) -> tuple[list[GridCell], dict[int, list[Word]]]:
    """One grid row (0..200 high) with a label cell and a value cell, one line per entry, 12 pt
    apart; a None value leaves its line empty."""
    placed = [cell(0, 0, (0, 0, 100, 200)), cell(0, 1, (100, 0, 200, 200))]
    inside = {0: [word(t, 5, 5 + 12 * n) for n, t in enumerate(labels)],
              1: [word(v, 105, 5 + 12 * n) for n, v in enumerate(values) if v is not None]}
    return placed, inside


def test_block_of_figures_in_one_ruled_row_becomes_a_row_per_line():
    placed, inside = stacked_block(["Bulgaria", "Cyprus", "Czech"], ["2.3", "0.21", "8.8"])
    rows = stacked_rows(placed, inside)
    assert [texts for texts, _ in rows[0]] == [{0: "Bulgaria", 1: "2.3"}, {0: "Cyprus", 1: "0.21"},
                                             {0: "Czech", 1: "8.8"}]
    assert [band for _, band in rows[0]] == [(5, 15), (17, 27), (29, 39)]


def test_a_missing_value_in_a_block_of_figures_leaves_its_cell_empty():
    placed, inside = stacked_block(["Bulgaria", "Cyprus", "Czech", "Denmark"], ["2.3", None, "8.8", "1.0"])
    rows = stacked_rows(placed, inside)
    assert [texts for texts, _ in rows[0]][1] == {0: "Cyprus"}


def test_a_wrapped_cell_does_not_stack_its_row():
    # three lines of an activity beside a one-line date: one row with a wrapped cell
    placed, inside = stacked_block(["Libraries", "peer", "review"], ["June"])
    assert stacked_rows(placed, inside) == {}


def test_a_wrapped_header_with_no_figures_is_not_stacked():
    # every cell wraps over three lines side by side, as a header's do, but holds no number
    placed, inside = stacked_block(["Number", "of", "companies"], ["Pct", "of", "all"])
    assert stacked_rows(placed, inside) == {}


def test_a_row_with_a_spanning_cell_is_left_as_drawn():
    placed, inside = stacked_block(["Bulgaria", "Cyprus", "Czech"], ["2.3", "0.21", "8.8"])
    placed[1] = GridCell(0, 1, 1, 1, (100, 0, 200, 200))  # spans two grid rows
    assert stacked_rows(placed, inside) == {}


def row(*cells: str) -> Row:
    return Row(cells=cells, boxes=(None,) * len(cells), top=0, bottom=10)


def test_sparse_grids_do_not_stand_as_tables():
    assert is_sparse([row("Caption in a frame", "")])  # one row
    assert is_sparse([row("State budget", ""), row("", "Ministry"), row("Providers", "x")])  # 1 of 3
    assert not is_sparse([row("Country", "Total"), row("Austria", "1")])
    assert not is_sparse([row("Theme", ""), row("a", "1"), row("b", "2")])  # 2 of 3


def test_captions_are_notes_that_cut_the_block():
    caption = line(0, ("Table 4: Employment rates", 0))
    rows = [line(12, ("1995", 0), ("59.0", 100)), line(24, ("2000", 0), ("64.2", 100))]
    assert is_caption(caption)
    assert is_caption(line(0, ("Figure 3.7 Days missed", 0)))
    assert not is_caption(line(0, ("Tables of results", 0)))
    assert not is_caption(line(0, ("Annex B: Theme", 0), ("Deliverables", 100)))
    note = line(36, ("NB: rates", 0), ("apply", 100))
    assert split_at_captions([note, caption, *rows]) == [[note], [caption], rows]


def test_a_larger_bold_heading_between_two_tables_cuts_the_block():
    def heading(top: float, text: str, x0: float, size: float, bold: bool = True) -> TextLine:
        words = [Word(part, x0 + 40 * i, x0 + 40 * i + 5 * len(part), top, top + size, size, bold=bold)
                 for i, part in enumerate(text.split(" "))]
        return TextLine((Phrase(tuple(words)),))

    above = [line(0, ("Sulphur", 0), ("50", 100)), line(12, ("Methane", 0), ("100", 100))]
    title = heading(30, "Other gases", 40, 11.0)
    below = [line(48, ("to air", 100)), line(60, ("Ammonia", 0), ("10", 100))]
    assert is_heading(title, 10.0)
    assert split_at_captions([*above, title, *below]) == [above, [title, *below]]
    # a theme row in the table's own size, or a larger heading not set in bold, stays a row
    assert not is_heading(heading(30, "Other gases", 40, 10.0), 10.0)
    assert not is_heading(heading(30, "Other gases", 40, 11.0, bold=False), 10.0)
    assert split_at_captions([*above, heading(30, "Other gases", 40, 10.0), *below])[0][0] is above[0]
    assert len(split_at_captions([*above, heading(30, "Other gases", 40, 10.0), *below])) == 1


def test_an_evenly_spaced_line_splits_only_at_unlike_gaps():
    """A justified cell line (20 pt spaces) between a label 85 pt to its left and a figure 11 pt
    to its right: the wide and the narrow gap part cells, the even spaces do not."""
    texts = ["Libraries", "Peer", "reviews", "were", "held", "in", "four", "4"]
    gaps = [85.0, 20.0, 20.0, 20.0, 20.0, 20.0, 11.0]
    words, x = [], 0.0
    for text, gap in zip(texts, [*gaps, 0.0]):
        words.append(word(text, x, 0))
        x += 5 * len(text) + gap
    assert column_breaks(words, S) == [True, False, False, False, False, False, True]


def test_header_fragments_of_narrow_columns_keep_the_padding_rule():
    """'ne /16 delivered per tal achie forecast': uneven gaps, so each gap wider than padding
    parts columns, as in a wrapped header of narrow columns."""
    texts = ["ne", "/16", "delivered", "per", "tal", "achie", "forecast"]
    gaps = [194.0, 20.4, 3.0, 27.4, 14.4, 13.0]
    words, x = [], 0.0
    for text, gap in zip(texts, [*gaps, 0.0]):
        words.append(word(text, x, 0))
        x += 5 * len(text) + gap
    assert column_breaks(words, S) == [True, True, False, True, True, True]


def test_text_set_in_two_justified_columns_is_prose():
    lines = [line(12 * k, ("aa bb cc dd ee ff", 0), ("aa bb cc dd ee ff", 120)) for k in range(4)]
    assert is_justified_columns(lines)  # every line fills both columns edge to edge


def test_a_table_with_a_ragged_column_is_not_justified_prose():
    lines = [line(12 * k, ("aa bb cc dd ee ff", 0), (("12", "7", "104", "3")[k], 120)) for k in range(4)]
    assert not is_justified_columns(lines)


def test_a_row_that_starts_like_a_caption_is_not_one():
    assert not is_caption(line(0, ("Map 3 - heritage sites", 0), ("May", 150)))
    assert not is_caption(line(0, ("Chart 2 review", 0), ("May", 150), ("Members", 200)))
    assert is_caption(line(0, ("Table 4:", 0), ("Employment rates", 60)))
    assert is_caption(line(0, ("Chart 2.", 0)))
    assert is_caption(line(0, ("Table 8.14 - Own brand shares for leading retailers, 1993", 0)))
    assert is_caption(line(0, ("Table 3 \u2013 Outlay by state", 0)))
    assert not is_caption(line(0, ("Table 3 -1.5", 0), ("May", 150)))


def test_quarter_labels_subdivide_the_spanning_header_cell_above_them():
    from pipeline.extract.pdf.rows import subdivided_spans

    columns = [(0, 40), (60, 80), (100, 120), (140, 160), (180, 200)]
    # "Number delivered per quarter" from 60 to 190 spans columns 1..4
    header = line(0, ("Theme", 0), ("Number delivered per quarter", 60))
    assert subdivided_spans([header], line(12, ("Q1", 60), ("Q2", 100), ("Q3", 140), ("Q4", 180)), columns) == [(1, 4)]
    # one phrase under the span is its wrapped next line, not a row of labels
    assert subdivided_spans([header], line(12, ("quarter", 60)), columns) == []
    # labels under a one-column cell subdivide nothing
    assert subdivided_spans([line(0, ("Theme", 0), ("Total", 60))], line(12, ("a", 0), ("b", 60)), columns) == []


def _seams(fills, box=(0.0, 0.0, 300.0, 100.0), texts=None):
    """The seams found among `fills`, a word set at the middle of each of `texts` (all fills by default)."""
    words = [Word("x", (f[0] + f[2]) / 2 - 2.5, (f[0] + f[2]) / 2 + 2.5, (f[1] + f[3]) / 2 - 3, (f[1] + f[3]) / 2 + 3,
                  6.0) for f in (fills if texts is None else texts)]
    return sorted((e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"])
                  for e in fill_seam_edges(box, fills, words, S.snap_tolerance, S.fill_seam_min))


def test_fills_set_edge_to_edge_meet_at_a_cell_edge():
    """Two cells' backgrounds side by side meet down their shared height; a spanning cell over two
    others meets them along its foot, as far as each runs under it."""
    assert _seams([(0.0, 0.0, 100.0, 30.0), (100.5, 10.0, 200.0, 30.0)]) == [("v", 100.25, 10.0, 100.25, 30.0)]
    assert _seams([(100.0, 0.0, 200.0, 12.0), (100.0, 12.0, 150.0, 30.0), (150.0, 12.0, 200.0, 30.0)]) == [
        ("h", 100.0, 12.0, 150.0, 12.0), ("h", 150.0, 12.0, 200.0, 12.0), ("v", 150.0, 12.0, 150.0, 30.0)]


def test_fills_apart_inset_or_touching_at_a_corner_make_no_cell_edge():
    assert _seams([(0.0, 0.0, 100.0, 30.0), (106.0, 0.0, 200.0, 30.0)]) == []  # inset from a ruling between
    assert _seams([(0.0, 0.0, 200.0, 30.0), (5.0, 5.0, 100.0, 25.0)]) == []  # a line's fill inside its cell's
    assert _seams([(0.0, 0.0, 100.0, 30.0), (100.0, 30.0, 200.0, 60.0)]) == []  # corner to corner
    assert _seams([(0.0, 0.0, 100.0, 30.0), (100.0, 0.0, 200.0, 30.0)], box=(0.0, 0.0, 100.0, 100.0)) == []  # outside


def test_fills_holding_no_text_make_no_cell_edge():
    """A chart's bars set side by side hold no word: no seam between them; an empty cell's fill
    beside a filled cell's still meets it."""
    bars = [(10.0, 50.0, 30.0, 100.0), (30.0, 20.0, 50.0, 100.0), (50.0, 60.0, 70.0, 100.0)]
    assert _seams(bars, texts=[]) == []
    assert _seams(bars, texts=bars[:1]) == [("v", 30.0, 50.0, 30.0, 100.0)]


def test_cells_filled_over_a_tables_background_still_meet():
    """Fills side by side inside one fill (each cell's own over the table's background) are cells:
    their seams stay; fills stacked in one column inside one (one per line of a cell) are not."""
    background = (0.0, 0.0, 300.0, 100.0)
    cells = [(0.0, 0.0, 150.0, 30.0), (150.0, 0.0, 300.0, 30.0), (0.0, 30.0, 150.0, 60.0), (150.0, 30.0, 300.0, 60.0)]
    assert _seams([background, *cells], texts=cells) == [
        ("h", 0.0, 30.0, 150.0, 30.0), ("h", 150.0, 30.0, 300.0, 30.0),
        ("v", 150.0, 0.0, 150.0, 30.0), ("v", 150.0, 30.0, 150.0, 60.0)]
    cell, lines = (0.0, 0.0, 150.0, 60.0), [(2.0, 2.0, 148.0, 20.0), (2.0, 20.0, 148.0, 38.0)]
    assert _seams([cell, *lines], texts=lines) == []


def test_a_rows_seams_join_into_one_line_between_rows():
    """The seams of one row's cells over the next row's, at one height, make one line across."""
    cells = [(0.0, 0.0, 100.0, 20.0), (100.0, 0.0, 250.0, 20.0), (0.0, 20.0, 100.0, 40.0), (100.0, 20.0, 250.0, 40.0)]
    words = [Word("x", (f[0] + f[2]) / 2 - 2.5, (f[0] + f[2]) / 2 + 2.5, f[1] + 5, f[1] + 11, 6.0) for f in cells]
    assert fill_seam_rules(cells, words, S) == [(20.0, 0.0, 250.0)]


def test_past_the_fill_limit_no_seam_is_looked_for():
    """More fills than fill_seam_max_fills in the box (a map's or a chart's marks): no seams."""
    cells = [(0.0, 0.0, 100.0, 30.0), (100.0, 0.0, 200.0, 30.0), (0.0, 30.0, 100.0, 60.0), (100.0, 30.0, 200.0, 60.0)]
    words = [Word("x", (f[0] + f[2]) / 2 - 2.5, (f[0] + f[2]) / 2 + 2.5, f[1] + 5, f[1] + 11, 6.0) for f in cells]
    assert fill_seam_edges((0.0, 0.0, 300.0, 100.0), cells, words, S.snap_tolerance, S.fill_seam_min, max_fills=4)
    assert fill_seam_edges((0.0, 0.0, 300.0, 100.0), cells, words, S.snap_tolerance, S.fill_seam_min, max_fills=3) == []


def test_a_gap_no_wider_than_the_rows_already_keep_does_not_cut_the_block():
    # lines 10 pt high: a block ends after a gap over block_gap_em (2) lines, 20 pt. A sheet's
    # rows 20.5 pt apart, one 19.5 pt apart: the rows' pitch, one block; a note 30 pt below the
    # last row is a block of its own
    from pipeline.extract.pdf.page import split_blocks
    rows = [line(top, ("Parks", 10), ("120", 200), ("95%", 260)) for top in (0, 30, 59.5, 90, 120.5)]
    note = line(160.5, ("Source: council returns", 10))
    blocks = split_blocks([*rows, note], [], S)
    assert [len(b) for b in blocks] == [5, 1]
    # the first wide gap, with no narrower row gap before it, still cuts: two tables apart
    assert [len(b) for b in split_blocks([rows[0], line(40, ("Parks", 10), ("120", 200))], [], S)] == [1, 1]


def test_a_label_in_the_gap_beside_a_column_headed_below_it_heads_the_other_column():
    # "Total" starts right after the figures of Q4 and ends near its own figures: between two
    # columns and near both; Q4 has its label on the line under it, the Total column none, so
    # "Total" is that column's label, not a cell over both
    from pipeline.extract.pdf.columns import header_over_body
    header = [line(0, ("Quarters", 10), ("Total", 112)), line(12, ("Q4", 100))]
    body = [line(30 + 12 * k, ("A", 10), ("9", 105), ("27", 140)) for k in range(3)]
    columns = header_over_body(header, body, 4.0, align_tolerance=1.0, sure_gap=10.0)
    assert columns[-1] == (112, 150)


def test_shading_that_ends_where_a_partial_ruling_runs_on_breaks_the_row_across_the_grid():
    # a header band filled cell by cell but for a group's sub-labels, which are ruled above and
    # below instead: the fill's bottom edges, in two pieces, and that ruling run across the grid
    from pipeline.extract.pdf.ruled import shading_break_edges
    box = (0.0, 0.0, 600.0, 300.0)
    shading = [(40.0, 0.0, 250.0), (40.0, 400.0, 600.0)]
    rule = {"object_type": "line", "x0": 250.0, "x1": 400.0, "top": 40.5, "bottom": 40.5, "orientation": "h"}
    (edge,) = shading_break_edges(box, shading, [rule], 1.0, S.rule_cover)
    assert (edge["top"], edge["x0"], edge["x1"]) == (40.0, 0.0, 600.0)
    # a ruling across the grid breaks the row already; fill edges over a third of it break none
    across = {**rule, "x0": 0.0, "x1": 600.0}
    assert shading_break_edges(box, shading, [across], 1.0, S.rule_cover) == []
    assert shading_break_edges(box, [(40.0, 0.0, 100.0), (40.0, 500.0, 600.0)], [], 1.0, S.rule_cover) == []
