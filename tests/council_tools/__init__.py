"""Fixtures made by the tools councils really use (issue 20, items 4 and 6): each fixture is a
table typed here cell by cell (`TypedTable`) and a generator that lays it out with the tool
(python-docx + LibreOffice Writer, openpyxl + LibreOffice Calc, headless Chromium, reportlab
platypus). The typed cells are the tests' expected answer; nothing here reads a PDF.

Modules: `spec` (the typed tables and the catalogue entry), `content` (annex-family and
statistical rows written for these fixtures), `office` (Word and Calc), `html` (Chromium),
`platypus` (reportlab), `catalogue` (every fixture, built per tool), `check` (compares a
reader's answer or a published release with the typed cells), `cases` (what the per-tool test
modules tests/extract/test_council_*.py share).
"""
