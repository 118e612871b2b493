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


# Shape (keys and types) is checked by pydantic models (extra="forbid", strict); the errors still
# name release.yaml, the line of the key, the key and the fix, never pydantic's own text.
SHAPE = "title: t\nfinancial_year: '2015/16'\ndocuments:\n  - file: a.txt\n  - file: b.txt\n"


def _shape_error(make_release, text: str) -> ManifestError:
    folder = make_release("r1", {"a.txt": "x", "b.txt": "y"}, manifest=text)
    with pytest.raises(ManifestError) as caught:
        load_release(folder)
    error = caught.value
    assert error.file.endswith("release.yaml") and error.fix
    assert "pydantic" not in error.message and "Input should" not in error.message
    return error


@pytest.mark.parametrize("text, line, cause, fix", [
    (SHAPE.replace("documents:", "colour: red\ndocuments:"), 3, "unknown key(s): colour",
     "allowed keys are: documents, financial_year, id, title"),
    (SHAPE + "shade: 1\ncolour: red\n", 6, "unknown key(s): colour, shade",
     "allowed keys are: documents, financial_year, id, title"),
    # extra="forbid" inside the documents list too, in block and flow style
    (SHAPE.replace("  - file: b.txt\n", "  - file: b.txt\n    colour: red\n"), 6,
     "documents[2]: unknown key(s): colour", "allowed keys are: encoding, family, file"),
    (SHAPE.replace("  - file: b.txt\n", "  - {file: b.txt, Family: plan}\n"), 5,
     "documents[2]: unknown key(s): Family", "allowed keys are: encoding, family, file"),
    # an unknown key is reported before any other fault: a misspelt key is the likely cause
    ("title: 2015\ndocuments: [a.txt]\nfinancial_yaer: '2015/16'\n", 3, "unknown key(s): financial_yaer",
     "allowed keys are"),
])
def test_unknown_keys_name_the_key_and_the_line(make_release, text, line, cause, fix):
    error = _shape_error(make_release, text)
    assert error.place.line == line
    assert error.cause == cause
    assert fix in error.fix


@pytest.mark.parametrize("text, line, cause", [
    ("title: 2015\ndocuments: [a.txt]\n", 1, "title must be text, got 2015 (read as a number)"),
    ("title: [a, b]\ndocuments: [a.txt]\n", 1, "title must be text, got a list"),
    ("title: t\nid: 2015-06-01\ndocuments: [a.txt]\n", 2, "id must be text, got 2015-06-01 (read as a date)"),
    ("title: t\nfinancial_year: 2015\ndocuments: [a.txt]\n", 2,
     "financial_year must be text, got 2015 (read as a number)"),
    (SHAPE.replace("file: b.txt", "file: 20150601"), 5,
     "documents[2]: file must be text, got 20150601 (read as a number)"),
    (SHAPE.replace("file: b.txt", "file: b.txt\n    family: true"), 6,
     "documents[2]: unknown family True"),
    ("title: t\ndocuments: a.txt\n", 2, "'documents' must be a non-empty list"),
    ("title: t\ndocuments: {file: a.txt}\n", 2, "'documents' must be a non-empty list"),
    ("title: t\ndocuments:\n  - a.txt\n  - 3\n", 4, "documents[2] has no 'file'"),
    ("title: t\ndocuments:\n  - a.txt\n  - family: plan\n", 4, "documents[2] has no 'file'"),
])
def test_wrong_types_name_the_key_the_line_and_the_expected_type(make_release, text, line, cause):
    error = _shape_error(make_release, text)
    assert error.place.line == line
    assert error.cause == cause
    assert f"(line {line}): {cause}" in error.message


def test_text_is_never_made_from_a_number(make_release):
    """`id: 2015.10` would have become the release '2015.1': strict models refuse it instead."""
    error = _shape_error(make_release, "id: 2015.10\ntitle: t\ndocuments: [a.txt]\n")
    assert error.cause == "id must be text, got 2015.1 (read as a number)"
    assert error.fix == "write the id as text, in quotes (e.g. id: '2015-16-q2')"


def test_a_missing_key_has_no_line_of_its_own(make_release):
    error = _shape_error(make_release, "title: t\n")
    assert error.cause == "'documents' must be a non-empty list" and error.place.line is None


def test_every_key_of_a_good_manifest_is_read(make_release):
    folder = make_release("r1", {"a.txt": "x", "b.txt": "y"}, manifest=(
        "id: r-1\ntitle: ' t '\nfinancial_year: 2015-16\ndocuments:\n  - a.txt\n"
        "  - {file: b.txt, family: tracker, encoding: cp1252}\n"))
    release = load_release(folder)
    assert (release.id, release.title, release.financial_year) == ("r-1", "t", FinancialYear(2015))
    assert [(d.file, d.family, d.encoding) for d in release.documents] == [
        ("a.txt", None, None), ("b.txt", "tracker", "cp1252")]
    assert all(d.path == folder.resolve() / d.file for d in release.documents)
