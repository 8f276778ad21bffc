"""socialcase: the numbers, the workbook and the dashboard for another social media hire.

``import socialcase as sc`` gives the whole vocabulary of the case::

    case = sc.evaluate(sc.Scenario())   # the built-in sample case
    case.bottom_line.net_value_per_year
"""

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
from socialcase.case import Case, evaluate
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

__version__ = "0.1.0"

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
    "tornado",
    "turnover_rate",
    "uncertainty",
    "vision",
    "vision_value",
]
