"""Word tables (python-docx) printed to PDF by LibreOffice Writer, as councils print annexes
(issue 20, items 4 and 6): the generic reader must give back the typed cells, and `annex run`
the typed plan / tracker rows, every row once. Fixtures: tests/council_tools/catalogue.py (WORD)."""

from __future__ import annotations

import pdfplumber
import pytest
from council_tools import cases
from council_tools.content import LONG_ACTIVITY

TOOL = "word"

# (the Light List tracker's header, two rows shaded cell by cell with no ruling between them, is
# read from the seams of its fills: ruled.fill_seam_edges)
_COLORFUL_SHADING = ("the grid starts under the first theme row and leaves the theme column outside it, with too few "
                     "themes beside it to be its column: the tracker is read as two tables")
READER_FAILURES = {"word_colorful_shading_tracker": _COLORFUL_SHADING}
FAMILY_FAILURES = dict(READER_FAILURES)


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


def test_three_page_table_repeats_its_header(word_pdfs):
    """The fixture shows what it claims: three pages, each starting its table with the header row."""
    with pdfplumber.open(word_pdfs["word_three_pages_blanks"].pdf) as pdf:
        texts = [page.extract_text() for page in pdf.pages]
    assert len(texts) == 3
    assert all("Activity Date Target audience" in text for text in texts)


def test_narrow_columns_wrap_cells_over_three_lines_or_more(word_pdfs):
    """Most body rows of the narrow plan stand over at least three lines (one cell wraps 3-5 times)."""
    with pdfplumber.open(word_pdfs["word_narrow_columns_plan"].pdf) as pdf:
        page = pdf.pages[0]
        lines = sorted({round(w["top"]) for w in page.extract_words()})
    assert len(lines) >= 3 * 10  # ten body rows


def test_tracker_stands_in_a_landscape_section_after_portrait_prose(word_pdfs):
    with pdfplumber.open(word_pdfs["word_landscape_section_tracker"].pdf) as pdf:
        sizes = [(page.width < page.height, "Deliverables" in page.extract_text()) for page in pdf.pages]
    assert sizes == [(True, False), (False, True)]


def test_long_audience_really_breaks_over_the_page(word_pdfs):
    from council_tools.content import LONG_AUDIENCE
    assert cases.breaks_over_page_one(word_pdfs["word_row_over_page_audience"].pdf, LONG_AUDIENCE)


def test_long_row_at_the_page_foot_ends_on_page_one(word_pdfs):
    """The fixture shows what it claims: the long audience stands whole on page 1, and page 2
    starts with the header, then the next row."""
    from council_tools.content import LONG_AUDIENCE, PLAN_ROWS
    pages = cases.page_texts(word_pdfs["word_long_row_at_page_foot"].pdf)
    assert " ".join(LONG_AUDIENCE.split()[-3:]) in pages[0]
    assert pages[1].startswith("Activity Date Target audience Link to business plan " + PLAN_ROWS[20][0].split()[0])


def test_vmerged_theme_crosses_the_page_break_under_a_repeated_header(word_pdfs):
    """The fixture shows what it claims: page 2 starts with the header, then inside a theme (its
    first row's theme cell empty there: the merged cell goes on)."""
    pages = cases.page_texts(word_pdfs["word_vmerge_over_pages"].pdf)
    assert len(pages) == 2 and pages[1].startswith("Theme Deliverable Lead officer Due")
    with pdfplumber.open(word_pdfs["word_vmerge_over_pages"].pdf) as pdf:
        second = pdf.pages[1]
        first_body = min((w for w in second.extract_words() if w["top"] > 66), key=lambda w: (w["top"], w["x0"]))
    assert first_body["x0"] > 140  # the theme column (48-148 pt) is empty on the first row of page 2


def test_banded_rows_are_shaded_cell_by_cell_without_borders(word_pdfs):
    """The fixture shows what it claims: no rulings, every shaded row painted cell by cell."""
    with pdfplumber.open(word_pdfs["word_banded_borderless_plan"].pdf) as pdf:
        page = pdf.pages[0]
        fills = [r for r in page.rects if r["fill"] and r["height"] > 5]
        lines = page.lines
    assert not lines and len(fills) >= 4 * 6  # four cells a shaded row, six shaded rows or more
    assert max(r["width"] for r in fills) < 0.5 * (190.0 + 100.0 + 130.0 + 67.0)  # none spans half the table
