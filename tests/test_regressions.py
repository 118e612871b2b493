"""One test per defect found by the bad-input catalogue (tests/bad_input/): each docstring says
what broke."""

from __future__ import annotations

import pytest

from pipeline.core.errors import DocumentError, Place
from pipeline.core.model import Document, DocumentKind
from pipeline.extract.documents import decode_text, load_document, sniff_kind


def test_blank_only_dump_is_reported_as_empty(tmp_path):
    """A dump holding only blank lines passed the size check and failed later as "holds no table
    of a known family: headers found: none", which sent users looking for a header problem."""
    path = tmp_path / "plan.txt"
    path.write_bytes(b"\n \r\n\t\t\n")
    with pytest.raises(DocumentError, match="the file is empty") as caught:
        load_document(path, "plan.txt")
    assert caught.value.fix == "replace it with the full document"


def test_utf16_dump_with_byte_order_mark_is_text():
    """A UTF-16 dump (Word's "Unicode text" export) was refused as "binary content" because of its
    NUL bytes, and declaring `encoding: utf-16` could not help: the sniffing came first."""
    data = "Activity\tDate\n\u00a3 seminar\tMay\n".encode("utf-16")
    assert sniff_kind(data, "plan.txt") is DocumentKind.TEXT
    document = Document("plan.txt", data, DocumentKind.TEXT)
    assert decode_text(document) == "Activity\tDate\n\u00a3 seminar\tMay\n"
    assert decode_text(document, "utf-16") == "Activity\tDate\n\u00a3 seminar\tMay\n"


def test_bad_byte_in_declared_encoding_names_the_line():
    """With an encoding declared, a byte it cannot decode was reported by its offset in the file
    ("byte 9 cannot be decoded"), which no editor shows; it now names the line, like the UTF-8
    error does."""
    document = Document("t.txt", b"Theme\tx\n\x81 bad\n", DocumentKind.TEXT)
    with pytest.raises(DocumentError) as caught:
        decode_text(document, "cp1252")
    assert caught.value.place == Place(line=2)
    assert caught.value.cause == "not valid cp1252 (byte 0x81 cannot be decoded)"


def test_duplicated_header_column_is_called_a_duplicate():
    """A header with "Date" twice was refused as having an "unexpected column 'Date'", which reads
    as if Date were not a plan column at all."""
    from pipeline.extract.text_dump import read_text_table
    from pipeline.families import read_family_table

    dump = "Activity\tDate\tDate\tTarget audience\tLink to business plan\nSeminar\tMay\tJune\tPHs\tgrowth\n"
    with pytest.raises(DocumentError) as caught:
        read_family_table(read_text_table(dump, "plan.txt"))
    assert caught.value.cause == "plan table header has a second column 'Date'"
    assert caught.value.place == Place(page=1, line=1)


def test_release_folder_without_manifest_is_not_skipped(tmp_path):
    """A release folder whose release.yaml was forgotten was left out of discovery, so `annex run`
    skipped it in silence (and `--release ID` said there was no such folder); it is now found and
    fails with "no release.yaml in the release folder"."""
    from pipeline.core.errors import ManifestError
    from pipeline.core.release import discover_releases, load_release

    folder = tmp_path / "raw" / "2016-17-q1"
    folder.mkdir(parents=True)
    (folder / "plan.txt").write_text("Activity\tDate\n", encoding="utf-8")
    assert discover_releases(tmp_path / "raw") == [folder]
    with pytest.raises(ManifestError, match="no release.yaml in the release folder"):
        load_release(folder)


def test_yaml_error_names_the_line(tmp_path):
    """A YAML syntax error was reported as PyYAML's five-line message squeezed onto one line
    ('while parsing ... in "<unicode string>", line 1, column 8: title: [unclosed ^ expected ...');
    the line and column are now the error's place and the cause is the problem alone."""
    from pipeline.core.errors import ManifestError
    from pipeline.core.release import load_release

    (tmp_path / "release.yaml").write_text("title: t\n documents:\n", encoding="utf-8")
    with pytest.raises(ManifestError) as caught:
        load_release(tmp_path)
    assert caught.value.place == Place(line=2, detail="column 11")
    assert caught.value.cause == "not valid YAML: mapping values are not allowed here"


def test_pdf_documents_are_read_with_the_page_limit(tmp_path):
    """read_tables passed `max_pages=` to read_pdf_tables, which takes no such argument, so every
    PDF in a release failed with "internal error: TypeError"; the page limit is now checked
    before the reader runs, and a PDF within it is read."""
    from support import SAMPLE_RELEASE

    from pipeline.core.settings import Settings
    from pipeline.extract.budget import read_tables

    data = (SAMPLE_RELEASE / "annex-c-cts-improvement-plan.pdf").read_bytes()
    document = Document("plan.pdf", data, DocumentKind.PDF)
    assert read_tables(document, settings=Settings(max_pages=2))
    with pytest.raises(DocumentError, match="the PDF has 2 pages, over the limit of 1"):
        read_tables(document, settings=Settings(max_pages=1))


def test_a_hinted_page_past_the_end_is_refused_in_the_budget_worker_naming_the_hint():
    """The `table: pages` hint was checked by opening the PDF once more in the run's process
    (issue 24); the budget's worker now checks it against the page count it takes anyway, and its
    error still names the hint as release.yaml wrote it. Pages not from a hint (`annex tables
    --pages`) are left to the reader's own message."""
    from support import SAMPLE_RELEASE

    from pipeline.extract.budget import read_tables
    from pipeline.extract.documents import pdf_page_count

    data = (SAMPLE_RELEASE / "annex-c-cts-improvement-plan.pdf").read_bytes()
    document = Document("plan.pdf", data, DocumentKind.PDF)
    assert pdf_page_count(data) == 2 and pdf_page_count(b"%PDF-1.4 no page tree") is None
    with pytest.raises(DocumentError) as caught:
        read_tables(document, pages=(2, 3), pages_text="2-3")
    assert caught.value.cause == ("table: pages '2-3' in release.yaml: page 3 does not exist "
                                  "(the PDF has 2 page(s))")
    assert caught.value.fix == "choose pages within 1-2 in release.yaml"
    with pytest.raises(DocumentError) as caught:
        read_tables(document, pages=(3,))
    assert "release.yaml" not in caught.value.cause


# --- PDF tables (issues 4 and 9) -------------------------------------------------------------

def _pdf_table(spec, layout, tmp_path):
    from pipeline.extract.pdf_tables import read_pdf_tables
    from generators.annex_pdf import write_pdf

    (table,) = read_pdf_tables(write_pdf(spec, layout, tmp_path / "t.pdf").read_bytes(), "t.pdf")
    return table


def test_pdf_one_cell_first_column_rows_stay_rows_without_padding():
    """In an unruled word-processor table (rows as close as wrapped lines), "TOTALS" under the
    one-cell row "Up to 3 more ..." was joined to it, as its cell's next line."""
    from pipeline.extract.pdf.layout import Word, text_lines
    from pipeline.extract.pdf.rows import build_row, group_rows
    from pipeline.extract.pdf.settings import TableSettings

    settings = TableSettings()
    words = [Word("Heritage", 10, 50, 0, 9), Word("May", 200, 220, 0, 9),
             Word("Up", 10, 22, 12, 21), Word("to", 25, 35, 12, 21), Word("more", 38, 150, 12, 21),
             Word("TOTALS", 10, 45, 24, 33),
             Word("41", 10, 20, 36, 45), Word("days", 23, 45, 36, 45), Word("over", 200, 230, 36, 45)]
    lines = text_lines(words, settings)
    columns = ((10, 150), (200, 230))
    groups, _ = group_rows(lines, columns, [], 9.0, settings)
    assert [build_row(g, columns).cells for g in groups] == [
        ("Heritage", "May"), ("Up to more", ""), ("TOTALS", ""), ("41 days", "over")]


