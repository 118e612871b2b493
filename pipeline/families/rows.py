"""Body rows of a logical table -> family rows: data rows with named cells, wrapped lines joined,
theme/totals/key lines classified, anything else rejected with a reason. Every line gets a role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import Enum

from pipeline.core.model import LineKind, LogicalTable, SourceRow
from pipeline.families.columns import ColumnMapping

# "TOTALS" alone in its cell, or "Totals: ..." (a deliverable called "Total spend ..." is data)
_TOTALS_START = re.compile(r"^\s*(grand\s+)?totals?\s*(:|$)", re.IGNORECASE)
_KEY_START = re.compile(r"^\s*key\b\s*:?", re.IGNORECASE)
# A key's definitions: "PH = portfolio holder", and with a colon or dash only after an acronym
# (two capitals: "CX – chief executive"), so a capitalised word in a meaning followed by a dash
# does not start a definition. A meaning runs to the next definition or the end.
_ABBREVIATION = r"[A-Z][A-Za-z]{0,9}"
_ACRONYM = r"[A-Z][A-Za-z&]*[A-Z][A-Za-z]*"
_DEFINITION_START = rf"(?:{_ABBREVIATION}\s*=|{_ACRONYM}\s*[:\u2013\u2014-])"
_KEY_DEFINITION = re.compile(
    rf"\b(?:({_ABBREVIATION})\s*=|({_ACRONYM})\s*[:\u2013\u2014-])\s*(.+?)(?=(?:[;,]\s*|\s+){_DEFINITION_START}|$)")
_JOINING_END = re.compile(r"([,\-\u2013&/(+]|\b(and|or|of|for|to|the|in|with|a|an|on|at|by|from|upon|per))$", re.IGNORECASE)
_FINANCIAL_YEAR_IN_HEADER = re.compile(r"(?<!\d)(\d{4})\s*[/\-\u2013]\s*(\d{2}|\d{4})(?!\d)")  # "Target2016/17" too


_FINISHED = (")", ".", "!", "?", "]")
_NUMBER = re.compile(r"^[-+]?[\d,.]+\s*%?$|^n\s*/\s*a$", re.IGNORECASE)


class Role(str, Enum):
    """What a source line became (staged, and counted in the row accounting)."""

    DATA = "data"
    CONTINUATION = "continuation"  # joined into the data row above
    THEME = "theme"
    TOTALS = "totals"
    KEY = "key"
    TITLE = "title"
    NOTE = "note"
    HEADER = "header"
    REPEATED_HEADER = "repeated_header"
    DEBRIS = "debris"
    BLANK = "blank"
    REJECT = "reject"


_ROLE_OF_KIND = {
    LineKind.BLANK: Role.BLANK,
    LineKind.TITLE: Role.TITLE,
    LineKind.HEADER: Role.HEADER,
    LineKind.REPEATED_HEADER: Role.REPEATED_HEADER,
    LineKind.DEBRIS: Role.DEBRIS,
}


@dataclass(frozen=True)
class FamilyRow:
    """A data row: named raw cells (wrapped lines joined) and where it came from."""

    cells: dict[str, str]
    page: int
    line: int | None
    line_end: int | None
    theme: str | None = None
    # the typed value a spreadsheet stored behind a cell's printed text (an ISO date for an Excel
    # date cell), by column name, for the cells that have one; a cell joined from two lines has none
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class LineRole:
    row: SourceRow
    role: Role
    reason: str = ""  # for rejects: why; for continuations: which data row


@dataclass(frozen=True)
class FamilyTable:
    """A document's table read as its family: what the normaliser and the checks need."""

    family: str
    source: str
    rows: tuple[FamilyRow, ...]
    lines: tuple[LineRole, ...]
    key: dict[str, str] = field(default_factory=dict)  # abbreviation -> expansion
    totals: tuple[str, ...] = ()  # totals statements, one per column of the totals block
    quarter_labels: dict[str, str] = field(default_factory=dict)  # "q1" -> "Q1 Apr - June"
    stated_financial_year: str | None = None  # e.g. from "2015/16 Target"
    column_labels: dict[str, str] = field(default_factory=dict)
    # lines the reader gave for the whole document (all its tables and the text between them),
    # set by read_document: the row accounting counts against it; None for a table read alone
    document_lines: int | None = None

    @property
    def rejects(self) -> tuple[LineRole, ...]:
        return tuple(l for l in self.lines if l.role is Role.REJECT)


def first_text(row: SourceRow) -> str:
    return next((c for c in row.cells if c), "")


