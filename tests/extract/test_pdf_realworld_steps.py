"""The PDF reader's real-world steps alone, on hand-made values (no PDF needed): what counts as a
ruling (ruled.py), columns no row fills (merge.py), title rows drawn inside a grid (merge.py),
where a line breaks into columns (layout.py), and prose, lists and figures (page.py).

Objects such as rects and curves are dicts shaped like pdfplumber's (the keys its code reads);
words are Word values placed by hand, so each expected answer follows from the numbers here.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from support import words_on_line
from pipeline.cli.tables import table_rows
from pipeline.core.model import LineKind, SourceRow
from pipeline.extract.pdf.layout import TextLine, Word, column_breaks, split_phrases, text_lines, word_from_pdfplumber
from pipeline.extract.pdf.merge import drop_empty_columns, logical_table
from pipeline.extract.pdf.page import PageText, figure_marks, is_figure, is_list, is_running_text, page_items
from pipeline.extract.pdf.pieces import PageTable, Row
from pipeline.extract.pdf.ruled import is_ruling, ruling_edges
from pipeline.extract.pdf.settings import TableSettings

S = TableSettings()
PAGE_HEIGHT = 800.0


# ---------------------------------------------------------------- rulings (ruled.py)


def rect(x0, top, x1, bottom, *, fill=True, stroke=False) -> dict:
    """A pdfplumber rect dict (page coordinates: top grows downwards)."""
    return {"object_type": "rect", "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "y0": PAGE_HEIGHT - bottom, "y1": PAGE_HEIGHT - top, "width": x1 - x0, "height": bottom - top,
            "fill": fill, "stroke": stroke}


def hline(x0, x1, y) -> dict:
    return {"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y, "doctop": y,
            "y0": PAGE_HEIGHT - y, "y1": PAGE_HEIGHT - y, "width": x1 - x0, "height": 0.0,
            "pts": [(x0, y), (x1, y)], "stroke": True, "fill": False}


def curve(*pts, fill=False, stroke=True) -> dict:
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return {"object_type": "curve", "x0": min(xs), "x1": max(xs), "top": min(ys), "bottom": max(ys),
            "doctop": min(ys), "y0": PAGE_HEIGHT - max(ys), "y1": PAGE_HEIGHT - min(ys),
            "width": max(xs) - min(xs), "height": max(ys) - min(ys), "pts": list(pts),
            "fill": fill, "stroke": stroke}


def test_lines_and_stroked_shapes_are_rulings():
    assert is_ruling(hline(0, 100, 10), 2.0)
    # a stroked rectangle is a drawn frame, however large: its edges are rules
    assert is_ruling(rect(0, 0, 100, 20, fill=False, stroke=True), 2.0)
    assert is_ruling(rect(0, 0, 100, 20, fill=True, stroke=True), 2.0)
    assert is_ruling(curve((0, 0), (0, 50), (80, 50)), 2.0)


def test_thin_filled_bars_are_rulings_and_wide_fills_are_shading():
    # eu-001 draws its rules as filled bars 0.5 pt thick (horizontal and vertical)
    assert is_ruling(rect(0, 10, 300, 10.5), 2.0)
    assert is_ruling(rect(50, 10, 50.5, 200), 2.0)
    # the bound is inclusive: a 2 pt bar is still a rule, a 2.01 pt one is a fill
    assert is_ruling(rect(0, 10, 300, 12), 2.0)
    assert not is_ruling(rect(0, 10, 300, 12.01), 2.0)
    # a cell background (filled, not stroked) is shading whatever its colour
    assert not is_ruling(rect(51, 11, 149, 29), 2.0)
    assert not is_ruling(curve((0, 0), (100, 0), (100, 20), (0, 20), fill=True, stroke=False), 2.0)
    # the threshold is the caller's: the same fill counts as a bar under a larger one
    assert is_ruling(rect(51, 11, 149, 29), 20.0)


def test_ruling_edges_leave_out_shading_and_slanted_strokes():
    page = SimpleNamespace(
        lines=[hline(10, 210, 100)],
        rects=[
            rect(10, 120, 210, 120.5),  # a bar: a rule, four edges (its long sides and short ends)
            rect(12, 102, 108, 118),  # an inset cell background: no edge at all
            rect(300, 100, 400, 140, fill=False, stroke=True),  # a stroked frame: four edges
        ],
        curves=[curve((500, 100), (500, 140), (540, 160))],  # one vertical piece, one slanted
    )
    edges = sorted((e["orientation"], e["x0"], e["top"], e["x1"], e["bottom"])
                   for e in ruling_edges(page, S.ruling_max_thickness))
    assert edges == sorted([
        ("h", 10, 100, 210, 100),
        ("h", 10, 120, 210, 120), ("h", 10, 120.5, 210, 120.5),
        ("v", 10, 120, 10, 120.5), ("v", 210, 120, 210, 120.5),
        ("h", 300, 100, 400, 100), ("h", 300, 140, 400, 140),
        ("v", 300, 100, 300, 140), ("v", 400, 100, 400, 140),
        ("v", 500, 100, 500, 140),
    ])


def test_a_page_of_shading_only_has_no_ruling_edges():
    """Banded rows with no rules: the fills' edges must not make a grid."""
    bands = [rect(50, 100 + 20 * i, 500, 115 + 20 * i) for i in range(5)]
    assert ruling_edges(SimpleNamespace(lines=[], rects=bands, curves=[]), S.ruling_max_thickness) == []


