"""A per-document budget for reading every document, whatever its format (text dump, PDF, Word,
Excel, OpenDocument, legacy .doc/.xls converted by LibreOffice): each is read in a worker process
limited in time (annex.max_document_seconds) and memory (annex.max_document_memory, bytes of
address space beyond what the worker takes once its readers are imported), so one hostile document
(a page drawing a form XObject ten million times, streams that inflate to GiB, a sheet declaring a
million rows, a conversion on which LibreOffice hangs) is refused with a DocumentError naming the
file and the budget, and the batch goes on with the other releases.

Why a worker process: pdfminer's and openpyxl's work is pure Python with no hook to stop it
midway, and memory is only bounded for a whole process (RLIMIT_AS). One worker per process that
reads documents (per worker of `annex run --jobs`), started on first use and reused from one
document to the next, because starting Python and importing the readers (~0.26 s of CPU; the
Word and Excel readers only with the first such document) would otherwise cost several times
reading a board paper (~30 ms with pdfium).

Why by hand, over a pipe, and not a pool library: pebble's ProcessPool (used before) hands each
document over through three threads of its own and polls in two of them; that cost ~1.5 ms of
CPU a round trip, ~4% of reading a board paper (benchmarks/bench_batch.py). Here the thread that
reads the document writes it to the worker's pipe and waits on the pipe and the process's
sentinel itself (one poll): no thread in between, and a worker's death is seen at once. Each
message is framed by hand (one write, mostly one read), an answer's tables travel as plain
tuples of their fields, and the settings as their values, once (the worker imports no pydantic:
pipeline/core/plain_settings.py).

Each document is held to its own budget:
- time: counted from when the worker has taken the document whole (it writes the time to memory
  shared with the parent: no message per document to wake the parent for); past it the worker is
  terminated (SIGTERM, then SIGKILL after _TERM_GRACE), a new one reads the next document, and
  the DocumentError says so. A
  LibreOffice conversion gets what is left of the budget and runs in its own process group, killed
  whole at the deadline (pipeline/extract/office.py), also when the worker itself is terminated;
- memory: RLIMIT_AS is per process, so before each document the worker sets its soft limit to its
  address space at that moment (idle, the document in) plus max_document_memory, and lifts it
  again afterwards (only the soft limit: the hard one stays, so the worker can raise it again). A
  MemoryError, or a failure after the peak neared the limit, is the memory DocumentError, and the
  worker is replaced (its heap may be fragmented). The peak (VmPeak) cannot be reset within
  a process, so a worker whose peak is already near the limit a document would get is replaced
  before that document, and the peak stays a per-document measure;
- the reader's own DocumentErrors (page limit, declared sizes, not a PDF) come back whole; the
  worker stays.

A worker that died while idle (killed by the OS) is replaced, and the document is read by the new
one; so is one that does not take the document within its time budget and _TAKE_GRACE (stopped
while idle). A worker that dies while reading a document is that document's failure: killed by a
signal (the OOM killer's way) is the memory DocumentError, any other exit a RuntimeError.

A worker is recycled after _MAX_DOCUMENTS documents or when its idle RSS has
grown by more than _MAX_IDLE_GROWTH since it started. What its start-up (the imports, then
gc.freeze) and each document's round trip cost beside the reading itself: benchmarks/bench_batch.py
prints it. It dies with its parent
(pipeline.core.processes.die_with_parent), it is stopped at interpreter exit (atexit), and it
belongs to the process that started it: a process forked from it starts its own worker.
Threads take turns: one document at a time per process (a lock around each document).
"""

from __future__ import annotations

import atexit
import ctypes
import gc
import math
import multiprocessing
import multiprocessing.util
import os
import pickle
import resource
import select
import struct
import sys
import threading
import time
import traceback
import warnings
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Sequence

from pipeline.core.errors import DocumentError
from pipeline.core.model import Document, DocumentKind, LineKind, LogicalTable, SourceRow
from pipeline.core.processes import causes, die_with_parent
from pipeline.core.plain_settings import SettingsValues, from_values, or_default, settings_values
from pipeline.extract.limits import memory_error, time_error

