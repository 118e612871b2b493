"""Word tables (python-docx) printed to PDF by LibreOffice Writer, as councils print annexes
(issue 20, items 4 and 6): the generic reader must give back the typed cells, and `annex run`
the typed plan / tracker rows, every row once. Fixtures: tests/council_tools/catalogue.py (WORD)."""

from __future__ import annotations

import pdfplumber
import pytest
from council_tools import cases
from council_tools.content import LONG_ACTIVITY

TOOL = "word"

READER_FAILURES = {
}
FAMILY_FAILURES = {
}


@pytest.fixture(scope="session")
def word_pdfs(tmp_path_factory):
    return cases.build_once(TOOL, tmp_path_factory)


@pytest.fixture(scope="session")
def word_published(word_pdfs, tmp_path_factory):
    return cases.run_once(word_pdfs, tmp_path_factory)


@pytest.mark.parametrize("name", cases.cases(TOOL, READER_FAILURES))
def test_reader_gives_typed_cells(name, word_pdfs):
    cases.assert_reader_gives_typed_cells(word_pdfs[name])


@pytest.mark.parametrize("name", cases.cases(TOOL, FAMILY_FAILURES, family_only=True))
def test_run_publishes_typed_rows(name, word_pdfs, word_published):
    cases.assert_run_publishes_typed_rows(word_pdfs[name], word_published)


def test_long_row_really_breaks_over_the_page(word_pdfs):
    """The fixture shows what it claims: the long activity starts on page 1 and ends on page 2."""
    with pdfplumber.open(word_pdfs["word_row_over_page_plan"].pdf) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
    first, last = " ".join(LONG_ACTIVITY.split()[:4]), " ".join(LONG_ACTIVITY.split()[-3:])
    assert first in pages[0] and last not in " ".join(pages[0].split())
    assert last in " ".join(pages[1].split())
