"""Random text dumps through the extractor (read_text_table + read_family_table): it never fails
with anything but a DocumentError, and every input line ends up with exactly one role: a data row,
a line joined into one, a classified line (title, header, debris, theme, totals, key, note,
blank) or a reject."""

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
