"""A per-document budget for reading PDFs: each PDF is read in a child process limited in time
(annex.max_document_seconds) and memory (annex.max_document_memory, bytes of address space beyond
what the reader takes once imported), so one hostile document (a page drawing a form XObject ten
million times, streams that inflate to GiB) is refused with a DocumentError naming the file and the
budget, and the batch goes on with the other releases.

Why a child process: pdfminer's work is pure Python with no hook to stop it midway, and memory is
only bounded for a whole process (RLIMIT_AS). The child is a Python running _serve() below,
one per parent process (per worker of `annex run --jobs`), started on first use and reused from
one document to the next, because starting Python and importing pdfplumber (~0.5 s) would
otherwise cost more than reading a board paper. Over its stdin and stdout go length-prefixed
pickled messages:

    child  -> parent   ("ready", stats)                     once, after its imports
    parent -> child    (data, name, pages, max_pages, memory)   a document
    child  -> parent   ACK                                  the document is read in whole
    child  -> parent   (status, value, stats)               its tables, or why not

Each document is held to its own budget:
- time: the parent waits for the answer until max_document_seconds after sending the document;
  past it, the child is killed (a new one reads the next document) and the DocumentError says so;
- memory: RLIMIT_AS is per process, so before each document the child sets its soft limit to its
  address space at that moment (idle, the document in) plus max_document_memory, and lifts it
  again afterwards (only the soft limit: the hard one stays, so the child can raise it again). A
  MemoryError, or a failure after the peak neared the limit, is the memory DocumentError, and
  the child is replaced (its heap may be fragmented). The peak (VmPeak) cannot be reset within a
  process, so a child whose peak is already near the limit a document would get is replaced
  before that document, and the peak stays a per-document measure.
- the reader's own DocumentErrors (page limit, not a PDF) come back whole; the child stays.

A child that died while idle (killed by the OS, or by PR_SET_PDEATHSIG when the thread that
started it ended) is noticed before its next document is read (it never acknowledges it) and is
replaced, and the document is read by the new one. A child that dies while reading a document is
that document's failure, as when each document had its own process: killed by a signal or out of
memory is the memory DocumentError, any other exit a RuntimeError with the child's stderr.

A child is recycled after _MAX_DOCUMENTS documents or when its idle RSS has grown by more than
_MAX_IDLE_GROWTH since it started. It dies with its parent (PR_SET_PDEATHSIG, and the end of its
stdin), is closed at interpreter exit (atexit), and belongs to the process that started it: a
process forked from it starts its own (os.register_at_fork drops the inherited one's pipes).
Threads take turns: one document at a time per child (a lock around each request and answer).
"""

from __future__ import annotations

import atexit
import os
import pickle
import select
import struct
import subprocess
import sys
import tempfile
import threading
import time
from typing import Sequence

from pipeline.core.errors import DocumentError
from pipeline.core.model import LogicalTable
from pipeline.core.settings import Settings

_OVER_MEMORY = "over-memory"
_HEADER = struct.Struct("!Q")  # the length of the pickled message that follows
_ACK = b"\x06"
_MAX_DOCUMENTS = 200  # documents one child reads before it is replaced by a fresh one
_MAX_IDLE_GROWTH = 256 * 2**20  # bytes of idle RSS a child may gain before it is replaced
_START_SECONDS = 60  # most seconds a new child may take to import the reader (not a document's)
_PEAK_SHARE = 0.9  # a failure after the peak passed this share of the budget is the memory budget
# The child runs this module from the parent's own copy of the package, whatever its working
# directory holds (`python -m` would look there first).
_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_BOOT = ("import sys; sys.path.insert(0, sys.argv[1]); "
         "from pipeline.extract.budget import _serve; _serve(int(sys.argv[2]))")


def read_pdf_in_budget(data: bytes, name: str, settings: Settings = Settings(),
                       pages: Sequence[int] | None = None) -> list[LogicalTable]:
    """read_pdf_tables(data, name, pages=pages) after the page-count check, in a child process
    held to the settings' time and memory budget."""
    payload = pickle.dumps((data, name, pages, settings.max_pages, settings.max_document_memory, settings.pdf_source))
    with _lock:
        return _reader_for(settings, name).read(payload, name, settings)


