"""What the PDF table reader saw on each page, drawn over the page (`annex tables --debug-image`).

A user whose table came out wrong needs to see where the reader put it: which region it took as a
table, where it placed the rows and columns, which cells it read as spanning, and which lines it
left out as text (titles, notes, running headers). Each page is rendered by pdfplumber
(`page.to_image`, through pypdfium2, offline) and the page's pieces are drawn over it:

- table: a red frame around the piece's bbox, labelled "table N: ruled|unruled, C cols x R rows"
  ("weak": too small to stand alone, kept only as the continuation of a table on the page before);
- columns: blue vertical lines at each column's left and right edge;
- rows: green horizontal lines at each row's top and bottom;
- spanning cells: orange boxes over the columns a cell spans;
- text outside every table: grey boxes.

The pieces are the per-page ones, before tables are joined across pages (so a table continued on
the next page shows as one piece per page), read with the same functions and neighbours as
`read_pdf_tables`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from pdfplumber.display import PageImage
from PIL import ImageFont

from pipeline.extract.pdf.furniture import furniture_lines
from pipeline.extract.pdf.orientation import upright_page
from pipeline.extract.pdf.page import PageText, page_items, read_page
from pipeline.extract.pdf.pieces import PageNote, PageTable
from pipeline.extract.pdf.settings import TableSettings
from pipeline.extract.pdf.source import visible_part
# pdf_tables' own open, page selection and parse guard: the same errors as read_pdf_tables for a file
from pipeline.extract.pdf_tables import open_pdf, parsed_page, selected_pages

RESOLUTION = 100  # dpi: A4 is 827 x 1169 px, 9 pt text ~12 px high (legible, files ~100-300 kB)

# RGB; the alpha of fills is added where drawn. Chosen apart from black text and grey rules.
TABLE = (220, 0, 0)
COLUMN = (0, 90, 255)
ROW = (0, 160, 0)
SPAN = (255, 140, 0)
NOTE = (150, 150, 150)
LABEL_PX = 12  # the table labels' text height: Pillow's bitmap default (~8 px) is hard to read


def _label(image: Any, table: PageTable, number: int) -> None:
    """'table N: ruled, C cols x R rows' just above the table's frame (inside the page)."""
    kind = ("ruled" if table.ruled else "unruled") + (", weak" if table.weak else "")
    font = _font()
    x = (table.bbox[0] - image.bbox[0]) * image.scale  # page points -> image pixels
    width = (table.bbox[2] - table.bbox[0]) * image.scale
    # The longest label that fits over the table, so labels of tables side by side do not run
    # into each other; the number alone at least.
    candidates = [f"table {number}: {kind}, {table.width} cols x {len(table.rows)} rows",
                  f"{number}: {kind}, {table.width}x{len(table.rows)}", f"{number}"]
    text = next((t for t in candidates if image.draw.textlength(t, font=font) <= width), candidates[-1])
    y = max((table.bbox[1] - image.bbox[1]) * image.scale - LABEL_PX - 3, 0)
    box = image.draw.textbbox((x, y), text, font=font)
    image.draw.rectangle(box, fill=(255, 255, 255, 180))  # readable over the page's own text
    image.draw.text((x, y), text, fill=TABLE, font=font)


def _font() -> Any:
    try:
        return ImageFont.load_default(size=LABEL_PX)
    except (ImportError, OSError, TypeError):  # Pillow without FreeType: its small bitmap font
        return ImageFont.load_default()


def page_image(page: Any, resolution: float) -> Any:
    """The page rendered as read: a page turned upright (orientation.turned) is rendered as
    printed (pypdfium2 knows nothing of the turn) and the bitmap turned the same way."""
    printed = getattr(page, "printed", None)
    if printed is None:
        return page.to_image(resolution=resolution)
    bitmap = printed.to_image(resolution=resolution).original.rotate(-page.turned_by, expand=True)
    return PageImage(page, original=bitmap, resolution=resolution)


