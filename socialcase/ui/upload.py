"""A file upload that checks the file's size in the browser, before any byte is sent.

ipywidgets' FileUpload sends the whole file over the websocket first: a file above the
limit is refused only once it has arrived (or, above the server's websocket message
size, never arrives and nothing is said). `SizedUpload` reads ``File.size`` in the
browser, says at once that a file is too large, and sends an allowed file as one
binary message. The kernel side looks like FileUpload's: ``value`` is a tuple of one
``{"name", "size", "type", "content"}`` dict, observed with ``observe(..., "value")``.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import anywidget
import traitlets

__all__ = ["SizedUpload", "size_text"]


def size_text(size_bytes: int) -> str:
    """A file size as people read it: ``'812 bytes'``, ``'47 KB'``, ``'11.8 MB'``, ``'50 MB'``.

    Binary units (1 MB = 1,048,576 bytes), the units of the stated 50 MB limit
    (`socialcase.tables.MAX_UPLOAD_BYTES`); a whole number of MB is written without a decimal.

    >>> size_text(812), size_text(48_213), size_text(12_345_678), size_text(50 * 1024 * 1024)
    ('812 bytes', '47 KB', '11.8 MB', '50 MB')
    """
    if size_bytes < 1024:
        return f"{size_bytes} bytes"
    if size_bytes < 1024 * 1024:
        return f"{size_bytes / 1024:.0f} KB"
    megabytes = size_bytes / (1024 * 1024)
    return f"{megabytes:.0f} MB" if megabytes == int(megabytes) else f"{megabytes:.1f} MB"


class SizedUpload(anywidget.AnyWidget):
    """``SizedUpload(description=, accept=, max_bytes=)``; observe ``value``.

    `max_bytes` is checked in the browser. `message` is what the widget says beside its
    button (the refusal of a file that is too large, "Sending ..." while one travels); the
    kernel clears it when the file has arrived.
    """

    _esm = resources.files("socialcase").joinpath("static", "upload.js").read_text("utf-8")
    description = traitlets.Unicode("Upload").tag(sync=True)
    accept = traitlets.Unicode("").tag(sync=True)
    max_bytes = traitlets.Int(50 * 1024 * 1024).tag(sync=True)
    message = traitlets.Unicode("").tag(sync=True)
    words = traitlets.Dict().tag(sync=True)  # the browser's sentences, in the page's language
    refused = traitlets.Unicode("")  # the last refusal, for the kernel side (not synced)
    value = traitlets.Tuple()  # not synced: the bytes stay in the kernel

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        from socialcase.i18n import gettext

        self.words = {
            "too_large": gettext(
                "{file} is {size}; this page reads files up to {limit}. Export a shorter date "
                "range or fewer columns, or split the file."
            ),
            "sending": gettext("Sending {file} ({size}) ..."),
        }
        self._received = 0
        self.on_msg(self._on_message)

    def _on_message(self, _: Any, content: Any, buffers: list[Any]) -> None:
        if not isinstance(content, dict):
            return
        name = str(content.get("name", "upload"))[:200]
        if content.get("kind") == "refused":
            self.refused = name
            return
        if content.get("kind") != "file" or not buffers:
            return
        data = memoryview(buffers[0]).cast("B")
        if data.nbytes > self.max_bytes:  # a page that skipped the browser's check
            self.message = self.too_large(name, data.nbytes)
            self.refused = name
            return
        self._received += 1
        self.message = ""
        self.value = (
            {
                "name": name,
                "size": data.nbytes,
                "type": str(content.get("type", ""))[:100],
                "content": data,
                "upload": self._received,  # a new upload even when the file is the same
            },
        )

    def too_large(self, name: str, size_bytes: int) -> str:
        """The refusal of a file above `max_bytes` (the browser writes the same words)."""
        from socialcase.i18n import gettext

        return gettext(
            "{file} is {size}; this page reads files up to {limit}. Export a shorter date "
            "range or fewer columns, or split the file."
        ).format(file=name, size=size_text(size_bytes), limit=size_text(self.max_bytes))
