"""Measure the real inbound load from an inbox export.

Serves step 3 of the case, "Sign 2: you miss engagement": messages a day,
when they arrive, the share answered and how long replies take, from the
team's own inbox export instead of the industry defaults.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, TypedDict

import numpy as np
import pandas as pd

from socialcase.errors import ExportError
from socialcase.formatting import decimal, percent
from socialcase.i18n import gettext
from socialcase.imports import apply_user_mapping
from socialcase.tables import (
    Budget,
    Source,
    aliases,
    load_bytes,
    normalise_header,
    parse_dates,
    parse_numbers,
    quote,
    read_table,
)

__all__ = [
    "INBOX_FIELDS",
    "REPLY_TIME_GRID_HOURS",
    "EngagementInputs",
    "InboxExport",
    "InboxStats",
    "answered_within_grid",
    "engagement_inputs",
    "hour_profile",
    "inbox_stats",
    "read_inbox_export",
    "sniff_inbox_columns",
]

INBOX_FIELDS: Final = (
    "received_at",
    "first_reply_at",
    "first_reply_hours",
    "first_reply_minutes",
    "first_reply_seconds",
    "handle_minutes",
    "handle_seconds",
    "network",
    "message_type",
)
"""Standard names a column of an inbox export can be mapped to."""

# Column names in inbox and helpdesk exports, most specific first: Sprout
# Social (Smart Inbox / message reports: "Received", "Timestamp"), Hootsuite
# Inbox, Zendesk ("Created at", "First reply time in minutes"), Freshdesk
# ("Created time", "First response time (in hrs)"), plus Norwegian and a few
# other languages.
_INBOX_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "received_at": (
        "received_at",
        "received at",
        "received",
        "date received",
        "received date",
        "received time",
        "message received",
        "timestamp",
        "message timestamp",
        "created at",
        "created",
        "created time",
        "created date",
        "date created",
        "creation date",
        "sent time",
        "sent at",
        "sent date",
        "date sent",
        "sent",
        "message time",
        "message date",
        "date time",
        "datetime",
        "date",
        "time",
        "mottatt",
        "mottatt tidspunkt",
        "tidspunkt",
        "opprettet",
        "dato",
        "datum",
        "empfangen",
        "recibido",
        "fecha",
    ),
    "first_reply_at": (
        "first_reply_at",
        "first reply at",
        "first replied at",
        "first response at",
        "first reply date",
        "first response date",
        "first reply",
        "first response",
        "first reply time",
        "first reply date time",
        "first response date time",
        "replied at",
        "replied time",
        "reply sent at",
        "reply date",
        "reply time",
        "responded at",
        "response date",
        "første svar",
        "første svar tidspunkt",
        "besvart",
        "svart",
        "erste antwort",
    ),
    "first_reply_hours": (
        "first response time in hrs",
        "first response time hrs",
        "first response time hours",
        "first reply time hours",
        "first reply time in hours",
        "first response time",
        "response time hours",
        "response time",
        "svartid timer",
        "svartid",
    ),
    "first_reply_minutes": (
        "first reply time in minutes",
        "first reply time minutes",
        "first response time minutes",
        "first response time in minutes",
        "response time minutes",
        "response time in minutes",
        "svartid minutter",
    ),
    "first_reply_seconds": (
        "first reply time in seconds",
        "first reply time seconds",
        "first reply time sec",
        "first response time seconds",
        "first response time in seconds",
        "first response time sec",
        "response time seconds",
        "response time in seconds",
        "response time sec",
        "time to first response seconds",
        "time to first reply seconds",
    ),
    "handle_minutes": (
        "handle time minutes",
        "handle time in minutes",
        "handling time minutes",
        "handle time",
        "handling time",
        "time spent minutes",
        "time spent",
        "behandlingstid",
    ),
    "handle_seconds": (
        "handle time seconds",
        "handle time in seconds",
        "handling time seconds",
        "time spent seconds",
    ),
    "network": (
        "network",
        "social network",
        "channel",
        "platform",
        "source",
        "via",
        "kanal",
        "nettverk",
        "plattform",
    ),
    "message_type": (
        "message type",
        "type",
        "interaction type",
        "meldingstype",
        "type melding",
    ),
}
_INBOX_ALIASES: Final = aliases(_INBOX_NAMES)
_TZ_SUFFIX: Final = re.compile(r" (utc|gmt|et|est|edt|ct|pt|pst|pdt|cet|cest)( \d+)?$")


def _inbox_key(name: str) -> str:
    """Normalised header without a time-zone suffix ("Timestamp (UTC)")."""
    return _TZ_SUFFIX.sub("", normalise_header(name))


def _is_inbox_header(name: str) -> bool:
    return _inbox_key(name) in _INBOX_ALIASES


def _recognise_inbox(columns: list[str]) -> dict[str, str]:
    best: dict[str, tuple[int, str]] = {}
    for column in columns:
        hit = _INBOX_ALIASES.get(_inbox_key(column))
        if hit is None:
            continue
        standard, priority = hit
        if standard not in best or priority < best[standard][0]:
            best[standard] = (priority, column)
    return {column: standard for standard, (_, column) in best.items()}


@dataclass(frozen=True)
class InboxExport:
    """An inbox export read by :func:`read_inbox_export`.

    Attributes
    ----------
    data : pandas.DataFrame
        One row per inbound message: ``received_at`` (datetime),
        ``first_reply_at`` (datetime, ``NaT`` when not answered; absent if the
        export has no reply times) and, where the export has them,
        ``network`` and ``message_type`` (categorical, labels stripped of
        surrounding spaces).
    file_name : str
        The file's name.
    mapping : dict
        ``{column in the file: standard name}`` for the columns used.
    unrecognised_columns : tuple of str
        Columns in the file that were not used.
    notes : tuple of str
        Sentences for the user about what was done.
    """

    data: pd.DataFrame
    file_name: str
    mapping: dict[str, str]
    unrecognised_columns: tuple[str, ...]
    notes: tuple[str, ...]


_MAX_REPLY_HOURS: Final = 366 * 24


def _durations_hours(cells: pd.Series, *, name: str, column: str, unit_hours: float) -> np.ndarray:
    """Response durations in hours from numbers (in the column's unit) or
    ``h:mm:ss`` text."""
    text = cells.str.strip()
    clock = text.str.match(r"^\d+:\d{2}(:\d{2})?$")
    hours = np.full(len(text), np.nan)
    if clock.any():
        parts = text[clock].str.split(":", expand=True).astype(float)
        seconds = parts[0] * 3600 + parts[1] * 60
        if parts.shape[1] > 2:
            seconds = seconds + parts[2].fillna(0.0)
        hours[clock.to_numpy()] = (seconds / 3600).to_numpy()
    rest = ~clock.to_numpy()
    if rest.any():
        numbers = parse_numbers(
            cells[rest], name=name, column=column, default_decimal=".", signed=False
        )
        hours[rest] = numbers * unit_hours
    too_long = hours > _MAX_REPLY_HOURS
    if too_long.any():
        first = int(np.argmax(too_long))
        raise ExportError(
            gettext(
                "a duration of {iloc} is more than a year; expected a time in the column's unit"
            ).format(iloc=quote(text.iloc[first])),
            file_name=name,
            row=int(text.index[first]),
            column=column,
        )
    return hours


_DURATION_UNITS: Final = (
    ("first_reply_seconds", 1 / 3600, "seconds"),
    ("first_reply_minutes", 1 / 60, "minutes"),
    ("first_reply_hours", 1.0, "hours"),
)


def _unit_from_header(column: str) -> tuple[float, str]:
    """Hours per unit of a duration column, from its name (minutes if it does not say)."""
    key = normalise_header(column)
    if re.search(r"\b(sec|secs|seconds|sekunder)\b", key):
        return 1 / 3600, "seconds"
    if re.search(r"\b(hr|hrs|hour|hours|timer)\b", key):
        return 1.0, "hours"
    return 1 / 60, "minutes"


def _looks_like_durations(cells: pd.Series) -> bool:
    sample = cells[cells != ""].iloc[:200].str.strip()
    return bool(len(sample)) and bool(
        sample.str.match(r"^(\d+(?:[.,]\d+)?|\d+:\d{2}(?::\d{2})?)$").all()
    )


def _first_replies(
    frame: pd.DataFrame,
    by_standard: dict[str, str],
    received_at: np.ndarray,
    *,
    name: str,
    dayfirst: bool,
) -> tuple[np.ndarray | None, str | None, list[str]]:
    """First-reply times: from a time column (``First reply at``) or a duration
    added to the received time (``First reply time in minutes``, ``01:30:00``).

    A column named like a time that holds durations (``First reply time``:
    ``95``) is read as a duration in the unit its name gives, minutes if it
    gives none; the note says which.  No such column, or one with no value,
    is said in a note: the share answered is then not measured, never 0.
    """
    notes: list[str] = []
    column = by_standard.get("first_reply_at")
    if column is not None:
        cells = frame[column]
        if not (cells.to_numpy(dtype=object) != "").any():
            notes.append(
                gettext(
                    "Column '{column}' has no reply times, so the share answered and the reply "
                    "times are not measured."
                ).format(column=column)
            )
            return None, column, notes
        if not _looks_like_durations(cells):
            parsed, note = parse_dates(cells, name=name, column=column, dayfirst=dayfirst)
            if note:
                notes.append(note)
            return parsed.to_numpy().astype(received_at.dtype), column, notes
        unit_hours, unit = _unit_from_header(column)
    else:
        found = [(by_standard[s], h, u) for s, h, u in _DURATION_UNITS if s in by_standard]
        if found:
            column, unit_hours, unit = found[0]
        else:
            notes.append(
                gettext(
                    "The export has no first-reply column (such as 'First reply at', 'First "
                    "response time' or 'First reply time in minutes'), so the share answered and "
                    "the reply times are not measured; choose the column by hand if it has one."
                )
            )
            return None, None, notes
    hours = _durations_hours(frame[column], name=name, column=column, unit_hours=unit_hours)
    offsets = pd.to_timedelta(np.round(hours * 3600), unit="s").to_numpy()
    notes.append(
        gettext(
            "First replies were computed from the durations in '{column}' (read as {unit}; a "
            "time such as 01:30:00 as hours:minutes:seconds)."
        ).format(column=column, unit=_unit_words(unit))
    )
    return received_at + offsets, column, notes


def _unit_words(unit: str) -> str:
    """A duration's unit ("seconds", "minutes", "hours") in the current language."""
    words = {
        "seconds": gettext("seconds"),
        "minutes": gettext("minutes"),
        "hours": gettext("hours"),
    }
    return words.get(unit, unit)


def _handle_minutes(
    frame: pd.DataFrame, by_standard: dict[str, str], *, name: str
) -> np.ndarray | None:
    """Minutes of work per message, from a handle-time column if there is one."""
    for standard, unit_hours in (("handle_minutes", 1 / 60), ("handle_seconds", 1 / 3600)):
        column = by_standard.get(standard)
        if column is not None:
            if unit_hours == 1 / 60:
                unit_hours, _ = _unit_from_header(column)
            hours = _durations_hours(frame[column], name=name, column=column, unit_hours=unit_hours)
            return hours * 60
    return None


def sniff_inbox_columns(
    source: Source, file_name: str | None = None, *, max_bytes: int | None = None
) -> list[str]:
    """The column names of an inbox export, for a column-mapping step.

    >>> sniff_inbox_columns(b"Inbox\\n\\nWhen,Channel\\n2025-03-03 09:00,X\\n", "x.csv")
    ['When', 'Channel']
    """
    raw, name = load_bytes(source, file_name, max_bytes)
    return list(read_table(raw, name, _is_inbox_header).frame.columns)


def read_inbox_export(
    source: Source,
    file_name: str | None = None,
    *,
    mapping: Mapping[str, str] | None = None,
    max_bytes: int | None = None,
    time_budget_seconds: float | None = None,
) -> InboxExport:
    """Read an inbox export (CSV or .xlsx), one row per inbound message.

    Parameters
    ----------
    source : path, bytes or binary file
        The export; a dashboard upload gives bytes and ``file_name``.
    file_name : str, optional
        Name shown in messages.
    mapping : dict, optional
        ``{column in the file: standard name}`` overriding recognition; the
        standard names are :data:`INBOX_FIELDS`.
    max_bytes : int, optional
        Size limit (default :data:`socialcase.tables.MAX_UPLOAD_BYTES`).
    time_budget_seconds : float, optional
        Longest the reading may take before it stops and says so (default
        :data:`socialcase.tables.TIME_BUDGET_SECONDS`, 30 s).

    Returns
    -------
    InboxExport

    Raises
    ------
    ExportError
        As :func:`socialcase.imports.read_export`, and for a first reply
        before the message was received.

    Notes
    -----
    The received time comes from a column such as ``Received``,
    ``Timestamp`` (Sprout Social), ``Created at`` (Zendesk) or
    ``Created time`` (Freshdesk).  The first reply is either a time
    (``First reply at``, ``Replied at``) or a duration: ``First reply time in
    minutes`` (Zendesk) or ``First response time (in hrs)`` (Freshdesk,
    numbers or ``h:mm:ss``); a duration is added to the received time.
    Rows without a received time are skipped (and noted); times keep the
    export's wall-clock time zone.

    Examples
    --------
    >>> csv_text = (
    ...     "Received,Network,First reply at\\n"
    ...     "2025-03-03 09:00,Facebook,2025-03-03 10:30\\n"
    ...     "2025-03-03 21:15,Instagram,\\n"
    ... )
    >>> export = read_inbox_export(csv_text.encode(), "inbox.csv")
    >>> export.mapping
    {'Received': 'received_at', 'Network': 'network', 'First reply at': 'first_reply_at'}
    >>> export.data["first_reply_at"].isna().tolist()
    [False, True]
    """
    raw, name = load_bytes(source, file_name, max_bytes)
    budget = Budget(time_budget_seconds, name)
    chosen: dict[str, str] = {}
    all_columns: list[str] = []

    def select(columns: list[str]) -> list[str]:
        all_columns.extend(columns)
        auto = _recognise_inbox(columns)
        chosen.update(apply_user_mapping(auto, mapping, columns, INBOX_FIELDS, name))
        if "received_at" not in chosen.values():
            raise ExportError(
                gettext(
                    "found no column with the time each message was received; expected a column "
                    "such as 'Received', 'Received time', 'Timestamp', 'Created at' or 'Sent "
                    "time'. The columns are {join}"
                ).format(join=", ".join(quote(c, 40) for c in columns[:30])),
                file_name=name,
            )
        return [c for c in columns if c in chosen]

    def labels() -> list[str]:
        return [c for c, s in chosen.items() if s in ("network", "message_type")]

    table = read_table(raw, name, _is_inbox_header, select, budget=budget, labels=labels)
    frame = table.frame
    notes = list(table.notes)
    by_standard = {standard: column for column, standard in chosen.items()}
    received_column = by_standard["received_at"]
    dayfirst = table.delimiter == ";"
    received, note = parse_dates(
        frame[received_column], name=name, column=received_column, dayfirst=dayfirst
    )
    if note:
        notes.append(note)
    blank = received.isna().to_numpy()
    if blank.any():
        notes.append(
            gettext("Skipped {count} row(s) without a received time.").format(
                count=int(blank.sum())
            )
        )
        frame, received = frame[~blank], received[~blank]
        if frame.empty:
            raise ExportError(gettext("no rows with a received time"), file_name=name)
    received_at = received.to_numpy()
    data: dict[str, object] = {"received_at": received_at}
    budget.check("reading the received times")

    reply, reply_column, reply_notes = _first_replies(
        frame, by_standard, received_at, name=name, dayfirst=dayfirst
    )
    notes.extend(reply_notes)
    if reply is not None and reply_column is not None:
        early = (reply < received_at) & ~pd.isna(reply)
        if early.any():
            first = int(np.argmax(early))
            raise ExportError(
                gettext(
                    "the first reply is before the message was received; expected a reply time at "
                    "or after the received time"
                ),
                file_name=name,
                row=int(frame.index[first]),
                column=reply_column,
            )
        data["first_reply_at"] = reply
    handle = _handle_minutes(frame, by_standard, name=name)
    if handle is not None:
        data["handle_minutes"] = handle
    for standard in ("network", "message_type"):
        column = by_standard.get(standard)
        if column is not None:
            # Strip the few distinct labels rather than every cell; a
            # categorical column is as cheap to build as it is to count.
            cells = frame[column]
            if isinstance(cells.dtype, pd.CategoricalDtype):
                codes, names = cells.cat.codes.to_numpy(), cells.cat.categories.to_numpy()
            else:
                codes, names = pd.factorize(cells.to_numpy(dtype=object))
            merged, categories = pd.factorize(np.array([str(x).strip() for x in names]))
            data[standard] = pd.Categorical.from_codes(
                merged[codes], categories=pd.Index(categories, dtype="str")
            )
    out = pd.DataFrame(data)
    unrecognised = tuple(c for c in all_columns if c not in chosen)
    return InboxExport(
        data=out,
        file_name=name,
        mapping=dict(chosen),
        unrecognised_columns=unrecognised,
        notes=tuple(notes),
    )


@dataclass(frozen=True)
class InboxStats:
    """The inbound load measured from an inbox export.

    Attributes
    ----------
    messages_total : int
        Messages in the export.
    days_covered : int
        Calendar days from the first to the last message's day, inclusive.
    first_day, last_day : pandas.Timestamp
        The first and last day covered.
    messages_per_day : float
        ``messages_total / days_covered``.
    hour_of_week : pandas.DataFrame
        7 x 24 mean messages per hour: rows ``weekday`` (Monday=0), columns
        ``hour`` (0..23); each cell is the messages received in that hour on
        that weekday divided by how many of that weekday the period covers.
    messages_per_day_by_network : pandas.Series
        Messages a day per network (empty if the export has no network).
    messages_answered : int or None
        Messages with a first reply (``None`` if the export has no replies).
    share_answered : float or None
        ``messages_answered / messages_total`` (0..1).
    response_hours_p25, response_hours_p50, response_hours_p75, response_hours_p90 : float or None
        Percentiles of hours from receipt to first reply, over answered
        messages (linear interpolation); ``None`` with no answered messages.
    handle_minutes_p50 : float or None
        Median minutes of work per message, when the export has a handle time.
    response_hours : numpy.ndarray
        Hours from receipt to first reply of each answered message.
    answered_within_grid : tuple of int or None
        Answered messages whose first reply came within each of
        :data:`REPLY_TIME_GRID_HOURS` (cumulative counts); what a link carries in place of
        the per-message reply times. ``None`` without replies.
    """

    messages_total: int
    days_covered: int
    first_day: pd.Timestamp
    last_day: pd.Timestamp
    messages_per_day: float
    hour_of_week: pd.DataFrame
    messages_per_day_by_network: pd.Series
    messages_answered: int | None
    share_answered: float | None
    response_hours_p25: float | None
    response_hours_p50: float | None
    response_hours_p75: float | None
    response_hours_p90: float | None
    handle_minutes_p50: float | None = None
    response_hours: np.ndarray = field(
        default_factory=lambda: np.zeros(0), repr=False, compare=False
    )
    answered_within_grid: tuple[int, ...] | None = None

    def answered_within_per_week(self, hours: float) -> float | None:
        """Messages a week answered within ``hours`` of arriving.

        ``count(wait <= hours) / days_covered * 7`` from the per-message reply times; for
        statistics that came in a link (which carry the counts at
        :data:`REPLY_TIME_GRID_HOURS` instead), the count is read off that grid, exact at
        its points and linear between them (from 0 at 0 hours; all answered beyond
        168 h). ``None`` without reply times.
        """
        if self.messages_answered is None:
            return None
        if self.response_hours.size == self.messages_answered:
            count = float((self.response_hours <= hours).sum())
        elif self.answered_within_grid is not None:
            grid = np.array((0.0, *REPLY_TIME_GRID_HOURS))
            counts = np.array((0, *self.answered_within_grid), dtype=float)
            count = float(np.interp(hours, grid, counts, right=self.messages_answered))
        else:
            return None
        return count / self.days_covered * 7


_SECONDS_PER_DAY: Final = 86_400

#: Reply times (hours) at which a link carries how many messages were answered within them:
#: every quarter hour to 4 h, every hour to 48 h, every 6 h to a week (80 points).
REPLY_TIME_GRID_HOURS: Final = (
    *(quarter / 4 for quarter in range(1, 17)),
    *(float(hour) for hour in range(5, 49)),
    *(float(hour) for hour in range(54, 169, 6)),
)


def answered_within_grid(response_hours: np.ndarray) -> tuple[int, ...]:
    """How many of `response_hours` are at most each of :data:`REPLY_TIME_GRID_HOURS`.

    >>> answered_within_grid(np.array([0.1, 0.3, 2.0, 30.0, 200.0]))[:3]
    (1, 2, 2)
    >>> answered_within_grid(np.array([0.1, 0.3, 2.0, 30.0, 200.0]))[-1]
    4
    """
    ordered = np.sort(response_hours)
    return tuple(int(c) for c in np.searchsorted(ordered, REPLY_TIME_GRID_HOURS, side="right"))


def inbox_stats(export: InboxExport | pd.DataFrame) -> InboxStats:
    """Messages a day, hour-of-week pattern, share answered, reply times.

    Parameters
    ----------
    export : InboxExport or pandas.DataFrame
        From :func:`read_inbox_export`, or a frame with a ``received_at``
        column and optionally ``first_reply_at`` and ``network``.

    Returns
    -------
    InboxStats

    Notes
    -----
    With ``n`` messages over ``D`` covered calendar days (first to last
    message's day, inclusive; partly covered end days count as whole days):
    ``messages_per_day = n / D``; ``hour_of_week[w, h] = count(w, h) /
    days(w)``, where ``days(w)`` is how many weekday ``w`` the period holds;
    ``share_answered = answered / n``; response times are
    ``first_reply_at - received_at`` in hours over answered messages.
    Everything is computed with whole-array numpy operations.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "received_at": pd.to_datetime(["2025-03-03 09:10", "2025-03-03 09:40",
    ...                                    "2025-03-04 22:00"]),
    ...     "first_reply_at": pd.to_datetime(["2025-03-03 10:10", None, None]),
    ... })
    >>> stats = inbox_stats(frame)
    >>> stats.days_covered, stats.messages_per_day, round(stats.share_answered, 3)
    (2, 1.5, 0.333)
    >>> float(stats.hour_of_week.loc[0, 9]), stats.response_hours_p50
    (2.0, 1.0)
    """
    frame = export.data if isinstance(export, InboxExport) else export
    if "received_at" not in frame.columns:
        raise ValueError("the inbox data needs a 'received_at' column")
    received_all = pd.DatetimeIndex(frame["received_at"])
    if received_all.tz is not None:
        received_all = received_all.tz_localize(None)
    keep = ~np.asarray(received_all.isna())
    received = received_all[keep]
    n = len(received)
    if n == 0:
        raise ValueError("the inbox data holds no messages with a received time")
    seconds = received.as_unit("s").asi8
    day = np.floor_divide(seconds, _SECONDS_PER_DAY)
    first, last = int(day.min()), int(day.max())
    days_covered = last - first + 1
    # 1970-01-01 was a Thursday: weekday 3 with Monday=0.
    weekday = (day + 3) % 7
    hour = np.floor_divide(seconds, 3600) % 24
    counts = np.bincount(weekday * 24 + hour, minlength=168).reshape(7, 24)
    weekdays_in_period = np.bincount((np.arange(first, last + 1) + 3) % 7, minlength=7)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_hour = np.where(
            weekdays_in_period[:, None] > 0, counts / weekdays_in_period[:, None], np.nan
        )
    hour_of_week = pd.DataFrame(
        per_hour,
        index=pd.RangeIndex(7, name="weekday"),
        columns=pd.RangeIndex(24, name="hour"),
    )
    if "network" in frame.columns:
        networks = frame["network"][keep]
        by_network = networks.value_counts(sort=True).astype(float) / days_covered
        by_network.name = "messages_per_day"
    else:
        by_network = pd.Series(dtype=float, name="messages_per_day")

    answered: int | None = None
    share: float | None = None
    percentiles: list[float | None] = [None, None, None, None]
    hours = np.zeros(0)
    if "first_reply_at" in frame.columns:
        reply = pd.DatetimeIndex(frame["first_reply_at"])
        if reply.tz is not None:
            reply = reply.tz_localize(None)
        reply = reply[keep]
        replied = ~np.asarray(reply.isna())
        answered = int(replied.sum())
        share = answered / n
        if answered:
            wait = reply[replied].as_unit("s").asi8 - seconds[replied]
            hours = wait / 3600.0
            percentiles = [float(v) for v in np.percentile(hours, [25, 50, 75, 90])]
    handle: float | None = None
    if "handle_minutes" in frame.columns:
        minutes = np.asarray(frame["handle_minutes"], dtype=float)[keep]
        if np.isfinite(minutes).any():
            handle = float(np.nanmedian(minutes))
    origin = pd.Timestamp("1970-01-01")
    return InboxStats(
        messages_total=n,
        days_covered=days_covered,
        first_day=origin + pd.Timedelta(days=first),
        last_day=origin + pd.Timedelta(days=last),
        messages_per_day=n / days_covered,
        hour_of_week=hour_of_week,
        messages_per_day_by_network=by_network,
        messages_answered=answered,
        share_answered=share,
        response_hours_p25=percentiles[0],
        response_hours_p50=percentiles[1],
        response_hours_p75=percentiles[2],
        response_hours_p90=percentiles[3],
        handle_minutes_p50=handle,
        response_hours=hours,
        answered_within_grid=answered_within_grid(hours) if answered is not None else None,
    )


class EngagementInputs(TypedDict):
    """Scenario inputs measured from the user's inbox (a plain dict)."""

    inbound_per_day: float
    handle_time_minutes: float | None
    share_answered: float | None
    reply_share: float | None  # the share answered; kept for callers of earlier versions
    response_hours_p50: float | None
    days_covered: int
    inbound_hour_profile: tuple[float, ...]  # mean messages in each hour, Monday 00-01 first
    note: str


def engagement_inputs(stats: InboxStats) -> EngagementInputs:
    """Scenario inputs for step 3 from measured inbox statistics.

    ``inbound_per_day`` replaces the default of 129 (Sprout Social's average
    inbound engagements a day); ``handle_time_minutes`` is the measured
    median handle time, when the export has one.  ``share_answered`` is what
    the team answered: it is not the share that *needs* a reply (a team that
    is short of time answers less than needs it, and answers some that need
    none), so it is reported, not put into the model.  ``note`` says so.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "received_at": pd.date_range("2025-03-03", periods=336, freq="2h"),
    ...     "first_reply_at": pd.NaT,
    ... })
    >>> inputs = engagement_inputs(inbox_stats(frame))
    >>> inputs["inbound_per_day"], inputs["share_answered"]
    (12.0, 0.0)
    >>> inputs["inbound_hour_profile"][:4]  # one message every 2 hours, from midnight
    (1.0, 0.0, 1.0, 0.0)
    >>> print(inputs["note"])  # doctest: +NORMALIZE_WHITESPACE
    Your inbox export covers 28 days: 12.0 inbound messages a day and the hours of the
    week they arrive in; these replace the industry defaults. Your team answered 0% of
    them; the share that needs a reply stays yours to set.
    """
    facts = {
        "days": stats.days_covered,
        "per_day": decimal(stats.messages_per_day, 1, grouped=False),
    }
    if stats.handle_minutes_p50 is not None:
        measured = gettext(
            "Your inbox export covers {days} days: {per_day} inbound messages a day, a median "
            "handle time of {handle} minutes and the hours of the week they arrive in; these "
            "replace the industry defaults."
        ).format(**facts, handle=decimal(stats.handle_minutes_p50, 1, grouped=False))
    else:
        measured = gettext(
            "Your inbox export covers {days} days: {per_day} inbound messages a day and the "
            "hours of the week they arrive in; these replace the industry defaults."
        ).format(**facts)
    parts = [measured]
    if stats.share_answered is None:
        parts.append(" " + gettext("It has no reply times, so the share answered is not measured."))
    else:
        parts.append(
            " "
            + gettext(
                "Your team answered {share} of them; the share that needs a reply stays yours "
                "to set."
            ).format(share=percent(stats.share_answered))
        )
    return EngagementInputs(
        inbound_per_day=stats.messages_per_day,
        handle_time_minutes=stats.handle_minutes_p50,
        share_answered=stats.share_answered,
        reply_share=stats.share_answered,
        response_hours_p50=stats.response_hours_p50,
        days_covered=stats.days_covered,
        inbound_hour_profile=hour_profile(stats),
        note="".join(parts),
    )


def hour_profile(stats: InboxStats) -> tuple[float, ...]:
    """The 168 mean messages an hour of the week (Monday 00-01 first), to 4 significant digits.

    ``hour_of_week`` row by row (weekday, then hour); a weekday the export does not cover
    counts as no messages. The backlog model's `arrival_profile` takes it as weights.
    """
    means = np.nan_to_num(stats.hour_of_week.to_numpy(dtype=float)).ravel()
    return tuple(float(f"{m:.4g}") for m in means)