if TYPE_CHECKING:  # pydantic, which the worker does not import: pipeline/core/plain_settings.py
    from pipeline.core.settings import Settings

_OVER_MEMORY = "over-memory"
_OFFICE_KINDS = (DocumentKind.DOCX, DocumentKind.XLSX, DocumentKind.DOC, DocumentKind.XLS)
# documents one worker reads before it is replaced by a fresh one: its start-up (~0.55 s of CPU)
# is then < 2% of reading them (a sample PDF: ~30 ms with pdfium); its idle RSS grew by 4 MB over
# 600 PDFs (measured), and _MAX_IDLE_GROWTH replaces it sooner if a reader leaks
_MAX_DOCUMENTS = 1000
_MAX_IDLE_GROWTH = 256 * 2**20  # bytes of idle RSS a worker may gain before it is replaced
_MAX_WARNINGS = 10  # distinct library warnings kept per document
# seconds beyond the document's own budget a worker may take to start and take the document
# (spawning one and importing the readers took up to 4 s on a loaded 2-core machine)
_TAKE_GRACE = 60.0
_PEAK_SHARE = 0.9  # a failure after the peak passed this share of the budget is the memory budget
# seconds a worker terminated at a deadline has to end LibreOffice's process group and exit
# before it is killed (its SIGTERM handler does that at once: office.end_conversions_on_terminate)
_TERM_GRACE = 5.0
# seconds between looks at whether a worker that had not taken the document by the time its
# budget would have ended has taken it since: how late its deadline may be seen (only then)
_TAKE_POLL = 0.1
_DIED = object()  # _Worker._answer: the worker ended instead of answering
# bytes of a request written by the reading thread itself: under a Linux pipe's 64 KiB buffer,
# so the write never waits for the worker (a larger one is written by a thread: _Worker._send)
_PIPE_ROOM = 48 * 2**10


def _dumps(message) -> bytes:
    """A message pickled for the pipe: plain pickle, not multiprocessing's ForkingPickler, whose
    reducers (for pipes, sockets) no message carries and whose setup took ~7 us a message."""
    return pickle.dumps(message, pickle.HIGHEST_PROTOCOL)


# --- the messages on the pipe -------------------------------------------------------------------
# Each is its length and how it is encoded, then its bytes, written with one writev and mostly
# read with one read: multiprocessing's Connection reads the length and the bytes apart through a
# BytesIO (~0.04 ms of CPU a message on each side, the caches cold after a document).
# An answer of tables travels as plain tuples of their fields, pickled: rebuilt from them, the
# dataclasses skip pickle's search for a __setstate__ they do not have (one AttributeError raised
# and cleared per object, ~60 rows a sample PDF). (marshal, faster still, is not used: it writes
# an object with a buffer it does not know, a numpy float among them, as bytes, silently.)
_HEADER = struct.Struct("=Qc")  # the message's length in bytes and how it is encoded
_PLAIN, _PICKLE = b"t", b"p"  # an answer of tables as plain tuples; any message as it is
_READ_SIZE = 2**16  # bytes asked of a message's first read: a sample PDF's request or answer whole
_ROW_FIELDS = ("cells", "page", "line", "line_end", "boxes", "kind", "values")  # SourceRow's
_TABLE_FIELDS = ("source", "lines", "pages", "header_spans", "rows_ruled", "skipped")  # LogicalTable's
_LINE_KINDS = tuple(LineKind)  # a row's kind travels as its place here: an int, no enum to look up
_LINE_KIND_PLACE = {kind: place for place, kind in enumerate(_LINE_KINDS)}


def _write_message(descriptor: int, encoding: bytes, payload: bytes) -> None:
    """One message: its header and payload in one writev; the rest written on when a signal cut
    the write short."""
    header = _HEADER.pack(len(payload), encoding)
    written = os.writev(descriptor, (header, payload))
    if written < len(header) + len(payload):
        rest = memoryview(header + payload)[written:]
        while rest:
            rest = rest[os.write(descriptor, rest):]


