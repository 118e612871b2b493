"""Documents from disk: kind sniffed from the bytes, limits applied, text decoded; then the
generic reader for the kind gives the document's logical tables."""

from __future__ import annotations

import codecs
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import pypdfium2

from pipeline.core.errors import DocumentError, Place
from pipeline.core.model import Document, DocumentKind, LogicalTable
from pipeline.core.plain_settings import or_default
from pipeline.extract.office import compound_kind, read_office_tables, zip_kind
from pipeline.extract.pdf_tables import read_pdf_tables
from pipeline.extract.text_dump import read_text_table

if TYPE_CHECKING:  # pydantic, which the reader worker does not import: pipeline/core/plain_settings.py
    from pipeline.core.settings import Settings

_PDF_MAGIC = b"%PDF-"
_SPACE_ALIGNED = re.compile(r"^\S.*\S {3,}\S.*\S {3,}\S", re.MULTILINE)  # three columns apart
# Byte-order marks say the encoding outright (Word's "Unicode text" export is UTF-16 with one).
# UTF-32 first: its little-endian mark starts with UTF-16's.
# Characters no reader keeps in a cell: control characters (a PDF's text layer can hold NUL and
# others; a dump with NUL is refused before this) and invisible format characters (zero-width
# spaces and joiners, a byte-order mark, bidi overrides), which would hide inside a number
# ("1\ufeff5") and lose it. Tab, line feed and carriage return are layout, not content. The
# class is Unicode's categories Cc and Cf as ranges (tests/bad_input/test_declared_sizes.py checks
# it against unicodedata; building it at import took 0.2 s).
INVISIBLE = re.compile(
    "[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2"
    "\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd"
    "\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f]")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"), (codecs.BOM_UTF8, "utf-8-sig"))


def load_document(path: Path, name: str, settings: Settings | None = None) -> Document:
    """Read a document's bytes; empty, oversized or binary-as-text files are one clear error."""
    settings = or_default(settings)
    # here, not at the top: the reader worker (pipeline/extract/budget.py) imports this module and
    # never loads a document from disk; release.py and its imports cost it ~17 ms to start
    from pipeline.core.release import not_regular

    path = Path(path)
    if (kind := not_regular(path)) is not None:  # judged without opening it: a FIFO would block
        raise DocumentError(name, f"the path is {kind}, not a regular file; annex does not open it",
                            fix="give the document itself, a plain file")
    size = path.stat().st_size
    if size > settings.max_document_bytes:
        raise DocumentError(
            name, f"the file is {size:,} bytes, over the limit of {settings.max_document_bytes:,}",
            fix="check it is the right file, or raise annex.max_document_bytes in params.yaml")
    data = path.read_bytes()
    if not data.strip():  # blank lines only: as empty as no bytes, and worth the same message
        raise DocumentError(name, "the file is empty", fix="replace it with the full document")
    kind = sniff_kind(data, name)
    return Document(name=name, data=data, kind=kind, path=str(path))


def sniff_kind(data: bytes, name: str) -> DocumentKind:
    """PDF, Word, Excel by their bytes (the name may lie); text when it has no NUL bytes."""
    if data.lstrip()[:5] == _PDF_MAGIC:
        return DocumentKind.PDF
    if bom_encoding(data):
        return DocumentKind.TEXT  # UTF-16/32 text is full of NUL bytes, yet not binary
    if data[:4] in (b"PK\x03\x04", b"PK\x05\x06"):
        return zip_kind(data, name)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return compound_kind(data, name)
    if name.lower().endswith(".pdf"):
        raise DocumentError(name, "named .pdf but is not a PDF (no %PDF- header)",
                            fix="export the document again as PDF")
    if (nul := data.find(b"\x00")) >= 0:  # anywhere in the file, not only in the sample below
        raise _binary(name, _line_of(data, nul))
    sample = data[:65536]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    if control > len(sample) // 100:
        raise DocumentError(name, "binary content, not a text dump or a PDF",
                            fix="supply the PDF itself or a tab-separated text dump")
    return DocumentKind.TEXT


