"""Decisions about retention that staff take: placing and releasing legal holds,
approving or rejecting a purge run's plan, approving a notice revision that would destroy
records sooner. Who may take each, which state may follow which, and the audit event of
each, in the transaction that records the decision.

Holds are audited by django-auditlog (registered in RetentionConfig.ready: every save of
a hold, by whoever and however, is a change entry with its actor, address and time); the
decisions on runs and revisions are audit bulk-change events (`run.approve`,
`run.reject`, `revision.approve_retention`) naming the user, with counts and identifiers.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from audit.models import BulkChange
from audit.writes import record_bulk_change
from retention.hold_targets import query_problems, record_models
from retention.models import HoldScope, LegalHold, PurgeRun, RetentionForecast, RunStatus
from retention.tasks import compute_forecast
from sorn.constants import Role
from sorn.models import NoticeRevision
from sorn.roles import holds_role

# Issue 6: "a legal hold (placed by a records or privacy officer ...; released
# explicitly; audited)".
HOLD_ROLES = frozenset({Role.RECORDS_OFFICER, Role.PRIVACY_OFFICER})
# Runs and certificates: the officers, and the auditors who check them.
RUN_VIEWER_ROLES = frozenset({Role.RECORDS_OFFICER, Role.PRIVACY_OFFICER, Role.AUDITOR})
# "a setting can require a records officer's approval of each plan before destruction";
# "shortening a retention period ... requires a records officer's approval".
APPROVER_ROLES = frozenset({Role.RECORDS_OFFICER})
DASHBOARD_ROLES = HOLD_ROLES
# A forecast is three plans over every record table: asked for by those who run plans.
FORECAST_ROLES = APPROVER_ROLES
FORECAST_PATIENCE = datetime.timedelta(hours=1)


class DecisionRefused(Exception):
    """The decision cannot be taken (wrong role, already decided): nothing changed."""


def _require(user, roles: frozenset, what: str) -> None:
    if not holds_role(user, roles):
        raise DecisionRefused(f"{what} needs the role of " + " or ".join(sorted(roles)))


# Legal holds -------------------------------------------------------------------------


@transaction.atomic
def place_legal_hold(hold: LegalHold, *, by) -> LegalHold:
    """Store a new hold (already validated by LegalHoldForm) as placed by `by` now. A
    query hold's lookups are checked again against what `by` may read
    (retention/hold_targets.py), whoever calls this."""
    _require(by, HOLD_ROLES, "placing a legal hold")
    if hold.pk is not None:
        raise DecisionRefused("a legal hold is placed once; release it and place another")
    if not hold.reason.strip():
        raise DecisionRefused("a legal hold needs a reason")
    if hold.scope == HoldScope.QUERY:
        # A query hold is a search whose counts show: only fields `by` reads in clear.
        model = record_models().get(hold.model_label)
        problems = (
            [f"no retention rule governs {hold.model_label!r}"]
            if model is None
            else query_problems(model, hold.query, by=by)
        )
        if problems:
            raise DecisionRefused("; ".join(problems))
    hold.placed_by, hold.placed_at = by, timezone.now()
    hold.released_by, hold.released_at, hold.release_reason = None, None, ""
    hold.save()
    return hold


@transaction.atomic
def release_legal_hold(hold: LegalHold, *, by, reason: str) -> LegalHold:
    """Release an active hold: the records it kept follow their rules again from the
    next purge batch on."""
    _require(by, HOLD_ROLES, "releasing a legal hold")
    if not reason.strip():
        raise DecisionRefused("releasing a legal hold needs a reason")
    current = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if not current.is_active:
        raise DecisionRefused(f"{current} was already released on {current.released_at:%Y-%m-%d}")
    current.released_by, current.released_at = by, timezone.now()
    current.release_reason = reason.strip()
    current.save(update_fields=["released_by", "released_at", "release_reason"])
    return current


# Purge runs --------------------------------------------------------------------------


def _run_for_decision(run: PurgeRun) -> PurgeRun:
    current = PurgeRun.objects.select_for_update().get(pk=run.pk)
    if current.status != RunStatus.AWAITING_APPROVAL:
        raise DecisionRefused(
            f"{current} is not awaiting approval: it is {current.get_status_display().lower()}"
        )
    return current


@transaction.atomic
def approve_run(run: PurgeRun, *, by) -> PurgeRun:
    """Approve a run's plan. The caller enqueues its execution once this commits
    (retention.tasks.execute_approved_run)."""
    _require(by, APPROVER_ROLES, "approving a purge run")
    current = _run_for_decision(run)
    current.status = RunStatus.APPROVED
    current.approved_by, current.approved_at = by, timezone.now()
    current.save(update_fields=["status", "approved_by", "approved_at"])
    record_bulk_change(
        "run.approve",
        PurgeRun._meta.label,
        current.plan.get("total_due", 0),
        description=f"purge run #{current.pk} as of {current.as_of} approved",
        by=by.get_username(),
    )
    return current


@transaction.atomic
def reject_run(run: PurgeRun, *, by, reason: str) -> PurgeRun:
    """Reject a run's plan: nothing is destroyed under it; the next schedule plans anew."""
    _require(by, APPROVER_ROLES, "rejecting a purge run")
    if not reason.strip():
        raise DecisionRefused("rejecting a purge run needs a reason")
    current = _run_for_decision(run)
    current.status = RunStatus.REJECTED
    current.rejected_by, current.rejected_at = by, timezone.now()
    current.rejection_reason = reason.strip()
    current.save(update_fields=["status", "rejected_by", "rejected_at", "rejection_reason"])
    record_bulk_change(
        "run.reject",
        PurgeRun._meta.label,
        0,
        description=f"purge run #{current.pk} as of {current.as_of} rejected: {reason.strip()}",
        by=by.get_username(),
    )
    return current