def _read_message(descriptor: int) -> tuple[bytes, memoryview | bytearray]:
    """The next message: (its encoding, its payload); EOFError when the other end is closed. One
    read mostly; a larger message is read on into a buffer of its size."""
    head = os.read(descriptor, _READ_SIZE)
    while 0 < len(head) < _HEADER.size:  # the header itself cut in two
        more = os.read(descriptor, _HEADER.size - len(head))
        if not more:
            break
        head += more
    if len(head) < _HEADER.size:
        raise EOFError
    size, encoding = _HEADER.unpack_from(head)
    got = len(head) - _HEADER.size
    if got == size:
        return encoding, memoryview(head)[_HEADER.size:]
    payload = bytearray(size)
    payload[:got] = memoryview(head)[_HEADER.size:]
    view = memoryview(payload)
    while got < size:
        count = os.readv(descriptor, (view[got:],))
        if not count:
            raise EOFError
        got += count
    return encoding, payload


def _plain_tables(tables: list[LogicalTable]) -> tuple:
    """The tables as tuples of their fields (_TABLE_FIELDS, each row's _ROW_FIELDS, its kind by
    its place in _LINE_KINDS); _tables_from_plain rebuilds them."""
    place = _LINE_KIND_PLACE
    return tuple((t.source, tuple((r.cells, r.page, r.line, r.line_end, r.boxes, place[r.kind], r.values)
                                  for r in t.lines), t.pages, t.header_spans, t.rows_ruled, t.skipped)
                 for t in tables)


def _tables_from_plain(plain: tuple) -> list[LogicalTable]:
    """The tables _plain_tables encoded, each object given its fields as pickle gives them (no
    __init__: the frozen dataclasses' set each field through object.__setattr__, ~5x slower)."""
    new, set_fields, kinds = object.__new__, object.__setattr__, _LINE_KINDS
    tables = []
    for source, rows, pages, header_spans, rows_ruled, skipped in plain:
        lines = []
        for cells, page, line, line_end, boxes, kind, values in rows:
            row = new(SourceRow)
            set_fields(row, "__dict__", {"cells": cells, "page": page, "line": line, "line_end": line_end,
                                         "boxes": boxes, "kind": kinds[kind], "values": values})
            lines.append(row)
        table = new(LogicalTable)
        set_fields(table, "__dict__", {"source": source, "lines": tuple(lines), "pages": pages,
                                       "header_spans": header_spans, "rows_ruled": rows_ruled,
                                       "skipped": skipped})
        tables.append(table)
    return tables


def _request_message(request: _Request, settings: bytes) -> bytes:
    """A request as a tuple of its fields, the settings as `settings` (_settings_message): the
    same settings pickled once, not with every document, and unpickled once in the worker, as
    their values (plain_settings: the worker does not import pydantic)."""
    document = request.document
    return _dumps((document.name, document.data, document.kind, document.path, request.encoding,
                   settings, request.pages, request.pages_text))


_settings_pickled: tuple[Settings, bytes] | None = None  # the last settings sent, and their pickle


def _settings_message(settings: Settings) -> bytes:
    """The settings' values pickled, the last ones kept (called under _lock)."""
    global _settings_pickled
    if _settings_pickled is None or (_settings_pickled[0] is not settings and _settings_pickled[0] != settings):
        _settings_pickled = (settings, _dumps(settings_values(settings)))
    return _settings_pickled[1]


def _request_from(payload, settings_seen: dict[bytes, Any]) -> _Request:
    """The request _request_message encoded; its settings unpickled once, then found in
    `settings_seen` (the worker's: one entry, the last settings)."""
    name, data, kind, path, encoding, settings, pages, pages_text = pickle.loads(payload)
    if (found := settings_seen.get(settings)) is None:
        values: SettingsValues = pickle.loads(settings)
        settings_seen.clear()
        found = settings_seen[settings] = from_values(values)
    return _Request(Document(name=name, data=data, kind=kind, path=path), encoding, found, pages, pages_text)


def _answer_message(answer: tuple) -> tuple[bytes, bytes]:
    """The worker's answer encoded: tables as plain tuples, anything else as it is."""
    if answer[0] == "ok":
        try:
            plain = _plain_tables(answer[1])
        except (AttributeError, KeyError):  # not LogicalTables of SourceRows: sent as they are
            pass
        else:
            return _PLAIN, _dumps(("ok", plain, answer[2]))
    return _PICKLE, _dumps(answer)


