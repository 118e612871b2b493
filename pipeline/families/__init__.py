"""Annex families: which family a table is (from its header) and what each of its lines means."""

from __future__ import annotations

from pipeline.core.model import LogicalTable
from pipeline.families.columns import FAMILIES, FAMILY_BY_NAME, detect_family
from pipeline.families.document import DocumentTables, read_document
from pipeline.families.rows import FamilyRow, FamilyTable, LineRole, Role, map_rows

__all__ = ["FAMILIES", "FAMILY_BY_NAME", "DocumentTables", "FamilyRow", "FamilyTable", "LineRole", "Role",
           "detect_family", "map_rows", "read_document", "read_family_table"]


def read_family_table(table: LogicalTable, family: str | None = None) -> FamilyTable:
    """A logical table read as its family (detected from the header unless given)."""
    return map_rows(table, detect_family(table, family))
