"""The annex families' column specifications: each family's columns, their printed labels and header
patterns, and how a label is normalised before it is matched.

Core data, since a release manifest's `table: columns:` hint (pipeline.core.release) names family
columns as much as the family reader (pipeline.families.columns) matches headers against them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NON_WORD = re.compile(r"[^0-9a-z%/]+")
_LETTERS_DIGITS = re.compile(r"(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])")



@dataclass(frozen=True)
class ColumnSpec:
    name: str  # canonical name used by the family code
    label: str  # how the column is usually printed (for messages and docs)
    pattern: str  # regex searched in the normalised header label

    def matches(self, label: str) -> re.Match | None:
        return re.search(self.pattern, label)


def _quarter_pattern(number: int) -> str:
    """ "Q1", "Qtr 1", "Qtr. 1", "Quarter 1", "1st quarter", "first quarter" (after normalise_label)."""
    ordinal = {1: "1st|first", 2: "2nd|second", 3: "3rd|third", 4: "4th|fourth"}[number]
    return rf"\b(?:q|qtr|quarter) ?{number}\b|\b(?:{ordinal}) (?:qtr|quarter)\b"


@dataclass(frozen=True)
class FamilySpec:
    name: str
    description: str
    columns: tuple[ColumnSpec, ...]
    key_column: str  # the column every data row fills (a row without it is a wrap or debris)


PLAN = FamilySpec(
    name="plan",
    description="improvement plan: Activity, Date, Target audience, Link to business plan",
    key_column="activity",
    columns=(
        ColumnSpec("audience", "Target audience", r"\baudiences?\b|\bwho\b|\bparticipants\b"),
        ColumnSpec("link", "Link to business plan", r"\blink\b|\bbusiness( plan)?\b|\bpriority\b"),
        ColumnSpec("activity", "Activity", r"\bactivit(y|ies)\b|\bevents?\b"),
        ColumnSpec("date", "Date", r"\bdates?\b|\bwhen\b|\btiming\b"),
    ),
)

TRACKER = FamilySpec(
    name="tracker",
    description="delivery tracker: Theme, Deliverables, <year> Target, Q1-Q4, Total, % achieved, "
    "Commentary/forecast",
    key_column="deliverable",
    columns=(
        ColumnSpec("q1", "Q1", _quarter_pattern(1)),
        ColumnSpec("q2", "Q2", _quarter_pattern(2)),
        ColumnSpec("q3", "Q3", _quarter_pattern(3)),
        ColumnSpec("q4", "Q4", _quarter_pattern(4)),
        ColumnSpec("pct_achieved", "% achieved", r"%|\bper ?cent\b|\bachieved\b"),
        ColumnSpec("commentary", "Commentary/forecast", r"\bcomment(ary|s)?\b|\bforecast\b|\bnotes?\b"),
        ColumnSpec("theme", "Theme", r"\bthemes?\b"),
        ColumnSpec("deliverable", "Deliverables", r"\bdeliverables?\b"),
        ColumnSpec("target", "<year> Target", r"\btargets?\b"),
        ColumnSpec("total", "Total", r"^(grand )?totals?( delivered)?( to date)?$"),
    ),
)

FAMILIES: tuple[FamilySpec, ...] = (PLAN, TRACKER)
FAMILY_BY_NAME = {f.name: f for f in FAMILIES}


def normalise_label(text: str) -> str:
    """Case, punctuation and spacing ignored; letters and digits run together are split, since a
    PDF's wrapped header cell can come out without the space ("Target2016/17", "Qtr1")."""
    text = _LETTERS_DIGITS.sub(" ", _NON_WORD.sub(" ", text.casefold()))
    return " ".join(text.split())


def named_column(family: FamilySpec, written: str) -> ColumnSpec | None:
    """The family's column a manifest names: by its name (`audience`) or printed label
    (`Target audience`; `Target` for `<year> Target`), any case and spacing."""
    wanted = normalise_label(written.replace("<year>", ""))
    return next((c for c in family.columns
                 if wanted in (normalise_label(c.name), normalise_label(c.label.replace("<year>", "")))), None)
