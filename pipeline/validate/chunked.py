"""Many releases through the expectation suites in one Great Expectations run per curated table.

A GX run costs about the same for 30 rows as for 30,000 (setting up the context, the suite, the
metrics), so validating releases one by one spends nearly all its time on that set-up. Here the
rows of a chunk of releases are validated together (each row carries its `release`), and every
release still gets the outcomes it would get alone:

- Releases are grouped by the values of the suite parameters that row-level rules use (the
  financial year's bounds): inside a group such a rule means the same for every row.
- A row-level rule (a map expectation: each row passes or fails on its own values) runs once over
  the group's rows. Its failing rows are listed with their release (`release` is put first in the
  row ids), so each release fails it on exactly its own rows, and passes it when it has none.
- A rule about the table's shape (its column list) runs once: the releases' tables could only be
  put together because their columns are the same.
- A rule about a release as a whole (a row count, a column's distinct values, a uniqueness that
  does not include `release`) runs in the same GX run on one release's rows at a time (GX's
  row_condition), with that release's parameter values. A screen (a plain count or set
  comparison, for the kinds it knows) first clears the releases where the rule surely holds: GX
  evaluates it once for all of them (their passing outcome is the same), and once for each
  other release. So a chunk of good releases costs a few GX evaluations per rule, not one per
  release; if GX fails a release the screen cleared, the group is validated release by release.
- Where GX cannot say which rows failed a row-level rule (it raised, or listed no rows), or the
  releases' tables cannot be put together (their schemas differ), the group is validated release
  by release instead: slower, the same outcomes.
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from typing import Sequence

import pyarrow as pa

from pipeline.validate import gx_adapter
from pipeline.validate.frames import validation_frame
from pipeline.validate.results import ExpectationOutcome

RELEASE_COLUMN = "release"

# Map expectations: each row passes or fails on its own values, and GX lists the failing rows.
ROW_LEVEL_KINDS = frozenset({
    "expect_column_values_to_be_between",
    "expect_column_values_to_be_in_set",
    "expect_column_values_to_not_be_in_set",
    "expect_column_values_to_not_be_null",
    "expect_column_values_to_be_of_type",
    "expect_column_pair_values_a_to_be_greater_than_b",
    "expect_compound_columns_to_be_unique",
})

# Rules about the table's shape, not its rows: the same for every release whose table could be
# put together with the others' (same columns), so run once and given to each.
SHAPE_KINDS = frozenset({"expect_table_columns_to_match_ordered_list"})

# A release id usable inside a row_condition as a quoted literal (the release-id rules of
# pipeline/core/release.py allow no less safe character; anything else is validated alone).
_PLAIN_ID = re.compile(r"[A-Za-z0-9._-]+")

Release = tuple[str, dict[str, pa.Table], dict]  # (release id, tables by name, suite parameters)


def is_row_level(item: dict) -> bool:
    """Whether an expectation (GX JSON) judges each row on its own values."""
    if item["type"] not in ROW_LEVEL_KINDS:
        return False
    if item["type"] == "expect_compound_columns_to_be_unique":
        return RELEASE_COLUMN in item["kwargs"].get("column_list", [])  # unique per release
    return True


def parameters_used(value) -> set[str]:
    """The names of the suite parameters ({"$PARAMETER": name}) inside an expectation's kwargs."""
    if isinstance(value, dict):
        if set(value) == {"$PARAMETER"}:
            return {value["$PARAMETER"]}
        return set().union(*(parameters_used(v) for v in value.values())) if value else set()
    if isinstance(value, list):
        return set().union(*(parameters_used(v) for v in value)) if value else set()
    return set()


def row_level_parameters(suites: dict[str, dict]) -> list[str]:
    """The names of the suite parameters that row-level rules use, sorted."""
    return sorted({name for suite in suites.values() for item in suite["expectations"]
                   if is_row_level(item) for name in parameters_used(item["kwargs"])})


def group_key(parameters: dict, suites: dict[str, dict], names: list[str] | None = None) -> str:
    """The values of the parameters row-level rules use (`names`, row_level_parameters(suites)
    when not given); releases with the same key share a run."""
    names = row_level_parameters(suites) if names is None else names
    return json.dumps({name: parameters.get(name) for name in names}, sort_keys=True, default=str)


