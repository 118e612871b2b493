"""Make annex-like PDFs from a table description, for tests, benchmarks and the sample release.

Two engines lay out the same `TableSpec`:

- "reportlab": a Platypus Table with Paragraph cells (text wraps inside cells); deterministic bytes.
- "libreoffice": a DOCX built with python-docx, converted by a real word processor
  (`soffice --headless --convert-to pdf`), the way councils' PDFs are made.

reportlab and python-docx are test extras, not runtime dependencies: they are imported inside the
functions that need them. Nothing here runs soffice at import time.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import math
import os
import random
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

ENGINES = ("reportlab", "libreoffice")
# Which rules a table draws. "all": full grid; "none": no lines at all (columns aligned by
# whitespace only); "horizontal": a line under every row and above the first, no verticals;
# "header": only a line under the header rows; "inner": inside grid lines, no outer box.
RULES = ("all", "none", "horizontal", "header", "inner")
# The PDF standard-14 families reportlab can use without embedding a font, with their bold face.
REPORTLAB_FONTS = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold"}
FONT_SIZE_RANGE = (5.0, 20.0)
MARGIN_PT = 54.0  # 0.75 inch on every side, both engines
FRAME_PADDING_PT = 6.0  # reportlab's Frame default padding inside the margins
A4_PT = (595.2756, 841.8898)  # portrait width, height


@dataclass(frozen=True)
class TableSpec:
    """What a table says: the text above it, its header rows, its body rows, the text below it."""

    title: tuple[str, ...]
    # 1 or 2 header rows. A "" cell right after a non-empty cell in the same row means that cell
    # spans it; in the second row, a "" under a single-column cell of the first row means the
    # cell above spans both header rows (see `header_merges`).
    header_rows: tuple[tuple[str, ...], ...]
    # A row whose only non-empty cell is the first is drawn as one cell spanning the row when
    # Layout.span_single_cell_rows is set (tracker themes).
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 1 <= len(self.header_rows) <= 2:
            raise ValueError(f"a table needs 1 or 2 header rows, got {len(self.header_rows)}")
        width = len(self.header_rows[0])
        if width < 1:
            raise ValueError("a table needs at least one column")
        for kind, rows in (("header row", self.header_rows), ("row", self.rows)):
            for i, row in enumerate(rows):
                if len(row) != width:
                    raise ValueError(f"{kind} {i} has {len(row)} cells, the header has {width}")
                if not all(isinstance(c, str) for c in row):
                    raise ValueError(f"{kind} {i}: every cell must be a str")

    @property
    def n_columns(self) -> int:
        return len(self.header_rows[0])


@dataclass(frozen=True)
class Layout:
    """How a table is laid out on the page; every field is a variation the readers must survive."""

    engine: str = "reportlab"
    landscape: bool = False
    # `ruled` is the short form of `rules`: ruled=True means rules="all", False means "none".
    # Give `rules` for partly ruled tables; `ruled` is then derived from it (rules != "none").
    ruled: bool = True
    repeat_header: bool = True
    font: str = "Helvetica"
    font_size: float = 9
    column_widths: tuple[float, ...] | None = None  # relative; None = proportional to the text
    rows_per_page: int | None = None
    page_break_before: tuple[int, ...] = ()
    span_single_cell_rows: bool = True
    rules: str | None = None
    merge_header_cells: bool = True  # draw spanning header cells merged (False: empty cells)
    bold_header: bool = True
    split_rows: bool = False  # let one row's cells break across a page (word processors can)
    # The title printed as a running page header on every page (a word processor's header area,
    # in the top margin) instead of once above the table: the table header stands at the same
    # height on every page.
    title_on_every_page: bool = False
    header_padding: float = 0.0  # points of space under the header rows' text (header styles)

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {ENGINES}, got {self.engine!r}")
        if self.rules is None:
            object.__setattr__(self, "rules", "all" if self.ruled else "none")
        elif self.rules not in RULES:
            raise ValueError(f"rules must be one of {RULES}, got {self.rules!r}")
        elif not self.ruled and self.rules != "none":
            raise ValueError(f"ruled=False contradicts rules={self.rules!r}")
        else:
            object.__setattr__(self, "ruled", self.rules != "none")
        if not self.font:
            raise ValueError("font must be a font name")
        if self.engine == "reportlab" and self.font not in REPORTLAB_FONTS:
            raise ValueError(f"reportlab fonts are {tuple(REPORTLAB_FONTS)}, got {self.font!r}")
        low, high = FONT_SIZE_RANGE
        if not (isinstance(self.font_size, (int, float)) and low <= self.font_size <= high):
            raise ValueError(f"font_size must be within {low}..{high}, got {self.font_size!r}")
        if self.column_widths is not None:
            if not self.column_widths:
                raise ValueError("column_widths must not be empty (use None for automatic)")
            if not all(isinstance(w, (int, float)) and math.isfinite(w) and w > 0 for w in self.column_widths):
                raise ValueError(f"column_widths must be positive numbers, got {self.column_widths!r}")
        if self.rows_per_page is not None and (not isinstance(self.rows_per_page, int) or self.rows_per_page < 1):
            raise ValueError(f"rows_per_page must be a positive int, got {self.rows_per_page!r}")
        if not (isinstance(self.header_padding, (int, float)) and 0 <= self.header_padding <= 72):
            raise ValueError(f"header_padding must be within 0..72 points, got {self.header_padding!r}")
        if not all(isinstance(i, int) and i >= 0 for i in self.page_break_before):
            raise ValueError(f"page_break_before must hold body row indexes >= 0, got {self.page_break_before!r}")

    def check_fits(self, spec: TableSpec) -> None:
        """Raise ValueError when this layout cannot lay out `spec` (checks that need the table)."""
        if self.column_widths is not None and len(self.column_widths) != spec.n_columns:
            raise ValueError(f"column_widths has {len(self.column_widths)} entries, the table has {spec.n_columns} columns")
        beyond = [i for i in self.page_break_before if i >= len(spec.rows)]
        if beyond:
            raise ValueError(f"page_break_before {beyond} is beyond the last body row ({len(spec.rows) - 1})")


class LibreOfficeError(RuntimeError):
    """soffice is missing, failed, or timed out."""


# ---------------------------------------------------------------------------------------------
# Pure layout decisions, shared by both engines


Merge = tuple[int, int, int, int]  # first row, first column, last row, last column (inclusive)


def header_merges(header_rows: Sequence[Sequence[str]]) -> tuple[Merge, ...]:
    """The merged cells of the header: horizontal spans, then vertical ones across two rows.

    A "" cell after a non-empty cell in the same row continues that cell's span. In a later row,
    a "" cell under a cell that spans only its own column continues that cell downwards instead
    (the tracker's "Theme", "Total" span both header rows beside the quarter labels).
    """
    owner: dict[tuple[int, int], tuple[int, int]] = {}  # grid position -> position of its text
    for r, row in enumerate(header_rows):
        for c, text in enumerate(row):
            if text:
                owner[(r, c)] = (r, c)
                continue
            above = owner.get((r - 1, c)) if r > 0 else None
            if above is not None and _span_columns(owner, above) == 1:
                owner[(r, c)] = above
            elif c > 0 and (r, c - 1) in owner and owner[(r, c - 1)][0] == r:
                owner[(r, c)] = owner[(r, c - 1)]
    merges = []
    for origin in sorted(set(owner.values())):
        cells = [pos for pos, o in owner.items() if o == origin]
        if len(cells) > 1:
            rows = [p[0] for p in cells]
            cols = [p[1] for p in cells]
            merges.append((min(rows), min(cols), max(rows), max(cols)))
    return tuple(merges)


def _span_columns(owner: dict[tuple[int, int], tuple[int, int]], origin: tuple[int, int]) -> int:
    return sum(1 for pos, o in owner.items() if o == origin and pos[0] == origin[0])


def is_single_cell_row(row: Sequence[str]) -> bool:
    """A body row whose only text is in its first cell (a theme or section heading)."""
    return len(row) > 1 and bool(row[0].strip()) and not any(c.strip() for c in row[1:])


def page_chunks(n_rows: int, rows_per_page: int | None, page_break_before: Iterable[int]) -> tuple[tuple[int, int], ...]:
    """Body row ranges [start, end) that must start on a new page (forced breaks only)."""
    starts = {0} | {i for i in page_break_before if 0 < i < n_rows}
    if rows_per_page:
        starts |= set(range(0, n_rows, rows_per_page))
    ordered = sorted(starts)
    ends = ordered[1:] + [n_rows]
    return tuple((s, e) for s, e in zip(ordered, ends) if e > s) or ((0, 0),)


def relative_widths(spec: TableSpec, layout: Layout) -> tuple[float, ...]:
    """Column widths as fractions of the text width: the layout's, else proportional to the text.

    Automatic widths weigh a column by its average text length (capped, so one long column does
    not squeeze the rest) and never below its longest word, as word processors' autofit roughly does.
    """
    if layout.column_widths is not None:
        weights = list(layout.column_widths)
    else:
        spanned = {i for i, row in enumerate(spec.rows) if layout.span_single_cell_rows and is_single_cell_row(row)}
        body = [row for i, row in enumerate(spec.rows) if i not in spanned]
        merged_origins = {(m[0], m[1]) for m in header_merges(spec.header_rows) if m[3] > m[1]}
        weights = []
        for c in range(spec.n_columns):
            header = [row[c] for r, row in enumerate(spec.header_rows) if (r, c) not in merged_origins]
            texts = header + [row[c] for row in body]
            longest_word = max((len(w) for t in texts for w in t.split()), default=0)
            mean = sum(len(t) for t in texts) / max(len(texts), 1)
            weights.append(min(45.0, max(6.0, longest_word + 2.0, mean)))
    total = sum(weights)
    return tuple(w / total for w in weights)


def page_size_pt(layout: Layout) -> tuple[float, float]:
    width, height = A4_PT
    return (height, width) if layout.landscape else (width, height)


# ---------------------------------------------------------------------------------------------
# Public entry points


def write_pdf(spec: TableSpec, layout: Layout, path: Path, *, timeout: float | None = None) -> Path:
    """Lay out `spec` with `layout` into a PDF at `path`; return `path`.

    `timeout` (seconds) bounds the LibreOffice conversion; by default it grows with the row count.
    """
    layout.check_fits(spec)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if layout.engine == "reportlab":
        _write_reportlab(spec, layout, path)
    else:
        _write_libreoffice(spec, layout, path, timeout if timeout is not None else 120.0 + len(spec.rows) / 20)
    return path


def write_pdfs(jobs: Sequence[tuple[TableSpec, Layout, Path]], *, timeout: float | None = None) -> list[Path]:
    """`write_pdf` for many tables: the same bytes, but every "libreoffice" table is converted by
    one soffice run (starting LibreOffice costs more than converting a small table, so a test
    module drawing a dozen tables saves that many starts). `timeout` bounds that one run."""
    office: list[tuple[TableSpec, Layout, Path]] = []
    for spec, layout, path in jobs:
        layout.check_fits(spec)
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        if layout.engine == "reportlab":
            _write_reportlab(spec, layout, Path(path))
        else:
            office.append((spec, layout, Path(path)))
    if office:
        soffice = _soffice_path()
        if soffice is None:
            raise LibreOfficeError("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer fonts-liberation")
        if timeout is None:
            timeout = 120.0 + sum(30.0 + len(spec.rows) / 20 for spec, _, _ in office)
        with tempfile.TemporaryDirectory(prefix="annex-pdf-") as tmp:
            sources = []
            for number, (spec, layout, _) in enumerate(office):  # numbered: two jobs may share a name
                sources.append(Path(tmp) / f"{number}.docx")
                _build_docx(spec, layout).save(str(sources[-1]))
            produced = convert_to_pdfs(sources, Path(tmp) / "out", soffice=soffice, timeout=timeout)
            for (_, _, path), pdf in zip(office, produced):
                path.write_bytes(pin_pdf_metadata(pdf.read_bytes()))
    return [Path(path) for _, _, path in jobs]


def write_docx(spec: TableSpec, layout: Layout, path: Path) -> Path:
    """The DOCX that the "libreoffice" engine converts (useful to inspect a layout)."""
    layout.check_fits(spec)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _build_docx(spec, layout).save(str(path))
    return path


def libreoffice_available() -> bool:
    return _soffice_path() is not None


def table_spec_from_rows(
    title: Iterable[str] | str,
    header_rows: Iterable[Iterable[str]],
    rows: Iterable[Iterable[str]],
    notes: Iterable[str] | str = (),
) -> TableSpec:
    """A TableSpec from lists (or any iterables); cells become str, widths are checked."""
    as_lines = lambda v: (v,) if isinstance(v, str) else tuple(str(x) for x in v)  # noqa: E731
    return TableSpec(
        title=as_lines(title),
        header_rows=tuple(tuple(str(c) for c in row) for row in header_rows),
        rows=tuple(tuple(str(c) for c in row) for row in rows),
        notes=as_lines(notes),
    )


def long_table_spec(spec: TableSpec, n_rows: int, seed: int = 0) -> TableSpec:
    """`spec` with `n_rows` body rows, for benchmarks: the original rows first, then shuffled copies.

    Cells are kept verbatim (so family readers still recognise them); each later pass over the
    rows is shuffled with `random.Random(seed)`, so the same seed gives the same table.
    """
    if n_rows < 0:
        raise ValueError(f"n_rows must be >= 0, got {n_rows}")
    if not spec.rows:
        raise ValueError("cannot lengthen a table with no body rows")
    rng = random.Random(seed)
    out: list[tuple[str, ...]] = list(spec.rows[:n_rows])
    while len(out) < n_rows:
        block = list(spec.rows)
        rng.shuffle(block)
        out.extend(block[: n_rows - len(out)])
    return TableSpec(title=spec.title, header_rows=spec.header_rows, rows=tuple(out), notes=spec.notes)


# ---------------------------------------------------------------------------------------------
# reportlab


def _write_reportlab(spec: TableSpec, layout: Layout, path: Path) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    page_w, page_h = page_size_pt(layout)
    bold = REPORTLAB_FONTS[layout.font] if layout.bold_header else layout.font
    leading = layout.font_size * 1.2
    styles = {
        "cell": ParagraphStyle("cell", fontName=layout.font, fontSize=layout.font_size, leading=leading),
        "head": ParagraphStyle("head", fontName=bold, fontSize=layout.font_size, leading=leading),
        "title": ParagraphStyle("title", fontName=REPORTLAB_FONTS[layout.font], fontSize=layout.font_size + 3,
                                leading=(layout.font_size + 3) * 1.2, spaceAfter=4),
        "note": ParagraphStyle("note", fontName=layout.font, fontSize=layout.font_size, leading=leading, spaceBefore=4),
    }
    frame_w = page_w - 2 * (MARGIN_PT + FRAME_PADDING_PT)
    frame_h = page_h - 2 * (MARGIN_PT + FRAME_PADDING_PT)
    widths = [w * frame_w for w in relative_widths(spec, layout)]
    cell = lambda text, style: Paragraph(_rl_markup(text), styles[style])  # noqa: E731
    head_cells = [[cell(c, "head") for c in row] for row in spec.header_rows]

    story: list = [] if layout.title_on_every_page else [cell(line, "title") for line in spec.title]
    if story:
        story.append(Spacer(1, 6))
    room = frame_h - sum(f.wrap(frame_w, frame_h)[1] + f.getSpaceAfter() for f in story)
    for k, (start, end) in enumerate(page_chunks(len(spec.rows), layout.rows_per_page, layout.page_break_before)):
        if k > 0:
            story.append(PageBreak())
            room = frame_h
        rows = spec.rows[start:end]
        body_cells = [[cell(c, "cell") for c in row] for row in rows]
        header = spec.header_rows if k == 0 or layout.repeat_header else ()
        if layout.split_rows:
            pages: tuple[tuple[int, int], ...] = ((0, len(rows)),)  # reportlab splits rows itself
        else:
            # reportlab re-measures the whole remainder of a table at each page break (quadratic
            # in rows); measuring once and cutting the table per page keeps 1,000 pages linear.
            heights = _row_heights(layout, header, head_cells[: len(header)], rows, body_cells, widths, frame_w)
            head_h = sum(heights[: len(header)])
            pages = paginate(heights[len(header):], head_h, room, frame_h, head_h if layout.repeat_header else 0.0)
        for j, (a, b) in enumerate(pages):
            if j > 0:
                story.append(PageBreak())
            page_header = header if j == 0 else (spec.header_rows if layout.repeat_header else ())
            story.append(_reportlab_table(layout, page_header, head_cells[: len(page_header)], rows[a:b],
                                          body_cells[a:b], widths))
    story.extend(cell(line, "note") for line in spec.notes)

    doc = SimpleDocTemplate(
        str(path), pagesize=(page_w, page_h), leftMargin=MARGIN_PT, rightMargin=MARGIN_PT,
        topMargin=MARGIN_PT, bottomMargin=MARGIN_PT, invariant=1,  # invariant: no dates/ids, same bytes
        title=spec.title[0] if spec.title else "", author="annex test generator", creator="annex test generator",
    )
    def running_title(canvas, _doc) -> None:
        canvas.saveState()
        canvas.setFont(REPORTLAB_FONTS[layout.font], layout.font_size + 1)
        for k, line in enumerate(spec.title):  # in the top margin, as a page header
            canvas.drawString(MARGIN_PT, page_h - MARGIN_PT + 6 - k * (layout.font_size + 3), line)
        canvas.restoreState()

    if layout.title_on_every_page and spec.title:
        doc.build(story, onFirstPage=running_title, onLaterPages=running_title)
    else:
        doc.build(story)


def _row_heights(layout, header, head_cells, rows, body_cells, widths, frame_w) -> list[float]:
    """reportlab's own heights of the header and body rows (`_rowHeights`: private, long-stable).

    Measured in batches: reportlab's measuring loop is quadratic in a table's rows, and body
    rows only span columns, so each row's height does not depend on the rows around it.
    """
    heights: list[float] = []
    for a in range(0, max(len(rows), 1), _MEASURE_BATCH):
        batch_header = header if a == 0 else ()
        table = _reportlab_table(layout, batch_header, head_cells[: len(batch_header)], rows[a : a + _MEASURE_BATCH],
                                 body_cells[a : a + _MEASURE_BATCH], widths)
        table.wrap(frame_w, 1e9)
        heights.extend(table._rowHeights)
    return heights


_MEASURE_BATCH = 200


def paginate(
    heights: Sequence[float], first_header: float, first_room: float, room: float, repeated_header: float
) -> tuple[tuple[int, int], ...]:
    """Cut body rows of these heights into pages: [start, end) ranges, greedily, as a word
    processor does (a row never splits; a row taller than a page gets a page of its own)."""
    slack = 1.0  # points; keeps float rounding from pushing a full page's last row over
    pages, start, used, cap = [], 0, first_header, first_room
    for i, h in enumerate(heights):
        if i > start and used + h > cap - slack:
            pages.append((start, i))
            start, used, cap = i, repeated_header, room
        used += h
    pages.append((start, len(heights)))
    return tuple(pages)


def _reportlab_table(layout, header, head_cells, rows, body_cells, widths):
    from reportlab.lib import colors
    from reportlab.platypus import Table

    n_head = len(header)
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
    ]
    if layout.merge_header_cells and header:
        commands += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in header_merges(header)]
    if layout.header_padding and n_head:
        commands.append(("BOTTOMPADDING", (0, n_head - 1), (-1, n_head - 1), 3 + layout.header_padding))
    if layout.span_single_cell_rows:
        commands += [("SPAN", (0, n_head + i), (-1, n_head + i)) for i, row in enumerate(rows) if is_single_cell_row(row)]
    black, width = colors.black, 0.5
    if layout.rules == "all":
        commands.append(("GRID", (0, 0), (-1, -1), width, black))
    elif layout.rules == "inner":
        commands.append(("INNERGRID", (0, 0), (-1, -1), width, black))
    elif layout.rules == "horizontal":
        commands += [("LINEABOVE", (0, 0), (-1, 0), width, black), ("LINEBELOW", (0, 0), (-1, -1), width, black)]
    elif layout.rules == "header" and n_head:
        commands.append(("LINEBELOW", (0, n_head - 1), (-1, n_head - 1), width, black))
    return Table(list(head_cells) + list(body_cells), colWidths=widths, style=commands,
                 repeatRows=n_head if layout.repeat_header else 0, splitInRow=1 if layout.split_rows else 0,
                 hAlign="LEFT", longTableOptimize=1)


def _rl_markup(text: str) -> str:
    from xml.sax.saxutils import escape

    return "<br/>".join(escape(line) for line in text.split("\n"))


# ---------------------------------------------------------------------------------------------
# python-docx -> LibreOffice


def _write_libreoffice(spec: TableSpec, layout: Layout, path: Path, timeout: float) -> None:
    soffice = _soffice_path()
    if soffice is None:
        raise LibreOfficeError("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer fonts-liberation")
    with tempfile.TemporaryDirectory(prefix="annex-pdf-") as tmp:
        work = Path(tmp)
        docx_path = work / (path.stem + ".docx")
        _build_docx(spec, layout).save(str(docx_path))
        produced = convert_to_pdf(docx_path, work / "out", soffice=soffice, timeout=timeout)
        path.write_bytes(pin_pdf_metadata(produced.read_bytes()))


_CREATION_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:(\d{14})")
# The trailer's file ID and LibreOffice's /DocChecksum (of the unpinned file): 32 hex digits each
_RANDOM_HEX = re.compile(
    rb"(/ID\s*\[\s*<)([0-9A-Fa-f]{32})(>\s*<)([0-9A-Fa-f]{32})(>)|(/DocChecksum\s*/)([0-9A-Fa-f]{32})"
)


def pin_pdf_metadata(data: bytes) -> bytes:
    """LibreOffice stamps the time, a random file ID and a checksum of both into each PDF; pin
    them so the same spec gives the same bytes (committed samples do not churn). Same-length edits
    keep the xref offsets valid. LibreOffice has no option for this, hence the byte edit; the time
    zone is pinned by running soffice with TZ=UTC.
    """
    data = _CREATION_DATE.sub(lambda m: m.group(0)[:-14] + b"20000101000000", data)
    blank = _fill_random_hex(data, b"0" * 32)
    return _fill_random_hex(data, hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode())


def _fill_random_hex(data: bytes, value: bytes) -> bytes:
    def fill(m: re.Match) -> bytes:
        if m.group(1) is not None:
            return m.group(1) + value + m.group(3) + value + m.group(5)
        return m.group(6) + value

    return _RANDOM_HEX.sub(fill, data)


def convert_to_pdf(source: Path, out_dir: Path, *, soffice: str | None = None, timeout: float = 120.0) -> Path:
    """Convert a document to PDF with LibreOffice; return the PDF's path in `out_dir`."""
    return convert_to_pdfs([source], out_dir, soffice=soffice, timeout=timeout)[0]


def convert_to_pdfs(sources: Sequence[Path], out_dir: Path, *, soffice: str | None = None,
                    timeout: float = 120.0) -> list[Path]:
    """Convert documents (of distinct stems) to PDF with one LibreOffice run; return the PDFs'
    paths in `out_dir`, in order.

    Each call runs with its own private user profile, so parallel calls do not share (and lock)
    ~/.config/libreoffice; the whole process group is killed on timeout.
    """
    soffice = soffice or _soffice_path()
    if soffice is None:
        raise LibreOfficeError("LibreOffice (soffice) is not installed")
    names = ", ".join(Path(source).name for source in sources)
    out_dir.mkdir(parents=True, exist_ok=True)
    with soffice_profile("annex-lo-profile-") as profile:
        cmd = [
            soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--nolockcheck", "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, sources),
        ]
        env = {**os.environ, "TZ": "UTC"}
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, env=env)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise LibreOfficeError(f"LibreOffice timed out after {timeout:.0f}s converting {names}") from None
        produced = [out_dir / (Path(source).stem + ".pdf") for source in sources]
        if proc.returncode != 0 or not all(path.exists() for path in produced):
            detail = (err or out).decode("utf-8", "replace").strip()
            raise LibreOfficeError(f"LibreOffice failed to convert {names} (exit {proc.returncode}): {detail}")
    return produced


