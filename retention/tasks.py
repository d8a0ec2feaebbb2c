"""The nightly purge, run by Celery beat from a database schedule (django-celery-beat),
so records officers see and change it in the admin (Periodic tasks)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from audit.retention import purge_expired_audit
from retention.forecasts import compute_forecast as _compute_forecast
from retention.locking import PurgeLocked
from retention.models import PurgeRun, RetentionForecast, RunStatus
from retention.purge import PurgeRefused, execute_run, prepare_run, purge_expired

logger = logging.getLogger(__name__)

SCHEDULE_NAME = "Nightly retention purge"
TRIGGER = f"schedule {SCHEDULE_NAME!r} (Celery beat)"


@shared_task
def nightly_purge() -> dict:
    """Destroy what is due today; with RETENTION_REQUIRE_APPROVAL, only plan it for a
    records officer to approve (the approval enqueues `execute_approved_run`). Then the
    audit records past their own rule (audit.retention): whole sealed ranges, leaving
    tombstones the chain verifies across. Last, the dashboard's forecast, on what is
    left (retention.forecasts: stored, so the dashboard never computes it)."""
    as_of = timezone.localdate()
    outcome = _purge_records(as_of)
    outcome["audit"] = purge_expired_audit(as_of, performed_by=TRIGGER)
    outcome["forecast"] = _compute_forecast(
        RetentionForecast.objects.create(requested_by=TRIGGER).pk
    ).pk
    return outcome


def _purge_records(as_of) -> dict:
    if settings.RETENTION_REQUIRE_APPROVAL:
        waiting = PurgeRun.objects.filter(as_of=as_of, status=RunStatus.AWAITING_APPROVAL)
        run = waiting.first() or prepare_run(as_of, triggered_by=TRIGGER)
        logger.info("purge run #%s awaits approval", run.pk)
        return {"run": run.pk, "status": run.status}
    try:
        run, _ = purge_expired(
            as_of, triggered_by=TRIGGER, batch_size=settings.RETENTION_BATCH_SIZE
        )
    except PurgeLocked:
        logger.warning("nightly purge skipped: another purge is running")
        return {"run": None, "status": "locked"}
    return {"run": run.pk, "status": run.status, "destroyed": run.certificate.total}


@shared_task
def execute_approved_run(run_id: int) -> dict:
    """Carry out a run a records officer approved."""
    run = PurgeRun.objects.get(pk=run_id)
    try:
        execute_run(run)
    except (PurgeLocked, PurgeRefused) as exc:
        logger.warning("approved purge run #%s not executed: %s", run.pk, exc)
        return {"run": run.pk, "status": run.status, "error": str(exc)}
    return {"run": run.pk, "status": run.status, "destroyed": run.certificate.total}


@shared_task
def compute_forecast(forecast_id: int) -> dict:
    """Compute a forecast a records officer asked for from the dashboard
    (retention.services.request_forecast)."""
    row = _compute_forecast(forecast_id)
    logger.info("retention forecast #%s computed in %.1f s", row.pk, row.seconds)
    return {"forecast": row.pk, "seconds": row.seconds}
