"""Excel workbooks (.xlsx) -> generic logical tables (`LogicalTable`), read with openpyxl.

One logical table per visible, non-empty worksheet: its used range (every cell that holds a
value), with rows above the table's header as note lines (a title typed above the table) and the
rows below it as body rows for the family layer to classify (totals, a key), as in a text dump.

- Cells read as the user sees them: each value is printed with the cell's number format (see
  `printed`). Formula cells give the value Excel last calculated and saved.
- A date cell also keeps its stored value: an Excel date formatted "dd mmm" reads as the text the
  user sees ("12 Mar"), and its date (2016-03-12) goes beside it in `SourceRow.values` for the
  date normaliser, which takes the year from it rather than from the financial year (see
  pipeline/normalise/dates.py). Other cells (text, numbers, times of day) have no value there.
- Sheets stream row by row (openpyxl's read-only mode): memory follows what a sheet holds, not its
  length. Every declared size (the dimension, merged ranges, row numbers) is checked against
  annex.max_rows / max_columns / max_cells before it is believed.
- A formula cell with no saved value reads as the literal it computes (="21 May" gives "21 May"),
  else as its formula ("=SUM(B2:B4)"), never as an empty cell.
- Merged cells (read from the sheet's XML) are reported as the PDF layer reports spans: the text in the
  merge's first visible cell, "" in the others; horizontal merges in header rows become the
  table's `header_spans`.
- Hidden rows, hidden columns and hidden sheets are left out (not what the reader of the sheet
  sees) and counted in `LogicalTable.skipped`, which the run summary lists as warnings and
  `annex tables` prints. Empty sheets are left out; a workbook with nothing in any sheet is an
  error.
- `page` (and so `source_page` in the curated tables) is the sheet's position in the workbook,
  1 for the first sheet, hidden sheets counted.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import xml.etree.ElementTree as ElementTree
import zipfile
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries

from pipeline.core.errors import DocumentError
from pipeline.core.model import LineKind, LogicalTable
from pipeline.core.settings import Settings
from pipeline.extract.grid import Grid, classify_grid, clean
from pipeline.extract.limits import check_table_size

# --- printed text -------------------------------------------------------------------------------

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# Excel's built-in short date (number format 14) shows in the computer's locale; councils' annexes
# are British, so it reads as dd/mm/yyyy, as Excel shows it on a UK machine.
_LOCALE_SHORT_DATE = {"mm-dd-yy": "dd/mm/yyyy", "m/d/yyyy": "dd/mm/yyyy", "m/d/yy": "dd/mm/yyyy"}
_BRACKETS = re.compile(r"\[[^\]]*\]")  # [$-809] locale, [Red] colour, [h] elapsed hours
_QUOTED = re.compile(r'"([^"]*)"|\\(.)|_.|\*.')  # "text", \c literal; _x padding and *x fill dropped
_DATE_TOKEN = re.compile(r"(?i)(yyyy|yyy|yy|y|mmmmm|mmmm|mmm|mm|m|dddd|ddd|dd|d|hh|h|ss|s|am/pm|a/p)")
_NUMBER_FORMAT = re.compile(r"^(?P<int>[#0,]*0|[#,]+)(?:\.(?P<dec>[0#]+))?(?P<pct>%?)$")


def printed(value: object, number_format: str | None) -> str:
    """A cell's value as Excel prints it with its number format. Handled: General and text (@);
    numbers as 0, 0.00, #,##0, #,##0.00, 0%, 0.0% (any count of decimals); dates and times from
    the tokens d dd ddd dddd, m mm mmm mmmm mmmmm, yy yyyy, h hh, mm ss, AM/PM (so "dd mmm" gives
    "21 May", "dd/mm/yyyy" gives "21/05/2015"). Any other format prints as General would."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return clean(value)
    fmt = _section(number_format or "General")
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return _date_text(value, fmt)
    if isinstance(value, (int, float)):
        return _number_text(value, fmt)
    return clean(str(value))


