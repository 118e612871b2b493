"""One test per defect found by the bad-input catalogue (tests/bad_input/): each docstring says
what broke."""

from __future__ import annotations

import pytest

from pipeline.core.errors import DocumentError, Place
from pipeline.core.model import Document, DocumentKind
from pipeline.extract.documents import decode_text, load_document, sniff_kind


def test_blank_only_dump_is_reported_as_empty(tmp_path):
    """A dump holding only blank lines passed the size check and failed later as "holds no table
    of a known family: headers found: none", which sent users looking for a header problem."""
    path = tmp_path / "plan.txt"
    path.write_bytes(b"\n \r\n\t\t\n")
    with pytest.raises(DocumentError, match="the file is empty") as caught:
        load_document(path, "plan.txt")
    assert caught.value.fix == "replace it with the full document"


def test_utf16_dump_with_byte_order_mark_is_text():
    """A UTF-16 dump (Word's "Unicode text" export) was refused as "binary content" because of its
    NUL bytes, and declaring `encoding: utf-16` could not help: the sniffing came first."""
    data = "Activity\tDate\n\u00a3 seminar\tMay\n".encode("utf-16")
    assert sniff_kind(data, "plan.txt") is DocumentKind.TEXT
    document = Document("plan.txt", data, DocumentKind.TEXT)
    assert decode_text(document) == "Activity\tDate\n\u00a3 seminar\tMay\n"
    assert decode_text(document, "utf-16") == "Activity\tDate\n\u00a3 seminar\tMay\n"


def test_bad_byte_in_declared_encoding_names_the_line():
    """With an encoding declared, a byte it cannot decode was reported by its offset in the file
    ("byte 9 cannot be decoded"), which no editor shows; it now names the line, like the UTF-8
    error does."""
    document = Document("t.txt", b"Theme\tx\n\x81 bad\n", DocumentKind.TEXT)
    with pytest.raises(DocumentError) as caught:
        decode_text(document, "cp1252")
    assert caught.value.place == Place(line=2)
    assert caught.value.cause == "not valid cp1252 (byte 0x81 cannot be decoded)"


def test_duplicated_header_column_is_called_a_duplicate():
    """A header with "Date" twice was refused as having an "unexpected column 'Date'", which reads
    as if Date were not a plan column at all."""
    from pipeline.extract.text_dump import read_text_table
    from pipeline.families import read_family_table

    dump = "Activity\tDate\tDate\tTarget audience\tLink to business plan\nSeminar\tMay\tJune\tPHs\tgrowth\n"
    with pytest.raises(DocumentError) as caught:
        read_family_table(read_text_table(dump, "plan.txt"))
    assert caught.value.cause == "plan table header has a second column 'Date'"
    assert caught.value.place == Place(page=1, line=1)


def test_release_folder_without_manifest_is_not_skipped(tmp_path):
    """A release folder whose release.yaml was forgotten was left out of discovery, so `annex run`
    skipped it in silence (and `--release ID` said there was no such folder); it is now found and
    fails with "no release.yaml in the release folder"."""
    from pipeline.core.errors import ManifestError
    from pipeline.core.release import discover_releases, load_release

    folder = tmp_path / "raw" / "2016-17-q1"
    folder.mkdir(parents=True)
    (folder / "plan.txt").write_text("Activity\tDate\n", encoding="utf-8")
    assert discover_releases(tmp_path / "raw") == [folder]
    with pytest.raises(ManifestError, match="no release.yaml in the release folder"):
        load_release(folder)


