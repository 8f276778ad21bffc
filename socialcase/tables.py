"""Reading an export file into a table, whatever its format (steps 2 and 3).

Bytes in (a path, an upload, a size limit; CSV or .xlsx, told apart from images
and encrypted files by their first bytes), text decoded (UTF-8 with or without
BOM, UTF-16, Windows-1252), the header row found below any title rows, and
dates and numbers parsed the way European and US spreadsheets write them.
`socialcase.imports` (analytics exports) and `socialcase.inbox` (inbox exports)
build on it.
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

from socialcase.errors import ExportError

__all__ = [
    "MAX_UPLOAD_BYTES",
    "NA_TOKENS",
    "Source",
    "aliases",
    "load_bytes",
    "normalise_header",
    "parse_dates",
    "parse_numbers",
    "read_table",
]

Source = str | os.PathLike[str] | bytes | bytearray | memoryview | BinaryIO
MAX_UPLOAD_BYTES: Final = 50 * 1024 * 1024
"""Largest file :func:`read_export` accepts by default (50 MB)."""

NA_TOKENS: Final = ("", "-", "–", "—", "n/a", "na", "nan", "null", "none", "#n/a", "(blank)")


def normalise_header(name: str) -> str:
    """Case-, accent-width- and punctuation-insensitive form of a header."""
    text = unicodedata.normalize("NFKC", str(name)).casefold()
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    return " ".join(text.split())


def aliases(table: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, int]]:
    """``{normalised alias: (standard name, priority)}``; lower priority wins."""
    out: dict[str, tuple[str, int]] = {}
    for standard, names in table.items():
        for priority, alias in enumerate(names):
            out.setdefault(normalise_header(alias), (standard, priority))
    return out


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


def load_bytes(source: Source, file_name: str | None, max_bytes: int | None) -> tuple[bytes, str]:
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


def read_table(
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


def parse_dates(
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


def parse_numbers(
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
    missing = text.str.casefold().isin(NA_TOKENS).to_numpy()
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
