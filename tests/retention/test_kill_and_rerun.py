"""`purge_expired` killed with SIGKILL in the middle of a run, then run again, ends
exactly where an uninterrupted purge of the same data ends; the dead run is certified
(incomplete) for what it destroyed, the two certificates together cover every destroyed
record once, and no batch is left with its data keys alive. While one purge holds the
lock, another is refused and destroys nothing.

The purge runs as a real process (`python manage.py purge_expired`) against the test
databases: on PostgreSQL the test databases themselves (and a copy made from them as a
template for the uninterrupted purge); on SQLite, whose test databases live in memory,
files copied from them with SQLite's backup API and copied back afterwards.
"""

from __future__ import annotations

import base64
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connections

from keystore.crypto import fetch_data_keys
from retention.locking import ADVISORY_LOCK_KEY, purge_lock
from retention.models import PurgeBatch, PurgeRun, RunStatus
from retention.purge import unpack

from .conftest import (
    AS_OF,
    DESTROYABLE,
    ONE_DAY,
    all_rows,
    certified_labels,
    digest_of,
    open_request,
    person_rows,
    place_hold,
    record_models,
    row,
)

pytestmark = [
    pytest.mark.django_db(databases=["default", "keystore"], transaction=True),
    pytest.mark.usefixtures("own_purge_lock"),
]

ALIASES = {"default": "DATABASE_URL", "keystore": "KEYSTORE_DATABASE_URL"}
BATCH_SIZE = 5
DUE_PER_RULE = 12


def purge_command() -> list[str]:
    return [
        sys.executable,
        "manage.py",
        "purge_expired",
        "--as-of",
        AS_OF.isoformat(),
        "--batch-size",
        str(BATCH_SIZE),
        "--no-progress",
    ]


def keyring_json(ring) -> str:
    """The keyring as the KEYRING variable spells it (lib/keyring.py)."""

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode()

    return json.dumps(
        {
            "current": ring.current,
            "master_keys": {key_id: b64(key) for key_id, key in ring.master_keys.items()},
            "blind_index_key": b64(ring.blind_index_key),
        }
    )


class Databases:
    """The test databases as another process reaches them, as named copies: "main"
    (what the test reads back) and "twin" (a copy for the uninterrupted purge)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def env(self, copy: str) -> dict[str, str]:
        """This process's environment, pointed at the copy's databases, at the test's
        own DATA_DIR (its purge lock) and at the keyring in use here."""
        return {
            **os.environ,
            **{var: self.url(alias, copy) for alias, var in ALIASES.items()},
            "DATA_DIR": str(settings.DATA_DIR),
            "KEYRING": keyring_json(settings.KEYRING),
        }

    def run(self, copy: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            purge_command(),
            cwd=settings.BASE_DIR,
            env=self.env(copy),
            capture_output=True,
            text=True,
            timeout=600,
        )

    def start(self, copy: str) -> subprocess.Popen:
        return subprocess.Popen(
            purge_command(),
            cwd=settings.BASE_DIR,
            env=self.env(copy),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def survivors(self, copy: str) -> set[tuple[str, int]]:
        rows = set()
        for model in record_models():
            sql = f"SELECT {model._meta.pk.column} FROM {model._meta.db_table}"  # noqa: S608
            rows |= {(model._meta.label, r[0]) for r in self.query(copy, sql)}
        return rows


class SqliteDatabases(Databases):
    def path(self, alias: str, copy: str) -> Path:
        return self.directory / f"{copy}-{alias}.sqlite3"

    def url(self, alias: str, copy: str) -> str:
        return f"sqlite:///{self.path(alias, copy)}"

    def export(self, copy: str) -> None:
        for alias in ALIASES:
            connections[alias].ensure_connection()
            target = sqlite3.connect(self.path(alias, copy))
            connections[alias].connection.backup(target)
            target.close()

    def sync_back(self, copy: str) -> None:
        for alias in ALIASES:
            source = sqlite3.connect(self.path(alias, copy))
            source.backup(connections[alias].connection)
            source.close()

    def query(self, copy: str, sql: str, params=(), alias: str = "default") -> list[tuple]:
        db = sqlite3.connect(self.path(alias, copy), timeout=20)
        try:
            return db.execute(sql, params).fetchall()
        finally:
            db.close()

    def wait_unlocked(self) -> None:
        """flock: the kernel released it when the process died."""

    def drop_copies(self) -> None:
        """Files in the test's temporary directory."""