def run_decisions(run: PurgeRun):
    """The audit events of the approval or rejection of `run`."""
    return BulkChange.objects.filter(
        model=PurgeRun._meta.label,
        operation__in=["run.approve", "run.reject"],
        description__startswith=f"purge run #{run.pk} as of ",
    ).order_by("occurred_at", "id")


# Notice revisions --------------------------------------------------------------------


@transaction.atomic
def approve_retention_change(revision: NoticeRevision, *, by) -> NoticeRevision:
    """Let a revision that destroys records sooner govern retention (sorn/services.py
    `retention_shortenings`; SystemOfRecords.retention_revision)."""
    _require(by, APPROVER_ROLES, "approving a retention change")
    current = NoticeRevision.objects.select_for_update().get(pk=revision.pk)
    if not current.retention_approval_required:
        raise DecisionRefused(f"{current} changes no retention period: nothing to approve")
    if current.retention_approved_at is not None:
        raise DecisionRefused(
            f"{current} was already approved on {current.retention_approved_at:%Y-%m-%d}"
        )
    current.retention_approved_by, current.retention_approved_at = by, timezone.now()
    current.save(update_fields=["retention_approved_by", "retention_approved_at"])
    record_bulk_change(
        "revision.approve_retention",
        NoticeRevision._meta.label,
        len(current.retention_changes),
        description=f"{current.system.slug} revision {current.number} (#{current.pk}) "
        "approved for retention",
        by=by.get_username(),
    )
    return current


# The dashboard's forecast ---------------------------------------------------------------


@transaction.atomic
def request_forecast(*, by) -> RetentionForecast:
    """Queue a new forecast for the dashboard (retention.forecasts), audited; the worker
    computes it once this commits. One already waiting is not queued twice."""
    _require(by, FORECAST_ROLES, "asking for a new retention forecast")
    # One a worker never picked up (stopped, lost) does not block the next after an hour.
    waiting = RetentionForecast.objects.filter(
        computed_at__isnull=True, requested_at__gte=timezone.now() - FORECAST_PATIENCE
    ).first()
    if waiting is not None:
        raise DecisionRefused(
            f"{waiting} was asked for at {waiting.requested_at:%Y-%m-%d %H:%M} and is still "
            "being computed"
        )
    row = RetentionForecast.objects.create(requested_by=by.get_username())
    record_bulk_change(
        "forecast.request",
        RetentionForecast._meta.label,
        0,
        description=f"retention forecast #{row.pk} asked for from the dashboard",
        by=by.get_username(),
    )
    transaction.on_commit(lambda: compute_forecast.delay(row.pk))
    return row
