"""Measure the real inbound load from an inbox export.

Serves step 3 of the case, "Sign 2: you miss engagement": messages a day,
when they arrive, the share answered and how long replies take, from the
team's own inbox export instead of the industry defaults.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final, TypedDict

import numpy as np
import pandas as pd

from socialcase.errors import ExportError
from socialcase.imports import apply_user_mapping
from socialcase.tables import (
    Source,
    aliases,
    load_bytes,
    normalise_header,
    parse_dates,
    parse_numbers,
    read_table,
)

__all__ = [
    "INBOX_FIELDS",
    "EngagementInputs",
    "InboxExport",
    "InboxStats",
    "engagement_inputs",
    "inbox_stats",
    "read_inbox_export",
]

INBOX_FIELDS: Final = (
    "received_at",
    "first_reply_at",
    "first_reply_hours",
    "first_reply_minutes",
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
        "replied at",
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
        "svartid minutter",
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
            f"a first reply after {text.iloc[first]} is more than a year; expected a "
            "response time in the column's unit",
            file_name=name,
            row=int(text.index[first]),
            column=column,
        )
    return hours


def read_inbox_export(
    source: Source,
    file_name: str | None = None,
    *,
    mapping: Mapping[str, str] | None = None,
    max_bytes: int | None = None,
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
    chosen: dict[str, str] = {}
    all_columns: list[str] = []

    def select(columns: list[str]) -> list[str]:
        all_columns.extend(columns)
        auto = _recognise_inbox(columns)
        chosen.update(apply_user_mapping(auto, mapping, columns, INBOX_FIELDS, name))
        if "received_at" not in chosen.values():
            raise ExportError(
                "found no column with the time each message was received; expected a "
                "column such as 'Received', 'Timestamp' or 'Created at'. The columns are "
                f"{', '.join(repr(c) for c in columns)}",
                file_name=name,
            )
        return [c for c in columns if c in chosen]

    def labels() -> list[str]:
        return [c for c, s in chosen.items() if s in ("network", "message_type")]

    table = read_table(raw, name, _is_inbox_header, select, labels=labels)
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
        notes.append(f"Skipped {int(blank.sum())} row(s) without a received time.")
        frame, received = frame[~blank], received[~blank]
        if frame.empty:
            raise ExportError("no rows with a received time", file_name=name)
    received_at = received.to_numpy()
    data: dict[str, object] = {"received_at": received_at}

    reply: np.ndarray | None = None
    reply_column = by_standard.get("first_reply_at")
    if reply_column is not None:
        cells = frame[reply_column]
        if (cells.to_numpy(dtype=object) != "").any():
            parsed, note = parse_dates(cells, name=name, column=reply_column, dayfirst=dayfirst)
            reply = parsed.astype(received.dtype).to_numpy()
            if note:
                notes.append(note)
        else:
            reply = np.full(len(cells), np.datetime64("NaT"), dtype=received.to_numpy().dtype)
    else:
        for standard, unit_hours in (("first_reply_hours", 1.0), ("first_reply_minutes", 1 / 60)):
            duration_column = by_standard.get(standard)
            if duration_column is None:
                continue
            reply_column = duration_column
            hours = _durations_hours(
                frame[duration_column], name=name, column=duration_column, unit_hours=unit_hours
            )
            seconds = np.round(hours * 3600)
            offsets = pd.to_timedelta(seconds, unit="s").to_numpy()
            reply = received_at + offsets
            notes.append(f"First replies were computed from the durations in '{reply_column}'.")
            break
    if reply is not None and reply_column is not None:
        early = (reply < received_at) & ~pd.isna(reply)
        if early.any():
            first = int(np.argmax(early))
            raise ExportError(
                "the first reply is before the message was received; expected a reply "
                "time at or after the received time",
                file_name=name,
                row=int(frame.index[first]),
                column=reply_column,
            )
        data["first_reply_at"] = reply
    for standard in ("network", "message_type"):
        column = by_standard.get(standard)
        if column is not None:
            # Strip the few distinct labels rather than every cell; a
            # categorical column is as cheap to build as it is to count.
            cells = frame[column]
            if isinstance(cells.dtype, pd.CategoricalDtype):
                codes, labels = cells.cat.codes.to_numpy(), cells.cat.categories.to_numpy()
            else:
                codes, labels = pd.factorize(cells.to_numpy(dtype=object))
            merged, categories = pd.factorize(np.array([str(x).strip() for x in labels]))
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


_SECONDS_PER_DAY: Final = 86_400


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
    )


class EngagementInputs(TypedDict):
    """Scenario inputs measured from the user's inbox (a plain dict)."""

    inbound_per_day: float
    reply_share: float | None
    response_hours_p50: float | None
    days_covered: int
    note: str


def engagement_inputs(stats: InboxStats) -> EngagementInputs:
    """Scenario inputs for step 3 from measured inbox statistics.

    ``inbound_per_day`` replaces the default of 129 (Sprout Social's average
    inbound engagements a day).  ``reply_share`` is the share the team
    answered, which is a lower bound on the share that needs a reply.
    ``note`` is a sentence for the user saying so.

    Examples
    --------
    >>> frame = pd.DataFrame({
    ...     "received_at": pd.date_range("2025-03-03", periods=336, freq="2h"),
    ...     "first_reply_at": pd.NaT,
    ... })
    >>> inputs = engagement_inputs(inbox_stats(frame))
    >>> inputs["inbound_per_day"], inputs["reply_share"]
    (12.0, 0.0)
    >>> print(inputs["note"])  # doctest: +NORMALIZE_WHITESPACE
    These replace the industry defaults: your inbox export covers 28 days with
    12.0 inbound messages a day, and your team answered 0% of them.
    """
    if stats.share_answered is None:
        answered = "; it has no reply times, so the share needing a reply stays at its default"
    else:
        answered = f", and your team answered {stats.share_answered:.0%} of them"
    note = (
        f"These replace the industry defaults: your inbox export covers "
        f"{stats.days_covered} days with {stats.messages_per_day:.1f} inbound messages "
        f"a day{answered}."
    )
    return EngagementInputs(
        inbound_per_day=stats.messages_per_day,
        reply_share=stats.share_answered,
        response_hours_p50=stats.response_hours_p50,
        days_covered=stats.days_covered,
        note=note,
    )