_profile_template: Path | None = None  # soffice_profile: a profile a run set up, copied for the next runs


@contextlib.contextmanager
def soffice_profile(prefix: str):
    """A private LibreOffice user profile for one soffice run (parallel runs neither share nor
    lock one), removed after it. It starts as a copy of the profile the first run of this process
    that converted its documents set up: LibreOffice sets up an empty one at each start (a small
    table converted: 1.62 s, 1.28 s of CPU, from an empty profile; 1.45 s, 1.17 s from a copy;
    the same bytes)."""
    global _profile_template
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        profile = Path(folder) / "profile"
        if _profile_template is not None:
            shutil.copytree(_profile_template, profile, symlinks=True)
        yield profile  # an error (a failed or killed run) leaves no template
        if _profile_template is None and profile.is_dir():
            template = Path(tempfile.mkdtemp(prefix="annex-lo-template-"))
            atexit.register(shutil.rmtree, template, True)
            shutil.copytree(profile, template / "profile", symlinks=True)
            _profile_template = template / "profile"


def _soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _build_docx(spec: TableSpec, layout: Layout):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.author = "annex test generator"
    doc.core_properties.title = spec.title[0] if spec.title else ""
    section = doc.sections[0]
    page_w, page_h = page_size_pt(layout)
    section.orientation = WD_ORIENT.LANDSCAPE if layout.landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Pt(page_w), Pt(page_h)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Pt(MARGIN_PT))
    normal = doc.styles["Normal"]
    normal.font.name = layout.font
    normal.font.size = Pt(layout.font_size)
    _set_east_asian_font(normal, layout.font)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)

    if layout.title_on_every_page:
        # the section's header area: printed in the top margin of every page
        for k, line in enumerate(spec.title):
            para = section.header.paragraphs[0] if k == 0 else section.header.add_paragraph()
            para.add_run(line).bold = True
    else:
        for line in spec.title:
            para = doc.add_paragraph()
            run = para.add_run(line)
            run.bold, run.font.size = True, Pt(layout.font_size + 3)
            para.paragraph_format.space_after = Pt(4)
        if spec.title:
            doc.add_paragraph()

    widths = [Pt(w * (page_w - 2 * MARGIN_PT)) for w in relative_widths(spec, layout)]
    for k, (start, end) in enumerate(page_chunks(len(spec.rows), layout.rows_per_page, layout.page_break_before)):
        if k > 0:
            # A tiny paragraph that starts a new page: tables cannot carry a break themselves.
            breaker = doc.add_paragraph()
            breaker.paragraph_format.page_break_before = True
            breaker.add_run("").font.size = Pt(1)
            _set_paragraph_font_size(breaker, 1)
        with_header = k == 0 or layout.repeat_header
        _docx_table(doc, spec, layout, spec.rows[start:end], with_header, widths)

    for line in spec.notes:
        para = doc.add_paragraph(line)
        para.paragraph_format.space_before = Pt(4)
    return doc


