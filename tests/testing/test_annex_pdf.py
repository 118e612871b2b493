"""The annex PDF generator: the PDFs it writes hold what the spec says, laid out as the layout says."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from generators import annex_pdf
from generators.annex_pdf import (
    LibreOfficeError,
    Layout,
    TableSpec,
    header_merges,
    is_single_cell_row,
    libreoffice_available,
    long_table_spec,
    page_chunks,
    relative_widths,
    table_spec_from_rows,
    write_docx,
    write_pdf,
)

TRACKER_HEADER = (
    ("Theme", "Deliverables", "Target", "Number delivered per quarter", "", "", "", "Total", "% achieved", "Commentary"),
    ("", "", "", "Q1 Apr - June", "Q2 July - Sept", "Q3 Oct - Dec", "Q4 Jan - Mar", "", "", ""),
)


def tracker_spec(n_themes: int = 3, per_theme: int = 6) -> TableSpec:
    rows = []
    for t in range(n_themes):
        rows.append((f"Theme number {t} heading",) + ("",) * 9)
        for d in range(per_theme):
            rows.append((
                "",
                f"Support at least {10 + d} local authorities to review item {t}-{d} and reduce their layers",
                str(10 + d), str(d), "n/a" if d % 3 == 0 else str(d + 1), "", "", str(2 * d + 1), f"{d * 10}%",
                "Booked onto courses" if d == 2 else "",
            ))
    return table_spec_from_rows(["Annex B delivery tracker"], TRACKER_HEADER, rows, ["KEY PH = portfolio holder"])


def plan_spec(n_rows: int = 40) -> TableSpec:
    rows = [
        (f"Sport peer review number {i} (2 days)", f"{i % 28 + 1}/{i % 28 + 2} May - completed",
         "Sport PHs who have completed an academy (5)" if i % 2 else "Individual council", "growth")
        for i in range(n_rows)
    ]
    rows.append(("TOTALS", "", "", ""))
    return table_spec_from_rows(
        ["Annex C CTS Improvement Project Plan"],
        [("Activity", "Date", "Target audience", "Link to business")],
        rows,
        ["KEY PH = portfolio holder"],
    )


def words(text: str) -> list[str]:
    return unicodedata.normalize("NFKC", text).split()


def page_words(path: Path) -> list[list[str]]:
    with pdfplumber.open(path) as pdf:
        return [words(page.extract_text() or "") for page in pdf.pages]


def is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    # A wrapped cell's lines interleave with its neighbours' lines in reading order, but its own
    # words still come in order: so a cell is a subsequence of the page's words, not a substring.
    it = iter(haystack)
    return all(word in it for word in needle)


def page_shapes(path: Path) -> list[dict[str, int]]:
    with pdfplumber.open(path) as pdf:
        return [
            {"lines": len(p.lines), "rects": len(p.rects), "curves": len(p.curves), "edges": len(p.edges)}
            for p in pdf.pages
        ]


def page_of_text(pages: list[list[str]], text: str) -> list[int]:
    return [n for n, page in enumerate(pages, start=1) if is_subsequence(words(text), page)]


def assert_all_text_present(spec: TableSpec, path: Path, pages: list[list[str]] | None = None) -> None:
    """`pages`: page_words(path) when the caller has it already (reading a PDF's words again was
    half of a long table's test)."""
    pages = page_words(path) if pages is None else pages
    everything = [w for page in pages for w in page]
    for row in spec.header_rows + spec.rows:
        for cell in row:
            assert is_subsequence(words(cell), everything), f"cell {cell!r} missing from {path.name}"
    for line in spec.title + spec.notes:
        assert is_subsequence(words(line), everything), f"line {line!r} missing from {path.name}"
    # Every word exactly as often as the spec has it, at least (headers may repeat).
    expected = [w for row in spec.header_rows + spec.rows for c in row for w in words(c)]
    expected += [w for line in spec.title + spec.notes for w in words(line)]
    for word in set(expected):
        assert everything.count(word) >= expected.count(word), word


LO_FONT = "Liberation Sans"
ENGINES = [("reportlab", "Helvetica"), ("libreoffice", LO_FONT)]


# ---------------------------------------------------------------------------------------------
# pure layout decisions


def test_header_merges_span_quarters_across_and_single_columns_down():
    assert header_merges(TRACKER_HEADER) == (
        (0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 1, 2), (0, 3, 0, 6), (0, 7, 1, 7), (0, 8, 1, 8), (0, 9, 1, 9),
    )


def test_header_merges_one_row_and_leading_empty_cell():
    assert header_merges([("", "A", "", "B")]) == ((0, 1, 0, 2),)
    assert header_merges([("A", "B")]) == ()


def test_page_chunks_combine_rows_per_page_and_explicit_breaks():
    assert page_chunks(10, None, ()) == ((0, 10),)
    assert page_chunks(10, 4, ()) == ((0, 4), (4, 8), (8, 10))
    assert page_chunks(10, None, (3, 3, 0, 7)) == ((0, 3), (3, 7), (7, 10))
    assert page_chunks(10, 6, (2,)) == ((0, 2), (2, 6), (6, 10))


def test_single_cell_rows():
    assert is_single_cell_row(("Theme", "", " "))
    assert not is_single_cell_row(("", "Theme", ""))
    assert not is_single_cell_row(("Theme",))


def test_relative_widths_follow_the_text_or_the_layout():
    spec = plan_spec(5)
    auto = relative_widths(spec, Layout())
    assert pytest.approx(sum(auto)) == 1.0
    assert auto[0] > auto[3]  # activities are long, "growth" is short
    assert relative_widths(spec, Layout(column_widths=(1, 1, 2, 4))) == (0.125, 0.125, 0.25, 0.5)


# ---------------------------------------------------------------------------------------------
# validation


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"engine": "word"}, "engine"),
        ({"font_size": 4}, "font_size"),
        ({"font_size": 21}, "font_size"),
        ({"column_widths": (1, 0, 2)}, "column_widths"),
        ({"column_widths": (1, float("nan"))}, "column_widths"),
        ({"column_widths": ()}, "column_widths"),
        ({"rows_per_page": 0}, "rows_per_page"),
        ({"page_break_before": (-1,)}, "page_break_before"),
        ({"rules": "dotted"}, "rules"),
        ({"ruled": False, "rules": "all"}, "contradicts"),
        ({"font": "Arial"}, "reportlab fonts"),
        ({"engine": "libreoffice", "font": ""}, "font"),
        ({"header_padding": -1}, "header_padding"),
    ],
)
def test_layout_rejects_bad_values(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Layout(**kwargs)


def test_layout_ruled_and_rules_agree():
    assert Layout(ruled=False).rules == "none"
    assert Layout().rules == "all"
    assert Layout(rules="horizontal").ruled is True
    assert Layout(rules="none").ruled is False
    assert Layout(rules="none") == Layout(ruled=False)


def test_layout_must_fit_the_table(tmp_path):
    with pytest.raises(ValueError, match="3 entries, the table has 4 columns"):
        write_pdf(plan_spec(3), Layout(column_widths=(1, 2, 3)), tmp_path / "x.pdf")
    with pytest.raises(ValueError, match="beyond the last body row"):
        write_pdf(plan_spec(3), Layout(page_break_before=(10,)), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_table_spec_checks_row_widths_and_header_count():
    with pytest.raises(ValueError, match="row 1 has 2 cells, the header has 3"):
        table_spec_from_rows("t", [("a", "b", "c")], [("1", "2", "3"), ("1", "2")])
    with pytest.raises(ValueError, match="1 or 2 header rows"):
        table_spec_from_rows("t", [], [])
    with pytest.raises(ValueError, match="1 or 2 header rows"):
        table_spec_from_rows("t", [("a",)] * 3, [])
    spec = table_spec_from_rows("A title", [["a", 1]], [[2, "b"]], "a note")
    assert spec == TableSpec(("A title",), (("a", "1"),), (("2", "b"),), ("a note",))


def test_long_table_spec_is_deterministic_and_keeps_rows_verbatim():
    spec = plan_spec(7)
    long = long_table_spec(spec, 50, seed=3)
    assert len(long.rows) == 50
    assert long.rows[: len(spec.rows)] == spec.rows
    assert set(long.rows) == set(spec.rows)
    assert long == long_table_spec(spec, 50, seed=3)
    assert long != long_table_spec(spec, 50, seed=4)
    assert long_table_spec(spec, 3).rows == spec.rows[:3]
    assert (long.title, long.header_rows, long.notes) == (spec.title, spec.header_rows, spec.notes)


# ---------------------------------------------------------------------------------------------
# reportlab


def test_reportlab_output_is_byte_for_byte_deterministic(tmp_path):
    spec, layout = tracker_spec(), Layout(landscape=True, rows_per_page=7)
    first = write_pdf(spec, layout, tmp_path / "a.pdf").read_bytes()
    second = write_pdf(spec, layout, tmp_path / "b.pdf").read_bytes()
    assert first == second
    other = write_pdf(spec, Layout(landscape=True), tmp_path / "c.pdf").read_bytes()
    assert other != first


# ---------------------------------------------------------------------------------------------
# both engines


@pytest.mark.parametrize("engine, font", ENGINES)
def test_portrait_plan_flows_over_pages_with_all_text(tmp_path, engine, font):
    spec = plan_spec(60)
    path = write_pdf(spec, Layout(engine=engine, font=font), tmp_path / "plan.pdf")
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 2
        assert all(p.height > p.width for p in pdf.pages)
    pages = page_words(path)
    assert_all_text_present(spec, path, pages)
    table_pages = sorted({n for row in spec.rows for n in page_of_text(pages, row[0])})
    assert table_pages[-1] >= 2
    assert page_of_text(pages, "Activity Date Target audience Link to business") == table_pages


@pytest.mark.parametrize("engine, font", ENGINES)
def test_landscape_tracker_without_repeated_header(tmp_path, engine, font):
    spec = tracker_spec(4, 8)
    path = write_pdf(spec, Layout(engine=engine, font=font, landscape=True, repeat_header=False), tmp_path / "t.pdf")
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) >= 2
        assert all(p.width > p.height for p in pdf.pages)
    pages = page_words(path)
    assert_all_text_present(spec, path, pages)
    assert page_of_text(pages, "Deliverables") == [1]
    assert page_of_text(pages, "Q4 Jan - Mar") == [1]


@pytest.mark.parametrize("engine, font", ENGINES)
def test_forced_page_breaks(tmp_path, engine, font):
    spec = plan_spec(12)
    layout = Layout(engine=engine, font=font, rows_per_page=5, page_break_before=(2,))
    path = write_pdf(spec, layout, tmp_path / "breaks.pdf")
    pages = page_words(path)
    # chunks: rows 0-1 | 2-4 | 5-9 | 10-12 (12 is TOTALS)
    assert len(pages) == 4
    expected_page = {0: 1, 1: 1, 2: 2, 4: 2, 5: 3, 9: 3, 10: 4, 11: 4}
    for row, page in expected_page.items():
        assert page_of_text(pages, spec.rows[row][0]) == [page], row
    assert page_of_text(pages, "TOTALS") == [4]
    assert page_of_text(pages, "Target audience") == [1, 2, 3, 4]


@pytest.mark.parametrize("engine, font", ENGINES)
@pytest.mark.parametrize("rules", ["all", "horizontal", "header", "inner"])
def test_ruled_tables_have_lines(tmp_path, engine, font, rules):
    path = write_pdf(plan_spec(4), Layout(engine=engine, font=font, rules=rules), tmp_path / "r.pdf")
    shapes = page_shapes(path)[0]
    assert shapes["edges"] >= 1
    if rules == "header":
        assert shapes["edges"] <= 2  # one rule (drawn as a line, or a thin rect's edges)


@pytest.mark.parametrize("engine, font", ENGINES)
def test_unruled_tables_have_no_lines_at_all(tmp_path, engine, font):
    spec = tracker_spec(2, 3)
    path = write_pdf(spec, Layout(engine=engine, font=font, ruled=False, landscape=True), tmp_path / "u.pdf")
    assert page_shapes(path) == [{"lines": 0, "rects": 0, "curves": 0, "edges": 0}] * len(page_shapes(path))
    assert_all_text_present(spec, path)


# ---------------------------------------------------------------------------------------------
# LibreOffice specifics


def test_libreoffice_is_available_here():
    # CI installs it (.ci/run); the tests that need it must run, not skip.
    assert libreoffice_available()


def test_docx_marks_header_rows_and_merges(tmp_path):
    import docx

    path = write_docx(tracker_spec(1, 2), Layout(engine="libreoffice", font=LO_FONT, landscape=True), tmp_path / "t.docx")
    document = docx.Document(str(path))
    table = document.tables[0]
    xml = table._tbl.xml
    assert xml.count("w:tblHeader") == 2
    assert 'w:gridSpan w:val="4"' in xml  # "Number delivered per quarter"
    assert 'w:gridSpan w:val="10"' in xml  # the theme row
    assert document.sections[0].page_width > document.sections[0].page_height


def test_libreoffice_missing_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(annex_pdf, "_soffice_path", lambda: None)
    assert not libreoffice_available()
    with pytest.raises(LibreOfficeError, match="not installed"):
        write_pdf(plan_spec(2), Layout(engine="libreoffice", font=LO_FONT), tmp_path / "x.pdf")


def test_libreoffice_timeout_is_a_clear_error(tmp_path):
    with pytest.raises(LibreOfficeError, match="timed out"):
        write_pdf(plan_spec(2), Layout(engine="libreoffice", font=LO_FONT), tmp_path / "x.pdf", timeout=0.05)
    assert not (tmp_path / "x.pdf").exists()


@pytest.mark.parametrize("engine, font", ENGINES)
@pytest.mark.parametrize("span", [True, False])
def test_single_cell_rows_span_the_row_only_when_asked(tmp_path, engine, font, span):
    theme = "Workforce, Transformation and Integration of services"
    rows = [(theme,) + ("",) * 9, ("", "Roll out tools", "10", "2", "3", "", "", "3", "30%", "")]
    spec = table_spec_from_rows((), TRACKER_HEADER, rows)
    layout = Layout(engine=engine, font=font, landscape=True, span_single_cell_rows=span, column_widths=(1,) * 10)
    path = write_pdf(spec, layout, tmp_path / "span.pdf")
    with pdfplumber.open(path) as pdf:
        lines = [" ".join(words(line)) for line in (pdf.pages[0].extract_text() or "").splitlines()]
    # spanning: the theme has the whole row and fits on one line; otherwise it wraps in column 1
    assert (theme in lines) is span


def test_libreoffice_output_is_pinned_to_the_same_bytes(tmp_path):
    spec, layout = plan_spec(3), Layout(engine="libreoffice", font=LO_FONT)
    first = write_pdf(spec, layout, tmp_path / "a.pdf").read_bytes()
    second = write_pdf(spec, layout, tmp_path / "b.pdf").read_bytes()
    assert first == second
    assert b"/CreationDate(D:20000101000000" in first


def test_pin_pdf_metadata_replaces_time_id_and_checksum_in_place():
    pdf = (b"%PDF-1.6\n<</CreationDate(D:20261124080814Z')>>\ntrailer\n<</ID [ <" + b"A" * 32 + b">\n<"
           + b"A" * 32 + b"> ]\n/DocChecksum /" + b"B" * 32 + b"\n>>\n%%EOF\n")
    pinned = annex_pdf.pin_pdf_metadata(pdf)
    assert len(pinned) == len(pdf)  # xref offsets stay valid
    assert b"D:20000101000000Z'" in pinned
    assert b"A" * 32 not in pinned and b"B" * 32 not in pinned
    other = pdf.replace(b"A" * 32, b"C" * 32).replace(b"20261124080814", b"20251231235959")
    assert annex_pdf.pin_pdf_metadata(other) == pinned


def test_paginate_fills_pages_greedily_and_repeats_the_header():
    # room 100 per page, header 20: page 1 has 30 of title above it (room 70)
    assert annex_pdf.paginate([25, 25, 25, 25, 25], 20, 70, 100, 20) == ((0, 1), (1, 4), (4, 5))
    assert annex_pdf.paginate([25, 25, 25, 25, 25], 20, 70, 100, 0) == ((0, 1), (1, 4), (4, 5))
    assert annex_pdf.paginate([25] * 5, 0, 100, 100, 0) == ((0, 3), (3, 5))  # 1pt slack: 4 x 25 is not < 99
    assert annex_pdf.paginate([500, 10], 20, 100, 100, 20) == ((0, 1), (1, 2))  # an oversized row alone
    assert annex_pdf.paginate([], 20, 100, 100, 20) == ((0, 0),)


def test_reportlab_long_table_fills_each_page_in_order(tmp_path):
    spec = long_table_spec(plan_spec(40), 400, seed=1)
    path = write_pdf(spec, Layout(), tmp_path / "long.pdf")
    with pdfplumber.open(path) as pdf:
        pages = pdf.pages
        assert len(pages) >= 10
        for page in pages[:-1]:
            lowest = max(w["bottom"] for w in page.extract_words())
            # text reaches within two rows of the bottom margin: pages are full, not cut early
            assert page.height - annex_pdf.MARGIN_PT - 2 * 30 < lowest < page.height - annex_pdf.MARGIN_PT
        texts = [words(p.extract_text() or "") for p in pages]  # page_words(path)
    assert all(t[:4] == ["Activity", "Date", "Target", "audience"] for t in texts[1:])
    assert_all_text_present(spec, path, texts)


@pytest.mark.parametrize("engine, font", ENGINES)
def test_title_on_every_page_and_padded_header(tmp_path, engine, font):
    """The title as a running page header (same text, same height on every page) and the header
    row padded below: the gap from the header's text to the first row grows by the padding."""
    spec = plan_spec(10)

    def tops(layout: Layout) -> list[dict[str, float]]:
        path = write_pdf(spec, layout, tmp_path / f"{engine}-{layout.header_padding}.pdf")
        with pdfplumber.open(path) as pdf:
            return [{w["text"]: w["top"] for w in reversed(page.extract_words())} for page in pdf.pages]

    plain = tops(Layout(engine=engine, font=font, rows_per_page=5, title_on_every_page=True))
    padded = tops(Layout(engine=engine, font=font, rows_per_page=5, title_on_every_page=True, header_padding=12))
    title_word = spec.title[0].split()[0]
    assert len(plain) >= 2 and all(title_word in page for page in plain)
    assert max(p[title_word] for p in plain) - min(p[title_word] for p in plain) < 0.5  # it does not move
    assert plain[0][title_word] < plain[0]["Activity"]  # above the table, in the top margin
    first_row = spec.rows[0][0].split()[0]  # "Sport"
    gap = lambda page: page[first_row] - page["Activity"]  # noqa: E731
    assert gap(padded[0]) - gap(plain[0]) == pytest.approx(12, abs=1.5)
