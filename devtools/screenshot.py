"""``make screenshot``: the dashboard as a leader sees it, at 1280 px and on a 390 px phone.

Starts Voila on the sample case, waits until the verdict and every chart have drawn,
and saves into ``screenshots/`` (git-ignored): the whole page and one picture per step
(``dashboard-<width>.png``, ``step-<n>-<width>.png``). With ``--lab``, the workbook run
in JupyterLab (``jupyterlab.png``); with ``--report``, the leadership report's PDF pages
(``python -m socialcase.report``, then poppler's ``pdftoppm``) as ``report-<page>.png``.
With ``--lang nb`` the page opens in Norwegian bokmål (a link's ``lang=nb``; pictures named
``dashboard-nb-<width>.png``), and ``--country NO`` opens the Norway preset.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from devtools.serve import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    VoilaServer,
    free_port,
    server_env,
    stop_process,
    wait_for_http,
)

__all__ = [
    "jupyterlab",
    "lab_screenshot",
    "main",
    "open_workbook_in_lab",
    "report_pages",
    "screenshot",
    "step_boxes",
]

WORKBOOK = "workbooks/business_case.ipynb"

READY = ".sc-out-net-value .sc-figure-value"
WIDTHS = (1280, 390)

# Each step from its "## N." heading to the next one: (step, top, height) in page pixels.
_STEP_BOXES_JS = """() => {
  const heads = Array.from(document.querySelectorAll('h2'))
    .filter(h => /^\\d+\\./.test(h.textContent.trim()) && h.getClientRects().length > 0);
  const end = document.querySelector('#rendered_cells')?.scrollHeight
    || document.documentElement.scrollHeight;
  return heads.map((h, i) => {
    const top = h.getBoundingClientRect().top + window.scrollY - 8;
    const next = i + 1 < heads.length
      ? heads[i + 1].getBoundingClientRect().top + window.scrollY - 8 : end;
    return [parseInt(h.textContent), Math.max(top, 0), Math.max(next - top, 1)];
  });
}"""


def _ready(page: Any, timeout_ms: int) -> None:
    page.wait_for_selector("#loading", state="detached", timeout=timeout_ms)
    page.wait_for_selector(READY, timeout=timeout_ms)
    # Every chart slot on show has drawn (a plot has several .main-svg layers).
    page.wait_for_function(
        "Array.from(document.querySelectorAll('.sc-chart'))"
        ".filter(c => c.querySelector('.main-svg')).length >= 10",
        timeout=timeout_ms,
    )
    page.wait_for_timeout(1000)  # let plotly finish its transitions before the picture


def page_height(page: Any) -> int:
    """The page's full height in pixels (Voila scrolls inside the page body)."""
    return int(
        page.evaluate(
            "Math.max(document.body.scrollHeight,"
            " document.documentElement.scrollHeight,"
            " document.querySelector('#rendered_cells')?.scrollHeight || 0)"
        )
    )


def step_boxes(page: Any) -> list[tuple[int, float, float]]:
    """(step, top, height) of every step on the page, from its heading to the next."""
    return [(int(n), float(t), float(h)) for n, t, h in page.evaluate(_STEP_BOXES_JS)]


def screenshot(
    url: str, out: Path, *, width: int = 1280, timeout_ms: int = 180_000, steps: bool = False
) -> Path:
    """Open `url` in Chromium, wait for the dashboard, save a full-page screenshot to
    `out`; with `steps`, also ``step-<n>-<width>.png`` beside it. Returns `out`."""
    from playwright.sync_api import sync_playwright

    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(url, timeout=timeout_ms)
        _ready(page, timeout_ms)
        height = page_height(page)
        sys.stdout.write(f"Page height at {width} px: {height} px\n")
        page.set_viewport_size({"width": width, "height": height + 40})
        page.wait_for_timeout(3000)  # responsive charts redraw at the new size
        page.screenshot(path=str(out), full_page=True)
        if steps:
            for number, top, tall in step_boxes(page):
                clip: Any = {"x": 0, "y": top, "width": width, "height": tall}
                page.screenshot(
                    path=str(out.parent / f"step-{number}-{width}.png"), clip=clip, full_page=True
                )
        browser.close()
    return out


