"""The dashboard in Norwegian in a real browser: Norwegian typing, figures and labels, the
same case's link in English, and the language picker (Chromium driving a real Voila)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from conftest import PageWatch

import socialcase as sc
from socialcase.formatting import money
from socialcase.scenario import Scenario, preset_changes
from socialcase.share import from_query, to_query

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SALARY_NB = "650.000,50"  # how a Norwegian may type 650 000,50 kr
SALARY = 650_000.5


def norway() -> Scenario:
    base = Scenario()
    return base.evolve(**preset_changes(base, "NO"))


def typed_query(watched: PageWatch, timeout_s: float = 60) -> str:
    """The page's query once it carries the typed salary (the URL follows the case)."""
    deadline = time.monotonic() + timeout_s
    while True:
        query = str(watched.page.evaluate("location.search")).lstrip("?")
        if from_query(query).scenario.hire_salary_per_year == SALARY:
            return query
        assert time.monotonic() < deadline, f"the page's URL never carried the salary: {query}"
        watched.page.wait_for_timeout(250)


def label_of(watched: PageWatch, field: str) -> str:
    return str(watched.page.inner_text(f".sc-field-label.sc-origin-{field} .sc-label")).strip()


def visible_headings(watched: PageWatch) -> list[str]:
    """The workbook's step headings on screen (each markdown cell is written in every
    language; the page shows the one of <html lang>)."""
    return [
        str(text).rstrip("\u00b6").strip()
        for text in watched.page.evaluate(
            "Array.from(document.querySelectorAll('h2'))"
            ".filter(h => h.getClientRects().length).map(h => h.textContent)"
        )
    ]


def wait_heading(watched: PageWatch, text: str) -> None:
    """Wait until the workbook's heading `text` is on screen (the page bar sets
    <html lang> once the kernel's language arrives)."""
    watched.page.wait_for_function(
        "t => Array.from(document.querySelectorAll('h2')).some(h => h.getClientRects().length"
        " && h.textContent.replace('\u00b6', '').trim() === t)",
        arg=text,
        timeout=60_000,
    )


def test_norwegian_page_reads_norwegian_numbers_and_its_link_opens_in_english(
    voila_server: Any, watched: PageWatch
) -> None:
    case = norway()
    typed = case.evolve(hire_salary_per_year=SALARY)
    cost = sc.evaluate(typed).bottom_line.cost.steady_state_cost_per_year
    expected_nb = money(cost, "NOK", locale="nb")  # e.g. "1 013 690 kr", U+00A0 between
    expected_en = money(cost, "NOK", locale="en")  # e.g. "NOK 1,013,690"
    assert "\u00a0" in expected_nb and expected_nb.endswith("\u00a0kr")

    watched.open(voila_server.url + "?" + to_query(case, lang="nb"))
    assert label_of(watched, "hire_salary_per_year") == "Lønn for den nyansatte"
    assert watched.page.inner_text(".sc-language .mod-active").strip() == "Norsk bokmål"
    watched.type_into("hire_salary_per_year", SALARY_NB)
    watched.wait_headline("hire-cost", expected_nb)
    assert "\u00a0" in watched.page.text_content(".sc-out-hire-cost .sc-figure-value")  # type: ignore[operator]
    assert watched.headline("npv").endswith("\u00a0kr")
    assert watched.page.inner_text(".sc-nav-box summary").strip() == "Stegene i caset"
    headings = visible_headings(watched)  # the workbook's own text, from the catalog
    assert "0. Konklusjonen" in headings and "0. The verdict" not in headings
    # plotly.js's own words on a chart (its mode bar) in Norwegian too, once it is drawn.
    watched.page.locator(".sc-step-8 .sc-plot").first.scroll_into_view_if_needed()
    watched.page.wait_for_selector(
        '.sc-step-8 .modebar-btn[data-title="Last ned diagrammet som PNG"]',
        state="attached",
        timeout=60_000,
    )

    # The page's link carries the case and its language; the same case in English.
    query = typed_query(watched)
    assert from_query(query).lang == "nb"
    english_query = "&".join("lang=en" if part == "lang=nb" else part for part in query.split("&"))
    watched.open(voila_server.url + "?" + english_query)
    watched.wait_headline("hire-cost", expected_en)
    assert label_of(watched, "hire_salary_per_year") == "Salary of the hire"
    box = watched.page.locator(".sc-in-hire_salary_per_year input").first
    assert box.input_value() == "650,000.5"
    headings = visible_headings(watched)
    assert "0. The verdict" in headings and "0. Konklusjonen" not in headings
    assert watched.errors == [] and watched.external == []


def test_the_picker_switches_the_language_in_place(voila_server: Any, watched: PageWatch) -> None:
    watched.open(voila_server.url)
    assert label_of(watched, "hire_salary_per_year") == "Salary of the hire"
    watched.type_into("inbound_per_day", "lots")  # refused: what was typed stays
    watched.page.wait_for_selector(".sc-msg-inbound_per_day .sc-error", timeout=60_000)
    watched.page.get_by_role("button", name="Norsk bokmål").click()
    watched.page.wait_for_function(
        "() => { const e = document.querySelector("
        "'.sc-field-label.sc-origin-hire_salary_per_year .sc-label');"
        " return e && e.innerText.trim() === 'Lønn for den nyansatte'; }",
        timeout=60_000,
    )
    expected = money(sc.evaluate(Scenario()).bottom_line.net_present_value, "USD", locale="nb")
    watched.wait_headline("npv", expected)  # "-12 722 USD": the same case, Norwegian style
    box = watched.page.locator(".sc-in-inbound_per_day input").first
    assert box.input_value() == "lots"
    assert "må være" in watched.page.inner_text(".sc-msg-inbound_per_day")
    watched.page.wait_for_function("() => location.search.includes('lang=nb')")
    wait_heading(watched, "8. Bunnlinjen")  # the workbook's text follows
    watched.page.get_by_role("button", name="English").click()
    watched.wait_headline("npv", money(sc.evaluate(Scenario()).bottom_line.net_present_value))
    # The verdict comes first; step 8's boxes follow (a second or two on this machine).
    watched.page.wait_for_function(
        "() => { const e = document.querySelector("
        "'.sc-field-label.sc-origin-hire_salary_per_year .sc-label');"
        " return e && e.innerText.trim() === 'Salary of the hire'; }",
        timeout=60_000,
    )
    wait_heading(watched, "8. The bottom line")
    assert watched.errors == [] and watched.external == []
