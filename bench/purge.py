"""Benchmark: `purge_expired` against a plain SQL DELETE of the same rows (PostgreSQL).

Creates its own databases (records and key store) on the PostgreSQL server given, seeds
demo customers until about N records (default 1,000,000) are due across the USPS systems
(relationships ended, access cancelled, participation ceased, as of a date 20 years
ahead; every 20th customer keeps their relationships open, and the Mint's records have no
disposition authority, so both stay), then copies both databases twice, so that each
measurement starts from the same data:

  * copy A: `purge_expired(as_of, triggered_by="bench", batch_size=N)`, all of it: the
    plan, the batches (select, unlink, delete, journal, audit event, each in its own
    transaction), key destruction in the key store after each batch, the certificate;
  * copy B: the rows copy A's journal says were destroyed, loaded into temporary tables
    (not timed), then plain SQL in one transaction, children first: UPDATE ... SET NULL
    of the links that point at them, DELETE ... WHERE id IN (SELECT id FROM tmp) per
    table (for the people, their addresses, phones and other parts first), and a DELETE
    of the same data keys in the key store. No plan, journal, audit or certificate.

Prints both, their ratio (target: the purge at least 0.5x the plain SQL rate, and the
million in under 120 s on 2 cores), and checks that both copies end with the same rows in
every table but the purge's own journal and audit. Run by hand (the role needs to create
databases; CHECKPOINT before each measurement needs a superuser or pg_checkpoint):

    .venv/bin/python bench/purge.py [--records 1000000] [--batch-size 5000] \\
        [--server postgres://ci:ci@127.0.0.1:5432] [--keep] [--reuse]

Seeding a million due records takes 7 minutes or more on 2 cores: `--keep` keeps the
seeded databases (bench_purge, bench_purge_keystore) and `--reuse` measures again on them.
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

RECORDS, KEYSTORE = "bench_purge", "bench_purge_keystore"
AHEAD_YEARS = 20  # the as-of date: every period of every rule has passed by then
KEPT_EVERY = 20  # every 20th customer's relationships stay open (their records stay)
RECORDS_PER_CUSTOMER = 3.75  # records due per seeded customer, about


def admin(server: str, *statements: str) -> None:
    """Statements outside a transaction (CREATE/DROP DATABASE, CHECKPOINT) on the
    server's maintenance database; retried while autovacuum still reads a template."""
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        for statement in statements:
            for attempt in range(30):
                try:
                    conn.execute(statement)
                    break
                except psycopg.errors.ObjectInUse:
                    if attempt == 29:
                        raise
                    time.sleep(1)
                except psycopg.errors.InsufficientPrivilege:
                    if statement != "CHECKPOINT":
                        raise
                    break


def exists(server: str, name: str) -> bool:
    import psycopg

    with psycopg.connect(f"{server}/postgres") as conn:
        return bool(conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone())


def drop(server: str, *suffixes: str) -> None:
    admin(
        server,
        *(
            f"DROP DATABASE IF EXISTS {base}{suffix} WITH (FORCE)"
            for suffix in suffixes
            for base in (RECORDS, KEYSTORE)
        ),
    )


def copy(server: str, suffix: str) -> None:
    """Copy both seeded databases (file copy: no WAL to replay into the measurement)."""
    admin(
        server,
        *(
            f"CREATE DATABASE {base}{suffix} TEMPLATE {base} STRATEGY FILE_COPY"
            for base in (RECORDS, KEYSTORE)
        ),
    )


def use(suffix: str) -> None:
    """Point Django's two aliases at the databases with this suffix."""
    from django.conf import settings
    from django.db import connections

    connections.close_all()
    for alias, base in (("default", RECORDS), ("keystore", KEYSTORE)):
        settings.DATABASES[alias]["NAME"] = base + suffix
        connections[alias].settings_dict["NAME"] = base + suffix


def make_due(today: datetime.date) -> None:
    """End every relationship (but every KEPT_EVERY-th customer's), cancel every security
    access and cease every participation still open: set-wise, as an operator's bulk
    change would."""
    from django.db.models import F, Q
    from django.db.models.functions import Mod

    from customers.models import SystemRelationship
    from retention.rules import bindings
    from sorn.constants import RetentionAnchor

    SystemRelationship.objects.annotate(kept=Mod(F("person_id"), KEPT_EVERY)).filter(
        ~Q(kept=0), ended_on__isnull=True
    ).update(ended_on=today, status="ended")
    for b in bindings():
        if b.anchor in (RetentionAnchor.ACCESS_CANCELLED, RetentionAnchor.PARTICIPATION_CEASED):
            b.model._base_manager.filter(**{f"{b.date_field}__isnull": True}).update(
                **{b.date_field: today}
            )