def _docx_table(doc, spec, layout, rows, with_header, widths):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Emu, Pt

    header = spec.header_rows if with_header else ()
    table = doc.add_table(rows=0, cols=spec.n_columns)
    table.autofit = False
    for col, width in zip(table.columns, widths):
        col.width = width
    _set_table_borders(table, layout.rules)

    added = []
    for r, texts in enumerate(list(header) + list(rows)):
        row = table.add_row()
        added.append(row)
        trPr = row._tr.get_or_add_trPr()
        if r < len(header) and layout.repeat_header:
            trPr.append(_on_off(OxmlElement, qn, "w:tblHeader"))
        if not layout.split_rows:
            trPr.append(_on_off(OxmlElement, qn, "w:cantSplit"))
        is_body = r >= len(header)
        if is_body and layout.span_single_cell_rows and is_single_cell_row(texts):
            _span_whole_row(row, Emu(sum(widths)))
            _fill_cell(row.cells[0], texts[0], bold=False)
            continue
        for cell, text, width in zip(row.cells, texts, widths):
            cell.width = width
            _fill_cell(cell, text, bold=not is_body and layout.bold_header)
            if r == len(header) - 1 and layout.header_padding:
                cell.paragraphs[0].paragraph_format.space_after = Pt(layout.header_padding)

    if layout.rules == "header" and header:
        for cell in added[len(header) - 1].cells:
            _set_cell_bottom_border(cell)
    if layout.merge_header_cells and header:
        # python-docx's merge looks the whole table up per call; the header is a few rows, so fine
        for r0, c0, r1, c1 in header_merges(header):
            added[r0].cells[c0].merge(added[r1].cells[c1])
    return table