def test_yaml_error_names_the_line(tmp_path):
    """A YAML syntax error was reported as PyYAML's five-line message squeezed onto one line
    ('while parsing ... in "<unicode string>", line 1, column 8: title: [unclosed ^ expected ...');
    the line and column are now the error's place and the cause is the problem alone."""
    from pipeline.core.errors import ManifestError
    from pipeline.core.release import load_release

    (tmp_path / "release.yaml").write_text("title: t\n documents:\n", encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        load_release(tmp_path)
    assert caught.value.place == Place(line=2, detail="column 11")
    assert caught.value.cause == "not valid YAML: mapping values are not allowed here"


def test_pdf_documents_are_read_with_the_page_limit(tmp_path):
    """read_tables passed `max_pages=` to read_pdf_tables, which takes no such argument, so every
    PDF in a release failed with "internal error: TypeError"; the page limit is now checked
    before the reader runs, and a PDF within it is read."""
    from support import SAMPLE_RELEASE

    from pipeline.core.settings import Settings
    from pipeline.extract.documents import read_tables

    data = (SAMPLE_RELEASE / "annex-c-cts-improvement-plan.pdf").read_bytes()
    document = Document("plan.pdf", data, DocumentKind.PDF)
    assert read_tables(document, settings=Settings(max_pages=2))
    with pytest.raises(DocumentError, match="the PDF has 2 pages, over the limit of 1"):
        read_tables(document, settings=Settings(max_pages=1))


# --- PDF tables (issues 4 and 9) -------------------------------------------------------------

def _pdf_table(spec, layout, tmp_path):
    from pipeline.extract.pdf_tables import read_pdf_tables
    from pipeline.testing.annex_pdf import write_pdf

    (table,) = read_pdf_tables(write_pdf(spec, layout, tmp_path / "t.pdf").read_bytes(), "t.pdf")
    return table


def test_pdf_one_cell_first_column_rows_stay_rows_without_padding():
    """In an unruled word-processor table (rows as close as wrapped lines), "TOTALS" under the
    one-cell row "Up to 3 more ..." was joined to it, as its cell's next line."""
    from pipeline.extract.pdf.layout import Word, text_lines
    from pipeline.extract.pdf.rows import build_row, group_rows
    from pipeline.extract.pdf.settings import TableSettings

    settings = TableSettings()
    words = [Word("Heritage", 10, 50, 0, 9), Word("May", 200, 220, 0, 9),
             Word("Up", 10, 22, 12, 21), Word("to", 25, 35, 12, 21), Word("more", 38, 150, 12, 21),
             Word("TOTALS", 10, 45, 24, 33),
             Word("41", 10, 20, 36, 45), Word("days", 23, 45, 36, 45), Word("over", 200, 230, 36, 45)]
    lines = text_lines(words, settings)
    columns = ((10, 150), (200, 230))
    groups, _ = group_rows(lines, columns, [], 9.0, settings)
    assert [build_row(g, columns).cells for g in groups] == [
        ("Heritage", "May"), ("Up to more", ""), ("TOTALS", ""), ("41 days", "over")]


def test_pdf_last_one_cell_row_and_one_row_page_stay_in_the_table(tmp_path):
    """With a rule under the header only and page breaks, the one-cell row ending a page came out
    as a note, and a last page holding "TOTALS" and one two-column row was read as notes (its
    columns merged into one cell)."""
    from pipeline.core.model import LineKind
    from pipeline.testing.annex_pdf import Layout, TableSpec

    rows = tuple((f"Sport peer review {i} (2 days)", f"{i} May", "Sport PHs (15)", "growth") for i in range(5))
    spec = TableSpec(title=("Plan",), header_rows=(("Activity", "Date", "Target audience", "Link"),),
                     rows=rows + (("Up to 3 more sport action learning sets, depending upon demand", "", "", ""),
                                  ("TOTALS", "", "", ""), ("41 days of activity", "", "over 200 councillors", "")),
                     notes=("KEY PH = portfolio holder",))
    table = _pdf_table(spec, Layout(rules="header", page_break_before=(6,), repeat_header=False), tmp_path)
    assert [r.cells for r in table.body] == list(spec.rows)
    assert [r.page for r in table.body][-3:] == [1, 2, 2]
    assert [r.cells[0] for r in table.lines if r.kind is LineKind.NOTE] == ["Plan", "KEY PH = portfolio holder"]


def test_pdf_words_cut_at_a_line_end_are_joined_again():
    """LibreOffice cuts a word wider than its column ("Anne" / "x B:" / "Them" / "e"); the cell
    read "Anne x B: Them e". Its line-end spaces show where it wrapped at a space."""
    from pipeline.extract.pdf.layout import Word, cell_line_text, join_cell_lines
    from pipeline.extract.pdf.page import mark_broken_words

    words = [Word("Anne", 10, 30, 0, 9), Word("x", 10, 14, 12, 21), Word("B:", 17, 27, 12, 21),
             Word("Them", 10, 31, 24, 33), Word("e", 10, 14, 36, 45)]
    spaces = [(0.0, 14.0, 17.0), (12.0, 27.0, 30.0)]  # "x B: " wrapped at its space; "Anne" did not
    marked = mark_broken_words(words, spaces)
    lines = [[w for w in marked if w.top == top] for top in (0, 12, 24, 36)]
    assert join_cell_lines(cell_line_text(line) for line in lines) == "Annex B: Theme"
    # a page that prints no line-end spaces (reportlab) marks nothing
    assert not any(w.broken for w in mark_broken_words(words, []))


@pytest.mark.parametrize("breaks", [(), (1,)])
def test_pdf_header_cell_over_two_header_rows_keeps_its_wrapped_lines(breaks, tmp_path):
    """In an unruled reportlab table, "Annex B: Theme" (spanning both header rows) wraps into the
    band of the quarter labels; "Theme" was read as a body row ("unexpected 'Annex B:'"). With
    the header alone on the first page, its padding was not even seen."""
    from pipeline.testing.annex_pdf import Layout, TableSpec

    spec = TableSpec(
        title=(),
        header_rows=(("Annex B: Theme", "Deliverables", "Number delivered per quarter", "", "Total"),
                     ("", "", "Q1 Apr - June", "Q2 July - Sept", "")),
        rows=(("Peer Work", "", "", "", ""), ("", "Deliver at least 100 peer challenges", "18", "13", "31"),
              ("", "Tailored support to at least 40 local authorities", "19", "8", "27")),
    )
    layout = Layout(ruled=False, column_widths=(40, 200, 45, 45, 40), page_break_before=breaks)
    table = _pdf_table(spec, layout, tmp_path)
    assert [r.cells for r in table.header_rows] == [tuple(r) for r in spec.header_rows]
    assert [r.cells for r in table.body] == [tuple(r) for r in spec.rows]


def test_pdf_inner_grid_continues_past_rows_drawn_as_one_cell():
    """With inner rulings only, rows drawn as one spanning cell cut the vertical rulings; two such
    rows in a row left a gap wider than the stacking allowance, so the grid below ("TOTALS" row)
    became a table of its own. The horizontal rulings between them now bridge the gap."""
    from pipeline.extract.pdf.ruled import ruling_groups

    def edge(x0, top, x1, bottom):
        return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "orientation": "h" if top == bottom else "v"}

    grid = [edge(0, 10, 100, 10), edge(50, 0, 50, 10)]
    one_cell_rows = [edge(0, 25, 100, 25), edge(0, 40, 100, 40)]
    totals = [edge(0, 55, 100, 55), edge(50, 55, 50, 70)]
    assert ruling_groups(grid + one_cell_rows + totals, 3.0, 20.0) == [(0, 0, 100, 70)]
    assert ruling_groups(one_cell_rows, 3.0, 20.0) == []  # rulings of one direction are no grid
