"""params.yaml's annex: section through the Settings pydantic dataclass: unknown settings and
values of the wrong kind are refused naming the setting and the line; the fingerprint of a
release's settings is what it was before Settings was a pydantic dataclass."""

from __future__ import annotations

import dataclasses
import os
import pickle
from pathlib import Path

import pytest

from pipeline.core.errors import AnnexError
from pipeline.core.settings import Settings, load_settings
from pipeline.manifest import settings_dict, sha256_json

FIX = "correct the annex: section of params.yaml"
KNOWN = ("auto_jobs_min_releases, date_margin_days, max_cells, max_cells_per_line, max_columns, "
         "max_document_bytes, max_document_memory, max_document_seconds, max_line_chars, max_pages, "
         "max_row_drop, max_rows, pdf_source")


def _refused(tmp_path, text: str) -> AnnexError:
    params = tmp_path / "params.yaml"
    params.write_text(text, encoding="utf-8")
    with pytest.raises(AnnexError) as caught:
        load_settings(params)
    assert caught.value.file == str(params) and caught.value.fix == FIX
    assert "pydantic" not in caught.value.message and "Input should" not in caught.value.message
    return caught.value


@pytest.mark.parametrize("text, cause", [
    ("annex:\n  max_pages: 10\n  max_files: 3\n", f"unknown setting(s) max_files; known: {KNOWN} (line 3)"),
    ("annex:\n  zz: 1\n  max_files: 3\n", f"unknown setting(s) max_files, zz; known: {KNOWN} (line 2)"),
    # an unknown setting is reported before a bad value, as before
    ("annex:\n  max_pages: 0\n  max_files: 3\n", f"unknown setting(s) max_files; known: {KNOWN} (line 3)"),
])
def test_unknown_settings_name_the_key_and_the_line(tmp_path, text, cause):
    assert _refused(tmp_path, text).cause == f"bad settings: {cause}"


@pytest.mark.parametrize("text, cause", [
    ("annex:\n  max_pages: '10'\n", "setting max_pages must be a positive whole number, got '10' (line 2)"),
    ("annex:\n  max_pages: true\n", "setting max_pages must be a positive whole number, got True (line 2)"),
    ("annex:\n  max_pages: 2.0\n", "setting max_pages must be a positive whole number, got 2.0 (line 2)"),
    ("# limits\nannex:\n  max_pages: 5\n  date_margin_days: -1\n",
     "setting date_margin_days must be a non-negative whole number, got -1 (line 4)"),
    ("annex:\n  max_row_drop: '0.5'\n", "setting max_row_drop must be a fraction from 0 to 1 (e.g. 0.5), got '0.5' (line 2)"),
    ("annex:\n  max_row_drop: 1.5\n", "setting max_row_drop must be a fraction from 0 to 1 (e.g. 0.5), got 1.5 (line 2)"),
    ("annex:\n  pdf_source: poppler\n", "setting pdf_source must be pdfminer or pdfium, got 'poppler' (line 2)"),
    ("annex: 3\n", "the annex: section must be a mapping of setting: value, not 3 (read as a number) (line 1)"),
    ("annex: [max_pages]\n", "the annex: section must be a mapping of setting: value, not a list (line 1)"),
    ("- annex\n", "params.yaml must be a mapping of sections such as annex:, not a list"),
])
def test_wrong_types_name_the_key_the_line_and_the_expected_type(tmp_path, text, cause):
    assert _refused(tmp_path, text).cause == f"bad settings: {cause}"


@pytest.mark.parametrize("text", ["", "annex:\n", "releases: [2015-16-q2]\n2015: dvc's own\n"])
def test_defaults_and_other_sections(tmp_path, text):
    """The sections other than annex: are DVC's (releases:): not looked at."""
    params = tmp_path / "params.yaml"
    params.write_text(text, encoding="utf-8")
    assert load_settings(params) == Settings()
    assert load_settings(None) == Settings() == load_settings(Path(os.devnull))


def test_a_named_file_that_is_missing_is_refused(tmp_path):
    """Issue 22: a mistyped --params ran with the defaults, exit 0."""
    with pytest.raises(AnnexError) as caught:
        load_settings(tmp_path / "missing.yaml")
    assert caught.value.file == str(tmp_path / "missing.yaml")
    assert caught.value.cause == "settings file not found" and "--params" in caught.value.fix


def test_values_are_read(tmp_path):
    params = tmp_path / "params.yaml"
    params.write_text("annex:\n  max_pages: 7\n  max_row_drop: 1\n  date_margin_days: 0\n", encoding="utf-8")
    assert load_settings(params) == Settings(max_pages=7, max_row_drop=1.0, date_margin_days=0)


def test_settings_check_themselves():
    with pytest.raises(ValueError):
        Settings(max_pages=0)
    with pytest.raises(ValueError):
        Settings(max_files=3)  # type: ignore[call-arg]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Settings().max_pages = 3  # type: ignore[misc]


def test_fingerprint_of_the_settings_is_unchanged():
    """settings_dict goes into every release's fingerprint: the digests are the ones of the plain
    dataclass Settings was before, so published releases are not all redone."""
    assert sha256_json(settings_dict(Settings())) == \
        "762bc4681d64fc7ba8ec5a0be409dcc4d81716a21023bf86955ecf236047e1a6"
    assert sha256_json(settings_dict(Settings(max_pages=3))) == \
        "167c8083bac731f2d0486df0e103acc564e45a2b4cc3ffe3c941d8670d33aa3f"
    assert sha256_json(settings_dict(Settings(date_margin_days=0, max_row_drop=1))) == \
        "2ca3da7518a2234a4980a88df5f70e17df76a08c9c50f8c0e729c6a891889286"


def test_the_pdf_page_source_is_not_in_the_fingerprint():
    # both sources give the same tables (tests/extract/test_pdf_source.py): switching redoes nothing
    assert settings_dict(Settings(pdf_source="pdfminer")) == settings_dict(Settings(pdf_source="pdfium"))
    assert "pdf_source" not in settings_dict(Settings())


def test_settings_travel_to_worker_processes():
    settings = Settings(max_pages=3, max_row_drop=0.25)
    again = pickle.loads(pickle.dumps(settings))
    assert again == settings and hash(again) == hash(settings)
    assert dataclasses.replace(settings, max_pages=4).max_pages == 4