def test_pdf_last_one_cell_row_and_one_row_page_stay_in_the_table(tmp_path):
    """With a rule under the header only and page breaks, the one-cell row ending a page came out
    as a note, and a last page holding "TOTALS" and one two-column row was read as notes (its
    columns merged into one cell)."""
    from pipeline.core.model import LineKind
    from generators.annex_pdf import Layout, TableSpec

    rows = tuple((f"Sport peer review {i} (2 days)", f"{i} May", "Sport PHs (15)", "growth") for i in range(5))
    spec = TableSpec(title=("Plan",), header_rows=(("Activity", "Date", "Target audience", "Link"),),
                     rows=rows + (("Up to 3 more sport action learning sets, depending upon demand", "", "", ""),
                                  ("TOTALS", "", "", ""), ("41 days of activity", "", "over 200 councillors", "")),
                     notes=("KEY PH = portfolio holder",))
    table = _pdf_table(spec, Layout(rules="header", page_break_before=(6,), repeat_header=False), tmp_path)
    assert [r.cells for r in table.body] == list(spec.rows)
    assert [r.page for r in table.body][-3:] == [1, 2, 2]
    assert [r.cells[0] for r in table.lines if r.kind is LineKind.NOTE] == ["Plan", "KEY PH = portfolio holder"]


def test_pdf_words_cut_at_a_line_end_are_joined_again():
    """LibreOffice cuts a word wider than its column ("Anne" / "x B:" / "Them" / "e"); the cell
    read "Anne x B: Them e". Its line-end spaces show where it wrapped at a space."""
    from pipeline.extract.pdf.layout import Word, cell_lines_text
    from dataclasses import replace

    from pipeline.extract.pdf.page import broken_marks

    def mark_broken_words(words, spaces):  # as page_words marks the words it makes
        cut, joined = broken_marks([(w.top, w.x0, w.x1, w.size) for w in words], spaces)
        return [replace(w, broken=i in cut, space_follows=i in joined) for i, w in enumerate(words)]

    words = [Word("Anne", 10, 30, 0, 9), Word("x", 10, 14, 12, 21), Word("B:", 17, 27, 12, 21),
             Word("Them", 10, 31, 24, 33), Word("e", 10, 14, 36, 45)]
    spaces = [(0.0, 14.0, 17.0), (12.0, 27.0, 30.0)]  # "x B: " wrapped at its space; "Anne" did not
    marked = mark_broken_words(words, spaces)
    lines = [[w for w in marked if w.top == top] for top in (0, 12, 24, 36)]
    assert cell_lines_text(lines) == "Annex B: Theme"
    # a page that prints no line-end spaces (reportlab) marks nothing
    assert not any(w.broken for w in mark_broken_words(words, []))


def test_libreoffice_pdf_of_the_word_annexes_keeps_its_word_spaces(tmp_path):
    """Issue 14: in the PDF LibreOffice prints from the Word annexes, every line that ended on a
    word without its line-end space glyph was taken as a word cut at the cell edge: wrapped
    cells lost the space between two words ("Cabinet/Portfolioholders": 'Portfolioholders'
    would have fitted a line, so the word processor would have wrapped it after the slash, not
    cut it), a header broken after a slash kept a space ("Commentary/ forecast"), and a word cut
    at the last line of a page was joined to its end on the next page with a space
    ("authoriti es")."""
    from support import PLAN_SEED, TRACKER_SEED, seed_text

    from pipeline.extract.pdf_tables import read_pdf_tables
    from generators.annex_pdf import convert_to_pdf
    from generators.office_docs import word_from_spec, write_docx
    from generators.text_dumps import spec_from_dump

    def cells(seed: str) -> list[str]:
        dumped = spec_from_dump(seed_text(seed), seed)
        docx = tmp_path / seed.replace(".txt", ".docx")
        docx.write_bytes(write_docx(word_from_spec(dumped.spec, page_break_before=dumped.page_break_before,
                                                   landscape=seed == TRACKER_SEED)))
        pdf = convert_to_pdf(docx, tmp_path / "out")
        return [c for t in read_pdf_tables(pdf.read_bytes(), pdf.name) for line in t.lines for c in line.cells]

    plan = cells(PLAN_SEED)
    assert "Cabinet/Portfolio holders (4)" in plan
    tracker = cells(TRACKER_SEED)
    assert "Commentary/forecast" in tracker
    # "authorities" is cut in its narrow column on most pages, once over a page break
    words = [w for c in tracker for w in c.split()]
    assert "authoriti" not in words and not any(c.startswith("es ") for c in tracker)
    assert sum(c.count("authorities") for c in tracker) == seed_text(TRACKER_SEED).count("authorities")


@pytest.mark.parametrize("breaks", [(), (1,)])
def test_pdf_header_cell_over_two_header_rows_keeps_its_wrapped_lines(breaks, tmp_path):
    """In an unruled reportlab table, "Annex B: Theme" (spanning both header rows) wraps into the
    band of the quarter labels; "Theme" was read as a body row ("unexpected 'Annex B:'"). With
    the header alone on the first page, its padding was not even seen."""
    from generators.annex_pdf import Layout, TableSpec

    spec = TableSpec(
        title=(),
        header_rows=(("Annex B: Theme", "Deliverables", "Number delivered per quarter", "", "Total"),
                     ("", "", "Q1 Apr - June", "Q2 July - Sept", "")),
        rows=(("Peer Work", "", "", "", ""), ("", "Deliver at least 100 peer challenges", "18", "13", "31"),
              ("", "Tailored support to at least 40 local authorities", "19", "8", "27")),
    )
    layout = Layout(ruled=False, column_widths=(40, 200, 45, 45, 40), page_break_before=breaks)
    table = _pdf_table(spec, layout, tmp_path)
    assert [r.cells for r in table.header_rows] == [tuple(r) for r in spec.header_rows]
    assert [r.cells for r in table.body] == [tuple(r) for r in spec.rows]


def test_pdf_inner_grid_continues_past_rows_drawn_as_one_cell():
    """With inner rulings only, rows drawn as one spanning cell cut the vertical rulings; two such
    rows in a row left a gap wider than the stacking allowance, so the grid below ("TOTALS" row)
    became a table of its own. The horizontal rulings between them now bridge the gap."""
    from pipeline.extract.pdf.ruled import ruling_groups

    def edge(x0, top, x1, bottom):
        return {"x0": x0, "top": top, "x1": x1, "bottom": bottom, "orientation": "h" if top == bottom else "v"}

    grid = [edge(0, 10, 100, 10), edge(50, 0, 50, 10)]
    one_cell_rows = [edge(0, 25, 100, 25), edge(0, 40, 100, 40)]
    totals = [edge(0, 55, 100, 55), edge(50, 55, 50, 70)]
    assert ruling_groups(grid + one_cell_rows + totals, 3.0, 20.0) == [(0, 0, 100, 70)]
    assert ruling_groups(one_cell_rows, 3.0, 20.0) == []  # rulings of one direction are no grid


