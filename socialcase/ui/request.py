"""The query string of the page that opened the dashboard.

In Voila it is in ``QUERY_STRING``; a preheated kernel must first wait for the
request. In JupyterLab and under test runners there is none: ``""``.
"""

from __future__ import annotations

import os

__all__ = ["query_string"]


def query_string() -> str:
    """Wait for Voila's request when preheated, then return its query string ('' if none)."""
    if os.environ.get("VOILA_PREHEAT", "False") != "False":
        from voila.utils import wait_for_request

        wait_for_request()
    return os.environ.get("QUERY_STRING", "")