def chunk_outcomes(releases: Sequence[Release], suites: dict[str, dict]) -> dict[str, list[ExpectationOutcome]]:
    """Per release id, the outcomes validate_release would give it alone (same order)."""
    groups: dict[str, list[Release]] = {}
    names = row_level_parameters(suites)  # once per chunk, not per release: it walks every suite
    for release in releases:
        groups.setdefault(group_key(release[2], suites, names), []).append(release)
    out: dict[str, list[ExpectationOutcome]] = {}
    for group in groups.values():
        together = None
        if len(group) > 1 and all(_PLAIN_ID.fullmatch(r[0]) for r in group):
            together = _together(group, suites)
        if together is None:
            together = {release_id: _alone(release_id, tables, parameters, suites)
                        for release_id, tables, parameters in group}
        out.update(together)
    return out


def _alone(release_id: str, tables: dict[str, pa.Table], parameters: dict,
           suites: dict[str, dict]) -> list[ExpectationOutcome]:
    frames = {name: validation_frame(tables[name]) for name in suites if name in tables}
    return gx_adapter.run_suites(frames, suites, parameters, run_name=release_id)[0]


def _together(group: list[Release], suites: dict[str, dict]) -> dict[str, list[ExpectationOutcome]] | None:
    """The group's outcomes from one GX run, or None when they cannot be told apart by release."""
    shared = dict(group[0][2])  # row-level rules' parameters are equal across the group
    frames, chunk_suites, plans = {}, {}, {}
    for name, suite in suites.items():
        members = [(release_id, tables[name], parameters) for release_id, tables, parameters in group
                   if name in tables]
        if not members:
            continue
        try:
            frames[name] = validation_frame(pa.concat_tables([table for _, table, _ in members]))
        except (pa.ArrowInvalid, pa.ArrowTypeError):
            return None  # schemas differ: only release by release can say which is wrong
        chunk_suites[name], plans[name] = _chunk_suite(suite, members, shared)
    outcomes, _ = gx_adapter.run_suites(frames, chunk_suites, shared, run_name="chunk")
    by_table: dict[str, list[ExpectationOutcome]] = {}
    for outcome in outcomes:
        by_table.setdefault(outcome.table, []).append(outcome)
    out: dict[str, list[ExpectationOutcome]] = {release_id: [] for release_id, _, _ in group}
    for name, plan in plans.items():
        results = by_table.get(name, [])
        if len(results) != len(plan):
            return None
        members = [release_id for release_id, tables, _ in group if name in tables]
        for (index, owner, also), outcome in zip(plan, results):
            if owner is not None:  # a whole-release rule, run for its release only
                mine = replace(outcome, row_ids=outcome.row_ids[1:], rows=tuple(row[1:] for row in outcome.rows))
                if also and not mine.success:
                    return None  # the screen said it holds here: only a run per release can tell
                for release_id in (owner, *also):
                    out[release_id].append(mine)
                continue
            if suites[name]["expectations"][index]["type"] in SHAPE_KINDS:
                for release_id in members:
                    out[release_id].append(replace(outcome, row_ids=outcome.row_ids[1:]))
                continue
            split = _split(outcome, members)
            if split is None:
                return None
            for release_id, mine in split.items():
                out[release_id].append(mine)
    return out


