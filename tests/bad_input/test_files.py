"""Broken documents in a release: empty, binary, a dump or PDF of no known table, a Windows-1252
dump, truncated, encrypted and image-only PDFs, a file over the size or page limit. Each run publishes the sample release first, then breaks it and runs it
again beside a good release (see conftest.Workspace.expect_rejected).

Decision, Windows-1252: an undeclared cp1252 dump is refused, not guessed. Almost any byte string
decodes as cp1252 (and as Latin-1, Mac Roman...), so "it decodes cleanly" is no evidence, and a
wrong guess puts mojibake into curated data that nobody notices. The error names the line of the
first bad byte and says which line to add to release.yaml; once `encoding: cp1252` is declared,
pound signs and en dashes are read correctly.

Decision, limits: a document over `max_document_bytes` (default 50 MB) or a PDF over `max_pages`
(default 2,000) is refused before it is parsed, naming its size and the setting to raise in
params.yaml (`annex:` section); a bad value there stops the run before any release is touched.
"""

from __future__ import annotations

import io

import pyarrow.parquet as pq
import pytest
import yaml
from support import SAMPLE_RELEASE, TRACKER_SEED

from pipeline.publish import partition_path
from generators.annex_pdf import Layout, TableSpec, write_pdf

PLAN_HEADER = "Activity\tDate\tTarget audience\tLink to business plan"


def replace_document(ws, content: bytes, name: str = TRACKER_SEED, new_name: str | None = None) -> None:
    """Break the published sample release: replace one of its documents (optionally renamed)."""
    folder = ws.raw / "2015-16-q2"
    (folder / name).unlink()
    (folder / (new_name or name)).write_bytes(content)
    if new_name:
        manifest = folder / "release.yaml"
        manifest.write_text(manifest.read_text(encoding="utf-8").replace(name, new_name), encoding="utf-8")


def test_empty_file(ws):
    before = ws.publish_sample()
    replace_document(ws, b"")
    ws.expect_rejected(f"{TRACKER_SEED}: the file is empty", "fix: replace it with the full document",
                       before=before)


def test_blank_lines_only_is_empty(ws):
    before = ws.publish_sample()
    replace_document(ws, b"\n \r\n\t\t\n")
    ws.expect_rejected(f"{TRACKER_SEED}: the file is empty", before=before)


def test_binary_garbage_named_txt(ws):
    before = ws.publish_sample()
    replace_document(ws, bytes(range(256)) * 40)
    ws.expect_rejected(f"{TRACKER_SEED} (line 1): binary content (a NUL byte), not a text dump or a PDF",
                       "fix: supply the PDF itself or a tab-separated text dump", before=before)


def test_binary_garbage_named_pdf(ws):
    before = ws.publish_sample()
    replace_document(ws, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, new_name="annex-b.pdf")
    ws.expect_rejected("annex-b.pdf: named .pdf but is not a PDF (no %PDF- header)",
                       "fix: export the document again as PDF", before=before)


def test_dump_of_no_known_table(ws):
    before = ws.publish_sample()
    replace_document(ws, b"Staff list\nName\tRole\tGrade\nAnn Smith\tOfficer\t5\n")
    ws.expect_rejected(f"{TRACKER_SEED} (page 1, line 2): holds no table of a known family: "
                       "headers found: 'Name', 'Role', 'Grade'",
                       "fix: known families: plan (improvement plan:", "tracker (delivery tracker:",
                       before=before)


def test_dump_of_prose_only(ws):
    before = ws.publish_sample()
    replace_document(ws, b"Minutes of the meeting\nApologies were received from two members.\n")
    ws.expect_rejected(f"{TRACKER_SEED}: holds no table of a known family: headers found: none",
                       before=before)


# A plan dump as Word writes it on Windows: pound signs (0xa3) and en dashes (0x96).
CP1252_PLAN = "\n".join([
    "Annex C improvement plan",
    PLAN_HEADER,
    "Finance seminar \u2013 \u00a3250 per place (1 day)\t21 May \u2013 completed\tFinance PHs (20)\tgrowth",
    "Budget clinic (2 days)\tJune\tTreasurers \u2013 \u00a35m+ budgets\tgrowth",
]).encode("cp1252")


def test_windows_1252_undeclared_is_refused_with_the_line_to_add(ws):
    before = ws.publish_sample()
    replace_document(ws, CP1252_PLAN, name="annex-c-cts-improvement-plan.txt")
    ws.expect_rejected("annex-c-cts-improvement-plan.txt (line 3): not UTF-8 (byte 0x96 cannot be decoded)",
                       "fix: add 'encoding: cp1252' to this document in release.yaml", before=before)


