"""Tests for socialcase.ui.upload: the upload that checks a file's size before sending it."""

from __future__ import annotations

from pathlib import Path

from socialcase.i18n import use_language
from socialcase.tables import MAX_UPLOAD_BYTES
from socialcase.ui.upload import SizedUpload, size_text


def test_a_file_message_with_its_bytes_becomes_the_value() -> None:
    upload = SizedUpload(max_bytes=100)
    seen: list[object] = []
    upload.observe(lambda change: seen.append(change["new"]), names="value")
    upload.message = "Sending inbox.csv (11 bytes) ..."
    upload._on_message(
        upload, {"kind": "file", "name": "inbox.csv", "type": "text/csv"}, [b"a,b\n1,2\n"]
    )
    (item,) = upload.value
    assert bytes(item["content"]) == b"a,b\n1,2\n" and item["name"] == "inbox.csv"
    assert item["size"] == 8 and upload.message == ""
    # The same file chosen again is a new upload: the observers hear it a second time.
    upload._on_message(upload, {"kind": "file", "name": "inbox.csv"}, [b"a,b\n1,2\n"])
    assert len(seen) == 2


def test_a_file_above_the_limit_is_refused_even_if_the_page_sent_it() -> None:
    upload = SizedUpload(max_bytes=4)
    upload._on_message(upload, {"kind": "file", "name": "big.csv"}, [b"12345"])
    assert upload.value == ()
    assert upload.refused == "big.csv"
    assert upload.message == (
        "big.csv is 5 bytes; this page reads files up to 4 bytes. Export a shorter date "
        "range or fewer columns, or split the file."
    )


def test_messages_that_are_not_files_change_nothing() -> None:
    upload = SizedUpload()
    for content, buffers in [("text", []), ({"kind": "file"}, []), ({"kind": "other"}, [b"x"])]:
        upload._on_message(upload, content, buffers)
    assert upload.value == () and upload.message == ""


def test_sizes_read_in_the_units_of_the_stated_limit() -> None:
    assert size_text(MAX_UPLOAD_BYTES) == "50 MB"  # the README's "files up to 50 MB"
    assert size_text(MAX_UPLOAD_BYTES + 5 * 1024 * 1024) == "55 MB"
    assert size_text(1023) == "1023 bytes" and size_text(1024) == "1 KB"


def test_the_browser_says_the_same_words_as_the_kernel() -> None:
    # upload.js writes the refusal itself (no round trip), from the kernel's sentence in
    # the page's language (`words`), filling in the file, its size and the limit.
    script = (Path(__file__).parents[1] / "socialcase" / "static" / "upload.js").read_text()
    upload = SizedUpload(max_bytes=1024)
    message = upload.too_large("big.csv", 2048)
    assert message == (
        "big.csv is 2 KB; this page reads files up to 1 KB. Export a shorter date range or "
        "fewer columns, or split the file."
    )
    template = upload.words["too_large"]
    filled = template.replace("{file}", "big.csv").replace("{size}", "2 KB")
    assert filled.replace("{limit}", "1 KB") == message
    for words in (".too_large", '.replace("{file}", file.name)', '.replace("{limit}"'):
        assert words in script
    with use_language("nb"):
        assert SizedUpload(max_bytes=1024).words["too_large"].startswith("{file} er {size}")
