"""Every workbook runs top to bottom in a real kernel, with no edits."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

WORKBOOKS = sorted((Path(__file__).resolve().parent.parent / "workbooks").glob("*.ipynb"))

pytestmark = pytest.mark.slow


def test_there_are_workbooks() -> None:
    assert [p.name for p in WORKBOOKS][:1] == ["business_case.ipynb"]


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_workbook_runs_without_error(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    ).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    # Each step cell shows a widget, never a traceback or stray text.
    shown = [o for o in outputs if o.output_type in ("display_data", "execute_result")]
    assert len(shown) >= 11
    assert all("application/vnd.jupyter.widget-view+json" in o.data for o in shown)


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
