"""read_pdf_tables end to end on generated PDFs: exact cells for every layout the issue names."""

from __future__ import annotations

import pytest

from pipeline.core.errors import DocumentError
from pipeline.core.model import LineKind
from pipeline.extract.pdf_tables import TableSettings, parse_page_ranges, read_pdf_tables
from generators.annex_pdf import Layout, TableSpec, write_pdf


TRACKER = TableSpec(
    title=("Annex B: delivery tracker",),
    header_rows=(
        ("Theme", "Deliverables", "Target", "Number delivered per quarter", "", "", "", "Total", "% achieved"),
        ("", "", "", "Q1 Apr - June", "Q2 July - Sept", "Q3 Oct - Dec", "Q4 Jan - Mar", "", ""),
    ),
    rows=(
        ("Peer Work in Local Authorities", "", "", "", "", "", "", "", ""),
        ("", "Deliver at least 100 peer challenges (corporate, service specific, place based)", "100", "18", "13", "", "", "31", "31%"),
        ("", "Tailored support to at least 40 local authorities", "40", "19", "8", "", "", "27", "68%"),
        ("Efficiency & Productivity", "", "", "", "", "", "", "", ""),
        ("", "Productivity experts to work with at least 20 local authorities", "20", "n/a", "6", "", "", "10", "50%"),
    ),
    notes=("KEY PH = portfolio holder",),
)

PLAN = TableSpec(
    title=("Annex C CTS Improvement Project Plan",),
    header_rows=(("Activity", "Date", "Target audience", "Link to business plan"),),
    rows=tuple(
        (f"Sport peer review {i} (2 days)", f"{i}/{i + 1} May - CONFIRMED", "Sport PHs (15)" if i % 3 else "", "growth")
        for i in range(1, 37)
    ),
    notes=("TOTALS 41 days of improvement activity", "KEY PH = portfolio holder"),
)


def read(spec: TableSpec, layout: Layout, tmp_path) -> list:
    path = write_pdf(spec, layout, tmp_path / "t.pdf")
    return read_pdf_tables(path.read_bytes(), "t.pdf")


def assert_same_table(table, spec: TableSpec) -> None:
    assert [r.cells for r in table.header_rows] == [tuple(r) for r in spec.header_rows]
    assert [r.cells for r in table.body] == [tuple(r) for r in spec.rows]
    assert [r.cells[0] for r in table.notes] == list(spec.title) + list(spec.notes)
    assert all(len(r.cells) == spec.n_columns for r in table.lines)


RULES = ("all", "none", "horizontal", "header", "inner")


@pytest.mark.parametrize("rules", RULES)
def test_tracker_two_row_header_spans_and_theme_rows(rules, tmp_path):
    (table,) = read(TRACKER, Layout(rules=rules, landscape=True), tmp_path)
    assert_same_table(table, TRACKER)
    assert table.header_spans == ((0, 3, 6),)
    assert table.pages == (1,)
    theme = table.body[0]
    assert theme.boxes[0] is not None and theme.boxes[1:] == (None,) * 8


@pytest.mark.parametrize("rules", RULES)
@pytest.mark.parametrize("repeat", [True, False])
def test_plan_over_three_pages_is_one_table(rules, repeat, tmp_path):
    (table,) = read(PLAN, Layout(rules=rules, rows_per_page=14, repeat_header=repeat), tmp_path)
    assert_same_table(table, PLAN)
    assert table.pages == (1, 2, 3)
    repeated = [r for r in table.lines if r.kind is LineKind.REPEATED_HEADER]
    assert [r.page for r in repeated] == ([2, 3] if repeat else [])
    assert all(r.cells == PLAN.header_rows[0] for r in repeated)
    assert [r.page for r in table.body][13:15] == [1, 2]


@pytest.mark.parametrize("rules", ["all", "none", "inner"])
def test_word_processor_pdfs(rules, tmp_path):
    """LibreOffice lays out rows without padding: wrapped lines and new rows are as close."""
    (tracker,) = read(TRACKER, Layout(engine="libreoffice", rules=rules, landscape=True), tmp_path)
    assert_same_table(tracker, TRACKER)
    (plan,) = read(PLAN, Layout(engine="libreoffice", rules=rules, rows_per_page=14, repeat_header=False), tmp_path)
    assert_same_table(plan, PLAN)
    assert plan.pages == (1, 2, 3)


def test_narrow_columns_and_times_font(tmp_path):
    spec = TableSpec(title=(), header_rows=(("Ref", "Description", "Q1", "Q2"),),
                     rows=(("A1", "A long description that wraps over several lines in its cell", "1", "2"),
                           ("A2", "Short", "", "14")))
    layout = Layout(rules="none", font="Times-Roman", font_size=11, column_widths=(1, 3, 1, 1))
    (table,) = read(spec, layout, tmp_path)
    assert_same_table(table, spec)


def test_two_tables_on_one_page_stay_apart_with_their_notes(samples):
    data = samples.reportlab_pdf([
        {"title": "Table 1: costs", "rows": [["Item", "Cost"], ["Venue", "1,200"], ["Food", "300"]],
         "note": "Source: finance team"},
        {"title": "Table 2: people", "rows": [["Name", "Role", "Team"], ["Ann", "Lead", "A"], ["Bob", "Analyst", "B"]],
         "ruled": False},
    ])
    first, second = read_pdf_tables(data, "two.pdf")
    assert [r.cells for r in first.lines] == [
        ("Table 1: costs", ""), ("Item", "Cost"), ("Venue", "1,200"), ("Food", "300"), ("Source: finance team", "")]
    assert [r.kind for r in first.lines] == [LineKind.NOTE, LineKind.HEADER, LineKind.BODY, LineKind.BODY, LineKind.NOTE]
    assert [r.cells for r in second.body] == [("Ann", "Lead", "A"), ("Bob", "Analyst", "B")]
    assert second.notes[0].cells == ("Table 2: people", "", "")


