"""The webhook refuses a request on its headers: no secret, or over 1 MB, and the body is never read.

PTB's webhook handler (tornado) reads the whole body, up to tornado's 100 MB default, before
it looks at the secret header, so anyone who knows the URL could make the bot buffer 100 MB
per request. `GuardedTelegramHandler` streams the body instead: `prepare` runs on the headers
alone and refuses a wrong secret (403) or a declared length over `MAX_WEBHOOK_BODY` (413)
before any of the body is read; a body that grows past the limit while streaming is cut off.
Telegram's own updates are far smaller (a message is at most 4,096 characters).
"""

from __future__ import annotations

import hmac
from http import HTTPStatus

import tornado.web
from telegram.ext._utils import webhookhandler

MAX_WEBHOOK_BODY = 1024 * 1024
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@tornado.web.stream_request_body
class GuardedTelegramHandler(webhookhandler.TelegramHandler):
    """PTB's handler, with the secret and the size checked before the body is read."""

    def prepare(self) -> None:
        connection = self.request.connection
        assert connection is not None
        self._chunks: list[bytes] = []
        self._size = 0
        # Until the checks pass, not a byte of body may be read.
        connection.set_max_body_size(0)  # type: ignore[attr-defined]
        if self.secret_token is not None:
            given = self.request.headers.get(SECRET_HEADER, "")
            if not hmac.compare_digest(given.encode(), self.secret_token.encode()):
                raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN, reason="Wrong or missing secret token")
        declared = self.request.headers.get("Content-Length", "0")
        if not declared.isdigit() or int(declared) > MAX_WEBHOOK_BODY:
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        connection.set_max_body_size(MAX_WEBHOOK_BODY)  # type: ignore[attr-defined]

    def data_received(self, chunk: bytes) -> None:
        self._size += len(chunk)
        if self._size > MAX_WEBHOOK_BODY:  # a chunked body has no declared length
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        self._chunks.append(chunk)

    async def post(self) -> None:
        self.request.body = b"".join(self._chunks)
        await super().post()


def install() -> None:
    """Make PTB's webhook server use `GuardedTelegramHandler` (idempotent)."""
    webhookhandler.TelegramHandler = GuardedTelegramHandler  # type: ignore[misc]
