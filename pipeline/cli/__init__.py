"""The `annex` command: a thin argparse layer over the library API.

Each command lives in its own module with `register(subparsers)`; the module adds its parser
(with an example in its help) and sets `func`, which returns an exit code. Heavy imports (GX,
pdfplumber, pandas) happen inside the command functions so `annex --help` and `annex dates` stay fast.

Exit codes come from one table (pipeline.core.errors.EXIT_CODE_TABLE), shown by `annex --help`.
SIGTERM is handled as Ctrl-C is (the same clean-up, the run_failed event), with its own code 143.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
from contextlib import contextmanager

from pipeline import __version__
from pipeline.cli.options import ENVIRONMENT, resolve_locations
from pipeline.core.display import shown
from pipeline.core.errors import AnnexError, Terminated, exit_codes_text, machine_error
from pipeline.core.processes import exit_code_for

# Command modules, in the order `annex --help` lists them.
COMMAND_MODULES = (
    "pipeline.cli.run",
    "pipeline.cli.status",
    "pipeline.cli.suites",
    "pipeline.cli.stages",
    "pipeline.cli.dates",
    "pipeline.cli.tables",
    "pipeline.cli.report",
    "pipeline.cli.diff",
    "pipeline.cli.withdraw",
    "pipeline.cli.docs",
)
DEBUG_HELP = "show tracebacks for errors (anywhere on the line: annex --debug run, annex run --debug)"


class _Formatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    """Keep the examples' line breaks; show a default only when it says something (not None,
    not a flag's False) and the help does not already give it."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if action.default in (None, False, True, argparse.SUPPRESS) or "default" in text:
            return text
        return super()._get_help_string(action)


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The whole parser; with `argv` naming a command, only that command's (its module alone
    imported: `annex dates` then skips the data dictionary's numpy and pyarrow, 0.16 s)."""
    environment = "\n".join(f"  {name:<15}{meaning}" for name, meaning in ENVIRONMENT.items())
    parser = argparse.ArgumentParser(
        prog="annex",
        description="Extract, normalise, validate and publish the tables of board-paper annexes. "
        "Run from the project folder (the one holding params.yaml or dvc.yaml) or any folder below it.",
        epilog=f"example:\n  annex run --release 2015-16-q2\n\n{exit_codes_text()}\n\n"
        f"environment:\n{environment}",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"annex {__version__}")
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in _modules_for(argv):
        importlib.import_module(name).register(subparsers, _Formatter)
    for command in subparsers.choices.values():
        # SUPPRESS: a subcommand that is not given --debug leaves the root's value alone
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP)
    return parser


def _modules_for(argv: list[str] | None) -> tuple[str, ...]:
    """The command module of the first word of `argv` that is no option, when it names one;
    else every module (`annex --help`, a misspelt command: argparse lists them all)."""
    word = next((arg for arg in argv or () if not arg.startswith("-")), None)
    named = tuple(name for name in COMMAND_MODULES if name.rpartition(".")[2] == word)
    return named or COMMAND_MODULES


@contextmanager
def sigterm_as_interrupt():
    """Within the block, SIGTERM raises Terminated (a KeyboardInterrupt) in the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum, frame):
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(sys.argv[1:] if argv is None else argv)
    args = parser.parse_args(argv)
    resolve_locations(args)
    with sigterm_as_interrupt():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args))
    except AnnexError as error:
        if args.debug:
            raise
        print(f"error: {shown(error.message, lines=True)}", file=sys.stderr)
        return exit_code_for(error)
    except OSError as error:  # the machine refused (disk full, read-only): not a bug in annex
        if args.debug:
            raise
        print(f"error: {shown(machine_error(error).message, lines=True)}", file=sys.stderr)
        return exit_code_for(error)
    except KeyboardInterrupt as error:
        print("terminated" if isinstance(error, Terminated) else "interrupted", file=sys.stderr)
        return exit_code_for(error)
    except Exception as error:  # a bug: one line unless --debug
        if args.debug:
            raise
        print(
            f"internal error: {type(error).__name__}: {shown(error)}\n  rerun with --debug for the traceback",
            file=sys.stderr,
        )
        return exit_code_for(error)
