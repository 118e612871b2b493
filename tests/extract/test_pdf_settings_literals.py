"""Every tolerance of the PDF table reader is a TableSettings field, never a literal in its code.

The reader's modules are parsed (not imported) and searched for numbers that look like
thresholds: a float other than 0.0 and 1.0 anywhere (a function body, a default argument, a
module constant), an integer of 3 or more compared against directly ("len(gaps) >= 5"), and a
module-level name bound to a number (`_APART = 1.5`). Structural numbers (indexes, halves, "two
or more phrases") are not caught; the few structural literals the rules do catch are listed in
ALLOWED with the reason each is not a threshold.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from pipeline.extract.pdf.settings import TableSettings

ROOT = Path(__file__).resolve().parents[2] / "pipeline" / "extract"
MODULES = sorted((ROOT / "pdf").glob("*.py")) + [ROOT / "pdf_tables.py"]
SETTINGS = ROOT / "pdf" / "settings.py"

# (module file name, literal) -> why it is not a tolerance
ALLOWED: dict[tuple[str, float], str] = {
    ("layout.py", 0.1): "floor on a glyph box's height so a zero-height box still overlaps its line",
    ("columns.py", 0.1): "floor on an interval's width so the overlap ratio never divides by zero",
    ("source.py", 1000.0): "PDF glyph space: font metrics are in thousandths of an em (PDF 32000 9.2.4)",
    ("source.py", 3): "path geometry: a Bezier segment has 3 points, a closing 'lh' path more than 3 parts",
    ("source.py", 90): "page rotation in degrees (PDF /Rotate is a multiple of 90)",
    ("source.py", 180): "page rotation in degrees (PDF /Rotate is a multiple of 90)",
    ("source.py", 270): "page rotation in degrees (PDF /Rotate is a multiple of 90)",
    ("source.py", 0.1): "number representation: the decimal range where 7-significant-digit rounding is exact in 64 bits (_exact_all)",
    ("source.py", 1e6): "number representation: the decimal range where 7-significant-digit rounding is exact in 64 bits (_exact_all)",
    ("source.py", 10.0): "number representation: the decimal base of 10**k in _exact_all",
    ("source.py", 0xD800): "first UTF-16 surrogate code unit (Unicode), not a tolerance",
    ("source.py", 0xDFFF): "last UTF-16 surrogate code unit (Unicode), not a tolerance",
    ("source.py", 0.001): "PDF glyph space: font metrics are in thousandths of an em (PDF 32000 9.2.4)",
    ("source.py", 32): "character code 32, the single-byte code word spacing applies to (PDF 32000 9.3.3)",
    ("glyphs.py", 100.0): "horizontal scaling (Tz) is a percentage, 100 unless set (PDF 32000 9.3.4)",
    ("glyphs.py", 0.01): "horizontal scaling (Tz) is a percentage, 100 unless set (PDF 32000 9.3.4)",
    ("glyphs.py", 3): "the \" operator takes three operands: word spacing, character spacing, string",
    ("debug_image.py", 100): "debug drawing resolution in dpi: drawing only, never reading",
    ("pdf_tables.py", 1000): "garbage collector generation threshold while reading: memory management, never reading",
    ("drawn_glyphs.py", 0.5): "bands shifted by half their height: a second partition whose edges fall mid-band of the first, not a tolerance",
    ("debug_image.py", 12): "debug drawing label height in pixels: drawing only, never reading",
    ("ruled.py", 256): "fills compared at once in one numpy step (fill_seam_edges): memory per step, never reading",
}


def _is_number(node: ast.AST) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, (int, float))
            and not isinstance(node.value, bool))


def threshold_literals(source: str) -> list[tuple[int, float]]:
    """(line, value) of every number in `source` that the rules above take for a threshold."""
    tree = ast.parse(source)
    found: list[tuple[int, float]] = []
    for node in ast.walk(tree):
        if _is_number(node) and isinstance(node.value, float) and node.value not in (0.0, 1.0):
            found.append((node.lineno, node.value))
        elif isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                if _is_number(operand) and isinstance(operand.value, int) and abs(operand.value) >= 3:
                    found.append((operand.lineno, operand.value))
    for statement in tree.body:
        if isinstance(statement, (ast.Assign, ast.AnnAssign)) and statement.value is not None:
            value = statement.value
            if _is_number(value) and isinstance(value.value, int) and value.value not in (0, 1):
                found.append((value.lineno, value.value))
    return sorted(set(found))


@pytest.mark.parametrize("path", [p for p in MODULES if p != SETTINGS], ids=lambda p: p.name)
def test_no_threshold_literal_outside_settings(path: Path) -> None:
    stray = [(line, value) for line, value in threshold_literals(path.read_text(encoding="utf-8"))
             if (path.name, value) not in ALLOWED]
    assert stray == [], f"{path.name}: move these into TableSettings (line, value): {stray}"


def test_every_allowed_literal_is_still_used() -> None:
    """A stale allow-list entry would let a threshold with the same value back in unnoticed."""
    used = {(path.name, value) for path in MODULES for _, value in threshold_literals(path.read_text(encoding="utf-8"))}
    assert set(ALLOWED) - used == set()


def test_the_rules_catch_thresholds_and_leave_structure() -> None:
    source = (
        "_APART = 1.5\n"
        "_MAX_LINES = 2\n"
        "def f(gaps, width=2.5):\n"
        "    if len(gaps) >= 5 and gaps[3] > 0.0:\n"
        "        return 0.7 * gaps[0]\n"
        "    return len(gaps) >= 2 and (gaps[0] + gaps[1]) / 2 > 1.0\n"
    )
    assert threshold_literals(source) == [(1, 1.5), (2, 2), (3, 2.5), (4, 5), (5, 0.7)]


@pytest.mark.parametrize("share", ["line_overlap", "wordy_share", "even_space_share", "ruled_rows_share",
                                   "stacked_band_overlap", "stacked_cell_share"])
def test_settings_refuse_a_moved_share_outside_zero_to_one(share: str) -> None:
    with pytest.raises(ValueError, match=share):
        TableSettings(**{share: 0.0})
    with pytest.raises(ValueError, match=share):
        TableSettings(**{share: 1.5})


@pytest.mark.parametrize("count", ["line_lookback", "even_line_min_gaps", "furniture_max_lines", "stacked_min_cells"])
def test_settings_refuse_a_count_that_is_not_a_whole_number_from_one(count: str) -> None:
    with pytest.raises(ValueError, match=count):
        TableSettings(**{count: 0})
    with pytest.raises(ValueError, match=count):
        TableSettings(**{count: 2.5})


def test_settings_refuse_a_narrow_word_space_ratio_above_the_wide_one() -> None:
    with pytest.raises(ValueError, match="word_space_narrow"):
        TableSettings(word_space_narrow=2.5)
    with pytest.raises(ValueError, match="default_font_size"):
        TableSettings(default_font_size=0.0)
