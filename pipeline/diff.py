"""What changed between two releases: pure functions from their curated tables to one diff table.

Activities have no id, and identical activities repeat within a release (several "Sport action
learning set (1 day)"), so they are matched by their text and the order they occur in:

1. Group each release's activities by normalised text (case, spacing and punctuation ignored, as
   for deliverable ids), in row order.
2. Within a group, pair first the activities whose schedule (date_start, date_end,
   date_precision) is the same in both releases, in occurrence order: an activity added or
   removed among identical ones then does not shift its neighbours into false reschedulings.
3. Pair the remaining ones of the group in occurrence order: those are the rescheduled ones.
4. Whatever is left unpaired in A was removed, in B was added.

Deliverables are matched by deliverable_id (stable across releases for the same text).

One diff row per changed field (a move from "November" to "12 November" is three rows:
date_start, date_end and date_precision); added and removed items are one row each.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping

import pyarrow as pa

from pipeline.schema import Column, TableSpec

ADDED, REMOVED = "added", "removed"
RESCHEDULED, STATUS_CHANGED = "rescheduled", "status_changed"
COUNTS_CHANGED, COMMENTARY_CHANGED = "counts_changed", "commentary_changed"

SCHEDULE_FIELDS = ("date_start", "date_end", "date_precision")
DELIVERABLE_COUNT_FIELDS = ("target", "total", "pct_achieved")
QUARTERS = (1, 2, 3, 4)

DIFF = TableSpec(
    name="diff",
    description="Output of `annex diff A B`: what changed from release A to release B, one row per "
    "changed field, or one row per added or removed activity or deliverable.",
    key=("table", "row_a", "row_b", "field"),
    columns=(
        Column("release_a", pa.string(), "The earlier release compared.", False),
        Column("release_b", pa.string(), "The later release compared.", False),
        Column("table", pa.string(), "Curated table the item is from: activities or deliverables.", False),
        Column("change", pa.string(), "added, removed, rescheduled (date_start, date_end or "
               "date_precision changed), status_changed, counts_changed (target, total, pct_achieved or "
               "a quarter's value) or commentary_changed.", False),
        Column("item", pa.string(), "The activity or deliverable as printed (in B; in A when removed).",
               False),
        Column("deliverable_id", pa.string(), "The deliverable's id; null for activities."),
        Column("row_a", pa.int32(), "row_number of the item in release A; null when added."),
        Column("row_b", pa.int32(), "row_number of the item in release B; null when removed."),
        Column("field", pa.string(), "Column that changed (quarters as delivered_q1..delivered_q4); null "
               "for added and removed."),
        Column("before", pa.string(), "Value in A as text (dates ISO, quarters as printed); null when "
               "blank, added or removed."),
        Column("after", pa.string(), "Value in B as text; null when blank, added or removed."),
    ),
)

_WORDS = re.compile(r"[^0-9a-z%]+")


def normalised_text(text: str) -> str:
    """Case, spacing and punctuation ignored: 'Sport Academy (2days)' ~ 'sport academy 2days'."""
    return " ".join(_WORDS.sub(" ", (text or "").casefold()).split())


def diff_releases(release_a: str, tables_a: Mapping[str, pa.Table],
                  release_b: str, tables_b: Mapping[str, pa.Table]) -> pa.Table:
    """The diff table (schema DIFF) between two releases' curated tables, in a fixed order:
    activities then deliverables, each in B's row order with removed items after, by A's order."""
    rows = activity_changes(_rows(tables_a, "activities"), _rows(tables_b, "activities"))
    rows += deliverable_changes(_rows(tables_a, "deliverables"), _rows(tables_b, "deliverables"),
                                _rows(tables_a, "deliverable_quarters"),
                                _rows(tables_b, "deliverable_quarters"))
    for row in rows:
        row["release_a"], row["release_b"] = release_a, release_b
    columns = {c.name: [r.get(c.name) for r in rows] for c in DIFF.columns}
    return pa.Table.from_pydict(columns, schema=DIFF.schema)


def match_activities(a: list[dict], b: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """(pairs, removed, added) by the rule in the module doc; each list in row order."""
    groups_a, groups_b = _group_by_text(a), _group_by_text(b)
    pairs, removed, added = [], [], []
    for text in groups_a.keys() | groups_b.keys():
        left, right = list(groups_a.get(text, [])), list(groups_b.get(text, []))
        # Pass 1: same schedule, in occurrence order.
        for item in list(left):
            same = next((r for r in right if _schedule(r) == _schedule(item)), None)
            if same is not None:
                pairs.append((item, same))
                left.remove(item)
                right.remove(same)
        # Pass 2: the rest in occurrence order.
        pairs += list(zip(left, right))
        removed += left[len(right):]
        added += right[len(left):]
    pairs.sort(key=lambda pair: pair[1]["row_number"])
    removed.sort(key=lambda r: r["row_number"])
    added.sort(key=lambda r: r["row_number"])
    return pairs, removed, added


def activity_changes(a: list[dict], b: list[dict]) -> list[dict]:
    pairs, removed, added = match_activities(a, b)
    changes = []
    for old, new in pairs:
        for name in SCHEDULE_FIELDS:
            if old[name] != new[name]:
                changes.append(_change("activities", RESCHEDULED, old, new, new["activity"], name,
                                       old[name], new[name]))
        if old["status"] != new["status"]:
            changes.append(_change("activities", STATUS_CHANGED, old, new, new["activity"], "status",
                                   old["status"], new["status"]))
    changes += [_change("activities", ADDED, None, r, r["activity"]) for r in added]
    changes += [_change("activities", REMOVED, r, None, r["activity"]) for r in removed]
    return _in_b_order(changes)


def deliverable_changes(a: list[dict], b: list[dict], quarters_a: list[dict],
                        quarters_b: list[dict]) -> list[dict]:
    by_id_a = {r["deliverable_id"]: r for r in a}
    by_id_b = {r["deliverable_id"]: r for r in b}
    printed_a, printed_b = _quarter_texts(quarters_a), _quarter_texts(quarters_b)
    changes = []
    for new in b:
        ident = new["deliverable_id"]
        old = by_id_a.get(ident)
        if old is None:
            changes.append(_change("deliverables", ADDED, None, new, new["deliverable"], ident=ident))
            continue
        for name in DELIVERABLE_COUNT_FIELDS:
            if old[name] != new[name]:
                changes.append(_change("deliverables", COUNTS_CHANGED, old, new, new["deliverable"],
                                       name, old[name], new[name], ident))
        for quarter in QUARTERS:
            before, after = printed_a.get((ident, quarter)), printed_b.get((ident, quarter))
            if before != after:
                changes.append(_change("deliverables", COUNTS_CHANGED, old, new, new["deliverable"],
                                       f"delivered_q{quarter}", before, after, ident))
        if (old["commentary"] or None) != (new["commentary"] or None):
            changes.append(_change("deliverables", COMMENTARY_CHANGED, old, new, new["deliverable"],
                                   "commentary", old["commentary"], new["commentary"], ident))
    changes += [_change("deliverables", REMOVED, r, None, r["deliverable"], ident=r["deliverable_id"])
                for r in a if r["deliverable_id"] not in by_id_b]
    return changes


def _rows(tables: Mapping[str, pa.Table], name: str) -> list[dict]:
    table = tables.get(name)
    rows = table.to_pylist() if table is not None else []
    return sorted(rows, key=lambda r: r.get("row_number") or 0)


def _group_by_text(rows: list[dict]) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[normalised_text(row["activity"])].append(row)
    return groups


def _schedule(row: dict) -> tuple:
    return tuple(row[name] for name in SCHEDULE_FIELDS)


def _quarter_texts(quarters: list[dict]) -> dict[tuple[str, int], str | None]:
    """A quarter's value as printed (stripped; blank as None): it is what changed, even between
    two values that both read as null ('' -> 'n/a')."""
    return {(q["deliverable_id"], q["quarter"]): (q["value_text"] or "").strip() or None
            for q in quarters}


def _change(table: str, change: str, old: dict | None, new: dict | None, item: str,
            field: str | None = None, before=None, after=None, ident: str | None = None) -> dict:
    return {"table": table, "change": change, "item": item, "deliverable_id": ident,
            "row_a": old["row_number"] if old else None, "row_b": new["row_number"] if new else None,
            "field": field, "before": value_text(before), "after": value_text(after)}


def _in_b_order(changes: list[dict]) -> list[dict]:
    """Paired and added items by their row in B; removed ones after, by their row in A."""
    return sorted(changes, key=lambda c: (c["row_b"] is None, c["row_b"] or 0, c["row_a"] or 0))


def value_text(value) -> str | None:
    """A value as diff text: ISO dates, whole floats without '.0', blank as None."""
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}" if value.is_integer() else repr(value)
    text = str(value)
    return text if text.strip() else None
