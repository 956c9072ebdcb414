"""6b7c8d9e0f12_add_tags.py"""
from alembic import op
import sqlalchemy as sa

revision = "6b7c8d9e0f12"
down_revision = "5a6b7c8d9e01"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("tags", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("tags")
