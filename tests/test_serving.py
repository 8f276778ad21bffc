"""Serving the dashboard to people: query keys closed, kernels given back, page weight,
uploads of the README's size over the websocket (issue 13 items 1, 2, 3, 5; issue 12 item 1).

The browser tests drive a real Voila (127.0.0.1) with the project's voila.json, in
Debian's Chromium. Every wait is bounded.
"""

from __future__ import annotations

import inspect
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import DASHBOARD, LOAD_MS, READY, PageWatch

from devtools import serve
from devtools.serve import ROOT, VoilaServer
from socialcase.tables import MAX_UPLOAD_BYTES

VOILA = json.loads((ROOT / "voila.json").read_text())
SERVER = json.loads((ROOT / "etc/jupyter/jupyter_server_config.json").read_text())
PAGE_BUDGET_BYTES = 7_000_000  # issue 12: at most 7 MB transferred for the dashboard
PAYLOAD = '"><img src=x onerror="window.__pwned=1"></script><script>window.__pwned=1</script>'
# Voila's own query keys and the keys the case reads from a link (socialcase.share).
QUERY_KEYS = ("theme", "template", "classic-tree", "sc", "d")
PROBES = (
    "template=nonexistent",
    "template=../../../../etc",
    "template=%2e%2e%2f%2e%2e%2f",
    "template=classic",
    "template=reveal",
    "theme=dark",
    "theme=%00",
    "theme=../../../../etc/passwd",
    "classic-tree=1",
    "sc=abc&d=%%%",
    "sc=1&d=" + "A" * 20_000,
)


# -- settings (quick) -------------------------------------------------------------------


def test_voila_refuses_theme_and_template_from_the_link() -> None:
    config = VOILA["VoilaConfiguration"]
    assert config["allow_template_override"] == "NO"
    assert config["allow_theme_override"] == "NO"
    assert config["template"] == "socialcase"


def test_unused_extensions_are_off_for_the_dashboard() -> None:
    # plotly's JupyterLab extension is a 4.8 MB bundle the charts never use (they load
    # the template's own plotly.js); pygments only colours code, and sources are stripped.
    assert {"jupyterlab-plotly", "jupyterlab_pygments"} <= set(
        VOILA["VoilaConfiguration"]["extension_denylist"]
    )


@pytest.mark.parametrize(
    "settings",
    [VOILA["Voila"]["tornado_settings"], SERVER["ServerApp"]["tornado_settings"]],
    ids=["standalone", "server-extension"],
)
def test_websocket_messages_fit_the_largest_upload(settings: dict[str, Any]) -> None:
    # A file goes to the kernel in one websocket message (ipywidgets' FileUpload);
    # tornado's default limit is 10 MiB. Room above the file for the message around it.
    assert settings["websocket_max_message_size"] >= MAX_UPLOAD_BYTES * 1.5
    assert settings["compress_response"] is True


@pytest.mark.parametrize("culling", [VOILA["MappingKernelManager"], SERVER["MappingKernelManager"]])
def test_kernels_no_page_uses_are_culled(culling: dict[str, Any]) -> None:
    assert 0 < culling["cull_idle_timeout"] <= 900
    assert 0 < culling["cull_interval"] <= culling["cull_idle_timeout"]
    assert culling["cull_connected"] is False  # an open page keeps its kernel


@pytest.mark.parametrize(
    "app", [VOILA["Voila"], SERVER["ServerApp"]], ids=["standalone", "server-extension"]
)
def test_kernel_websockets_send_each_message_at_once(app: dict[str, Any]) -> None:
    # Nagle's algorithm held an update's first figure for the browser's delayed ACK (40 ms)
    # behind the kernel's "busy" status; the connection class turns it off (TCP_NODELAY).
    from jupyter_server.services.kernels.connection.channels import (
        ZMQChannelsWebsocketConnection,
    )

    from socialcase.ui import serving

    dotted = app["kernel_websocket_connection_class"]
    assert dotted == "socialcase.ui.serving.NoDelayKernelConnection"
    assert issubclass(serving.NoDelayKernelConnection, ZMQChannelsWebsocketConnection)
    assert "set_nodelay(True)" in inspect.getsource(serving.NoDelayKernelConnection.connect)


