"""Normalisers: pure functions from a cell's text (and the release's financial year) to typed values."""
