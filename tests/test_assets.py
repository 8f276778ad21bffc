"""plotly.js for the template: the pinned partial bundle first, the full one beside it."""

from __future__ import annotations

import base64
import hashlib
import io
import tarfile
from pathlib import Path

import pytest

from devtools import assets

PACKAGE, MEMBER = "plotly.js-cartesian-dist-min", "package/plotly-cartesian.min.js"
PARTIAL = b"/* plotly.js v0 partial: a stand-in for the registry's file */\n"


def registry(tmp_path: Path, version: str) -> tuple[str, str]:
    """A local folder laid out like the npm registry (file:// URL) and its tarball's integrity."""
    data = io.BytesIO()
    with tarfile.open(fileobj=data, mode="w:gz") as archive:
        info = tarfile.TarInfo(MEMBER)
        info.size = len(PARTIAL)
        archive.addfile(info, io.BytesIO(PARTIAL))
    tarball = tmp_path / "registry" / PACKAGE / "-" / f"{PACKAGE}-{version}.tgz"
    tarball.parent.mkdir(parents=True)
    tarball.write_bytes(data.getvalue())
    digest = base64.b64encode(hashlib.sha512(data.getvalue()).digest()).decode()
    return (tmp_path / "registry").as_uri(), f"sha512-{digest}"


@pytest.fixture
def version() -> str:
    return assets.plotlyjs_version(assets._full_bundle())


def test_the_partial_bundle_is_first_and_the_full_one_beside_it(
    tmp_path: Path, version: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url, integrity = registry(tmp_path, version)
    target = assets.install_plotly(
        tmp_path / "template", registry=url, pins={version: (PACKAGE, MEMBER, integrity)}
    )
    assert (target / "plotly.min.js").read_bytes() == PARTIAL
    assert (target / "plotly-full.min.js").read_bytes() == assets._full_bundle().read_bytes()
    assert f"plotly.js {version}: {PACKAGE}" in capsys.readouterr().out


def test_a_tarball_that_does_not_match_its_pin_is_refused_for_the_full_bundle(
    tmp_path: Path, version: str, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = registry(tmp_path, version)
    wrong = "sha512-" + base64.b64encode(hashlib.sha512(b"another file").digest()).decode()
    target = assets.install_plotly(
        tmp_path / "template", registry=url, pins={version: (PACKAGE, MEMBER, wrong)}
    )
    full = assets._full_bundle().read_bytes()
    assert (target / "plotly.min.js").read_bytes() == full
    out = capsys.readouterr().out
    assert "does not match its pinned sha512" in out
    assert "loads the full bundle from the plotly package instead" in out


def test_an_unreachable_registry_or_an_unpinned_version_gives_the_full_bundle(
    tmp_path: Path, version: str, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = (tmp_path / "nowhere").as_uri()
    target = assets.install_plotly(
        tmp_path / "a", registry=missing, pins={version: (PACKAGE, MEMBER, "sha512-x")}
    )
    assert (target / "plotly.min.js").read_bytes() == assets._full_bundle().read_bytes()
    assert "could not be fetched" in capsys.readouterr().out
    target = assets.install_plotly(tmp_path / "b", registry=missing, pins={})
    assert (target / "plotly.min.js").read_bytes() == assets._full_bundle().read_bytes()
    assert f"no partial bundle is pinned for plotly.js {version}" in capsys.readouterr().out


def test_the_pin_matches_the_installed_plotly() -> None:
    # The page's charts are built by the installed plotly; the partial bundle must be its
    # plotly.js version, or every install falls back to the full bundle.
    assert assets.plotlyjs_version(assets._full_bundle()) in assets.PARTIAL_BUNDLES
