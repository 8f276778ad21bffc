"""The dashboard in a real browser: Debian's Chromium driving a real Voila server."""

from __future__ import annotations

from pathlib import Path

import pytest

import socialcase as sc
from socialcase import datasets, inbox  # noqa: F401  (sc.inbox below)
from socialcase.formatting import money, number
from socialcase.growth import detect_stall
from socialcase.share import to_query

ROOT = Path(__file__).resolve().parents[1]

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_dashboard_renders_edits_and_refuses_bad_input(voila_server, watched) -> None:
    watched.open(voila_server.url)
    sample = sc.evaluate(sc.Scenario()).bottom_line
    assert watched.headline("net-value") == money(sample.net_value_per_year)
    # Every chart on show draws at its full size (no blank charts); plotly.js loads
    # after the widgets, so wait for it.
    watched.page.wait_for_function(
        "Array.from(document.querySelectorAll('.sc-chart .js-plotly-plot'))"
        ".filter(p => p.offsetWidth > 600 && p.offsetHeight >= 200).length >= 10",
        timeout=60_000,
    )

    watched.type_into("hire_salary_per_year", "70000")
    changed = sc.Scenario(hire_salary_per_year=70_000)
    # 70,000 * 1.34 + 2,400 = 96,200 (US benefits 34% of wages, BLS ECEC; tools 2,400)
    watched.wait_headline("hire-cost", "$96,200")
    watched.wait_headline("net-value", money(sc.evaluate(changed).bottom_line.net_value_per_year))

    watched.type_into("inbound_per_day", "200")
    changed = changed.evolve(inbound_per_day=200)
    engagement = sc.evaluate(changed).engagement
    watched.wait_headline("missed-per-week", number(engagement.missed_per_week_without_hire))
    watched.wait_headline("missed-with-hire", number(engagement.missed_per_week_with_hire))

    net_before = watched.headline("net-value")
    watched.type_into("inbound_per_day", "lots")
    message = watched.page.locator(".sc-msg-inbound_per_day")
    message.get_by_text("Inbound messages per day must be between 0 and").wait_for(timeout=30_000)
    assert watched.headline("net-value") == net_before
    watched.type_into("hire_salary_per_year", "71000")  # everything else still works
    watched.wait_headline("hire-cost", money(71_000 * 1.34 + 2_400))

    assert watched.errors == []
    assert watched.external == []
    assert "Traceback" not in watched.page.content()


def test_a_shared_link_opens_the_same_case_and_edits_survive_a_reload(
    voila_server, watched
) -> None:
    linked = sc.Scenario(
        inbound_per_day=250, hire_salary_per_year=58_000, answer_skills="Video & <b>community</b>"
    )
    watched.open(voila_server.url + "?" + to_query(linked))
    assert watched.page.input_value(".sc-in-inbound_per_day input") == "250"
    assert watched.page.input_value(".sc-in-hire_salary_per_year input") == "58,000"
    expected = sc.evaluate(linked)
    watched.wait_headline("net-value", money(expected.bottom_line.net_value_per_year))
    watched.wait_headline(
        "missed-per-week", number(expected.engagement.missed_per_week_without_hire)
    )
    assert watched.page.input_value(".sc-in-answer_skills textarea") == linked.answer_skills

    before = watched.page.evaluate("location.search")  # the link's case, with its origins
    watched.type_into("team_size", "3")
    watched.page.wait_for_function("() => location.search.includes('d=')")
    watched.page.wait_for_function("(q) => location.search !== q", arg=before, timeout=30_000)
    watched.page.reload()
    watched.page.wait_for_selector("#loading", state="detached", timeout=240_000)
    watched.page.wait_for_selector(".sc-out-net-value .sc-figure-value", timeout=240_000)
    watched.page.wait_for_function(  # step 1 comes once the page's widgets are up
        "() => (document.querySelector('.sc-in-team_size input') || {}).value === '3'",
        timeout=60_000,
    )
    assert watched.page.input_value(".sc-in-inbound_per_day input") == "250"
    assert watched.errors == [], watched.failed


def test_a_tampered_link_loads_the_rest_and_says_what_was_ignored(voila_server, watched) -> None:
    watched.open(voila_server.url + "?sc=1&d=not-a-real-payload!!")
    watched.page.get_by_text("ignored").first.wait_for(timeout=60_000)
    assert watched.headline("net-value") == money(
        sc.evaluate(sc.Scenario()).bottom_line.net_value_per_year
    )
    assert "Traceback" not in watched.page.content()
    assert watched.errors == []


