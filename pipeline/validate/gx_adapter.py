"""The one module that imports Great Expectations (GX 1.x churns its API; nothing else in the
project touches it). GX is imported inside the functions, so importing this module is cheap.

Suites come in as GX-JSON dicts (pipeline/validate/suites.py), frames as pandas DataFrames
(pipeline/validate/frames.py); results go out as plain ExpectationOutcome values. Contexts are
ephemeral (no gx/ folder), progress bars off and GX's logging quietened: one context per process
for runs without Data Docs, a new one for each run that builds them.

Two of GX's functions are replaced by faster equivalents, each only over the exact source it was
written against (install_fast_paths): validation of the sample release 1.17 -> 0.65 s of CPU
together with the shared context (benchmarks/bench_validation.py prints the run's figures).
"""

from __future__ import annotations

import contextlib
import copy
import importlib
import importlib.util
import logging
import os
import shutil
import sys
import threading
import types
import warnings
from contextlib import contextmanager
from pathlib import Path

from pipeline.validate.results import ExpectationOutcome

DATA_DOCS_SITE = "annex"


@contextmanager
def _quiet():
    """GX logs and warns on the console during normal runs; a scheduled job's log should show only
    our summary. Errors still reach us as results or exceptions."""
    logger = logging.getLogger("great_expectations")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


# Modules GX imports at start-up only for expectations annex never runs (KL divergence and KS
# tests: scipy.stats; their charts: altair): about a third of GX's import time, paid by every
# cold `annex run`. They are put off until something really uses them.
DEFERRED_IMPORTS = ("scipy.stats", "altair")


class _Deferred(types.ModuleType):
    """Stands in sys.modules for a module until an attribute of it is read, then imports the real
    module and becomes it. (importlib.util.LazyLoader cannot do this on Python 3.11: the import
    system reads the module's __spec__ on `import`, which makes LazyLoader load it at once.)"""

    _lock = threading.Lock()

    def __getattr__(self, attribute: str):
        with _Deferred._lock:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
                real = importlib.import_module(self.__name__)
                parent, _, child = self.__name__.rpartition(".")
                if parent:
                    setattr(sys.modules[parent], child, real)
                self.__dict__.update(real.__dict__)  # a reference kept to this object works too
        return getattr(sys.modules[self.__name__], attribute)


def defer_unused_imports() -> None:
    for name in DEFERRED_IMPORTS:
        if name in sys.modules or importlib.util.find_spec(name.partition(".")[0]) is None:
            continue  # already imported, or not installed (then GX reports it itself)
        parent = name.rpartition(".")[0]
        if parent:
            importlib.import_module(parent)
        sys.modules[name] = _Deferred(name)


def _gx():
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")  # no usage statistics sent
    if "great_expectations" not in sys.modules:
        defer_unused_imports()
    with _quiet():
        # imported here: 4.1 s measured, only a validation run pays it
        import great_expectations as gx
    if not _fast_paths_checked:
        install_fast_paths()
    return gx


# GX 1.24's Expectation reads its own arguments through `self.configuration`, a property that
# builds a new ExpectationConfiguration (a pydantic dict() of the expectation, copied) on every
# read, and _get_domain_kwargs / _get_success_kwargs / _get_runtime_kwargs read it once per key:
# ~90 builds per expectation per validation, a quarter of validation's CPU (a run of the sample:
# 1.19 -> 0.90 s per release, benchmarks/bench_validation.py). The replacements below build it
# once per call and read the same keys from it in the same order: the same values, the same
# warning for an unknown key. They are installed only over the methods they were written against
# (the digest of each method's source): a GX whose methods differ keeps its own, and runs slower.
_KWARGS_READERS = {
    "_get_success_kwarg": "e0f2e1b0",
    "_get_domain_kwargs": "272280ae",
    "_get_success_kwargs": "8da0497d",
    "_get_runtime_kwargs": "57e02d38",
}
_fast_paths_checked = False
_fast_paths_replaced: dict[str, object] = {}  # name -> GX's own method, once replaced


