"""The database the request benchmarks share (issue 12): N people (1,000,000 by default)
on PostgreSQL, seeded once and reused.

What is seeded, every value written as the service writes it (`audit.bulk.bulk_insert`:
a data key per record created in the key store, personal values encrypted under it,
blind indexes computed from the plaintext by the fields themselves, one audit event per
batch), in chunks of 5,000 people, each chunk one transaction:

  * *full* people (the first `full`, 50,000 by default): the demo seed
    (`customers.demo` and each record app's `demo.seed`, as `manage.py seed_demo`), with
    each person's relationships topped up to all four systems before the record apps
    seed theirs — so each has records in every system the demo's shares give
    (applications, orders, logons, meetings, …). The requesters are drawn from these.
  * *lean* people (the rest): a person (name, e-mail, customer ID; encrypted, blind
    indexed) with one to three system relationships as the demo draws them, and in each
    system the record that carries the identifiers a requester gives: an offline order
    (order number) in USPS 810.300, a Mint order (order number, internal request ID) in
    Mint .009, a mailer account (logon ID, encrypted and blind indexed) in USPS 820.100;
    nothing in USPS 890.000 but the relationship.

The databases are `bench_privacy` and `bench_keystore` on the server given (created by
hand: `su postgres -c "createdb -O ci bench_privacy"`, the same for bench_keystore), and
the keyring lives in var/bench-million/ (DATA_DIR), so a reused database still decrypts
and its blind indexes still match. Without `reuse` (or when the database holds another
number of people) both databases are flushed and seeded again.
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVER = "postgres://ci:ci@127.0.0.1:5432"
RECORDS_DB, KEYSTORE_DB = "bench_privacy", "bench_keystore"
CHUNK = 5000
ALL_FOUR = ["mint-009", "usps-810-300", "usps-820-100", "usps-890-000"]


def setup(server: str = SERVER, records: str = RECORDS_DB, keystore: str = KEYSTORE_DB) -> str:
    """Django on the benchmark's databases, migrated; returns the vendor."""
    sys.path.insert(0, str(ROOT))
    server = server.rstrip("/")
    os.environ["DATABASE_URL"] = f"{server}/{records}"
    os.environ["KEYSTORE_DATABASE_URL"] = f"{server}/{keystore}"
    # A fixed data folder per database: its keyring encrypted the seeded values and
    # keyed the blind indexes, so a reused database needs the same one.
    os.environ["DATA_DIR"] = str(ROOT / "var" / f"bench-{records}")
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("migrate", database="keystore", verbosity=0)
    return connection.vendor


def ensure_people(people: int, full: int, reuse: bool) -> str:
    """Seed `people` people unless `reuse` and the database holds exactly that many;
    returns a line saying what was done."""
    from django.core.management import call_command

    from customers.models import Person

    # Seeded with exactly `people`: the last customer number is there, the next is not
    # (request_package.py adds a person of its own, outside the C-numbers).
    if (
        reuse
        and Person.objects.filter(customer_id=f"C{people:08d}").exists()
        and not Person.objects.filter(customer_id=f"C{people + 1:08d}").exists()
    ):
        return f"reused: {people:,} people already seeded"
    call_command("flush", interactive=False, verbosity=0)
    call_command("flush", database="keystore", interactive=False, verbosity=0)
    call_command("load_catalogue", verbosity=0)
    started = time.perf_counter()
    counts = seed(people, full)
    seconds = time.perf_counter() - started
    rows = sum(counts.values())
    analyse()
    lines = [f"seeded {people:,} people ({min(full, people):,} full, the rest lean): "
             f"{rows:,} rows in {seconds:.0f} s ({rows / seconds:,.0f} rows/s), "
             f"then VACUUM ANALYZE"]  # fmt: skip
    lines += [f"  {label}: {count:,}" for label, count in sorted(counts.items())]
    return "\n".join(lines)