def _answer_from(encoding: bytes, payload) -> tuple:
    """The answer _answer_message encoded."""
    if encoding == _PLAIN:
        status, plain, stats = pickle.loads(payload)
        return status, _tables_from_plain(plain), stats
    return pickle.loads(payload)


class _WorkerGone(Exception):
    """The worker died or stopped before it took the document: not the document's fault."""


@dataclass(frozen=True)
class _Request:
    """A document to read in the worker, with what its reader needs."""

    document: Document
    encoding: str | None
    settings: Settings
    pages: Sequence[int] | None = None
    pages_text: str | None = None  # release.yaml's `table: pages` hint as written, for its error


def read_tables(document: Document, encoding: str | None = None, settings: Settings | None = None,
                pages: Sequence[int] | None = None, pages_text: str | None = None) -> list[LogicalTable]:
    """The document's logical tables (pipeline.extract.documents.read_tables_here, by its kind),
    read in this process's worker held to the settings' time and memory budget. `pages_text`:
    `pages` are release.yaml's `table: pages` hint, so written (a page past the end names it)."""
    settings = or_default(settings)
    request = _Request(document, encoding, settings, pages, pages_text)
    with _lock:
        try:
            return _worker_for(settings).read(request)
        except _WorkerGone:
            # it died idle (killed by the OS, or a signal) or was stopped before it took the
            # document: a new worker reads it
            return _worker_for(settings).read(request)


def read_pdf_in_budget(data: bytes, name: str, settings: Settings | None = None,
                       pages: Sequence[int] | None = None) -> list[LogicalTable]:
    """read_pdf_tables(data, name, pages=pages) after the page-count check, in the budget."""
    return read_tables(Document(name=name, data=data, kind=DocumentKind.PDF, path=name), None,
                       settings, pages)


def reader_pid() -> int | None:
    """The process id of this process's reader worker while it is running, else None."""
    with _lock:
        worker = _current if _current is not None and _current.owner == os.getpid() else None
        return worker.pid if worker is not None and worker.pid is not None and _alive(worker.pid) else None


def reader_stats() -> dict[str, int]:
    """What this process's reader worker sent with its last answer ({} before one): its pid, its
    memory (bytes: size, peak, rss, idle), the CPU its reader took on that document (read_ns) and
    its own CPU since it started (cpu_ns), both in nanoseconds."""
    with _lock:
        worker = _current if _current is not None and _current.owner == os.getpid() else None
        return dict(worker.stats) if worker is not None else {}


def close_reader() -> None:
    """End this process's reader worker (the next document starts a new one)."""
    global _current
    with _lock:
        if _current is not None and _current.owner == os.getpid():
            _current.close()
        _current = None


# --- the parent's side --------------------------------------------------------------------------

_lock = threading.RLock()
_current: _Worker | None = None
_inherited: list = []  # workers of the process this one was forked from: theirs, never stopped here


