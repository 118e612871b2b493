"""Options as people expect them (issue 22): --debug anywhere on the line, a named --params file
that is missing is an error, the project folder found from a subfolder, ANNEX_* variables for
the paths, --jobs auto, help texts without "(default: None)"."""

from __future__ import annotations

import argparse
import json
import os
import shutil
from pathlib import Path

import pytest
from support import SAMPLE_RELEASE

from pipeline.cli import build_parser, main
from pipeline.cli.options import auto_jobs
from pipeline.core.errors import AnnexError


def project(root: Path) -> Path:
    """A project folder: params.yaml (the defaults, said explicitly) and one release (text dumps)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "params.yaml").write_text("annex:\n  max_row_drop: 0.5\n", encoding="utf-8")
    shutil.copytree(SAMPLE_RELEASE, root / "raw" / SAMPLE_RELEASE.name, ignore=shutil.ignore_patterns("*.pdf"))
    return root


@pytest.mark.parametrize("argv", [["--debug", "run"], ["run", "--debug"]])
def test_debug_anywhere_on_the_line(argv, tmp_path):
    args = build_parser().parse_args(argv)
    assert args.debug is True
    missing = ["--raw", str(tmp_path / "nothing"), "--curated", str(tmp_path / "c"), "--params", os.devnull]
    with pytest.raises(AnnexError, match="no releases found \\(no such folder\\)"):  # --debug: raised, not printed
        main([*argv, *missing])
    assert build_parser().parse_args(["run"]).debug is False


def test_a_named_params_file_that_is_missing_is_bad_input(tmp_path, capsys, monkeypatch):
    root = project(tmp_path)
    monkeypatch.chdir(root)
    assert main(["run", "--params", "paramz.yaml", "--no-data-docs"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: paramz.yaml: settings file not found") and "--params" in err
    monkeypatch.setenv("ANNEX_PARAMS", str(tmp_path / "other.yaml"))
    assert main(["run", "--no-data-docs"]) == 2
    assert f"{tmp_path / 'other.yaml'}: settings file not found" in capsys.readouterr().err
    assert not (root / "curated").exists()  # refused before anything, the lock included


def test_run_from_a_subfolder_uses_the_project_folder(tmp_path, capsys, monkeypatch):
    root = project(tmp_path)
    sub = root / "raw" / SAMPLE_RELEASE.name
    monkeypatch.chdir(sub)
    assert main(["run", "--no-data-docs"]) == 0
    assert (root / "curated" / "activities" / f"release={SAMPLE_RELEASE.name}" / "part-0.parquet").is_file()
    assert sorted(p.name for p in sub.iterdir() if p.is_dir()) == []  # no stray curated/ or staged/
    assert not (sub / "curated").exists()
    # and a folder that is in no project: one error naming raw/, no curated/.annex.lock left there
    elsewhere = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert main(["run", "--params", os.devnull]) == 2
    assert "raw: no releases found (no such folder)" in capsys.readouterr().err
    assert list(elsewhere.iterdir()) == []


def test_environment_variables_set_the_paths(tmp_path, capsys, monkeypatch):
    root = project(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ANNEX_RAW", str(root / "raw"))
    monkeypatch.setenv("ANNEX_STAGED", str(tmp_path / "s"))
    monkeypatch.setenv("ANNEX_CURATED", str(tmp_path / "c"))
    monkeypatch.setenv("ANNEX_PARAMS", str(root / "params.yaml"))
    assert main(["run", "--no-data-docs"]) == 0
    assert (tmp_path / "c" / "_manifest.json").is_file() and (tmp_path / "s" / SAMPLE_RELEASE.name).is_dir()
    # a command-line option wins over its variable
    assert main(["run", "--curated", str(tmp_path / "c2"), "--no-data-docs"]) == 0
    assert (tmp_path / "c2" / "_manifest.json").is_file()
    capsys.readouterr()
    # annex diff reads ANNEX_CURATED too
    assert main(["diff", SAMPLE_RELEASE.name, SAMPLE_RELEASE.name, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["changes"] == []


def test_jobs_auto_is_one_process_for_a_small_batch(tmp_path, capsys):
    assert auto_jobs(21, 100, cpus=2) == 1
    assert auto_jobs(99, 100, cpus=8) == 1
    assert auto_jobs(250, 100, cpus=8) == 2
    assert auto_jobs(5000, 100, cpus=8) == 8
    raw = tmp_path / "raw"
    for release in ("r1", "r2", "r3"):
        shutil.copytree(SAMPLE_RELEASE, raw / release, ignore=shutil.ignore_patterns("*.pdf"))
    assert main(["run", "--raw", str(raw), "--staged", str(tmp_path / "s"), "--curated", str(tmp_path / "c"),
                 "--params", os.devnull, "--no-data-docs", "--log-format", "json"]) == 0
    started = [json.loads(line) for line in capsys.readouterr().err.splitlines()][0]
    assert started["event"] == "run_started" and started["jobs"] == 1
    with pytest.raises(SystemExit):
        main(["run", "--jobs", "many"])
    assert "must be a whole number or auto" in capsys.readouterr().err


def all_parsers() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {"annex": parser, **{f"annex {name}": sub for name, sub in action.choices.items()}}


@pytest.mark.parametrize("name", sorted(all_parsers()))
def test_help_shows_no_empty_or_doubled_defaults(name):
    """Issue 22: help showed "(default: None)" and, where the text gave the default, a second one."""
    parser = all_parsers()[name]
    text = " ".join(parser.format_help().split())
    assert "(default: None)" not in text and "(default: False)" not in text
    formatter = parser.formatter_class(prog=parser.prog)
    for action in parser._actions:
        if action.help and "default" in action.help:  # the text says it: nothing added
            assert formatter._get_help_string(action) == action.help, f"{name} {action.dest}"
