"""Document self-checks: what a document states about itself against what its rows add up to.

Pure functions from the normalised records (and each document's totals statements) to records of
the curated `checks` table. A disagreement is reported with both numbers; nothing is corrected.

- stated_total: each number-and-noun in the plan's totals block ("41 days of improvement activity",
  "over 200 councillors involved") against the measure that noun names over the document's
  activities (see MEASURES). The qualifier ("over", "up to", "about") sets how they are compared.
- pct_achieved: the printed % achieved against 100 * total / target, within PCT_TOLERANCE.
- quarters_vs_total: each deliverable's total against its quarter values: additive (their sum),
  cumulative (the latest or the largest value: a running count or a count of distinct councils) or
  inconsistent.
- row_accounting: every input line is a data row, a joined line, a classified line or a reject.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MATCH, MISMATCH = "match", "mismatch"
ADDITIVE, CUMULATIVE, INCONSISTENT = "additive", "cumulative", "inconsistent"
NOT_COMPARABLE = "not_comparable"
# Outcomes worth a warning in the run summary (the rest are informative rows of the table).
WARNING_OUTCOMES = (MISMATCH, INCONSISTENT)

# Printed percentages are rounded (sometimes truncated) to whole numbers.
PCT_TOLERANCE = 1.0
# "about 200": within this fraction of the stated number.
ABOUT_TOLERANCE = 0.1

# A number followed by a noun, with an optional qualifier before it. Written by hand: the
# statements are free text and no library reads "over 200 councillors" as a bound on a count.
_STATEMENT = re.compile(
    r"(?:\b(?P<qualifier>over|more\s+than|at\s+least|up\s+to|under|fewer\s+than|less\s+than|"
    r"almost|nearly|about|around|approximately|approx\.?|c\.|some)\s+)?"
    r"(?P<number>\d[\d,]*(?:\.\d+)?)\s*(?P<noun>[a-z][a-z-]*)", re.IGNORECASE)

# qualifier -> (how computed must relate to stated, words for the detail)
_COMPARISONS = {
    None: (lambda c, s: math.isclose(c, s), "exactly"),
    "over": (lambda c, s: c > s, "more than"),
    "more than": (lambda c, s: c > s, "more than"),
    "at least": (lambda c, s: c >= s, "at least"),
    "up to": (lambda c, s: c <= s, "at most"),
    "under": (lambda c, s: c < s, "less than"),
    "fewer than": (lambda c, s: c < s, "less than"),
    "less than": (lambda c, s: c < s, "less than"),
    "almost": (lambda c, s: s * (1 - ABOUT_TOLERANCE) <= c <= s, "just under"),
    "nearly": (lambda c, s: s * (1 - ABOUT_TOLERANCE) <= c <= s, "just under"),
}
for _word in ("about", "around", "approximately", "approx", "approx.", "c.", "some"):
    _COMPARISONS[_word] = (lambda c, s: abs(c - s) <= ABOUT_TOLERANCE * s,
                           f"within {ABOUT_TOLERANCE:.0%} of")


@dataclass(frozen=True)
class Measure:
    """What a noun in a totals statement counts, computed over a document's activity records."""

    nouns: frozenset[str]
    column: str | None  # summed column; None = count the rows
    words: str

    def compute(self, records: list[dict]) -> tuple[float | None, str]:
        if self.column is None:
            return float(len(records)), f"number of activity rows ({len(records)})"
        values = [r[self.column] for r in records if r.get(self.column) is not None]
        if not values:
            return None, f"no activity states its {self.column}"
        missing = len(records) - len(values)
        return float(sum(values)), (f"sum of {self.column} over {len(values)} of {len(records)} "
                                    f"activities, {missing} stating none; {self.words}")


# The plan family's vocabulary. "councillors involved" is compared with the sum of audience_size:
# the audience sizes are the only head counts in the rows; they count places (the same people may
# attend several events) and every audience, officers included, since no generic rule can tell a
# councillor audience from another.
MEASURES = (
    Measure(frozenset({"day", "days"}), "duration_days", "days read from each activity's text"),
    Measure(frozenset({"activity", "activities", "event", "events", "session", "sessions"}), None,
            "each activity row is one event"),
    Measure(frozenset({"councillor", "councillors", "member", "members", "people", "person",
                       "persons", "participant", "participants", "delegate", "delegates",
                       "attendee", "attendees", "officer", "officers", "leader", "leaders",
                       "peer", "peers", "places"}),
            "audience_size", "audience sizes count places at each event, every audience included"),
)


@dataclass(frozen=True)
class Statement:
    text: str  # the whole totals statement as printed
    qualifier: str | None
    number: float
    noun: str


def parse_statements(text: str) -> list[Statement]:
    """Every number-and-noun in a totals statement ("over 200 councillors involved")."""
    out = []
    for match in _STATEMENT.finditer(text):
        qualifier = match["qualifier"]
        qualifier = " ".join(qualifier.lower().split()) if qualifier else None
        out.append(Statement(text, qualifier, float(match["number"].replace(",", "")),
                             match["noun"].lower()))
    return out


# Families whose totals statements can be checked, and with which measures.
MEASURES_BY_FAMILY = {"plan": MEASURES}


def measure_for(noun: str, family: str) -> Measure | None:
    return next((m for m in MEASURES_BY_FAMILY.get(family, ()) if noun in m.nouns), None)


def _record(release: str, document: str, check: str, subject: str, stated: float | None,
            computed: float | None, outcome: str, detail: str) -> dict:
    return {"release": release, "document": document, "check": check, "subject": subject,
            "stated": stated, "computed": computed, "outcome": outcome, "detail": detail}