# --- next year's annexes, run unseen (plan and tracker dumps of 2016/17) ----------------------

def _family_table(dump: str, name: str = "t.txt"):
    from pipeline.extract.text_dump import read_text_table
    from pipeline.families import read_family_table

    return read_family_table(read_text_table(dump, name))


def _roles(table) -> dict:
    return {line.row.line: line.role.value for line in table.lines}


def test_tracker_headers_spelt_qtr_are_quarter_columns():
    """A tracker headed "Qtr 1 (Apr-Jun)", "Quarter 2", "1st quarter" was refused: "unexpected
    column 'Number delivered per quarter Qtr 1 (Apr-Jun)' ... missing column 'Q1'"; only "Q1" and
    "Quarter 1" were known."""
    header = ("Theme\tDeliverables\tTarget 2016/17\tNumber delivered per quarter\t\t\t\tTotal\t% Achieved\t"
              "Comments\n\t\t\tQtr 1 (Apr-Jun)\tQuarter 2\tQtr. 3\t4th quarter\t\t\t\n")
    table = _family_table(header + "Peer work\n\tDeliver 10 peer challenges\t10\t1\t2\t3\t4\t10\t100%\t\n")
    assert [table.rows[0].cells[q] for q in ("q1", "q2", "q3", "q4")] == ["1", "2", "3", "4"]
    assert table.stated_financial_year == "2016/17"


def test_form_feed_and_repeated_header_are_one_page_break():
    """A pdftotext dump (form feed before the repeated header) put the second page's rows on
    page 3: the form feed and the repeated header each counted a page."""
    dump = ("Activity\tDate\tTarget audience\tLink to business plan\nSeminar (1 day)\tMay\tPHs (5)\tgrowth\n"
            "Page 1 of 2\n\fActivity\tDate\tTarget audience\tLink to business plan\n"
            "Academy (2 days)\tJune\tPHs (15)\tgrowth\n")
    table = _family_table(dump)
    assert [row.page for row in table.rows] == [1, 2]
    assert _roles(table)[3] == "debris"


def test_running_header_above_the_table_is_not_its_header():
    """A board paper's running header with two cells ("Improvement Board<tab><tab>12 July 2016")
    above the annex was taken as the table's header ("holds no table of a known family"); seen
    again at the top of the next page it would have been a data row."""
    running = "Improvement Board\t\t12 July 2016\n"
    header = "Activity\tDate\tTarget audience\tLink to business plan\n"
    dump = (running + "Annex C: improvement plan 2016/17\n" + header + "Seminar (1 day)\tMay\tPHs (5)\tgrowth\n"
            + running + header + "Academy (2 days)\tJune\tPHs (15)\tgrowth\n")
    table = _family_table(dump)
    assert [row.cells["activity"] for row in table.rows] == ["Seminar (1 day)", "Academy (2 days)"]
    assert _roles(table)[5] == "debris" and [row.page for row in table.rows] == [1, 2]


def test_header_label_wrapped_onto_a_second_line_is_header():
    """"Link to business" / "plan" (a header label wrapped, every header cell filled) was not seen
    as a header row: on page 1 "plan" was rejected, and after the repeated header it was joined
    to the last row's link ("growth plan")."""
    header = "Activity\tDate\tTarget audience\tLink to business\n\t\t\tplan\n"
    dump = header + "Seminar (1 day)\tMay\tPHs (5)\tgrowth\n" + header + "Academy (2 days)\tJune\tPHs (15)\tgrowth\n"
    table = _family_table(dump)
    assert table.column_labels["link"] == "Link to business plan"
    assert [row.cells["link"] for row in table.rows] == ["growth", "growth"]
    assert not table.rejects


def test_totals_label_with_its_statement_in_one_cell():
    """"Total: 38 days" lost its statement: the whole cell was taken as the "TOTALS" label, so the
    stated total was never checked."""
    dump = ("Activity\tDate\tTarget audience\tLink to business plan\nSeminar (1 day)\tMay\tPHs (5)\tgrowth\n"
            "Total: 38 days\t\tapprox. 250 participants\t\n")
    assert _family_table(dump).totals == ("38 days", "approx. 250 participants")


def test_activity_wrapped_with_its_other_cells_on_the_last_line():
    """An activity cell printed middle- or bottom-aligned ("Museums peer review with" / "National
    Museums (2 days)<tab>14/15 March<tab>...") became two rows, the first with no date."""
    dump = ("Activity\tDate\tTarget audience\tLink to business plan\nSeminar (1 day)\tMay\tPHs (5)\tgrowth\n"
            "Museums peer review with\nNational Museums (2 days)\t14/15 March\tIndividual council\tgrowth\n"
            "Heritage seminar (1 day)\n")
    table = _family_table(dump)
    assert [row.cells["activity"] for row in table.rows] == [
        "Seminar (1 day)", "Museums peer review with National Museums (2 days)", "Heritage seminar (1 day)"]
    assert table.rows[1].cells["date"] == "14/15 March"


@pytest.mark.parametrize(("text", "start", "end", "precision"), [
    ("Jan 17", "2017-01-01", "2017-01-31", "month"),
    ("Mar-17", "2017-03-01", "2017-03-31", "month"),
    ("Oct/Nov 16", "2016-10-01", "2016-11-30", "month_range"),
    ("Jan 16", "2017-01-16", "2017-01-16", "day"),  # 16 is not January's year in 2016/17
    ("May 14", "2016-05-14", "2016-05-14", "day"),
])
def test_month_with_two_digit_year(text, start, end, precision):
    """In a 2016/17 plan "Jan 17" and "Mar-17" (month and year, as UK writers and spreadsheets
    abbreviate them) were read as 17 January and 17 March, and "Oct/Nov 16" as 1 October to
    16 November."""
    from pipeline.core.fiscal import FinancialYear
    from pipeline.normalise.dates import normalise_date

    read = normalise_date(text, FinancialYear.parse("2016/17")).to_json()
    assert (read["start"], read["end"], read["precision"]) == (start, end, precision)


def test_date_cell_saying_tbc_is_missing_not_unreadable():
    """A date cell "TBC" or "Postponed" was flagged date_unreadable, as if the pipeline had failed
    to read a date; it states there is none yet (status tbc; "Postponed" is deferred since issue
    21: moved, date not settled), like a blank cell. "Cancelled" says there will be none (status
    cancelled)."""
    from pipeline.core.fiscal import FinancialYear
    from pipeline.normalise.tables import activity_records

    dump = ("Activity\tDate\tTarget audience\tLink to business plan\nA (1 day)\tTBC\tPHs\tgrowth\n"
            "B (1 day)\tPostponed\tPHs\tgrowth\nC (1 day)\tCancelled\tPHs\tgrowth\n")
    records = activity_records(_family_table(dump), "r", FinancialYear.parse("2016/17"))
    assert [(r["status"], r["flags"]) for r in records] == [
        ("tbc", ["date_missing"]), ("deferred", ["date_missing"]), ("cancelled", ["date_missing"])]


