"""Shared fixtures: builders of release folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from support import SAMPLE_RELEASE, write_release_folder


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
