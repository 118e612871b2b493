"""Word documents (.docx) -> generic logical tables (`LogicalTable`), read with python-docx.

Word holds the cells themselves, so nothing is guessed from a layout: each table's rows come out
cell by cell, merges as the PDF layer reports spans (a horizontal merge, `w:gridSpan`, has its text
in its first column and "" in the others; a vertical merge, `w:vMerge`, has its text in its top
row and "" below). A cell's paragraphs are one cell's text, joined with spaces.

- Tables that follow each other with nothing but empty paragraphs between them, have as many
  columns, and are split by a page break (or the second starts with the first's header typed
  again) are one logical table: a page break inserted in a Word table splits it in two. A header
  typed again at the top of the second part is a repeated header. Two tables merely placed one
  after the other stay two tables.
- Paragraphs outside the tables are note lines, so that nothing is lost: those before a table go
  with it (titles), those after the last table go with the last table (notes, keys).
- `page` (and so `source_page` in the curated tables) is the ordinal of the Word table the row
  belongs to (1 for the first table of the document): Word files have no fixed pages.

Bad input (not a Word file, damaged, no table) is a `DocumentError` naming the file and the cause.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from pipeline.core.errors import DocumentError
from pipeline.core.model import LineKind, LogicalTable
from pipeline.core.settings import Settings
from pipeline.extract.grid import Grid, classify_grid, clean, note_row
from pipeline.extract.limits import check_table_size


@dataclass
class _Block:
    kind: str  # "p" or "tbl"
    text: str = ""
    element: object = None
    page_break: bool = False  # a paragraph holding a page break


def read_docx_tables(data: bytes, source: str, settings: Settings = Settings()) -> list[LogicalTable]:
    """Every table of a Word document as a logical table, the paragraphs around them as notes."""
    document = _open(data, source)
    entities = _entities_as_text(document.element.body)
    blocks = _blocks(document)
    tables = [b for b in blocks if b.kind == "tbl"]
    if not tables:
        paragraphs = sum(1 for b in blocks if b.kind == "p" and b.text)
        raise DocumentError(source, f"the Word document has no table ({paragraphs} paragraph(s) of text only)",
                            fix="check it is the annex itself; a table pasted as a picture cannot be read")
    grids = [(_grid(b.element, source, f"table {n}", settings), b) for n, b in enumerate(tables, start=1)]
    ordinal = {id(b): n for n, (_, b) in enumerate(grids, start=1)}

    # group tables split by a page break; paragraphs go to the group after them, trailing ones to the last
    groups: list[list[_Block]] = []
    pending: list[_Block] = []
    notes_before: list[list[str]] = []
    previous: _Block | None = None
    broken = False  # a page break since the previous table
    grid_of = {id(b): g for g, b in grids}
    for block in blocks:
        if block.kind == "p":
            broken = broken or block.page_break
            if block.text:
                pending.append(block)
                previous = None  # text between two tables: they are two tables
            continue
        if previous is not None and _continues(grid_of[id(groups[-1][0])], grid_of[id(block)], broken):
            groups[-1].append(block)
        else:
            groups.append([block])
            notes_before.append([p.text for p in pending])
            pending = []
        previous, broken = block, False
    notes_after = [p.text for p in pending]

    out = []
    for number, (group, before) in enumerate(zip(groups, notes_before)):
        grid = Grid()
        for block in group:
            part = grid_of[id(block)]
            offset = len(grid.rows)
            grid.rows += part.rows
            grid.pages += [ordinal[id(block)]] * len(part.rows)
            grid.spans += [(r + offset, a, b) for r, a, b in part.spans]
            grid.merged_down.update({(r + offset, c): o + offset for (r, c), o in part.merged_down.items()})
        width = grid.width
        first_page, last_page = ordinal[id(group[0])], ordinal[id(group[-1])]
        lines, spans = classify_grid(grid, above_header=LineKind.TITLE)
        lines = [note_row(text, first_page, width) for text in before] + lines
        if number == len(groups) - 1:
            lines += [note_row(text, last_page, width) for text in notes_after]
        pages = tuple(sorted({ordinal[id(b)] for b in group}))
        out.append(LogicalTable(source=source, lines=tuple(lines), pages=pages, header_spans=tuple(spans),
                                rows_ruled=True))  # a Word row is a row: never a wrapped line
    if entities:  # said, not silent: the text around them is kept, the references as written
        first = out[0]
        note = (f"{len(entities)} unresolved entity reference(s) kept as written: "
                + ", ".join(sorted(set(entities))[:10]))
        out[0] = LogicalTable(source=first.source, lines=first.lines, pages=first.pages,
                              header_spans=first.header_spans, rows_ruled=True, skipped=(note,) + first.skipped)
    return out


def _entities_as_text(body) -> list[str]:
    """Entity references the XML left unresolved (a document written by a script: "Officer &xxe;
    training") become their text as written, so the text after them is not lost (lxml keeps
    them as child nodes of w:t, and w:t's text stops there). Returns the references found."""
    found = []
    for t in body.iter(qn("w:t")):
        entities = [child for child in t if isinstance(child, etree._Entity)]
        if not entities:
            continue
        parts = [t.text or ""]
        for child in list(t):
            parts.append((child.text if isinstance(child, etree._Entity) else "") + (child.tail or ""))
            t.remove(child)
        found += [e.text for e in entities]
        t.text = "".join(parts)
    return found


def _continues(first: Grid, part: Grid, page_break: bool) -> bool:
    """`part` continues the table `first` starts: as many columns, and a page break between them or
    `first`'s first row typed again at its top."""
    if first.width != part.width or not part.rows:
        return False
    return page_break or (bool(first.rows) and _key(first.rows[0]) == _key(part.rows[0]))


def _key(cells: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(c.casefold() for c in cells)


def _open(data: bytes, source: str):
    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as error:
        raise DocumentError(source, f"not a readable Word document ({type(error).__name__}: {error})",
                            fix="open it in Word and save it again as .docx") from None
    except Exception as error:  # lxml and zipfile raise many types for a damaged file
        raise DocumentError(source, f"the Word document is damaged and cannot be read ({type(error).__name__})",
                            fix="download it again, or open it in Word and save it again as .docx") from None


def _blocks(document) -> list[_Block]:
    """The body's paragraphs and tables in reading order (content controls opened up)."""
    out: list[_Block] = []

    def walk(parent) -> None:
        for child in parent.iterchildren():
            if child.tag == qn("w:p"):
                out.append(_Block("p", clean(_paragraph_text(child)), page_break=_has_page_break(child)))
            elif child.tag == qn("w:tbl"):
                out.append(_Block("tbl", element=child))
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    walk(content)

    walk(document.element.body)
    return out


def _has_page_break(p) -> bool:
    """A manual page break in the paragraph, or "page break before" set on it."""
    breaks = (br.get(qn("w:type")) == "page" for br in p.iter(qn("w:br")))
    before = p.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}")
    return any(breaks) or (before is not None and before.get(qn("w:val"), "true") not in ("0", "false"))


def _paragraph_text(p) -> str:
    return Paragraph(p, None).text


def _cell_text(tc) -> str:
    return clean(" ".join(_paragraph_text(p) for p in tc.iter(qn("w:p"))))


def _grid(tbl, source: str = "", table: str = "table", settings: Settings = Settings()) -> Grid:
    """One Word table's cells on its column grid, with its merges; each row's declared width
    (gridBefore, gridSpan, gridAfter) checked against the limits before any cell is laid out."""
    grid = Grid()
    columns = len(tbl.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}"))
    rows = tbl.findall(qn("w:tr"))
    cells_declared = 0
    for row_index, tr in enumerate(rows):
        width = (_grid_count(tr, "w:gridBefore") + _grid_count(tr, "w:gridAfter")
                 + sum(_span(tc) for tc in tr.findall(qn("w:tc"))))
        cells_declared += max(width, columns)
        check_table_size(source, table, row_index + 1, max(width, columns), cells_declared, settings)
    open_merges: dict[int, int] = {}  # column -> row where its vertical merge started
    for row_index, tr in enumerate(rows):
        cells: list[str] = []
        skip = _grid_count(tr, "w:gridBefore")
        cells += [""] * skip
        for tc in tr.findall(qn("w:tc")):
            span = _span(tc)
            col = len(cells)
            merge = tc.vMerge  # "restart", "continue" or None
            if merge == "continue":
                cells += [""] * span
                origin = open_merges.get(col, row_index - 1)
                for c in range(col, col + span):
                    grid.merged_down[(row_index, c)] = origin
                continue
            if merge == "restart":
                for c in range(col, col + span):
                    open_merges[c] = row_index
            else:
                for c in range(col, col + span):
                    open_merges.pop(c, None)
            cells.append(_cell_text(tc))
            cells += [""] * (span - 1)
            if span > 1:
                grid.spans.append((row_index, col, col + span - 1))
        grid.rows.append(tuple(cells))
        grid.pages.append(1)
    width = max(columns, grid.width)
    grid.rows = [r + ("",) * (width - len(r)) for r in grid.rows]
    return grid


def _span(tc) -> int:
    """A cell's w:gridSpan, read without python-docx's conversion (which takes any integer)."""
    element = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
    value = element.get(qn("w:val")) if element is not None else None
    return max(int(value), 1) if value and value.isascii() and value.isdigit() else 1


def _grid_count(tr, tag: str) -> int:
    trPr = tr.find(qn("w:trPr"))
    element = trPr.find(qn(tag)) if trPr is not None else None
    value = element.get(qn("w:val")) if element is not None else None
    return int(value) if value and value.isascii() and value.isdigit() else 0

