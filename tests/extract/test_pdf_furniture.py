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


def columns(top: float, *phrases: tuple[float, str]) -> list[Word]:
    """Words of one line, each phrase starting at its x (phrases far apart: one per column)."""
    words = []
    for x0, text in phrases:
        for part in text.split():
            words.append(Word(part, x0, x0 + 5 * len(part), top, top + 10))
            x0 += 5 * len(part) + 2.5
    return words


def table_page(header_top: float, *, title: bool) -> list[TextLine]:
    """A table (columns at x 50, 200, 350) whose header row is padded: 20 pt above the body, as
    far as a running header stands from the text."""
    words = columns(30, (50, "Annex C plan")) if title else []
    words += columns(header_top, (50, "Activity"), (200, "Date"), (350, "Audience"))
    for k, (activity, date) in enumerate([("Review", "May"), ("Visit", "June"), ("Talk", "July")]):
        words += columns(header_top + 30 + 12 * k, (50, activity), (200, date), (350, "Councils"))
    return text_lines(words, S)


def test_a_padded_table_header_heading_its_columns_is_not_furniture():
    """Issue 12 failure 1: a header row set apart from the body and repeated at the same height
    on the next page was taken for a running header; its phrases start at the body's columns."""
    one, two = table_page(70, title=False), table_page(70, title=False)
    assert furniture_lines(two, [one]) == set()
    assert furniture_lines(one, [two]) == set()


def test_a_running_header_of_two_phrases_set_against_the_margins_is_furniture():
    def paper(first: str, second: str) -> list[TextLine]:
        words = columns(30, (50, "Improvement Board"), (470, "12 July 2016"))
        words += columns(70, (50, "Activity"), (200, "Date"))
        words += columns(82, (50, first), (200, "May")) + columns(94, (50, second), (200, "June"))
        return text_lines(words, S)

    # "12 July 2016" starts at no column of the table under it
    assert furniture_lines(paper("Visit", "Talk"), [paper("Review", "Walk")]) == {0}


def test_text_at_another_height_on_the_page_nearby_is_not_furniture():
    """The table header stands lower on page 1 (a title above it) than on page 2: text that moves
    between pages is content, even where another page repeats it at the same height."""
    page_1 = page((30, "Annex C plan"), (90, "Activity Date Audience"), (122, "Review May"))
    page_2 = page((70, "Activity Date Audience"), (102, "Visit June"))
    page_3 = page((70, "Activity Date Audience"), (102, "Talk July"))
    assert furniture_lines(page_2, [page_1, page_3]) == set()
    assert furniture_lines(page_2, [page_3]) == {0}  # without page 1 it looks like furniture