# ---------------------------------------------------------------- empty columns (merge.py)


def source_row(*cells: str, kind=LineKind.BODY) -> SourceRow:
    return SourceRow(cells=cells, page=1, boxes=tuple((float(i), 0.0, i + 1.0, 1.0) for i in range(len(cells))),
                     kind=kind)


def test_drop_empty_columns_keeps_the_columns_some_row_fills():
    """A 4-column table drawn with bar rules read in 7 grid columns, 3 of which no cell uses."""
    lines = [
        source_row("Substance", "", "Threshold", "", "Unit", "", "Notes", kind=LineKind.HEADER),
        source_row("Arsenic", "", "20", "", "kg", "", ""),
        source_row("Benzene", "", "1", "", "kg", "", "as C"),
    ]
    out, spans = drop_empty_columns(lines, [(0, 2, 3)])
    assert [r.cells for r in out] == [("Substance", "Threshold", "Unit", "Notes"),
                                      ("Arsenic", "20", "kg", ""), ("Benzene", "1", "kg", "as C")]
    # the boxes follow their cells; kind and page are untouched
    assert [b[0] for b in out[0].boxes] == [0.0, 2.0, 4.0, 6.0]
    assert [r.kind for r in out] == [LineKind.HEADER, LineKind.BODY, LineKind.BODY]
    # a span over a kept column and a dropped one covers the kept column alone: gone
    assert spans == []


def test_drop_empty_columns_remaps_spans_over_kept_columns():
    lines = [
        source_row("Theme", "", "Number delivered", "", "", "Total", kind=LineKind.HEADER),
        source_row("", "", "Q1", "", "Q2", "", kind=LineKind.HEADER),
        source_row("Culture", "", "1", "", "2", "3"),
    ]
    out, spans = drop_empty_columns(lines, [(0, 2, 4)])
    assert [r.cells for r in out][0] == ("Theme", "Number delivered", "", "Total")
    assert spans == [(0, 1, 2)]


def test_drop_empty_columns_changes_nothing_when_every_column_is_used_or_none_is():
    full = [source_row("a", "b"), source_row("", "c")]
    assert drop_empty_columns(full, [(0, 0, 1)]) == (full, [(0, 0, 1)])
    blank = [source_row("", "", kind=LineKind.BLANK)]
    assert drop_empty_columns(blank, []) == (blank, [])