def test_windows_1252_declared_reads_pounds_and_dashes(ws):
    folder = ws.write_release("2016-17-q1", {"plan.txt": CP1252_PLAN}, manifest={
        "title": "cp1252", "financial_year": "2016/17",
        "documents": [{"file": "plan.txt", "encoding": "cp1252"}]})
    assert folder.is_dir()
    outcome = ws.cli("run")
    assert outcome.code == 0, outcome.err
    rows = pq.read_table(partition_path(ws.curated, "activities", "2016-17-q1")).to_pylist()
    assert [r["activity"] for r in rows] == ["Finance seminar \u2013 \u00a3250 per place (1 day)",
                                             "Budget clinic (2 days)"]
    assert rows[0]["date_text"] == "21 May \u2013 completed" and rows[0]["status"] == "completed"
    assert rows[1]["audience"] == "Treasurers \u2013 \u00a35m+ budgets"


def test_declared_encoding_that_does_not_fit(ws):
    before = ws.publish_sample()
    folder = ws.raw / "2015-16-q2"
    (folder / TRACKER_SEED).write_bytes("Theme\t\u00a3\n".encode("utf-8") + b"\x81\x8d\n")
    manifest = yaml.safe_load((folder / "release.yaml").read_text(encoding="utf-8"))
    manifest["documents"][1] = {"file": TRACKER_SEED, "encoding": "cp1252"}
    (folder / "release.yaml").write_text(yaml.safe_dump(manifest), encoding="utf-8")
    ws.expect_rejected(f"{TRACKER_SEED} (line 2): not valid cp1252 (byte 0x81 cannot be decoded)",
                       "fix: declare the document's real encoding in release.yaml", before=before)


def test_utf16_dump_with_bom_is_read(ws):
    """Word's "Unicode text" export is UTF-16 with a byte-order mark: unambiguous, so read it."""
    text = "\n".join([PLAN_HEADER, "Finance seminar (1 day)\t21 May\tFinance PHs (20)\t\u00a3 growth"])
    ws.write_release("2016-17-q1", {"plan.txt": text.encode("utf-16")},
                     manifest={"title": "utf16", "financial_year": "2016/17", "documents": ["plan.txt"]})
    outcome = ws.cli("run")
    assert outcome.code == 0, outcome.err
    rows = pq.read_table(partition_path(ws.curated, "activities", "2016-17-q1")).to_pylist()
    assert [(r["activity"], r["business_plan_link"]) for r in rows] == [("Finance seminar (1 day)", "\u00a3 growth")]


def test_file_over_the_size_limit_names_the_limit_and_the_setting(ws):
    before = ws.publish_sample()
    (ws.root / "params.yaml").write_text("annex:\n  max_document_bytes: 2000\n", encoding="utf-8")
    ws.expect_rejected("annex-c-cts-improvement-plan.txt: the file is 2,580 bytes, over the limit of 2,000",
                       "fix: check it is the right file, or raise annex.max_document_bytes in params.yaml",
                       before=before)


@pytest.mark.parametrize("params, message", [
    ("annex:\n  max_document_bytes: 0\n", "setting max_document_bytes must be a positive whole number, got 0"),
    ("annex:\n  max_pages: many\n", "setting max_pages must be a positive whole number, got 'many'"),
    ("annex:\n  max_files: 3\n", "unknown setting(s) max_files; known: auto_jobs_min_releases, date_margin_days, max_cells, max_cells_per_line, max_columns, max_document_bytes, max_document_memory, max_document_seconds, max_line_chars, max_pages, max_row_drop, max_rows, pdf_source"),
])
def test_bad_limit_settings_stop_before_any_work(ws, params, message):
    before = ws.publish_sample()
    (ws.root / "params.yaml").write_text(params, encoding="utf-8")
    outcome = ws.cli("run")
    assert outcome.code == 2
    assert f"params.yaml: bad settings: {message}" in outcome.text
    assert "fix: correct the annex: section of params.yaml" in outcome.text
    assert "Traceback" not in outcome.err
    assert ws.snapshot() == before


# PDFs. Broken files are made here: halves of the sample's own PDF, reportlab for encrypted and
# image-only pages, the annex PDF generator for a table of no known family.
SAMPLE_PDF = "annex-b-delivery-tracker-2015-16.pdf"


def sample_pdf() -> bytes:
    return (SAMPLE_RELEASE / SAMPLE_PDF).read_bytes()


def reportlab_pdf(draw, **canvas_options) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1, **canvas_options)
    draw(page)
    page.save()
    return buffer.getvalue()


def image_only_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    scan = ImageReader(Image.new("RGB", (400, 200), "white"))
    return reportlab_pdf(lambda page: page.drawImage(scan, 72, 500, 400, 200))


def prose_pdf() -> bytes:
    def draw(page):
        page.drawString(72, 700, "Minutes of the meeting held on Tuesday.")
        page.drawString(72, 680, "Apologies were received from two members.")
    return reportlab_pdf(draw)


