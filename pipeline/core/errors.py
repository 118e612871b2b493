"""Errors as values: a file, a place in it, a cause and a fix, until the CLI prints them.

Every stage raises `AnnexError` (or returns it inside a result) instead of printing, so the
runner can keep going with the other releases and the CLI alone decides the message and exit code.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass
from enum import IntEnum

from pipeline.core.display import shown


class ExitCode(IntEnum):
    """The exit codes schedulers can rely on (documented in the README)."""

    OK = 0
    VALIDATION_FAILED = 1  # a release failed a critical expectation; nothing of it published
    BAD_INPUT = 2  # bad manifest, unreadable or unrecognised document, bad command-line usage
    INTERNAL = 70  # a bug in annex itself (EX_SOFTWARE); rerun with --debug and report it
    IO_ERROR = 74  # the machine refused a read or write: disk full, read-only, permissions (EX_IOERR)
    BUSY = 75  # another run holds curated/'s lock: try again later (EX_TEMPFAIL)
    INTERRUPTED = 130  # SIGINT (Ctrl-C): 128 + 2, as shells report it
    TERMINATED = 143  # SIGTERM (cron, systemd, Kubernetes stopping the job): 128 + 15


# The one description of the exit codes: `annex --help`, the README and docs/batch.md show this
# table (tests/cli/test_cli_docs.py checks the three agree). (code, meaning, what a scheduler does)
EXIT_CODE_TABLE = (
    (ExitCode.OK, "every release published or unchanged (or the command did what it was asked)",
     "nothing"),
    (ExitCode.VALIDATION_FAILED, "a release failed validation, or a table of it shrank by more than "
     "`annex.max_row_drop` (default 0.5): not published, its previous version stays; `annex diff "
     "--exit-code`: something changed", "alert the data owner; the message names the failed rules "
     "(or the tables and both row counts); when the shrink is real, rerun with `--accept-shrink`"),
    (ExitCode.BAD_INPUT, "bad input or usage: a manifest, a document, a settings file or an option is "
     "wrong (a named `--params` file missing, an unknown release), or a document is over its limits "
     "(size, pages, line length, cells per line, declared rows, columns or cells, reading time and "
     "memory)", "alert; the message "
     "names the file, the place, the cause and the fix"),
    (ExitCode.INTERNAL, "a bug in annex (or a worker process died)",
     "alert the maintainers; rerun with `--debug` for the traceback"),
    (ExitCode.IO_ERROR, "the machine refused a read or write: disk full, read-only file system, no "
     "permission (what was published before is intact)", "free space or fix the permissions, then "
     "rerun; the message names the file"),
    (ExitCode.BUSY, "busy: another `annex run`, `annex stage publish` or `annex withdraw` holds "
     "`curated/.annex.lock` (or `--wait-lock SECONDS` ran out); nothing was done. Or, curated/ in a "
     "bucket: another run took this run's lease over after it stalled past its expiry; no manifest "
     "was written",
     "nothing: the next scheduled run does the work (or use `--wait-lock`)"),
    (ExitCode.INTERRUPTED, "interrupted (Ctrl-C, SIGINT); nothing half-published",
     "rerun"),
    (ExitCode.TERMINATED, "terminated (SIGTERM, as cron, systemd and Kubernetes stop a job); "
     "nothing half-published", "rerun"),
)


def exit_codes_markdown() -> str:
    """EXIT_CODE_TABLE as the Markdown table of the README and docs/batch.md."""
    lines = ["| code | meaning | what a scheduler should do |", "|---|---|---|"]
    lines += [f"| {int(code)} | {meaning} | {action} |" for code, meaning, action in EXIT_CODE_TABLE]
    return "\n".join(lines) + "\n"


def exit_codes_text() -> str:
    """EXIT_CODE_TABLE for `annex --help`: one line per code (Markdown backticks dropped)."""
    return "exit codes:\n" + "\n".join(f"  {int(code):<4}{meaning.replace('`', '')}"
                                        for code, meaning, _ in EXIT_CODE_TABLE)


@dataclass(frozen=True)
class Place:
    """Where in a file: any of page (1-based), line (1-based), or a free-form detail."""

    page: int | None = None
    line: int | None = None
    detail: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.page is not None:
            parts.append(f"page {self.page}")
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.detail:
            parts.append(self.detail)
        return ", ".join(parts)


class AnnexError(Exception):
    """A problem with the input that a user can fix: names the file, the place, the cause, the fix."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, file: str, cause: str, *, fix: str | None = None, place: Place | None = None):
        self.file = str(file)
        self.cause = cause
        self.fix = fix
        self.place = place or Place()
        super().__init__(self.message)

    @property
    def message(self) -> str:
        # the file's name escaped (a folder or document name holding a line feed must not forge a
        # line of the log); a cause cut to MAX_CAUSE_CHARS (one quoting a 300,000-column header
        # would run to megabytes)
        where = shown(self.file)
        if str(self.place):
            where += f" ({shown(self.place)})"
        text = f"{where}: {capped(self.cause)}"
        if self.fix:
            text += f"\n  fix: {capped(self.fix)}"
        return text


class LockHeld(AnnexError):
    """Another run holds curated/'s lock: not an error in the input, "try again later"."""

    exit_code = ExitCode.BUSY


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread by the CLI's handler: a KeyboardInterrupt, so every
    clean-up written for Ctrl-C (temporary files, the run_failed event) runs for it too."""

    exit_code = ExitCode.TERMINATED


MAX_CAUSE_CHARS = 2_000  # a cause or fix is a few lines; past this it quotes the input at length


def capped(text: str, limit: int = MAX_CAUSE_CHARS) -> str:
    """`text`, cut to `limit` characters with the count of those left out."""
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text) - limit:,} more characters)"


class ManifestError(AnnexError):
    """release.yaml is missing, malformed or inconsistent."""


class DocumentError(AnnexError):
    """A document cannot be read or holds no table of a known family."""


class ValidationFailed(AnnexError):
    """A critical expectation failed: the release is not published."""

    exit_code = ExitCode.VALIDATION_FAILED


class MachineError(AnnexError):
    """The operating system refused a read or write (disk full, read-only file system, no
    permission): nothing wrong with the input or with annex; fix the machine and rerun."""

    exit_code = ExitCode.IO_ERROR


_FULL = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_DENIED = {errno.EROFS, errno.EACCES, errno.EPERM}


def machine_error(error: OSError) -> MachineError:
    """An OSError as a MachineError naming the file, what the system said, and what to do."""
    if error.errno in _FULL:
        fix = "free space on that disk, then rerun"
    elif error.errno in _DENIED:
        fix = "make that folder writable (or readable) for this user, or use another --curated/--staged, then rerun"
    else:
        fix = "check the disk and the folder, then rerun"
    fix += "; what was published before is intact (files are replaced whole or not at all)"
    name = errno.errorcode.get(error.errno or 0, "")
    cause = f"the system refused to read or write it: {error.strerror or error}" + (f" ({name})" if name else "")
    return MachineError(error.filename if error.filename is not None else "(a file)", cause, fix=fix)