@pytest.mark.parametrize("ruled", [True, False])
def test_right_aligned_numbers_and_blank_cells_landscape(ruled, samples):
    rows = [["Measure", "2014/15", "2015/16", "Change"], ["Visits", "1,204", "998", "-206"],
            ["Loans", "", "12,450", ""], ["Events", "7", "", "n/a"]]
    data = samples.reportlab_pdf([{"rows": rows, "ruled": ruled, "align": "RIGHT", "widths": [150, 80, 80, 80]}],
                         landscape=True)
    (table,) = read_pdf_tables(data, "numbers.pdf")
    assert [list(r.cells) for r in table.header_rows + table.body] == rows
    assert table.body[1].boxes[1] is None and table.body[1].boxes[2] is not None


def test_pages_option_reads_only_those_pages(tmp_path):
    path = write_pdf(PLAN, Layout(rows_per_page=14), tmp_path / "p.pdf")
    (table,) = read_pdf_tables(path.read_bytes(), "p.pdf", pages=[2])
    assert table.pages == (2,)
    assert table.header_rows[0].cells == PLAN.header_rows[0]
    assert table.body[0].cells == PLAN.rows[14]


def test_older_collections_are_put_off_while_reading_and_restored_after(tmp_path):
    import gc

    path = write_pdf(PLAN, Layout(rows_per_page=14), tmp_path / "p.pdf")
    before = gc.get_threshold()
    during = []

    def view(page):
        during.append(gc.get_threshold())
        return page

    (table,) = read_pdf_tables(path.read_bytes(), "p.pdf", page_view=view)
    assert table.body[0].cells == PLAN.rows[0]
    assert during and all(t[0] == before[0] and t[1] > before[1] and t[2] > before[2] for t in during)
    assert gc.get_threshold() == before
    with pytest.raises(DocumentError):
        read_pdf_tables(b"not a pdf", "bad.pdf")
    assert gc.get_threshold() == before  # restored when reading fails too


def test_pdf_rows_have_no_stored_values(tmp_path):
    # a stored value is a spreadsheet's (issue 14): a PDF's dates are only their printed text
    path = write_pdf(PLAN, Layout(rows_per_page=14), tmp_path / "p.pdf")
    tables = read_pdf_tables(path.read_bytes(), "p.pdf")
    assert tables and all(line.values is None for table in tables for line in table.lines)


def bad_pdf(kind: str, samples) -> bytes:
    good = samples.reportlab_pdf([{"rows": [["Item", "Cost"], ["Venue", "1,200"]]}])
    return {
        "encrypted": lambda: samples.reportlab_pdf([{"rows": [["Item", "Cost"], ["Venue", "1"]]}], encrypt="secret"),
        "truncated": lambda: good[: len(good) // 2],
        "garbage": lambda: b"%PDF-1.4\n" + bytes(range(256)) * 20,
        "html": lambda: b"<html>not a pdf</html>" * 10,
        "image-only": samples.image_only_pdf,
        "zero-pages": samples.zero_page_pdf,
    }[kind]()


@pytest.mark.parametrize(
    ("kind", "says"),
    [
        ("encrypted", "encrypted"),
        ("truncated", "truncated or corrupt"),
        ("garbage", "truncated or corrupt"),
        ("html", "not a PDF"),
        ("image-only", "no text layer"),
        ("zero-pages", "no pages"),
    ],
)
def test_bad_pdfs_raise_one_clear_error(kind, says, samples):
    with pytest.raises(DocumentError) as caught:
        read_pdf_tables(bad_pdf(kind, samples), "bad.pdf")
    assert says in caught.value.cause
    assert caught.value.file == "bad.pdf"
    assert caught.value.fix


def test_image_only_suggests_ocr_and_names_the_page(samples):
    with pytest.raises(DocumentError) as caught:
        read_pdf_tables(samples.image_only_pdf(), "scan.pdf")
    assert "ocrmypdf" in caught.value.fix
    assert caught.value.place.page == 1


def test_text_without_a_table_says_so():
    from reportlab.pdfgen import canvas
    import io

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.drawString(72, 700, "Just a paragraph of text, no table here.")
    page.save()
    with pytest.raises(DocumentError, match="no table found"):
        read_pdf_tables(buffer.getvalue(), "prose.pdf")


def test_missing_page_is_an_error(samples):
    with pytest.raises(DocumentError) as caught:
        read_pdf_tables(samples.reportlab_pdf([{"rows": [["Item", "Cost"], ["Venue", "1"]]}]), "one.pdf", pages=[3])
    assert caught.value.place.page == 3


def test_settings_validate_their_values():
    with pytest.raises(ValueError, match="column_gap_em"):
        TableSettings(column_gap_em=-1)
    with pytest.raises(ValueError, match="column_overlap"):
        TableSettings(column_overlap=0)
    assert TableSettings().column_gap(10) == 4.0
    assert TableSettings().column_gap(30) == 5.0


def test_parse_page_ranges():
    assert parse_page_ranges("1-3,5") == [1, 2, 3, 5]
    with pytest.raises(ValueError, match="bad page range"):
        parse_page_ranges("3-1")
