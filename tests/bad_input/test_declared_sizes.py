"""Issue 25 item 2: sizes a document declares are checked before they are believed. Each hostile
file is a few KB, generated here: an Excel dimension of XFD1048576 with one real cell, one merged
range E40:XFD1048576, a Word cell spanning 200,000,000 columns or a row starting 1,000,000,000
columns in, an OpenDocument cell repeated a billion times. Each is refused naming the file, the
sheet or table, and the setting (annex.max_rows, max_columns, max_cells), with exit 2, instead of
the reader allocating gigabytes."""

from __future__ import annotations

import io
import re
import sys
import unicodedata
import zipfile

import pytest

from pipeline.cli import main
from pipeline.core.errors import DocumentError
from pipeline.core.model import Document, DocumentKind
from pipeline.core.settings import Settings
from pipeline.extract.documents import INVISIBLE, read_tables_here
from pipeline.extract.office import check_odf_repeats
from generators.office_docs import Sheet, WordDocument, WordTable, write_docx, write_xlsx

PLAN = (("Activity", "Date", "Target audience", "Link to business plan"),
        ("Officer peer training (1 day)", "21 May - completed", "Officer peers (10)", "growth"))


def patched(data: bytes, member: str, edit) -> bytes:
    """The archive with one member's text changed by `edit`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == member:
                body = edit(body.decode("utf-8")).encode("utf-8")
            target.writestr(info.filename, body)
    return out.getvalue()


def read(data: bytes, kind: DocumentKind, name: str, settings: Settings = Settings()):
    return read_tables_here(Document(name=name, data=data, kind=kind, path=name), None, settings)


def refusal(data: bytes, kind: DocumentKind, name: str, settings: Settings = Settings()) -> str:
    with pytest.raises(DocumentError) as caught:
        read(data, kind, name, settings)
    return caught.value.message


def one_cell_workbook() -> bytes:
    return write_xlsx([Sheet("Plan", PLAN)])


SHEET = "xl/worksheets/sheet1.xml"


def with_dimension(ref: str) -> bytes:
    return patched(one_cell_workbook(), SHEET, lambda xml: re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml))


def with_merge(ref: str) -> bytes:
    return patched(one_cell_workbook(), SHEET, lambda xml: xml.replace(
        "</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'))


def test_an_excel_dimension_of_a_whole_sheet_with_one_real_cell_is_refused_naming_the_setting():
    data = with_dimension("A1:XFD1048576")
    assert len(data) < 10_000
    message = refusal(data, DocumentKind.XLSX, "plan.xlsx")
    assert message.startswith("plan.xlsx: sheet 'Plan' declares 1,048,576 rows, over the limit of 200,000 "
                              "(annex.max_rows)"), message
    assert "raise annex.max_rows in params.yaml" in message


def test_an_excel_dimension_too_wide_names_max_columns_and_too_large_names_max_cells():
    assert "declares 16,384 columns, over the limit of 1,000 (annex.max_columns)" in \
        refusal(with_dimension("A1:XFD2"), DocumentKind.XLSX, "plan.xlsx")
    assert "declares 10,000,000 cells, over the limit of 5,000,000 (annex.max_cells)" in \
        refusal(with_dimension("A1:CV100000"), DocumentKind.XLSX, "plan.xlsx")


def test_an_excel_merged_range_to_the_end_of_the_sheet_is_refused():
    message = refusal(with_merge("E40:XFD1048576"), DocumentKind.XLSX, "plan.xlsx")
    assert message.startswith("plan.xlsx: sheet 'Plan', merged range E40:XFD1048576 declares 1,048,576 rows, "
                              "over the limit of 200,000 (annex.max_rows)"), message


def test_excel_limits_are_settings_a_workbook_within_them_reads():
    (table,) = read(with_dimension("A1:D2"), DocumentKind.XLSX, "plan.xlsx", Settings(max_rows=2, max_columns=4))
    assert [row.cells for row in table.lines] == [PLAN[0], PLAN[1]]
    assert "(annex.max_rows)" in refusal(one_cell_workbook(), DocumentKind.XLSX, "plan.xlsx", Settings(max_rows=1))


def test_excel_rows_beyond_the_declared_dimension_are_counted_as_read():
    """A dimension that understates the sheet (written by a careless program) is no way around
    the limit: the rows read are counted too."""
    data = patched(write_xlsx([Sheet("Plan", PLAN + (("x", "y", "z", "w"),) * 3)]), SHEET,
                   lambda xml: re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:D1"', xml))
    assert "sheet 'Plan' declares 3 rows, over the limit of 2 (annex.max_rows)" in \
        refusal(data, DocumentKind.XLSX, "plan.xlsx", Settings(max_rows=2))


def word_with(edit) -> bytes:
    data = write_docx(WordDocument([WordTable(PLAN)]))
    return patched(data, "word/document.xml", edit)


def test_a_word_cell_spanning_200_million_columns_is_refused():
    data = word_with(lambda xml: xml.replace("<w:tc><w:tcPr>", '<w:tc><w:tcPr><w:gridSpan w:val="200000000"/>', 1))
    assert len(data) < 50_000
    message = refusal(data, DocumentKind.DOCX, "plan.docx")
    assert message.startswith("plan.docx: table 1 declares 200,000,003 columns, over the limit of 1,000 "
                              "(annex.max_columns)"), message


def test_a_word_row_starting_a_billion_columns_in_is_refused():
    data = word_with(lambda xml: xml.replace("<w:tr>", '<w:tr><w:trPr><w:gridBefore w:val="1000000000"/></w:trPr>', 1))
    message = refusal(data, DocumentKind.DOCX, "plan.docx")
    assert message.startswith("plan.docx: table 1 declares 1,000,000,004 columns, over the limit of 1,000 "
                              "(annex.max_columns)"), message


def test_a_word_table_within_the_limits_reads_its_cells():
    (table,) = read(write_docx(WordDocument([WordTable(PLAN)])), DocumentKind.DOCX, "plan.docx",
                    Settings(max_columns=4, max_rows=2, max_cells=8))
    assert [row.cells for row in table.lines] == [PLAN[0], PLAN[1]]


def ods(rows_xml: str) -> bytes:
    """A minimal OpenDocument spreadsheet holding one table of the given rows."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="Plan">'
        f'{rows_xml}</table:table></office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def cell(text: str, repeat: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-cell office:value-type="string"{repeated}><text:p>{text}</text:p></table:table-cell>'


