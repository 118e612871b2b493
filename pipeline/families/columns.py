"""Column specs of the annex families and header matching (case, spacing and wrap tolerant).

Family detection lives here: a header is read as one label per column (the header rows joined, a
spanning cell's text carried over the columns it spans), each label is matched against each
family's column patterns, and the family that explains the header best wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from pipeline.core.errors import DocumentError, Place
# the specs are core data (a manifest's columns hint names them too); re-exported as the family layer's
from pipeline.core.family_columns import (FAMILIES, FAMILY_BY_NAME, ColumnSpec, FamilySpec, named_column,
                                          normalise_label)
from pipeline.core.model import LogicalTable

__all__ = ["FAMILIES", "FAMILY_BY_NAME", "ColumnMapping", "ColumnSpec", "FamilySpec", "HeaderMismatch",
           "columns_hint", "detect_family", "header_hint", "header_labels", "map_columns", "named_column",
           "normalise_label"]


class HeaderMismatch(DocumentError):
    """A table's header fits no family (or drifts from one). `closeness` (0-1, the share of a
    family's columns found) lets a document with several tables report the one nearest a family."""

    def __init__(self, closeness: float, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.closeness = closeness


def header_labels(table: LogicalTable) -> list[str]:
    """One printed label per column: header rows joined top to bottom. An empty top cell under a
    spanning cell (recorded span, or a second header row filling it) takes the spanning text."""
    rows = [r.cells for r in table.header_rows]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    spans = {(row, col): first for row, first, last in table.header_spans for col in range(first, last + 1)}
    labels = []
    for col in range(width):
        parts = []
        for r_index, cells in enumerate(rows):
            text = cells[col] if col < len(cells) else ""
            if not text and (r_index, col) in spans:
                text = cells[spans[(r_index, col)]]
            elif not text and r_index + 1 < len(rows) and col < len(rows[r_index + 1]) and rows[r_index + 1][col]:
                text = _span_owner(cells, col)  # inferred span: a text dump records none
            if text:
                parts.append(text)
        labels.append(" ".join(parts))
    return labels


def _span_owner(cells: tuple[str, ...], col: int) -> str:
    for left in range(col - 1, -1, -1):
        if cells[left]:
            return cells[left]
    return ""


@dataclass(frozen=True)
class ColumnMapping:
    family: FamilySpec
    columns: dict[str, int]  # canonical name -> column index
    labels: tuple[str, ...]
    unexpected: tuple[str, ...]  # printed labels matching no column of the family
    missing: tuple[str, ...]  # canonical names with no column
    duplicates: tuple[str, ...] = ()  # printed labels of a column the header already has

    @property
    def score(self) -> float:
        return len(self.columns) / len(self.family.columns)


def map_columns(labels: list[str], family: FamilySpec, fixed: Mapping[str, str] | None = None) -> ColumnMapping:
    """Match each printed label to the first unused column spec of the family; `fixed` (the
    manifest's `columns:` hint, printed header -> family column) decides first for the labels
    it names, when the column it names is of this family."""
    columns: dict[str, int] = {}
    unexpected, duplicates = [], []
    chosen = {normalise_label(printed): named_column(family, column) for printed, column in (fixed or {}).items()}
    for index, label in enumerate(labels):
        spec = chosen.get(normalise_label(label))
        if spec is not None and spec.name not in columns:
            columns[spec.name] = index
    for index, label in enumerate(labels):
        norm = normalise_label(label)
        if not norm or index in columns.values():
            continue
        spec = next((c for c in family.columns if c.name not in columns and c.matches(norm)), None)
        if spec is not None:
            columns[spec.name] = index
        elif any(normalise_label(labels[i]) == norm for i in columns.values()):
            duplicates.append(label)  # "Date" twice: say so, not "unexpected 'Date'"
        else:
            unexpected.append(label)
    missing = tuple(c.name for c in family.columns if c.name not in columns)
    return ColumnMapping(family, columns, tuple(labels), tuple(unexpected), missing, tuple(duplicates))


def detect_family(table: LogicalTable, hint: str | None = None,
                  columns: Mapping[str, str] | None = None) -> ColumnMapping:
    """The family whose columns the header matches (`columns`: the manifest's printed header ->
    family column hint); HeaderMismatch when none fits or columns drift, its fix naming the
    release.yaml hint that would map the header."""
    labels = header_labels(table)
    candidates = [FAMILY_BY_NAME[hint]] if hint else list(FAMILIES)
    mappings = sorted((map_columns(labels, f, columns) for f in candidates), key=lambda m: -m.score)
    best = mappings[0] if mappings else None
    printed = ", ".join(repr(l) for l in labels if l) or "none"
    known = "; ".join(f"{f.name} ({f.description})" for f in FAMILIES)
    place = Place(page=table.header_rows[0].page, line=table.header_rows[0].line) if table.header_rows else None
    if best is None or best.score < 0.5:
        what = f"is not a {hint} table" if hint else "holds no table of a known family"
        raise HeaderMismatch(
            best.score if best else 0.0,
            table.source,
            f"{what}: headers found: {printed}",
            fix=f"known families: {known}; or, when this is the annex table, in release.yaml "
            f"add under this document  {columns_hint(best) or TABLE_HINT}",
            place=place,
        )
    if best.missing or best.unexpected or best.duplicates:
        problems = []
        if best.duplicates:
            problems.append("a second column " + ", ".join(repr(d) for d in best.duplicates))
        if best.unexpected:
            problems.append("unexpected column(s) " + ", ".join(repr(u) for u in best.unexpected))
        if best.missing:
            by_name = {c.name: c.label for c in best.family.columns}
            problems.append("missing column(s) " + ", ".join(repr(by_name[m]) for m in best.missing))
        expected = ", ".join(c.label for c in _in_print_order(best.family))
        raise HeaderMismatch(
            best.score,
            table.source,
            f"{best.family.name} table header has {' and '.join(problems)}",
            fix=f"a {best.family.name} table has the columns: {expected} (any order); "
            "rename the header or set the document's family in release.yaml"
            + (f", or in release.yaml add under this document  {hint_text}" if (hint_text := header_hint(best)) else ""),
            place=place,
        )
    return best


# The hint that places a table when its header says too little to pair columns.
TABLE_HINT = 'table: {pages: "N-M", index: N} (where the annex table is; `annex tables FILE` lists them)'


def columns_hint(mapping: ColumnMapping) -> str | None:
    """`table: {columns: {"plan": "Link to business plan"}}`: each printed label no column took,
    paired in print order with a column the header lacks; None when there is no pair."""
    by_name = {c.name: c.label for c in mapping.family.columns}
    lacking = [by_name[c.name] for c in _in_print_order(mapping.family) if c.name in mapping.missing]
    pairs = list(zip(mapping.unexpected, lacking))
    if not pairs:
        return None
    body = ", ".join(f"{_quoted(printed)}: {_quoted(column)}" for printed, column in pairs)
    return f"table: {{columns: {{{body}}}}}"


def header_hint(mapping: ColumnMapping) -> str | None:
    """The hint for a drifting header: columns to pair, else header rows when columns are
    missing and nothing else was printed (a header read short)."""
    if (hint := columns_hint(mapping)) is not None:
        return hint
    if mapping.missing and not mapping.unexpected:
        return "table: {header_rows: N} (N: the rows the header takes, when it was read short)"
    return None


def _quoted(text: str) -> str:
    return '"' + " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _in_print_order(family: FamilySpec) -> list[ColumnSpec]:
    order = {"plan": ["activity", "date", "audience", "link"],
             "tracker": ["theme", "deliverable", "target", "q1", "q2", "q3", "q4", "total",
                         "pct_achieved", "commentary"]}[family.name]
    by_name = {c.name: c for c in family.columns}
    return [by_name[n] for n in order]
