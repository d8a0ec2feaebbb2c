"""Benchmark: match one Privacy Act requester across the four systems of records
(access_requests.matching.search: each system's finder with the identifiers its notice
lists, together and each alone), among 1,000,000 people on PostgreSQL (issue 12).

Run by hand (never part of the test suite) on the benchmark's own databases
(bench/million.py says what is seeded; create them once with
`su postgres -c "createdb -O ci bench_privacy"` and the same for bench_keystore):

    .venv/bin/python bench/request_matching.py --people 1000000 --runs 200 [--reuse]

`--reuse` measures on the people seeded by an earlier run (the same --people) instead
of seeding again. The requesters are people of the seed's *full* share who have a mailer
account and an order, drawn at random; each gives their name, e-mail address, customer
ID, logon ID (USPS 820.100) and order number (USPS 810.300, else the Mint's), and asks
about all four systems. Issue 12's target: p95 under 50 ms (20 ms aimed at). Prints
figures only; no assertion.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import million


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000, help="people to seed")
    parser.add_argument("--full", type=int, default=50_000, help="people with full records")
    parser.add_argument("--runs", type=int, default=200, help="requesters matched")
    parser.add_argument("--reuse", action="store_true", help="reuse a seeded database")
    parser.add_argument("--server", default=million.SERVER, help="PostgreSQL server URL")
    parser.add_argument(
        "--identifiers",
        default="name,email,customer_id,logon_id,order_number",
        help="which identifiers each requester gives (comma-separated)",
    )
    args = parser.parse_args()

    million.setup(args.server)
    from django.db import connection, reset_queries

    from access_requests.matching import search
    from access_requests.models import PrivacyActRequest
    from customers.models import Person
    from mailers.models import MailerAccount
    from orders.models import MintOrder, OfflineOrder

    print(million.ensure_people(args.people, args.full, args.reuse), flush=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        print(f"database: {cursor.fetchone()[0].split(',')[0]}; "
              f"python {platform.python_version()}; {platform.machine()}")  # fmt: skip

    # Requesters: people of the full share with a mailer account and an order, drawn at
    # random, each asking about all four systems with what a requester has.
    rng = random.Random(7)
    last_full = f"C{min(args.full, args.people):08d}"
    with_account = set(
        MailerAccount.objects.filter(person__customer_id__lte=last_full).values_list(
            "person_id", flat=True
        )
    )
    with_order = set(
        OfflineOrder.objects.filter(person__customer_id__lte=last_full).values_list(
            "person_id", flat=True
        )
    ) | set(
        MintOrder.objects.filter(person__customer_id__lte=last_full).values_list(
            "person_id", flat=True
        )
    )
    eligible = sorted(with_account & with_order)
    chosen = rng.sample(eligible, min(args.runs, len(eligible)))
    wanted = set(args.identifiers.split(","))
    requests = []
    for person in Person.objects.filter(pk__in=chosen).order_by("pk"):
        account = MailerAccount.objects.filter(person=person).order_by("pk").first()
        order = (
            OfflineOrder.objects.filter(person=person).order_by("pk").first()
            or MintOrder.objects.filter(person=person).order_by("pk").first()
        )
        given = {
            "name": f"{person.given_name} {person.family_name}",
            "email": person.email,
            "customer_id": person.customer_id,
            "logon_id": account.logon_id,
            "order_number": order.order_number,
        }
        request = PrivacyActRequest(kind="access", systems=million.ALL_FOUR)
        request.identifiers = json.dumps({k: v for k, v in given.items() if k in wanted})
        requests.append((person.pk, request))
    rng.shuffle(requests)

    search(requests[0][1])  # warm the catalogue and the connection
    durations, queries, found_self, candidates_seen = [], [], 0, 0
    for person_id, request in requests:
        reset_queries()
        t0 = time.perf_counter()
        candidates = search(request)
        durations.append(time.perf_counter() - t0)
        queries.append(len(connection.queries))
        found_self += any(c.person_id == person_id for c in candidates)
        candidates_seen += len(candidates)
    durations.sort()

    def pct(p: float) -> float:
        return durations[min(len(durations) - 1, int(len(durations) * p))] * 1000

    print(
        f"matching one requester across four systems ({len(durations)} requesters of "
        f"{len(eligible):,} eligible, {Person.objects.count():,} people, given "
        f"{args.identifiers}): p50 {pct(0.50):.1f} ms, p95 {pct(0.95):.1f} ms, "
        f"max {durations[-1] * 1000:.1f} ms, mean {statistics.mean(durations) * 1000:.1f} ms; "
        f"queries per search: median {statistics.median(queries):.0f} "
        f"(min {min(queries)}, max {max(queries)}); requester found: "
        f"{found_self}/{len(durations)}; candidates per search: "
        f"{candidates_seen / len(durations):.1f}"
    )


if __name__ == "__main__":
    main()
