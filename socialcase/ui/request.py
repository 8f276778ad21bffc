"""The request behind the kernel: the page's query string, and what kind of kernel this is.

In Voila the query string is in ``QUERY_STRING``; a preheated kernel must first wait for
the request. In JupyterLab and under test runners there is none: ``""``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["kernel_for_one_request", "query_string", "voila_kernel"]


def voila_kernel(environ: Mapping[str, str] | None = None) -> bool:
    """A kernel Voila started (preheated, cold, or Binder's ``/voila/render``): Voila sets
    ``VOILA_BASE_URL`` in its environment; JupyterLab and scripts do not."""
    return "VOILA_BASE_URL" in (os.environ if environ is None else environ)


def kernel_for_one_request(environ: Mapping[str, str] | None = None) -> bool:
    """A Voila kernel started for a request (cold, or Binder's ``/voila/render``), not
    preheated: Voila sets ``VOILA_PREHEAT`` to ``"False"`` for it."""
    return (os.environ if environ is None else environ).get("VOILA_PREHEAT") == "False"


def query_string() -> str:
    """Wait for Voila's request when preheated, then return its query string ('' if none)."""
    if os.environ.get("VOILA_PREHEAT", "False") != "False":
        from voila.utils import wait_for_request

        wait_for_request()
    return os.environ.get("QUERY_STRING", "")