def test_decorated_page_numbers_and_continued_notes_are_page_furniture():
    """"- 2 -", "Continued overleaf" and "Annex C (continued)" between pages became data rows
    (activities with no date); only bare "2", "Page 2" and "2 of 3" were known."""
    header = "Activity\tDate\tTarget audience\tLink to business plan\n"
    dump = (header + "Seminar A (1 day)\tMay\tPHs (5)\tgrowth\n- 2 -\nContinued overleaf\n" + header
            + "Seminar B (1 day)\tJune\tPHs (5)\tgrowth\n[3]\n\nAnnex C (continued)\n" + header
            + "Seminar C (1 day)\tJuly\tPHs (5)\tgrowth\nLeadership programme\ncontinued\n")
    table = _family_table(dump)
    assert [row.cells["activity"] for row in table.rows] == [
        "Seminar A (1 day)", "Seminar B (1 day)", "Seminar C (1 day)", "Leadership programme"]
    assert [_roles(table)[n] for n in (3, 4, 7, 9)] == ["debris"] * 4
    assert [row.page for row in table.rows] == [1, 2, 3, 3]


def test_key_written_with_dashes_and_commas():
    """"Key: PH – portfolio holder, CX – chief executive" read as one definition, PH = "portfolio
    holder, CX – chief executive", so "Sport PHs" became "Sport portfolio holder, CX – chief
    executives"; only "=" separated the definitions. A key block's later lines needed "=" too."""
    from pipeline.families.rows import parse_key

    assert parse_key("Key: PH – portfolio holder, CX – chief executive") == {
        "PH": "portfolio holder", "CX": "chief executive"}
    assert parse_key("LGA = Local Government Association - the national body") == {
        "LGA": "Local Government Association - the national body"}
    dump = ("Activity\tDate\tTarget audience\tLink to business plan\nSeminar (1 day)\tMay\tSport PHs (5)\tgrowth\n"
            "KEY\nPH - portfolio holder\nCX: chief executive\n")
    table = _family_table(dump)
    assert table.key == {"PH": "portfolio holder", "CX": "chief executive"}
    assert [_roles(table)[n] for n in (3, 4, 5)] == ["key"] * 3


def test_theme_printed_beside_its_first_deliverable_wraps_with_it():
    """A theme printed on its first deliverable's line and wrapped with it ("Workforce,
    Transformation" / "and Integration<tab>workforces") kept only its first line as the theme of
    that deliverable and of the ones below."""
    dump = ("Theme\tDeliverables\t2017/18 Target\tQ1\tQ2\tQ3\tQ4\tTotal\t% achieved\tCommentary\n"
            "Workforce, Transformation\tsupport 52 councils to transform their\t52\t25\t17\t10\t\t52\t100%\t\n"
            "and Integration\tworkforces\t\t\t\t\t\t\t\t\n"
            "\troll out tools to 10 councils\t10\t2\t3\t\t\t5\t50%\t\n")
    table = _family_table(dump)
    assert [row.theme for row in table.rows] == ["Workforce, Transformation and Integration"] * 2
    assert table.rows[0].cells["deliverable"] == "support 52 councils to transform their workforces"


def test_plan_states_its_financial_year_in_its_title():
    """A plan titled "Improvement plan 2016/17" (a plan has no "<year> Target" column) stated no
    financial year, so a release.yaml without financial_year failed with "no document states
    one". A title naming two years states none."""
    body = "Activity\tDate\tTarget audience\tLink to business plan\nSeminar (1 day)\tMay\tPHs (5)\tgrowth\n"
    assert _family_table("Annex C\nImprovement plan 2016/17\n" + body).stated_financial_year == "2016/17"
    assert _family_table("Plan 2016/17, replacing 2015/16\n" + body).stated_financial_year is None
    assert _family_table("Board 2015-2017\n" + body).stated_financial_year is None


def test_header_label_glued_to_its_year():
    """A LibreOffice PDF printed the header cell "Target" / "2016/17" on two lines and the reader
    joined them without a space: "Target2016/17" matched no column (the whole tracker refused
    as "holds no table of a known family") and stated no financial year."""
    from pipeline.families.columns import normalise_label

    assert normalise_label("Target2016/17") == "target 2016/17"
    dump = ("Theme\tDeliverables\tTarget2016/17\tQtr1\tQ2\tQ3\tQ4\tTotal\t% achieved\tCommentary\n"
            "Peer work\n\tDeliver 10 peer challenges\t10\t1\t2\t3\t4\t10\t100%\t\n")
    table = _family_table(dump)
    assert table.stated_financial_year == "2016/17"
    assert table.rows[0].cells["q1"] == "1"


def test_cancelled_activity_is_not_published_as_planned(make_release, tmp_path):
    """An activity marked "Cancelled" (unseen 2016/17 plan) came out as status 'planned', telling
    analysts it would still happen."""
    import pyarrow.parquet as pq

    from pipeline.publish import partition_path
    from pipeline.flow import process_release

    dump = ("Activity\tDate\tTarget audience\tLink to business plan\n"
            "Culture academy (2 days)\t10/11 October - Cancelled\tCulture PHs (15)\tgrowth\n")
    folder = make_release("r1", {"plan.txt": dump})
    assert process_release(folder, tmp_path / "s", tmp_path / "c", data_docs=False).ok
    rows = pq.read_table(partition_path(tmp_path / "c", "activities", "r1")).to_pylist()
    assert [(r["status"], r["date_precision"]) for r in rows] == [("cancelled", "day_range")]


def test_tbc_in_a_quarter_cell_is_pending_not_unreadable(make_release, tmp_path):
    """"TBC" in a future quarter's cell was flagged 'unreadable'; it is a count not known yet."""
    import pyarrow.parquet as pq

    from pipeline.publish import partition_path
    from pipeline.flow import process_release

    dump = ("Theme\tDeliverables\t2016/17 Target\tQ1\tQ2\tQ3\tQ4\tTotal\t% achieved\tCommentary\n"
            "Housing\tHelp councils build homes\t10\t2\t3\tTBC\t\t5\t50%\t\n")
    folder = make_release("r1", {"tracker.txt": dump}, manifest={"title": "t", "documents": ["tracker.txt"]})
    result = process_release(folder, tmp_path / "s", tmp_path / "c", data_docs=False)
    assert result.ok, result.error
    quarters = pq.read_table(partition_path(tmp_path / "c", "deliverable_quarters", "r1")).to_pylist()
    assert [(q["value_text"], q["delivered"], q["value_flag"]) for q in quarters][2] == ("TBC", None, "pending")
    assert result.flag_counts() == {"pending": 1}


def test_space_aligned_dump_is_refused_with_a_hint(make_release, tmp_path):
    """A `pdftotext -layout` dump (columns aligned with spaces, no tabs) failed with "headers
    found: none" and no hint why."""
    from pipeline.flow import process_release

    dump = ("Activity                      Date              Target audience     Link to business plan\n"
            "Peer review (2 days)          14/15 May         Individual council  growth\n")
    folder = make_release("r1", {"plan.txt": dump})
    result = process_release(folder, tmp_path / "s", tmp_path / "c", data_docs=False)
    assert result.error is not None and "columns are aligned with spaces" in result.error.message
    assert "give annex the PDF itself, or a dump with one tab between cells" in result.error.message


