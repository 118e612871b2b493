"""One run at a time per curated/: `annex run` and `annex stage publish` hold an exclusive
`flock` on curated/.annex.lock while they work. A second run refuses at once (exit 2, naming the
lock) or, with `--wait-lock`, says it is waiting and goes on when the first one ends.

flock locks belong to the open file: the kernel drops the lock when the holder exits or is
killed, so a stale lock file never blocks anything (the file itself stays, empty, and is reused).
The name starts with a dot, so Parquet readers skip it.
"""

from __future__ import annotations

import errno
import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from pipeline.core.errors import AnnexError

LOCK_NAME = ".annex.lock"


def lock_path(curated_root: Path) -> Path:
    return Path(curated_root) / LOCK_NAME


@contextmanager
def curated_lock(curated_root: Path, wait: bool = False,
                 on_wait: Callable[[Path], None] | None = None) -> Iterator[Path]:
    """Hold the lock of curated_root for the `with` block. Held by another process: wait for it
    (`wait`, after calling `on_wait(path)`) or raise an AnnexError (exit 2)."""
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
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise AnnexError(
                    str(path), f"another annex run (or annex stage publish) is working on "
                    f"{curated_root} (it holds this lock); nothing was done",
                    fix="wait for it to finish and rerun, or pass --wait-lock to wait for it") from None
            if on_wait:
                on_wait(path)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield path
    finally:
        os.close(fd)  # releases the lock
