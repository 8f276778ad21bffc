"""`import socialcase as sc` gives the whole vocabulary, and nothing heavy comes with it."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import inspect
import subprocess
import sys

import pytest

import socialcase as sc

CORE_MODULES = [
    "scenario",
    "costs",
    "risk",
    "vision",
    "collaboration",
    "bottomline",
    "model",
    "uncertainty",
    "capacity",
    "engagement",
    "case",
    "growth",
    "imports",
    "tables",
    "inbox",
    "datasets",
]

#: Modules whose public functions and classes must all be reachable from `socialcase`.
SURFACE_MODULES = [
    "bottomline",
    "case",
    "collaboration",
    "costs",
    "errors",
    "model",
    "risk",
    "scenario",
    "sources",
    "uncertainty",
    "vision",
]


def test_all_names_are_importable_and_unique() -> None:
    assert len(sc.__all__) == len(set(sc.__all__))
    missing = [name for name in sc.__all__ if not hasattr(sc, name)]
    assert missing == []
    namespace: dict[str, object] = {}
    exec("from socialcase import *", namespace)  # what a notebook user gets
    assert set(sc.__all__) <= set(namespace)


def test_all_is_sorted_constants_then_classes_then_the_rest() -> None:
    # isort-style order, as ruff's RUF022 keeps it: SCREAMING_CASE, CamelCase, then lowercase
    def group(name: str) -> int:
        if name.isupper():
            return 0
        return 1 if name[0].isupper() else 2

    assert sc.__all__ == sorted(sc.__all__, key=lambda n: (group(n), n))


def test_the_names_the_issue_promises_are_reachable() -> None:
    assert sc.Scenario is importlib.import_module("socialcase.scenario").Scenario
    assert callable(sc.evaluate)
    assert callable(sc.capacity.erlang_c)
    assert callable(sc.capacity.agents_needed)
    assert callable(sc.risk.replacement_cost)
    assert callable(sc.uncertainty.simulate)
    for name in [
        "Scenario",
        "evaluate",
        "erlang_c",
        "agents_needed",
        "replacement_cost",
        "simulate",
        "tornado",
        "preset",
        "bottom_line",
        "money_model",
        "turnover_rate",
    ]:
        assert name in sc.__all__, name


#: Public helpers shared between modules but kept out of their module's __all__.
HELPERS: dict[str, set[str]] = {}


@pytest.mark.parametrize("module", SURFACE_MODULES)
def test_each_core_modules_all_is_honest(module: str) -> None:
    mod = importlib.import_module(f"socialcase.{module}")
    assert getattr(sc, module) is mod  # reachable as sc.<module>
    public = list(mod.__all__)
    assert len(public) == len(set(public))
    assert [name for name in public if not hasattr(mod, name)] == []
    defined = {
        name
        for name, obj in vars(mod).items()
        if not name.startswith("_")
        and (inspect.isfunction(obj) or inspect.isclass(obj))
        and obj.__module__ == mod.__name__
    }
    assert defined - set(public) == HELPERS.get(module, set())


def test_the_evaluate_example_of_the_package_docstring_runs() -> None:
    case = sc.evaluate(sc.Scenario())
    assert isinstance(case, sc.Case)
    b = case.bottom_line
    assert b.net_value_per_year == pytest.approx(b.value_per_year - b.running_cost_per_year)
    assert b.net_value_per_year == pytest.approx(5_717.05, abs=0.01)  # see test_bottomline
    assert case.cost is case.bottom_line.cost
    assert case.risk is case.bottom_line.risk
    assert case.vision is case.bottom_line.vision
    assert case.capacity is case.engagement
    assert case.collaboration == sc.hour_budget(sc.Scenario())
    assert case.scenario == sc.Scenario()


def test_version_matches_the_installed_package() -> None:
    assert sc.__version__ == importlib.metadata.version("socialcase")


def test_the_queue_functions_raise_socialcases_own_errors() -> None:
    # `except sc.InputError` / `except sc.ImpossibleQueueError` must catch what
    # sc.erlang_c and sc.agents_needed raise; one hierarchy, in socialcase.errors.
    with pytest.raises(sc.InputError):
        sc.erlang_c(-1, 30, 180, 20, 12)
    with pytest.raises(sc.ImpossibleQueueError):
        sc.agents_needed(1e9, 1, 3600, 20, 0.8)
    assert sc.capacity.InputError is sc.InputError
    assert sc.capacity.ImpossibleQueueError is sc.ImpossibleQueueError


def _present(module: str) -> bool:
    return importlib.util.find_spec(f"socialcase.{module}") is not None


@pytest.mark.parametrize("module", [None, *CORE_MODULES])
def test_core_modules_do_not_import_the_dashboards_libraries(module: str | None) -> None:
    if module is not None and not _present(module):
        pytest.skip(f"socialcase.{module} is not written yet")
    target = "socialcase" if module is None else f"socialcase.{module}"
    code = (
        f"import {target}, sys\n"
        "heavy = sorted(m for m in ('plotly', 'ipywidgets', 'anywidget', 'voila')"
        " if m in sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_all_present_core_modules_together_stay_light() -> None:
    present = [m for m in CORE_MODULES if _present(m)]
    assert {"scenario", "costs", "risk", "bottomline", "uncertainty", "case"} <= set(present)
    code = (
        "import sys\n"
        + "".join(f"import socialcase.{m}\n" for m in present)
        + "assert 'plotly' not in sys.modules and 'ipywidgets' not in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


#: Modules that sit on top of the core and need an extra: ``socialcase[dashboard]`` (the
#: widgets) or ``socialcase[report]`` (the report, its charts, the screenshot).
EXTRA_MODULES = ("charts", "report", "screenshot", "ui")
#: What the extras install; the core imports none of it.
EXTRA_LIBRARIES = (
    "IPython",
    "anywidget",
    "ipykernel",
    "ipywidgets",
    "jinja2",
    "jupyter_client",
    "jupyter_server",
    "jupyterlab",
    "nbconvert",
    "playwright",
    "plotly",
    "tornado",
    "traitlets",
    "voila",
)


def _core_modules() -> list[str]:
    import pkgutil

    names = [m.name for m in pkgutil.iter_modules(sc.__path__)]
    return sorted(f"socialcase.{n}" for n in names if n not in EXTRA_MODULES)


def test_every_core_module_imports_without_the_extras() -> None:
    core = _core_modules()
    assert {"socialcase.scenario", "socialcase.case", "socialcase.share"} <= set(core)
    code = (
        "import sys\n"
        "import socialcase\n"
        + "".join(f"import {m}\n" for m in core)
        + "socialcase.evaluate(socialcase.Scenario())\n"
        + f"loaded = sorted(m for m in {EXTRA_LIBRARIES!r} if m in sys.modules)\n"
        + "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr


def test_the_serving_module_voila_names_loads_no_widgets() -> None:
    # voila.json names socialcase.ui.serving in the Voila server's own process.
    code = (
        "import sys, socialcase.ui.serving\n"
        "loaded = sorted(m for m in ('ipywidgets', 'plotly', 'anywidget') if m in sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_the_core_dependencies_leave_out_jupyter_and_the_browser() -> None:
    import tomllib
    from pathlib import Path

    from packaging.requirements import Requirement

    project = tomllib.loads(
        (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text()
    )["project"]
    core = {Requirement(r).name.lower() for r in project["dependencies"]}
    assert core == {"numpy", "pandas", "attrs", "ruptures", "scipy", "openpyxl", "babel"}
    extras = project["optional-dependencies"]
    dashboard = {Requirement(r).name.lower() for r in extras["dashboard"]}
    report = {Requirement(r).name.lower() for r in extras["report"]}
    assert {"jupyterlab", "voila", "ipywidgets", "plotly", "anywidget"} <= dashboard
    assert {"playwright", "jinja2", "plotly"} <= report


def test_the_identity_provider_voila_json_names_is_in_the_installed_package() -> None:
    import json
    from pathlib import Path

    from jupyter_server.auth.identity import PasswordIdentityProvider

    voila = json.loads((Path(__file__).resolve().parent.parent / "voila.json").read_text())
    dotted = voila["Voila"]["identity_provider_class"]
    assert dotted == "socialcase.ui.serving.PageCookieIdentityProvider"
    module, _, name = dotted.rpartition(".")
    assert issubclass(getattr(importlib.import_module(module), name), PasswordIdentityProvider)