class PostgresDatabases(Databases):
    def name(self, alias: str, copy: str) -> str:
        name = connections[alias].settings_dict["NAME"]
        return name if copy == "main" else f"{name}_{copy}"

    def url(self, alias: str, copy: str) -> str:
        s = connections[alias].settings_dict
        return (
            f"postgres://{quote(s['USER'])}:{quote(s['PASSWORD'])}@{s['HOST'] or 'localhost'}:"
            f"{s['PORT'] or 5432}/{self.name(alias, copy)}"
        )

    def export(self, copy: str) -> None:
        """The main copy is the test database; another is made from it as a template
        (which needs every session to it closed, ours included)."""
        if copy == "main":
            return
        connections.close_all()
        for alias in ALIASES:
            with connections[alias]._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name(alias, copy)}"')
                cursor.execute(
                    f'CREATE DATABASE "{self.name(alias, copy)}" '
                    f'TEMPLATE "{self.name(alias, "main")}"'
                )

    def sync_back(self, copy: str) -> None:
        assert copy == "main"

    def query(self, copy: str, sql: str, params=(), alias: str = "default") -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url(alias, copy).replace("postgres://", "postgresql://")) as db:
            return db.execute(sql, params).fetchall()

    def wait_unlocked(self) -> None:
        """The server ends a killed client's session (and its advisory lock) when it
        notices the closed socket: wait for that rather than race it."""
        deadline = time.monotonic() + 30
        sql = (
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %s "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
        )
        while self.query("main", sql, [ADVISORY_LOCK_KEY])[0][0]:
            assert time.monotonic() < deadline, "the killed purge's lock was never released"
            time.sleep(0.05)

    def drop_copies(self) -> None:
        for alias in ALIASES:
            with connections[alias]._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name(alias, "twin")}"')


@pytest.fixture
def databases(tmp_path):
    vendor = connections["default"].vendor
    if vendor == "sqlite":
        found = SqliteDatabases(tmp_path)
    elif vendor == "postgresql":
        found = PostgresDatabases(tmp_path)
    else:
        pytest.skip(f"no way to share a {vendor} test database with another process")
    yield found
    found.drop_copies()


def build(records_officer):
    """Per rule: records due (period ended yesterday), one not due, one under a person
    hold and one frozen by a pending request. Returns the rows an uninterrupted purge
    must destroy and the rows it must keep."""
    due, kept = set(), set()
    for case in DESTROYABLE:
        for _ in range(DUE_PER_RULE):
            person, record = case.build(case.anchor_for(AS_OF - ONE_DAY))
            due.add(row(record))
            if case.by_relationship:
                due |= person_rows(person)
        _, not_due = case.build(case.anchor_for(AS_OF + ONE_DAY))
        held_person, held = case.build(case.anchor_for(AS_OF - ONE_DAY))
        place_hold(records_officer, scope="person", person_id=held_person.pk)
        asking, frozen = case.build(case.anchor_for(AS_OF - ONE_DAY))
        open_request(asking)
        kept |= {row(not_due), row(held), row(frozen), ("customers.Person", held_person.pk)}
        kept.add(("customers.Person", asking.pk))
    return due, kept


def journal(run: PurgeRun) -> set[tuple[str, int]]:
    """The records a run's batches say it destroyed."""
    return {
        (batch.model_label, pk) for batch in run.batches.all() for pk in unpack(batch.record_ids)
    }


