"""Benchmark: assemble the records package of one person with N records across the four
systems (access_requests.packages.assemble: every record read through the access layer's
gate on the channel request_package, each read audited), HTML and JSON rendered, in the
1,000,000-person database of bench/million.py (issue 12).

Run by hand (never part of the test suite), on the benchmark's own PostgreSQL databases
(bench_privacy, bench_keystore; bench/million.py):

    .venv/bin/python bench/request_package.py --people 1000000 --records 1000 --runs 10 --reuse

`--reuse` keeps an earlier seed of the same --people (bench/request_matching.py seeds the
same one). The person measured (customer ID P00000001, added to the seed on the first
run and kept) has a relationship with all four systems, a third of N offline orders, a
third Mint orders, and the rest logon records of one mailer account, plus the person row:
each written as the service writes it (audit.bulk.bulk_insert: a data key per record,
values encrypted, blind indexes). Issue 12's target: under 1 s. Prints figures only; no
assertion.
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import million

PACKAGE_PERSON = "P00000001"  # outside the seed's C-numbers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=1_000_000, help="people to seed")
    parser.add_argument("--full", type=int, default=50_000, help="people with full records")
    parser.add_argument("--records", type=int, default=1000, help="records of the person")
    parser.add_argument("--runs", type=int, default=10, help="packages assembled")
    parser.add_argument("--reuse", action="store_true", help="reuse a seeded database")
    parser.add_argument("--server", default=million.SERVER, help="PostgreSQL server URL")
    args = parser.parse_args()

    million.setup(args.server)
    from django.contrib.auth.models import Group, User
    from django.db import transaction
    from django.utils import timezone

    from access_requests import packages
    from access_requests.models import PrivacyActRequest, RequestStatus
    from audit.bulk import bulk_insert
    from customers.models import Person, SystemRelationship
    from lib.demo import DemoContext
    from mailers.models import MailerAccount, MailerLogon
    from orders.models import MintOrder, OfflineOrder
    from sorn.constants import Role

    print(million.ensure_people(args.people, args.full, args.reuse), flush=True)
    officer, _ = User.objects.get_or_create(username="bench-officer", is_staff=True)
    officer.groups.add(Group.objects.get_or_create(name=Role.PRIVACY_OFFICER)[0])

    person = Person.objects.filter(customer_id=PACKAGE_PERSON).first()
    if person is not None and _records_of(person) != args.records:
        raise SystemExit(
            f"{PACKAGE_PERSON} has {_records_of(person)} records, not {args.records}: "
            "seed again without --reuse"
        )
    if person is None:
        ctx = DemoContext.create(today=timezone.localdate())
        day = datetime.date(2025, 5, 1)
        with transaction.atomic():
            person = Person(customer_id=PACKAGE_PERSON, given_name="Bench", family_name="Person",
                            email="bench.person@example.org")  # fmt: skip
            bulk_insert(ctx, Person, [person])
            since = datetime.date(2020, 1, 1)
            bulk_insert(ctx, SystemRelationship, [
                SystemRelationship(person=person, system=system, started_on=since)
                for system in million.ALL_FOUR
            ])  # fmt: skip
            # A third of the records in each of three systems' most common record models.
            per = (args.records - 1) // 3
            bulk_insert(ctx, OfflineOrder, [
                OfflineOrder(person=person, order_number=f"PF9{n:09d}", placed_on=day,
                             channel="mail")
                for n in range(per)
            ])  # fmt: skip
            bulk_insert(ctx, MintOrder, [
                MintOrder(person=person, order_number=f"MO9{n:09d}",
                          internal_request_id=f"RQ9{n:09d}", order_date=day, channel="phone")
                for n in range(per)
            ])  # fmt: skip
            account = MailerAccount(person=person, logon_id="bench.person9", assigned_on=day,
                                    role="user")  # fmt: skip
            bulk_insert(ctx, MailerAccount, [account])
            moment = timezone.make_aware(datetime.datetime(2025, 5, 1, 9))
            bulk_insert(ctx, MailerLogon, [
                MailerLogon(account=account, person=person, logon_id=account.logon_id,
                            logged_on_at=moment + datetime.timedelta(minutes=n),
                            source_ip="192.0.2.10", outcome="success")
                for n in range(args.records - 2 - 2 * per)
            ])  # fmt: skip
        million.analyse()
    print(f"person {PACKAGE_PERSON}: {_records_of(person)} records "
          f"(the person, offline orders, Mint orders, a mailer account and its logons), "
          f"among {Person.objects.count():,} people", flush=True)  # fmt: skip

    request = PrivacyActRequest.objects.create(
        kind="access", systems=million.ALL_FOUR, status=RequestStatus.IN_PROGRESS,
        identity_accepted_at=timezone.now(),
    )  # fmt: skip
    people = {system: [person.pk] for system in million.ALL_FOUR}
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


def _records_of(person) -> int:
    """The person's records of the four models the bench gives them, and the person."""
    from mailers.models import MailerAccount, MailerLogon
    from orders.models import MintOrder, OfflineOrder

    return 1 + sum(
        model.objects.filter(person=person).count()
        for model in (OfflineOrder, MintOrder, MailerAccount, MailerLogon)
    )


if __name__ == "__main__":
    main()