def _binary(name: str, line: int) -> DocumentError:
    return DocumentError(name, "binary content (a NUL byte), not a text dump or a PDF",
                         fix="supply the PDF itself or a tab-separated text dump", place=Place(line=line))


def _without_nul(text: str, name: str) -> str:
    """Decoded text holds no NUL character (UTF-16 has NUL bytes, not NUL characters)."""
    if (nul := text.find("\x00")) >= 0:
        raise _binary(name, text.count("\n", 0, nul) + 1)
    return text


def decode_text(document: Document, encoding: str | None = None) -> str:
    """The manifest's encoding if declared, else the one a byte-order mark states, else UTF-8.

    A Windows-1252 dump (pound signs, en dashes from Word) is refused with the fix rather than
    guessed: almost any bytes decode as cp1252, so decoding cleanly proves nothing, and a wrong
    guess would put mangled text into curated data unnoticed. The error names the line of the
    first bad byte."""
    data = document.data
    if encoding:
        try:
            return _without_nul(data.decode(encoding), document.name)
        except UnicodeDecodeError as error:
            raise DocumentError(
                document.name, f"not valid {encoding} (byte 0x{data[error.start]:02x} cannot be decoded)",
                fix="declare the document's real encoding in release.yaml",
                place=Place(line=_line_of(data, error.start))) from None
    try:
        return _without_nul(data.decode(bom_encoding(data) or "utf-8-sig"), document.name)
    except UnicodeDecodeError as error:
        hint = "cp1252" if _decodes(data, "cp1252") else "its real encoding"
        raise DocumentError(
            document.name, f"not UTF-8 (byte 0x{data[error.start]:02x} cannot be decoded)",
            fix=f"add 'encoding: {hint}' to this document in release.yaml",
            place=Place(line=_line_of(data, error.start))) from None


def check_page_limit(document: Document, max_pages: int, count: int | None) -> None:
    """Refuse a PDF of more than `max_pages` pages (`count`, pdf_page_count's) before reading any
    page. A PDF that cannot even be opened (None) is left to the reader, whose error says what is
    wrong with it."""
    if count is not None and count > max_pages:
        raise DocumentError(
            document.name, f"the PDF has {count:,} pages, over the limit of {max_pages:,}",
            fix="check it is the right file, or raise annex.max_pages in params.yaml")


def check_line_limits(text: str, name: str, settings: Settings | None = None) -> None:
    """Refuse a text dump with a line longer than `max_line_chars` or of more than
    `max_cells_per_line` cells, naming the first such line: no board paper's table looks like that
    (a 49 MB file on one line is a wrong export), and splitting it would take minutes. Cheap: one
    pass of str.find/str.count over the text."""
    settings = or_default(settings)
    start, number = 0, 1
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        length = end - start - (1 if end > start and text[end - 1] == "\r" else 0)  # CRLF
        if length > settings.max_line_chars:
            raise DocumentError(
                name, f"the line is {length:,} characters long, over the limit of "
                f"{settings.max_line_chars:,} (annex.max_line_chars): not a table's row",
                fix="check it is the right file (a dump with its line breaks lost?), or raise "
                "annex.max_line_chars in params.yaml", place=Place(line=number))
        cells = text.count("\t", start, end) + 1
        if cells > settings.max_cells_per_line:
            raise DocumentError(
                name, f"the line has {cells:,} tab-separated cells, over the limit of "
                f"{settings.max_cells_per_line:,} (annex.max_cells_per_line): not a table's row",
                fix="check it is the right file, or raise annex.max_cells_per_line in params.yaml",
                place=Place(line=number))
        start, number = end + 1, number + 1


def pdf_page_count(data: bytes) -> int | None:
    """Pages in a PDF (reading only its page tree), or None when it cannot be opened. Counted by
    PDFium whatever annex.pdf_source reads the pages: 0.02 ms on a sample PDF, where opening it
    with pdfplumber took 0.9 ms (3% of reading it with pdfium)."""
    try:
        pdf = pypdfium2.PdfDocument(data)
    except Exception:  # pypdfium2 raises PdfiumError and others for bad input; the reader reports it
        return None
    try:
        return len(pdf)
    finally:
        pdf.close()


