"""A document's logical tables as a release reads them: in the per-document budget
(pipeline.extract.budget), narrowed by the document's `table:` hint from release.yaml
(pipeline.extract.hints). The one entry point the flow and `annex tables` use."""

from __future__ import annotations

from pipeline.core.errors import DocumentError
from pipeline.core.model import Document, DocumentKind, LogicalTable
from pipeline.core.release import TableHint
from pipeline.core.settings import Settings
from pipeline.extract.budget import read_tables as read_in_budget
from pipeline.extract.hints import apply_table_hint

# Word and Excel tables carry a table ordinal / sheet position as their page: the hint's pages
# select among them after reading.
_BY_ORDINAL = (DocumentKind.DOCX, DocumentKind.XLSX, DocumentKind.DOC, DocumentKind.XLS)


def read_tables(document: Document, encoding: str | None = None, settings: Settings = Settings(),
                hint: TableHint | None = None) -> list[LogicalTable]:
    """The document's tables, by its kind, read within the budget; a PDF only on the hint's pages."""
    if document.kind in _BY_ORDINAL:
        return apply_table_hint(read_in_budget(document, encoding, settings), hint, document.name,
                                by_ordinal=True)
    if document.kind is DocumentKind.PDF:
        # a hint's page beyond the PDF's end is refused in the budget's worker, which counts the pages
        pages, written = (hint.pages, hint.pages_text) if hint is not None else (None, None)
        return apply_table_hint(read_in_budget(document, encoding, settings, pages, pages_text=written),
                                hint, document.name)
    if hint is not None and hint.pages is not None:
        raise DocumentError(document.name, "table: pages in release.yaml does not apply to a text dump "
                            "(a dump holds one table, with no pages)",
                            fix="remove pages from this document's table: hints")
    return apply_table_hint(read_in_budget(document, encoding, settings), hint, document.name)
