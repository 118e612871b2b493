"""One expectation suite per curated table, built from the declared schema (pipeline/schema.py)
plus the rules below, as plain GX-1.x JSON dicts (no GX import here: pipeline/validate/gx_adapter.py
turns them into GX objects). `annex suites --write` saves them to expectations/<table>.json; a test
fails when those files differ from what this module builds.

Each expectation carries a severity: `critical` stops the release (nothing published), `warning`
publishes and is listed in the run summary. Bounds that depend on the release (its financial year,
its documents) are suite parameters ({"$PARAMETER": name}) filled in by `suite_parameters`.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from pipeline.core.fiscal import FinancialYear
from pipeline.core.flags import Flag
from pipeline.normalise.dates import Precision, Status
from pipeline.schema import (ACTIVITIES, CHECKS, CURATED_TABLES, DELIVERABLE_QUARTERS, DELIVERABLES,
                             REJECTS, TableSpec)
from pipeline.validate.frames import view_type

CRITICAL = "critical"
WARNING = "warning"
SEVERITIES = (CRITICAL, WARNING)

# The outcomes and kinds of pipeline/validate/checks.py, repeated here so the checks suite pins them.
CHECK_KINDS = ("stated_total", "pct_achieved", "quarters_vs_total", "row_accounting")
CHECK_OUTCOMES = ("match", "mismatch", "additive", "cumulative", "inconsistent", "not_comparable")

# Which document family fills which table ("at least one row per document" checks per family).
TABLE_FAMILY = {ACTIVITIES.name: "plan", DELIVERABLES.name: "tracker"}

# Sane ranges: below the lower bound is impossible (critical), above the upper one is suspicious
# (warning) but can be true, so it publishes and is shown.
MAX_ACTIVITY_DAYS = 31  # longer than a month: probably a date or a count read as a duration
MAX_AUDIENCE_SIZE = 1_000  # one event's audience
MAX_PCT_ACHIEVED = 1_000.0  # ten times the target: more likely a typo than a result


def param(name: str) -> dict:
    return {"$PARAMETER": name}


def expectation(kind: str, severity: str, rule: str, **kwargs) -> dict:
    """One expectation in GX's JSON form; `rule` is the plain-words name used in messages."""
    if severity not in SEVERITIES:
        raise ValueError(f"unknown severity {severity!r}")
    return {"type": kind, "kwargs": kwargs, "meta": {"rule": rule}, "severity": severity}


def row_id_columns(spec: TableSpec) -> list[str]:
    """Columns naming a row in messages and Data Docs: the key without the release."""
    return [c for c in spec.key if c != "release"]


def schema_expectations(spec: TableSpec) -> list[dict]:
    """From the declared schema: the columns in order, each column's type, the not-null columns,
    and the key unique."""
    out = [expectation("expect_table_columns_to_match_ordered_list", CRITICAL,
                       f"columns are exactly {', '.join(spec.column_names)}",
                       column_list=spec.column_names)]
    for column in spec.columns:
        out.append(expectation("expect_column_values_to_be_of_type", CRITICAL,
                               f"{column.name} is {column.type}", column=column.name,
                               type_=view_type(column.type)))
    for column in spec.columns:
        if not column.nullable:
            out.append(expectation("expect_column_values_to_not_be_null", CRITICAL,
                                   f"{column.name} is never null", column=column.name))
    out.append(expectation("expect_compound_columns_to_be_unique", CRITICAL,
                           f"({', '.join(spec.key)}) is unique", column_list=list(spec.key)))
    return out


def _between(column: str, severity: str, rule: str, **bounds) -> dict:
    return expectation("expect_column_values_to_be_between", severity, rule, column=column, **bounds)


def _ordered(first: str, last: str) -> dict:
    """first <= last wherever both are known."""
    return expectation("expect_column_pair_values_a_to_be_greater_than_b", CRITICAL,
                       f"{first} <= {last}", column_A=last, column_B=first, or_equal=True,
                       ignore_row_if="either_value_is_missing")


