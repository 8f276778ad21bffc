"""The page in a Voila kernel: the verdict before the page goes out, the rest once it is up.

A Voila kernel builds only the verdict and the page's frame before the page goes out: a
preheated one the sample's verdict ahead of the request (and the link's case, if the link
changes it, in `Dashboard.verdict_first`), a kernel started for one request (no preheat,
Binder's /voila/render) the link's verdict only, leaving the sample evidence for later. Steps
1 to 10 are built when the page bar's first view tells the kernel the page's widgets are up.
What the page shows once built must be what a kernel that builds everything at once
(JupyterLab, a script) shows for the same link, and a change typed right after the page
goes live must reach every step. The normal CDF that the Monte Carlo's copula needs no
longer comes from scipy (`socialcase.uncertainty.ndtr`).
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import subprocess
import sys

import numpy as np
import pytest

import socialcase as sc
from socialcase import share
from socialcase.formatting import money
from socialcase.ui import Dashboard
from socialcase.ui.parts import FigureSlot, static_html
from socialcase.uncertainty import correlated_uniforms, ndtr, simulate

DRAWS = 2_000

LINKS = {
    "sample": "",
    "own case": share.to_query(
        sc.Scenario(inbound_per_day=200, hire_salary_per_year=70_000, team_size=3)
    ),
    "Norwegian preset": share.to_query(sc.preset("NO")),
}


def voila_env(monkeypatch: pytest.MonkeyPatch, kind: str) -> None:
    """What Voila sets in a kernel's environment: a `kind` of "cold" or "preheated" kernel."""
    monkeypatch.setenv("VOILA_BASE_URL", "/")
    monkeypatch.setenv("VOILA_PREHEAT", "False" if kind == "cold" else "True")


def page_shown(board: Dashboard) -> None:
    """The page bar's view telling the kernel it is up (what ``static/pagebar.js`` sends)."""
    board.pagebar._message(board.pagebar, {"event": "shown"}, [])


def voila_page(
    monkeypatch: pytest.MonkeyPatch, query: str, kind: str = "cold"
) -> tuple[Dashboard, str, bool]:
    """The workbook's cells in a Voila kernel, then the page up: the copy, and whether steps
    1 to 10 were still unbuilt when the page went out."""
    voila_env(monkeypatch, kind)
    result: dict[str, object] = {}

    async def cells() -> None:
        board = Dashboard(draws=DRAWS)
        frames = [board.step(n) for n in range(11)]  # what the cells display
        board.apply_link(query)
        result["copy"] = board.verdict_first().html
        await asyncio.sleep(0.01)  # the kernel's loop: nothing else is built meanwhile
        result["pending"] = all(not f.children for f in frames[1:])
        result["board"] = board
        page_shown(board)

    asyncio.run(cells())
    monkeypatch.delenv("VOILA_PREHEAT")
    monkeypatch.delenv("VOILA_BASE_URL")
    return result["board"], result["copy"], result["pending"]  # type: ignore[return-value]


def cold_page(monkeypatch: pytest.MonkeyPatch, query: str) -> tuple[Dashboard, str, bool]:
    return voila_page(monkeypatch, query, "cold")


def preheated_page(query: str) -> tuple[Dashboard, str]:
    """Everything built at once (JupyterLab, a script): what the Voila page must show."""
    board = Dashboard(draws=DRAWS)
    board.apply_link(query)
    return board, board.verdict_first().html


def charts_of(board: Dashboard) -> dict[str, str]:
    """Every chart's figure as sent to the page (its JSON), by slot name."""
    found: dict[str, str] = {}
    for number, step in sorted(board.steps.items()):
        for name, part in vars(step).items():
            if isinstance(part, FigureSlot):
                found[f"{number}.{name}"] = part._shown
    inbox = board.inbox_panel.heatmap
    found["3.inbox-heatmap"] = inbox._shown
    return found


def _without_save_time(page_html: str) -> str:
    """The scenario file in a download link, decoded, without the time it was saved at."""

    def decoded(match: re.Match[str]) -> str:
        saved = json.loads(base64.b64decode(match.group(1)))
        saved.pop("saved_at", None)
        return json.dumps(saved, sort_keys=True)

    return re.sub(r"data:application/json;base64,([^\"]+)", decoded, page_html)