def seed(args, as_of: datetime.date, today: datetime.date):
    """Seed customers until at least `args.records` records are due; returns the plan."""
    from retention.planning import compute_plan
    from sorn.demo import seed_demo_records

    def seeding(message: str) -> None:
        if int(message.split()[0]) % 50_000 == 0:
            print("  seeded", message, flush=True)

    started = time.perf_counter()
    customers = int(args.records / RECORDS_PER_CUSTOMER) + 10
    for _ in range(3):  # top up from the observed yield if short
        seed_demo_records(customers, progress=seeding)
        make_due(today)
        plan = compute_plan(as_of)
        if plan.total_due >= args.records:
            break
        customers = int(customers * args.records / max(plan.total_due, 1) * 1.01) + 1
    print(f"seeded {customers:,} customers in {time.perf_counter() - started:.0f} s")
    return plan


def table_counts(server: str, suffix: str, options: str) -> dict[str, int]:
    import psycopg

    counts = {}
    for base in (RECORDS, KEYSTORE):
        with psycopg.connect(f"{server}/{base}{suffix}", options=options) as conn:
            tables = conn.execute(
                "SELECT relname FROM pg_stat_user_tables WHERE schemaname = 'public'"
            ).fetchall()
            for (name,) in tables:
                query = f'SELECT count(*) FROM "{name}"'  # noqa: S608 (names from the catalogue)
                counts[f"{base}.{name}"] = conn.execute(query).fetchone()[0]
    return counts


def journal(run) -> tuple[dict[str, list[int]], list[int]]:
    """The ids destroyed per model, in the order destroyed, and the data keys, from the
    run's journal."""
    from retention.purge import unpack

    ids: dict[str, list[int]] = defaultdict(list)
    keys: list[int] = []
    for batch in run.batches.order_by("pk").iterator(chunk_size=50):
        ids[batch.model_label].extend(unpack(batch.record_ids))
        keys.extend(unpack(batch.data_key_ids))
    return ids, keys