def row(*cells: str, top: float = 0.0, spans=()) -> Row:
    return Row(cells=cells, boxes=(None,) * len(cells), top=top, bottom=top + 10, spans=spans)


def piece(page: int, rows: list[Row], *, ruled: bool) -> PageTable:
    columns = tuple((100.0 * i, 100.0 * i + 90) for i in range(len(rows[0].cells)))
    return PageTable(page=page, bbox=(0, 0, columns[-1][1], 100), columns=columns, rows=tuple(rows), ruled=ruled)


def test_a_column_empty_on_one_page_only_is_kept():
    """Empty columns are judged on the joined table: page 1 leaves "Notes" empty, page 2 fills
    it; only the grid column empty on both pages goes."""
    header = row("Substance", "Threshold", "", "Notes")
    first = piece(1, [header, row("Arsenic", "20", "", "")], ruled=True)
    second = piece(2, [row("Substance", "Threshold", "", "Notes"), row("Benzene", "1", "", "as C")], ruled=True)
    table = logical_table([first, second], "t.pdf", S)
    assert [(r.kind, r.cells) for r in table.lines] == [
        (LineKind.HEADER, ("Substance", "Threshold", "Notes")),
        (LineKind.BODY, ("Arsenic", "20", "")),
        (LineKind.REPEATED_HEADER, ("Substance", "Threshold", "Notes")),
        (LineKind.BODY, ("Benzene", "1", "as C")),
    ]


# ---------------------------------------------------------------- title rows (merge.py, cli)


def test_a_title_row_inside_a_ruled_grid_is_part_of_the_table_and_printed_first():
    rows = [row("THRESHOLD FOR RELEASES", "", "", spans=((0, 2),)),
            row("Pollutant", "to air", "to water"), row("Arsenic", "20", "5"), row("Benzene", "1000", "200")]
    table = logical_table([piece(1, rows, ruled=True)], "t.pdf", S)
    assert [r.kind for r in table.lines] == [LineKind.TITLE, LineKind.HEADER, LineKind.BODY, LineKind.BODY]
    # `annex tables` prints the title, then the header, then the body
    assert [r["cells"] for r in table_rows(table)] == [
        ["THRESHOLD FOR RELEASES", "", ""], ["Pollutant", "to air", "to water"],
        ["Arsenic", "20", "5"], ["Benzene", "1000", "200"]]


def test_a_title_row_above_an_unruled_table_stays_a_note():
    """Without rulings nothing shows the line belongs to the table: it is a caption (note),
    which `annex tables` leaves out."""
    rows = [row("Releases in 2015", "", ""), row("Pollutant", "to air", "to water"), row("Arsenic", "20", "5")]
    table = logical_table([piece(1, rows, ruled=False)], "t.pdf", S)
    assert [r.kind for r in table.lines] == [LineKind.NOTE, LineKind.HEADER, LineKind.BODY]
    assert [r["cells"] for r in table_rows(table)] == [["Pollutant", "to air", "to water"], ["Arsenic", "20", "5"]]


def test_notes_around_a_table_are_not_printed_even_when_a_title_row_is():
    """table_rows orders by kind: TITLE rows first, whatever their place in `lines`."""
    lines = (SourceRow(("Caption",), 1, kind=LineKind.NOTE), SourceRow(("Pollutant", "air"), 1, kind=LineKind.HEADER),
             SourceRow(("TITLE", ""), 1, kind=LineKind.TITLE), SourceRow(("As", "20"), 1, kind=LineKind.BODY))
    from pipeline.core.model import LogicalTable

    table = LogicalTable(source="t.pdf", lines=lines)
    assert [r["cells"] for r in table_rows(table)] == [["TITLE", ""], ["Pollutant", "air"], ["As", "20"]]


# ---------------------------------------------------------------- column breaks (layout.py)