def _alive(pid: int) -> bool:
    """Whether `pid` runs and is not a zombie (Linux); elsewhere whether it exists."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        try:
            os.kill(pid, 0)
            return True
        except OSError:
            return False


class _Worker:
    """The reader worker and the pipe to it; used under _lock only, in the process that started it."""

    def __init__(self) -> None:
        self.owner = os.getpid()
        _stop_before_children_are_joined()
        # A Dask worker is a daemonic process (distributed.worker.daemon), and multiprocessing
        # refuses to start children from one; the reader worker dies with this process anyway
        # (die_with_parent), which is what the rule is for, so the flag is lifted to start it.
        if multiprocessing.current_process().daemon:
            multiprocessing.current_process().daemon = False
        # "spawn": the worker starts clean instead of forking a parent whose threads (Arrow's
        # pools, Dask's) may hold locks
        context = multiprocessing.get_context("spawn")
        self.connection, worker_end = context.Pipe()
        self.descriptor = self.connection.fileno()  # written and read by hand: _write_message
        # when the worker took the current document (time.monotonic_ns(), a clock all processes
        # share on Linux), 0 until it has: shared memory, so the worker says it without a message
        # this process would wake for (~0.1 ms of CPU a document, both sides together)
        self.taken = context.RawValue(ctypes.c_int64, 0)
        self.process = context.Process(target=_serve, args=(worker_end, os.getpid(), self.taken),
                                       daemon=True)
        self.process.start()
        worker_end.close()
        self.pid: int | None = self.process.pid
        # the pipe and the worker's sentinel, registered once: a poll a wait, not a selector
        # built and torn down each time (multiprocessing.connection.wait)
        self.poller = select.poll()
        self.poller.register(self.descriptor, select.POLLIN)
        self.poller.register(self.process.sentinel, select.POLLIN)
        self.sender: threading.Thread | None = None  # the last request's writer, when it had one
        self.documents = 0
        self.stats: dict[str, int] = {}

    def fits(self, memory: int) -> bool:
        """Whether the worker may read the next document: its idle memory not grown too much, and
        its peak so far below the level that would make a failure of a document with this budget
        count as over memory."""
        stats = self.stats
        if self.documents >= _MAX_DOCUMENTS:
            return False
        return not stats or (stats["rss"] - stats["idle"] <= _MAX_IDLE_GROWTH
                             and stats["peak"] <= stats["size"] + _PEAK_SHARE * memory)

    def read(self, request: _Request) -> list[LogicalTable]:
        document, settings = request.document, request.settings
        self.documents += 1
        try:
            # the worker is idle (it answered the last document): it writes this again only
            # once it has the next one whole
            self.taken.value = 0
            sent = time.monotonic()
            self._send(request)
            answer = self._answer_in_time(document, settings.max_document_seconds, sent)
        except BaseException:  # gone, or an interrupt while waiting (it may be mid-document)
            self._retire()
            raise
        if answer is None:  # the deadline passed: the worker is ended, a new one reads the next
            self._retire()
            raise time_error(document.name, document.kind, settings) from None
        if answer is _DIED:
            exitcode = self.process.exitcode
            self._retire()
            if exitcode is None or exitcode < 0:  # a signal: as the OOM killer ends it
                raise memory_error(document.name, document.kind, settings) from None
            raise RuntimeError(f"the reader for {document.name} failed (exit {exitcode})") from None
        status, value, stats = answer
        if status == "raise":  # a bug in a reader: its traceback rides along
            error, where = value
            error.add_note(f"in the reader worker:\n{where}")
            raise error
        self.stats = stats
        if status == "ok":
            return value
        if status == "error":
            file, cause, fix, place = value
            raise DocumentError(file, cause, fix=fix, place=place)
        self._retire()  # over memory: the worker's heap may be fragmented
        raise memory_error(document.name, document.kind, settings)

    def _retire(self) -> None:
        """Stop the worker and leave it: the next document starts a new one."""
        self.close()
        _forget(self)

    def _send(self, request: _Request) -> None:
        """The request down the pipe. One larger than the pipe's buffer is written by a thread of
        its own: a write blocks until the worker reads, and a worker stopped while idle would hold
        this thread for ever, past the wait for it to take the document that replaces it."""
        payload = _request_message(request, _settings_message(request.settings))
        if len(payload) <= _PIPE_ROOM:
            try:
                _write_message(self.descriptor, _PICKLE, payload)
            except OSError:  # the pipe is broken: the worker is gone
                raise _WorkerGone(f"the reader worker ended before {request.document.name}") from None
            return
        self.sender = threading.Thread(target=self._send_in_thread, args=(payload,), daemon=True)
        self.sender.start()

    def _send_in_thread(self, payload) -> None:
        try:
            _write_message(self.descriptor, _PICKLE, payload)
        except OSError:  # the worker is gone: the reading thread sees it by its sentinel
            pass

    def _answer_in_time(self, document: Document, seconds: float, sent: float):
        """The worker's answer (_answer); None if it took the document and did not answer within
        `seconds` of taking it: the time budget runs from when the worker has the document. One
        that does not take it within the budget and _TAKE_GRACE of `sent` (stopped while idle, or
        still starting on a loaded machine), or ends before it has, is _WorkerGone: the worker's
        fault, not the document's."""
        deadline = sent + seconds  # the earliest it can be: taken at once, as it mostly is
        while True:
            answer = self._answer(max(0.0, deadline - time.monotonic()))
            taken = self.taken.value
            if answer is _DIED and not taken:
                raise _WorkerGone(f"the reader worker ended before it took {document.name}")
            if answer is not None:
                return answer
            now = time.monotonic()
            if taken:
                deadline = taken / 1e9 + seconds
                if now >= deadline:
                    return None
            elif now >= sent + seconds + _TAKE_GRACE:
                raise _WorkerGone(f"the reader worker did not take {document.name}")
            else:  # not taken yet: look again soon, so a late start still gets its whole budget
                deadline = min(now + _TAKE_POLL, sent + seconds + _TAKE_GRACE)

    def _answer(self, timeout: float):
        """The worker's next message; None if none came within `timeout` seconds; _DIED if it
        ended."""
        ready = self.poller.poll(math.ceil(timeout * 1000))  # milliseconds, never short
        if not ready:
            return None
        if any(descriptor == self.descriptor for descriptor, _ in ready):
            try:
                return _answer_from(*_read_message(self.descriptor))
            except (EOFError, OSError):
                pass
        self.process.join(_TERM_GRACE)  # its exit code, once the pipe said it ended
        return _DIED

    def close(self) -> None:
        """Stop the worker (a document may be under way: it is not waited for). SIGTERM first: its
        handler ends a LibreOffice conversion's process group before the worker goes."""
        process = self.process
        if process.is_alive():
            process.terminate()
            process.join(_TERM_GRACE)
            if process.is_alive():
                process.kill()
        process.join()
        if self.sender is not None:  # its write fails once the worker is gone: done before the
            self.sender.join()       # pipe is closed, so it never writes to a reused descriptor
        self.connection.close()
        process.close()
        self.pid = None


