"""Hypothesis strategies for socialcase's tests.

`scenarios()` draws valid `Scenario` objects: a random subset of the inputs, each
within its `Spec` bounds, with the cross-field rules kept (after-hours cover within
the hours worked; the vision's activity hours within the hire's productive hours).
"""

from __future__ import annotations

import math
from typing import Any

from hypothesis import strategies as st

from socialcase.scenario import ACTIVITIES, COUNTRIES, Scenario, Spec, specs, uncertain_inputs

__all__ = [
    "ACTIVITY_HOURS",
    "FINITE_CAP",
    "NAMES",
    "UNCERTAIN",
    "scenarios",
    "value_of",
]

NAMES = tuple(specs())
UNCERTAIN = tuple(uncertain_inputs())
ACTIVITY_HOURS = tuple(f"hire_{a.key}_hours_per_week" for a in ACTIVITIES)

#: Drawn values of inputs without a finite maximum (the activities' rates) stay below this,
#: so a product of four rates cannot overflow to infinity.
FINITE_CAP = 1e9

_DEFAULT = Scenario()


def value_of(spec: Spec) -> st.SearchStrategy[Any]:
    """Any value `spec` allows (numbers capped at `FINITE_CAP` where the maximum is infinite)."""
    if spec.kind == "profile":  # an even spread, or 168 hourly weights, not all zero
        weights = st.lists(st.floats(0, 1_000), min_size=168, max_size=168)
        return st.one_of(st.just(()), weights.filter(lambda w: sum(w) > 0).map(tuple))
    if spec.kind == "choice":
        return st.sampled_from(spec.choices)
    if spec.kind == "text" and spec.choices:
        return st.sampled_from(spec.choices)
    if spec.kind == "text":
        return st.text(max_size=30)
    high = min(spec.maximum, FINITE_CAP)
    if spec.kind == "integer":
        low = math.floor(spec.minimum) + 1 if spec.min_exclusive else math.ceil(spec.minimum)
        return st.integers(low, math.floor(high))
    return st.floats(
        spec.minimum, high, exclude_min=spec.min_exclusive, allow_nan=False, allow_infinity=False
    )


def _effective(values: dict[str, Any], name: str) -> Any:
    return values.get(name, getattr(_DEFAULT, name))


@st.composite
def _cross_field_values(draw: st.DrawFn, values: dict[str, Any]) -> dict[str, Any]:
    """Repair `values` so the scenario's cross-field rules hold."""
    actual = _effective(values, "actual_hours_per_week")
    if _effective(values, "after_hours_cover_hours_per_week") > actual:
        values["after_hours_cover_hours_per_week"] = draw(st.floats(0, actual))
    productive = _effective(values, "hire_hours_per_week") * _effective(
        values, "hire_productive_share"
    )
    hours = {name: _effective(values, name) for name in ACTIVITY_HOURS}
    total = math.fsum(hours.values())
    if total > productive:
        # Scale the vision down to fit the hire's productive hours; rounding stays far below
        # the scenario's 1e-9 h tolerance.
        values |= {name: h * productive / total for name, h in hours.items()}
    return values


@st.composite
def scenarios(
    draw: st.DrawFn, *, ranges: bool = True, countries: tuple[str, ...] = COUNTRIES
) -> Scenario:
    """A valid scenario with a random subset of its inputs changed from the sample case.

    With `ranges`, some uncertain inputs also get a random (low, high) range within
    their bounds.
    """
    chosen = draw(st.sets(st.sampled_from(NAMES)), label="changed inputs")
    all_specs = specs()
    values = {name: draw(value_of(all_specs[name]), label=name) for name in NAMES if name in chosen}
    values["country"] = draw(st.sampled_from(countries), label="country")
    values = draw(_cross_field_values(values))
    given: dict[str, tuple[float, float]] = {}
    if ranges:
        for name in draw(st.sets(st.sampled_from(UNCERTAIN)), label="inputs with a range"):
            ends = draw(st.lists(value_of(all_specs[name]), min_size=2, max_size=2))
            low, high = sorted(ends)
            given[name] = (low, high)
    return Scenario(**values, ranges=given)
