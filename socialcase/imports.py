"""Read the user's own analytics exports (CSV or Excel) into one tidy table.

Serves step 2, "Sign 1: growth has stalled", with the team's own follower,
reach and engagement numbers in place of the sample data.

The generic format is a table with a date column and one column per metric::

    date,followers,reach,impressions,engagements,messages
    2025-01-01,10234,3120,5012,88,130

Exports from Meta Business Suite / Facebook Page insights, Instagram,
LinkedIn page analytics, X (Twitter), TikTok, YouTube Studio, Sprout Social,
Hootsuite and Buffer are recognised by their column names (in English and,
for the common names, Norwegian, Swedish, Danish, German, Spanish and
French).  Columns that are not recognised are listed so the user can map
them by hand (``read_export(..., mapping={"Likes totalt": "followers"})``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from socialcase.errors import ExportError
from socialcase.formatting import number
from socialcase.i18n import gettext, ngettext
from socialcase.tables import (
    MAX_UPLOAD_BYTES,
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
    "MAX_UPLOAD_BYTES",
    "STANDARD_METRICS",
    "ExportError",
    "ImportedExport",
    "apply_user_mapping",
    "read_export",
    "sniff_columns",
]


STANDARD_METRICS: Final = (
    "followers",
    "new_followers",
    "reach",
    "impressions",
    "engagements",
    "reactions",
    "comments",
    "shares",
    "clicks",
    "views",
    "video_views",
    "profile_visits",
    "posts",
    "messages",
)
"""Standard metric columns, in the order they appear in imported data.

