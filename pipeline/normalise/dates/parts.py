"""A part of a date cell: what the grammar reads, cut from the tokens (`grammar._items`) or, for
the commonest shapes, straight from the fast lexer's regex (`tokens.fast_cut`)."""

from __future__ import annotations

from typing import Any, NamedTuple


class _Item(NamedTuple):
    """One part of a cell between separators: "14", "15 May", "Feb", "Q3 2016", "2016/17"..."""

    kind: str  # cal | year | quarter | season | fy | allyear
    days: tuple[int, ...] = ()
    month: int | None = None
    year: int | None = None
    number: Any = None  # quarter number, season name or FinancialYear
    week: str | None = None  # "start": the seven days from the day; "end": the seven days to it; "month": in the month
