"""Sharing in a real browser: the lead's evidence in a copied link, currency-safe presets,
the report's credits, and links that never fail silently (Chromium driving a real Voila)."""

from __future__ import annotations

import base64
import html
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import PageWatch

import socialcase as sc
from socialcase import datasets
from socialcase.formatting import money
from socialcase.provenance import Origin, Provenance, switch_country
from socialcase.share import LINK_BUDGET_CHARS

pytestmark = [pytest.mark.browser, pytest.mark.slow]

GROWTH = ("stall-date", "growth-before", "growth-after", "growth-gap-value")
INBOX = ("inbox-per-day", "inbox-answered", "inbox-response-p50", "inbox-response-p90")
VERDICT = ("net-value", "payback", "probability", "cost-of-waiting")


@pytest.fixture
def clip(browser: Any) -> Iterator[PageWatch]:
    """A page whose clipboard the test can read (Copy link writes to it)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    yield PageWatch(context.new_page())
    context.close()


def upload(watched: PageWatch, selector: str, path: Path) -> None:
    with watched.page.expect_file_chooser() as chooser:  # the widget's button opens it
        watched.page.click(selector)
    chooser.value.set_files(str(path))


def open_inbox(watched: PageWatch) -> None:
    watched.page.get_by_text("Measure from your inbox export").click()
    watched.page.wait_for_selector(".sc-out-inbox-per-day .sc-figure-value", timeout=60_000)


def figures(watched: PageWatch, names: tuple[str, ...]) -> dict[str, str]:
    return {name: watched.headline(name) for name in names}


def test_the_leads_evidence_travels_in_the_copied_link(
    voila_server: Any, clip: PageWatch, browser: Any, tmp_path: Path
) -> None:
    growth_file = tmp_path / "our followers.csv"
    export, _ = datasets.follower_series("stall", seed=3, start="2024-03-01")
    export.to_csv(growth_file, index=False)
    stall = sc.growth.detect_stall(export.set_index("date")["followers"])
    assert stall is not None and f"{stall.start:%Y-%m-%d}" != "2025-08-23"  # not the sample
    inbox_file = tmp_path / "inbox.csv"
    messages, _ = datasets.inbox_export(days=28, messages_per_day=59, seed=4)
    messages.to_csv(inbox_file, index=False)
    per_day = sc.inbox.inbox_stats(messages).messages_per_day

    clip.open(voila_server.url)
    upload(clip, ".sc-upload-growth", growth_file)
    clip.wait_headline("stall-date", f"{stall.start:%Y-%m-%d}")
    open_inbox(clip)
    upload(clip, ".sc-upload-inbox", inbox_file)
    clip.wait_headline("inbox-per-day", f"{per_day:,.1f}")
    clip.type_into("hire_salary_per_year", "70000")
    clip.wait_headline("hire-cost", "$96,200")  # 70,000 * 1.34 + 2,400
    clip.page.wait_for_function("() => location.search.includes('d=')")
    clip.page.wait_for_selector(".sc-out-probability .sc-figure-value", timeout=60_000)
    sent = figures(clip, GROWTH + INBOX + VERDICT)
    clip.page.click(".sc-copy-link")
    copied = clip.page.evaluate("navigator.clipboard.readText()")
    assert copied == clip.page.evaluate("location.href")
    assert len(copied) <= LINK_BUDGET_CHARS
    assert clip.errors == [] and clip.external == []

    context = browser.new_context(viewport={"width": 1280, "height": 900})  # fresh: no storage
    try:
        fresh = PageWatch(context.new_page())
        fresh.open(copied)
        fresh.wait_headline("stall-date", sent["stall-date"])
        open_inbox(fresh)
        fresh.wait_headline("inbox-per-day", sent["inbox-per-day"])
        fresh.wait_headline("probability", sent["probability"])
        assert figures(fresh, GROWTH + INBOX + VERDICT) == sent
        fresh.page.get_by_text("our followers.csv").first.wait_for(timeout=30_000)
        salary = fresh.page.inner_text(".sc-origin-hire_salary_per_year")
        assert "The lead's figure (came in the link)" in salary
        assert fresh.errors == [] and fresh.external == []
    finally:
        context.close()


def test_a_country_switch_after_typed_salaries_converts_them_with_a_note(
    voila_server: Any, watched: PageWatch
) -> None:
    watched.open(voila_server.url + "?sc=2&lang=en")  # English picked: Norway stays English
    watched.type_into("hire_salary_per_year", "70000")
    watched.wait_headline("hire-cost", "$96,200")
    watched.type_into("team_salary_per_year", "65000")
    typed = sc.Scenario(hire_salary_per_year=70_000, team_salary_per_year=65_000)
    watched.wait_headline("net-value", money(sc.evaluate(typed).bottom_line.net_value_per_year))
    watched.page.select_option(".sc-in-country select", label="Norway")
    note = watched.page.locator(".sc-origin-country")
    note.get_by_text("Converted at 10.76 NOK per USD").wait_for(timeout=60_000)
    text = note.inner_text()
    assert "Salary of the hire USD 70,000 to NOK 753,200" in text
    assert "USD 65,000 to NOK 699,400" in text
    origins = Provenance().set(["hire_salary_per_year", "team_salary_per_year"], Origin("typed"))
    norway = switch_country(typed, origins, "NO").scenario
    verdict = sc.evaluate(norway).bottom_line
    watched.wait_headline("net-value", money(verdict.net_value_per_year, "NOK"))
    assert abs(verdict.roi) < 3  # sane: not the 939% return
    assert watched.page.input_value(".sc-in-hire_salary_per_year input") == "753,200"
    assert "converted from USD 70,000" in watched.page.inner_text(".sc-origin-hire_salary_per_year")
    watched.page.select_option(".sc-in-country select", label="United States")
    watched.page.wait_for_function(
        "() => document.querySelector('.sc-in-hire_salary_per_year input').value === '70,000'",
        timeout=60_000,
    )
    assert watched.page.input_value(".sc-in-team_salary_per_year input") == "65,000"
    assert watched.errors == []


def test_the_downloaded_report_credits_a_typed_salary_to_the_lead(
    voila_server: Any, watched: PageWatch
) -> None:
    watched.open(voila_server.url + "?sc=2&lang=en")  # English picked: Norway stays English
    watched.page.select_option(".sc-in-country select", label="Norway")
    watched.page.locator(".sc-origin-country").get_by_text("Switched to Norway").wait_for(
        timeout=60_000
    )
    watched.type_into("hire_salary_per_year", "700000")
    watched.page.locator(".sc-origin-hire_salary_per_year").get_by_text("Your figure").wait_for(
        timeout=60_000
    )
    watched.page.click(".sc-report-html")
    link = watched.page.wait_for_selector("a.sc-report-download", timeout=120_000)
    assert link is not None
    report = base64.b64decode(str(link.get_attribute("href")).split("base64,", 1)[1]).decode()
    row = report.split('data-input="hire_salary_per_year"', 1)[1].split("</tr>", 1)[0]
    cells = [html.unescape(c.split("</td>")[0]) for c in row.split("<td>")[1:]]
    assert cells[1] == "NOK 700,000 per year"
    assert cells[3].startswith("Your figure.")
    assert "Replaces the default (Statistics Norway" in cells[3]
    assert watched.errors == []


def _garbage(length: int) -> str:
    rng = random.Random(length)
    return "".join(
        rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_") for _ in range(length)
    )


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("sc=1&d=" + _garbage(2_000), "its data is damaged"),
        ("sc=1&d=" + _garbage(60_000), "its data is damaged"),  # near tornado's 64 KiB head
        ("sc=7&d=" + _garbage(100), "newer socialcase"),
        ("sc=abc", "does not know"),
        ("d=" + _garbage(50), "no version"),
        # a valid payload whose growth series was tampered with (5 day steps, 2 values)
        (
            "sc=1&d=eJyrVkpXslKoVkoDkkoVesnFZUo6Ckq5IF5afk5OfnlqUTFIpMQAJGRkYGSqa2AIRCCxlBKgWHS0oY6CaWwskJ8N5BoA6QqQMFDUKLa2FgCceReR",
            "could not be read",
        ),
    ],
)
def test_a_link_that_cannot_be_read_renders_the_sample_case_with_a_notice(
    voila_server: Any, watched: PageWatch, query: str, notice: str
) -> None:
    watched.open(voila_server.url + "?" + query)
    watched.page.locator(".sc-status").get_by_text(notice).wait_for(timeout=60_000)
    sample = sc.evaluate(sc.Scenario()).bottom_line
    assert watched.headline("net-value") == money(sample.net_value_per_year)
    assert "Traceback" not in watched.page.content()
    assert watched.errors == [] and watched.external == []
    # the page's address now holds a case it can read (the link bar writes it once the rest
    # of the page is built): a reload opens cleanly
    watched.page.wait_for_function("() => location.href.length < 200", timeout=60_000)


def test_a_long_answer_is_cut_in_the_link_with_a_visible_note(
    voila_server: Any, watched: PageWatch
) -> None:
    rng = random.Random(3)
    answer = "".join(chr(rng.randrange(0x4E00, 0x9FFF)) for _ in range(4_000))
    watched.open(voila_server.url)
    box = watched.page.locator(".sc-in-answer_skills textarea")
    box.fill(answer)
    box.press("Tab")  # a text area takes its value when it loses focus
    warning = watched.page.locator(".sc-long-link .sc-link-warning")
    warning.wait_for(timeout=60_000)
    text = warning.inner_text()
    assert "How do you want to grow your own skills? was cut to" in text
    assert warning.locator("a[download='socialcase-scenario.json']").count() == 1
    href = watched.page.evaluate("location.href")
    assert len(href) <= LINK_BUDGET_CHARS
    assert watched.page.input_value(".sc-in-answer_skills textarea") == answer  # kept whole
    assert watched.errors == []
