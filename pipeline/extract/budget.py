"""A per-document budget for reading PDFs: each PDF is read in a child process limited in time
(annex.max_document_seconds) and memory (annex.max_document_memory, bytes of address space beyond
what the reader takes once imported), so one hostile document (a page drawing a form XObject ten
million times, streams that inflate to GiB) is refused with a DocumentError naming the file and the
budget, and the batch goes on with the other releases.

Why a child process: pdfminer's work is pure Python with no hook to stop it midway, and memory is
only bounded for a whole process (RLIMIT_AS). The child is `python -m pipeline.extract.budget`:
the document goes in on stdin and its tables (or the reader's DocumentError) come back on stdout,
pickled. It dies with its parent (PR_SET_PDEATHSIG) like the workers of `annex run --jobs`.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from typing import Sequence

from pipeline.core.errors import DocumentError
from pipeline.core.model import LogicalTable
from pipeline.core.settings import Settings

_OVER_MEMORY = "over-memory"


def read_pdf_in_budget(data: bytes, name: str, settings: Settings = Settings(),
                       pages: Sequence[int] | None = None) -> list[LogicalTable]:
    """read_pdf_tables(data, name, pages=pages) after the page-count check, in a child process
    held to the settings' time and memory budget."""
    payload = pickle.dumps((data, name, pages, settings.max_pages, settings.max_document_memory))
    child = subprocess.Popen([sys.executable, "-m", "pipeline.extract.budget"], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = child.communicate(payload, timeout=settings.max_document_seconds)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise DocumentError(
            name, f"reading the PDF took longer than its budget of {settings.max_document_seconds:,} s "
            "(annex.max_document_seconds); stopped", fix=_FIX_TIME) from None
    except BaseException:
        child.kill()
        child.communicate()
        raise
    status, value = pickle.loads(out) if child.returncode == 0 and out else (None, None)
    if status == "ok":
        return value
    if status == "error":
        file, cause, fix, place = value
        raise DocumentError(file, cause, fix=fix, place=place)
    if status == _OVER_MEMORY or child.returncode < 0 or b"MemoryError" in err:
        raise DocumentError(
            name, f"reading the PDF needed more memory than its budget of "
            f"{_mib(settings.max_document_memory)} (annex.max_document_memory); stopped",
            fix=_FIX_MEMORY)
    raise RuntimeError(f"the PDF reader for {name} failed (exit {child.returncode}): "
                       f"{err.decode(errors='replace').strip()[-2000:]}")


_FIX_TIME = ("check the PDF (a page drawing one object millions of times?); if it is a genuine "
             "document, raise annex.max_document_seconds in params.yaml")
_FIX_MEMORY = ("check the PDF (streams that inflate to gigabytes?); if it is a genuine document, "
               "raise annex.max_document_memory in params.yaml")


def _mib(n: int) -> str:
    return f"{n / 2**30:g} GiB" if n >= 2**30 else f"{n / 2**20:,.0f} MiB"


def _vm_kib(field: str) -> int | None:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def _die_with_parent() -> None:
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


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


def _child() -> None:
    import resource

    from pipeline.extract.documents import check_page_limit
    from pipeline.extract.pdf_tables import read_pdf_tables
    from pipeline.core.model import Document, DocumentKind

    _die_with_parent()
    data, name, pages, max_pages, memory = pickle.loads(sys.stdin.buffer.read())
    base = _vm_kib("VmSize")
    limit = None
    if base is not None:  # Linux: the reader's own address space, plus the budget
        limit = base * 1024 + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    try:
        check_page_limit(Document(name=name, data=data, kind=DocumentKind.PDF, path=name), max_pages)
        result = ("ok", read_pdf_tables(data, name, pages=pages))
    except MemoryError:
        result = (_OVER_MEMORY, None)
    except DocumentError as error:
        result = (_OVER_MEMORY, None) if _out_of_memory(error) else \
            ("error", (error.file, error.cause, error.fix, error.place))
    peak = _vm_kib("VmPeak")
    if limit is not None and peak is not None and result[0] != "ok" and peak * 1024 > base * 1024 + 0.9 * memory:
        result = (_OVER_MEMORY, None)  # a MemoryError turned into another error by the reader
    sys.stdout.buffer.write(pickle.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    _child()
