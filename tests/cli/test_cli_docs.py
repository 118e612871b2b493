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
