"""`annex tables`: the JSON contract, CSV files, page ranges and errors as exit codes."""

from __future__ import annotations

import csv
import json

from pipeline.cli import main
from pipeline.testing.annex_pdf import Layout, TableSpec, write_pdf

SPEC = TableSpec(
    title=("Annex C plan",),
    header_rows=(("Activity", "Date", "Target audience"),),
    rows=tuple((f"Seminar {i} (1 day)", f"{i} May - completed", "Library PHs (25)") for i in range(1, 25)),
    notes=("KEY PH = portfolio holder",),
)


def test_json_has_header_rows_then_body_without_repeated_headers(tmp_path, capsys):
    pdf = write_pdf(SPEC, Layout(rows_per_page=10, repeat_header=True), tmp_path / "plan.pdf")
    assert main(["tables", str(pdf)]) == 0
    out = json.loads(capsys.readouterr().out)
    (table,) = out["tables"]
    assert set(table) == {"pages", "header_rows", "rows"}
    assert table["pages"] == [1, 2, 3]
    assert table["header_rows"] == 1
    assert table["rows"][0] == {"page": 1, "cells": ["Activity", "Date", "Target audience"]}
    assert [r["cells"] for r in table["rows"][1:]] == [list(r) for r in SPEC.rows]
    assert [r["page"] for r in table["rows"][10:12]] == [1, 2]


def test_pages_option(tmp_path, capsys):
    pdf = write_pdf(SPEC, Layout(rows_per_page=10), tmp_path / "plan.pdf")
    assert main(["tables", str(pdf), "--pages", "2-3"]) == 0
    (table,) = json.loads(capsys.readouterr().out)["tables"]
    assert table["pages"] == [2, 3]
    assert table["rows"][1]["cells"][0] == "Seminar 11 (1 day)"


def test_csv_writes_one_file_per_table(tmp_path):
    pdf = write_pdf(SPEC, Layout(ruled=False), tmp_path / "plan.pdf")
    assert main(["tables", str(pdf), "--format", "csv", "--output", str(tmp_path / "out")]) == 0
    with open(tmp_path / "out" / "table-1.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Activity", "Date", "Target audience"]
    assert rows[1:] == [list(r) for r in SPEC.rows]


def test_csv_needs_output_and_bad_input_exits_2(tmp_path, capsys):
    pdf = write_pdf(SPEC, Layout(), tmp_path / "plan.pdf")
    assert main(["tables", str(pdf), "--format", "csv"]) == 2
    assert "--output" in capsys.readouterr().err
    assert main(["tables", str(pdf), "--pages", "x"]) == 2
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    assert main(["tables", str(tmp_path / "broken.pdf")]) == 2
    err = capsys.readouterr().err
    assert "broken.pdf" in err and "corrupt" in err