def reader_pid() -> int | None:
    """The process id of this process's reader child while it is running, else None."""
    with _lock:
        reader = _current if _current is not None and _current.owner == os.getpid() else None
        return reader.pid if reader is not None and reader.alive() else None


def close_reader() -> None:
    """End this process's reader child (the next document starts a new one)."""
    global _current
    with _lock:
        if _current is not None and _current.owner == os.getpid():
            _current.close()
        _current = None


_FIX_TIME = ("check the PDF (a page drawing one object millions of times?); if it is a genuine "
             "document, raise annex.max_document_seconds in params.yaml")
_FIX_MEMORY = ("check the PDF (streams that inflate to gigabytes?); if it is a genuine document, "
               "raise annex.max_document_memory in params.yaml")


def _time_error(name: str, settings: Settings) -> DocumentError:
    return DocumentError(
        name, f"reading the PDF took longer than its budget of {settings.max_document_seconds:,} s "
        "(annex.max_document_seconds); stopped", fix=_FIX_TIME)


def _memory_error(name: str, settings: Settings) -> DocumentError:
    return DocumentError(
        name, f"reading the PDF needed more memory than its budget of "
        f"{_mib(settings.max_document_memory)} (annex.max_document_memory); stopped", fix=_FIX_MEMORY)


def _mib(n: int) -> str:
    return f"{n / 2**30:g} GiB" if n >= 2**30 else f"{n / 2**20:,.0f} MiB"


# --- the parent's side --------------------------------------------------------------------------

_lock = threading.RLock()
_current: _Reader | None = None


class _ChildGone(Exception):
    """The child ended (end of its stdout, or a broken pipe to its stdin)."""


