"""Issue 14 item 4: the same annex as a Word document, as an Excel sheet and as its text dump
publishes the same curated rows, provenance aside (one test per family; the seed annexes, page
breaks where the dump's pages broke), and so does the PDF LibreOffice prints from the Word
document, but for the tracker: see the expected failure below."""

from __future__ import annotations

import shutil
import subprocess

import pyarrow.parquet as pq
import pytest
from support import PLAN_SEED, TRACKER_SEED, seed_text

from pipeline.publish import partition_path
from pipeline.flow import process_release
from pipeline.testing.office_docs import sheet_from_spec, word_from_spec, write_docx, write_xlsx
from pipeline.testing.text_dumps import spec_from_dump, write_text_dump

PROVENANCE = {"source_file", "source_page", "release", "line"}
TABLES = ("activities", "deliverables", "deliverable_quarters", "rejects")


def curated_rows(folder, tmp_path, label):
    curated = tmp_path / f"curated-{label}"
    result = process_release(folder, tmp_path / f"staged-{label}", curated, data_docs=False)
    assert result.ok, result.error and result.error.message
    out = {}
    for table in TABLES:
        path = partition_path(curated, table, folder.name)
        rows = pq.read_table(path).to_pylist() if path.exists() else []
        out[table] = [{k: v for k, v in r.items() if k not in PROVENANCE} for r in rows]
    return out


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


def documents(seed: str):
    """The seed annex as its text dump's spec, its dump, and its Word document (page breaks where
    the dump's pages broke; the tracker landscape, as printed)."""
    dumped = spec_from_dump(seed_text(seed), seed)
    spec = dumped.spec
    docx = write_docx(word_from_spec(spec, page_break_before=dumped.page_break_before,
                                     landscape=seed == TRACKER_SEED))
    return spec, write_text_dump(spec), docx


def manifest(name: str) -> dict:
    return {"title": "t", "financial_year": "2015/16", "documents": [name]}


@pytest.mark.parametrize("seed", [PLAN_SEED, TRACKER_SEED])
def test_word_and_excel_publish_the_rows_of_the_dump(seed, make_release, tmp_path):
    spec, dump, docx = documents(seed)
    from_dump = curated_rows(make_release("dump", {"doc.txt": dump}, manifest("doc.txt")), tmp_path, "dump")
    assert len(from_dump["activities"]) + len(from_dump["deliverables"]) in (28, 17)  # the seeds' rows
    from_docx = curated_rows(make_release("docx", {"doc.docx": docx}, manifest("doc.docx")), tmp_path, "docx")
    assert from_docx == from_dump
    xlsx = write_xlsx([sheet_from_spec(spec)])
    from_xlsx = curated_rows(make_release("xlsx", {"doc.xlsx": xlsx}, manifest("doc.xlsx")), tmp_path, "xlsx")
    assert from_xlsx == from_dump


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
def test_pdf_printed_from_the_word_document_publishes_the_rows_of_the_dump(seed, make_release, tmp_path):
    _, dump, docx = documents(seed)
    pdf = pdf_of(docx, tmp_path)
    if pdf is None:
        pytest.skip("LibreOffice is not installed")
    from_dump = curated_rows(make_release("dump", {"doc.txt": dump}, manifest("doc.txt")), tmp_path, "dump")
    from_pdf = curated_rows(make_release("pdf", {"doc.pdf": pdf}, manifest("doc.pdf")), tmp_path, "pdf")
    assert from_pdf == from_dump
