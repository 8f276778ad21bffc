"""The report in Norwegian: no English text node, <html lang="nb">, Norwegian figures; the
charts' titles, axes and legends in Norwegian with non-breaking digit groups; the cli's --lang."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from i18n_text import SCENARIOS, english_left, growth_from_fixture, inbox, text_nodes

from socialcase import charts, files, preset
from socialcase.formatting import money
from socialcase.i18n import use_language
from socialcase.page import build, sample_growth_evidence
from socialcase.report.cli import main
from socialcase.report.render import render


def _page(name: str) -> Any:
    evidence = growth_from_fixture() if name == "norway" else sample_growth_evidence()
    return build(SCENARIOS[name], growth=evidence, inbox=inbox(), draws=500)


@pytest.fixture(scope="module")
def pages() -> dict[str, Any]:
    return {name: _page(name) for name in SCENARIOS}


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_no_english_text_node_remains_in_the_norwegian_report(
    pages: dict[str, Any], name: str
) -> None:
    page = pages[name]
    en = render(page, generated_at="x", lang="en")
    nb = render(page, generated_at="x", lang="nb")
    left = english_left(text_nodes(nb), text_nodes(en), allowed={page.inbox.file_name})
    assert left == []
    assert '<html lang="nb">' in nb and '<html lang="en">' in en


def test_the_norwegian_report_writes_figures_the_norwegian_way(pages: dict[str, Any]) -> None:
    page = pages["norway"]
    nb = render(page, generated_at="x", lang="nb")
    b = page.case.bottom_line
    # 970 712 kr: digit groups and the unit joined by U+00A0, so a figure never wraps.
    assert money(b.cost.steady_state_cost_per_year, "NOK", locale="nb") in nb
    assert "\u00a0kr" in nb
    assert not [t for t in text_nodes(nb) if re.search(r"NOK \d|\$\d{1,3},\d{3}", t)]  # no US way
    assert "Bunnlinjen" in nb and "Konklusjonen" in nb


def test_the_report_keeps_the_current_language_outside_it(pages: dict[str, Any]) -> None:
    from socialcase.i18n import current_language

    render(pages["sample"], generated_at="x", lang="nb")
    assert current_language() == "en"
    with use_language("nb"):
        assert '<html lang="nb">' in render(pages["sample"], generated_at="x")


def _figures(name: str, page: Any) -> list[Any]:
    case, sim = page.case, page.simulation
    growth = page.growth
    trend = growth.gap.trend if growth.gap is not None else None
    from socialcase.roles import org_chart

    return [
        charts.team_hours_chart(case),
        charts.engagement_chart(case),
        charts.hour_budget_chart(case),
        charts.vision_flow_chart(case),
        charts.vision_value_chart(case),
        charts.risk_chart(case),
        charts.net_value_waterfall(case),
        charts.cash_flow_chart(case),
        charts.simulation_histogram(sim, page.currency),
        charts.tornado_chart(page.swings, case.bottom_line.net_present_value, page.currency),
        charts.growth_chart(growth.series, growth.metric, growth.stall, trend),
        charts.inbox_heatmap(page.inbox.stats.hour_of_week),
        charts.org_chart_figure(org_chart(page.scenario.team_roles, 2, page.role)),
    ]


def _chart_texts(fig: Any) -> list[str]:
    """A figure's words: title, axis titles, legend names, annotations, categories, labels."""
    layout = fig.layout
    texts = [layout.title.text, layout.xaxis.title.text, layout.yaxis.title.text]
    texts += [a.text for a in layout.annotations or ()]
    for trace in fig.data:
        texts.append(getattr(trace, "name", None))
        for attr in ("x", "y", "text", "hovertext"):
            values = getattr(trace, attr, None)
            if values is not None and not isinstance(values, str):
                texts += [v for v in values if isinstance(v, str)]
        if trace.type == "sankey":
            texts += list(trace.node.label)
        if getattr(trace, "hovertemplate", None):
            texts.append(trace.hovertemplate)
    # Words only: plotly's %{...} fields and tags are no language ("Community<br>manager").
    words = [re.sub(r"%\{[^}]*\}|<extra></extra>", "", t) for t in texts if t]
    return [re.sub(r"<br>", " ", re.sub(r"</?b>", "", t)).strip() for t in words]


@pytest.mark.parametrize("name", ["norway", "strong"])
def test_every_chart_speaks_norwegian(pages: dict[str, Any], name: str) -> None:
    page = pages[name]
    with use_language("en"):
        en = [t for fig in _figures(name, page) for t in _chart_texts(fig)]
    with use_language("nb"):
        figures = _figures(name, page)
        nb = [t for fig in figures for t in _chart_texts(fig)]
    assert english_left(nb, en) == []
    for fig in figures:
        # Plotly writes the ticks and hover values with a comma and U+00A0 groups.
        assert fig.layout.separators == ",\u00a0"
    with use_language("en"):
        english = _figures(name, page)
    assert english[0].layout.separators is None  # plotly's own ".,"
    # Money axes: "1.5M" in English, whole kroner in Norwegian ("1 500 000", U+00A0 groups).
    waterfall = 6
    assert english[waterfall].layout.yaxis.tickformat is None
    assert figures[waterfall].layout.yaxis.tickformat == ",.0f"


def test_chart_text_figures_never_wrap_in_norwegian(pages: dict[str, Any]) -> None:
    page = pages["norway"]
    with use_language("nb"):
        waterfall = charts.net_value_waterfall(page.case)
    texts = list(waterfall.data[0].text)
    assert all(" " not in t for t in texts), texts  # only non-breaking spaces
    cost = page.case.cost.steady_state_cost_per_year
    assert money(-cost, "NOK", locale="nb") in texts  # a negative amount: "-970 712 kr"
    assert money(-cost, "NOK", locale="nb").startswith("-9")


def test_the_cli_takes_lang_and_defaults_to_the_files_then_the_countrys(tmp_path: Path) -> None:
    norway = tmp_path / "norway.json"
    norway.write_text(files.dumps(preset("NO")), encoding="utf-8")
    english = tmp_path / "english.json"
    english.write_text(files.dumps(preset("NO"), lang="en"), encoding="utf-8")

    def lang_of(path: Path, *extra: str) -> str:
        out = tmp_path / f"o-{path.stem}-{len(extra)}"
        assert main([str(path), "--out", str(out), "--no-pdf", "--draws", "200", *extra]) == 0
        html = (out / "socialcase-report.html").read_text(encoding="utf-8")
        return html.split('<html lang="', 1)[1].split('"', 1)[0]

    assert lang_of(norway) == "nb"  # the country brings bokmål
    assert lang_of(english) == "en"  # the file's own choice wins over the country
    assert lang_of(english, "--lang", "nb") == "nb"  # the command line wins over both
    assert json.loads(english.read_text(encoding="utf-8"))["lang"] == "en"


def test_an_unknown_lang_is_refused_by_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["--lang", "de", "--no-pdf"])
    assert stop.value.code == 2
    assert "invalid choice: 'de'" in capsys.readouterr().err
