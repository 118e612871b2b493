"""Issue 4: the curated rows from a PDF equal those from the same table's text dump, provenance
aside, for every generated layout (word processor and reportlab; portrait and landscape; ruled,
partly ruled and unruled; other fonts, widths and page breaks; header repeated or not)."""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from support import PLAN_SEED, SAMPLE_RELEASE, TRACKER_SEED, seed_text

from pipeline.publish import partition_path
from pipeline.flow import process_release
from pipeline.testing.annex_pdf import Layout, TableSpec, write_pdf
from pipeline.testing.seed_specs import seed_spec
from pipeline.testing.text_dumps import write_text_dump

PROVENANCE = {"source_file", "source_page", "release"}
TABLES = ("activities", "deliverables", "deliverable_quarters", "rejects")


def spec_from_seed(name: str) -> TableSpec:
    """The seed's table as typed in by hand from the seed file (issue 12, item 3): the expected
    answer never comes from the pipeline's own dump reader."""
    return seed_spec(name)


LAYOUTS = {
    "reportlab-ruled": Layout(),
    "reportlab-unruled-landscape": Layout(ruled=False, landscape=True),
    "reportlab-horizontal-times": Layout(rules="horizontal", font="Times-Roman", font_size=10),
    "reportlab-header-rule-breaks": Layout(rules="header", rows_per_page=7, repeat_header=False),
    "reportlab-narrow-courier": Layout(font="Courier", font_size=7, page_break_before=(3,)),
    "libreoffice-ruled": Layout(engine="libreoffice", font="Liberation Sans"),
    "libreoffice-unruled-landscape": Layout(engine="libreoffice", ruled=False, landscape=True,
                                            font="Liberation Serif"),
    "libreoffice-breaks-no-repeat": Layout(engine="libreoffice", font="Liberation Sans", font_size=11,
                                           rows_per_page=9, repeat_header=False),
    "libreoffice-inner": Layout(engine="libreoffice", rules="inner", font="Liberation Sans"),
    "reportlab-unruled-narrow-columns": lambda spec: Layout(ruled=False, column_widths=_narrow_widths(spec, False)),
    "libreoffice-unruled-narrow-date": lambda spec: Layout(engine="libreoffice", ruled=False,
                                                           column_widths=_narrow_widths(spec, True)),
    "reportlab-unruled-6pt": Layout(ruled=False, font_size=6),
    "libreoffice-unruled-12pt": Layout(engine="libreoffice", ruled=False, font="Liberation Serif",
                                       font_size=12),
    "libreoffice-split-rows": Layout(engine="libreoffice", font="Liberation Sans", split_rows=True),
    "reportlab-unruled-break-before-1": Layout(ruled=False, page_break_before=(1,)),
    "reportlab-horizontal-break-before-last": lambda spec: Layout(
        rules="horizontal", repeat_header=False, page_break_before=(len(spec.rows) - 1,)),
    "libreoffice-unruled-break-before-last": lambda spec: Layout(
        engine="libreoffice", ruled=False, font="Liberation Sans", page_break_before=(len(spec.rows) - 1,)),
}


# Failures of the PDF reader that a layout brings to light, as strict expected failures: (seed,
# layout name) -> why. None at present (the last, a header word LibreOffice cuts over two lines
# in a narrow column, "Them" / "e", read as "Them e", is fixed: layout.continues_word).
KNOWN_PDF_READER_FAILURES: dict[tuple[str, str], str] = {}


def _narrow_widths(spec: TableSpec, cut_words: bool) -> tuple[float, ...]:
    """Column widths (points of a portrait plan, a landscape tracker) with a very narrow date or
    target column: as narrow as the longest word (reportlab's cut words leave no trace in the
    text layer), or narrower, so that the word processor cuts words."""
    if spec.n_columns == 4:  # plan: activity, date, audience, link
        return (6, 1, 4, 2) if cut_words else (4.5, 1.6, 3, 1.4)
    # tracker: theme, deliverables, target, Q1-Q4, total, % achieved, commentary
    return (45, 278, 30 if cut_words else 44, 40, 40, 40, 40, 35, 50, 110)


def curated_rows(folder, tmp_path, label):
    curated = tmp_path / f"curated-{label}"
    result = process_release(folder, tmp_path / f"staged-{label}", curated)
    assert result.ok, result.error and result.error.message
    out = {}
    for table in TABLES:
        path = partition_path(curated, table, folder.name)
        rows = pq.read_table(path).to_pylist() if path.exists() else []
        out[table] = [{k: v for k, v in r.items() if k not in PROVENANCE and k != "line"} for r in rows]
    return out


@pytest.mark.parametrize("layout_name", sorted(LAYOUTS))
@pytest.mark.parametrize("seed", [PLAN_SEED, TRACKER_SEED])
def test_pdf_rows_equal_dump_rows(seed, layout_name, make_release, tmp_path, request):
    if (seed, layout_name) in KNOWN_PDF_READER_FAILURES:
        request.applymarker(pytest.mark.xfail(reason=KNOWN_PDF_READER_FAILURES[seed, layout_name], strict=True))
    spec = spec_from_seed(seed)
    layout = LAYOUTS[layout_name]
    if callable(layout):  # a layout that depends on the table (its columns, its last row)
        layout = layout(spec)
    if seed == TRACKER_SEED and not layout.landscape:
        layout = Layout(**{**layout.__dict__, "landscape": True})
    pdf = write_pdf(spec, layout, tmp_path / "doc.pdf").read_bytes()
    manifest = lambda name: {"title": "t", "financial_year": "2015/16", "documents": [name]}  # noqa: E731
    dump_release = make_release("dump", {"doc.txt": write_text_dump(spec)}, manifest("doc.txt"))
    pdf_release = make_release("pdf", {"doc.pdf": pdf}, manifest("doc.pdf"))
    from_dump = curated_rows(dump_release, tmp_path, "dump")
    from_pdf = curated_rows(pdf_release, tmp_path, "pdf")
    assert len(from_dump["activities"]) + len(from_dump["deliverables"]) in (28, 17)
    assert from_pdf == from_dump


@pytest.mark.parametrize("dump, pdf", [
    (PLAN_SEED, "annex-c-cts-improvement-plan.pdf"),
    (TRACKER_SEED, "annex-b-delivery-tracker-2015-16.pdf"),
])
def test_sample_release_pdfs_match_their_dumps(dump, pdf, make_release, tmp_path):
    manifest = lambda name: {"title": "t", "financial_year": "2015/16", "documents": [name]}  # noqa: E731
    dump_release = make_release("dump", {dump: seed_text(dump)}, manifest(dump))
    pdf_release = make_release("pdf", {pdf: (SAMPLE_RELEASE / pdf).read_bytes()}, manifest(pdf))
    assert curated_rows(pdf_release, tmp_path, "pdf") == curated_rows(dump_release, tmp_path, "dump")
