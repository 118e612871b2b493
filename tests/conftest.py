"""Shared fixtures: builders of release folders."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings
from support import SAMPLE_RELEASE, write_release_folder

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
