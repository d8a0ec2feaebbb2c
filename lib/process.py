"""Who is running this process, for audit records made outside a request."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path


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
