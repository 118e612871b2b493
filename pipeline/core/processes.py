"""Helpers shared by every process annex starts: dying with the parent or with the run, walking
an exception's chain of causes, and the exit code an exception ends a command with. One copy
each, used by the per-document reader pool (pipeline/extract/budget.py), the run's worker pool
(pipeline/executors/local.py), the PDF reader and the CLI."""

from __future__ import annotations

import ctypes
import os
import select
import signal
import threading
import time
from typing import Iterator

from pipeline.core.errors import AnnexError, ExitCode

_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def die_with_parent(parent_pid: int) -> None:
    """Make this process end when its parent `parent_pid` dies (killed, out of memory) instead of
    working on unseen. On Linux the kernel sends SIGKILL at the parent's death (prctl
    PR_SET_PDEATHSIG); everywhere, a daemon thread checks once a second that the parent is still
    there. Exits at once when the parent is already gone."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass  # not Linux: the thread below does it
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def die_with_process(pid: int) -> None:
    """Make this process end when process `pid` ends, whether or not it is this process's parent:
    a run's worker forked by the run's fork server has the server as parent, and must die with
    the run. With its parent: die_with_parent. Otherwise the kernel's death signal follows the
    parent (the server), and a daemon thread waits on a pidfd of `pid` (Linux >= 5.3: woken at
    once when it ends) or, without pidfds, checks once a second that `pid` is still there. Exits
    at once when `pid` is already gone."""
    if os.getppid() == pid:
        die_with_parent(pid)
        return
    set_parent_death_signal()
    try:
        watched = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(1)
    except (AttributeError, OSError):  # no pidfds here: poll
        watched = None

    def watch() -> None:
        if watched is not None:
            select.select([watched], [], [])  # readable once the process has ended
        else:
            while _exists(pid):
                time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-run", daemon=True).start()


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def set_parent_death_signal() -> None:
    """For a subprocess's preexec_fn: SIGKILL when the process that started it ends (Linux only;
    no thread may be started between fork and exec)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    except (OSError, AttributeError):
        pass


def causes(error: BaseException | None) -> Iterator[BaseException]:
    """The error, then what caused it (`raise ... from`), or what it was raised while handling,
    down the chain; an exception given as a wrapper's first argument counts as its cause (pdfminer
    wraps errors that way). Each once: a chain can loop."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        wrapped = error.args[0] if error.args and isinstance(error.args[0], BaseException) else None
        error = error.__cause__ or error.__context__ or wrapped


def exit_code_for(error: BaseException) -> int:
    """The exit code a command ends with when `error` stops it: the input's fault (2), a failed
    validation (1), the machine's (74, an OSError), an interrupt (130, or 143 for SIGTERM), else a bug in annex (70)."""
    if isinstance(error, AnnexError):
        return int(error.exit_code)
    if isinstance(error, OSError):
        return int(ExitCode.IO_ERROR)
    if isinstance(error, KeyboardInterrupt):  # Ctrl-C 130; SIGTERM 143 (errors.Terminated)
        return int(getattr(error, "exit_code", ExitCode.INTERRUPTED))
    return int(ExitCode.INTERNAL)
