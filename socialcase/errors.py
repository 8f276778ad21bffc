"""Named errors of socialcase, all in one place.

Every error caused by bad input is a ``ValueError``, so callers that only care
about "the user gave us something wrong" can catch that::

    ValueError
     +-- InputError            a value refused for a named field
     |    +-- ScenarioFileError   a saved scenario that cannot be read
     +-- ImpossibleQueueError  no staffing level can meet the target
     +-- ExportError           an analytics or inbox export that cannot be read
"""

from __future__ import annotations

from typing import Any

__all__ = ["ExportError", "ImpossibleQueueError", "InputError", "ScenarioFileError"]


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


class ExportError(ValueError):
    """An export that cannot be read, with where and why.

    Attributes
    ----------
    file_name : str
        The file's name as the user knows it.
    row : int or None
        1-based row number in the file (as a spreadsheet shows it), if the
        problem is in one row.
    column : str or None
        The column's name in the file, if the problem is in one column.
    problem : str
        What was wrong and what was expected, without the location.

    Examples
    --------
    >>> error = ExportError("expected a number, found 'n/a yes'",
    ...                     file_name="page.csv", row=14, column="Followers")
    >>> str(error)
    "page.csv, row 14, column 'Followers': expected a number, found 'n/a yes'"
    """

    def __init__(
        self,
        problem: str,
        *,
        file_name: str,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        from socialcase.i18n import gettext

        where = [file_name]
        if row is not None:
            where.append(gettext("row {row}").format(row=row))
        if column is not None:  # a header is a cell too: a long one is cut
            shown = column if len(column) <= 80 else f"{column[:80]}…"
            where.append(gettext("column '{column}'").format(column=shown))
        super().__init__(f"{', '.join(where)}: {problem}")
        self.problem = problem
        self.file_name = file_name
        self.row = row
        self.column = column