def test_a_bug_in_the_pdf_layer_is_not_blamed_on_the_document(monkeypatch, tmp_path):
    """A NameError inside our page analysis was reported as "the page cannot be parsed ... the
    PDF may be corrupt", sending users to re-export good files; only pdfminer's parse failures are
    the document's."""
    import pytest

    import pipeline.extract.pdf.page as pdf_page
    from pipeline.extract.pdf_tables import read_pdf_tables
    from generators.annex_pdf import Layout, TableSpec, write_pdf

    spec = TableSpec(title=(), header_rows=(("Activity", "Date"),), rows=(("Review", "May"),))
    path = write_pdf(spec, Layout(), tmp_path / "ok.pdf")

    def broken(*args, **kwargs):
        raise NameError("name 'oops' is not defined")

    monkeypatch.setattr(pdf_page, "find_ruled_tables", broken)  # a step of our analysis
    with pytest.raises(NameError, match="oops"):
        read_pdf_tables(path.read_bytes(), "ok.pdf")


def _board_paper(tmp_path, ruled: bool):
    """A board paper (generators.board_paper) whose logo is text beside the heading."""
    from generators.annex_pdf import TableSpec
    from generators.board_paper import write_board_paper

    rows = [(f"Review {i}", f"{i} May", "Councils", "growth") for i in range(1, 46)]
    spec = TableSpec(title=(), header_rows=(("Activity", "Date", "Audience", "Link"),), rows=tuple(rows))
    path = write_board_paper(spec, tmp_path / "board.pdf", ruled=ruled, logo="text", widths=(190, 100, 120, 70))
    return path, rows


def test_unruled_board_paper_annex_not_merged_with_report_text(tmp_path):
    """Issue 4/9 A1: report text, a running header and a small table on the annex's first page
    were read with the annex rows as one 2-column table, so only page 2's rows were published."""
    from pipeline.core.model import LineKind
    from pipeline.extract.pdf_tables import read_pdf_tables

    path, rows = _board_paper(tmp_path, ruled=False)
    tables = read_pdf_tables(path.read_bytes(), path.name)
    annex = tables[-1]
    assert annex.pages == (1, 2)
    assert [line.cells for line in annex.lines if line.kind is LineKind.BODY] == rows


def test_board_paper_heading_beside_a_logo_is_not_a_table(tmp_path):
    """Issue 4/9 A4: an 18 pt heading (word spaces as wide as cell padding) beside a logo, under
    a running header, was returned as a table of its own."""
    from pipeline.extract.pdf_tables import read_pdf_tables

    path, rows = _board_paper(tmp_path, ruled=True)
    tables = read_pdf_tables(path.read_bytes(), path.name)
    assert [t.pages for t in tables] == [(1,), (1, 2)]
    assert not any("Culture, Tourism" in cell for t in tables for line in t.lines
                   if line.kind.value != "note" for cell in line.cells)


@pytest.mark.parametrize("title_on_every_page", [True, False], ids=["running-title", "title-on-page-1"])
def test_libreoffice_plan_header_repeated_on_page_2_keeps_its_activities(make_release, tmp_path, title_on_every_page):
    """Issue 12 failure 1: an unruled plan laid out by LibreOffice over two pages, its header row
    padded below and repeated on page 2. The repeated header was taken as page furniture (the
    same text at the same height, set apart from the body), page 2 became a table of no known
    family and its activities and totals block were dropped with a warning, or (the title in
    the page header, so page 1's header at the same height too) the release was refused. Every
    activity must be published and the accounting count every line the paper prints."""
    from pipeline.flow import process_release
    from generators.annex_pdf import write_pdf
    from generators.board_paper import two_page_plan

    spec, layout = two_page_plan(40, title_on_every_page=title_on_every_page)
    pdf = write_pdf(spec, layout, tmp_path / "plan.pdf").read_bytes()
    folder = make_release("r1", {"plan.pdf": pdf}, {"title": "r1", "financial_year": "2016/17",
                                                    "documents": [{"file": "plan.pdf"}]})
    result = process_release(folder, tmp_path / "staged", tmp_path / "curated", data_docs=False)
    assert result.ok, result.error
    activities = result.tables["activities"].to_pylist()
    expected = [row for row in spec.rows if row[0] != "TOTALS" and "days of" not in row[0]]
    assert [(a["activity"], a["date_text"], a["audience_text"], a["business_plan_link"]) for a in activities] == expected
    assert {a["source_page"] for a in activities} == {1, 2}
    assert result.tables["rejects"].num_rows == 0
    # what the paper prints: the title (in the page header: on both pages), the header and its
    # repeat, one row per activity, the two totals lines and the key
    titles = 2 if title_on_every_page else 1
    (account,) = result.accounting()
    assert account["input_lines"] == titles + 2 + len(expected) + 2 + 1
    assert (account["data_rows"], account["continuation_lines"], account["rejected_lines"]) == (len(expected), 0, 0)
    assert account["classified_lines"] == titles + 2 + 2 + 1 and account["balanced"]
    # the totals block was read: its statement checked against the activities' days
    (stated,) = [c for c in result.checks if c["check"] == "stated_total" and "days" in c["subject"]]
    assert stated["outcome"] == "match" and stated["stated"] == float(spec.rows[-1][0].split()[0])


def test_table_of_no_known_family_beside_the_annex_is_not_dropped_by_a_warning():
    """Issue 12: a table of no known family in a document holding a family table was left out
    with one warning ("ignored a table: holds no table of a known family"): its rows appeared
    nowhere, and the row accounting, counting only the family table's lines, still balanced.
    A page of the annex the reader did not join to the page before (no header printed on it, so
    its first activity was taken for its header) was lost the same way."""
    from pathlib import Path

    from pipeline.core.model import LineKind, LogicalTable, SourceRow
    from pipeline.families import Role, read_document
    from pipeline.flow import ReleaseResult

    def row(cells, page, kind=LineKind.BODY):
        boxes = tuple((50.0 + 120 * i, 0.0, 90.0 + 120 * i, 10.0) if c else None for i, c in enumerate(cells))
        return SourceRow(tuple(cells), page, boxes=boxes, kind=kind)

    def table(*lines):
        return LogicalTable("paper.pdf", tuple(lines), pages=tuple(sorted({line.page for line in lines})))

    budget = table(row(("Budget line", "Amount"), 1, LineKind.HEADER), row(("Venues", "12,000"), 1))
    page_1 = table(row(("Activity", "Date", "Target audience", "Link to business plan"), 1, LineKind.HEADER),
                   row(("Peer review (2 days)", "May", "Individual council", "growth"), 1))
    page_2 = table(row(("Academy (2 days)", "June", "PHs (15)", "growth"), 2, LineKind.HEADER),
                   row(("Seminar (1 day)", "July", "PHs (25)", "growth"), 2), row(("TOTALS", "", "", ""), 2),
                   row(("5 days of improvement activity", "", "", ""), 2))
    read = read_document([budget, page_1, page_2])
    assert [r.cells["activity"] for t in read.tables for r in t.rows] == [
        "Peer review (2 days)", "Academy (2 days)", "Seminar (1 day)"]
    assert [line.reason for t in read.tables for line in t.lines if line.role is Role.REJECT] == [
        "table 1 (page 1, columns: Budget line | Amount) is of no known family"] * 2
    (account,) = ReleaseResult("r1", Path("r1"), documents=list(read.tables)).accounting()
    assert (account["input_lines"], account["data_rows"], account["rejected_lines"], account["classified_lines"]) == (8, 3, 2, 3)
    assert account["balanced"]
    # a table left out again would now show: the document's lines are counted by the reader
    (short,) = ReleaseResult("r1", Path("r1"), documents=list(read.tables[1:])).accounting()
    assert short["input_lines"] == 8 and not short["balanced"]


