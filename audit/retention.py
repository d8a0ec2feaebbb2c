"""The audit records' own retention: purge what the catalogue's rule lets go, whole seals at
a time, and leave a tombstone from which the chain and its verification resume.

The rule is the catalogue's, and only the catalogue's (sorn/catalogue/audit_records.py):
6 years from each audit row's own date, the agency's choice under NARA GRS 3.2 item 031.
The accounting of disclosures keeps a floor on top of it: 5 U.S.C. 552a(c)(2), at least
five years after the disclosure or the life of the record, whichever is longer.

What goes, per sealed stream (audit.seals.STREAMS): the stream's oldest seals, contiguous
from the start of its chain, whose every row is past retention; nothing unsealed, nothing
from a seal that still holds a younger row. Each seal is re-verified before its rows go
(purging must not erase the evidence of tampering); a break stops that stream. Each batch
of whole seals is one transaction: the rows (and, for access events, their people), the
seals, an AuditTombstone, and a BulkChange event naming identifiers and counts only.

The application never deletes audit rows anywhere else: the models refuse, and on
PostgreSQL the append-only trigger lets a DELETE through only inside `audit_purge_range`
(audit/migrations/_triggers.py), the function this module calls.
"""

from __future__ import annotations

import datetime
import itertools
from collections.abc import Callable, Iterable, Iterator

from django.db import connections, models, router, transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from audit.models import (
    AccessEvent,
    AccessEventPerson,
    AuditSeal,
    AuditTombstone,
    DisclosureAccounting,
)
from audit.seals import STREAMS, ChainHead, Stream, check_seal
from audit.writes import process_identity, record_bulk_change
from sorn.catalogue import audit_records
from sorn.catalogue.schema import RetentionRule
from sorn.classification import registry
from sorn.constants import RetentionAnchor
from sorn.periods import describe_period, latest_anchor_due_by, start_of_day_after

PURGE_OPERATION = "audit_purge"
Progress = Callable[[str], None]


class _Refused(Exception):
    """A seal about to be purged does not verify: roll its batch back, stop its stream."""


def _rule(target: str) -> RetentionRule | None:
    """The catalogue's rule for `target`, if it gives a period this job can apply: None
    where it publishes none (no disposition authority: nothing is destroyed)."""
    rule = audit_records.rule_for(target)
    if rule.period is None or rule.anchor != RetentionAnchor.CREATED:
        return None
    return rule


def _runs(ids: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Consecutive ids as (first, last) ranges: 1, 2, 3, 7 -> (1, 3), (7, 7)."""
    ordered = sorted(ids)
    for _, run in itertools.groupby(enumerate(ordered), key=lambda pair: pair[1] - pair[0]):
        run = [value for _, value in run]
        yield run[0], run[-1]


def _delete_range(model: type[models.Model], first: int, last: int, column: str = "id") -> int:
    """Delete `model`'s rows whose `column` lies in [first, last]: on PostgreSQL through
    audit_purge_range, the one path its append-only trigger lets through; elsewhere
    (SQLite: no DELETE trigger) directly, below the models that refuse."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT audit_purge_range(%s, %s, %s)", [model._meta.db_table, first, last]
            )
            return cursor.fetchone()[0]
    rows = model._base_manager.using(connection.alias).filter(
        **{f"{column}__gte": first, f"{column}__lte": last}
    )
    return rows._raw_delete(connection.alias)


def _empty_result(as_of: datetime.date, dry_run: bool) -> dict:
    result: dict = {"as_of": as_of.isoformat(), "dry_run": dry_run}
    result.update({stream.name: 0 for stream in STREAMS})
    result.update(
        access_event_people=0,
        seals=0,
        tombstones=0,
        disclosure_accounting=0,
        disclosures_kept_while_person_exists=0,
        problems=[],
    )
    return result


def expired_seals(stream: Stream, as_of: datetime.date) -> list[AuditSeal]:
    """The stream's oldest seals, contiguous from the start of what remains of its chain,
    whose every row is past the rule on `as_of` (manifests not loaded)."""
    rule = _rule(stream.name)
    if rule is None:
        return []
    last_due = latest_anchor_due_by(as_of, rule.period)
    expired = []
    seals = AuditSeal.objects.filter(stream=stream.name).defer("manifest").order_by("sequence")
    for seal in seals.iterator(chunk_size=100):
        newest = stream.model.objects.filter(id__gte=seal.first_id, id__lte=seal.last_id).aggregate(
            newest=Max(stream.time_field)
        )["newest"]
        if newest is None or timezone.localdate(newest) > last_due:
            break  # a younger row (or none left: verify_audit names that) keeps the rest
        expired.append(seal)
    return expired