``followers`` is the running total; ``new_followers`` the net change in a
period (it may be negative); the others are counts in the period (a day or a
week).
"""

# Metrics that may legitimately be negative (net changes).
_SIGNED: Final = frozenset({"new_followers"})

# Gross gains of followers and the column of losses an export writes beside them (X's
# 2024+ overview: "New follows" and "Unfollows"; YouTube Studio: "Subscribers gained" and
# "Subscribers lost"). new_followers is the net change, so the losses are subtracted.
_FOLLOWER_LOSSES: Final = {
    "new follows": "unfollows",
    "follows": "unfollows",
    "subscribers gained": "subscribers lost",
    "followers gained": "followers lost",
}


@dataclass(frozen=True)
class ImportedExport:
    """An analytics export read by :func:`read_export`.

    Attributes
    ----------
    data : pandas.DataFrame
        Indexed by ``date`` (one row per day or week, gaps kept as missing
        rows), float columns named from :data:`STANDARD_METRICS`.
    file_name : str
        The file's name.
    date_column : str
        The file's column that holds the dates.
    mapping : dict
        ``{column in the file: standard name}`` for every column used,
        including the date column (mapped to ``"date"``).
    unrecognised_columns : tuple of str
        Columns in the file that were not used.
    notes : tuple of str
        Sentences for the user about what was done, e.g.
        ``"Summed 29 posts into 16 days."``
    frequency : str
        ``"daily"``, ``"weekly"``, ``"monthly"`` or ``"irregular"``.
    recognised_as : str
        The export recognised from its columns, e.g.
        ``"LinkedIn page analytics"``, or ``"generic"``.
    """

    data: pd.DataFrame
    file_name: str
    date_column: str
    mapping: dict[str, str]
    unrecognised_columns: tuple[str, ...]
    notes: tuple[str, ...]
    frequency: str
    recognised_as: str


# --------------------------------------------------------------------------
# Column names
# --------------------------------------------------------------------------


# Known column names per standard name, most specific first.  Sources: the
# export files and help pages of each platform (Meta Business Suite and the
# legacy Facebook Insights export, Instagram Insights, LinkedIn page
# analytics, X/Twitter account analytics, TikTok, YouTube Studio, Sprout
# Social profile reports, Hootsuite Analytics, Buffer Analyze).
_METRIC_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "date": (
        "date",
        "day",
        "dato",
        "datum",
        "fecha",
        "data",
        "date utc",
        "reporting date",
        "report date",
        "period",
        "periode",
        "week",
        "uke",
        "time",
        "tid",
        "jour",
        "tag",
        "dag",
        "date gmt",
        "posted",
        "post date",
        "date posted",
        "publish time",
        "published",
        "publish date",
        "post time",
        "video publish time",
        "created date",
        "created",
        "created at",
        "date created",
    ),
    "followers": (
        "followers",
        "total followers",
        "followers total",
        "follower count",
        "followers count",
        "lifetime total followers",
        "lifetime total likes",
        "page followers",
        "facebook page followers",
        "instagram followers",
        "total page likes",
        "page total likes",
        "page likes",
        "facebook page likes",
        "fans",
        "audience",
        "total audience",
        "subscribers",
        "følgere",
        "antall følgere",
        "følgere totalt",
        "totalt antall følgere",
        "följare",
        "antal följare",
        "antal følgere",
        "follower",
        "abonnenten",
        "seguidores",
        "abonnés",
        "abonnes",
    ),
    "new_followers": (
        "new followers",
        "net new followers",
        "net followers",
        "net follower growth",
        "net audience growth",
        "follower growth",
        "followers gained",
        "new follows",
        "follows",
        "daily new likes",
        "new likes",
        "new page likes",
        "difference in followers from previous day",
        "subscribers gained",
        "nye følgere",
        "netto nye følgere",
        "nya följare",
        "neue follower",
        "nuevos seguidores",
        "nouveaux abonnés",
    ),
    "reach": (
        "reach",
        "total reach",
        "daily total reach",
        "page reach",
        "facebook page reach",
        "facebook reach",
        "instagram reach",
        "accounts reached",
        "post reach",
        "lifetime post total reach",
        "unique impressions",
        "unique impressions organic",
        "rekkevidde",
        "räckvidd",
        "rækkevidde",
        "reichweite",
        "alcance",
        "portée",
        "portee",
    ),
    "impressions": (
        "impressions",
        "total impressions",
        "impressions total",
        "daily total impressions",
        "page impressions",
        "post impressions",
        "lifetime post total impressions",
        "visninger",
        "eksponeringer",
        "visningar",
        "visninger i alt",
        "impressionen",
        "impresiones",
    ),
    "engagements": (
        "engagements",
        "engagement",
        "total engagements",
        "post engagements",
        "daily page engaged users",
        "lifetime engaged users",
        "engaged users",
        "interactions",
        "total interactions",
        "content interactions",
        "engasjement",
        "engasjementer",
        "interaksjoner",
        "innholdsinteraksjoner",
        "interaktioner",
        "interaktionen",
        "interacciones",
    ),
    "reactions": (
        "reactions",
        "reactions total",
        "likes",
        "total likes",
        "likes and reactions",
        "reaksjoner",
        "liker",
        "me gusta",
        "reaktioner",
        "reaktionen",
        "reacciones",
    ),
    "comments": (
        "comments",
        "comments total",
        "total comments",
        "replies",
        "comments added",
        "kommentarer",
        "kommentare",
        "comentarios",
    ),
    "shares": (
        "shares",
        "shares total",
        "total shares",
        "reposts",
        "reposts total",
        "retweets",
        "delinger",
        "delningar",
        "compartidos",
        "veces compartido",
    ),
    "clicks": (
        "clicks",
        "clicks total",
        "link clicks",
        "url clicks",
        "post link clicks",
        "klikk",
        "lenkeklikk",
        "klick",
        "klicks",
        "clics",
    ),
    "views": ("views", "total views", "visninger av innhold", "aufrufe", "visualizaciones"),
    "video_views": (
        "video views",
        "media views",
        "videovisninger",
        "videoaufrufe",
        "visualizaciones de vídeos",
        "visualizaciones de videos",
    ),
    "profile_visits": (
        "profile visits",
        "profile views",
        "user profile clicks",
        "page views",
        "page visits",
        "total page views total",
        "facebook page visits",
        "instagram profile visits",
        "profilbesøk",
        "sidevisninger",
        "visualizaciones del perfil",
    ),
    "posts": (
        "posts",
        "published posts",
        "published posts total",
        "posts published",
        "tweets published",
        "tweets",
        "total content",
        "innlegg",
        "publiserte innlegg",
    ),
    "messages": (
        "messages",
        "received messages",
        "messages received",
        "inbound messages",
        "new messages",
        "total received messages",
        "received messages total",
        "meldinger",
        "mottatte meldinger",
        "innkommende meldinger",
    ),
}
_METRIC_ALIASES: Final = aliases(_METRIC_NAMES)
_FOOTER_WORDS: Final = frozenset(
    {"total", "totals", "sum", "totalt", "summe", "average", "gjennomsnitt", "snitt", "grand total"}
)


_FOOTER_FORMS: Final = sorted(
    {f for w in _FOOTER_WORDS for f in (w, w.title(), w.upper(), w.capitalize(), w + ":")}
)
_TEXT_COLUMNS_READ: Final = 4


def _is_metric_header(name: str) -> bool:
    return normalise_header(name) in _METRIC_ALIASES


# --------------------------------------------------------------------------
# Recognising exports
# --------------------------------------------------------------------------


def _recognise(
    columns: list[str], titles: tuple[str, ...]
) -> tuple[str, dict[str, str], list[str]]:
    """``(export name, {column: standard}, notes)`` from the column names."""
    normal = {c: normalise_header(c) for c in columns}
    names = set(normal.values())
    overrides: dict[str, str] = {}
    notes: list[str] = []
    recognised_as = "generic"
    if {"sponsored followers", "organic followers", "total followers"} <= names:
        recognised_as = "LinkedIn page analytics (followers)"
        overrides["total followers"] = "new_followers"
        notes.append(
            gettext(
                "LinkedIn's 'Total followers' column counts new followers each day; "
                "it was read as new_followers."
            )
        )
    elif any(n.endswith(" total") for n in names) and "impressions total" in names:
        recognised_as = "LinkedIn page analytics (content)"
    elif "watch time hours" in names or {"content", "video publish time"} <= names:
        recognised_as = "YouTube Studio"
        overrides["subscribers"] = "new_followers"
        if "subscribers" in names:
            notes.append(
                gettext(
                    "YouTube's 'Subscribers' column is the net change each day; it was read "
                    "as new_followers."
                )
            )
    elif names & {"lifetime total likes", "daily new likes", "daily total reach"}:
        recognised_as = "Facebook Page insights"
    elif "lifetime post total reach" in names:
        recognised_as = "Facebook post insights"
    elif {"account username", "publish time", "permalink"} <= names:
        recognised_as = "Meta Business Suite posts (Instagram or Facebook)"
    elif "tweet permalink" in names:
        recognised_as = "X (Twitter) tweet activity"
    elif "post link" in names and "post id" in names:
        recognised_as = "X (Twitter) content analytics"
    elif names & {"tweets published", "new follows", "user profile clicks", "bookmarks"}:
        recognised_as = "X (Twitter) analytics"
    elif "difference in followers from previous day" in names or (
        {"video views", "profile views"} <= names
    ):
        recognised_as = "TikTok analytics"
    elif names & {"net audience growth", "audience"}:
        recognised_as = "Sprout Social"
    elif names == {"date", "primary"} and titles:
        recognised_as = "Meta Business Suite"
        title = normalise_header(" ".join(titles))
        for words, standard in (
            (("follows",), "new_followers"),
            (("followers", "likes"), "followers"),
            (("reach",), "reach"),
            (("impressions",), "impressions"),
            (("views",), "views"),
            (("interactions", "engagement"), "engagements"),
            (("visits",), "profile_visits"),
        ):
            if any(re.search(rf"\b{w}\b", title) for w in words):
                overrides["primary"] = standard
                notes.append(
                    gettext(
                        "The 'Primary' column was read as {metric} from the title above it."
                    ).format(metric=standard)
                )
                break

    best: dict[str, tuple[int, str]] = {}
    for column in columns:
        key = normal[column]
        if key in overrides:
            standard, priority = overrides[key], -1
        elif key in _METRIC_ALIASES:
            standard, priority = _METRIC_ALIASES[key]
        else:
            continue
        if standard not in best or priority < best[standard][0]:
            best[standard] = (priority, column)
    mapping = {column: standard for standard, (_, column) in best.items()}
    for column in columns:
        key = normal[column]
        if column not in mapping and (key in _METRIC_ALIASES or key in overrides):
            standard = overrides.get(key) or _METRIC_ALIASES[key][0]
            if standard == "date":
                continue  # other date columns are fallbacks, see _date_candidates
            used = next(c for c, s in mapping.items() if s == standard)
            notes.append(
                gettext("Column '{column}' also looks like {metric}; used '{used}'.").format(
                    column=column, metric=standard, used=used
                )
            )
    return recognised_as, mapping, notes


def apply_user_mapping(
    auto: dict[str, str],
    user: Mapping[str, str] | None,
    columns: list[str],
    allowed: tuple[str, ...],
    name: str,
) -> dict[str, str]:
    """Automatic mapping overridden by the user's ``{column: standard}``."""
    if not user:
        return dict(auto)
    mapping = dict(auto)
    for column, standard in user.items():
        if column not in columns:
            raise ExportError(
                gettext(
                    "the mapping names a column the file does not have; its columns are "
                    "{list_columns}"
                ).format(list_columns=_list_columns(columns)),
                file_name=name,
                column=column,
            )
        if standard not in allowed:
            raise ExportError(
                gettext("cannot map to '{standard}'; expected one of {join}").format(
                    standard=standard, join=", ".join(allowed)
                ),
                file_name=name,
                column=column,
            )
    targets = set(user.values())
    for column in [c for c, s in mapping.items() if s in targets or c in user]:
        del mapping[column]
    mapping.update(user)
    return mapping


