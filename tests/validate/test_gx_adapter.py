"""The Great Expectations adapter: suites round-trip through GX, outcomes are plain values, Data
Docs name the suites and the failures, and GX is imported only when validating."""

import re
import subprocess
import sys
from html import unescape

import pandas as pd
import pytest

from pipeline.validate import gx_adapter
from pipeline.validate.suites import build_suites, expectation


@pytest.mark.parametrize("name", sorted(build_suites()))
def test_our_suite_json_is_gx_canonical(name):
    # what we save is exactly what GX would save (less its random ids and its version stamp)
    ours = build_suites()[name]
    theirs = gx_adapter.suite_to_json(gx_adapter.suite_from_json(ours))
    theirs["meta"].pop("great_expectations_version", None)
    assert theirs == ours


def _suite(*expectations):
    return {"name": "t", "expectations": list(expectations), "meta": {"row_id_columns": ["k"]}}


def test_outcomes_name_failing_rows_and_severity():
    frame = pd.DataFrame({"k": pd.array([1, 2, 3], dtype="Int32"), "n": pd.array([5, -1, None], dtype="Int64")})
    suite = _suite(expectation("expect_column_values_to_be_between", "critical", "n >= 0", column="n", min_value=0),
                   expectation("expect_column_values_to_not_be_null", "warning", "n known", column="n"))
    outcomes, pages = gx_adapter.run_suites({"t": frame}, {"t": suite}, {}, run_name="r1")
    assert pages == {}
    assert [(o.rule, o.severity, o.success, o.rows) for o in outcomes] == [
        ("n >= 0", "critical", False, ((2,),)), ("n known", "warning", False, ((3,),))]


def test_an_expectation_that_raises_is_reported_as_an_error():
    frame = pd.DataFrame({"k": [1], "s": ["2015-05-01"]})  # a string column against a date bound
    suite = _suite(expectation("expect_column_values_to_be_between", "warning", "s in range", column="s",
                               min_value={"$PARAMETER": "lo"}))
    [outcome], _ = gx_adapter.run_suites({"t": frame}, {"t": suite}, {"lo": "2015-04-01"}, run_name="r1")
    assert not outcome.success and outcome.error


def _text(path):
    html = path.read_text(encoding="utf-8")
    html = re.sub(r"<(script|style).*?</\1>", " ", html, flags=re.DOTALL)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_data_docs_name_the_suites_and_a_failed_expectation(tmp_path):
    docs = tmp_path / "reports" / "r1" / "data-docs"
    (docs / "stale.html").parent.mkdir(parents=True)
    (docs / "stale.html").write_text("from an earlier run")
    good = pd.DataFrame({"k": [1, 2], "n": [1, 2]})
    bad = pd.DataFrame({"k": [1, 2], "n": [1, -7]})
    rule = expectation("expect_column_values_to_be_between", "critical", "n >= 0", column="n", min_value=0)
    suites = {"first_table": {**_suite(rule), "name": "first_table"},
              "second_table": {**_suite(rule), "name": "second_table"}}
    _, pages = gx_adapter.run_suites({"first_table": good, "second_table": bad}, suites, {},
                                     run_name="r1", data_docs_dir=docs)
    assert pages["index"] == docs / "index.html" and pages["index"].is_file()
    assert not (docs / "stale.html").exists()  # the folder shows this run only
    assert sorted(p.parts[-4] for n, p in pages.items() if n != "index") == ["first_table", "second_table"]
    failed = _text(pages["second_table"])
    assert "second_table" in failed and "Failed" in failed and "-7" in failed
    assert "greater than or equal to 0" in failed
    assert "Failed" not in _text(pages["first_table"]).replace("Failed Only", "")