def parse_key(text: str) -> dict[str, str]:
    """ "KEY PH = portfolio holder; LA = local authority" -> {"PH": "portfolio holder", ...}."""
    text = _KEY_START.sub("", text, count=1)
    return {abbr or acronym: meaning.strip(" .;,")
            for abbr, acronym, meaning in _KEY_DEFINITION.findall(text) if meaning.strip(" .;,")}


def is_wrap_of(previous: str, text: str) -> bool:
    """Does `text` continue `previous` (a cell wrapped onto the next line)?"""
    if not previous or not text:
        return False
    unclosed = previous.count("(") > previous.count(")")  # "(in 2-tier" / "council, 2 days TBC)"
    return text[0].islower() or unclosed or bool(_JOINING_END.search(previous.rstrip()))


def _join(a: str, b: str) -> str:
    if not a:
        return b
    if not b:
        return a
    if a.endswith("-") and not a.endswith(" -") and b[:1].islower():
        return a + b  # a word hyphenated at the line end
    return f"{a} {b}"


def map_rows(table: LogicalTable, mapping: ColumnMapping) -> FamilyTable:
    """Interpret every line of the table for its family."""
    family = mapping.family
    cols = mapping.columns
    key_col = cols[family.key_column]
    theme_col = cols.get("theme")
    value_cols = [i for name, i in cols.items() if name not in (family.key_column, "theme")]
    header_seen = False
    roles: list[LineRole] = []
    rows: list[FamilyRow] = []
    row_lines: list[int] = []  # index into roles of each data row
    key: dict[str, str] = {}
    totals_rows: list[SourceRow] = []
    theme: str | None = None
    theme_has_rows = False
    block: Role | None = None  # inside a totals or key block

    def named(row: SourceRow) -> dict[str, str]:
        return {name: (row.cells[i] if i < len(row.cells) else "") for name, i in cols.items()}

    def named_values(row: SourceRow) -> dict[str, str]:
        return {name: value for name, i in cols.items() if (value := row.value(i)) is not None}

    for row in table.lines:
        if row.kind is LineKind.HEADER:
            header_seen = True
        if row.kind in _ROLE_OF_KIND:
            roles.append(LineRole(row, _ROLE_OF_KIND[row.kind]))
            continue
        text = first_text(row)
        if row.kind is LineKind.NOTE and not header_seen:
            roles.append(LineRole(row, Role.TITLE))
            continue
        if _KEY_START.match(text) or (block is Role.KEY and parse_key(" ".join(c for c in row.cells if c))):
            block = Role.KEY
            key.update(parse_key(" ".join(c for c in row.cells if c)))
            roles.append(LineRole(row, Role.KEY))
            continue
        if totals_label := _TOTALS_START.match(text):
            block = Role.TOTALS
            # "TOTALS" alone is a label; "Total: 38 days" states a total after it
            first = row.cells.index(text)
            rest = tuple(text[totals_label.end():].strip() if i == first else c
                         for i, c in enumerate(row.cells))
            if any(rest):
                totals_rows.append(replace(row, cells=rest))
            roles.append(LineRole(row, Role.TOTALS))
            continue
        if block is Role.TOTALS:
            totals_rows.append(row)
            roles.append(LineRole(row, Role.TOTALS))
            continue
        if block is Role.KEY or row.kind is LineKind.NOTE:
            roles.append(LineRole(row, Role.NOTE))
            continue

        cells = row.cells
        has_key = bool(cells[key_col])
        has_values = any(cells[i] for i in value_cols if i < len(cells))
        has_theme = theme_col is not None and bool(cells[theme_col])
        previous = rows[-1] if rows else None

        if has_theme and not has_key and not has_values:
            last = roles[-1] if roles else None
            after_theme = last is not None and (last.role is Role.THEME or last.reason == "theme")
            if theme is not None and not theme_has_rows and after_theme:
                theme = _join(theme, cells[theme_col])  # a theme name wrapped over two lines
                roles.append(LineRole(row, Role.CONTINUATION, "theme"))
            else:
                theme, theme_has_rows = cells[theme_col], False
                roles.append(LineRole(row, Role.THEME))
            continue
        if previous is not None and _continues(previous, row, family.key_column, cols, has_key,
                                               table.rows_ruled):
            merged = {name: _join(previous.cells[name], row.cells[i]) for name, i in cols.items()}
            row_theme = previous.theme
            if has_theme and previous.cells.get("theme"):
                # the theme printed beside its first deliverable wraps with it ("Workforce," /
                # "and Integration"): the whole name is the theme, for the rows below too
                theme = row_theme = merged["theme"]
            rows[-1] = replace(previous, cells=merged, line_end=row.line_end or previous.line_end,
                               theme=row_theme, values=_joined_values(previous, row, cols))
            roles.append(LineRole(row, Role.CONTINUATION, f"joined to data row {len(rows)}"))
            continue
        if has_key:
            if has_theme:
                theme, theme_has_rows = cells[theme_col], False
            rows.append(FamilyRow(named(row), row.page, row.line, row.line_end, theme, named_values(row)))
            theme_has_rows = True
            row_lines.append(len(roles))
            roles.append(LineRole(row, Role.DATA))
            continue
        reason = (f"no {family.key_column} and no row above to continue"
                  if previous is None else f"no {family.key_column} in this row")
        roles.append(LineRole(row, Role.REJECT, reason))

    labels = {name: mapping.labels[i] for name, i in cols.items()}
    return FamilyTable(
        family=family.name,
        source=table.source,
        rows=tuple(rows),
        lines=tuple(roles),
        key=key,
        totals=totals_statements(totals_rows),
        quarter_labels={q: labels[q] for q in ("q1", "q2", "q3", "q4") if q in labels},
        stated_financial_year=_stated_year(labels.get("target", "")) or _title_year(roles),
        column_labels=labels,
    )


