"""Real export layouts (tests/fixtures/, see its README): right dates, metrics, totals.

Expected values are in tests/fixtures/expected.json, written by
tests/fixtures/make_fixtures.py from the numbers it generated (not by the
reader): the first and last day, the days with data, and the sum of each
flow, which must equal the sum of that column in the file.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from socialcase.imports import read_export

FIXTURES = Path(__file__).parent / "fixtures"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_read_with_right_dates_and_totals(name: str) -> None:
    expected = EXPECTED[name]
    export = read_export(FIXTURES / name)
    data = export.data
    assert f"{data.index[0]:%Y-%m-%d}" == expected["first_day"]
    assert f"{data.index[-1]:%Y-%m-%d}" == expected["last_day"]
    assert int(data.notna().any(axis=1).sum()) == expected["days_with_data"]
    for metric, total in expected["sums"].items():
        assert float(np.nansum(data[metric].to_numpy())) == pytest.approx(total), metric
    if "last_followers" in expected:
        assert data["followers"].dropna().iloc[-1] == expected["last_followers"]
    if "rows" in expected and len(data.dropna(how="all")) < expected["rows"]:
        # Several rows a day: the note says how many were summed (no row lost silently).
        assert any(f"Summed {expected['rows']:,} " in note for note in export.notes)


def test_x_tweet_activity_sums_29_posts_into_16_days() -> None:
    export = read_export(FIXTURES / "tweet_activity_metrics_socialcase_20150901_20151001_en.csv")
    assert export.recognised_as == "X (Twitter) tweet activity"
    assert "Summed 29 posts into 16 days." in export.notes
    assert not any("duplicate" in note for note in export.notes)
    assert export.date_column == "time"


def test_facebook_post_export_two_header_rows_and_posted_timestamps() -> None:
    export = read_export(FIXTURES / "facebook_post_insights.csv")
    assert export.date_column == "Posted"
    assert "Read row 2 as a second header row (it describes the columns)." in export.notes
    assert export.mapping["Lifetime Post Total Reach"] == "reach"


def test_facebook_page_export_with_invalid_bytes_is_read_with_a_note() -> None:
    export = read_export(FIXTURES / "facebook_page_insights.csv")
    assert export.recognised_as == "Facebook Page insights"
    assert (
        "The file holds 3 invalid byte sequences (not UTF-8); they were read as '\ufffd'."
        in export.notes
    )
    # The valid UTF-8 around them is kept: "São Paulo" is not mojibake.
    assert any("São Paulo" in c for c in export.unrecognised_columns)


def test_dates_without_a_year_take_it_from_the_file_name_and_say_so() -> None:
    export = read_export(FIXTURES / "tiktok_Overview_2025-04-30.csv")
    assert any(
        "have no year" in note and "the file name 'tiktok_Overview_2025-04-30.csv'" in note
        for note in export.notes
    )
    spanish = read_export(FIXTURES / "tiktok_es_Overview_2025-03-15.csv")
    assert f"{spanish.data.index[0]:%Y-%m-%d}" == "2025-02-20"  # "20 de febrero"


def test_meta_content_export_takes_dates_from_publish_time() -> None:
    export = read_export(FIXTURES / "instagram_content_meta_business_suite.csv")
    assert export.date_column == "Publish time"
    assert "Column 'Date' holds no dates; the dates came from 'Publish time'." in export.notes


def test_youtube_table_total_row_is_left_out_and_checked() -> None:
    export = read_export(FIXTURES / "youtube_Table data.csv")
    assert "Left out the total row (row 2)." in export.notes
    assert any(note.startswith("The rows add up to the file's total row") for note in export.notes)


def test_youtube_chart_data_long_format_summed_per_date() -> None:
    export = read_export(FIXTURES / "youtube_Chart data.csv")
    assert "Summed 124 rows (one per date and video) into 31 days." in export.notes
    first = EXPECTED["youtube_Chart data.csv"]["first_day_views"]
    assert export.data["views"].iloc[0] == first


def test_sprout_followers_are_summed_over_profiles_per_day() -> None:
    export = read_export(FIXTURES / "sprout_social_profile_performance.csv")
    assert export.recognised_as == "Sprout Social"
    assert any("added over the profiles" in note for note in export.notes)


def test_linkedin_content_workbook_reads_the_daily_metrics_sheet() -> None:
    export = read_export(FIXTURES / "linkedin_content.xlsx")
    assert "Read the sheet 'Metrics'." in export.notes
    assert export.mapping["Impressions (total)"] == "impressions"
