"""Verification across a purge: the chain resumes from the tombstone retention left, and
`verify_audit` still finds a deleted tombstone or seal, a row deleted outside the purge, an
altered tombstone and a row planted in a purged range. Tombstones are append-only, and on
PostgreSQL a plain DELETE of audit rows is still refused: only audit_purge_range deletes."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from audit.models import AccessEvent, AppendOnlyError, AuditSeal, AuditTombstone
from audit.retention import purge_expired_audit
from audit.seals import STREAMS, seal_new_rows, verify_chain
from sorn.constants import Role
from tests.audit.factories import AccessEventFactory, tamper

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

postgresql_only = pytest.mark.skipif(
    connections["default"].vendor != "postgresql",
    reason="the DELETE trigger is PostgreSQL's (SQLite test databases must be flushable)",
)


@pytest.fixture
def purged():
    """Seals #1 and #2 past retention and purged; #3, #4 and #5 younger and kept."""
    gone = []
    for _ in range(2):
        gone += AccessEventFactory.create_batch(2, expired=True)
        seal_new_rows(STREAMS[0])
    kept = []
    for _ in range(3):
        kept += AccessEventFactory.create_batch(2, young=True)
        seal_new_rows(STREAMS[0])
    assert purge_expired_audit(timezone.localdate())["access_events"] == 4
    return gone, kept


def test_the_chain_verifies_across_the_tombstone(purged, capsys):
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "3 seal(s), 6 sealed row(s)" in out
    assert "4 row(s) purged by the retention rule (1 tombstone(s))" in out


def test_a_deleted_tombstone_is_found(purged):
    tamper("DELETE FROM audit_audittombstone")
    with pytest.raises(CommandError, match="access_events seal #1 is missing"):
        call_command("verify_audit")


@pytest.mark.parametrize("sequence", [3, 4])
def test_a_deleted_seal_after_the_tombstone_is_found(purged, sequence):
    tamper(
        "DELETE FROM audit_auditseal WHERE stream = 'access_events' AND sequence = %s", [sequence]
    )
    assert verify_chain().problem == f"access_events seal #{sequence} is missing"


def test_a_row_deleted_outside_the_purge_is_found(purged):
    _, kept = purged
    tamper("DELETE FROM audit_accessevent WHERE id = %s", [kept[0].pk])
    assert verify_chain().problem == f"access event #{kept[0].pk} is missing from its seal"


def test_a_row_planted_in_the_purged_range_is_found(purged):
    gone, kept = purged
    tamper(
        "INSERT INTO audit_accessevent (id, occurred_at, user_id, username, roles, channel, model,"
        " record_ids, fields, remote_addr, path, purpose) SELECT %s, occurred_at, user_id,"
        " 'forger', roles, channel, model, record_ids, fields, remote_addr, path, purpose"
        " FROM audit_accessevent WHERE id = %s",
        [gone[1].pk, kept[0].pk],
    )
    assert verify_chain().problem == (
        f"access event #{gone[1].pk} was inserted after sealing (purged range)"
    )


def test_an_altered_tombstone_breaks_the_chain(purged):
    tamper("UPDATE audit_audittombstone SET last_digest = %s", ["f" * 64])
    assert verify_chain().problem == "access_events seal #3 does not chain"


def test_a_forged_tombstone_start_breaks_the_chain(purged):
    tamper("UPDATE audit_audittombstone SET previous_digest = %s", ["e" * 64])
    assert verify_chain().problem == "access_events tombstone of seals #1–#2 does not chain"


def test_tombstones_are_append_only(purged):
    tombstone = AuditTombstone.objects.get()
    tombstone.row_count = 0
    with pytest.raises(AppendOnlyError):
        tombstone.save()
    with pytest.raises(AppendOnlyError):
        tombstone.delete()
    with pytest.raises(AppendOnlyError):
        AuditTombstone.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_audittombstone SET row_count = 0")
    assert AuditTombstone.objects.get().row_count == 4


@postgresql_only
@pytest.mark.parametrize(
    "table", ["audit_accessevent", "audit_auditseal", "audit_audittombstone", "audit_bulkchange"]
)
def test_postgresql_still_refuses_a_plain_delete(purged, table):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (test-owned table names)
    assert AccessEvent.objects.count() == 6


@postgresql_only
def test_postgresql_lets_no_update_through_the_purge_setting(purged):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('audit.purging', 'on', true)")
        cursor.execute("UPDATE audit_accessevent SET username = 'intruder'")
    assert not AccessEvent.objects.filter(username="intruder").exists()


@postgresql_only
def test_postgresql_purge_function_leaves_the_door_shut_behind_it(purged):
    _, kept = purged
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT audit_purge_range('audit_accesseventperson', 0, 0)")
        cursor.execute("DELETE FROM audit_accessevent WHERE id = %s", [kept[0].pk])
    assert AccessEvent.objects.filter(pk=kept[0].pk).exists()


@postgresql_only
def test_postgresql_purge_function_never_removes_tombstones(purged):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT audit_purge_range('audit_audittombstone', 0, 1000000)")
    assert AuditTombstone.objects.count() == 1
    assert AuditSeal.objects.count() == 3


def test_auditors_and_only_they_see_the_tombstones(client, staff_user, purged):
    client.force_login(staff_user(Role.RECORDS_OFFICER))
    assert client.get("/admin/audit/audittombstone/").status_code in (302, 403)
    client.force_login(staff_user(Role.AUDITOR))
    listed = client.get("/admin/audit/audittombstone/")
    assert listed.status_code == 200
    assert list(listed.context["cl"].result_list) == [AuditTombstone.objects.get()]
    pk = AuditTombstone.objects.get().pk
    # The rule's period in words (issue 14, item 13), beside the stored P6Y.
    detail = client.get(f"/admin/audit/audittombstone/{pk}/change/").content.decode()
    assert "6 years after the event it records" in detail
    assert client.post(f"/admin/audit/audittombstone/{pk}/delete/").status_code == 403
    assert AuditTombstone.objects.count() == 1