def spaced(texts: list[str], gaps: list[float] | float, *, size: float = 10.0, x0: float = 50.0,
           top: float = 0.0) -> list[Word]:
    """Words 5 pt per character, separated by the given gaps (one per pair, or all equal)."""
    gaps = gaps if isinstance(gaps, list) else [gaps] * (len(texts) - 1)
    assert len(gaps) == len(texts) - 1
    words, x = [], x0
    for text, gap in zip(texts, [*gaps, 0.0]):
        words.append(Word(text, x, x + 5 * len(text), top, top + size, size))
        x += 5 * len(text) + gap
    return words


JUSTIFIED = ["The", "council", "will", "publish", "the", "annual", "report", "before", "March"]


def test_a_justified_line_is_one_phrase():
    """Every word space stretched to 4.5 pt (10 pt type: wider than the 4 pt padding threshold,
    narrower than the 10 pt sure gap), evenly: running text, no column break."""
    words = spaced(JUSTIFIED, 4.5)
    assert column_breaks(words, S) == [False] * 8
    assert [p.text for p in split_phrases(words, S)] == [" ".join(JUSTIFIED)]


def test_a_justified_line_still_breaks_at_a_sure_or_outstanding_gap():
    gaps = [4.5] * 8
    gaps[3] = 10.0  # one em: always a column gap
    assert column_breaks(spaced(JUSTIFIED, gaps), S) == [i == 3 for i in range(8)]
    gaps[3] = 9.0  # under one em but twice the line's median gap
    assert column_breaks(spaced(JUSTIFIED, gaps), S) == [i == 3 for i in range(8)]
    gaps[3] = 8.5  # neither: an uneven justified space
    assert column_breaks(spaced(JUSTIFIED, gaps), S) == [False] * 8


def test_a_row_of_one_word_number_cells_keeps_its_columns():
    """Codes and numbers with padding-wide gaps are cells, not a stretched line."""
    assert column_breaks(spaced(["Q1", "Q2", "Q3", "Q4", "Total", "120%"], 4.5), S) == [True] * 5
    assert column_breaks(spaced(["6", "6", "12", "120%", "n/a", "3"], 4.5), S) == [True] * 5


def test_a_short_line_of_wide_gaps_is_not_taken_for_justified_text():
    """Five words (four gaps): a narrow column's header wrapped into fragments keeps its breaks."""
    assert column_breaks(spaced(["Peer", "Review", "Month", "Audience", "Link"], 4.5), S) == [True] * 4


def test_a_sentence_space_is_not_a_column_gap():
    # "... aware.  Nevertheless the council will ..." with a 4.5 pt space after the full stop
    words = spaced(["members", "are", "aware.", "Nevertheless", "the", "council"], [2.5, 2.5, 4.5, 2.5, 2.5])
    assert column_breaks(words, S) == [False] * 5
    # before a lower-case word, in a line of words, a gap separates cells only when it is at
    # least twice the line's own word space (2.5 pt here): 4.5 pt is a wide space, 5.5 pt padding
    words = spaced(["members", "are", "aware.", "nevertheless", "the", "council"], [2.5, 2.5, 4.5, 2.5, 2.5])
    assert column_breaks(words, S) == [False] * 5
    words = spaced(["members", "are", "aware.", "nevertheless", "the", "council"], [2.5, 2.5, 5.5, 2.5, 2.5])
    assert column_breaks(words, S) == [False, False, True, False, False]
    # and in a short line (fewer than four gaps) it separates cells: "Total." | "Paid"
    assert column_breaks(spaced(["Total.", "Paid", "now"], [4.5, 2.5]), S) == [True, False]
    # a sure gap after a sentence end is a column gap all the same
    words = spaced(["members", "are", "aware.", "Nevertheless", "the", "council"], [2.5, 2.5, 12.0, 2.5, 2.5])
    assert column_breaks(words, S) == [False, False, True, False, False]


def test_column_breaks_of_a_line_of_one_word():
    assert column_breaks(spaced(["Alone"], []), S) == []


# ---------------------------------------------------------------- prose, lists, figures (page.py)


def lines_of(*lines: list[Word]) -> list[TextLine]:
    return text_lines([w for line in lines for w in line], S)


