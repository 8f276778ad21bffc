"""The workbook in a real JupyterLab: it looks like the dashboard, and Copy link gives the
Voila address of the same case."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from devtools.screenshot import jupyterlab, open_workbook_in_lab

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """JupyterLab as `make lab` starts it, on a copy of the workbook."""
    with jupyterlab(tmp_path_factory.mktemp("lab")) as url:
        yield url


def test_the_workbook_in_jupyterlab_has_the_dashboards_look_and_voila_link(
    lab_url: str, browser: Any
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        open_workbook_in_lab(page, lab_url)
        value = page.locator(".sc-out-npv .sc-figure-value").first
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
