"""Word tables (python-docx) and workbooks (openpyxl), printed to PDF by LibreOffice Writer and
Calc, as a council officer prints an annex: `soffice --headless --convert-to pdf`.

Every document of a catalogue is converted by one soffice process (its start-up is most of the
cost: ~2 s per process against ~0.3 s per document here)."""

from __future__ import annotations

import datetime
import os
import shutil
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import docx
import openpyxl
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from council_tools.spec import TypedTable
from generators.annex_pdf import LibreOfficeError, header_merges, soffice_profile
from generators.styled_pdf import wrap_text

A4 = (595.3, 841.9)
BULLET = "• "  # a typed cell paragraph starting so is a bulleted list paragraph
MARGIN = 54.0


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_all(sources: Sequence[Path], out_dir: Path, timeout: float = 240.0) -> dict[str, Path]:
    """Every source converted to PDF by one soffice run (a private profile, so parallel runs do
    not lock each other); {source stem: PDF path}."""
    soffice = soffice_path()
    if soffice is None:
        raise LibreOfficeError("LibreOffice (soffice) is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)
    with soffice_profile("council-lo-profile-") as profile:
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, sources)]
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
                                env={**os.environ, "TZ": "UTC"})
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise LibreOfficeError(f"LibreOffice timed out after {timeout:.0f}s") from None
        produced = {s.stem: out_dir / (s.stem + ".pdf") for s in sources}
        missing = [name for name, path in produced.items() if not path.exists()]
        if proc.returncode != 0 or missing:
            raise LibreOfficeError(f"LibreOffice did not convert {missing} (exit {proc.returncode}): "
                                   f"{(err or out).decode('utf-8', 'replace').strip()}")
    return produced


def spanning_merges(table: TypedTable) -> list[tuple[int, int, int, int]]:
    """The merged cells a tool draws for a typed table: the header's spans (the "" convention of
    `header_merges`) and each body row whose only text is its first cell (a theme) across the width."""
    n = len(table.header)
    themes = [(n + i, 0, n + i, table.width - 1) for i, row in enumerate(table.body)
              if row[0] and not any(row[1:])]
    return [*header_merges(table.header), *themes]


# ------------------------------------------------------------------------------------------------
# Word


@dataclass(frozen=True)
class WordLayout:
    widths: tuple[float, ...]  # points
    borders: bool = True
    header_fill: str | None = None  # hex, e.g. "D9D9D9"
    header_colour: str | None = None  # hex of the header text
    right: tuple[int, ...] = ()  # columns whose body cells are right-aligned (figures)
    landscape: bool = False
    font_size: float = 10
    before: tuple[str, ...] = ()  # paragraphs above the table
    repeat_header: bool = True  # w:tblHeader on the header rows
    split_rows: bool = True  # Word's default: a row may break across pages
    # the paragraphs `before` in a portrait section, the table in a landscape section after them
    landscape_table_section: bool = False
    heading: str | None = None  # a bold line right above the table
    font: str = "Liberation Sans"  # the Normal style's font (Liberation Serif stands for Times)
    band_fill: str | None = None  # hex: every other body row shaded (the table's only marks when no borders)
    header_centred: bool = False  # header paragraphs centred over left-aligned body cells
    numbered_before: tuple[str, ...] = ()  # a numbered list right above the table (after `before`)
    cell_margin_pt: float | None = None  # left/right cell margins (Word's default 5.4 pt)
    style: str | None = None  # a built-in table style ("Light Shading Accent 1"): its borders and banding


