"""Issue 16 cases 2, 3, 4: a bounded cost per document.

- Text dumps: a line longer than annex.max_line_chars (default 100,000 characters) or with more
  than annex.max_cells_per_line cells (default 200) is refused at once, naming the file and line
  (a 49 MB dump on one line with tabs ran for 10 minutes before).
- PDFs are read in a child process with a budget (annex.max_document_seconds, default 120;
  annex.max_document_memory, default 1 GiB beyond the reader's own): a page drawing a form XObject
  millions of times, or streams inflating to GiB, is refused naming the file and the budget; the
  other releases of the batch go on.
"""

from __future__ import annotations

import time

import pytest

from support import pdf_of_objects

from pipeline.core.errors import DocumentError
from pipeline.core.settings import Settings
from pipeline.extract.documents import check_line_limits

HEADER = "Activity\tDate\tTarget audience\tLink to business plan\n"


def test_a_49_mb_dump_on_one_line_is_refused_quickly(ws):
    before = ws.publish_sample()
    ws.write_release("2015-16-q2", {"plan.txt": HEADER + "x\t" * 24_500_000 + "\n"},
                     manifest={"id": "2015-16-q2", "title": "one line", "documents": ["plan.txt"]})
    started = time.monotonic()
    outcome = ws.expect_rejected("plan.txt (line 2): the line is 49,000,000 characters long, over the "
                                 "limit of 100,000 (annex.max_line_chars)", before=before)
    assert time.monotonic() - started < 60, "refusing the long line took too long"
    assert "raise annex.max_line_chars in params.yaml" in outcome.text


def test_too_many_cells_on_a_line_named_with_its_line():
    text = HEADER + "a\tb\tc\td\n" + "\t".join(["1"] * 500) + "\n"
    with pytest.raises(DocumentError) as caught:
        check_line_limits(text, "plan.txt", Settings())
    assert caught.value.message.startswith(
        "plan.txt (line 3): the line has 500 tab-separated cells, over the limit of 200 "
        "(annex.max_cells_per_line)")
    check_line_limits(text, "plan.txt", Settings(max_cells_per_line=500))  # raised: accepted


def test_line_limits_are_cheap_and_exact():
    line = "y" * 100_000
    check_line_limits(f"{line}\n{line}", "a.txt", Settings())  # at the limit: fine
    with pytest.raises(DocumentError, match=r"line 2\): the line is 100,001 characters"):
        check_line_limits(f"{line}\r\n{line}y\n", "a.txt", Settings())
    started = time.monotonic()
    check_line_limits(("a\tb\tc\n" * 2_000_000), "big.txt", Settings())  # 12 MB of short lines
    assert time.monotonic() - started < 10


def stream(content: bytes, extra: bytes = b"") -> bytes:
    import zlib

    packed = zlib.compress(content, 9)
    return b"<< /Length %d /Filter /FlateDecode %s >>\nstream\n" % (len(packed), extra) + packed + b"\nendstream"


def xobject_bomb(draws: int) -> bytes:
    """One page drawing one small form XObject `draws` times (a small file)."""
    return pdf_of_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /XObject << /Fx 5 0 R >> /Font << /F1 6 0 R >> >> >>",
        stream(b"q /Fx Do Q\n" * draws),
        stream(b"BT /F1 12 Tf 72 720 Td (Activity) Tj ET", b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] "
               b"/Resources << /Font << /F1 6 0 R >> >>"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def inflation_bomb(inflated: int) -> bytes:
    """A page whose content stream inflates to `inflated` bytes (spaces: valid, empty content)."""
    import zlib

    packer = zlib.compressobj(9)
    chunk = b" " * 2**20
    packed = b"".join(packer.compress(chunk) for _ in range(inflated // len(chunk))) + packer.flush()
    return pdf_of_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream",
    ])


def test_a_pdf_drawing_an_xobject_ten_million_times_is_stopped_at_its_time_budget(ws):
    before = ws.publish_sample()
    (ws.root / "params.yaml").write_text("annex:\n  max_document_seconds: 5\n", encoding="utf-8")
    ws.write_release("2015-16-q2", {"plan.pdf": xobject_bomb(10_000_000)},
                     manifest={"id": "2015-16-q2", "title": "bomb", "documents": ["plan.pdf"]})
    started = time.monotonic()
    outcome = ws.expect_rejected("plan.pdf: reading the PDF took longer than its budget of 5 s "
                                 "(annex.max_document_seconds); stopped", before=before)
    assert time.monotonic() - started < 90
    assert "raise annex.max_document_seconds in params.yaml" in outcome.text


def test_a_pdf_inflating_past_its_memory_budget_is_refused(ws):
    before = ws.publish_sample()
    (ws.root / "params.yaml").write_text("annex:\n  max_document_memory: 200000000\n", encoding="utf-8")
    ws.write_release("2015-16-q2", {"plan.pdf": inflation_bomb(600 * 2**20)},
                     manifest={"id": "2015-16-q2", "title": "bomb", "documents": ["plan.pdf"]})
    outcome = ws.expect_rejected("plan.pdf: reading the PDF needed more memory than its budget of 191 MiB "
                                 "(annex.max_document_memory); stopped", before=before)
    assert "raise annex.max_document_memory in params.yaml" in outcome.text


def test_a_genuine_pdf_reads_the_same_within_its_budget():
    from support import SAMPLE_RELEASE

    from pipeline.extract.budget import read_pdf_in_budget
    from pipeline.extract.pdf_tables import read_pdf_tables

    path = SAMPLE_RELEASE / "annex-c-cts-improvement-plan.pdf"
    data = path.read_bytes()
    assert read_pdf_in_budget(data, path.name, Settings()) == read_pdf_tables(data, path.name)
    # the reader's own errors (here the page limit) come back from the child whole
    with pytest.raises(DocumentError) as caught:
        read_pdf_in_budget(data, "plan.pdf", Settings(max_pages=1))
    assert caught.value.message == ("plan.pdf: the PDF has 2 pages, over the limit of 1\n"
                                    "  fix: check it is the right file, or raise annex.max_pages in params.yaml")


def test_a_memory_error_the_reader_wraps_is_still_the_memory_budget():
    from pipeline.extract.budget import _out_of_memory

    try:
        try:
            raise MemoryError()
        except MemoryError as inner:
            raise ValueError("Unable to allocate output buffer.") from inner
    except ValueError as wrapped:
        error = DocumentError("bomb.pdf", "the page cannot be parsed")
        error.__cause__ = wrapped
    assert _out_of_memory(error)
    assert not _out_of_memory(DocumentError("ok.pdf", "no table found"))
