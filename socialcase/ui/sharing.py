"""Step 10's sharing tools: the link, scenario files, a comparison and the leadership report.

Downloads are built in memory and handed to the browser as data links: nothing
the user entered is written to the server's disk.
"""

from __future__ import annotations

import base64
import html
import logging
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from socialcase import files
from socialcase.errors import InputError
from socialcase.i18n import gettext
from socialcase.page import growth_from_carried, inbox_from_carried
from socialcase.scenario import Scenario
from socialcase.travel import CarriedGrowth, CarriedInbox
from socialcase.ui.evidence import GrowthEvidence, InboxEvidence
from socialcase.ui.linkwidget import LinkBar
from socialcase.ui.parts import hbox, html_widget, vbox
from socialcase.ui.upload import SizedUpload

__all__ = [
    "SharingPanel",
    "carried_growth",
    "carried_inbox",
    "data_link",
    "growth_from_carried",
    "inbox_from_carried",
]

log = logging.getLogger("socialcase.dashboard")


def data_link(payload: bytes, file_name: str, mime: str, label: str, css: str) -> str:
    """An <a download> whose href carries the file itself (no request to any server)."""
    encoded = base64.b64encode(payload).decode()
    return (
        f'<a class="{css} jupyter-button sc-download" download="{html.escape(file_name)}" '
        f'href="data:{mime};base64,{encoded}">{html.escape(label)}</a>'
    )


def _heading(text: str) -> str:
    return f"<h3>{html.escape(text)}</h3>"


def _note(text: str, error: bool = False) -> str:
    tone = "sc-error" if error else "sc-note"
    role = ' role="alert"' if error else ""
    return f'<span class="{tone}"{role}>{html.escape(text)}</span>'


