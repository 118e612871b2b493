"""The sample release published once into a temporary curated/ for the report tests."""

import shutil

import pytest
from support import SAMPLE_RELEASE

from pipeline.flow import process_release


@pytest.fixture(scope="session")
def sample_curated(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    shutil.copytree(SAMPLE_RELEASE, root / "raw" / SAMPLE_RELEASE.name)
    result = process_release(root / "raw" / SAMPLE_RELEASE.name, root / "staged", root / "curated")
    assert result.ok, result.error
    return root / "curated"