def plain_delete(server: str, options: str, ids: dict[str, list[int]], keys: list[int]) -> float:
    """The baseline on copy B: plain SQL, one transaction per database. Returns the
    seconds spent deleting (loading the ids into temporary tables is not counted)."""
    import psycopg
    from django.apps import apps
    from django.db import models
    from psycopg import sql

    from customers.models import Person
    from retention.rules import person_parts

    def load(cursor, name: sql.Identifier, values: list[int]) -> None:
        cursor.execute(sql.SQL("CREATE TEMP TABLE {} (id bigint PRIMARY KEY)").format(name))
        with cursor.copy(sql.SQL("COPY {} (id) FROM STDIN").format(name)) as rows:
            for value in values:
                rows.write_row((value,))
        cursor.execute(sql.SQL("ANALYZE {}").format(name))

    def unlink(table: str, link: str, doomed: sql.Identifier) -> sql.Composed:
        return sql.SQL("UPDATE {t} SET {c} = NULL WHERE {c} IN (SELECT id FROM {d})").format(
            t=sql.Identifier(table), c=sql.Identifier(link), d=doomed
        )

    def delete(table: str, link: str, doomed: sql.Identifier) -> sql.Composed:
        return sql.SQL("DELETE FROM {t} WHERE {c} IN (SELECT id FROM {d})").format(
            t=sql.Identifier(table), c=sql.Identifier(link), d=doomed
        )

    statements: list[sql.Composed] = []
    with (
        psycopg.connect(f"{server}/{RECORDS}_b", options=options) as conn,
        conn.cursor() as cursor,
    ):
        for n, (label, values) in enumerate(ids.items()):
            model = apps.get_model(label)
            doomed = sql.Identifier(f"tmp_ids_{n}")
            load(cursor, doomed, values)
            for rel in model._meta.related_objects:
                if not rel.many_to_many and rel.on_delete is models.SET_NULL:
                    table, link = rel.related_model._meta.db_table, rel.field.column
                    statements.append(unlink(table, link, doomed))
            if model is Person:
                statements += [delete(p._meta.db_table, link, doomed) for p, link in person_parts()]
            statements.append(delete(model._meta.db_table, "id", doomed))
        conn.commit()
        started = time.perf_counter()
        for statement in statements:
            cursor.execute(statement)
        conn.commit()
        seconds = time.perf_counter() - started
    with (
        psycopg.connect(f"{server}/{KEYSTORE}_b", options=options) as conn,
        conn.cursor() as cursor,
    ):
        load(cursor, sql.Identifier("tmp_keys"), sorted(set(keys)))
        conn.commit()
        started = time.perf_counter()
        cursor.execute("DELETE FROM keystore_datakey WHERE id IN (SELECT id FROM tmp_keys)")
        conn.commit()
        seconds += time.perf_counter() - started
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--server", default="postgres://ci:ci@127.0.0.1:5432")
    parser.add_argument("--keep", action="store_true", help="keep the seeded databases")
    parser.add_argument("--reuse", action="store_true", help="measure on kept databases")
    args = parser.parse_args()
    server = args.server.rstrip("/")
    reuse = args.reuse and exists(server, RECORDS) and exists(server, KEYSTORE)

    drop(server, "_a", "_b")
    if not reuse:
        drop(server, "")
        admin(server, f"CREATE DATABASE {RECORDS}", f"CREATE DATABASE {KEYSTORE}")
    os.environ["DATABASE_URL"] = f"{server}/{RECORDS}"
    os.environ["KEYSTORE_DATABASE_URL"] = f"{server}/{KEYSTORE}"
    os.environ["RETENTION_MAX_FUTURE_DAYS"] = str(366 * AHEAD_YEARS)
    os.environ["CONN_MAX_AGE"] = "0"
    os.environ.setdefault("DATA_DIR", tempfile.mkdtemp(prefix="bench-purge-"))
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    from retention.planning import compute_plan
    from retention.purge import purge_expired

    # The baseline's sessions run as the service's do (JIT off: config/settings.py).
    options = settings.DATABASES["default"].get("OPTIONS", {}).get("options", "")
    try:
        call_command("migrate", verbosity=0)
        call_command("migrate", database="keystore", verbosity=0)
        today = timezone.localdate()
        as_of = today.replace(year=today.year + AHEAD_YEARS)
        plan = compute_plan(as_of) if reuse else seed(args, as_of, today)
        kept = sum(sum(m.values()) for m in plan.no_disposition_authority.values())
        print(
            f"{plan.total_due:,} records due as of {as_of}; kept: the Mint's {kept:,} "
            f"(no disposition authority) and every {KEPT_EVERY}th customer's"
        )
        for key, line in plan.as_dict()["rules"].items():
            print(f"  {key}: {line['due']:,} due, {line['waiting_on_other_records']:,} waiting")
        connections.close_all()
        if not reuse:
            for base in (RECORDS, KEYSTORE):
                import psycopg

                with psycopg.connect(f"{server}/{base}", autocommit=True) as conn:
                    conn.execute("VACUUM ANALYZE")
        before = table_counts(server, "", options)
        copy(server, "_a")
        copy(server, "_b")

        # (1) The purge, on copy A.
        admin(server, "CHECKPOINT")
        use("_a")
        started = time.perf_counter()
        run, _ = purge_expired(as_of, triggered_by="bench", batch_size=args.batch_size)
        purge_seconds = time.perf_counter() - started
        certificate = run.certificate
        assert certificate.complete and certificate.total == plan.total_due
        ids, keys = journal(run)
        pg_version = connections["default"].pg_version // 10000
        connections.close_all()
        after_a = table_counts(server, "_a", options)
        drop(server, "_a")  # and its autovacuum, which would compete with the baseline

        # (2) Plain SQL DELETEs of the same rows, on copy B.
        admin(server, "CHECKPOINT")
        sql_seconds = plain_delete(server, options, ids, keys)
        after_b = table_counts(server, "_b", options)

        # The purge's own journal, certificate and audit events grow in copy A; every
        # other table must end the same in both copies.
        books = {t for t in before if after_a[t] > before[t]}
        differ = {
            t: (after_a[t], after_b[t]) for t in set(before) - books if after_a[t] != after_b[t]
        }
        assert not differ, f"the copies differ after the purge: {differ}"
        key_table = f"{KEYSTORE}.keystore_datakey"
        rows = sum(before[t] - after_b[t] for t in before if t != key_table)
        destroyed_keys = before[key_table] - after_b[key_table]
        records = certificate.total
        purge_rate, sql_rate = records / purge_seconds, records / sql_seconds
        print(
            f"PostgreSQL {pg_version}, {os.cpu_count()} cores, batch size {args.batch_size}: "
            f"{records:,} records destroyed ({len(ids)} models; {rows:,} table rows with "
            f"the people's own parts), {destroyed_keys:,} data keys"
        )
        print(
            f"  purge_expired: {purge_seconds:.1f} s ({purge_rate:,.0f} records/s): plan, "
            "batches with journal and audit event, key destruction, certificate"
        )
        print(
            f"  plain SQL:     {sql_seconds:.1f} s ({sql_rate:,.0f} records/s): UPDATE SET NULL "
            "of links, DELETE ... IN (ids) per table, DELETE of the data keys, one transaction"
        )
        print(
            f"  purge / plain SQL throughput: {purge_rate / sql_rate:.2f} "
            f"(target at least 0.50; the million in under 120 s)"
        )
    finally:
        connections.close_all()
        drop(server, "_a", "_b")
        if not args.keep:
            drop(server, "")


if __name__ == "__main__":
    main()