# Real-world PDF failures (issue 12: ICDAR 2013 eu-001 and report pages), each on a page drawn by
# tests/generators/styled_pdf.py from the rows written here: the expected cells are the
# specification, not an earlier reading.

_THRESHOLDS = (
    ("Pollutant", "Releases to air\n(kg/year)", "Releases to water\n(kg/year)", "Releases to land\n(kg/year)"),
    ("Arsenic and compounds\n(as As)", "20", "5", "5"),
    ("Benzene", "1000", "200\n(as BTEX)", "-"),
    ("Cadmium and compounds\n(as Cd)", "10", "5", "5"),
)


def _eu001_table(**style):
    from generators.styled_pdf import StyledTable

    return StyledTable(**{"widths": (150.0, 110.0, 110.0, 117.0), "header": _THRESHOLDS[:1],
                          "body": _THRESHOLDS[1:], "rules": "bars", "cell_fill": "#ffcc99",
                          "title": "THRESHOLD FOR RELEASES", **style})


def _styled_tables(*blocks):
    from pipeline.extract.pdf_tables import read_pdf_tables
    from generators.styled_pdf import Page, build_pdf

    return read_pdf_tables(build_pdf([Page(tuple(blocks))]), "styled.pdf")


def _drawn_rows(table):
    """Rows inside the drawn table (title, header, body), in reading order."""
    return [line.cells for line in table.lines if line.kind.value in ("title", "header", "body")]


@pytest.mark.parametrize("rules", ["bars", "segments"])
def test_cell_shading_edges_are_not_column_rulings(rules):
    """4-column ruled table read with 11 columns because cell shading edges were taken as
    rulings: eu-001 draws its rules as 0.6 pt filled bars and paints each cell twice (a fill
    between the rules, and one per text line inset 5.2 pt); every fill edge became a column
    boundary (12 columns here, cells scattered over them, "Cadmium" shifted a column right)."""
    spec = _eu001_table(rules=rules)
    (table,) = _styled_tables(spec)
    assert table.width == 4
    assert _drawn_rows(table) == spec.expected()


def test_spanning_title_row_inside_the_grid_is_kept_and_printed_first():
    """Spanning title row THRESHOLD FOR RELEASES lost: the row drawn inside the ruled grid above
    the header was classed as a note (text outside the table), so `annex tables` left it out."""
    from pipeline.cli.tables import table_rows
    from pipeline.core.model import LineKind

    spec = _eu001_table()
    (table,) = _styled_tables(spec)
    assert [line.kind for line in table.lines][:2] == [LineKind.TITLE, LineKind.HEADER]
    assert [tuple(r["cells"]) for r in table_rows(table)] == spec.expected()
    assert table_rows(table)[0]["cells"] == ["THRESHOLD FOR RELEASES", "", "", ""]


def test_bulleted_list_is_not_a_two_column_table():
    """A bulleted list read as a 2-column table: the bullets lined up as a first column beside
    the item text (eu-001's prose). Alone on a page it is no table; beside a table it stays out."""
    from generators.styled_pdf import BulletList, Heading, StyledTable

    items = BulletList(("Libraries peer reviews in four councils, with a written report to each council",
                        "Sport action learning sets", "Heritage seminar for members"))
    with pytest.raises(DocumentError, match="no table found"):
        _styled_tables(Heading("What we did"), items)
    spec = StyledTable(widths=(200.0, 100.0), header=(("Review", "Councils"),),
                       body=(("Libraries", "4"), ("Sport", "6")), rules="lines")
    (table,) = _styled_tables(items, spec)
    assert _drawn_rows(table) == spec.expected()


def test_justified_paragraphs_are_not_a_table_of_words():
    """Justified paragraphs read as tables with a column per word: 9 pt text justified to
    300 pt widens its word spaces past cell padding (4 pt), so each word was a phrase and the
    paragraphs a 6-column table."""
    from generators.styled_pdf import PARAGRAPHS, Prose

    with pytest.raises(DocumentError, match="no table found"):
        _styled_tables(Prose(PARAGRAPHS, width=300, size=9.0, justify=True))


def test_chart_axis_labels_are_not_a_table():
    """Chart axis labels read as a table: tick numbers, data labels beside the plotted points
    and year labels lined up in columns, with the sideways axis title broken into letters as a
    first column ("de s ae l e r"). Slanted strokes and sideways words mark a figure."""
    from generators.styled_pdf import Chart, Heading

    chart = Chart(("2011", "2012", "2013", "2014", "2015"), (12, 18, 15, 27, 31), (0, 10, 20, 30, 40))
    with pytest.raises(DocumentError, match="no table found"):
        _styled_tables(Heading("Figure 3: releases to air"), chart)


