"""/mydata and /forget: a learner sees, and can delete, everything stored about them.

Both work only in the learner's private chat; in a group they point there instead, and a
/forget confirmation button does something only when its owner presses it in that chat.
"""

from __future__ import annotations

import json
from typing import Any

from telegram import InputFile, Message, Update

from bot.callbacks import ForgetChoice
from bot.privacy import export_learner, forget_learner, stores_anything
from bot.replies import Button, Reply, esc, plural, shorten
from handlers.common import private_only, send, show
from handlers.context import BotContext

CONFIRM = Reply(
    "This deletes <b>everything</b> I store about you: study plans, progress, reminders, your "
    "time zone and settings, and your recent searches. It can't be undone. Delete it all?",
    [
        [
            Button("Yes, delete everything", data=ForgetChoice("yes")),
            Button("No, keep it", data=ForgetChoice("no")),
        ]
    ],
)

NOT_YOURS = "This button does nothing here. To delete your data, send /forget in our private chat."


async def mydata_command(update: Update, context: BotContext) -> None:
    """A readable summary of the learner's stored data, plus all of it as a JSON file."""
    if await private_only(update, context, "mydata"):
        return
    user = update.effective_user
    chat = update.effective_chat
    if user is None or chat is None:
        return
    data = await export_learner(context.core.db, user.id)
    if not stores_anything(data):
        await send(update, Reply("I don't store anything about you."))
        return
    await send(update, summary(data))
    content = json.dumps(data, indent=2, ensure_ascii=False).encode()
    await chat.send_document(InputFile(content, filename="my-microcred-data.json"))


def summary(data: dict[str, Any]) -> Reply:
    """What /mydata says before the file: one line per kind of data, with counts."""
    learner = data["learner"]
    lines = ["<b>What I store about you</b>"]
    if learner is not None:
        name = esc(shorten(learner["first_name"], 64))
        lines += [
            f"• Telegram id {learner['id']}, chat {learner['chat_id']}, name {name}",
            f"• Time zone: {esc(learner['timezone'] or 'not set')}",
        ]
    lines += [
        f"• Study plans: {len(data['plans'])} (progress on {plural(len(data['module_progress']), 'module')})",
        f"• Study sessions you reported: {len(data['study_sessions'])}",
        f"• Reminders (sent and upcoming): {len(data['reminders'])}",
        f"• Recent searches (kept a week): {len(data['recent_searches'])}",
        f"• Questions in progress (a plan being made or changed, or Advise me): {len(data['conversations'])}",
        f"• When a reminder last went to your chat (kept a minute): {len(data['send_limits'])}",
        f"• Messages you sent in the last minute (flood control): {_flood(data)}",
        "",
        "All of it is in the file below. /forget deletes it.",
    ]
    return Reply("\n".join(lines))


def _flood(data: dict[str, Any]) -> int:
    """Updates counted in the learner's current flood window (0 when nothing is kept)."""
    return sum(int(row["updates"]) for row in data.get("flood_counter", []))


async def forget_command(update: Update, context: BotContext) -> None:
    """Asks for confirmation before deleting anything."""
    if await private_only(update, context, "forget"):
        return
    await send(update, CONFIRM)


async def forget_button(update: Update, context: BotContext) -> None:
    """x:forget:yes deletes the presser's own data (only ever theirs); x:forget:no keeps it."""
    query = update.callback_query
    assert query is not None and query.data is not None and query.from_user is not None
    message = query.message
    owners_chat = (
        isinstance(message, Message)
        and message.chat.type == message.chat.PRIVATE
        and message.chat.id == query.from_user.id
    )
    if not owners_chat:  # an old group message, or someone else's: nothing happens
        await query.answer(NOT_YOURS, show_alert=True)
        return
    choice = ForgetChoice.parse(query.data)
    if choice is None or choice.answer != "yes":
        await show(update, Reply("Nothing was deleted."))
        return
    await forget_learner(context.core.db, query.from_user.id)
    # Conversation state too: a plan or "Advise me" half answered, what was asked last.
    if context.user_data is not None:
        context.user_data.clear()
    context.learner = None
    await show(update, Reply("Done: everything I stored about you is deleted. Send /start to begin again."))
