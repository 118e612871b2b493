"""Issue 14 item 4 (and issue 23, item 5): the same annex as a Word document, as an Excel sheet
and as a text dump publishes the rows typed in its spec (tests/generators/seed_specs.py; the
expected rows: tests/generators/expected_rows.py), one test per family (the seed annexes, page
breaks where the seed's pages broke); and so does the PDF LibreOffice prints from the Word
document, but for the tracker: see the expected failure below. The documents are written from
the typed spec and compared with it, never with what another reader of the project read."""

from __future__ import annotations

import shutil
import subprocess

import pyarrow.parquet as pq
import pytest
from support import PLAN_SEED, TRACKER_SEED

from pipeline.flow import process_release
from pipeline.publish import partition_path
from generators.expected_rows import published_text, seed_tables
from generators.office_docs import sheet_from_spec, word_from_spec, write_docx, write_xlsx
from generators.seed_specs import SEED_PAGE_BREAKS, seed_spec
from generators.text_dumps import DumpLayout, write_text_dump

TABLES = ("activities", "deliverables", "deliverable_quarters", "rejects")


def published(folder, tmp_path) -> dict[str, list[dict]]:
    """The text columns of what the release publishes."""
    curated = tmp_path / f"curated-{folder.name}"
    result = process_release(folder, tmp_path / f"staged-{folder.name}", curated, data_docs=False)
    assert result.ok, result.error and result.error.message
    tables = {}
    for table in TABLES:
        path = partition_path(curated, table, folder.name)
        tables[table] = pq.read_table(path).to_pylist() if path.exists() else []
    return published_text(tables)


def pdf_of(docx: bytes, tmp_path) -> bytes | None:
    """The PDF LibreOffice Writer prints from the Word document; None without LibreOffice."""
    if shutil.which("soffice") is None:
        return None
    (tmp_path / "print").mkdir()
    source = tmp_path / "print" / "doc.docx"
    source.write_bytes(docx)
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "print"), str(source)],
                   check=True, capture_output=True, timeout=180)
    return (tmp_path / "print" / "doc.pdf").read_bytes()


def word_document(seed: str) -> bytes:
    """The seed annex's typed spec as a Word document (page breaks where the seed's pages broke;
    the tracker landscape, as printed)."""
    return write_docx(word_from_spec(seed_spec(seed), page_break_before=SEED_PAGE_BREAKS[seed],
                                     landscape=seed == TRACKER_SEED))


def manifest(name: str) -> dict:
    return {"title": "t", "financial_year": "2015/16", "documents": [name]}


@pytest.mark.parametrize("seed", [PLAN_SEED, TRACKER_SEED])
def test_word_excel_and_dump_publish_the_typed_rows(seed, make_release, tmp_path):
    spec, expected = seed_spec(seed), seed_tables(seed)
    assert len(expected["activities"]) + len(expected["deliverables"]) in (28, 17)  # the seeds' rows
    docx = word_document(seed)
    assert published(make_release("docx", {"doc.docx": docx}, manifest("doc.docx")), tmp_path) == expected
    xlsx = write_xlsx([sheet_from_spec(spec)])
    assert published(make_release("xlsx", {"doc.xlsx": xlsx}, manifest("doc.xlsx")), tmp_path) == expected
    dump = write_text_dump(spec, DumpLayout(page_break_before=SEED_PAGE_BREAKS[seed]))
    assert published(make_release("dump", {"doc.txt": dump}, manifest("doc.txt")), tmp_path) == expected


# Found by this test, in the PDF reader (pipeline/extract/pdf): in the PDF LibreOffice prints from
# these Word documents, a line ending on a word without its line-end space glyph was taken as a
# word cut at the cell edge ("Cabinet/Portfolioholders", "Commentary/ forecast"), and a word cut
# at the last line of a page was joined to its end with a space ("authoriti es"); fixed, see
# layout.continues_word and test_regressions.py::test_libreoffice_pdf_of_the_word_annexes_keeps_its_word_spaces.
# What is left cannot be read from the PDF: in the tracker's 50 pt deliverables column, six lines
# hold one word that ends less than a space from the cell edge, so LibreOffice printed no space
# after it ("between" / "their"); a word wider than the column cut there ("authoriti" / "es")
# gives the same glyphs at the same positions (LibreOffice prints "between their" and
# "betweentheir" identically), and the reader takes the cut, which is by far the more common in
# such a column. Strict: this case fails (XPASS) once the reader tells them apart.
TRACKER_WORDS_AT_THE_EDGE = pytest.mark.xfail(
    strict=True, raises=AssertionError,
    reason="a word ending less than a space from the cell edge, alone on its line, reads as a cut word "
           "('betweentheir'): LibreOffice prints both the same (see the comment above)")


@pytest.mark.parametrize("seed", [PLAN_SEED, pytest.param(TRACKER_SEED, marks=TRACKER_WORDS_AT_THE_EDGE)])
def test_pdf_printed_from_the_word_document_publishes_the_typed_rows(seed, make_release, tmp_path):
    pdf = pdf_of(word_document(seed), tmp_path)
    if pdf is None:
        pytest.skip("LibreOffice is not installed")
    assert published(make_release("pdf", {"doc.pdf": pdf}, manifest("doc.pdf")), tmp_path) == seed_tables(seed)
