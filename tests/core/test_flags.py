"""pipeline/core/flags.py: every flag a row can carry is one member of `Flag`, explained once, and the
normalisers, the run summary and the data dictionary all read it."""

import ast
from pathlib import Path

import pytest

from pipeline.cli.progress import FLAG_MEANING
from pipeline.core.flags import (ACTIVITY_FLAGS, DELIVERABLE_FLAGS, ORDINARY, QUARTER_FLAG, Flag, count_flag,
                                 date_flag, flags_in)
from pipeline.dictionary import render_dictionary
from pipeline.normalise.cells import parse_count, parse_percent

PIPELINE = Path(__file__).resolve().parents[2] / "pipeline"

# One cell per count flag, typed here (the conventions parse_count documents).
COUNT_CELLS = {"": "blank", "n/a": "not_applicable", "TBC": "pending", "c. 30": "approximate", "12*": "annotated",
               "twelve": "in_words", "lots": "unreadable", "-3": "negative"}


def test_every_count_flag_parse_count_gives_is_a_quarter_flag():
    flags = {cell: parse_count(cell).flag for cell in COUNT_CELLS}
    assert flags == COUNT_CELLS
    assert all(isinstance(flag, Flag) for flag in flags.values())
    assert set(flags.values()) == set(flags_in(QUARTER_FLAG))


def test_percent_flags_are_members():
    assert parse_percent("about half") == (None, Flag.PCT_UNREADABLE)
    assert parse_percent("-5%") == (-5.0, Flag.PCT_NEGATIVE)
    assert isinstance(parse_percent("-5%")[1], Flag)


def test_deliverable_flags_are_the_target_and_total_count_flags_and_the_percent_flags():
    problems = [flag for flag in flags_in(QUARTER_FLAG) if flag not in ORDINARY]
    expected = {count_flag(cell, flag) for cell in ("target", "total") for flag in problems}
    expected |= {Flag.PCT_UNREADABLE, Flag.PCT_NEGATIVE}
    assert set(flags_in(DELIVERABLE_FLAGS)) == expected
    assert count_flag("target", Flag.PENDING) == "target_pending"


def date_reader_flags() -> set[str]:
    """The DateRange.flag values the date reader can give: the string constants of dates/model.py,
    and any flag="..." written as a literal anywhere in pipeline/normalise/dates/."""
    found = set()
    model = ast.parse((PIPELINE / "normalise" / "dates" / "model.py").read_text(encoding="utf-8"))
    for node in model.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            found.add(node.value.value)
    for path in (PIPELINE / "normalise" / "dates").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.keyword) and node.arg == "flag" and isinstance(node.value, ast.Constant)
                    and isinstance(node.value.value, str)):
                found.add(node.value.value)
    return found


def test_every_date_reader_flag_is_an_activity_flag():
    reader = date_reader_flags()
    assert {"year_out_of_range", "month_corrected"} <= reader  # the scan finds what it should
    assert {date_flag(flag) for flag in reader} | {Flag.DATE_MISSING, Flag.DATE_UNREADABLE} == set(
        flags_in(ACTIVITY_FLAGS))


# Where rows' flags are written, counted or checked: no flag spelt as a string literal there.
READERS_OF_FLAGS = ["normalise/cells.py", "normalise/tables.py", "normalise/release.py", "flow.py",
                    "cli/progress.py", "validate/suites.py", "validate/checks.py", "schema.py", "dictionary.py"]


@pytest.mark.parametrize("relative", READERS_OF_FLAGS)
def test_no_flag_is_spelt_as_a_literal(relative):
    values = {flag.value for flag in Flag}
    tree = ast.parse((PIPELINE / relative).read_text(encoding="utf-8"))
    literals = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and node.value in values]
    assert literals == [], f"{relative}: use pipeline.core.flags.Flag for {literals}"


def test_every_flag_is_explained_and_placed():
    for flag in Flag:
        assert flag.meaning.strip(), flag
        assert flag.columns and set(flag.columns) <= {ACTIVITY_FLAGS, DELIVERABLE_FLAGS, QUARTER_FLAG}, flag


def test_run_summary_explains_every_flag():
    assert FLAG_MEANING == {flag.value: flag.meaning for flag in Flag}
    assert FLAG_MEANING["date_year_out_of_range"] == "a written year outside 1900-2099, dates null"


def test_data_dictionary_lists_every_flag_with_its_meaning():
    section = render_dictionary().split("\n# Flags\n")[1]
    for flag in Flag:
        assert f"| `{flag}` | " in section and f" | {flag.meaning} |" in section, flag


def test_a_flag_is_its_string():
    # the Parquet files and JSON hold the plain value
    assert Flag.DATE_MISSING == "date_missing" and f"{Flag.DATE_MISSING}" == "date_missing"
    with pytest.raises(ValueError):
        date_flag("no_such_flag")
