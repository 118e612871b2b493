"""A typed table and a catalogue entry: what the test author wrote, and how a tool prints it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

Row = tuple[str, ...]


@dataclass(frozen=True)
class TypedTable:
    """The cells of one table as the reader should give them: header rows then body rows, every
    row as wide as the table. A cell spanning columns or rows has its text in its first
    (top-left) cell and "" in the others; a theme row spanning the width is ("Theme", "", ...)."""

    header: tuple[Row, ...]
    body: tuple[Row, ...]
    # Body cells merged over rows (a statistical table's "North" over its two years): (first row,
    # first column, last row, last column), rows counted over header then body. Header spans and
    # theme rows follow from the "" convention and are not listed.
    body_merges: tuple[tuple[int, int, int, int], ...] = ()

    def __post_init__(self) -> None:
        width = len(self.header[0])
        for row in (*self.header, *self.body):
            if len(row) != width:
                raise ValueError(f"row {row!r} has {len(row)} cells, the header has {width}")

    @property
    def width(self) -> int:
        return len(self.header[0])


@dataclass(frozen=True)
class Fixture:
    """One PDF of the catalogue: its tool, the tables it holds in reading order, and for an annex
    the family (plan / tracker) whose rows `annex run` must publish from the family table."""

    name: str
    tool: str  # "word", "calc", "html", "reportlab"
    tables: tuple[TypedTable, ...]
    family: str | None = None  # the annex family of tables[family_table]
    family_table: int = 0
    # the layout feature shown, one line (printed by the benchmark, used in test ids' docs)
    about: str = ""


@dataclass(frozen=True)
class Built:
    """A fixture and the PDF its tool printed."""

    fixture: Fixture
    pdf: Path
