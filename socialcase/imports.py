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

import codecs
import csv
import io
import os
import re
import unicodedata
import warnings
import zipfile
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Final

import numpy as np
import pandas as pd

__all__ = [
    "MAX_UPLOAD_BYTES",
    "STANDARD_METRICS",
    "ExportError",
    "ImportedExport",
    "read_export",
    "sniff_columns",
]

MAX_UPLOAD_BYTES: Final = 50 * 1024 * 1024
"""Largest file :func:`read_export` accepts by default (50 MB)."""

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

Source = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO


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
        where = [file_name]
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column '{column}'")
        super().__init__(f"{', '.join(where)}: {problem}")
        self.problem = problem
        self.file_name = file_name
        self.row = row
        self.column = column


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
        ``"Removed 3 duplicate dates (kept the last row of each)."``
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


def _normalise(name: str) -> str:
    """Case-, accent-width- and punctuation-insensitive form of a header."""
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    return " ".join(text.split())


def _aliases(table: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, int]]:
    """``{normalised alias: (standard name, priority)}``; lower priority wins."""
    out: dict[str, tuple[str, int]] = {}
    for standard, names in table.items():
        for priority, alias in enumerate(names):
            out.setdefault(_normalise(alias), (standard, priority))
    return out


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
        "likes and reactions",
        "reaksjoner",
        "liker",
        "reaktioner",
        "reaktionen",
        "reacciones",
    ),
    "comments": ("comments", "comments total", "kommentarer", "kommentare", "comentarios"),
    "shares": (
        "shares",
        "shares total",
        "reposts",
        "reposts total",
        "retweets",
        "delinger",
        "delningar",
        "compartidos",
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
    "views": ("views", "visninger av innhold", "aufrufe"),
    "video_views": ("video views", "videovisninger", "videoaufrufe"),
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
    ),
    "posts": (
        "posts",
        "published posts",
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
        "meldinger",
        "mottatte meldinger",
        "innkommende meldinger",
    ),
}
_METRIC_ALIASES: Final = _aliases(_METRIC_NAMES)
_FOOTER_WORDS: Final = frozenset(
    {"total", "totals", "sum", "totalt", "summe", "average", "gjennomsnitt", "snitt", "grand total"}
)
_NA_TOKENS: Final = ("", "-", "–", "—", "n/a", "na", "nan", "null", "none", "#n/a", "(blank)")


def _is_metric_header(name: str) -> bool:
    return _normalise(name) in _METRIC_ALIASES


# --------------------------------------------------------------------------
# Bytes in
# --------------------------------------------------------------------------


def _format_size(n_bytes: float) -> str:
    if n_bytes >= 1024 * 1024:
        return f"{n_bytes / (1024 * 1024):.1f} MB"
    if n_bytes >= 1024:
        return f"{n_bytes / 1024:.1f} KB"
    return f"{int(n_bytes)} bytes"


def _too_big(size: int, limit: int, file_name: str) -> ExportError:
    return ExportError(
        f"the file is {_format_size(size)}; the limit is {_format_size(limit)}. "
        "Export a shorter date range, or fewer columns, and try again",
        file_name=file_name,
    )


def _load(source: Source, file_name: str | None, max_bytes: int | None) -> tuple[bytes, str]:
    """The file's bytes and its display name, within the size limit."""
    limit = MAX_UPLOAD_BYTES if max_bytes is None else max_bytes
    if isinstance(source, bytes | bytearray | memoryview):
        name = file_name or "upload"
        raw = bytes(source)
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        name = file_name or path.name
        try:
            size = path.stat().st_size
            if size > limit:
                raise _too_big(size, limit, name)
            raw = path.read_bytes()
        except OSError as exc:
            raise ExportError(f"could not open the file ({exc.strerror})", file_name=name) from exc
    elif hasattr(source, "read"):
        name = file_name or str(getattr(source, "name", "upload"))
        raw = source.read(limit + 1)
        if not isinstance(raw, bytes):
            raise ExportError("expected a file opened in binary mode", file_name=name)
    else:
        raise TypeError(f"'source' must be a path, bytes or a binary file: {type(source)}")
    if len(raw) > limit:
        raise _too_big(len(raw), limit, name)
    # Look at the start first: stripping a whole 50 MB file copies it.
    if not raw[:4096].strip() and not raw.strip():
        raise ExportError(
            "the file is empty; expected a table with a header row and data rows",
            file_name=name,
        )
    return raw, name


