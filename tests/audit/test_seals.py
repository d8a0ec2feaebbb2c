"""Sealing the access events and verifying the chain: `verify_audit` finds a planted
UPDATE, DELETE or inserted row, and an altered seal."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from audit.models import AccessEvent, AuditSeal
from audit.seals import STREAMS, seal_new_rows, verify_chain
from audit.tasks import seal_audit

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])


def events(n: int, start: int = 0) -> list[AccessEvent]:
    made = AccessEvent.objects.bulk_create(
        AccessEvent(
            occurred_at=timezone.now() - datetime.timedelta(minutes=10),
            user_id=7,
            username="auditor-test",
            roles="auditor",
            channel="admin_list",
            model="customers.Person",
            record_ids=[start + i, start + i + 1],
            fields=["customer_id"],
            path="/admin/customers/person/",
        )
        for i in range(n)
    )
    return made


def raw(sql: str, params=()) -> None:
    """What an attacker with database access does: bypass the application (and, on
    SQLite, where only UPDATE is refused by trigger, drop the trigger first)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS audit_accessevent_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS audit_auditseal_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS audit_changeentry_no_update")
        else:
            # A superuser's session that skips triggers, as an intruder with the keys would.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def test_a_clean_chain_verifies(capsys):
    events(30)
    assert seal_audit() == 30
    events(5)
    assert seal_audit() == 5
    assert AuditSeal.objects.count() == 2
    call_command("verify_audit")
    assert "2 seal(s), 35 sealed row(s), 0 row(s) not yet sealed" in capsys.readouterr().out


def test_recent_rows_wait_for_the_grace_period():
    AccessEvent.objects.create(
        username="u", roles="", channel="api_list", model="m", record_ids=[1], fields=[], path="/"
    )
    assert seal_new_rows(STREAMS[0]) is None
    assert verify_chain().unsealed == 1


def test_an_updated_row_is_found():
    made = events(10)
    seal_audit()
    raw("UPDATE audit_accessevent SET username = 'intruder' WHERE id = %s", [made[4].pk])
    with pytest.raises(CommandError, match=f"access event #{made[4].pk} was altered"):
        call_command("verify_audit")


def test_a_deleted_row_is_found():
    made = events(10)
    seal_audit()
    raw("DELETE FROM audit_accessevent WHERE id = %s", [made[6].pk])
    with pytest.raises(CommandError, match=f"access event #{made[6].pk} is missing"):
        call_command("verify_audit")


def test_an_inserted_row_is_found():
    made = events(10)
    seal_audit()
    raw("DELETE FROM audit_accessevent WHERE id = %s", [made[3].pk])
    # Re-insert a forged row under the freed id, inside the sealed range.
    forged = events(1)[0]
    raw("UPDATE audit_accessevent SET id = %s WHERE id = %s", [made[3].pk, forged.pk])
    result = verify_chain()
    assert not result.ok
    assert f"#{made[3].pk}" in result.problem


def test_a_row_slipped_between_sealed_rows_is_found():
    made = events(10)
    seal_audit()
    raw("UPDATE audit_accessevent SET id = id + 1000 WHERE id = %s", [made[9].pk])
    raw(
        "INSERT INTO audit_accessevent (id, occurred_at, user_id, username, roles, channel, model,"
        " record_ids, fields, remote_addr, path, purpose) SELECT %s, occurred_at, user_id,"
        " 'forger', roles, channel, model, record_ids, fields, remote_addr, path, purpose"
        " FROM audit_accessevent WHERE id = %s",
        [made[9].pk, made[9].pk + 1000],
    )
    result = verify_chain()
    assert result.problem == f"access event #{made[9].pk} was altered after sealing"


def test_an_altered_seal_breaks_the_chain():
    events(10)
    seal_audit()
    events(3)
    seal_audit()
    raw("UPDATE audit_auditseal SET digest = %s WHERE sequence = 1", ["f" * 64])
    result = verify_chain()
    assert result.problem == "access_events seal #1 does not chain"


def test_seals_are_scheduled_in_the_database():
    from django_celery_beat.models import PeriodicTask

    task = PeriodicTask.objects.get(task="audit.tasks.seal_audit")
    assert task.enabled and task.interval.every == 5


def test_an_altered_change_entry_is_found():
    from customers.models import Person

    person = Person.objects.create(customer_id="SEAL1", given_name="S", email="s@example.org")
    from audit.models import ChangeEntry

    ChangeEntry.objects.filter(pk__gt=0)  # entries exist for the person's creation
    entry = ChangeEntry.objects.get(object_pk=str(person.pk), content_type__model="person")
    later = timezone.now() + datetime.timedelta(minutes=5)
    from audit.seals import STREAMS, seal_new_rows

    assert seal_new_rows(STREAMS[1], now=later).row_count == 1
    assert verify_chain().ok
    raw("UPDATE audit_changeentry SET object_repr = 'forged' WHERE id = %s", [entry.pk])
    assert verify_chain().problem == f"change entry #{entry.pk} was altered after sealing"


@pytest.mark.parametrize("table", ["audit_auditseal", "audit_changeentry", "audit_accessevent"])
def test_the_database_refuses_to_update_audit_rows(table):
    from django.db import DatabaseError, transaction

    from customers.models import Person

    Person.objects.create(customer_id="SEAL2", given_name="T", email="t@example.org")
    events(2)
    seal_audit()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET id = id")  # noqa: S608 (test-owned table names)


def test_a_row_planted_between_two_seals_is_found():
    events(2)
    seal_audit()
    moved = events(1)[0]
    # Leave a gap of ids between the seals, then plant a row in it.
    raw("UPDATE audit_accessevent SET id = id + 10 WHERE id = %s", [moved.pk])
    seal_audit()
    assert verify_chain().ok
    raw(
        "INSERT INTO audit_accessevent (id, occurred_at, user_id, username, roles, channel, model,"
        " record_ids, fields, remote_addr, path, purpose) SELECT %s, occurred_at, user_id,"
        " 'forger', roles, channel, model, record_ids, fields, remote_addr, path, purpose"
        " FROM audit_accessevent WHERE id = %s",
        [moved.pk + 5, moved.pk + 10],
    )
    assert verify_chain().problem == f"access event #{moved.pk + 5} was inserted after sealing"