def stored_date(value: object) -> str | None:
    """The ISO date a date cell stores behind its printed text ("2016-03-12"); None for any other
    value (text, numbers, a time of day alone)."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return None


def _section(number_format: str) -> str:
    """The format for positive numbers: the first of Excel's ;-separated sections."""
    return number_format.split(";")[0].strip()


def _general(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"  # Excel's General shows about ten significant digits


def _number_text(value: float, fmt: str) -> str:
    bare = _QUOTED.sub("", _BRACKETS.sub("", fmt)).strip()
    match = _NUMBER_FORMAT.match(bare)
    if fmt in ("General", "@", "") or match is None:
        return _general(value)
    # Excel rounds halves away from zero (1234.5 as #,##0 is 1,235), Python's format to even;
    # from the value's shortest repr, so 0.675 is 0.675, not the float just below it
    number = Decimal(repr(float(value)))
    if match["pct"]:
        number *= 100
    decimals = len(match["dec"] or "")
    number = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = f"{number:,.{decimals}f}" if "," in match["int"] else f"{number:.{decimals}f}"
    return text + match["pct"]


def _date_text(value: dt.date | dt.time, fmt: str) -> str:
    fmt = _LOCALE_SHORT_DATE.get(fmt.lower(), fmt)
    if fmt in ("General", "@", ""):
        fmt = "dd/mm/yyyy" if not isinstance(value, dt.time) else "hh:mm"
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    else:
        moment = dt.datetime(1900, 1, 1, value.hour, value.minute, value.second)
    literal = []

    def keep(match: re.Match) -> str:  # literals out of the way of the tokens, restored after
        literal.append(match.group(1) if match.group(1) is not None else (match.group(2) or ""))
        return f"\x00{len(literal) - 1}\x00"

    fmt = _QUOTED.sub(keep, _BRACKETS.sub("", fmt))
    tokens = _DATE_TOKEN.split(fmt)
    twelve_hour = any(t.lower() in ("am/pm", "a/p") for t in tokens)
    out = []
    for index, token in enumerate(tokens):
        if index % 2 == 0:  # text between tokens
            out.append(re.sub(r"\x00(\d+)\x00", lambda m: literal[int(m.group(1))], token))
            continue
        low = token.lower()
        if low.startswith("m") and len(low) <= 2 and _is_minutes(tokens, index):
            out.append(f"{moment.minute:02d}" if low == "mm" else str(moment.minute))
        else:
            out.append(_date_token(low, moment, twelve_hour))
    return "".join(out)


def _is_minutes(tokens: list[str], index: int) -> bool:
    """m/mm means minutes right after an hour or right before seconds (Excel's rule)."""
    before = next((tokens[i].lower() for i in range(index - 2, 0, -2)), "")
    after = next((tokens[i].lower() for i in range(index + 2, len(tokens), 2)), "")
    return before.startswith("h") or after.startswith("s")


def _date_token(token: str, moment: dt.datetime, twelve_hour: bool) -> str:
    hour = moment.hour % 12 or 12 if twelve_hour else moment.hour
    return {
        "yyyy": f"{moment.year:04d}", "yyy": f"{moment.year:04d}", "yy": f"{moment.year % 100:02d}",
        "y": f"{moment.year % 100:02d}",
        "mmmmm": _MONTHS[moment.month - 1][0], "mmmm": _MONTHS[moment.month - 1],
        "mmm": _MONTHS[moment.month - 1][:3], "mm": f"{moment.month:02d}", "m": str(moment.month),
        "dddd": _DAYS[moment.weekday()], "ddd": _DAYS[moment.weekday()][:3], "dd": f"{moment.day:02d}",
        "d": str(moment.day), "hh": f"{hour:02d}", "h": str(hour), "ss": f"{moment.second:02d}",
        "s": str(moment.second), "am/pm": "AM" if moment.hour < 12 else "PM",
        "a/p": "A" if moment.hour < 12 else "P",
    }[token]


# --- sheets -------------------------------------------------------------------------------------

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_FORMULA_LITERAL = re.compile(r'^\s*=?\s*(?:"((?:[^"]|"")*)"|([-+]?\d+(?:\.\d+)?))\s*$')


def read_xlsx_tables(data: bytes, source: str, settings: Settings = Settings()) -> list[LogicalTable]:
    """One logical table per visible sheet that holds a value."""
    workbook = _open(data, source)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        tables: list[LogicalTable] = []
        hidden_sheets: list[str] = []
        empty: list[str] = []
        for position, sheet in enumerate(workbook.worksheets, start=1):
            if sheet.sheet_state != "visible":
                hidden_sheets.append(sheet.title)
                continue
            table = sheet_table(sheet, position, source, archive, settings)
            if table is None:
                empty.append(sheet.title)
            else:
                tables.append(table)
    finally:
        workbook.close()  # read-only mode keeps the archive open until closed
    if not tables:
        names = ", ".join(repr(n) for n in empty) or "none"
        hidden = f"; hidden sheets, not read: {', '.join(map(repr, hidden_sheets))}" if hidden_sheets else ""
        raise DocumentError(source, f"every visible sheet of the workbook is empty ({names}){hidden}",
                            fix="check it is the right workbook, and that the table is not on a hidden sheet")
    if hidden_sheets:
        first = tables[0]
        note = f"{len(hidden_sheets)} hidden sheet(s) not read: " + ", ".join(map(repr, hidden_sheets))
        tables[0] = LogicalTable(source=first.source, lines=first.lines, pages=first.pages,
                                 header_spans=first.header_spans, rows_ruled=True,
                                 skipped=(note,) + first.skipped)
    return tables


def _open(data: bytes, source: str):
    # read-only: cells stream row by row from the sheet's XML, so memory grows with what a sheet
    # holds, not with the size openpyxl's full model takes (3.5 GB for a 1,048,576-row plan)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile, lxml and openpyxl raise many types for a damaged file
        raise DocumentError(source, f"the Excel workbook is damaged and cannot be read ({type(error).__name__}: "
                            f"{str(error)[:200]})",
                            fix="download it again, or open it in Excel and save it again as .xlsx") from None


@dataclass
class SheetLayout:
    """What openpyxl's read-only mode does not give: hidden rows and columns, merged ranges
    (min_row, min_col, max_row, max_col), and the formulas of cells with no saved value."""

    hidden_rows: set[int] = field(default_factory=set)
    hidden_cols: set[int] = field(default_factory=set)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    unsaved_formulas: dict[tuple[int, int], str] = field(default_factory=dict)


def sheet_layout(stream, sheet: str, source: str, settings: Settings) -> SheetLayout:
    """One streaming pass over a sheet's XML for its layout, every declared size (the dimension,
    each row number and cell column, each merged range) checked against the limits before it is
    believed. By hand because openpyxl's read-only mode, the one that streams, skips merged
    cells and row and column properties; elements are cleared once read, so memory stays bounded."""
    layout = SheetLayout()
    place = f"sheet {sheet!r}"
    merged_cells = 0
    for _, element in ElementTree.iterparse(stream, events=("end",)):
        tag = element.tag
        if tag == f"{_MAIN}c":
            ref = element.get("r")
            saved = element.find(f"{_MAIN}v")
            if ref and (saved is None or not saved.text) and (formula := element.find(f"{_MAIN}f")) is not None:
                row, col = coordinate_to_tuple(ref)
                layout.unsaved_formulas[(row, col)] = formula.text or ""
            continue  # cleared with its row
        if tag == f"{_MAIN}row":
            row = int(element.get("r") or 0)
            check_table_size(source, place, row, 0, 0, settings)
            if element.get("hidden") in ("1", "true"):
                layout.hidden_rows.add(row)
            element.clear()
        elif tag == f"{_MAIN}dimension":
            first_col, first_row, last_col, last_row = _bounds(element.get("ref", "A1"))
            check_table_size(source, place, last_row, last_col,
                             (last_row - first_row + 1) * (last_col - first_col + 1), settings)
        elif tag == f"{_MAIN}col":
            low, high = int(element.get("min") or 0), int(element.get("max") or 0)
            if element.get("hidden") in ("1", "true") and low:
                # Excel writes "hide the columns to the end" as max=16384: only those up to the
                # limit can hold a cell that is read, so only those are noted
                layout.hidden_cols.update(range(low, min(max(high, low), settings.max_columns) + 1))
        elif tag == f"{_MAIN}mergeCell":
            first_col, first_row, last_col, last_row = _bounds(element.get("ref", "A1"))
            merged_cells += (last_row - first_row + 1) * (last_col - first_col + 1)
            check_table_size(source, f"{place}, merged range {element.get('ref')}", last_row, last_col,
                             merged_cells, settings)
            layout.merges.append((first_row, first_col, last_row, last_col))
    return layout


def _bounds(ref: str) -> tuple[int, int, int, int]:
    """(first column, first row, last column, last row) of "A1:C3" or "B2"."""
    try:
        first_col, first_row, last_col, last_row = range_boundaries(ref)
    except (ValueError, TypeError):
        return 1, 1, 1, 1  # a malformed reference claims nothing
    first_col, last_col = sorted((first_col or 1, last_col or first_col or 1))
    first_row, last_row = sorted((first_row or 1, last_row or first_row or 1))
    return first_col, first_row, last_col, last_row


def _unsaved_formula_text(formula: str) -> str:
    """What a formula cell with no saved value (written by a program that never calculated it)
    reads as: the value of a literal (="21 May", =5), else the formula itself ("=SUM(B2:B4)"),
    which later stages do not take for a value and flag, rather than reading it as empty."""
    match = _FORMULA_LITERAL.match(formula)
    if match:
        return clean(match[1].replace('""', '"') if match[1] is not None else match[2])
    return clean("=" + formula.lstrip("="))


def sheet_table(sheet, position: int, source: str, archive: zipfile.ZipFile,
                settings: Settings = Settings()) -> LogicalTable | None:
    """A sheet's used range as a logical table; None when no visible cell holds anything."""
    # the sheet's part in the archive: openpyxl keeps it on the read-only worksheet
    try:
        with archive.open(sheet._worksheet_path) as stream:
            layout = sheet_layout(stream, sheet.title, source, settings)
        return _sheet_table(sheet, layout, position, source, settings)
    except DocumentError:
        raise
    except Exception as error:  # zipfile, the XML parsers and openpyxl raise many types for a damaged sheet
        raise DocumentError(source, f"sheet {sheet.title!r} of the Excel workbook is damaged and cannot be read "
                            f"({type(error).__name__}: {' '.join(str(error).split())[:200]})",
                            fix="download it again, or open it in Excel and save it again as .xlsx") from None


def _sheet_table(sheet, layout: SheetLayout, position: int, source: str, settings: Settings) -> LogicalTable | None:
    hidden_cols = layout.hidden_cols
    # merged cells: the value sits in the top-left cell; shown in the first visible cell of the range
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for min_row, min_col, max_row, max_col in layout.merges:
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                owner[(r, c)] = (min_row, min_col)

    text: dict[tuple[int, int], str] = {}
    stored: dict[tuple[int, int], str] = {}  # the dates behind date cells' printed text
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    sheet.reset_dimensions()  # the declared dimension was checked above; read what is there
    for r, row in enumerate(sheet.iter_rows(min_row=1, min_col=1), start=1):
        check_table_size(source, f"sheet {sheet.title!r}", r, len(row), len(text), settings)
        for c, cell in enumerate(row, start=1):
            if owner.get((r, c), (r, c)) != (r, c):
                continue  # covered by a merge: Excel shows the merge's top-left value only
            value = getattr(cell, "value", None)
            if value is None and (r, c) in layout.unsaved_formulas:
                shown = _unsaved_formula_text(layout.unsaved_formulas[(r, c)])
            else:
                shown = printed(value, getattr(cell, "number_format", None))
            if shown:
                text[(r, c)] = shown
                used_rows.add(r)
                used_cols.add(c)
                if date := stored_date(value):
                    stored[(r, c)] = date
    for origin in {o for o in owner.values() if o in text}:  # a merge's text shows over its range
        for (r, c), o in owner.items():
            if o == origin:
                used_rows.add(r)
                used_cols.add(c)
    if not text:
        return None
    top, bottom = min(used_rows), max(used_rows)
    left, right = min(used_cols), max(used_cols)
    hidden_rows = sorted(r for r in layout.hidden_rows if top <= r <= bottom)
    hidden_in_range_cols = sorted(c for c in hidden_cols if left <= c <= right)
    rows = [r for r in range(top, bottom + 1) if r not in layout.hidden_rows]
    cols = [c for c in range(left, right + 1) if c not in hidden_cols]

    def shown_at(r: int, c: int) -> bool:  # the cell, or its merge, shows text there
        return (owner.get((r, c), (r, c)) in text)

    # the used range as the user sees it: visible rows and columns, trimmed of empty edges
    while rows and not any(shown_at(rows[0], c) for c in cols):
        rows.pop(0)
    while rows and not any(shown_at(rows[-1], c) for c in cols):
        rows.pop()
    while cols and not any(shown_at(r, cols[0]) for r in rows):
        cols.pop(0)
    while cols and not any(shown_at(r, cols[-1]) for r in rows):
        cols.pop()
    if not rows or not cols:
        return None
    check_table_size(source, f"sheet {sheet.title!r}", len(rows), len(cols), len(rows) * len(cols), settings)

    grid = Grid()
    placed: dict[tuple[int, int], tuple[int, int]] = {}  # merge -> (grid row, grid col) its text went to
    for g_row, r in enumerate(rows):
        cells = []
        for g_col, c in enumerate(cols):
            origin = owner.get((r, c))
            if origin is None:
                cells.append(text.get((r, c), ""))
                if (r, c) in stored:
                    grid.values[(g_row, g_col)] = stored[(r, c)]
                continue
            if origin not in placed:
                placed[origin] = (g_row, g_col)
                cells.append(text.get(origin, ""))
                if origin in stored:
                    grid.values[(g_row, g_col)] = stored[origin]
                continue
            first_row, first_col = placed[origin]
            cells.append("")
            if g_row > first_row:
                grid.merged_down[(g_row, g_col)] = first_row
            elif g_row == first_row and (not grid.spans or grid.spans[-1][:2] != (g_row, first_col)):
                grid.spans.append((g_row, first_col, g_col))
            elif g_row == first_row:
                grid.spans[-1] = (g_row, first_col, g_col)
        grid.rows.append(tuple(cells))
        grid.pages.append(position)
    lines, spans = classify_grid(grid, above_header=LineKind.NOTE)
    skipped = []
    if hidden_rows or hidden_in_range_cols:
        parts = []
        if hidden_rows:
            parts.append(f"{len(hidden_rows)} hidden row(s) ({', '.join(map(str, hidden_rows))})")
        if hidden_in_range_cols:
            parts.append(f"{len(hidden_in_range_cols)} hidden column(s) ({', '.join(get_column_letter(c) for c in hidden_in_range_cols)})")
        skipped.append(f"sheet {sheet.title!r}: {' and '.join(parts)} not read")
    return LogicalTable(source=source, lines=tuple(lines), pages=(position,), header_spans=tuple(spans),
                        rows_ruled=True, skipped=tuple(skipped))  # a sheet row is a row: never a wrapped line
