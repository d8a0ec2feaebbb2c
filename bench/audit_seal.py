"""Benchmark: sealing and verifying N access events (default 1,000,000).

Bulk-inserts N synthetic access events, then times `seal_audit` (all of them, in seals of
200,000 rows) and `verify_audit` (every seal recomputed, every row re-hashed), and prints
both (target: each under 60 s on PostgreSQL on a 2-core machine). Run by hand, against
PostgreSQL with DATABASE_URL and KEYSTORE_DATABASE_URL set (the databases are flushed
first), or SQLite by default:

    .venv/bin/python bench/audit_seal.py [--rows 1000000]
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-seal-"))
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    call_command("migrate", database="keystore", verbosity=0)
    if connection.vendor != "sqlite":
        call_command("flush", interactive=False, verbosity=0)
    from audit.models import AccessEvent
    from audit.seals import verify_chain
    from audit.tasks import seal_audit

    when = timezone.now() - datetime.timedelta(hours=1)
    started = time.perf_counter()
    batch = []
    for n in range(args.rows):
        batch.append(
            AccessEvent(
                occurred_at=when,
                user_id=n % 50,
                username=f"staff{n % 50}",
                roles="customer_service",
                channel="api_list",
                model="customers.Person",
                record_ids=[n, n + 1, n + 2],
                fields=["customer_id", "email", "given_name"],
                remote_addr="192.0.2.10",
                path="/api/v1/customers/",
            )
        )
        if len(batch) == 10_000:
            AccessEvent.objects.bulk_create(batch)
            batch = []
    AccessEvent.objects.bulk_create(batch)
    print(
        f"{connection.vendor}: inserted {args.rows} access events in "
        f"{time.perf_counter() - started:.1f} s"
    )
    started = time.perf_counter()
    sealed = seal_audit()
    print(f"seal:   {sealed} rows in {time.perf_counter() - started:.1f} s (target < 60 s)")
    started = time.perf_counter()
    result = verify_chain()
    assert result.ok, result.problem
    print(
        f"verify: {result.rows} rows, {result.seals} seals in "
        f"{time.perf_counter() - started:.1f} s (target < 60 s)"
    )


if __name__ == "__main__":
    main()