_MAGIC: Final = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
_CFB_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _kind(raw: bytes, name: str) -> str:
    """``"xlsx"`` or ``"text"``; anything else is an :class:`ExportError`."""
    if raw.startswith(_CFB_MAGIC):
        # Password-protected .xlsx files are OLE compound (CFB) containers
        # holding the encrypted workbook; old .xls workbooks are CFB too.
        raise ExportError(
            "this is a password-protected (encrypted) Excel file or an old .xls "
            "workbook, which cannot be read. Open it in Excel, remove the password "
            "(File > Info > Protect Workbook), save it as .xlsx or CSV and upload it again",
            file_name=name,
        )
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ExportError(
                "the Excel file is damaged or incomplete (perhaps the download or "
                "upload was cut short); save it again from Excel, or export a CSV",
                file_name=name,
            ) from exc
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise ExportError(
            "this is a ZIP archive, not a spreadsheet; unzip it and upload the "
            "CSV or .xlsx file inside",
            file_name=name,
        )
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise ExportError(
                f"this looks like {what}, not a table; expected a CSV or .xlsx export",
                file_name=name,
            )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if b"\x00" in raw[:8192]:
        raise ExportError(
            "this is not a text table (it contains binary data); expected a CSV or .xlsx export",
            file_name=name,
        )
    return "text"


_SAMPLE_BYTES: Final = 200_000


