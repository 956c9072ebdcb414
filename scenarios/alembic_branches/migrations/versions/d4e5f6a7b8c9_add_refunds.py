"""d4e5f6a7b8c9_add_refunds.py"""
from alembic import op
import sqlalchemy as sa

revision = "d4e5f6a7b8c9"
down_revision = "c3d4e5f6a7b8"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("refunds", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("refunds")
