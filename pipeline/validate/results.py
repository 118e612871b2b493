"""Plain values for what validation found, free of any Great Expectations type."""

from __future__ import annotations

from dataclasses import dataclass, field

_ROWS_SHOWN = 20  # a message lists this many failing rows, then counts the rest


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation's result on one table."""

    table: str
    kind: str  # the GX expectation type, e.g. expect_column_values_to_be_between
    rule: str  # plain words, e.g. "date_start <= date_end"
    severity: str  # critical | warning
    success: bool
    row_ids: tuple[str, ...] = ()  # columns naming a row (the key without the release)
    rows: tuple[tuple, ...] = ()  # the failing rows' id values, in row order (as GX lists them)
    unexpected_count: int | None = None
    observed: str | None = None  # GX's observed value, for table-level expectations
    error: str | None = None  # GX raised while evaluating: the expectation could not be checked

    @property
    def failed(self) -> bool:
        return not self.success


@dataclass(frozen=True)
class Finding:
    """A failed expectation or a document check worth telling: what, where, how bad."""

    severity: str
    table: str
    rule: str
    detail: str
    rows: tuple[tuple, ...] = field(default=(), compare=False)

    @property
    def message(self) -> str:
        return f"{self.table}: {self.rule}: {self.detail}"


def describe_rows(row_ids: tuple[str, ...], rows: tuple[tuple, ...]) -> str:
    """ "row_number 3, 7" or "(deliverable_id, quarter) (ab12, 2), (cd34, 3)", shortened."""
    shown = rows[:_ROWS_SHOWN]
    if len(row_ids) == 1:
        text = f"{row_ids[0]} " + ", ".join(str(r[0]) for r in shown)
    else:
        text = f"({', '.join(row_ids)}) " + ", ".join("(" + ", ".join(str(v) for v in r) + ")" for r in shown)
    if len(rows) > len(shown):
        text += f" and {len(rows) - len(shown)} more"
    return text


def finding_of(outcome: ExpectationOutcome) -> Finding:
    """A failed expectation as a finding; one that could not be evaluated is critical whatever its
    declared severity (an unchecked rule must not let a release through)."""
    if outcome.error is not None:
        return Finding("critical", outcome.table, outcome.rule,
                       f"could not be evaluated ({outcome.kind}): {outcome.error}")
    rows = tuple(dict.fromkeys(outcome.rows))  # each row once, in row order
    if rows:
        where = f"failed on {describe_rows(outcome.row_ids, rows)}"
    elif outcome.unexpected_count:
        where = f"failed on {outcome.unexpected_count} row(s)"
    else:
        where = "failed"
    if outcome.observed is not None:
        where += f" (observed: {outcome.observed})"
    return Finding(outcome.severity, outcome.table, outcome.rule, f"{where} [{outcome.kind}]", rows)
