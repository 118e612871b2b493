"""Issue 14: `annex tables FILE` reads Word and Excel files with the same JSON contract as PDFs
(pages: Word table ordinals, Excel sheet positions; "skipped" names hidden rows and columns), and
refuses the PDF-only options and broken files with exit code 2."""

from __future__ import annotations

import csv
import json

from pipeline.cli import main
from generators.office_docs import Sheet, WordDocument, WordTable, write_docx, write_xlsx

PLAN = (("Activity", "Date", "Target audience"), ("Seminar A (1 day)", "1 May", "PHs (5)"),
        ("Seminar B (2 days)", "3/4 June", "Officers"))


def test_xlsx_json_pages_are_sheet_positions_and_hidden_rows_are_said(tmp_path, capsys):
    path = tmp_path / "plan.xlsx"
    rows = PLAN + (("Hidden seminar", "9 May", "Nobody"),)
    path.write_bytes(write_xlsx([Sheet("Cover", (("Board paper",),)), Sheet("Plan", rows, hidden_rows=(3,))]))
    assert main(["tables", str(path)]) == 0
    cover, plan = json.loads(capsys.readouterr().out)["tables"]
    assert cover == {"pages": [1], "header_rows": 0, "rows": []}  # a note is not a row of a table
    assert plan["pages"] == [2]
    assert plan["header_rows"] == 1
    assert [r["cells"] for r in plan["rows"]] == [list(r) for r in PLAN]
    assert {r["page"] for r in plan["rows"]} == {2}
    assert plan["skipped"] == ["sheet 'Plan': 1 hidden row(s) (4) not read"]


def test_docx_csv_one_file_per_table(tmp_path):
    path = tmp_path / "plan.docx"
    path.write_bytes(write_docx(WordDocument(["Annex C", WordTable(PLAN)])))
    assert main(["tables", str(path), "--format", "csv", "--output", str(tmp_path / "out")]) == 0
    with open(tmp_path / "out" / "table-1.csv", encoding="utf-8", newline="") as handle:
        assert [tuple(r) for r in csv.reader(handle)] == list(PLAN)


def test_pdf_only_options_are_refused_for_word(tmp_path, capsys):
    path = tmp_path / "plan.docx"
    path.write_bytes(write_docx(WordDocument([WordTable(PLAN)])))
    assert main(["tables", str(path), "--pages", "1"]) == 2
    assert "--pages applies to PDFs only" in capsys.readouterr().err


def test_word_without_table_exits_2_naming_file_and_cause(tmp_path, capsys):
    path = tmp_path / "notes.docx"
    path.write_bytes(write_docx(WordDocument(["No table here."])))
    assert main(["tables", str(path)]) == 2
    err = capsys.readouterr().err
    assert "notes.docx: the Word document has no table" in err and "fix:" in err
