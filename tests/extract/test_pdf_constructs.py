"""A catalogue of drawing constructs PDFs from other producers use (issue 20): the same small table
written with glyphs drawn twice, one glyph per operator, glyphs out of order, word gaps made by
kerning, rules as rectangles, dashes, doubles, cell boxes or fills, page boxes off the origin, a
crop box, /Rotate, a Form XObject. Each must read as the cells typed here, with both page sources.
Pages with no table (empty, an image, a chart) add no table and no error.

The PDFs are written operator by operator (tests/generators/pdf_constructs.py)."""

from __future__ import annotations

import pytest

from pipeline.core.errors import DocumentError
from pipeline.core.model import LineKind
from pipeline.extract.pdf_tables import read_pdf_tables
from generators import pdf_constructs as pc
from generators.pdf_constructs import BODY, HEADER, RawPage, table_grid, table_page, write_raw_pdf

SOURCES = ("pdfium", "pdfminer")
EXPECTED = [[HEADER, *BODY]]


def read_cells(data: bytes, source: str) -> list[list[tuple[str, ...]]]:
    """Each table's header and body rows as cell tuples."""
    tables = read_pdf_tables(data, "construct.pdf", pdf_source=source)
    return [[line.cells for line in t.lines if line.kind in (LineKind.HEADER, LineKind.BODY)] for t in tables]


TEXT_CONSTRUCTS = {
    "plain": pc.text_plain,
    "fake-bold-twice": pc.text_fake_bold,
    "fake-bold-per-glyph": pc.text_fake_bold_per_glyph,
    "glyph-per-operator": pc.text_per_glyph,
    "glyphs-reversed": lambda cells: pc.text_per_glyph(cells, "reverse"),
    "glyphs-shuffled": lambda cells: pc.text_per_glyph(cells, "shuffled"),
    "td-chain": pc.text_td_chain,
    "tj-kerning-gaps": pc.text_tj_kerning,
    "condensed-tz": pc.text_condensed,
    "invisible-ocr-layer": pc.text_invisible,
    "letter-spaced-header": pc.text_letter_spaced_header,
}
RULE_CONSTRUCTS = {
    "lines": pc.rules_lines,
    "thin-rects": pc.rules_thin_rects,
    "dashed": pc.rules_dashed,
    "double": pc.rules_double,
    "cell-rects": pc.rules_cell_rects,
    "shaded-cells": pc.rules_shaded_cells,
    "none": pc.rules_none,
    "one-path": pc.rules_one_path,
    "zero-width-rects": pc.rules_zero_width_rects,
    "rounded-box": pc.rules_rounded_box,
    "hairline": pc.rules_hairline,
    "white-on-grey": pc.rules_white_on_grey,
    "zebra-bands": pc.rules_zebra_bands,
    "negative-rects": pc.rules_negative_rects,
    "straight-curves": pc.rules_straight_curves,
    "closed-paths": pc.rules_closed_paths,
    "scaled-space": pc.rules_scaled_space,
}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("text", TEXT_CONSTRUCTS)
def test_text_construct_reads_the_typed_cells(text, source):
    data = write_raw_pdf([table_page(text=TEXT_CONSTRUCTS[text])])
    assert read_cells(data, source) == EXPECTED


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("rules", RULE_CONSTRUCTS)
def test_rule_construct_reads_the_typed_cells(rules, source):
    data = write_raw_pdf([table_page(rules=RULE_CONSTRUCTS[rules])])
    assert read_cells(data, source) == EXPECTED


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("rules", ("lines", "none"))
def test_fake_bold_in_a_ruled_and_an_unruled_table(rules, source):
    """Fake bold glyph by glyph, with and without rules: 'Total', not 'TToottaall'."""
    data = write_raw_pdf([table_page(text=pc.text_fake_bold_per_glyph, rules=RULE_CONSTRUCTS[rules])])
    assert read_cells(data, source) == EXPECTED


@pytest.mark.parametrize("source", SOURCES)
def test_dark_header_bar_with_white_text(source):
    data = write_raw_pdf([table_page(text=pc.text_white_header, rules=pc.rules_dark_header)])
    assert read_cells(data, source) == EXPECTED


