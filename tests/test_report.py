"""The leadership report: sections in order, numbers as computed, nothing fetched, text escaped."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from socialcase import InputError, Scenario, evaluate, preset, simulate, spec_of, specs
from socialcase.formatting import money, months, percent
from socialcase.page import country_inputs_hidden
from socialcase.report import SECTIONS, chart_count, main, report_html, report_pdf

CHROMIUM = "/usr/bin/chromium"
DRAWS = 5_000
XSS = "<script>alert(1)</script>"

needs_chromium = pytest.mark.skipif(
    not Path(CHROMIUM).exists(),
    reason=f"Chromium not found at {CHROMIUM}: install it with `make chromium`",
)

# The sections of the case as the brief orders them; the verdict comes first.
EXPECTED_SECTIONS = [
    ("verdict", "The verdict"),
    ("growth", "Sign 1: growth has stalled"),
    ("engagement", "Sign 2: you miss engagement"),
    ("collaboration", "Sign 3: no time to collaborate"),
    ("vision", "The vision"),
    ("risks", "The risks"),
    ("bottom-line", "The bottom line"),
    ("dream-team", "Your dream team"),
    ("questions", "Questions to guide the growth strategy"),
    ("make-the-case", "Make the case"),
    ("appendix", "Every assumption and its source"),
]


class Page(HTMLParser):
    """Collects what the tests look at: sections, figures, appendix rows, attributes."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: list[tuple[str, str]] = []  # (id, h2 text)
        self.figures: dict[str, str] = {}  # data-figure -> value text
        self.rows: dict[str, list[str]] = {}  # data-input -> cell texts
        self.attributes: list[tuple[str, str, str]] = []  # (tag, name, value)
        self.tags: list[str] = []
        self.styles: list[str] = []  # <style> bodies and style="" attributes
        self.scripts: list[str] = []
        self.section_text: dict[str, list[str]] = {}
        self._section: str | None = None
        self._capture: list[str] | None = None
        self._in_h2 = False
        self._figure: str | None = None
        self._figure_value = False
        self._row: str | None = None
        self._in_style = False
        self._in_script = False
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        self.attributes += [(tag, k, v) for k, v in a.items()]
        if "style" in a:
            self.styles.append(a["style"])
        if tag == "section":
            self._section = a.get("id", "")
            self.section_text[self._section] = []
        elif tag == "h2" and self._section is not None:
            self._in_h2 = True
            self.sections.append((self._section, ""))
        elif "data-figure" in a:
            self._figure = a["data-figure"]
            self.figures[self._figure] = ""
        elif tag == "div" and a.get("class") == "sc-figure-value" and self._figure:
            self._figure_value = True
        elif tag == "tr" and "data-input" in a:
            self._row = a["data-input"]
            self.rows[self._row] = []
        elif tag == "td" and self._row is not None:
            self.rows[self._row].append("")
        elif tag == "style":
            self._in_style = True
        elif tag == "script":
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "section":
            self._section = None
        elif tag == "h2":
            self._in_h2 = False
        elif tag == "div" and self._figure_value:
            self._figure_value = False
            self._figure = None
        elif tag == "tr":
            self._row = None
        elif tag == "style":
            self._in_style = False
        elif tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)
        if self._in_script:
            self.scripts[-1] += data
            return
        if self._section is not None:
            self.section_text[self._section].append(data)
        if self._in_h2:
            key, text = self.sections[-1]
            self.sections[-1] = (key, text + data)
        if self._figure_value and self._figure:
            self.figures[self._figure] += data
        if self._row is not None and self.rows[self._row]:
            self.rows[self._row][-1] += data

    def text_of(self, section: str) -> str:
        return " ".join("".join(self.section_text[section]).split())


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return Scenario(
        answer_missed_opportunity=XSS,
        answer_skills="Video & analytics: <b>not bold</b>",
        team_roles="Lead <img src=x onerror=alert(2)>; Creator",
    )


@pytest.fixture(scope="module")
def report(scenario: Scenario) -> str:
    return report_html(scenario, draws=DRAWS, seed=1, generated_at="31 January 2026")


@pytest.fixture(scope="module")
def page(report: str) -> Page:
    return Page(report)


def test_every_section_in_order_with_the_verdict_first(page: Page) -> None:
    assert [key for key, _ in page.sections] == [key for key, _ in EXPECTED_SECTIONS]
    assert page.sections[0] == ("verdict", "The verdict")
    for (_, heading), (_, expected) in zip(page.sections, EXPECTED_SECTIONS, strict=True):
        assert heading.startswith(expected)
    assert [key for key, _ in SECTIONS] == [key for key, _ in EXPECTED_SECTIONS]