def encrypted_pdf() -> bytes:
    return reportlab_pdf(lambda page: page.drawString(72, 700, "Activity    Date"), encrypt="secret")


@pytest.mark.parametrize("make, expected", [
    (lambda: b"", "annex-b.pdf: the file is empty"),
    (lambda: sample_pdf()[: len(sample_pdf()) // 2],
     "annex-b.pdf: the PDF is truncated or corrupt and cannot be parsed (PdfminerException) "
     "fix: download the file again or re-export it from its source"),
    (lambda: b"%PDF-1.4\n%%EOF\n", "annex-b.pdf: the PDF is truncated or corrupt"),
    (encrypted_pdf, "annex-b.pdf: the PDF is encrypted (password protected) and cannot be read "
     "fix: provide an unencrypted copy"),
    (image_only_pdf, "annex-b.pdf (page 1): the PDF has no text layer (its pages are images, e.g. a scan) "
     "fix: run OCR first"),
    (prose_pdf, "annex-b.pdf (page 1): no table found (text without columns)"),
], ids=["empty", "truncated", "no-pages", "encrypted", "image-only", "prose"])
def test_broken_pdf(ws, make, expected):
    before = ws.publish_sample()
    replace_document(ws, make(), new_name="annex-b.pdf")
    ws.expect_rejected(expected, before=before)


def test_pdf_of_no_known_table(ws, tmp_path):
    spec = TableSpec(title=("Staff list",), header_rows=(("Name", "Role", "Grade"),),
                     rows=(("Ann Smith", "Officer", "5"), ("Bo Jones", "Manager", "7")))
    before = ws.publish_sample()
    replace_document(ws, write_pdf(spec, Layout(), tmp_path / "staff.pdf").read_bytes(), new_name="annex-b.pdf")
    ws.expect_rejected("annex-b.pdf (page 1", "holds no table of a known family: headers found: "
                       "'Name', 'Role', 'Grade'", "fix: known families: plan", before=before)


def test_pdf_over_the_page_limit_names_the_limit_and_the_setting(ws):
    before = ws.publish_sample()
    replace_document(ws, sample_pdf(), new_name="annex-b.pdf")
    (ws.root / "params.yaml").write_text("annex:\n  max_pages: 1\n", encoding="utf-8")
    ws.expect_rejected("annex-b.pdf: the PDF has 2 pages, over the limit of 1",
                       "fix: check it is the right file, or raise annex.max_pages in params.yaml",
                       before=before)


def test_sample_pdfs_run_through_annex_run(ws):
    """The PDF path end to end: the sample release's PDFs give the same rows as its dumps."""
    ws.publish_sample()
    expected = pq.read_table(partition_path(ws.curated, "deliverables", "2015-16-q2")).to_pylist()
    ws.write_release("pdf", {SAMPLE_PDF: sample_pdf()},
                     manifest={"title": "pdf", "financial_year": "2015/16", "documents": [SAMPLE_PDF]})
    outcome = ws.cli("run", "--release", "pdf")
    assert outcome.code == 0, outcome.err
    rows = pq.read_table(partition_path(ws.curated, "deliverables", "pdf")).to_pylist()
    assert [(r["deliverable"], r["target"], r["total"]) for r in rows] == [
        (r["deliverable"], r["target"], r["total"]) for r in expected]


def test_nul_byte_after_the_first_64_kb_is_refused_naming_the_line(ws):
    """The binary check used to look at the first 64 KB only: a NUL further on was published."""
    before = ws.publish_sample()
    tracker = (SAMPLE_RELEASE / TRACKER_SEED).read_bytes()
    padding = b"\t\n" * 40_000  # blank lines: 80 KB
    data = tracker + b"\n" + padding + b"\tHelp councils\x00 build homes\t10\t2\t3\t\t\t5\t50%\t\n"
    line = data[: data.index(b"\x00")].count(b"\n") + 1
    replace_document(ws, data)
    ws.expect_rejected(f"{TRACKER_SEED} (line {line}): binary content (a NUL byte), not a text dump or a PDF",
                       "fix: supply the PDF itself or a tab-separated text dump", before=before)


def test_nul_character_in_a_utf16_dump_is_refused(ws):
    """UTF-16 is full of NUL bytes and read (see above); a NUL character in its text is not."""
    text = "\n".join([PLAN_HEADER, "Finance seminar (1 day)\t21 May\tFinance PHs (20)\tgrowth",
                      "Housing\x00 seminar\t22 May\tHousing PHs\tgrowth"])
    ws.write_release("2016-17-q1", {"plan.txt": text.encode("utf-16")},
                     manifest={"title": "utf16", "financial_year": "2016/17", "documents": ["plan.txt"]})
    outcome = ws.cli("run")
    assert outcome.code == 2
    assert "plan.txt (line 3): binary content (a NUL byte), not a text dump or a PDF" in outcome.text
    assert not ws.partitions("2016-17-q1")