def test_make_dashboard_uses_the_measured_pool() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(rf"^POOL_SIZE \?= {serve.DASHBOARD_POOL_SIZE}$", makefile, re.M)
    fill = f"{serve.DASHBOARD_FILL_DELAY_SECONDS:g}"
    assert re.search(rf"^FILL_DELAY \?= {fill}$", makefile, re.M)


def test_binder_takes_the_server_settings_from_etc_jupyter() -> None:
    post_build = (ROOT / "binder/postBuild").read_text()
    assert "etc/jupyter/jupyter_server_config.json" in post_build
    assert 'cp voila.json "$prefix/etc/jupyter/voila.json"' in post_build


# -- a real server -------------------------------------------------------------------------


def _get(url: str, timeout_s: float = 180.0) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


@pytest.mark.browser
@pytest.mark.parametrize("key", QUERY_KEYS)
def test_script_in_a_query_key_never_runs(
    voila_server: VoilaServer, watched: PageWatch, key: str
) -> None:
    query = urllib.parse.urlencode({key: PAYLOAD})
    watched.open(f"{voila_server.url}?{query}")
    assert watched.page.evaluate("() => window.__pwned === undefined")
    assert watched.page.evaluate("() => document.title") != "PWNED"
    assert watched.page.locator("img[src=x]").count() == 0
    assert watched.external == []
    # Still the project's own page, with the verdict.
    assert watched.page.locator(".sc-loading, .sc-headline").count() > 0


@pytest.mark.browser
@pytest.mark.parametrize("template", ["classic", "reveal"])
def test_a_link_cannot_switch_to_a_template_that_fetches_from_cdns(
    voila_server: VoilaServer, watched: PageWatch, template: str
) -> None:
    watched.open(f"{voila_server.url}?template={template}")
    assert watched.external == []
    assert watched.page.locator(".sc-headline").count() > 0


@pytest.mark.browser
@pytest.mark.parametrize("probe", PROBES)
def test_every_query_key_answers_a_whole_page(voila_server: VoilaServer, probe: str) -> None:
    # A complete page ends with Voila's finish call; no 500, no endless heartbeats.
    status, body = _get(f"{voila_server.url}?{probe}")
    assert status == 200, status
    assert "window.voila_finish()" in body
    assert "Traceback" not in body


@pytest.mark.browser
def test_the_dashboard_transfers_at_most_7_mb(
    voila_server: VoilaServer, watched: PageWatch
) -> None:
    watched.open(voila_server.url)
    watched.page.wait_for_load_state("networkidle", timeout=LOAD_MS)
    resources = watched.page.evaluate(
        """() => [...performance.getEntriesByType("navigation"),
                  ...performance.getEntriesByType("resource")]
                 .map((r) => [r.name, r.transferSize, r.encodedBodySize])"""
    )
    transferred = sum(max(size, body) for _, size, body in resources)
    names = [name for name, _, _ in resources]
    assert not [n for n in names if "jupyterlab-plotly" in n]
    assert sum("plotly" in n and n.endswith(".js") for n in names) <= 1  # one plotly.js
    assert transferred <= PAGE_BUDGET_BYTES, f"{transferred / 1e6:.2f} MB in {len(names)} files"


@pytest.mark.browser
def test_a_message_of_the_largest_upload_reaches_the_kernel(
    voila_server: VoilaServer, watched: PageWatch
) -> None:
    """A message the size of a 50 MB file goes over the page's kernel websocket and is answered."""
    watched.open(voila_server.url)
    answer = watched.page.evaluate(
        """async (size) => {
          const config = JSON.parse(document.getElementById("jupyter-config-data").textContent);
          const url = `ws://${location.host}${config.baseUrl}api/kernels/${config.kernelId}/channels`;
          const ws = new WebSocket(url);
          await new Promise((ok, no) => { ws.onopen = ok; ws.onerror = no; });
          const id = "sc-big-" + Date.now();
          const reply = new Promise((ok) => {
            ws.onmessage = (e) => {
              if (typeof e.data === "string" && e.data.includes(id)) ok("answered");
            };
            ws.onclose = (e) => ok("closed " + e.code);
            setTimeout(() => ok("no answer"), 120000);
          });
          ws.send(JSON.stringify({
            header: { msg_id: id, msg_type: "kernel_info_request", username: "", session: id,
                      date: new Date().toISOString(), version: "5.3" },
            parent_header: {}, metadata: { padding: "x".repeat(size) }, content: {},
            channel: "shell", buffers: [] }));
          const result = await reply;
          ws.close();
          return result;
        }""",
        MAX_UPLOAD_BYTES + 1_000_000,
    )
    assert answer == "answered"


