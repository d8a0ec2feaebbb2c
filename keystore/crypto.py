"""Envelope encryption: a data key per record, wrapped by a master key; field values
encrypted with AES-256-GCM under the record's data key.

Written here on `cryptography`'s AESGCM and HMAC primitives, because no well-kept Django
library keeps a destroyable key per record in a separate key store (the field-encryption
packages use one application key for every row, which cannot erase one record's copies).

Ciphertext token (text, so it fits any text column):
    "e1:" <data key id> ":" base64(nonce[12] || ciphertext+tag)
with the model label and field name as associated data, so a token moved to another
field or another table does not decrypt.
"""

from __future__ import annotations

import base64
import hmac
import os
import secrets
from collections.abc import Iterable, Mapping
from hashlib import sha256

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.db import IntegrityError, connections, transaction
from django.utils import timezone

from keystore.models import DataKey
from keystore.routers import KEYSTORE_ALIAS
from lib.bulk import insert_rows
from lib.keyring import KEY_BYTES, Keyring
from lib.lookups import among

NONCE_BYTES = 12
TOKEN_PREFIX = "e1"  # noqa: S105 (a format tag, not a secret)
BLIND_INDEX_CHARS = 32  # 128 bits of HMAC-SHA-256, hex


class DataKeyDestroyed(Exception):
    """The record's data key is gone: its values can no longer be read (by design)."""


class DecryptionFailed(Exception):
    """A ciphertext did not authenticate: altered, moved, or under another key."""


def keyring() -> Keyring:
    return settings.KEYRING


def _wrap_aad(key_id: int) -> bytes:
    return f"datakey:{key_id}".encode()


def wrap(raw_key: bytes, key_id: int, ring: Keyring | None = None) -> tuple[bytes, str]:
    ring = ring or keyring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(ring.current_key).encrypt(nonce, raw_key, _wrap_aad(key_id))
    return nonce + sealed, ring.current


def unwrap(wrapped: bytes, key_id: int, master_key_id: str, ring: Keyring | None = None) -> bytes:
    ring = ring or keyring()
    master = ring.master_keys.get(master_key_id)
    if master is None:
        raise DecryptionFailed(
            f"data key {key_id} is wrapped under master key {master_key_id!r}, "
            "which the keyring does not hold"
        )
    wrapped = bytes(wrapped)
    try:
        return AESGCM(master).decrypt(
            wrapped[:NONCE_BYTES], wrapped[NONCE_BYTES:], _wrap_aad(key_id)
        )
    except InvalidTag as exc:
        raise DecryptionFailed(
            f"data key {key_id} does not unwrap under {master_key_id!r}"
        ) from exc


def _new_key_id() -> int:
    # Random 63-bit identifiers: known before the insert (they are part of the wrapping's
    # associated data), so keys can be created in one bulk insert.
    return secrets.randbits(63) or 1


def create_data_keys(count: int) -> list[tuple[int, bytes]]:
    """Create `count` data keys in one bulk insert; returns (id, raw key) pairs."""
    if count <= 0:
        return []
    ring = keyring()
    sealer = AESGCM(ring.current_key)
    connection = connections[KEYSTORE_ALIAS]
    # COPY or executemany (lib.bulk) rather than bulk_create: a bulk load creates a key
    # per record, and Django's statement building would cost more than the cryptography.
    columns = ("id", "wrapped", "master_key_id", "created_at")
    now = timezone.now()
    for _attempt in range(3):
        pairs = [(_new_key_id(), os.urandom(KEY_BYTES)) for _ in range(count)]
        rows = []
        for key_id, raw in pairs:
            nonce = os.urandom(NONCE_BYTES)
            wrapped = nonce + sealer.encrypt(nonce, raw, _wrap_aad(key_id))
            rows.append((key_id, wrapped, ring.current, now))
        try:
            with transaction.atomic(using=KEYSTORE_ALIAS):
                insert_rows(connection, DataKey._meta.db_table, columns, rows)
        except IntegrityError:  # a 63-bit identifier collided; draw again
            continue
        return pairs
    raise IntegrityError("could not allocate unique data key identifiers")


def fetch_data_keys(key_ids: Iterable[int]) -> dict[int, bytes]:
    """Unwrapped data keys by id, in one query per 2,000 ids. Destroyed keys are absent."""
    ids = sorted({k for k in key_ids if k is not None})
    ring = keyring()
    found: dict[int, bytes] = {}
    for start in range(0, len(ids), 2000):
        chunk = ids[start : start + 2000]
        for key_id, wrapped, master_id in (
            DataKey.objects.using(KEYSTORE_ALIAS)
            .filter(id__in=chunk)
            .values_list("id", "wrapped", "master_key_id")
        ):
            found[key_id] = unwrap(wrapped, key_id, master_id, ring)
    return found


def destroy_data_keys(key_ids: Iterable[int]) -> int:
    """Cryptographic erase: delete the keys; every ciphertext under them is now noise."""
    ids = sorted({k for k in key_ids if k is not None})
    # PostgreSQL takes the ids as one array parameter, however many; SQLite as a list
    # of parameters, 2,000 at a time.
    chunk = max(len(ids), 1) if connections[KEYSTORE_ALIAS].vendor == "postgresql" else 2000
    deleted = 0
    for start in range(0, len(ids), chunk):
        deleted += (
            DataKey.objects.using(KEYSTORE_ALIAS)
            .filter(among("id", ids[start : start + chunk]))
            .delete()[0]
        )
    return deleted


def encrypt_value(plaintext: str, key_id: int, raw_key: bytes, aad: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(raw_key).encrypt(nonce, plaintext.encode(), aad.encode())
    return f"{TOKEN_PREFIX}:{key_id}:{base64.b64encode(nonce + sealed).decode()}"


def token_key_id(token: str) -> int:
    prefix, key_id, _ = token.split(":", 2)
    if prefix != TOKEN_PREFIX:
        raise DecryptionFailed(f"unknown ciphertext format {prefix!r}")
    return int(key_id)


def decrypt_value(token: str, keys: Mapping[int, bytes], aad: str) -> str:
    key_id = token_key_id(token)
    raw_key = keys.get(key_id)
    if raw_key is None:
        raise DataKeyDestroyed(f"data key {key_id} has been destroyed")
    blob = base64.b64decode(token.split(":", 2)[2])
    try:
        return (
            AESGCM(raw_key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad.encode()).decode()
        )
    except InvalidTag as exc:
        raise DecryptionFailed(f"a value under data key {key_id} did not authenticate") from exc


def blind_index(kind: str, normalised: str) -> str:
    """Keyed HMAC of a normalised identifier: equal values match, nothing else is learnt.

    `kind` ("email", "phone", "name"…) separates the index spaces, and is the same across
    models, so one token finds a person in every system that stores that identifier.
    """
    digest = hmac.new(keyring().blind_index_key, f"{kind}:{normalised}".encode(), sha256)
    return digest.hexdigest()[:BLIND_INDEX_CHARS]


def encrypt_bytes(data: bytes, raw_key: bytes, aad: str) -> bytes:
    """nonce || AES-GCM(data): a file kept under a record's data key (a request's
    uploads), binary so a 10 MB file is not stored as 13 MB of base64."""
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(raw_key).encrypt(nonce, data, aad.encode())


def decrypt_bytes(blob: bytes, raw_key: bytes, aad: str) -> bytes:
    blob = bytes(blob)
    try:
        return AESGCM(raw_key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad.encode())
    except InvalidTag as exc:
        raise DecryptionFailed("a file did not authenticate under its record's key") from exc
