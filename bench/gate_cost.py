"""Benchmark: the cost of the policy gate in the API.

Renders 100 customers with their addresses and phone numbers through the gated serializer
(as a privacy officer, who reads every customer field) and through the same serializers
without the gate, in one run, and prints both times and their ratio (target: the gate adds
at most 30%). The gated rendering reports its reads to a collector, as inside a request;
folding and writing them is the audit's cost, which bench/audit_cost.py measures. Run by hand:

    .venv/bin/python bench/gate_cost.py [--customers 100] [--rounds 80]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # plain_api


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=80)
    args = parser.parse_args()
    os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-gate-"))
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db.models import Prefetch
    from rest_framework.test import APIRequestFactory

    call_command("migrate", verbosity=0)
    call_command("migrate", database="keystore", verbosity=0)
    from plain_api import PlainCustomer

    import audit.reads
    from access.resources import serializer_of
    from customers.models import Person
    from sorn.demo import seed_demo_records

    CustomerSerializer = serializer_of(Person)

    seed_demo_records(args.customers)
    user, _ = get_user_model().objects.get_or_create(username="bench-privacy-officer")
    user.groups.add(Group.objects.get(name="privacy_officer"))
    request = APIRequestFactory().get("/api/v1/customers/")
    request.user = user

    def people():
        return list(
            Person.objects.order_by("pk")[: args.customers].prefetch_related(
                Prefetch("addresses"), Prefetch("phone_numbers")
            )
        )

    def render(serializer_class, context):
        rows = people()  # fresh instances: decryption is part of the work in both cases
        # Reads go to a collector, as in a request (the middleware writes them after).
        token = audit.reads._collector.set(
            audit.reads.ReadCollector(user=user, remote_addr=None, path="/api/v1/customers/")
        )
        gc.collect()
        gc.disable()  # as timeit does: a collection lands on either side at random
        try:
            started = time.perf_counter()
            data = serializer_class(rows, many=True, context=context).data
            elapsed = time.perf_counter() - started
        finally:
            gc.enable()
            audit.reads._collector.reset(token)
        return elapsed, data

    gated_times, plain_times = [], []
    for _ in range(args.rounds):
        plain_seconds, plain = render(PlainCustomer, {"request": request})
        gated_seconds, gated = render(CustomerSerializer, {"request": request})
        plain_times.append(plain_seconds)
        gated_times.append(gated_seconds)
    assert len(gated) == len(plain) == args.customers
    assert gated[0]["email"] == plain[0]["email"]
    plain_median, gated_median = statistics.median(plain_times), statistics.median(gated_times)
    print(f"{args.customers} customers with addresses and phones, median of {args.rounds} rounds")
    print(f"  without the gate: {plain_median * 1000:.1f} ms")
    print(f"  through the gate: {gated_median * 1000:.1f} ms")
    print(f"  ratio gated/plain: {gated_median / plain_median:.2f} (target at most 1.30)")


if __name__ == "__main__":
    main()