class _Reader:
    """One child process and its pipes; used under _lock only, in the process that started it."""

    def __init__(self) -> None:
        self.owner = os.getpid()
        self.documents = 0
        self.stats: dict[str, int] = {}
        self.idle_rss = 0  # the child's RSS once it had imported the reader
        self.closed = False
        # stderr in a file, not a pipe: nothing has to drain it while the child works, and its
        # tail tells what went wrong; emptied before each document (the offset is shared)
        self.err = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", _BOOT, _ROOT, str(os.getpid())], stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, stderr=self.err, bufsize=0)
        except BaseException:
            self.err.close()
            raise
        self.pid = self.process.pid
        self.to_child = self.process.stdin.fileno()
        self.from_child = self.process.stdout.fileno()
        os.set_blocking(self.to_child, False)  # writes wait in select, up to the deadline

    def alive(self) -> bool:
        return not self.closed and self.process.poll() is None

    def start(self, name: str) -> None:
        """Wait for the child's "ready" (it has imported the reader) and note its idle memory."""
        try:
            kind, self.stats = self._receive(time.monotonic() + _START_SECONDS)
        except (_ChildGone, TimeoutError):
            raise self._failure(name, "failed to start") from None
        assert kind == "ready", kind
        self.idle_rss = self.stats["rss"]

    def fits(self, memory: int) -> bool:
        """Whether this child may read the next document: not worn out, and its peak so far below
        the level that would make a failure of a document with this budget count as over memory."""
        return (self.alive() and self.documents < _MAX_DOCUMENTS
                and self.stats["rss"] - self.idle_rss <= _MAX_IDLE_GROWTH
                and self.stats["peak"] <= self.stats["size"] + _PEAK_SHARE * memory)

    def read(self, payload: bytes, name: str, settings: Settings, retry: bool = True) -> list[LogicalTable]:
        self.documents += 1
        os.ftruncate(self.err.fileno(), 0)
        os.lseek(self.err.fileno(), 0, os.SEEK_SET)
        deadline = time.monotonic() + settings.max_document_seconds
        try:
            try:
                self._send(payload, deadline)
                if self._read_exact(len(_ACK), deadline) != _ACK:
                    raise self._failure(name, "answered out of turn")
            except _ChildGone:
                # it ended before it had the document (killed while idle): a new child reads it
                if not retry:
                    raise self._failure(name) from None
                self.kill()
                return _replace(self, name).read(payload, name, settings, retry=False)
            status, value, self.stats = self._receive(deadline)
        except TimeoutError:
            self.kill()
            raise _time_error(name, settings) from None
        except _ChildGone:  # it died reading the document: as when each document had its process
            self.kill()
            if self.process.returncode < 0 or "MemoryError" in self.stderr():
                self.close()
                raise _memory_error(name, settings) from None
            raise self._failure(name) from None
        except BaseException:  # an interrupt mid-message: the pipes are out of step
            self.kill()
            self.close()
            raise
        if status == "ok":
            return value
        if status == "error":
            file, cause, fix, place = value
            raise DocumentError(file, cause, fix=fix, place=place)
        self.kill()  # over memory: its heap may be fragmented
        self.close()
        raise _memory_error(name, settings)

    def _failure(self, name: str, what: str = "failed") -> RuntimeError:
        """The child ended (or is ended) for no reason of the budget: its exit and stderr, closed."""
        self.kill()
        error = RuntimeError(f"the PDF reader for {name} {what} (exit {self.process.returncode}): "
                             f"{self.stderr()}")
        self.close()
        return error

    def _send(self, payload: bytes, deadline: float) -> None:
        view = memoryview(_HEADER.pack(len(payload)) + payload)
        while view:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            _, writable, _ = select.select([], [self.to_child], [], remaining)
            if writable:
                try:
                    view = view[os.write(self.to_child, view):]
                except BlockingIOError:
                    continue
                except (BrokenPipeError, ConnectionResetError):
                    raise _ChildGone from None

    def _read_exact(self, size: int, deadline: float) -> bytes:
        chunks, needed = [], size
        while needed:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            readable, _, _ = select.select([self.from_child], [], [], remaining)
            if readable:
                chunk = os.read(self.from_child, min(needed, 1 << 20))
                if not chunk:
                    raise _ChildGone
                chunks.append(chunk)
                needed -= len(chunk)
        return b"".join(chunks)

    def _receive(self, deadline: float):
        (size,) = _HEADER.unpack(self._read_exact(_HEADER.size, deadline))
        return pickle.loads(self._read_exact(size, deadline))

    def stderr(self) -> str:
        """The tail of what the child wrote on stderr since the current document began."""
        if self.closed:
            return ""
        end = os.fstat(self.err.fileno()).st_size
        tail = os.pread(self.err.fileno(), 2000, max(0, end - 2000))
        return tail.decode(errors="replace").strip()

    def kill(self) -> None:
        """Kill the child and wait for it (its pipes and stderr stay open until close())."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def close(self) -> None:
        """End the child: the end of its stdin asks it to exit; killed if it does not at once."""
        if self.closed:
            return
        self.closed = True
        if self.process.poll() is None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.process.wait()
        for pipe in (self.process.stdin, self.process.stdout, self.err):
            pipe.close()

    def forget(self) -> None:
        """In a process forked from the owner: close the inherited pipes (the child must see the
        end of its stdin when its owner closes it) and leave the child to its owner."""
        self.closed = True
        for pipe in (self.process.stdin, self.process.stdout, self.err):
            pipe.close()
        self.process.returncode = 0  # not ours to wait for (and no "still running" warning)


def _reader_for(settings: Settings, name: str) -> _Reader:
    """This process's child, started if there is none yet, or if the one there is is not this
    process's (a fork), has ended or must be renewed before this document."""
    reader = _current
    if reader is not None and reader.owner == os.getpid() and reader.fits(settings.max_document_memory):
        return reader
    return _replace(reader, name)


def _replace(reader: _Reader | None, name: str) -> _Reader:
    global _current
    if reader is not None and reader.owner == os.getpid():
        reader.close()
    _current = None
    fresh = _Reader()
    fresh.start(name)
    _current = fresh
    return fresh


def _close_at_exit() -> None:
    global _current
    reader, _current = _current, None
    if reader is not None and reader.owner == os.getpid():
        reader.close()


def _after_fork_in_child() -> None:
    global _lock, _current
    _lock = threading.RLock()  # another thread of the parent may have held it
    reader, _current = _current, None
    if reader is not None:
        reader.forget()


atexit.register(_close_at_exit)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


# --- the child's side ---------------------------------------------------------------------------