def source_digest(function) -> str:
    """A short digest of a function's source, its indentation and blank lines aside."""
    import hashlib
    import inspect

    lines = [line.strip() for line in inspect.getsource(function).splitlines() if line.strip()]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:8]


def install_fast_paths() -> dict[str, object]:
    """Install the one-configuration readers, the plain-values-first conversion and the
    remembered metric arguments where GX's functions are the known ones; returns GX's own
    functions that were replaced, by name. Idempotent."""
    global _fast_paths_checked
    with _Deferred._lock:
        if _fast_paths_checked:
            return dict(_fast_paths_replaced)
        from great_expectations.expectations import expectation as gx_expectation

        cls = gx_expectation.Expectation
        own = {name: getattr(cls, name, None) for name in _KWARGS_READERS}
        if all(method is not None and _known(method, _KWARGS_READERS[name]) for name, method in own.items()):
            logger = gx_expectation.logger
            replacements = _kwargs_readers(logger, gx_expectation.parse_result_format)
            for name, method in replacements.items():
                setattr(cls, name, method)
            _fast_paths_replaced.update(own)
            # the remembered answers are _get_runtime_kwargs's, so only over the known readers
            _metric_kwargs_remembered()
        _plain_values_first()
        _fast_paths_checked = True
        return dict(_fast_paths_replaced)


# GX names every metric it computes by an id made from its arguments (IDDict.to_id), through
# util.convert_to_json_serializable, which tries some twenty types on a value before it tells
# that None is None (three numpy issubdtype calls each): a fifth of validation's CPU. The same
# function with None, str, int and bool (exact types: what it returns them as, unchanged) tried
# first; installed over the known function only, as above.
_CONVERT_DIGEST = "7606bcd8"
_CONVERT_USERS = ("great_expectations.util", "great_expectations.core.id_dict")
_PLAIN = frozenset((type(None), str, int, bool))


def _plain_values_first() -> None:
    from great_expectations import util as gx_util

    convert = gx_util.convert_to_json_serializable
    if getattr(convert, "_annex_replaced", False):
        return
    if not _known(convert, _CONVERT_DIGEST):
        return

    def convert_to_json_serializable(data):
        if type(data) in _PLAIN:
            return data
        return convert(data)  # its own recursion calls back here: util's global is this one

    _replace(convert, convert_to_json_serializable, _CONVERT_USERS)


def _known(function, digest: str) -> bool:
    """Whether `function`'s source is the one a replacement was written against."""
    try:
        return source_digest(function) == digest
    except (OSError, TypeError):  # no source to compare (a frozen install)
        return False


def _replace(own, replacement, users: tuple[str, ...]) -> None:
    """`replacement` in place of GX's function `own` in each of the modules `users` that holds
    it (each imported it by name), marked as annex's, GX's own kept as its __wrapped__."""
    replacement._annex_replaced = True
    replacement.__wrapped__ = own
    for name in users:
        module = sys.modules.get(name)
        if module is not None and getattr(module, own.__name__, None) is own:
            setattr(module, own.__name__, replacement)
    _fast_paths_replaced[own.__name__] = own


# GX asks registry.get_metric_kwargs for the arguments of every metric an expectation needs,
# several times per metric and again in every validation of the same suite, and each answer
# turns the expectation's configuration into an Expectation and back (two pydantic round
# trips): a fifth of validation's CPU once the readers above are in. The answer depends only on
# the metric's name, the expectation's type and arguments and the runtime configuration (the
# function's source, checked by digest as above, and the registry, fixed once GX is imported),
# so it is kept under those, compared by value and type. Each caller gets its own deep copy (GX
# writes into what it gets). Arguments of a type the key does not know are not kept.
_METRIC_KWARGS_DIGESTS = {"get_metric_kwargs": "7f753b4e", "to_domain_obj": "7cb2562d"}
_METRIC_KWARGS_USERS = ("great_expectations.expectations.registry", "great_expectations.expectations.expectation",
                        "great_expectations.expectations.core.expect_column_values_to_be_of_type",
                        "great_expectations.expectations.core.expect_column_values_to_be_in_type_list")
