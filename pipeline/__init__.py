"""annex: extract, normalise, validate and publish the tables of board-paper annexes."""

__version__ = "0.1.0"