def _canvas_pdf(draw) -> bytes:
    """A one-page A4 PDF drawn by `draw(canvas, text)`, where text(x, top, s) sets 9 pt
    Helvetica with its top at `top` points from the top of the page."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as pdf_canvas

    out = io.BytesIO()
    c = pdf_canvas.Canvas(out, pagesize=A4, invariant=1)
    c.setFont("Helvetica", 9)

    def text(x: float, top: float, s: str) -> None:
        c.drawString(x, A4[1] - top - 9, s)

    def rule(x0: float, t: float, x1: float, b: float) -> None:
        c.line(x0, A4[1] - t, x1, A4[1] - b)

    draw(text, rule)
    c.showPage()
    c.save()
    return out.getvalue()


def test_rows_ruled_only_above_and_below_keep_their_columns():
    """eu-018: a fully ruled header over body rows ruled only above and below (no vertical
    rules in the body) came out with each body row as one cell, "Austria Single 25g 109 0.9"
    in the first column and every other column empty."""
    from pipeline.extract.pdf_tables import read_pdf_tables

    xs = (60.0, 160.0, 240.0, 320.0)
    header = ("Country", "Sample unit", "Sample size")
    body = (("Austria", "Single", "25g"), ("Germany", "Single", "25g"), ("Spain", "Pooled", "10g"))

    def draw(text, rule):
        ys = [100.0 + 16 * k for k in range(len(body) + 2)]
        for y in ys:
            rule(xs[0], y, xs[-1], y)
        for x in xs:  # vertical rules in the header row only
            rule(x, ys[0], x, ys[1])
        for row, top in zip((header, *body), ys):
            for cell_text, x in zip(row, xs):
                text(x + 4, top + 3, cell_text)

    (table,) = read_pdf_tables(_canvas_pdf(draw), "eu018-like.pdf")
    assert _drawn_rows(table) == [header, *body]


def test_block_of_figures_in_one_ruled_row_is_read_row_by_row():
    """eu-008: a ruled table whose body is one ruled row holding a column of countries beside
    columns of figures, no rules between the lines, came out as one row of stacked text
    ("Bulgaria Cyprus Czech Republic" | "2.3 0.21 8.8")."""
    from pipeline.extract.pdf_tables import read_pdf_tables

    xs = (60.0, 200.0, 300.0, 400.0)
    header = ("Country", "Cohesion Fund", "Total")
    body = (("Bulgaria", "2.3", "5.5"), ("Cyprus", "0.21", "0.21"), ("Czech Republic", "8.8", "22.2"),
            ("Estonia", "1.1", "3.0"))
    total = ("TOTAL", "12.41", "30.91")

    def draw(text, rule):
        top, line_gap = 100.0, 12.0
        ys = [top, top + 16, top + 16 + line_gap * len(body) + 4, top + 16 + line_gap * len(body) + 20]
        for y in ys:
            rule(xs[0], y, xs[-1], y)
        for x in xs:
            rule(x, ys[0], x, ys[-1])
        for cell_text, x in zip(header, xs):
            text(x + 4, top + 3, cell_text)
        for n, row in enumerate(body):
            for cell_text, x in zip(row, xs):
                text(x + 4, ys[1] + 3 + line_gap * n, cell_text)
        for cell_text, x in zip(total, xs):
            text(x + 4, ys[2] + 3, cell_text)

    (table,) = read_pdf_tables(_canvas_pdf(draw), "eu008-like.pdf")
    assert _drawn_rows(table) == [header, *body, total]


def test_caption_of_the_next_table_is_not_a_row_of_the_table_above():
    """eu-012: "Table 4: Employment rates" at the top of a page was read as the last row of the
    table before it (a continuation), so the next table lost its caption and a one-row table
    was reported on that page."""
    from pipeline.extract.pdf.layout import Word, text_lines
    from pipeline.extract.pdf.page import PageText, page_items
    from pipeline.extract.pdf.pieces import PageNote, PageTable
    from pipeline.extract.pdf.settings import TableSettings

    settings = TableSettings()

    def words_of(top: float, *cells: tuple[str, float]) -> list[Word]:
        out = []
        for cell_text, x in cells:
            for part in cell_text.split():
                out.append(Word(part, x, x + 5 * len(part), top, top + 9, 9.0))
                x += 5 * len(part) + 2.5
        return out

    words = [*words_of(100, ("Table 4:", 60), ("Employment rates", 120)),
             *words_of(114, ("Year", 60), ("Finland", 160), ("EU-15", 260)),
             *words_of(126, ("1995", 60), ("59.0", 160), ("60.1", 260)),
             *words_of(138, ("2000", 60), ("64.2", 160), ("63.4", 260))]
    items = page_items(PageText(5, (), tuple(text_lines(words, settings)), ()), set(), settings)
    assert isinstance(items[0], PageNote) and items[0].line.text == "Table 4: Employment rates"
    (table,) = [item for item in items if isinstance(item, PageTable)]
    assert [row.cells for row in table.rows] == [("Year", "Finland", "EU-15"), ("1995", "59.0", "60.1"),
                                                 ("2000", "64.2", "63.4")]


# Issue 12 failures 2 and 3: delivery trackers drawn as other people's documents draw them, by
# tests/generators/tracker_pdf.py from the deliverables written out there (the seed's Annex B
# typed in by hand): what is published is compared with that specification.


def _publish_tracker(make_release, tmp_path, pdf: bytes):
    from pipeline.flow import process_release

    folder = make_release("r1", {"tracker.pdf": pdf}, {"title": "r1", "documents": [{"file": "tracker.pdf"}]})
    result = process_release(folder, tmp_path / "staged", tmp_path / "curated", data_docs=False)
    assert result.ok, result.error
    return result


def _assert_tracker_published(result, deliverables, tables):
    """Every deliverable with its theme, target, quarters, total and % achieved; each total
    checked against its quarters; the accounting counts every line the paper prints."""
    from generators.tracker_pdf import FINANCIAL_YEAR

    published = result.tables["deliverables"].to_pylist()
    assert [(d["theme"], d["deliverable"], d["target"], d["total"], d["pct_achieved"], d["commentary"])
            for d in published] == [
        (d.theme, d.deliverable, d.target, d.total, float(d.pct.rstrip("%")), d.commentary or None)
        for d in deliverables]
    assert {d["financial_year"] for d in published} == {FINANCIAL_YEAR}
    quarters = result.tables["deliverable_quarters"].to_pylist()
    by_id = {d["deliverable_id"]: d["deliverable"] for d in published}
    assert [(by_id[q["deliverable_id"]], q["quarter"], q["value_text"]) for q in quarters] == [
        (d.deliverable, n, text) for d in deliverables for n, text in enumerate((d.q1, d.q2, "", ""), start=1)]
    totals = [c for c in result.checks if c["check"] == "quarters_vs_total"]
    assert len(totals) == len(deliverables)
    assert all(c["outcome"] in ("additive", "cumulative") for c in totals), totals
    assert result.tables["rejects"].num_rows == 0
    # the paper prints: the heading, each part's header rows, one row per theme (on page 2 too
    # when a theme opens it) and one per deliverable
    header_rows = sum(len(t.header) for t in tables)
    theme_rows = sum(sum(1 for row in t.body if row[0]) for t in tables)
    (account,) = result.accounting()
    assert account["input_lines"] == 1 + header_rows + theme_rows + len(deliverables)
    assert (account["data_rows"], account["continuation_lines"], account["rejected_lines"]) == (len(deliverables), 0, 0)
    assert account["classified_lines"] == 1 + header_rows + theme_rows and account["balanced"]


@pytest.mark.parametrize("bold_themes", [True, False], ids=["bold-themes", "plain-themes"])
@pytest.mark.parametrize("split_before", [12, 11], ids=["theme-opens-page-2", "theme-runs-on"])
def test_banded_tracker_with_spanning_theme_rows_publishes_every_deliverable(make_release, tmp_path,
                                                                             bold_themes, split_before):
    """Issue 12 failure 2: a tracker with no ruling lines at all, alternate rows filled grey, the
    header on a fill and each theme printed as a row spanning the full width, over two pages
    (header repeated). Each theme row started a new table with fewer columns and no
    deliverable came out (the release was refused). Every deliverable must be published under
    its theme, with its quarters and total."""
    from pipeline.core.model import LineKind
    from pipeline.extract.pdf_tables import read_pdf_tables
    from generators.tracker_pdf import DELIVERABLES, HEADER, banded_tracker

    pdf, tables = banded_tracker(split_before=split_before, bold_themes=bold_themes)
    # the two header rows as printed: "Number delivered per quarter" over Q1..Q4, not glued to
    # Q1's label as the first line of one cell
    (table,) = read_pdf_tables(pdf, "tracker.pdf")
    assert [line.cells for line in table.lines if line.kind is LineKind.HEADER] == list(HEADER)
    result = _publish_tracker(make_release, tmp_path, pdf)
    _assert_tracker_published(result, DELIVERABLES, tables)
    assert {d["source_page"] for d in result.tables["deliverables"].to_pylist()} == {1, 2}


@pytest.mark.parametrize("bold_themes", [True, False], ids=["bold-themes", "plain-themes"])
def test_thin_bar_tracker_theme_row_under_the_header_is_not_a_header_row(make_release, tmp_path, bold_themes):
    """Issue 12 failure 3: a tracker in 7 pt type, cell borders as thin filled rectangles, no
    repeated header on page 2, the first row under the two (bold) header rows a (bold) theme row.
    The theme row was read as a third header row: the header was refused as drifted, or (its
    label "Theme Peer Work in Local Authorities" still naming the theme column) the first
    theme's deliverables were published with no theme and the theme row counted as header."""
    from pipeline.core.model import LineKind
    from pipeline.extract.pdf_tables import read_pdf_tables
    from generators.tracker_pdf import DELIVERABLES, HEADER, thin_bar_tracker

    pdf, tables = thin_bar_tracker(bold_themes=bold_themes)
    (table,) = read_pdf_tables(pdf, "tracker.pdf")
    assert [line.cells for line in table.lines if line.kind is LineKind.HEADER] == list(HEADER)
    result = _publish_tracker(make_release, tmp_path, pdf)
    _assert_tracker_published(result, DELIVERABLES, tables)


