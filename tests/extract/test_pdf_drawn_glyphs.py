"""pipeline/extract/pdf/drawn_glyphs.py: glyphs drawn twice read once, glyph runs gathered."""

from __future__ import annotations

from pipeline.extract.pdf.drawn_glyphs import gathered_runs, without_overprints
from pipeline.extract.pdf.settings import TableSettings

REACH = TableSettings().overprint_em


def glyph(text, x, top, font="Helvetica", size=10.0, upright=True):
    return {"text": text, "x0": x, "x1": x + 5, "top": top, "bottom": top + size, "fontname": font, "size": size,
            "upright": upright}


def texts(chars):
    return [(c["text"], c["x0"], c["top"]) for c in chars]


def test_a_glyph_drawn_three_times_is_kept_once_the_first_drawn():
    chars = [glyph("T", 10.4, 100), glyph("T", 10, 100), glyph("T", 10.8, 100.4)]
    assert texts(without_overprints(chars, REACH)) == [("T", 10.4, 100)]


def test_a_shadow_across_a_band_edge_is_found():
    """Tops 99.9 and 100.2 at size 10 fall in bands 9 and 10: the shifted bands join them."""
    chars = [glyph("a", 10, 99.9), glyph("a", 10.3, 100.2)]
    assert texts(without_overprints(chars, REACH)) == [("a", 10, 99.9)]


def test_identical_letters_an_advance_apart_are_two():
    chars = [glyph("l", 10, 100), glyph("l", 12.2, 100), glyph("1", 20, 100), glyph("1", 25.6, 100)]
    assert without_overprints(chars, REACH) == chars


def test_other_glyph_font_or_size_at_the_same_place_is_not_a_copy():
    chars = [glyph("a", 10, 100), glyph("b", 10, 100), glyph("a", 10, 100, font="Helvetica-Bold"),
             glyph("a", 10, 100, size=8.0)]
    assert without_overprints(chars, REACH) == chars


def test_blanks_are_never_dropped():
    chars = [glyph(" ", 10, 100), glyph(" ", 10.2, 100)]
    assert without_overprints(chars, REACH) == chars


def test_runs_of_one_font_gathered_in_first_seen_order():
    chars = [glyph("A", 10, 100), glyph("x", 50, 200, font="Bold"), glyph("B", 15, 100), glyph("y", 55, 200, font="Bold")]
    assert [c["text"] for c in gathered_runs(chars)] == ["A", "B", "x", "y"]


def test_a_blank_in_another_font_stays_with_the_glyph_before_it():
    chars = [glyph("t", 10, 100), glyph(" ", 15, 100, font="Other"), glyph("x", 50, 200, font="Bold"),
             glyph("u", 17, 100)]
    assert [c["text"] for c in gathered_runs(chars)] == ["t", " ", "u", "x"]


def test_sideways_glyphs_keep_their_place():
    chars = [glyph("A", 10, 100), glyph("s", 300, 100, upright=False), glyph("x", 50, 200, font="Bold"),
             glyph("B", 15, 100)]
    assert [c["text"] for c in gathered_runs(chars)] == ["A", "B", "s", "x"]


def test_a_page_drawn_run_by_run_is_unchanged():
    chars = [glyph("A", 10, 100), glyph("B", 15, 100), glyph("x", 50, 200, font="Bold")]
    assert gathered_runs(chars) is chars
