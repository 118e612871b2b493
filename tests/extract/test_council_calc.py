"""Workbooks (openpyxl) printed to PDF by LibreOffice Calc (issue 20, items 4 and 6): gridlines
printed, cell borders, merged header cells, wrapped cells, landscape; a right-aligned percentage
column right before a left-aligned commentary. Fixtures: tests/council_tools/catalogue.py (CALC)."""

from __future__ import annotations

import pdfplumber
import pytest
from council_tools import cases

TOOL = "calc"

READER_FAILURES = {}
FAMILY_FAILURES = {}


@pytest.fixture(scope="session")
def calc_pdfs(tmp_path_factory):
    return cases.build_once(TOOL, tmp_path_factory)


@pytest.fixture(scope="session")
def calc_published(calc_pdfs, tmp_path_factory):
    return cases.run_once(calc_pdfs, tmp_path_factory)


@pytest.mark.parametrize("name", cases.cases(TOOL, READER_FAILURES))
def test_reader_gives_typed_cells(name, calc_pdfs):
    cases.assert_reader_gives_typed_cells(calc_pdfs[name])


@pytest.mark.parametrize("name", cases.cases(TOOL, FAMILY_FAILURES, family_only=True))
def test_run_publishes_typed_rows(name, calc_pdfs, calc_published):
    cases.assert_run_publishes_typed_rows(calc_pdfs[name], calc_published)


def test_percentage_and_commentary_touch_the_gridline(calc_pdfs):
    """The fixture shows what it claims: '108%' ends and 'Target' starts within 3 pt of the same
    vertical gridline, the layout that glued them."""
    with pdfplumber.open(calc_pdfs["calc_gridlines_tracker"].pdf) as pdf:
        page = pdf.pages[0]
        chars = page.chars
        verticals = [e["x0"] for e in page.edges if e["orientation"] == "v"]
    text = "".join(c["text"] for c in chars)
    start = text.index("108%Target")
    percent, target = chars[start + 3], chars[start + 4]
    ruling = min(verticals, key=lambda x: abs(x - percent["x1"]))
    assert 0 < ruling - percent["x1"] < 3
    assert 0 < target["x0"] - ruling < 3


def test_fit_to_width_prints_small_glyphs(calc_pdfs):
    """The fixture shows what it claims: fitting the wide sheet to one page width scales the 10 pt
    font below 6 pt."""
    with pdfplumber.open(calc_pdfs["calc_fit_width_small_tracker"].pdf) as pdf:
        sizes = {round(c["size"], 1) for c in pdf.pages[0].chars}
    assert max(sizes) < 6


def test_print_titles_repeat_the_header_on_three_pages(calc_pdfs):
    pages = cases.page_texts(calc_pdfs["calc_repeat_rows_plan"].pdf)
    assert len(pages) >= 3
    assert all(text.startswith("Activity Date Target audience") for text in pages)


def test_sheet_printed_at_60_percent_has_small_glyphs_and_money(calc_pdfs):
    with pdfplumber.open(calc_pdfs["calc_scaled_money"].pdf) as pdf:
        page = pdf.pages[0]
        sizes = {round(c["size"]) for c in page.chars if c["text"] == "£"}  # the money cells' size
        text = page.extract_text()
    assert sizes == {6}  # 10 pt at 60%
    assert "£1,234.50" in text and "-£5,312.40" in text
