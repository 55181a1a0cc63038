"""`python -m bot`: run the bot, chat with it in the terminal, manage the catalogue."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.config import ConfigError, Settings, load_settings
from bot.content import ContentError
from bot.logs import configure_logging, scrub
from bot.storage.db import DatabaseUnavailable

TOKEN_REJECTED = "Telegram rejected the token; check TELEGRAM_BOT_TOKEN"
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
        help="run the bot on Telegram; the terminal chat when no token is set",
        description="Run the bot on Telegram: long polling, or a webhook when WEBHOOK_URL is set. "
        "Without TELEGRAM_BOT_TOKEN it opens the terminal chat instead.",
    )
    shell = commands.add_parser(
        "shell",
        help="chat with the bot in this terminal, no Telegram needed",
        description="Chat with the real handlers and database in the terminal. Buttons print "
        "numbered: type the number to press one. Reads one message per line from a pipe.",
    )
    shell.add_argument("--user-id", type=int, default=100001, help="who is talking (Telegram id)")
    shell.add_argument("--name", default="Learner", help="the talker's first name")

    db = commands.add_parser(
        "db",
        help="database schema migrations",
        description="Schema migrations (Alembic). They also run at every start-up.",
    )
    db_commands = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    db_commands.add_parser(
        "upgrade",
        help="migrate the database at DATABASE_URL to the newest schema",
        description="Migrate the database at DATABASE_URL to the newest schema (creating it if new).",
    )

    catalog = commands.add_parser(
        "catalog",
        help="import or export the course catalogue",
        description="Manage the course catalogue in the database (DATABASE_URL).",
    )
    catalog_commands = catalog.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)
    importer = catalog_commands.add_parser(
        "import",
        help="validate a YAML, JSON or CSV file, then upsert it in one transaction",
        description="Validate every record first; only a fully valid file is written, as an "
        "idempotent upsert by course key. Problems are listed with file, record and field.",
    )
    importer.add_argument("file", type=Path, help="a .yaml, .yml, .json or .csv catalogue file")
    exporter = catalog_commands.add_parser(
        "export",
        help="write the catalogue to a YAML, JSON or CSV file",
        description="Write every provider and course in the import format (chosen by suffix).",
    )
    exporter.add_argument("file", type=Path, help="where to write: .yaml, .yml, .json or .csv")
    exporter.add_argument(
        "--eu",
        action="store_true",
        help="write the EU Council Recommendation (2022) micro-credential elements (JSON/YAML)",
    )
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
    configure_logging(settings.log_level, secrets=[settings.token or "", _database_password(settings)])
    try:
        return _dispatch(parser, args, settings)
    except ContentError as error:
        print(f"Content error: {error}", file=sys.stderr)
        return 2
    except DatabaseUnavailable as error:
        print(scrub(str(error)), file=sys.stderr)
        return 1


def _database_password(settings: Settings) -> str:
    from sqlalchemy.engine import make_url

    password = make_url(settings.database_url).password or ""
    return password if len(password) >= 6 else ""  # redacting "pw" would mangle every log line


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "run":
        return _run(settings)
    if args.command == "shell":
        return _shell(settings, args.user_id, args.name)
    if args.command == "db":
        return asyncio.run(_db_upgrade(settings))
    if args.command == "catalog":
        return asyncio.run(_catalog(settings, args.catalog_command, args.file, getattr(args, "eu", False)))
    parser.print_help()
    return 2


def _run(settings: Settings) -> int:
    if settings.token is None:
        print(GO_LIVE_HINT, file=sys.stderr)
        return _shell(settings, 100001, "Learner")
    from telegram.error import InvalidToken, TelegramError

    from app.telegram_app import run

    try:
        run(settings)
    except InvalidToken:
        print(TOKEN_REJECTED, file=sys.stderr)
        return 1
    except TelegramError as error:  # unreachable, or refusing a start-up call
        print(scrub(f"Could not start the bot: Telegram said: {error}"), file=sys.stderr)
        return 1
    return 0


def _shell(settings: Settings, user_id: int, name: str) -> int:
    from app.shell import run_shell

    return asyncio.run(run_shell(settings, user_id=user_id, name=name))


async def _catalog(settings: Settings, action: str, path: Path, eu: bool = False) -> int:
    from bot import content_version
    from bot.catalog.io import CatalogError, export_catalog, import_catalog
    from bot.catalog.store import open_catalog
    from bot.clock import SystemClock
    from bot.storage.db import open_database

    db = await open_database(settings.database_url)
    try:
        await open_catalog(db, settings.content_dir)  # the sample catalogue on a fresh database
        if action == "export":
            count = await export_catalog(db, path, eu=eu)
            print(f"Exported {count} courses to {path}")
            return 0
        report = await import_catalog(db, path)
        version = await content_version.bump(db, SystemClock().now())
    except CatalogError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"Nothing was imported: {len(error.problems)} problem(s).", file=sys.stderr)
        return 1
    finally:
        await db.dispose()
    print(f"Imported {path}: {report}. Content version {version}: running bots pick it up within seconds.")
    return 0


async def _db_upgrade(settings: Settings) -> int:
    from bot.storage.db import CONNECTION_ERRORS, Database, unavailable
    from bot.storage.migrate import head_revision

    db = Database(settings.database_url)
    try:
        before = await db.migrate()
    except CONNECTION_ERRORS as error:
        raise unavailable(settings.database_url, error) from None
    finally:
        await db.dispose()
    print(f"Database schema: {before or 'new'} -> {head_revision()}")
    return 0
