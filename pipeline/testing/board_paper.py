"""A board paper around an annex table, laid out with reportlab, for tests: what a real published
PDF puts around the table. A running header and a "Page N" footer on every page, an 18 pt heading
beside a logo, report paragraphs, a small budget table, more text, then the annex table starting
mid-page and continuing onto the next, and a key below it.

reportlab is a test extra: imported inside the function.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.testing.annex_pdf import TableSpec


def write_board_paper(spec: TableSpec, path: Path, *, ruled: bool = True, logo: str = "box",
                      widths: tuple[float, ...] | None = None) -> Path:
    """`spec`'s table (one header row) inside a board paper. `logo`: "box" (a filled rectangle)
    or "text" (a word set beside the heading, as a logo's text layer reads)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    if logo not in ("box", "text"):
        raise ValueError(f"logo must be 'box' or 'text', got {logo!r}")
    styles = getSampleStyleSheet()
    body, cell = styles["BodyText"], styles["BodyText"].clone("cell", fontSize=8.5, leading=10)

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 9)
        canvas.drawString(54, A4[1] - 36, "Improvement Board")
        canvas.drawRightString(A4[0] - 54, A4[1] - 36, "12 July 2016")
        canvas.drawCentredString(A4[0] / 2, 30, f"Page {doc.page}")
        if doc.page == 1 and logo == "box":
            canvas.setFillColor(colors.darkblue)
            canvas.rect(A4[0] - 130, A4[1] - 100, 76, 40, fill=1, stroke=0)
        elif doc.page == 1:
            canvas.drawString(A4[0] - 120, A4[1] - 85, "LGA")
        canvas.restoreState()

    def table(rows, column_widths) -> Table:
        grid = Table([[Paragraph(c, cell) for c in r] for r in rows], colWidths=column_widths, repeatRows=1)
        style = [("VALIGN", (0, 0), (-1, -1), "TOP")]
        if ruled:
            style.append(("GRID", (0, 0), (-1, -1), 0.5, colors.black))
        grid.setStyle(TableStyle(style))
        return grid

    story = [Paragraph("Culture, Tourism and Sport Board: improvement programme 2016/17", styles["Heading1"]),
             Paragraph("This report updates members on the improvement programme. " * 6, body), Spacer(1, 6),
             table([("Budget line", "2016/17 (£000)"), ("Peer support", "120"), ("Total", "120")], [200, 100]),
             Spacer(1, 6), Paragraph("Financial implications: funded from the grant. " * 5, body),
             *(Paragraph(title, styles["Heading2"]) for title in spec.title),
             table(spec.header_rows + spec.rows, list(widths) if widths else None),
             *(Paragraph(note, body) for note in spec.notes)]
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=54, rightMargin=54, topMargin=60, bottomMargin=50).build(
        story, onFirstPage=decorate, onLaterPages=decorate)
    return path
