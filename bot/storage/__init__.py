"""Storage shared by every feature: the async engine (`db`), the SQLModel tables (`models`)
and Alembic migrations (`migrate`, `migrations/`)."""