def sniff_columns(
    source: Source, file_name: str | None = None, *, max_bytes: int | None = None
) -> list[str]:
    """The column names of an export, for a column-mapping step.

    Finds the header row (below any title or notes rows) the same way
    :func:`read_export` does.

    Examples
    --------
    >>> sniff_columns(b"Page report\\n\\nDato;Folgere;Likes totalt\\n01.02.2025;10;3\\n", "x.csv")
    ['Dato', 'Folgere', 'Likes totalt']
    """
    raw, name = load_bytes(source, file_name, max_bytes)
    return list(read_table(raw, name, _is_metric_header).frame.columns)


def _frequency(index: pd.DatetimeIndex) -> str:
    """``"daily"``, ``"weekly"``, ``"monthly"`` or ``"irregular"`` from the
    shortest step between (sorted, distinct) dates, so gaps do not matter."""
    if len(index) < 2:
        return "daily"
    days = np.diff(index.to_numpy()).astype("timedelta64[s]").astype(float) / 86_400
    step = float(days.min())
    if step <= 1:
        return "daily"
    if step == 7 and bool(np.all(days % 7 == 0)):
        return "weekly"
    if 28 <= step <= 31 and float(np.median(days)) <= 31:
        return "monthly"
    return "irregular"


def read_export(
    source: Source,
    file_name: str | None = None,
    *,
    mapping: Mapping[str, str] | None = None,
    max_bytes: int | None = None,
    time_budget_seconds: float | None = None,
) -> ImportedExport:
    """Read an analytics export (CSV or .xlsx) into a tidy table by date.

    Parameters
    ----------
    source : path, bytes or binary file
        The export.  A dashboard upload gives bytes and ``file_name``.
    file_name : str, optional
        Name shown in messages (default: the path's name, or ``"upload"``).
    mapping : dict, optional
        ``{column in the file: standard name}`` to use instead of (or in
        addition to) automatic recognition; the standard names are ``"date"``
        and :data:`STANDARD_METRICS`.
    max_bytes : int, optional
        Size limit (default :data:`MAX_UPLOAD_BYTES`, 50 MB).
    time_budget_seconds : float, optional
        Longest the reading may take before it stops and says so (default
        :data:`socialcase.tables.TIME_BUDGET_SECONDS`, 30 s).

    Returns
    -------
    ImportedExport

    Raises
    ------
    ExportError
        For an empty, oversized, damaged, encrypted or non-table file, a
        missing or unreadable date column, text or negative counts in a
        metric column; the message names the file, the row or column, and
        what was expected.

    Notes
    -----
    What it handles:

    * CSV with ``,``, ``;``, tab or ``|`` separators (Excel's ``sep=`` line
      too), UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252;
      .xlsx (the sheet with the most recognised column names).
    * Title or notes rows above the header, blank rows, a description row
      under the header (Facebook's legacy export), and a ``Total`` row.
    * Numbers with thousands separators (``1,234``, ``1 234``, ``1.234``) and
      decimal commas (``1.234,5``); the decimal mark is judged per column,
      defaulting to a comma in ``;``-separated files.
    * Dates as exports write them (see :func:`socialcase.tables.parse_dates`):
      ``2025-01-31``, ``31.01.2025``, ``01/31/2025``, ``Mon Feb 17 2025``,
      ``"Tue, Feb 18, 2025"``, ``8 de marzo`` (the year from the file name),
      timestamps such as ``Posted`` or ``Video publish time``; a date column
      that holds no dates (Meta's ``Date`` = ``Lifetime``) falls back to the
      next date-like column.
    * Several rows a day (one per post, per video, per profile): flows are
      summed per day, running totals (followers) take the day's last value
      (summed over profiles); the note says how many rows went into how
      many days.  A ``Total`` row is left out and checked against the sum.
    * Gaps: daily (or evenly weekly) data get a row for each missing date,
      left empty; nothing is filled in.

    Examples
    --------
    >>> csv_text = (
    ...     "Page analytics export\\n"
    ...     "Dato;Følgere;Rekkevidde\\n"
    ...     "01.01.2025;1.234;310\\n"
    ...     "02.01.2025;1.240;295\\n"
    ...     "04.01.2025;1.251;402\\n"
    ... )
    >>> export = read_export(csv_text.encode("cp1252"), "side.csv")
    >>> export.data  # doctest: +NORMALIZE_WHITESPACE
                followers  reach
    date
    2025-01-01     1234.0  310.0
    2025-01-02     1240.0  295.0
    2025-01-03        NaN    NaN
    2025-01-04     1251.0  402.0
    >>> export.mapping
    {'Dato': 'date', 'Følgere': 'followers', 'Rekkevidde': 'reach'}
    >>> export.notes[-1]
    '1 missing date (a gap in the export) is left empty.'
    """
    budget = Budget(time_budget_seconds, file_name or "upload")
    raw, name = load_bytes(source, file_name, max_bytes)
    budget.file_name = name
    all_columns: list[str] = []
    metric_columns: list[str] = []

    def select(names: list[str]) -> list[str]:
        """The columns worth reading: recognised ones, the user's, and the
        first few others (they may say 'Total' or name the post)."""
        all_columns.extend(names)
        _, recognised, _ = _recognise(names, ())
        chosen_here = apply_user_mapping(
            recognised, mapping, names, ("date", *STANDARD_METRICS), name
        )
        metric_columns.extend(c for c, s in chosen_here.items() if s != "date")
        wanted = set(recognised) | set(mapping or ())
        others = [c for c in names if c not in wanted][:_TEXT_COLUMNS_READ]
        wanted |= set(others) | set(_date_candidates(names, recognised, None))
        wanted |= {c for c in names if normalise_header(c) in _GROUP_HEADERS | _ITEM_HEADERS}
        wanted |= {c for c in names if normalise_header(c) in _FOLLOWER_LOSSES.values()}
        return [c for c in names if c in wanted]

    table = read_table(
        raw, name, _is_metric_header, select, budget=budget, numbers=lambda: metric_columns
    )
    frame = table.frame
    columns = list(frame.columns)
    notes = list(table.notes)
    recognised_as, auto, recognise_notes = _recognise(columns, table.title_lines)
    chosen = apply_user_mapping(auto, mapping, columns, ("date", *STANDARD_METRICS), name)
    if mapping:
        recognise_notes = [n for n in recognise_notes if not any(f"'{c}'" in n for c in mapping)]
    date_candidates = _date_candidates(columns, chosen, mapping)
    if not date_candidates:
        raise ExportError(
            gettext(
                "found no date column; expected a column named 'Date' (or 'Day', 'Dato', 'Datum', "
                "'Posted', 'Publish time'). The columns are {list_columns}"
            ).format(list_columns=_list_columns(columns)),
            file_name=name,
        )
    frame, total_row, row_notes = _drop_total_and_undated(frame, date_candidates[0], chosen, name)
    notes.extend(recognise_notes)
    notes.extend(row_notes)
    dayfirst = table.delimiter == ";"
    date_column, dates, date_note = _read_dates(frame, date_candidates, name, dayfirst)
    if date_column != date_candidates[0]:
        notes.append(
            gettext("Column '{column}' holds no dates; the dates came from '{used}'.").format(
                column=date_candidates[0], used=date_column
            )
        )
        chosen = {c: s for c, s in chosen.items() if s != "date" and c != date_column}
        chosen[date_column] = "date"
    if date_note:
        notes.append(date_note)
    dated = dates.notna().to_numpy()
    if not dated.all():
        # The note of rows dated outside the window already counts these blank cells.
        if not (date_note and gettext("dated outside") in date_note):
            notes.append(
                gettext("Left out {count} row(s) whose date cell is blank.").format(
                    count=number(int((~dated).sum()))
                )
            )
        frame, dates = frame[dated], dates[dated]
    budget.check("reading the dates")

    default_decimal = "," if dayfirst else "."
    metrics = {
        standard: parse_numbers(
            frame[column],
            name=name,
            column=column,
            default_decimal=default_decimal,
            signed=standard in _SIGNED,
        )
        for column, standard in chosen.items()
        if standard != "date"
    }
    net_note = _net_of_losses(frame, chosen, metrics, name, default_decimal)
    if net_note:
        notes.append(net_note)
    budget.check("reading the numbers")
    ordered = [m for m in STANDARD_METRICS if m in metrics]
    data = pd.DataFrame(
        {m: metrics[m] for m in ordered},
        index=pd.DatetimeIndex(dates.to_numpy(), name="date"),
        columns=pd.Index(ordered, dtype=object),
    )
    if not ordered:
        notes.append(
            gettext(
                "No metric columns were recognised; map them by hand "
                "(e.g. followers, reach, engagements)."
            )
        )
    if total_row is not None:
        notes.append(_total_note(total_row, data, chosen, name, default_decimal))
    group = _group_labels(frame, columns)
    data, day_notes = _per_day(data, group, _row_unit(frame, columns, recognised_as))
    notes.extend(day_notes)
    frequency = _frequency(pd.DatetimeIndex(data.index))
    step = {"daily": "D", "weekly": "7D"}.get(frequency)
    if step is not None:
        full = pd.date_range(data.index[0], data.index[-1], freq=step, name="date")
        if len(full) > len(data):
            gaps = len(full) - len(data)
            if frequency == "daily":
                note = ngettext(
                    "{count} missing date (a gap in the export) is left empty.",
                    "{count} missing dates (gaps in the export) are left empty.",
                    gaps,
                )
            else:
                note = ngettext(
                    "{count} missing week (a gap in the export) is left empty.",
                    "{count} missing weeks (gaps in the export) are left empty.",
                    gaps,
                )
            notes.append(note.format(count=number(gaps)))
            data = data.reindex(full)
    if frequency == "weekly":
        notes.append(gettext("Rows are weekly: counts such as reach are totals for the week."))
    unrecognised = tuple(c for c in all_columns if c not in chosen)
    return ImportedExport(
        data=data,
        file_name=name,
        date_column=date_column,
        mapping=dict(chosen),
        unrecognised_columns=unrecognised,
        notes=tuple(notes),
        frequency=frequency,
        recognised_as=recognised_as,
    )