def _joined_values(previous: FamilyRow, row: SourceRow, cols: dict[str, int]) -> dict[str, str]:
    """The stored values of a data row after `row` is joined to it: a cell the continuation left
    empty keeps its value, an empty cell it fills takes the continuation's, and a cell joined from
    two texts has no single value."""
    values = {}
    for name, i in cols.items():
        below = row.cells[i] if i < len(row.cells) else ""
        if not below:
            value = previous.values.get(name)
        elif not previous.cells[name]:
            value = row.value(i)
        else:
            value = None
        if value is not None:
            values[name] = value
    return values


def _continues(previous: FamilyRow, row: SourceRow, key_name: str, cols: dict[str, int], has_key: bool,
               rows_ruled: bool = False) -> bool:
    """A wrapped line: it lacks the key cell but has others (a wrapped value cell), or its key cell
    continues the previous key cell and every cell it fills continues or fills an empty one. In a
    ruled table a drawn row without its key cell is a row of its own (rejected), not a wrap."""
    if not has_key:
        return not rows_ruled and any(row.cells[i] for i in cols.values())
    if not any(row.cells[i] for n, i in cols.items() if n != key_name):
        # Only the key cell: a wrap unless the text above reads as finished ("... (1 day)"). A
        # word-processor wrap often starts upper case ("North" / "Yorkshire (2 days)"), and a
        # row with no other cells is rarely a row of its own.
        before = previous.cells[key_name].rstrip()
        return is_wrap_of(before, row.cells[cols[key_name]]) or not before.endswith(_FINISHED)
    if not is_wrap_of(previous.cells[key_name], row.cells[cols[key_name]]):
        return False
    if not any(previous.cells[n] for n in cols if n != key_name):
        # the row above is its key cell alone, left unfinished ("... peer review Hull with"): a
        # cell printed middle- or bottom-aligned, the other cells on its last line
        return True
    # the key cell wraps: the other cells it fills must continue text cells of the row above (a
    # value where the row above had none, or under a number, which never wraps, starts a new row)
    return all(not row.cells[i] or (previous.cells[n] and not _NUMBER.match(previous.cells[n]))
               for n, i in cols.items() if n != key_name)


def totals_statements(rows: list[SourceRow]) -> tuple[str, ...]:
    """The totals block read column by column: a statement wrapped over lines is joined."""
    if not rows:
        return ()
    width = max(len(r.cells) for r in rows)
    statements = []
    for col in range(width):
        text = ""
        for r in rows:
            if col < len(r.cells) and r.cells[col]:
                text = _join(text, r.cells[col])
        if text:
            statements.append(text)
    return tuple(statements)


def _title_year(roles: list[LineRole]) -> str | None:
    """The financial year the title above the table names ("Improvement plan 2016/17"), when it
    names exactly one: a plan states its year nowhere else."""
    years = set()
    for line in roles:
        if line.role is Role.TITLE:
            for first, second in _FINANCIAL_YEAR_IN_HEADER.findall(line.row.text):
                if int(second[-2:]) == (int(first) + 1) % 100:  # "2016/17", not "2015-2017"
                    years.add(f"{first}/{second[-2:]}")
    return years.pop() if len(years) == 1 else None


def _stated_year(label: str) -> str | None:
    match = _FINANCIAL_YEAR_IN_HEADER.search(label)
    return f"{match.group(1)}/{match.group(2)[-2:]}" if match else None
