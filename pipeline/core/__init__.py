"""The small core every stage shares: financial years, errors and the table model."""
