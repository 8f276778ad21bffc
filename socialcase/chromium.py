"""How socialcase starts a headless Chromium (the PDF report, the tests, the screenshot).

`CHROMIUM` is the browser binary (Debian's, or the ``CHROMIUM`` environment variable);
`CHROMIUM_ARGS` keep it headless and quiet: no sandbox (containers), no GPU, and none of
the background requests a fresh profile makes (the report makes no third-party request).
"""

from __future__ import annotations

import os

__all__ = ["CHROMIUM", "CHROMIUM_ARGS"]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
