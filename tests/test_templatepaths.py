"""Voila's template files on a real server: a path they cannot serve answers 404, not 500."""

from __future__ import annotations

import http.client
import urllib.parse
from typing import Any

import pytest

pytestmark = pytest.mark.slow

# (path, status): Voila's own handler answered 500 to every 404 here (an unpacking error or
# an assert on the path's shape, before and after ".." is resolved).
PROBES = [
    ("voila/templates/socialcase/static/plotly/plotly.min.js", 200),
    ("voila/templates/lab/static/voila.js", 200),
    ("voila/templates/socialcase/static/a/../plotly/plotly.min.js", 200),
    ("voila/templates/", 404),
    ("voila/templates/socialcase/", 404),
    ("voila/templates/socialcase/conf.json", 404),
    ("voila/templates/socialcase/static/", 404),
    ("voila/templates/%2e%2e/%2e%2e/etc/passwd", 404),
    ("voila/templates/%2e%2e/static/x", 404),
    ("voila/templates/socialcase/static/../../../../../etc/passwd", 404),
    ("voila/templates/socialcase/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", 404),
    ("voila/templates/socialcase/static/..%2f..%2fconf.json", 404),
    ("voila/templates/socialcase/static/nothere.js", 404),
]


def _status(url: str, path: str) -> int:
    """GET `path` exactly as written (no client-side '..' folding, unlike urllib)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.request("GET", "/" + path)
        return connection.getresponse().status
    finally:
        connection.close()


def test_template_paths_answer_a_file_or_404(voila_server: Any) -> None:
    assert _status(voila_server.url, "") == 200  # a page first: the checked routes go in
    got = {path: _status(voila_server.url, path) for path, _ in PROBES}
    assert got == dict(PROBES)
