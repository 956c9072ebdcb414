"""add user name, backfilled by plain SQL

Revision ID: d1e5f3a8b933
Revises: 8c4d2e7f1a22

"""
from alembic import op
import sqlalchemy as sa

revision = "d1e5f3a8b933"
down_revision = "8c4d2e7f1a22"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("name", sa.String(length=100), nullable=True))
    op.execute("UPDATE users SET name = email WHERE name IS NULL")


def downgrade() -> None:
    op.drop_column("users", "name")
