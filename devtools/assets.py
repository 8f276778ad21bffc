"""Static files the dashboard serves itself, so the page makes no third-party request.

``python -m devtools.assets`` (from the repository root) copies Font Awesome (from
the fontawesome-free package) and plotly.js into the project's Voila template;
`make` and Binder's postBuild run it. Nothing here is committed: every file is
fetched or copied at install time.

plotly.js comes as two files in ``static/plotly``:

- ``plotly.min.js``, which the page downloads with its HTML (a preload) and runs when its
  first chart draws: plotly's partial
  "cartesian" bundle (bar, heatmap, scatter and a few more: every chart of the case but
  the Sankey of step 6 and the waterfall of step 8), about a third of the full bundle,
  fetched from the npm registry at the version of the installed plotly's own plotly.js
  and checked against its pinned sha512. When it cannot be fetched (no network, a
  version not pinned here, a digest that does not match), this is the full bundle and
  the install says so.
- ``plotly-full.min.js``: the installed plotly's full bundle, which the page fetches
  only for a chart whose trace type the first file lacks.
"""

from __future__ import annotations

import base64
import hashlib
import io
import re
import shutil
import sys
import sysconfig
import tarfile
import urllib.request
from pathlib import Path

__all__ = [
    "PARTIAL_BUNDLES",
    "TEMPLATE_DIR",
    "install_assets",
    "install_fontawesome",
    "install_plotly",
    "plotlyjs_version",
]

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "share/jupyter/voila/templates/socialcase"
REGISTRY = "https://registry.npmjs.org"
FETCH_TIMEOUT_SECONDS = 30
FIRST_BUNDLE, FULL_BUNDLE = "plotly.min.js", "plotly-full.min.js"

#: plotly.js version -> (npm package, file in its tarball, the tarball's sha512 integrity as
#: npm records it: ``npm view plotly.js-cartesian-dist-min@<version> dist.integrity``).
PARTIAL_BUNDLES: dict[str, tuple[str, str, str]] = {
    "4.1.1": (
        "plotly.js-cartesian-dist-min",
        "package/plotly-cartesian.min.js",
        "sha512-o8GrFeusncwBIxbBynRJpY4pkgVB6caM+JLpwrLYbbsO7dZ8FJ+SVN2Fr+L7kiG/Z6w4P5O0Jus/Qr5EefHVeg==",
    ),
}


def _fontawesome_source() -> Path:
    site = Path(sysconfig.get_paths()["purelib"])
    source = site / "fontawesome-free/static/fontawesome_free"
    if not (source / "css/all.min.css").exists():
        raise FileNotFoundError(f"Font Awesome not found at {source}: pip install fontawesome-free")
    return source


def install_fontawesome(template_dir: Path = TEMPLATE_DIR) -> Path:
    """Copy Font Awesome's CSS and web fonts into `template_dir`/static/fontawesome."""
    source, target = _fontawesome_source(), template_dir / "static/fontawesome"
    for part in ("css", "webfonts"):
        shutil.copytree(source / part, target / part, dirs_exist_ok=True)
    shutil.copy2(source / "LICENSE.txt", target / "LICENSE.txt")
    return target


def _full_bundle() -> Path:
    source = Path(sysconfig.get_paths()["purelib"]) / "plotly/package_data/plotly.min.js"
    if not source.exists():
        raise FileNotFoundError(f"plotly.js not found at {source}: pip install plotly")
    return source


def plotlyjs_version(bundle: Path) -> str:
    """The version in a plotly.js bundle's banner (``* plotly.js v4.1.1``)."""
    with open(bundle, encoding="utf-8", errors="replace") as file:
        found = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", file.read(2000))
    if found is None:
        raise ValueError(f"{bundle} has no plotly.js version in its banner")
    return found.group(1)


def _fetch_partial(version: str, registry: str, pins: dict[str, tuple[str, str, str]]) -> bytes:
    """The pinned partial bundle for `version`, its tarball checked against the pinned digest."""
    if version not in pins:
        raise LookupError(f"no partial bundle is pinned for plotly.js {version}")
    package, member, integrity = pins[version]
    url = f"{registry.rstrip('/')}/{package}/-/{package}-{version}.tgz"
    with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_SECONDS) as response:
        tarball = response.read()
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode("ascii")
    if digest != integrity:
        raise ValueError(f"{url} does not match its pinned sha512 ({digest[:20]}...)")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        extracted = archive.extractfile(member)
        if extracted is None:
            raise FileNotFoundError(f"{url} has no {member}")
        return extracted.read()


def install_plotly(
    template_dir: Path = TEMPLATE_DIR,
    *,
    registry: str = REGISTRY,
    pins: dict[str, tuple[str, str, str]] = PARTIAL_BUNDLES,
) -> Path:
    """plotly.js into `template_dir`/static/plotly: the partial bundle first, the full one too.

    Both are the plotly.js version of the installed plotly package, which builds the
    charts' JSON. Says on stdout which bundle the page loads first.
    """
    full = _full_bundle()
    version = plotlyjs_version(full)
    target = template_dir / "static/plotly"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(full, target / FULL_BUNDLE)
    try:
        partial = _fetch_partial(version, registry, pins)
    except Exception as error:  # no network, not pinned, wrong digest: the full bundle serves
        shutil.copy2(full, target / FIRST_BUNDLE)
        sys.stdout.write(
            f"plotly.js {version}: the partial bundle could not be fetched ({error}); the page"
            " loads the full bundle from the plotly package instead (about 3x the bytes)\n"
        )
        return target
    (target / FIRST_BUNDLE).write_bytes(partial)
    sys.stdout.write(
        f"plotly.js {version}: {pins[version][0]} ({len(partial) / 1e6:.1f} MB) first,"
        f" the full bundle ({full.stat().st_size / 1e6:.1f} MB) for the other trace types\n"
    )
    return target


def install_assets(template_dir: Path = TEMPLATE_DIR) -> list[Path]:
    """Every static file the dashboard serves itself."""
    return [install_fontawesome(template_dir), install_plotly(template_dir)]


if __name__ == "__main__":
    for where in install_assets(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE_DIR):
        sys.stdout.write(f"Served from {where}\n")
