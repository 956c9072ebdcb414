"""c3d4e5f6a7b8_merge_heads.py"""
from alembic import op
import sqlalchemy as sa

revision = "c3d4e5f6a7b8"
down_revision = ("a1b2c3d4e5f6", "b2c3d4e5f6a7")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
