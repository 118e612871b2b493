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