def shown(board: Dashboard) -> dict[str, object]:
    """What every step shows: its text and figures as plain HTML, every box's value and
    origin, every chart's figure, the link."""
    return {
        "steps": {n: _without_save_time(static_html(s.widget)) for n, s in board.steps.items()},
        "values": {
            name: (getattr(f, "box", None) and f.box.value, f.origin.value)  # type: ignore[attr-defined]
            for name, f in sorted(board.fields.items())
        },
        "charts": charts_of(board),
        "link": board.link.query,
        "title": board.pagebar.title,
        "language": board.lang,
    }


@pytest.mark.parametrize("kind", ["cold", "preheated"])
@pytest.mark.parametrize("link", LINKS)
def test_a_voila_kernel_shows_what_one_that_builds_everything_at_once_shows(
    monkeypatch: pytest.MonkeyPatch, link: str, kind: str
) -> None:
    cold, cold_copy, pending = voila_page(monkeypatch, LINKS[link], kind)
    assert pending, "steps 1-10 are built after the page has gone out"
    assert not cold._rest_pending, "and built once the page is up"
    hot, hot_copy = preheated_page(LINKS[link])
    assert cold_copy == hot_copy  # the verdict as plain HTML, figures and sentence
    assert cold.scenario == hot.scenario and cold.provenance == hot.provenance
    assert shown(cold) == shown(hot)
    assert all(frame.children for frame in cold.frames.values())
    assert cold.growth is not None and cold.growth.stall is not None  # the sample, analysed
    assert cold.state is not None and cold.state.swings == hot.state.swings  # type: ignore[union-attr]


def test_the_cold_verdict_is_the_links_case_and_its_simulation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scenario = sc.Scenario(inbound_per_day=200, hire_salary_per_year=70_000, team_size=3)
    _, copy, _ = cold_page(monkeypatch, share.to_query(scenario))
    bottom = sc.evaluate(scenario).bottom_line
    chance = simulate(scenario, DRAWS, 0).probability_positive
    assert money(bottom.net_present_value) in copy
    assert f"{chance:.0%}" in copy.replace("\u00a0", "")