def _batches(seals: list[AuditSeal], batch_size: int) -> Iterator[list[AuditSeal]]:
    """Whole seals, about `batch_size` rows a batch; a bigger seal is a batch of its own."""
    batch, rows = [], 0
    for seal in seals:
        batch.append(seal)
        rows += seal.row_count
        if rows >= batch_size:
            yield batch
            batch, rows = [], 0
    if batch:
        yield batch


def purged_head(stream: Stream) -> ChainHead:
    """Where the stream's chain starts now: after its last tombstone, or at the beginning."""
    last = AuditTombstone.objects.filter(stream=stream.name).order_by("-last_sequence").first()
    if last is None:
        return ChainHead()
    return ChainHead(last.last_sequence, last.last_id, last.last_digest)


def _purge_seals(
    stream: Stream,
    planned: list[AuditSeal],
    start: ChainHead,
    as_of: datetime.date,
    by: str,
    dry_run: bool,
) -> dict | None:
    """One batch, in one transaction: re-read and lock the seals, check each against its
    rows and the chain from `start` (what precedes them), then remove rows, people and
    seals and leave the tombstone. None when another run purged them first."""
    rule = audit_records.rule_for(stream.name)
    with transaction.atomic(using=router.db_for_write(AuditSeal)):
        seals = list(
            AuditSeal.objects.select_for_update()
            .filter(pk__in=[seal.pk for seal in planned])
            .order_by("sequence")
        )
        if [seal.pk for seal in seals] != [seal.pk for seal in planned]:
            return None
        if not dry_run and purged_head(stream) != start:
            return None
        if seals[0].sequence != start.sequence + 1:
            raise _Refused(f"{stream.name} seal #{start.sequence + 1} is missing")
        previous, after_id = start.digest, start.last_id
        for seal in seals:
            _, problem = check_seal(stream, seal, previous, after_id)
            if problem:
                raise _Refused(problem)
            previous, after_id = seal.digest, seal.last_id
        first, last = seals[0], seals[-1]
        rows = sum(seal.row_count for seal in seals)
        people = 0
        if stream.model is AccessEvent:
            people = AccessEventPerson.objects.filter(
                event_id__gte=first.first_id, event_id__lte=last.last_id
            ).count()
        counts = {"rows": rows, "people": people, "seals": len(seals)}
        if dry_run:
            return counts
        if stream.model is AccessEvent:
            _delete_range(AccessEventPerson, first.first_id, last.last_id, column="event_id")
        removed = _delete_range(stream.model, first.first_id, last.last_id)
        if removed != rows:  # check_seal saw exactly the manifests' rows; anything else is a race
            raise _Refused(f"{stream.name} seals #{first.sequence}–#{last.sequence} changed")
        for low, high in _runs(seal.pk for seal in seals):
            _delete_range(AuditSeal, low, high)
        tombstone = AuditTombstone.objects.create(
            stream=stream.name,
            first_sequence=first.sequence,
            last_sequence=last.sequence,
            first_id=first.first_id,
            last_id=last.last_id,
            row_count=rows,
            previous_digest=start.digest,
            last_digest=last.digest,
            rule_key=rule.key,
            rule_period=rule.period,
            rule_source=rule.source_text,
            as_of=as_of,
            performed_by=by,
        )
        record_bulk_change(
            PURGE_OPERATION,
            stream.model._meta.label,
            rows,
            description=(
                f"{stream.name} seals #{first.sequence}–#{last.sequence}, ids "
                f"{first.first_id}–{last.last_id}, {people} access-event people; tombstone "
                f"#{tombstone.pk}; rule {rule.key} ({describe_period(rule.period)}) as of "
                f"{as_of.isoformat()}"
            ),
            by=by,
        )
        return counts


def expired_disclosures(as_of: datetime.date) -> models.QuerySet[DisclosureAccounting] | None:
    """Accountings of disclosure past the rule and the statutory floor on `as_of`, the
    person's records gone or not (None where the rule gives no period)."""
    rule = _rule(audit_records.DISCLOSURE_ACCOUNTING)
    if rule is None:
        return None
    # 5 U.S.C. 552a(c)(2): never sooner than five years after the disclosure.
    last_due = min(
        latest_anchor_due_by(as_of, rule.period),
        latest_anchor_due_by(as_of, audit_records.DISCLOSURE_ACCOUNTING_FLOOR),
    )
    return DisclosureAccounting.objects.filter(disclosed_at__lt=start_of_day_after(last_due))


