"""Every number input has bounds that keep every figure of the case finite.

Each input is swept to its lowest and its highest allowed value (the cross-field rules
kept), alone and all at once in the direction that makes money figures largest, and
every headline of `evaluate` and `simulate` is checked.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

from socialcase import ACTIVITIES, Scenario, evaluate, simulate, specs
from socialcase.formatting import money

NUMBERS = {name: spec for name, spec in specs().items() if spec.kind in ("number", "integer")}
ACTIVITY_HOURS = [f"hire_{a.key}_hours_per_week" for a in ACTIVITIES]


def _end(name: str, end: str) -> float:
    spec = NUMBERS[name]
    if end == "high":
        return spec.maximum
    if spec.min_exclusive:
        return math.nextafter(spec.minimum, math.inf) if spec.kind == "number" else spec.minimum + 1
    return spec.minimum


def _valid(values: dict[str, Any]) -> Scenario:
    """A scenario with `values`, the cross-field rules repaired around them."""
    base = Scenario().values() | values
    base["after_hours_cover_hours_per_week"] = min(
        base["after_hours_cover_hours_per_week"], base["actual_hours_per_week"]
    )
    productive = base["hire_hours_per_week"] * base["hire_productive_share"]
    allotted = sum(base[n] for n in ACTIVITY_HOURS)
    if allotted > productive:
        for n in ACTIVITY_HOURS:
            base[n] = base[n] * productive / allotted * (1 - 1e-12)
    return Scenario(**base)


def test_every_number_input_has_a_finite_maximum() -> None:
    unbounded = [name for name, spec in NUMBERS.items() if math.isinf(spec.maximum)]
    assert unbounded == []


def _headlines(s: Scenario) -> dict[str, float]:
    b = evaluate(s).bottom_line
    return {
        "net_present_value": b.net_present_value,
        "year_one_net_value": b.year_one_net_value,
        "net_value_per_year": b.net_value_per_year,
        "cost_of_waiting_per_month": b.cost_of_waiting_per_month,
        "value_per_year": b.value_per_year,
        "running_cost_per_year": b.running_cost_per_year,
        "present_cost": b.present_cost,
        "ramp_value_forgone": b.ramp_value_forgone,
        **{f"month {i}": x for i, x in enumerate(b.net_by_month)},
    }


@pytest.mark.parametrize("end", ["low", "high"])
@pytest.mark.parametrize("name", sorted(NUMBERS))
def test_each_input_at_its_bound_keeps_every_headline_finite(name: str, end: str) -> None:
    s = _valid({name: _end(name, end)})
    for headline, value in _headlines(s).items():
        assert math.isfinite(value), (name, end, headline, value)
    b = evaluate(s).bottom_line
    assert b.payback_months >= 0  # inf means "not within the horizon", shown as "never"
    assert money(b.net_present_value) != "n/a"


def test_everything_at_once_at_its_largest_stays_finite_and_printable() -> None:
    # The inputs that scale money up, all at their maximum; the costs at their maximum too.
    largest = {
        name: spec.maximum
        for name, spec in NUMBERS.items()
        if name.endswith(("_output_per_hour", "_kpi_per_output", "_value_per_kpi"))
        or name
        in {
            "team_size",
            "team_salary_per_year",
            "hire_salary_per_year",
            "replacement_cost_multiplier",
            "baseline_turnover_per_year",
            "overtime_attrition_elasticity",
            "actual_hours_per_week",
            "inbound_per_day",
            "working_weeks_per_year",
            "horizon_years",
            "hire_hours_per_week",
            "hire_productive_share",
        }
    }
    largest["contracted_hours_per_week"] = NUMBERS["contracted_hours_per_week"].minimum
    s = _valid(largest)
    for headline, value in _headlines(s).items():
        assert math.isfinite(value), (headline, value)
        assert abs(value) < 1e40, (headline, value)  # at most ~50 characters on screen
    sim = simulate(s, draws=200, seed=0)
    for q in (sim.p10, sim.p50, sim.p90, sim.mean, sim.probability_positive):
        assert math.isfinite(q)