# answers kept per process: a run's five suites ask ~400 distinct ones; past the limit the
# store starts again (a long-lived process validating many other suites)
METRIC_KWARGS_KEPT = 4096


class _Unkeyable(Exception):
    """A value the memo's key does not know how to compare: the call is not remembered."""


def value_key(value):
    """A hashable key equal for values GX would treat alike: the same types and the same values
    (1, 1.0 and True differ; NaN is one key)."""
    kind = type(value)
    if value is None or kind in (str, int, bool):
        return kind, value
    if kind is float:
        return (kind, "nan") if value != value else (kind, value)
    if isinstance(value, dict):
        return kind, tuple(sorted(((value_key(k), value_key(v)) for k, v in value.items()), key=repr))
    if kind in (list, tuple):
        return kind, tuple(value_key(item) for item in value)
    raise _Unkeyable(kind.__name__)


def _copied(value):
    """A deep copy of JSON-like data (dicts and their subclasses such as GX's IDDict, lists,
    tuples, scalars), ~5x faster than copy.deepcopy on them; anything else by deepcopy."""
    kind = type(value)
    if value is None or kind in (str, int, bool, float):
        return value
    if isinstance(value, dict):
        return kind((key, _copied(item)) for key, item in value.items())
    if kind is list:
        return [_copied(item) for item in value]
    if kind is tuple:
        return tuple(_copied(item) for item in value)
    return copy.deepcopy(value)


def _metric_kwargs_remembered() -> None:
    from great_expectations.expectations import registry
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    ask = registry.get_metric_kwargs
    if getattr(ask, "_annex_replaced", False) or not (
            _known(ask, _METRIC_KWARGS_DIGESTS["get_metric_kwargs"])
            and _known(ExpectationConfiguration.to_domain_obj, _METRIC_KWARGS_DIGESTS["to_domain_obj"])):
        return
    kept: dict = {}

    def get_metric_kwargs(metric_name, configuration=None, runtime_configuration=None):
        if configuration is None:
            return ask(metric_name, configuration, runtime_configuration)
        try:
            key = (metric_name, configuration.type, value_key(configuration.kwargs), value_key(runtime_configuration))
        except _Unkeyable:
            return ask(metric_name, configuration, runtime_configuration)
        answer = kept.get(key)
        if answer is None:
            answer = ask(metric_name, configuration, runtime_configuration)
            if len(kept) >= METRIC_KWARGS_KEPT:
                kept.clear()
            kept[key] = answer
        return _copied(answer)

    get_metric_kwargs.kept = kept
    _replace(ask, get_metric_kwargs, _METRIC_KWARGS_USERS)


