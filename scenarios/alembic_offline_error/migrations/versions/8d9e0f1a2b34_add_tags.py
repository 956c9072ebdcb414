"""8d9e0f1a2b34_add_tags.py"""
from alembic import op
import sqlalchemy as sa

revision = "8d9e0f1a2b34"
down_revision = "7c8d9e0f1a23"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("tags")
