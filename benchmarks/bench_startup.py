"""Benchmark: the kernel's cold path, ``import socialcase`` and building the dashboard.

Serves the cold render (no preheated kernel, and Binder's ``/voila/render/...``): before the
page can show anything a fresh kernel imports socialcase and builds the dashboard. Each
figure is the median of several fresh Python processes, timed inside the process (the
interpreter's own start-up is the first baseline, measured the same way), against
baselines measured in the same run:

- ``python -c pass``: a whole interpreter start, the unit for "costs next to nothing";
- ``import numpy, pandas``: what any pandas library pays;
- the dashboard's libraries (numpy, pandas, ipywidgets, anywidget, plotly's graph objects),
  which building the dashboard cannot avoid.

Target (issue 12): ``import socialcase`` and the dashboard's construction under 0.3 s
together; change-point detection (ruptures, scipy) is imported only when a series is
analysed. In plain Python the dashboard analyses its sample series as it is built; in a
Voila kernel started for one request (cold, Binder) it does so after the page has gone out,
so both are shown. Run with ``python benchmarks/bench_startup.py``; about a minute.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

RUNS = 7
TARGET_SECONDS = 0.3

# What Voila sets in a kernel started for one request: the sample series waits for the page.
COLD = "import os; os.environ['VOILA_PREHEAT'] = 'False'"

# Each snippet runs in a fresh process; `timed` is what the clock covers.
CASES = {
    "interpreter": ("", "pass"),
    "numpy_pandas": ("", "import numpy, pandas"),
    "dashboard_libraries": (
        "",
        "import numpy, pandas, ipywidgets, anywidget, plotly.graph_objects",
    ),
    "import_socialcase": ("", "import socialcase"),
    "evaluate": ("", "import socialcase as sc; sc.evaluate(sc.Scenario())"),
    "import_ui": ("", "from socialcase.ui import Dashboard"),
    "construct_first": ("from socialcase.ui import Dashboard", "Dashboard()"),
    "construct_again": ("from socialcase.ui import Dashboard; Dashboard()", "Dashboard()"),
    "cold_total": ("", "from socialcase.ui import Dashboard; Dashboard()"),
    "cold_total_after_libraries": (
        "import numpy, pandas, ipywidgets, anywidget, plotly.graph_objects",
        "from socialcase.ui import Dashboard; Dashboard()",
    ),
    "cold_kernel": (COLD, "from socialcase.ui import Dashboard; Dashboard()"),
    "cold_kernel_after_libraries": (
        COLD + "; import numpy, pandas, ipywidgets, anywidget, plotly.graph_objects",
        "from socialcase.ui import Dashboard; Dashboard()",
    ),
    "ruptures": ("", "import ruptures"),
}

RUNNER = """
import json, sys, time
setup, timed = sys.argv[1], sys.argv[2]
exec(setup)
start = time.perf_counter()
exec(timed)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds,
                  "ruptures": "ruptures" in sys.modules, "scipy": "scipy" in sys.modules}))
"""


def run(setup: str, timed: str) -> dict[str, float | bool]:
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", RUNNER, setup, timed],
        capture_output=True,
        text=True,
        check=True,
        env={k: v for k, v in os.environ.items() if k != "QUERY_STRING"},
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["process"] = time.perf_counter() - start
    return result


def main() -> None:
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; median of {RUNS}")
    samples: dict[str, list[dict[str, float | bool]]] = {name: [] for name in CASES}
    for _ in range(RUNS):  # interleaved, so load from elsewhere hits every case alike
        for name, (setup, timed) in CASES.items():
            samples[name].append(run(setup, timed))

    def s(name: str, key: str = "seconds") -> float:
        return statistics.median(float(r[key]) for r in samples[name])

    interpreter = s("interpreter", "process")
    numpy_pandas = s("numpy_pandas")
    libraries = s("dashboard_libraries")
    rows = [
        ("python -c pass (whole process)", interpreter, "baseline"),
        ("import numpy, pandas", numpy_pandas, "baseline"),
        ("import the dashboard's libraries", libraries, "baseline"),
        ("import socialcase", s("import_socialcase"), ""),
        ("import socialcase; evaluate the sample case", s("evaluate"), ""),
        ("from socialcase.ui import Dashboard", s("import_ui"), ""),
        ("Dashboard(), first in the process", s("construct_first"), ""),
        ("Dashboard(), again (everything imported)", s("construct_again"), ""),
        ("import + Dashboard() (the cold kernel's work)", s("cold_total"), ""),
        ("  ... with the libraries already imported", s("cold_total_after_libraries"), ""),
        ("import + Dashboard() in a kernel for one request", s("cold_kernel"), ""),
        ("  ... with the libraries already imported", s("cold_kernel_after_libraries"), ""),
        ("import ruptures (change-point detection)", s("ruptures"), ""),
    ]
    print(f"{'':50}{'ms':>8}{'/ python':>10}{'/ np+pd':>9}")
    for label, seconds, note in rows:
        print(
            f"{label:50}{seconds * 1000:8.0f}{seconds / interpreter:9.2f}x"
            f"{seconds / numpy_pandas:8.2f}x  {note}"
        )
    for name, where in (("cold_total", "plain Python"), ("cold_kernel", "a cold Voila kernel")):
        imported = sum(bool(r["ruptures"] or r["scipy"]) for r in samples[name])
        print(f"ruptures/scipy imported by import + Dashboard() in {where}: {imported}/{RUNS} runs")
    own = s("cold_kernel_after_libraries")
    print(
        f"cold kernel, socialcase's own share (import + Dashboard() once numpy, pandas,"
        f" ipywidgets and plotly are loaded): {own:.2f} s, target < {TARGET_SECONDS} s:"
        f" {'meets' if own < TARGET_SECONDS else 'MISSES'}; with those libraries:"
        f" {s('cold_kernel'):.2f} s ({s('cold_kernel') / libraries:.2f}x the libraries alone)"
    )


if __name__ == "__main__":
    main()