def write_word(table: TypedTable, layout: WordLayout, path: Path) -> Path:
    document = docx.Document()
    section = document.sections[0]
    width, height = (A4[1], A4[0]) if layout.landscape else A4
    section.orientation = WD_ORIENT.LANDSCAPE if layout.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Pt(width), Pt(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Pt(MARGIN))
    normal = document.styles["Normal"]
    normal.font.name = layout.font
    normal.font.size = Pt(layout.font_size)
    normal.paragraph_format.space_after = Pt(0)
    for text in layout.before:
        document.add_paragraph(text).paragraph_format.space_after = Pt(6)
    for text in layout.numbered_before:
        document.add_paragraph(text, style="List Number")
    if layout.landscape_table_section:
        turned = document.add_section(WD_SECTION.NEW_PAGE)
        turned.orientation = WD_ORIENT.LANDSCAPE
        turned.page_width, turned.page_height = Pt(max(width, height)), Pt(min(width, height))
    if layout.heading:
        heading = document.add_paragraph()
        heading.add_run(layout.heading).bold = True
        heading.paragraph_format.space_after = Pt(6)
    rows = [*table.header, *table.body]
    grid = document.add_table(rows=len(rows), cols=table.width)
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    grid.autofit = False
    if layout.style:
        grid.style = layout.style
    elif layout.borders:
        grid.style = "Table Grid"
    if layout.cell_margin_pt is not None:
        _cell_margins(grid, layout.cell_margin_pt)
    for column, width in zip(grid.columns, layout.widths):  # Writer lays columns out by w:gridCol
        column.width = Pt(width)
    for r, cells in enumerate(rows):
        is_header = r < len(table.header)
        tr_pr = grid.rows[r]._tr.get_or_add_trPr()
        if is_header and layout.repeat_header:
            tr_pr.append(_on("w:tblHeader"))
        if not layout.split_rows:
            tr_pr.append(_on("w:cantSplit"))
        for c, text in enumerate(cells):
            cell = grid.cell(r, c)
            cell.width = Pt(layout.widths[c])
            if is_header and layout.header_fill:
                _shade(cell, layout.header_fill)
            if not is_header and layout.band_fill and (r - len(table.header)) % 2 == 1:
                _shade(cell, layout.band_fill)
            if not text:
                continue
            for k, line in enumerate(text.split("\n")):  # "\n" parts a cell's paragraphs
                para = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                if line.startswith(BULLET):  # Word draws the bullet of a list paragraph itself
                    para.style = document.styles["List Bullet"]
                    line = line[len(BULLET):]
                run = para.add_run(line)
                run.bold = is_header or None
                if is_header and layout.header_colour:
                    run.font.color.rgb = RGBColor.from_string(layout.header_colour)
                if not is_header and c in layout.right:
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if is_header and layout.header_centred:
                    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for r0, c0, r1, c1 in [*spanning_merges(table), *table.body_merges]:
        grid.cell(r0, c0).merge(grid.cell(r1, c1))
    document.save(str(path))
    return path


def _on(tag: str):
    element = OxmlElement(tag)
    element.set(qn("w:val"), "true")
    return element


