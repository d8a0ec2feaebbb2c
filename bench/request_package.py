"""Benchmark: assemble the records package of one person with N records across the four
systems (access_requests.packages.assemble: every record read through the access layer's
gate on the channel request_package, each read audited), HTML and JSON rendered.

Run by hand (never part of the test suite), on a fresh database it creates itself:

    .venv/bin/python bench/request_package.py --records 1000 --runs 10

By default SQLite under a temporary DATA_DIR; set DATABASE_URL and KEYSTORE_DATABASE_URL
to measure PostgreSQL instead (the databases are flushed first). Issue 12's target: a
person with 1,000 records in under 1 s. Prints figures only; no assertion.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fresh import fresh_database

ALL_FOUR = ["mint-009", "usps-810-300", "usps-820-100", "usps-890-000"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000, help="records of the person")
    parser.add_argument("--runs", type=int, default=10, help="packages assembled")
    args = parser.parse_args()

    fresh_database("package")
    from django.contrib.auth.models import Group, User
    from django.db import connection
    from django.utils import timezone

    from access_requests import packages
    from access_requests.models import PrivacyActRequest, RequestStatus
    from customers.models import Person, SystemRelationship
    from mailers.models import MailerAccount, MailerLogon
    from orders.models import MintOrder, OfflineOrder
    from sorn.constants import Role

    officer = User.objects.create_user("bench-officer", is_staff=True)
    officer.groups.add(Group.objects.get_or_create(name=Role.PRIVACY_OFFICER)[0])
    person = Person.objects.create(given_name="Bench", family_name="Person",
                                   email="bench@example.org")  # fmt: skip
    for system in ALL_FOUR:
        SystemRelationship.objects.create(
            person=person, system=system, started_on=datetime.date(2020, 1, 1)
        )
    # A quarter of the records in each of three systems' most common record models.
    per = args.records // 3
    day = datetime.date(2025, 5, 1)
    OfflineOrder.objects.bulk_create(
        OfflineOrder(person=person, order_number=f"PF{n:010d}", placed_on=day, channel="mail")
        for n in range(per)
    )
    MintOrder.objects.bulk_create(
        MintOrder(person=person, order_number=f"MO{n:010d}", internal_request_id=f"RQ{n:08d}",
                  order_date=day, channel="phone")
        for n in range(per)
    )  # fmt: skip
    account = MailerAccount.objects.create(person=person, logon_id="bench.person", assigned_on=day)
    moment = timezone.make_aware(datetime.datetime(2025, 5, 1, 9))
    MailerLogon.objects.bulk_create(
        MailerLogon(account=account, person=person, logged_on_at=moment)
        for _ in range(args.records - 2 * per)
    )
    request = PrivacyActRequest.objects.create(
        kind="access", systems=ALL_FOUR, status=RequestStatus.IN_PROGRESS,
        identity_accepted_at=timezone.now(),
    )  # fmt: skip
    people = {system: [person.pk] for system in ALL_FOUR}

    print(f"database: {connection.vendor}; data dir: {os.environ['DATA_DIR']}")
    timings, html_timings = [], []
    for _ in range(args.runs):
        started = time.perf_counter()
        package = packages.assemble(request, officer, people)
        assembled = time.perf_counter()
        packages.as_html(package), packages.as_json(package)
        timings.append(assembled - started)
        html_timings.append(time.perf_counter() - started)
    records = sum(section.count for section in package.sections)
    print(f"package of {records} records ({args.runs} runs)")
    print(
        f"  assemble (read through the gate, audited): median "
        f"{statistics.median(timings) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms"
    )
    print(f"  with HTML and JSON rendered: median "
          f"{statistics.median(html_timings) * 1000:.0f} ms, "
          f"max {max(html_timings) * 1000:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
