"""PDF -> generic logical tables, as a chain of small pure steps (see pipeline.extract.pdf_tables)."""
