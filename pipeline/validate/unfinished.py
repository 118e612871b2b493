"""Does a document's table end as if it were cut off (a truncated download, a dump stopped early)?

A cut-off table still reads: its rows up to the cut are good rows, and its last one is simply
shorter. So the end of the table is looked at: its last data row with a bracket opened and never
closed ("Heritage seminar (1"), or with cells left empty that every other row fills, or a plan
with no totals block (plans end with one). Any of these is a warning naming the document and the
line, not an error: a real document can end that way too. Pure functions over a FamilyTable.
"""

from __future__ import annotations

from dataclasses import dataclass

# Families whose documents end with a totals block ("TOTALS / 41 days of improvement activity").
FAMILIES_WITH_TOTALS = ("plan",)
# Fewer rows than this above the last one say nothing about which cells every row fills.
_MIN_ROWS_FOR_COLUMNS = 3
_BRACKETS = (("(", ")"), ("[", "]"))


@dataclass(frozen=True)
class Unfinished:
    """Why a table looks cut off, and the line where it ends."""

    source: str
    line: int | None
    reason: str

    @property
    def message(self) -> str:
        where = f" (line {self.line})" if self.line is not None else ""
        return (f"{self.source}{where}: the table may be cut off (a truncated file?): {self.reason}; "
                "check the document is complete")


def unfinished(table) -> Unfinished | None:
    """The first sign that the table (a pipeline.families.FamilyTable) ends unfinished, or None."""
    if table.rows:
        last = table.rows[-1]
        line = last.line_end or last.line
        if reason := _unclosed_bracket(last.cells):
            return Unfinished(table.source, line, reason)
        if reason := _cells_left_empty(last.cells, [row.cells for row in table.rows[:-1]]):
            return Unfinished(table.source, line, reason)
    if table.family in FAMILIES_WITH_TOTALS and not _has_totals(table):
        return Unfinished(table.source, _last_line(table),
                          f"it has no totals block, which {table.family} documents end with")
    return None


def _unclosed_bracket(cells: dict[str, str]) -> str | None:
    for column, text in cells.items():
        for opening, closing in _BRACKETS:
            if text.count(opening) > text.count(closing):
                return f"its last row's {column} cell opens '{opening}' and never closes it: {_tail(text)!r}"
    return None


def _cells_left_empty(last: dict[str, str], others: list[dict[str, str]]) -> str | None:
    if len(others) < _MIN_ROWS_FOR_COLUMNS:
        return None
    empty = [column for column, text in last.items()
             if not text and all(row.get(column) for row in others)]
    if not empty:
        return None
    return f"its last row has no {', '.join(empty)}, which every other row has"


def _has_totals(table) -> bool:
    return bool(table.totals) or any(line.role.value == "totals" for line in table.lines)


def _last_line(table) -> int | None:
    lines = [line.row.line_end or line.row.line for line in table.lines if not line.row.is_blank()]
    return max((n for n in lines if n is not None), default=None)


def _tail(text: str, width: int = 40) -> str:
    return text if len(text) <= width else "..." + text[-width:]
