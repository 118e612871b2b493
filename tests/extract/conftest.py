"""PDFs the PDF-table tests make themselves: layouts the annex generator does not cover
(two tables on a page, right-aligned numbers, an image-only page, an encrypted file, zero pages)."""

from __future__ import annotations

import io
from typing import Sequence

import pytest
from support import pdf_of_objects


def reportlab_pdf(tables: Sequence[dict], *, landscape: bool = False, encrypt: str | None = None) -> bytes:
    """A one-story reportlab PDF: each dict has title, rows, ruled, align ('LEFT'/'RIGHT' for
    columns after the first), widths, note."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape as to_landscape
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    buffer = io.BytesIO()
    size = to_landscape(A4) if landscape else A4
    doc = SimpleDocTemplate(buffer, pagesize=size, invariant=1,
                            encrypt=StandardEncryption(encrypt, canPrint=1) if encrypt else None)
    style = ParagraphStyle("cell", fontName="Helvetica", fontSize=9, leading=11)
    head = ParagraphStyle("head", fontName="Helvetica-Bold", fontSize=9, leading=11)
    story: list = []
    for spec in tables:
        if spec.get("title"):
            story += [Paragraph(spec["title"], ParagraphStyle("t", fontName="Helvetica-Bold", fontSize=12)), Spacer(1, 6)]
        rows = [[Paragraph(c, head if i == 0 else style) if spec.get("paragraphs", True) else c for c in row]
                for i, row in enumerate(spec["rows"])]
        commands = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), "Helvetica", 9)]
        if spec.get("ruled", True):
            commands.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        if spec.get("align"):
            commands.append(("ALIGN", (1, 0), (-1, -1), spec["align"]))
        story.append(Table(rows, colWidths=spec.get("widths"), style=commands, hAlign="LEFT"))
        if spec.get("note"):
            story += [Spacer(1, 6), Paragraph(spec["note"], style)]
        story.append(Spacer(1, 40))
    doc.build(story)
    return buffer.getvalue()


def image_only_pdf() -> bytes:
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from PIL import Image

    image = Image.new("RGB", (200, 100), "white")
    for x in range(20, 180):
        image.putpixel((x, 50), (0, 0, 0))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.drawImage(ImageReader(image), 72, 600, width=400, height=200)
    page.showPage()
    page.save()
    return buffer.getvalue()


def zero_page_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty (reportlab cannot write one)."""
    return pdf_of_objects([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"])


@pytest.fixture(scope="session")
def samples():
    """The makers above, for tests (conftest modules are not importable by name)."""
    from types import SimpleNamespace

    return SimpleNamespace(reportlab_pdf=reportlab_pdf, image_only_pdf=image_only_pdf, zero_page_pdf=zero_page_pdf)
