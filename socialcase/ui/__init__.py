"""The case as ipywidgets for JupyterLab and Voila (widgets and charts sit on top of the core).

The workbook builds a `Dashboard` before the request (a preheated kernel does
this ahead of time) and applies the shared link's scenario after it.

The names load on first use (PEP 562), so the Voila server, which imports
`socialcase.ui.serving` for its identity provider, loads no widget library.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__all__ = ["Dashboard", "query_string"]

_NAMES = {"Dashboard": "socialcase.ui.dashboard", "query_string": "socialcase.ui.request"}


def __getattr__(name: str) -> Any:
    if name not in _NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_NAMES[name]), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from socialcase.ui.dashboard import Dashboard
    from socialcase.ui.request import query_string
