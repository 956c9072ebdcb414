"""7c8d9e0f1a23_backfill_from_rows.py"""
from alembic import op
import sqlalchemy as sa

revision = "7c8d9e0f1a23"
down_revision = "3f2a1b9c0d11"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("domain", sa.String(100)))
    # Reads rows to decide what to write: needs a live database, renders nothing offline.
    for user_id, email in op.get_bind().execute(sa.text("SELECT id, email FROM users")).fetchall():
        op.execute(f"UPDATE users SET domain = {email.split(chr(64))[1]!r} WHERE id = {user_id}")


def downgrade() -> None:
    op.drop_column("users", "domain")