def test_an_ods_cell_repeated_a_billion_times_is_refused_before_libreoffice_expands_it():
    data = ods(f"<table:table-row>{cell('Activity')}{cell('x', 1_000_000_000)}</table:table-row>")
    assert len(data) < 2_000
    with pytest.raises(DocumentError) as caught:
        check_odf_repeats(data, "plan.ods", Settings())
    assert caught.value.message.startswith(
        "plan.ods: table 'Plan' declares 1,000,000,001 columns, over the limit of 1,000 (annex.max_columns)")


def test_an_ods_row_repeated_past_max_rows_is_refused_and_empty_repeats_do_not_count():
    repeated_row = f'<table:table-row table:number-rows-repeated="5000000">{cell("x")}</table:table-row>'
    with pytest.raises(DocumentError, match=r"table 'Plan' declares 5,000,000 rows, over the limit of "
                                            r"200,000 \(annex.max_rows\)"):
        check_odf_repeats(ods(repeated_row), "plan.ods", Settings())
    # as LibreOffice writes the empty rest of a sheet: repeated empty cells and rows, not refused
    empty_rest = (f"<table:table-row>{cell('Activity')}"
                  '<table:table-cell table:number-columns-repeated="16383"/></table:table-row>'
                  '<table:table-row table:number-rows-repeated="1048575">'
                  '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>')
    check_odf_repeats(ods(empty_rest), "plan.ods", Settings())  # raises nothing


def test_the_ods_bomb_is_refused_through_the_reader_with_exit_2(tmp_path, capsys):
    path = tmp_path / "plan.ods"
    path.write_bytes(ods(f"<table:table-row>{cell('Activity')}{cell('x', 1_000_000_000)}</table:table-row>"))
    code = main(["tables", str(path)])
    err = " ".join(capsys.readouterr().err.split())
    assert code == 2, err
    assert f"{path}: table 'Plan' declares 1,000,000,001 columns, over the limit of 1,000 (annex.max_columns)" in err


def test_the_excel_bomb_is_refused_by_annex_tables_with_exit_2(tmp_path, capsys):
    path = tmp_path / "plan.xlsx"
    path.write_bytes(with_dimension("A1:XFD1048576"))
    code = main(["tables", str(path)])
    err = " ".join(capsys.readouterr().err.split())
    assert code == 2, err
    assert "sheet 'Plan' declares 1,048,576 rows, over the limit of 200,000 (annex.max_rows)" in err
    assert "Traceback" not in err


def test_a_long_sheet_name_is_cut_in_the_message():
    data = patched(with_dimension("A1:XFD1048576"), "xl/workbook.xml", lambda xml: xml.replace('name="Plan"', 'name="' + "N" * 31 + '"'))
    message = refusal(data, DocumentKind.XLSX, "plan.xlsx")
    assert "N" * 31 in message and len(message) < 400


# --- invisible and control characters (issue 25 item 6) ------------------------------------------

def test_the_invisible_character_class_is_unicodes_control_and_format_categories():
    expected = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) in ("Cc", "Cf")}
    expected -= set("\t\n\r")
    found = {chr(c) for c in range(sys.maxunicode + 1) if INVISIBLE.fullmatch(chr(c))}
    assert found == expected


def test_a_bom_inside_a_number_is_removed_and_counted_in_every_format():
    rows = (PLAN[0], ("Sport day", "21 May", "Sport PHs (1\ufeff5)", "growth"))
    word = read(write_docx(WordDocument([WordTable(rows)])), DocumentKind.DOCX, "plan.docx")
    excel = read(write_xlsx([Sheet("Plan", rows)]), DocumentKind.XLSX, "plan.xlsx")
    text = read("\t".join(rows[0]).encode() + b"\n" + "\t".join(rows[1]).encode(), DocumentKind.TEXT, "plan.txt")
    for (table,) in (word, excel, text):
        assert table.lines[-1].cells[2] == "Sport PHs (15)"
        assert table.skipped[0] == "1 invisible or control character(s) removed from cells (U+FEFF x1)"


def test_control_characters_in_cells_are_removed_and_counted():
    rows = (PLAN[0], ("Peer\x01 day\x7f", "21 May", "PHs (3)", "growth"))
    (table,) = read("\t".join(rows[0]).encode() + b"\n" + "\t".join(rows[1]).encode(), DocumentKind.TEXT, "p.txt")
    assert table.lines[-1].cells[0] == "Peer day"
    assert table.skipped[0] == "2 invisible or control character(s) removed from cells (U+0001 x1, U+007F x1)"
