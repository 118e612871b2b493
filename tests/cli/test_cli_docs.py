"""Every command and option is documented: help with an example, every option with a help text,
every command in the README; the README's schema section matches the code."""

import argparse
import re

import pytest
from support import REPO

from pipeline.cli import build_parser
from pipeline.schema import schema_markdown


def subcommands():
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return action.choices


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_command_help_has_an_example(name):
    parser = subcommands()[name]
    assert re.search(rf"^\s+.*\bannex {name}\b", parser.epilog or "", re.MULTILINE), f"{name}: no example"
    assert parser.description, f"{name}: no description"


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_option_has_help(name):
    for action in subcommands()[name]._actions:
        if isinstance(action, argparse._HelpAction):
            continue
        assert action.help and action.help != argparse.SUPPRESS, f"{name}: {action.dest} undocumented"


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_every_option_is_used_in_an_example(name):
    """An option nobody shows is an option nobody finds (issue 22): each one of each command
    appears in an example of the command's help (--help and --debug aside: annex --help has them)."""
    parser = subcommands()[name]
    examples = parser.epilog or ""
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction) or not action.option_strings or action.dest == "debug":
            continue
        assert any(option in examples for option in action.option_strings), \
            f"annex {name}: no example uses {'/'.join(action.option_strings)}"


def marked_section(path, marker: str) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split(f"<!-- {marker}:start -->\n")[1].split(f"<!-- {marker}:end -->")[0]


def test_exit_codes_agree_in_readme_batch_docs_and_help():
    """One table of exit codes (pipeline.core.errors.EXIT_CODE_TABLE): the README's and
    docs/batch.md's are it, and `annex --help` lists every code with its meaning."""
    from pipeline.core.errors import EXIT_CODE_TABLE, ExitCode, exit_codes_markdown

    assert marked_section(REPO / "README.md", "exit-codes") == exit_codes_markdown()
    assert marked_section(REPO / "docs" / "batch.md", "exit-codes") == exit_codes_markdown()
    assert {int(code) for code, _, _ in EXIT_CODE_TABLE} == {int(code) for code in ExitCode}
    help_text = build_parser().format_help()
    listed = re.findall(r"^  (\d+) +(\S.*)$", help_text.split("exit codes:")[1].split("\n\n")[0], re.MULTILINE)
    assert [(int(code), meaning) for code, meaning in listed] == \
        [(int(code), meaning.replace("`", "")) for code, meaning, _ in EXIT_CODE_TABLE]
    meanings = {int(code): meaning for code, meaning, _ in EXIT_CODE_TABLE}
    assert "busy" in meanings[75] and "SIGTERM" in meanings[143] and "SIGINT" in meanings[130]


def test_pyproject_license_is_an_spdx_string_and_dvc_an_extra():
    """`license = { text = ... }` printed a deprecation warning on every install (issue 22); the
    README names the [dvc] extra that `dvc repro` needs."""
    import tomllib

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["license"] == "MIT"
    assert any(r.startswith("setuptools>=77") for r in project["build-system"]["requires"])  # PEP 639
    assert any(r.startswith("dvc") for r in project["project"]["optional-dependencies"]["dvc"])
    assert "pip install -q -e '.[dvc]'" in (REPO / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_command_in_readme(name):
    assert f"`annex {name}" in (REPO / "README.md").read_text(encoding="utf-8")


def test_readme_schema_section_matches_code():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- schema:start -->\n")[1].split("<!-- schema:end -->")[0]
    assert section == schema_markdown()


def test_readme_has_exactly_two_setup_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up on a new machine")[1].split("\n## ")[0]
    commands = re.findall(r"```sh\n(.*?)```", setup, re.DOTALL)
    assert [c.strip() for c in commands] == [
        "python3 -m venv .venv && .venv/bin/pip install -q -e . && .venv/bin/annex run",
        "bash scripts/test.sh"]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test.sh" in ci


def test_version_and_unknown_command(capsys):
    from pipeline.cli import main

    with pytest.raises(SystemExit) as caught:
        main(["no-such-command"])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
