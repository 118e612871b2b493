"""The two PDF page sources (pipeline/extract/pdf/source.py) give the same tables.

pdfminer (pdfplumber) is the default; pdfium (pypdfium2) is the faster one. Compared here on
every corpus the project has: the sample release's PDFs, generated annexes in several layouts,
the council fixtures printed by reportlab (the other council tools need LibreOffice or Chromium
and are slow: left to bench_pdf_council.py), and the ICDAR 2013 EU set (first page of each
file, to keep the test quick).

The pdfium source reads each text object's codes with pdfminer's fonts (glyphs.py), so the
characters are pdfminer's on every file here; strict lists below name any file that still differs.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Sequence

import numpy as np
import pytest
from council_tools import cases
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils import extract_words as pdfplumber_words

from pipeline.core.errors import DocumentError
from pipeline.extract.pdf.glyph_columns import page_glyphs
from pipeline.extract.pdf.glyphs import DocumentGlyphs
from pipeline.extract.pdf import source
from pipeline.extract.pdf.source import PdfiumDocument, open_document, tagged_name, words
from pipeline.extract.pdf_tables import read_pdf_tables
from generators.annex_pdf import Layout, write_pdf
from generators.seed_specs import PLAN_NAME, TRACKER_NAME, seed_spec

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = sorted((ROOT / "raw" / "2015-16-q2").glob("*.pdf"))
# ../shared beside the repository (a worktree under wt/ has it two levels up)
ICDAR = sorted(next((p for p in (ROOT.parent / "shared" / "corpora" / "icdar2013-eu",
                                 ROOT.parent.parent / "shared" / "corpora" / "icdar2013-eu") if p.is_dir()),
                    ROOT / "missing").glob("*.pdf"))
LAYOUTS = {
    "ruled": Layout(ruled=True),
    "unruled": Layout(ruled=False),
    "horizontal": Layout(rules="horizontal"),
    "inner": Layout(rules="inner"),
    "header-rules-times": Layout(rules="header", font="Times-Roman"),
    "landscape-courier": Layout(landscape=True, font="Courier", font_size=8),
}


def tables(data: bytes, name: str, source: str, pages=None):
    """Every table as (pages, header spans, ruled, rows as (kind, page, cells)), or the error."""
    try:
        found = read_pdf_tables(data, name, pages=pages, pdf_source=source)
    except DocumentError as error:
        return ("error", error.cause)
    return [(t.pages, t.header_spans, t.rows_ruled, tuple((r.kind, r.page, r.cells) for r in t.lines)) for t in found]


def shape(result):
    """Tables without their text: how many, and per table its rows' kinds and widths."""
    if isinstance(result, tuple):
        return result
    return [(pages, spans, ruled, tuple((kind, page, len(cells)) for kind, page, cells in rows))
            for pages, spans, ruled, rows in result]


@pytest.fixture(scope="session")
def generated(tmp_path_factory) -> dict[str, bytes]:
    folder = tmp_path_factory.mktemp("pdf-source")
    out = {}
    for spec_name in (PLAN_NAME, TRACKER_NAME):
        for layout_name, layout in LAYOUTS.items():
            path = write_pdf(seed_spec(spec_name), layout, folder / f"{spec_name}-{layout_name}.pdf")
            out[path.name] = path.read_bytes()
    return out


@pytest.mark.parametrize("path", SAMPLE, ids=lambda p: p.name)
def test_sample_pdfs_read_the_same(path):
    data = path.read_bytes()
    mine = tables(data, path.name, "pdfium")
    assert not isinstance(mine, tuple), mine
    assert mine == tables(data, path.name, "pdfminer")


def test_generated_annexes_read_the_same(generated):
    differ = [name for name, data in generated.items()
              if tables(data, name, "pdfium") != tables(data, name, "pdfminer")]
    assert differ == []


@pytest.fixture(scope="session")
def council_reportlab(tmp_path_factory):
    return cases.build_once("reportlab", tmp_path_factory)


# fixture -> why its tables differ between the sources (strict: a fix must remove the entry)
COUNCIL_DIFFERENCES: dict[str, str] = {}


def test_council_reportlab_fixtures_read_the_same(council_reportlab):
    differ = []
    for name, built in council_reportlab.items():
        data = built.pdf.read_bytes()
        if tables(data, name, "pdfium") != tables(data, name, "pdfminer"):
            differ.append(name)
    assert sorted(differ) == sorted(COUNCIL_DIFFERENCES)


