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
import time
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
from socialcase.formatting import number
from socialcase.i18n import gettext, ngettext

__all__ = [
    "EARLIEST_DATE",
    "MAX_UPLOAD_BYTES",
    "MAX_XLSX_CELLS",
    "MAX_XLSX_UNCOMPRESSED_BYTES",
    "NA_TOKENS",
    "TIME_BUDGET_SECONDS",
    "Budget",
    "Source",
    "aliases",
    "latest_date",
    "load_bytes",
    "normalise_header",
    "parse_dates",
    "parse_numbers",
    "quote",
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
# Limits: the plausible date window, the time budget, quoting cells
# --------------------------------------------------------------------------

EARLIEST_DATE: Final = pd.Timestamp("2000-01-01")
"""Dates before this are not analytics data (social networks began later)."""

MAX_XLSX_UNCOMPRESSED_BYTES: Final = 256 * 1024 * 1024
"""Largest total size of an .xlsx file's parts once unzipped (256 MB)."""

MAX_XLSX_CELLS: Final = 3_000_000
"""Most cells an .xlsx sheet may hold (about 300,000 rows of 10 columns)."""

TIME_BUDGET_SECONDS: Final = 30.0
"""Longest a file may take to read before the reader stops and says so."""

_QUOTE_CHARS: Final = 60


def latest_date() -> pd.Timestamp:
    """The last plausible date: 31 December of next year."""
    return pd.Timestamp(year=pd.Timestamp.now().year + 1, month=12, day=31, hour=23, minute=59)


def quote(cell: object, limit: int = _QUOTE_CHARS) -> str:
    """A cell quoted for a message, cut to ``limit`` characters.

    >>> quote("x" * 100_000)[-24:]
    "x…' (100,000 characters)"
    >>> quote(" 12 ")
    "'12'"
    """
    text = str(cell).strip()
    if len(text) <= limit:
        return f"'{text}'"
    return f"'{text[:limit]}…' ({len(text):,} characters)"


class Budget:
    """A time budget for reading one file; :meth:`check` raises once it is spent."""

    def __init__(self, seconds: float | None, file_name: str) -> None:
        self.seconds = TIME_BUDGET_SECONDS if seconds is None else float(seconds)
        self.file_name = file_name
        self._start = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self._start

    def check(self, stage: str) -> None:
        if self.elapsed() > self.seconds:
            raise ExportError(
                gettext(
                    "reading the file took longer than {seconds} seconds (stopped while {stage}); "
                    "export a shorter date range or fewer columns, or save it as CSV"
                ).format(seconds=number(self.seconds), stage=stage),
                file_name=self.file_name,
            )


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
        gettext(
            "the file is {size}; the limit is {limit}. Export a shorter date range, or fewer "
            "columns, and try again"
        ).format(size=_format_size(size), limit=_format_size(limit)),
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
            raise ExportError(
                gettext("could not open the file ({strerror})").format(strerror=exc.strerror),
                file_name=name,
            ) from exc
    elif hasattr(source, "read"):
        name = file_name or str(getattr(source, "name", "upload"))
        raw = source.read(limit + 1)
        if not isinstance(raw, bytes):
            raise ExportError(gettext("expected a file opened in binary mode"), file_name=name)
    else:
        raise TypeError(f"'source' must be a path, bytes or a binary file: {type(source)}")
    if len(raw) > limit:
        raise _too_big(len(raw), limit, name)
    # Look at the start first: stripping a whole 50 MB file copies it.
    if not raw[:4096].strip() and not raw.strip():
        raise ExportError(
            gettext("the file is empty; expected a table with a header row and data rows"),
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
            gettext(
                "this is a password-protected (encrypted) Excel file or an old .xls workbook, "
                "which cannot be read. Open it in Excel, remove the password (File > Info > "
                "Protect Workbook), save it as .xlsx or CSV and upload it again"
            ),
            file_name=name,
        )
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise ExportError(
                gettext(
                    "the Excel file is damaged or incomplete (perhaps the download or upload was "
                    "cut short); save it again from Excel, or export a CSV"
                ),
                file_name=name,
            ) from exc
        if "xl/workbook.xml" in names:
            _check_unzipped_size(raw, name)
            return "xlsx"
        raise ExportError(
            gettext(
                "this is a ZIP archive, not a spreadsheet; unzip it and upload the CSV or .xlsx "
                "file inside"
            ),
            file_name=name,
        )
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise ExportError(
                gettext(
                    "this looks like {what}, not a table; expected a CSV or .xlsx export"
                ).format(what=what),
                file_name=name,
            )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"
    if b"\x00" in raw[:8192]:
        raise ExportError(
            gettext(
                "this is not a text table (it contains binary data); expected a CSV or .xlsx export"
            ),
            file_name=name,
        )
    return "text"


def _check_unzipped_size(raw: bytes, name: str) -> None:
    """Refuse a workbook whose parts unzip to more than the limit (a zip bomb),
    from the sizes in the ZIP directory, before anything is decompressed.

    Python's zipfile never returns more bytes than an entry declares, so the
    declared sizes bound what parsing can unpack.
    """
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        unzipped = sum(info.file_size for info in archive.infolist())
    if unzipped > MAX_XLSX_UNCOMPRESSED_BYTES:
        raise ExportError(
            gettext(
                "the workbook unzips to {unzipped}, more than the {MAX_XLSX_UNCOMPRESSED_BYTES} "
                "allowed (the file is {count_raw}); export a shorter date range, or save the "
                "sheet as CSV"
            ).format(
                unzipped=_format_size(unzipped),
                MAX_XLSX_UNCOMPRESSED_BYTES=_format_size(MAX_XLSX_UNCOMPRESSED_BYTES),
                count_raw=_format_size(len(raw)),
            ),
            file_name=name,
        )


def _too_many_cells(cells: int, name: str, sheet: str) -> ExportError:
    return ExportError(
        gettext(
            "the sheet '{sheet}' holds {cells} cells or more; the limit is {MAX_XLSX_CELLS}. "
            "Export a shorter date range or fewer columns, or save it as CSV"
        ).format(sheet=sheet, cells=number(cells), MAX_XLSX_CELLS=number(MAX_XLSX_CELLS)),
        file_name=name,
    )


_SAMPLE_BYTES: Final = 200_000


def _utf8_or_cp1252(data: bytes) -> tuple[str, int]:
    """For bytes that are not strict UTF-8: ``("utf-8", invalid sequences)``
    when the rest is UTF-8 (it holds valid multi-byte characters), else
    ``("cp1252", 0)``."""
    text = data.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    valid_multibyte = sum(1 for ch in text if ord(ch) > 127) - invalid
    if valid_multibyte > 0:
        return "utf-8", invalid
    return "cp1252", 0


def _invalid_note(count: int) -> str:
    return ngettext(
        "The file holds {count} invalid byte sequence (not UTF-8); it was read as '\ufffd'.",
        "The file holds {count} invalid byte sequences (not UTF-8); they were read as '\ufffd'.",
        count,
    ).format(count=count)


def _decode_sample(raw: bytes, name: str) -> tuple[str, bool, str]:
    """The start of the file as text, whether that is all of it, and the
    encoding: ``"utf-16"`` (with BOM), ``"utf-8-sig"`` (strict UTF-8, with or
    without BOM), ``"utf-8"`` (UTF-8 with some invalid bytes, replaced) or
    ``"cp1252"`` (Windows-1252).

    Only the sample is decoded here; a UTF-8 error further on is caught
    when the whole table is read (pandas decodes it in C).
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), True, "utf-16"
        except UnicodeDecodeError as exc:
            raise ExportError(
                gettext("the file starts like UTF-16 text but is damaged; export it again as CSV"),
                file_name=name,
            ) from exc
    head = raw[:_SAMPLE_BYTES]
    complete = len(head) == len(raw)
    try:
        decoder = codecs.getincrementaldecoder("utf-8-sig")()
        return decoder.decode(head, final=complete), complete, "utf-8-sig"
    except UnicodeDecodeError:
        pass
    encoding, _ = _utf8_or_cp1252(head)
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8) :]
    return head.decode(encoding, errors="replace"), complete, encoding


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
        gettext(
            "could not find a header row (a row of column names such as 'Date' and 'Followers') "
            "in the first {count_rows} rows"
        ).format(count_rows=len(rows)),
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
    labels: Callable[[], list[str]] | None = None,
    numbers: Callable[[], list[str]] | None = None,
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
                gettext(
                    "this row has {count_row} cells but the header row has {count_names}; "
                    "expected the same number of cells in every row"
                ).format(count_row=len(row), count_names=len(names)),
                file_name=name,
                row=skip + i + 1,
            )
    wanted = select(names) if select is not None else names
    usecols = [names.index(c) for c in wanted]
    header_line = skip + header_at  # 0-based physical line of the header
    dtypes: dict[str, object] = dict.fromkeys(names, object)
    dtypes |= dict.fromkeys(labels() if labels else [], "category")
    options: dict[str, object] = {
        "sep": delimiter,
        "header": None,
        "names": names,
        "usecols": usecols,
        "skiprows": header_line + 1,
        # Label columns (a network, a message type) as categories: the parser
        # then makes one string per distinct label instead of one per cell.
        "dtype": dtypes,
        "na_filter": False,
        "skip_blank_lines": False,
        "index_col": False,
        "engine": "c",
    }
    payload = raw[len(codecs.BOM_UTF8) :] if raw.startswith(codecs.BOM_UTF8) else raw

    def read_with(opts: dict[str, object]) -> tuple[pd.DataFrame, str, int]:
        invalid = _utf8_or_cp1252(payload)[1] if encoding == "utf-8" else 0
        if encoding == "utf-16":
            return pd.read_csv(io.StringIO(sample), **opts), encoding, 0  # type: ignore[call-overload]
        try:
            # pandas decodes plain UTF-8 in C; "utf-8-sig" goes through a
            # slower Python wrapper, so the BOM is dropped here instead.
            frame = pd.read_csv(
                io.BytesIO(payload),
                encoding="utf-8" if encoding.startswith("utf-8") else encoding,
                encoding_errors="strict" if encoding == "utf-8-sig" else "replace",
                **opts,  # type: ignore[call-overload]
            )
            return frame, encoding, invalid
        except UnicodeDecodeError:
            # A bad byte beyond the sample: UTF-8 with a few bad bytes,
            # or Windows-1252 all along.
            found, invalid = _utf8_or_cp1252(payload)
            frame = pd.read_csv(
                io.BytesIO(payload),
                encoding=found,
                encoding_errors="replace",
                **opts,  # type: ignore[call-overload]
            )
            return frame, found, invalid

    floats = _float_columns(rows[header_at + 1 :], names, wanted, numbers, delimiter)
    try:
        if floats:
            # Plain numbers are read as numbers by the parser itself; a cell it
            # cannot read (text, "1,234") sends the whole table to the text path.
            fast = options | {
                "dtype": dtypes | dict.fromkeys(floats, "float64"),
                "na_filter": True,
                "keep_default_na": False,
                "na_values": dict.fromkeys(floats, _NA_FORMS),
            }
            try:
                frame, encoding, invalid = read_with(fast)
            except ValueError as exc:
                if isinstance(exc, pd.errors.ParserError):
                    raise
                frame, encoding, invalid = read_with(options)
        else:
            frame, encoding, invalid = read_with(options)
    except pd.errors.ParserError as exc:
        match = re.search(r"line (\d+), saw (\d+)", str(exc))
        if match:
            raise ExportError(
                gettext(
                    "this row has {count} cells but the header row has {count_names}; expected "
                    "the same number of cells in every row"
                ).format(count=match.group(2), count_names=len(names)),
                file_name=name,
                row=header_line + int(match.group(1)),
            ) from exc
        raise ExportError(
            gettext("could not read the table ({exc})").format(exc=exc), file_name=name
        ) from exc
    except ValueError as exc:
        raise ExportError(
            gettext("could not read the table ({exc})").format(exc=exc), file_name=name
        ) from exc
    if invalid:
        notes.append(_invalid_note(invalid))
    if encoding == "cp1252":
        notes.append(gettext("Read the file as Windows-1252 text (it is not UTF-8)."))
    frame.index = pd.RangeIndex(header_line + 2, header_line + 2 + len(frame))
    return _Table(frame, name, titles, delimiter, tuple(notes))


_NA_FORMS: Final = sorted({f for t in NA_TOKENS for f in (t, t.upper(), t.title())})
_PLAIN_NUMBER_RE: Final = re.compile(r"^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$")


def _float_columns(
    rows: list[list[str]],
    names: list[str],
    wanted: list[str],
    numbers: Callable[[], list[str]] | None,
    delimiter: str,
) -> list[str]:
    """Metric columns whose sample cells are all plain dot-decimal numbers (or
    missing), so the parser can read them as numbers; none in ``;`` files,
    whose decimal mark is judged per column."""
    if numbers is None or delimiter == ";":
        return []
    out = []
    for column in numbers():
        if column not in wanted:
            continue
        i = names.index(column)
        cells = [r[i].strip() for r in rows if i < len(r)]
        present = [c for c in cells if c.casefold() not in NA_TOKENS]
        if not present or not all(_PLAIN_NUMBER_RE.match(c) for c in present):
            continue
        if _decimal_mark(pd.Series(present, dtype=object), ".") != ".":
            continue
        out.append(column)
    return out


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
    budget: Budget,
) -> _Table:
    import openpyxl  # only Excel uploads pay for the import

    damaged = ExportError(
        gettext(
            "the Excel file is damaged or incomplete (perhaps the download or upload was cut "
            "short); save it again from Excel, or export a CSV"
        ),
        file_name=name,
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
            try:
                sheets: list[tuple[str, list[list[str]], int]] = []
                for sheet in book.worksheets:
                    # The <dimension> element states the sheet's size; reading it
                    # costs nothing, and a lie is caught while counting rows below.
                    rows_declared, columns_declared = sheet.max_row or 0, sheet.max_column or 0
                    if rows_declared * columns_declared > MAX_XLSX_CELLS:
                        raise _too_many_cells(rows_declared * columns_declared, name, sheet.title)
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
                        gettext(
                            "the sheet '{title}' is empty; expected a table with a header row and "
                            "data rows"
                        ).format(title=title),
                        file_name=name,
                    )
                header_at = _find_header(head, is_known, name)
                rows = []
                cells = 0
                for row in book[title].iter_rows(min_row=header_at + 2, values_only=True):
                    rows.append([_cell_text(v) for v in row])
                    cells += len(row)
                    if len(rows) % 5000 == 0:
                        if cells > MAX_XLSX_CELLS:
                            raise _too_many_cells(cells, name, title)
                        budget.check(f"reading row {len(rows):,} of the sheet '{title}'")
                if cells > MAX_XLSX_CELLS:
                    raise _too_many_cells(cells, name, title)
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


def empty_cells(cells: pd.Series) -> np.ndarray:
    """Which cells are empty, for text and category columns alike."""
    if isinstance(cells.dtype, pd.CategoricalDtype):
        categories = cells.cat.categories
        if "" not in categories:
            return np.zeros(len(cells), dtype=bool)
        return cells.cat.codes.to_numpy() == categories.get_loc("")
    if cells.dtype.kind == "f":
        return np.isnan(cells.to_numpy())
    return cells.to_numpy(dtype=object) == ""


def read_table(
    raw: bytes,
    name: str,
    is_known: Callable[[str], bool],
    select: Callable[[list[str]], list[str]] | None = None,
    budget: Budget | None = None,
    labels: Callable[[], list[str]] | None = None,
    numbers: Callable[[], list[str]] | None = None,
) -> _Table:
    """Cells of the file's table as text, blank rows removed.

    ``select`` picks the columns to read from the header; ``labels`` then
    names those that hold a few distinct labels (read as categories in CSV)
    and ``numbers`` those meant to hold numbers (read as floats in CSV when
    their first rows are plain numbers).
    """
    budget = budget or Budget(None, name)
    if _kind(raw, name) == "xlsx":
        table = _excel_table(raw, name, is_known, select, budget)
    else:
        table = _text_table(raw, name, is_known, select, labels, numbers)
    budget.check("reading the table")
    # With na_filter=False, empty and missing cells are "" (no NaN).
    frame = table.frame
    if len(frame.columns):
        blank = np.ones(len(frame), dtype=bool)
        for column in frame.columns:
            blank &= empty_cells(frame[column])
        if blank.any():
            frame = frame[~blank]
    if frame.empty:
        raise ExportError(gettext("the table has a header row but no data rows"), file_name=name)
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
    "%d-%m-%Y %H:%M:%S",
    "%m-%d-%Y",
    "%m-%d-%Y %H:%M",
    "%Y/%m/%d",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y.%m.%d",
    "%m/%d/%y",
    "%d/%m/%y",
    "%d.%m.%y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%a, %b %d, %Y",
    "%b %d, %Y %I:%M %p",
    "%B %d, %Y at %I:%M %p",
)
# Formats of dates with words, after `_plain_date_text` has put them in one
# shape: lower case, English month abbreviations, no weekday, no commas.
_WORD_FORMATS: Final = (
    "%b %d %Y",
    "%d %b %Y",
    "%b %d %Y %H:%M",
    "%b %d %Y %H:%M:%S",
    "%b %d %Y %I:%M %p",
    "%b %d %Y %I:%M:%S %p",
    "%d %b %Y %H:%M",
    "%d %b %Y %H:%M:%S",
    "%d %b %Y %I:%M %p",
    "%Y %b %d",
    "ISO8601",
)
_LEAP_YEAR: Final = 2000  # a placeholder year in which 29 February exists

# Month names and abbreviations in the UI languages of the exports (English,
# Norwegian, Danish, Swedish, German, Dutch, Spanish, Portuguese, French,
# Italian, Russian), casefolded, to English abbreviations.
_MONTH_WORDS: Final[dict[str, tuple[str, ...]]] = {
    "jan": (
        "января",
        "january",
        "januar",
        "januari",
        "jänner",
        "janvier",
        "janv",
        "enero",
        "ene",
        "janeiro",
        "gennaio",
        "gen",
    ),
    "feb": (
        "февраля",
        "february",
        "februar",
        "februari",
        "février",
        "fevrier",
        "févr",
        "fevr",
        "febrero",
        "fevereiro",
        "fev",
        "febbraio",
    ),
    "mar": (
        "марта",
        "march",
        "mars",
        "märz",
        "maerz",
        "mär",
        "mrz",
        "maart",
        "mrt",
        "marzo",
        "março",
        "marco",
    ),
    "apr": ("апреля", "april", "avril", "avr", "abril", "abr", "aprile"),
    "may": ("мая", "mai", "maj", "mei", "mayo", "maio", "mag", "maggio"),
    "jun": ("июня", "june", "juni", "juin", "junio", "junho", "giugno", "giu"),
    "jul": ("июля", "july", "juli", "juillet", "juil", "julio", "julho", "luglio", "lug"),
    "aug": ("августа", "august", "augusti", "augustus", "août", "aout", "agosto", "ago"),
    "sep": (
        "сентября",
        "september",
        "sept",
        "septembre",
        "septiembre",
        "setiembre",
        "setembro",
        "set",
        "settembre",
    ),
    "oct": (
        "октября",
        "october",
        "oktober",
        "okt",
        "octobre",
        "octubre",
        "outubro",
        "out",
        "ottobre",
        "ott",
    ),
    "nov": ("ноября", "november", "novembre", "noviembre", "novembro"),
    "dec": (
        "декабря",
        "december",
        "desember",
        "des",
        "dezember",
        "dez",
        "décembre",
        "decembre",
        "déc",
        "diciembre",
        "dic",
        "dezembro",
        "dicembre",
    ),
}
_MONTHS: Final = {word: abbr for abbr, words in _MONTH_WORDS.items() for word in (abbr, *words)}
# Weekday names that are not also month names ("mar" is Tuesday in Spanish
# and March in English, so it is not here).
_WEEKDAYS: Final = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
        "mandag",
        "tirsdag",
        "onsdag",
        "torsdag",
        "fredag",
        "lørdag",
        "søndag",
        "man",
        "tir",
        "ons",
        "tor",
        "fre",
        "lør",
        "søn",
        "måndag",
        "tisdag",
        "lördag",
        "sön",
        "mån",
        "tis",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "mo",
        "di",
        "mi",
        "do",
        "fr",
        "sa",
        "so",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "ma",
        "wo",
        "vr",
        "za",
        "zo",
        "lunes",
        "martes",
        "miércoles",
        "miercoles",
        "jueves",
        "viernes",
        "sábado",
        "sabado",
        "domingo",
        "lun",
        "mié",
        "mie",
        "jue",
        "vie",
        "sáb",
        "sab",
        "dom",
        "segunda",
        "terça",
        "terca",
        "quarta",
        "quinta",
        "sexta",
        "seg",
        "ter",
        "qua",
        "qui",
        "sex",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "mer",
        "jeu",
        "ven",
        "sam",
        "dim",
        "lunedì",
        "lunedi",
        "martedì",
        "martedi",
        "mercoledì",
        "mercoledi",
        "giovedì",
        "giovedi",
        "venerdì",
        "venerdi",
        "sabato",
        "gio",
    }
)
_FILLER_WORDS: Final = frozenset({"de", "del", "of", "den", "der", "le", "el", "at", "kl", "um"})
_WORD_RE: Final = re.compile(r"[^\W\d_]+(?:-feira)?\.?")
_ZONE_RE: Final = re.compile(
    r"\s*(\([^)]*\)|\b(?:utc|gmt|z)(?:\s?[+-]\d{1,2}(?::?\d{2})?)?|"
    r"\b(?:pst|pdt|est|edt|cst|cdt|mst|mdt|cet|cest|bst|ist|eet|eest)\b|[+-]\d{2}:?\d{2})\s*$"
)
_NO_YEAR_RE: Final = re.compile(r"^(\d{1,2} [a-z]{3}|[a-z]{3} \d{1,2})$")


def _plain_date_text(text: str) -> str:
    """A date as exports write it, in one shape for the word formats.

    >>> _plain_date_text("Tue, Feb 18, 2025"), _plain_date_text("8 de marzo")
    ('feb 18 2025', '8 mar')
    >>> _plain_date_text("Mon Feb 17 2025"), _plain_date_text("søndag 2. mars 2025 kl. 14:05")
    ('feb 17 2025', '2 mar 2025 14:05')
    """
    text = str(text).strip().casefold()
    for _ in range(2):  # "... 10:00 PM (PST)", "... GMT+0000 (Coordinated Universal Time)"
        text = _ZONE_RE.sub("", text)
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"(\d)\.(?=\s*[^\W\d_])", r"\1", text)  # "2. mars"
    text = text.replace(",", " ")
    out, last = [], 0
    for i, match in enumerate(_WORD_RE.finditer(text)):
        word = match.group(0).rstrip(".")
        out.append(text[last : match.start()])
        if word in _MONTHS:
            out.append(_MONTHS[word])
        elif (i == 0 and (word in _WEEKDAYS or word.endswith("-feira"))) or word in _FILLER_WORDS:
            out.append(" ")
        else:
            out.append(match.group(0))
        last = match.end()
    out.append(text[last:])
    return " ".join("".join(out).split())


def _to_datetime(values: pd.Series, fmt: str) -> pd.Series:
    """Parse with one format; unparseable cells become NaT."""
    try:
        parsed = pd.to_datetime(values, format=fmt, errors="coerce")
    except (ValueError, TypeError, OverflowError):
        # Mixed UTC offsets: drop them and keep each row's wall time, as for one offset.
        wall = values.astype(str).str.replace(r"\s*(?:Z|[+-]\d{2}:?\d{2})$", "", regex=True)
        parsed = pd.to_datetime(wall, format=fmt, errors="coerce")
    if isinstance(parsed.dtype, pd.DatetimeTZDtype):
        parsed = parsed.dt.tz_localize(None)  # keep the wall time of the export
    return parsed


def _swapped(fmt: str) -> str | None:
    """The format with day and month swapped, for numeric formats holding both."""
    if "%d" in fmt and "%m" in fmt:
        return fmt.replace("%d", "\0").replace("%m", "%d").replace("\0", "%m")
    return None


def _best_format(sample: pd.Series, formats: tuple[str, ...]) -> tuple[str, int]:
    best, best_count = "", 0
    for fmt in formats:
        count = int(_to_datetime(sample, fmt).notna().sum())
        if count > best_count:
            best, best_count = fmt, count
        if best_count == len(sample):
            break
    return best, best_count


def _median_step_days(parsed: pd.Series) -> float:
    """Median distance in days between neighbouring rows (file order)."""
    days = parsed.dropna().to_numpy().astype("datetime64[s]").astype(np.int64) / 86_400
    return float(np.median(np.abs(np.diff(days)))) if days.size > 1 else 0.0


def _year_from_name(file_name: str) -> tuple[pd.Timestamp, str] | None:
    """The export date in a file name ("Overview_2025-08-28.csv"), or its year."""
    full = re.findall(r"(20\d{2})[-_.]?([01]\d)[-_.]?([0-3]\d)", file_name)
    for year, month, day in reversed(full):
        try:
            return pd.Timestamp(int(year), int(month), int(day)), _file_name_words(file_name)
        except ValueError:
            continue
    years = re.findall(r"(?<!\d)(20\d{2})(?!\d)", file_name)
    if years:
        return pd.Timestamp(int(years[-1]), 12, 31), _file_name_words(file_name)
    return None


def _file_name_words(file_name: str) -> str:
    return gettext("the file name '{name}'").format(name=file_name)


def _short_date(day: pd.Timestamp) -> str:
    """'01 Jan 2025' in English, '1. jan. 2025' in Norwegian."""
    from babel.dates import format_date

    from socialcase.i18n import babel_locale, current_language

    pattern = "dd MMM y" if current_language() == "en" else "d. MMM y"
    return format_date(day, pattern, locale=babel_locale())


def _add_years(parsed: pd.Series, file_name: str) -> tuple[pd.Series, str]:
    """Dates read without a year (placeholder 2000) given their years.

    The rows run forwards or backwards in time, so a month that falls back
    (December, then January) starts the next year; the latest date is the
    last such day up to the export date in the file name, else up to today.
    """
    valid = parsed.notna().to_numpy()
    dates = parsed[valid]
    month, day = dates.dt.month.to_numpy(), dates.dt.day.to_numpy()
    ordinal = dates.dt.day_of_year.to_numpy()
    step = np.diff(ordinal)
    forwards = int((step > 0).sum()) >= int((step < 0).sum())
    wraps = (step < -183) if forwards else (step > 183)
    offset = np.concatenate([[0], np.cumsum(wraps)]) * (1 if forwards else -1)
    found = _year_from_name(file_name)
    reference, where = found if found else (pd.Timestamp.now().normalize(), gettext("today's date"))
    latest = int(np.argmax(offset * 400 + ordinal))
    base = reference.year - int(offset[latest])
    if (int(month[latest]), int(day[latest])) > (reference.month, reference.day):
        base -= 1
    years = base + offset
    # 29 February in a year without it: the day before.
    leap = (years % 4 == 0) & ((years % 100 != 0) | (years % 400 == 0))
    day = np.where((month == 2) & (day == 29) & ~leap, 28, day)
    with_years = pd.to_datetime(
        pd.DataFrame({"year": years, "month": month, "day": day}), errors="coerce"
    )
    time_of_day = (dates - dates.dt.normalize()).to_numpy()
    out = parsed.copy()
    out[valid] = with_years.to_numpy() + time_of_day
    first, last = out[valid].min(), out[valid].max()
    note = gettext(
        "The dates have no year; they were read as {first} to {last}, the year taken from {where}."
    ).format(first=_short_date(first), last=_short_date(last), where=where)
    return out, note


def _bad_date(value: object, example: str, *, name: str, row: int, column: str) -> ExportError:
    return ExportError(
        gettext(
            "could not read {value} as a date; expected dates in the same form as {example} (for "
            "example 2025-01-31, 31.01.2025, 01/31/2025 or Jan 31, 2025)"
        ).format(value=quote(value), example=quote(example)),
        file_name=name,
        row=row,
        column=column,
    )


def parse_dates(
    cells: pd.Series,
    *,
    name: str,
    column: str,
    dayfirst: bool = False,
) -> tuple[pd.Series, str | None]:
    """Dates or times from text cells; a bad cell is an :class:`ExportError`.

    Tries the formats exports use on a sample and applies the one that reads
    the most of it to the whole column (one vectorised parse).  Dates with
    words (``Mon Feb 17 2025``, ``Tue, Feb 18, 2025``, ``8 de marzo``,
    ``2. mars 2025``) are put in one shape first, month names in eleven
    languages.  Day-first or month-first is decided from the whole column:
    the reading under which every cell is a date, then the one whose rows
    lie closer together.  Dates without a year get one (see `_add_years`).
    A time-zone offset is dropped, keeping the export's wall time.  Dates
    outside 2000 to next year become ``NaT`` (and are noted), so no file can
    make a daily index of centuries.  Empty cells become ``NaT``.
    """
    values = cells.to_numpy(dtype=object)
    filled = values != ""
    positions = np.flatnonzero(filled)
    if positions.size == 0:
        raise ExportError(gettext("the date column is empty"), file_name=name, column=column)
    notes: list[str] = []
    head = pd.unique(values[positions[:2000]])[:300]
    sample = pd.Series([str(v).strip() for v in head], dtype=object)
    formats: tuple[str, ...] = _DATE_FORMATS
    if dayfirst:  # a European file: try 03/04/2025 as 3 April first
        formats = tuple(sorted(formats, key=lambda f: 0 if f.startswith("%d/") else 1))
    best, best_count = _best_format(sample, formats)
    no_year = False
    if best_count == len(sample):
        parsed = _parse_plain(cells, values, filled, positions, best, name, column, sample)
    else:
        parsed, best, no_year = _parse_words(cells, values, positions, name, column, sample)
    swapped = _swapped(best)
    if swapped is not None:
        other_sample = _to_datetime(sample, swapped)
        if int(other_sample.notna().sum()) == len(sample):
            other = _to_datetime(cells.where(filled, None), swapped)
            if bool(other[filled].notna().all()):
                mine, theirs = _median_step_days(parsed), _median_step_days(other)
                if theirs < mine:
                    parsed, best = other, swapped
                elif theirs == mine:
                    order = (
                        gettext("day/month/year")
                        if best.index("%d") < best.index("%m")
                        else gettext("month/day/year")
                    )
                    notes.append(
                        gettext(
                            "Dates in column '{column}' such as {example} could be day/month or "
                            "month/day; they were read as {order}."
                        ).format(column=column, example=quote(sample.iloc[0]), order=order)
                    )
    if no_year:
        parsed, note = _add_years(parsed, name)
        notes.append(note)
    earliest, latest = EARLIEST_DATE, latest_date()
    outside = ((parsed < earliest) | (parsed > latest)).to_numpy()
    if outside.any():
        first = int(np.argmax(outside))
        count = int(outside.sum())
        if count == int(parsed.notna().sum()):
            raise ExportError(
                gettext(
                    "the dates, such as {values}, fall outside {year} to {year2}; expected dates "
                    "of your analytics in that window"
                ).format(values=quote(values[first]), year=earliest.year, year2=latest.year),
                file_name=name,
                row=int(cells.index[first]),
                column=column,
            )
        notes.append(
            gettext(
                "Left out {count} row(s) dated outside {earliest} to {latest} (the first in row "
                "{row}: {value})."
            ).format(
                count=number(count),
                earliest=earliest.year,
                latest=latest.year,
                row=int(cells.index[first]),
                value=quote(values[first]),
            )
        )
        parsed = parsed.mask(outside)
    return parsed, " ".join(notes) or None


def _parse_plain(
    cells: pd.Series,
    values: np.ndarray,
    filled: np.ndarray,
    positions: np.ndarray,
    fmt: str,
    name: str,
    column: str,
    sample: pd.Series,
) -> pd.Series:
    """The whole column in one format.  Cells are stripped of spaces only if
    they fail as they are (stripping a million cells costs more than parsing)."""
    if positions.size == len(values):
        parsed = _to_datetime(cells, fmt)
    else:
        some = _to_datetime(cells.iloc[positions], fmt).to_numpy()
        full = np.full(len(values), np.datetime64("NaT"), dtype=some.dtype)
        full[positions] = some
        parsed = pd.Series(full, index=cells.index)
    bad = parsed.isna().to_numpy() & filled
    if bad.any():
        where = np.flatnonzero(bad)
        stripped = pd.Series([str(v).strip() for v in values[where]], dtype=object)
        retried = _to_datetime(stripped, fmt)
        failed = retried.isna().to_numpy() & (stripped != "").to_numpy()
        if failed.any():
            first = int(where[int(np.argmax(failed))])
            raise _bad_date(
                values[first], sample.iloc[0], name=name, row=int(cells.index[first]), column=column
            )
        parsed.iloc[where] = retried.astype(parsed.dtype).to_numpy()
    return parsed


def _parse_words(
    cells: pd.Series,
    values: np.ndarray,
    positions: np.ndarray,
    name: str,
    column: str,
    sample: pd.Series,
) -> tuple[pd.Series, str, bool]:
    """Dates with words or in mixed forms: each distinct cell put in one shape
    (`_plain_date_text`), then parsed; ``(dates, format, whether the dates
    had no year)``."""
    codes, uniques = pd.factorize(values[positions])
    plain = [_plain_date_text(u) for u in uniques]
    no_year_flags = [bool(_NO_YEAR_RE.match(t)) for t in plain]
    no_year = sum(no_year_flags) > len(plain) / 2
    if no_year:
        plain = [
            f"{t} {_LEAP_YEAR}" if flag else t for t, flag in zip(plain, no_year_flags, strict=True)
        ]
    texts = pd.Series(plain, dtype=object)
    head = texts.iloc[: len(sample)]
    best, count = _best_format(head, _WORD_FORMATS + _DATE_FORMATS)
    if count == 0:
        first = int(positions[0])
        raise ExportError(
            gettext(
                "could not read {values} as a date; expected dates like 2025-01-31, 31.01.2025, "
                "01/31/2025 or Jan 31, 2025"
            ).format(values=quote(values[first])),
            file_name=name,
            row=int(cells.index[first]),
            column=column,
        )
    parsed_uniques = _to_datetime(texts, best)
    missing = parsed_uniques.isna().to_numpy()
    for fmt in _WORD_FORMATS + _DATE_FORMATS:  # a second form in the same column
        if not missing.any():
            break
        retry = _to_datetime(texts[missing], fmt)
        parsed_uniques[missing] = retry.to_numpy()
        missing = parsed_uniques.isna().to_numpy()
    if missing.any():
        bad_code = int(np.flatnonzero(missing)[0])
        first = int(positions[int(np.argmax(codes == bad_code))])
        raise _bad_date(
            values[first], sample.iloc[0], name=name, row=int(cells.index[first]), column=column
        )
    full = np.full(len(values), np.datetime64("NaT"), dtype=parsed_uniques.to_numpy().dtype)
    full[positions] = parsed_uniques.to_numpy()[codes]
    return pd.Series(full, index=cells.index), best, no_year


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

    Empty cells and ``-``, ``n/a`` and the like are missing (NaN).  Plain
    numbers (``5534.0``) in a dot-decimal column are read in one pass; the
    text clean-up runs only when some cell needs it.
    """
    fast = (
        cells.to_numpy(dtype=float, copy=True)
        if cells.dtype.kind == "f"
        else _plain_numbers(cells, default_decimal)
    )
    if fast is not None:
        values = fast
        text = cells
        infinite = np.isinf(values)
        if infinite.any():
            first = int(np.argmax(infinite))
            raise ExportError(
                gettext("expected a number, found {iloc} (too large)").format(
                    iloc=quote(text.iloc[first])
                ),
                file_name=name,
                row=int(text.index[first]),
                column=column,
            )
    else:
        values, text = _cleaned_numbers(cells, name=name, column=column, decimal=default_decimal)
    if not signed:
        negative = values < 0
        if negative.any():
            first = int(np.argmax(negative))
            raise ExportError(
                gettext("expected a count of 0 or more, found {iloc}").format(
                    iloc=quote(text.iloc[first])
                ),
                file_name=name,
                row=int(text.index[first]),
                column=column,
            )
    return values


def _plain_numbers(cells: pd.Series, default_decimal: str) -> np.ndarray | None:
    """The column as numbers if every cell is a plain number or a missing
    marker, with a dot as decimal mark; else ``None``."""
    sample = cells.iloc[:5000].drop_duplicates().iloc[:500].str.strip()
    if _decimal_mark(sample[sample != ""], default_decimal) != ".":
        return None
    if sample.str.contains(r"[,\s']", regex=True).any():
        return None
    values = np.array(pd.to_numeric(cells, errors="coerce"), dtype=float)
    unread = ~np.isfinite(values)
    if unread.any():
        rest = cells[unread].str.strip().str.casefold()
        if not rest.isin(NA_TOKENS).all():
            return None
        values[unread] = np.nan
    return values


def _cleaned_numbers(
    cells: pd.Series, *, name: str, column: str, decimal: str
) -> tuple[np.ndarray, pd.Series]:
    text = cells.str.strip()
    missing = text.str.casefold().isin(NA_TOKENS).to_numpy()
    compact = text.str.replace(_SPACES_RE, "", regex=True)
    decimal = _decimal_mark(compact[~missing], decimal)
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
            gettext("expected a number, found {iloc}").format(iloc=quote(text.iloc[first])),
            file_name=name,
            row=int(text.index[first]),
            column=column,
        )
    return values, text
