"""The whole case at once: `evaluate(scenario)` runs every calculation.

This is the one call the workbook, the dashboard and the report make; each
result comes from the module of its step.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from socialcase.bottomline import BottomLine, bottom_line_from_model
from socialcase.collaboration import HourBudget, hour_budget
from socialcase.costs import HireCost
from socialcase.engagement import Engagement, engagement
from socialcase.i18n import N_, gettext, use_language
from socialcase.model import money_model
from socialcase.risk import AttritionRisk
from socialcase.scenario import Scenario
from socialcase.uncertainty import simulate
from socialcase.vision import VisionValue

if TYPE_CHECKING:
    import pandas as pd
    from pandas.io.formats.style import Styler

__all__ = ["Case", "evaluate", "style_summary", "summary"]


@dataclass(frozen=True)
class Case:
    """Every result of the case for one scenario."""

    scenario: Scenario
    bottom_line: BottomLine
    engagement: Engagement
    collaboration: HourBudget

    @property
    def cost(self) -> HireCost:
        return self.bottom_line.cost

    @property
    def risk(self) -> AttritionRisk:
        return self.bottom_line.risk

    @property
    def vision(self) -> VisionValue:
        return self.bottom_line.vision

    @property
    def capacity(self) -> Engagement:
        return self.engagement

    @property
    def overtime_hours_per_person(self) -> float:
        """Hours a week each person works above contract, at least 0:
        ``actual_hours_per_week - contracted_hours_per_week``."""
        s = self.scenario
        return max(s.actual_hours_per_week - s.contracted_hours_per_week, 0.0)


def evaluate(scenario: Scenario) -> Case:
    """Every result of the case (cost, risk, capacity, collaboration, vision, bottom line).

    >>> from socialcase import Scenario
    >>> case = evaluate(Scenario())
    >>> round(case.bottom_line.payback_months, 1) > 0
    True
    """
    return Case(
        scenario,
        bottom_line_from_model(scenario, money_model(scenario.values())),
        engagement(scenario),
        hour_budget(scenario),
    )


#: The columns of `summary`, each with its unit; money is in the table's one currency.
#: In English; `summary(..., locale="nb")` names them in Norwegian (`gettext`).
SUMMARY_MONEY = (
    N_("Net present value ({c})"),
    N_("Net value in year one ({c})"),
    N_("Net value a year, steady state ({c} a year)"),
    N_("Cost of waiting ({c} a month)"),
)
SUMMARY_COLUMNS = (
    *SUMMARY_MONEY,
    N_("ROI (%)"),
    N_("Payback (months from the decision)"),
    N_("Chance the net present value is positive (%)"),
    N_("Messages missed without the hire (a week)"),
    N_("Messages missed with the hire (a week)"),
    N_("Case currency"),
    N_("Rate ({c} per unit of the case currency)"),
)


def summary(
    scenarios: Mapping[str, Scenario],
    *,
    currency: str = "USD",
    draws: int = 20_000,
    seed: int = 0,
    locale: str | None = None,
) -> pd.DataFrame:
    """The verdict of several cases side by side (one row per team), for the analyst.

    Money is in one `currency`: a case in another is converted at the stated rate
    (`socialcase.scenario.EXCHANGE_RATES`; the rate used is a column and the table's
    ``attrs["currency"]`` names the currency). Each column's name carries its unit; values
    are rounded for reading: money to whole units, percentages to one decimal, payback
    to a tenth of a month (inf: not within the horizon), messages to whole ones. The chance
    the net present value is positive is a Monte Carlo of `draws` with `seed`.
    `style_summary` formats the table for a notebook. `locale` ("en", "nb"; None: the
    current language) names the columns; ``attrs["language"]`` keeps it for `style_summary`.

    >>> from socialcase import Scenario, preset
    >>> table = summary({"EMEA": Scenario(), "Oslo": preset("NO")}, draws=2_000)
    >>> list(table.index), table.attrs["currency"]
    (['EMEA', 'Oslo'], 'USD')
    >>> float(table.loc["EMEA", "Net value a year, steady state (USD a year)"])
    5717.0
    >>> table.loc["Oslo", "Case currency"], float(table.loc["Oslo", "Net present value (USD)"])
    ('NOK', -16880.0)
    """
    import math

    import pandas as pd

    from socialcase.scenario import EXCHANGE_RATES, exchange_rate

    def column(template: str) -> str:
        return template.format(c=currency)

    rows = {}
    for name, scenario in scenarios.items():
        rate = exchange_rate(scenario.currency, currency)
        if rate is None:
            known = ", ".join(f"{a}-{b}" for a, b in EXCHANGE_RATES)
            raise ValueError(
                f"{name} is in {scenario.currency}, and socialcase states no rate from "
                f"{scenario.currency} to {currency} (it knows {known}): pass "
                f"currency={scenario.currency!r}, or compare teams of one currency"
            )
        case = evaluate(scenario)
        b = case.bottom_line
        money = (
            b.net_present_value,
            b.year_one_net_value,
            b.net_value_per_year,
            b.cost_of_waiting_per_month,
        )
        payback = b.payback_months
        rows[name] = {
            **{column(t): round(v * rate) for t, v in zip(SUMMARY_MONEY, money, strict=True)},
            "ROI (%)": round(b.roi * 100, 1),
            "Payback (months from the decision)": round(payback, 1)
            if math.isfinite(payback)
            else math.inf,
            "Chance the net present value is positive (%)": round(
                simulate(scenario, draws, seed).probability_positive * 100, 1
            ),
            "Messages missed without the hire (a week)": round(
                case.engagement.missed_per_week_without_hire
            ),
            "Messages missed with the hire (a week)": round(
                case.engagement.missed_per_week_with_hire
            ),
            "Case currency": scenario.currency,
            column("Rate ({c} per unit of the case currency)"): round(rate, 6),
        }
    table = pd.DataFrame.from_dict(rows, orient="index")
    with use_language(locale) as language:
        table = table.rename(
            columns={column(t): gettext(t).format(c=currency) for t in SUMMARY_COLUMNS}
        )
    table.attrs["language"] = language
    table.attrs["currency"] = currency
    table.attrs["exchange_rates"] = dict(EXCHANGE_RATES)
    return table


def style_summary(table: pd.DataFrame) -> Styler:
    """`summary`'s table for reading in a notebook: thousands separators, units, a caption
    that says which currency the money is in and at what rates it was converted."""
    with use_language(table.attrs.get("language", "en")):
        return _styled(table, table.attrs.get("language", "en"))


def _styled(table: pd.DataFrame, lang: str) -> Styler:
    # The Styler formats when it is shown, after this block: each formatter names its locale.
    from socialcase.formatting import compact, decimal, number

    currency = table.attrs.get("currency", "USD")

    def name(template: str) -> str:
        return gettext(template).format(c=currency)

    money: list[Hashable] = [name(t) for t in SUMMARY_MONEY]
    rate = name("Rate ({c} per unit of the case currency)")
    case_currency = name("Case currency")
    converted = sorted({c for c in table[case_currency] if c != currency})
    caption = gettext("Money in {currency}").format(currency=currency)
    if converted:
        rates = "; ".join(
            gettext("{code} at {rate} {code} per {currency}").format(
                code=c,
                rate=compact(
                    float(f"{1 / table.loc[table[case_currency] == c, rate].iloc[0]:.4g}")
                ),
                currency=currency,
            )
            for c in converted
        )
        caption = gettext("{caption}; converted at socialcase's stated rates: {rates}").format(
            caption=caption, rates=rates
        )
    shares: list[Hashable] = [name("ROI (%)"), name("Chance the net present value is positive (%)")]
    never = gettext("not within the horizon")
    percent_sign = gettext("{share}%")

    def whole(v: Any) -> str:
        return number(float(v), locale=lang)

    def share(v: Any) -> str:
        return percent_sign.format(share=decimal(float(v), 1, grouped=False, locale=lang))

    def payback(v: Any) -> str:
        return never if v == float("inf") else decimal(float(v), 1, grouped=False, locale=lang)

    missed: list[Hashable] = [
        name("Messages missed without the hire (a week)"),
        name("Messages missed with the hire (a week)"),
    ]
    return (
        table.style.format(whole, subset=money)
        .format(share, subset=shares)
        .format(payback, subset=[name("Payback (months from the decision)")])
        .format(whole, subset=missed)
        .format(lambda v: compact(float(f"{v:.6g}"), locale=lang), subset=[rate])
        .set_caption(caption + ".")
    )
