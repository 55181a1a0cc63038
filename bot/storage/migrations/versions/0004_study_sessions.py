"""study sessions; plan.answered_reminders (to notice ignored reminders)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 12:40:00
"""

from __future__ import annotations

import sqlalchemy as sa

import bot.storage.models
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'studysession',
        sa.Column('studied_at', bot.storage.models.UTCDateTime(), nullable=False),
        sa.Column('learner_id', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('plan_id', sa.Integer(), nullable=False),
        sa.Column('minutes', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['plan_id'], ['plan.id']),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('studysession', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_studysession_learner_id'), ['learner_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_studysession_plan_id'), ['plan_id'], unique=False)
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('answered_reminders', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    with op.batch_alter_table('plan', schema=None) as batch_op:
        batch_op.drop_column('answered_reminders')
    with op.batch_alter_table('studysession', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_studysession_plan_id'))
        batch_op.drop_index(batch_op.f('ix_studysession_learner_id'))
    op.drop_table('studysession')
