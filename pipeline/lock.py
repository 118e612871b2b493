"""One run at a time per curated/: `annex run` and `annex stage publish` hold an exclusive
`flock` on curated/.annex.lock while they work (and `annex withdraw`). A second run refuses at once
(exit 75, EX_TEMPFAIL: "try again later", naming the lock) or, with `--wait-lock`, says it is
waiting and goes on when the first one ends (or refuses with exit 75 after `--wait-lock SECONDS`).

flock locks belong to the open file: the kernel drops the lock when the holder exits or is
killed, so a stale lock file never blocks anything (the file itself stays, empty, and is reused).
The name starts with a dot, so Parquet readers skip it.

curated/ in a bucket has no flock: the lock is an object, `.annex.lock`, holding a lease (who holds
it, on which host, until when), created with a conditional PUT (If-None-Match: *), so of two runs
starting together the object store lets exactly one create it. The holder renews the lease while it
works (a PUT conditional on the ETag it wrote, If-Match) and deletes it at the end. A lease past its
expiry was left by a run that died: the next run takes it over, again by a PUT on the stale ETag, so
two runs finding it stale cannot both take it. Expiry is judged by this machine's clock: hosts
sharing a bucket need clocks in step (NTP) to well within LEASE_SECONDS.

A holder that stalled past its expiry may find its lease taken over: its renewal fails and it
stops renewing. It must then commit nothing more: `confirm_lease` (called before the manifest is
written, and after each chunk of releases) renews the lease with a PUT conditional on the ETag
this run last wrote, so the store itself answers "still ours"; when it is not, LeaseLost (exit
75) names the lock and the run that holds it now, and the run stops without writing a manifest.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import threading
import time
import uuid
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Callable, Iterator

from pipeline.core import storage
from pipeline.core.errors import AnnexError, LockHeld
from pipeline.core.storage import Location, is_url, join

LOCK_NAME = ".annex.lock"
POLL_SECONDS = 0.2  # how often a bounded wait tries the lock again (flock itself has no timeout)
# A bucket lease: how long it lasts unless renewed, and how often the holder renews it. Long enough
# that a renewal delayed by a slow store or a busy machine does not lose it; short enough that a
# run killed without deleting it blocks the next scheduled run for two minutes at most.
LEASE_SECONDS = 120.0
RENEW_SECONDS = 20.0
BUCKET_POLL_SECONDS = 2.0  # a wait on a bucket lease asks the store again this often


def lock_path(curated_root: Location) -> Location:
    return join(curated_root, LOCK_NAME)


class LeaseLost(LockHeld):
    """This run's lease on a bucket's curated/ was taken over by another run (this one stalled
    past its expiry): it stops before its next commit. Exit 75, as for a lock held."""


# The leases this process holds, by lock URL, while their `with` block runs: what confirm_lease
# asks about (a worker in another process holds none and is not asked).
_HELD: dict[str, "_Renewer"] = {}


@contextmanager
def curated_lock(curated_root: Location, wait: bool | float = False,
                 on_wait: Callable[[Location], None] | None = None) -> Iterator[Location]:
    """Hold the lock of curated_root for the `with` block. Held by another process: wait for it
    (`wait`: True for as long as it takes, a number for at most that many seconds, after calling
    `on_wait(path)`) or raise LockHeld (exit 75)."""
    if is_url(curated_root):
        with bucket_lease(curated_root, wait, on_wait) as url:
            yield url
        return
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


# --- curated/ in a bucket: a lease object -------------------------------------------------------

@contextmanager
def bucket_lease(curated_root: str, wait: bool | float = False,
                 on_wait: Callable[[str], None] | None = None,
                 lease_seconds: float = LEASE_SECONDS, renew_seconds: float = RENEW_SECONDS) -> Iterator[str]:
    """curated_lock for a bucket (see the module doc): the lease taken, renewed in a thread while
    the block runs, deleted after. LockHeld (exit 75) when a live lease is another run's."""
    url = lock_path(curated_root)
    storage.check_leases(curated_root)
    storage.check(curated_root)  # a missing bucket or no credentials: said as such, not as "busy"
    owner = {"owner": uuid.uuid4().hex, "host": socket.gethostname(), "pid": os.getpid()}
    deadline = None if wait is True else time.monotonic() + (0.0 if wait in (False, None) else float(wait))
    said_waiting = False
    while (tag := _take(url, owner, lease_seconds)) is None:
        if deadline is not None and time.monotonic() >= deadline:
            holder = _holder(url)
            fix = ("wait for it to finish and rerun, or pass --wait-lock to wait for it" if not wait else
                   f"it was still held after --wait-lock {wait:g} s; rerun later or wait longer")
            raise LockHeld(url, f"another annex run (or annex stage publish, annex withdraw) is working on "
                           f"{curated_root} (it holds this lease{holder}); nothing was done", fix=fix)
        if on_wait and not said_waiting:
            on_wait(url)
            said_waiting = True
        time.sleep(BUCKET_POLL_SECONDS if deadline is None else
                   max(0.0, min(BUCKET_POLL_SECONDS, deadline - time.monotonic())))
    renewer = _Renewer(url, owner, lease_seconds, renew_seconds, tag)
    renewer.start()
    _HELD[url] = renewer
    try:
        yield url
    finally:
        _HELD.pop(url, None)
        renewer.stop()
        with suppress(AnnexError):  # the store failing now: the lease expires by itself
            if renewer.tag is not None and storage.etag(url) == renewer.tag:
                storage.delete([url])  # ours still: gone, the next run need not wait for its expiry