@pytest.mark.parametrize("source", SOURCES)
def test_top_down_coordinates_with_flipped_text_matrices(source):
    grid = table_grid()
    content = pc.top_down(pc.table_cells((HEADER, *BODY), grid), grid, RawPage("").media_box[3])
    assert read_cells(write_raw_pdf([RawPage(content)]), source) == EXPECTED


# --- characters ------------------------------------------------------------------------------------

@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("rules", ("lines", "none"))
def test_superscript_footnote_markers_stay_in_their_cell(rules, source):
    grid = table_grid()
    cells = pc.table_cells((HEADER, *BODY), grid)
    content = RULE_CONSTRUCTS[rules](grid) + pc.text_superscript_markers(cells, {"Total": "1", "Travel": "a"})
    found = read_cells(write_raw_pdf([RawPage(content)]), source)
    assert found == [[HEADER, BODY[0], ("Travel a", *BODY[1][1:]), BODY[2], ("Total 1", *BODY[3][1:])]]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("rules", ("lines", "none"))
def test_non_breaking_spaces_read_as_word_spaces(rules, source):
    rows = [tuple(cell.replace(" ", "\xa0") for cell in row) for row in (HEADER, *BODY)]
    data = write_raw_pdf([table_page(rules=RULE_CONSTRUCTS[rules], rows=rows)])
    assert read_cells(data, source) == EXPECTED


LIGATURE_ROWS = (("Budget line", "2015/16", "2016/17"), ("Office fittings", "1,200", "1,350"),
                 ("Inflation", "45", "50"), ("Profit share", "310", "295"))


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("rules", ("lines", "none"))
def test_ligature_glyphs_read_as_their_letters(rules, source):
    grid = table_grid(len(LIGATURE_ROWS))
    content = RULE_CONSTRUCTS[rules](grid) + pc.text_with_ligatures(pc.table_cells(LIGATURE_ROWS, grid, bold_header=False))
    data = write_raw_pdf([RawPage(content, extra_fonts={"F3": pc.ligature_font()})])
    assert read_cells(data, source) == [list(LIGATURE_ROWS)]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("rules", ("lines", "none"))
def test_table_in_a_type3_font(rules, source):
    rows = (HEADER, *BODY)
    grid = table_grid(len(rows))
    cells = pc.table_cells(rows, grid, bold_header=False, width=pc.type3_width)
    content = RULE_CONSTRUCTS[rules](grid) + pc.text_in_font(cells, "F3", pc.literal)
    text = "".join(cell for row in rows for cell in row)
    data = write_raw_pdf([RawPage(content, extra_fonts={"F3": pc.type3_font(text)})])
    assert read_cells(data, source) == EXPECTED


CJK_ROWS = (("项目", "2015年", "2016年"), ("人员费用", "1200", "1350"), ("差旅费", "45", "50"), ("合计", "1245", "1400"))


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("rules", ("lines", "none"))
def test_table_in_a_cjk_font(rules, source):
    grid = table_grid(len(CJK_ROWS))
    cells = pc.table_cells(CJK_ROWS, grid, bold_header=False, width=pc.cjk_width)
    content = RULE_CONSTRUCTS[rules](grid) + pc.text_in_font(cells, "F3", pc.ucs2_hex)
    data = write_raw_pdf([RawPage(content, extra_fonts={"F3": pc.cjk_font()})])
    assert read_cells(data, source) == [list(CJK_ROWS)]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("offset", (0.2, 0.6, 1.0))
def test_fake_bold_at_offsets_up_to_a_tenth_of_an_em(offset, source):
    data = write_raw_pdf([table_page(text=lambda cells: pc.text_fake_bold_per_glyph(cells, offset))])
    assert read_cells(data, source) == EXPECTED


