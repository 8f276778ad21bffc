"""Every sentence of every step in Norwegian: no English left, figures by the Norwegian locale,
the employer-cost terms kept Norwegian (and explained in English only in English)."""

from __future__ import annotations

import re

import pytest
from i18n_text import SCENARIOS, english_left, growth_from_fixture, inbox

from socialcase import evaluate, preset, simulate, tornado
from socialcase import narrative as n
from socialcase.formatting import money, percent
from socialcase.i18n import use_language
from socialcase.page import build, measured_week, sample_growth_evidence


def _sentences(name: str) -> list[str]:
    """Every sentence the steps show for one scenario, with growth and inbox evidence."""
    s = SCENARIOS[name]
    evidence = growth_from_fixture() if name == "norway" else sample_growth_evidence()
    page = build(s, growth=evidence, inbox=inbox(), draws=500)
    case, sim = page.case, page.simulation
    assert sim is not None
    week = measured_week(page.inbox.stats, case)  # type: ignore[union-attr]
    texts = [
        n.verdict_text(case, sim.probability_positive),
        n.team_text(case),
        n.engagement_text(case),
        n.collaboration_text(case),
        n.vision_text(case),
        n.risk_text(case),
        n.cost_text(case),
        n.uncertainty_text(case, sim, page.swings),
        n.growth_text(page),
        n.growth_source_text(evidence),
        n.measured_text(week, page.inbox.stats, case),  # type: ignore[union-attr]
        n.ask_text(page),
        n.role_text(page),
        *(t for row in n.measured_rows(week) for t in row),
        *(t for pair in n.signs_text(page) for t in pair),
        *(t for pair in n.conversation_plan() for t in pair),
        *(n.step_title(step) for step in n.STEP_TITLES),
    ]
    return [t for t in texts if t]


def _split(texts: list[str]) -> list[str]:
    """Sentences and clauses, so one English clause inside a Norwegian paragraph shows."""
    return [p.strip() for t in texts for p in re.split(r"(?<=[.;:])\s+", t) if p.strip()]


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_no_english_sentence_remains_in_norwegian(name: str) -> None:
    with use_language("en"):
        en = _sentences(name)
    with use_language("nb"):
        nb = _sentences(name)
    assert len(en) == len(nb)
    assert english_left(_split(nb), _split(en)) == []
    for english, norwegian in zip(en, nb, strict=True):
        if re.search(r"[A-Za-z]{4}", english):
            assert english != norwegian, english


def test_the_norwegian_verdict_writes_money_and_shares_the_norwegian_way() -> None:
    s = preset("NO")
    case = evaluate(s)
    sim = simulate(s, draws=500, seed=0)
    with use_language("nb"):
        text = n.verdict_text(case, sim.probability_positive)
    b = case.bottom_line
    # -257 319 kr: Babel's nb_NO currency pattern, hyphen-minus, U+00A0 between groups.
    assert money(b.year_one_net_value, "NOK", locale="nb") in text
    assert f"{percent(sim.probability_positive, locale='nb')} av de simulerte" in text
    assert "\u00a0kr" in text and not re.search(r"\d kr\b", text)  # never a plain space
    assert "NOK " not in text and "$" not in text


def test_terms_stay_norwegian_in_norwegian_and_are_explained_in_english() -> None:
    case = evaluate(preset("NO"))
    with use_language("en"):
        en = n.cost_text(case)
    with use_language("nb"):
        nb = n.cost_text(case)
    assert "arbeidsgiveravgift (the employer's social security contribution)" in en
    assert "feriepenger (holiday pay)" in en
    for term in ("arbeidsgiveravgift", "feriepenger", "OTP", "1G"):
        assert term in nb
    assert "holiday pay" not in nb and "the employer's" not in nb
    assert n.Glossary().explain("Norway: feriepenger") == "Norway: feriepenger (holiday pay)"
    with use_language("nb"):
        assert n.Glossary().explain("feriepenger") == "feriepenger"


def test_a_count_of_people_agrees_in_both_languages() -> None:
    with use_language("nb"):
        assert (n.people(1), n.people(3), n.people(2.5)) == (
            "1 person",
            "3 personer",
            "2,5 personer",
        )
    assert (n.people(1), n.people(3)) == ("1 person", "3 people")


