"""Named errors of socialcase, all in one place.

Every error caused by bad input is a ``ValueError``, so callers that only care
about "the user gave us something wrong" can catch that::

    ValueError
     +-- InputError            a value refused for a named field
     |    +-- ScenarioFileError   a saved scenario that cannot be read
     +-- ImpossibleQueueError  no staffing level can meet the target
     +-- ExportError           an analytics or inbox export that cannot be read
                               (defined in socialcase.imports)
"""

from __future__ import annotations

from typing import Any

__all__ = ["ImpossibleQueueError", "InputError", "ScenarioFileError"]


class InputError(ValueError):
    """A value refused for a named field; the message says what is allowed."""

    def __init__(self, field: str, value: Any, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.value = value


class ScenarioFileError(InputError):
    """A saved scenario (file or link) that cannot be read at all."""


class ImpossibleQueueError(ValueError):
    """No staffing level meets the service target (say with which numbers)."""