def test_headline_numbers_are_what_evaluate_and_simulate_give(
    scenario: Scenario, page: Page
) -> None:
    b = evaluate(scenario).bottom_line
    sim = simulate(scenario, draws=DRAWS, seed=1)
    cur = scenario.currency
    assert page.figures["net-value"] == money(b.net_value_per_year, cur)
    assert page.figures["payback"] == months(b.payback_months)
    assert page.figures["probability"] == percent(sim.probability_positive)
    assert page.figures["cost-of-waiting"] == money(b.cost_of_waiting_per_month, cur)
    assert page.figures["p10"] == money(sim.p10, cur)
    assert page.figures["p50"] == money(sim.p50, cur)
    assert page.figures["p90"] == money(sim.p90, cur)
    assert page.figures["hire-cost"] == money(b.cost.steady_state_cost_per_year, cur)
    assert page.figures["npv"] == money(b.net_present_value, cur)
    assert page.figures["year-one"] == money(b.year_one_net_value, cur)
    # the sample case: $5,717 in a steady year, no payback within 3 years (test_bottomline)
    assert page.figures["net-value"] == "$5,717"
    assert page.figures["payback"] == "never"
    verdict = page.text_of("verdict")
    assert f"In {percent(sim.probability_positive)} of simulated cases" in verdict


def test_the_appendix_lists_every_input_with_its_label_value_and_source(
    scenario: Scenario, page: Page
) -> None:
    ranges = dict(scenario.ranges)
    changed = set(scenario.changed_from(Scenario()))
    other_countries = country_inputs_hidden(scenario)  # a US case: no Norwegian inputs
    assert "no_employer_tax_share" in other_countries
    assert "benefits_load_share" not in other_countries
    assert set(page.rows) == set(specs()) - other_countries
    for name, spec in specs().items():
        if name in other_countries:
            continue
        label, value, span, source = page.rows[name]
        assert label == spec.label
        if name in changed:  # no recorded origin: never credited to the default's source
            assert source.startswith("Set in this scenario (its source was not recorded)")
            assert source.endswith(f"Replaces the default ({spec.cited.citation()}).")
        else:
            assert source == f"Default: {spec.cited.citation()}."
        assert value.strip()
        assert bool(span) == (name in ranges), name
    assert page.rows["hire_salary_per_year"][1] == "$66,750 per year"
    assert page.rows["replacement_cost_multiplier"][2] == "0.5x annual salary to 2x annual salary"
    assert page.rows["value_per_follower"][1] == "$0.50 per follower"
    appendix = page.text_of("appendix")
    assert "Gallup, This Fixable Problem Costs U.S. Businesses $1 Trillion" in appendix


def test_the_four_questions_carry_their_labels_and_answers(page: Page) -> None:
    questions = page.text_of("questions")
    for name in (
        "answer_missed_opportunity",
        "answer_skills",
        "answer_social_direction",
        "answer_business_direction",
    ):
        assert spec_of(name).label in questions
    assert XSS in questions  # shown as text
    assert "Video & analytics: <b>not bold</b>" in questions
    assert questions.count("Not answered yet") == 2


def test_everything_the_user_typed_is_escaped(report: str, page: Page) -> None:
    assert "<script>alert" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "<b>not bold</b>" not in report
    assert "<img" not in report
    assert "img" not in page.tags
    assert "b" in page.tags  # our own markup stays
    assert "Lead <img src=x onerror=alert(2)>" in page.text_of("dream-team")
    # one script for plotly.js, one per chart: no script of the user's
    assert len(page.scripts) == 1 + chart_count(report)


def test_a_currency_with_markup_is_refused_before_it_reaches_the_report() -> None:
    # The currency is an ISO 4217 code from a list, so no markup can reach a chart or a
    # sentence through it; other text (roles, answers) is escaped (test above).
    with pytest.raises(InputError, match="ISO 4217"):
        Scenario(currency='<i onclick="x">EUR')
    text = report_html(Scenario(currency="EUR"), draws=500, generated_at="x")
    assert "€" in text


def test_no_attribute_or_style_points_to_the_internet(report: str, page: Page) -> None:
    # plotly.js mentions URLs in its code (mapbox tiles, docs links) that load only on
    # demand; what a browser fetches on load is in attributes and CSS: check those.
    fetched = {"src", "href", "srcset", "poster", "data", "action", "formaction", "xlink:href"}
    for tag, name, value in page.attributes:
        if name in fetched:
            assert not re.match(r"\s*(https?:)?//", value, re.I), (tag, name, value)
            assert value.startswith("#"), (tag, name, value)  # only in-page links
    for css in page.styles:
        assert "url(" not in css.replace(" ", "").lower()
        assert "@import" not in css
    for tag in ("link", "img", "iframe", "object", "embed", "base"):
        assert tag not in page.tags
    assert "Content-Security-Policy" in report
    assert report.count("plotly.js v") >= 1  # embedded, not linked


