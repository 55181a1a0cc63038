"""The terminal chat (`python -m bot shell`): the real handlers, no network.

The same `Application` runs with an in-process request class that answers Bot API calls
from `ShellBotApi`, so what prints here is exactly what the bot would send on Telegram.
Inline buttons print numbered; type the number to press one (of the latest keyboard).
`/tick 2h` (shell only) makes time pass, so reminders can be seen without waiting; how far
the clock is ahead is kept in a small file next to the SQLite database (`clock_file`), so the
next run continues at the same time. Only what the bot sends to this learner's chat prints
(reminders that fall due for other learners in the same database are sent, not shown).
With stdin not a terminal, each input line is echoed as `> line` before its replies; such
a script is not flood-limited (unless FLOOD_MAX_UPDATES is set), and a line the flood
control dropped makes the exit status 1.

This module is wiring, like `bot/app.py`: it may import `telegram`.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from telegram import Update
from telegram.error import NetworkError
from telegram.ext import Application
from telegram.request import BaseRequest, RequestData

from app.shell_api import BotApiError, Call, DroppedConnection, ShellBotApi
from app.telegram_app import build_application
from bot.clock import Clock, ManualClock
from bot.config import Settings
from bot.flood import FloodGuard, Verdict
from bot.reminders.dispatcher import next_due_after
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


class CountingFloodGuard(FloodGuard):
    """The usual flood control, counting the updates it does not let through."""

    def __init__(self, max_updates: int, window: float, cooldown: float) -> None:
        super().__init__(max_updates, window, cooldown)
        self.dropped = 0

    def check(self, user_id: int, now: float) -> Verdict:
        verdict = super().check(user_id, now)
        if verdict is not Verdict.ALLOW:
            self.dropped += 1
        return verdict


class UnlimitedFloodGuard(CountingFloodGuard):
    """No flood control: a piped script is one learner typing as fast as a file can be read."""

    def check(self, user_id: int, now: float) -> Verdict:
        return Verdict.ALLOW


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
        flood_guard: CountingFloodGuard | None = None,
        clock_file: Path | None = None,
    ) -> None:
        self.user_id = user_id
        self.name = name
        self.out = out
        self.api = ShellBotApi(on_call=self._print_call)
        self.application: Application = build_application(  # type: ignore[type-arg]
            settings, request=InProcessRequest(self.api), clock=clock
        )
        self.flood_guard = flood_guard or CountingFloodGuard(
            settings.flood_max_updates, settings.flood_window_seconds, settings.flood_cooldown_seconds
        )
        self.application.bot_data.flood_guard = self.flood_guard
        self._buttons: list[_Pressable] = []
        self.clock = clock
        self.clock_file = clock_file
        self.local_commands: dict[str, Callable[[str], Any]] = {"/tick": self.tick}

    async def tick(self, line: str) -> None:
        """Shell only: `/tick 2h` makes time pass (default 1 h), then sends what became due."""
        from handlers.reminders import dispatch_now

        amount = line.split(maxsplit=1)[1] if " " in line else "1h"
        delta = parse_duration(amount)
        if delta is None or not isinstance(self.clock, ManualClock):
            self._print("Usage: /tick 30m | 2h | 3d (the terminal chat's clock only)")
            return
        target = self.clock.now() + delta
        self._print(f"⏩ {amount} later: {target.strftime('%a %d %b %Y %H:%M UTC')}")
        await dispatch_now(self.application)
        while self.clock.now() < target:  # from one due time to the next: each arrives on time, not late
            due = await next_due_after(self.application.bot_data.core.db, self.clock.now())
            self.clock.advance(min(target, due if due is not None else target) - self.clock.now())
            await dispatch_now(self.application)
        if self.clock_file is not None:
            save_clock_offset(self.clock_file, self.clock.now() - datetime.now(UTC))

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
        if not call.ok or not self._for_this_chat(call.params):
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

    def _for_this_chat(self, params: dict[str, Any]) -> bool:
        """Whether a call is for this learner's chat (a reminder to another learner is not)."""
        chat_id = params.get("chat_id")
        return chat_id is None or str(chat_id) == str(self.user_id)

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


def clock_file_for(settings: Settings) -> Path | None:
    """Where the terminal chat keeps its clock: next to the SQLite database file.

    None for an in-memory database or a server database (PostgreSQL): the clock then starts
    at real time each run.
    """
    from sqlalchemy.engine import make_url

    url = make_url(settings.database_url)
    if not url.drivername.startswith("sqlite") or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).with_name(Path(url.database).name + ".shell-clock.json")


def load_clock_offset(path: Path | None) -> timedelta:
    """How far ahead of real time `/tick` left the clock (zero when never ticked)."""
    if path is None:
        return timedelta(0)
    try:
        seconds = float(json.loads(path.read_text(encoding="utf-8"))["offset_seconds"])
    except FileNotFoundError:
        return timedelta(0)
    except (ValueError, KeyError, TypeError, OSError):
        logging.getLogger(__name__).warning("Ignoring an unreadable terminal chat clock file %s", path)
        return timedelta(0)
    return timedelta(seconds=seconds)


def save_clock_offset(path: Path, offset: timedelta) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"offset_seconds": offset.total_seconds()}) + "\n", encoding="utf-8")


def quiet_logs(settings: Settings) -> None:
    """The terminal chat logs at WARNING, so no INFO line lands on the prompt, unless LOG_LEVEL says."""
    if "log_level" not in settings.model_fields_set:
        logging.getLogger().setLevel(logging.WARNING)


def flood_guard_for(settings: Settings, interactive: bool) -> CountingFloodGuard:
    """Piped scripts are not flood-limited unless FLOOD_MAX_UPDATES is set explicitly."""
    if not interactive and "flood_max_updates" not in settings.model_fields_set:
        return UnlimitedFloodGuard(settings.flood_max_updates, 1.0, 0.0)
    return CountingFloodGuard(
        settings.flood_max_updates, settings.flood_window_seconds, settings.flood_cooldown_seconds
    )


async def run_shell(
    settings: Settings,
    *,
    user_id: int = DEFAULT_USER_ID,
    name: str = DEFAULT_NAME,
    stdin: TextIO = sys.stdin,
    out: TextIO = sys.stdout,
) -> int:
    """Chat until end of input; returns the process exit code (1 when flood control dropped a line)."""
    quiet_logs(settings)
    interactive = stdin.isatty()
    clock_file = clock_file_for(settings)
    offset = load_clock_offset(clock_file)
    clock = ManualClock(datetime.now(UTC) + offset) if offset else ManualClock()
    chat = TerminalChat(
        settings,
        user_id=user_id,
        name=name,
        out=out,
        clock=clock,
        flood_guard=flood_guard_for(settings, interactive),
        clock_file=clock_file,
    )
    async with chat:
        if interactive:
            out.write("Terminal chat with Microcred Advisor. Type /start; Ctrl-D quits.\n")
            if offset:
                out.write(f"The clock is {clock.now():%a %d %b %Y %H:%M UTC} (from /tick; {clock_file}).\n")
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
    dropped = chat.flood_guard.dropped
    if dropped:
        print(
            f"{dropped} line(s) got no answer: flood control (FLOOD_MAX_UPDATES, FLOOD_WINDOW_SECONDS)",
            file=sys.stderr,
        )
        return 1
    return 0
