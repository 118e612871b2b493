"""HTML tables printed to PDF by headless Chromium, as a council's web-published annex is saved
("Print > Save as PDF"): `chromium --headless --print-to-pdf`."""

from __future__ import annotations

import html
import os
import signal
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from council_tools.office import spanning_merges
from council_tools.spec import TypedTable
from pipeline.report.browser import find_chromium

BASE_CSS = """
@page { size: A4; margin: 15mm; }
body { font-family: 'Liberation Sans', Arial, sans-serif; font-size: 10pt; }
table { border-collapse: collapse; }
th, td { padding: 3pt 5pt; text-align: left; vertical-align: top; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
"""


@dataclass(frozen=True)
class HtmlLayout:
    css: str = ""  # added to BASE_CSS
    widths: tuple[str, ...] = ()  # CSS widths of the columns (a <colgroup>)
    before: tuple[str, ...] = ()  # paragraphs above the table
    numeric_from: int | None = None  # body cells of this column and after get class "num"
    caption: str | None = None  # the table's <caption>, printed above it
    row_headers: bool = False  # each body row's first cell a <th scope=row> (bold by default)
    footer_rows: int = 0  # the last body rows in a <tfoot> (a totals row)
    beside: tuple[str, ...] = ()  # paragraphs in a second column to the table's right (a two-column layout)


def table_html(table: TypedTable, layout: HtmlLayout, title: str) -> str:
    """The page: the header rows in <thead> (Chromium repeats it on every printed page), spans as
    colspan/rowspan from the typed "" convention and the table's body merges, theme rows one cell
    over the width."""
    n = len(table.header)
    merges = [*table.body_merges, *spanning_merges(table)]
    spans = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in merges}
    covered = {(r, c) for (r0, c0), (h, w) in spans.items() for r in range(r0, r0 + h) for c in range(c0, c0 + w)
               if (r, c) != (r0, c0)}
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>", html.escape(title), "</title><style>",
           BASE_CSS, layout.css, "</style></head><body>"]
    out += [f"<p>{html.escape(p)}</p>" for p in layout.before]
    if layout.beside:
        out.append("<div style='display: flex; gap: 18pt; align-items: flex-start'><div>")
    out.append("<table>")
    if layout.caption:
        out.append(f"<caption>{html.escape(layout.caption)}</caption>")
    if layout.widths:
        out.append("<colgroup>" + "".join(f"<col style='width:{w}'>" for w in layout.widths) + "</colgroup>")
    rows = [*table.header, *table.body]
    foot = len(rows) - layout.footer_rows
    for r, row in enumerate(rows):
        if r == 0:
            out.append("<thead>")
        if r == n:
            out.append("</thead><tbody>")
        if r == foot and layout.footer_rows:
            out.append("</tbody><tfoot>")
        kind = "th" if r < n else "td"
        theme = r >= n and row[0] and not any(row[1:])
        cells = []
        for c, text in enumerate(row):
            if (r, c) in covered:
                continue
            height, width = spans.get((r, c), (1, 1))
            attrs = (f" rowspan='{height}'" if height > 1 else "") + (f" colspan='{width}'" if width > 1 else "")
            if r >= n and layout.numeric_from is not None and c >= layout.numeric_from and not theme:
                attrs += " class='num'"
            tag = "th" if r >= n and c == 0 and layout.row_headers else kind
            if tag != kind:
                attrs += " scope='row'"
            cells.append(f"<{tag}{attrs}>{html.escape(text)}</{tag}>")
        out.append(f"<tr{' class=theme' if theme else ''}>" + "".join(cells) + "</tr>")
    out.append("</tfoot></table>" if layout.footer_rows else "</tbody></table>")
    if layout.beside:
        out.append("</div><div>" + "".join(f"<p>{html.escape(p)}</p>" for p in layout.beside) + "</div></div>")
    out.append("</body></html>")
    return "".join(out)


def print_all(pages: dict[str, str], out_dir: Path, timeout: float = 120.0) -> dict[str, Path]:
    """Every page printed by its own headless Chromium, two at a time (the machine's cores)."""
    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("Chromium is not installed")
    out_dir.mkdir(parents=True, exist_ok=True)

    def one(item: tuple[str, str]) -> tuple[str, Path]:
        name, page = item
        source = out_dir / f"{name}.html"
        source.write_text(page, encoding="utf-8")
        target = out_dir / f"{name}.pdf"
        with tempfile.TemporaryDirectory(prefix="council-chromium-") as profile:
            cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                   "--no-pdf-header-footer", "--print-to-pdf-no-header", f"--print-to-pdf={target}",
                   source.as_uri()]
            proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
            try:
                proc.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.communicate()
                raise RuntimeError(f"Chromium timed out printing {name}") from None
        if not target.exists():
            raise RuntimeError(f"Chromium did not print {name} (exit {proc.returncode})")
        return name, target

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(one, pages.items()))