def data_key_ids(rows: set[tuple[str, int]]) -> list[int]:
    keys = []
    for model in record_models():
        if any(f.attname == "data_key_id" for f in model._meta.concrete_fields):
            pks = [pk for label, pk in rows if label == model._meta.label]
            keys += model._base_manager.filter(pk__in=pks).values_list("data_key_id", flat=True)
    return [k for k in keys if k is not None]


def test_a_purge_killed_mid_run_then_run_again_ends_as_an_uninterrupted_one(
    databases, records_officer
):
    due, kept = build(records_officer)
    before = all_rows()
    doomed_keys = data_key_ids(due)
    certified_due = {r for r in due if r[0] in certified_labels()}
    batches_needed = len(certified_due) // BATCH_SIZE
    databases.export("twin")
    databases.export("main")

    uninterrupted = databases.run("twin")
    assert uninterrupted.returncode == 0, uninterrupted.stderr
    twin_rows = databases.survivors("twin")
    ((twin_digest, twin_complete),) = databases.query(
        "twin", "SELECT digest, complete FROM retention_destructioncertificate"
    )
    assert twin_complete

    process = databases.start("main")
    deadline = time.monotonic() + 300
    count = "SELECT count(*) FROM retention_purgebatch"
    while not databases.query("main", count)[0][0]:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no batch committed in five minutes"
        time.sleep(0.002)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    assert process.returncode == -signal.SIGKILL

    databases.sync_back("main")
    interrupted = PurgeRun.objects.get()
    committed = interrupted.batches.count()
    assert interrupted.status == RunStatus.RUNNING
    assert 0 < committed < batches_needed, "the kill did not land in the middle of the run"
    assert all_rows() != before

    databases.wait_unlocked()
    rerun = databases.run("main")
    assert rerun.returncode == 0, rerun.stderr
    databases.sync_back("main")
    after = all_rows()

    # The same end state as the uninterrupted purge, by primary key.
    assert after == twin_rows
    assert before - after == due
    assert kept <= after

    first, second = PurgeRun.objects.order_by("pk")
    assert first.pk == interrupted.pk
    assert first.status == RunStatus.INTERRUPTED
    assert first.certificate.complete is False
    assert second.status == RunStatus.COMPLETED
    assert second.certificate.complete is True
    destroyed_first, destroyed_second = journal(first), journal(second)
    assert len(destroyed_first) >= committed  # at least one row per committed batch
    assert not destroyed_first & destroyed_second
    assert destroyed_first | destroyed_second == certified_due
    assert first.certificate.digest == digest_of(destroyed_first)
    assert second.certificate.digest == digest_of(destroyed_second)
    assert first.certificate.total + second.certificate.total == len(certified_due)
    # Together they certify what the uninterrupted run certified alone.
    assert digest_of(destroyed_first | destroyed_second) == twin_digest

    assert not PurgeBatch.objects.filter(keys_destroyed_at__isnull=True).exists()
    assert doomed_keys and fetch_data_keys(doomed_keys) == {}
    assert data_key_ids(kept) and len(fetch_data_keys(data_key_ids(kept))) == len(
        set(data_key_ids(kept))
    )


def test_a_second_purge_is_refused_while_one_holds_the_lock(databases):
    """One purge at a time (retention.locking): the command exits non-zero, says why,
    and destroys nothing; once the lock is free the same command destroys the records."""
    due = {
        row(case.build(case.anchor_for(AS_OF - ONE_DAY))[1])
        for case in DESTROYABLE
        if not case.by_relationship
    }
    before = all_rows()
    databases.export("main")

    with purge_lock():
        refused = databases.run("main")

    assert refused.returncode != 0
    assert "another purge is running" in refused.stderr
    databases.sync_back("main")
    assert all_rows() == before
    assert not PurgeRun.objects.exists()

    done = databases.run("main")
    assert done.returncode == 0, done.stderr
    databases.sync_back("main")
    assert before - all_rows() == due