def analyse() -> None:
    """Fresh planner statistics (and visibility maps), as autovacuum would leave them
    some time after a load this size."""
    from django.db import connections

    for alias in ("default", "keystore"):
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        connection.ensure_connection()
        autocommit = connection.get_autocommit()
        connection.set_autocommit(True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        connection.set_autocommit(autocommit)


def seed(people: int, full: int) -> dict[str, int]:
    from django.db import transaction
    from django.utils import timezone

    from lib.demo import DemoContext
    from sorn.demo import PEOPLE_DEMO_APP, RECORD_DEMO_APPS

    customers_demo = importlib.import_module(f"{PEOPLE_DEMO_APP}.demo")
    record_demos = [importlib.import_module(f"{label}.demo") for label in RECORD_DEMO_APPS]
    ctx = DemoContext.create(today=timezone.localdate())
    started = time.monotonic()
    for first in range(1, people + 1, CHUNK):
        count = min(CHUNK, people + 1 - first)
        ctx.people, ctx.relationships = [], {}
        with transaction.atomic():
            if first <= full:
                count = min(count, full + 1 - first)
                customers_demo.seed(ctx, count, start_number=first)
                _all_four(ctx)
                for module in record_demos:
                    module.seed(ctx)
            else:
                _lean(ctx, count, first)
        print(f"  seeded {first + count - 1:,} of {people:,} people "
              f"({time.monotonic() - started:.0f} s)", flush=True)  # fmt: skip
    return ctx.counts


def _all_four(ctx) -> None:
    """Top up each demo person's relationships to all four systems, before the record
    apps seed each system's records on them."""
    from audit.bulk import bulk_insert
    from customers.demo import demo_relationship
    from customers.models import SystemRelationship

    have: dict[int, set[str]] = {}
    for system, relationships in ctx.relationships.items():
        for relationship in relationships:
            have.setdefault(relationship.person_id, set()).add(system)
    added = []
    for person in ctx.people:
        for system in ALL_FOUR:
            if system not in have.get(person.pk, set()):
                added.append(demo_relationship(ctx, person, system))
    bulk_insert(ctx, SystemRelationship, added)
    for relationship in added:
        ctx.relationships.setdefault(relationship.system, []).append(relationship)


def _lean(ctx, count: int, first: int) -> None:
    """`count` lean people from customer number `first` (module docstring)."""
    from audit.bulk import bulk_insert
    from customers.demo import demo_relationship
    from customers.models import Person, SystemRelationship
    from mailers.constants import AccountRole
    from mailers.demo import NON_ALNUM
    from mailers.models import MailerAccount
    from orders.constants import MintChannel, OfflineChannel
    from orders.demo.common import between, customer_digits, order_status, span
    from orders.models import MintOrder, OfflineOrder

    rng, pools = ctx.rng, ctx.pools
    people = []
    for n in range(first, first + count):
        given, family = rng.choice(pools.given_names), rng.choice(pools.family_names)
        people.append(
            Person(
                customer_id=f"C{n:08d}",
                given_name=given,
                family_name=family,
                email=f"{given}.{family}.{n}@{rng.choice(pools.domains)}".lower(),
            )
        )
    bulk_insert(ctx, Person, people)
    relationships, accounts, offline, mint = [], [], [], []
    for person in people:
        digits = customer_digits(person)
        for system in rng.sample(ALL_FOUR, rng.choice((1, 1, 2, 3))):
            rel = demo_relationship(ctx, person, system)
            relationships.append(rel)
            day = between(ctx, *span(rel))
            if system == "usps-820-100":
                logon = NON_ALNUM.sub("", f"{person.given_name[:1]}{person.family_name}".lower())
                accounts.append(
                    MailerAccount(
                        person=person,
                        logon_id=logon + digits.lstrip("0"),
                        role=rng.choice(AccountRole.values),
                        assigned_on=day,
                        closed_on=rel.ended_on if rel.ended_on and rel.ended_on >= day else None,
                    )
                )
            elif system == "usps-810-300":
                offline.append(
                    OfflineOrder(person=person, order_number=f"PF{digits}1", placed_on=day,
                                 status=order_status(ctx, day),
                                 channel=rng.choice(OfflineChannel.values))
                )  # fmt: skip
            elif system == "mint-009":
                mint.append(
                    MintOrder(person=person, order_number=f"MO{digits}1",
                              internal_request_id=f"RQ{digits}1", order_date=day,
                              status=order_status(ctx, day),
                              channel=rng.choice(MintChannel.values))
                )  # fmt: skip
    bulk_insert(ctx, SystemRelationship, relationships)
    bulk_insert(ctx, MailerAccount, accounts)
    bulk_insert(ctx, OfflineOrder, offline)
    bulk_insert(ctx, MintOrder, mint)