DOUBLED_LETTERS = (("Budget line", "2015/16", "2016/17"), ("Hall lettings", "1,111", "2,211"),
                   ("Skills", "11", "111"), ("Total", "1,122", "2,322"))


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("scale", (100.0, 75.0))
def test_doubled_letters_are_not_overprints(scale, source):
    """"ll" and "11" are two glyphs a whole advance apart, even in condensed type (Tz 75)."""
    data = write_raw_pdf([table_page(text=lambda cells: pc.text_condensed(cells, scale), rows=DOUBLED_LETTERS)])
    assert read_cells(data, source) == [list(DOUBLED_LETTERS)]


# --- page geometry ---------------------------------------------------------------------------------

@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("rotate", (90, 180, 270))
@pytest.mark.parametrize("rules", ("lines", "none"))
def test_rotated_page_showing_an_upright_table(rotate, rules, source):
    """/Rotate set, the content drawn turned the other way: a viewer shows the table upright."""
    media = (0, 0, 595.28, 841.89)
    grid = table_grid(top=500.0 if rotate in (90, 270) else 700.0)
    upright = table_page(rules=RULE_CONSTRUCTS[rules], grid=grid).content
    data = write_raw_pdf([RawPage(pc.turned(upright, rotate, media), media_box=media, rotate=rotate)])
    assert read_cells(data, source) == EXPECTED


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("rotate", (90, 270))
@pytest.mark.parametrize("rules", ("lines", "none"))
def test_rotated_page_showing_the_table_sideways_is_read_upright(rotate, rules, source):
    """/Rotate set and the content drawn upright: a viewer shows the table sideways, and it is
    read turned back (a landscape table stored on a page turned for printing)."""
    data = write_raw_pdf([RawPage(table_page(rules=RULE_CONSTRUCTS[rules]).content, rotate=rotate)])
    assert read_cells(data, source) == EXPECTED


@pytest.mark.parametrize("source", SOURCES)
def test_two_ruled_tables_side_by_side(source):
    other = (("Other line", "2015/16", "2016/17"), *BODY)
    right = table_page(rows=other, grid=table_grid(left=380.0, widths=(90.0, 60.0, 60.0)))
    data = write_raw_pdf([RawPage(table_page().content + right.content)])
    assert read_cells(data, source) == [[HEADER, *BODY], list(other)]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("rules", ("lines", "none"))
def test_media_box_off_the_origin(rules, source):
    media = (100, 200, 695.28, 1041.89)
    upright = table_page(rules=RULE_CONSTRUCTS[rules]).content
    data = write_raw_pdf([RawPage(pc.turned(upright, 0, media), media_box=media)])
    assert read_cells(data, source) == EXPECTED


MEDIA_BOXES = {"origin": (0, 0, 595.28, 841.89), "off-origin": (100, 200, 695.28, 1041.89)}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("rotate", (0, 90, 270))
@pytest.mark.parametrize("media", MEDIA_BOXES)
@pytest.mark.parametrize("rules", ("lines", "none"))
def test_text_outside_the_crop_box_is_not_on_the_page(rules, media, rotate, source):
    """A crop box smaller than the media box: every viewer cuts off what lies outside it (here
    a proof mark beside each row, in line with the cells, and crop marks), so it is not read."""
    media_box = MEDIA_BOXES[media]
    grid = table_grid(top=500.0 if rotate else 700.0)
    page = table_page(rules=RULE_CONSTRUCTS[rules], grid=grid)
    marks = pc.text_plain([pc.Placed(f"chk {i}", 420, top - pc.BASELINE_DROP) for i, top in enumerate(grid.ys[:-1])])
    crop_marks = "0.3 w 0 G 10 30 m 30 30 l S 30 10 m 30 30 l S\n"
    displayed_crop = (36, 36, 390, grid.top + 40)  # the table and a margin, not the marks right of it
    data = write_raw_pdf([RawPage(pc.turned(page.content + marks + crop_marks, rotate, media_box),
                                  media_box=media_box, rotate=rotate,
                                  crop_box=pc.stored_box(displayed_crop, rotate, media_box))])
    assert read_cells(data, source) == EXPECTED


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("rules", ("lines", "none"))
def test_table_drawn_inside_a_form_xobject(rules, source):
    page = table_page(rules=RULE_CONSTRUCTS[rules])
    data = write_raw_pdf([RawPage("q 1 0 0 1 0 0 cm /Fm1 Do Q\n", forms={"Fm1": page.content})])
    assert read_cells(data, source) == EXPECTED


