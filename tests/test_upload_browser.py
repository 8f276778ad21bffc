"""The upload in a real browser: a file above the limit is refused before it is sent."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from socialcase.tables import MAX_UPLOAD_BYTES

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _sent_frame_sizes(page: Any) -> list[int]:
    """The size of every websocket frame the page sends from now on (bytes or characters)."""
    sizes: list[int] = []

    def watch(socket: Any) -> None:
        socket.on("framesent", lambda payload: sizes.append(len(payload)))

    page.on("websocket", watch)
    return sizes


def test_a_file_above_the_limit_is_refused_at_once_and_never_sent(
    voila_server: Any, watched: Any, tmp_path: Path
) -> None:
    big = tmp_path / "all of 2024.csv"
    with big.open("wb") as handle:  # 55 MB (binary units, as the limit): sparse, never read
        handle.truncate(MAX_UPLOAD_BYTES + 5 * 1024 * 1024)
    watched.open(voila_server.url)
    sizes = _sent_frame_sizes(watched.page)
    with watched.page.expect_file_chooser() as chooser:
        watched.page.click(".sc-upload-growth")
    chooser.value.set_files(str(big))
    status = watched.page.locator(".sc-upload-growth .sc-upload-status")
    status.wait_for(timeout=5_000)
    watched.page.wait_for_function(
        "() => document.querySelector('.sc-upload-growth .sc-upload-status')"
        ".innerText.includes('reads files up to')",
        timeout=5_000,
    )
    assert status.inner_text() == (
        "all of 2024.csv is 55 MB; this page reads files up to 50 MB. Export a shorter date "
        "range or fewer columns, or split the file."
    )
    assert "sc-error" in (status.get_attribute("class") or "")
    watched.page.wait_for_timeout(1_000)
    assert max(sizes, default=0) < 100_000  # the file's bytes never left the browser
    assert watched.errors == []


def test_an_allowed_file_arrives_whole_and_the_status_clears(
    voila_server: Any, watched: Any, tmp_path: Path
) -> None:
    rows = "\n".join(f"2025-01-{day:02d},{1000 + 7 * day}" for day in range(1, 29))
    path = tmp_path / "followers.csv"
    path.write_text("Date,Followers\n" + rows + "\n")
    watched.open(voila_server.url)
    with watched.page.expect_file_chooser() as chooser:
        watched.page.click(".sc-upload-growth")
    chooser.value.set_files(str(path))
    watched.page.get_by_text("followers.csv").first.wait_for(timeout=60_000)
    watched.page.wait_for_function(
        "() => document.querySelector('.sc-upload-growth .sc-upload-status').innerText === ''",
        timeout=30_000,
    )
    assert watched.errors == []