TWO_COLUMNS = ((50.0, 120.0), (200.0, 300.0))


def test_prose_with_a_wide_space_in_one_line_is_running_text():
    """One line shows a would-be column gap; the three lines around it run across it."""
    lines = lines_of(
        words_on_line(0, ("The board agreed the plan for the year and", 50)),
        words_on_line(12, ("asked officers", 50), ("to report", 200)),
        words_on_line(24, ("back on progress made against each of the aims", 50)),
        words_on_line(36, ("at its next meeting in the autumn of this year", 50)),
    )
    assert [len(line.phrases) for line in lines] == [1, 2, 1, 1]
    assert is_running_text(lines, TWO_COLUMNS)


def test_a_table_with_a_wrapped_cell_and_a_section_row_is_not_running_text():
    lines = lines_of(
        words_on_line(0, ("Activity", 50), ("Audience", 200)),
        words_on_line(12, ("Peer review", 50), ("Councils", 200)),
        words_on_line(24, ("of libraries", 50)),  # wrapped inside the first column
        words_on_line(36, ("Culture and heritage theme heading", 50)),  # a section row across the gap
        words_on_line(48, ("Seminar", 50), ("Members", 200)),
    )
    assert not is_running_text(lines, TWO_COLUMNS)


def test_as_many_crossing_lines_as_multi_column_lines_is_running_text():
    """The tie goes to running text (>=): two of each."""
    lines = lines_of(
        words_on_line(0, ("Budget", 50), ("120", 200)),
        words_on_line(12, ("This line runs over the gap to the right side", 50)),
        words_on_line(24, ("Total", 50), ("120", 200)),
        words_on_line(36, ("and so does this one, across the whole width", 50)),
    )
    assert is_running_text(lines, TWO_COLUMNS)


@pytest.mark.parametrize("bullet", ["\u2022", "\u25cf", "\u25aa", "-", "\u2013", "*", "o", "\uf0b7"])
def test_a_column_of_bullets_is_a_list(bullet):
    lines = lines_of(
        words_on_line(0, (bullet, 50), ("Libraries peer reviews in four councils", 70)),
        words_on_line(12, ("with a report to each council", 70)),  # the item wrapped, under its text
        words_on_line(24, (bullet, 50), ("Sport action learning sets", 70)),
        words_on_line(36, (bullet, 50), ("Heritage seminar", 70)),
    )
    columns = ((50.0, 55.0), (70.0, 265.0))
    assert is_list(lines, columns)


@pytest.mark.parametrize("marks", [("1.", "2.", "3."), ("(a)", "(b)", "(c)"), ("i)", "ii)", "iii)"),
                                   ("3.1", "3.2", "3.10")])
def test_enumerators_beside_one_column_of_text_are_a_list(marks):
    lines = lines_of(*(words_on_line(12 * i, (m, 50), (f"Item number {i} of the list", 80)) for i, m in enumerate(marks)))
    assert is_list(lines, ((50.0, 70.0), (80.0, 200.0)))


def test_enumerators_beside_two_columns_are_a_table():
    """A numbered table ("1. | Libraries | 120") is a table: enumerators count only beside one
    column of text."""
    lines = lines_of(*(words_on_line(12 * i, (f"{i}.", 50), ("Libraries", 80), ("120", 200)) for i in range(1, 4)))
    assert not is_list(lines, ((50.0, 60.0), (80.0, 125.0), (200.0, 215.0)))


def test_a_first_column_of_words_is_not_a_list():
    lines = lines_of(words_on_line(0, ("Activity", 50), ("Audience", 200)),
                     words_on_line(12, ("Seminar", 50), ("Members", 200)))
    assert not is_list(lines, TWO_COLUMNS)


