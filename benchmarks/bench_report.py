"""Timings for socialcase.report, against the floor of any self-contained plotly page.

Run with ``python benchmarks/bench_report.py``. It prints the median time of
`report_html(Scenario())` (the default `DRAWS`, 20,000) and of
``go.Figure().to_html(include_plotlyjs=True)`` measured in the same run, their ratio,
the HTML size, and the time of `report_pdf` when Chromium is installed. It takes about
half a minute.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from tempfile import TemporaryDirectory

import plotly.graph_objects as go

from socialcase import Scenario
from socialcase.report import chart_count, report_html, report_pdf

CHROMIUM = "/usr/bin/chromium"
REPEATS = 3


def median_seconds(call: Callable[[], object], repeats: int = REPEATS) -> float:
    """Median wall time of `repeats` calls, after one warm-up call."""
    call()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    scenario = Scenario()
    baseline = median_seconds(lambda: go.Figure().to_html(include_plotlyjs=True))
    report = median_seconds(lambda: report_html(scenario))
    page = report_html(scenario)
    size_mb = len(page.encode("utf-8")) / 1e6
    print(f"baseline go.Figure().to_html(include_plotlyjs=True): {baseline * 1000:8.1f} ms")
    print(
        f"report_html(Scenario()), {chart_count(page)} charts:       {report * 1000:8.1f} ms "
        f"({report / baseline:.1f}x the baseline)"
    )
    print(f"HTML size: {size_mb:.2f} MB")
    if not Path(CHROMIUM).exists():
        print(f"report_pdf: skipped, no Chromium at {CHROMIUM}")
        return
    with TemporaryDirectory() as folder:
        start = time.perf_counter()
        pdf = report_pdf(page, Path(folder) / "report.pdf", chromium=CHROMIUM)
        seconds = time.perf_counter() - start
        print(f"report_pdf: {seconds:.1f} s ({pdf.stat().st_size / 1e3:.0f} kB)")


if __name__ == "__main__":
    main()
