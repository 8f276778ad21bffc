"""Every workbook runs top to bottom in a real kernel, with no edits."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

WORKBOOKS = sorted((Path(__file__).resolve().parent.parent / "workbooks").glob("*.ipynb"))

pytestmark = pytest.mark.slow


def test_there_are_workbooks() -> None:
    assert [p.name for p in WORKBOOKS] == ["business_case.ipynb", "many_teams.ipynb"]


def run(path: Path) -> list:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    return [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_workbook_runs_without_error(path: Path) -> None:
    outputs = run(path)
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr"]


def test_the_business_case_shows_every_step_as_widgets() -> None:
    outputs = run(WORKBOOKS[0])
    shown = [o for o in outputs if o.output_type in ("display_data", "execute_result")]
    # One widget per step, 0 to 10, then the verdict as plain HTML for Voila's page to show
    # before the widgets load; nothing else (no stray text, no traceback).
    assert len(shown) == 12
    assert all("application/vnd.jupyter.widget-view+json" in o.data for o in shown[:11])
    copy = shown[11].data
    assert set(copy) == {"application/vnd.socialcase.verdict+html", "text/plain"}
    assert copy["text/plain"] == ""
    assert 'class="sc-verdict-first"' in copy["application/vnd.socialcase.verdict+html"]


def test_the_many_teams_workbook_shows_the_library_summary() -> None:
    import socialcase as sc
    from socialcase.case import summary

    outputs = run(WORKBOOKS[1])
    table = next(o for o in outputs if o.output_type == "execute_result")
    shown = table.data["text/html"]
    expected = summary({"Consumer brand": sc.Scenario(), "Norway office": sc.preset("NO")})
    assert "Consumer brand" in shown and "Norway office" in shown
    for team in expected.index:  # money with thousands separators, in USD
        npv = expected.loc[team, "Net present value (USD)"]
        assert f"{npv:,.0f}" in shown
    assert "Net present value (USD)" in shown and "ROI (%)" in shown
    assert "Money in USD; converted at socialcase&#39;s stated rates: NOK at 10.76" in shown or (
        "Money in USD; converted at socialcase's stated rates: NOK at 10.76" in shown
    )
    assert "28544.9100" not in shown and "0.329750" not in shown  # no raw floats


def test_workbooks_are_committed_without_outputs() -> None:
    for path in WORKBOOKS:
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, path.name


def test_workbooks_hold_no_arithmetic() -> None:
    """Notebooks tell the story; every number comes from socialcase (so it is tested)."""
    for path in WORKBOOKS:
        notebook = nbformat.read(path, as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert "def " not in cell.source and "lambda" not in cell.source, path.name
