"""The set-up every benchmark shares: Django on a fresh database of its own.

SQLite under a new temporary DATA_DIR by default; with DATABASE_URL and
KEYSTORE_DATABASE_URL set, those PostgreSQL databases, migrated and emptied (the
catalogue reloaded), so each run starts from the same state.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fresh_database(prefix: str) -> str:
    """Set up Django on a fresh database; returns its vendor ("sqlite", "postgresql")."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix=f"bench-{prefix}-"))
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("migrate", database="keystore", verbosity=0)
    if connection.vendor != "sqlite":
        call_command("flush", interactive=False, verbosity=0)
        call_command("flush", database="keystore", interactive=False, verbosity=0)
        call_command("load_catalogue", verbosity=0)
    return connection.vendor
