"""The charts' JavaScript: one copy in the Voila page, shared by every chart's widget."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from socialcase.ui.plotchart import chart_module

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "share/jupyter/voila/templates/socialcase"
CODE = resources.files("socialcase").joinpath("static", "plotchart.js").read_text("utf-8")


def test_a_voila_kernel_charts_carry_a_few_lines_that_import_the_pages_copy() -> None:
    stub = chart_module({"VOILA_BASE_URL": "/", "VOILA_PREHEAT": "True"})
    assert 'const CODE_ID = "sc-plotchart-code"' in stub
    assert "export default" in stub
    assert len(stub) < len(CODE) / 5  # the point: not a copy of the chart code per chart


def test_elsewhere_a_chart_carries_the_chart_code_itself() -> None:
    # JupyterLab and scripts: no socialcase template, so no copy in the page to import.
    assert chart_module({}) == CODE


def test_the_template_puts_the_package_chart_code_in_the_page_verbatim() -> None:
    page = (TEMPLATE / "index.html.j2").read_text("utf-8")
    assert re.search(
        r'<script type="text/plain" id="sc-plotchart-code">\{% include "static/plotchart.js" %\}'
        r"</script>",
        page,
    )
    # The template's copy is the package's file (a link), and Jinja includes it unchanged:
    # no template syntax in it, and nothing that would end the <script> element early.
    assert (TEMPLATE / "static/plotchart.js").resolve() == (
        ROOT / "socialcase/static/plotchart.js"
    ).resolve()
    for marker in ("{{", "{%", "{#", "</script"):
        assert marker not in CODE, marker
