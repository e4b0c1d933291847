"""the company side detection works out, stored with each interview

Revision ID: i12_detection
Revises: i10_owner
Create Date: 2026-12-01 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = 'i12_detection'  # alembic refuses '-' in revision ids
down_revision = 'i10_owner'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('company_side', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('interviews', schema=None) as batch_op:
        batch_op.drop_column('company_side')
