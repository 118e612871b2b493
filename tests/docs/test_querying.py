"""docs/querying.md's examples run against a curated folder made from the sample release, and
print exactly what the document says they print."""

import re
import shutil

import pytest
from support import REPO, SAMPLE_RELEASE

from pipeline.flow import process_release

DOC = REPO / "docs" / "querying.md"
# An example: a python block, then (after prose-free blank lines) the text block of its output.
EXAMPLE = re.compile(r"```python\n(.*?)```\n\s*```text\n(.*?)```", re.DOTALL)


def examples() -> list[tuple[str, str]]:
    return EXAMPLE.findall(DOC.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A folder laid out like the project after `annex run`: curated/ of the sample release."""
    root = tmp_path_factory.mktemp("querying")
    shutil.copytree(SAMPLE_RELEASE, root / "raw" / SAMPLE_RELEASE.name)
    assert process_release(root / "raw" / SAMPLE_RELEASE.name, root / "staged", root / "curated").ok
    return root


def test_every_python_block_has_its_output():
    text = DOC.read_text(encoding="utf-8")
    assert text.count("```python") == len(examples())


def test_each_library_has_examples():
    code = "\n".join(c for c, _ in examples())
    for library in ("import pandas", "import polars", "import duckdb"):
        assert code.count(library) >= 2, library


@pytest.mark.parametrize("index", range(len(examples())))
def test_example_prints_what_the_doc_says(project, index, monkeypatch, capsys):
    code, expected = examples()[index]
    monkeypatch.chdir(project)
    exec(compile(code, f"{DOC.name} example {index + 1}", "exec"), {})
    assert capsys.readouterr().out == expected
