"""Random text dumps through the extractor (read_text_table + read_family_table): it never fails
with anything but a DocumentError, and every input line ends up with exactly one role: a data row,
a line joined into one, a classified line (title, header, debris, theme, totals, key, note,
blank) or a reject. And whole `annex run`s over generated release.yaml files and dumps: the exit
code is 0, 1 or 2, never 70, with no traceback and a time bound per example (issue 16)."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from pipeline.core.errors import DocumentError
from pipeline.extract.text_dump import read_text_table
from pipeline.families import Role, read_family_table

PLAN_HEADER = ("Activity", "Date", "Target audience", "Link to business plan")
TRACKER_HEADER = (
    ("Theme", "Deliverables", "2015/16 Target", "Number delivered per quarter", "", "", "", "Total",
     "% achieved", "Commentary/forecast"),
    ("", "", "", "Q1 Apr - June", "Q2 July - Sept", "Q3 Oct - Dec", "Q4 Jan - Mar", "", "", ""),
)
WORDS = ["Sport", "academy", "(2 days)", "May", "14/15", "CONFIRMED", "n/a", "12*", "c. 30",
         "twelve", "1,200", "-", "TOTALS", "KEY PH = portfolio holder", "plan", "PHs (15)", "Q1",
         "Activity", "Theme", "Total", "%", "120%", "and", "of", "Feb / March", "page 2", "£250",
         "\u2013", "caf\u00e9", "\u00a0", "\f", "\r", "\u2028", "\ufeff"]

# utf-8 codec: lone surrogates (which hypothesis 6.170 draws) cannot be encoded into the dump at all
word = st.one_of(st.sampled_from(WORDS), st.text(st.characters(codec="utf-8", exclude_characters="\n\t"), max_size=12))
cell = st.one_of(st.just(""), st.lists(word, min_size=1, max_size=4).map(" ".join))
random_line = st.lists(cell, min_size=0, max_size=11).map("\t".join)
header_lines = st.sampled_from([
    ["\t".join(PLAN_HEADER)],
    ["\t".join(PLAN_HEADER[:3] + ("Link to business",)), "\t\t\tplan"],  # wrapped header
    ["\t".join(c.lower() for c in PLAN_HEADER)],
    ["\t".join(TRACKER_HEADER[0]), "\t".join(TRACKER_HEADER[1])],
    ["Annex B: " + "\t".join(TRACKER_HEADER[0]), "\t".join(TRACKER_HEADER[1])],
])
blocks = st.lists(st.one_of(random_line.map(lambda line: [line]), header_lines, st.just([""])),
                  min_size=0, max_size=30)


@st.composite
def dumps(draw) -> str:
    """Random lines with a known header somewhere (sometimes none, sometimes repeated)."""
    lines = [line for block in draw(blocks) for line in block]
    for _ in range(draw(st.integers(0, 2))):
        header = draw(header_lines)
        at = draw(st.integers(0, len(lines)))
        lines[at:at] = header
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


def input_line_count(text: str) -> int:
    lines = text.split("\n")
    return len(lines) - (1 if lines[-1] == "" else 0)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dumps())
def test_every_line_gets_exactly_one_role(text):
    n = input_line_count(text)
    table = read_text_table(text, "fuzz.txt")
    assert [row.line for row in table.lines] == list(range(1, n + 1))
    try:
        family = read_family_table(table)
    except DocumentError as error:
        assert error.file == "fuzz.txt" and error.fix
        event("no known family or drifted header")
        return
    event(f"read as {family.family}")
    assert [line.row.line for line in family.lines] == list(range(1, n + 1))
    roles = Counter(line.role for line in family.lines)
    classified = sum(count for role, count in roles.items()
                     if role not in (Role.DATA, Role.CONTINUATION, Role.REJECT))
    assert roles[Role.DATA] == len(family.rows)
    assert roles[Role.DATA] + roles[Role.CONTINUATION] + classified + roles[Role.REJECT] == n
    assert all(line.reason for line in family.lines if line.role is Role.REJECT)
    # a data row spans its own line and the lines joined into it, all inside the dump
    assert all(1 <= row.line <= row.line_end <= n for row in family.rows)


# --- Whole runs: generated release.yaml files and dumps through `annex run` ----------------------
# Issue 16: for any generated input the exit code is 0, 1 or 2 (never 70, a bug in annex), the
# message has no traceback, and each example ends within a time bound.

import contextlib  # noqa: E402
import io  # noqa: E402
import tempfile  # noqa: E402
import os  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import yaml  # noqa: E402

EXAMPLE_SECONDS = 60  # one release of a few lines: a few seconds; far over means a hang
YEARS = ["2015/16", "2015-16", "15/16", "9999/00", "0000/01", "2015/17", "", "twenty"]
ENCODINGS = ["utf-8", "cp1252", "latin-1", "utf-16", "rot13", "base64", "nope", ""]
FAMILIES = ["plan", "tracker", "budget", "", "PLAN"]
scalar = st.one_of(st.text(max_size=20), st.integers(-5, 10**6), st.booleans(), st.none(),
                   st.floats(allow_nan=True), st.sampled_from(YEARS))
document_entry = st.one_of(
    st.just("doc.txt"), st.sampled_from(["../etc/passwd", "/etc/hostname", "missing.txt", "", "doc.txt\n"]),
    st.fixed_dictionaries({"file": st.sampled_from(["doc.txt", "other.txt", "missing.txt"])}, optional={
        "family": st.sampled_from(FAMILIES), "encoding": st.sampled_from(ENCODINGS), "extra": scalar}),
    scalar)
manifest = st.one_of(
    st.fixed_dictionaries({"documents": st.lists(document_entry, max_size=3)}, optional={
        "title": scalar, "financial_year": st.one_of(st.sampled_from(YEARS), scalar),
        "id": st.sampled_from(["fuzz", "other", "bad id", "a/b", "x\n", ""]), "unknown": scalar}),
    st.recursive(scalar, lambda children: st.one_of(st.lists(children, max_size=3),
                                                    st.dictionaries(st.text(max_size=8), children, max_size=3)),
                 max_leaves=8))
valid_manifest = st.fixed_dictionaries({
    "title": st.text(max_size=30), "financial_year": st.sampled_from(["2015/16", "2016/17"]),
    "documents": st.sampled_from([["doc.txt"], [{"file": "doc.txt", "family": "plan"}],
                                  [{"file": "doc.txt", "family": "tracker"}], ["doc.txt", "other.txt"]])})
manifest_text = st.one_of(valid_manifest.map(yaml.safe_dump), valid_manifest.map(yaml.safe_dump),
                          manifest.map(lambda m: yaml.safe_dump(m, allow_unicode=True)),
                          st.text(max_size=200), st.just("a: &x [1]\nb: *x\n"))
plan_row = st.tuples(st.sampled_from(["Sport academy (2 days)", "Seminar (1 day)", "Heritage (1",
                                      "Spend $5 and $10 [/bold]", "\x1b[2J clear"]), cell,
                     st.sampled_from(["Sport PHs (15)", "", "PHs"]), cell).map("\t".join)
plan_dump = st.lists(plan_row, min_size=1, max_size=15).map(
    lambda rows: "\n".join(["\t".join(PLAN_HEADER), *rows, "KEY PH = portfolio holder"]) + "\n")
dump_bytes = st.one_of(plan_dump.map(str.encode), plan_dump.map(str.encode), dumps().map(lambda text: text.encode("utf-8")),
                       dumps().map(lambda text: text.encode("utf-16")), st.binary(max_size=300))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(manifest_text, dump_bytes, st.booleans())
def test_annex_run_never_fails_with_a_bug(text, dump, second_document):
    from pipeline.cli import main

    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        folder = root / "raw" / "fuzz"
        folder.mkdir(parents=True)
        (folder / "release.yaml").write_text(text, encoding="utf-8")
        (folder / "doc.txt").write_bytes(dump)
        if second_document:
            (folder / "other.txt").write_bytes(dump[: len(dump) // 2])
        out, err = io.StringIO(), io.StringIO()
        started = time.monotonic()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["run", "--raw", str(root / "raw"), "--staged", str(root / "staged"),
                         "--curated", str(root / "curated"), "--params", os.devnull,
                         "--no-data-docs"])
        elapsed = time.monotonic() - started
    event(f"exit {code}")
    assert code in (0, 1, 2), err.getvalue()
    assert "Traceback" not in err.getvalue() + out.getvalue()
    assert elapsed < EXAMPLE_SECONDS, f"took {elapsed:.0f} s"


# --- Declared sizes (issue 25): Office files declaring any size are read or refused, quickly ----
# A few KB each: an Excel dimension and merged range, a Word gridSpan and gridBefore, and an
# OpenDocument cell repeated, each drawn from small to absurd. Whatever is declared, the reader
# gives tables or a DocumentError naming the file, never a MemoryError, another exception or a
# wait of minutes.

import re as _re  # noqa: E402
import zipfile  # noqa: E402

from pipeline.core.model import Document, DocumentKind  # noqa: E402
from pipeline.core.settings import Settings  # noqa: E402
from pipeline.extract.documents import read_tables_here  # noqa: E402
from pipeline.extract.office import check_odf_repeats  # noqa: E402
from generators.office_docs import Sheet, WordDocument, WordTable, write_docx, write_xlsx  # noqa: E402

SIZES = st.one_of(st.integers(0, 40), st.integers(0, 10**10), st.sampled_from([16_384, 1_048_576, 2**31, 2**63]))
FUZZ_ROWS = (PLAN_HEADER, ("Seminar (1 day)", "21 May", "PHs (3)", "growth"))
SMALL_WORKBOOK = write_xlsx([Sheet("Plan", FUZZ_ROWS)])
SMALL_WORD = write_docx(WordDocument([WordTable(FUZZ_ROWS)]))
# limits lower than the defaults keep the cases quick; what counts is refused or read, never worse
FUZZ_LIMITS = Settings(max_rows=5_000, max_columns=200, max_cells=100_000)


def _column(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"


def _patched(data: bytes, member: str, edit) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            target.writestr(info.filename, edit(body.decode("utf-8")).encode("utf-8") if info.filename == member else body)
    return out.getvalue()


def _read_or_refuse(data: bytes, kind: DocumentKind, name: str) -> None:
    started = time.monotonic()
    try:
        read_tables_here(Document(name=name, data=data, kind=kind, path=name), None, FUZZ_LIMITS)
    except DocumentError as error:
        assert error.file == name and error.fix
        event("refused")
    else:
        event("read")
    assert time.monotonic() - started < EXAMPLE_SECONDS


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["dimension", "merge"]), SIZES, SIZES, st.integers(1, 40), st.integers(1, 40))
def test_an_excel_sheet_declaring_any_size_is_read_or_refused(where, rows, columns, top, left):
    ref = f"{_column(left)}{top}:{_column(min(columns, 20_000))}{max(rows, 1)}"
    if where == "dimension":
        data = _patched(SMALL_WORKBOOK, "xl/worksheets/sheet1.xml",
                        lambda xml: _re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', xml))
    else:
        data = _patched(SMALL_WORKBOOK, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(
            "</sheetData>", f'</sheetData><mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>'))
    _read_or_refuse(data, DocumentKind.XLSX, "fuzz.xlsx")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SIZES, SIZES, SIZES)
def test_a_word_table_declaring_any_span_is_read_or_refused(span, before, after):
    def edit(xml: str) -> str:
        xml = xml.replace("<w:tc><w:tcPr>", f'<w:tc><w:tcPr><w:gridSpan w:val="{span}"/>', 1)
        return xml.replace("<w:tr>", f'<w:tr><w:trPr><w:gridBefore w:val="{before}"/>'
                           f'<w:gridAfter w:val="{after}"/></w:trPr>', 1)
    _read_or_refuse(_patched(SMALL_WORD, "word/document.xml", edit), DocumentKind.DOCX, "fuzz.docx")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SIZES, SIZES, st.booleans())
def test_an_ods_repeating_cells_any_number_of_times_is_checked_before_conversion(columns, rows, filled):
    cell = ('<table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell>' if filled
            else "<table:table-cell/>")
    repeated = cell.replace("<table:table-cell", f'<table:table-cell table:number-columns-repeated="{columns}"', 1)
    content = ('<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
               f'<table:table table:name="Plan"><table:table-row table:number-rows-repeated="{rows}">{repeated}'
               '</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    limits = FUZZ_LIMITS
    too_big = filled and max(rows, 1) * max(columns, 1) > 0 and (
        max(rows, 1) > limits.max_rows or max(columns, 1) > limits.max_columns
        or max(rows, 1) * max(columns, 1) > limits.max_cells)
    try:
        check_odf_repeats(out.getvalue(), "fuzz.ods", limits)
    except DocumentError as error:
        assert too_big and error.file == "fuzz.ods"
    else:
        assert not too_big
