"""Benchmark (issue 14, item 13): the retention dashboard answers in under 300 ms with
5,000 customers seeded, and the admin's slowest change list per role.

Seeds N customers (5,000 by default) with records in every system — the demo seed with
each person's relationships topped up to all four systems, as bench/million.py seeds its
"full" people — on a fresh database (bench/fresh.py: SQLite in a temporary folder, or the
PostgreSQL databases named by DATABASE_URL and KEYSTORE_DATABASE_URL, emptied first), then:

  * computes the dashboard's forecast once, as the nightly plan or the dashboard's button
    does (retention.forecasts; printed: how long the three plans take, which no page
    view waits for);
  * GETs /admin/retention/dashboard/ as a records officer through Django's test client
    (middleware, session, template: the whole view), `--runs` times after one warm-up,
    and prints p50, p95 and the number of queries;
  * for each of the nine staff roles (sorn.constants.STAFF_ROLES, demo users as
    `seed_demo` makes them), GETs every change list the admin index offers that role
    (after one warm-up GET, `--list-runs` times each, the median kept) and prints the
    slowest, its time and
    queries, and the number of lists timed.

    .venv/bin/python bench/retention_dashboard.py [--customers 5000] [--runs 30] [--list-runs 1]
    DATABASE_URL=postgres://ci:ci@127.0.0.1:5432/bench_dash \\
    KEYSTORE_DATABASE_URL=postgres://ci:ci@127.0.0.1:5432/bench_dash_keystore \\
        .venv/bin/python bench/retention_dashboard.py
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fresh
import million

TARGET_MS = 300  # issue 14: "the dashboard answers in under 300 ms with 5,000 customers"
DASHBOARD = "/admin/retention/dashboard/"


def timed_get(client, url: str) -> tuple[float, int, int]:
    """(milliseconds, queries, status) of one GET."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(queries), response.status_code


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def changelists(client) -> list[str]:
    """The change lists the admin index offers the signed-in user."""
    index = client.get("/admin/")
    return [
        model["admin_url"]
        for app in index.context["app_list"]
        for model in app["models"]
        if model.get("admin_url")
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=30, help="dashboard GETs timed")
    parser.add_argument("--list-runs", type=int, default=1, help="GETs per change list")
    args = parser.parse_args()

    vendor = fresh.fresh_database("dash")
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    from customers.models import Person
    from retention.forecasts import compute_forecast
    from retention.models import RetentionForecast
    from sorn.constants import STAFF_ROLES, Role
    from sorn.demo import seed_demo_users

    # As under pytest: the test client's host allowed, responses carry their context.
    setup_test_environment()

    started = time.perf_counter()
    counts = million.seed(args.customers, full=args.customers)
    rows = sum(counts.values())
    million.analyse()
    print(f"{vendor}: seeded {Person.objects.count():,} customers, {rows:,} rows in "
          f"{time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
    seed_demo_users("bench-only-password")
    users = {u.username: u for u in get_user_model().objects.filter(username__in=STAFF_ROLES)}

    forecast = compute_forecast(RetentionForecast.objects.create(requested_by="bench").pk)
    print(f"forecast (nightly plan or the button, in the worker): {forecast.seconds:.2f} s, "
          f"{forecast.figures['totals']} due in {forecast.figures['horizons']} days")  # fmt: skip

    client = Client()
    client.force_login(users[Role.RECORDS_OFFICER])
    timed_get(client, DASHBOARD)  # warm-up: content types, templates
    results = [timed_get(client, DASHBOARD) for _ in range(args.runs)]
    assert all(status == 200 for _, _, status in results), results
    times = [ms for ms, _, _ in results]
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    print(f"dashboard GET, {args.runs} runs: p50 {p50:.1f} ms, p95 {p95:.1f} ms, "
          f"{results[0][1]} queries — {'under' if p95 < TARGET_MS else 'OVER'} "
          f"{TARGET_MS} ms")  # fmt: skip

    print("slowest admin change list per role (median of "
          f"{args.list_runs} GETs each):")  # fmt: skip
    for role in STAFF_ROLES:
        client = Client()
        client.force_login(users[role])
        lists = changelists(client)
        measured = []
        for url in lists:
            client.get(url)  # warm-up
            runs = [timed_get(client, url) for _ in range(args.list_runs)]
            status = runs[0][2]
            measured.append((statistics.median(ms for ms, _, _ in runs), runs[0][1], status, url))
        if not measured:
            print(f"  {role:18} no change list")
            continue
        ms, queries, status, url = max(measured)
        bad = [u for _, _, s, u in measured if s != 200]
        print(f"  {role:18} {ms:7.1f} ms  {queries:3} queries  {url}  "
              f"({len(measured)} lists{', not 200: ' + ', '.join(bad) if bad else ''})",
              flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