def test_year_out_of_range_is_named_in_the_activity_flags():
    """A date cell with a written year outside 1900-2099 ("12 May 3015") is refused by the date
    normaliser with the reason year_out_of_range, but the activities table said only
    date_unreadable: the analyst could not tell a typo in the year from an unreadable cell."""
    from pipeline.core.fiscal import FinancialYear
    from pipeline.normalise.tables import activity_records

    dump = ("Activity\tDate\tTarget audience\tLink to business plan\nA (1 day)\t12 May 3015\tPHs\tgrowth\n"
            "B (1 day)\tsoonish\tPHs\tgrowth\n")
    records = activity_records(_family_table(dump), "r", FinancialYear.parse("2015/16"))
    assert [(r["date_start"], r["flags"]) for r in records] == [
        (None, ["date_unreadable", "date_year_out_of_range"]), (None, ["date_unreadable"])]


def test_ruled_row_split_over_a_page_break_keeps_its_tail():
    """Word lets a table row break across pages: the top of the next page held the rest of one
    deliverable ("their management layers and spans") in a ruled row with text in one column
    only, which was read as a framed paragraph and left out of the table (the deliverable ended
    "... reduce")."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as pdf_canvas

    from pipeline.extract.pdf_tables import read_pdf_tables

    xs = (60.0, 140.0, 400.0, 460.0)
    rows_page_1 = (("Theme", "Deliverables", "Target"), ("Workforce", "Support at least 15 councils", "15"),
                   ("", "Roll out tools to help review and reduce", "10"))
    out = io.BytesIO()
    c = pdf_canvas.Canvas(out, pagesize=A4, invariant=1)

    def grid(rows, top):
        ys = [top + 16 * k for k in range(len(rows) + 1)]
        for y in ys:
            c.line(xs[0], A4[1] - y, xs[-1], A4[1] - y)
        for x in xs:
            c.line(x, A4[1] - ys[0], x, A4[1] - ys[-1])
        c.setFont("Helvetica", 9)
        for row, y in zip(rows, ys):
            for text, x in zip(row, xs):
                c.drawString(x + 4, A4[1] - y - 12, text)

    grid(rows_page_1, 700.0)  # the table ends at the foot of page 1
    c.showPage()
    grid((("", "their management layers and spans", ""),), 60.0)
    c.showPage()
    c.save()
    (table,) = read_pdf_tables(out.getvalue(), "split-row.pdf")
    assert [(line.page, line.cells) for line in table.body] == [
        (1, rows_page_1[1]), (1, rows_page_1[2]), (2, ("", "their management layers and spans", ""))]


def test_theme_row_opening_a_page_of_a_horizontally_ruled_table_is_kept(tmp_path):
    """A tracker ruled horizontally, with no repeated header: the theme row "Strong Local
    Economies" opening page 3 starts left of the page's first filled column, so it was taken
    as a note above the table and its deliverables were published under the theme before."""
    from pipeline.extract.pdf_tables import read_pdf_tables
    from generators.annex_pdf import Layout, write_pdf
    from generators.seed_specs import TRACKER

    first_of_theme = next(i for i, row in enumerate(TRACKER.rows) if row[0] == "Strong Local Economies")
    layout = Layout(rules="horizontal", repeat_header=False, landscape=True, page_break_before=(first_of_theme,))
    pdf = write_pdf(TRACKER, layout, tmp_path / "t.pdf").read_bytes()
    (table,) = read_pdf_tables(pdf, "t.pdf")
    rows = [line.cells for line in table.body]
    at = rows.index(tuple(TRACKER.rows[first_of_theme]))
    assert rows[at + 1][1] == TRACKER.rows[first_of_theme + 1][1]


def _eu018_unruled(text, rule):
    """eu-018 with its rulings removed: each year centred over its "n" and "% Pos" columns
    (narrower than the two, reaching just into both), header cells centred in their rows (the
    header's lines overlap), and body rows that all fill the same columns, a little further
    apart than leading."""
    del rule
    for x, year in ((210.0, "2007"), (290.0, "2006")):
        text(x, 100.0, year)
    text(120.0, 105.0, "Sample")
    text(60.0, 110.0, "Country")
    text(120.0, 115.0, "unit")
    for x in (200.0, 280.0):
        text(x, 121.0, "n")
        text(x + 25.0, 121.0, "% Pos")
    for k, (country, a, b, c, d) in enumerate((("Austria", "109", "0.9", "93", "1.1"),
                                               ("Germany", "123", "0.8", "290", "0.7"),
                                               ("Spain", "36", "0", "40", "0"))):
        top = 140.0 + 14.0 * k
        text(60.0, top, country)
        text(120.0, top, "Single")
        for x, value in zip((200.0, 230.0, 280.0, 310.0), (a, b, c, d)):
            text(x, top, value)


def test_unruled_year_centred_over_two_columns_spans_them_and_body_rows_stay_rows():
    """eu-018 without its rulings: "2007" centred over "n" and "% Pos" joined the two columns
    into one ("109 0.9"), and the gap under the header, the only certain row break, was taken
    for the padding of rows, so every body row was joined into one."""
    from pipeline.extract.pdf_tables import read_pdf_tables

    (table,) = read_pdf_tables(_canvas_pdf(_eu018_unruled), "eu018-unruled.pdf")
    assert _drawn_rows(table) == [
        ("Country", "Sample unit", "2007", "", "2006", ""),
        ("", "", "n", "% Pos", "n", "% Pos"),
        ("Austria", "Single", "109", "0.9", "93", "1.1"),
        ("Germany", "Single", "123", "0.8", "290", "0.7"),
        ("Spain", "Single", "36", "0", "40", "0"),
    ]


def test_unruled_tables_stacked_under_larger_bold_titles_are_separate_tables():
    """eu-001 and eu-025 without their rulings: tables stacked on a page, each under a title set
    in a larger bold font ("Other gases", "Heavy metals") no further from the rows above than
    a line and a half, were read as one table with the titles as rows."""
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as pdf_canvas

    from pipeline.extract.pdf_tables import read_pdf_tables

    out = io.BytesIO()
    c = pdf_canvas.Canvas(out, pagesize=A4, invariant=1)

    def text(x: float, top: float, s: str, font: str = "Helvetica", size: float = 8.0) -> None:
        c.setFont(font, size)
        c.drawString(x, A4[1] - top - size, s)

    tables = {"Greenhouse gases": (("Carbon dioxide", "100 million", "-"), ("Methane", "100 000", "-")),
              "Other gases": (("Ammonia", "10 000", "-"), ("Halons", "1", "-"), ("Chlorine", "10 000", "-")),
              "Heavy metals": (("Arsenic", "20", "5"), ("Cadmium", "10", "5"))}
    top = 100.0
    for title, rows in tables.items():
        text(200.0, top, title, "Helvetica-Bold", 10.0)
        top += 22.0
        for row in (("", "to air", "to water"), *rows):
            for x, cell in zip((60.0, 200.0, 300.0), row):
                text(x, top, cell)
            top += 12.0
        top += 10.0
    c.showPage()
    c.save()
    found = read_pdf_tables(out.getvalue(), "stacked.pdf")
    assert [[cells[0] for cells in _drawn_rows(t) if cells[0]] for t in found] == [
        [row[0] for row in rows] for rows in tables.values()]
