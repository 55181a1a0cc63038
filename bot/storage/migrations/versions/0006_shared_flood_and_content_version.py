"""flood counters and the content version, shared by every instance

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-30 14:45:00
"""

from __future__ import annotations

import sqlalchemy as sa

import bot.storage.models
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'floodcounter',
        sa.Column('learner_id', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('window_start', sa.Float(), nullable=False),
        sa.Column('updates', sa.Integer(), nullable=False),
        sa.Column('quiet_until', sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint('learner_id'),
    )
    op.create_table(
        'contentversion',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('updated_at', bot.storage.models.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('id'),
    )


def downgrade() -> None:
    op.drop_table('contentversion')
    op.drop_table('floodcounter')
