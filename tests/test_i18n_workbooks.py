"""The workbooks in Norwegian: generated from the catalogs, current, and run; the analyst's
table names its columns and writes its numbers in the table's language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import socialcase as sc
from socialcase import catalogs
from socialcase.case import SUMMARY_COLUMNS, style_summary, summary
from socialcase.i18n import gettext, use_language

WORKBOOKS = Path(__file__).resolve().parent.parent / "workbooks"


@pytest.mark.parametrize("name", ["business_case.ipynb", "many_teams.ipynb"])
def test_the_norwegian_workbook_is_the_catalogs_translation_of_the_english(name: str) -> None:
    # Fails when a markdown cell changes without `python -m socialcase.catalogs`.
    source, copy = WORKBOOKS / name, WORKBOOKS / "nb" / name
    assert copy.read_text(encoding="utf-8") == catalogs.workbook(source, "nb")
    english = json.loads(source.read_text(encoding="utf-8"))["cells"]
    norwegian = json.loads(copy.read_text(encoding="utf-8"))["cells"]
    assert norwegian[0]["source"][-1] == 'set_language("nb")'
    assert len(norwegian) == len(english) + 1
    for en, nb in zip(english, norwegian[1:], strict=True):
        if en["cell_type"] == "code":
            assert nb == en  # the code is the English workbook's, untouched
        else:
            assert nb["source"] != en["source"]
            assert "".join(nb["source"]).startswith(("#", "Hvor"))


def test_the_business_case_headings_are_the_step_titles_in_norwegian() -> None:
    from socialcase.narrative import STEP_TITLES

    cells = json.loads((WORKBOOKS / "nb" / "business_case.ipynb").read_text(encoding="utf-8"))
    headings = [
        "".join(c["source"]).split("\n")[0]
        for c in cells["cells"]
        if c["cell_type"] == "markdown" and "".join(c["source"]).startswith("## ")
    ]
    with use_language("nb"):
        assert headings == [f"## {step}. {gettext(title)}" for step, title in STEP_TITLES.items()]


def test_the_analyst_table_speaks_norwegian() -> None:
    teams = {"Oslo": sc.preset("NO"), "Bergen": sc.Scenario(inbound_per_day=45)}
    english = summary(teams, currency="NOK", draws=500)
    norwegian = summary(teams, currency="NOK", draws=500, locale="nb")
    assert list(english.columns) == [c.format(c="NOK") for c in SUMMARY_COLUMNS]
    assert norwegian.columns[0] == "Nåverdi (NOK)"
    assert norwegian.attrs["language"] == "nb"
    # The same numbers under Norwegian names.
    assert norwegian.to_numpy().tolist() == english.to_numpy().tolist()
    html = style_summary(norwegian).to_html()
    npv = float(norwegian.loc["Oslo", "Nåverdi (NOK)"])
    assert f"{abs(npv):,.0f}".replace(",", "\u00a0") in html  # 181 628: U+00A0 groups
    assert "Beløp i NOK" in html and "omregnet med kursene socialcase oppgir" in html
    assert "Money in" not in html


@pytest.mark.slow
def test_the_norwegian_many_teams_workbook_runs_and_shows_norwegian_columns() -> None:
    from test_workbooks import run  # the same run as the English workbooks

    outputs = run(WORKBOOKS / "nb" / "many_teams.ipynb")
    assert not [o for o in outputs if o.output_type == "error"]
    table = next(o for o in outputs if o.output_type == "execute_result" and "text/html" in o.data)
    shown = table.data["text/html"]
    assert "Nåverdi (USD)" in shown and "Tilbakebetalingstid" in shown
    assert "Net present value" not in shown


@pytest.mark.parametrize("name", ["business_case.ipynb", "many_teams.ipynb"])
def test_each_markdown_cell_carries_its_translation_for_the_dashboard(name: str) -> None:
    # Voila serves the English workbook in every language: its template writes the
    # translation held in the cell's metadata beside the English (fails when a markdown
    # cell or its translation changes without `python -m socialcase.catalogs`).
    source = WORKBOOKS / name
    assert source.read_text(encoding="utf-8") == catalogs.with_translations(source)
    cells = json.loads(source.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "markdown":
            english = "".join(cell["source"])
            with use_language("nb"):
                assert cell["metadata"]["socialcase"]["markdown"] == {"nb": gettext(english)}


def test_the_loading_screen_words_are_the_catalogs_translation() -> None:
    # The Voila template inlines words.json (it cannot look up the catalogs itself); fails
    # when a loading-screen message or its translation changes without the catalogs tool.
    from socialcase.ui.pagewords import WORDS, words_json

    assert catalogs.PAGE_WORDS.read_text(encoding="utf-8") == words_json()
    said = json.loads(catalogs.PAGE_WORDS.read_text(encoding="utf-8"))
    assert set(said) == {"en", "nb"} and set(said["nb"]) == set(WORDS)
    assert said["en"]["case_sample"] == "the sample case"
    assert said["nb"]["case_sample"] == "eksempelcaset"
    assert said["nb"]["number_when"] == "Du er nummer {place} i køen, om omtrent {seconds} s."