def _decode_sample(raw: bytes, name: str) -> tuple[str, bool, str]:
    """The start of the file as text, whether that is all of it, and the
    encoding: UTF-8 (with or without BOM), UTF-16 with BOM, else
    Windows-1252.

    Only the sample is decoded here; a UTF-8 error further on is caught
    when the whole table is read (pandas decodes it in C).
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), True, "utf-16"
        except UnicodeDecodeError:
            pass
    else:
        head = raw[:_SAMPLE_BYTES]
        complete = len(head) == len(raw)
        try:
            decoder = codecs.getincrementaldecoder("utf-8-sig")()
            return decoder.decode(head, final=complete), complete, "utf-8-sig"
        except UnicodeDecodeError:
            pass
        try:
            return head.decode("cp1252"), complete, "cp1252"
        except UnicodeDecodeError:
            pass
    raise ExportError(
        "the file is not readable text (it is neither UTF-8 nor Windows-1252); "
        "expected a CSV or .xlsx export",
        file_name=name,
    )


# --------------------------------------------------------------------------
# The table: header row, delimiter, cells as text
# --------------------------------------------------------------------------

_NUMBER_RE: Final = re.compile(r"^[-+(]?[\d\s.,'\u00a0\u202f]*\d[\d\s.,'\u00a0\u202f]*\)?%?$")
_DATE_RE: Final = re.compile(
    r"^(\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}|\d{1,2}\.? [A-Za-z]{3,9}\.? \d{4}"
    r"|[A-Za-z]{3,9}\.? \d{1,2},? \d{4}|[A-Za-z]{3}, [A-Za-z]{3} \d{1,2})"
)


def _looks_like_data(cell: str) -> bool:
    return bool(_NUMBER_RE.match(cell) or _DATE_RE.match(cell))


@dataclass(frozen=True)
class _Table:
    """Cells of one table as text, index = 1-based row number in the file."""

    frame: pd.DataFrame
    file_name: str
    title_lines: tuple[str, ...]
    delimiter: str | None
    notes: tuple[str, ...]


_SAMPLE_ROWS: Final = 60


def _find_header(rows: list[list[str]], is_known: Callable[[str], bool], name: str) -> int:
    """Index of the header row among the first rows of a table.

    The row with the most known column names wins; failing that, the first
    row as wide as the table's data rows whose cells are all text.
    """
    widths = [len(r) for r in rows if sum(1 for c in r if c.strip()) >= 2]
    modal = Counter(widths).most_common(1)[0][0] if widths else 1
    best, best_score = -1, (0, 0)
    for i, row in enumerate(rows):
        known = sum(1 for c in row if c.strip() and is_known(c))
        score = (known, sum(1 for c in row if c.strip()))
        if known and score > best_score:
            best, best_score = i, score
    if best >= 0:
        return best
    for i, row in enumerate(rows):
        cells = [c.strip() for c in row if c.strip()]
        if len(cells) >= min(2, modal) and not any(_looks_like_data(c) for c in cells):
            return i
    raise ExportError(
        f"could not find a header row (a row of column names such as 'Date' and "
        f"'Followers') in the first {len(rows)} rows",
        file_name=name,
    )


def _column_names(cells: list[str]) -> list[str]:
    names: list[str] = []
    seen: Counter[str] = Counter()
    for i, cell in enumerate(cells):
        base = str(cell).strip() or f"column {i + 1}"
        seen[base] += 1
        names.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return names


def _choose_delimiter(lines: list[str]) -> str:
    """The delimiter giving the most rows of one consistent width (> 1)."""
    best, best_score = ",", (-1, -1)
    for delimiter in (",", ";", "\t", "|"):
        widths = [len(r) for r in csv.reader(lines, delimiter=delimiter) if any(r)]
        wide = [w for w in widths if w > 1]
        if not wide:
            continue
        modal, count = Counter(wide).most_common(1)[0]
        score = (count, modal)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _text_table(
    raw: bytes,
    name: str,
    is_known: Callable[[str], bool],
    select: Callable[[list[str]], list[str]] | None,
) -> _Table:
    sample, complete, encoding = _decode_sample(raw, name)
    notes: list[str] = []
    lines = sample.splitlines()
    if not complete and lines:
        lines = lines[:-1]  # the last line of the sample may be cut short
    lines = lines[: _SAMPLE_ROWS * 4]
    skip = 0
    delimiter: str | None = None
    # Excel's "sep=;" hint line (Meta Business Suite writes "sep=,").
    if lines and re.fullmatch(r'"?sep=.?"?', lines[0].strip(), flags=re.IGNORECASE):
        hint = lines[0].strip().strip('"')[4:]
        delimiter = hint or None
        skip = 1
    body = lines[skip:]
    if delimiter is None:
        delimiter = _choose_delimiter(body[:_SAMPLE_ROWS])
    rows = list(csv.reader(body[:_SAMPLE_ROWS], delimiter=delimiter))
    header_at = _find_header(rows, is_known, name)
    names = _column_names(rows[header_at])
    titles = tuple(", ".join(c.strip() for c in r if c.strip()) for r in rows[:header_at] if any(r))
    for i, row in enumerate(rows[header_at + 1 :], start=header_at + 1):
        if len(row) > len(names) and any(c.strip() for c in row[len(names) :]):
            raise ExportError(
                f"this row has {len(row)} cells but the header row has {len(names)}; "
                "expected the same number of cells in every row",
                file_name=name,
                row=skip + i + 1,
            )
    wanted = select(names) if select is not None else names
    usecols = [names.index(c) for c in wanted]
    header_line = skip + header_at  # 0-based physical line of the header
    options = {
        "sep": delimiter,
        "header": None,
        "names": names,
        "usecols": usecols,
        "skiprows": header_line + 1,
        "dtype": object,
        "na_filter": False,
        "skip_blank_lines": False,
        "index_col": False,
        "engine": "c",
    }
    try:
        if encoding == "utf-16":
            frame = pd.read_csv(io.StringIO(sample), **options)  # type: ignore[call-overload]
        else:
            try:
                # pandas decodes plain UTF-8 in C; "utf-8-sig" goes through a
                # slower Python wrapper, so the BOM is dropped here instead.
                payload = raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw
                utf8 = encoding == "utf-8-sig"
                frame = pd.read_csv(
                    io.BytesIO(payload if utf8 else raw),
                    encoding="utf-8" if utf8 else encoding,
                    **options,  # type: ignore[call-overload]
                )
            except UnicodeDecodeError:
                if encoding == "cp1252":
                    raise
                encoding = "cp1252"
                frame = pd.read_csv(io.BytesIO(raw), encoding=encoding, **options)  # type: ignore[call-overload]
    except pd.errors.ParserError as exc:
        match = re.search(r"line (\d+), saw (\d+)", str(exc))
        if match:
            raise ExportError(
                f"this row has {match.group(2)} cells but the header row has {len(names)}; "
                "expected the same number of cells in every row",
                file_name=name,
                row=header_line + int(match.group(1)),
            ) from exc
        raise ExportError(f"could not read the table ({exc})", file_name=name) from exc
    except UnicodeDecodeError as exc:
        raise ExportError(
            "the file is not readable text (it is neither UTF-8 nor Windows-1252); "
            "expected a CSV or .xlsx export",
            file_name=name,
        ) from exc
    except ValueError as exc:
        raise ExportError(f"could not read the table ({exc})", file_name=name) from exc
    if encoding == "cp1252":
        notes.append("Read the file as Windows-1252 text (it is not UTF-8).")
    frame.index = pd.RangeIndex(header_line + 2, header_line + 2 + len(frame))
    return _Table(frame, name, titles, delimiter, tuple(notes))


def _cell_text(value: object) -> str:
    """An Excel cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()
    return str(value)


