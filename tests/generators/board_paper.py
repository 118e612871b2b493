"""A board paper around an annex table, laid out with reportlab, for tests: what a real published
PDF puts around the table. A running header and a "Page N" footer on every page, an 18 pt heading
beside a logo, report paragraphs, a small budget table, more text, then the annex table starting
mid-page and continuing onto the next, and a key below it.

reportlab is a test extra: imported inside the function.

`two_page_plan` describes another paper: an unruled plan laid out by LibreOffice over two pages.
"""

from __future__ import annotations

from pathlib import Path

from generators.annex_pdf import Layout, TableSpec


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


PLAN_HEADER = ("Activity", "Date", "Target audience", "Link to business plan")
_PLACES = ("Derby", "Solihull", "Rochdale", "Somerset", "North Yorkshire", "Bournemouth", "Hull", "Kent")
_KINDS = (("Libraries peer review {} (2 days)", "Individual council", 2),
          ("Sport action learning set {} (1 day)", "Sport PHs (5)", 1),
          ("Heritage seminar {} (1 day)", "Heritage and planning PHs (25)", 1),
          ("Culture Academy {} (2 days)", "Culture PHs (15)", 2))
_MONTHS = ("April", "May", "June", "July", "September", "October", "November", "January")


def two_page_plan(activities: int = 40, *, title_on_every_page: bool = True,
                  header_padding: float = 16.0) -> tuple[TableSpec, Layout]:
    """An unruled plan laid out by LibreOffice over two pages (issue 12, failure 1): the header
    row padded below (set apart from the body like a running header), repeated on page 2, a
    title above it (in the page header area of every page, or once in the text of page 1), the
    TOTALS block and the key after the last activity. The rows are the specification the tests
    compare with: the first `activities` rows are activities, then the two totals lines."""
    rows = []
    for i in range(activities):
        activity, audience, _ = _KINDS[i % len(_KINDS)]
        rows.append((activity.format(_PLACES[i % len(_PLACES)]), f"{i % 27 + 1} {_MONTHS[i % len(_MONTHS)]}",
                     audience, "growth"))
    days = sum(_KINDS[i % len(_KINDS)][2] for i in range(activities))
    rows += [("TOTALS", "", "", ""),
             (f"{days} days of improvement activity for councils", "", "over 200 councillors involved", "")]
    spec = TableSpec(title=("Annex C: Culture, Tourism and Sport improvement plan 2016/17",),
                     header_rows=(PLAN_HEADER,), rows=tuple(rows), notes=("KEY PH = portfolio holder",))
    # the narrow activity column wraps activities over two lines, as annexes do
    layout = Layout(engine="libreoffice", ruled=False, font="Liberation Sans", font_size=10,
                    span_single_cell_rows=False, column_widths=(3, 2, 3, 3),
                    title_on_every_page=title_on_every_page, header_padding=header_padding)
    return spec, layout