def _net_of_losses(
    frame: pd.DataFrame,
    chosen: Mapping[str, str],
    metrics: dict[str, np.ndarray],
    name: str,
    default_decimal: str,
) -> str:
    """Make ``new_followers`` net: gains minus the export's losses column, if it has one.

    ``new_followers = gained - lost`` row by row (a blank loss counts as none); the note
    names both columns. Nothing changes when the gains column has no losses beside it.
    """
    gains = next((c for c, s in chosen.items() if s == "new_followers"), None)
    if gains is None:
        return ""
    loss_header = _FOLLOWER_LOSSES.get(normalise_header(gains))
    losses = next((c for c in frame.columns if normalise_header(c) == loss_header), None)
    if losses is None or losses in chosen:
        return ""
    lost = parse_numbers(
        frame[losses], name=name, column=losses, default_decimal=default_decimal, signed=False
    )
    metrics["new_followers"] = metrics["new_followers"] - np.nan_to_num(lost)
    return (
        f"new_followers is '{gains}' minus '{losses}' (the net change), "
        f"{float(np.nansum(lost)):,.0f} lost in all."
    )


def _list_columns(columns: list[str], most: int = 30) -> str:
    shown = ", ".join(quote(c, 40) for c in columns[:most])
    return shown + (f" and {len(columns) - most:,} more" if len(columns) > most else "")


