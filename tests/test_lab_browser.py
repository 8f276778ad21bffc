"""The workbook in a real JupyterLab: it looks like the dashboard, and Copy link gives the
Voila address of the same case."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from socialcase.serve import ROOT, free_port, server_env, stop_process, wait_for_http

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """JupyterLab as `make lab` starts it (etc/jupyter config), on a copy of the workbook
    (JupyterLab saves what it runs; the repository's workbook stays untouched)."""
    root = tmp_path_factory.mktemp("lab")
    (root / "workbooks").mkdir()
    shutil.copy(ROOT / "workbooks/business_case.ipynb", root / "workbooks")
    port = free_port()
    env = server_env() | {
        "JUPYTER_CONFIG_PATH": str(ROOT / "etc/jupyter"),
        "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
    }
    log = open(root / "lab.log", "wb")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            f"--ServerApp.root_dir={root}",
            f"--ServerApp.port={port}",
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.allow_root=True",
            "--ServerApp.port_retries=0",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True",
            "--LabApp.news_url=",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for_http(url + "api/status", timeout_seconds=180, process=process)
        yield url
    finally:
        stop_process(process)
        log.close()
        if os.environ.get("SC_KEEP_LAB_LOG"):
            sys.stderr.write((root / "lab.log").read_text(errors="replace")[-4000:])


def test_the_workbook_in_jupyterlab_has_the_dashboards_look_and_voila_link(
    lab_url: str, browser: Any
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(lab_url + "lab/tree/workbooks/business_case.ipynb?reset", timeout=180_000)
        page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=180_000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator, .jp-KernelStatus", timeout=60_000)
        page.get_by_role("menuitem", name="Run").click()
        page.get_by_text("Run All Cells", exact=True).click()
        choose = page.locator(".jp-Dialog").get_by_role("button", name="Select", exact=True)
        try:  # JupyterLab may ask which kernel to start
            choose.wait_for(timeout=15_000)
            choose.click()
        except Exception:
            pass
        value = page.locator(".sc-out-npv .sc-figure-value").first
        try:
            value.wait_for(timeout=int(os.environ.get("SC_LAB_WAIT_MS", "240000")))
        except Exception:
            page.screenshot(path=str(ROOT / "screenshots" / "lab-failed.png"))
            raise
        style = value.evaluate(
            "e => { const s = getComputedStyle(e), c = getComputedStyle(e.closest('.sc-figure'));"
            " return [parseFloat(s.fontSize), s.fontWeight, c.borderLeftWidth, c.borderRadius]; }"
        )
        assert style[0] >= 28 and int(style[1]) >= 600, style  # the hero figure's type
        assert style[2] == "4px" and style[3] == "10px", style  # the card
        page.locator(".sc-copy-link").first.scroll_into_view_if_needed()
        page.locator(".sc-copy-link").first.click()
        link = page.locator(".sc-share-url").first.input_value()
        assert link.startswith("http://127.0.0.1:"), link
        assert "/voila/render/workbooks/business_case.ipynb" in link, link
    finally:
        page.close()