def test_uploading_an_export_shows_its_stall(voila_server, watched, tmp_path: Path) -> None:
    export, truth = datasets.follower_series("stall", seed=3, start="2024-03-01")
    path = tmp_path / "page_insights.csv"
    export.to_csv(path, index=False)
    series = export.set_index("date")["followers"]
    stall = detect_stall(series)
    assert stall is not None
    watched.open(voila_server.url)
    with watched.page.expect_file_chooser() as chooser:  # the widget's button opens it
        watched.page.click(".sc-upload-growth")
    chooser.value.set_files(str(path))
    watched.wait_headline("stall-date", f"{stall.start:%Y-%m-%d}")
    assert abs((stall.start - truth.stall_date).days) <= 14
    watched.page.get_by_text("page_insights.csv").first.wait_for(timeout=30_000)
    assert watched.errors == []


def test_an_inbox_export_sets_the_inbound_volume(voila_server, watched, tmp_path: Path) -> None:
    frame, _ = datasets.inbox_export(days=14, messages_per_day=60, seed=4)
    path = tmp_path / "inbox.csv"
    frame.to_csv(path, index=False)
    per_day = sc.inbox.inbox_stats(frame).messages_per_day
    watched.open(voila_server.url)
    watched.page.get_by_text("Measure from your inbox export").click()
    with watched.page.expect_file_chooser() as chooser:
        watched.page.click(".sc-upload-inbox")
    chooser.value.set_files(str(path))
    watched.wait_headline("inbox-per-day", f"{per_day:,.1f}")
    watched.page.click(".sc-use-inbox")
    watched.wait_headline("inbound-per-day", number(round(per_day, 1)))
    # The measured volume goes in; the share needing a reply keeps its value (the share
    # answered is not it), and the measured week is shown beside the model's.
    expected = sc.evaluate(sc.Scenario(inbound_per_day=round(per_day, 1)))
    watched.wait_headline(
        "missed-per-week", number(expected.engagement.missed_per_week_without_hire)
    )
    table = watched.page.locator(".sc-inbox-comparison table")
    assert "your inbox (measured)" in table.inner_text()
    assert watched.errors == []


def test_copy_link_copies_the_link_to_this_case(voila_server, browser) -> None:
    from conftest import PageWatch

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    watched = PageWatch(context.new_page())
    try:
        watched.open(voila_server.url)
        watched.type_into("inbound_per_day", "175")
        from socialcase.provenance import Origin, Provenance

        typed = Provenance().set(["inbound_per_day"], Origin("typed"))  # the link says so
        expected_query = to_query(sc.Scenario(inbound_per_day=175), provenance=typed)
        watched.page.wait_for_function("(q) => location.search.endsWith(q)", arg=expected_query)
        watched.page.click(".sc-copy-link")
        copied = watched.page.evaluate("navigator.clipboard.readText()")
        assert copied == watched.page.evaluate("location.href")
        assert copied.endswith(expected_query)
        assert watched.errors == []
    finally:
        context.close()


# Records the verdict's box when the plain copy first shows and when the live widgets do.
VERDICT_BOXES_JS = """
(() => {
  const seen = (window.__verdict = {});
  const box = (e) => {
    const b = e.getBoundingClientRect();
    return [b.x, b.y, b.width, b.height].map((v) => Math.round(v));
  };
  new MutationObserver(() => {
    const copy = document.querySelector(".sc-verdict-first .sc-figure-value");
    if (copy && copy.offsetParent !== null && !seen.copy) {
      seen.copy = box(document.querySelector(".sc-verdict-first"));
      seen.copy_widgets = document.querySelectorAll(".jupyter-widgets").length;
    }
    const live = document.querySelector(".sc-out-net-value .sc-figure-value");
    if (live && live.offsetParent !== null && !seen.live) {
      seen.live = box(live.closest(".sc-step-0").parentElement);
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
})();
"""