def draw_page(page: Any, items: Sequence[PageTable | PageNote], *, resolution: float = RESOLUTION) -> Any:
    """A pdfplumber page rendered with its tables, rows, columns, spanning cells and notes drawn
    over it: a pdfplumber PageImage (`.save(path)`, `.annotated` is the PIL image)."""
    image = page_image(page, resolution)
    tables = [item for item in items if isinstance(item, PageTable)]
    notes = [item.box for item in items if isinstance(item, PageNote)]
    image.draw_rects(notes, fill=NOTE + (30,), stroke=NOTE, stroke_width=1)
    for table in tables:
        x0, top, x1, bottom = table.bbox
        # Rows before columns: where a column edge and a row edge cross, the column stays visible.
        edges = sorted({edge for row in table.rows for edge in (row.top, row.bottom)})
        image.draw_lines([((x0, y), (x1, y)) for y in edges], stroke=ROW, stroke_width=1)
        xs = sorted({x for column in table.columns for x in column})
        image.draw_lines([((x, top), (x, bottom)) for x in xs], stroke=COLUMN, stroke_width=1)
        for row in table.rows:
            for first, last in row.spans:
                if 0 <= first <= last < table.width:
                    span = (table.columns[first][0], row.top, table.columns[last][1], row.bottom)
                    image.draw_rect(span, fill=SPAN + (60,), stroke=SPAN, stroke_width=2)
        # The frame last, on top of the rest: it is what a user looks for first.
        image.draw_rect(table.bbox, fill=TABLE + (18,), stroke=TABLE, stroke_width=3)
    for number, table in enumerate(tables, start=1):
        _label(image, table, number)
    return image


def page_pieces(pdf: Any, numbers: Sequence[int], settings: TableSettings, read=None) -> list[tuple[Any, list]]:
    """(pdfplumber page, its tables and notes) for each page number, in order. Running headers
    and footers are found from the previous and next pages read, as read_pdf_tables does.
    `read(fn, number)` wraps the page parse (to turn parser errors into DocumentErrors)."""
    read = read or (lambda fn, number: fn())
    pages = {n: read(lambda n=n: upright_page(pdf.pages[n - 1], settings), n) for n in numbers}
    texts: list[PageText] = [read(lambda n=n: read_page(visible_part(pages[n]), n, settings), n) for n in numbers]
    out = []
    for i, text in enumerate(texts):
        neighbours = [t.lines for t in texts[max(i - 1, 0) : i + 2] if t is not text]
        furniture = furniture_lines(text.lines, neighbours, settings)
        out.append((pages[text.number], page_items(text, furniture, settings)))
    return out


def write_debug_images(
    data: bytes,
    source: str,
    folder: Path,
    *,
    pages: Sequence[int] | None = None,
    settings: TableSettings = TableSettings(),
    resolution: float = RESOLUTION,
) -> list[Path]:
    """One PNG per page (page-001.png, ...) in folder; returns the paths written.

    A broken, encrypted or non-PDF file raises the same DocumentError as read_pdf_tables."""
    # pdfplumber's pages draw themselves (to_image); the pdfium source reads the same tables
    pdf = open_pdf(data, source, "pdfminer")
    try:
        numbers = selected_pages(len(pdf.pages), pages, source)
        pieces = page_pieces(pdf, numbers, settings, read=lambda fn, n: parsed_page(fn, source, n))
        folder.mkdir(parents=True, exist_ok=True)
        width = max(3, len(str(len(pdf.pages))))
        written = []
        for page, items in pieces:
            path = folder / f"page-{page.page_number:0{width}d}.png"
            draw_page(page, items, resolution=resolution).save(path, format="PNG")
            page.close()  # drop pdfplumber's per-page caches, as read_pdf_tables does
            written.append(path)
    finally:
        pdf.close()
    return written
