"""The data dictionary: descriptions live in pipeline/schema.py only; docs/data-dictionary.md is
rendered from it and current; every written Parquet column carries its description."""

import shutil

import pyarrow.parquet as pq
import pytest
from support import REPO, SAMPLE_RELEASE

from pipeline.cli import main
from pipeline.diff import DIFF
from pipeline.dictionary import DICTIONARY_PATH, is_current, render_dictionary
from pipeline.flow import process_release
from pipeline.schema import CURATED_TABLES


def test_docs_data_dictionary_is_current():
    # Stale after a schema change: run `annex docs` and commit docs/data-dictionary.md.
    assert (REPO / DICTIONARY_PATH).read_text(encoding="utf-8") == render_dictionary()


def test_annex_docs_check(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    assert main(["docs", "--check"]) == 0
    stale = tmp_path / "dictionary.md"
    stale.write_text(render_dictionary().replace("Release id", "Release"), encoding="utf-8")
    assert main(["docs", "--check", "--output", str(stale)]) == 1
    assert "stale" in capsys.readouterr().err
    assert main(["docs", "--output", str(stale)]) == 0
    assert is_current(stale)


def test_every_column_is_described_once():
    text = render_dictionary()
    for spec in [*CURATED_TABLES.values(), DIFF]:
        assert f"## `{spec.name}`" in text
        for column in spec.columns:
            assert column.description.strip(), f"{spec.name}.{column.name} has no description"
            row = f"| `{column.name}` |"
            section = text.split(f"## `{spec.name}`")[1].split("\n## ")[0]
            assert section.count(row) == 1, f"{spec.name}.{column.name}"
            assert column.description.replace("|", "\\|") in section


@pytest.fixture(scope="module")
def curated(tmp_path_factory):
    root = tmp_path_factory.mktemp("dictionary")
    shutil.copytree(SAMPLE_RELEASE, root / "raw" / SAMPLE_RELEASE.name)
    assert process_release(root / "raw" / SAMPLE_RELEASE.name, root / "staged", root / "curated").ok
    return root / "curated"


def test_every_written_column_carries_its_description(curated):
    written = sorted(curated.glob("*/release=*/part-0.parquet"))
    assert {p.parts[-3] for p in written} >= {"activities", "deliverables", "deliverable_quarters"}
    for path in written:
        spec = CURATED_TABLES[path.parts[-3]]
        schema = pq.read_schema(path)
        assert schema.names == spec.column_names
        for field in schema:
            stored = (field.metadata or {}).get(b"description", b"").decode()
            assert stored and stored == spec.column(field.name).description, f"{path}: {field.name}"
