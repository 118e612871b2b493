"""Issue 25 item 6: the smaller defects of the hostile-input audit, one test each."""

from __future__ import annotations

import io
import json
import os
import sys
import warnings
import zipfile

import pytest

from pipeline.cli import main
from pipeline.cli.progress import JsonReporter
from pipeline.core.errors import MAX_CAUSE_CHARS, AnnexError, DocumentError
from pipeline.core.model import Document, DocumentKind, LineKind, LogicalTable, SourceRow
from pipeline.extract.documents import read_tables_here, without_invisible
from pipeline.lock import LOCK_NAME, curated_lock
from generators.office_docs import Sheet, WordDocument, WordTable, write_docx, write_xlsx

HEADER = ("Activity", "Date", "Target audience", "Link to business plan")


def read(data: bytes, kind: DocumentKind, name: str):
    return read_tables_here(Document(name=name, data=data, kind=kind, path=name))


def test_an_excel_formula_with_no_saved_value_reads_as_its_literal_or_its_formula():
    """A script wrote ="21 May" and never calculated it: the date was published empty, exit 0."""
    rows = (HEADER, ("Seminar (1 day)", '="21 May"', "PHs (3)", "growth"),
            ("Workshop (1 day)", "=TODAY()+1", "PHs (4)", "growth"))
    (table,) = read(write_xlsx([Sheet("Plan", rows)]), DocumentKind.XLSX, "plan.xlsx")
    cells = [row.cells for row in table.lines]
    assert cells[1][1] == "21 May"
    assert cells[2][1] == "=TODAY()+1"  # not a date: the date normaliser flags it, never "no date given"


def test_word_text_after_an_unresolved_entity_is_kept_and_noted():
    """"Officer &xxe; training (1day)" read as "Officer": the rest of the run was dropped."""
    data = write_docx(WordDocument([WordTable((HEADER, ("Officer XXE training (1day)", "May", "PHs (2)", "growth")))]))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "word/document.xml":
                text = body.decode("utf-8")
                head, rest = text.split("?>", 1)
                text = (head + '?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
                        + rest.replace("XXE", "&xxe;"))
                body = text.encode("utf-8")
            target.writestr(info.filename, body)
    (table,) = read(out.getvalue(), DocumentKind.DOCX, "plan.docx")
    assert table.lines[1].cells[0] == "Officer &xxe; training (1day)"
    assert table.skipped == ("1 unresolved entity reference(s) kept as written: &xxe;",)


def test_nul_and_controls_from_any_reader_are_removed_and_counted():
    """NUL from a PDF's text layer reached curated text; the same cleaning now runs for every
    format (here a table as a PDF reader might give it)."""
    table = LogicalTable("plan.pdf", (SourceRow(("Seminar\x00 (1 day)", "May\x0b"), page=1, kind=LineKind.BODY),))
    (clean,) = without_invisible([table])
    assert clean.lines[0].cells == ("Seminar (1 day)", "May")
    assert clean.skipped == ("2 invisible or control character(s) removed from cells (U+0000 x1, U+000B x1)",)


def test_a_name_holding_a_line_feed_cannot_forge_a_log_line():
    error = DocumentError("raw/x\n2026-01-01T00:00:00Z \u2713 forged: published/plan.txt", "the file is empty",
                          fix="replace it")
    first, second = error.message.split("\n")
    assert first.startswith("raw/x\\n2026-01-01T00:00:00Z")
    assert second == "  fix: replace it"


def test_an_error_message_is_capped():
    error = DocumentError("plan.docx", "header: " + "Activity | " * 300_000, fix="check it")
    assert len(error.message) < MAX_CAUSE_CHARS + 200
    assert error.message.endswith("more characters)\n  fix: check it")


def test_library_warnings_become_json_events():
    stream = io.StringIO()
    reporter = JsonReporter(stream=stream)
    try:
        warnings.warn_explicit("Data Validation extension is not supported", UserWarning, "reader.py", 7)
    finally:
        reporter.close()
    (event,) = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert (event["event"], event["message"], event["category"], event["source"]) == (
        "warning", "Data Validation extension is not supported", "UserWarning", "reader.py:7")


def test_reader_warnings_in_the_worker_come_back_as_notes():
    from pipeline.extract.budget import with_reader_warnings

    table = LogicalTable("plan.xlsx", ())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.warn("Data Validation extension is not supported")
        warnings.warn("Data Validation extension is not supported")
    (noted,) = with_reader_warnings([table], caught)
    assert noted.skipped == ("reader warning: Data Validation extension is not supported",)


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="needs O_NOFOLLOW (POSIX)")
def test_the_lock_does_not_follow_a_symbolic_link(tmp_path):
    curated = tmp_path / "curated"
    curated.mkdir()
    target = tmp_path / "elsewhere" / "created-by-annex"
    target.parent.mkdir()
    (curated / LOCK_NAME).symlink_to(target)
    with pytest.raises(AnnexError) as caught:
        with curated_lock(curated):
            pass
    assert "the lock file is a symbolic link; annex does not follow links" in caught.value.message
    assert not target.exists()


def test_annex_dates_on_bytes_that_are_not_utf8_flags_the_line_and_writes_valid_json(monkeypatch, capsys):
    stdin = io.TextIOWrapper(io.BytesIO(b"14 May 2015\n\xff\xfe May\n12 June\n"), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["dates", "--financial-year", "2015/16"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [line["text"] for line in lines] == ["14 May 2015", "\ufffd\ufffd May", "12 June"]
    assert lines[1]["flag"] == "not_utf8"
    assert "flag" not in lines[0] and lines[2]["start"] == "2015-06-12"