@pytest.mark.parametrize("source", SOURCES)
def test_table_in_a_form_xobject_placed_by_a_matrix(source):
    """The form drawn shifted and scaled by the cm before Do (a page imposed on another)."""
    grid = table_grid(left=40.0, top=600.0)
    page = table_page(grid=grid)
    data = write_raw_pdf([RawPage("q 1.2 0 0 1.2 10 20 cm /Fm1 Do Q\n", forms={"Fm1": page.content})])
    assert read_cells(data, source) == EXPECTED


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("text", ("glyphs-shuffled", "fake-bold-per-glyph", "tj-kerning-gaps"))
@pytest.mark.parametrize("rules", ("lines", "none"))
def test_table_continued_on_a_page_drawn_another_way(text, rules, source):
    """Page 2 drawn with another text construct (a second producer's pages appended): the
    table still continues over the page, its repeated header marked."""
    first = table_page(rows=(HEADER, *BODY[:2]), rules=RULE_CONSTRUCTS[rules])
    second = table_page(rows=(HEADER, *BODY[2:]), rules=RULE_CONSTRUCTS[rules], text=TEXT_CONSTRUCTS[text])
    tables = read_pdf_tables(write_raw_pdf([first, second]), "construct.pdf", pdf_source=source)
    assert [(t.pages, [(line.kind, line.cells) for line in t.lines if line.kind is not LineKind.NOTE]) for t in tables] == [
        ((1, 2), [(LineKind.HEADER, HEADER), (LineKind.BODY, BODY[0]), (LineKind.BODY, BODY[1]),
                  (LineKind.REPEATED_HEADER, HEADER), (LineKind.BODY, BODY[2]), (LineKind.BODY, BODY[3])])]


# --- pages with no table ---------------------------------------------------------------------------

def _chart(left: float = 100.0, bottom: float = 400.0) -> str:
    """A bar chart: axes, bars, tick labels under the bars and values along the axis."""
    out = ["0.8 w 0 G\n", f"{left} {bottom} m {left} {bottom + 200} l S\n", f"{left} {bottom} m {left + 320} {bottom} l S\n"]
    labels = []
    for i, (label, value) in enumerate((("North", 120), ("South", 80), ("East", 150), ("West", 60))):
        x = left + 20 + i * 75
        out.append(f"0.5 g {x} {bottom} 40 {value} re f 0 g\n")
        labels.append(pc.Placed(label, x + 5, bottom - 14))
        labels.append(pc.Placed(str(value), x + 10, bottom + value + 4))
    for tick in (0, 50, 100, 150):
        labels.append(pc.Placed(str(tick), left - 22, bottom + tick - 3))
    labels.append(pc.Placed("Visits by area, 2016/17", left + 80, bottom + 220, "F2"))
    return "".join(out) + pc.text_plain(labels)


NO_TABLE_PAGES = {
    "empty": lambda: RawPage(""),
    "image-only": lambda: RawPage("q 400 0 0 300 100 400 cm /Im1 Do Q\n", images={"Im1": (40, 30)}),
    "chart-only": lambda: RawPage(_chart()),
}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("kind", NO_TABLE_PAGES)
def test_page_without_a_table_adds_no_table_and_no_error(kind, source):
    data = write_raw_pdf([NO_TABLE_PAGES[kind](), table_page(), NO_TABLE_PAGES[kind]()])
    assert read_cells(data, source) == EXPECTED


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("kind", NO_TABLE_PAGES)
def test_document_of_pages_without_a_table_is_refused_as_having_no_table(kind, source):
    """Alone, such pages make a document with no table: the reader's DocumentError, not a crash."""
    with pytest.raises(DocumentError):
        read_pdf_tables(write_raw_pdf([NO_TABLE_PAGES[kind]()]), "construct.pdf", pdf_source=source)
