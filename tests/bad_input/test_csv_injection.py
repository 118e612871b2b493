"""Issue 25 item 5: CSV written for people to open neutralises cells a spreadsheet would run as
formulas (OWASP "CSV Injection": a single quote before a cell starting with =, +, -, @, tab or
carriage return); Parquet and JSON keep the text exactly."""

from __future__ import annotations

import csv
import json

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from pipeline.cli import main
from pipeline.cli.diff import write_diff
from pipeline.core.csv_safe import neutralised, neutralised_table
from generators.office_docs import Sheet, write_xlsx

HYPERLINK = '=HYPERLINK("http://example.invalid/x","Click")'
DANGEROUS = [HYPERLINK, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]


def test_each_formula_start_is_quoted_and_other_text_is_not():
    for text in DANGEROUS:
        assert neutralised(text) == "'" + text
    for text in ("Officer peer training (1 day)", "21 May", "", "a=b", "'quoted", "PHs (15)"):
        assert neutralised(text) == text


def test_annex_tables_csv_quotes_a_formula_from_a_document_and_json_keeps_it(tmp_path, capsys):
    rows = (("Activity", "Date", "Target audience", "Link to business plan"),
            (HYPERLINK, "21 May", "@PHs (10)", "growth"))
    path = tmp_path / "plan.xlsx"
    path.write_bytes(write_xlsx([Sheet("Plan", rows)]))
    assert main(["tables", str(path), "--format", "csv", "--output", str(tmp_path / "out")]) == 0
    with open(tmp_path / "out" / "table-1.csv", newline="", encoding="utf-8") as f:
        written = list(csv.reader(f))
    assert written[1] == ["'" + HYPERLINK, "21 May", "'@PHs (10)", "growth"]
    capsys.readouterr()
    assert main(["tables", str(path)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["tables"][0]["rows"][1]["cells"] == list(rows[1])


def test_annex_diff_csv_quotes_text_columns_and_parquet_keeps_them(tmp_path):
    diff = pa.table({"change": ["added", "removed"], "item": [HYPERLINK, "-5 days"], "row_b": [2, None]})
    write_diff(diff, tmp_path / "changes.csv")
    write_diff(diff, tmp_path / "changes.parquet")
    read = pa_csv.read_csv(tmp_path / "changes.csv")
    assert read.column("item").to_pylist() == ["'" + HYPERLINK, "'-5 days"]
    assert read.column("row_b").to_pylist() == [2, None]  # numbers are not text: as they are
    assert pq.read_table(tmp_path / "changes.parquet").column("item").to_pylist() == [HYPERLINK, "-5 days"]
    assert neutralised_table(diff).column("change").to_pylist() == ["added", "removed"]
