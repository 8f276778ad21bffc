"""The hostile-input pass (devtools.hostile) runs, and each case it tries is answered in words."""

from __future__ import annotations

import pytest

from devtools import hostile


def test_every_tampered_link_is_answered_with_a_notice_and_the_sample_case() -> None:
    seen = list(hostile.links())
    assert len(seen) == len(hostile.link_queries()) + 2  # and the two long-answer cases
    tampered = seen[: len(hostile.link_queries())]
    for row in tampered:
        assert row.shown.startswith("Parts of the link were ignored:"), row
        assert row.kept == "net value -$12,722", row  # the sample case's NPV (test_page)
    longest = seen[-1]
    assert "were cut to" in longest.shown and "Save t" in longest.shown
    assert int(longest.kept.split()[1].replace(",", "")) <= 8000  # share.LINK_BUDGET_CHARS


@pytest.mark.slow
def test_every_hostile_upload_is_answered_and_the_case_is_kept() -> None:
    for row in hostile.uploads():
        assert row.shown != "(nothing)", row
        assert row.kept == "kept", row
        assert row.seconds < 30, row  # imports' time budget
