"""Key-store operations: rewrapping data keys under a new master key."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from keystore.crypto import keyring, unwrap, wrap
from keystore.models import DataKey
from keystore.routers import KEYSTORE_ALIAS
from keystore.signals import keys_rewrapped


@dataclass
class RotationResult:
    rewrapped: int
    remaining: int
    batches: int


def keys_to_rewrap():
    return DataKey.objects.using(KEYSTORE_ALIAS).exclude(master_key_id=keyring().current)


def rotate_master_key(
    batch_size: int = 5000,
    max_batches: int | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> RotationResult:
    """Rewrap every data key not yet under the current master key, `batch_size` keys per
    transaction. Resumable: each batch commits on its own and the next run picks up the
    keys still under an old master key. Record ciphertexts are untouched (their data keys
    do not change), so nothing in the records database is rewritten."""
    if batch_size <= 0:
        raise ValueError("batch size must be a positive number")
    ring = keyring()
    total = keys_to_rewrap().count()
    done = batches = 0
    while max_batches is None or batches < max_batches:
        with transaction.atomic(using=KEYSTORE_ALIAS):
            batch = list(
                keys_to_rewrap()
                .select_for_update()
                .order_by("id")
                .values_list("id", "wrapped", "master_key_id")[:batch_size]
            )
            if not batch:
                break
            rows = []
            for key_id, wrapped, master_id in batch:
                new_wrapped, new_master = wrap(
                    unwrap(wrapped, key_id, master_id, ring), key_id, ring
                )
                rows.append(DataKey(id=key_id, wrapped=new_wrapped, master_key_id=new_master))
            DataKey.objects.using(KEYSTORE_ALIAS).bulk_update(
                rows, ["wrapped", "master_key_id"], batch_size=1000
            )
        done += len(batch)
        batches += 1
        progress(done, total)
    if done:
        keys_rewrapped.send(
            sender=DataKey,
            model_label="keystore.DataKey",
            row_count=done,
            description=f"data keys rewrapped under master key {ring.current!r}",
        )
    return RotationResult(rewrapped=done, remaining=keys_to_rewrap().count(), batches=batches)
