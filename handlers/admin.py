"""Operator commands, only for ADMIN_USER_IDS: /stats, /reload, and catalogue import by file.

They work only in an admin's private chat. Anyone else, and anyone in a group, gets exactly
what an unknown command gets (the unknown-command reply in private, silence in a group), so
the commands stay invisible.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
from pathlib import Path

from telegram import Update

from bot.admin import replies as stats_replies
from bot.admin import stats
from bot.catalog.io import MAX_CATALOG_BYTES, CatalogError, import_catalog
from bot.content import ContentError
from bot.replies import Reply, esc, shorten
from handlers.common import send
from handlers.context import BotContext
from handlers.messages import not_text

log = logging.getLogger(__name__)

UNKNOWN_COMMAND = Reply("Sorry, I don't know that command. Send /help to see what I can do.")
IMPORT_SUFFIXES = (".yaml", ".yml", ".json", ".csv")
MAX_IMPORT_BYTES = MAX_CATALOG_BYTES
MAX_PROBLEMS_SHOWN = 15
MAX_PROBLEM_LENGTH = 200  # characters of one problem line in the report
FOLLOW_CONTENT_SECONDS = 5.0  # how often each instance checks the shared content version


def is_admin(update: Update, context: BotContext) -> bool:
    """An admin, in their private chat (in a group an admin command is an unknown one)."""
    user, chat = update.effective_user, update.effective_chat
    return (
        user is not None
        and chat is not None
        and chat.type == chat.PRIVATE
        and user.id in context.core.settings.admin_user_ids
    )


async def unknown_command(update: Update, context: BotContext) -> None:
    """Any command the bot does not have: a pointer to /help in private, silence in a group."""
    chat = update.effective_chat
    if chat is None or chat.type != chat.PRIVATE:
        return
    await send(update, UNKNOWN_COMMAND)


async def stats_command(update: Update, context: BotContext) -> None:
    """/stats: learners, plans, reminders sent and failed in the last day, unmatched searches."""
    if not is_admin(update, context):
        await unknown_command(update, context)
        return
    core = context.core
    await send(update, stats_replies.render(await stats.collect(core.db, core.clock.now())))


async def reload_command(update: Update, context: BotContext) -> None:
    """/reload: re-read the FAQ and rebuild the catalogue index, without a restart; every other
    instance on the database follows within a few seconds (the content version)."""
    if not is_admin(update, context):
        await unknown_command(update, context)
        return
    core = context.core
    try:
        await asyncio.to_thread(core.reload_content)  # embeddings and the care model: off the event loop
    except ContentError as error:
        await send(update, Reply(f"Content not reloaded, the old one stays:\n{esc(error)}"))
        return
    await core.rebuild_catalog()
    await core.publish_content()
    await send(
        update,
        Reply(
            f"Reloaded: {len(core.faq.entries)} FAQ entries, "
            f"{len(core.catalog.courses)} courses in the search index "
            f"(content version {core.content_version}, every instance follows)."
        ),
    )


async def follow_content_job(context: BotContext) -> None:
    """Every few seconds: reload here when /reload or an import ran elsewhere (logged)."""
    await context.core.follow_content()


async def document(update: Update, context: BotContext) -> None:
    """An admin's catalogue file (YAML, JSON or CSV) is validated, then imported whole."""
    message = update.effective_message
    if message is None or message.document is None or not is_admin(update, context):
        await not_text(update, context)
        return
    name = message.document.file_name or "catalogue"
    if not name.lower().endswith(IMPORT_SUFFIXES):
        await send(update, Reply("To import a catalogue, send a .yaml, .json or .csv file."))
        return
    if (message.document.file_size or 0) > MAX_IMPORT_BYTES:
        await send(update, Reply("That file is too large to import (5 MB at most)."))
        return
    core = context.core
    telegram_file = await message.document.get_file()
    content = bytes(await telegram_file.download_as_bytearray())
    if len(content) > MAX_IMPORT_BYTES:
        await send(update, Reply("That file is too large to import (5 MB at most)."))
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("catalogue" + Path(name).suffix.lower())
        await asyncio.to_thread(path.write_bytes, content)
        try:
            report = await import_catalog(core.db, path)
        except CatalogError as error:
            await send(update, import_problems(error.problems, str(path), name))
            return
    await core.rebuild_catalog()
    await core.publish_content()
    log.info("Catalogue imported from %s: %s", name, report)
    await send(
        update, Reply(f"Imported <b>{esc(shorten(name, 80))}</b>: {esc(report)}. Search is up to date.")
    )


def import_problems(problems: list[str], path: str, name: str) -> Reply:
    """Why nothing was imported: the first 15 problems, each one line of at most 200 characters,
    then "…and N more" (so the report always fits one message)."""
    name = shorten(name, 80)
    shown = [esc(shorten(p.replace(path, name), MAX_PROBLEM_LENGTH)) for p in problems[:MAX_PROBLEMS_SHOWN]]
    more = len(problems) - len(shown)
    text = f"<b>Nothing was imported</b>: {len(problems)} problem(s) in {esc(name)}.\n"
    text += "\n".join(f"• {p}" for p in shown)
    if more > 0:
        text += f"\n…and {more} more."
    return Reply(text)
