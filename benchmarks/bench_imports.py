"""Benchmark: read a 1,000,000-row inbox export and a 200,000-row per-post export.

Serves steps 2 and 3: a year of a busy inbox must import in about the time a
bare ``pandas.read_csv`` of the same file takes (target: within 1.5x), and a
per-post analytics export (X tweet activity layout: every cell quoted, 40
columns, several posts a day) must be read and summed per day within 2x of
a bare ``pandas.read_csv``.  Also times the refusal of a zip-bomb workbook
(1 MB on disk, 300 MB unzipped) against reading a small real workbook.
Run with ``python benchmarks/bench_imports.py``.
"""

from __future__ import annotations

import csv
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from socialcase.datasets import inbox_export
from socialcase.errors import ExportError
from socialcase.imports import read_export
from socialcase.inbox import inbox_stats, read_inbox_export

ROWS = 1_000_000
POSTS = 200_000
RUNS = 7
FIXTURES = Path(__file__).parent.parent / "tests" / "fixtures"


def write_inbox(path: Path) -> int:
    """Write an inbox export of about ``ROWS`` rows; return the row count."""
    days = 7 * 1000
    export, _ = inbox_export(days=days, messages_per_day=ROWS / days, seed=1)
    export.to_csv(path, index=False, date_format="%Y-%m-%d %H:%M:%S")
    return len(export)


def write_posts(path: Path) -> int:
    """Write ``POSTS`` tweets in X's legacy tweet-activity layout (newest first)."""
    rng = np.random.default_rng(4)
    metrics = [
        "impressions", "engagements", "engagement rate", "retweets", "replies", "likes",
        "user profile clicks", "url clicks", "hashtag clicks", "detail expands",
        "permalink clicks", "app opens", "app installs", "follows", "email tweet", "dial phone",
        "media views", "media engagements",
    ]  # fmt: skip
    header = ["Tweet id", "Tweet permalink", "Tweet text", "time", *metrics]
    header += [f"promoted {m}" for m in metrics]
    start = np.datetime64("2020-01-01T00:00", "m")
    minutes = np.sort(rng.integers(0, 5 * 365 * 24 * 60, POSTS))[::-1]
    stamps = pd.DatetimeIndex(start + minutes.astype("timedelta64[m]"))
    frame = pd.DataFrame(
        {
            "Tweet id": np.arange(POSTS) + 10**18,
            "Tweet permalink": [f"https://twitter.com/x/status/{i}" for i in range(POSTS)],
            "Tweet text": "a tweet, with a comma",
            "time": stamps.strftime("%Y-%m-%d %H:%M +0000"),
        }
    )
    for name in metrics:
        frame[name] = rng.integers(0, 5000, POSTS).astype(float)
    for name in metrics:
        frame[f"promoted {name}"] = "-"
    frame.to_csv(path, index=False, quoting=csv.QUOTE_ALL)
    return POSTS


def seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def interleaved(base: Callable[[], object], ours: Callable[[], object]) -> tuple[float, float]:
    """Median seconds of each, run alternately so machine load hits both alike."""
    base_times, our_times = [], []
    for _ in range(RUNS):
        base_times.append(seconds(base))
        our_times.append(seconds(ours))
    return statistics.median(base_times), statistics.median(our_times)


def bomb() -> bytes:
    sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
    from test_imports import _bomb_xlsx

    return _bomb_xlsx(300 * 1024 * 1024)


def refuse(raw: bytes) -> None:
    try:
        read_export(raw, "bomb.xlsx")
    except ExportError:
        return
    raise AssertionError("the zip bomb was read")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "inbox.csv"
        rows = write_inbox(path)
        size_mb = path.stat().st_size / 1024 / 1024
        baseline, ours = interleaved(
            lambda: pd.read_csv(path),
            lambda: inbox_stats(read_inbox_export(path, max_bytes=2**31)),
        )
        print(f"inbox: {rows:,} rows ({size_mb:.1f} MB CSV), median of {RUNS} runs")
        print(f"  pandas.read_csv (baseline):          {baseline:6.2f} s")
        print(f"  read_inbox_export + inbox_stats:     {ours:6.2f} s")
        print(f"  ratio: {ours / baseline:.2f}x (target <= 1.5x)")

        path = Path(folder) / "tweet_activity_metrics_x_20200101_20250101_en.csv"
        posts = write_posts(path)
        size_mb = path.stat().st_size / 1024 / 1024
        export = read_export(path, max_bytes=2**31)
        summed = next(n for n in export.notes if n.startswith("Summed"))
        baseline, ours = interleaved(
            lambda: pd.read_csv(path), lambda: read_export(path, max_bytes=2**31)
        )
        print(f"per-post export: {posts:,} rows ({size_mb:.1f} MB CSV): {summed}")
        print(f"  pandas.read_csv (baseline):          {baseline:6.2f} s")
        print(f"  read_export (summed per day):        {ours:6.2f} s")
        print(f"  ratio: {ours / baseline:.2f}x (target <= 2x)")

    raw = bomb()
    small = (FIXTURES / "linkedin_followers.xlsx").read_bytes()
    baseline, ours = interleaved(
        lambda: read_export(io.BytesIO(small), "x.xlsx"), lambda: refuse(raw)
    )
    print(f"zip bomb: {len(raw) / 1024 / 1024:.1f} MB file unzipping to 300 MB")
    print(f"  reading a 28-row workbook (baseline): {baseline:6.3f} s")
    print(f"  refusing the bomb:                    {ours:6.3f} s")
    print(f"  ratio: {ours / baseline:.2f}x (target: under a second)")


if __name__ == "__main__":
    main()
