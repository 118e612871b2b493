"""Issue 20, item 5: a document's `table:` hints in release.yaml (pages, index, header_rows,
columns). Each test builds its document from rows typed here (reportlab for PDFs, python-docx
for Word), runs `annex run` in-process, and checks the published activities against the rows it
typed, or the refusal naming the hint that would fix it. Nothing is read back to make the
expected answers."""

from __future__ import annotations

import io
import os

import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.publish import partition_path
from generators.office_docs import WordDocument, WordTable, write_docx
from support import write_release_folder

RELEASE = "2016-17-q1"
PLAN_ROWS = (
    ("Housing academy (2 days)", "16/17 June", "Housing PHs (12)", "housing"),
    ("Sport peer review (1 day)", "3 May", "Individual council", "growth"),
    ("Culture seminar (1 day)", "12 July", "Culture PHs (15)", "growth"),
)
PLAN_HEADER = ("Activity", "Date", "Target audience", "Link to business plan")
# the header of a plan printed over two rows: "Target / audience", "Link to / business plan"
TWO_ROW_HEADER = (("Activity", "Date", "Target", "Link to"), ("", "", "audience", "business plan"))
BUDGET = (("Budget line", "Amount"), ("Venues", "12,000"), ("Travel", "3,000"))


def pdf(*tables: tuple[tuple[str, ...], ...], new_page: bool = False, bold_rows: int = 1) -> bytes:
    """A ruled PDF of the given tables (reportlab), each under a one-line title; `new_page`: each
    table after the first starts a page; `bold_rows`: leading rows set in bold (the header)."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    out = io.BytesIO()
    story = []
    for number, rows in enumerate(tables, start=1):
        if number > 1:
            story.append(PageBreak() if new_page else Spacer(1, 36))
        story.append(Paragraph(f"Table {number}", getSampleStyleSheet()["Heading2"]))
        table = Table([list(r) for r in rows])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                                   ("FONTNAME", (0, 0), (-1, bold_rows - 1), "Helvetica-Bold")]))
        story.append(table)
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build(story)
    return out.getvalue()


def run(tmp_path, capsys, monkeypatch, documents: dict[str, bytes], table: dict | None, file: str):
    """`annex run` of one release whose `file` carries the `table:` hint; (exit code, stderr
    on one line, published activities as (activity, date, audience, link) tuples, warnings)."""
    monkeypatch.setenv("COLUMNS", "1000")  # rich wraps at 80 columns when not on a terminal
    tmp_path = tmp_path / f"run-{len(list(tmp_path.iterdir()))}"  # each run a workspace of its own
    entries = [{"file": name, **({"table": table} if name == file and table else {})} for name in documents]
    write_release_folder(tmp_path / "raw" / RELEASE, documents,
                         {"title": "hints", "financial_year": "2016/17", "documents": entries})
    capsys.readouterr()
    code = main(["run", "--raw", str(tmp_path / "raw"), "--staged", str(tmp_path / "staged"),
                 "--curated", str(tmp_path / "curated"), "--params", os.devnull,
                 "--no-data-docs"])
    err = " ".join(capsys.readouterr().err.split())
    path = partition_path(tmp_path / "curated", "activities", RELEASE)
    rows = [] if not path.exists() else [
        (r["activity"], r["date_text"], r["audience_text"], r["business_plan_link"] or "")
        for r in pq.read_table(path).to_pylist()]
    return code, err, rows


@pytest.fixture
def release(tmp_path, capsys, monkeypatch):
    return lambda documents, table=None, file=None: run(tmp_path, capsys, monkeypatch, documents, table,
                                                        file or next(iter(documents)))


# --- header_rows ------------------------------------------------------------------------------


def test_header_rows_joins_a_two_row_header_the_pdf_reader_read_as_one(release):
    document = {"plan.pdf": pdf((*TWO_ROW_HEADER, *PLAN_ROWS))}
    code, err, rows = release(document)
    # without the hint: "Target" is no plan column, and the refusal names the hint
    assert code == 2 and rows == []
    assert "plan table header has unexpected column(s) 'Target' and missing column(s) 'Target audience'" in err
    assert 'in release.yaml add under this document table: {columns: {"Target": "Target audience"}}' in err
    code, err, rows = release(document, {"header_rows": 2})
    assert code == 0, err
    assert rows == list(PLAN_ROWS)


def test_header_rows_leaving_no_body_names_the_hint(release):
    code, err, rows = release({"plan.pdf": pdf((PLAN_HEADER, PLAN_ROWS[0]))}, {"header_rows": 2})
    assert code == 2 and rows == []
    assert "plan.pdf: table: header_rows 2 in release.yaml, but the table has 2 row(s): no body would be left" in err


# --- columns ----------------------------------------------------------------------------------


def test_columns_maps_a_differently_worded_header(release):
    header = ("Activity", "Planned for", "Who", "Link to business plan")
    document = {"plan.pdf": pdf((header, *PLAN_ROWS))}
    code, err, rows = release(document)
    assert code == 2 and rows == []
    # "Who" is a plan word for the audience; "Planned for" is not a date's
    assert "unexpected column(s) 'Planned for' and missing column(s) 'Date'" in err
    assert 'table: {columns: {"Planned for": "Date"}}' in err
    code, err, rows = release(document, {"columns": {"Planned for": "Date"}})
    assert code == 0, err
    assert rows == list(PLAN_ROWS)


def test_columns_naming_no_printed_header_is_refused(release):
    code, err, rows = release({"plan.pdf": pdf((PLAN_HEADER, *PLAN_ROWS))}, {"columns": {"Planned for": "Date"}})
    assert code == 2 and rows == []
    assert "table: columns in release.yaml names 'Planned for', which is no printed header of the document" in err
    assert "'Activity', 'Date', 'Target audience', 'Link to business plan'" in err


# --- pages and index --------------------------------------------------------------------------


def test_pages_reads_only_the_annex_pages_of_a_pdf(release):
    document = {"paper.pdf": pdf(BUDGET, (PLAN_HEADER, *PLAN_ROWS), new_page=True)}
    code, err, rows = release(document)
    # without the hint the budget table is kept as rejects, and the warning names both hints
    assert code == 0, err
    assert "table 1 (page 1, columns: Budget line | Amount) is of no known family: its 3 row(s) are in rejects" in err
    assert "if it is not, table: {index: 2} keeps the annex table alone" in err
    assert rows == list(PLAN_ROWS)
    code, err, rows = release(document, {"pages": "2"})
    assert code == 0, err
    assert "no known family" not in err
    assert rows == list(PLAN_ROWS)


def test_pages_beyond_the_pdf_names_the_hint(release):
    code, err, rows = release({"plan.pdf": pdf((PLAN_HEADER, *PLAN_ROWS))}, {"pages": "2-3"})
    assert code == 2 and rows == []
    assert "plan.pdf: table: pages '2-3' in release.yaml: page 3 does not exist (the PDF has 1 page(s))" in err


def test_index_keeps_one_table_of_several_on_a_page_and_says_so(release):
    document = {"paper.pdf": pdf(BUDGET, (PLAN_HEADER, *PLAN_ROWS))}
    code, err, rows = release(document, {"index": 2})
    assert code == 0, err
    assert "no known family" not in err
    assert "table(s) 1 of 2 left out: release.yaml keeps table 2 (table: index)" in err
    assert rows == list(PLAN_ROWS)


def test_index_beyond_the_tables_found_names_the_hint(release):
    code, err, rows = release({"paper.pdf": pdf(BUDGET, (PLAN_HEADER, *PLAN_ROWS))}, {"index": 3})
    assert code == 2 and rows == []
    assert "paper.pdf: table: index 3 in release.yaml, but 2 table(s) found" in err


def word(*tables: tuple[tuple[str, ...], ...]) -> bytes:
    blocks: list = []
    for number, rows in enumerate(tables, start=1):
        blocks += [f"Table {number}", WordTable(rows)]
    return write_docx(WordDocument(blocks))


def test_word_pages_are_table_ordinals(release):
    document = {"paper.docx": word(BUDGET, (PLAN_HEADER, *PLAN_ROWS))}
    code, err, rows = release(document, {"pages": "2"})
    assert code == 0, err
    assert "no known family" not in err
    assert rows == list(PLAN_ROWS)
    code, err, rows = release(document, {"pages": "3"})
    assert code == 2 and rows == []
    assert "paper.docx: table: pages '3' in release.yaml selects no table (tables are at 1, 2)" in err


def test_word_columns_and_index_together(release):
    header = ("Session", "Date", "Target audience", "Link to business plan")
    code, err, rows = release({"paper.docx": word(BUDGET, (header, *PLAN_ROWS))},
                              {"index": 2, "columns": {"Session": "activity"}})
    assert code == 0, err
    assert rows == list(PLAN_ROWS)


def test_pages_on_a_text_dump_is_refused(release):
    dump = "\t".join(PLAN_HEADER) + "\n" + "\n".join("\t".join(r) for r in PLAN_ROWS) + "\n"
    code, err, rows = release({"plan.txt": dump.encode()}, {"pages": "1"})
    assert code == 2 and rows == []
    assert "plan.txt: table: pages in release.yaml does not apply to a text dump" in err


# --- the manifest: hints are checked like every other key -------------------------------------


@pytest.mark.parametrize("table, expected", [
    ({"pagez": "1"}, "(line 6): documents[1]: table: unknown key(s): pagez fix: allowed keys are: pages, index, "
     "header_rows, columns"),
    ({"pages": "5-2"}, "(line 6): documents[1]: table: pages: bad page range '5-2': pages start at 1 and ranges go upwards"),
    ({"pages": "two"}, "documents[1]: table: pages: bad page range 'two'"),
    ({"index": 0}, "(line 6): documents[1]: table: index must be 1 or more, got 0 (read as a number)"),
    ({"header_rows": 11}, "(line 6): documents[1]: table: header_rows must be 1 to 10, got 11"),
    ({"columns": {"Who": "Nobody"}}, "documents[1]: table: columns: 'Nobody' is no family column "
     "fix: use a column of a family (plan: Target audience"),
    ({"columns": {}}, "documents[1]: table: columns is empty"),
    ("2-5", "(line 5): documents[1]: table must be a mapping (key: value), got '2-5'"),
])
def test_a_bad_hint_is_refused_naming_key_and_line(release, table, expected):
    code, err, rows = release({"plan.pdf": pdf((PLAN_HEADER, *PLAN_ROWS))}, table)
    assert code == 2 and rows == []
    assert f"{RELEASE}/release.yaml" in err
    assert expected in err
