"""Save the case (step 10): the scenario as a JSON file, and two scenarios compared.

A saved file holds every input and every low/high range, where each value came
from (``"provenance"``) and the evidence the uploads produced (``"evidence"``:
the growth series and the inbox statistics, packed as in a link) and, when
chosen, the page's language (``"lang"``: ``"nb"`` or ``"en"``). Reading one
follows the same lenient policy as a link (`socialcase.share.read_values`): what
cannot be used is ignored and said so. Only a file that is not a socialcase
scenario at all raises `ScenarioFileError`. Files without provenance or evidence
(every file saved before them) open as before.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socialcase.errors import ScenarioFileError
from socialcase.i18n import normalise_language
from socialcase.provenance import Provenance
from socialcase.scenario import SCHEMA_VERSION, Scenario, specs
from socialcase.share import Applied, compact_number, read_evidence, read_language, read_values

if TYPE_CHECKING:
    import pandas as pd

    from socialcase.travel import CarriedGrowth, CarriedInbox

__all__ = [
    "FORMAT",
    "MAX_FILE_BYTES",
    "Comparison",
    "Difference",
    "LoadResult",
    "Outcome",
    "compare",
    "comparison_table",
    "dumps",
    "load",
    "loads",
    "save",
]

FORMAT = "socialcase-scenario"
MAX_FILE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class LoadResult(Applied):
    """A scenario read from a file, with what was applied and what was ignored and why."""

    file_name: str = "scenario.json"
    schema_version: Any = None  # as written in the file
    saved_at: str | None = None


def _timestamp(saved_at: datetime | str | None) -> str:
    if saved_at is None:
        saved_at = datetime.now(UTC).replace(microsecond=0)
    return saved_at if isinstance(saved_at, str) else saved_at.isoformat()


def dumps(
    scenario: Scenario,
    *,
    saved_at: datetime | str | None = None,
    provenance: Provenance | None = None,
    growth: CarriedGrowth | None = None,
    inbox: CarriedInbox | None = None,
    lang: str | None = None,
) -> str:
    """The scenario as a pretty JSON document (every input and range, with the schema version).

    With `provenance`, where each value came from is saved too; with `growth` or
    `inbox`, the evidence the uploads produced; with `lang`, the page's language.

    >>> text = dumps(Scenario(), saved_at="2026-01-31T12:00:00+00:00")
    >>> print(*text.splitlines()[:5], sep=chr(10))
    {
      "format": "socialcase-scenario",
      "schema_version": 2,
      "saved_at": "2026-01-31T12:00:00+00:00",
      "values": {
    >>> loads(text).scenario == Scenario(), loads(text).lang
    (True, None)
    >>> loads(dumps(Scenario(), lang="nb")).lang
    'nb'
    """
    document: dict[str, Any] = {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "saved_at": _timestamp(saved_at),
    }
    if lang is not None:
        document["lang"] = normalise_language(lang)
    document |= {
        "values": {name: compact_number(v) for name, v in scenario.values().items()},
        "ranges": {name: [compact_number(x) for x in pair] for name, pair in scenario.ranges},
    }
    if provenance is not None and provenance.origins:
        document["provenance"] = provenance.codes()
    evidence: dict[str, Any] = {}
    if growth is not None or inbox is not None:
        from socialcase import travel  # lazy: pandas only when evidence is saved

        if growth is not None:
            evidence["growth"] = travel.pack_growth(
                growth.file_name,
                growth.metric,
                growth.series,
                **{"as": growth.recognised_as, "fr": growth.frequency},
            )
        if inbox is not None:
            evidence["inbox"] = travel.pack_inbox(inbox.file_name, inbox.stats)
        document["evidence"] = evidence
    text = json.dumps(document, indent=2, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate in some text: escape everything
        text = json.dumps(document, indent=2)
    return text + "\n"


def _not_a_scenario(file_name: str, why: str) -> ScenarioFileError:
    return ScenarioFileError(
        "file", file_name, f"{file_name} is not a socialcase scenario file: {why}"
    )


def loads(data: str | bytes, file_name: str = "scenario.json") -> LoadResult:
    """Read a saved scenario leniently.

    Raises `ScenarioFileError`, naming `file_name`, only when the file is not a
    socialcase scenario at all: larger than 1 MiB, not UTF-8 text, not JSON, not a
    JSON object, or with another ``"format"``. A file without ``"format"`` is read
    when it has ``"schema_version"`` and ``"values"`` (`Scenario.to_dict`'s shape).

    >>> loads('{"format": "socialcase-scenario", "schema_version": 1,'
    ...       ' "values": {"inbound_per_day": 200}}').scenario.inbound_per_day
    200.0
    >>> loads("[1, 2]", "notes.json")
    Traceback (most recent call last):
    ...
    socialcase.errors.ScenarioFileError: notes.json is not a socialcase scenario file: it holds a JSON list, not an object
    """  # noqa: E501
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > MAX_FILE_BYTES:
        raise _not_a_scenario(file_name, f"it is larger than {MAX_FILE_BYTES // 1024} KiB")
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise _not_a_scenario(file_name, "it is not UTF-8 text") from None
    else:
        text = data.removeprefix("\ufeff")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise _not_a_scenario(
            file_name, f"it is not JSON ({err.msg} at line {err.lineno}, column {err.colno})"
        ) from None
    except (ValueError, RecursionError):
        raise _not_a_scenario(file_name, "it is not JSON socialcase can read") from None
    if not isinstance(document, dict):
        kind = {list: "list", str: "text", bool: "true/false", type(None): "null"}.get(
            type(document), "number"
        )
        raise _not_a_scenario(file_name, f"it holds a JSON {kind}, not an object")
    form = document.get("format")
    if form is None and not ("schema_version" in document and "values" in document):
        raise _not_a_scenario(file_name, f'it has no "format": "{FORMAT}"')
    if form is not None and form != FORMAT:
        shown = repr(form) if len(repr(form)) < 60 else repr(form)[:60] + "..."
        raise _not_a_scenario(file_name, f'its "format" is {shown}, not "{FORMAT}"')
    codes = document.get("provenance")
    result = read_values(
        document.get("schema_version"),
        document.get("values"),
        document.get("ranges"),
        what=file_name,
        origins=_split(codes, False),
        range_origins=_split(codes, True),
    )
    saved = document.get("evidence")
    growth, inbox, notes = read_evidence(
        {k: v for k, v in (("g", _get(saved, "growth")), ("i", _get(saved, "inbox"))) if v},
        file_name,
    )
    if saved is not None and not isinstance(saved, dict):
        notes = (*notes, f'the "evidence" in {file_name} was ignored: it must be a JSON object')
    saved_at = document.get("saved_at")
    lang, lang_notes = read_language(document.get("lang"), file_name)
    return LoadResult(
        result.scenario,
        (*result.ignored, *lang_notes),
        result.applied,
        result.provenance,
        growth,
        inbox,
        notes,
        lang,
        file_name=file_name,
        schema_version=document.get("schema_version"),
        saved_at=saved_at if isinstance(saved_at, str) else None,
    )


def _get(document: Any, key: str) -> Any:
    return document.get(key) if isinstance(document, dict) else None


def _split(codes: Any, ranges: bool) -> Any:
    """The file's provenance codes for values (or for ranges, keyed without " range")."""
    if not isinstance(codes, dict):
        return codes
    return {
        (str(k).removesuffix(" range") if ranges else k): v
        for k, v in codes.items()
        if str(k).endswith(" range") == ranges
    }


def save(
    scenario: Scenario,
    path: str | os.PathLike[str],
    *,
    saved_at: datetime | str | None = None,
    provenance: Provenance | None = None,
    growth: CarriedGrowth | None = None,
    inbox: CarriedInbox | None = None,
    lang: str | None = None,
) -> Path:
    """Write the scenario to `path` as JSON (replacing the file whole) and return the path."""
    target = Path(path)
    partial = target.with_name(target.name + ".partial")
    text = dumps(
        scenario, saved_at=saved_at, provenance=provenance, growth=growth, inbox=inbox, lang=lang
    )
    partial.write_text(text, encoding="utf-8")
    partial.replace(target)
    return target


def load(path: str | os.PathLike[str]) -> LoadResult:
    """Read a saved scenario from `path` (see `loads`); a missing file raises `OSError`."""
    source = Path(path)
    with source.open("rb") as handle:
        data = handle.read(MAX_FILE_BYTES + 1)
    return loads(data, file_name=source.name)


# --- comparing two scenarios --------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One input that differs between two scenarios."""

    name: str
    label: str
    unit: str
    a: Any
    b: Any


@dataclass(frozen=True)
class Outcome:
    """The bottom line of one scenario, or the change between two (b - a)."""

    net_value_per_year: float
    roi: float
    payback_months: float
    cost_of_waiting_per_month: float


@dataclass(frozen=True)
class Comparison:
    """Two scenarios side by side: the inputs that differ and both bottom lines."""

    differences: tuple[Difference, ...]
    a: Outcome
    b: Outcome

    @property
    def change(self) -> Outcome:
        """b - a for each figure (0 where both are the same, e.g. both never pay back)."""

        def minus(x: float, y: float) -> float:
            return 0.0 if x == y else x - y

        return Outcome(
            *(minus(getattr(self.b, f), getattr(self.a, f)) for f in Outcome.__dataclass_fields__)
        )


def _outcome(scenario: Scenario) -> Outcome:
    from socialcase.bottomline import bottom_line  # lazy: the core stays light to import

    b = bottom_line(scenario)
    return Outcome(
        net_value_per_year=float(b.net_value_per_year),
        roi=float(b.roi),
        payback_months=float(b.payback_months),
        cost_of_waiting_per_month=float(b.cost_of_waiting_per_month),
    )


def compare(a: Scenario, b: Scenario) -> Comparison:
    """Which inputs differ between `a` and `b`, and what that does to the bottom line.

    >>> c = compare(Scenario(), Scenario(hire_salary_per_year=67_750))
    >>> [d.name for d in c.differences], round(c.change.net_value_per_year, 2)
    (['hire_salary_per_year'], -1469.0)
    """
    all_specs = specs()
    differences = [
        Difference(name, all_specs[name].label, all_specs[name].unit, va, getattr(b, name))
        for name, va in a.values().items()
        if va != getattr(b, name)
    ]
    ranges_b = dict(b.ranges)
    differences += [
        Difference(
            f"{name} range",
            f"{all_specs[name].label} (low to high)",
            all_specs[name].unit,
            pair,
            ranges_b[name],
        )
        for name, pair in a.ranges
        if ranges_b.get(name) != pair
    ]
    return Comparison(tuple(differences), _outcome(a), _outcome(b))


_OUTCOME_ROWS = (
    ("net_value_per_year", "Net value a year", "currency per year"),
    ("roi", "Return on investment", "x steady-state cost"),
    ("payback_months", "Payback", "months"),
    ("cost_of_waiting_per_month", "Cost of waiting a month", "currency per month"),
)


def _cell(value: Any, limit: int = 80) -> Any:
    if isinstance(value, str) and len(value) > limit:
        return value[:limit] + "…"
    return value


def _change(a: Any, b: Any) -> Any:
    if isinstance(a, float) and isinstance(b, float):
        return 0.0 if a == b else b - a
    return None


def comparison_table(cmp: Comparison, names: tuple[str, str] = ("A", "B")) -> pd.DataFrame:
    """The comparison as a table: the inputs that differ, then the bottom line.

    Columns: part ("input" or "bottom line"), unit, the two scenarios' values and
    the change (b - a, for numbers); long texts are shortened.

    >>> t = comparison_table(compare(Scenario(), Scenario(inbound_per_day=200)))
    >>> float(t.loc["Inbound messages per day", "change"])
    130.0
    """
    import pandas as pd

    first, second = names
    rows = [
        {
            "item": d.label,
            "part": "input",
            "unit": d.unit,
            first: _cell(d.a),
            second: _cell(d.b),
            "change": _change(d.a, d.b),
        }
        for d in cmp.differences
    ]
    change = cmp.change
    rows += [
        {
            "item": label,
            "part": "bottom line",
            "unit": unit,
            first: getattr(cmp.a, field),
            second: getattr(cmp.b, field),
            "change": getattr(change, field),
        }
        for field, label, unit in _OUTCOME_ROWS
    ]
    table = pd.DataFrame(rows, columns=["item", "part", "unit", first, second, "change"])
    return table.set_index("item")
