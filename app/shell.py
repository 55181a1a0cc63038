"""The terminal chat (`python -m bot shell`): the real handlers, no network.

The same `Application` runs with an in-process request class that answers Bot API calls
from `ShellBotApi`, so what prints here is exactly what the bot would send on Telegram.
Inline buttons print numbered; type the number to press one (of the latest keyboard).
`/tick 2h` (shell only) makes time pass, so reminders can be seen without waiting.
With stdin not a terminal, each input line is echoed as `> line` before its replies.

This module is wiring, like `bot/app.py`: it may import `telegram`.
"""

from __future__ import annotations

import asyncio
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TextIO

from telegram import Update
from telegram.error import NetworkError
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

from app.shell_api import BotApiError, Call, DroppedConnection, ShellBotApi
from app.telegram_app import build_application
from bot.clock import Clock, ManualClock
from bot.config import Settings
from bot.replies import is_number
from bot.telegram_html import html_to_text

DEFAULT_USER_ID = 100001
DEFAULT_NAME = "Learner"


class InProcessRequest(BaseRequest):
    """A PTB request class that hands each Bot API call to a `ShellBotApi` in this process."""

    def __init__(self, api: ShellBotApi) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:
            content = self.api.file_content(url.split("/file/bot", 1)[1].split("/", 1)[1])
            return (200, content) if content is not None else (404, b"Not Found")
        api_method = url.rsplit("/", 1)[-1]
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        if request_data is not None and request_data.contains_files:
            for name, (filename, _content, _mime) in request_data.multipart_data.items():
                params.setdefault("filename", filename)
                params[name] = f"attach://{name}"
        try:
            result = await self.api.handle(api_method, params)
        except BotApiError as error:
            return error.code, json.dumps(error.payload()).encode()
        except DroppedConnection:
            raise NetworkError("connection dropped") from None
        return 200, json.dumps({"ok": True, "result": result}).encode()


@dataclass
class _Pressable:
    message: dict[str, Any]
    data: str


class TerminalChat:
    """Prints what the bot sends and turns typed lines into updates."""

    def __init__(
        self,
        settings: Settings,
        *,
        user_id: int = DEFAULT_USER_ID,
        name: str = DEFAULT_NAME,
        out: TextIO = sys.stdout,
        clock: Clock | None = None,
    ) -> None:
        self.user_id = user_id
        self.name = name
        self.out = out
        self.api = ShellBotApi(on_call=self._print_call)
        self.application: Application = build_application(  # type: ignore[type-arg]
            settings, request=InProcessRequest(self.api), clock=clock
        )
        self._buttons: list[_Pressable] = []
        self.clock = clock
        self.local_commands: dict[str, Callable[[str], Any]] = {"/tick": self.tick}

    async def tick(self, line: str) -> None:
        """Shell only: `/tick 2h` makes time pass (default 1 h), then sends what became due."""
        from handlers.reminders import dispatch_now

        amount = line.split(maxsplit=1)[1] if " " in line else "1h"
        delta = parse_duration(amount)
        if delta is None or not isinstance(self.clock, ManualClock):
            self._print("Usage: /tick 30m | 2h | 3d (the terminal chat's clock only)")
            return
        self.clock.advance(delta)
        self._print(f"⏩ {amount} later: {self.clock.now().strftime('%a %d %b %H:%M UTC')}")
        await dispatch_now(self.application)

    async def __aenter__(self) -> TerminalChat:
        app = self.application
        await app.initialize()
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        return self

    async def __aexit__(self, *_exc: object) -> None:
        app = self.application
        await app.stop()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)
        await app.shutdown()

    async def say(self, line: str) -> None:
        """Handle one typed line: a button number, a shell-only command, or a message."""
        line = line.rstrip("\n")
        stripped = line.strip()
        if is_number(stripped) and 1 <= int(stripped) <= len(self._buttons):
            pressed = self._buttons[int(stripped) - 1]
            raw = self.api.press(self.user_id, pressed.message, pressed.data, first_name=self.name)
        else:
            command = stripped.split(maxsplit=1)[0].lower() if stripped else ""
            if command in self.local_commands:
                result = self.local_commands[command](stripped)
                if asyncio.iscoroutine(result):
                    await result
                return
            raw = self.api.send_text(self.user_id, line, first_name=self.name)
        self.api.discard_update(raw["update_id"])
        update = Update.de_json(raw, self.application.bot)
        await self.application.process_update(update)

    def _print_call(self, call: Call) -> None:
        if not call.ok:
            return
        method = call.method.lower()
        params = call.params
        if method in ("sendmessage", "editmessagetext"):
            marker = "(edited) " if method == "editmessagetext" else ""
            self._print(marker + html_to_text(str(params.get("text", ""))))
            key = (int(params["chat_id"]), self._message_id(call))
            self._print_buttons(params.get("reply_markup"), self.api.messages.get(key))
        elif method == "editmessagereplymarkup":
            key = (int(params["chat_id"]), int(params["message_id"]))
            self._print_buttons(params.get("reply_markup"), self.api.messages.get(key))
        elif method == "answercallbackquery" and params.get("text"):
            self._print(f"ⓘ {params['text']}")
        elif method == "senddocument":
            self._print(f"[file: {params.get('filename', 'document')}] {params.get('caption', '')}")
        elif method == "answerinlinequery":
            for result in params.get("results", []):
                self._print(f"  • {result.get('title', '')}")

    def _message_id(self, call: Call) -> int:
        if "message_id" in call.params:
            return int(call.params["message_id"])
        chat_id = int(call.params["chat_id"])
        return max(mid for (cid, mid) in self.api.messages if cid == chat_id)

    def _print_buttons(self, markup: Any, message: dict[str, Any] | None) -> None:
        if not markup or message is None:
            return
        self._buttons = []
        for row in markup.get("inline_keyboard", []):
            labels = []
            for button in row:
                if "callback_data" in button:
                    self._buttons.append(_Pressable(message, str(button["callback_data"])))
                    labels.append(f"[{len(self._buttons)}] {button['text']}")
                elif "url" in button:
                    labels.append(f"{button['text']} ({button['url']})")
                else:
                    labels.append(f"{button['text']} (inline)")
            self._print("   " + "   ".join(labels))

    def _print(self, text: str) -> None:
        self.out.write(text.rstrip() + "\n")
        self.out.flush()


def parse_duration(text: str) -> timedelta | None:
    found = re.fullmatch(r"\s*(\d{1,4})\s*([smhd])\s*", text.lower())
    if not found:
        return None
    unit = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}[found.group(2)]
    return timedelta(**{unit: int(found.group(1))})


async def run_shell(
    settings: Settings,
    *,
    user_id: int = DEFAULT_USER_ID,
    name: str = DEFAULT_NAME,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
) -> int:
    """Chat until end of input; returns the process exit code."""
    interactive = stdin.isatty()
    chat = TerminalChat(settings, user_id=user_id, name=name, out=out, clock=ManualClock())
    async with chat:
        if interactive:
            out.write("Terminal chat with Microcred Advisor. Type /start; Ctrl-D quits.\n")
        loop = asyncio.get_running_loop()
        while True:
            if interactive:
                out.write("you> ")
                out.flush()
            line = await loop.run_in_executor(None, stdin.readline)
            if not line:
                break
            if not interactive:
                out.write(f"> {line.rstrip()}\n")
            if line.strip():
                await chat.say(line)
    return 0
