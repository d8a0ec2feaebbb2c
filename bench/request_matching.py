"""Benchmark: match one Privacy Act requester across the four systems of records
(access_requests.matching.search: each system's finder with the identifiers its notice
lists, together and each alone), over N seeded people.

Run by hand (never part of the test suite), on a fresh database it creates itself:

    .venv/bin/python bench/request_matching.py --people 20000 --runs 200

By default it uses SQLite under a temporary DATA_DIR; set DATABASE_URL and
KEYSTORE_DATABASE_URL to measure PostgreSQL instead (the databases are flushed first).
Issue 12's target: 1,000,000 people on PostgreSQL, p95 under 50 ms (20 ms aimed at).
Prints figures only; no assertion.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fresh import fresh_database

ALL_FOUR = ["mint-009", "usps-810-300", "usps-820-100", "usps-890-000"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000, help="people to seed")
    parser.add_argument("--runs", type=int, default=200, help="requesters matched")
    parser.add_argument(
        "--identifiers",
        default="name,email,customer_id,logon_id,order_number",
        help="which identifiers each requester gives (comma-separated)",
    )
    args = parser.parse_args()

    fresh_database("matching")
    from django.db import connection, reset_queries

    from access_requests.matching import search
    from access_requests.models import PrivacyActRequest
    from customers.models import Person
    from mailers.models import MailerAccount
    from orders.models import MintOrder, OfflineOrder
    from sorn.demo import seed_demo_records

    print(f"database: {connection.vendor}; data dir: {os.environ['DATA_DIR']}")
    started = time.perf_counter()
    counts = seed_demo_records(args.people, progress=lambda m: print("  seeded", m, flush=True))
    print(f"seed: {args.people} people, {sum(counts.values())} rows in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip

    # Requesters: people sampled at random, each asking about all four systems with what
    # a requester has: their name, e-mail address, customer ID, and where they have one a
    # logon ID (USPS 820.100) and an order number (USPS 810.300, else the Mint's).
    rng = random.Random(7)
    ids = list(Person.objects.values_list("pk", flat=True))
    requests = []
    for person in Person.objects.filter(pk__in=rng.sample(ids, min(args.runs, len(ids)))):
        given = {
            "name": f"{person.given_name} {person.family_name}",
            "email": person.email,
            "customer_id": person.customer_id,
        }
        account = MailerAccount.objects.filter(person=person).first()
        if account is not None:
            given["logon_id"] = account.logon_id
        order = (
            OfflineOrder.objects.filter(person=person).first()
            or MintOrder.objects.filter(person=person).first()
        )
        if order is not None:
            given["order_number"] = order.order_number
        request = PrivacyActRequest(kind="access", systems=ALL_FOUR)
        wanted = set(args.identifiers.split(","))
        request.identifiers = json.dumps({k: v for k, v in given.items() if v and k in wanted})
        requests.append((person.pk, request))

    search(requests[0][1])  # warm the catalogue and the connection
    durations, queries, found_self = [], [], 0
    for person_id, request in requests:
        reset_queries()
        t0 = time.perf_counter()
        candidates = search(request)
        durations.append(time.perf_counter() - t0)
        queries.append(len(connection.queries))
        found_self += any(c.person_id == person_id for c in candidates)
    durations.sort()

    def pct(p: float) -> float:
        return durations[min(len(durations) - 1, int(len(durations) * p))] * 1000

    print(
        f"matching one requester across four systems ({len(durations)} runs, "
        f"{args.people} people, {connection.vendor}, given {args.identifiers}): "
        f"p50 {pct(0.50):.1f} ms, "
        f"p95 {pct(0.95):.1f} ms, max {durations[-1] * 1000:.1f} ms, "
        f"mean {statistics.mean(durations) * 1000:.1f} ms; "
        f"queries per search: median {statistics.median(queries):.0f}; "
        f"requester found: {found_self}/{len(durations)}"
    )


if __name__ == "__main__":
    main()