def test_a_table_with_a_dash_for_an_empty_first_cell_is_not_a_list():
    """A dash marks an empty cell in tables: a list needs bullets on every line of the first
    column, the header included."""
    lines = lines_of(words_on_line(0, ("Region", 50), ("Count", 200)),
                     words_on_line(12, ("-", 50), ("12", 200)),
                     words_on_line(24, ("North", 50), ("4", 200)))
    assert not is_list(lines, TWO_COLUMNS)


def test_figure_marks_are_slanted_strokes_and_sideways_words():
    page = SimpleNamespace(
        curves=[curve((100, 300), (150, 250), (200, 270), (200, 300))],  # two slanted pieces, one vertical
        lines=[hline(100, 300, 310), {"object_type": "line", "pts": [(100, 100), (100.3, 200)]}],  # level, upright
    )
    sideways = [Word("Releases", 60, 70, 200, 260, 10.0, sideways=True)]
    assert figure_marks(page, sideways) == ((65.0, 230.0), (125.0, 275.0), (175.0, 260.0))


def test_a_block_over_three_figure_marks_is_a_figure():
    lines = lines_of(words_on_line(100, ("40", 50), ("38", 200)), words_on_line(150, ("20", 50), ("21", 150)),
                     words_on_line(200, ("0", 50), ("2013", 100), ("2014", 200)))
    inside = [(120.0, 120.0), (160.0, 170.0), (90.0, 205.0)]
    assert is_figure(lines, inside, S)
    assert not is_figure(lines, inside[:2], S)  # two marks: a table may hold a diagonal rule or two
    outside = [(10.0, 120.0), (120.0, 400.0), (400.0, 150.0)]
    assert not is_figure(lines, inside[:2] + outside, S)
    assert not is_figure(lines, [], S) and not is_figure([], inside, S)
    assert is_figure(lines, inside[:2], TableSettings(figure_min_marks=2))


def test_a_word_set_sideways_is_marked_and_kept_out_of_rows():
    assert word_from_pdfplumber({"text": "Tonnes", "x0": 1, "x1": 2, "top": 3, "bottom": 40, "upright": False}).sideways
    assert not word_from_pdfplumber({"text": "Tonnes", "x0": 1, "x1": 40, "top": 3, "bottom": 13}).sideways
    # a page whose table has a sideways label at its left: the label is a note, the rows keep
    # their two columns
    table_lines = lines_of(words_on_line(0, ("Region", 50), ("Count", 200)), words_on_line(12, ("North", 50), ("4", 200)),
                           words_on_line(24, ("South", 50), ("7", 200)))
    label = text_lines([Word("Tonnes", 30, 40, 0, 34, 10.0, sideways=True)], S)
    text = PageText(number=1, ruled=(), lines=tuple(table_lines), rules=(), sideways=tuple(label))
    items = page_items(text, (), S)
    tables = [i for i in items if isinstance(i, PageTable)]
    notes = [i.line.text for i in items if not isinstance(i, PageTable)]
    assert notes == ["Tonnes"]
    assert [r.cells for r in tables[0].rows] == [("Region", "Count"), ("North", "4"), ("South", "7")]


def test_a_block_over_a_figure_is_notes_not_a_table():
    """Data labels beside axis ticks line up like a two-column table; three slanted strokes
    inside the block make it a figure."""
    lines = lines_of(words_on_line(100, ("40", 50), ("38", 200)), words_on_line(112, ("30", 50), ("31", 150)),
                     words_on_line(124, ("20", 50), ("22", 200)), words_on_line(136, ("10", 50), ("12", 200)))
    plain = PageText(number=1, ruled=(), lines=tuple(lines), rules=())
    assert any(isinstance(i, PageTable) for i in page_items(plain, (), S))  # the control: a table
    marked = PageText(number=1, ruled=(), lines=tuple(lines), rules=(),
                      figure_marks=((100.0, 105.0), (120.0, 118.0), (140.0, 130.0)))
    items = page_items(marked, (), S)
    assert not any(isinstance(i, PageTable) for i in items)
    assert [i.line.text for i in items] == ["40 38", "30 31", "20 22", "10 12"]
