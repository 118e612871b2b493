"""Office documents: which kind the bytes are (Word, Excel, legacy, or a broken or encrypted file),
legacy formats converted with LibreOffice, then the Word or Excel reader.

The bytes decide, not the name (as for PDFs): a .docx renamed .xlsx is read as Word. Every
problem is a `DocumentError` naming the file, the cause and the fix (exit code 2).
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import signal
import subprocess
import tempfile
import time
import xml.etree.ElementTree as ElementTree
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.core.errors import DocumentError
from pipeline.core.model import Document, DocumentKind, LogicalTable
from pipeline.core.plain_settings import or_default
from pipeline.core.processes import set_parent_death_signal
from pipeline.extract.limits import check_table_size, time_error

if TYPE_CHECKING:  # pydantic, which the reader worker does not import: pipeline/core/plain_settings.py
    from pipeline.core.settings import Settings

_ODF_KINDS = {"application/vnd.oasis.opendocument.text": DocumentKind.DOC,
              "application/vnd.oasis.opendocument.spreadsheet": DocumentKind.XLS}
_UNPACKED_FACTOR = 20  # an Office file unpacks to a few times its size; far more is a zip bomb
# LibreOffice's own address space converting a small file (soffice.bin's VmPeak measured at
# ~475 MB), doubled for headroom: its memory limit is this plus annex.max_document_memory.
_LIBREOFFICE_OWN_MEMORY = 2**30
_ODF_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_ODF_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_conversions: set[int] = set()  # process groups of the LibreOffice conversions under way


def zip_kind(data: bytes, name: str) -> DocumentKind:
    """A zip archive: Word, Excel, OpenDocument, or an error saying what it is instead."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        mimetype = archive.read("mimetype").decode("ascii", "replace").strip() if "mimetype" in names else ""
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, NotImplementedError) as error:
        raise DocumentError(name, f"a damaged zip archive (Word and Excel files are zip archives): {error}",
                            fix="download the file again, or open it and save it again") from None
    if "word/document.xml" in names:
        return DocumentKind.DOCX
    if "xl/workbook.xml" in names:
        return DocumentKind.XLSX
    if mimetype in _ODF_KINDS:
        return _ODF_KINDS[mimetype]
    shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "") if names else "nothing"
    raise DocumentError(name, f"a zip archive, not a Word (.docx) or Excel (.xlsx) document (it holds: {shown})",
                        fix="extract the annex from the archive and name that file in release.yaml")


def compound_kind(data: bytes, name: str) -> DocumentKind:
    """An OLE compound file: a password-protected Word/Excel file (Office stores those encrypted
    inside one), or a legacy .doc/.xls."""
    def has_stream(stream: str) -> bool:  # stream names are stored in UTF-16 in the directory
        return stream.encode("utf-16-le") in data

    if has_stream("EncryptionInfo") or has_stream("EncryptedPackage"):
        raise DocumentError(name, "the document is password-protected (encrypted) and cannot be read",
                            fix="open it with the password and save a copy without one "
                            "(File > Info > Protect > Encrypt with Password: clear it)")
    if has_stream("WordDocument"):
        return DocumentKind.DOC
    if has_stream("Workbook") or has_stream("Book"):
        return DocumentKind.XLS
    raise DocumentError(name, "an old-style Office file of a kind annex does not read (not Word or Excel)",
                        fix="supply the annex as PDF, .docx or .xlsx")


def read_office_tables(document: Document, settings: Settings | None = None,
                       deadline: float | None = None) -> list[LogicalTable]:
    """A Word or Excel document's tables; a legacy or OpenDocument file is converted first, by
    `deadline` (time.monotonic()), after its declared repeats are checked against the limits."""
    settings = or_default(settings)
    kind, data = document.kind, document.data
    if kind in (DocumentKind.DOC, DocumentKind.XLS):
        check_unpacked_size(data, document.name, settings)
        check_odf_repeats(data, document.name, settings)
        kind, data = convert_legacy(document, settings, deadline)
    check_unpacked_size(data, document.name, settings)
    read_docx_tables, read_xlsx_tables = office_readers()
    if kind is DocumentKind.DOCX:
        return read_docx_tables(data, document.name, settings)
    return read_xlsx_tables(data, document.name, settings)


def office_readers():
    """The Word and Excel readers, imported on first use: python-docx and openpyxl (with numpy,
    which openpyxl imports when installed) took 0.17 s of CPU, 40% of a budget worker's start-up
    (pipeline/extract/budget.py), which a batch of PDFs and text dumps never needs. The worker
    imports them before it limits its memory for an Office document (budget._read_document)."""
    from pipeline.extract.docx_tables import read_docx_tables
    from pipeline.extract.xlsx_tables import read_xlsx_tables

    return read_docx_tables, read_xlsx_tables


