"""The minimal in-process Telegram Bot API that the terminal chat talks to, in plain Python.

It keeps updates until they are confirmed with `offset`, like Telegram, so a restarted bot
receives what was sent while it was down, and it refuses what Telegram refuses and a bot
easily gets wrong: HTML that Telegram would refuse, messages over 4,096 characters, empty
text, callback data over 64 bytes, an edit that changes nothing. Every call is recorded in
`calls`.

The tests build on it (`tests/fakes/bot_api.py` adds fault injection and Telegram's rate
limits; `tests/fakes/server.py` serves it over HTTP on 127.0.0.1); nothing test-only lives here.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.telegram_html import html_problem, visible_length

BOT_ID = 7000000001
BOT_USERNAME = "MicrocredAdvisorBot"
MAX_TEXT_LENGTH = 4096
MAX_CALLBACK_DATA_BYTES = 64
MAX_BUTTONS = 100

# Parameters that PTB sends JSON-encoded (every other value is a plain string).
JSON_PARAMETERS = frozenset(
    {
        "reply_markup",
        "commands",
        "results",
        "allowed_updates",
        "entities",
        "scope",
        "link_preview_options",
        "reply_parameters",
        "button",
        "caption_entities",
        "media",
    }
)
_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?")


class BotApiError(Exception):
    """An error answer from the Bot API: `{"ok": false, "error_code": ..., ...}`."""

    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


class DroppedConnection(Exception):
    """The server hangs up without answering (an injected network failure)."""


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float
    ok: bool = True


@dataclass
class ShellBotApi:
    """The Bot API's state: pending updates, sent messages, registered commands."""

    bot_id: int = BOT_ID
    bot_username: str = BOT_USERNAME
    on_call: Callable[[Call], None] | None = None
    calls: list[Call] = field(default_factory=list)
    commands: list[dict[str, Any]] = field(default_factory=list)
    messages: dict[tuple[int, int], dict[str, Any]] = field(default_factory=dict)
    confirmed_offset: int = 0
    _updates: list[dict[str, Any]] = field(default_factory=list)
    _next_update_id: int = 1
    _next_message_id: int = 1
    files: dict[str, bytes] = field(default_factory=dict)  # file_path → content
    webhook: dict[str, Any] = field(default_factory=dict)  # what setWebhook last registered
    _new_update: asyncio.Event | None = None

    # --- what a user does --------------------------------------------------------------

    def push_update(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue a raw update (its `update_id` is assigned here)."""
        update = {"update_id": self._next_update_id, **payload}
        self._next_update_id += 1
        self._updates.append(update)
        if self._new_update is not None:
            self._new_update.set()
        return update

    def discard_update(self, update_id: int) -> None:
        """Drop a queued update that the caller delivers itself (the terminal chat does)."""
        self._updates = [u for u in self._updates if u["update_id"] != update_id]

    def user(self, user_id: int, first_name: str = "Learner") -> dict[str, Any]:
        return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "en"}

    def private_chat(self, user_id: int, first_name: str = "Learner") -> dict[str, Any]:
        return {"id": user_id, "type": "private", "first_name": first_name}

    def send_text(
        self,
        user_id: int,
        text: str,
        *,
        first_name: str = "Learner",
        chat: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A user sends a text message; commands get their `bot_command` entity."""
        message = self._new_message(
            chat or self.private_chat(user_id, first_name), self.user(user_id, first_name)
        )
        message["text"] = text
        command = _COMMAND.match(text)
        if command:
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": _utf16_len(command.group(0))}
            ]
        self.messages[(message["chat"]["id"], message["message_id"])] = message
        return self.push_update({"message": message})

    def press(
        self, user_id: int, message: dict[str, Any], data: str, *, first_name: str = "Learner"
    ) -> dict[str, Any]:
        """A user presses an inline button carrying `data` under a bot message."""
        query = {
            "id": f"cq{self._next_update_id}",
            "from": self.user(user_id, first_name),
            "chat_instance": f"ci{message['chat']['id']}",
            "message": message,
            "data": data,
        }
        return self.push_update({"callback_query": query})

    def send_document(
        self, user_id: int, filename: str, content: bytes, *, caption: str | None = None
    ) -> dict[str, Any]:
        """A user sends a file; the bot can fetch it with getFile and a download."""
        message = self._new_message(self.private_chat(user_id), self.user(user_id))
        file_id = f"file{message['message_id']}"
        self.files[f"documents/{file_id}/{filename}"] = content
        message["document"] = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": filename,
            "file_size": len(content),
        }
        if caption:
            message["caption"] = caption
        self.messages[(user_id, message["message_id"])] = message
        return self.push_update({"message": message})

    def send_other(self, user_id: int, kind: str, payload: Any) -> dict[str, Any]:
        """A user sends a non-text message: kind is e.g. "sticker", "location", "photo"."""
        message = self._new_message(self.private_chat(user_id), self.user(user_id))
        message[kind] = payload
        self.messages[(user_id, message["message_id"])] = message
        return self.push_update({"message": message})

    def file_content(self, file_path: str) -> bytes | None:
        return self.files.get(file_path)

    def inline_query(self, user_id: int, query: str) -> dict[str, Any]:
        payload = {
            "id": f"iq{self._next_update_id}",
            "from": self.user(user_id),
            "query": query,
            "offset": "",
            "chat_type": "private",
        }
        return self.push_update({"inline_query": payload})

    # --- what tests and the shell read ---------------------------------------------------

    def pending_updates(self) -> int:
        return len(self._updates)

    # --- the Bot API itself ---------------------------------------------------------------

    async def handle(self, method: str, params: dict[str, Any]) -> Any:
        """Answer one Bot API call with its `result`, or raise `BotApiError`."""
        call = Call(method, params, time.monotonic())
        self.calls.append(call)
        try:
            self._maybe_fail(method, params)
            handler = getattr(self, f"_api_{method.lower()}", None)
            if handler is None:
                raise BotApiError(400, f"Bad Request: method {method} is not faked")
            if method.lower() == "getupdates":
                return await handler(params)
            return handler(params)
        except (BotApiError, DroppedConnection):
            call.ok = False
            raise
        finally:
            if self.on_call is not None and method.lower() != "getupdates":
                self.on_call(call)

    def _maybe_fail(self, method: str, params: dict[str, Any]) -> None:
        """Hook for injected failures (the tests' fake overrides it); the shell has none."""

    def _api_getme(self, _params: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Microcred Advisor",
            "username": self.bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": True,
        }

    async def _api_getupdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset:
            self.confirmed_offset = max(self.confirmed_offset, offset)
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and timeout > 0:
            self._new_update = asyncio.Event()
            try:
                await asyncio.wait_for(self._new_update.wait(), timeout)
            except TimeoutError:
                pass
            finally:
                self._new_update = None
        return [u for u in self._updates if u["update_id"] >= offset][:limit]

    def _api_deletewebhook(self, _params: dict[str, Any]) -> bool:
        return True

    def _api_setwebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {k: v for k, v in params.items() if k != "certificate"}
        return True

    def _api_getwebhookinfo(self, _params: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _api_setmycommands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands") or []
        for command in commands:
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command.get("command", "")):
                raise BotApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        self.commands = list(commands)
        return True

    def _api_getmycommands(self, _params: dict[str, Any]) -> list[dict[str, Any]]:
        return self.commands

    def _api_deletemycommands(self, _params: dict[str, Any]) -> bool:
        self.commands = []
        return True

    def _check_limits(self, chat_id: int) -> None:
        """Hook for Telegram's rate limits (the tests' fake enforces them); the shell has none."""

    def _api_sendmessage(self, params: dict[str, Any]) -> dict[str, Any]:
        self._check_limits(int(params["chat_id"]))
        text = str(params.get("text", ""))
        _check_text(text, params.get("parse_mode"))
        _check_markup(params.get("reply_markup"))
        chat_id = int(params["chat_id"])
        message = self._new_message(self._chat(chat_id), self._api_getme({}))
        message["text"] = text
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, message["message_id"])] = message
        return message

    def _api_editmessagetext(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._existing(params)
        text = str(params.get("text", ""))
        _check_text(text, params.get("parse_mode"))
        _check_markup(params.get("reply_markup"))
        markup = params.get("reply_markup")
        if message.get("text") == text and message.get("reply_markup") == markup:
            raise BotApiError(400, "Bad Request: message is not modified")
        message["text"] = text
        message["edit_date"] = int(time.time())
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        return message

    def _api_editmessagereplymarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        message = self._existing(params)
        markup = params.get("reply_markup")
        _check_markup(markup)
        if message.get("reply_markup") == markup:
            raise BotApiError(400, "Bad Request: message is not modified")
        if markup:
            message["reply_markup"] = markup
        else:
            message.pop("reply_markup", None)
        message["edit_date"] = int(time.time())
        return message

    def _api_answercallbackquery(self, params: dict[str, Any]) -> bool:
        if len(str(params.get("text", ""))) > 200:
            raise BotApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        return True

    def _api_answerinlinequery(self, params: dict[str, Any]) -> bool:
        results = params.get("results") or []
        if len(results) > 50:
            raise BotApiError(400, "Bad Request: RESULTS_TOO_MUCH")
        for result in results:
            content = result.get("input_message_content") or {}
            _check_text(str(content.get("message_text", "")), content.get("parse_mode"))
        return True

    def _api_senddocument(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message = self._new_message(self._chat(chat_id), self._api_getme({}))
        message["document"] = {
            "file_id": f"doc{message['message_id']}",
            "file_unique_id": f"u{message['message_id']}",
            "file_name": str(params.get("filename") or "document"),
        }
        if params.get("caption"):
            message["caption"] = params["caption"]
        self.messages[(chat_id, message["message_id"])] = message
        return message

    def _api_getfile(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params.get("file_id", ""))
        for path, content in self.files.items():
            if path.split("/")[1] == file_id:
                return {
                    "file_id": file_id,
                    "file_unique_id": f"u{file_id}",
                    "file_size": len(content),
                    "file_path": path,
                }
        raise BotApiError(400, "Bad Request: invalid file_id")

    def _api_sendchataction(self, _params: dict[str, Any]) -> bool:
        return True

    def _api_close(self, _params: dict[str, Any]) -> bool:
        return True

    # --- helpers --------------------------------------------------------------------------

    def _chat(self, chat_id: int) -> dict[str, Any]:
        if chat_id < 0:
            return {"id": chat_id, "type": "group", "title": "Group"}
        return {"id": chat_id, "type": "private", "first_name": "Learner"}

    def _new_message(self, chat: dict[str, Any], sender: dict[str, Any]) -> dict[str, Any]:
        message_id = self._next_message_id
        self._next_message_id += 1
        sender = {k: sender[k] for k in ("id", "is_bot", "first_name", "username") if k in sender}
        return {"message_id": message_id, "date": int(time.time()), "chat": chat, "from": sender}

    def _existing(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (int(params.get("chat_id", 0)), int(params.get("message_id", 0)))
        message = self.messages.get(key)
        if message is None:
            raise BotApiError(400, "Bad Request: message to edit not found")
        return message


def decode_params(raw: dict[str, str]) -> dict[str, Any]:
    """Turn the string parameters PTB sends over HTTP back into Python values."""
    return {
        key: json.loads(value) if key in JSON_PARAMETERS and isinstance(value, str) else value
        for key, value in raw.items()
    }


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _check_text(text: str, parse_mode: Any) -> None:
    if parse_mode == "HTML":
        _check_html(text)
        visible, length = re.sub(r"<[^<>]*>", "", text), visible_length(text)
    else:
        visible, length = text, _utf16_len(text)
    if not visible.strip():
        raise BotApiError(400, "Bad Request: message text is empty")
    if length > MAX_TEXT_LENGTH:
        raise BotApiError(400, "Bad Request: message is too long")


def _check_html(text: str) -> None:
    problem = html_problem(text)
    if problem is not None:
        raise BotApiError(400, f"Bad Request: can't parse entities: {problem}")


def _check_markup(markup: Any) -> None:
    if not markup:
        return
    if sum(len(row) for row in markup.get("inline_keyboard", [])) > MAX_BUTTONS:
        raise BotApiError(400, "Bad Request: BUTTONS_TOO_MUCH")
    for row in markup.get("inline_keyboard", []):
        for button in row:
            if not str(button.get("text", "")).strip():
                raise BotApiError(400, "Bad Request: BUTTON_TEXT_EMPTY")
            data = button.get("callback_data")
            if data is not None and len(str(data).encode()) > MAX_CALLBACK_DATA_BYTES:
                raise BotApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            kinds = {
                "callback_data",
                "url",
                "switch_inline_query",
                "switch_inline_query_current_chat",
            } & button.keys()
            if len(kinds) != 1:
                raise BotApiError(400, "Bad Request: can't find field in inline keyboard button")