def _date_candidates(
    columns: list[str], chosen: dict[str, str], mapping: Mapping[str, str] | None
) -> list[str]:
    """Columns that may hold the dates, the best first: the user's choice, the
    recognised one, then other date-like names (Meta's post exports have a
    ``Date`` column that says ``Lifetime`` and the dates in ``Publish time``)."""
    if mapping and "date" in mapping.values():
        return [c for c, s in mapping.items() if s == "date"][:1]
    ranked = sorted(
        (
            (_METRIC_ALIASES[normalise_header(c)][1], i, c)
            for i, c in enumerate(columns)
            if _METRIC_ALIASES.get(normalise_header(c), ("", 0))[0] == "date"
        ),
    )
    first = [c for c, s in chosen.items() if s == "date"]
    return first + [c for _, _, c in ranked if c not in first]


def _drop_total_and_undated(
    frame: pd.DataFrame, date_column: str, chosen: dict[str, str], name: str
) -> tuple[pd.DataFrame, pd.Series | None, list[str]]:
    """Rows kept, the ``Total`` row if there is one, and notes saying what was left out.

    A total row says ``Total`` (or ``Sum``, ``Totalt``...) in its date cell or,
    with the date cell empty, in another text column (YouTube's table data).
    Rows without a date are left out and counted; the description row under
    Facebook's header is named as such.
    """
    notes: list[str] = []
    # Exact matches on the raw cells (a hash lookup, not a string operation
    # per cell): "Total", "TOTAL", "total", "Sum"...
    values = frame[date_column].to_numpy(dtype=object)
    blank = values == ""
    footer = frame[date_column].isin(_FOOTER_FORMS).to_numpy().copy()
    text_columns = [c for c in frame.columns if chosen.get(c) is None][:_TEXT_COLUMNS_READ]
    if blank.any():
        for column in text_columns:
            cells = frame[column].to_numpy(dtype=object)[blank]
            words = pd.Series(cells, dtype=object).str.strip().str.casefold()
            footer[blank] |= words.isin(_FOOTER_WORDS).to_numpy()
    total_row = None
    if footer.any():
        rows = frame.index[footer]
        total_row = frame.loc[rows[0]]
        notes.append(
            ngettext(
                "Left out the total row (row {rows}).",
                "Left out the total rows (row {rows}).",
                len(rows),
            ).format(rows=", ".join(str(r) for r in rows[:5]))
        )
    undated = blank & ~footer
    if undated.any():
        metric_columns = [c for c, s in chosen.items() if s != "date"]
        first = int(np.argmax(undated))
        described = first == 0 and any(
            isinstance(frame[c].iloc[0], str)
            and frame[c].iloc[0].strip()
            and not _NUMBERISH.match(frame[c].iloc[0].strip())
            for c in metric_columns
        )
        count = int(undated.sum())
        if described:
            notes.append(
                gettext("Read row {row} as a second header row (it describes the columns).").format(
                    row=frame.index[0]
                )
            )
            count -= 1
        if count:
            notes.append(
                gettext("Left out {count} row(s) without a date (the first is row {row}).").format(
                    count=number(count), row=frame.index[np.flatnonzero(undated)[-count]]
                )
            )
    keep = ~(footer | blank)
    if not keep.any():
        raise ExportError(gettext("no rows with a date"), file_name=name, column=date_column)
    return frame[keep], total_row, notes


