"""YAML as annex reads it (release.yaml, params.yaml): safe_load without aliases.

An alias (`*name`) re-uses a node, so a few hundred bytes of nested aliases ("billion laughs")
build a structure that is exponentially large once anything walks it (turns it into a string,
compares it, hashes it). A hand-written manifest has no need for them, so they are refused where
they appear, before anything is built.

The shape of what is read (keys, types) is checked by pydantic models (release.py, settings.py);
load_yaml_lines keeps the line of every key, and shape_problem turns pydantic's ValidationError
into the one fault to report with that line, so users never see pydantic's own text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import yaml


class AliasRefused(yaml.YAMLError):
    """A YAML alias in a file annex reads; `mark` is where (0-based line and column)."""

    def __init__(self, mark):
        self.mark = mark
        super().__init__(f"YAML aliases (*name) are not allowed (line {mark.line + 1})")


# Deepest nesting of mappings and lists accepted: a manifest is 3 levels deep, params.yaml 2.
# PyYAML composes and constructs nodes recursively, so a file nested a few thousand levels
# deep (under 1 MB) would end in a RecursionError instead of a message naming it.
MAX_DEPTH = 50


class DepthRefused(yaml.MarkedYAMLError):
    """Mappings and lists nested deeper than MAX_DEPTH; `problem_mark` is where."""

    def __init__(self, mark):
        super().__init__(problem=f"nested more than {MAX_DEPTH} levels deep (annex's YAML files need a few)",
                         problem_mark=mark)


class _NoAliasLoader(yaml.SafeLoader):
    depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise AliasRefused(self.peek_event().start_mark)
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                raise DepthRefused(self.peek_event().start_mark)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


# libyaml's parser, where PyYAML was built with it (the wheels are): ~10x faster than the pure-Python
# one (0.06 against 0.6 ms for a release.yaml, read once per release a run plans). It reads the
# good files; a file it refuses is read again by the Python parser, whose messages are the ones
# PyYAML users know (the two word some problems differently), so what a user sees does not
# depend on how PyYAML was built.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _refuse_aliases_and_depth(text: str) -> None:
    """_NoAliasLoader's two refusals, from libyaml's events (its parser keeps a stack, so a file
    nested thousands deep is scanned without recursion), before anything is composed."""
    depth = 0
    for event in yaml.parse(text, Loader=_FAST_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise AliasRefused(event.start_mark)
        if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and depth >= MAX_DEPTH:
            raise DepthRefused(event.start_mark)  # the node would be MAX_DEPTH + 1 deep
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _composed(text: str) -> tuple[yaml.BaseLoader, yaml.Node | None]:
    """A loader over `text` and its document's node: libyaml's when it reads the file cleanly,
    else _NoAliasLoader's (raising PyYAML's own error). The caller disposes of the loader."""
    if _FAST_LOADER is not None:
        try:
            _refuse_aliases_and_depth(text)
            loader = _FAST_LOADER(text)
            return loader, loader.get_single_node()
        except (AliasRefused, DepthRefused):
            raise
        except yaml.YAMLError:
            pass  # read again below: PyYAML's own words for the problem
    loader = _NoAliasLoader(text)
    try:
        return loader, loader.get_single_node()
    except BaseException:
        loader.dispose()
        raise


def load_yaml(text: str) -> object:
    """yaml.safe_load, refusing aliases (AliasRefused) and nesting deeper than MAX_DEPTH
    (DepthRefused); other errors as PyYAML raises them."""
    loader, node = _composed(text)
    try:
        return None if node is None else loader.construct_document(node)
    finally:
        loader.dispose()


def load_yaml_lines(text: str) -> tuple[object, dict[tuple[str, ...], int]]:
    """load_yaml, and where each key and list item stands: its path (mapping keys and list
    indexes, each as str(), e.g. ("documents", "0", "file")) -> 1-based line. A manifest checked
    after loading can then name the line of a faulty key (see shape_problem)."""
    loader, node = _composed(text)
    try:
        if node is None:
            return None, {}
        data = loader.construct_document(node)
        lines: dict[tuple[str, ...], int] = {}
        pending = [((), node)]
        while pending:  # no recursion: a deeply nested file must not exhaust the stack here
            path, node = pending.pop()
            if isinstance(node, yaml.MappingNode):
                for key_node, value_node in node.value:
                    key = (*path, str(loader.construct_object(key_node, deep=True)))
                    lines[key] = key_node.start_mark.line + 1
                    pending.append((key, value_node))
            elif isinstance(node, yaml.SequenceNode):
                for index, item in enumerate(node.value):
                    lines[(*path, str(index))] = item.start_mark.line + 1
                    pending.append(((*path, str(index)), item))
        return data, lines
    finally:
        loader.dispose()


# What a value should have been, by pydantic's error type, in the words of a YAML file.
_EXPECTED = {
    "string_type": "text", "int_type": "a whole number", "float_type": "a number",
    "bool_type": "true or false", "list_type": "a list", "dict_type": "a mapping (key: value)",
    "model_type": "a mapping (key: value)", "dataclass_type": "a mapping (key: value)",
}
_UNKNOWN = {"extra_forbidden", "unexpected_keyword_argument", "invalid_key"}
_MISSING = {"missing", "missing_keyword_argument"}


@dataclass(frozen=True)
class ShapeProblem:
    """The fault to report of a pydantic ValidationError, in the terms of the YAML file it read.

    kind: "unknown" (keys the model does not know: `keys`, in the mapping at `loc`), "missing"
    (a required key, at `loc`), "type" (`value` is not `expected`), or "value" (the type is
    right, the value is not: pydantic's `error_type` says why, e.g. literal_error, too_short)."""

    kind: str
    loc: tuple[str | int, ...]
    line: int | None = None
    value: object = None
    error_type: str = ""
    expected: str = ""
    keys: tuple[str, ...] = ()
    reason: str = ""  # a validator's own words (ValueError text) for kind "value", else ""


def shape_problem(error, lines: dict[tuple[str, ...], int]) -> ShapeProblem:
    """Translate a pydantic ValidationError (its `loc`, `type`, `input`) into the one fault to
    report: an unknown key before any other fault (a misspelt key is the likely cause of the
    rest), else the first in the file (faults with no line last); an unknown key is reported with
    every other unknown key of the same mapping. `lines` is load_yaml_lines'; a missing key has no
    line of its own and takes the line of the mapping holding it."""
    def line_of(loc):
        path = tuple(map(str, loc))
        while path and path not in lines:
            path = path[:-1]
        return lines.get(path)

    errors = error.errors(include_url=False)
    found = [(e, line_of(e["loc"][:-1] if e["type"] in _MISSING else e["loc"])) for e in errors]
    first, line = min(found, key=lambda pair: (pair[0]["type"] not in _UNKNOWN, pair[1] is None, pair[1] or 0))
    loc = tuple(first["loc"])
    if first["type"] in _UNKNOWN:
        keys = sorted(str(e["loc"][-1]) for e in errors if e["type"] in _UNKNOWN and tuple(e["loc"][:-1]) == loc[:-1])
        return ShapeProblem("unknown", loc[:-1], line, keys=tuple(keys))
    if first["type"] in _MISSING:
        return ShapeProblem("missing", loc, line)
    kind = "type" if first["type"] in _EXPECTED else "value"
    reason = str(first.get("ctx", {}).get("error", "")) if first["type"] == "value_error" else ""
    return ShapeProblem(kind, loc, line, value=first.get("input"), error_type=first["type"],
                        expected=_EXPECTED.get(first["type"], ""), reason=reason)


def shown(value: object, width: int = 60) -> str:
    """A value read from YAML as a message shows it: what YAML made of it when that was not text."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (read as true/false)"
    if isinstance(value, (int, float)):
        return f"{value!r} (read as a number)"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.isoformat()} (read as a date)"
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    text = repr(value)
    return text if len(text) <= width else f"{text[:width]}... ({len(text):,} characters)"
