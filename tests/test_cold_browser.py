"""The cold page in a real browser: Voila with no preheated kernel (as Binder serves it).

The kernel builds the verdict before the page goes out and every other step once the page's
widgets are up (`tests/test_cold_start.py`); in the browser that must look like any other
page: every step's widgets there, the sample's stall in step 2, and a change typed as soon
as the steps are there reaching the verdict and the step it belongs to.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import DASHBOARD

import socialcase as sc
from devtools.serve import VoilaServer
from socialcase.formatting import money
from socialcase.page import sample_growth_evidence
from socialcase.share import to_query

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def cold_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    log = tmp_path_factory.mktemp("voila-cold") / "voila.log"
    with VoilaServer(DASHBOARD, preheat=False, log_path=log) as server:
        yield server


def test_the_cold_page_is_complete_and_takes_a_change_at_once(cold_server, watched) -> None:
    linked = sc.Scenario(inbound_per_day=250, hire_salary_per_year=58_000)
    watched.open(cold_server.url + "?" + to_query(linked))
    case = sc.evaluate(linked).bottom_line
    assert watched.headline("net-value") == money(case.net_value_per_year)
    # Every step's inputs and figures come onto the page (built once its widgets were up).
    page = watched.page
    for step in range(1, 11):
        page.locator(f".sc-step-{step}").wait_for(timeout=60_000)
        assert page.locator(f".sc-step-{step}").count() == 1, step
    assert page.locator(".sc-in-inbound_per_day input").input_value() == "250"
    stall = sample_growth_evidence().stall  # the sample series, analysed after the page
    assert stall is not None
    watched.wait_headline("stall-date", f"{stall.start:%Y-%m-%d}")

    watched.type_into("hire_salary_per_year", "70000")
    changed = linked.evolve(hire_salary_per_year=70_000)
    # 70,000 * 1.34 + 2,400 = 96,200 (US benefits 34% of wages, BLS ECEC; tools 2,400)
    watched.wait_headline("hire-cost", "$96,200")
    watched.wait_headline("net-value", money(sc.evaluate(changed).bottom_line.net_value_per_year))
    assert watched.errors == []
    assert watched.external == []
    assert "Traceback" not in page.content()