def _span_whole_row(row, width) -> None:
    """Make a row one cell spanning every column, in the XML directly: python-docx's merge is
    linear in the table's size per call, quadratic over a long tracker."""
    tcs = row._tr.tc_lst
    for extra in tcs[1:]:
        row._tr.remove(extra)
    tcs[0].grid_span = len(tcs)
    tcs[0].width = width


def _fill_cell(cell, text: str, *, bold: bool) -> None:
    # Long text wraps inside the cell by itself; an explicit "\n" becomes a line break.
    # Empty cells get no run: python-docx's merge would carry a non-empty cell's paragraph along.
    if not text:
        return
    para = cell.paragraphs[0]
    for n, line in enumerate(text.split("\n")):
        if n:
            para.runs[-1].add_break()
        run = para.add_run(line)
        run.bold = bold or None


def _on_off(OxmlElement, qn, tag: str):
    el = OxmlElement(tag)
    el.set(qn("w:val"), "true")
    return el


_BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")
_RULED_SIDES = {
    "all": set(_BORDER_SIDES),
    "none": set(),
    "horizontal": {"top", "bottom", "insideH"},
    "header": set(),  # the header's bottom rule is a cell border, set separately
    "inner": {"insideH", "insideV"},
}


def _set_table_borders(table, rules: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in _BORDER_SIDES:
        el = OxmlElement(f"w:{side}")
        if side in _RULED_SIDES[rules]:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")  # eighths of a point
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    tblPr.append(borders)


def _set_cell_bottom_border(cell) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tcPr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "0"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    tcPr.append(borders)


def _set_east_asian_font(style, font: str) -> None:
    # python-docx sets only ascii/hAnsi; set the rest so LibreOffice never falls back.
    from docx.oxml.ns import qn

    rfonts = style.element.rPr.rFonts
    for attr in ("w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def _set_paragraph_font_size(paragraph, size_pt: float) -> None:
    # The paragraph mark has its own size; without it an empty paragraph is a full line high.
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    pPr = paragraph._p.get_or_add_pPr()
    rPr = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), str(int(size_pt * 2)))
    rPr.append(sz)
    pPr.append(rPr)
