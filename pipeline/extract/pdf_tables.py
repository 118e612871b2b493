"""Any text-layer PDF -> generic logical tables (`LogicalTable`), with no per-document settings.

The chain (each step a small function in pipeline.extract.pdf, testable alone):
the page turned upright when its text runs sideways (orientation.py) -> pdfplumber words and
rulings (a vertical ruling splits a word it runs through) -> ruled tables from the rulings (ruled.py) -> the remaining text
as lines of phrases (layout.py) -> blocks -> column bands (columns.py) -> rows with wrapped cells
joined (rows.py) -> pieces merged across pages, headers found (merge.py, headers.py).

Bad input becomes a `DocumentError` naming the file and page: never a pdfminer traceback.
"""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Sequence, TypeVar

from pipeline.core.errors import DocumentError, Place
from pipeline.core.model import LogicalTable
from pipeline.core.processes import causes
from pipeline.extract.pdf.merge import logical_tables
from pipeline.extract.pdf.furniture import furniture_lines
from pipeline.extract.pdf.orientation import upright_page
from pipeline.extract.pdf.page import PageText, page_items, read_page
from pipeline.extract.pdf.settings import TableSettings
from pipeline.extract.pdf.source import DEFAULT_PDF_SOURCE, PDF_SOURCES, open_document, visible_part

# open_pdf, selected_pages and parsed_page are shared with pdf/debug_image.py, so that the debug image
# of a file fails with the same DocumentError as reading it.
__all__ = ["PDF_SOURCES", "TableSettings", "read_pdf_tables", "parse_page_ranges", "open_pdf", "selected_pages",
           "parsed_page"]

_PDF_MAGIC = b"%PDF-"
T = TypeVar("T")

# Collections of a younger generation between two of the next one while a PDF is read (Python's
# default is 10): see _young_collections_only.
_OLDER_GENERATIONS_EVERY = 1000
_collector_lock = threading.Lock()
_collector_readers = 0
_collector_saved: tuple[int, ...] = ()


@contextmanager
def _young_collections_only() -> Iterator[None]:
    """The cycle collector's older generations (nearly) left alone while a PDF is read. A page
    allocates hundreds of thousands of containers (character dicts, words, lines) that live until
    the page is done and are then freed by reference counting, not by the collector; each pass
    over an older generation walks all of them again, about a sixth of the reading time for no
    garbage. Young collections go on as usual. The thresholds in force are restored when the
    last reader in the process ends (readers in threads share them)."""
    global _collector_readers, _collector_saved
    with _collector_lock:
        if _collector_readers == 0:
            _collector_saved = gc.get_threshold()
            young = _collector_saved[0]
            gc.set_threshold(young, _OLDER_GENERATIONS_EVERY, _OLDER_GENERATIONS_EVERY)
        _collector_readers += 1
    try:
        yield
    finally:
        with _collector_lock:
            _collector_readers -= 1
            if _collector_readers == 0:
                gc.set_threshold(*_collector_saved)


def _is_encryption_problem(error: BaseException) -> bool:
    return any("password" in text or "encrypt" in text
               for text in (f"{type(link).__name__} {link}".lower() for link in causes(error)))


def open_pdf(data: bytes, source: str, pdf_source: str = DEFAULT_PDF_SOURCE) -> Any:
    """The opened PDF (close it); a DocumentError naming the file when it is not one or is unreadable."""
    if pdf_source not in PDF_SOURCES:
        raise ValueError(f"unknown PDF source {pdf_source!r}: choose one of {', '.join(PDF_SOURCES)}")
    if _PDF_MAGIC not in data[:1024]:
        raise DocumentError(
            file=source,
            cause="is not a PDF (no %PDF- header)",
            fix="check the file is the PDF itself, not an HTML page or another format",
        )
    try:
        pdf = open_document(data, pdf_source)
        count = len(pdf.pages)
    except Exception as error:  # pdfminer raises many types for bad input
        if pdf_source != "pdfminer":
            # PDFium refuses some files pdfminer opens (a page tree without pages): pdfminer's
            # reading then reads them, or says why not
            return open_pdf(data, source, "pdfminer")
        raise _unreadable(error, source) from error
    if count == 0:
        pdf.close()
        raise DocumentError(file=source, cause="the PDF has no pages", fix="check the export or download")
    return pdf


def _unreadable(error: BaseException, source: str) -> DocumentError:
    """The DocumentError for a PDF the source cannot open."""
    if _is_encryption_problem(error):
        return DocumentError(
            file=source,
            cause="the PDF is encrypted (password protected) and cannot be read",
            fix="provide an unencrypted copy (e.g. `qpdf --decrypt in.pdf out.pdf` with the password)",
        )
    return DocumentError(
        file=source,
        cause=f"the PDF is truncated or corrupt and cannot be parsed ({type(error).__name__})",
        fix="download the file again or re-export it from its source",
    )


def selected_pages(count: int, pages: Sequence[int] | None, source: str) -> list[int]:
    """The page numbers to read (all when pages is None); a DocumentError for a page the PDF lacks."""
    if pages is None:
        return list(range(1, count + 1))
    wrong = [p for p in pages if not 1 <= p <= count]
    if wrong:
        raise DocumentError(
            file=source,
            cause=f"page {wrong[0]} does not exist (the PDF has {count} pages)",
            fix=f"choose pages within 1-{count}",
            place=Place(page=wrong[0]),
        )
    return sorted(set(pages))


