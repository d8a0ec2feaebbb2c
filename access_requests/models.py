"""Privacy Act requests, as far as retention needs them today.

The requests issue builds the public form and the staff workflow on this model; retention
needs only to know which people have a request open: their records stay until the
request and any appeal are closed (5 U.S.C. 552a(d); destroying records a person has
asked for would defeat the request).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class RequestKind(models.TextChoices):
    ACCESS = "access", "Access to records (552a(d)(1))"
    AMENDMENT = "amendment", "Amendment of records (552a(d)(2))"
    ACCOUNTING = "accounting", "Accounting of disclosures (552a(c)(3))"


class RequestStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    IN_PROGRESS = "in_progress", "In progress"
    ANSWERED = "answered", "Answered (appeal period open)"
    APPEALED = "appealed", "Under appeal"
    CLOSED = "closed", "Closed"


class PrivacyActRequestQuerySet(models.QuerySet):
    def pending(self) -> PrivacyActRequestQuerySet:
        """Requests not yet closed: received, being worked, answered while an appeal may
        still come, or under appeal."""
        return self.exclude(status=RequestStatus.CLOSED)


class PrivacyActRequest(models.Model):
    kind = models.CharField(max_length=12, choices=RequestKind.choices)
    status = models.CharField(
        max_length=12, choices=RequestStatus.choices, default=RequestStatus.RECEIVED
    )
    received_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The person the request was matched to, once identity is verified. SET_NULL: a
    # closed request's file outlives the records it was about (its own schedule).
    person = models.ForeignKey(
        "customers.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="privacy_act_requests",
    )

    objects = PrivacyActRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = "Privacy Act request"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="closed", closed_at__isnull=False)
                | (~models.Q(status="closed") & models.Q(closed_at__isnull=True)),
                name="request_closed_when_closed_at",
            )
        ]

    def __str__(self) -> str:
        return f"Privacy Act request #{self.pk}"
