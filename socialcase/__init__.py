"""socialcase: the numbers, the workbook and the dashboard for another social media hire.

``import socialcase as sc`` gives the whole vocabulary of the case::

    case = sc.evaluate(sc.Scenario())   # the built-in sample case
    case.bottom_line.net_value_per_year

The names load on first use (PEP 562), so ``import socialcase`` itself costs next to
nothing and a module such as `socialcase.growth` (change-point detection) is only
imported by whoever needs it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: The modules reachable as ``sc.<module>``.
_MODULES = (
    "bottomline",
    "capacity",
    "collaboration",
    "costs",
    "datasets",
    "engagement",
    "files",
    "growth",
    "imports",
    "inbox",
    "model",
    "risk",
    "share",
    "sources",
    "uncertainty",
    "vision",
)

#: Every other public name, and the module that defines it.
_NAMES = {
    "BottomLine": "bottomline",
    "bottom_line": "bottomline",
    "agents_needed": "capacity",
    "backlog_service": "capacity",
    "erlang_c": "capacity",
    "Case": "case",
    "evaluate": "case",
    "style_summary": "case",
    "summary": "case",
    "HourBudget": "collaboration",
    "hour_budget": "collaboration",
    "HireCost": "costs",
    "employer_cost": "costs",
    "hire_cost": "costs",
    "Engagement": "engagement",
    "MoneyModel": "model",
    "money_model": "model",
    "ExportError": "errors",
    "ImpossibleQueueError": "errors",
    "InputError": "errors",
    "ScenarioFileError": "errors",
    "AttritionRisk": "risk",
    "attrition_risk": "risk",
    "leave_probability": "risk",
    "replacement_cost": "risk",
    "turnover_rate": "risk",
    "ACTIVITIES": "scenario",
    "SCHEMA_VERSION": "scenario",
    "Scenario": "scenario",
    "Spec": "scenario",
    "preset": "scenario",
    "spec_of": "scenario",
    "specs": "scenario",
    "SOURCES": "sources",
    "Source": "sources",
    "Simulation": "uncertainty",
    "simulate": "uncertainty",
    "tornado": "uncertainty",
    "VisionValue": "vision",
    "vision_value": "vision",
}

__all__ = [
    "ACTIVITIES",
    "SCHEMA_VERSION",
    "SOURCES",
    "AttritionRisk",
    "BottomLine",
    "Case",
    "Engagement",
    "ExportError",
    "HireCost",
    "HourBudget",
    "ImpossibleQueueError",
    "InputError",
    "MoneyModel",
    "Scenario",
    "ScenarioFileError",
    "Simulation",
    "Source",
    "Spec",
    "VisionValue",
    "agents_needed",
    "attrition_risk",
    "backlog_service",
    "bottom_line",
    "bottomline",
    "capacity",
    "collaboration",
    "costs",
    "datasets",
    "employer_cost",
    "engagement",
    "erlang_c",
    "evaluate",
    "files",
    "growth",
    "hire_cost",
    "hour_budget",
    "imports",
    "inbox",
    "leave_probability",
    "model",
    "money_model",
    "preset",
    "replacement_cost",
    "risk",
    "share",
    "simulate",
    "sources",
    "spec_of",
    "specs",
    "style_summary",
    "summary",
    "tornado",
    "turnover_rate",
    "uncertainty",
    "vision",
    "vision_value",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use and keep the name here."""
    if name in _MODULES:
        value: Any = importlib.import_module(f"{__name__}.{name}")
    elif name in _NAMES:
        value = getattr(importlib.import_module(f"{__name__}.{_NAMES[name]}"), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


if TYPE_CHECKING:  # type checkers and editors see the names as plain imports
    from socialcase import (
        bottomline,
        capacity,
        collaboration,
        costs,
        datasets,
        engagement,
        files,
        growth,
        imports,
        inbox,
        model,
        risk,
        share,
        sources,
        uncertainty,
        vision,
    )
    from socialcase.bottomline import BottomLine, bottom_line
    from socialcase.capacity import agents_needed, backlog_service, erlang_c
    from socialcase.case import Case, evaluate, style_summary, summary
    from socialcase.collaboration import HourBudget, hour_budget
    from socialcase.costs import HireCost, employer_cost, hire_cost
    from socialcase.engagement import Engagement
    from socialcase.errors import ExportError, ImpossibleQueueError, InputError, ScenarioFileError
    from socialcase.model import MoneyModel, money_model
    from socialcase.risk import (
        AttritionRisk,
        attrition_risk,
        leave_probability,
        replacement_cost,
        turnover_rate,
    )
    from socialcase.scenario import (
        ACTIVITIES,
        SCHEMA_VERSION,
        Scenario,
        Spec,
        preset,
        spec_of,
        specs,
    )
    from socialcase.sources import SOURCES, Source
    from socialcase.uncertainty import Simulation, simulate, tornado
    from socialcase.vision import VisionValue, vision_value
