"""one pending reminder per plan, reminder states

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 12:30:00

Adds `reminder.state` (pending, sent, dead, blocked, skipped), filled in from the old
columns, and a unique partial index that allows one pending reminder per plan. Plans that
already have several (two instances repaired the same plan at once) keep their oldest; the
others are closed as `skipped`.
"""

from __future__ import annotations

import sqlalchemy as sa

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "reminder",
        sa.Column("state", sa.String(), nullable=False, server_default="pending"),
    )
    op.execute(
        "UPDATE reminder SET state = CASE "
        "WHEN sent_at IS NULL THEN 'pending' "
        "WHEN last_error IS NULL THEN 'sent' "
        "WHEN last_error = 'blocked' THEN 'blocked' "
        "ELSE 'skipped' END"
    )
    op.execute(
        "UPDATE reminder SET sent_at = CURRENT_TIMESTAMP, state = 'skipped', "
        "last_error = 'duplicate pending reminder' "
        "WHERE sent_at IS NULL AND id > ("
        "SELECT min(other.id) FROM reminder AS other "
        "WHERE other.plan_id = reminder.plan_id AND other.sent_at IS NULL)"
    )
    op.create_index(
        "uq_reminder_one_pending_per_plan",
        "reminder",
        ["plan_id"],
        unique=True,
        sqlite_where=sa.text("sent_at IS NULL"),
        postgresql_where=sa.text("sent_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("uq_reminder_one_pending_per_plan", table_name="reminder")
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_column("state")