def test_a_change_right_after_the_page_reaches_every_step(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cold, _, _ = cold_page(monkeypatch, "")
    hot, _ = preheated_page("")
    for board in (cold, hot):
        board.fields["hire_salary_per_year"].box.value = "70,000"
        board._later.flush()
    assert cold.scenario.hire_salary_per_year == 70_000
    assert shown(cold) == shown(hot)
    # 70,000 * 1.34 + 2,400 = 96,200 (US benefits load 34%, tools 2,400)
    assert "$96,200" in cold.steps[8].cards["hire-cost"].widget.value  # type: ignore[attr-defined]


@pytest.mark.parametrize("kind", ["cold", "preheated"])
def test_reading_the_steps_before_the_page_builds_them(
    monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    """Outside the workbook's order (a script, another notebook) nothing is left unbuilt."""
    voila_env(monkeypatch, kind)
    cold = Dashboard(draws=DRAWS)
    assert (cold.state is None) == (kind == "cold") and not cold.frames[8].children
    assert set(cold.steps) == set(range(11))
    assert all(frame.children for frame in cold.frames.values())
    monkeypatch.delenv("VOILA_PREHEAT")
    monkeypatch.delenv("VOILA_BASE_URL")
    assert shown(cold) == shown(Dashboard(draws=DRAWS))


def test_a_preheated_kernel_sends_only_the_verdict_and_closes_the_samples_for_a_link(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The page's first widgets are the verdict's: the browser builds all of them before it
    shows any. A link with another case replaces the sample's verdict, closed, not sent."""
    from ipywidgets.widgets.widget import _instances

    voila_env(monkeypatch, "preheated")
    board = Dashboard(draws=DRAWS)
    sample_verdict = board._steps[0]
    assert set(board._steps) == {0} and not any(f.children for f in board.frames.values())
    before = len(_instances)
    board.apply_link(LINKS["own case"])
    board.verdict_first()
    assert board._steps[0] is not sample_verdict and sample_verdict.widget.comm is None
    assert len(_instances) <= before + 5  # the link's verdict in place of the sample's
    page_shown(board)
    assert all(frame.children for frame in board.frames.values())
    assert board.scenario.inbound_per_day == 200


def test_a_cold_kernel_loads_no_heavy_library_before_the_page() -> None:
    """pandas, plotly and scipy (about 0.8 s together) load after the page has gone out."""
    code = (
        "import asyncio, json, os, sys\n"
        "os.environ['VOILA_PREHEAT'] = 'False'\n"
        "os.environ['VOILA_BASE_URL'] = '/'\n"
        "os.environ.pop('QUERY_STRING', None)\n"
        "heavy = ('pandas', 'plotly', 'scipy', 'ruptures')\n"
        "async def cells():\n"
        "    from socialcase.ui import Dashboard, query_string\n"
        "    board = Dashboard(draws=500)\n"
        "    frames = [board.step(n) for n in range(11)]\n"
        "    board.apply_link(query_string())\n"
        "    board.verdict_first()\n"
        "    before = sorted(m for m in heavy if m in sys.modules)\n"
        "    await asyncio.sleep(0)\n"
        "    board.pagebar._message(board.pagebar, {'event': 'shown'}, [])\n"
        "    after = sorted(m for m in heavy if m in sys.modules)\n"
        "    built = all(f.children for f in frames)\n"
        "    print(json.dumps([before, after, built]))\n"
        "asyncio.run(cells())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    before, after, built = json.loads(out.stdout.strip().splitlines()[-1])
    assert before == []
    assert after == ["pandas", "plotly", "ruptures", "scipy"] and built


# -- the normal CDF without scipy ------------------------------------------------------------


def test_ndtr_equals_scipys() -> None:
    special = pytest.importorskip("scipy.special")
    rng = np.random.default_rng(7)
    x = np.concatenate(
        [
            rng.standard_normal(200_000) * 3,
            np.linspace(-40, 40, 400_001),
            # each branch's edges: |x| / sqrt(2) at 1/sqrt(2), 1 and 8; underflow; infinities
            np.sqrt(2) * np.array([0.5**0.5, 1.0, 8.0, 26.6, 27.3]) * np.array([[1], [-1]]),
            [0.0, -0.0, np.inf, -np.inf, 1e300, -1e300, 5e-324],
        ],
        axis=None,
    )
    ours, scipys = ndtr(x), special.ndtr(x)
    np.testing.assert_allclose(ours, scipys, rtol=0, atol=1e-15)
    # relative too, deep in the lower tail where the values are tiny
    tail = x < -5
    np.testing.assert_allclose(ours[tail], scipys[tail], rtol=1e-13)
    assert np.isnan(ndtr(np.nan)) and float(ndtr(0.0)) == 0.5
    assert ndtr(np.zeros((2, 3))).shape == (2, 3)


def test_the_simulation_is_the_one_scipy_gave(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Monte Carlo's figures with scipy's ndtr (as before) and with this one."""
    special = pytest.importorskip("scipy.special")
    import socialcase.uncertainty as uncertainty

    scenario = sc.Scenario()
    ours = simulate(scenario, 20_000, 0)
    monkeypatch.setattr(uncertainty, "ndtr", special.ndtr)
    scipys = simulate(scenario, 20_000, 0)
    assert ours.probability_positive == scipys.probability_positive
    for name in ("net_present_values", "net_values_per_year", "payback_months"):
        np.testing.assert_allclose(getattr(ours, name), getattr(scipys, name), rtol=1e-12)
    assert ours.payback_reading(90).text() == scipys.payback_reading(90).text()
    u = correlated_uniforms(np.random.default_rng(3), 4, 10_000, 0.4)
    assert u.min() > 0 and u.max() < 1


@pytest.mark.parametrize("kind", ["cold", "preheated"])
def test_steps_1_to_10_wait_for_the_page_bar_to_say_the_page_is_up(
    monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    # Built while the browser still builds the page's first widgets (on the kernel's loop
    # after the last cell, as before), a new widget referring to one the browser had not
    # built yet (the link bar, a shared layout) reached it first and was lost: "widget
    # model not found", empty steps. Built before the page connects, they are hundreds more
    # widgets the browser builds before it shows the live verdict. So: once the page bar's
    # first view is up (the browser shows views only once it has built every widget).
    import nbformat

    cells = nbformat.read("workbooks/business_case.ipynb", as_version=4).cells
    code = [cell.source for cell in cells if cell.cell_type == "code"]
    assert "query_string()" in code[-1] and code[-1].splitlines()[-1] == (
        "dashboard.verdict_first()"
    )
    voila_env(monkeypatch, kind)

    async def the_page() -> Dashboard:  # in a loop, as in the kernel
        board = Dashboard(draws=DRAWS)
        board.apply_link("")
        board.verdict_first()
        await asyncio.sleep(0.05)  # the kernel idle, the page loading: nothing is built
        assert not board.frames[8].children and board._rest_pending
        page_shown(board)
        assert all(frame.children for frame in board.frames.values())
        page_shown(board)  # another view of the bar (a second window): nothing more
        return board

    board = asyncio.run(the_page())
    assert board._rest_pending is False and set(board.steps) == set(range(11))
