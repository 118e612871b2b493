"""Fixtures for batch tests: a raw/ folder of a few copies of the sample release."""

from __future__ import annotations

import shutil

import pytest
from support import SAMPLE_RELEASE


@pytest.fixture
def batch_raw(tmp_path):
    """raw/ with three releases (copies of the sample under other ids; text dumps only)."""

    def make(ids=("r1", "r2", "r3"), root=None):
        raw = root or tmp_path / "raw"
        for release_id in ids:
            shutil.copytree(SAMPLE_RELEASE, raw / release_id, ignore=shutil.ignore_patterns("*.pdf"))
        return raw

    return make
