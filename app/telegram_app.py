"""App wiring: build the python-telegram-bot `Application` and register every handler.

This module and `handlers/` are the only places that import `telegram`.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from urllib.parse import urlsplit

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    ApplicationBuilder,
    BaseUpdateProcessor,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from app import webhook_guard
from app.update_processor import ChatOrderedProcessor
from bot import welcome as texts
from bot.callbacks import (
    CourseCard,
    CourseQuestion,
    FaqAnswer,
    FaqTopic,
    FaqTopics,
    ForgetChoice,
    MenuChoice,
    PlanAction,
    Recognition,
    ResultsPage,
    SearchFor,
)
from bot.clock import Clock
from bot.config import Settings
from bot.logs import redact
from bot.reminders.dispatcher import repair_plans
from bot.services import Services, open_services
from bot.study.replies import PlanMove
from handlers import admin, advise, faq, flood, groups, messages, privacy, reminders, search, start, study
from handlers.context import CONTEXT_TYPES, BotApplication, load_learner
from handlers.errors import on_error
from handlers.limits import bot_rate_limiter, send_limiter

log = logging.getLogger(__name__)

# Stand-in token for the terminal chat, which never talks to Telegram.
TERMINAL_TOKEN = "0:terminal-chat"
# Waits between attempts to register the command menu; after the last, the bot runs without it.
COMMAND_MENU_RETRY_DELAYS = (1.0, 3.0)


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    clock: Clock | None = None,
    services: Services | None = None,
    dispatch_every: float | None = reminders.DISPATCH_EVERY_SECONDS,
    update_processor: BaseUpdateProcessor | None = None,
) -> BotApplication:
    """The bot, ready for `run_polling` (or the terminal chat's in-process request)."""
    redact(settings.token)
    if settings.webhook_secret is not None:
        redact(settings.webhook_secret.get_secret_value())
    builder = (
        ApplicationBuilder()
        .token(settings.token or TERMINAL_TOKEN)
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.timezone))
        .rate_limiter(bot_rate_limiter())  # one send limit for replies and reminders
        .context_types(CONTEXT_TYPES)
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.telegram_api_base_url:
        root = settings.telegram_api_base_url
        builder = builder.base_url(f"{root}/bot{{token}}").base_file_url(f"{root}/file/bot{{token}}")
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    # Different chats concurrently, each chat's updates in order (tests pass one that also
    # notes when each update is done).
    builder = builder.concurrent_updates(update_processor or ChatOrderedProcessor())
    application = builder.build()
    data = application.bot_data
    data.settings, data.clock, data.dispatch_every, data.services = settings, clock, dispatch_every, services
    _register_handlers(application)
    return application


FAQ_BUTTONS = (FaqTopics, FaqTopic, FaqAnswer, CourseQuestion)


def _register_handlers(application: BotApplication) -> None:
    """Every route into the bot, in one table."""
    private = filters.ChatType.PRIVATE
    application.add_handler(TypeHandler(Update, groups.group_gate), group=-5)
    application.add_handler(TypeHandler(Update, flood.flood_control), group=-4)
    application.add_handler(TypeHandler(Update, load_learner), group=-3)
    # the conversations' stored steps: a restart or another instance carries on
    application.add_handler(TypeHandler(Update, study.load_conversation), group=-2)
    application.add_handler(TypeHandler(Update, advise.load_conversation), group=-1)
    application.add_handlers(
        [
            study.conversation(),  # first: while planning, its answers go to it
            advise.conversation(),  # then the "Advise me" questions, while they are asked
            CommandHandler("start", start.start),
            CommandHandler("help", start.help_command),
            CommandHandler("faq", faq.faq_command),
            CommandHandler("search", search.search_command),
            CallbackQueryHandler(start.menu_button, pattern=MenuChoice.matches),
            CallbackQueryHandler(faq.faq_button, pattern=lambda d: any(k.matches(d) for k in FAQ_BUTTONS)),
            CallbackQueryHandler(search.search_button, pattern=SearchFor.matches),
            CallbackQueryHandler(search.results_button, pattern=ResultsPage.matches),
            CallbackQueryHandler(search.course_button, pattern=CourseCard.matches),
            CallbackQueryHandler(search.recognition_button, pattern=Recognition.matches),
            CallbackQueryHandler(study.plan_button, pattern=PlanAction.matches),
            CallbackQueryHandler(study.move_button, pattern=PlanMove.matches),
            CommandHandler("progress", study.progress_command),
            CommandHandler("reminders", study.reminders_command),
            CommandHandler("pause", study.pause_command),
            CommandHandler("resume", study.resume_command),
            CommandHandler("stopstudying", study.stop_command),
            CommandHandler("stop", study.stop_command),  # what many bots use: the same, confirmed first
            CommandHandler("timezone", study.timezone_command),
            CommandHandler("quiet", study.quiet_command),
            CommandHandler("mydata", privacy.mydata_command),
            CommandHandler("forget", privacy.forget_command),
            CallbackQueryHandler(privacy.forget_button, pattern=ForgetChoice.matches),
            InlineQueryHandler(search.inline_search),
            MessageHandler(
                (private | filters.REPLY) & filters.UpdateType.MESSAGE & filters.TEXT & ~filters.COMMAND,
                messages.free_text,
            ),
            CallbackQueryHandler(start.stale_button),  # anything else: an old or forged button
            CommandHandler("reload", admin.reload_command),
            CommandHandler("stats", admin.stats_command),
            MessageHandler(private & filters.UpdateType.MESSAGE & filters.Document.ALL, admin.document),
            MessageHandler(private & filters.COMMAND, admin.unknown_command),
            MessageHandler(
                private & filters.UpdateType.MESSAGE & ~filters.TEXT & ~filters.StatusUpdate.ALL,
                messages.not_text,
            ),
        ]
    )
    application.add_error_handler(on_error)
    webhook_guard.install()  # webhook requests are checked on their headers, bodies capped


