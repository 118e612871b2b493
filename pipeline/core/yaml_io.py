"""YAML as annex reads it (release.yaml, params.yaml): safe_load without aliases.

An alias (`*name`) re-uses a node, so a few hundred bytes of nested aliases ("billion laughs")
build a structure that is exponentially large once anything walks it (turns it into a string,
compares it, hashes it). A hand-written manifest has no need for them, so they are refused where
they appear, before anything is built.
"""

from __future__ import annotations

import yaml


class AliasRefused(yaml.YAMLError):
    """A YAML alias in a file annex reads; `mark` is where (0-based line and column)."""

    def __init__(self, mark):
        self.mark = mark
        super().__init__(f"YAML aliases (*name) are not allowed (line {mark.line + 1})")


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise AliasRefused(self.peek_event().start_mark)
        return super().compose_node(parent, index)


def load_yaml(text: str) -> object:
    """yaml.safe_load, refusing aliases (AliasRefused); other errors as PyYAML raises them."""
    return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 - a SafeLoader subclass