# ICDAR file -> why its first page's text differs between the sources (strict: a fix must remove
# the entry); the tables keep their shape there
ICDAR_DIFFERENCES: dict[str, str] = {}


@pytest.mark.skipif(not ICDAR, reason="the ICDAR 2013 EU corpus is not beside the repository (../shared)")
def test_icdar_first_pages_read_the_same():
    differ = []
    for path in ICDAR:
        data = path.read_bytes()
        mine, theirs = tables(data, path.name, "pdfium", [1]), tables(data, path.name, "pdfminer", [1])
        assert shape(mine) == shape(theirs), path.name
        if mine != theirs:
            differ.append(path.name)
    assert sorted(differ) == sorted(ICDAR_DIFFERENCES)


HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _pdf(page_ops: bytes, width: int = 200, height: int = 100, rotate: int = 0, font: bytes = HELVETICA,
         extra: Sequence[bytes] = (), resources: bytes = b"") -> bytes:
    """A one-page PDF drawing `page_ops`, its font /F1 object 5 (Helvetica, a standard font: no
    file embedded), `extra` objects numbered from 6, `resources` more entries of the page's."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Rotate %d /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> %s >> >>" % (width, height, rotate, resources),
        _stream(page_ops),
        font,
        *extra,
    ]
    out, offsets = b"%PDF-1.4\n", []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def _stream(data: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), entries) + data + b"\nendstream"


FIELDS = ("text", "x0", "x1", "top", "bottom", "size", "upright")


def _chars(data: bytes, source: str) -> list[tuple]:
    with open_document(data, source) as pdf:
        return [tuple(round(c[k], 3) if isinstance(c[k], float) else c[k] for k in FIELDS) for c in pdf.pages[0].chars]


@pytest.mark.parametrize("rotate", [0, 90])
def test_characters_have_pdfminers_boxes(rotate):
    # 'A' in Helvetica 10 pt at (20, 50): 6.67 pt wide (AFM width 667), its box from the
    # font's descent (-207/1000 em) to one em above it
    data = _pdf(b"BT /F1 10 Tf 20 50 Td (Ab c) Tj ET", rotate=rotate)
    mine = _chars(data, "pdfium")
    assert mine == _chars(data, "pdfminer")
    if rotate == 0:
        assert mine[0] == ("A", 20.0, 26.67, 100 - (50 - 2.07 + 10), 100 - (50 - 2.07), 10.0, True)


def test_a_space_drawn_alone_is_a_character_as_in_pdfminer():
    # Chromium draws every glyph as a text object of its own; PDFium's text page leaves a lone
    # space out, pdfminer keeps it (and the reader uses space glyphs to join words)
    data = _pdf(b"BT /F1 10 Tf 20 50 Td (A) Tj ET BT /F1 10 Tf 26.67 50 Td ( ) Tj ET BT /F1 10 Tf 29.45 50 Td (b) Tj ET")
    mine = _chars(data, "pdfium")
    assert [c[0] for c in mine] == ["A", " ", "b"]
    assert mine == _chars(data, "pdfminer")


def test_a_line_end_hyphen_is_a_hyphen_as_in_pdfminer():
    # PDFium marks a hyphen ending a line before a word goes on (U+0002 / U+FFFE in its text)
    data = _pdf(b"BT /F1 10 Tf 20 70 Td (exam-) Tj 0 -12 Td (ple) Tj ET")
    mine = _chars(data, "pdfium")
    assert [c[0] for c in mine] == ["e", "x", "a", "m", "-", "p", "l", "e"]
    assert mine == _chars(data, "pdfminer")


def test_a_ligature_glyph_is_one_character_as_in_pdfminer():
    # byte 0xAE is the 'fi' glyph in Helvetica's standard encoding; PDFium splits it into 'f' and
    # 'i' at one origin, pdfminer reads one character U+FB01 as wide as the glyph (Helvetica: 500 units, after an e of 556)
    data = _pdf(b"BT /F1 10 Tf 20 50 Td (e\\256cient) Tj ET")
    mine = _chars(data, "pdfium")
    assert [c[0] for c in mine] == ["e", "\ufb01", "c", "i", "e", "n", "t"]
    assert (mine[1][1], mine[1][2]) == (25.56, 30.56)
    assert mine == _chars(data, "pdfminer")


def test_two_glyphs_drawn_at_one_origin_stay_two_characters():
    # kerning moves 'b' back onto 'A' (one text object, one origin): not pieces of one glyph
    data = _pdf(b"BT /F1 10 Tf 20 50 Td [(A) 667 (b)] TJ ET")
    mine = _chars(data, "pdfium")
    assert [(c[0], c[1], c[2]) for c in mine] == [("A", 20.0, 26.67), ("b", 20.0, 25.56)]
    assert mine == _chars(data, "pdfminer")


# Characters are read from each text operator's codes with pdfminer's fonts (glyphs.py); before,
# PDFium's own text and whole-unit widths gave the differences these tests describe.
def test_a_tounicode_map_is_read_as_pdfminer_reads_it():
    # one-byte entries in a two-byte code space (as small-caps fonts map their capitals to
    # lower case): pdfminer reads the map, PDFium read the code's WinAnsi letter ('No')
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Small def "
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange "
            b"2 beginbfchar <4E> <006E> <6F> <006F> endbfchar endcmap end end")
    font = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>"
    data = _pdf(b"BT /F1 10 Tf 20 50 Td (No) Tj ET", font=font, extra=[_stream(cmap)])
    mine = _chars(data, "pdfium")
    assert [c[0] for c in mine] == ["n", "o"]
    assert mine == _chars(data, "pdfminer")


def test_repeated_spaces_are_each_a_character_as_in_pdfminer():
    # PDFium's text page drops a space that follows another (or a gap it fills with a space)
    data = _pdf(b"BT /F1 10 Tf 20 50 Td (A   B) Tj [(C) -500 (  D)] TJ ET")
    mine = _chars(data, "pdfium")
    assert [c[0] for c in mine] == ["A", " ", " ", " ", "B", "C", " ", " ", "D"]
    assert mine == _chars(data, "pdfminer")


def test_widths_are_the_fonts_own_not_whole_units():
    # a font that is not one of the standard 14 is spaced by its /Widths: 500.4 and 600.6 units
    font = (b"<< /Type /Font /Subtype /Type1 /BaseFont /Plain /FirstChar 65 /LastChar 66 /Widths [500.4 600.6] "
            b"/FontDescriptor 6 0 R >>")
    descriptor = (b"<< /Type /FontDescriptor /FontName /Plain /Flags 32 /FontBBox [0 -200 1000 800] /ItalicAngle 0 "
                  b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>")
    data = _pdf(b"BT /F1 10 Tf 20 50 Td (ABA) Tj ET", font=font, extra=[descriptor])
    mine = _chars(data, "pdfium")
    assert [c[:3] for c in mine] == [("A", 20.0, 25.004), ("B", 25.004, 31.01), ("A", 31.01, 36.014)]
    assert mine == _chars(data, "pdfminer")


def test_character_and_horizontal_spacing_as_in_pdfminer():
    # pdfminer adds Tc before each glyph of an operator but its first (unless a kerning number
    # comes first), the PDF after each glyph: 'b' starts where 'A' ends; 'c' 1 pt (kerning -100
    # at 10 pt) and 1 pt (Tc) after 'b'. Tz 50 halves the advances of the second line.
    data = _pdf(b"BT /F1 10 Tf 1 Tc 20 50 Td (A) Tj (b) Tj [-100 (c)] TJ 0 Tc 50 Tz 0 20 Td (Ab) Tj ET")
    mine = _chars(data, "pdfium")
    assert [c[:2] for c in mine] == [("A", 20.0), ("b", 26.67), ("c", 34.23), ("A", 20.0), ("b", 23.335)]
    assert mine == _chars(data, "pdfminer")


@pytest.mark.parametrize("rotate", [0, 90])
@pytest.mark.parametrize("source", ["pdfium", "pdfminer"])
def test_character_columns_are_the_character_dicts(source, rotate):
    # the reader reads a page's characters as columns (Glyphs): a pdfium page's own, its dicts
    # built from them; a pdfminer page's dicts read into columns. Every field the reader uses
    # agrees with the dicts, with spacing (Tc, Tw, TJ kerning, Tz) and a second size
    data = _pdf(b"BT /F1 10 Tf 2 Tc 3 Tw 20 50 Td (A b) Tj [-100 (c d)] TJ 0 Tc 0 Tw 80 Tz 0 20 Td (Ef) Tj "
                b"/F1 12 Tf 100 Tz (G) Tj ET", rotate=rotate)
    with open_document(data, source) as pdf:
        page = pdf.pages[0]
        glyphs = page_glyphs(page)
        chars = page.chars
        assert glyphs.text == [c["text"] for c in chars] == list("A bc dEfG")
        for name in ("upright", "x0", "x1", "top", "bottom", "size"):
            assert getattr(glyphs, name).tolist() == [c[name] for c in chars], name
        assert [glyphs.fontnames[i] for i in glyphs.font.tolist()] == [c["fontname"] for c in chars]
        assert list(zip(glyphs.a.tolist(), glyphs.b.tolist())) == [tuple(c["matrix"][:2]) for c in chars]
        assert glyphs.dicts(np.array([2, 0])) == [chars[2], chars[0]]


def test_text_in_a_form_is_read_where_the_form_is_drawn():
    form = _stream(b"BT /F1 10 Tf 0 0 Td (Cd) Tj ET", b"/Type /XObject /Subtype /Form /BBox [0 0 100 100] "
                   b"/Matrix [1 0 0 1 50 10] /Resources << /Font << /F1 5 0 R >> >>")
    data = _pdf(b"BT /F1 10 Tf 20 50 Td (A) Tj ET q /X1 Do Q BT /F1 10 Tf 20 70 Td (b) Tj ET", extra=[form],
                resources=b"/XObject << /X1 6 0 R >>")
    mine = _chars(data, "pdfium")
    assert [c[:2] for c in mine] == [("A", 20.0), ("C", 50.0), ("d", 57.22), ("b", 20.0)]
    assert mine == _chars(data, "pdfminer")


def test_text_operators_are_found_past_strings_and_inline_images():
    # strings nest and escape parentheses; a hex string; an inline image whose data holds an
    # operator's letters; a font saved by q and restored by Q
    ops = (b"BT /F1 10 Tf 20 50 Td (a\\(b\\)c) Tj (x(y)z\\101) Tj ET "
           b"BI /W 2 /H 1 /BPC 8 /CS /G ID \x00(Tj\nEI q BT /F1 2 Tf (k) Tj ET Q BT [<4142 4> -20 (%)] TJ ET")
    shown = DocumentGlyphs(_pdf(ops)).shown(0)
    assert [(op.fontsize, op.items) for op in shown] == [
        (10, (b"a(b)c",)), (10, (b"x(y)zA",)), (2, (b"k",)), (10, (b"AB@", -20, b"%")),
    ]


def test_operators_outside_the_text_state_leave_it_as_they_find_it():
    # graphics operators (cm, g, rg, w) and positioning ones (Tm, T*) with their numbers between
    # text operators: Tc stays set, positioning starts the lag again (pdfminer's Tc before
    # each glyph but the first: -2 per operator since), Q restores what q saved, and an operator
    # between a string and Tj takes the string with it (nothing drawn: '(f) 1 w Tj')
    ops = (b"1 0 0 1 5 6 cm q 0.5 g BT /F1 10 Tf 2 Tc 20 50 Td (a) Tj 1 0 0 1 0 0 Tm (b) Tj (c) Tj "
           b"0 0 1 rg (d) Tj T* (e) Tj ET Q BT /F1 4 Tf (f) 1 w Tj (g) Tj ET")
    shown = DocumentGlyphs(_pdf(ops)).shown(0)
    assert [(op.fontsize, op.items, op.charspace, op.lag) for op in shown] == [
        (10, (b"a",), 2.0, 0.0), (10, (b"b",), 2.0, 0.0), (10, (b"c",), 2.0, -2.0), (10, (b"d",), 2.0, -4.0),
        (10, (b"e",), 2.0, 0.0), (4, (b"g",), 0.0, 0.0),
    ]


def test_statements_read_at_once_change_the_text_state_in_order():
    # one statement may hold a run of operators with q, Q and positioning ones among numbers,
    # a font set and the run after it, and a string shown by Tj (escaped parentheses, an octal
    # code, a backslash ending a line): the text state changes in the order written (Tc set
    # inside q and Q is lost, positioning starts the lag again, a run's Q restores the lag q saved)
    ops = (b"BT /F1 10 Tf 2 Tc (a) Tj q 0 0 1 rg 1 0 0 1 0 0 Tm Q (b) Tj q 3 Tc Q 0 g /F1 6 Tf 12 TL "
           b"(\\(c\\)\\101) Tj (d\\\ne) Tj 5 5 Td 0 w (f) Tj ET")
    shown = DocumentGlyphs(_pdf(ops)).shown(0)
    assert [(op.fontsize, op.items, op.charspace, op.lag) for op in shown] == [
        (10, (b"a",), 2.0, 0.0), (10, (b"b",), 2.0, -2.0), (6, (b"(c)A",), 2.0, -4.0), (6, (b"de",), 2.0, -6.0),
        (6, (b"f",), 2.0, 0.0),
    ]


def test_a_page_pdfminer_cannot_read_keeps_pdfiums_text(monkeypatch):
    # the codes come from pdfminer's reading of the file; where it fails, PDFium's own text stays
    def unreadable(self, index):
        raise PDFSyntaxError("broken xref")

    monkeypatch.setattr(DocumentGlyphs, "shown", unreadable)
    assert [c[0] for c in _chars(_pdf(b"BT /F1 10 Tf 20 50 Td (Ab c) Tj ET"), "pdfium")] == ["A", "b", " ", "c"]


def test_an_embedded_font_keeps_the_subset_tag_its_program_gives():
    # pdfminer names a character's font by its BaseFont, tag and all; PDFium drops the tag
    assert tagged_name(b"%!PS-AdobeFont-1.0: HXFAXJ+CMR12 003.002\n/FontName /HXFAXJ+CMR12 def", "CMR12") == "HXFAXJ+CMR12"
    assert tagged_name(b"\x00\x01\x00\x00 no name here", "Calibri") == "Calibri"
    assert tagged_name(b"abcdef+CMR12 Tagged+CMR12", "CMR12") == "CMR12"


def _glyph(text, x0, top, width=5.0, upright=True, font="F", size=10.0):
    return {"text": text, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + size, "doctop": top + 1000,
            "upright": upright, "fontname": font, "size": size}


@pytest.mark.parametrize("options", [{}, {"x_tolerance_ratio": 0.05}, {"y_tolerance": 0}],
                         ids=["defaults", "x-ratio", "no-y-tolerance"])
def test_the_word_builder_gives_pdfplumbers_words(options):
    # pdfium pages build words in source.words; pdfplumber's extract_words is the oracle
    chars = [
        _glyph("b", 10, 20.5), _glyph("a", 5, 20), _glyph(" ", 15, 20), _glyph("c", 16, 20),  # 'ab' then 'c'
        _glyph("d", 25, 20),  # 4 pt after 'c' ends: a new word at 3 pt (0.5 pt at the ratio)
        _glyph("", 30, 20), _glyph("e", 35, 40), _glyph("f", 42, 41),  # an empty text; a line below, 2 pt apart
        _glyph("g", 45, 41, font="G"),  # another font: another run
        _glyph("h", 50, 60, upright=False), _glyph("i", 50, 66, upright=False),  # a sideways run
    ]
    mine = words(chars, extra_attrs=["fontname", "size"], return_chars=True, **options)
    assert mine == pdfplumber_words(chars, extra_attrs=["fontname", "size"], return_chars=True, **options)
    expected = {"defaults": ["ab", "c", "d", "", "ef", "g", "hi"], "x-ratio": ["ab", "c", "d", "", "e", "f", "g", "hi"],
                "no-y-tolerance": ["a", "c", "d", "", "b", "e", "f", "g", "hi"]}
    key = "defaults" if not options else ("x-ratio" if "x_tolerance_ratio" in options else "no-y-tolerance")
    assert [w["text"] for w in mine] == expected[key]


def test_rulings_are_classed_as_pdfminer_does():
    # a line, a rectangle (re), a closed four-sided path that is not a rectangle, two subpaths
    ops = b"1 w 10 10 m 190 10 l S 20 20 100 30 re S 10 60 m 50 60 l 60 90 l 10 90 l h S 150 50 m 150 90 l 160 50 m 160 90 l S"
    data = _pdf(ops)
    with open_document(data, "pdfium") as a, open_document(data, "pdfminer") as b:
        for kind in ("lines", "rects", "curves", "edges"):
            def key(objects):
                return sorted((o.get("orientation") or "", *(round(float(o[k]), 3) for k in ("x0", "top", "x1", "bottom")))
                              for o in objects)
            assert key(getattr(a.pages[0], kind)) == key(getattr(b.pages[0], kind)), kind
        assert len(a.pages[0].lines) == 3 and len(a.pages[0].rects) == 1 and len(a.pages[0].curves) == 1


def test_unknown_source_is_refused():
    with pytest.raises(ValueError, match="unknown PDF source"):
        read_pdf_tables(_pdf(b""), "x.pdf", pdf_source="poppler")


def test_corrupt_pdf_is_one_document_error_with_pdfium():
    with pytest.raises(DocumentError, match="truncated or corrupt"):
        read_pdf_tables(b"%PDF-1.4\n garbage", "broken.pdf", pdf_source="pdfium")


def test_pdfium_pages_open_lazily():
    pdf = PdfiumDocument(_pdf(b"BT /F1 10 Tf 20 50 Td (Ab) Tj ET"))
    try:
        assert len(pdf.pages) == 1 and pdf.pages[0]._page is None
        assert [c["text"] for c in pdf.pages[0].chars] == ["A", "b"]
    finally:
        pdf.close()


def test_a_page_turned_reads_as_pdfminer_reads_it_with_that_rotate():
    # the same page drawn with /Rotate 90, and turned by 90 from /Rotate 0
    ops = b"BT /F1 10 Tf 20 50 Td (Ab c) Tj ET 1 w 10 10 m 190 10 l S"
    with open_document(_pdf(ops), "pdfium") as flat, open_document(_pdf(ops, rotate=90), "pdfminer") as rotated:
        page = flat.pages[0].turned(90)
        assert page.rotation == 90 and (page.width, page.height) == (100, 200)
        assert [(c["text"], round(c["x0"], 3), round(c["top"], 3)) for c in page.chars] == \
               [(c["text"], round(c["x0"], 3), round(c["top"], 3)) for c in rotated.pages[0].chars]
        assert [(round(e["x0"], 3), round(e["top"], 3), e["orientation"]) for e in page.edges] == \
               [(round(e["x0"], 3), round(e["top"], 3), e["orientation"]) for e in rotated.pages[0].edges]


@pytest.mark.parametrize("cells", [1 << 20, 7])
def test_running_sums_are_each_operators_sum_in_order(monkeypatch, cells):
    # the places of a page's plain operators' characters are summed for all operators at once
    # (a row each, in blocks of at most _ARRAY_CELLS cells): the same floats as summing each
    # operator's advances one after the other from its start, whatever the blocks
    monkeypatch.setattr(source, "_ARRAY_CELLS", cells)
    rng = np.random.default_rng(5)
    lengths = np.array([3, 0, 1, 12, 2, 5, 0, 9])
    starts = rng.uniform(-5, 5, len(lengths))
    steps = rng.uniform(0, 7, int(lengths.sum())) / 3
    operator = np.repeat(np.arange(len(lengths)), lengths)
    expected: list[float] = []
    for start, own in zip(starts.tolist(), np.split(steps, np.cumsum(lengths)[:-1])):
        x = start
        for step in own.tolist():
            expected.append(x)
            x += step
    assert source._running_sums(starts, steps, lengths, operator).tolist() == expected


def test_ascii85_streams_decode_as_pdfminer_decodes_them():
    # glyphs.stream_data undoes ASCII85 itself (pdfminer's decoder loops over every byte in
    # Python): the same bytes as pdfminer's for whole and partial groups, 'z' groups, white space
    # and the '<~' '~>' ends; where pdfminer's raises (no digit, 'z' inside a group, over 32 bits)
    # it gives None and the stream is left to pdfminer
    from pdfminer.ascii85 import ascii85decode

    from pipeline.extract.pdf.glyphs import _ascii85

    rng = np.random.default_rng(11)
    cases = [b"", b"~>", b"<~87cURD]i,\"Ebo80~>", b"z!!!!#~>", b"87cU\nRD]i ,\"Eb\to8", b"9jqo^BlbD-BleB1DJ+*+F(f,q"]
    cases += [base64.a85encode(rng.integers(0, 256, size).astype(np.uint8).tobytes(), wrapcol=wrap)
              for size, wrap in ((1, 0), (2, 0), (3, 7), (4, 0), (5, 3), (37, 10), (400, 76))]
    for case in cases:
        assert _ascii85(case) == ascii85decode(case), case
    for broken in (b"87c{URD", b"8z7cUR", b"s8W-\"~>", b"uuuuu"):
        with pytest.raises(ValueError):
            ascii85decode(broken)
        assert _ascii85(broken) is None, broken
