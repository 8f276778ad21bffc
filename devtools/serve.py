"""Start and stop a real Voila (or Jupyter) server, for the screenshot, tests and benchmarks.

The server runs on 127.0.0.1 on a free port, with the project's Voila template
on the Jupyter path; `VoilaServer` waits until the port answers. (The identity
provider `voila.json` names is runtime code: `socialcase.ui.serving`.)
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import TracebackType

from socialcase.chromium import CHROMIUM, CHROMIUM_ARGS

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "DASHBOARD_FILL_DELAY_SECONDS",
    "DASHBOARD_POOL_SIZE",
    "ROOT",
    "VoilaServer",
    "free_port",
    "server_env",
    "stop_process",
    "wait_for_http",
]

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD_POOL_SIZE = 5
"""Preheated kernels `make dashboard` keeps: a meeting of five opening the link together
all get a kernel that has already run the workbook (measured in benchmarks/bench_viewers.py)."""
DASHBOARD_FILL_DELAY_SECONDS = 10.0
"""Wait before refilling the pool, so the viewers who just arrived load their widgets first.
(A viewer who arrives meanwhile gets a kernel of their own at once, in the queue of
`socialcase.ui.queue`, rather than waiting for a refill.)"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_env() -> dict[str, str]:
    """The environment a server needs: the project's template on the Jupyter path."""
    env = dict(os.environ)
    template_root = str(ROOT / "share/jupyter")
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (template_root, env.get("JUPYTER_PATH")) if p)
    return env


def stop_process(process: subprocess.Popen[bytes] | None) -> None:
    """Terminate a server `process` that still runs; kill it if it does not stop in 20 s."""
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_http(
    url: str, timeout_seconds: float = 120.0, process: subprocess.Popen[bytes] | None = None
) -> None:
    """Poll `url` until it answers (any HTTP status), or raise after the timeout."""
    deadline = time.monotonic() + timeout_seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {timeout_seconds:g} s")


class VoilaServer:
    """``with VoilaServer("workbooks") as server: server.url`` serves with Voila.

    `preheat` pre-runs the notebook in a pool of kernels, as `make dashboard` does.
    """

    def __init__(
        self,
        target: str | Path = "workbooks",
        *,
        preheat: bool = False,
        pool_size: int = 1,
        fill_delay_seconds: float | None = None,
        extra_args: tuple[str, ...] = (),
        log_path: Path | None = None,
    ) -> None:
        self.target = str(target)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.preheat, self.pool_size, self.extra_args = preheat, pool_size, extra_args
        self.fill_delay_seconds = fill_delay_seconds
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> VoilaServer:
        command = [
            sys.executable,
            "-m",
            "voila",
            self.target,
            "--no-browser",
            f"--port={self.port}",
            "--Voila.ip=127.0.0.1",
            "--Voila.port_retries=0",
            *self.extra_args,
        ]
        if self.preheat:
            command += ["--preheat_kernel=True", f"--pool_size={self.pool_size}"]
            if self.fill_delay_seconds is not None:
                command.append(f"--VoilaKernelManager.fill_delay={self.fill_delay_seconds:g}")
        log = open(self.log_path, "wb") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=server_env(), stdout=log, stderr=subprocess.STDOUT
        )
        # A static file of the template: asking for the page itself would start a kernel
        # that no page ever connects to.
        ready_url = f"{self.url}voila/templates/socialcase/static/socialcase.css"
        wait_for_http(ready_url, process=self.process)
        return self

    def kernel_pids(self) -> list[int]:
        """Process ids of the kernels this server runs (pooled ones included)."""
        import psutil  # type: ignore[import-untyped]

        if self.process is None or self.process.poll() is not None:
            return []
        found = []
        for child in psutil.Process(self.process.pid).children(recursive=True):
            try:
                if any("ipykernel" in part for part in child.cmdline()):
                    found.append(child.pid)
            except psutil.Error:
                continue
        return found

    def stop(self) -> None:
        stop_process(self.process)

    def __enter__(self) -> VoilaServer:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()
