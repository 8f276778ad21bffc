"""`socialcase.case.summary`: the analyst's table of several teams, one currency per column."""

from __future__ import annotations

import math

import pytest

import socialcase as sc
from socialcase.case import SUMMARY_COLUMNS, style_summary, summary
from socialcase.scenario import NOK_PER_USD

TEAMS = {"Consumer brand": sc.Scenario(), "Norway office": sc.preset("NO")}


@pytest.fixture(scope="module")
def table():
    return summary(TEAMS, draws=2_000)


def test_every_column_names_its_unit_and_money_is_in_one_currency(table) -> None:
    assert list(table.columns) == [c.format(c="USD") for c in SUMMARY_COLUMNS]
    assert table.attrs["currency"] == "USD"
    assert table.attrs["exchange_rates"] == {("USD", "NOK"): NOK_PER_USD}


def test_a_case_in_another_currency_is_converted_at_the_stated_rate(table) -> None:
    oslo = sc.evaluate(TEAMS["Norway office"]).bottom_line
    assert table.loc["Norway office", "Case currency"] == "NOK"
    # NOK -> USD at 1 / 10.76 (Norges Bank's 2024 average, socialcase.scenario.NOK_PER_USD)
    assert table.loc["Norway office", "Net present value (USD)"] == round(
        oslo.net_present_value / NOK_PER_USD
    )
    assert table.loc["Norway office", "Cost of waiting (USD a month)"] == round(
        oslo.cost_of_waiting_per_month / NOK_PER_USD
    )
    in_nok = summary(TEAMS, currency="NOK", draws=2_000)
    assert in_nok.loc["Norway office", "Net present value (NOK)"] == round(oslo.net_present_value)


def test_values_are_rounded_for_reading(table) -> None:
    home = sc.evaluate(TEAMS["Consumer brand"])
    row = table.loc["Consumer brand"]
    assert row["Net value a year, steady state (USD a year)"] == 5717  # 5,717.05 rounded
    assert row["ROI (%)"] == round(home.bottom_line.roi * 100, 1)
    assert row["Messages missed without the hire (a week)"] == round(
        home.engagement.missed_per_week_without_hire
    )
    payback = row["Payback (months from the decision)"]
    assert math.isinf(payback) or payback == round(payback, 1)
    assert 0 <= row["Chance the net present value is positive (%)"] <= 100


def test_a_currency_without_a_stated_rate_is_refused_in_words() -> None:
    with pytest.raises(ValueError, match="Stockholm is in SEK, and socialcase states no rate"):
        summary({"Stockholm": sc.Scenario(currency="SEK")}, draws=100)


def test_the_style_formats_money_and_says_the_rate(table) -> None:
    html = style_summary(table).to_html()
    npv = table.loc["Consumer brand", "Net present value (USD)"]
    assert f"{npv:,.0f}" in html
    assert "Money in USD; converted at socialcase's stated rates: NOK at 10.76 NOK per USD." in html
