"""Tables laid out by reportlab platypus (issue 20, items 4 and 6): a table mid-page after prose
and a second unrelated table after it, an unruled plan continued on page 2 under its header at
another height, a tracker with banded rows and no rules, a landscape tracker turned onto a
portrait page both ways, figures set close together and Male | Female under spanning headers.
Fixtures: tests/council_tools/catalogue.py (REPORTLAB)."""

from __future__ import annotations

import pdfplumber
import pytest
from council_tools import cases

TOOL = "reportlab"

READER_FAILURES = {
    "rl_inner_grid_tracker": ("platypus cuts 'achieved' inside the word ('achie' / 'ved') and prints no line-end "
                              "spaces, so nothing marks the cut: the header cell reads '% achie ved'"),
}
FAMILY_FAILURES = {}


@pytest.fixture(scope="session")
def reportlab_pdfs(tmp_path_factory):
    return cases.build_once(TOOL, tmp_path_factory)


@pytest.fixture(scope="session")
def reportlab_published(reportlab_pdfs, tmp_path_factory):
    return cases.run_once(reportlab_pdfs, tmp_path_factory)


@pytest.mark.parametrize("name", cases.cases(TOOL, READER_FAILURES))
def test_reader_gives_typed_cells(name, reportlab_pdfs):
    cases.assert_reader_gives_typed_cells(reportlab_pdfs[name])


@pytest.mark.parametrize("name", cases.cases(TOOL, FAMILY_FAILURES, family_only=True))
def test_run_publishes_typed_rows(name, reportlab_pdfs, reportlab_published):
    cases.assert_run_publishes_typed_rows(reportlab_pdfs[name], reportlab_published)


@pytest.mark.parametrize("name, upright", [("rl_turned_clockwise_tracker", -1), ("rl_turned_anticlockwise_tracker", 1)])
def test_turned_tables_are_printed_sideways(name, upright, reportlab_pdfs):
    """The fixtures show what they claim: every glyph runs up (anticlockwise) or down (clockwise)
    the portrait page, none across it."""
    with pdfplumber.open(reportlab_pdfs[name].pdf) as pdf:
        page = pdf.pages[0]
        assert page.width < page.height
        directions = {(round(c["matrix"][1]), round(c["matrix"][0])) for c in page.chars}
    assert directions == {(upright, 0)}


def test_continued_plan_header_stands_at_another_height(reportlab_pdfs):
    """The unruled plan's header on page 2 is printed higher than on page 1 (after the prose)."""
    with pdfplumber.open(reportlab_pdfs["rl_unruled_continued_plan"].pdf) as pdf:
        tops = [min(w["top"] for w in page.extract_words() if w["text"] == "Activity") for page in pdf.pages]
    assert len(tops) == 2 and tops[1] < tops[0] - 100


def test_long_row_is_split_inside_the_row(reportlab_pdfs):
    """splitInRow: the long activity starts on page 1 and ends on page 2."""
    from council_tools.content import LONG_ACTIVITY
    with pdfplumber.open(reportlab_pdfs["rl_longtable_split_row"].pdf) as pdf:
        pages = [" ".join(page.extract_text().split()) for page in pdf.pages]
    first, last = " ".join(LONG_ACTIVITY.split()[:4]), " ".join(LONG_ACTIVITY.split()[-3:])
    assert first in pages[0] and last not in pages[0] and last in pages[1]


def test_long_audience_is_split_inside_the_row(reportlab_pdfs):
    from council_tools.content import LONG_AUDIENCE
    assert cases.breaks_over_page_one(reportlab_pdfs["rl_table_split_row_audience"].pdf, LONG_AUDIENCE)


def test_longtable_spans_cross_the_page_break(reportlab_pdfs):
    pages = cases.page_texts(reportlab_pdfs["rl_longtable_spans_over_pages"].pdf)
    assert len(pages) >= 2 and all("Theme Deliverable Lead officer Due" in text for text in pages)
