"""Office documents: which kind the bytes are (Word, Excel, legacy, or a broken or encrypted file),
legacy formats converted with LibreOffice, then the Word or Excel reader.

The bytes decide, not the name (as for PDFs): a .docx renamed .xlsx is read as Word. Every
problem is a `DocumentError` naming the file, the cause and the fix (exit code 2).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from pipeline.core.errors import DocumentError
from pipeline.core.model import Document, DocumentKind, LogicalTable
from pipeline.core.settings import Settings

_ODF_KINDS = {"application/vnd.oasis.opendocument.text": DocumentKind.DOC,
              "application/vnd.oasis.opendocument.spreadsheet": DocumentKind.XLS}
_UNPACKED_FACTOR = 20  # an Office file unpacks to a few times its size; far more is a zip bomb
CONVERT_TIMEOUT_S = 120


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


def read_office_tables(document: Document, settings: Settings = Settings()) -> list[LogicalTable]:
    kind, data = document.kind, document.data
    if kind in (DocumentKind.DOC, DocumentKind.XLS):
        kind, data = convert_legacy(document)
    check_unpacked_size(data, document.name, settings)
    if kind is DocumentKind.DOCX:
        from pipeline.extract.docx_tables import read_docx_tables

        return read_docx_tables(data, document.name)
    from pipeline.extract.xlsx_tables import read_xlsx_tables

    return read_xlsx_tables(data, document.name)


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


def convert_legacy(document: Document) -> tuple[DocumentKind, bytes]:
    """A .doc/.odt as .docx, a .xls/.ods as .xlsx, converted by LibreOffice in a temporary folder."""
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
        try:
            done = subprocess.run(command, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise DocumentError(document.name, f"LibreOffice did not convert the file to .{target} within "
                                f"{CONVERT_TIMEOUT_S} s", fix=f"save it as .{target} yourself") from None
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