_NUMBERISH: Final = re.compile(r"^[-+(]?[\d\s.,'\u00a0\u202f]*\d[\d\s.,'\u00a0\u202f]*\)?%?$")


def _read_dates(
    frame: pd.DataFrame, candidates: list[str], name: str, dayfirst: bool
) -> tuple[str, pd.Series, str | None]:
    """The first candidate column whose cells read as dates."""
    first_error: ExportError | None = None
    for column in candidates:
        try:
            dates, note = parse_dates(frame[column], name=name, column=column, dayfirst=dayfirst)
        except ExportError as error:
            first_error = first_error or error
            continue
        return column, dates, note
    assert first_error is not None
    raise first_error


def _total_note(
    total_row: pd.Series,
    data: pd.DataFrame,
    chosen: dict[str, str],
    name: str,
    default_decimal: str,
) -> str:
    """Whether the rows add up to the file's own total row, per flow."""
    agree, differ = [], []
    for column, standard in chosen.items():
        if standard in ("date", *_RUNNING_TOTALS) or standard not in data:
            continue
        try:
            stated = parse_numbers(
                total_row[[column]].astype(str),
                name=name,
                column=column,
                default_decimal=default_decimal,
                signed=True,
            )[0]
        except ExportError:
            continue
        if not np.isfinite(stated):
            continue
        summed = float(np.nansum(data[standard].to_numpy()))
        if abs(summed - stated) <= max(1e-9, 0.005 * abs(stated)):
            agree.append(standard)
        else:
            differ.append(
                gettext("{metric} {summed} against {stated}").format(
                    metric=standard, summed=number(summed), stated=number(stated)
                )
            )
    if differ:
        return gettext(
            "The rows do not add up to the file's total row: {differences} (rows outside the "
            "date range, or the export's own rounding)."
        ).format(differences="; ".join(differ))
    if agree:
        return gettext("The rows add up to the file's total row ({metrics}).").format(
            metrics=", ".join(agree)
        )
    return gettext("The total row holds no totals of the metrics read.")


