"""HTML tables printed to PDF by headless Chromium (issue 20, items 4 and 6): a `thead` repeated
over pages, zebra rows, rowspan and colspan, a dark header whose "Link to business plan" wraps
over three lines bottom-aligned, a tracker with "Delivered per quarter" over Q1-Q4.
Fixtures: tests/council_tools/catalogue.py (HTML)."""

from __future__ import annotations

import pytest
from council_tools import cases

TOOL = "html"

READER_FAILURES: dict[str, str] = {}
FAMILY_FAILURES: dict[str, str] = {}


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
