"""Running headers and footers found from the pages around a page (hand-made lines)."""

from __future__ import annotations

from pipeline.extract.pdf.furniture import furniture_lines, line_signature
from pipeline.extract.pdf.layout import TextLine, Word, text_lines
from pipeline.extract.pdf.settings import TableSettings

S = TableSettings()


def page(*rows: tuple[float, str]) -> list[TextLine]:
    """Lines at the given tops, 10 pt high, each one phrase starting at x 50."""
    words = []
    for top, text in rows:
        x0 = 50.0
        for part in text.split():
            words.append(Word(part, x0, x0 + 5 * len(part), top, top + 10))
            x0 += 5 * len(part) + 2.5
    return text_lines(words, S)


def test_signature_ignores_numbers_case_and_spacing():
    assert line_signature(page((0, "Page  12"))[0]) == line_signature(page((0, "page 3"))[0]) == "page #"


def test_running_header_and_footer_set_apart_and_repeated_are_furniture():
    one = page((30, "Improvement Board"), (70, "Activity Date"), (82, "Review May"), (800, "Page 1"))
    two = page((30, "Improvement Board"), (70, "Activity Date"), (82, "Visit June"), (800, "Page 2"))
    assert furniture_lines(two, [one]) == {0, 3}


def test_a_repeated_table_header_close_to_the_body_is_not_furniture():
    one = page((70, "Activity Date"), (82, "Review May"), (94, "Visit June"))
    two = page((70, "Activity Date"), (82, "Talk July"), (94, "Walk August"))
    assert furniture_lines(two, [one]) == set()


def test_a_single_page_has_no_furniture():
    assert furniture_lines(page((30, "Improvement Board"), (70, "Activity Date")), []) == set()
