"""The `annex` command: a thin argparse layer over the library API.

Each command lives in its own module with `register(subparsers)`; the module adds its parser
(with an example in its help) and sets `func`, which returns an exit code. Heavy imports (GX,
pdfplumber, pandas) happen inside the command functions so `annex --help` and `annex dates` stay fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from pipeline import __version__
from pipeline.core.display import shown
from pipeline.core.errors import AnnexError
from pipeline.core.processes import exit_code_for

# Command modules, in the order `annex --help` lists them.
COMMAND_MODULES = (
    "pipeline.cli.run",
    "pipeline.cli.suites",
    "pipeline.cli.stages",
    "pipeline.cli.dates",
    "pipeline.cli.tables",
    "pipeline.cli.report",
    "pipeline.cli.diff",
    "pipeline.cli.docs",
)


class _Formatter(argparse.RawDescriptionHelpFormatter, argparse.ArgumentDefaultsHelpFormatter):
    """Keep the examples' line breaks and show defaults."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="annex",
        description="Extract, normalise, validate and publish the tables of board-paper annexes.",
        epilog="example:\n  annex run --release 2015-16-q2\n\nexit codes: 0 success, "
        "1 validation failed, 2 bad input or usage, 70 internal error, 74 disk or permission fault",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"annex {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers, _Formatter)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
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
        from pipeline.core.errors import machine_error

        print(f"error: {shown(machine_error(error).message, lines=True)}", file=sys.stderr)
        return exit_code_for(error)
    except KeyboardInterrupt as error:
        print("interrupted", file=sys.stderr)
        return exit_code_for(error)
    except Exception as error:  # a bug: one line unless --debug
        if args.debug:
            raise
        print(
            f"internal error: {type(error).__name__}: {shown(error)}\n  rerun with --debug for the traceback",
            file=sys.stderr,
        )
        return exit_code_for(error)
