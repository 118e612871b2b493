"""Issue 14: broken Word and Excel documents are each one clear error naming the file and the cause
(exit code 2, nothing published), and legacy formats are converted with LibreOffice or refused
with the fix.

Decisions: an empty sheet beside a sheet with a table is left out (Excel makes empty Sheet2 and
Sheet3 by habit); only a workbook with nothing in any visible sheet is an error. The bytes decide
the kind, not the name: a .docx renamed .xlsx is read as the Word document it is."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from support import TRACKER_SEED

from pipeline.core.errors import DocumentError
from pipeline.extract.documents import load_document
from pipeline.extract.documents import read_tables_here as read_tables  # in this process: monkeypatch reaches it
from generators.office_docs import Sheet, WordDocument, WordTable, write_docx, write_xlsx

PLAN = (("Activity", "Date", "Target audience", "Link to business plan"),
        ("Officer peer training (1 day)", "21 May - completed", "Officer peers (10)", "growth"))


def tables_of(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return read_tables(load_document(path, name))


def error_of(tmp_path, name: str, data: bytes) -> str:
    with pytest.raises(DocumentError) as caught:
        tables_of(tmp_path, name, data)
    return caught.value.message


def zipped(members: dict[str, bytes]) -> bytes:
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def encrypted_workbook() -> bytes:
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(write_xlsx([Sheet("Plan", PLAN)]))).encrypt("secret", out)
    return out.getvalue()


def test_renamed_zip_names_what_it_holds(tmp_path):
    message = error_of(tmp_path, "tracker.xlsx", zipped({"tracker.csv": b"a,b\n", "readme.txt": b"hi"}))
    assert message.startswith("tracker.xlsx: a zip archive, not a Word (.docx) or Excel (.xlsx) document")
    assert "tracker.csv, readme.txt" in message and "fix: extract the annex" in message


def test_truncated_workbook_is_a_damaged_zip(tmp_path):
    data = write_xlsx([Sheet("Plan", PLAN)])
    message = error_of(tmp_path, "plan.xlsx", data[: len(data) // 2])
    assert message.startswith("plan.xlsx: a damaged zip archive")


def test_password_protected_workbook(tmp_path):
    message = error_of(tmp_path, "tracker.xlsx", encrypted_workbook())
    assert message.startswith("tracker.xlsx: the document is password-protected (encrypted)")
    assert "fix: open it with the password and save a copy without one" in message


def test_workbook_whose_sheets_are_all_empty(tmp_path):
    message = error_of(tmp_path, "t.xlsx", write_xlsx([Sheet("Sheet1", ()), Sheet("Sheet2", ((None, ""),))]))
    assert message.startswith("t.xlsx: every visible sheet of the workbook is empty ('Sheet1', 'Sheet2')")


def test_table_only_on_a_hidden_sheet_says_so(tmp_path):
    data = write_xlsx([Sheet("Sheet1", ()), Sheet("Plan", PLAN, hidden=True)])
    message = error_of(tmp_path, "t.xlsx", data)
    assert "every visible sheet of the workbook is empty ('Sheet1'); hidden sheets, not read: 'Plan'" in message


def test_word_document_without_tables(tmp_path):
    data = write_docx(WordDocument(["Annex C", "The plan will follow."]))
    message = error_of(tmp_path, "plan.docx", data)
    assert message.startswith("plan.docx: the Word document has no table (2 paragraph(s) of text only)")


def test_workbook_unpacking_to_far_more_than_the_size_limit_is_refused(tmp_path):
    from pipeline.core.settings import Settings

    # 2 MB of text compresses to a few kB: past 20 x a 50 kB limit once unpacked, a zip bomb's shape
    data = write_xlsx([Sheet("Plan", PLAN + tuple((f"row {i}", "x" * 2000) for i in range(1000)))])
    path = tmp_path / "big.xlsx"
    path.write_bytes(data)
    settings = Settings(max_document_bytes=50_000)
    assert len(data) < settings.max_document_bytes
    with pytest.raises(DocumentError) as caught:
        read_tables(load_document(path, "big.xlsx", settings), settings=settings)
    assert caught.value.message.startswith("big.xlsx: the file unpacks to ")
    assert "bytes, over the limit of 1,000,000 (20 x annex.max_document_bytes)" in caught.value.message


def test_docx_renamed_xlsx_is_read_as_word(tmp_path):
    (table,) = tables_of(tmp_path, "plan.xlsx", write_docx(WordDocument([WordTable(PLAN)])))
    assert table.body[0].cells == PLAN[1]


def test_empty_sheet_beside_the_table_is_left_out(tmp_path):
    (table,) = tables_of(tmp_path, "p.xlsx", write_xlsx([Sheet("Sheet1", ()), Sheet("Plan", PLAN)]))
    assert table.pages == (2,) and table.body[0].cells == PLAN[1]


def test_encrypted_tracker_in_a_run_exits_2_and_publishes_nothing_of_it(ws):
    before = ws.publish_sample()
    folder = ws.raw / "2015-16-q2"  # the sample's tracker dump replaced by an encrypted workbook
    (folder / TRACKER_SEED).unlink()
    (folder / "tracker.xlsx").write_bytes(encrypted_workbook())
    manifest = folder / "release.yaml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace(TRACKER_SEED, "tracker.xlsx"), encoding="utf-8")
    ws.expect_rejected("tracker.xlsx: the document is password-protected (encrypted)", before=before)


# --- legacy formats ----------------------------------------------------------------------------

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def soffice_convert(tmp_path, name: str, data: bytes, target: str) -> bytes:
    """The legacy file made by LibreOffice itself from a modern one (the test's only way to write one)."""
    (tmp_path / "in").mkdir(exist_ok=True)
    source = tmp_path / "in" / name
    source.write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", target,
                    "--outdir", str(tmp_path / "out"), str(source)], capture_output=True, timeout=180)
    made = tmp_path / "out" / f"{source.stem}.{target}"
    if not made.is_file():  # LibreOffice without Calc (Debian's libreoffice-calc) cannot make an .xls
        pytest.skip(f"this LibreOffice cannot write .{target}")
    return made.read_bytes()


@needs_soffice
def test_xls_is_converted_and_read_like_the_xlsx(tmp_path):
    xls = soffice_convert(tmp_path, "plan.xlsx", write_xlsx([Sheet("Plan", PLAN)]), "xls")
    (table,) = tables_of(tmp_path, "plan.xls", xls)
    assert [line.cells for line in table.header_rows + table.body] == list(PLAN)


@needs_soffice
def test_odt_is_converted_and_read_like_the_docx(tmp_path):
    odt = soffice_convert(tmp_path, "plan.docx", write_docx(WordDocument([WordTable(PLAN)])), "odt")
    (table,) = tables_of(tmp_path, "plan.odt", odt)
    assert [line.cells for line in table.header_rows + table.body] == list(PLAN)


def test_legacy_file_without_libreoffice_names_the_fix(tmp_path, monkeypatch):
    # an OpenDocument spreadsheet needs no converter to be written: a zip with its mimetype
    ods = zipped({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"})
    monkeypatch.setattr(shutil, "which", lambda name: None)
    message = error_of(tmp_path, "tracker.ods", ods)
    assert message.startswith("tracker.ods: an Excel 97-2003 / OpenDocument spreadsheet file: annex converts "
                              "these with LibreOffice, which is not installed")
    assert "fix: install LibreOffice" in message and "save the file as .xlsx" in message

