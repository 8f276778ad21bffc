"""The leadership report (step 10, "Make the case"): the whole case as one HTML file and a PDF.

The page is the page model (`socialcase.page`) rendered by Jinja2 templates
(`templates/`, with `report.css`, shipped as package data); `pdf` prints it with a local
Chromium and `cli` is ``python -m socialcase.report``. The HTML opens with no internet
(plotly.js is embedded once, nothing is fetched).
"""

from __future__ import annotations

from socialcase.report.cli import main
from socialcase.report.inputs import format_input
from socialcase.report.pdf import _ALL_DRAWN, CHROMIUM_ARGS, PDF_NAME, chart_count, report_pdf
from socialcase.report.render import HTML_NAME, SECTIONS, render, report_html

__all__ = [
    "CHROMIUM_ARGS",
    "HTML_NAME",
    "PDF_NAME",
    "SECTIONS",
    "_ALL_DRAWN",
    "chart_count",
    "format_input",
    "main",
    "render",
    "report_html",
    "report_pdf",
]
