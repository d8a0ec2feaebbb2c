"""The audit retention job (audit.retention.purge_expired_audit): whole sealed ranges past
the catalogue's rule (6 years from each row's own date, NARA GRS 3.2 item 031, the agency's
choice) go, oldest first, each batch leaving a tombstone and a bulk-change event; nothing
unsealed, nothing from a seal that still holds a younger row; verification still passes."""

import dataclasses

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from audit.models import (
    AccessEvent,
    AccessEventPerson,
    AuditSeal,
    AuditTombstone,
    BulkChange,
    ChangeEntry,
)
from audit.retention import purge_expired_audit
from audit.seals import GENESIS, STREAMS, seal_new_rows, verify_chain
from audit.tasks import seal_audit
from sorn.catalogue import audit_records
from tests.audit.factories import AccessEventFactory, BulkChangeFactory, tamper, years_ago

pytestmark = pytest.mark.django_db(databases=["default", "keystore"])

ACCESS_EVENTS = STREAMS[0]


def seal():
    return seal_new_rows(ACCESS_EVENTS)


def purge(**kwargs):
    return purge_expired_audit(timezone.localdate(), **kwargs)


def test_whole_expired_seals_go_and_everything_younger_stays():
    old = [AccessEventFactory(expired=True, about=[41, 42]) for _ in range(3)]
    seal()
    old += AccessEventFactory.create_batch(2, expired=True)
    second = seal()
    # A seal with one younger row stays whole, however old its other rows.
    mixed = [AccessEventFactory(expired=True), AccessEventFactory(young=True, about=[41])]
    seal()
    unsealed = AccessEventFactory(expired=True)

    result = purge()

    assert result["access_events"] == 5
    assert (result["seals"], result["tombstones"], result["access_event_people"]) == (2, 1, 6)
    assert result["problems"] == []
    kept = [*mixed, unsealed]
    assert list(AccessEvent.objects.order_by("id")) == kept
    assert list(AccessEventPerson.objects.values_list("event_id", flat=True)) == [mixed[1].pk]
    assert list(AuditSeal.objects.values_list("sequence", flat=True)) == [3]
    tombstone = AuditTombstone.objects.get()
    assert (tombstone.stream, tombstone.first_sequence, tombstone.last_sequence) == (
        "access_events",
        1,
        2,
    )
    assert (tombstone.first_id, tombstone.last_id, tombstone.row_count) == (
        old[0].pk,
        old[-1].pk,
        5,
    )
    assert tombstone.previous_digest == GENESIS
    assert tombstone.last_digest == second.digest
    assert (tombstone.rule_key, tombstone.rule_period) == ("audit_records", "P6Y")
    assert "General Records Schedule 3.2" in tombstone.rule_source
    assert tombstone.as_of == timezone.localdate()
    assert tombstone.performed_by

    verified = verify_chain()
    assert verified.ok, verified.problem
    assert (verified.purged, verified.tombstones) == (5, 1)


def test_the_purge_writes_its_own_audit_event_with_identifiers_and_counts_only():
    made = AccessEventFactory.create_batch(2, expired=True, username="jane.clerk")
    seal()
    purge(performed_by="records-officer-test")
    event = BulkChange.objects.get(operation="audit_purge")
    assert (event.model, event.row_count, event.performed_by) == (
        "audit.AccessEvent",
        2,
        "records-officer-test",
    )
    assert f"ids {made[0].pk}–{made[1].pk}" in event.description
    assert "seals #1–#1" in event.description
    assert "jane.clerk" not in event.description


def test_batches_are_whole_seals_each_with_its_tombstone():
    for _ in range(3):
        AccessEventFactory.create_batch(2, expired=True)
        seal()
    result = purge(batch_size=3)
    assert (result["access_events"], result["seals"], result["tombstones"]) == (6, 3, 2)
    tombstones = list(AuditTombstone.objects.order_by("first_sequence"))
    assert [(t.first_sequence, t.last_sequence) for t in tombstones] == [(1, 2), (3, 3)]
    assert tombstones[1].previous_digest == tombstones[0].last_digest
    assert BulkChange.objects.filter(operation="audit_purge").count() == 2
    assert verify_chain().ok


def test_sealing_resumes_from_the_tombstone_when_every_seal_went():
    AccessEventFactory.create_batch(2, expired=True)
    seal()
    purge()
    tombstone = AuditTombstone.objects.get()
    AccessEventFactory.create_batch(2)
    resumed = seal()
    assert (resumed.sequence, resumed.previous_digest) == (2, tombstone.last_digest)
    assert verify_chain().ok


def test_a_second_run_finds_nothing_more():
    AccessEventFactory.create_batch(2, expired=True)
    seal()
    assert purge()["access_events"] == 2
    again = purge()
    assert (again["access_events"], again["tombstones"]) == (0, 0)


def test_a_dry_run_counts_and_removes_nothing():
    for _ in range(2):
        AccessEventFactory.create_batch(2, expired=True, about=[7])
        seal()
    result = purge(dry_run=True, batch_size=2)
    assert (result["access_events"], result["seals"], result["access_event_people"]) == (4, 2, 4)
    assert result["tombstones"] == 2  # to write
    assert AccessEvent.objects.count() == 4
    assert AuditSeal.objects.count() == 2
    assert not AuditTombstone.objects.exists()
    assert not BulkChange.objects.exists()


def test_a_seal_that_does_not_verify_is_not_purged():
    # Purging must not erase the evidence of tampering.
    made = AccessEventFactory.create_batch(3, expired=True)
    seal()
    tamper("UPDATE audit_accessevent SET username = 'intruder' WHERE id = %s", [made[1].pk])
    result = purge()
    assert result["problems"] == [f"access event #{made[1].pk} was altered after sealing"]
    assert result["access_events"] == 0
    assert AccessEvent.objects.count() == 3
    assert not AuditTombstone.objects.exists()


def test_a_rule_without_a_period_purges_nothing(monkeypatch):
    # No period published: no disposition authority, nothing is destroyed.
    unlimited = dataclasses.replace(audit_records.AUDIT_RECORDS, period=None)
    monkeypatch.setattr(audit_records, "RULES", (unlimited,))
    AccessEventFactory.create_batch(2, expired=True)
    seal()
    assert purge()["access_events"] == 0
    assert AccessEvent.objects.count() == 2


def test_the_period_comes_from_the_catalogue(monkeypatch):
    longer = dataclasses.replace(audit_records.AUDIT_RECORDS, period="P10Y")
    monkeypatch.setattr(audit_records, "RULES", (longer,))
    AccessEventFactory.create_batch(2, expired=True)
    seal()
    assert purge()["access_events"] == 0


def test_change_entries_and_bulk_changes_follow_the_same_rule():
    person_type = ContentType.objects.get(app_label="customers", model="person")
    old_entry = ChangeEntry.objects.create(
        content_type=person_type,
        object_pk="1",
        object_repr="Person #1",
        action=ChangeEntry.Action.CREATE,
        changes={},
        timestamp=years_ago(7),
    )
    BulkChangeFactory(expired=True)
    seal_audit()
    young_entry = ChangeEntry.objects.create(
        content_type=person_type, object_pk="2", object_repr="Person #2", action=0, changes={}
    )
    result = purge()
    assert (result["change_entries"], result["bulk_changes"]) == (1, 1)
    assert list(ChangeEntry.objects.all()) == [young_entry]
    assert not ChangeEntry.objects.filter(pk=old_entry.pk).exists()
    # The purge's own events remain, to be sealed in their turn.
    assert set(BulkChange.objects.values_list("operation", flat=True)) == {"audit_purge"}
    assert verify_chain().ok
