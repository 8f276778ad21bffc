"""One page model: the dashboard's cards and the report's figures are the same table, with
the same values, for the same case; colours follow meaning; the README lists the hooks."""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from socialcase import Scenario, evaluate, imports, preset, simulate
from socialcase import narrative as n
from socialcase.page import (
    FIGURES,
    Page,
    build,
    figure,
    figures_of,
    growth_evidence,
    sample_growth_evidence,
    shown,
)
from socialcase.report import report_html
from socialcase.roles import ROLES, suggested_role
from socialcase.uncertainty import DRAWS, PercentileReading

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
SEED_DRAWS = 2_000

#: A strong case (pays back in about 9 months, positive in ~96% of draws) and a weak one.
STRONG = Scenario(horizon_years=5, analytics_value_per_kpi=200)
WEAK = Scenario(hire_salary_per_year=150_000, inbound_per_day=10)


def _fixture_growth():
    name = "hootsuite_analytics.csv"
    return growth_evidence(imports.read_export((FIXTURES / name).read_bytes(), name))


CASES = {
    "sample": (Scenario(), None),
    "norway": (preset("NO"), None),
    "uploaded growth export": (Scenario(), _fixture_growth),
    "weak": (WEAK, None),
    "strong": (STRONG, None),
}


class Figures(HTMLParser):
    """Every ``sc-out-<name>`` element: its value text and its tone ('good', 'bad' or '')."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self.tones: dict[str, str] = {}
        self._name: str | None = None
        self._depth = 0  # inside the value element
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = (dict(attrs).get("class") or "").split()
        hook = next((c[7:] for c in classes if c.startswith("sc-out-")), None)
        if hook is not None:
            self._name = hook
            self.values.setdefault(hook, "")
        if "sc-figure" in classes and self._name is not None:
            tones = {"good", "sc-good"} & set(classes), {"bad", "sc-bad"} & set(classes)
            self.tones[self._name] = "good" if tones[0] else "bad" if tones[1] else ""
        if self._depth:
            self._depth += 1
        elif "sc-figure-value" in classes and self._name is not None:
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._depth and self._name is not None:
            self.values[self._name] += data


def _dashboard_figures(board) -> Figures:
    """Every card on the page, inside an element with its hook (the widget's CSS class)."""
    parts = [*board.steps.values(), board.inbox_panel]
    cards = [card for part in parts if hasattr(part, "cards") for card in part.cards.cards.values()]
    return Figures(
        "".join(
            f'<div class="{" ".join(card.widget._dom_classes)}">{card.widget.value}</div>'
            for card in cards
        )
    )


@pytest.mark.parametrize("case", list(CASES))
def test_the_dashboard_and_the_report_show_the_same_figures(case: str) -> None:
    from socialcase.ui.dashboard import Dashboard

    scenario, growth = CASES[case]
    board = Dashboard(scenario, draws=SEED_DRAWS, growth=growth() if growth else None)
    on_screen = _dashboard_figures(board)
    report = report_html(
        board.scenario,
        growth=board.growth,
        inbox=board.inbox,
        draws=board.draws,
        seed=board.seed,
        generated_at="x",
    )
    printed = Figures(report)
    names = [f.name for f in FIGURES]
    assert sorted(on_screen.values) == sorted(names)
    assert sorted(printed.values) == sorted(names)
    for name in names:
        assert on_screen.values[name] == printed.values[name], name
        assert on_screen.tones[name] == printed.tones[name], name
    # ... and both are what the page model says for the case.
    page = build(board.scenario, growth=board.growth, inbox=board.inbox, draws=SEED_DRAWS)
    for f in FIGURES:
        assert printed.values[f.name] == shown(f, page).value


def test_the_table_the_readme_and_the_pages_agree() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Hooks for tests and automation", 1)[1].split("\n## ", 1)[0]
    listed: dict[int, list[str]] = {}
    for step, names in re.findall(r"^\| (\d+) \| (.+) \|$", section, flags=re.MULTILINE):
        listed[int(step)] = re.findall(r"`([a-z0-9-]+)`", names)
    table: dict[int, list[str]] = {}
    for f in FIGURES:
        table.setdefault(f.step, []).append(f.name)
    assert listed == table
    page = report_html(Scenario(), inbox=_inbox(), draws=500, generated_at="x")
    assert set(Figures(page).values) == {f.name for f in FIGURES}


def _inbox():
    from socialcase.page import sample_inbox_evidence

    return sample_inbox_evidence()


def test_each_figure_is_declared_once_in_the_library() -> None:
    """`grep -rn '"net-value"' socialcase` lands on one line: the figures table."""
    page_py = (ROOT / "socialcase" / "page.py").read_text(encoding="utf-8").splitlines()
    for f in FIGURES:
        assert sum(f'"{f.name}"' in line for line in page_py) == 1, f.name
    net = [
        f"{p}:{line}"
        for p in (ROOT / "socialcase").rglob("*")
        if p.is_file() and p.suffix in (".py", ".j2", ".html", ".css")
        for line in p.read_text(encoding="utf-8").splitlines()
        if '"net-value"' in line
    ]
    assert len(net) == 1, net


# --- colour by meaning -----------------------------------------------------------------------


def _tone(name: str, page: Page) -> str:
    return shown(figure(name), page).tone


def test_colour_follows_meaning_not_the_cards_place() -> None:
    busy = Page(evaluate(Scenario(inbound_per_day=300)))
    assert evaluate(busy.scenario).engagement.missed_per_week_with_hire > 0
    assert _tone("missed-with-hire", busy) == "bad"  # messages still missed: never green
    quiet = Page(evaluate(Scenario(inbound_per_day=0)))
    assert shown(figure("missed-per-week"), quiet).value == "0"
    assert _tone("missed-per-week", quiet) != "bad"  # "0 unanswered" is not red
    calm = Page(evaluate(Scenario(strategic_hours_wanted_per_week=0)))
    assert shown(figure("hours-lacking"), calm).value == "0 h"
    assert _tone("hours-lacking", calm) != "bad"  # "0 h lacking" is not red
    strong = Page(evaluate(STRONG))
    assert _tone("npv", strong) == "good" and _tone("payback", strong) == "good"
    weak = Page(evaluate(WEAK))
    assert _tone("npv", weak) == "bad" and _tone("payback", weak) == "bad"
    assert _tone("cost-of-waiting", weak) == ""  # neither good nor bad


def test_units_are_beside_the_numbers() -> None:
    page = Page(evaluate(Scenario()), growth=sample_growth_evidence())
    assert shown(figure("growth-before"), page).value.endswith(" followers a day")
    assert re.fullmatch(r"\d+(\.\d)? followers a day", shown(figure("growth-after"), page).value)
    assert shown(figure("chat-agents"), page).value == "2 people"
    one = Page(evaluate(Scenario(chat_messages_per_hour=1)))
    assert shown(figure("chat-agents"), one).value == "1 person"


def test_singular_and_plural_in_the_sentences() -> None:
    solo = evaluate(Scenario(team_size=1))
    assert n.team_text(solo).startswith("The 1 person on the team works ")
    assert "1 people" not in n.team_text(solo) and "person(s)" not in n.engagement_text(solo)
    assert "needs 1 person on live chat" in n.engagement_text(
        evaluate(Scenario(chat_messages_per_hour=1))
    )


# --- the payback percentile is shown only when stable ------------------------------------------


def test_a_stable_payback_percentile_is_one_number_that_seeds_agree_on() -> None:
    readings = [simulate(STRONG, DRAWS, seed).payback_reading(90) for seed in range(3)]
    assert all(r.stable for r in readings)
    for r in readings:  # each seed's P90 lies within every other seed's interval, give or take
        assert all(o.low - 0.5 <= r.months <= o.high + 0.5 for o in readings)
        assert r.text() == f"{r.months:.1f} months"


def test_an_unstable_payback_percentile_is_given_as_its_interval() -> None:
    # About 9 in 10 draws pay back within the 2-year horizon: the P90 sits on the edge.
    edge = Scenario(horizon_years=2, analytics_value_per_kpi=195)
    reading = simulate(edge, SEED_DRAWS, 0).payback_reading(90)
    assert not reading.stable
    assert reading.text().endswith("(unstable)")
    page = Page(evaluate(edge), simulate(edge, SEED_DRAWS, 0))
    assert shown(figure("payback-p90"), page).value == reading.text()
    assert _tone("payback-p90", page) == ""  # an unstable figure is not judged
    assert "is not stable with these draws" in n.uncertainty_text(
        page.case, page.simulation, page.swings
    )


def test_the_stability_rule() -> None:
    inf = math.inf
    assert PercentileReading(90, inf, inf, inf).stable  # beyond the horizon for any seed
    assert PercentileReading(90, 20.0, 19.2, 21.0).stable  # 1.8 months <= 10% of 20
    assert not PercentileReading(90, 20.0, 18.0, 22.1).stable  # 4.1 months > 2
    assert PercentileReading(90, 5.0, 4.6, 5.5).stable  # within a month
    assert not PercentileReading(90, 30.0, 29.0, inf).stable
    assert PercentileReading(90, inf, inf, inf).text() == "not within the horizon"


def test_one_draw_count_for_the_dashboard_and_the_report() -> None:
    import inspect

    from socialcase.report import cli
    from socialcase.ui.dashboard import Dashboard

    assert inspect.signature(Dashboard).parameters["draws"].default == DRAWS
    assert inspect.signature(report_html).parameters["draws"].default == DRAWS
    assert cli._parser().parse_args([]).draws == DRAWS
    page = Page(evaluate(Scenario()), simulate(Scenario(), 1_000, 0))
    assert "(1,000 simulated cases)" in shown(figure("probability"), page).label


def test_stall_confidence_is_never_a_certainty() -> None:
    page = Page(evaluate(Scenario()), growth=sample_growth_evidence())
    assert page.growth is not None and page.growth.stall is not None
    assert page.growth.stall.confidence > 0.995  # would round to "100%"
    text = n.growth_text(page)
    assert "100%" not in text and "over 99%" in text
    assert "the chance that growth truly fell by at least half" in text


# --- the role fits the hire's plan and the team ----------------------------------------------


def test_the_role_never_repeats_one_the_team_has() -> None:
    case = evaluate(Scenario())  # the team has a content creator; growth fell 90%
    assert suggested_role(case, growth_drop_share=0.9) != ROLES["content_creator"]


def test_the_role_follows_the_hours_the_hire_is_planned_to_spend() -> None:
    content_heavy = Scenario(
        team_roles="Social media manager",
        hire_responding_hours_per_week=2,
        hire_content_hours_per_week=20,
        hire_analytics_hours_per_week=2,
        hire_collaboration_hours_per_week=1,
        hire_community_hours_per_week=1,
    )
    assert suggested_role(evaluate(content_heavy), 0.9).key == "content_creator"
    # The same gaps with a plan that is mostly responding: the community manager.
    responding = content_heavy.evolve(
        hire_responding_hours_per_week=20, hire_content_hours_per_week=2
    )
    assert suggested_role(evaluate(responding), 0.9).key == "community_manager"
    chosen = content_heavy.evolve(hire_role="social_analyst")
    assert suggested_role(evaluate(chosen), 0.9).key == "social_analyst"


def test_the_evidence_lives_in_the_case_model() -> None:
    growth = sample_growth_evidence()
    page = build(Scenario(), growth=growth, draws=500)
    assert page.growth_gap_value == pytest.approx(growth.gap_units * 0.5)  # $0.50 a follower
    assert page.growth_drop_share == pytest.approx(growth.stall.drop_share)  # type: ignore[union-attr]
    weak = Page(evaluate(WEAK))
    assert weak.case.bottom_line.cost_of_waiting_per_month < 0
    assert weak.cost_of_waiting_per_month == 0.0  # waiting costs nothing in a losing case
    assert evaluate(Scenario(actual_hours_per_week=50)).overtime_hours_per_person == 10.0
    assert len(figures_of(3, "inbox")) == 4


def test_a_growth_export_with_one_day_says_so_in_plain_words() -> None:
    # Every row on the same day: no trend to read (the hostile pass's 11.5 MB file of
    # one date gave "could not be read" and a traceback in the server log).
    from socialcase import page
    from socialcase.ui.dashboard import Dashboard

    raw = b"Date,Followers\n" + b"2025-01-01,1\n" * 1000
    export = imports.read_export(raw, "oneday.csv")
    with pytest.raises(imports.ExportError) as info:
        page.growth_evidence(export)
    assert str(info.value) == (
        "oneday.csv: followers has a number on only 1 day; expected values on two days or "
        "more to show how it grew (export a longer date range)"
    )
    dashboard = Dashboard(draws=200)
    step = dashboard.steps[2]
    step.upload._on_message(None, {"kind": "file", "name": "oneday.csv"}, [raw])
    assert "followers has a number on only 1 day" in step.message.value
    assert dashboard.growth.export.file_name != "oneday.csv"  # the sample stays in use
