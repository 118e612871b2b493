"""Analysts' report of a release: curated tables -> one self-contained HTML page with charts.

data.py reads curated/, charts.py draws PNGs (matplotlib), build.py assembles the page from the
template in template.py, browser.py proves the page opens offline in headless Chromium.
"""

from pipeline.report.build import render_report, report_context, report_path, write_report
from pipeline.report.data import ReleaseTables, list_releases, load_release

__all__ = ["ReleaseTables", "list_releases", "load_release", "render_report", "report_context",
           "report_path", "write_report"]
