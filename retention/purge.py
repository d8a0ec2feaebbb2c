"""Destroying what the plan says: set-wise, in bounded transactions, restartably.

Each batch, in one transaction: select the next rows the rules allow (holds and requests
re-read first), null the links of rows that merely point at them (SET_NULL), delete them
(and, for a person, the person's own parts) with plain set-wise DELETEs, and journal the
batch (`PurgeBatch`, with the primary keys destroyed and the data keys to destroy) and its
audit event. After the commit the batch's data keys are destroyed in the key store, a
separate database (cryptographic erase, NIST SP 800-88): every other copy of the rows,
the audit change entries sealed under the same keys, a backup taken before the purge,
becomes unreadable. A crash between the two leaves the batch marked, and the next run
destroys its keys before anything else.

A run killed at any point leaves only whole batches behind: the next run certifies what
the dead one destroyed (an incomplete certificate) and carries on from the rules, which
never allow more than the plan.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import math
import sys
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import Max, Min, Q
from django.utils import timezone

from audit.writes import record_bulk_change
from customers.models import Person
from keystore.crypto import destroy_data_keys
from keystore.fields import EncryptedRecord
from lib.lookups import among
from retention.eligibility import Context, eligible
from retention.locking import purge_lock
from retention.models import DestructionCertificate, PurgeBatch, PurgeRun, RunStatus
from retention.planning import compute_plan, make_context
from retention.rules import Binding, person_parts

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 5000
MAX_BATCH_SIZE = 50_000

Progress = Callable[[Binding, int], None]


class PurgeRefused(ValueError):
    """Bad input: nothing was destroyed."""


def check_as_of(as_of: datetime.date, *, today: datetime.date | None = None) -> None:
    """A purge as of a future date would destroy records early: refused beyond
    RETENTION_MAX_FUTURE_DAYS (default 0: today at the latest)."""
    today = today or timezone.localdate()
    limit = today + datetime.timedelta(days=settings.RETENTION_MAX_FUTURE_DAYS)
    if as_of > limit:
        raise PurgeRefused(
            f"as-of date {as_of} is after {limit}: a purge may not run ahead of the calendar"
        )


def check_batch_size(batch_size: int) -> None:
    if not 1 <= batch_size <= MAX_BATCH_SIZE:
        raise PurgeRefused(f"batch size must be between 1 and {MAX_BATCH_SIZE}, not {batch_size}")


def pack(ids: Iterable[int]) -> bytes:
    """64-bit integers, big-endian whatever the machine, as the journal stores them."""
    packed = array("q", ids)
    if sys.byteorder == "little":
        packed.byteswap()
    return packed.tobytes()


def unpack(blob: bytes | memoryview) -> array:
    ids = array("q")
    ids.frombytes(bytes(blob))
    if sys.byteorder == "little":
        ids.byteswap()
    return ids


def _set_null_relations(model: type[models.Model]) -> list[models.ForeignObjectRel]:
    return [
        rel
        for rel in model._meta.related_objects
        if not rel.many_to_many and rel.on_delete is models.SET_NULL
    ]


def destroy_pending_keys() -> int:
    """Destroy the data keys of every committed batch whose keys are not yet destroyed
    (a run that died between its commit and the key store)."""
    destroyed = 0
    pending = PurgeBatch.objects.filter(keys_destroyed_at__isnull=True).order_by("pk")
    for batch in pending.iterator(chunk_size=100):
        destroyed += destroy_data_keys(unpack(batch.data_key_ids))
        PurgeBatch.objects.filter(pk=batch.pk).update(keys_destroyed_at=timezone.now())
    return destroyed


def _destroy_batch(
    run: PurgeRun, b: Binding, condition, after: int, upto: int | None, size: int
) -> list[int]:
    """One transaction: select (primary keys after `after`, up to `upto` if given),
    unlink, delete, journal. Returns the ids destroyed."""
    manager = b.model._base_manager
    keyed = issubclass(b.model, EncryptedRecord)
    fields = ("pk", "data_key_id") if keyed else ("pk",)
    within = Q(pk__gt=after) if upto is None else Q(pk__gt=after, pk__lte=upto)
    with transaction.atomic():
        rows = list(manager.filter(condition, within).order_by("pk").values_list(*fields)[:size])
        if not rows:
            return []
        ids = [row[0] for row in rows]
        key_ids = [row[1] for row in rows if keyed and row[1] is not None]
        if b.model is Person:
            for part, link in person_parts():
                part_rows = part._base_manager.filter(among(link, ids))
                if issubclass(part, EncryptedRecord):
                    key_ids.extend(
                        k for k in part_rows.values_list("data_key_id", flat=True) if k is not None
                    )
                part_rows._raw_delete(part_rows.db)
        for rel in _set_null_relations(b.model):
            rel.related_model._base_manager.filter(among(rel.field.attname, ids)).update(
                **{rel.field.attname: None}
            )
        # Django's own fast delete (no per-object signals): the rules above already made
        # sure nothing that must be kept refers to these rows.
        doomed = manager.filter(among("pk", ids))
        doomed._raw_delete(doomed.db)
        PurgeBatch.objects.create(
            run=run,
            system=b.system,
            rule_key=b.rule_key,
            model_label=b.label,
            row_count=len(ids),
            record_ids=pack(ids),
            data_key_ids=pack(key_ids),
        )
        record_bulk_change(
            "purge",
            b.label,
            len(ids),
            description=f"purge run #{run.pk}, rule {b.plan_key}, as of {run.as_of}, "
            f"ids {ids[0]}..{ids[-1]}",
            by=run.triggered_by,
        )
    return ids


def _slices(b: Binding, planned: int, batch_size: int) -> tuple[int, int, int | None]:
    """The lowest and highest primary keys, and how many primary keys each batch looks
    through (None: the table is empty).

    A slice is expected to hold about one batch of the rows due (the whole table when few
    are due). Bounded, the selection walks the slice by index; unbounded, PostgreSQL
    cannot tell how few rows pass the eligibility conditions, least of all while its
    statistics lag behind the deletions, and scans the whole table for every batch (a
    million records due: a batch of orders 0.25-0.6 s unbounded, 0.04 s bounded).
    """
    bounds = b.model._base_manager.aggregate(low=Min("pk"), high=Max("pk"))
    low, high = bounds["low"], bounds["high"]
    if high is None:
        return 0, 0, None
    return low, high, max(batch_size, math.ceil((high - low + 1) * batch_size / planned * 1.25))


def _purge_binding(
    run: PurgeRun, b: Binding, ctx: Context, planned: int, progress: Progress | None
) -> int:
    lowest, highest, span = _slices(b, planned, run.batch_size)
    destroyed, after, conflicts = 0, lowest - 1, 0
    while destroyed < planned and span is not None:
        ctx.refresh()  # a hold placed or a request received meanwhile counts from now
        condition = eligible(b, ctx, recursive=False)
        if condition is None:
            break
        # The last slice is open-ended: it also finds rows written since the plan.
        upto = after + span if after + span < highest else None
        size = min(run.batch_size, planned - destroyed)
        try:
            ids = _destroy_batch(run, b, condition, after, upto, size)
        except IntegrityError:
            # A row referring to the batch was written meanwhile: select again.
            conflicts += 1
            if conflicts > 3:
                raise
            continue
        if ids:
            destroy_pending_keys()
            destroyed += len(ids)
            if progress:
                progress(b, len(ids))
        if len(ids) == size:
            after = ids[-1]  # the slice may hold more
        elif upto is None:
            break  # nothing more is due in the rest of the table
        else:
            after = upto
    return destroyed


def certificate_lines(run: PurgeRun) -> tuple[list[dict], int, str]:
    """Counts per system, rule and model, and the SHA-256 over the sorted identifiers."""
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    ids_by_model: dict[str, array] = defaultdict(lambda: array("q"))
    for batch in run.batches.order_by("pk").iterator(chunk_size=50):
        counts[(batch.system, batch.rule_key, batch.model_label)] += batch.row_count
        ids_by_model[batch.model_label].extend(unpack(batch.record_ids))
    digest = hashlib.sha256()
    for label in sorted(ids_by_model):
        for record_id in sorted(ids_by_model[label]):
            digest.update(f"{label}:{record_id}\n".encode())
    lines = [
        {"system": system or "all systems (the person)", "rule": rule, "model": label, "count": n}
        for (system, rule, label), n in counts.items()
    ]
    return lines, sum(counts.values()), digest.hexdigest()


def issue_certificate(run: PurgeRun, *, complete: bool) -> DestructionCertificate:
    lines, total, digest = certificate_lines(run)
    return DestructionCertificate.objects.create(
        run=run,
        as_of=run.as_of,
        started_at=run.started_at or run.created_at,
        finished_at=run.finished_at or timezone.now(),
        authorised_by=run.authorised_by,
        revisions=run.revisions,
        lines=lines,
        total=total,
        digest=digest,
        complete=complete,
    )


def finish_interrupted_runs() -> list[PurgeRun]:
    """Runs left RUNNING by a dead process (the caller holds the lock, so none is alive):
    destroy their pending keys and certify what they destroyed."""
    destroy_pending_keys()
    finished = []
    for run in PurgeRun.objects.filter(status=RunStatus.RUNNING).order_by("pk"):
        run.status = RunStatus.INTERRUPTED
        run.finished_at = run.batches.order_by("-pk").values_list("committed_at", flat=True).first()
        run.save(update_fields=["status", "finished_at"])
        issue_certificate(run, complete=False)
        logger.warning("purge run #%s was interrupted; certified what it destroyed", run.pk)
        finished.append(run)
    return finished


def _planned_counts(plan: dict) -> dict[str, int]:
    return {
        label: line["due"]
        for rule in plan.get("rules", {}).values()
        for label, line in rule["models"].items()
    }


def prepare_run(
    as_of: datetime.date,
    *,
    triggered_by: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    status: str = RunStatus.AWAITING_APPROVAL,
) -> PurgeRun:
    """A run with its plan: to be approved, run at once (RUNNING, under the lock), or
    only recorded (DRY_RUN)."""
    check_as_of(as_of)
    check_batch_size(batch_size)
    plan = compute_plan(as_of)
    return PurgeRun.objects.create(
        as_of=as_of,
        status=status,
        triggered_by=triggered_by,
        revisions=plan.revisions,
        plan=plan.as_dict(),
        batch_size=batch_size,
    )


def execute_run(run: PurgeRun, *, progress: Progress | None = None) -> PurgeRun:
    """Destroy what an approved run's plan allows: never more rows of a model than the
    plan counted, and only those the rules still allow at the time of each batch."""
    if run.status != RunStatus.APPROVED:
        raise PurgeRefused(f"purge run #{run.pk} is {run.get_status_display().lower()}")
    check_as_of(run.as_of)
    check_batch_size(run.batch_size)
    with purge_lock():
        finish_interrupted_runs()
        _carry_out(run, progress)
    return run


def _carry_out(run: PurgeRun, progress: Progress | None) -> None:
    """The run itself; the caller holds the lock."""
    ctx = make_context(run.as_of)
    current = {slug: rules.revision.number for slug, rules in ctx.systems.items()}
    if current != run.revisions:
        raise PurgeRefused(
            f"the catalogue revisions in effect changed since run #{run.pk} was planned "
            f"({run.revisions} then, {current} now): plan again"
        )
    run.status, run.started_at = RunStatus.RUNNING, timezone.now()
    run.save(update_fields=["status", "started_at"])
    planned = _planned_counts(run.plan)
    for b in ctx.bindings.values():
        if planned.get(b.label):
            _purge_binding(run, b, ctx, planned[b.label], progress)
    run.status, run.finished_at = RunStatus.COMPLETED, timezone.now()
    run.save(update_fields=["status", "finished_at"])
    issue_certificate(run, complete=True)
    logger.info("purge run #%s completed", run.pk)


def purge_expired(
    as_of: datetime.date,
    *,
    triggered_by: str,
    batch_size: int = DEFAULT_BATCH_SIZE,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> tuple[PurgeRun, dict | None]:
    """Plan and, unless `dry_run`, destroy at once (no approval step). A dry run returns
    its plan (`Plan.as_dict()`) too."""
    check_as_of(as_of)
    check_batch_size(batch_size)
    if dry_run:
        run = prepare_run(
            as_of, triggered_by=triggered_by, batch_size=batch_size, status=RunStatus.DRY_RUN
        )
        return run, run.plan
    with purge_lock():
        # Certify and clean up after a dead run before planning, so the plan sees the
        # rows it left and the keys it left are gone first. The run is created RUNNING
        # under the lock: killed at any point from here, the next run certifies it.
        finish_interrupted_runs()
        run = prepare_run(
            as_of, triggered_by=triggered_by, batch_size=batch_size, status=RunStatus.RUNNING
        )
        _carry_out(run, progress)
    return run, None
