"""create orders

Revision ID: 8c4d2e7f1a22
Revises: 3f2a1b9c0d11
Create Date: 2024-03-02 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa

revision = "8c4d2e7f1a22"
down_revision = "3f2a1b9c0d11"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("total_cents", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name="fk_orders_user"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_orders_user_id", "orders", ["user_id"])


def downgrade() -> None:
    # Dropping the table drops its indexes (MySQL refuses to drop ix_orders_user_id first: the
    # foreign key needs it).
    op.drop_table("orders")
