"""Audit events for what model signals do not see: bulk loads, key rotation, purges."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

from audit.models import BulkChange


def process_identity() -> str:
    """Who ran this process when no request user did: the OS user and the command."""
    try:
        os_user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        os_user = "unknown"
    program = Path(sys.argv[0]).name if sys.argv else "python"
    if program == "manage.py" and len(sys.argv) > 1:
        program = f"manage.py {sys.argv[1]}"
    return f"{os_user} via {program}"


def record_bulk_change(
    operation: str, model_label: str, row_count: int, description: str = "", by: str = ""
) -> BulkChange:
    return BulkChange.objects.create(
        operation=operation,
        model=model_label,
        row_count=row_count,
        description=description[:300],
        performed_by=by or process_identity(),
    )