def _vm_kib(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _stats() -> dict[str, int]:
    """The child's address space now and at its peak, and its RSS, in bytes (0 off Linux)."""
    return {key: (_vm_kib(field) or 0) * 1024
            for key, field in (("size", "VmSize"), ("peak", "VmPeak"), ("rss", "VmRSS"))}


def _die_with_parent(parent: int | None = None) -> None:
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if parent is not None and os.getppid() != parent:  # it died before the prctl
        os._exit(1)


def _out_of_memory(error: BaseException) -> bool:
    """A MemoryError the reader wrapped in its own error (pdfminer: "Unable to allocate output
    buffer" from zlib) anywhere in the chain of causes."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, MemoryError) or "Unable to allocate" in str(error) or \
                any(isinstance(arg, MemoryError) for arg in getattr(error, "args", ())):
            return True
        error = error.__cause__ or error.__context__
    return False


def _read_document(data: bytes, name: str, pages, max_pages: int, memory: int, pdf_source: str = "pdfminer") -> tuple:
    """One document, in the child: (status, value). The soft RLIMIT_AS is the address space now
    (the reader imported, the document in) plus the budget while it is read, then lifted again."""
    import resource

    from pipeline.core.model import Document, DocumentKind
    from pipeline.extract.documents import check_page_limit
    from pipeline.extract.pdf_tables import read_pdf_tables

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    base = _vm_kib("VmSize")
    limit = None
    if base is not None:  # Linux: the reader's own address space, plus the budget
        limit = base * 1024 + memory
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    try:
        check_page_limit(Document(name=name, data=data, kind=DocumentKind.PDF, path=name), max_pages)
        result = ("ok", read_pdf_tables(data, name, pages=pages, pdf_source=pdf_source))
    except MemoryError:
        result = (_OVER_MEMORY, None)
    except DocumentError as error:
        result = (_OVER_MEMORY, None) if _out_of_memory(error) else \
            ("error", (error.file, error.cause, error.fix, error.place))
    finally:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    peak = _vm_kib("VmPeak")
    if limit is not None and peak is not None and result[0] != "ok" and \
            peak * 1024 > base * 1024 + _PEAK_SHARE * memory:
        result = (_OVER_MEMORY, None)  # a MemoryError turned into another error by the reader
    return result


def _child() -> None:
    """One document from stdin (to its end), its result pickled on stdout: the child of one
    document (benchmarks/bench_batch.py measures the reader's peak memory with it)."""
    import pipeline.extract.pdf_tables  # noqa: F401  (imported before the limit is set)

    _die_with_parent()
    request = pickle.loads(sys.stdin.buffer.read())
    sys.stdout.buffer.write(pickle.dumps(_read_document(*request)))
    sys.stdout.flush()


def _serve(parent: int | None) -> None:
    """The reusable child: documents from stdin, answers on stdout, until stdin ends."""
    import gc
    import traceback

    import pipeline.extract.documents  # noqa: F401  (imported before any limit is set)
    import pipeline.extract.pdf_tables  # noqa: F401

    _die_with_parent(parent)
    # the messages go through private descriptors; a stray print() in a library goes to stderr
    requests, answers = os.dup(0), os.dup(1)
    os.dup2(2, 1)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)

    def read_exact(size: int) -> bytes | None:
        chunks, needed = [], size
        while needed:
            chunk = os.read(requests, min(needed, 1 << 20))
            if not chunk:
                return None
            chunks.append(chunk)
            needed -= len(chunk)
        return b"".join(chunks)

    def write(data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(answers, view):]

    def answer(message) -> None:
        body = pickle.dumps(message)
        write(_HEADER.pack(len(body)) + body)

    gc.collect()
    answer(("ready", _stats()))
    while True:
        header = read_exact(_HEADER.size)
        body = read_exact(_HEADER.unpack(header)[0]) if header is not None else None
        if body is None:  # the parent closed our stdin (or died): done
            return
        write(_ACK)
        try:
            request = pickle.loads(body)
            del body
            status, value = _read_document(*request)
        except MemoryError:
            status, value = _OVER_MEMORY, None
        except Exception:  # noqa: BLE001 - a bug: its traceback on stderr and exit 1, as before
            traceback.print_exc()
            sys.stderr.flush()
            os._exit(1)
        request = None
        gc.collect()
        answer((status, value, _stats()))


if __name__ == "__main__":
    _serve(int(sys.argv[1]) if len(sys.argv) > 1 else None)
