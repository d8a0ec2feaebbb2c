"""Writes: django-auditlog records every create, update and delete of every record model;
this module seals what an entry says under the data key of the record it is about (or of
its person), never writes a credential, blind index or key reference into it, and
reads entries back for auditors.

django-auditlog stores `getattr(obj, field)` — the decrypted value of an encrypted
field — in `changes`: sealing the whole of `changes` keeps those values out of the audit
table in clear, and lets retention erase them with the record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from auditlog.context import set_actor
from auditlog.registry import auditlog
from auditlog.signals import pre_log
from django.db.models.signals import pre_save
from django.utils.functional import SimpleLazyObject

from audit.models import ChangeEntry
from audit.reads import client_address
from keystore.crypto import (
    DataKeyDestroyed,
    decrypt_value,
    encrypt_value,
    fetch_data_keys,
    token_key_id,
)
from keystore.fields import BlindIndexField, EncryptedRecord, record_data_keys
from sorn.classification import record_models, registry
from sorn.constants import DataClass

SEALED_AAD = "audit.ChangeEntry.changes"
_instance: ContextVar[Any] = ContextVar("audited_instance", default=None)
# (user, purpose) of the writes being made: see writes_for.
_writes: ContextVar[tuple[Any, str] | None] = ContextVar("audited_writes", default=None)


@contextmanager
def writes_for(user, purpose: str) -> Iterator[None]:
    """Change entries written inside the block name `user` (where no request already
    did: a task, a service called outside a request) and carry `purpose` (a Privacy Act
    request's correction of a record). Our own context variable rather than a nested
    auditlog.set_actor, which would overwrite the request's and not restore it."""
    token = _writes.set((user, purpose))
    try:
        yield
    finally:
        _writes.reset(token)


def _remember_instance(sender, instance, action, **kwargs) -> bool:
    _instance.set(instance)
    return True


def excluded_fields(model) -> list[str]:
    """Never in a change entry: credentials, blind indexes, key references."""
    entry = registry.get(model)
    names = ["data_key_id"]
    for field in model._meta.concrete_fields:
        if isinstance(field, BlindIndexField) or (
            entry and (fc := entry.fields.get(field.name)) and fc.data_class == DataClass.CREDENTIAL
        ):
            names.append(field.name)
    return names


def register_record_models() -> None:
    """Every record model's writes are audited (called from AuditConfig.ready)."""
    for model in record_models():
        if not auditlog.contains(model):
            auditlog.register(model, exclude_fields=excluded_fields(model))
    pre_log.connect(_remember_instance, dispatch_uid="audit.remember_instance")
    pre_save.connect(seal_entry, sender=ChangeEntry, dispatch_uid="audit.seal_entry")


def data_key_of(instance) -> tuple[int, bytes] | None:
    """The key an entry about `instance` is sealed under: the record's own, or its
    person's (along the registry's person path); None for reference data about no one."""
    if isinstance(instance, EncryptedRecord) and instance.data_key_id is not None:
        keys = record_data_keys(instance)
        if instance.data_key_id in keys:
            return instance.data_key_id, keys[instance.data_key_id]
    if registry.facts(type(instance)).person_path == "pk":
        return None  # a person without its own key yet: nothing to seal under
    person_id = registry.person_id_of(instance)
    if person_id is not None:
        people = registry.person_model._base_manager
        key_id = people.filter(pk=person_id).values_list("data_key_id", flat=True).first()
        keys = fetch_data_keys([key_id]) if key_id else {}
        if key_id in keys:
            return key_id, keys[key_id]
    return None


def seal_entry(sender, instance, **kwargs) -> None:
    """pre_save of audit.ChangeEntry: what the entry says, sealed under the data key of
    the record it is about."""
    entry = instance
    if not entry._state.adding:
        return
    writes = _writes.get()
    if writes is not None:
        user, purpose = writes
        if entry.actor_id is None and getattr(user, "pk", None) is not None:
            entry.actor = user
        entry.additional_data = {**(entry.additional_data or {}), "purpose": purpose}
    instance = _instance.get()
    if instance is None or not entry.changes:
        return
    key = data_key_of(instance)
    if key is None:
        return  # reference data (a product, a campaign): nothing about a person
    key_id, raw = key
    plaintext = json.dumps(entry.changes, sort_keys=True)
    entry.changes = {"sealed": encrypt_value(plaintext, key_id, raw, SEALED_AAD)}
    entry.changes_text = ""
    entry.serialized_data = None


def readable_changes(entry) -> dict | str:
    """An entry's changes as an auditor reads them, or a note that they were erased."""
    changes = entry.changes or {}
    token = changes.get("sealed") if isinstance(changes, dict) else None
    if token is None:
        return changes
    try:
        keys = fetch_data_keys([token_key_id(token)])
        return json.loads(decrypt_value(token, keys, SEALED_AAD))
    except DataKeyDestroyed:
        return "erased with the record (its data key was destroyed)"


class ActorMiddleware:
    """Attribute every change made during a request to its user and client address.

    The user is resolved when the change is logged, not when the request starts: the
    API authenticates tokens inside the view, after this middleware has run (a
    django-auditlog pitfall: its own middleware logs token calls with no actor). The
    address comes from audit.reads.client_address, which believes X-Forwarded-For only
    from TRUSTED_PROXIES."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with set_actor(SimpleLazyObject(lambda: request.user), remote_addr=client_address(request)):
            return self.get_response(request)