def test_every_chart_is_embedded_for_one_plotly_js(report: str) -> None:
    # growth, engagement, hour budget, vision flow, vision value, team, risk,
    # waterfall, cash flow, simulation, tornado
    assert chart_count(report) == 11
    assert report.count("<script") == 1 + 11
    assert 'data-chart="simulation"' in report
    assert "cdn.plot.ly" not in report.split("</head>", 1)[1]


def test_the_report_repeats_exactly_for_the_same_seed(scenario: Scenario, report: str) -> None:
    again = report_html(scenario, draws=DRAWS, seed=1, generated_at="31 January 2026")
    assert again == report


def test_growth_and_inbox_evidence_can_be_given() -> None:
    import pandas as pd

    from socialcase import datasets, imports, inbox
    from socialcase.page import InboxEvidence, growth_evidence

    export, _ = datasets.follower_series("steady", seed=2)
    series = export.set_index("date")["followers"]
    raw = export.to_csv(index=False).encode()
    growth = growth_evidence(imports.read_export(raw, "our <export>.csv"))
    stats = inbox.inbox_stats(datasets.inbox_export(days=7, seed=1)[0])
    evidence = InboxEvidence(None, stats, "inbox <march>.csv")
    text = report_html(Scenario(), growth=growth, inbox=evidence, draws=500, generated_at="x")
    page = Page(text)
    assert page.figures["stall-date"] == "no stall found"
    assert "our <export>.csv" in page.text_of("growth")
    assert "inbox <march>.csv" in page.text_of("engagement")
    assert chart_count(text) == 12  # the inbox heatmap too
    assert isinstance(series, pd.Series)


