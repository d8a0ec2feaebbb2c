"""The lifecycle of a mailer application: which decision may follow which status, and
the one service that records a decision and moves the status with it (USPS 820.100,
"Applications and Approvals"; purpose 2: "qualify and assist users").

Views, admin and API call `decide_application`; nothing else writes a decision or an
application's status, so the trail and the status cannot drift apart.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mailers.constants import ApplicationStatus, Decision
from mailers.models import ApplicationDecision, MailerApplication

# A simple application may be decided at once; approval, denial and withdrawal are final.
ALLOWED: dict[str, frozenset[str]] = {
    ApplicationStatus.SUBMITTED: frozenset(
        {Decision.UNDER_REVIEW, Decision.APPROVED, Decision.DENIED, Decision.WITHDRAWN}
    ),
    ApplicationStatus.UNDER_REVIEW: frozenset(
        {Decision.APPROVED, Decision.DENIED, Decision.WITHDRAWN}
    ),
    ApplicationStatus.APPROVED: frozenset(),
    ApplicationStatus.DENIED: frozenset(),
    ApplicationStatus.WITHDRAWN: frozenset(),
}


def allowed_decisions(status: str) -> frozenset[str]:
    return ALLOWED.get(status, frozenset())


def status_after(decision: str) -> ApplicationStatus:
    """Each decision moves the application to the status of the same name."""
    return ApplicationStatus(Decision(decision).value)


@transaction.atomic
def decide_application(
    application: MailerApplication,
    decision: Decision | str,
    *,
    decided_by=None,
    reason: str = "",
    decided_at: datetime.datetime | None = None,
) -> ApplicationDecision:
    """Record one decision on an application and move its status. Raises
    ValidationError (and changes nothing) when the decision may not follow the current
    status or the entry is invalid. Staff decide; only a withdrawal may be recorded
    without a staff member (the applicant's own request)."""
    application = MailerApplication.objects.select_for_update().get(pk=application.pk)
    decision = Decision(decision)
    if decision not in allowed_decisions(application.status):
        raise ValidationError(
            {
                "decision": f"An application that is {application.get_status_display().lower()} "
                f"cannot be {decision.label.lower()}."
            }
        )
    if decided_by is None and decision != Decision.WITHDRAWN:
        raise ValidationError({"decided_by": "A staff member must make this decision."})
    if decided_by is not None and not decided_by.is_staff:
        raise ValidationError({"decided_by": "Only staff may decide applications."})
    entry = ApplicationDecision(
        person_id=application.person_id,
        application=application,
        decision=decision,
        decided_at=decided_at or timezone.now(),
        decided_by=decided_by,
        reason=reason,
    )
    entry.full_clean()
    entry.save()
    application.status = status_after(decision)
    application.save(update_fields=["status"])
    return entry