def _forget(worker: _Worker) -> None:
    global _current
    if _current is worker:
        _current = None


def _worker_for(settings: Settings) -> _Worker:
    """This process's worker, started if there is none yet, or if the one there is is not this
    process's (a fork) or must be renewed before this document."""
    global _current
    worker = _current
    if worker is not None and worker.owner == os.getpid():
        if worker.fits(settings.max_document_memory):
            return worker
        worker.close()
    _current = _Worker()
    return _current


def _close_at_exit() -> None:
    global _current
    worker, _current = _current, None
    if worker is not None and worker.owner == os.getpid():
        worker.close()


def _after_fork_in_child() -> None:
    global _lock, _current
    _lock = threading.RLock()  # another thread of the parent may have held it
    for descriptor in _proc_files.values():  # the parent's /proc/self, not this process's
        os.close(descriptor)
    _proc_files.clear()
    if _current is not None:
        _inherited.append(_current)  # kept referenced: its worker is the parent's to stop
    _current = None


_finalizer_pid: int | None = None


def _stop_before_children_are_joined() -> None:
    """A process started by multiprocessing (a worker of `annex run --jobs`) joins its children as
    it ends, before atexit handlers run: the reader worker must be stopped first, or that join waits for
    ever. Finalizers of non-negative priority run before the join. Registered by the process that
    starts a worker, once, not at import: multiprocessing clears the finalizers a forked child
    inherits (a worker forked from a forkserver that imported this module would keep none)."""
    global _finalizer_pid
    if _finalizer_pid != os.getpid():
        multiprocessing.util.Finalize(None, _close_at_exit, exitpriority=10)
        _finalizer_pid = os.getpid()


atexit.register(_close_at_exit)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


# --- the worker's side --------------------------------------------------------------------------

_idle_rss = 0  # the worker's RSS once it had imported the readers
_PAGE_KIB = resource.getpagesize() // 1024
WORKER_NAME = "annex-reader"  # the worker's process name (ps -o comm, top), told from a run's workers


def _name_process(name: str) -> None:
    """This process's name as the OS shows it (Linux: /proc/self/comm); elsewhere nothing."""
    try:
        with open("/proc/self/comm", "w", encoding="ascii") as comm:
            comm.write(name)
    except OSError:
        pass


