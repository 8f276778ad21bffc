"""The case as ipywidgets for JupyterLab and Voila (widgets and charts sit on top of the core).

The workbook builds a `Dashboard` before the request (a preheated kernel does
this ahead of time) and applies the shared link's scenario after it.
"""

from socialcase.ui.dashboard import Dashboard
from socialcase.ui.request import query_string

__all__ = ["Dashboard", "query_string"]