def stated_total_checks(release: str, document: str, family: str, statements: tuple[str, ...],
                        activities: list[dict]) -> list[dict]:
    """The document's totals statements against its activity rows."""
    out, seen = [], {}
    for text in statements:
        parsed = parse_statements(text)
        for statement in parsed:
            subject = text if len(parsed) == 1 else f"{text} [{statement.number:g} {statement.noun}]"
            seen[subject] = seen.get(subject, 0) + 1
            if seen[subject] > 1:
                subject = f"{subject} ({seen[subject]})"
            out.append(_stated_total(release, document, family, subject, statement, activities))
    return out


def _stated_total(release: str, document: str, family: str, subject: str, statement: Statement,
                  activities: list[dict]) -> dict:
    measure = measure_for(statement.noun, family)
    if measure is None:
        return _record(release, document, "stated_total", subject, statement.number, None,
                       NOT_COMPARABLE, f"no measure of {family} rows is known for '{statement.noun}'")
    computed, how = measure.compute(activities)
    if computed is None:
        return _record(release, document, "stated_total", subject, statement.number, None,
                       NOT_COMPARABLE, how)
    agrees, words = _COMPARISONS[statement.qualifier]
    outcome = MATCH if agrees(computed, statement.number) else MISMATCH
    stated_words = f"{statement.qualifier} {statement.number:g}" if statement.qualifier else f"{statement.number:g}"
    return _record(release, document, "stated_total", subject, statement.number, computed, outcome,
                   f"the document states {stated_words} {statement.noun}; the rows give {computed:g} "
                   f"({how}); {outcome}: the rows must give {words} {statement.number:g}")


def pct_achieved_check(release: str, deliverable: dict) -> dict:
    """The printed % achieved against 100 * total / target."""
    stated, total, target = deliverable["pct_achieved"], deliverable["total"], deliverable["target"]
    subject, document = deliverable["deliverable_id"], deliverable["source_file"]
    if total is None or not target:
        return _record(release, document, "pct_achieved", subject, stated, None, NOT_COMPARABLE,
                       "total or target missing (or target 0): nothing to compute from")
    computed = 100.0 * total / target
    if stated is None:
        return _record(release, document, "pct_achieved", subject, None, computed, NOT_COMPARABLE,
                       f"no % achieved printed; 100 * {total} / {target} = {computed:.2f}")
    outcome = MATCH if abs(stated - computed) <= PCT_TOLERANCE else MISMATCH
    return _record(release, document, "pct_achieved", subject, stated, computed, outcome,
                   f"printed {stated:g}%; 100 * total {total} / target {target} = {computed:.2f}; "
                   f"{outcome} (tolerance {PCT_TOLERANCE:g} point for rounding)")


def quarters_vs_total_check(release: str, deliverable: dict, quarters: list[dict]) -> dict:
    """The deliverable's total classified against its quarter values (in quarter order)."""
    total, subject, document = deliverable["total"], deliverable["deliverable_id"], deliverable["source_file"]
    values = [q["delivered"] for q in sorted(quarters, key=lambda q: q["quarter"])
              if q["delivered"] is not None]
    if total is None or not values:
        return _record(release, document, "quarters_vs_total", subject,
                       None if total is None else float(total), None, NOT_COMPARABLE,
                       "no total printed" if total is None else "no quarter value printed")
    added, latest, largest = sum(values), values[-1], max(values)
    listed = ", ".join(str(v) for v in values)
    if total == added:
        also = " (also the latest value)" if total == latest and len(values) > 1 else ""
        return _record(release, document, "quarters_vs_total", subject, float(total), float(added),
                       ADDITIVE, f"total {total} = sum of the quarter values {listed}{also}")
    if total in (latest, largest):
        which = "latest" if total == latest else "largest"
        return _record(release, document, "quarters_vs_total", subject, float(total), float(total),
                       CUMULATIVE, f"total {total} = the {which} quarter value of {listed} (sum {added})")
    return _record(release, document, "quarters_vs_total", subject, float(total), float(added),
                   INCONSISTENT, f"total {total} is neither the sum ({added}) nor the latest ({latest}) "
                   f"or largest ({largest}) of the quarter values {listed}")


def row_accounting_check(release: str, accounting: dict) -> dict:
    """input lines = data rows + joined lines + classified lines + rejected lines."""
    parts = (accounting["data_rows"], accounting["continuation_lines"],
             accounting["classified_lines"], accounting["rejected_lines"])
    computed = sum(parts)
    outcome = MATCH if computed == accounting["input_lines"] else MISMATCH
    return _record(release, accounting["document"], "row_accounting", accounting["document"],
                   float(accounting["input_lines"]), float(computed), outcome,
                   "{} input lines against {} data + {} joined + {} classified + {} rejected".format(
                       accounting["input_lines"], *parts))


def document_checks(release: str, totals_by_document: dict[str, tuple[str, tuple[str, ...]]],
                    activities: list[dict], deliverables: list[dict], quarters: list[dict],
                    accounting: list[dict]) -> list[dict]:
    """Every check of one release (totals_by_document: document -> (family, its totals
    statements)), in a stable order: per document its accounting, then its
    stated totals, then per deliverable its % and its quarters."""
    by_deliverable: dict[str, list[dict]] = {}
    for quarter in quarters:
        by_deliverable.setdefault(quarter["deliverable_id"], []).append(quarter)
    out = [row_accounting_check(release, row) for row in accounting]
    for document, (family, statements) in totals_by_document.items():
        rows = [a for a in activities if a["source_file"] == document]
        out += stated_total_checks(release, document, family, statements, rows)
    for deliverable in deliverables:
        out.append(pct_achieved_check(release, deliverable))
        out.append(quarters_vs_total_check(release, deliverable,
                                           by_deliverable.get(deliverable["deliverable_id"], [])))
    return out