def _rows_from_every_document(family: str) -> dict:
    return expectation("expect_column_distinct_values_to_contain_set", CRITICAL,
                       f"at least one row from every {family} document", column="source_file",
                       value_set=param(f"{family}_documents"))


def _date_values() -> tuple[list[str], list[str]]:
    # the normaliser's vocabularies; imported here so a new precision or status is picked up
    return [p.value for p in Precision], [s.value for s in Status]


def table_rules(name: str) -> list[dict]:
    """The rules beyond the schema, per table."""
    if name == ACTIVITIES.name:
        precisions, statuses = _date_values()
        return [
            _rows_from_every_document("plan"),
            _ordered("date_start", "date_end"),
            _between("date_start", CRITICAL, "date_start inside the financial year (with the margin)",
                     min_value=param("date_min"), max_value=param("date_max")),
            _between("date_end", CRITICAL, "date_end inside the financial year (with the margin)",
                     min_value=param("date_min"), max_value=param("date_max")),
            expectation("expect_column_values_to_be_in_set", CRITICAL,
                        "date_precision is a known precision", column="date_precision",
                        value_set=precisions),
            expectation("expect_column_values_to_be_in_set", CRITICAL, "status is a known status",
                        column="status", value_set=statuses),
            _between("duration_days", CRITICAL, "duration_days > 0", min_value=0, strict_min=True),
            _between("duration_days", WARNING, f"duration_days <= {MAX_ACTIVITY_DAYS}",
                     max_value=MAX_ACTIVITY_DAYS),
            _between("audience_size", CRITICAL, "audience_size >= 1", min_value=1),
            _between("audience_size", WARNING, f"audience_size <= {MAX_AUDIENCE_SIZE}",
                     max_value=MAX_AUDIENCE_SIZE),
            expectation("expect_column_values_to_not_be_null", WARNING,
                        "the date could be read (date_start known)", column="date_start"),
        ]
    if name == DELIVERABLES.name:
        return [
            _rows_from_every_document("tracker"),
            expectation("expect_column_values_to_be_in_set", CRITICAL,
                        "financial_year is the release's", column="financial_year",
                        value_set=param("financial_years")),
            expectation("expect_compound_columns_to_be_unique", CRITICAL,
                        "(release, deliverable_id) is unique", column_list=["release", "deliverable_id"]),
            _between("target", CRITICAL, "target > 0", min_value=0, strict_min=True),
            _between("total", CRITICAL, "total >= 0", min_value=0),
            _between("pct_achieved", CRITICAL, "pct_achieved >= 0", min_value=0),
            _between("pct_achieved", WARNING, f"pct_achieved <= {MAX_PCT_ACHIEVED:g}",
                     max_value=MAX_PCT_ACHIEVED),
            expectation("expect_column_values_to_not_be_null", WARNING,
                        "the target could be read (target known)", column="target"),
        ]
    if name == DELIVERABLE_QUARTERS.name:
        return [
            expectation("expect_table_row_count_to_equal", CRITICAL, "four rows per deliverable",
                        value=param("quarter_rows")),
            _between("quarter", CRITICAL, "quarter in 1..4", min_value=1, max_value=4),
            _ordered("period_start", "period_end"),
            _between("period_start", CRITICAL, "period_start inside the financial year",
                     min_value=param("year_start"), max_value=param("year_end")),
            _between("period_end", CRITICAL, "period_end inside the financial year",
                     min_value=param("year_start"), max_value=param("year_end")),
            _between("delivered", CRITICAL, "delivered >= 0", min_value=0),
            # the normaliser keeps a printed negative count out of `delivered` and flags it
            expectation("expect_column_values_to_not_be_in_set", CRITICAL,
                        "no count printed below zero", column="value_flag", value_set=[Flag.NEGATIVE.value]),
            expectation("expect_column_values_to_not_be_in_set", WARNING,
                        "every quarter cell could be read", column="value_flag",
                        value_set=[Flag.UNREADABLE.value]),
        ]
    if name == REJECTS.name:
        return [expectation("expect_table_row_count_to_equal", WARNING,
                            "no source line rejected (see the rejects table)", value=0)]
    if name == CHECKS.name:
        return [
            expectation("expect_column_values_to_be_in_set", CRITICAL, "check is a known check",
                        column="check", value_set=list(CHECK_KINDS)),
            expectation("expect_column_values_to_be_in_set", CRITICAL, "outcome is a known outcome",
                        column="outcome", value_set=list(CHECK_OUTCOMES)),
        ]
    return []


