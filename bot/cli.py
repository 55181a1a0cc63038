"""`python -m bot`: run the bot, chat with it in the terminal, manage the catalogue."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from bot.config import ConfigError, Settings, load_settings
from bot.logs import configure_logging

GO_LIVE_HINT = (
    "No TELEGRAM_BOT_TOKEN set: starting the terminal chat. To go live, get a token from "
    "@BotFather, put TELEGRAM_BOT_TOKEN=<token> in .env and run again."
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Microcred Advisor: a Telegram bot for people considering or studying microcredentials.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser(
        "run",
        help="run the bot on Telegram (polling); the terminal chat when no token is set",
        description="Run the bot on Telegram in polling mode. Without TELEGRAM_BOT_TOKEN "
        "it opens the terminal chat instead.",
    )
    shell = commands.add_parser(
        "shell",
        help="chat with the bot in this terminal, no Telegram needed",
        description="Chat with the real handlers and database in the terminal. Buttons print "
        "numbered: type the number to press one. Reads one message per line from a pipe.",
    )
    shell.add_argument("--user-id", type=int, default=100001, help="who is talking (Telegram id)")
    shell.add_argument("--name", default="Learner", help="the talker's first name")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        settings = load_settings()
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    configure_logging(settings.log_level, secrets=[settings.token or ""])
    if args.command == "run":
        return _run(settings)
    if args.command == "shell":
        return _shell(settings, args.user_id, args.name)
    parser.print_help()
    return 2


def _run(settings: Settings) -> int:
    if settings.token is None:
        print(GO_LIVE_HINT, file=sys.stderr)
        return _shell(settings, 100001, "Learner")
    from bot.app import run_polling

    run_polling(settings)
    return 0


def _shell(settings: Settings, user_id: int, name: str) -> int:
    from bot.shell import run_shell

    return asyncio.run(run_shell(settings, user_id=user_id, name=name))