def check_odf_repeats(data: bytes, name: str, settings: Settings) -> None:
    """Refuse an OpenDocument table whose repeated rows and cells (table:number-rows-repeated,
    number-columns-repeated) would make more rows, columns or cells than the limits, reading
    content.xml as a stream before LibreOffice expands them (a KB-sized file can declare a
    billion cells). Only repeats of cells that hold something count: LibreOffice itself writes
    the empty rest of a sheet as one repeated empty row or cell."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        content = archive.open("content.xml")
    except (zipfile.BadZipFile, KeyError, OSError, NotImplementedError):
        return  # not OpenDocument (a legacy binary file) or damaged: LibreOffice says what it is
    table, depth = "", 0
    rows = width = cells = 0
    row_repeat = col = row_width = row_cells = 0
    try:
        with content:
            for event, element in ElementTree.iterparse(content, events=("start", "end")):
                tag = element.tag
                if tag == f"{_ODF_TABLE}table" and event == "start":
                    depth += 1
                    if depth == 1:
                        table, rows, width, cells = element.get(f"{_ODF_TABLE}name", "?"), 0, 0, 0
                elif tag == f"{_ODF_TABLE}table" and event == "end":
                    depth -= 1
                elif depth != 1:
                    continue
                elif tag == f"{_ODF_TABLE}table-row" and event == "start":
                    row_repeat = _repeat(element, "number-rows-repeated")
                    col = row_width = row_cells = 0
                elif tag == f"{_ODF_TABLE}table-row" and event == "end":
                    if row_cells:
                        rows += row_repeat
                        width = max(width, row_width)
                        cells += row_cells * row_repeat
                        check_table_size(name, f"table {table!r}", rows, width, cells, settings)
                    element.clear()
                elif tag in (f"{_ODF_TABLE}table-cell", f"{_ODF_TABLE}covered-table-cell") and event == "end":
                    repeat = _repeat(element, "number-columns-repeated")
                    col += repeat
                    if len(element) or element.get(f"{_ODF_OFFICE}value-type"):
                        row_width, row_cells = col, row_cells + repeat
                    element.clear()
    except ElementTree.ParseError:
        return  # LibreOffice says what is wrong with it


def _repeat(element, attribute: str) -> int:
    """The repeat count, at least 1: ODF says it is a positive integer, and a 0 or garbage is
    read as one row or cell (never as none, which would hide the rows the cell stands in)."""
    value = element.get(f"{_ODF_TABLE}{attribute}", "1")
    return max(int(value), 1) if value.isascii() and value.isdigit() else 1


def check_unpacked_size(data: bytes, name: str, settings: Settings) -> None:
    """Refuse an archive that would unpack to far more than any document (a zip bomb) before the
    XML parsers read it whole."""
    limit = settings.max_document_bytes * _UNPACKED_FACTOR
    try:
        size = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    except zipfile.BadZipFile:
        return  # the reader says what is wrong with it
    if size > limit:
        raise DocumentError(name, f"the file unpacks to {size:,} bytes, over the limit of {limit:,} "
                            f"({_UNPACKED_FACTOR} x annex.max_document_bytes)",
                            fix="check it is the right file, or raise annex.max_document_bytes in params.yaml")


def end_conversions_on_terminate() -> None:
    """In a budget worker: SIGTERM (the budget ending the worker at the document's deadline) kills
    the LibreOffice conversions under way, whole process groups, before the worker goes."""
    def terminate(signum, frame):  # noqa: ARG001 - the signal handler's signature
        for group in list(_conversions):
            _kill_group(group)
        os._exit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)


def _kill_group(group: int) -> None:
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _libreoffice_limits(memory: int):
    """preexec_fn of a conversion: LibreOffice's memory is its own plus the document's budget
    (it would otherwise inherit the worker's limit), and it dies with the worker."""
    def apply() -> None:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = _LIBREOFFICE_OWN_MEMORY + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))
        set_parent_death_signal()
    return apply


def convert_legacy(document: Document, settings: Settings | None = None,
                   deadline: float | None = None) -> tuple[DocumentKind, bytes]:
    """A .doc/.odt as .docx, a .xls/.ods as .xlsx, converted by LibreOffice in a temporary folder,
    in a process group of its own killed whole at `deadline` (default: max_document_seconds from
    now), so nothing of it outlives the document's budget."""
    settings = or_default(settings)
    if deadline is None:
        deadline = time.monotonic() + settings.max_document_seconds
    target = "docx" if document.kind is DocumentKind.DOC else "xlsx"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    what = "a Word 97-2003 / OpenDocument text" if target == "docx" else "an Excel 97-2003 / OpenDocument spreadsheet"
    if soffice is None:
        raise DocumentError(document.name, f"{what} file: annex converts these with LibreOffice, which is not installed",
                            fix=f"install LibreOffice (e.g. `apt-get install libreoffice-core`), "
                            f"or save the file as .{target} and name that in release.yaml")
    suffix = Path(document.name).suffix.lower()  # LibreOffice picks its import filter by it too
    if suffix not in (".doc", ".odt", ".xls", ".ods"):
        suffix = ".doc" if target == "docx" else ".xls"
    with tempfile.TemporaryDirectory(prefix="annex-convert-") as folder:
        source = Path(folder) / f"input{suffix}"
        source.write_bytes(document.data)
        out = Path(folder) / "out"
        # a profile of its own: a LibreOffice already running for the user would take the job and
        # ignore --headless, and parallel runs would fight over one profile
        profile = (Path(folder) / "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                   "--convert-to", target, "--outdir", str(out), str(source)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   start_new_session=True,
                                   preexec_fn=_libreoffice_limits(settings.max_document_memory))
        _conversions.add(process.pid)  # its session's id is its pid, as is its group's
        try:
            stdout, stderr = process.communicate(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            _kill_group(process.pid)
            process.communicate()
            raise time_error(document.name, document.kind, settings) from None
        finally:
            _kill_group(process.pid)  # whatever it left running in its group
            _conversions.discard(process.pid)
        done = subprocess.CompletedProcess(command, process.returncode, stdout, stderr)
        converted = out / f"input.{target}"
        if done.returncode != 0 or not converted.is_file():
            said = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[:300]
            component = "libreoffice-writer" if target == "docx" else "libreoffice-calc"
            raise DocumentError(document.name, f"LibreOffice could not convert the file to .{target}"
                                + (f" ({said})" if said else ""),
                                fix=f"open it and save it as .{target} yourself; it may be damaged, or "
                                f"LibreOffice lacks the component that reads it ({component})")
        data = converted.read_bytes()
    return (DocumentKind.DOCX if target == "docx" else DocumentKind.XLSX), data