def test_the_verdict_is_readable_before_the_widgets_and_becomes_live_in_place(
    voila_server, browser
) -> None:
    from conftest import READY, PageWatch

    linked = sc.Scenario(hire_salary_per_year=66_000)
    bottom = sc.evaluate(linked).bottom_line
    url = f"{voila_server.url}?{to_query(linked)}"
    # Without any of the page's JavaScript (widgets, Voila's own): the verdict of the
    # linked case is in the HTML and on screen, with the cells above it.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.route("**/voila/static/**", lambda route: route.abort())
        page.goto(url, timeout=240_000)
        copy = page.locator(".sc-verdict-first")
        copy.wait_for(state="visible", timeout=240_000)
        values = copy.locator(".sc-figure-value").all_inner_texts()
        assert len(values) >= 4
        net = copy.locator(".sc-vf-out-net-value .sc-figure-value").inner_text()
        npv = copy.locator(".sc-vf-out-npv .sc-figure-value").inner_text()
        assert (net, npv) == (money(bottom.net_value_per_year), money(bottom.net_present_value))
        # The sentence quotes the linked case's NPV (as an amount more or less than it costs).
        sentence = copy.locator(".sc-vf-text-verdict").inner_text()
        assert money(abs(bottom.net_present_value)) in sentence
        assert page.locator("h1").first.is_visible()
        assert page.locator(READY).count() == 0  # the live hooks are not faked
    finally:
        context.close()
    # With it: the live verdict takes the copy's place, in the same box, and the copy goes.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.add_init_script(VERDICT_BOXES_JS)
        watched = PageWatch(context.new_page())
        watched.open(url)
        assert watched.headline("net-value") == money(bottom.net_value_per_year)
        seen = watched.page.evaluate("window.__verdict")
        assert seen["copy"] is not None and seen["copy_widgets"] == 0
        assert seen["live"] == seen["copy"]
        assert watched.page.locator(".sc-verdict-first, .sc-verdict-slot").count() == 0
        assert watched.errors == []
    finally:
        context.close()


# When each chart slot first holds a drawn plot, by its sc-chart-<name> class.
CHART_DRAWS_JS = """
window.__chartDrawn = {};
new MutationObserver(() => {
  for (const slot of document.querySelectorAll('.sc-chart')) {
    const name = Array.from(slot.classList).find((c) => c.startsWith('sc-chart-'));
    if (!(name in window.__chartDrawn) && slot.querySelector('.main-svg')) {
      window.__chartDrawn[name] = Object.keys(window.__chartDrawn).length;
    }
  }
}).observe(document, { childList: true, subtree: true });
"""


def test_charts_draw_when_near_the_view_and_every_chart_draws_its_traces(
    voila_server, browser
) -> None:
    from conftest import PageWatch

    from devtools.assets import TEMPLATE_DIR

    plotly_dir = TEMPLATE_DIR / "static/plotly"
    partial = (plotly_dir / "plotly.min.js").read_bytes() != (
        plotly_dir / "plotly-full.min.js"
    ).read_bytes()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.add_init_script(CHART_DRAWS_JS)
        watched = PageWatch(context.new_page())
        bundles: list[str] = []
        watched.page.on("request", lambda r: bundles.append(r.url.rsplit("/", 1)[-1]))
        watched.open(voila_server.url)
        # The last chart (the org chart, step 9) scrolled to at once is drawn as it comes
        # into view, ahead of the charts above it that wait for idle moments in page order.
        last = watched.page.locator(".sc-chart-org-chart")
        last.scroll_into_view_if_needed()
        last.locator(".main-svg").first.wait_for(timeout=60_000)
        # Every chart on show draws, with its traces (plotly's g.trace, or the Sankey's
        # g.sankey), not an empty frame; the ones in closed sections draw when opened.
        watched.page.wait_for_function(
            """() => Array.from(document.querySelectorAll('.sc-chart'))
                 .filter((s) => s.offsetParent !== null)
                 .every((s) => s.querySelector('.main-svg g.trace, .main-svg g.sankey'))""",
            timeout=60_000,
        )
        shown = watched.page.evaluate(
            """() => Array.from(document.querySelectorAll('.sc-chart'))
                 .filter((s) => s.offsetParent !== null).length"""
        )
        assert shown >= 10  # 12 slots, the inbox heatmaps in a closed panel
        order = watched.page.evaluate("window.__chartDrawn")
        org = order["sc-chart-org-chart"]
        assert any(n > org for n in order.values()), f"drawn in page order, not by view: {order}"
        assert watched.errors == [] and watched.failed == [] and watched.external == []
        # The charts ran the one copy of their code that the template put in the page
        # (socialcase.ui.plotchart.chart_module), not a copy carried by each chart's widget.
        # (Jinja drops the file's last newline.)
        code = (ROOT / "socialcase/static/plotchart.js").read_text("utf-8").rstrip("\n")
        assert watched.page.evaluate(
            "(code) => document.getElementById('sc-plotchart-code').textContent === code", code
        )
        assert watched.page.evaluate("() => !!window.__socialcasePlotChart")
        # The Sankey and the waterfall are not in the partial bundle: the full one is
        # fetched for them, once; with the full bundle first, never.
        assert bundles.count("plotly.min.js") == 1
        assert bundles.count("plotly-full.min.js") == (1 if partial else 0)
        for name, trace in (("vision-flow", "g.sankey"), ("waterfall", ".waterfalllayer .point")):
            assert watched.page.locator(f".sc-chart-{name} {trace}").count() >= 1, name
    finally:
        context.close()
