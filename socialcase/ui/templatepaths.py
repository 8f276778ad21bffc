"""Voila's template files answer 404, never 500, to a path they cannot serve.

Voila serves its templates' static files at ``/voila/templates/<template>/static/<file>``
(`voila.static_file_handler.TemplateStaticFileHandler`). A path of another shape
(``/voila/templates/``, ``/voila/templates/socialcase/conf.json``, an encoded ``..``
for the template) makes that handler fail on an unpacking or an assert: HTTP 500. The
checked handler answers 404 to any path that is not ``<name>/static/<file>`` with a
plain template name, before and after ``..`` is resolved, and leaves the rest to Voila's
handler (tornado still refuses a file outside the template's folders).
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

import tornado.web
from voila.static_file_handler import TemplateStaticFileHandler

__all__ = ["CheckedTemplateStaticFileHandler", "use_checked_template_paths"]

_SERVABLE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*/static/.+", re.DOTALL)


class CheckedTemplateStaticFileHandler(TemplateStaticFileHandler):
    """`TemplateStaticFileHandler` that answers 404 to a path of the wrong shape."""

    def parse_url_path(self, url_path: str) -> str:
        # Voila's handler splits the path as given and again once normalised ("a/static/
        # ../../x" is "x"): both must be <name>/static/<file>, with the same template.
        normal = posixpath.normpath(url_path)
        if not (_SERVABLE.fullmatch(url_path) and _SERVABLE.fullmatch(normal)):
            raise tornado.web.HTTPError(404)
        if normal.split("/", 1)[0] != url_path.split("/", 1)[0]:
            raise tornado.web.HTTPError(404)
        return str(super().parse_url_path(url_path))


def _swap(rules: list[Any]) -> int:
    swapped = 0
    for rule in rules:
        target = rule.target
        if target is TemplateStaticFileHandler:
            rule.target = CheckedTemplateStaticFileHandler
            swapped += 1
        elif hasattr(target, "rules"):  # a nested router (one per host pattern)
            swapped += _swap(target.rules)
    return swapped


def use_checked_template_paths(application: tornado.web.Application) -> int:
    """Route Voila's template files through the checked handler; how many routes changed.

    Safe to call on every request: once swapped, nothing is left to swap.
    """
    return _swap(application.default_router.rules) + _swap(application.wildcard_router.rules)