def confirm_lease(curated_root: Location, before: str, ask_store: bool = True) -> None:
    """Before a commit (`before`: what is about to be done, for the message): LeaseLost unless
    the lease this process holds on curated_root is still its own, as the store says by accepting
    a renewal conditional on the ETag last written (If-Match); `ask_store` False: as far as the
    last renewal knows (no request). Nothing to confirm on disk (flock cannot be taken over) or
    where this process holds no lease (a library call without the lock)."""
    if not is_url(curated_root) or (renewer := _HELD.get(lock_path(curated_root))) is None:
        return
    if not (renewer.renew_now() if ask_store else renewer.tag is not None):
        holder = _holder(renewer.url).removeprefix(": ")
        raise LeaseLost(renewer.url, f"another run took this run's lease over ({holder or 'it holds it now'}): "
                        f"this run had stalled past the lease's expiry, {renewer.lease_seconds:g} s after its "
                        f"last renewal, so it stopped before {before}; what it did not commit is redone by "
                        "the run holding the lease now, or by the next run",
                        fix="nothing to repair; if runs keep stalling this long, give them more CPU or memory "
                        f"(the lease is renewed every {renewer.renew_seconds:g} s)")


def _lease(owner: dict, lease_seconds: float) -> bytes:
    return json.dumps({**owner, "expires": time.time() + lease_seconds}, sort_keys=True).encode("utf-8")


def _take(url: str, owner: dict, lease_seconds: float) -> str | None:
    """Create the lease, or take over a stale one; its ETag when ours, else None."""
    if (tag := storage.create(url, _lease(owner, lease_seconds))) is not None:
        return tag
    tag = storage.etag(url)
    if tag is None:
        return None  # deleted just now by its holder: the next try creates it
    try:
        current = json.loads(storage.read_bytes(url))
        expires = float(current["expires"])
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        expires = 0.0  # not a lease annex wrote: as stale
    if expires > time.time():
        return None
    return storage.replace_if(url, _lease(owner, lease_seconds), tag)  # the stale ETag: one taker wins


def _holder(url: str) -> str:
    try:
        lease = json.loads(storage.read_bytes(url))
        left = float(lease["expires"]) - time.time()
        return f": host {lease['host']}, pid {lease['pid']}, expires in {max(0, left):.0f} s unless renewed"
    except (OSError, ValueError, KeyError, TypeError):
        return ""


class _Renewer(threading.Thread):
    """Renews the lease every renew_seconds with a PUT on the ETag it last wrote; when that fails
    (another run took the lease over, so this one had stalled past its expiry) it stops renewing
    and `tag` becomes None, so the lease is not deleted from under the new holder."""

    def __init__(self, url: str, owner: dict, lease_seconds: float, renew_seconds: float, tag: str) -> None:
        super().__init__(name="annex-lease", daemon=True)
        self.url, self.owner, self.tag = url, owner, tag
        self.lease_seconds, self.renew_seconds = lease_seconds, renew_seconds
        self._stopped = threading.Event()
        self._renewing = threading.Lock()  # the thread and renew_now each PUT on the tag the other wrote

    def run(self) -> None:
        while not self._stopped.wait(self.renew_seconds):
            try:
                if not self.renew_now():
                    return
            except AnnexError:
                continue  # the store failed this once: the lease lasts lease_seconds, try again

    def renew_now(self) -> bool:
        """Renew the lease now (a PUT conditional on the ETag last written): is it still ours?
        Once lost it stays lost (`tag` None)."""
        with self._renewing:
            if self.tag is not None:
                self.tag = storage.replace_if(self.url, _lease(self.owner, self.lease_seconds), self.tag)
            return self.tag is not None

    def stop(self) -> None:
        self._stopped.set()
        self.join()
