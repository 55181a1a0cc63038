"""A fake Telegram Bot API server on 127.0.0.1, for end-to-end tests of the real bot.

It speaks just enough HTTP/1.1 (keep-alive, Content-Length bodies, form, JSON and multipart)
for httpx, and hands each call to `FakeBotApi`, the same emulation the terminal chat uses.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any
from urllib.parse import parse_qsl, unquote

from tests.fakes.bot_api import BotApiError, DroppedConnection, FakeBotApi, decode_params


class FakeBotApiServer:
    def __init__(self, api: FakeBotApi, token: str) -> None:
        self.api = api
        self.token = token
        self.port = 0
        self._server: asyncio.Server | None = None
        self._clients: set[asyncio.StreamWriter] = set()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            for writer in list(self._clients):
                writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._clients.add(writer)
        try:
            while True:
                request_line = await reader.readline()
                if not request_line:
                    return
                _verb, raw_path, _version = request_line.decode("latin-1").split(" ", 2)
                path = unquote(raw_path)
                headers: dict[str, str] = {}
                while True:
                    line = await reader.readline()
                    if line in (b"\r\n", b"\n", b""):
                        break
                    name, _, value = line.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                file_prefix = f"/file/bot{self.token}/"
                if path.startswith(file_prefix):
                    content = self.api.file_content(path[len(file_prefix) :])
                    status, data = (200, content) if content is not None else (404, b"Not Found")
                else:
                    try:
                        status, payload = await self._answer(path, headers, body)
                    except DroppedConnection:
                        return
                    data = json.dumps(payload).encode()
                writer.write(
                    f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\n"
                    f"Content-Length: {len(data)}\r\nConnection: keep-alive\r\n\r\n".encode()
                    + data
                )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            return
        except asyncio.CancelledError:
            # The test loop is closing while a long poll waits: end quietly.
            return
        finally:
            self._clients.discard(writer)
            writer.close()

    async def _answer(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, dict[str, Any]]:
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = path[len(prefix) :].split("?", 1)[0]
        params = decode_params(_parse_body(headers.get("content-type", ""), body))
        try:
            result = await self.api.handle(method, params)
        except BotApiError as error:
            return error.code, error.payload()
        return 200, {"ok": True, "result": result}


def _parse_body(content_type: str, body: bytes) -> dict[str, str]:
    if not body:
        return {}
    if content_type.startswith("application/json"):
        loaded = json.loads(body)
        return {k: v if isinstance(v, str) else json.dumps(v) for k, v in loaded.items()}
    if content_type.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + body)
        fields: dict[str, str] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_filename()
            raw = part.get_payload(decode=True)
            payload = raw if isinstance(raw, bytes) else b""
            if filename:
                fields["filename"] = filename
                fields[f"{name}__content"] = payload.decode("utf-8", "replace")
                fields[str(name)] = f"attach://{name}"
            else:
                fields[str(name)] = payload.decode("utf-8")
        return fields
    return dict(parse_qsl(body.decode(), keep_blank_values=True))