# /proc/self files kept open by name, each read again with one pread: opening, reading by lines
# and closing /proc/self/status twice a document cost ~0.13 ms of the worker's CPU in a loop
# (timeit) and ~0.24 ms in round trips (~0.7% of reading a board paper); the preads and a search
# for the fields, ~0.02 ms
_proc_files: dict[str, int] = {}


def _proc_self(name: str) -> bytes | None:
    """/proc/self/<name> as it is now; None off Linux. Kept open: this process's, never a fork's
    (_after_fork_in_child closes them)."""
    try:
        if (descriptor := _proc_files.get(name)) is None:
            descriptor = _proc_files[name] = os.open(f"/proc/self/{name}", os.O_RDONLY | os.O_CLOEXEC)
        return os.pread(descriptor, 8192, 0)  # status is ~1.5 KB
    except OSError:
        return None


def _vm_kib(field: str) -> int | None:
    return _vm_fields(field).get(field)


def _vm_fields(*fields: str) -> dict[str, int]:
    """Fields of /proc/self/status (kB), from one read; {} off Linux."""
    status = _proc_self("status")
    if status is None:
        return {}
    found: dict[str, int] = {}
    for field in fields:
        start = status.find(f"\n{field}:".encode("ascii"))
        if start >= 0:
            start += len(field) + 2
            found[field] = int(status[start:status.index(b"kB", start)])
    return found


def _vm_size_kib() -> int | None:
    """VmSize (kB) from /proc/self/statm (its first field, in pages: the same count as status's
    VmSize, without the kernel writing out the ~50 other fields of status); None off Linux."""
    statm = _proc_self("statm")
    return None if statm is None else int(statm.split(None, 1)[0]) * _PAGE_KIB


def _stats(status: dict[str, int], read_ns: int) -> dict[str, int]:
    """The worker's pid, address space now and at its peak, RSS now and once idle, in bytes (0
    off Linux), from `status` (_vm_fields); the CPU (ns) the reader took on this document and the
    worker's CPU since it started, so what a round trip costs beside the reading is measured in
    one process (benchmarks/bench_batch.py), not as the difference of readings in two."""
    stats = {key: status.get(field, 0) * 1024
             for key, field in (("size", "VmSize"), ("peak", "VmPeak"), ("rss", "VmRSS"))}
    return stats | {"idle": _idle_rss, "pid": os.getpid(), "read_ns": read_ns,
                    "cpu_ns": time.process_time_ns()}


def _serve(connection, parent: int, taken) -> None:
    """The worker's life: started (_start_worker), then each request read as it comes, the time
    it had the document whole written to `taken` (the parent's deadline runs from it), and
    answered; ends when the pipe closes."""
    _start_worker(parent)
    descriptor = connection.fileno()  # `connection` kept: it closes the pipe when it goes
    settings_seen: dict[bytes, Any] = {}  # their pickle: their values (plain_settings.from_values)
    while True:
        try:
            _, payload = _read_message(descriptor)
        except (EOFError, OSError):  # the parent closed the pipe, or is gone
            return
        taken.value = time.monotonic_ns()
        try:
            answer = _read_document(_request_from(payload, settings_seen))
        except BaseException as error:  # a bug in a reader: sent back with its traceback
            where = traceback.format_exc()
            try:
                pickle.dumps(error)
            except Exception:  # noqa: BLE001 - an error that cannot travel goes as its text
                error = RuntimeError(f"{type(error).__name__}: {error}")
            answer = ("raise", (error, where), {})
        payload = None
        _write_message(descriptor, *_answer_message(answer))


