"""The run's settings without pydantic, for the reader worker (pipeline/extract/budget.py).

Settings (pipeline/core/settings.py) is a pydantic dataclass: its values are checked when it is
made. The worker only reads values the run's process has already checked, and importing pydantic
and building the Settings schema was ~60 ms of the worker's ~330 ms of CPU to start (once per
worker, ~0.06 ms per PDF over its 1,000: a quarter of a percent of reading one). So the worker gets
the values (settings_values), held in a frozen plain dataclass with the same fields
(from_values), and the modules it imports take their default settings only when none are given
(or_default), importing pydantic then.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.core.settings import Settings

SettingsValues = tuple[tuple[str, Any], ...]  # (setting, value) pairs, in Settings' order
_plain_classes: dict[tuple[str, ...], type] = {}  # the plain dataclass for each list of settings


def or_default(settings: Settings | None) -> Settings:
    """`settings`, or the default Settings when None."""
    if settings is not None:
        return settings
    from pipeline.core.settings import Settings

    return Settings()


def settings_values(settings: Settings) -> SettingsValues:
    """Every setting's name and value (plain ints, floats and strings)."""
    return tuple((field.name, getattr(settings, field.name)) for field in dataclasses.fields(settings))


def from_values(values: SettingsValues) -> Any:
    """The values as a frozen plain dataclass with Settings' fields (named SettingsValues):
    read as Settings are, equal to another of the same values, never checked again."""
    names = tuple(name for name, _ in values)
    if (plain := _plain_classes.get(names)) is None:
        plain = _plain_classes[names] = dataclasses.make_dataclass("SettingsValues", names, frozen=True)
    return plain(*(value for _, value in values))
