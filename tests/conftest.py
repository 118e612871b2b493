"""Shared fixtures: builders of release folders."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from hypothesis import settings
from support import SAMPLE_RELEASE, write_release_folder

# The test modules as pytest rewrites their asserts are kept in __pycache__ (git-ignored) even
# where PYTHONDONTWRITEBYTECODE is set, as on the shared development machine: rewriting all of
# them again cost each xdist worker ~2.5 s of CPU before its first test.
sys.dont_write_bytecode = False

# Hypothesis profile of the suite: no per-example deadline (a property test states its example
# count; its speed is measured by benchmarks/, never by a timed test). The 200 ms default is a
# timing assertion that fails at random on a loaded machine or beside another pytest-xdist worker
# (seen: one date cell timed at 1.2 s). HYPOTHESIS_PROFILE=default restores Hypothesis's own.
settings.register_profile("annex", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "annex"))


@pytest.fixture
def make_release(tmp_path):
    """Write raw/<id>/ with release.yaml and the given {file name: text or bytes}; returns the folder."""

    def make(release_id: str = "r1", documents: dict | None = None, manifest: dict | None = None,
             root: Path | None = None) -> Path:
        folder = (root or tmp_path / "raw") / release_id
        assert not folder.exists(), f"{folder} made twice"
        return write_release_folder(folder, documents or {}, manifest)

    return make


@pytest.fixture
def sample_release(tmp_path) -> Path:
    """A copy of the bundled sample release under tmp_path/raw."""
    target = tmp_path / "raw" / SAMPLE_RELEASE.name
    shutil.copytree(SAMPLE_RELEASE, target)
    return target


# The slowest test modules, slowest first (summed `--durations`, measured on a 2-core machine).
# `--dist loadfile` keeps a module on one worker and hands modules out in collection order, so
# they go first: the small modules after them even out the workers' ends. By default xdist hands
# them out by test count instead, which put one-test modules (the 40 s DVC test) last, with the
# other worker idle meanwhile. A module missing here only runs later; refresh the list when a
# module grows past the last one named.
SLOWEST_MODULES = (
    "bad_input/test_budget.py", "bad_input/test_processes.py", "test_pdf_vs_dump.py", "batch/test_batch.py",
    "test_object_storage.py", "testing/test_annex_pdf.py", "validate/test_gate.py", "batch/test_dvc.py",
    "validate/test_chunked.py", "bad_input/test_manifests.py", "batch/test_dask.py",
    "extract/test_council_word.py", "extract/test_council_html.py", "test_regressions.py",
    "report/test_browser.py", "test_office_vs_dump.py", "bad_input/test_files.py",
    "bad_input/test_report_size.py", "report/test_build.py", "extract/test_pdf_tables.py",
    "batch/test_publish.py", "extract/test_pdf_source.py", "normalise/test_dates_properties.py",
)


def pytest_configure(config):
    if hasattr(config.option, "loadscopereorder"):  # pytest-xdist: hand modules out in our order
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(items):
    tests = Path(__file__).parent
    rank = {tests / name: place for place, name in enumerate(SLOWEST_MODULES)}
    items.sort(key=lambda item: rank.get(item.path, len(rank)))  # stable: the rest keep their order
