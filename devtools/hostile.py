"""The hostile-input pass (issue 13): each bad input a viewer can give, and what they see.

Every case goes in where the kernel receives it from the page: text typed into an
input box, a file's bytes as the upload button sends them, a shared link's query
string. For each the pass records the words the viewer reads (the message beside the
box, the step's upload message, the status line of the page) and whether the case on
screen kept its last good values. With ``--url`` it also asks a running dashboard
(``make dashboard``) for Voila's own query keys and template paths and records each
answer's HTTP status and whether the answer carries the payload unescaped.

Run with ``python -m devtools.hostile [--url http://127.0.0.1:8866/]``; it prints a
Markdown table (about a minute). The same cases, with what must hold for each, are
tests: ``tests/test_hardening_fields.py``, ``test_imports.py``, ``test_share.py``,
``test_serving.py``, ``test_upload.py`` and ``test_upload_browser.py``.
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import random
import re
import string
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

PAYLOAD = '"><img src=x onerror="document.title=\'PWNED\'">'
FIELD_VALUES = {
    "negative": "-5",
    "text": "abc",
    "overflow": "1e400",
    "nan": "NaN",
    "blank": "",
    "list": "12,5,3",
    "huge": "1e300",
    "markup": PAYLOAD,
    "emoji": "\U0001f600",
    "infinity": "inf",
}
EXAMPLE_FIELD = "hire_salary_per_year"  # the message quoted for each value, where refused
SHOWN_CHARS = 230  # what the table quotes of a message


@dataclass(frozen=True)
class Seen:
    """One hostile case and what the viewer saw."""

    area: str
    case: str
    shown: str
    kept: str
    seconds: float


def _text(markup: str) -> str:
    """The words of a bit of HTML, as the viewer reads them."""
    words = re.sub(r"<[^>]+>", " ", markup)
    return re.sub(r"\s+", " ", html.unescape(words)).strip()


def _quote(text: str) -> str:
    text = text.replace("|", "/")
    return text if len(text) <= SHOWN_CHARS else text[: SHOWN_CHARS - 1] + "…"


def _headline(dashboard: Any) -> str:
    """The verdict's net value as on screen: the check that the case kept its values."""
    from socialcase.ui.parts import static_html

    figures = re.findall(r"sc-figure-value[^>]*>([^<]*)<", static_html(dashboard.verdict))
    return html.unescape(figures[0]) if figures else "(none)"


def _timed(run: Callable[[], str]) -> tuple[str, float]:
    start = time.perf_counter()
    shown = run()
    return shown, time.perf_counter() - start


# -- input boxes ------------------------------------------------------------------------------


