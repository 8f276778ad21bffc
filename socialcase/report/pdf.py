"""The report printed to an A4 PDF by a local Chromium, offline (Playwright's sync API)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from socialcase.chromium import CHROMIUM, CHROMIUM_ARGS

__all__ = ["CHROMIUM_ARGS", "PDF_NAME", "chart_count", "report_pdf"]

PDF_NAME = "socialcase-report.pdf"


def chart_count(html_text: str) -> int:
    """How many plotly charts a report holds (for waiting until all are drawn)."""
    return html_text.count('class="plotly-graph-div"')


_ALL_DRAWN = """() => {
  const plots = [...document.querySelectorAll('.plotly-graph-div')];
  return plots.length > 0 && plots.every(p => p.querySelector('.main-svg'));
}"""


def _block_network(route: Any) -> None:
    if route.request.url.split(":", 1)[0].lower() in ("http", "https", "ws", "wss", "ftp"):
        route.abort()
    else:
        route.continue_()


def report_pdf(html_text: str, path: str | os.PathLike[str], *, chromium: str = CHROMIUM) -> Path:
    """Print the report to an A4 PDF with a local Chromium, offline.

    Parameters
    ----------
    html_text : str
        From `report_html`.
    path : str or PathLike
        Where to write the PDF.
    chromium : str
        The Chromium executable (Debian's by default; Playwright's own
        download is not used).

    Returns
    -------
    Path
        `path`.

    Raises
    ------
    FileNotFoundError
        When there is no Chromium at `chromium`.

    Notes
    -----
    Every http(s) request is aborted; the page is loaded with
    ``set_content``, Chromium waits until every plotly chart has drawn its
    SVG, then prints with backgrounds. Uses Playwright's sync API, so call it
    outside a running asyncio loop (not from a notebook cell directly).
    """
    from playwright.sync_api import sync_playwright

    target = Path(path)
    if not Path(chromium).exists():
        raise FileNotFoundError(
            f"Chromium not found at {chromium}: install it (make chromium) or pass its path"
        )
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
        try:
            # 760 px is the printable width of A4 with these margins, so charts fit the page.
            context = browser.new_context(viewport={"width": 760, "height": 1000})
            page = context.new_page()
            page.route("**/*", _block_network)
            page.set_content(html_text, wait_until="load")
            page.wait_for_function(_ALL_DRAWN, timeout=60_000)
            page.pdf(
                path=str(target), format="A4", print_background=True, prefer_css_page_size=True
            )
        finally:
            browser.close()
    return target
