"""Migration 0003 on a database that already has two pending reminders for one plan."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import Connection

from bot.storage.db import Database
from bot.storage.migrate import alembic_config

ROWS = [  # id, plan, sent_at, last_error (as SQL)
    "1, 1, NULL, NULL",
    "2, 1, NULL, NULL",  # a second pending reminder for plan 1: two instances repaired it
    "3, 1, '2026-03-01 19:00:00', NULL",
    "4, 1, '2026-02-27 19:00:00', 'blocked'",
    "5, 2, NULL, NULL",
]


def _upgrade_to(connection: Connection, url: str, revision: str) -> None:
    command.upgrade(alembic_config(url, connection), revision)


async def test_upgrade_keeps_one_pending_reminder_per_plan_and_fills_in_states(
    empty_database_url: str,
) -> None:
    db = Database(empty_database_url)
    url = db.engine.url.render_as_string(hide_password=False)
    async with db.engine.begin() as connection:
        await connection.run_sync(_upgrade_to, url, "0002")
        await connection.execute(
            text(
                "INSERT INTO learner (id, chat_id, first_name, quiet_start_minute, "
                "quiet_end_minute, active) VALUES (1, 1, 'L', 0, 0, true)"
            )
        )
        await connection.execute(
            text(
                "INSERT INTO provider (id, key, name, country, kind) VALUES (1, 'p', 'P', 'IE', 'university')"
            )
        )
        await connection.execute(text(
            "INSERT INTO course (id, key, title, provider_id, subject_area, summary, workload_hours, level, "
            "participation_form, self_paced, language, price, currency, assessment_type, certificate_type, "
            "quality_assurance, prerequisites, is_sample) VALUES (1, 'c', 'C', 1, 's', '', 10, 'beginner', "
            "'online', true, 'English', 0, 'EUR', '', '', '', '', true)"
        ))  # fmt: skip
        for plan_id in (1, 2):
            await connection.execute(text(
                "INSERT INTO plan (id, learner_id, course_id, study_days, study_minute, session_minutes, "
                f"status, reminders_sent) VALUES ({plan_id}, 1, 1, '0', 600, 60, 'active', 0)"
            ))  # fmt: skip
        for values in ROWS:
            await connection.execute(text(
                "INSERT INTO reminder (id, plan_id, sent_at, last_error, learner_id, due_at, kind, attempts) "
                f"VALUES ({values}, 1, '2026-03-02 19:00:00', 'study', 0)"
            ))  # fmt: skip
        await connection.run_sync(_upgrade_to, url, "0003")
        found = await connection.execute(text("SELECT id, state, sent_at IS NULL FROM reminder ORDER BY id"))
        states = [(row[0], row[1], bool(row[2])) for row in found]
    await db.dispose()
    assert states == [
        (1, "pending", True),
        (2, "skipped", False),
        (3, "sent", False),
        (4, "blocked", False),
        (5, "pending", True),
    ]
