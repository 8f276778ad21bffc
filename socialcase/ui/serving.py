"""Serving the dashboard: the identity provider `voila.json` names for Voila.

`PageCookieIdentityProvider` gives each dashboard page the ``_xsrf`` cookie, so the
page's "shut my kernel down" request on close is accepted and the kernel is given back;
it also turns on the gzip that ``compress_response`` asks for. `make dashboard` and Binder
load it from the installed package (``socialcase.ui.serving.PageCookieIdentityProvider``).
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from jupyter_server.auth.identity import PasswordIdentityProvider, User
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

__all__ = ["NoDelayKernelConnection", "PageCookieIdentityProvider"]


class PageCookieIdentityProvider(PasswordIdentityProvider):
    """Voila's default identity provider, plus the ``_xsrf`` cookie on the dashboard page.

    Closing or reloading the page, Voila's widget manager posts
    ``/voila/api/shutdown/<kernel>`` with the ``_xsrf`` value it reads from the
    page's cookies. Voila's page handler never sets that cookie, so the request
    was refused (403 "'_xsrf' argument missing") and every closed page left its
    kernel running. Reading ``handler.xsrf_token`` makes tornado set the cookie
    (only when the browser does not have it yet); the check itself is unchanged.
    """

    async def _get_user(self, handler: Any) -> User | None:
        user: Any = super()._get_user(handler)
        if isinstance(user, Awaitable):
            user = await user
        _compress_responses(handler.application)
        from voila.handler import VoilaHandler  # voila imports this module's package lazily

        from socialcase.ui.templatepaths import use_checked_template_paths

        use_checked_template_paths(handler.application)  # 404, not 500, for odd template paths

        if handler.request.method == "GET" and isinstance(handler, VoilaHandler):
            handler.current_user = user  # tornado's xsrf_token reads it; prepare() sets it too
            _ = handler.xsrf_token
        return user


def _compress_responses(application: Any) -> None:
    """Gzip what the server sends when its settings ask for it (``compress_response``).

    tornado reads that setting only while its Application is built, and Voila applies
    ``Voila.tornado_settings`` (voila.json) afterwards, so the setting alone does nothing
    there: add the transform it stands for. tornado makes the transforms of each request
    from this list, so every request after the first is compressed (plotly.js: 4.8 MB
    becomes about 1.4 MB on the wire).
    """
    from tornado.web import GZipContentEncoding

    if application.settings.get("compress_response") and (
        GZipContentEncoding not in application.transforms
    ):
        application.transforms.append(GZipContentEncoding)


class NoDelayKernelConnection(ZMQChannelsWebsocketConnection):
    """The kernel's websocket with TCP_NODELAY: each message to the page leaves at once.

    tornado leaves Nagle's algorithm on for websockets, so a small message written while
    the one before it is unacknowledged waits for the browser's delayed ACK (40 ms on
    Linux): an update's "busy" status left at once and its first figure, a few
    milliseconds later, waited those 40 ms. `voila.json` and
    ``etc/jupyter/jupyter_server_config.json`` name this class.
    """

    def connect(self) -> Any:
        self.websocket_handler.set_nodelay(True)
        return super().connect()
