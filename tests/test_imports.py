"""Reading real export files: formats, locales, known exports, bad input."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import socialcase.tables as tables
from devtools.hostile import bomb_xlsx
from socialcase.datasets import follower_series
from socialcase.imports import ExportError, read_export, sniff_columns

DATES = pd.date_range("2025-01-01", periods=5, freq="D")


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# ---------------------------------------------------------------- formats


def test_generic_csv(tmp_path: Path) -> None:
    export, _ = follower_series("steady", days=90, seed=1)
    path = tmp_path / "generic.csv"
    export.to_csv(path, index=False)
    result = read_export(path)
    assert result.file_name == "generic.csv"
    assert result.recognised_as == "generic"
    assert result.date_column == "date"
    assert result.frequency == "daily"
    assert list(result.data.columns) == ["followers", "reach", "impressions", "engagements"]
    assert result.data.index.name == "date"
    np.testing.assert_array_equal(result.data["followers"], export["followers"])
    assert result.unrecognised_columns == ()
    assert result.notes == ()


def test_xlsx_written_by_pandas(tmp_path: Path) -> None:
    export, _ = follower_series("stall", days=120, seed=2)
    path = tmp_path / "page.xlsx"
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        pd.DataFrame({"Notes": ["nothing here"]}).to_excel(writer, sheet_name="About", index=False)
        export.rename(columns={"date": "Date", "followers": "Followers"}).to_excel(
            writer, sheet_name="Data", index=False
        )
    result = read_export(path.read_bytes(), "page.xlsx")
    assert result.mapping["Date"] == "date"
    assert result.data.index[0] == pd.Timestamp("2025-01-01")
    np.testing.assert_array_equal(result.data["followers"], export["followers"])
    assert "Read the sheet 'Data'." in result.notes


def test_european_csv_cp1252_semicolons_decimal_commas(tmp_path: Path) -> None:
    text = (
        "Dato;Følgere;Rekkevidde;Engasjement;Visninger;Kommentar\n"
        "01.01.2025;1.234;310,5;12;1 500;første dag\n"
        "02.01.2025;1.240;295,0;9;1 620;øke\n"
        "03.01.2025;1.251;402,25;15;2 001;særlig bra\n"
    )
    path = write(tmp_path, "norsk.csv", text, encoding="cp1252")
    result = read_export(path)
    data = result.data
    assert data["followers"].tolist() == [1234.0, 1240.0, 1251.0]
    assert data["reach"].tolist() == [310.5, 295.0, 402.25]
    assert data["impressions"].tolist() == [1500.0, 1620.0, 2001.0]
    assert result.mapping == {
        "Dato": "date",
        "Følgere": "followers",
        "Rekkevidde": "reach",
        "Engasjement": "engagements",
        "Visninger": "impressions",
    }
    assert result.unrecognised_columns == ("Kommentar",)
    assert any("Windows-1252" in note for note in result.notes)


def test_cp1252_after_a_long_ascii_start(tmp_path: Path) -> None:
    # The first 200 kB are plain ASCII, so the file looks like UTF-8 until a
    # Windows-1252 "ø" far down; the whole table is then re-read as cp1252.
    dates = pd.date_range("2000-01-01", periods=9_000, freq="D")
    rows = "".join(f"{d:%Y-%m-%d},{i},plain text\n" for i, d in enumerate(dates))
    assert len(rows) > tables._SAMPLE_BYTES
    text = "Date,Followers,Comment\n" + rows + "2024-08-22,9000,sjø\n"
    result = read_export(write(tmp_path, "late.csv", text, encoding="cp1252"))
    assert len(result.data) == 9_001
    assert result.data["followers"].iloc[-1] == 9_000.0
    assert any("Windows-1252" in note for note in result.notes)


def test_utf8_bom_and_title_rows_above_header(tmp_path: Path) -> None:
    text = (
        "Page analytics: Followers\n"
        "Date range:,01/01/2025 - 01/05/2025\n"
        "\n"
        "Date,Followers,Reach\n"
        + "".join(f"{d:%m/%d/%Y},{100 + i},{50 + i}\n" for i, d in enumerate(DATES))
    )
    path = write(tmp_path, "bom.csv", "\ufeff" + text)
    assert sniff_columns(path) == ["Date", "Followers", "Reach"]
    result = read_export(path)
    assert result.data.index.tolist() == list(DATES)
    assert result.data["followers"].tolist() == [100.0, 101.0, 102.0, 103.0, 104.0]


def test_thousands_separators(tmp_path: Path) -> None:
    text = (
        "date,followers,reach,impressions\n"
        '2025-01-01,"1,234","12,345.5","1 234 567"\n'
        '2025-01-02,"1,240","9,000.25","1 300 000"\n'
    )
    result = read_export(write(tmp_path, "us.csv", text))
    assert result.data["followers"].tolist() == [1234.0, 1240.0]
    assert result.data["reach"].tolist() == [12345.5, 9000.25]
    assert result.data["impressions"].tolist() == [1234567.0, 1300000.0]


def test_weekly_rows_with_a_gap(tmp_path: Path) -> None:
    weeks = pd.date_range("2025-01-06", periods=6, freq="7D").delete(3)
    text = "Week,Followers,Reach\n" + "".join(
        f"{w:%Y-%m-%d},{1000 + 50 * i},{700}\n" for i, w in enumerate(weeks)
    )
    result = read_export(write(tmp_path, "weekly.csv", text))
    assert result.frequency == "weekly"
    assert len(result.data) == 6
    assert result.data["followers"].isna().sum() == 1
    assert any("1 missing week" in note for note in result.notes)
    assert any("weekly" in note for note in result.notes)


def test_daily_gaps_kept_missing_and_followers_take_the_days_last_value(tmp_path: Path) -> None:
    text = (
        "date,followers\n"
        "2025-01-03,130\n"
        "2025-01-01,100\n"
        "2025-01-01,101\n"  # a corrected re-export of the same day
        "2025-01-02,110\n"
        "2025-01-05,150\n"
        "2025-01-03,131\n"
    )
    result = read_export(write(tmp_path, "dups.csv", text))
    data = result.data["followers"]
    assert data.index.tolist() == list(DATES)
    assert data.tolist()[0] == 101.0 and data.tolist()[2] == 131.0 and data.tolist()[4] == 150.0
    assert data.isna().tolist() == [False, False, False, True, False]
    # Followers is a running total: a day with two rows keeps the later one.
    assert "Took the day's last followers value for 4 days from 6 rows." in result.notes
    assert "1 missing date (a gap in the export) is left empty." in result.notes


def test_total_row_and_missing_markers(tmp_path: Path) -> None:
    text = "Date,Reach\n2025-01-01,10\n2025-01-02,-\n2025-01-03,n/a\n2025-01-04,\nTotal,10\n"
    result = read_export(write(tmp_path, "total.csv", text))
    assert result.data["reach"].tolist()[0] == 10.0
    assert result.data["reach"].isna().sum() == 3
    assert "Left out the total row (row 6)." in result.notes
    assert "The rows add up to the file's total row (reach)." in result.notes


def test_sep_line_and_tab_separated(tmp_path: Path) -> None:
    result = read_export(write(tmp_path, "sep.csv", "sep=;\nDate;Reach\n2025-01-01;5\n"))
    assert result.data["reach"].tolist() == [5.0]
    result = read_export(write(tmp_path, "tab.tsv", "Date\tReach\n2025-01-01\t5\n2025-01-02\t6\n"))
    assert result.data["reach"].tolist() == [5.0, 6.0]


def test_utf16_excel_unicode_text(tmp_path: Path) -> None:
    text = "Date\tFollowers\n2025-01-01\t7\n"
    result = read_export(write(tmp_path, "u16.txt", text, encoding="utf-16"))
    assert result.data["followers"].tolist() == [7.0]


def test_user_mapping_overrides_and_completes(tmp_path: Path) -> None:
    text = "When,Fans today,Reach\n2025-01-01,10,3\n2025-01-02,12,4\n"
    path = write(tmp_path, "odd.csv", text)
    with pytest.raises(ExportError, match="no date column"):
        read_export(path)
    result = read_export(path, mapping={"When": "date", "Fans today": "followers"})
    assert result.data["followers"].tolist() == [10.0, 12.0]
    assert result.mapping == {"Reach": "reach", "When": "date", "Fans today": "followers"}
    with pytest.raises(ExportError, match="column 'Nope'"):
        read_export(path, mapping={"Nope": "date"})
    with pytest.raises(ExportError, match="cannot map to 'likes'"):
        read_export(path, mapping={"When": "date", "Reach": "likes"})


def test_unrecognised_metrics_are_listed_for_mapping(tmp_path: Path) -> None:
    text = "Date,Foo,Bar\n2025-01-01,1,2\n"
    result = read_export(write(tmp_path, "unknown.csv", text))
    assert list(result.data.columns) == []
    assert result.unrecognised_columns == ("Foo", "Bar")
    assert any("map them by hand" in note for note in result.notes)


# ---------------------------------------------------------- known exports


@pytest.mark.parametrize(
    ("header", "recognised_as", "expected"),
    [
        (
            "Date,Sponsored followers,Organic followers,Auto-invited followers,Total followers",
            "LinkedIn page analytics (followers)",
            {"Total followers": "new_followers"},
        ),
        (
            "Date,Impressions (organic),Impressions (sponsored),Impressions (total),"
            "Unique impressions (organic),Clicks (total),Reactions (total),Comments (total),"
            "Reposts (total),Engagement rate (total)",
            "LinkedIn page analytics (content)",
            {
                "Impressions (total)": "impressions",
                "Unique impressions (organic)": "reach",
                "Clicks (total)": "clicks",
                "Reactions (total)": "reactions",
                "Comments (total)": "comments",
                "Reposts (total)": "shares",
            },
        ),
        (
            "Date,Lifetime Total Likes,Daily New Likes,Daily Page Engaged Users,"
            "Daily Total Reach,Daily Total Impressions",
            "Facebook Page insights",
            {
                "Lifetime Total Likes": "followers",
                "Daily New Likes": "new_followers",
                "Daily Page Engaged Users": "engagements",
                "Daily Total Reach": "reach",
                "Daily Total Impressions": "impressions",
            },
        ),
        (
            "Date,Impressions,Likes,Engagements,Bookmarks,Shares,New follows,Unfollows,"
            "Replies,Reposts,Profile visits",
            "X (Twitter) analytics",
            {
                "Impressions": "impressions",
                "Likes": "reactions",
                "Engagements": "engagements",
                "Shares": "shares",
                "New follows": "new_followers",
                "Replies": "comments",
                "Profile visits": "profile_visits",
            },
        ),
        (
            "Date,Followers,Difference in followers from previous day",
            "TikTok analytics",
            {
                "Followers": "followers",
                "Difference in followers from previous day": "new_followers",
            },
        ),
        (
            "Date,Views,Watch time (hours),Subscribers,Impressions",
            "YouTube Studio",
            {"Views": "views", "Subscribers": "new_followers", "Impressions": "impressions"},
        ),
        (
            "Date,Network,Profile,Audience,Net Audience Growth,Impressions,Engagements,"
            "Post Link Clicks,Received Messages",
            "Sprout Social",
            {
                "Audience": "followers",
                "Net Audience Growth": "new_followers",
                "Impressions": "impressions",
                "Engagements": "engagements",
                "Post Link Clicks": "clicks",
                "Received Messages": "messages",
            },
        ),
        (
            "Date,Followers,New Followers,Impressions,Reach,Engagements,Posts",
            "generic",  # Buffer and Hootsuite use plain names
            {
                "Followers": "followers",
                "New Followers": "new_followers",
                "Impressions": "impressions",
                "Reach": "reach",
                "Engagements": "engagements",
                "Posts": "posts",
            },
        ),
    ],
)
def test_known_exports_by_column_names(
    tmp_path: Path, header: str, recognised_as: str, expected: dict[str, str]
) -> None:
    width = len(header.split(","))
    rows = "".join(f"2025-01-0{d},{','.join(['3'] * (width - 1))}\n" for d in (1, 2))
    result = read_export(write(tmp_path, "known.csv", header + "\n" + rows))
    assert result.recognised_as == recognised_as
    assert {c: s for c, s in result.mapping.items() if s != "date"} == expected


def test_meta_business_suite_single_metric_file(tmp_path: Path) -> None:
    text = 'sep=,\n"Facebook Page reach"\n"Date","Primary"\n"2025-01-01T00:00:00","120"\n'
    result = read_export(write(tmp_path, "Reach.csv", text))
    assert result.recognised_as == "Meta Business Suite"
    assert result.mapping == {"Date": "date", "Primary": "reach"}
    assert result.data["reach"].tolist() == [120.0]


def test_legacy_facebook_description_row_is_skipped(tmp_path: Path) -> None:
    text = (
        "Date,Lifetime Total Likes,Daily Total Reach\n"
        ",Lifetime: The total number of people who have liked your Page.,Daily: reach\n"
        "2025-01-01,500,40\n"
    )
    result = read_export(write(tmp_path, "fb.csv", text))
    assert result.data["followers"].tolist() == [500.0]
    assert "Read row 2 as a second header row (it describes the columns)." in result.notes


def test_day_month_ambiguity_is_noted(tmp_path: Path) -> None:
    text = "Date,Reach\n01/02/2025,1\n03/04/2025,2\n"
    result = read_export(write(tmp_path, "us.csv", text))
    assert result.data.index[0] == pd.Timestamp("2025-01-02")
    assert any("month/day/year" in note for note in result.notes)
    european = read_export(write(tmp_path, "eu.csv", "Dato;Reach\n01/02/2025;1\n03/04/2025;2\n"))
    assert european.data.index[0] == pd.Timestamp("2025-02-01")


# --------------------------------------------------------------- bad input


def test_empty_file(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"empty\.csv: the file is empty") as info:
        read_export(write(tmp_path, "empty.csv", ""))
    assert info.value.file_name == "empty.csv" and info.value.row is None


def test_png_bytes(tmp_path: Path) -> None:
    path = tmp_path / "chart.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(ExportError, match="PNG image, not a table"):
        read_export(path)


def test_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.csv"
    path.write_bytes(np.random.default_rng(0).integers(0, 256, 4096, dtype=np.uint8).tobytes())
    with pytest.raises(ExportError, match=r"noise\.csv"):
        read_export(path)


def test_no_date_column(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"found no date column.*'Followers'"):
        read_export(write(tmp_path, "nodate.csv", "Followers,Reach\n1,2\n3,4\n"))


def test_unparseable_dates(tmp_path: Path) -> None:
    text = "Date,Followers\n2025-01-01,1\n2025-01-02,2\nyesterday,3\n"
    with pytest.raises(ExportError) as info:
        read_export(write(tmp_path, "dates.csv", text))
    assert info.value.row == 4 and info.value.column == "Date"
    assert "'yesterday'" in str(info.value)
    with pytest.raises(ExportError, match="could not read 'soon' as a date"):
        read_export(write(tmp_path, "dates2.csv", "Date,Followers\nsoon,1\nlater,2\n"))


def test_text_in_a_metric_column(tmp_path: Path) -> None:
    text = "Title row\nDate,Followers\n2025-01-01,10\n2025-01-02,lots\n"
    with pytest.raises(ExportError) as info:
        read_export(write(tmp_path, "text.csv", text))
    assert info.value.row == 4 and info.value.column == "Followers"
    assert str(info.value) == (
        "text.csv, row 4, column 'Followers': expected a number, found 'lots'"
    )


def test_infinite_numbers_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="expected a number, found 'inf'"):
        read_export(write(tmp_path, "inf.csv", "Date,Reach\n2025-01-01,inf\n"))


def test_negative_counts(tmp_path: Path) -> None:
    text = "Date,Followers,New followers\n2025-01-01,10,-3\n2025-01-02,-5,2\n"
    with pytest.raises(ExportError, match="row 3, column 'Followers': expected a count"):
        read_export(write(tmp_path, "neg.csv", text))
    # Net new followers may be negative.
    ok = read_export(write(tmp_path, "net.csv", "Date,New followers\n2025-01-01,-3\n"))
    assert ok.data["new_followers"].tolist() == [-3.0]


def test_oversized_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "big.csv", "Date,Followers\n" + "2025-01-01,1\n" * 200)
    monkeypatch.setattr(tables, "MAX_UPLOAD_BYTES", 1024)  # the one limit, in socialcase.tables
    with pytest.raises(ExportError, match=r"the file is 2\.\d KB; the limit is 1\.0 KB"):
        read_export(path)
    with pytest.raises(ExportError, match="the limit is 100 bytes"):
        read_export(path.read_bytes(), "big.csv", max_bytes=100)
    with pytest.raises(ExportError, match="limit"):
        read_export(io.BytesIO(path.read_bytes()), "big.csv")


def test_damaged_xlsx(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    pd.DataFrame({"Date": DATES, "Followers": range(5)}).to_excel(good, index=False)
    truncated = good.read_bytes()[: len(good.read_bytes()) // 2]
    with pytest.raises(ExportError, match="damaged or incomplete"):
        read_export(truncated, "cut.xlsx")


def test_encrypted_xlsx(tmp_path: Path) -> None:
    # A password-protected .xlsx is an OLE compound file (CFB) holding the
    # encrypted package, so it starts with the CFB signature D0 CF 11 E0 A1
    # B1 1A E1 rather than a ZIP header.  This fake has the signature and junk.
    path = tmp_path / "secret.xlsx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00\x01junk" * 100)
    with pytest.raises(ExportError, match="password-protected"):
        read_export(path)


def test_header_without_rows_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no data rows"):
        read_export(write(tmp_path, "head.csv", "Date,Followers\n"))
    with pytest.raises(ExportError, match="could not open"):
        read_export(tmp_path / "missing.csv")


def test_ragged_row_names_its_row(tmp_path: Path) -> None:
    text = "Date,Followers\n2025-01-01,1\n2025-01-02,2,3,4\n"
    with pytest.raises(ExportError, match="row 3") as info:
        read_export(write(tmp_path, "ragged.csv", text))
    assert "header row has 2" in str(info.value)


# ---------------------------------------------------------------- property


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    counts=st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=40),
    style=st.sampled_from(["plain", "us", "eu", "space"]),
)
def test_imported_totals_equal_written_totals(
    tmp_path: Path, counts: list[int], style: str
) -> None:
    sep = ";" if style == "eu" else ","

    def fmt(n: int) -> str:
        if style == "us":
            return f'"{n:,}"'
        if style == "eu":
            return f"{n:,}".replace(",", ".")
        if style == "space":
            return f"{n:,}".replace(",", " ")
        return str(n)

    dates = pd.date_range("2025-01-01", periods=len(counts), freq="D")
    text = f"Date{sep}Reach\n" + "".join(
        f"{d:%Y-%m-%d}{sep}{fmt(n)}\n" for d, n in zip(dates, counts, strict=True)
    )
    result = read_export(text.encode(), f"{style}.csv")
    assert result.data["reach"].sum() == sum(counts)
    assert len(result.data) == len(counts)


# ------------------------------------------------------------ hostile input


def test_zip_bomb_xlsx_is_refused_before_parsing() -> None:
    raw = bomb_xlsx(tables.MAX_XLSX_UNCOMPRESSED_BYTES + 1024 * 1024)
    assert len(raw) < 2 * 1024 * 1024  # a small file...
    with pytest.raises(ExportError, match=r"bomb\.xlsx: the workbook unzips to 25\d\.\d MB, more"):
        read_export(raw, "bomb.xlsx")  # ...refused from the ZIP directory, nothing unpacked


def test_xlsx_with_too_many_cells_is_refused_from_its_dimension(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Date", "Followers"])
    sheet.append(["2025-01-01", 1])
    sheet.cell(row=1_000_000, column=10, value=1)  # the sheet now spans A1:J1000000
    path = tmp_path / "wide.xlsx"
    book.save(path)
    with pytest.raises(
        ExportError, match=r"holds 10,000,000 cells or more; the limit is 3,000,000"
    ):
        read_export(path)


def test_dates_outside_2000_to_next_year_are_refused_or_left_out(tmp_path: Path) -> None:
    # Two rows dated 1700 and 2260 would make a daily index of 560 years.
    with pytest.raises(ExportError, match=r"fall outside 2000 to 20\d\d"):
        read_export(write(tmp_path, "old.csv", "Date,Followers\n1700-01-01,1\n2260-01-01,2\n"))
    text = "Date,Reach\n2025-01-01,1\n2025-01-02,2\n1900-01-01,5\n"
    result = read_export(write(tmp_path, "typo.csv", text))
    assert len(result.data) == 2 and result.data["reach"].sum() == 3
    assert any(
        "Left out 1 row(s) dated outside 2000" in n and "row 4: '1900-01-01'" in n
        for n in result.notes
    )


def test_a_long_cell_is_cut_in_messages(tmp_path: Path) -> None:
    text = "Date,Followers\n2025-01-01,1\n" + "x" * 100_000 + ",2\n"
    with pytest.raises(ExportError) as info:
        read_export(write(tmp_path, "long.csv", text))
    message = str(info.value)
    assert len(message) < 400 and "(100,000 characters)" in message
    text = "Date,Followers\n2025-01-01,1\n2025-01-02," + "9" * 50 + "z" * 100_000 + "\n"
    with pytest.raises(ExportError) as info:
        read_export(write(tmp_path, "long2.csv", text))
    assert len(str(info.value)) < 400


def test_time_budget_says_so_instead_of_hanging(tmp_path: Path) -> None:
    path = write(tmp_path, "slow.csv", "Date,Followers\n2025-01-01,1\n")
    with pytest.raises(ExportError, match=r"took longer than 0 seconds \(stopped while reading"):
        read_export(path, time_budget_seconds=0)


@pytest.mark.parametrize(
    ("cells", "first", "last"),
    [
        (["Mon Feb 17 2025", "Sun Feb 16 2025"], "2025-02-16", "2025-02-17"),
        (['"Tue, Feb 18, 2025"', '"Mon, Feb 17, 2025"'], "2025-02-17", "2025-02-18"),
        (["13-06-2025", "14-06-2025"], "2025-06-13", "2025-06-14"),
        (["2. mars 2025", "3. mars 2025"], "2025-03-02", "2025-03-03"),
        (["1 de abril de 2025", "2 de abril de 2025"], "2025-04-01", "2025-04-02"),
        (["15 déc. 2024", "16 déc. 2024"], "2024-12-15", "2024-12-16"),
        (["2025-03-01 23:30 -0800", "2025-03-02 08:00 +0100"], "2025-03-01", "2025-03-02"),
        # Day-first decided from the whole column: only the 40th row says so.
        (
            [f"{d:02d}/03/2025" for d in range(1, 13)] * 3 + ["13/03/2025"],
            "2025-03-01",
            "2025-03-13",
        ),
    ],
)
def test_dates_as_exports_write_them(
    tmp_path: Path, cells: list[str], first: str, last: str
) -> None:
    text = "Date,Reach\n" + "".join(f"{c},1\n" for c in cells)
    result = read_export(write(tmp_path, "dates.csv", text))
    assert f"{result.data.index[0]:%Y-%m-%d}" == first
    assert f"{result.data.index[-1]:%Y-%m-%d}" == last
    assert result.data["reach"].sum() == len(cells)  # no row lost


def test_month_first_column_decided_by_row_distance(tmp_path: Path) -> None:
    # 01/02 .. 12/02: either reading parses; day by day only as month/day.
    cells = [f"01/{d:02d}/2025" for d in range(1, 13)]
    result = read_export(
        write(tmp_path, "md.csv", "Date,Reach\n" + "".join(f"{c},1\n" for c in cells))
    )
    assert f"{result.data.index[-1]:%Y-%m-%d}" == "2025-01-12"
    cells = [f"{d:02d}/01/2025" for d in range(1, 13)]
    result = read_export(
        write(tmp_path, "dm.csv", "Date,Reach\n" + "".join(f"{c},1\n" for c in cells))
    )
    assert f"{result.data.index[-1]:%Y-%m-%d}" == "2025-01-12"


def test_russian_tiktok_dates_without_a_year(tmp_path: Path) -> None:
    # TikTok Studio in a Russian UI writes "28 апреля" (seen in public parsers of its export).
    text = '"Date","Video Views"\n"28 апреля","342"\n"29 апреля","336"\n"1 мая","330"\n'
    result = read_export(write(tmp_path, "Overview_2026-05-02.csv", text))
    assert f"{result.data.index[-1]:%Y-%m-%d}" == "2026-05-01"
    assert result.data["video_views"].sum() == 342 + 336 + 330


def test_plain_numbers_read_fast_and_a_later_odd_cell_still_read(tmp_path: Path) -> None:
    # The first rows are plain numbers (read as floats by the parser); row 102 has a
    # thousands separator, so the table is read again as text and the cell is 1,234.
    dates = pd.date_range("2025-01-01", periods=101, freq="D")
    rows = "".join(f"{d:%Y-%m-%d},{i}\n" for i, d in enumerate(dates[:-1]))
    text = "Date,Reach\n" + rows + f'{dates[-1]:%Y-%m-%d},"1,234"\n'
    result = read_export(write(tmp_path, "late.csv", text))
    assert result.data["reach"].iloc[-1] == 1234.0
    assert result.data["reach"].sum() == sum(range(100)) + 1234
    huge = "Date,Reach\n2025-01-01,1\n2025-01-02,1e400\n"
    with pytest.raises(ExportError, match=r"row 3, column 'Reach': expected a number"):
        read_export(write(tmp_path, "huge.csv", huge))
    negative = "Date,Followers\n2025-01-01,1\n2025-01-02,-4\n"
    with pytest.raises(ExportError, match=r"row 3, column 'Followers': expected a count"):
        read_export(write(tmp_path, "negative.csv", negative))


def test_new_followers_are_net_of_the_losses_column_beside_them() -> None:
    # X's overview writes "New follows" and "Unfollows"; the net change is their difference
    # row by row: 5 - 2 = 3, 1 - 4 = -3, 0 - 0 = 0 (a blank loss counts as none).
    csv_text = "Date,New follows,Unfollows\n2025-02-01,5,2\n2025-02-02,1,4\n2025-02-03,0,\n"
    export = read_export(csv_text.encode(), "overview.csv")
    assert export.data["new_followers"].tolist() == [3.0, -3.0, 0.0]
    assert any("'New follows' minus 'Unfollows'" in n for n in export.notes)


def test_subscribers_gained_minus_lost_and_no_change_without_losses() -> None:
    with_losses = "Date,Subscribers gained,Subscribers lost\n2025-03-01,10,4\n2025-03-02,7,9\n"
    export = read_export(with_losses.encode(), "Chart data.csv")
    assert export.data["new_followers"].tolist() == [6.0, -2.0]
    gains_only = "Date,New follows\n2025-02-01,5\n2025-02-02,1\n"
    export = read_export(gains_only.encode(), "overview.csv")
    assert export.data["new_followers"].tolist() == [5.0, 1.0]
    assert not any("minus" in n for n in export.notes)
