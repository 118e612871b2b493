"""Column headings turned a quarter (narrow columns under long names): a row of headings set
sideways, starting at the foot of the header cell, reads as the table's header, left to right,
each heading's words in their order, with or without rulings, turned either way, with both page
sources. A chart's turned scale and a turned axis title stay out of the table.

The PDFs are drawn here with reportlab's canvas; the expected cells are typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from pipeline.core.model import LineKind
from pipeline.extract.pdf_tables import read_pdf_tables

SOURCES = ("pdfium", "pdfminer")
HEADINGS = ("Libraries", "Leisure centres", "Parks and gardens", "Museums")
BODY = (("North", "12", "3", "41", "2"), ("South", "9", "2", "35", "1"),
        ("East", "15", "4", "52", "3"), ("West", "7", "1", "28", "0"))
LEFT, STUB, COLUMN, ROW = 72.0, 110.0, 36.0, 16.0  # points: the stub column, the figure columns


def draw_table(path: Path, *, ruled: bool, turn: int, align: str = "foot", wrapped: bool = False,
               chart_scale: bool = False, axis_title: bool = False) -> Path:
    """The table with its figure columns' headings turned `turn` degrees (90: read bottom to top,
    -90: top to bottom), set on the header cell's foot or hung from its head (`align`), the cell
    as tall as the longest heading (as a spreadsheet fits a row to its text); `wrapped`: each
    heading of two words on two turned lines, side by side, the first line left when turned
    counter-clockwise and right when turned clockwise (each next line under the last, read turned)."""
    page = canvas.Canvas(str(path), pagesize=A4)
    page.setFont("Helvetica-Bold", 11)
    page.drawString(LEFT, 790, "Table 3. Services by district")
    page.setFont("Helvetica", 9)
    lines = [tuple(h.split(" ", 1)) if wrapped else (h,) for h in HEADINGS]
    longest = max(stringWidth(line, "Helvetica", 9) for heading in lines for line in heading)
    header_top = 770.0
    header_bottom = header_top - longest - 10
    edges = [LEFT, LEFT + STUB] + [LEFT + STUB + COLUMN * (i + 1) for i in range(len(HEADINGS))]
    page.drawString(LEFT + 4, header_bottom + 5, "District")
    for i, heading in enumerate(lines):
        middle = edges[i + 1] + COLUMN / 2
        for k, text in enumerate(heading):
            # glyphs stand left of a baseline turned counter-clockwise, right of one turned clockwise
            x = middle + (k - (len(heading) - 1) / 2) * (10 if turn == 90 else -10) + (3 if turn == 90 else -3)
            length = stringWidth(text, "Helvetica", 9)
            if turn == 90:
                y = header_bottom + 5 if align == "foot" else header_top - 5 - length
            else:
                y = header_top - 5 if align == "head" else header_bottom + 5 + length
            page.saveState()
            page.translate(x, y)
            page.rotate(turn)
            page.drawString(0, 0, text)
            page.restoreState()
    y = header_bottom
    for row in BODY:
        y -= ROW
        page.drawString(LEFT + 4, y + 5, row[0])
        for i, figure in enumerate(row[1:]):
            page.drawRightString(edges[i + 2] - 6, y + 5, figure)
    if ruled:
        page.setLineWidth(0.5)
        for line_y in [header_top, header_bottom] + [header_bottom - ROW * (k + 1) for k in range(len(BODY))]:
            page.line(edges[0], line_y, edges[-1], line_y)
        for x in edges:
            page.line(x, header_top, x, y)
    page.drawString(LEFT, y - 24, "Source: district returns.")
    if chart_scale:  # a bar chart below, its scale's figures turned, each starting at the axis
        base = 300.0
        for k, value in enumerate((120, 60, 90)):
            page.rect(LEFT + 20 + 50 * k, base, 30, value, fill=1)
        page.line(LEFT, base, LEFT + 200, base)
        for k, tick in enumerate(("0", "500", "1.000", "1.500")):
            page.saveState()
            page.translate(LEFT + 20 + 50 * k, base - 4)
            page.rotate(-90)
            page.drawString(0, 0, tick)
            page.restoreState()
    if axis_title:  # one turned label beside the table, as a chart's axis title stands
        page.saveState()
        page.translate(LEFT - 20, header_bottom - 60)
        page.rotate(90)
        page.drawString(0, 0, "Services per district")
        page.restoreState()
    page.save()
    return path


def tables(path: Path, source: str) -> list[list[tuple[str, ...]]]:
    read = read_pdf_tables(path.read_bytes(), path.name, pdf_source=source)
    return [[line.cells for line in t.lines if line.kind in (LineKind.HEADER, LineKind.BODY)] for t in read]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("align", ("foot", "head"))
@pytest.mark.parametrize("turn", (90, -90), ids=("counter-clockwise", "clockwise"))
@pytest.mark.parametrize("ruled", (True, False), ids=("ruled", "unruled"))
def test_turned_headings_read_as_the_header(tmp_path, ruled, turn, align, source):
    path = draw_table(tmp_path / "turned.pdf", ruled=ruled, turn=turn, align=align)
    assert tables(path, source) == [[("District", *HEADINGS), *BODY]]


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("turn", (90, -90), ids=("counter-clockwise", "clockwise"))
@pytest.mark.parametrize("ruled", (True, False), ids=("ruled", "unruled"))
def test_a_turned_heading_over_two_lines_reads_in_order(tmp_path, ruled, turn, source):
    path = draw_table(tmp_path / "wrapped.pdf", ruled=ruled, turn=turn, wrapped=True)
    assert tables(path, source) == [[("District", *HEADINGS), *BODY]]


@pytest.mark.parametrize("source", SOURCES)
def test_a_charts_turned_scale_stays_out_of_the_table(tmp_path, source):
    path = draw_table(tmp_path / "scale.pdf", ruled=False, turn=90, chart_scale=True)
    assert tables(path, source)[0] == [("District", *HEADINGS), *BODY]
    assert not any("1.000" in cell for table in tables(path, source) for row in table for cell in row)


@pytest.mark.parametrize("source", SOURCES)
def test_one_turned_label_beside_the_table_is_no_heading(tmp_path, source):
    path = draw_table(tmp_path / "title.pdf", ruled=False, turn=90, axis_title=True)
    read = tables(path, source)
    assert read == [[("District", *HEADINGS), *BODY]]


CALC_HEADINGS = ("Libraries open", "Leisure centres", "Parks and gardens", "Museums")
CALC_BODY = (("Derby", "12", "3", "41", "2"), ("Leeds", "9", "2", "35", "1"), ("York", "15", "4", "52", "3"))


@pytest.fixture(scope="module")
def calc_turned_pdf(tmp_path_factory) -> Path:
    """A workbook whose figure columns' headings are turned 90 degrees, bottom-aligned (Calc's
    default), in narrow columns, printed to PDF by LibreOffice Calc. Its turned headings hold
    more glyphs than the rest of the page: the page must not be read as printed sideways."""
    import shutil

    import openpyxl
    from openpyxl.styles import Alignment
    from generators.annex_pdf import convert_to_pdf

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("calc-turned")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Council", *CALC_HEADINGS])
    for cell in sheet[1][1:]:
        cell.alignment = Alignment(text_rotation=90, vertical="bottom", horizontal="center")
    sheet.row_dimensions[1].height = 100
    for row in CALC_BODY:
        sheet.append([row[0], *map(int, row[1:])])
    sheet.column_dimensions["A"].width = 18
    for column in "BCDE":
        sheet.column_dimensions[column].width = 5
    book.save(folder / "turned.xlsx")
    return convert_to_pdf(folder / "turned.xlsx", folder)


@pytest.mark.parametrize("source", SOURCES)
def test_calc_turned_headings_read_as_the_header(calc_turned_pdf, source):
    assert tables(calc_turned_pdf, source) == [[("Council", *CALC_HEADINGS), *CALC_BODY]]


@pytest.fixture(scope="module")
def word_turned_pdf(tmp_path_factory) -> Path:
    """A Word table ("Table Grid") whose figure columns' headings run bottom to top (text
    direction btLr, as Word's "Text Direction" sets it), the stub's heading upright at the top of
    its cell, printed to PDF by LibreOffice Writer: the first body row's glyph boxes reach a
    fraction of a point above the turned headings' foot."""
    import shutil

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from generators.annex_pdf import convert_to_pdf

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("word-turned")
    document = docx.Document()
    document.add_paragraph("Table 4. Services by council")
    table = document.add_table(rows=1 + len(CALC_BODY), cols=5)
    table.style = "Table Grid"
    for column, heading in enumerate(("Council", *CALC_HEADINGS)):
        cell = table.rows[0].cells[column]
        cell.text = heading
        if column:
            direction = OxmlElement("w:textDirection")
            direction.set(qn("w:val"), "btLr")
            cell._tc.get_or_add_tcPr().append(direction)
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), "1700")  # twentieths of a point: tall enough for the longest heading
    table.rows[0]._tr.get_or_add_trPr().append(height)
    for number, row in enumerate(CALC_BODY, start=1):
        for column, text in enumerate(row):
            table.rows[number].cells[column].text = text
    document.save(folder / "turned.docx")
    return convert_to_pdf(folder / "turned.docx", folder)


@pytest.mark.parametrize("source", SOURCES)
def test_word_turned_headings_read_as_the_header(word_turned_pdf, source):
    assert tables(word_turned_pdf, source) == [[("Council", *CALC_HEADINGS), *CALC_BODY]]