def build_suite(spec: TableSpec) -> dict:
    expectations = schema_expectations(spec) + table_rules(spec.name)
    _check_columns(spec, expectations)
    return {
        "name": spec.name,
        "expectations": expectations,
        "meta": {"table": spec.name, "row_id_columns": row_id_columns(spec),
                 "generated_by": "pipeline/validate/suites.py (annex suites --write)"},
        "notes": spec.description,
    }


def build_suites() -> dict[str, dict]:
    """Every curated table's suite, by table name."""
    return {name: build_suite(spec) for name, spec in CURATED_TABLES.items()}


def _check_columns(spec: TableSpec, expectations: list[dict]) -> None:
    """A rule naming a column the schema lost fails here, not silently inside GX."""
    known = set(spec.column_names)
    for item in expectations:
        kwargs = item["kwargs"]
        named = [kwargs[k] for k in ("column", "column_A", "column_B") if k in kwargs]
        if item["type"] != "expect_table_columns_to_match_ordered_list":
            named += kwargs.get("column_list", [])
        missing = [c for c in named if c not in known]
        if missing:
            raise ValueError(f"suite {spec.name}: rule {item['meta']['rule']!r} names unknown column(s) "
                             f"{', '.join(missing)}")


def suite_parameters(financial_year: FinancialYear, margin_days: int,
                     documents_by_family: dict[str, list[str]], deliverable_count: int) -> dict:
    """Values of the suites' parameters for one release. Dates are ISO strings: GX reads them as
    dates and compares them with the frame's date objects (see frames.py)."""
    margin = dt.timedelta(days=margin_days)
    return {
        "date_min": (financial_year.start - margin).isoformat(),
        "date_max": (financial_year.end + margin).isoformat(),
        "year_start": financial_year.start.isoformat(),
        "year_end": financial_year.end.isoformat(),
        "financial_years": [str(financial_year)],
        "quarter_rows": 4 * deliverable_count,
        **{f"{family}_documents": sorted(documents_by_family.get(family, []))
           for family in sorted(set(TABLE_FAMILY.values()))},
    }


def suite_json(suite: dict) -> str:
    """The suite file's exact text (stable: no ids, fixed indentation, a final newline)."""
    return json.dumps(suite, indent=2, ensure_ascii=False) + "\n"


def write_suites(folder: Path) -> list[Path]:
    """Write expectations/<table>.json for every suite; returns the files that changed."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, suite in build_suites().items():
        path = folder / f"{name}.json"
        text = suite_json(suite)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def stale_suites(folder: Path) -> list[str]:
    """Tables whose file in `folder` is missing or differs from the code's suite."""
    return [name for name, suite in build_suites().items()
            if not (Path(folder) / f"{name}.json").is_file()
            or (Path(folder) / f"{name}.json").read_text(encoding="utf-8") != suite_json(suite)]


# The versioned suite files; for an editable install (the project's layout) the repo's folder.
EXPECTATIONS_DIR = Path(__file__).resolve().parents[2] / "expectations"


def load_suites(folder: Path | None = None) -> dict[str, dict]:
    """The suites validation runs: the versioned files in `folder` (what is reviewed is what runs),
    the code's suite for a table with no file. A test keeps the files equal to the code."""
    folder = Path(folder) if folder is not None else EXPECTATIONS_DIR
    suites = {}
    for name, suite in build_suites().items():
        path = folder / f"{name}.json"
        suites[name] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else suite
    return suites
