"""One run at a time per curated/: `annex run` and `annex stage publish` hold an exclusive
`flock` on curated/.annex.lock while they work (and `annex withdraw`). A second run refuses at once
(exit 75, EX_TEMPFAIL: "try again later", naming the lock) or, with `--wait-lock`, says it is
waiting and goes on when the first one ends (or refuses with exit 75 after `--wait-lock SECONDS`).

flock locks belong to the open file: the kernel drops the lock when the holder exits or is
killed, so a stale lock file never blocks anything (the file itself stays, empty, and is reused).
The name starts with a dot, so Parquet readers skip it.
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from pipeline.core.errors import AnnexError, LockHeld

LOCK_NAME = ".annex.lock"
POLL_SECONDS = 0.2  # how often a bounded wait tries the lock again (flock itself has no timeout)


def lock_path(curated_root: Path) -> Path:
    return Path(curated_root) / LOCK_NAME


@contextmanager
def curated_lock(curated_root: Path, wait: bool | float = False,
                 on_wait: Callable[[Path], None] | None = None) -> Iterator[Path]:
    """Hold the lock of curated_root for the `with` block. Held by another process: wait for it
    (`wait`: True for as long as it takes, a number for at most that many seconds, after calling
    `on_wait(path)`) or raise LockHeld (exit 75)."""
    path = lock_path(curated_root)
    Path(curated_root).mkdir(parents=True, exist_ok=True)
    try:  # never through a link: one at the lock's path would make annex create its target
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o666)
    except OSError as error:
        if error.errno != errno.ELOOP:
            raise
        raise AnnexError(str(path), "the lock file is a symbolic link; annex does not follow links, "
                         "nothing was done", fix=f"remove the link {path} and rerun") from None
    try:
        if not _try_lock(fd):
            if wait is False or wait is None:
                raise _held(path, curated_root, "wait for it to finish and rerun, or pass --wait-lock "
                            "to wait for it")
            if on_wait:
                on_wait(path)
            if wait is True:
                fcntl.flock(fd, fcntl.LOCK_EX)
            elif not _lock_within(fd, float(wait)):
                raise _held(path, curated_root, f"it was still held after --wait-lock {wait:g} s; "
                            "rerun later or wait longer")
        yield path
    finally:
        os.close(fd)  # releases the lock


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _lock_within(fd: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while True:
        if _try_lock(fd):
            return True
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        time.sleep(min(POLL_SECONDS, left))


def _held(path: Path, curated_root: Path, fix: str) -> LockHeld:
    return LockHeld(str(path), f"another annex run (or annex stage publish, annex withdraw) is "
                    f"working on {curated_root} (it holds this lock); nothing was done", fix=fix)