def _has_images(page: Any) -> bool:
    try:
        return bool(page.images)
    except Exception:
        return False


def _raised_in_parser(error: BaseException) -> bool:
    """The error comes from pdfminer/pdfplumber parsing the file (their code is on its
    traceback), not from a bug in our own page analysis."""
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename.replace("\\", "/")
        if "/pdfminer/" in filename or "/pdfplumber/" in filename or "/pypdfium2/" in filename:
            return True
        tb = tb.tb_next
    return False


def parsed_page(read: Callable[[], T], source: str, number: int) -> T:
    """read(), with pdfminer's parse failures as a DocumentError naming the page; any other
    error is a bug of ours and propagates as it is."""
    try:
        return read()
    except DocumentError:
        raise
    except Exception as error:
        if not _raised_in_parser(error):
            raise
        raise DocumentError(
            file=source,
            cause=f"the page cannot be parsed ({type(error).__name__}: {error})",
            fix="the PDF may be corrupt: download it again or re-export it",
            place=Place(page=number),
        ) from error


def _items(texts: Sequence[PageText], index: int, settings: TableSettings) -> list:
    """The tables and notes of texts[index], its running header and footer found from the pages
    around it (texts holds the pages read last, in order)."""
    index = index % len(texts)
    neighbours = [t.lines for t in texts[max(index - 1, 0) : index + 2] if t is not texts[index]]
    furniture = furniture_lines(texts[index].lines, neighbours, settings)
    return page_items(texts[index], furniture, settings)


def read_pdf_tables(
    data: bytes,
    source: str,
    *,
    pages: Sequence[int] | None = None,
    settings: TableSettings = TableSettings(),
    page_view: Callable[[Any], Any] | None = None,
    pdf_source: str = DEFAULT_PDF_SOURCE,
) -> list[LogicalTable]:
    """The logical tables of a PDF (of the given 1-based pages), in reading order. `pdf_source`
    chooses what parses the pages: "pdfminer" (pdfplumber) or "pdfium" (pdf/source.py).

    page_view, when given, maps each pdfplumber page to the view that is read (e.g.
    `page.filter(...)` without its rulings, as bench_pdf_realworld.py does).

    Raises DocumentError for encrypted, corrupt, empty or image-only PDFs and when no table is found.
    """
    with _young_collections_only():
        return _read_pdf_tables(data, source, pages, settings, page_view, pdf_source)


def _read_pdf_tables(data: bytes, source: str, pages: Sequence[int] | None, settings: TableSettings,
                     page_view: Callable[[Any], Any] | None, pdf_source: str) -> list[LogicalTable]:
    pdf = open_pdf(data, source, pdf_source)
    try:
        numbers = selected_pages(len(pdf.pages), pages, source)
        texts: list[PageText] = []  # the last pages read, kept to find running headers and footers
        pieces = []
        any_text = False
        images = False
        for number in numbers:
            printed = pdf.pages[number - 1]
            page = parsed_page(lambda: visible_part(upright_page(printed, settings)), source, number)
            view = page_view(page) if page_view else page
            # a glued column edge the page before showed holds on this page (its last rows)
            known = texts[-1].glued if texts else ()
            text = parsed_page(lambda: read_page(view, number, settings, known), source, number)
            any_text = any_text or bool(text.lines or text.ruled)
            images = images or (not (text.lines or text.ruled) and _has_images(page))
            page.close()  # drop pdfplumber's per-page caches: memory stays flat over long documents
            printed.close()
            texts.append(text)
            if len(texts) >= 2:  # the page before now has both neighbours read
                pieces.append(_items(texts, -2, settings))
                texts = texts[-2:]
        if texts:
            pieces.append(_items(texts, len(texts) - 1, settings))
    finally:
        pdf.close()
    first = Place(page=numbers[0]) if numbers else Place()
    if not any_text:
        raise DocumentError(
            file=source,
            cause="the PDF has no text layer" + (" (its pages are images, e.g. a scan)" if images else ""),
            fix="run OCR first (e.g. `ocrmypdf in.pdf out.pdf`) and read the OCRed copy",
            place=first,
        )
    tables = [t for t in logical_tables(pieces, source, settings) if t.header_rows or t.body]
    if not tables:
        raise DocumentError(
            file=source,
            cause="no table found (text without columns)",
            fix="check this is the annex with the table; a table needs two or more aligned columns",
            place=first,
        )
    return tables


def parse_page_ranges(text: str) -> list[int]:
    """'1-3,5' -> [1, 2, 3, 5]; raises ValueError with a readable message."""
    pages: list[int] = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        first, _, last = part.partition("-")
        try:
            start = int(first)
            end = int(last) if last else start
        except ValueError:
            raise ValueError(f"bad page range {part!r}: use numbers like 1-3,5") from None
        if start < 1 or end < start:
            raise ValueError(f"bad page range {part!r}: pages start at 1, ranges go upwards")
        pages.extend(range(start, end + 1))
    if not pages:
        raise ValueError("no pages given")
    return pages
