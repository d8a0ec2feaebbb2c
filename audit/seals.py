"""Sealing and verifying the audit streams: a hash chain over manifests of row hashes.

Written by hand: no well-kept library seals Django rows in a verifiable chain. Each stream
(access events, change entries) has its own chain. The canonical form of a row is the JSON
of its stored values; a seal's digest is SHA-256(previous digest || manifest), where the
manifest lists each sealed row's id and the first 16 bytes of SHA-256(canonical row), so
verification can name the first altered, missing or inserted row.

The audit's retention job (audit.retention) removes a stream's oldest seals with their rows
and leaves a tombstone naming them and the digest of the last: the chain, and its
verification, resume from the tombstone, and any row found again inside a purged range was
inserted.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from audit.models import (
    AccessEvent,
    AuditSeal,
    AuditTombstone,
    BulkChange,
    ChangeEntry,
    SecurityEvent,
)

GENESIS = "0" * 64
ROW = struct.Struct(">q16s")
# Rows are sealed only once they are this old, so that a request still committing its
# insert (with a lower id than rows already committed) is never left outside a seal.
GRACE = datetime.timedelta(seconds=60)


@dataclass(frozen=True)
class Stream:
    name: str
    model: type[models.Model]
    time_field: str

    @property
    def fields(self) -> list[str]:
        return [f.attname for f in self.model._meta.concrete_fields]

    @property
    def label(self) -> str:
        return str(self.model._meta.verbose_name)


STREAMS = (
    Stream("access_events", AccessEvent, "occurred_at"),
    Stream("change_entries", ChangeEntry, "timestamp"),
    Stream("bulk_changes", BulkChange, "occurred_at"),
    Stream("security_events", SecurityEvent, "occurred_at"),
)


def _json_value(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat(timespec="microseconds")
    if isinstance(value, datetime.date | decimal.Decimal):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def canonical(stream: Stream, row: dict) -> bytes:
    values = [_json_value(row[name]) for name in stream.fields]
    return json.dumps(values, separators=(",", ":"), ensure_ascii=False, sort_keys=True).encode()


def row_hash(stream: Stream, row: dict) -> bytes:
    return hashlib.sha256(canonical(stream, row)).digest()[:16]


def chain(previous: str, manifest: bytes) -> str:
    return hashlib.sha256(previous.encode() + bytes(manifest)).hexdigest()


def _rows(stream: Stream, first_id: int, last_id: int, chunk: int = 20000) -> Iterator[dict]:
    start = first_id
    while start <= last_id:
        rows = list(
            stream.model.objects.filter(id__gte=start, id__lte=last_id)
            .order_by("id")
            .values(*stream.fields)[:chunk]
        )
        if not rows:
            return
        yield from rows
        start = rows[-1]["id"] + 1


@dataclass(frozen=True)
class ChainHead:
    """Where a stream's chain stands: the last seal's (or, when retention purged every
    seal, the last tombstone's) sequence, last row id and digest."""

    sequence: int = 0
    last_id: int = 0
    digest: str = GENESIS


def chain_head(stream: Stream, last: AuditSeal | None = None) -> ChainHead:
    last = last or AuditSeal.objects.filter(stream=stream.name).order_by("-sequence").first()
    if last is not None:
        return ChainHead(last.sequence, last.last_id, last.digest)
    tombstone = AuditTombstone.objects.filter(stream=stream.name).order_by("-last_sequence").first()
    if tombstone is not None:
        return ChainHead(tombstone.last_sequence, tombstone.last_id, tombstone.last_digest)
    return ChainHead()


@transaction.atomic
def seal_new_rows(
    stream: Stream, max_rows: int = 200_000, now: datetime.datetime | None = None
) -> AuditSeal | None:
    """Seal the rows of `stream` written since its last seal (up to `max_rows`)."""
    seals = AuditSeal.objects.select_for_update().filter(stream=stream.name)
    head = chain_head(stream, seals.order_by("-sequence").first())
    after = head.last_id
    cutoff = (now or timezone.now()) - GRACE
    newest = (
        stream.model.objects.filter(id__gt=after, **{f"{stream.time_field}__lte": cutoff})
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    if newest is None:
        return None
    manifest = bytearray()
    first_id = last_id = None
    count = 0
    for row in _rows(stream, after + 1, newest):
        manifest += ROW.pack(row["id"], row_hash(stream, row))
        first_id = first_id or row["id"]
        last_id = row["id"]
        count += 1
        if count >= max_rows:
            break
    previous = head.digest
    return AuditSeal.objects.create(
        stream=stream.name,
        sequence=head.sequence + 1,
        first_id=first_id,
        last_id=last_id,
        row_count=count,
        manifest=bytes(manifest),
        previous_digest=previous,
        digest=chain(previous, manifest),
    )


@dataclass
class VerificationResult:
    seals: int = 0
    rows: int = 0
    unsealed: int = 0
    tombstones: int = 0
    purged: int = 0
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None


def check_seal(
    stream: Stream, seal: AuditSeal, previous: str, after_id: int
) -> tuple[int, str | None]:
    """Check one seal: it chains from `previous`, and the rows with ids after `after_id` (the
    end of what came before it) up to its last id are exactly those its manifest lists,
    unaltered. Returns the rows read and the first problem (identifiers only)."""
    where = f"{stream.name} seal #{seal.sequence}"
    name = stream.label
    manifest = bytes(seal.manifest)
    if seal.previous_digest != previous or chain(previous, manifest) != seal.digest:
        return 0, f"{where} does not chain"
    listed = dict(ROW.iter_unpack(manifest))
    if len(listed) != seal.row_count or seal.first_id <= after_id:
        return 0, f"{where} is malformed"
    seen = 0
    found = set()
    # From the end of the previous seal, not this one's first id: a row slipped into the
    # gap between two seals was inserted too.
    for row in _rows(stream, after_id + 1, seal.last_id):
        seen += 1
        found.add(row["id"])
        if row["id"] not in listed:
            return seen, f"{name} #{row['id']} was inserted after sealing"
        if listed[row["id"]] != row_hash(stream, row):
            return seen, f"{name} #{row['id']} was altered after sealing"
    missing = sorted(set(listed) - found)
    if missing:
        return seen, f"{name} #{missing[0]} is missing from its seal"
    return seen, None


def verify_stream(stream: Stream) -> VerificationResult:
    """Recompute one stream's seals, from its tombstones (what retention purged) on; the
    first break found is reported (identifiers only)."""
    result = VerificationResult()
    previous, expected, last_id = GENESIS, 1, 0
    for tombstone in AuditTombstone.objects.filter(stream=stream.name).order_by("first_sequence"):
        result.tombstones += 1
        if tombstone.first_sequence != expected:
            result.problem = f"{stream.name} seal #{expected} is missing"
            return result
        if tombstone.previous_digest != previous or tombstone.first_id <= last_id:
            result.problem = (
                f"{stream.name} tombstone of seals #{tombstone.first_sequence}"
                f"–#{tombstone.last_sequence} does not chain"
            )
            return result
        previous, expected = tombstone.last_digest, tombstone.last_sequence + 1
        last_id = tombstone.last_id
        result.purged += tombstone.row_count
    if last_id:
        planted = (
            stream.model.objects.filter(id__lte=last_id)
            .order_by("id")
            .values_list("id", flat=True)
            .first()
        )
        if planted is not None:
            result.problem = f"{stream.label} #{planted} was inserted after sealing (purged range)"
            return result
    for seal in (
        AuditSeal.objects.filter(stream=stream.name).order_by("sequence").iterator(chunk_size=100)
    ):
        result.seals += 1
        if seal.sequence != expected:
            result.problem = f"{stream.name} seal #{expected} is missing"
            return result
        expected += 1
        seen, problem = check_seal(stream, seal, previous, last_id)
        result.rows += seen
        if problem:
            result.problem = problem
            return result
        previous, last_id = seal.digest, seal.last_id
    result.unsealed = stream.model.objects.filter(id__gt=last_id).count()
    return result


def verify_chain() -> VerificationResult:
    """Every stream, in turn; the first break anywhere is the answer."""
    total = VerificationResult()
    for stream in STREAMS:
        result = verify_stream(stream)
        total.seals += result.seals
        total.rows += result.rows
        total.unsealed += result.unsealed
        total.tombstones += result.tombstones
        total.purged += result.purged
        if not result.ok:
            total.problem = result.problem
            return total
    return total
