"""Generators of test documents, for tests, benchmarks and the sample release's PDFs: outside the
installed package (tests/ is on pytest's pythonpath; benchmarks/ and tools/ put it on sys.path).

`annex_pdf` makes annex-like PDFs from a table description, through reportlab or through a real
word processor (python-docx -> LibreOffice), so that no unexplained binary lives in the repo.
"""