class SharingPanel:
    """Copy link, save/open/compare scenarios, export the report."""

    def __init__(
        self,
        link: LinkBar,
        current: Callable[[], Scenario],
        open_scenario: Callable[[files.LoadResult], None],
        report: Callable[[], str],
        saved_text: Callable[[], str] | None = None,
    ) -> None:
        self._current, self._open, self._report = current, open_scenario, report
        self._saved_text = saved_text or (lambda: files.dumps(self._current()))
        self._link = link
        self.long_link = html_widget()
        self.long_link.add_class("sc-long-link")
        self.long_link.add_class("sc-link-notes")
        self.download = html_widget()
        self.download.add_class("sc-download-scenario")
        self.open_upload = SizedUpload(
            accept=".json", description=gettext("Open scenario"), max_bytes=files.MAX_FILE_BYTES
        )
        self.open_upload.add_class("sc-upload-scenario")
        self.open_upload.observe(self._opened, names="value")
        self.compare_upload = SizedUpload(
            accept=".json",
            description=gettext("Compare with a saved scenario"),
            max_bytes=files.MAX_FILE_BYTES,
        )
        self.compare_upload.add_class("sc-upload-compare")
        self.compare_upload.observe(self._compared, names="value")
        self.file_message = html_widget()
        self.file_message.add_class("sc-file-message")
        self.comparison = html_widget()
        self.comparison.add_class("sc-comparison")
        self.report_html = widgets.Button(
            description=gettext("Prepare the report (HTML)"), layout=widgets.Layout(width="auto")
        )
        self.report_html.add_class("sc-report-html")
        self.report_html.on_click(self._prepare_html)
        self.report_pdf = widgets.Button(
            description=gettext("Prepare the report (PDF)"), layout=widgets.Layout(width="auto")
        )
        self.report_pdf.add_class("sc-report-pdf")
        self.report_pdf.on_click(self._prepare_pdf)
        self.report_link = html_widget()
        self.report_link.add_class("sc-report-link")
        self.refresh()
        self.widget = vbox(
            [
                html_widget(_heading(gettext("Share a link that reproduces this exact case"))),
                link,
                self.long_link,
                html_widget(_heading(gettext("Save, open or compare scenarios"))),
                hbox([self.download, self.open_upload, self.compare_upload]),
                self.file_message,
                self.comparison,
                html_widget(
                    _heading(gettext("The leadership report"))
                    + "<p>"
                    + html.escape(
                        gettext(
                            "Verdict first, the evidence, the risks, the bottom line and every "
                            "assumption with its source; it opens without internet."
                        )
                    )
                    + "</p>"
                ),
                hbox([self.report_html, self.report_pdf]),
                self.report_link,
            ]
        )

    def refresh(self) -> None:
        """Keep the 'Save scenario' link, and what the link leaves out, in step with the case."""
        payload = self._saved_text().encode()
        self.download.value = data_link(
            payload,
            "socialcase-scenario.json",
            "application/json",
            gettext("Save scenario"),
            "sc-save-scenario",
        )
        notes = self._link.notes
        if notes:
            offer = data_link(
                payload,
                "socialcase-scenario.json",
                "application/json",
                gettext("Save the scenario file"),
                "sc-save-scenario-instead",
            )
            lead = "" if self._link.refused else gettext("This link is very long:") + " "
            self.long_link.value = (
                f'<div class="sc-note sc-link-warning" role="status">{html.escape(lead)}'
                f"{html.escape(' '.join(notes))} {offer}</div>"
            )
        else:
            self.long_link.value = ""

    def _uploaded(self, upload: SizedUpload) -> tuple[files.LoadResult, str] | str:
        item = upload.value[0]
        name = str(item["name"])
        try:
            return files.loads(bytes(item["content"]), name), name
        except InputError as error:
            return gettext("{error} The case on screen stays.").format(error=error)

    def _opened(self, change: dict[str, Any]) -> None:
        if not self.open_upload.value:
            return
        result = self._uploaded(self.open_upload)
        if isinstance(result, str):
            self.file_message.value = _note(result, error=True)
            return
        loaded, name = result
        self._open(loaded)
        self.show_opened(loaded, name)

    def show_opened(self, loaded: files.LoadResult, name: str) -> None:
        """Say what was opened, what the file's notes say and what was ignored."""
        note = gettext("Opened {file}.").format(file=name)
        if loaded.notes:
            note += " " + " ".join(loaded.notes)
        if loaded.ignored:
            note += " " + gettext("Ignored:") + " " + " ".join(loaded.ignored)
        self.file_message.value = _note(note)

    def _compared(self, change: dict[str, Any]) -> None:
        if not self.compare_upload.value:
            return
        result = self._uploaded(self.compare_upload)
        if isinstance(result, str):
            self.file_message.value = _note(result, error=True)
            return
        loaded, name = result
        try:
            table = files.comparison_table(
                files.compare(loaded.scenario, self._current()),
                names=(name, gettext("on screen")),
            )
        except Exception:
            log.exception("socialcase: comparing with %s failed", name)
            self.file_message.value = _note(
                gettext("{file} could not be compared.").format(file=name), error=True
            )
            return
        self.file_message.value = _note(
            gettext("Compared {file} with the case on screen.").format(file=name)
        )
        self.comparison.value = table.to_html(
            classes="sc-compare-table", escape=True, na_rep="", float_format=lambda v: f"{v:,.2f}"
        )

    def _prepare_html(self, _: Any) -> None:
        self.report_link.value = _note(gettext("Preparing the report..."))
        try:
            text = self._report()
        except Exception:
            log.exception("socialcase: the report failed")
            self.report_link.value = _note(
                gettext("The report could not be made; the dashboard still works. Try again."),
                error=True,
            )
            return
        self.report_link.value = data_link(
            text.encode(),
            "socialcase-report.html",
            "text/html",
            gettext("Download the report (HTML)"),
            "sc-report-download",
        )

    def _prepare_pdf(self, _: Any) -> None:
        """Print the PDF in a thread: Playwright's sync API cannot run in the kernel's loop."""
        self.report_link.value = _note(gettext("Printing the PDF (a few seconds)..."))
        text = self._report()
        # Said in the page's language: the thread does not see the page's scoped language.
        failed = gettext(
            "This server cannot print PDFs (it needs Chromium). Download the HTML "
            "report and print it from your browser instead."
        )
        ready = gettext("Download the report (PDF)")

        def work() -> None:
            from socialcase.report import report_pdf

            try:
                with tempfile.TemporaryDirectory() as folder:
                    path = report_pdf(text, Path(folder) / "report.pdf")
                    payload = path.read_bytes()
            except Exception:
                log.exception("socialcase: printing the PDF failed")
                self.report_link.value = _note(
                    failed,
                    error=True,
                )
                return
            self.report_link.value = data_link(
                payload,
                "socialcase-report.pdf",
                "application/pdf",
                ready,
                "sc-report-download",
            )

        threading.Thread(target=work, daemon=True).start()


# --- the lead's evidence as it travels in a link or a file ------------------------------------


def carried_growth(evidence: GrowthEvidence) -> CarriedGrowth:
    """The studied series of an upload, as a link or a file carries it."""
    export = evidence.export
    return CarriedGrowth(
        export.file_name, evidence.metric, evidence.series, export.recognised_as, export.frequency
    )


def carried_inbox(evidence: InboxEvidence) -> CarriedInbox:
    return CarriedInbox(evidence.file_name, evidence.stats)