# -- kernels given back --------------------------------------------------------------------


@pytest.fixture(scope="module")
def culling_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VoilaServer]:
    """The dashboard as `make dashboard` serves it, with a short cull time to test it."""
    log = tmp_path_factory.mktemp("voila-kernels") / "voila.log"
    server = VoilaServer(
        DASHBOARD,
        preheat=True,
        pool_size=2,
        fill_delay_seconds=1,
        log_path=log,
        extra_args=(
            f"--MappingKernelManager.cull_idle_timeout={CULL_S}",
            "--MappingKernelManager.cull_interval=5",
        ),
    )
    with server:
        yield server


CULL_S = 60


def _wait_kernels(server: VoilaServer, want: int, timeout_s: float) -> tuple[int, float]:
    start = time.monotonic()
    count = len(server.kernel_pids())
    while count != want and time.monotonic() - start < timeout_s:
        time.sleep(1.0)
        count = len(server.kernel_pids())
    return count, time.monotonic() - start


@pytest.mark.browser
def test_closing_or_reloading_pages_gives_their_kernels_back(
    culling_server: VoilaServer, browser: Any
) -> None:
    pool = culling_server.pool_size
    assert _wait_kernels(culling_server, pool, 240)[0] == pool
    for _ in range(5):  # ten pages, two at a time; the second of each pair is reloaded
        pages = []
        for _ in range(2):
            context = browser.new_context()
            page = context.new_page()
            page.goto(culling_server.url, timeout=LOAD_MS)
            page.wait_for_selector(READY, timeout=LOAD_MS)
            pages.append(page)
        pages[1].reload(timeout=LOAD_MS)
        pages[1].wait_for_selector(READY, timeout=LOAD_MS)
        for page in pages:
            page.goto("about:blank")  # leaving runs the page's unload: the shutdown request
            page.context.close()
    count, seconds = _wait_kernels(culling_server, pool, CULL_S - 10)
    # Back to the pool well before the culler (CULL_S) could have done it.
    assert count == pool, f"{count} kernels {seconds:.0f} s after closing, pool of {pool}"


@pytest.mark.browser
def test_a_request_that_never_opens_the_page_does_not_keep_a_kernel(
    culling_server: VoilaServer,
) -> None:
    pool = culling_server.pool_size
    assert _wait_kernels(culling_server, pool, 240)[0] == pool
    for _ in range(3):
        status, _ = _get(culling_server.url)
        assert status == 200
    assert len(culling_server.kernel_pids()) > pool
    count, seconds = _wait_kernels(culling_server, pool, CULL_S + 60)
    assert count == pool, f"{count} kernels {seconds:.0f} s after three plain GETs"


def test_the_page_waits_with_a_reason_not_a_cell_count() -> None:
    template = (ROOT / "share/jupyter/voila/templates/socialcase/index.html.j2").read_text()
    assert "window.voila_heartbeat = busy" in template
    assert "window.voila_process = window.update_loading_text" in template
    assert 't("still", { "case": which, "seconds": seconds }), t("busy")' in template
    assert '{% include "words.json" %}' in template  # the words, in every language
    words = json.loads((ROOT / "share/jupyter/voila/templates/socialcase/words.json").read_text())
    assert words["en"]["busy"].startswith("Several people are opening the dashboard at the same")
    assert words["nb"]["busy"].startswith("Flere åpner dashbordet samtidig")
    assert "{{resources.theme}}" not in template.replace(" ", "")