def test_cli_writes_the_html_for_a_scenario_file(tmp_path: Path) -> None:
    scenario = Scenario(inbound_per_day=200, answer_skills=XSS)
    path = tmp_path / "case.json"
    try:
        from socialcase import files

        files.save(scenario, path)
    except ImportError:  # pragma: no cover - files.py not there yet
        import json

        path.write_text(json.dumps(scenario.to_dict()), encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "socialcase.report",
            str(path),
            "--out",
            str(out),
            "--no-pdf",
            "--draws",
            "2000",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    html_path = out / "socialcase-report.html"
    assert done.stdout.split() == [str(html_path)]
    page = Page(html_path.read_text(encoding="utf-8"))
    assert page.rows["inbound_per_day"][1] == "200 messages per day"
    assert XSS in page.text_of("questions")
    assert not (out / "socialcase-report.pdf").exists()


def test_cli_refuses_a_broken_scenario_file_in_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "socialcase-scenario", "values": ', encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "socialcase.report",
            str(broken),
            "--out",
            str(tmp_path / "o"),
            "--no-pdf",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "broken.json" in lines[0] and "not JSON" in lines[0]
    assert not (tmp_path / "o").exists()


@pytest.mark.parametrize("content", [None, "[1, 2]", '{"format": "something-else"}'])
def test_cli_names_the_file_it_cannot_use(
    tmp_path: Path, content: str | None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "case.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert main([str(path), "--out", str(tmp_path / "o"), "--no-pdf"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "case.json" in err


@pytest.mark.browser
@needs_chromium
def test_the_report_opens_offline_and_every_chart_draws(report: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    from socialcase.report import _ALL_DRAWN, CHROMIUM_ARGS

    path = tmp_path / "report.html"
    path.write_text(report, encoding="utf-8")
    external: list[str] = []
    errors: list[str] = []

    def record(route: Any) -> None:
        url = route.request.url
        if url.split(":", 1)[0].lower() in ("http", "https", "ws", "wss"):
            external.append(url)
            route.abort()
        else:
            route.continue_()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            context = browser.new_context(viewport={"width": 1000, "height": 800})
            context.set_offline(True)
            page = context.new_page()
            page.route("**/*", record)
            page.on(
                "request",
                lambda r: (
                    external.append(r.url)
                    if not r.url.startswith(("file:", "data:", "blob:", "about:"))
                    else None
                ),
            )
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(path.as_uri(), wait_until="load")
            page.wait_for_function(_ALL_DRAWN, timeout=30_000)
            drawn = page.evaluate(
                "[...document.querySelectorAll('.js-plotly-plot')]"
                ".filter(p => p.querySelector('.main-svg')).length"
            )
            svgs = page.evaluate("document.querySelectorAll('.js-plotly-plot .main-svg').length")
            first = page.evaluate("document.querySelector('main section h2').textContent")
        finally:
            browser.close()
    assert external == []
    assert errors == []
    assert drawn == chart_count(report) == 11
    assert svgs >= drawn  # plotly draws several layers per chart
    assert first == "The verdict"


@pytest.mark.browser
@needs_chromium
def test_report_pdf_prints_an_a4_pdf(report: str, tmp_path: Path) -> None:
    path = report_pdf(report, tmp_path / "report.pdf")
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert len(data) > 10_000
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert box is not None
    assert float(box[1]) == pytest.approx(595, abs=1) and float(box[2]) == pytest.approx(842, abs=1)
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    # The summary is a page of its own; after it the sections flow (no page per section).
    assert pages >= 2
    if Path("/usr/bin/pdftotext").exists():

        def text_of(number: int) -> str:
            run = ["/usr/bin/pdftotext", "-f", str(number), "-l", str(number), str(path), "-"]
            return subprocess.run(run, capture_output=True, text=True, check=True).stdout

        first, second = text_of(1), text_of(2)
        assert "The verdict" in first and "The three signs" in first and "The ask" in first
        assert "Sign 1: growth has stalled" in second.splitlines()[0:3]
        assert "Sign 2: you miss engagement" in second  # two sections share a page


def test_a_norway_case_lists_only_norways_employer_costs_with_their_terms_in_english() -> None:
    norway = Page(report_html(preset("NO"), draws=500, generated_at="x"))
    assert "benefits_load_share" not in norway.rows
    assert "custom_employer_cost_share" not in norway.rows
    label = norway.rows["no_employer_tax_share"][0]
    assert label == "Norway: arbeidsgiveravgift (the employer's social security contribution)"
    assert "feriepenger (holiday pay)" in norway.rows["no_holiday_pay_share"][0]
    text = norway.text_of("bottom-line")
    assert "OTP (the mandatory occupational pension)" in text
    assert "1G (the National Insurance basic amount)" in text


# --- the appendix credits every value to where it comes from ---------------------------------


def _appendix_rows(page_html: str) -> dict[str, list[str]]:
    return Page(page_html).rows


def test_a_typed_salary_is_credited_to_the_lead_and_answers_never_to_the_sample() -> None:
    from socialcase.provenance import Origin, Provenance

    norway = Scenario(country="NO", currency="NOK").evolve(
        hire_salary_per_year=70_000,
        answer_skills="Paid social",
        inbound_per_day=59.3,
        reply_share=0.719,
    )
    origins = (
        Provenance()
        .set(["hire_salary_per_year", "answer_skills"], Origin("typed"))
        .set(["inbound_per_day", "reply_share"], Origin("measured", "inbox.csv, 28 days"))
    )
    rows = _appendix_rows(
        report_html(norway, draws=DRAWS, generated_at="today", provenance=origins)
    )
    salary = rows["hire_salary_per_year"][3]
    assert salary.startswith("Your figure.")
    assert not salary.startswith("Statistics Norway")
    assert rows["answer_skills"][3].startswith("Your answer.")
    assert "sample case" not in rows["answer_skills"][3].split("Replaces")[0]
    assert rows["inbound_per_day"][3].startswith("Measured from inbox.csv, 28 days.")
    assert "Sprout Social" not in rows["inbound_per_day"][3].split("Replaces")[0]
    # 71.9% measured against the default 25%-60% range: flagged, never shown as if inside
    assert "does not hold the value" in rows["reply_share"][2]


def test_a_widened_range_says_so() -> None:
    from socialcase.provenance import Origin, Provenance, widen_ranges

    measured = widen_ranges(Scenario(reply_share=0.719))
    origins = Provenance().set(["reply_share range"], Origin("widened", "the measured value"))
    rows = _appendix_rows(
        report_html(measured, draws=DRAWS, generated_at="today", provenance=origins)
    )
    assert rows["reply_share"][2].endswith("(widened to hold the measured value)")


def test_cli_credits_values_to_the_origins_saved_in_the_file(tmp_path: Path) -> None:
    from socialcase import files
    from socialcase.provenance import Origin, Provenance

    scenario = Scenario(hire_salary_per_year=70_000)
    origins = Provenance().set(["hire_salary_per_year"], Origin("typed"))
    path = files.save(scenario, tmp_path / "case.json", provenance=origins)
    assert main([str(path), "--out", str(tmp_path / "out"), "--no-pdf", "--draws", "500"]) == 0
    rows = _appendix_rows((tmp_path / "out" / "socialcase-report.html").read_text("utf-8"))
    assert rows["hire_salary_per_year"][3].startswith("The lead's figure (came in case.json).")
