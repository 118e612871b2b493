"""HTML tables printed to PDF by headless Chromium (issue 20, items 4 and 6): a `thead` repeated
over pages, zebra rows, rowspan and colspan, a dark header whose "Link to business plan" wraps
over three lines bottom-aligned, a tracker with "Delivered per quarter" over Q1-Q4.
Fixtures: tests/council_tools/catalogue.py (HTML)."""

from __future__ import annotations

import pdfplumber
import pytest
from council_tools import cases

TOOL = "html"

READER_FAILURES = {}
FAMILY_FAILURES = {}


@pytest.fixture(scope="session")
def html_pdfs(tmp_path_factory):
    return cases.build_once(TOOL, tmp_path_factory)


@pytest.fixture(scope="session")
def html_published(html_pdfs, tmp_path_factory):
    return cases.run_once(html_pdfs, tmp_path_factory)


@pytest.mark.parametrize("name", cases.cases(TOOL, READER_FAILURES))
def test_reader_gives_typed_cells(name, html_pdfs):
    cases.assert_reader_gives_typed_cells(html_pdfs[name])


@pytest.mark.parametrize("name", cases.cases(TOOL, FAMILY_FAILURES, family_only=True))
def test_run_publishes_typed_rows(name, html_pdfs, html_published):
    cases.assert_run_publishes_typed_rows(html_pdfs[name], html_published)


def test_thead_is_printed_again_on_page_two(html_pdfs):
    """The fixture shows what it claims: Chromium repeats the header row at the top of page 2."""
    with pdfplumber.open(html_pdfs["html_thead_zebra_plan"].pdf) as pdf:
        assert len(pdf.pages) == 2
        first_lines = [page.extract_text().splitlines()[0] for page in pdf.pages]
    assert all(line.startswith("Activity Date Target audience") for line in first_lines[1:])


def test_dark_header_label_wraps_over_three_lines_at_the_bottom(html_pdfs):
    """'Link to business plan' is printed on three lines whose last shares its baseline with the
    one-line labels beside it (bottom-aligned)."""
    with pdfplumber.open(html_pdfs["html_dark_header_plan"].pdf) as pdf:
        words = pdf.pages[0].extract_words()
    tops = {w["text"]: round(w["top"]) for w in words if w["top"] < words[0]["top"] + 60}
    link_lines = sorted({tops["Link"], tops["business"], tops["plan"]})
    assert len(link_lines) == 3
    assert tops["plan"] == tops["Activity"] == tops["Date"]


def test_zebra_plan_runs_over_three_pages_under_its_thead(html_pdfs):
    with pdfplumber.open(html_pdfs["html_zebra_three_pages_plan"].pdf) as pdf:
        first_lines = [page.extract_text().splitlines()[0] for page in pdf.pages]
    assert len(first_lines) == 3
    assert all(line.startswith("Activity Date Target audience") for line in first_lines)


def test_row_breaks_inside_its_long_audience_over_the_page(html_pdfs):
    from council_tools.content import LONG_AUDIENCE
    assert cases.breaks_over_page_one(html_pdfs["html_row_over_page_audience"].pdf, LONG_AUDIENCE)


def test_table_stands_beside_the_prose(html_pdfs):
    """The fixture shows what it claims: the prose's first words stand on the table's first lines,
    to its right."""
    with pdfplumber.open(html_pdfs["html_table_beside_prose"].pdf) as pdf:
        words = pdf.pages[0].extract_words()
    budget = next(w for w in words if w["text"] == "Budget")
    board = next(w for w in words if w["text"] == "board")
    assert abs(board["top"] - budget["top"]) < 20 and board["x0"] > budget["x0"] + 100