async def _post_init(application: BotApplication) -> None:
    """Open the database and content, then register the command menu with Telegram."""
    data = application.bot_data
    if data.services is None:
        assert data.settings is not None
        data.services = await open_services(data.settings, clock=data.clock)
    send_limiter(application)  # replies and reminders share it from now on
    await _set_command_menu(application)
    services = data.core
    if data.flood_guard is None:
        data.flood_guard = flood.guard_for(services)
    repaired = await repair_plans(services.db, services.clock.now(), services.settings.default_timezone)
    if repaired:
        log.info("Scheduled the next reminder of %d plan(s) after an interrupted run", repaired)
    if data.install_signal_handlers:
        _install_signal_handlers(application)
    _run_shared_state_jobs(application)
    every = data.dispatch_every
    if every and application.job_queue is not None:
        # One repeating job sends every due reminder; nothing per learner lives in memory.
        application.job_queue.run_repeating(
            reminders.dispatch_job, interval=every, first=min(1.0, every), name="reminders"
        )


def _run_shared_state_jobs(application: BotApplication) -> None:
    """What keeps instances in step: reload when the content version moved; prune flood counters."""
    queue = application.job_queue
    if queue is None:
        return
    every = admin.FOLLOW_CONTENT_SECONDS
    queue.run_repeating(admin.follow_content_job, interval=every, first=every, name="follow-content")
    every = flood.PRUNE_EVERY_SECONDS
    queue.run_repeating(flood.prune_job, interval=every, first=every, name="prune-flood-counters")


async def _set_command_menu(application: BotApplication) -> None:
    """Register the command menu; a Telegram hiccup (a 502) is retried, then skipped (logged).

    The menu is a convenience: every command works without it, so it never stops a start.
    """
    commands = [BotCommand(name, description) for name, description in texts.COMMANDS]
    for delay in (*COMMAND_MENU_RETRY_DELAYS, None):
        try:
            await application.bot.set_my_commands(commands)
            return
        except InvalidToken:
            raise
        except TelegramError as error:
            transient = isinstance(error, NetworkError) and not isinstance(error, BadRequest)
            if not transient or delay is None:
                log.warning("Could not register the command menu (%s); running without it", error)
                return
            log.info("Registering the command menu failed (%s); retrying in %g s", error, delay)
            await asyncio.sleep(delay)


async def _post_shutdown(application: BotApplication) -> None:
    services, application.bot_data.services = application.bot_data.services, None
    if services is not None:
        await services.close()


class _WithoutInvalidToken(logging.Filter):
    """PTB logs a rejected token with a traceback; the command line says it in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], InvalidToken))


def run(settings: Settings) -> None:
    """Webhook mode when WEBHOOK_URL is set, long polling otherwise.

    Raises `InvalidToken` when Telegram rejects the token (the caller says so in one line).
    """
    logging.getLogger("telegram.ext").addFilter(_WithoutInvalidToken())
    if settings.webhook_url:
        run_webhook(settings)
    else:
        run_polling(settings)


def run_webhook(settings: Settings) -> None:
    """Serve Telegram's webhook on PORT; updates without the right secret header are refused.

    Several instances can run behind a load balancer: they share the database, and the
    reminder claims keep each reminder to one instance.
    """
    assert settings.webhook_url is not None and settings.webhook_secret is not None
    application = build_application(settings)
    application.bot_data.install_signal_handlers = True
    path = urlsplit(settings.webhook_url).path.lstrip("/")
    log.info("Starting Microcred Advisor in webhook mode on port %d", settings.port)
    application.run_webhook(
        listen=settings.webhook_listen,
        port=settings.port,
        url_path=path,
        webhook_url=settings.webhook_url,
        secret_token=settings.webhook_secret.get_secret_value(),
        allowed_updates=Update.ALL_TYPES,
        drop_pending_updates=False,
        stop_signals=None,
    )


def run_polling(settings: Settings) -> None:
    """Run on Telegram until SIGINT/SIGTERM; updates sent while we were down are kept.

    On a signal: stop taking updates, let in-flight handlers finish, stop sending reminders
    (the unsent part of the batch is handed back for the next start), close the database.
    """
    application = build_application(settings)
    application.bot_data.install_signal_handlers = True
    log.info("Starting Microcred Advisor in polling mode")
    application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False, stop_signals=None)


def _install_signal_handlers(application: BotApplication) -> None:
    loop = asyncio.get_running_loop()

    def stop(signum: int) -> None:
        log.info("Received %s: finishing in-flight work and stopping", signal.Signals(signum).name)
        dispatcher = application.bot_data.dispatcher
        if dispatcher is not None:
            dispatcher.stopping = True
        application.stop_running()

    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop, signum)