def _walk(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _opened_dashboard() -> Any:
    """A dashboard with every section open (closed sections build their boxes when opened)."""
    import ipywidgets as widgets

    from socialcase.ui.dashboard import Dashboard

    dashboard = Dashboard(draws=500)
    for step in dashboard.steps.values():
        for widget in list(_walk(step.widget)):
            if isinstance(widget, widgets.Accordion) and widget.selected_index is None:
                widget.selected_index = 0
    return dashboard


def fields() -> Iterator[Seen]:
    """Every number and text box, each bad value typed into it (summarised per value)."""
    from socialcase.scenario import spec_of
    from socialcase.ui.fields import NumberField, TextField

    dashboard = _opened_dashboard()
    boxes = {n: f for n, f in dashboard.fields.items() if isinstance(f, NumberField | TextField)}
    for label, typed in FIELD_VALUES.items():
        outcomes: Counter[str] = Counter()
        example = ""
        start = time.perf_counter()
        for name, field in boxes.items():
            before = dashboard.scenario.values()[name]
            field.box.value = typed
            message = _text(field.message_text)
            refused = dashboard.scenario.values()[name] == before
            if field.box.value != typed:
                outcomes["typed text lost"] += 1
            if refused and message:
                outcomes["refused with a message"] += 1
                if name == EXAMPLE_FIELD or not example:
                    example = message
            elif refused:
                outcomes["unchanged, no message"] += 1
            else:
                outcomes[f"taken ({spec_of(name).kind} allows it)"] += 1
            if PAYLOAD in str(field.message_text):
                outcomes["markup unescaped"] += 1
            if dashboard.scenario.values()[name] != before:
                dashboard.propose(name, before)
            field.set_value(before)
        counts = ", ".join(f"{n} {what}" for what, n in sorted(outcomes.items()))
        yield Seen(
            "input box",
            f"{label} `{typed[:20]}` in each of {len(boxes)} boxes",
            _quote(f"{counts}. e.g. {example}"),
            f"net value {_headline(dashboard)}",
            time.perf_counter() - start,
        )


# -- uploads ----------------------------------------------------------------------------------


def bomb_xlsx(unzipped_bytes: int) -> bytes:
    """A real workbook (openpyxl's) whose sheet is replaced by `unzipped_bytes` of repeated
    rows: about 1 MB on disk per 300 MB unzipped, like a zip bomb."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Date", "Followers"])
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    row = b'<row><c t="inlineStr"><is><t>2025-01-01</t></is></c><c><v>1</v></c></row>' * 10_000
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info, source.read(info.filename))
                continue
            with archive.open(info.filename, "w", force_zip64=True) as sheet:
                sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxml')
                sheet.write(b'formats.org/spreadsheetml/2006/main"><sheetData>')
                written = 0
                while written < unzipped_bytes:
                    sheet.write(row)
                    written += len(row)
                sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


def _per_minute_csv(days: int) -> bytes:
    """A reach export with one row a minute (the per-row kind a tool can give)."""
    import pandas as pd

    times = pd.date_range("2025-01-01", periods=days * 24 * 60, freq="min")
    lines = ["Date,Reach"] + [f"{t:%Y-%m-%d %H:%M},1" for t in times]
    return ("\n".join(lines) + "\n").encode()


def upload_files() -> dict[str, tuple[str, bytes]]:
    """Each hostile file, by what it is: (file name, bytes)."""
    from socialcase import tables

    limit = tables.MAX_UPLOAD_BYTES
    big_row = b"2025-01-01,1\n"
    return {
        "empty file": ("empty.csv", b""),
        "not a CSV (PNG bytes)": ("chart.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4),
        "CSV with no date column": ("nodate.csv", b"Name,Followers\nA,1\nB,2\n"),
        "dates 1700 and 2260 (a daily index of 560 years)": (
            "old.csv",
            b"Date,Followers\n1700-01-01,1\n2260-01-01,2\n",
        ),
        "a 100,000-character cell": (
            "long.csv",
            b"Date,Followers\n2025-01-01,1\n" + b"x" * 100_000 + b",2\n",
        ),
        "per-minute export, 7 days (10,080 rows)": ("minutes.csv", _per_minute_csv(7)),
        "xlsx that unzips past the cap (zip bomb)": (
            "bomb.xlsx",
            bomb_xlsx(tables.MAX_XLSX_UNCOMPRESSED_BYTES + 1024 * 1024),
        ),
        "11.5 MB CSV, every row the same day": (
            "big.csv",
            b"Date,Followers\n" + big_row * (11_500_000 // len(big_row)),
        ),
        f"one byte above the limit ({limit:,} bytes)": ("huge.csv", b"x" * (limit + 1)),
    }


def uploads() -> Iterator[Seen]:
    """Each hostile file sent to step 2's and step 3's upload buttons as the page sends it."""
    from socialcase.ui.dashboard import Dashboard

    dashboard = Dashboard(draws=500)
    growth: Any = dashboard.steps[2]
    inbox = dashboard.inbox_panel
    for label, (name, raw) in upload_files().items():
        for where, upload, message in (
            ("step 2 (growth)", growth.upload, lambda: growth.message.value + growth.source.value),
            ("step 3 (inbox)", inbox.upload, lambda: inbox.message.value),
        ):
            before = _headline(dashboard)

            def send(
                upload: Any = upload, message: Any = message, name: str = name, raw: bytes = raw
            ) -> str:
                upload.message = ""
                upload._on_message(None, {"kind": "file", "name": name}, [raw])
                return _text(upload.message) or _text(message())

            shown, seconds = _timed(send)
            after = _headline(dashboard)
            kept = "kept" if after == before else f"changed: {before} to {after}"
            yield Seen(f"upload, {where}", label, _quote(shown or "(nothing)"), kept, seconds)


# -- shared links -----------------------------------------------------------------------------


def link_queries() -> dict[str, str]:
    """Each hostile link's query string, by what it is."""
    from socialcase import share
    from socialcase.scenario import Scenario

    good = share.to_query(Scenario().evolve(hire_salary_per_year=70_000))
    data = good.split("d=", 1)[1] if "d=" in good else ""
    raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)) if data else b""
    return {
        "random base64 in d": "sc=2&d=" + base64.urlsafe_b64encode(bytes(range(40))).decode(),
        "not base64 at all": "sc=2&d=!!!***",
        "a newer version (sc=99)": good.replace("sc=2", "sc=99"),
        "a version that is not a number": good.replace("sc=2", "sc=abc"),
        "script in d": "sc=2&d=" + PAYLOAD,
        "script in lang": "sc=2&lang=" + PAYLOAD,
        "unknown language": "sc=2&lang=xx",
        "d cut in half": "sc=2&d=" + data[: len(data) // 2],
        "raw bytes flipped": "sc=2&d="
        + base64.urlsafe_b64encode(bytes(b ^ 0x5A for b in raw)).decode().rstrip("="),
        "a 100 KB d": "sc=2&d=" + "A" * 100_000,
        "a 10 MB d": "sc=2&d=" + "A" * 10_000_000,
    }


def links() -> Iterator[Seen]:
    """Each hostile link opened by the dashboard the way the workbook's last cell does."""
    from socialcase.ui.dashboard import Dashboard

    for label, query in link_queries().items():
        dashboard = Dashboard(draws=500)

        def run(dashboard: Any = dashboard, query: str = query) -> str:
            dashboard.apply_link(query)
            return _text(dashboard.status.value)

        shown, seconds = _timed(run)
        yield Seen(
            "shared link",
            label,
            _quote(shown or "(no notice)"),
            f"net value {_headline(dashboard)}",
            seconds,
        )
    yield from _long_answers()


def _long_answers() -> Iterator[Seen]:
    """Answers too long for a link: cut with a note, or the link refused with the file offered."""
    from socialcase.ui.dashboard import Dashboard

    rng = random.Random(0)  # text that does not compress away, as real answers do not
    for size in (1_000, 4_000):
        dashboard = Dashboard(draws=500)
        start = time.perf_counter()
        for name in (
            "answer_missed_opportunity",
            "answer_skills",
            "answer_social_direction",
            "answer_business_direction",
        ):
            text = "".join(rng.choice(string.ascii_lowercase + " ") for _ in range(size))
            dashboard.propose(name, text)
        shown = _text(dashboard.sharing.long_link.value)
        yield Seen(
            "shared link",
            f"four answers of {size:,} characters each, then 'Copy link'",
            _quote(shown or "(no notice)"),
            f"link {len(dashboard.link.query):,} characters",
            time.perf_counter() - start,
        )


# -- the server's own query keys and paths ----------------------------------------------------


def server_paths() -> dict[str, str]:
    """Voila's query keys and template paths a link can carry, by what each probes."""
    quoted = urllib.parse.quote(PAYLOAD)
    return {
        "script in theme": f"?theme={quoted}",
        "script in template": f"?template={quoted}",
        "template=classic (CDN scripts)": "?template=classic",
        "template=reveal (CDN scripts)": "?template=reveal",
        "template=nonexistent": "?template=nonexistent",
        "template=../../../../etc": "?template=../../../../etc",
        "script in sc and d": f"?sc={quoted}&d={quoted}",
        "a 60 KB link (d of 60,000 characters)": "?sc=2&d=" + "A" * 60_000,
        "a 70 KB link (above tornado's 64 KiB request head)": "?sc=2&d=" + "A" * 70_000,
        "template directory listing": "voila/templates/",
        "template config file": "voila/templates/socialcase/conf.json",
        "encoded .. in a static path": "voila/templates/socialcase/static/..%2F..%2Fconf.json",
        "an unknown kernel's queue place": "voila/socialcase/queue/not-a-kernel",
    }


def server(url: str) -> Iterator[Seen]:
    """Each path asked of a running dashboard: the HTTP status, and any payload unescaped."""
    base = url if url.endswith("/") else url + "/"
    for label, path in server_paths().items():
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(base + path, timeout=120) as answer:
                status, body = answer.status, answer.read(3_000_000).decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read(100_000).decode("utf-8", "replace")
        except Exception as error:  # a timeout or a closed connection is what a viewer gets
            status, body = 0, f"{type(error).__name__}: {error}"
        unescaped = "onerror=" in body and PAYLOAD in body
        cdn = re.search(r"<script[^>]+src=\"https?://", body) is not None
        title = re.search(r"<title>([^<]*)</title>", body)
        what = f"HTTP {status}" + (f", page titled '{title.group(1).strip()}'" if title else "")
        if "sc-verdict-source" in body:
            what += ", the verdict in its HTML"
        if not title:
            what += f": {_quote(_text(body))[:120]}"
        what += "; payload unescaped!" if unescaped else ""
        what += "; loads a third-party script!" if cdn else ""
        yield Seen("server", label, _quote(what), "-", time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running dashboard to probe (e.g. http://127.0.0.1:8866/)")
    parser.add_argument("--only", default="fields,uploads,links,server", help="parts to run")
    args = parser.parse_args(argv)
    parts = {
        "fields": fields,
        "uploads": uploads,
        "links": links,
        "server": (lambda: server(args.url)) if args.url else (lambda: iter(())),
    }
    print("| where | hostile case | what the viewer sees | the case on screen | s |")
    print("|---|---|---|---|---|")
    for part in args.only.split(","):
        for seen in parts[part.strip()]():
            print(
                f"| {seen.area} | {seen.case} | {seen.shown} | {seen.kept} | {seen.seconds:.2f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