def _excel_table(
    raw: bytes,
    name: str,
    is_known: Callable[[str], bool],
    select: Callable[[list[str]], list[str]] | None,
) -> _Table:
    import openpyxl  # only Excel uploads pay for the import

    damaged = ExportError(
        "the Excel file is damaged or incomplete (perhaps the download or upload "
        "was cut short); save it again from Excel, or export a CSV",
        file_name=name,
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                sheets: list[tuple[str, list[list[str]], int]] = []
                for sheet in book.worksheets:
                    head = [
                        [_cell_text(v) for v in row]
                        for row in sheet.iter_rows(
                            min_row=1, max_row=_SAMPLE_ROWS, values_only=True
                        )
                    ]
                    known = max(
                        (sum(1 for c in r if c.strip() and is_known(c)) for r in head), default=0
                    )
                    sheets.append((sheet.title, head, known))
                if not sheets:
                    raise damaged
                best = max(range(len(sheets)), key=lambda i: (sheets[i][2], -i))
                title, head, _ = sheets[best]
                if not any(any(c.strip() for c in r) for r in head):
                    raise ExportError(
                        f"the sheet '{title}' is empty; expected a table with a header "
                        "row and data rows",
                        file_name=name,
                    )
                header_at = _find_header(head, is_known, name)
                rows = [
                    [_cell_text(v) for v in row]
                    for row in book[title].iter_rows(min_row=header_at + 2, values_only=True)
                ]
            finally:
                book.close()
    except ExportError:
        raise
    except Exception as exc:  # openpyxl raises many types for broken files
        raise damaged from exc
    names = _column_names(head[header_at])
    width = len(names)
    rows = [(r + [""] * width)[:width] for r in rows]
    frame = pd.DataFrame(rows, columns=names, dtype=object)
    if select is not None:
        frame = frame[select(names)]
    frame.index = pd.RangeIndex(header_at + 2, header_at + 2 + len(frame))
    titles = tuple(", ".join(c.strip() for c in r if c.strip()) for r in head[:header_at] if any(r))
    notes = (f"Read the sheet '{title}'.",) if len(sheets) > 1 else ()
    return _Table(frame, name, titles, None, notes)


def _read_table(
    raw: bytes,
    name: str,
    is_known: Callable[[str], bool],
    select: Callable[[list[str]], list[str]] | None = None,
) -> _Table:
    """Cells of the file's table as text, blank rows removed."""
    if _kind(raw, name) == "xlsx":
        table = _excel_table(raw, name, is_known, select)
    else:
        table = _text_table(raw, name, is_known, select)
    # With na_filter=False, empty and missing cells are "" (no NaN).
    frame = table.frame
    if len(frame.columns):
        blank = np.ones(len(frame), dtype=bool)
        for column in frame.columns:
            blank &= frame[column].to_numpy(dtype=object) == ""
        if blank.any():
            frame = frame[~blank]
    if frame.empty:
        raise ExportError("the table has a header row but no data rows", file_name=name)
    return _Table(frame, name, table.title_lines, table.delimiter, table.notes)


# --------------------------------------------------------------------------
# Cells to values
# --------------------------------------------------------------------------

_DATE_FORMATS: Final = (
    "ISO8601",
    "%d.%m.%Y",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H:%M:%S",
    "%m/%d/%Y",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %I:%M %p",
    "%m/%d/%Y %I:%M:%S %p",
    "%d/%m/%Y",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d-%m-%Y",
    "%d-%m-%Y %H:%M",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y.%m.%d",
    "%m/%d/%y",
    "%d.%m.%y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%a, %b %d, %Y",
    "%b %d, %Y %I:%M %p",
    "%B %d, %Y at %I:%M %p",
)


def _to_datetime(values: pd.Series, fmt: str) -> pd.Series:
    """Parse with one format; unparseable cells become NaT."""
    try:
        parsed = pd.to_datetime(values, format=fmt, errors="coerce")
    except (ValueError, TypeError, OverflowError):
        # Mixed UTC offsets: read all in UTC.
        parsed = pd.to_datetime(values, format=fmt, errors="coerce", utc=True)
        return parsed.dt.tz_convert(None)
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_localize(None)  # keep the wall time of the export
    return parsed


def _parse_dates(
    cells: pd.Series,
    *,
    name: str,
    column: str,
    dayfirst: bool = False,
) -> tuple[pd.Series, str | None]:
    """Dates or times from text cells; a bad cell is an :class:`ExportError`.

    Tries the formats exports use on a sample and applies the one that reads
    the most of it to the whole column (one vectorised parse).  Empty cells
    become ``NaT``.  Cells are stripped of spaces only if they fail to parse
    as they are (stripping a million cells costs more than parsing them).
    """
    values = cells.to_numpy(dtype=object)
    filled = values != ""
    positions = np.flatnonzero(filled)
    if positions.size == 0:
        raise ExportError("the date column is empty", file_name=name, column=column)
    head = pd.unique(values[positions[:2000]])[:300]
    sample = pd.Series([str(v).strip() for v in head], dtype=object)
    formats = list(_DATE_FORMATS)
    if dayfirst:  # a European file: read 03/04/2025 as 3 April
        formats.sort(key=lambda f: 0 if f.startswith("%d/") else 1)
    best, best_count, tied = "", 0, False
    for fmt in formats:
        count = int(_to_datetime(sample, fmt).notna().sum())
        if count > best_count:
            best, best_count, tied = fmt, count, False
        elif count == best_count and count > 0 and {best[:3], fmt[:3]} == {"%m/", "%d/"}:
            tied = True
        if best_count == len(sample) and not fmt.startswith(("%d/", "%m/")):
            break
    if best_count == 0:
        raise ExportError(
            f"could not read '{sample.iloc[0]}' as a date; expected dates like "
            "2025-01-31, 31.01.2025 or 01/31/2025",
            file_name=name,
            row=int(cells.index[positions[0]]),
            column=column,
        )
    if positions.size == len(values):
        parsed = _to_datetime(cells, best)
    else:
        some = _to_datetime(cells.iloc[positions], best).to_numpy()
        full = np.full(len(values), np.datetime64("NaT"), dtype=some.dtype)
        full[positions] = some
        parsed = pd.Series(full, index=cells.index)
    bad = parsed.isna().to_numpy() & filled
    if bad.any():
        where = np.flatnonzero(bad)
        stripped = pd.Series([str(v).strip() for v in values[where]], dtype=object)
        retried = _to_datetime(stripped, best)
        failed = retried.isna().to_numpy() & (stripped != "").to_numpy()
        if failed.any():
            first = int(where[int(np.argmax(failed))])
            raise ExportError(
                f"could not read '{str(values[first]).strip()}' as a date; expected dates "
                f"in the same form as '{sample.iloc[0]}'",
                file_name=name,
                row=int(cells.index[first]),
                column=column,
            )
        parsed.iloc[where] = retried.astype(parsed.dtype).to_numpy()
    note = None
    if tied:
        order = "day/month/year" if best.startswith("%d/") else "month/day/year"
        note = (
            f"Dates in column '{column}' such as '{sample.iloc[0]}' could be day/month or "
            f"month/day; they were read as {order}."
        )
    return parsed, note


_COMMA_DECIMAL_RE: Final = re.compile(r"^[-+]?(\d{1,3}(\.\d{3})+(,\d+)?|\d+,(\d{1,2}|\d{4,}))$")
_DOT_DECIMAL_RE: Final = re.compile(r"^[-+]?(\d{1,3}(,\d{3})+(\.\d+)?|\d+\.(\d{1,2}|\d{4,}))$")
_SPACES_RE: Final = r"[\s\u00a0\u202f']"


def _decimal_mark(cells: pd.Series, default: str) -> str:
    """``","`` or ``"."``: which one the column's numbers use as decimal mark."""
    sample = cells.drop_duplicates().iloc[:500].str.replace(_SPACES_RE, "", regex=True)
    comma = int(sample.str.match(_COMMA_DECIMAL_RE).sum())
    dot = int(sample.str.match(_DOT_DECIMAL_RE).sum())
    if comma > dot:
        return ","
    if dot > comma:
        return "."
    return default


def _parse_numbers(
    cells: pd.Series,
    *,
    name: str,
    column: str,
    default_decimal: str,
    signed: bool,
) -> np.ndarray:
    """Numbers from text cells such as ``1,234``, ``1 234``, ``1.234,5``.

    Empty cells and ``-``, ``n/a`` and the like are missing (NaN).
    """
    text = cells.str.strip()
    missing = text.str.casefold().isin(_NA_TOKENS).to_numpy()
    compact = text.str.replace(_SPACES_RE, "", regex=True)
    decimal = _decimal_mark(compact[~missing], default_decimal)
    if decimal == ",":
        compact = compact.str.replace(".", "", regex=False).str.replace(",", ".", regex=False)
    else:
        compact = compact.str.replace(",", "", regex=False)
    # Accounting negatives: (123) means -123.
    compact = compact.str.replace(r"^\((.*)\)$", r"-\1", regex=True)
    values = pd.to_numeric(compact.mask(missing), errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(values) & ~missing
    if bad.any():
        first = int(np.argmax(bad))
        raise ExportError(
            f"expected a number, found '{text.iloc[first]}'",
            file_name=name,
            row=int(text.index[first]),
            column=column,
        )
    if not signed:
        negative = values < 0
        if negative.any():
            first = int(np.argmax(negative))
            raise ExportError(
                f"expected a count of 0 or more, found {text.iloc[first]}",
                file_name=name,
                row=int(text.index[first]),
                column=column,
            )
    return values


# --------------------------------------------------------------------------
# Recognising exports
# --------------------------------------------------------------------------


def _recognise(
    columns: list[str], titles: tuple[str, ...]
) -> tuple[str, dict[str, str], list[str]]:
    """``(export name, {column: standard}, notes)`` from the column names."""
    normal = {c: _normalise(c) for c in columns}
    names = set(normal.values())
    overrides: dict[str, str] = {}
    notes: list[str] = []
    recognised_as = "generic"
    if {"sponsored followers", "organic followers", "total followers"} <= names:
        recognised_as = "LinkedIn page analytics (followers)"
        overrides["total followers"] = "new_followers"
        notes.append(
            "LinkedIn's 'Total followers' column counts new followers each day; "
            "it was read as new_followers."
        )
    elif any(n.endswith(" total") for n in names) and "impressions total" in names:
        recognised_as = "LinkedIn page analytics (content)"
    elif "watch time hours" in names:
        recognised_as = "YouTube Studio"
        overrides["subscribers"] = "new_followers"
        notes.append(
            "YouTube's 'Subscribers' column is the net change each day; it was read "
            "as new_followers."
        )
    elif names & {"lifetime total likes", "daily new likes", "daily total reach"}:
        recognised_as = "Facebook Page insights"
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
        title = _normalise(" ".join(titles))
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
                    f"The 'Primary' column was read as {standard} from the title above it."
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
            used = next(c for c, s in mapping.items() if s == standard)
            notes.append(f"Column '{column}' also looks like {standard}; used '{used}'.")
    return recognised_as, mapping, notes


def _apply_user_mapping(
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
                f"the mapping names a column the file does not have; its columns are "
                f"{', '.join(repr(c) for c in columns)}",
                file_name=name,
                column=column,
            )
        if standard not in allowed:
            raise ExportError(
                f"cannot map to '{standard}'; expected one of {', '.join(allowed)}",
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
    raw, name = _load(source, file_name, max_bytes)
    return list(_read_table(raw, name, _is_metric_header).frame.columns)


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
    * Dates such as ``2025-01-31``, ``31.01.2025``, ``01/31/2025``,
      ``Jan 31, 2025``; times of day are dropped.
    * Duplicate dates: the last row of each date is kept (and noted).
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
    raw, name = _load(source, file_name, max_bytes)
    table = _read_table(raw, name, _is_metric_header)
    frame = table.frame
    columns = list(frame.columns)
    notes = list(table.notes)
    recognised_as, auto, recognise_notes = _recognise(columns, table.title_lines)
    chosen = _apply_user_mapping(auto, mapping, columns, ("date", *STANDARD_METRICS), name)
    if mapping:
        recognise_notes = [n for n in recognise_notes if not any(f"'{c}'" in n for c in mapping)]
    notes.extend(recognise_notes)
    date_columns = [c for c, s in chosen.items() if s == "date"]
    if not date_columns:
        raise ExportError(
            "found no date column; expected a column named 'Date' (or 'Day', 'Dato', "
            f"'Datum'). The columns are {', '.join(repr(c) for c in columns)}",
            file_name=name,
        )
    date_column = date_columns[0]

    dates_text = frame[date_column].str.strip()
    footer = dates_text.str.casefold().isin(_FOOTER_WORDS).to_numpy()
    blank = (dates_text == "").to_numpy()
    if footer.any():
        notes.append(f"Skipped {int(footer.sum())} total row(s).")
    if blank.any():
        notes.append(f"Skipped {int(blank.sum())} row(s) without a date.")
    frame = frame[~(footer | blank)]
    if frame.empty:
        raise ExportError("no rows with a date", file_name=name, column=date_column)
    dates, date_note = _parse_dates(
        frame[date_column], name=name, column=date_column, dayfirst=table.delimiter == ";"
    )
    if date_note:
        notes.append(date_note)
    if (dates != dates.dt.normalize()).any():
        notes.append("Times of day were dropped; rows are by date.")
    dates = dates.dt.normalize()

    default_decimal = "," if table.delimiter == ";" else "."
    metrics = {
        standard: _parse_numbers(
            frame[column],
            name=name,
            column=column,
            default_decimal=default_decimal,
            signed=standard in _SIGNED,
        )
        for column, standard in chosen.items()
        if standard != "date"
    }
    ordered = [m for m in STANDARD_METRICS if m in metrics]
    data = pd.DataFrame(
        {m: metrics[m] for m in ordered},
        index=pd.DatetimeIndex(dates.to_numpy(), name="date"),
        columns=pd.Index(ordered, dtype=object),
    )
    if not ordered:
        notes.append(
            "No metric columns were recognised; map them by hand "
            "(e.g. followers, reach, engagements)."
        )
    data = data.sort_index(kind="stable")
    duplicated = data.index.duplicated(keep="last")
    if duplicated.any():
        count = int(duplicated.sum())
        notes.append(
            f"Removed {count} duplicate date{'s' if count > 1 else ''} (kept the last row of each)."
        )
        data = data[~duplicated]
    frequency = _frequency(pd.DatetimeIndex(data.index))
    step = {"daily": "D", "weekly": "7D"}.get(frequency)
    if step is not None:
        full = pd.date_range(data.index[0], data.index[-1], freq=step, name="date")
        if len(full) > len(data):
            gaps = len(full) - len(data)
            unit = "date" if frequency == "daily" else "week"
            plural = f"{gaps} missing {unit}s (gaps in the export) are"
            singular = f"1 missing {unit} (a gap in the export) is"
            notes.append(f"{singular if gaps == 1 else plural} left empty.")
            data = data.reindex(full)
    if frequency == "weekly":
        notes.append("Rows are weekly: counts such as reach are totals for the week.")
    unrecognised = tuple(c for c in columns if c not in chosen)
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
