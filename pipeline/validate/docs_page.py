"""The entry page of a run's Data Docs: one static HTML file, readable offline.

GX's own index.html draws its table with JavaScript loaded from CDNs, so offline it shows no
suites. This page lists every suite with its verdict, every failed expectation with its rows, the
document checks worth a look, and links to GX's per-suite validation pages (whose content is
static HTML). Written by hand: a few lines of escaped HTML, no template engine needed.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from pipeline.validate.results import ExpectationOutcome, Finding

PAGE_NAME = "summary.html"

_STYLE = """body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}
td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left;vertical-align:top}
.critical{color:#a00}.warning{color:#a60}.passed{color:#070}"""


def write_summary_page(folder: Path, release: str, outcomes: list[ExpectationOutcome],
                       findings: list[Finding], pages: dict[str, Path]) -> Path:
    """Write <folder>/summary.html and return its path."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / PAGE_NAME
    path.write_text(summary_html(release, outcomes, findings, pages, folder), encoding="utf-8")
    return path


def summary_html(release: str, outcomes: list[ExpectationOutcome], findings: list[Finding],
                 pages: dict[str, Path], folder: Path) -> str:
    tables = list(dict.fromkeys(o.table for o in outcomes))
    critical = [f for f in findings if f.severity == "critical"]
    verdict = "failed: nothing published" if critical else "passed"
    rows = []
    for table in tables:
        mine = [o for o in outcomes if o.table == table]
        failed = [o for o in mine if o.failed]
        worst = ("critical" if any(o.severity == "critical" or o.error for o in failed)
                 else "warning" if failed else "passed")
        link = (f'<a href="{escape(os.path.relpath(pages[table], folder))}">{escape(table)}</a>'
                if table in pages else escape(table))
        rows.append(f'<tr><td>{link}</td><td>{len(mine)}</td><td>{len(failed)}</td>'
                    f'<td class="{worst}">{worst}</td></tr>')
    items = "".join(f'<li class="{escape(f.severity)}"><b>{escape(f.severity)}</b> {escape(f.message)}</li>'
                    for f in findings) or "<li>none</li>"
    index = pages.get("index")
    gx_link = (f'<p>Great Expectations\' own index (needs a network connection for its scripts): '
               f'<a href="{escape(os.path.relpath(index, folder))}">index.html</a></p>' if index else "")
    return (f"<!doctype html><html><head><meta charset=utf-8><title>Validation of {escape(release)}</title>"
            f"<style>{_STYLE}</style></head><body><h1>Validation of release {escape(release)}</h1>"
            f'<p class="{"critical" if critical else "passed"}">Verdict: {verdict}</p>'
            "<h2>Suites</h2><table><tr><th>suite (curated table)</th><th>expectations</th>"
            f"<th>failed</th><th>worst</th></tr>{''.join(rows)}</table>"
            f"<h2>Failed expectations and checks</h2><ul>{items}</ul>{gx_link}</body></html>\n")
