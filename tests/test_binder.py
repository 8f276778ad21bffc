"""Binder: the repository launches from its binder/ folder alone.

mybinder.org cannot be reached from here, so the slow tests rebuild what
repo2docker builds, locally: a copy of the repository (tracked files plus new,
not yet ignored ones, as they are in the working tree), a fresh virtual
environment, ``pip install -r binder/requirements.txt`` from the copy's root,
then ``binder/postBuild`` with the environment first on PATH. Nothing from the
project's own .venv or ``share/`` is visible to that server: no JUPYTER_PATH, and
empty per-user Jupyter config and data directories, as in a fresh Binder home.
A Jupyter server then starts as Binder's does (JupyterLab, no token, under a
``/user/<name>/`` base URL) and a real Chromium opens the launch URLs.

The environment is built with the local Python 3.11 (the interpreter running
the tests), not the Python 3.12 that binder/runtime.txt asks Binder for; every
pin in requirements.lock was checked to install on Python 3.12.1 as well.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import tomllib
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import READY, PageWatch
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

import socialcase as sc
from devtools.serve import ROOT, free_port, wait_for_http
from socialcase.formatting import money
from socialcase.share import to_query

BINDER = ROOT / "binder"
DASHBOARD_PATH = "voila/render/workbooks/business_case.ipynb"
LAB_PATH = "lab/tree/workbooks"
BASE_URL = "/user/socialcase-binder/"
BUILD_TIMEOUT_S = 1200
LOAD_MS = 240_000


# -- quick checks of the binder/ files -------------------------------------------------


def _pins(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, str]:
    """The ``name==version`` pins a requirements file installs, following ``-r`` as pip does."""
    assert path not in seen, f"requirements include loop at {path}"
    pins: dict[str, str] = {}
    for raw in path.read_text().splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        included = re.fullmatch(r"(?:-r|--requirement)\s*=?\s*(\S+)", line)
        if included:
            # pip resolves a nested requirements file relative to the including file.
            for name, version in _pins(path.parent / included[1], (*seen, path)).items():
                assert pins.setdefault(name, version) == version, f"{name} pinned twice"
            continue
        assert not line.startswith("-"), f"{path.name}: unexpected option {line!r}"
        requirement = Requirement(line)
        specs = list(requirement.specifier)
        assert len(specs) == 1 and specs[0].operator == "==", f"{path.name}: unpinned {line!r}"
        name = canonicalize_name(requirement.name)
        assert pins.setdefault(name, specs[0].version) == specs[0].version, f"{name} twice"
    return pins


def test_binder_requirements_are_exactly_the_runtime_lock() -> None:
    binder_pins = _pins(BINDER / "requirements.txt")
    lock_pins = _pins(ROOT / "requirements.lock")
    assert binder_pins == lock_pins
    # postBuild installs the package with --no-deps: the lock must cover its dependencies.
    # Binder serves the dashboard: the core and the dashboard and report extras.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extras = project["optional-dependencies"]
    for line in [*project["dependencies"], *extras["dashboard"], *extras["report"]]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in lock_pins, f"{name} is a dependency but not in requirements.lock"
        assert requirement.specifier.contains(lock_pins[name], prereleases=True), (
            f"requirements.lock pins {name}=={lock_pins[name]}, pyproject wants {requirement}"
        )
    runtime = (BINDER / "runtime.txt").read_text().strip()
    assert runtime == "python-3.12"
    assert SpecifierSet(project["requires-python"]).contains("3.12")


def test_postbuild_stops_on_errors_and_is_executable() -> None:
    post_build = BINDER / "postBuild"
    commands = [
        line.strip()
        for line in post_build.read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    # Without `set -e` repo2docker ignores a failing step and builds a broken image.
    assert commands[0].startswith("set -e"), commands[0]
    staged = subprocess.run(
        ["git", "ls-files", "--stage", "--", "binder/postBuild"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    if staged:  # tracked: the mode in git is what Binder checks out
        assert staged[0] == "100755", f"git has binder/postBuild as {staged[0]}: chmod +x, git add"
    assert os.access(post_build, os.X_OK), "chmod +x binder/postBuild"
    start = BINDER / "start"  # optional; when present it must hand over to Binder's command
    assert not start.exists() or start.read_text().rstrip().endswith('exec "$@"')


# -- the environment Binder builds, and its server ---------------------------------------


@dataclass
class BinderServer:
    url: str
    repo: Path
    venv: Path
    log: Path


def _copy_working_tree(dest: Path) -> None:
    """Tracked files and new files not ignored by git, as they are in the working tree."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (item.decode() for item in listed)):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is skipped
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest / name)  # keeps the mode: postBuild stays executable


