"""Sealing and verifying the access events: a hash chain over manifests of row hashes.

Written by hand: no well-kept library seals Django rows in a verifiable chain. The
canonical form of a row is the JSON of its stored values; a seal's digest is
SHA-256(previous digest || manifest), where the manifest lists each sealed row's id and
the first 16 bytes of SHA-256(canonical row), so verification can name the first
altered, missing or inserted row.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from audit.models import AccessEvent, AuditSeal

GENESIS = "0" * 64
ROW = struct.Struct(">q16s")
# Rows are sealed only once they are this old, so that a request still committing its
# insert (with a lower id than rows already committed) is never left outside a seal.
GRACE = datetime.timedelta(seconds=60)
SEALED_FIELDS = (
    "id", "occurred_at", "user_id", "username", "roles", "channel", "model", "record_ids",
    "fields", "remote_addr", "path", "purpose",
)  # fmt: skip


def canonical(row: dict) -> bytes:
    values = []
    for name in SEALED_FIELDS:
        value = row[name]
        if isinstance(value, datetime.datetime):
            value = value.astimezone(datetime.UTC).isoformat(timespec="microseconds")
        values.append(value)
    return json.dumps(values, separators=(",", ":"), ensure_ascii=False).encode()


def row_hash(row: dict) -> bytes:
    return hashlib.sha256(canonical(row)).digest()[:16]


def chain(previous: str, manifest: bytes) -> str:
    return hashlib.sha256(previous.encode() + bytes(manifest)).hexdigest()


def _rows(first_id: int, last_id: int, chunk: int = 20000) -> Iterator[dict]:
    start = first_id
    while start <= last_id:
        rows = list(
            AccessEvent.objects.filter(id__gte=start, id__lte=last_id)
            .order_by("id")
            .values(*SEALED_FIELDS)[:chunk]
        )
        if not rows:
            return
        yield from rows
        start = rows[-1]["id"] + 1


@transaction.atomic
def seal_new_events(
    max_rows: int = 200_000, now: datetime.datetime | None = None
) -> AuditSeal | None:
    """Seal the access events written since the last seal (up to `max_rows`)."""
    last = AuditSeal.objects.select_for_update().order_by("-sequence").first()
    after = last.last_id if last else 0
    cutoff = (now or timezone.now()) - GRACE
    newest = (
        AccessEvent.objects.filter(id__gt=after, occurred_at__lte=cutoff)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    if newest is None:
        return None
    manifest = bytearray()
    first_id = last_id = None
    count = 0
    for row in _rows(after + 1, newest):
        manifest += ROW.pack(row["id"], row_hash(row))
        first_id = first_id or row["id"]
        last_id = row["id"]
        count += 1
        if count >= max_rows:
            break
    previous = last.digest if last else GENESIS
    return AuditSeal.objects.create(
        sequence=(last.sequence + 1) if last else 1,
        first_id=first_id,
        last_id=last_id,
        row_count=count,
        manifest=bytes(manifest),
        previous_digest=previous,
        digest=chain(previous, manifest),
    )


@dataclass
class VerificationResult:
    seals: int
    rows: int
    unsealed: int
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain() -> VerificationResult:
    """Recompute every seal; the first break found is reported (identifiers only)."""
    previous = GENESIS
    rows = seals = 0
    expected_sequence = 1
    last_id = 0
    for seal in AuditSeal.objects.order_by("sequence").iterator(chunk_size=100):
        seals += 1
        if seal.sequence != expected_sequence:
            return VerificationResult(
                seals, rows, 0, f"seal #{expected_sequence} is missing (found #{seal.sequence})"
            )
        expected_sequence += 1
        manifest = bytes(seal.manifest)
        if seal.previous_digest != previous or chain(previous, manifest) != seal.digest:
            return VerificationResult(seals, rows, 0, f"seal #{seal.sequence} does not chain")
        previous = seal.digest
        listed = dict(ROW.iter_unpack(manifest))
        if len(listed) != seal.row_count:
            return VerificationResult(seals, rows, 0, f"seal #{seal.sequence} is malformed")
        found = set()
        for row in _rows(seal.first_id, seal.last_id):
            rows += 1
            found.add(row["id"])
            if row["id"] not in listed:
                return VerificationResult(
                    seals, rows, 0, f"access event #{row['id']} was inserted after sealing"
                )
            if listed[row["id"]] != row_hash(row):
                return VerificationResult(
                    seals, rows, 0, f"access event #{row['id']} was altered after sealing"
                )
        missing = sorted(set(listed) - found)
        if missing:
            return VerificationResult(
                seals, rows, 0, f"access event #{missing[0]} is missing from its seal"
            )
        last_id = seal.last_id
    unsealed = AccessEvent.objects.filter(id__gt=last_id).count()
    return VerificationResult(seals, rows, unsealed)