def _living_person():
    # 5 U.S.C. 552a(c)(2): "or the life of the record, whichever is longer".
    return Exists(registry.person_model._base_manager.filter(pk=OuterRef("person_id")))


def _purge_disclosures(candidates: list[int], as_of: datetime.date, by: str, dry_run: bool) -> int:
    rule = audit_records.rule_for(audit_records.DISCLOSURE_ACCOUNTING)
    with transaction.atomic(using=router.db_for_write(DisclosureAccounting)):
        # Again inside the transaction: a person created since is kept.
        ids = list(
            DisclosureAccounting.objects.filter(pk__in=candidates)
            .filter(~_living_person())
            .values_list("id", flat=True)
        )
        if not ids or dry_run:
            return len(ids)
        for low, high in _runs(ids):
            _delete_range(DisclosureAccounting, low, high)
        record_bulk_change(
            PURGE_OPERATION,
            DisclosureAccounting._meta.label,
            len(ids),
            description=(
                f"accountings of disclosure, ids {min(ids)}–{max(ids)}; rule {rule.key} "
                f"({describe_period(rule.period)}), never sooner than 5 years after the "
                f"disclosure nor while the person's records exist (5 U.S.C. 552a(c)(2)), "
                f"as of {as_of.isoformat()}"
            ),
            by=by,
        )
        return len(ids)


def check_purge_arguments(as_of: datetime.date, batch_size: int) -> None:
    """ValueError for a date in the future (that would purge early) or a batch size below 1."""
    if as_of > timezone.localdate():
        raise ValueError(f"--as-of {as_of.isoformat()} is in the future")
    if batch_size < 1:
        raise ValueError("--batch-size must be at least 1")


def purge_expired_audit(
    as_of: datetime.date,
    *,
    batch_size: int = 5000,
    dry_run: bool = False,
    performed_by: str = "",
    progress: Progress | None = None,
) -> dict:
    """Purge the audit records the catalogue's rule lets go by `as_of` (see the module):
    whole expired seals of each stream with a tombstone each batch, and accountings of
    disclosure past both the rule and their statutory floor whose person no longer exists.

    Returns counts by stream name, `access_event_people`, `seals`, `tombstones`,
    `disclosure_accounting`, `disclosures_kept_while_person_exists`, and `problems` (a
    stream whose oldest seals do not verify is left alone and named there). `dry_run`
    counts the same and removes nothing. Raises ValueError for a date in the future or a
    batch size below 1."""
    check_purge_arguments(as_of, batch_size)
    by = performed_by or process_identity()
    say = progress or (lambda message: None)
    result = _empty_result(as_of, dry_run)

    for stream in STREAMS:
        start = purged_head(stream)
        for batch in _batches(expired_seals(stream, as_of), batch_size):
            try:
                counts = _purge_seals(stream, batch, start, as_of, by, dry_run)
            except _Refused as refused:
                result["problems"].append(str(refused))
                say(f"{stream.name}: stopped, {refused}")
                break
            if counts is None:
                say(f"{stream.name}: seals #{batch[0].sequence}–… already purged, skipped")
                break
            last = batch[-1]
            start = ChainHead(last.sequence, last.last_id, last.digest)
            result[stream.name] += counts["rows"]
            result["access_event_people"] += counts["people"]
            result["seals"] += counts["seals"]
            result["tombstones"] += 1  # written, or (dry run) to write
            say(
                f"{stream.name}: seals #{batch[0].sequence}–#{batch[-1].sequence}, "
                f"{counts['rows']} row(s)"
            )

    expired = expired_disclosures(as_of)
    if expired is not None:
        result["disclosures_kept_while_person_exists"] = expired.filter(_living_person()).count()
        after = 0
        while True:
            candidates = list(
                expired.filter(id__gt=after)
                .order_by("id")
                .values_list("id", flat=True)[:batch_size]
            )
            if not candidates:
                break
            after = candidates[-1]
            purged = _purge_disclosures(candidates, as_of, by, dry_run)
            result["disclosure_accounting"] += purged
            if purged:
                say(f"disclosure_accounting: {purged} row(s) up to #{after}")
    return result