@pytest.mark.parametrize("code", [
    "import pipeline.cli, pipeline.runner, pipeline.flow, pipeline.executors, pipeline.plan, pipeline.validate, pipeline.validate.suites, "
    "pipeline.validate.gx_adapter",
    "from pipeline.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass",
    "from pipeline.cli import main\ntry:\n    main(['suites', '--help'])\nexcept SystemExit:\n    pass",
])
def test_great_expectations_is_imported_only_by_validation(code):
    check = code + "\nimport sys\nassert 'great_expectations' not in sys.modules, 'GX imported'"
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_modules_gx_imports_for_unused_expectations_are_put_off_until_used():
    """scipy.stats and altair (KL-divergence and KS expectations, charts) cost a third of GX's
    import; a validation run never loads them, and code that reads them gets the real module."""
    code = """
import sys
import pandas as pd
from pipeline.validate import gx_adapter
from pipeline.validate.results import ExpectationOutcome
suite = {"name": "t", "expectations": [{"type": "expect_column_values_to_be_between",
         "kwargs": {"column": "n", "min_value": 0}, "meta": {"rule": "n >= 0"}, "severity": "critical"}]}
outcomes, _ = gx_adapter.run_suites({"t": pd.DataFrame({"n": [1, -2]})}, {"t": suite}, {}, run_name="r")
assert [o.success for o in outcomes] == [False], outcomes
assert type(sys.modules["scipy.stats"]).__name__ == "_Deferred", "scipy.stats was loaded"
assert type(sys.modules["altair"]).__name__ == "_Deferred", "altair was loaded"
import scipy.stats
from scipy import stats
assert abs(stats.entropy([0.5, 0.5]) - 0.6931) < 1e-3  # reading it loads the real module
assert type(sys.modules["scipy.stats"]).__name__ == "module"
import scipy.stats.distributions  # a submodule of a put-off module imports too
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]


def _expectations_of_our_suites():
    return [(name, item) for name, suite in sorted(build_suites().items())
            for item in gx_adapter.suite_from_json(suite).expectations]


def test_one_configuration_readers_give_what_gx_own_give_for_every_expectation_we_run():
    gx_adapter._gx()
    own = gx_adapter.install_fast_paths()
    # installed on the GX they were written against; a GX whose methods differ keeps its own
    from great_expectations import __version__

    if __version__ == "1.24.1":  # the release the digests were taken from
        assert sorted(own) == sorted([*gx_adapter._KWARGS_READERS, "convert_to_json_serializable", "get_metric_kwargs"])
    runtime = [None, {}, {"result_format": {"result_format": "COMPLETE", "unexpected_index_column_names": ["k"]}},
               {"catch_exceptions": False, "include_config": False}]
    checked = 0
    for _, item in _expectations_of_our_suites():
        cls = type(item)
        assert cls._get_domain_kwargs(item) == own.get("_get_domain_kwargs", cls._get_domain_kwargs)(item)
        assert cls._get_success_kwargs(item) == own.get("_get_success_kwargs", cls._get_success_kwargs)(item)
        for configuration in runtime:
            ours = cls._get_runtime_kwargs(item, runtime_configuration=configuration)
            theirs = own.get("_get_runtime_kwargs", cls._get_runtime_kwargs)(item, runtime_configuration=configuration)
            assert ours == theirs, (item, configuration)
        for key in ("column", "mostly", "result_format", "value_set", "not_a_field"):
            assert cls._get_success_kwarg(item, key, "d") == own.get("_get_success_kwarg", cls._get_success_kwarg)(item, key, "d")
        checked += 1
    assert checked == sum(len(suite["expectations"]) for suite in build_suites().values())


def test_a_gx_whose_readers_differ_keeps_its_own(monkeypatch):
    # the digest of a method's source decides: one that differs leaves all four as GX has them
    from great_expectations.expectations.expectation import Expectation

    gx_adapter._gx()
    installed = gx_adapter.install_fast_paths()
    current = {name: getattr(Expectation, name) for name in gx_adapter._KWARGS_READERS}
    monkeypatch.setattr(gx_adapter, "_fast_paths_checked", False)
    monkeypatch.setattr(gx_adapter, "_fast_paths_replaced", {})
    for name in gx_adapter._KWARGS_READERS:  # GX's own methods back in place
        monkeypatch.setattr(Expectation, name, installed.get(name, current[name]))
    monkeypatch.setitem(gx_adapter._KWARGS_READERS, "_get_domain_kwargs", "00000000")
    replaced = gx_adapter.install_fast_paths()
    assert not set(replaced) & set(gx_adapter._KWARGS_READERS)
    assert all(getattr(Expectation, name) is installed.get(name, current[name]) for name in gx_adapter._KWARGS_READERS)



def test_the_plain_values_first_conversion_gives_what_gx_own_gives():
    import math

    import numpy as np
    from great_expectations import util
    from great_expectations.core import id_dict

    gx_adapter._gx()
    own = gx_adapter.install_fast_paths().get("convert_to_json_serializable", util.convert_to_json_serializable)
    assert id_dict.convert_to_json_serializable is util.convert_to_json_serializable
    values = [None, "s", "", 0, -3, True, False, 1.5, math.nan, np.int64(7), np.float64(2.5), np.bool_(True),
              (1, None), {"column": "a", "mostly": None, "value_set": ["x", None, 2]},
              {"nested": {"k": [None, {"z": np.int64(1)}]}}, pd.Timestamp("2015-06-01")]
    for value in values:
        assert util.convert_to_json_serializable(value) == own(value), value
    # the same ids for the metrics GX names by their arguments
    kwargs = {"column": "a", "batch_id": None, "row_condition": None, "condition_parser": None}
    assert id_dict.IDDict(kwargs).to_id() == _id_with(own, kwargs)


def _id_with(convert, kwargs):
    import hashlib
    import json

    return hashlib.md5(json.dumps(convert(dict(kwargs)), sort_keys=True).encode(), usedforsecurity=False).hexdigest()


def test_runs_without_data_docs_share_one_context_and_give_the_same_outcomes():
    frame = pd.DataFrame({"k": pd.array([1, 2], dtype="Int32"), "n": pd.array([5, -1], dtype="Int64")})
    suite = _suite(expectation("expect_column_values_to_be_between", "critical", "n >= 0", column="n", min_value=0))
    first, _ = gx_adapter.run_suites({"t": frame}, {"t": suite}, {}, run_name="r1")
    context = gx_adapter._direct[0]
    second, _ = gx_adapter.run_suites({"t": frame.iloc[:1]}, {"t": suite}, {}, run_name="r2")
    third, _ = gx_adapter.run_suites({"t": frame}, {"t": suite}, {}, run_name="r3")
    assert gx_adapter._direct[0] is context
    assert [o.rows for o in first] == [((2,),)] and [o.success for o in second] == [True]
    assert third == first  # the frame of the call, not one kept from an earlier call


def test_remembered_metric_arguments_equal_gx_own_and_are_never_shared():
    from great_expectations.expectations import registry

    gx_adapter._gx()
    own = gx_adapter.install_fast_paths().get("get_metric_kwargs")
    from great_expectations import __version__

    if __version__ == "1.24.1":  # the release the digests were taken from
        assert own is not None and registry.get_metric_kwargs.__wrapped__ is own
    remembered = registry.get_metric_kwargs
    asked = []
    if own is not None:  # every question a real validation of our suites asks, and GX's own answer
        def spy(metric_name, configuration=None, runtime_configuration=None):
            asked.append((metric_name, configuration, runtime_configuration))
            return remembered(metric_name, configuration, runtime_configuration)

        from great_expectations.expectations import expectation as gx_expectation

        gx_expectation.get_metric_kwargs = spy
        try:
            frame = pd.DataFrame({"k": pd.array([1, 2], dtype="Int32"), "n": pd.array([5, -1], dtype="Int64")})
            suite = _suite(expectation("expect_column_values_to_be_between", "critical", "n >= 0", column="n", min_value=0),
                           expectation("expect_column_values_to_be_in_set", "warning", "n known", column="n",
                                       value_set=[5, 7]))
            gx_adapter.run_suites({"t": frame}, {"t": suite}, {}, run_name="r1")
        finally:
            gx_expectation.get_metric_kwargs = remembered
        assert asked
        for metric_name, configuration, runtime in asked:
            first = remembered(metric_name, configuration, runtime)
            assert first == own(metric_name, configuration, runtime)
            for kwargs in ("metric_domain_kwargs", "metric_value_kwargs"):
                assert type(first[kwargs]) is type(own(metric_name, configuration, runtime)[kwargs])
                first[kwargs]["spoilt"] = True  # GX writes into what it gets: the next caller must not see it
                if "value_set" in first[kwargs]:
                    first[kwargs]["value_set"].append("spoilt")
            again = remembered(metric_name, configuration, runtime)
            assert again == own(metric_name, configuration, runtime)


def test_the_memo_key_tells_values_by_type_and_refuses_what_it_does_not_know():
    import math

    key = gx_adapter.value_key
    assert len({key(1), key(1.0), key(True), key("1"), key(None)}) == 5
    assert key([1, 2]) != key((1, 2)) and key({"a": [1]}) == key({"a": [1]})
    assert key({"a": 1, "b": 2}) == key({"b": 2, "a": 1})
    assert key(math.nan) == key(float("nan"))
    with pytest.raises(gx_adapter._Unkeyable):
        key({"when": pd.Timestamp("2015-06-01")})
