import pytest
import yaml

from pipeline.core import yaml_io
from pipeline.core.yaml_io import AliasRefused, load_yaml, load_yaml_lines


def test_lines_of_keys_and_items():
    text = "# a comment\ntitle: t\ndocuments:\n  - a.txt\n  - file: b.txt\n    family: plan\n  - {file: c.txt}\n1: one\n"
    data, lines = load_yaml_lines(text)
    assert data == load_yaml(text)
    assert lines == {("title",): 2, ("documents",): 3, ("documents", "0"): 4, ("documents", "1"): 5,
                     ("documents", "1", "file"): 5, ("documents", "1", "family"): 6,
                     ("documents", "2"): 7, ("documents", "2", "file"): 7, ("1",): 8}


def test_empty_file_and_aliases():
    assert load_yaml_lines("") == (None, {})
    with pytest.raises(AliasRefused):
        load_yaml_lines("a: &x 1\nb: *x\n")
    with pytest.raises(yaml.YAMLError):
        load_yaml_lines("a: [unclosed\n")


MANIFEST = """# a release with hints
title: "Q2: plan & tracker"
financial_year: '2015/16'
released: 2016-01-07
documents:
  - file: plan.pdf
    table: {pages: "2-3", header_rows: 2, columns: {"Activity / task": activity}}
  - file: tracker.xlsx   # a comment
    family: tracker
notes: |
  two lines,
  kept
ratio: 0.5
empty:
flags: [yes, no, ~, .inf]
"""


@pytest.mark.parametrize("text", [MANIFEST, "a: " + "[" * 40 + "1" + "]" * 40 + "\n", "just text\n", "- 1\n- x: y\n"])
def test_libyaml_and_the_python_parser_read_the_same_values_and_lines(text, monkeypatch):
    fast = load_yaml_lines(text)
    monkeypatch.setattr(yaml_io, "_FAST_LOADER", None)
    assert load_yaml_lines(text) == fast
    if yaml_io.yaml.__with_libyaml__:  # the wheels have it: the first reading was libyaml's
        assert fast[0] is not None


@pytest.mark.parametrize("fast", [True, False])
def test_refusals_name_the_same_place_whichever_parser_reads(fast, monkeypatch):
    if not fast:
        monkeypatch.setattr(yaml_io, "_FAST_LOADER", None)
    with pytest.raises(AliasRefused) as alias:
        load_yaml_lines("a: 1\nb: &x [1]\nc:\n  - *x\n")
    assert (alias.value.mark.line, alias.value.mark.column) == (3, 4)
    with pytest.raises(yaml_io.DepthRefused) as deep:
        load_yaml_lines("a:\n  b: " + "[" * yaml_io.MAX_DEPTH + "]" * yaml_io.MAX_DEPTH + "\n")
    assert deep.value.problem_mark.line == 1
    # a file libyaml refuses is read again by PyYAML, whose words users know
    with pytest.raises(yaml.YAMLError, match="mapping values are not allowed here"):
        load_yaml_lines("title: a: b\n")