def bom_encoding(data: bytes) -> str | None:
    """The codec a byte-order mark at the start names, or None."""
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def _line_of(data: bytes, offset: int) -> int:
    return data[:offset].count(b"\n") + 1


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
        return True
    except UnicodeDecodeError:
        return False


def read_tables_here(document: Document, encoding: str | None = None, settings: Settings | None = None,
                     pages: Sequence[int] | None = None, deadline: float | None = None,
                     pages_text: str | None = None) -> list[LogicalTable]:
    """The document's logical tables, by its kind, read in this process with no budget: run in
    the budget's worker (pipeline.extract.budget.read_tables; releases read through pipeline.extract.reader). `pages`
    limits a PDF to those pages; `pages_text`, when they come from release.yaml's `table: pages`
    hint, is the hint as written, named by the error when a page does not exist; `deadline`
    (time.monotonic()) is when a LibreOffice conversion must be done by."""
    settings = or_default(settings)
    if document.kind in (DocumentKind.DOCX, DocumentKind.XLSX, DocumentKind.DOC, DocumentKind.XLS):
        return without_invisible(read_office_tables(document, settings, deadline))
    if document.kind is DocumentKind.PDF:
        count = pdf_page_count(document.data)  # counted once, for both checks
        check_page_limit(document, settings.max_pages, count)
        check_hinted_pages(document, pages, pages_text, count)
        return without_invisible(read_pdf_tables(document.data, document.name, pages=pages,
                                                 pdf_source=settings.pdf_source))
    return _text_table(document, encoding, settings)


def check_hinted_pages(document: Document, pages: Sequence[int] | None, pages_text: str | None,
                       count: int | None) -> None:
    """The `table: pages` hint of release.yaml (`pages_text` as written; None: the pages, if any,
    are not a hint) checked against the PDF's page count: an error naming the hint. Done where
    the PDF is read (the budget's worker), which counts its pages anyway, not in the run's
    process, which would open the PDF once more."""
    if pages_text is None or not pages or count is None:
        return
    if max(pages) > count:
        raise DocumentError(document.name, f"table: pages {pages_text!r} in release.yaml: page "
                            f"{max(pages)} does not exist (the PDF has {count} page(s))",
                            fix=f"choose pages within 1-{count} in release.yaml")


def _text_table(document: Document, encoding: str | None, settings: Settings) -> list[LogicalTable]:
    text = decode_text(document, encoding)
    check_line_limits(text, document.name, settings)
    if "\t" not in text and _SPACE_ALIGNED.search(text):
        raise DocumentError(
            document.name, "no tab-separated cells: the columns are aligned with spaces "
            "(as `pdftotext -layout` writes them), so cells cannot be told apart reliably",
            fix="give annex the PDF itself, or a dump with one tab between cells")
    return without_invisible([read_text_table(text, document.name)])


def without_invisible(tables: list[LogicalTable]) -> list[LogicalTable]:
    """The tables with control and invisible characters removed from every cell, alike for every
    format, and counted in the first table's `skipped` (a warning of the run), never silent."""
    removed: dict[str, int] = {}
    out = []
    for table in tables:
        lines = []
        for row in table.lines:
            cells = tuple(_visible(cell, removed) for cell in row.cells)
            lines.append(row if cells == row.cells else replace(row, cells=cells))
        out.append(replace(table, lines=tuple(lines)))
    if removed and out:
        shown = ", ".join(f"U+{ord(c):04X} x{n}" for c, n in sorted(removed.items())[:5])
        note = f"{sum(removed.values())} invisible or control character(s) removed from cells ({shown})"
        out[0] = replace(out[0], skipped=(note,) + out[0].skipped)
    return out


def _visible(cell: str, removed: dict[str, int]) -> str:
    for char in INVISIBLE.findall(cell):
        removed[char] = removed.get(char, 0) + 1
    return INVISIBLE.sub("", cell)
