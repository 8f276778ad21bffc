"""Benchmark: how many widget models the dashboard makes the browser build, and their bytes.

Serves issue 12: a preheated Voila kernel sends every live widget model
(``ipywidgets.widgets.widget._instances``) to the browser, which must create each before it
renders the verdict. Counts the live models by model name and the JSON size of
their states after ``Dashboard()`` and after a Norwegian rebuild
(``apply_link("sc=2&lang=nb")``), as ratios against a bare
``VBox([HTML()])`` page measured in the same run (baseline: 4 models).
Run with ``python benchmarks/bench_widgets.py``.
"""

from __future__ import annotations

import collections
import gc
import json
import os
import sys
from typing import Any

import ipywidgets as widgets
from ipywidgets.widgets.widget import _instances

from socialcase.ui import Dashboard


def _size(state: dict[str, Any]) -> int:
    """The JSON bytes of one model's state (binary buffers counted by their length)."""
    buffers = 0
    plain: dict[str, Any] = {}
    for key, value in state.items():
        if isinstance(value, bytes | bytearray | memoryview):
            buffers += len(bytes(value))
        else:
            plain[key] = value
    return len(json.dumps(plain, default=str)) + buffers


def live_models() -> tuple[int, int, collections.Counter[str], collections.Counter[str]]:
    """(models, bytes, count by model name, bytes by model name) of every live widget."""
    counts: collections.Counter[str] = collections.Counter()
    sizes: collections.Counter[str] = collections.Counter()
    for widget in list(_instances.values()):
        name = widget.get_state().get("_model_name", type(widget).__name__)
        counts[name] += 1
        sizes[name] += _size(widget.get_state())
    return sum(counts.values()), sum(sizes.values()), counts, sizes


def _clear() -> None:
    for widget in list(_instances.values()):
        widget.close()
    gc.collect()


def main() -> None:
    print(f"load average: {os.getloadavg()}")
    _clear()
    baseline_page = widgets.VBox([widgets.HTML("<p>baseline</p>")])
    base_n, base_bytes, _, _ = live_models()
    print(f"baseline VBox([HTML()]): {base_n} models, {base_bytes:,} bytes")
    del baseline_page
    _clear()

    board = Dashboard()
    n, size, counts, sizes = live_models()
    print(f"Dashboard(): {n} models ({n / base_n:.0f}x), {size:,} bytes ({size / base_bytes:.0f}x)")
    for name, count in counts.most_common(12):
        print(f"  {name:28} {count:5d} {sizes[name]:>10,} bytes")

    board.apply_link("sc=2&lang=nb")
    n2, size2, counts2, sizes2 = live_models()
    print(
        f"after a Norwegian rebuild: {n2} models ({n2 / base_n:.0f}x, {n2 / n:.2f}x of the "
        f"first page), {size2:,} bytes ({size2 / base_bytes:.0f}x, {size2 / size:.2f}x)"
    )
    for name, count in counts2.most_common(12):
        print(f"  {name:28} {count:5d} {sizes2[name]:>10,} bytes")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