_ITEM_HEADERS: Final = frozenset(
    {
        "post id",
        "tweet id",
        "post link",
        "tweet permalink",
        "permalink",
        "post message",
        "post text",
        "tweet text",
        "content",
        "video title",
        "video id",
        "video link",
        "post title",
        "update title",
        "post",
    }
)
_GROUP_HEADERS: Final = frozenset(
    {
        "profile",
        "profile name",
        "network",
        "social network",
        "page",
        "page name",
        "account",
        "account name",
        "channel",
    }
)


def _row_unit(frame: pd.DataFrame, columns: list[str], recognised_as: str) -> str:
    """What one row of the file is, for the note: posts, videos, rows of a
    long table (one per date and video, when the same video comes back on
    several dates), or rows."""
    items = [c for c in columns if normalise_header(c) in _ITEM_HEADERS]
    if not items:
        if any(normalise_header(c) in _GROUP_HEADERS for c in columns):
            return gettext("rows (one per date and profile)")
        return gettext("rows")
    names = {normalise_header(c) for c in columns}
    video = "YouTube" in recognised_as or any("video" in n for n in names)
    if frame[items[0]].duplicated().any():
        if video:
            return gettext("rows (one per date and video)")
        return gettext("rows (one per date and post)")
    return gettext("videos") if video else gettext("posts")