def _kwargs_readers(logger, parse_result_format) -> dict[str, object]:
    """GX 1.24's four argument readers (expectations/expectation.py), each reading
    `self.configuration` once."""

    def kwarg(self, kwargs: dict, key: str, default=None):
        if key in kwargs:
            return kwargs[key]
        field = self.__fields__.get(key)
        if field is not None:
            return field.default if not field.required else default
        logger.warning(f'_get_success_kwarg called with key "{key}", '
                       f"but it is not a known field of {type(self).__name__}")
        return default

    def domain(self, kwargs: dict) -> dict:
        found = {key: kwargs.get(key, self._get_default_value(key)) for key in self.domain_keys}
        missing = set(self.domain_keys) - set(found.keys())
        if missing:
            from great_expectations.exceptions import InvalidExpectationKwargsError

            raise InvalidExpectationKwargsError(f"Missing domain kwargs: {list(missing)}")
        return found

    def success(self, kwargs: dict) -> dict:
        found = {key: kwargs.get(key, self._get_default_value(key)) for key in self.success_keys}
        found.update(domain(self, kwargs))
        return found

    def _get_success_kwarg(self, key, default=None):
        return kwarg(self, self.configuration.kwargs, key, default)

    def _get_domain_kwargs(self):
        return domain(self, self.configuration.kwargs)

    def _get_success_kwargs(self):
        return success(self, self.configuration.kwargs)

    def _get_runtime_kwargs(self, runtime_configuration=None):
        runtime_configuration = runtime_configuration or {}
        kwargs = self.configuration.kwargs
        success_kwargs = success(self, kwargs)
        # GX reads each runtime key through _get_success_kwarg (a fresh configuration each)
        runtime_kwargs = {key: runtime_configuration.get(key, kwarg(self, kwargs, key))
                          for key in self.runtime_keys}
        runtime_kwargs.update(success_kwargs)
        runtime_kwargs["result_format"] = parse_result_format(runtime_kwargs["result_format"])
        return runtime_kwargs

    return {"_get_success_kwarg": _get_success_kwarg, "_get_domain_kwargs": _get_domain_kwargs,
            "_get_success_kwargs": _get_success_kwargs, "_get_runtime_kwargs": _get_runtime_kwargs}


def suite_from_json(suite: dict):
    """A GX ExpectationSuite from our JSON dict (no context needed). GX writes into the dicts it
    is given (its version into meta), so it gets a copy."""
    gx = _gx()
    with _quiet():
        return gx.ExpectationSuite(**copy.deepcopy(suite))


def suite_to_json(suite) -> dict:
    """GX's JSON form of a suite without its random ids (so a saved suite is stable)."""
    data = suite.to_json_dict()
    data.pop("id", None)
    for item in data.get("expectations", []):
        item.pop("id", None)
    return data


def _context(data_docs_dir: Path | None):
    gx = _gx()
    # GX's modules, as `great_expectations` above (4.1 s measured)
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if data_docs_dir is not None:
        context.add_data_docs_site(site_name=DATA_DOCS_SITE, site_config={
            "class_name": "SiteBuilder",
            "store_backend": {"class_name": "TupleFilesystemStoreBackend",
                              "base_directory": str(Path(data_docs_dir).resolve())},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        })
    return context


# Runs without Data Docs validate each batch directly and keep nothing in the context's stores,
# so one context serves them all in a process: made once, with its pandas source and one
# whole-frame batch definition per table (each batch gets its frame when it is validated). A new
# context per call cost ~8% of validation: GX writes its project config out as YAML (ruamel) on
# every source and asset it adds. GX's objects are not shared between threads: one call at a time.
_direct_lock = threading.Lock()
_direct: tuple | None = None  # (context, source, {table: batch definition})


def _after_fork_in_child() -> None:
    global _direct_lock
    _direct_lock = threading.Lock()  # another thread of the parent may have held it


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


def _direct_context() -> tuple:
    global _direct
    if _direct is None:
        context = _context(None)
        _direct = (context, context.data_sources.add_pandas("annex"), {})
    return _direct