def _run(command: list[str], cwd: Path, env: dict[str, str], log: Path) -> None:
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(command)}\n".encode())
        out.flush()
        done = subprocess.run(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, timeout=BUILD_TIMEOUT_S
        )
    if done.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:])
        pytest.fail(f"{' '.join(command)} failed with code {done.returncode}:\n{tail}")


def _binder_env(venv: Path, home: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("JUPYTER", "VOILA", "PYTHON", "VIRTUAL_ENV", "IPYTHON"))
        and key != "QUERY_STRING"
    }
    env["PATH"] = os.pathsep.join([str(venv / "bin"), env.get("PATH", "")])
    env["VIRTUAL_ENV"] = str(venv)
    # A fresh Binder home has no per-user Jupyter config or data.
    env["JUPYTER_CONFIG_DIR"] = str(home / ".jupyter")
    env["JUPYTER_DATA_DIR"] = str(home / ".local/share/jupyter")
    env["IPYTHONDIR"] = str(home / ".ipython")
    return env


@pytest.fixture(scope="module")
def binder_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BinderServer]:
    base = tmp_path_factory.mktemp("binder")
    repo, venv, home, log = base / "repo", base / "venv", base / "home", base / "build.log"
    repo.mkdir()
    home.mkdir()
    _copy_working_tree(repo)
    env = _binder_env(venv, home)

    started = time.monotonic()
    _run([sys.executable, "-m", "venv", str(venv)], base, env, log)
    _run(
        [str(venv / "bin/python"), "-m", "pip", "install", "-r", "binder/requirements.txt"],
        repo,
        env,
        log,
    )
    _run([str(repo / "binder/postBuild")], repo, env, log)  # its shebang, as repo2docker does
    print(f"binder environment built in {time.monotonic() - started:.0f} s")

    port = free_port()
    server_log = base / "server.log"
    command = [
        str(venv / "bin/jupyter"),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--port={port}",
        "--IdentityProvider.token=",
        "--ServerApp.port_retries=0",
        f"--ServerApp.base_url={BASE_URL}",
    ]
    if os.geteuid() == 0:  # Binder runs as an ordinary user; a test container may be root
        command.append("--allow-root")
    with server_log.open("wb") as out:
        process = subprocess.Popen(
            command,
            cwd=repo,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: kernels are stopped with it
        )
    try:
        url = f"http://127.0.0.1:{port}{BASE_URL}"
        try:
            wait_for_http(url + "api/status", timeout_seconds=180, process=process)
        except (RuntimeError, TimeoutError) as error:
            tail = "\n".join(server_log.read_text(errors="replace").splitlines()[-30:])
            pytest.fail(f"the Jupyter server did not start: {error}\n{tail}")
        yield BinderServer(url=url, repo=repo, venv=venv, log=server_log)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        with contextlib.suppress(ProcessLookupError):  # kernels the server did not stop
            os.killpg(process.pid, signal.SIGKILL)