def _chunk_suite(suite: dict, members: list[tuple[str, pa.Table, dict]],
                 shared: dict) -> tuple[dict, list[tuple[int, str | None, tuple[str, ...]]]]:
    """The suite for the group's rows: each row-level rule once; each whole-release rule for one
    release at a time (restricted to its rows, its parameters renamed per release and added to
    `shared`): for every release the screen cannot clear, and once for the releases it clears.
    Returns it with the plan: per expectation, (its index in the suite, the release it is run
    for, the releases that share that release's outcome)."""
    chunk = copy.deepcopy(suite)
    meta = chunk.setdefault("meta", {})
    meta["row_id_columns"] = [RELEASE_COLUMN] + [c for c in meta.get("row_id_columns", [])
                                                 if c != RELEASE_COLUMN]
    expectations, plan = [], []
    for index, item in enumerate(suite["expectations"]):
        if is_row_level(item) or item["type"] in SHAPE_KINDS:
            expectations.append(copy.deepcopy(item))
            plan.append((index, None, ()))
            continue
        holds = [release_id for release_id, table, parameters in members
                 if _screen(item, table, parameters)]
        runs = [(m, ()) for m in members if m[0] not in holds]
        if holds:  # one run speaks for every release the screen clears
            runs.append((next(m for m in members if m[0] == holds[0]), tuple(holds[1:])))
        number = {m[0]: n for n, m in enumerate(members)}
        for (release_id, _, parameters), also in runs:
            # GX reads a parameter name as an expression ("-" is minus): numbered, not named by id
            renamed = {name: f"{name}__release_{number[release_id]}" for name in parameters_used(item["kwargs"])}
            for name, new in renamed.items():
                shared[new] = parameters[name]
            kwargs = _rename_parameters(item["kwargs"], renamed)
            kwargs["row_condition"] = f'{RELEASE_COLUMN}=="{release_id}"'
            kwargs["condition_parser"] = "pandas"
            expectations.append({**copy.deepcopy(item), "kwargs": kwargs})
            plan.append((index, release_id, also))
    chunk["expectations"] = expectations
    return chunk, plan


def _screen(item: dict, table: pa.Table, parameters: dict) -> bool:
    """True when a whole-release rule surely holds for this release's table: a plain count or set
    comparison for the kinds it knows (GX still evaluates the rule once for all such releases,
    and for every other release); False when it may fail or its kind is unknown here."""
    kwargs = _resolved(item["kwargs"], parameters)
    if item["type"] == "expect_table_row_count_to_equal":
        return isinstance(kwargs.get("value"), int) and table.num_rows == kwargs["value"]
    if item["type"] == "expect_column_distinct_values_to_contain_set":
        column, wanted = kwargs.get("column"), kwargs.get("value_set")
        if column not in table.column_names or not isinstance(wanted, list):
            return False
        present = set(table.column(column).to_pylist())
        return all(isinstance(v, str) for v in wanted) and set(wanted) <= present
    return False


def _resolved(value, parameters: dict):
    """Kwargs with each {"$PARAMETER": name} replaced by its value."""
    if isinstance(value, dict):
        if set(value) == {"$PARAMETER"}:
            return parameters.get(value["$PARAMETER"])
        return {k: _resolved(v, parameters) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolved(v, parameters) for v in value]
    return value


def _rename_parameters(value, renamed: dict[str, str]):
    if isinstance(value, dict):
        if set(value) == {"$PARAMETER"}:
            return {"$PARAMETER": renamed.get(value["$PARAMETER"], value["$PARAMETER"])}
        return {k: _rename_parameters(v, renamed) for k, v in value.items()}
    if isinstance(value, list):
        return [_rename_parameters(v, renamed) for v in value]
    return value


def _split(outcome: ExpectationOutcome, releases: list[str]) -> dict[str, ExpectationOutcome] | None:
    """A row-level rule's outcome over the group, per release; None when its failing rows are
    unknown (then only a run per release can tell)."""
    if outcome.error is not None or (outcome.failed and not outcome.rows):
        return None
    row_ids = outcome.row_ids[1:]
    rows: dict[str, list[tuple]] = {release_id: [] for release_id in releases}
    for row in outcome.rows:
        if row[0] not in rows:
            return None
        rows[row[0]].append(tuple(row[1:]))
    # a release without failing rows passes as it would alone (a count of 0 where GX counts);
    # outcomes are frozen, so the releases that pass share one
    passed = replace(outcome, row_ids=row_ids, rows=(), success=True, observed=None,
                     unexpected_count=0 if outcome.unexpected_count is not None else None)
    return {release_id: replace(outcome, row_ids=row_ids, rows=tuple(mine), success=False,
                                unexpected_count=len(mine), observed=None) if mine else passed
            for release_id, mine in rows.items()}
