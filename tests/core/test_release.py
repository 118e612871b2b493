import pytest

from pipeline.core.errors import ManifestError
from pipeline.core.fiscal import FinancialYear
from pipeline.core.release import discover_releases, load_release


def test_sample_release_loads(sample_release):
    release = load_release(sample_release)
    assert release.id == "2015-16-q2"
    assert release.financial_year == FinancialYear(2015)
    assert [d.file for d in release.documents] == [
        "annex-c-cts-improvement-plan.txt", "annex-b-delivery-tracker-2015-16.txt"]


def _manifest(**overrides):
    manifest = {"title": "t", "financial_year": "2015/16", "documents": [{"file": "a.txt"}]}
    manifest.update(overrides)
    return manifest


@pytest.mark.parametrize("overrides, message", [
    ({"colour": "red"}, "unknown key\\(s\\): colour"),
    ({"financial_year": "2015/17"}, "second year must follow"),
    ({"documents": [{"file": "../../x.txt"}]}, "outside the release folder"),
    ({"documents": [{"file": "missing.txt"}]}, "'missing.txt' does not exist"),
    ({"documents": []}, "non-empty list"),
    ({"documents": [{"file": "a.txt", "family": "budget"}]}, "unknown family 'budget'"),
    ({"documents": [{"file": "a.txt", "encoding": "klingon"}]}, "unknown encoding"),
    ({"documents": [{"file": "a.txt"}, {"file": "a.txt"}]}, "listed twice"),
    ({"title": ""}, "missing 'title'"),
    ({"id": "bad id!"}, "not allowed"),
])
def test_manifest_errors(make_release, overrides, message):
    folder = make_release("r1", {"a.txt": "x"}, manifest=_manifest(**overrides))
    with pytest.raises(ManifestError, match=message) as caught:
        load_release(folder)
    assert caught.value.file.endswith("release.yaml")
    assert caught.value.fix  # every manifest error says how to fix it


def test_missing_manifest(tmp_path):
    with pytest.raises(ManifestError, match="no release.yaml"):
        load_release(tmp_path)


def test_malformed_yaml(make_release):
    folder = make_release("r1", {"a.txt": "x"})
    (folder / "release.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="not valid YAML"):
        load_release(folder)


def test_financial_year_optional_and_id_default(make_release):
    folder = make_release("my-release", {"a.txt": "x"}, manifest={"title": "t", "documents": ["a.txt"]})
    release = load_release(folder)
    assert release.financial_year is None and release.id == "my-release"


def test_discover_releases_sorted(make_release, tmp_path):
    make_release("b", {"a.txt": "x"})
    make_release("a", {"a.txt": "x"})
    (tmp_path / "raw" / "not-a-release").mkdir()
    assert [p.name for p in discover_releases(tmp_path / "raw")] == ["a", "b"]
