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