@contextlib.contextmanager
def jupyterlab(root: Path | None = None) -> Iterator[str]:
    """JupyterLab as `make lab` starts it (etc/jupyter), on a copy of the workbook in `root`
    (JupyterLab saves what it runs: the repository's workbook stays untouched); yields its URL."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(root or scratch)
        (folder / "workbooks").mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / WORKBOOK, folder / "workbooks")
        port = free_port()
        env = server_env() | {
            "JUPYTER_CONFIG_PATH": str(ROOT / "etc/jupyter"),
            "JUPYTER_RUNTIME_DIR": str(folder / "runtime"),
        }
        command = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser",
            f"--ServerApp.root_dir={folder}", f"--ServerApp.port={port}",
            "--ServerApp.ip=127.0.0.1", "--ServerApp.allow_root=True",
            "--ServerApp.port_retries=0", "--IdentityProvider.token=", "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True", "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]  # fmt: skip
        with open(folder / "lab.log", "wb") as log:
            process = subprocess.Popen(
                command, cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT
            )
            url = f"http://127.0.0.1:{port}/"
            try:
                wait_for_http(url + "api/status", timeout_seconds=180, process=process)
                yield url
            finally:
                stop_process(process)


def open_workbook_in_lab(page: Any, url: str, timeout_ms: int = 240_000) -> None:
    """Open the workbook in JupyterLab at `url`, run every cell, wait for the verdict."""
    page.goto(url + "lab/tree/" + WORKBOOK + "?reset", timeout=timeout_ms)
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=timeout_ms)
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator, .jp-KernelStatus", timeout=60_000)
    page.get_by_role("menuitem", name="Run").click()
    page.get_by_text("Run All Cells", exact=True).click()
    choose = page.locator(".jp-Dialog").get_by_role("button", name="Select", exact=True)
    with contextlib.suppress(Exception):  # JupyterLab may ask which kernel to start
        choose.wait_for(timeout=30_000)
        choose.click()
    # JupyterLab leaves cells out of view unpainted (content-visibility): attached, then shown.
    verdict = page.locator(".sc-out-npv .sc-figure-value").first
    verdict.wait_for(state="attached", timeout=timeout_ms)
    verdict.scroll_into_view_if_needed()
    verdict.wait_for(timeout=60_000)


def lab_screenshot(out: Path, *, width: int = 1280) -> Path:
    """The workbook in JupyterLab after running it: the verdict, then step 8."""
    from playwright.sync_api import sync_playwright

    out.parent.mkdir(parents=True, exist_ok=True)
    with jupyterlab() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 1000})
        open_workbook_in_lab(page, url)
        page.wait_for_timeout(3000)
        page.locator(".sc-step-0").first.scroll_into_view_if_needed()
        page.screenshot(path=str(out))
        page.locator(".sc-step-8").first.scroll_into_view_if_needed()
        page.wait_for_timeout(1500)
        page.screenshot(path=str(out.with_name(out.stem + "-step-8.png")))
        browser.close()
    return out


def report_pages(folder: Path, lang: str | None = None, country: str | None = None) -> list[Path]:
    """The leadership report's PDF (the sample case, under `country`'s preset, in `lang`)
    as one PNG per page, via pdftoppm."""
    from socialcase import files
    from socialcase.scenario import Scenario, preset_changes

    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "report"
    command = [sys.executable, "-m", "socialcase.report", "--out", str(out)]
    if country is not None:
        scenario = Scenario()
        scenario = scenario.evolve(**preset_changes(scenario, country))
        command.append(str(files.save(scenario, folder / f"sample-{country}.json")))
    if lang is not None:
        command += ["--lang", lang]
    subprocess.run(command, check=True)
    pdfs = sorted(out.glob("*.pdf"))
    if not pdfs or shutil.which("pdftoppm") is None:
        return []
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdfs[0]), str(folder / "report")], check=True
    )
    return sorted(folder.glob("report-*.png"))


def case_query(lang: str | None, country: str | None) -> str:
    """The link's query for the sample case (under `country`'s preset) in `lang`; "" for the
    sample case in the page's own language.

    >>> case_query(None, None), case_query("nb", None)
    ('', 'sc=2&lang=nb')
    """
    from socialcase.scenario import Scenario, preset_changes
    from socialcase.share import to_query

    if lang is None and country is None:
        return ""
    scenario = Scenario()
    if country is not None:
        scenario = scenario.evolve(**preset_changes(scenario, country))
    return to_query(scenario, lang=lang)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("screenshots/dashboard.png"))
    parser.add_argument(
        "--width", type=int, default=0, help="one width only (default: 1280 and 390)"
    )
    parser.add_argument("--steps", action="store_true", help="one picture per step too")
    parser.add_argument("--report", action="store_true", help="the PDF report's pages too")
    parser.add_argument("--lab", action="store_true", help="the workbook in JupyterLab too")
    parser.add_argument("--lang", choices=("en", "nb"), help="the page's language (lang=)")
    parser.add_argument("--country", choices=("US", "NO", "custom"), help="a country preset")
    args = parser.parse_args(argv)
    widths = (args.width,) if args.width else WIDTHS
    query = case_query(args.lang, args.country)
    stem = args.out.stem + (f"-{args.lang}" if args.lang else "")
    with VoilaServer("workbooks/business_case.ipynb") as server:
        for width in widths:
            name = (
                f"{stem}{args.out.suffix}"
                if len(widths) == 1
                else f"{stem}-{width}{args.out.suffix}"
            )
            out = args.out.with_name(name)
            url = server.url + (f"?{query}" if query else "")
            path = screenshot(url, out, width=width, steps=args.steps)
            sys.stdout.write(f"Screenshot saved to {path}\n")
    if args.lab:
        path = lab_screenshot(args.out.parent / "jupyterlab.png")
        sys.stdout.write(f"JupyterLab screenshot saved to {path}\n")
    if args.report:
        for path in report_pages(args.out.parent, args.lang, args.country):
            sys.stdout.write(f"Report page saved to {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
