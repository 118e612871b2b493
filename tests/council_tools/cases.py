"""What the per-tool test modules share: the catalogue built once per session, one `annex run`
per tool over its annex fixtures, the parametrised cases with their known failures marked as
strict expected failures, the two assertions, and the page texts the fixtures' own tests check
(a row really broken over the page)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from council_tools import catalogue, check
from council_tools.spec import Built


def build_once(tool: str, tmp_path_factory) -> dict[str, Built]:
    """Every fixture of `tool`, printed once per session; the tests skip when the tool is missing."""
    missing = catalogue.available(tool)
    if missing:
        pytest.skip(missing)
    return catalogue.build(tool, tmp_path_factory.mktemp(f"council-{tool}"))


def run_once(built: dict[str, Built], tmp_path_factory) -> Path:
    """curated/ after one `annex run` over a release per annex fixture."""
    return check.run_releases(tmp_path_factory.mktemp("council-run"), list(built.values()))


def cases(tool: str, failures: dict[str, str], *, family_only: bool = False) -> list:
    """The fixture names of `tool` as test parameters; a known failure as a strict xfail (the
    reader's fix turns it into an XPASS, which fails until the mark is removed)."""
    names = [f.name for f in catalogue.fixtures(tool) if f.family or not family_only]
    unknown = set(failures) - set(names)
    if unknown:
        raise ValueError(f"known failures name no fixture of {tool}: {sorted(unknown)}")
    return [pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=failures[name]))
            if name in failures else name for name in names]


def assert_reader_gives_typed_cells(built: Built) -> None:
    found = check.read_with_annex(built.pdf)
    assert len(found) == len(built.fixture.tables), f"{len(found)} tables read, {len(built.fixture.tables)} typed"
    for k, ((head, body), table) in enumerate(zip(found, built.fixture.tables)):
        want_head, want_body = check.expected(table)
        assert head == want_head, f"table {k + 1}: header rows"
        assert body == want_body, f"table {k + 1}: body rows"


def assert_run_publishes_typed_rows(built: Built, curated: Path) -> None:
    fixture = built.fixture
    got = check.published_rows(curated, fixture.name, fixture.family)
    assert got is not None, f"the release was refused: nothing published for {fixture.name}"
    assert got == check.expected_family_rows(fixture)


def page_texts(pdf: Path) -> list[str]:
    """Each page's text, whitespace normalised (a wrapped cell's lines joined by one space)."""
    with pdfplumber.open(pdf) as document:
        return [" ".join((page.extract_text() or "").split()) for page in document.pages]


def breaks_over_page_one(pdf: Path, text: str) -> bool:
    """The fixture shows a row broken over the page: `text` (a long cell) starts on page 1 and
    ends on page 2."""
    pages = page_texts(pdf)
    first, last = " ".join(text.split()[:4]), " ".join(text.split()[-3:])
    return len(pages) >= 2 and first in pages[0] and last not in pages[0] and last in pages[1]
