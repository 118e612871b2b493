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

word = st.one_of(st.sampled_from(WORDS), st.text(st.characters(exclude_characters="\n\t"), max_size=12))
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