def _open_dashboard(watched: PageWatch, url: str) -> None:
    """Open the dashboard; fail at once (not after a long timeout) if a cell failed."""
    watched.page.goto(url, timeout=LOAD_MS)
    outcome = watched.page.wait_for_function(
        """([ready]) => document.querySelector(ready) ? "ready"
            : document.body.innerText.includes("There was an error when executing cell")
            ? "cell error" : false""",
        arg=[READY],
        timeout=LOAD_MS,
        polling=250,
    ).json_value()
    assert outcome == "ready", f"{outcome}: see {url} and the server log"
    watched.page.wait_for_selector("#loading", state="detached", timeout=LOAD_MS)


def _fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.status, response.read()


@pytest.mark.slow
def test_postbuild_installs_every_module_of_the_package(binder_server) -> None:
    """Binder installs socialcase without -e: every module must be in the installed package."""
    source = binder_server.repo / "socialcase"
    wanted = sorted(str(f.relative_to(source)) for f in source.rglob("*.py"))
    found = subprocess.run(
        [
            str(binder_server.venv / "bin/python"),
            "-c",
            "import socialcase; print(socialcase.__file__)",
        ],
        cwd=binder_server.venv,  # not the repository root, whose socialcase/ would shadow it
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    installed = Path(found).parent
    assert binder_server.venv in installed.parents
    assert [name for name in wanted if not (installed / name).is_file()] == []


@pytest.mark.slow
@pytest.mark.browser
def test_the_dashboard_launch_url_serves_the_socialcase_template(binder_server, watched) -> None:
    _open_dashboard(watched, binder_server.url + DASHBOARD_PATH)
    expected = money(sc.evaluate(sc.Scenario()).bottom_line.net_value_per_year)
    assert watched.headline("net-value") == expected

    html = watched.page.content()
    # the project template's styles, inlined from the package's CSS (postBuild copies the
    # template's link to it as a file)
    styles = watched.page.evaluate("document.getElementById('sc-styles')?.textContent || ''")
    packaged = (Path(__file__).parents[1] / "socialcase" / "static" / "socialcase.css").read_text()
    assert styles.strip() == packaged.strip()
    assert "cdn.jsdelivr.net" not in html and "cdnjs.cloudflare.com" not in html
    assert "from socialcase.ui import" not in html  # strip_sources
    assert "Traceback" not in html
    status, css = _fetch(
        binder_server.url + "voila/templates/socialcase/static/fontawesome/css/all.min.css"
    )
    assert status == 200 and b"Font Awesome" in css
    # Every chart on show draws, with plotly.js from the template (no CDN, no blank chart).
    watched.page.wait_for_function(
        "Array.from(document.querySelectorAll('.sc-chart .js-plotly-plot'))"
        ".filter(p => p.offsetWidth > 600 && p.offsetHeight >= 200).length >= 10",
        timeout=LOAD_MS,
    )
    assert watched.external == []  # before errors: an aborted request also logs an error
    assert watched.errors == []
    assert watched.failed == []


@pytest.mark.slow
@pytest.mark.browser
def test_the_lab_launch_url_opens_jupyterlab(binder_server, watched) -> None:
    watched.page.goto(binder_server.url + LAB_PATH, timeout=LOAD_MS)
    watched.page.wait_for_selector("#jp-main-dock-panel", timeout=LOAD_MS)
    watched.page.wait_for_selector(".jp-DirListing-item", timeout=LOAD_MS)
    assert watched.page.get_by_text("business_case.ipynb").count() >= 1
    assert watched.external == []


@pytest.mark.slow
@pytest.mark.browser
def test_a_shared_link_inside_urlpath_opens_the_same_case(binder_server, watched) -> None:
    linked = sc.Scenario(inbound_per_day=250)
    _open_dashboard(watched, binder_server.url + DASHBOARD_PATH + "?" + to_query(linked))
    assert watched.page.input_value(".sc-in-inbound_per_day input") == "250"
    watched.wait_headline("net-value", money(sc.evaluate(linked).bottom_line.net_value_per_year))
    assert watched.external == []  # before errors: an aborted request also logs an error
    assert watched.errors == []
