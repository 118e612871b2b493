"""Shared fixtures: builders of release folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from support import SAMPLE_RELEASE


@pytest.fixture
def make_release(tmp_path):
    """Write raw/<id>/ with release.yaml and the given {file name: text or bytes}; returns the folder."""

    def make(release_id: str = "r1", documents: dict | None = None, manifest: dict | None = None,
             root: Path | None = None) -> Path:
        folder = (root or tmp_path / "raw") / release_id
        folder.mkdir(parents=True)
        documents = documents or {}
        for name, content in documents.items():
            path = folder / name
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        if manifest is None:
            manifest = {"title": f"release {release_id}", "financial_year": "2015/16",
                        "documents": [{"file": n} for n in documents]}
        (folder / "release.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
        return folder

    return make


@pytest.fixture
def sample_release(tmp_path) -> Path:
    """A copy of the bundled sample release under tmp_path/raw."""
    target = tmp_path / "raw" / SAMPLE_RELEASE.name
    shutil.copytree(SAMPLE_RELEASE, target)
    return target
