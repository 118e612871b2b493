"""Extraction: documents (text dumps and PDFs) to generic logical tables."""