def _start_worker(parent: int) -> None:
    """The worker's start: die with the parent; the readers imported; LibreOffice's process
    group ended with the worker when it is terminated at the deadline; idle memory noted once
    the readers are in."""
    global _idle_rss
    _name_process(WORKER_NAME)
    die_with_parent(parent)
    # The readers' modules make ~50,000 objects, there for the worker's life: no collection
    # while they are imported (each walked what was there so far: ~15 ms of the start-up), none
    # after (it found ~25 objects to free, in ~17 ms), all of them frozen: the collections after
    # each document walk only what the document left (a full one over the modules' objects took
    # 15-40 ms a document, as much as pdfium takes to read a board paper).
    gc.disable()
    try:
        from pipeline.extract import documents, office  # noqa: F401 - _read_document's readers
    finally:
        gc.freeze()
        gc.enable()
    office.end_conversions_on_terminate()
    _idle_rss = (_vm_kib("VmRSS") or 0) * 1024


def _out_of_memory(error: BaseException) -> bool:
    """A MemoryError the reader wrapped in its own error (pdfminer: "Unable to allocate output
    buffer" from zlib) anywhere in the chain of causes."""
    return any(isinstance(link, MemoryError) or "Unable to allocate" in str(link)
               for link in causes(error))


def _read_document(request: _Request) -> tuple:
    """One document, in the worker: (status, value, stats). The soft RLIMIT_AS is the address
    space now (the readers imported, the document in) plus the budget while it is read, then
    lifted again."""
    # here, not at the top: the run's process, which imports this module, reads no document
    from pipeline.extract import documents, office

    memory = request.settings.max_document_memory
    deadline = time.monotonic() + request.settings.max_document_seconds
    if request.document.kind in _OFFICE_KINDS:
        office.office_readers()  # imported once, as the worker's own memory, not the document's
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    base = _vm_size_kib()
    limit = None
    if base is not None:  # Linux: the reader's own address space, plus the budget
        limit = base * 1024 + memory
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    started = time.process_time_ns()
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            tables = documents.read_tables_here(request.document, request.encoding, request.settings,
                                                request.pages, deadline, request.pages_text)
        result = ("ok", with_reader_warnings(tables, caught))
    except MemoryError:
        result = (_OVER_MEMORY, None)
    except DocumentError as error:
        result = (_OVER_MEMORY, None) if _out_of_memory(error) else \
            ("error", (error.file, error.cause, error.fix, error.place))
    finally:
        if limit is not None:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    read_ns = time.process_time_ns() - started
    # No gc.collect() here: the document's objects go by reference counting, and a full
    # collection after each one cost ~0.4 ms (~1% of reading a board paper) to return what the
    # collector's own thresholds return soon after; the idle-growth check has a wide margin.
    status = _vm_fields("VmSize", "VmPeak", "VmRSS")  # one read: the peak, and the stats
    peak = status.get("VmPeak")
    if limit is not None and peak is not None and result[0] != "ok" and \
            peak * 1024 > base * 1024 + _PEAK_SHARE * memory:
        result = (_OVER_MEMORY, None)  # a MemoryError turned into another error by the reader
    return (*result, _stats(status, read_ns))


def with_reader_warnings(tables: list[LogicalTable], caught: list) -> list[LogicalTable]:
    """A reader library's warnings (openpyxl: "Data Validation extension is not supported")
    as notes of the first table, so the run reports them as the release's warnings, in a JSON
    event with `--log-format json`, instead of the worker printing them on stderr."""
    notes = tuple(dict.fromkeys(f"reader warning: {' '.join(str(w.message).split())[:300]}" for w in caught))
    if not notes or not tables:
        return tables
    return [replace(tables[0], skipped=tables[0].skipped + notes[:_MAX_WARNINGS])] + tables[1:]


def _child() -> None:
    """One PDF from stdin, (data, name, pages, max_pages, memory, pdf_source) pickled, to its
    end; its (status, value) pickled on stdout: one document in a process of its own
    (benchmarks/bench_batch.py measures the reader's peak memory with it)."""
    from pipeline.core.settings import Settings

    data, name, pages, max_pages, memory, pdf_source = pickle.loads(sys.stdin.buffer.read())
    settings = Settings(max_pages=max_pages, max_document_memory=memory, pdf_source=pdf_source)
    document = Document(name=name, data=data, kind=DocumentKind.PDF, path=name)
    status, value, _ = _read_document(_Request(document, None, settings, pages))
    sys.stdout.buffer.write(pickle.dumps((status, value)))
    sys.stdout.flush()
