"""Static files the dashboard serves itself, so the page makes no third-party request.

``python -m devtools.assets`` (from the repository root) copies Font Awesome (from
the fontawesome-free package) and plotly.js (from plotly) into the project's Voila
template; `make` and Binder's postBuild run it.
"""

from __future__ import annotations

import shutil
import sys
import sysconfig
from pathlib import Path

__all__ = ["TEMPLATE_DIR", "install_assets", "install_fontawesome", "install_plotly"]

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "share/jupyter/voila/templates/socialcase"


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


def install_plotly(template_dir: Path = TEMPLATE_DIR) -> Path:
    """Copy the installed plotly's plotly.min.js into `template_dir`/static/plotly.

    The dashboard's charts (`socialcase.ui.plotchart`) load it from there, so the
    charts draw with the same plotly.js version that built their JSON.
    """
    source = Path(sysconfig.get_paths()["purelib"]) / "plotly/package_data/plotly.min.js"
    if not source.exists():
        raise FileNotFoundError(f"plotly.js not found at {source}: pip install plotly")
    target = template_dir / "static/plotly"
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target / "plotly.min.js")
    return target


def install_assets(template_dir: Path = TEMPLATE_DIR) -> list[Path]:
    """Every static file the dashboard serves itself."""
    return [install_fontawesome(template_dir), install_plotly(template_dir)]


if __name__ == "__main__":
    for where in install_assets(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE_DIR):
        sys.stdout.write(f"Served from {where}\n")
