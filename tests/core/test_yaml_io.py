import pytest
import yaml

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
