"""`annex tables`: the JSON contract, CSV files, page ranges and errors as exit codes."""

from __future__ import annotations

import csv
import json

from pipeline.cli import main
from generators.annex_pdf import Layout, TableSpec, write_pdf

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


def test_pdf_source_option_reads_the_same_table_with_pdfminer(tmp_path, capsys):
    pdf = write_pdf(SPEC, Layout(rows_per_page=10), tmp_path / "plan.pdf")
    assert main(["tables", str(pdf), "--pdf-source", "pdfminer"]) == 0
    (table,) = json.loads(capsys.readouterr().out)["tables"]
    assert table["pages"] == [1, 2, 3]
    assert [r["cells"] for r in table["rows"][1:]] == [list(r) for r in SPEC.rows]


def test_csv_writes_one_file_per_table(tmp_path):
    pdf = write_pdf(SPEC, Layout(ruled=False), tmp_path / "plan.pdf")
    assert main(["tables", str(pdf), "--format", "csv", "--output", str(tmp_path / "out")]) == 0
    with open(tmp_path / "out" / "table-1.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["Activity", "Date", "Target audience"]
    assert rows[1:] == [list(r) for r in SPEC.rows]


def test_csv_without_output_goes_to_stdout(tmp_path, capsys):
    """Issue 22: `annex tables --format csv` refused to write to standard output."""
    pdf = write_pdf(SPEC, Layout(ruled=False), tmp_path / "plan.pdf")
    capsys.readouterr()
    assert main(["tables", str(pdf), "--format", "csv"]) == 0
    rows = list(csv.reader(capsys.readouterr().out.splitlines()))
    assert rows[0] == ["Activity", "Date", "Target audience"]
    assert rows[1:] == [list(r) for r in SPEC.rows]


def test_output_with_json_and_bad_input_exit_2(tmp_path, capsys):
    pdf = write_pdf(SPEC, Layout(), tmp_path / "plan.pdf")
    assert main(["tables", str(pdf), "--output", str(tmp_path / "out")]) == 2
    assert "--output DIR is for --format csv" in capsys.readouterr().err
    assert main(["tables", str(pdf), "--pages", "x"]) == 2
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    assert main(["tables", str(tmp_path / "broken.pdf")]) == 2
    err = capsys.readouterr().err
    assert "broken.pdf" in err and "corrupt" in err


# --debug-image: the colours are the module's; where the table is comes from the PDF's own
# ruling lines (pdfplumber edges), not from the reader under test.

def _near(pixels, colour, tolerance=40):
    """Mask of pixels within `tolerance` of an RGB colour (the PNG is palette-quantised)."""
    import numpy as np

    return (np.abs(pixels.astype(int) - np.array(colour)) <= tolerance).all(axis=-1)


def test_debug_image_draws_each_page_with_its_table(tmp_path, capsys):
    import numpy as np
    import pdfplumber
    from PIL import Image

    from pipeline.extract.pdf.debug_image import COLUMN, RESOLUTION, ROW, TABLE

    pdf = write_pdf(SPEC, Layout(rows_per_page=10, repeat_header=True), tmp_path / "plan.pdf")
    out = tmp_path / "seen"
    assert main(["tables", str(pdf), "--debug-image", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["tables"], "the JSON output is still printed"
    assert sorted(p.name for p in out.iterdir()) == ["page-001.png", "page-002.png", "page-003.png"]
    scale = RESOLUTION / 72
    with pdfplumber.open(pdf) as doc:
        for number, page in enumerate(doc.pages, start=1):
            image = Image.open(out / f"page-{number:03d}.png")
            assert image.format == "PNG"
            assert abs(image.width - page.width * scale) <= 1 and abs(image.height - page.height * scale) <= 1
            pixels = np.asarray(image.convert("RGB"))
            # The table's area on this page: the extent of its ruling lines, in pixels.
            x0 = int(min(e["x0"] for e in page.edges) * scale) - 3
            x1 = int(max(e["x1"] for e in page.edges) * scale) + 3
            top = int(min(e["top"] for e in page.edges) * scale) - 3
            bottom = int(max(e["bottom"] for e in page.edges) * scale) + 3
            inside = pixels[top:bottom, x0:x1]
            # The red frame runs round the whole area (at least its perimeter in pixels), and
            # column and row lines are drawn inside it.
            assert _near(inside, TABLE).sum() >= 2 * ((x1 - x0) + (bottom - top)), f"page {number}: no table frame"
            assert _near(inside, COLUMN).sum() > bottom - top, f"page {number}: no column lines"
            assert _near(inside, ROW).sum() > x1 - x0, f"page {number}: no row lines"
            # Below the table (the notes, the blank page) nothing is framed as a table.
            assert not _near(pixels[bottom + 5 :], TABLE).any(), f"page {number}: table colour below the table"


def test_debug_image_written_when_no_table_is_found(tmp_path, capsys):
    """The images matter most when the command fails to find a table: they are written first."""
    import io

    import numpy as np
    from PIL import Image
    from reportlab.pdfgen import canvas

    from pipeline.extract.pdf.debug_image import NOTE, TABLE

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=1)
    page.drawString(72, 720, "A paragraph of report text and no table at all.")
    page.save()
    (tmp_path / "prose.pdf").write_bytes(buffer.getvalue())
    assert main(["tables", str(tmp_path / "prose.pdf"), "--debug-image", str(tmp_path / "seen")]) == 2
    assert "no table found" in capsys.readouterr().err
    pixels = np.asarray(Image.open(tmp_path / "seen" / "page-001.png").convert("RGB"))
    assert not _near(pixels, TABLE).any()
    # The line was seen, as text outside any table: its grey box is drawn.
    assert _near(pixels, NOTE, tolerance=10).any()


def test_debug_image_folder_that_is_a_file_exits_2(tmp_path, capsys):
    pdf = write_pdf(SPEC, Layout(), tmp_path / "plan.pdf")
    (tmp_path / "taken").write_text("")
    assert main(["tables", str(pdf), "--debug-image", str(tmp_path / "taken")]) == 2
    assert "--debug-image" in capsys.readouterr().err
