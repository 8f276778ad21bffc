"""``make screenshot``: the whole dashboard at 1280 px wide, as a leader would see it.

Starts Voila on the sample case, waits until the verdict and every chart have
drawn, and saves a full-page PNG.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from devtools.serve import CHROMIUM, CHROMIUM_ARGS, VoilaServer

__all__ = ["main", "screenshot"]

READY = ".sc-out-net-value .sc-figure-value"


def screenshot(url: str, out: Path, *, width: int = 1280, timeout_ms: int = 180_000) -> Path:
    """Open `url` in Chromium, wait for the dashboard, save a full-page screenshot."""
    from playwright.sync_api import sync_playwright

    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(url, timeout=timeout_ms)
        page.wait_for_selector("#loading", state="detached", timeout=timeout_ms)
        page.wait_for_selector(READY, timeout=timeout_ms)
        # Every chart slot on show has drawn (a plot has several .main-svg layers).
        page.wait_for_function(
            "Array.from(document.querySelectorAll('.sc-chart'))"
            ".filter(c => c.querySelector('.main-svg')).length >= 10",
            timeout=timeout_ms,
        )
        page.wait_for_timeout(1000)  # let plotly finish its transitions before the picture
        # Voila scrolls inside the page body; grow the window to the content for one picture.
        height = page.evaluate(
            "Math.max(document.body.scrollHeight,"
            " document.documentElement.scrollHeight,"
            " document.querySelector('#rendered_cells')?.scrollHeight || 0)"
        )
        page.set_viewport_size({"width": width, "height": int(height) + 40})
        page.wait_for_timeout(3000)  # responsive charts redraw at the new size
        page.screenshot(path=str(out), full_page=True)
        browser.close()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("screenshots/dashboard.png"))
    parser.add_argument("--width", type=int, default=1280)
    args = parser.parse_args(argv)
    with VoilaServer("workbooks/business_case.ipynb") as server:
        path = screenshot(server.url, args.out, width=args.width)
    sys.stdout.write(f"Screenshot saved to {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