def run_suites(frames: dict, suites: dict[str, dict], parameters: dict, run_name: str,
               data_docs_dir: Path | None = None) -> tuple[list[ExpectationOutcome], dict[str, Path]]:
    """Validate each frame (by table name) against its suite. With `data_docs_dir`, the folder is
    replaced by a static Data Docs site of this run. Returns the outcomes and the site's pages:
    "index" and one validation page per table (none without Data Docs)."""
    gx = _gx()
    # GX's modules, as `great_expectations` above (4.1 s measured)
    from great_expectations.core.run_identifier import RunIdentifier

    outcomes: list[ExpectationOutcome] = []
    with _quiet(), (_direct_lock if data_docs_dir is None else contextlib.nullcontext()):
        if data_docs_dir is None:
            context, source, definitions = _direct_context()
        else:
            context, definitions = _context(data_docs_dir), {}
            source = context.data_sources.add_pandas("annex")
        run_id = RunIdentifier(run_name=run_name)
        for table, frame in frames.items():
            suite_json = _numbered(suites[table])
            row_ids = list(suite_json.get("meta", {}).get("row_id_columns", []))
            batch_definition = definitions.get(table)
            if batch_definition is None:
                batch_definition = source.add_dataframe_asset(table).add_batch_definition_whole_dataframe(table)
                definitions[table] = batch_definition
            result_format = {"result_format": "COMPLETE", "unexpected_index_column_names": row_ids,
                             "partial_unexpected_count": 20}
            if data_docs_dir is None:  # no stores to fill: validate the batch directly (faster)
                batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
                result = batch.validate(suite_from_json(suite_json), result_format=result_format,
                                        expectation_parameters=parameters)
            else:  # through the context's stores, which the Data Docs are built from
                suite = context.suites.add(suite_from_json(suite_json))
                definition = context.validation_definitions.add(
                    gx.ValidationDefinition(name=table, data=batch_definition, suite=suite))
                result = definition.run(batch_parameters={"dataframe": frame},
                                        expectation_parameters=parameters,
                                        result_format=result_format, run_id=run_id)
            # GX returns results grouped its own way: put them back in the suite's order
            outcomes += [_outcome(table, row_ids, r) for r in sorted(result.results, key=_position)]
        pages: dict[str, Path] = {}
        if data_docs_dir is not None:
            folder = Path(data_docs_dir)
            shutil.rmtree(folder, ignore_errors=True)
            context.build_data_docs(site_names=[DATA_DOCS_SITE])
            pages["index"] = folder / "index.html"
            for table in frames:  # validations/<suite>/<run>/<time>/<batch>.html
                found = sorted((folder / "validations" / table).glob("**/*.html"))
                if found:
                    pages[table] = found[-1]
    return outcomes, pages


_POSITION = "annex_position"


def _numbered(suite: dict) -> dict:
    """A copy of the suite whose expectations carry their position (in meta), so results can be
    returned in the suite's order."""
    numbered = copy.deepcopy(suite)
    for position, item in enumerate(numbered.get("expectations", [])):
        item.setdefault("meta", {})[_POSITION] = position
    return numbered


def _position(result) -> int:
    return (result.expectation_config.meta or {}).get(_POSITION, 0)


def _outcome(table: str, row_ids: list[str], result) -> ExpectationOutcome:
    config = result.expectation_config
    details = result.result or {}
    error = _error_message(result.exception_info)
    rows = tuple(tuple(_plain(item.get(c)) for c in row_ids)
                 for item in details.get("unexpected_index_list") or [] if isinstance(item, dict))
    observed = details.get("observed_value")
    return ExpectationOutcome(
        table=table, kind=config.type, rule=(config.meta or {}).get("rule", config.type),
        severity=str(getattr(config.severity, "value", config.severity)),
        success=bool(result.success) and error is None, row_ids=tuple(row_ids),
        rows=rows,  # in row order; a row twice when it fails twice (a duplicated key)
        unexpected_count=details.get("unexpected_count"),
        observed=None if result.success or observed is None else _short(observed), error=error)


def _error_message(info) -> str | None:
    """GX reports an expectation that raised as exception_info (flat or keyed by metric)."""
    if not info:
        return None
    items = info.values() if not info.get("raised_exception") and not info.get("exception_message") else [info]
    for item in items:
        if isinstance(item, dict) and item.get("raised_exception"):
            return str(item.get("exception_message") or "raised an exception")
    return None


def _plain(value):
    """numpy/pandas scalars -> plain Python (for messages and equality in tests)."""
    if hasattr(value, "item"):
        try:
            return value.item()
        except (ValueError, AttributeError):
            pass
    return value


def _short(value, limit: int = 200) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