def _cell_margins(grid, points: float) -> None:
    """The table's default left and right cell margins (w:tblCellMar), in points."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(round(points * 20)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    grid._tbl.tblPr.append(margins)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    for key, value in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", colour)):
        shading.set(qn(key), value)
    cell._tc.get_or_add_tcPr().append(shading)


# ------------------------------------------------------------------------------------------------
# Calc


@dataclass(frozen=True)
class SheetLayout:
    widths: tuple[float, ...]  # characters, as a spreadsheet measures columns
    gridlines: bool = False  # page setup: print gridlines
    borders: bool = False  # thin borders round every cell of the table
    header_borders: bool = False  # thin borders round the header cells only
    wrap: bool = False  # every cell wraps its text at the column width
    landscape: bool = False
    numbers: bool = True  # figures typed as numbers ("108%" as 1.08 in format 0%), so Calc right-aligns them
    title: str | None = None  # a line above the table
    header_fill: str | None = None
    title_merged: bool = False  # the title's cell merged across the table's width, centred
    scale: int | None = None  # print scaling in percent (instead of fitting the width to the page)
    repeat_header: bool = False  # the header rows printed again at the top of every page (print titles)
    font_pt: float = 10  # the cells' font size


def write_sheet(table: TypedTable, layout: SheetLayout, path: Path) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Annex"
    top = 1
    if layout.title:
        title = sheet.cell(row=1, column=1, value=layout.title)
        title.font = Font(name=SHEET_FONT, bold=True, size=12)
        top = 3
        if layout.title_merged:
            title.alignment = Alignment(horizontal="center")
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=table.width)
    thin = Side(style="thin", color="000000")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    rows = [*table.header, *table.body]
    for r, cells in enumerate(rows):
        is_header = r < len(table.header)
        for c, text in enumerate(cells):
            cell = sheet.cell(row=top + r, column=1 + c)
            if text:
                value, number_format = (text, None) if is_header or not layout.numbers else _typed_value(text)
                cell.value = value
                if number_format:
                    cell.number_format = number_format
            cell.font = Font(name=SHEET_FONT, size=layout.font_pt, bold=is_header)
            if is_header:
                if layout.header_fill:
                    cell.fill = PatternFill("solid", fgColor=layout.header_fill)
            if layout.borders or (is_header and layout.header_borders):
                cell.border = border
            cell.alignment = Alignment(wrap_text=layout.wrap, vertical="top")
    merges = spanning_merges(table)
    if layout.wrap:  # Calc keeps the stored row height of an imported workbook: give each its lines
        for r, cells in enumerate(rows):
            lines = _lines_needed(cells, layout.widths, merges, r, layout.font_pt)
            sheet.row_dimensions[top + r].height = LINE_PT * layout.font_pt / SHEET_FONT_PT * lines + 4
    for r0, c0, r1, c1 in merges:
        sheet.merge_cells(start_row=top + r0, start_column=1 + c0, end_row=top + r1, end_column=1 + c1)
    for c, width in enumerate(layout.widths):
        sheet.column_dimensions[get_column_letter(1 + c)].width = width
    setup = sheet.page_setup
    setup.orientation = "landscape" if layout.landscape else "portrait"
    setup.paperSize = sheet.PAPERSIZE_A4
    if layout.scale is None:
        setup.fitToWidth, setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    else:
        setup.scale = layout.scale
    if layout.repeat_header:
        sheet.print_title_rows = f"{top}:{top + len(table.header) - 1}"
    sheet.print_options.gridLines = layout.gridlines
    workbook.save(str(path))
    return path


SHEET_FONT, SHEET_FONT_PT = "Liberation Sans", 10
LINE_PT = 13.0  # a 10 pt line in Calc, with its leading
CELL_INSET_PT = 6.0  # Calc's text inset on both sides of a cell, with a margin for rounding


def _column_points(chars: float) -> float:
    """A spreadsheet column width (characters of the default font) in points: 7 px a character
    plus 5 px of padding, at 96 px per inch."""
    return (chars * 7 + 5) * 0.75


def _lines_needed(cells, widths, merges, r: int, font_pt: float = SHEET_FONT_PT) -> int:
    """Lines the tallest cell of row r wraps to (merged cells over several columns get their width);
    bold header text measured in the bold face."""
    needed = 1
    for c, text in enumerate(cells):
        if not text:
            continue
        span = next((m for m in merges if m[0] <= r <= m[2] and m[1] == c and m[0] == r), None)
        if span and span[2] > span[0]:
            continue  # a cell merged downwards has the rows below for its lines
        last = span[3] if span else c
        width = sum(_column_points(w) for w in widths[c:last + 1]) - CELL_INSET_PT
        needed = max(needed, len(wrap_text(text, width, "Helvetica-Bold", font_pt)))
    return needed


MONEY_FORMAT = '"£"#,##0.00;-"£"#,##0.00'  # pounds to the penny, the minus before the pound sign


def _typed_value(text: str) -> tuple[object, str | None]:
    """A figure as a spreadsheet holds it: "27" -> 27, "4,812" -> 4812 shown as #,##0, "108%" -> 1.08 shown as 0%,
    "07/05/2015" -> a date shown as DD/MM/YYYY, "-£5,312.40" -> -5312.4 shown as money; other text ("n/a") as typed."""
    money = text.removeprefix("-").removeprefix("£")
    if text.lstrip("-").startswith("£") and money.replace(",", "").replace(".", "", 1).isdigit():
        return (-1 if text.startswith("-") else 1) * float(money.replace(",", "")), MONEY_FORMAT
    parts = text.split("/")
    if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
        day, month, year = map(int, parts)
        return datetime.date(year, month, day), "DD/MM/YYYY"
    if text.isdigit():
        return int(text), None
    if "," in text and text.replace(",", "").isdigit():
        return int(text.replace(",", "")), "#,##0"
    if text.endswith("%") and text[:-1].isdigit():
        return int(text[:-1]) / 100, "0%"
    return text, None