def test_the_stall_date_is_written_out_in_norwegian() -> None:
    page = build(SCENARIOS["sample"], draws=200)
    stall = page.growth.stall  # type: ignore[union-attr]
    assert stall is not None
    with use_language("nb"):
        text = n.growth_text(page)
    months = "januar februar mars april mai juni juli august september oktober november desember"
    written = f"{stall.start.day}. {months.split()[stall.start.month - 1]} {stall.start.year}"
    assert f"stoppet opp {written}:" in text
    assert "følgere om dagen" in text


def test_an_unstable_payback_reads_in_norwegian() -> None:
    from socialcase.uncertainty import PercentileReading

    with use_language("nb"):
        assert n.payback_reading_text(PercentileReading(90, 30.0, 24.0, float("inf"))) == (
            "24,0 måneder eller senere (ustabilt)"
        )
        assert n.payback_reading_text(PercentileReading(90, 14.2, 13.9, 14.6)) == "14,2 måneder"
    assert n.payback_reading_text(PercentileReading(90, 30.0, 24.0, 36.5)) == (
        "24.0 to 36.5 months (unstable)"
    )
    # English as uncertainty.PercentileReading.text() writes it.
    reading = PercentileReading(90, 30.0, 24.0, 36.5)
    assert n.payback_reading_text(reading) == reading.text()


def test_swing_labels_translate_and_keep_english_in_english() -> None:
    swings = tornado(preset("NO"))
    english = [n.swing_label(s) for s in swings]
    assert english == [s.label for s in swings]
    with use_language("nb"):
        norwegian = [n.swing_label(s) for s in swings]
    assert all(a != b for a, b in zip(english, norwegian, strict=True))


def test_an_unreachable_reply_target_is_said_in_norwegian() -> None:
    # 200 messages a day at 60 minutes each: even 24 staffed hours answer too few in 1 h.
    s = SCENARIOS["sample"].evolve(inbound_per_day=200, handle_time_minutes=60)
    case = evaluate(s)
    assert case.engagement.hours_per_day_needed is None
    english = n.engagement_text(case)
    assert case.engagement.hours_per_day_needed_note in english  # the model's own account
    with use_language("nb"):
        text = n.engagement_text(case)
    assert "svarmålet kan ikke nås" in text
    assert case.engagement.hours_per_day_needed_note not in text


def test_switching_to_norway_is_noted_in_norwegian() -> None:
    from socialcase.provenance import Origin, Provenance, switch_country
    from socialcase.scenario import Scenario

    typed = Provenance().set(["hire_salary_per_year"], Origin("typed"))
    english = switch_country(Scenario(hire_salary_per_year=70_000), typed, "NO").note
    with use_language("nb"):
        switch = switch_country(Scenario(hire_salary_per_year=70_000), typed, "NO")
    first = switch.note.splitlines()[0]
    assert first == "Byttet til Norge: beløpene er i NOK."
    assert english.splitlines()[0] == "Switched to Norway: amounts are in NOK."
    # 70 000 USD at 10.76 kr per USD is 753 200 kr, written the Norwegian way.
    assert "Lønn for den nyansatte 70\u00a0000\u00a0USD til 753\u00a0200\u00a0kr" in switch.note
    assert "Omregnet med 10,76 NOK per USD" in switch.note


# --- the notes and errors of an import, as the upload shows them ----------------------------


def test_an_import_says_what_it_did_in_norwegian() -> None:
    from i18n_text import FIXTURES

    from socialcase import imports

    raw = (FIXTURES / "norsk_sideeksport.csv").read_bytes()
    english = imports.read_export(raw, "norsk_sideeksport.csv").notes
    with use_language("nb"):
        norwegian = imports.read_export(raw, "norsk_sideeksport.csv").notes
    assert len(english) == len(norwegian) > 0
    assert english_left(norwegian, english) == []
    assert "Read the file as Windows-1252 text (it is not UTF-8)." in english
    assert "Leste filen som Windows-1252-tekst (den er ikke UTF-8)." in norwegian


def test_an_unreadable_export_is_explained_in_norwegian() -> None:
    from socialcase import imports
    from socialcase.errors import ExportError

    with use_language("nb"), pytest.raises(ExportError) as refused:
        imports.read_export(b"Date,Followers\n2025-03-01,abc\n2025-03-02,5\n", "side.csv")
    message = str(refused.value)
    assert message == "side.csv, rad 2, kolonne 'Followers': forventet et tall, fant 'abc'"
    with pytest.raises(ExportError) as english:
        imports.read_export(b"Date,Followers\n2025-03-01,abc\n2025-03-02,5\n", "side.csv")
    assert (
        str(english.value) == "side.csv, row 2, column 'Followers': expected a number, found 'abc'"
    )
