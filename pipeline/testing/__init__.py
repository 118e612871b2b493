"""Helpers for tests, benchmarks and the sample release: never imported by the pipeline itself.

`annex_pdf` makes annex-like PDFs from a table description, through reportlab or through a real
word processor (python-docx -> LibreOffice), so that no unexplained binary lives in the repo.
"""
