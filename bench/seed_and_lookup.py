"""Benchmark: seed N synthetic customers with their records across the four systems, then
time exact-match lookups by e-mail and by phone through the blind indexes.

Run by hand (never part of the test suite), on a fresh database it creates itself:

    .venv/bin/python bench/seed_and_lookup.py --customers 100000

By default it uses SQLite under a temporary DATA_DIR; set DATABASE_URL and
KEYSTORE_DATABASE_URL to measure PostgreSQL instead (the databases are flushed first).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100_000)
    parser.add_argument("--lookups", type=int, default=2000)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="bench-seed-")
    os.environ.setdefault("DATA_DIR", data_dir)
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

    from customers.models import Person, PhoneNumber
    from sorn.demo import seed_demo_records

    print(f"database: {connection.vendor}; data dir: {os.environ['DATA_DIR']}")
    started = time.perf_counter()
    counts = seed_demo_records(args.customers, progress=lambda m: print("  seeded", m, flush=True))
    seed_seconds = time.perf_counter() - started
    rows = sum(counts.values())
    print(
        f"seed: {args.customers} customers, {rows} rows in {seed_seconds:.1f} s "
        f"({rows / seed_seconds:,.0f} rows/s)"
    )
    for label, count in sorted(counts.items()):
        print(f"  {label}: {count}")

    import random

    rng = random.Random(7)
    sample_ids = rng.sample(range(1, Person.objects.count() + 1), min(args.lookups, args.customers))
    people = list(Person.objects.filter(pk__in=sample_ids))
    emails = [p.email for p in people]
    phones = [ph.number for ph in PhoneNumber.objects.filter(person__in=people)]

    def time_lookups(name, values, lookup):
        durations = []
        for value in values:
            t0 = time.perf_counter()
            found = lookup(value)
            durations.append(time.perf_counter() - t0)
            assert found, f"{name} lookup found nothing"
        durations.sort()
        p95 = durations[int(len(durations) * 0.95) - 1]
        print(
            f"lookup by {name}: {len(values)} lookups, "
            f"mean {statistics.mean(durations) * 1000:.2f} ms, "
            f"p95 {p95 * 1000:.2f} ms"
        )

    time_lookups("e-mail", emails, lambda v: list(Person.objects.lookup(email=v)))
    time_lookups(
        "phone",
        phones,
        lambda v: list(PhoneNumber.objects.lookup(number=v).select_related("person")),
    )


if __name__ == "__main__":
    main()