def _group_labels(frame: pd.DataFrame, columns: list[str]) -> np.ndarray | None:
    """Codes of the profile (or network, page, account) of each row, when the
    file holds several; ``None`` otherwise."""
    keys: list[np.ndarray] = []
    for column in columns:
        if normalise_header(column) in _GROUP_HEADERS:
            codes, labels = pd.factorize(frame[column].str.strip())
            if len(labels) > 1:
                keys.append(codes)
    if not keys:
        return None
    combined = keys[0].astype(np.int64)
    for codes in keys[1:]:
        combined = combined * (int(codes.max()) + 1) + codes
    return combined


_RUNNING_TOTALS: Final = frozenset({"followers"})
"""Metrics that are a level at a moment (the day's last value counts), not a flow."""


def _per_day(
    data: pd.DataFrame, group: np.ndarray | None, unit: str
) -> tuple[pd.DataFrame, list[str]]:
    """One row per day: flows summed, running totals the day's last value.

    Notes
    -----
    Per-post, per-video and per-profile exports hold several rows a day.  A
    flow (impressions, engagements, new followers) of a day is the sum of its
    rows; a running total (followers) is the last value of the day, in time
    order, per profile when the file holds several profiles, then summed over
    the profiles.  Missing values stay missing: a day whose rows are all
    empty in a column is empty, not 0.
    """
    notes: list[str] = []
    stamps = pd.DatetimeIndex(data.index)
    order = np.argsort(stamps.asi8, kind="stable")
    if not bool((np.diff(order) == 1).all()):
        data, stamps = data.iloc[order], stamps[order]
        group = group[order] if group is not None else None
    days = stamps.normalize()
    has_times = bool((stamps != days).any())
    if days.has_duplicates:
        flows = [c for c in data.columns if c not in _RUNNING_TOTALS]
        levels = [c for c in data.columns if c in _RUNNING_TOTALS]
        by_day = pd.DataFrame(index=pd.DatetimeIndex(days.unique(), name="date"))
        values = data.set_axis(days)
        if flows:
            by_day[flows] = values[flows].groupby(level=0, sort=False).sum(min_count=1)
        if levels:
            if group is None:
                by_day[levels] = values[levels].groupby(level=0, sort=False).last()
            else:
                keyed = values[levels].set_index(pd.Index(group, name="group"), append=True)
                last = keyed.groupby(level=[0, 1], sort=False).last()
                by_day[levels] = last.groupby(level=0, sort=False).sum(min_count=1)
        by_day = by_day[list(data.columns)]
        counts = {"rows": number(len(data)), "unit": unit, "days": number(len(by_day))}
        if not flows:
            note = gettext(
                "Took the day's last followers value for {days} days from {rows} {unit}."
            )
        elif not levels:
            note = gettext("Summed {rows} {unit} into {days} days.")
        elif group is None:
            note = gettext(
                "Summed {rows} {unit} into {days} days (followers: the day's last value)."
            )
        else:
            note = gettext(
                "Summed {rows} {unit} into {days} days (followers: the day's last value, added "
                "over the profiles)."
            )
        notes.append(note.format(**counts))
        data = by_day
    else:
        data = data.set_axis(pd.DatetimeIndex(days, name="date"))
        if has_times:
            notes.append(gettext("Times of day were dropped; rows are by date."))
    return data, notes
