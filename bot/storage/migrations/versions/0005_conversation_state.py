"""conversation state: the plan conversation's step and answers, shared by restarts and instances

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 13:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel

import bot.storage.models
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'conversationstate',
        sa.Column('learner_id', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('chat_id', sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column('step', sa.Integer(), nullable=False),
        sa.Column('data', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('updated_at', bot.storage.models.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint('learner_id', 'chat_id', 'name'),
    )


def downgrade() -> None:
    op.drop_table('conversationstate')
