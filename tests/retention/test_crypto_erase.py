"""Cryptographic erase (NIST SP 800-88): once a purge has destroyed a record, every copy
of its ciphertext taken before — a backup of the records database, the audit change
entries sealed under its key — is unreadable, because its data key is gone from the key
store; every record kept still decrypts. A crash after a batch's delete committed but
before its keys were destroyed leaves the batch marked, and the next run destroys those
keys before anything else."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection

import retention.purge
from audit.changes import readable_changes
from audit.models import ChangeEntry
from keystore.crypto import DataKeyDestroyed, decrypt_value, fetch_data_keys, token_key_id
from keystore.fields import EncryptedMixin
from retention.models import PurgeBatch, PurgeRun, RunStatus
from retention.purge import purge_expired, unpack

from .conftest import (
    AS_OF,
    DESTROYABLE,
    ONE_DAY,
    all_rows,
    person_rows,
    record_models,
    row,
)

pytestmark = [
    pytest.mark.django_db(databases=["default", "keystore"], transaction=True),
    pytest.mark.usefixtures("own_purge_lock"),
]

ERASED = "erased with the record (its data key was destroyed)"


def ciphertexts(rows) -> dict[tuple[str, int], list[tuple[str, str]]]:
    """(aad, token) of every encrypted value of `rows`, read as stored, by raw SQL: what
    a copy of the records database taken now would hold."""
    found = {}
    quote = connection.ops.quote_name
    for model in record_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedMixin)]
        pks = [pk for label, pk in rows if label == model._meta.label]
        if not fields or not pks:
            continue
        columns = ", ".join(quote(f.column) for f in fields)
        sql = (
            f"SELECT {quote(model._meta.pk.column)}, {columns} FROM {quote(model._meta.db_table)} "  # noqa: S608 (names from the model's meta)
            f"WHERE {quote(model._meta.pk.column)} IN ({', '.join(['%s'] * len(pks))})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, pks)
            for pk, *tokens in cursor.fetchall():
                found[(model._meta.label, pk)] = [
                    (f.aad, t) for f, t in zip(fields, tokens, strict=True) if t
                ]
    return found


def change_entries(rows) -> dict[tuple[str, int], list[ChangeEntry]]:
    found = {}
    for label, pk in rows:
        content_type = ContentType.objects.get_by_natural_key(*label.lower().split("."))
        entries = list(ChangeEntry.objects.filter(content_type=content_type, object_id=pk))
        if entries:
            found[(label, pk)] = entries
    return found


def sealed(entry: ChangeEntry) -> bool:
    return isinstance(entry.changes, dict) and "sealed" in entry.changes


def readable(aad: str, token: str) -> bool:
    try:
        decrypt_value(token, fetch_data_keys([token_key_id(token)]), aad)
    except DataKeyDestroyed:
        return False
    return True


def build_and_purge():
    """Per rule, a record due (its period ended yesterday) and one not due; the purge.
    Returns what was destroyed and kept, with their ciphertexts and change entries as a
    copy taken before the purge holds them, and the change entries after it."""
    due, kept = set(), set()
    for case in DESTROYABLE:
        person, record = case.build(case.anchor_for(AS_OF - ONE_DAY))
        due.add(row(record))
        if case.by_relationship:
            due |= person_rows(person)
        else:
            kept |= person_rows(person)
        _, not_due = case.build(case.anchor_for(AS_OF + ONE_DAY))
        kept.add(row(not_due))
    tokens = ciphertexts(due | kept)
    entries = change_entries(due | kept)
    assert {label for label, _ in tokens} >= {"customers.Person", "orders.ACHRecord"}
    assert all(readable(*t) for ts in tokens.values() for t in ts)
    assert all(isinstance(readable_changes(e), dict) for es in entries.values() for e in es)

    before = all_rows()
    purge_expired(AS_OF, triggered_by="test", batch_size=3)
    assert before - all_rows() == due
    after_entries = change_entries(due | kept)
    assert after_entries.keys() == entries.keys()  # who changed what, when: kept
    return due, kept, tokens, after_entries


def test_destroyed_records_are_unreadable_in_every_copy_and_kept_ones_still_read():
    due, kept, tokens, entries = build_and_purge()

    destroyed_tokens = [t for r, ts in tokens.items() if r in due for t in ts]
    kept_tokens = [t for r, ts in tokens.items() if r in kept for t in ts]
    assert destroyed_tokens and kept_tokens
    # A copy of the records database taken before the purge: the destroyed rows' keys
    # are gone, and with them their values; the kept rows' values still decrypt.
    destroyed_keys = {token_key_id(token) for _, token in destroyed_tokens}
    assert fetch_data_keys(destroyed_keys) == {}
    for aad, token in destroyed_tokens:
        with pytest.raises(DataKeyDestroyed):
            decrypt_value(token, fetch_data_keys([token_key_id(token)]), aad)
    assert all(readable(aad, token) for aad, token in kept_tokens)
    for label, pk in kept:
        model = next(m for m in record_models() if m._meta.label == label)
        record = model._base_manager.get(pk=pk)
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedMixin):
                getattr(record, field.attname)  # decrypts, or raises

    # The audit trail: what an entry said under a destroyed key is erased (every
    # encrypted record's own entries among them); the kept records' entries unseal.
    under_destroyed_keys = [
        entry
        for es in entries.values()
        for entry in es
        if sealed(entry) and token_key_id(entry.changes["sealed"]) in destroyed_keys
    ]
    assert {r for r in due if r in tokens} <= {
        r for r, es in entries.items() if any(e in under_destroyed_keys for e in es)
    }
    assert all(readable_changes(entry) == ERASED for entry in under_destroyed_keys)
    for r in kept & entries.keys():
        assert all(isinstance(readable_changes(e), dict) for e in entries[r]), r


def test_no_change_entry_about_a_destroyed_record_can_be_unsealed():
    # Every record about a person has a data key of its own (keystore.EncryptedRecord),
    # even one with no encrypted field (a security access, a subscription, an order): its
    # change entries are sealed under that key, not the person's, so they go with it
    # while the person stays for another system.
    due, _, _, entries = build_and_purge()
    readable_after = {
        r
        for r, es in entries.items()
        if r in due and any(sealed(e) and readable_changes(e) != ERASED for e in es)
    }
    assert readable_after == set()


def test_a_crash_before_the_keys_are_destroyed_is_finished_by_the_next_run(monkeypatch):
    """The delete committed, the key store failed: the batch stays marked (its keys not
    yet destroyed), and the next run destroys those keys before it destroys anything."""
    due = set()
    for case in DESTROYABLE:
        if case.rule == "ach":  # encrypted records: each batch has data keys to destroy
            due.add(row(case.build(case.anchor_for(AS_OF - ONE_DAY))[1]))
            case.build(case.anchor_for(AS_OF + ONE_DAY))
    before = all_rows()

    def key_store_down(key_ids):
        raise ConnectionError("key store unreachable")

    monkeypatch.setattr(retention.purge, "destroy_data_keys", key_store_down)
    with pytest.raises(ConnectionError):
        purge_expired(AS_OF, triggered_by="test", batch_size=1)
    monkeypatch.undo()

    crashed = PurgeRun.objects.get()
    assert crashed.status == RunStatus.RUNNING
    batch = PurgeBatch.objects.get()
    assert batch.keys_destroyed_at is None
    stranded = list(unpack(batch.data_key_ids))
    assert len(stranded) == 1
    assert len(fetch_data_keys(stranded)) == 1  # still in the key store
    assert len(before - all_rows()) == 1  # the delete itself committed

    calls = []
    real = retention.purge.destroy_data_keys

    def recording(key_ids):
        key_ids = list(key_ids)
        calls.append(key_ids)
        return real(key_ids)

    monkeypatch.setattr(retention.purge, "destroy_data_keys", recording)
    run, _ = purge_expired(AS_OF, triggered_by="test", batch_size=1)

    assert calls[0] == stranded
    assert fetch_data_keys(stranded) == {}
    batch.refresh_from_db()
    assert batch.keys_destroyed_at is not None
    assert batch.keys_destroyed_at <= run.batches.order_by("pk").first().committed_at
    assert not PurgeBatch.objects.filter(keys_destroyed_at__isnull=True).exists()
    crashed.refresh_from_db()
    assert crashed.status == RunStatus.INTERRUPTED
    assert crashed.certificate.complete is False
    assert crashed.certificate.total == 1
    assert before - all_rows() == due
