"""Benchmark: read and summarise a 1,000,000-row inbox export.

Serves step 3, "Sign 2: you miss engagement": a year of a busy inbox must
import in about the time a bare ``pandas.read_csv`` of the same file takes.
Run with ``python benchmarks/bench_imports.py``; target: within 2x.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from socialcase.datasets import inbox_export
from socialcase.inbox import inbox_stats, read_inbox_export

ROWS = 1_000_000
RUNS = 7


def write_export(path: Path) -> int:
    """Write an inbox export of about ``ROWS`` rows; return the row count."""
    days = 7 * 1000
    export, _ = inbox_export(days=days, messages_per_day=ROWS / days, seed=1)
    export.to_csv(path, index=False, date_format="%Y-%m-%d %H:%M:%S")
    return len(export)


def seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "inbox.csv"
        rows = write_export(path)
        size_mb = path.stat().st_size / 1024 / 1024
        # Interleave the two so that load on a shared machine hits both alike.
        base_times, our_times = [], []
        for _ in range(RUNS):
            base_times.append(seconds(lambda: pd.read_csv(path)))
            our_times.append(seconds(lambda: inbox_stats(read_inbox_export(path, max_bytes=2**31))))
        baseline, ours = statistics.median(base_times), statistics.median(our_times)
    print(f"rows: {rows:,} ({size_mb:.1f} MB CSV), median of {RUNS} runs")
    print(f"pandas.read_csv (baseline):          {baseline:6.2f} s")
    print(f"read_inbox_export + inbox_stats:     {ours:6.2f} s")
    print(f"ratio: {ours / baseline:.2f}x (target <= 2x)")


if __name__ == "__main__":
    main()
